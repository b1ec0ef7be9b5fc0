/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-frame-coalescer.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_TYPE_ORDERS_TABLE (qd_orders_table_get_type ())

G_DECLARE_FINAL_TYPE (QdOrdersTable, qd_orders_table, QD, ORDERS_TABLE, GtkWidget)

/*
 * Which orders the table shows. Every order is in exactly one of the first three:
 *  - WORKING: not done yet (pending submit, submitted, partially filled, pending cancel...);
 *  - FILLED: done with at least one fill (filled, or canceled/expired after a partial fill);
 *  - CANCELLED: done without a fill: canceled, expired, rejected or denied.
 */
typedef enum
{
  QD_ORDERS_FILTER_WORKING,
  QD_ORDERS_FILTER_FILLED,
  QD_ORDERS_FILTER_CANCELLED,
  QD_ORDERS_FILTER_ALL,
} QdOrdersFilter;

/*
 * QdOrdersTable: the account's orders as TWS's order list shows them, newest first:
 * order id, time, symbol, action, type, quantity, filled, remaining, limit, stop, time in
 * force, status, average fill price and commission; sortable on every column, with a
 * Working / Filled / Cancelled / All switch that shows how many orders each holds.
 *
 * Rows update in place once per frame (see QdFrameCoalescer) from the service's
 * "order-updated" signal; the filter, the counts and a sorted column follow each update.
 */
GtkWidget        *qd_orders_table_new           (QdIbService    *service);
QdIbService      *qd_orders_table_get_service   (QdOrdersTable  *self);
void              qd_orders_table_set_service   (QdOrdersTable  *self,
                                                 QdIbService    *service);
QdOrdersFilter    qd_orders_table_get_filter    (QdOrdersTable  *self);
void              qd_orders_table_set_filter    (QdOrdersTable  *self,
                                                 QdOrdersFilter  filter);
QdFrameCoalescer *qd_orders_table_get_coalescer (QdOrdersTable  *self);

G_END_DECLS
