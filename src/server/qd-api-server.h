/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-runtime.h"
#include "qd-token-store.h"

G_BEGIN_DECLS

#define QD_TYPE_API_SERVER (qd_api_server_get_type ())
#define QD_API_SERVER_ERROR (qd_api_server_error_quark ())

G_DECLARE_FINAL_TYPE (QdApiServer, qd_api_server, QD, API_SERVER, GObject)

typedef struct
{
  const char         *address;            /* NULL: 127.0.0.1 */
  guint16             port;               /* 0: pick a free port (tests) */
  const char         *tls_cert_path;      /* both or neither */
  const char         *tls_key_path;
  gboolean            loopback_viewers;   /* loopback reads without a token */
  const char * const *cors_origins;       /* NULL-terminated, may be NULL */
  QdTokenStore       *tokens;             /* NULL: the user's token store */
} QdServerConfig;

/*
 * QdApiServer: the seed's REST API (/api/v1/ib/...), the WebSocket /ws and the web page at /,
 * on a SoupServer, over the runtime's service.
 */
GQuark        qd_api_server_error_quark (void);
QdApiServer  *qd_api_server_new         (QdRuntime            *runtime,
                                         const QdServerConfig *config,
                                         GError              **error);
gboolean      qd_api_server_start       (QdApiServer          *self,
                                         GError              **error);
void          qd_api_server_stop        (QdApiServer          *self);
guint16       qd_api_server_get_port    (QdApiServer          *self);
/* http(s)://address:port/ */
char         *qd_api_server_get_url     (QdApiServer          *self);

G_END_DECLS
