/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "qd-activity-log.h"
#include "qd-ib-service.h"
#include "qd-token-store.h"

G_BEGIN_DECLS

#define QD_TYPE_WS_HUB (qd_ws_hub_get_type ())

G_DECLARE_FINAL_TYPE (QdWsHub, qd_ws_hub, QD, WS_HUB, GObject)

/*
 * QdWsHub: the WebSocket clients of /ws. Each gets a full snapshot on connect, then the
 * seed's messages (ib_connection, ib_account, ib_positions, ib_order) and ib_quote, ib_fill,
 * ib_activity as {"type","data","timestamp"}, coalesced per key at a bounded rate. A client
 * whose unsent backlog passes the bound is closed; every client is pinged.
 */
QdWsHub *qd_ws_hub_new            (QdIbService             *service,
                                   QdActivityLog           *activity);
/* Takes over a connection the server has already authenticated and origin-checked. */
void     qd_ws_hub_add_client     (QdWsHub                 *self,
                                   SoupWebsocketConnection *connection,
                                   QdApiRole                role);
guint    qd_ws_hub_get_n_clients  (QdWsHub                 *self);
/* Updates per second per key at most (default 20), and the backlog bound (default 4 MiB). */
void     qd_ws_hub_set_limits     (QdWsHub                 *self,
                                   guint                    max_flushes_per_second,
                                   gsize                    max_backlog_bytes);
void     qd_ws_hub_close_all      (QdWsHub                 *self);
/* Clients closed for letting their backlog pass the bound. */
guint    qd_ws_hub_get_n_dropped  (QdWsHub                 *self);

G_END_DECLS
