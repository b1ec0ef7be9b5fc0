/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-enums.h"

G_BEGIN_DECLS

/*
 * QdConnectionStatus: the node's link to IB (TWS or IB Gateway) and our link to the node's
 * bus. Times are UNIX nanoseconds, 0 when unknown; port and client-id are -1 when unknown.
 */
#define QD_TYPE_CONNECTION_STATUS (qd_connection_status_get_type ())

G_DECLARE_FINAL_TYPE (QdConnectionStatus, qd_connection_status, QD, CONNECTION_STATUS, GObject)

QdConnectionStatus *qd_connection_status_new                 (void);

gboolean            qd_connection_status_get_connected       (QdConnectionStatus *self);
void                qd_connection_status_set_connected       (QdConnectionStatus *self,
                                                              gboolean            connected);
QdBusState          qd_connection_status_get_bus_state       (QdConnectionStatus *self);
void                qd_connection_status_set_bus_state       (QdConnectionStatus *self,
                                                              QdBusState          bus_state);
const char         *qd_connection_status_get_bus_description (QdConnectionStatus *self);
void                qd_connection_status_set_bus_description (QdConnectionStatus *self,
                                                              const char         *bus_description);
/* "TWS" or "IBG" */
const char         *qd_connection_status_get_gateway_type    (QdConnectionStatus *self);
void                qd_connection_status_set_gateway_type    (QdConnectionStatus *self,
                                                              const char         *gateway_type);
const char         *qd_connection_status_get_host            (QdConnectionStatus *self);
void                qd_connection_status_set_host            (QdConnectionStatus *self,
                                                              const char         *host);
gint                qd_connection_status_get_port            (QdConnectionStatus *self);
void                qd_connection_status_set_port            (QdConnectionStatus *self,
                                                              gint                port);
gint                qd_connection_status_get_client_id       (QdConnectionStatus *self);
void                qd_connection_status_set_client_id       (QdConnectionStatus *self,
                                                              gint                client_id);
const char         *qd_connection_status_get_account_id      (QdConnectionStatus *self);
void                qd_connection_status_set_account_id      (QdConnectionStatus *self,
                                                              const char         *account_id);
gint64              qd_connection_status_get_connection_time (QdConnectionStatus *self);
void                qd_connection_status_set_connection_time (QdConnectionStatus *self,
                                                              gint64              connection_time);
gint64              qd_connection_status_get_last_heartbeat  (QdConnectionStatus *self);
void                qd_connection_status_set_last_heartbeat  (QdConnectionStatus *self,
                                                              gint64              last_heartbeat);
const char         *qd_connection_status_get_error_message   (QdConnectionStatus *self);
void                qd_connection_status_set_error_message   (QdConnectionStatus *self,
                                                              const char         *error_message);
QdTradingMode       qd_connection_status_get_trading_mode    (QdConnectionStatus *self);
void                qd_connection_status_set_trading_mode    (QdConnectionStatus *self,
                                                              QdTradingMode       trading_mode);
/* No heartbeat for too long: what is shown may be out of date. */
gboolean            qd_connection_status_get_stale           (QdConnectionStatus *self);
void                qd_connection_status_set_stale           (QdConnectionStatus *self,
                                                              gboolean            stale);
/* The node's own state word, e.g. "RUNNING". */
const char         *qd_connection_status_get_node_state      (QdConnectionStatus *self);
void                qd_connection_status_set_node_state      (QdConnectionStatus *self,
                                                              const char         *node_state);
/* "ACTIVE", "HALTED" or "REDUCING" */
const char         *qd_connection_status_get_trading_state   (QdConnectionStatus *self);
void                qd_connection_status_set_trading_state   (QdConnectionStatus *self,
                                                              const char         *trading_state);
/* The other end is our paper venue, not a real node. */
gboolean            qd_connection_status_get_simulated       (QdConnectionStatus *self);
void                qd_connection_status_set_simulated       (QdConnectionStatus *self,
                                                              gboolean            simulated);
const char         *qd_connection_status_get_trader_id       (QdConnectionStatus *self);
void                qd_connection_status_set_trader_id       (QdConnectionStatus *self,
                                                              const char         *trader_id);

G_END_DECLS
