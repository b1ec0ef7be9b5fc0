/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "qd-order-actions.h"
#include "qd-table-actions.h"
#include "qd-table-menu.h"
#include "qd-table-order-columns.h"

/* The Modify dialog and the actions column of the orders table. */

#define ORDER_KEY "qd-order"

static const char *const spin_keys[QD_ORDER_MODIFY_N_FIELDS] = {
  "qd-spin-quantity", "qd-spin-limit", "qd-spin-stop",
};

static gint
decimals_of (QdDecimal value,
             gint      fallback)
{
  return qd_decimal_is_none (value) ? fallback : MAX (value.scale, 0);
}

/* Display-only doubles: the value sent is rebuilt exactly from the spin's text digits. */
static GtkSpinButton *
add_spin (GtkGrid    *grid,
          int         row,
          const char *label,
          QdDecimal   value,
          gint        digits)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  double step = pow (10.0, -digits);
  GtkWidget *spin = gtk_spin_button_new_with_range (step, 1e9, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  if (!qd_decimal_is_none (value))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), qd_decimal_to_double (value));
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_widget_add_css_class (spin, "numeric");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), spin);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  return GTK_SPIN_BUTTON (spin);
}

static gboolean
has_limit (QdOrderType type)
{
  return type == QD_ORDER_TYPE_LIMIT || type == QD_ORDER_TYPE_STOP_LIMIT;
}

static gboolean
has_stop (QdOrderType type)
{
  return type == QD_ORDER_TYPE_STOP_MARKET || type == QD_ORDER_TYPE_STOP_LIMIT;
}

AdwMessageDialog *
qd_order_modify_dialog_new (GtkWindow *parent,
                            QdOrder   *order)
{
  AdwMessageDialog *dialog;
  GtkGrid *grid;
  QdOrderType type;
  gint precision;
  int row = 0;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (QD_IS_ORDER (order), NULL);

  type = qd_order_get_order_type (order);
  precision = qd_order_get_price_precision (order);
  /* Translators: the order's id */
  heading = g_strdup_printf (_("Modify Order %s"), qd_order_get_client_order_id (order));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  adw_message_dialog_format_body (dialog, "%s %s", qd_order_get_instrument_id (order),
                                  qd_order_type_to_ib (type));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "modify", _("_Modify"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "modify", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "modify");
  adw_message_dialog_set_close_response (dialog, "cancel");

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  g_object_set_data_full (G_OBJECT (dialog), ORDER_KEY, g_object_ref (order), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), spin_keys[QD_ORDER_MODIFY_QUANTITY],
                     add_spin (grid, row++, _("_Quantity"), qd_order_get_total_quantity (order),
                               decimals_of (qd_order_get_total_quantity (order), 0)));
  if (has_limit (type))
    g_object_set_data (G_OBJECT (dialog), spin_keys[QD_ORDER_MODIFY_LIMIT],
                       add_spin (grid, row++, _("_Limit price"), qd_order_get_limit_price (order),
                                 precision));
  if (has_stop (type))
    g_object_set_data (G_OBJECT (dialog), spin_keys[QD_ORDER_MODIFY_STOP],
                       add_spin (grid, row++, _("_Stop price"), qd_order_get_stop_price (order),
                                 precision));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (grid));
  return dialog;
}

QdOrder *
qd_order_modify_dialog_get_order (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), ORDER_KEY);
}

GtkSpinButton *
qd_order_modify_dialog_get_spin (AdwMessageDialog   *dialog,
                                 QdOrderModifyField  field)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);
  g_return_val_if_fail (field < QD_ORDER_MODIFY_N_FIELDS, NULL);

  return g_object_get_data (G_OBJECT (dialog), spin_keys[field]);
}

/* The spin's value at its own digits when it differs from the order's, else none. */
static QdDecimal
changed_value (AdwMessageDialog   *dialog,
               QdOrderModifyField  field,
               QdDecimal           current)
{
  GtkSpinButton *spin = qd_order_modify_dialog_get_spin (dialog, field);
  QdDecimal value;

  if (spin == NULL)
    return QD_DECIMAL_NONE;
  gtk_spin_button_update (spin);
  if (!qd_decimal_from_double (gtk_spin_button_get_value (spin),
                               (gint) gtk_spin_button_get_digits (spin), &value, NULL))
    return QD_DECIMAL_NONE;
  if (!qd_decimal_is_none (current) && qd_decimal_compare (value, current) == 0)
    return QD_DECIMAL_NONE;
  return value;
}

char *
qd_order_modify_dialog_send (AdwMessageDialog  *dialog,
                             QdIbService       *service,
                             GError           **error)
{
  QdOrder *order;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);
  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  order = qd_order_modify_dialog_get_order (dialog);
  return qd_ib_service_modify_order (
    service, qd_order_get_client_order_id (order),
    changed_value (dialog, QD_ORDER_MODIFY_QUANTITY, qd_order_get_total_quantity (order)),
    changed_value (dialog, QD_ORDER_MODIFY_LIMIT, qd_order_get_limit_price (order)),
    changed_value (dialog, QD_ORDER_MODIFY_STOP, qd_order_get_stop_price (order)),
    error);
}

/* ---- the Cancel All dialog ---------------------------------------------------------------- */

#define INSTRUMENT_KEY "qd-instrument-id"

AdwMessageDialog *
qd_order_cancel_all_dialog_new (GtkWindow  *parent,
                                guint       n,
                                const char *instrument_id)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (instrument_id == NULL)
    heading = g_strdup_printf (ngettext ("Cancel %u working order?",
                                         "Cancel all %u working orders?", n), n);
  else
    /* Translators: %u is a count, %s an instrument, e.g. AAPL.NASDAQ */
    heading = g_strdup_printf (ngettext ("Cancel %u working %s order?",
                                         "Cancel all %u working %s orders?", n), n, instrument_id);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (parent, heading,
                            _("A cancel request is sent for each of them. Orders that fill "
                              "before it arrives stay filled.")));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Orders"),
                                    "cancel-all", _("Cancel _All"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-all", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), INSTRUMENT_KEY, g_strdup (instrument_id), g_free);
  return dialog;
}

const char *
qd_order_cancel_all_dialog_get_instrument (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  return g_object_get_data (G_OBJECT (dialog), INSTRUMENT_KEY);
}

/* ---- the actions column -------------------------------------------------------------------- */

static gboolean
is_working (QdOrder *order)
{
  return qd_table_order_bucket (order) == QD_ORDERS_FILTER_WORKING;
}

void
qd_order_actions_update (GtkWidget *box,
                         QdOrder   *order)
{
  g_return_if_fail (GTK_IS_WIDGET (box));
  g_return_if_fail (QD_IS_ORDER (order));

  gtk_widget_set_sensitive (box, is_working (order));
}

static GtkWidget *
action_button (const char *icon_name,
               const char *action_name,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return qd_table_actions_button (button, action_name, tooltip);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "order-actions");
  gtk_box_append (GTK_BOX (box), action_button ("document-edit-symbolic", "orders.modify",
                                                _("Modify…")));
  gtk_box_append (GTK_BOX (box), action_button ("process-stop-symbolic", "orders.cancel",
                                                _("Cancel Order")));
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

GtkListItemFactory *
qd_order_actions_factory_new (GHashTable *boxes)
{
  return qd_table_actions_factory_new (boxes, G_CALLBACK (setup_cb),
                                       (QdTableActionsIdFunc) qd_order_get_client_order_id,
                                       (QdTableActionsUpdateFunc) qd_order_actions_update);
}

guint
qd_order_actions_count_working (QdIbService *service,
                                const char  *instrument_id)
{
  GListModel *orders;
  guint n, count = 0;

  g_return_val_if_fail (QD_IS_IB_SERVICE (service), 0);

  orders = qd_ib_service_get_orders (service);
  n = g_list_model_get_n_items (orders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (orders, i);

      if (is_working (order) &&
          (instrument_id == NULL ||
           g_strcmp0 (qd_order_get_instrument_id (order), instrument_id) == 0))
        count++;
    }
  return count;
}

/* ---- the row's menu ------------------------------------------------------------------------ */

/* The same actions as the row's buttons and the Cancel All button. */
static void
modify_activate (GtkWidget *table,
                 gpointer   item)
{
  gtk_widget_activate_action (table, "orders.modify", "s", qd_order_get_client_order_id (item));
}

static void
cancel_activate (GtkWidget *table,
                 gpointer   item)
{
  gtk_widget_activate_action (table, "orders.cancel", "s", qd_order_get_client_order_id (item));
}

static void
cancel_instrument_activate (GtkWidget *table,
                            gpointer   item)
{
  gtk_widget_activate_action (table, "orders.cancel-instrument", "s",
                              qd_order_get_instrument_id (item));
}

static void
copy_id_activate (GtkWidget *table,
                  gpointer   item)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (table), qd_order_get_client_order_id (item));
}

GMenuModel *
qd_order_actions_menu (GtkWidget          *table,
                       gpointer            item,
                       GSimpleActionGroup *group)
{
  QdOrder *order = QD_ORDER (item);
  QdIbService *service = qd_orders_table_get_service (QD_ORDERS_TABLE (table));
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *cancel_all = NULL;
  gboolean others = service != NULL &&
                    qd_order_actions_count_working (service, qd_order_get_instrument_id (order)) > 0;

  qd_table_menu_add (section, group, _("Modify…"), "modify", is_working (order), modify_activate);
  qd_table_menu_add (section, group, _("Cancel Order"), "cancel", is_working (order),
                     cancel_activate);
  /* Translators: %s is a symbol, e.g. AAPL */
  cancel_all = g_strdup_printf (_("Cancel All %s Orders…"), qd_order_get_symbol (order));
  qd_table_menu_add (section, group, cancel_all, "cancel-instrument", others,
                     cancel_instrument_activate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  qd_table_menu_add (section, group, _("Copy Order ID"), "copy-id", TRUE, copy_id_activate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}
