/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-orders-table.h"
#include "qd-positions-table.h"

G_BEGIN_DECLS

/* Columns of the two tables, in display order; also what the accessors below take. */
typedef enum
{
  QD_POSITIONS_COLUMN_SYMBOL,
  QD_POSITIONS_COLUMN_POSITION,
  QD_POSITIONS_COLUMN_AVG_COST,
  QD_POSITIONS_COLUMN_MARKET_PRICE,
  QD_POSITIONS_COLUMN_MARKET_VALUE,
  QD_POSITIONS_COLUMN_UNREALIZED_PNL,
  QD_POSITIONS_COLUMN_REALIZED_PNL,
  QD_POSITIONS_COLUMN_CURRENCY,
  QD_POSITIONS_N_COLUMNS
} QdPositionsColumn;

typedef enum
{
  QD_ORDERS_COLUMN_ORDER_ID,
  QD_ORDERS_COLUMN_TIME,
  QD_ORDERS_COLUMN_SYMBOL,
  QD_ORDERS_COLUMN_ACTION,
  QD_ORDERS_COLUMN_TYPE,
  QD_ORDERS_COLUMN_QUANTITY,
  QD_ORDERS_COLUMN_FILLED,
  QD_ORDERS_COLUMN_REMAINING,
  QD_ORDERS_COLUMN_LIMIT,
  QD_ORDERS_COLUMN_STOP,
  QD_ORDERS_COLUMN_TIME_IN_FORCE,
  QD_ORDERS_COLUMN_STATUS,
  QD_ORDERS_COLUMN_AVG_FILL,
  QD_ORDERS_COLUMN_COMMISSION,
  QD_ORDERS_N_COLUMNS
} QdOrdersColumn;

/* Test accessors. Rows count in display order (sorted, filtered); a cell is NULL when its
 * row is not on screen. */
GtkColumnView       *qd_positions_table_get_column_view (QdPositionsTable  *self);
GtkSortListModel    *qd_positions_table_get_sort_model  (QdPositionsTable  *self);
GtkColumnViewColumn *qd_positions_table_get_column      (QdPositionsTable  *self,
                                                         QdPositionsColumn  column);
GtkWidget           *qd_positions_table_get_cell        (QdPositionsTable  *self,
                                                         guint              row,
                                                         QdPositionsColumn  column);
const char          *qd_positions_table_get_cell_text   (QdPositionsTable  *self,
                                                         guint              row,
                                                         QdPositionsColumn  column);
/* The totals row's cell under column, or NULL where it has none. */
GtkWidget           *qd_positions_table_get_total_cell  (QdPositionsTable  *self,
                                                         QdPositionsColumn  column);
/* Opens the position's row menu as a right click on its row does. */
GtkPopover          *qd_positions_table_popup_menu      (QdPositionsTable  *self,
                                                         QdPosition        *position);
/* "table" or "empty". */
const char          *qd_positions_table_get_page        (QdPositionsTable  *self);

GtkColumnView       *qd_orders_table_get_column_view    (QdOrdersTable     *self);
GtkSortListModel    *qd_orders_table_get_sort_model     (QdOrdersTable     *self);
GtkFilterListModel  *qd_orders_table_get_filter_model   (QdOrdersTable     *self);
GtkColumnViewColumn *qd_orders_table_get_column         (QdOrdersTable     *self,
                                                         QdOrdersColumn     column);
GtkWidget           *qd_orders_table_get_cell           (QdOrdersTable     *self,
                                                         guint              row,
                                                         QdOrdersColumn     column);
const char          *qd_orders_table_get_cell_text      (QdOrdersTable     *self,
                                                         guint              row,
                                                         QdOrdersColumn     column);
/* The toggle button of a filter, and the count it shows. */
GtkToggleButton     *qd_orders_table_get_filter_button  (QdOrdersTable     *self,
                                                         QdOrdersFilter     filter);
const char          *qd_orders_table_get_count_text     (QdOrdersTable     *self,
                                                         QdOrdersFilter     filter);
/* "table" or "empty"; and the empty state's title. */
const char          *qd_orders_table_get_page           (QdOrdersTable     *self);
const char          *qd_orders_table_get_empty_title    (QdOrdersTable     *self);

G_END_DECLS
