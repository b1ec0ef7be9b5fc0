/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-position-actions.h"
#include "qd-table-actions.h"
#include "qd-table-menu.h"

/* The signed quantity decides: the side is not always reported. */
static gboolean
is_open (QdPosition *position)
{
  QdDecimal quantity = qd_position_get_position (position);

  return !qd_decimal_is_none (quantity) && qd_decimal_sign (quantity) != 0;
}

GVariant *
qd_position_actions_order_for (QdIbService *service,
                               const char  *position_id,
                               gboolean     close)
{
  QdPosition *position;
  gboolean is_long;
  g_autofree char *quantity = NULL;

  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  position = position_id ? qd_ib_service_lookup_position (service, position_id) : NULL;
  if (position == NULL || !is_open (position))
    return NULL;

  is_long = qd_decimal_sign (qd_position_get_position (position)) > 0;
  /* Closing flattens the whole position; adding starts from the ticket's usual size. */
  if (close)
    quantity = qd_decimal_to_string (qd_decimal_abs (qd_position_get_position (position)));
  return g_variant_new ("(sss)", qd_position_get_instrument_id (position),
                        (is_long != close) ? "BUY" : "SELL", quantity ? quantity : "");
}

void
qd_position_actions_update (GtkWidget  *box,
                            QdPosition *position)
{
  g_return_if_fail (GTK_IS_WIDGET (box));
  g_return_if_fail (QD_IS_POSITION (position));

  gtk_widget_set_sensitive (box, is_open (position));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "position-actions");
  gtk_box_append (GTK_BOX (box),
                  qd_table_actions_button (gtk_button_new_with_label (_("Close")), "positions.close",
                                           _("Close the position: an order on the opposite side for the full quantity")));
  gtk_box_append (GTK_BOX (box),
                  qd_table_actions_button (gtk_button_new_with_label (_("Add")), "positions.add",
                                           _("Add to the position: an order on the same side")));
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

GtkListItemFactory *
qd_position_actions_factory_new (GHashTable *boxes)
{
  return qd_table_actions_factory_new (boxes, G_CALLBACK (setup_cb),
                                       (QdTableActionsIdFunc) qd_position_get_position_id,
                                       (QdTableActionsUpdateFunc) qd_position_actions_update);
}

/* ---- the row's menu ------------------------------------------------------------------------ */

/* The same actions as the row's buttons. */
static void
close_activate (GtkWidget *table,
                gpointer   item)
{
  gtk_widget_activate_action (table, "positions.close", "s", qd_position_get_position_id (item));
}

static void
add_activate (GtkWidget *table,
              gpointer   item)
{
  gtk_widget_activate_action (table, "positions.add", "s", qd_position_get_position_id (item));
}

/* The instrument alone: the trader picks the side and the size. */
static void
new_order_activate (GtkWidget *table,
                    gpointer   item)
{
  gtk_widget_activate_action (table, "win.new-order-prefilled", "(sss)",
                              qd_position_get_instrument_id (item), "", "");
}

GMenuModel *
qd_position_actions_menu (GtkWidget          *table,
                          gpointer            item,
                          GSimpleActionGroup *group)
{
  QdPosition *position = QD_POSITION (item);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *new_order = NULL;

  qd_table_menu_add (section, group, _("Close Position…"), "close", is_open (position),
                     close_activate);
  qd_table_menu_add (section, group, _("Add to Position…"), "add", is_open (position),
                     add_activate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  /* Translators: %s is a symbol, e.g. AAPL */
  new_order = g_strdup_printf (_("New Order for %s…"), qd_position_get_symbol (position));
  qd_table_menu_add (section, group, new_order, "new-order", TRUE, new_order_activate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  return G_MENU_MODEL (menu);
}
