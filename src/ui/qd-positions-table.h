/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-frame-coalescer.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_TYPE_POSITIONS_TABLE (qd_positions_table_get_type ())

G_DECLARE_FINAL_TYPE (QdPositionsTable, qd_positions_table, QD, POSITIONS_TABLE, GtkWidget)

/*
 * QdPositionsTable: the account's positions, one row each, as TWS's portfolio shows them:
 * symbol, position, average cost, market price, market value, unrealized and realized P&L,
 * currency; sortable on every column, live, with a totals row underneath.
 *
 * Rows update in place once per frame (see QdFrameCoalescer) from the service's
 * "position-updated" signal, which also fires when a quote marks a position to market; a
 * sorted column re-sorts after each such update. Totals sum the positions in the account's
 * currency; positions in other currencies are not converted but named in the totals row.
 */
GtkWidget        *qd_positions_table_new           (QdIbService      *service);
QdIbService      *qd_positions_table_get_service   (QdPositionsTable *self);
void              qd_positions_table_set_service   (QdPositionsTable *self,
                                                    QdIbService      *service);
QdFrameCoalescer *qd_positions_table_get_coalescer (QdPositionsTable *self);

G_END_DECLS
