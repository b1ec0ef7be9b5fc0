/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"
#include "qd-enums.h"

G_BEGIN_DECLS

/*
 * QdOrder: one order, named by its client order id (also its public order-id). Prices and
 * quantities are none until known; times are UNIX nanoseconds, 0 when unknown.
 */
#define QD_TYPE_ORDER (qd_order_get_type ())

G_DECLARE_FINAL_TYPE (QdOrder, qd_order, QD, ORDER, GObject)

/* One status change, oldest first in the history. */
typedef struct
{
  QdOrderStatus  status;
  gint64         ts;
  char          *note;
} QdOrderHistoryEntry;

QdOrder       *qd_order_new                      (const char    *client_order_id);

/* The public id: the same as the client order id. */
const char    *qd_order_get_order_id             (QdOrder       *self);
const char    *qd_order_get_client_order_id      (QdOrder       *self);
/* IB's order id once the venue accepted the order. */
const char    *qd_order_get_venue_order_id       (QdOrder       *self);
void           qd_order_set_venue_order_id       (QdOrder       *self,
                                                  const char    *venue_order_id);
const char    *qd_order_get_account_id           (QdOrder       *self);
void           qd_order_set_account_id           (QdOrder       *self,
                                                  const char    *account_id);
const char    *qd_order_get_contract_id          (QdOrder       *self);
void           qd_order_set_contract_id          (QdOrder       *self,
                                                  const char    *contract_id);
const char    *qd_order_get_symbol               (QdOrder       *self);
void           qd_order_set_symbol               (QdOrder       *self,
                                                  const char    *symbol);
const char    *qd_order_get_instrument_id        (QdOrder       *self);
void           qd_order_set_instrument_id        (QdOrder       *self,
                                                  const char    *instrument_id);
const char    *qd_order_get_strategy_id          (QdOrder       *self);
void           qd_order_set_strategy_id          (QdOrder       *self,
                                                  const char    *strategy_id);
/* The request that placed the order (from its qd:req= tag). */
const char    *qd_order_get_request_id           (QdOrder       *self);
void           qd_order_set_request_id           (QdOrder       *self,
                                                  const char    *request_id);
/* Why the order was denied, rejected or canceled. */
const char    *qd_order_get_reason               (QdOrder       *self);
void           qd_order_set_reason               (QdOrder       *self,
                                                  const char    *reason);
const char    *qd_order_get_commission_currency  (QdOrder       *self);
void           qd_order_set_commission_currency  (QdOrder       *self,
                                                  const char    *commission_currency);
/* IB API client id; -1 is unknown. */
gint           qd_order_get_client_id            (QdOrder       *self);
void           qd_order_set_client_id            (QdOrder       *self,
                                                  gint           client_id);
QdOrderSide    qd_order_get_action               (QdOrder       *self);
void           qd_order_set_action               (QdOrder       *self,
                                                  QdOrderSide    action);
QdOrderType    qd_order_get_order_type           (QdOrder       *self);
void           qd_order_set_order_type           (QdOrder       *self,
                                                  QdOrderType    order_type);
QdTimeInForce  qd_order_get_time_in_force        (QdOrder       *self);
void           qd_order_set_time_in_force        (QdOrder       *self,
                                                  QdTimeInForce  time_in_force);
QdDecimal      qd_order_get_total_quantity       (QdOrder       *self);
void           qd_order_set_total_quantity       (QdOrder       *self,
                                                  QdDecimal      total_quantity);
QdDecimal      qd_order_get_filled_quantity      (QdOrder       *self);
void           qd_order_set_filled_quantity      (QdOrder       *self,
                                                  QdDecimal      filled_quantity);
QdDecimal      qd_order_get_remaining_quantity   (QdOrder       *self);
void           qd_order_set_remaining_quantity   (QdOrder       *self,
                                                  QdDecimal      remaining_quantity);
QdDecimal      qd_order_get_limit_price          (QdOrder       *self);
void           qd_order_set_limit_price          (QdOrder       *self,
                                                  QdDecimal      limit_price);
QdDecimal      qd_order_get_stop_price           (QdOrder       *self);
void           qd_order_set_stop_price           (QdOrder       *self,
                                                  QdDecimal      stop_price);
QdDecimal      qd_order_get_avg_fill_price       (QdOrder       *self);
void           qd_order_set_avg_fill_price       (QdOrder       *self,
                                                  QdDecimal      avg_fill_price);
QdDecimal      qd_order_get_commission           (QdOrder       *self);
void           qd_order_set_commission           (QdOrder       *self,
                                                  QdDecimal      commission);
/* Setting the status also notifies is-working and ib-status when those change. */
QdOrderStatus  qd_order_get_status               (QdOrder       *self);
void           qd_order_set_status               (QdOrder       *self,
                                                  QdOrderStatus  status);
/* Derived from the status: qd_order_status_is_working() and qd_order_status_to_ib(). */
gboolean       qd_order_get_is_working           (QdOrder       *self);
const char    *qd_order_get_ib_status            (QdOrder       *self);
gint64         qd_order_get_created_time         (QdOrder       *self);
void           qd_order_set_created_time         (QdOrder       *self,
                                                  gint64         created_time);
/* The last update. */
gint64         qd_order_get_timestamp            (QdOrder       *self);
void           qd_order_set_timestamp            (QdOrder       *self,
                                                  gint64         timestamp);
/* Good-till-date expiry; 0 for none. */
gint64         qd_order_get_expire_time          (QdOrder       *self);
void           qd_order_set_expire_time          (QdOrder       *self,
                                                  gint64         expire_time);
/* Decimal places prices are shown with (default 2). */
gint           qd_order_get_price_precision      (QdOrder       *self);
void           qd_order_set_price_precision      (QdOrder       *self,
                                                  gint           price_precision);

/* Status history: entries are appended by the caller (the service), not by set_status. */
void           qd_order_append_history           (QdOrder       *self,
                                                  QdOrderStatus  status,
                                                  gint64         ts,
                                                  const char    *note);
/* Array of QdOrderHistoryEntry, owned by the order. */
const GArray  *qd_order_get_history              (QdOrder       *self);

G_END_DECLS
