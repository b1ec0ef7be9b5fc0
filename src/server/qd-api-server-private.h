/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "qd-api-server.h"
#include "qd-idempotency.h"
#include "qd-rate-limit.h"
#include "qd-risk-check.h"
#include "qd-ws-hub.h"

G_BEGIN_DECLS

#define QD_API_PREFIX "/api/v1/ib/"

typedef enum
{
  QD_ROUTE_NONE,            /* unknown path */
  QD_ROUTE_PAGE,            /* / and /static/<name> */
  QD_ROUTE_WS,
  QD_ROUTE_CONNECTION,
  QD_ROUTE_ACCOUNT,
  QD_ROUTE_POSITIONS,
  QD_ROUTE_ORDERS,
  QD_ROUTE_ACCOUNT_REFRESH,
  QD_ROUTE_POSITIONS_REFRESH,
  QD_ROUTE_ORDERS_REFRESH,
  QD_ROUTE_PLACE,
  QD_ROUTE_CANCEL,
  QD_ROUTE_MODIFY,
} QdRoute;

struct _QdApiServer
{
  GObject           parent_instance;

  QdRuntime        *runtime;       /* may be NULL */
  QdIbService      *service;       /* may be NULL */
  QdRiskCheck      *risk;
  QdTokenStore     *tokens;
  QdWsHub          *hub;
  SoupServer       *soup;

  char             *address;
  guint16           port;
  guint16           bound_port;
  char             *tls_cert_path;
  char             *tls_key_path;
  gboolean          loopback_viewers;
  gboolean          bind_loopback;
  gboolean          bind_wildcard;
  GStrv             cors_origins;
  GStrv             allowed_hosts;
  gsize             max_body;
  guint             ack_timeout_ms;
  QdRateLimit      *rate;
  QdIdempotency    *idempotency;

  QdApiServerState  state;
  char             *error_message;

  /* Cached GET bodies, dropped on the service's updates. */
  GBytes           *orders_body;
  GBytes           *positions_body;
  GPtrArray        *pending_places;  /* PendingPlace, messages paused for the ack */
};

/* What the early handler decided about a request, kept on the message. */
typedef struct
{
  QdRoute    route;
  char      *order_id;       /* CANCEL, MODIFY */
  QdApiRole  role;
  char      *client;         /* the client's address, for the journal and the rate limit */
  char      *cors_origin;    /* echo in Access-Control-Allow-Origin, or NULL */
  char      *idempotency_scope;
  char      *idempotency_key;
} QdRequestInfo;

/* qd-api-security.c */
QdRoute        _qd_api_route              (const char        *path,
                                           char             **order_id);
gboolean       _qd_api_route_is_trading   (QdRoute            route);
void           _qd_api_early_handler      (SoupServer        *server,
                                           SoupServerMessage *msg,
                                           const char        *path,
                                           GHashTable        *query,
                                           gpointer           user_data);
QdRequestInfo *_qd_api_get_info           (SoupServerMessage *msg);
gboolean       _qd_api_is_loopback_name   (const char        *host);

/* qd-api-respond.c */
void           _qd_api_respond_json       (SoupServerMessage *msg,
                                           guint              status,
                                           GBytes            *body);
void           _qd_api_respond_text       (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *json);
void           _qd_api_respond_error      (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *detail);
void           _qd_api_serve_page         (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           const char        *path);

/* qd-api-rest.c */
void           _qd_api_handle_request     (SoupServer        *server,
                                           SoupServerMessage *msg,
                                           const char        *path,
                                           GHashTable        *query,
                                           gpointer           user_data);
void           _qd_api_drop_caches        (QdApiServer       *self);

/* qd-api-orders.c */
void           _qd_api_handle_place       (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           QdRequestInfo     *info);
void           _qd_api_handle_cancel      (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           QdRequestInfo     *info);
void           _qd_api_handle_modify      (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           QdRequestInfo     *info);
void           _qd_api_handle_refresh     (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           QdRoute            route);
void           _qd_api_cancel_pending     (QdApiServer       *self);

/* qd-ws-upgrade.c */
void           _qd_api_handle_ws          (QdApiServer       *self,
                                           SoupServerMessage *msg,
                                           QdRequestInfo     *info);

G_END_DECLS
