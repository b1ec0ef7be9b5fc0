/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "qd-test-util.h"

G_BEGIN_DECLS

/* Client helpers for the server tests: requests and WebSockets run on the same main
 * context as the server under test, so each call iterates it until the answer is in. */

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
} QdTestResponse;

void            qd_test_response_free (QdTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTestResponse, qd_test_response_free)

/* A session that trusts any certificate (the tests make their own self-signed one). */
SoupSession    *qd_test_session_new   (void);
/* headers: name, value, name, value, ..., NULL (may be NULL). body NULL: none. */
QdTestResponse *qd_test_http          (SoupSession        *session,
                                       const char         *method,
                                       const char         *url,
                                       const char         *token,
                                       const char         *body,
                                       const char * const *headers);

typedef struct
{
  SoupWebsocketConnection *connection;
  GPtrArray               *messages;   /* char *, in arrival order */
  gboolean                 closed;
  gushort                  close_code;
} QdTestWs;

/* NULL with an error when the handshake is refused; *status then holds the HTTP status. */
QdTestWs       *qd_test_ws_connect    (SoupSession        *session,
                                       const char         *url,
                                       const char         *origin,
                                       guint              *status,
                                       GError            **error);
void            qd_test_ws_free       (QdTestWs           *ws);
/* The index of the first message from `from` whose "type" is type (and whose text holds
 * `contains`, when given), waiting up to timeout_ms; -1 on timeout. */
gint            qd_test_ws_wait       (QdTestWs           *ws,
                                       guint               from,
                                       const char         *type,
                                       const char         *contains,
                                       guint               timeout_ms);
guint           qd_test_ws_count      (QdTestWs           *ws,
                                       const char         *type);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTestWs, qd_test_ws_free)

G_END_DECLS

/* ---- a server under test ------------------------------------------------------------ */

#include "qd-api-server.h"

typedef struct
{
  char         *tmpdir;
  QdRuntime    *runtime;      /* NULL: a server without a service */
  QdTokenStore *tokens;
  QdApiServer  *server;
  SoupSession  *session;
  char         *base;         /* http(s)://127.0.0.1:<port> */
} QdTestServer;

/* A demo runtime (paper venue, no demo trader, journal in a temp dir) and a started server
 * on a free loopback port with tokens in the temp dir. config: overrides (port, tokens and
 * address are always the test's own); NULL for the defaults. */
QdTestServer *qd_test_server_new     (const QdServerConfig *config,
                                      gboolean              with_runtime);
void          qd_test_server_free    (QdTestServer         *ts);
char         *qd_test_server_url     (QdTestServer         *ts,
                                      const char           *path);
const char   *qd_test_server_token   (QdTestServer         *ts,
                                      QdApiRole             role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTestServer, qd_test_server_free)
