/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-runtime.h"
#include "qd-token-store.h"

G_BEGIN_DECLS

#define QD_TYPE_API_SERVER (qd_api_server_get_type ())
#define QD_API_SERVER_ERROR (qd_api_server_error_quark ())

G_DECLARE_FINAL_TYPE (QdApiServer, qd_api_server, QD, API_SERVER, GObject)

typedef enum
{
  QD_API_SERVER_ERROR_CONFIG,    /* a bad address, port, TLS pair or token directory */
  QD_API_SERVER_ERROR_LISTEN,    /* the address could not be bound (port busy, …) */
  QD_API_SERVER_ERROR_TLS,       /* the certificate or key could not be loaded */
} QdApiServerError;

typedef enum
{
  QD_API_SERVER_STOPPED,
  QD_API_SERVER_RUNNING,
  QD_API_SERVER_FAILED,          /* see the "error" property */
} QdApiServerState;

typedef struct
{
  const char         *address;            /* NULL: 127.0.0.1 */
  guint16             port;               /* 0: pick a free port (tests) */
  const char         *tls_cert_path;      /* both or neither */
  const char         *tls_key_path;
  gboolean            loopback_viewers;   /* loopback reads without a token */
  const char * const *cors_origins;       /* NULL-terminated, may be NULL */
  QdTokenStore       *tokens;             /* NULL: the user's token store */
  /* Host names a reverse proxy forwards (besides localhost and the bind address). */
  const char * const *allowed_hosts;
  gsize               max_body_bytes;     /* 0: 16 KiB */
  guint               rate_burst;         /* trading requests per client in a burst; 0: 10 */
  double              rate_per_second;    /* refill; 0: 5 per second */
  guint               ack_timeout_ms;     /* wait for the node's ack on place; 0: 3000 */
  GSettings          *risk_settings;      /* the risk-* limits to follow; NULL: defaults */
} QdServerConfig;

/*
 * QdApiServer: the seed's REST API (/api/v1/ib/...), the WebSocket /ws and the web page at /,
 * on a SoupServer, over the runtime's service. runtime may be NULL (no bus could be set
 * up): the page is served and the API answers 503.
 */
GQuark            qd_api_server_error_quark   (void);
QdApiServer      *qd_api_server_new           (QdRuntime            *runtime,
                                               const QdServerConfig *config,
                                               GError              **error);
gboolean          qd_api_server_start         (QdApiServer          *self,
                                               GError              **error);
void              qd_api_server_stop          (QdApiServer          *self);
guint16           qd_api_server_get_port      (QdApiServer          *self);
/* http(s)://address:port/ */
char             *qd_api_server_get_url       (QdApiServer          *self);
QdApiServerState  qd_api_server_get_state     (QdApiServer          *self);
/* Why the server is not running (FAILED), for people to read; NULL otherwise. */
const char       *qd_api_server_get_error     (QdApiServer          *self);
QdTokenStore     *qd_api_server_get_tokens    (QdApiServer          *self);
guint             qd_api_server_get_n_ws_clients (QdApiServer       *self);
/* The hub of /ws (limits can be changed for tests and benchmarks). */
GObject          *qd_api_server_get_ws_hub    (QdApiServer          *self);

G_END_DECLS
