/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-runtime.h"

G_BEGIN_DECLS

/* The command line, shared by the desktop application and --headless. */
typedef struct
{
  gboolean demo;
  gboolean headless;
  gboolean version;
  char    *bus_url;
  char    *trader_id;
  gint64   seed;
  double   rate;
  gint     summary_interval;
  gint     duration;
  gint     trade_interval_ms;
  /* the API server */
  char    *server;          /* ADDR:PORT */
  gboolean no_server;
  char    *tls_cert;
  char    *tls_key;
  char   **allowed_hosts;   /* names a reverse proxy forwards */
  /* the Redis bus */
  char    *stream_key;      /* the node's stream key when it is not trader-{ID}:stream */
  gint     history;         /* entries replayed per stream at start-up; 0: the setting */
  QdRedisBusOptions redis;  /* filled by qd_options_to_runtime_config */
} QdOptions;

#define QD_OPTIONS_INIT { .seed = 42, .rate = 50.0, .summary_interval = 2, .trade_interval_ms = 1500 }

void     qd_options_add_entries       (GApplication     *app,
                                       QdOptions        *options);
/* FALSE with a message for people when a value is out of range. */
gboolean qd_options_validate          (const QdOptions  *options,
                                       GError          **error);
/* Command line first, then settings (NULL: none), then defaults. Strings stay owned by
 * options and settings_values (freed with g_strfreev); config->redis_options points into
 * options. */
void     qd_options_to_runtime_config (QdOptions        *options,
                                       GSettings        *settings,
                                       QdRuntimeConfig  *config,
                                       GStrv            *settings_values);
void     qd_options_clear             (QdOptions        *options);
/* "127.0.0.1:8000", "[::1]:8000", "0.0.0.0:8443": an IP address and a port (0: any free
 * port). The address is returned without brackets. */
gboolean qd_options_parse_server      (const char       *text,
                                       char            **address,
                                       guint16          *port,
                                       GError          **error);

G_END_DECLS
