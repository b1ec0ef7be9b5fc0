/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-order.h"
#include "qd-orders-table.h"
#include "qd-table-rows.h"

G_BEGIN_DECLS

/* The orders table's columns (QD_ORDERS_N_COLUMNS, in QdOrdersColumn order): how each cell
 * shows an order and how each column sorts. */
const QdTableColumnSpec *qd_table_order_columns (void);

/* Which of WORKING, FILLED and CANCELLED an order is in (see QdOrdersFilter). */
QdOrdersFilter           qd_table_order_bucket  (QdOrder *order);

G_END_DECLS
