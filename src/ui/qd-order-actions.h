/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-ib-service.h"
#include "qd-orders-table.h"
#include "qd-table-menu.h"

G_BEGIN_DECLS

typedef enum
{
  QD_ORDER_MODIFY_QUANTITY,
  QD_ORDER_MODIFY_LIMIT,
  QD_ORDER_MODIFY_STOP,
  QD_ORDER_MODIFY_N_FIELDS
} QdOrderModifyField;

/*
 * The Modify dialog of a working order: quantity, and the limit and stop prices its type
 * has, prefilled from the order and stepping on its price precision. Responses "cancel" and
 * "modify"; the caller sends on "modify" with qd_order_modify_dialog_send().
 */
AdwMessageDialog *qd_order_modify_dialog_new   (GtkWindow          *parent,
                                                QdOrder            *order);
QdOrder          *qd_order_modify_dialog_get_order (AdwMessageDialog *dialog);
/* NULL for a price the order's type does not have. */
GtkSpinButton    *qd_order_modify_dialog_get_spin  (AdwMessageDialog   *dialog,
                                                    QdOrderModifyField  field);
/* Sends only the fields that differ from the order; the request id, or NULL with error
 * (nothing changed is QD_IB_SERVICE_ERROR_INVALID from the service). */
char             *qd_order_modify_dialog_send      (AdwMessageDialog  *dialog,
                                                    QdIbService       *service,
                                                    GError           **error);

/* The confirmation of Cancel All: n working orders, on instrument_id or on any (NULL).
 * Responses "keep" and "cancel-all"; the caller sends on "cancel-all". */
AdwMessageDialog *qd_order_cancel_all_dialog_new            (GtkWindow        *parent,
                                                             guint             n,
                                                             const char       *instrument_id);
const char       *qd_order_cancel_all_dialog_get_instrument (AdwMessageDialog *dialog);

/* The orders table's actions column: "Modify…" and "Cancel Order" buttons on
 * orders.modify / orders.cancel with the order's id, sensitive on working orders only.
 * boxes (QdOrder -> cell, owned by the caller) follows the bound rows so that a flush can
 * update a cell with qd_order_actions_update(). */
GtkListItemFactory *qd_order_actions_factory_new (GHashTable *boxes);
void                qd_order_actions_update      (GtkWidget  *box,
                                                  QdOrder    *order);

/* How many of the service's orders are working, on instrument_id or on any (NULL). */
guint               qd_order_actions_count_working (QdIbService *service,
                                                    const char  *instrument_id);
/* The row's context menu (a QdTableMenuBuild): "Modify…" and "Cancel Order" run
 * orders.modify / orders.cancel as the buttons do, enabled on a working order only;
 * "Cancel All <SYMBOL> Orders…" runs orders.cancel-instrument (confirmed first) when the
 * instrument has working orders; "Copy Order ID" puts the id on the clipboard. */
GMenuModel         *qd_order_actions_menu          (GtkWidget          *table,
                                                    gpointer            item,
                                                    GSimpleActionGroup *group);

/* Test accessors of the orders table's actions. */
AdwMessageDialog *qd_orders_table_get_modify_dialog     (QdOrdersTable *self);
AdwMessageDialog *qd_orders_table_get_cancel_all_dialog (QdOrdersTable *self);
GtkButton        *qd_orders_table_get_cancel_all_button (QdOrdersTable *self);
/* The last action's outcome or error, "" when none. */
const char       *qd_orders_table_get_feedback          (QdOrdersTable *self);
/* The row's Cancel / Modify buttons, NULL when the row is not on screen. */
GtkWidget        *qd_orders_table_get_row_actions       (QdOrdersTable *self,
                                                         QdOrder       *order);
/* The table's row menu. */
QdTableMenu      *qd_orders_table_get_menu              (QdOrdersTable *self);
/* Opens the order's row menu as a right click on its row does. */
GtkPopover       *qd_orders_table_popup_menu            (QdOrdersTable *self,
                                                         QdOrder       *order);

G_END_DECLS
