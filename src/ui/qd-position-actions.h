/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-ib-service.h"

G_BEGIN_DECLS

/*
 * The positions table's actions column: "Close" (the opposite side, the full quantity) and
 * "Add" (the same side) on positions.close / positions.add with the position's id. Both
 * open an order ticket prefilled through win.new-order-prefilled; nothing is sent before
 * the trader submits it. boxes (QdPosition -> cell, owned by the caller) follows the bound
 * rows so that a flush can update a cell with qd_position_actions_update().
 */
GtkListItemFactory *qd_position_actions_factory_new (GHashTable  *boxes);
void                qd_position_actions_update      (GtkWidget   *box,
                                                     QdPosition  *position);
/* What win.new-order-prefilled gets for that action: (instrument id, side, quantity or "").
 * NULL for a flat or unknown position. */
GVariant           *qd_position_actions_order_for   (QdIbService *service,
                                                     const char  *position_id,
                                                     gboolean     close);

/* The row's context menu (a QdTableMenuBuild): "Close Position…" and "Add to Position…" run
 * positions.close / positions.add as the buttons do; "New Order for <SYMBOL>…" opens a
 * ticket prefilled with the instrument only. */
GMenuModel         *qd_position_actions_menu        (GtkWidget          *table,
                                                     gpointer            item,
                                                     GSimpleActionGroup *group);

G_END_DECLS
