/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-position-actions.h"

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

static GtkWidget *
action_button (const char *label,
               const char *action_name,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  /* The action name is set at bind, after its target: without one it does not match "s". */
  g_object_set_data (G_OBJECT (button), "qd-action-name", (gpointer) action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "row-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
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
                  action_button (_("Close"), "positions.close",
                                 _("Close the position: an order on the opposite side for the full quantity")));
  gtk_box_append (GTK_BOX (box), action_button (_("Add"), "positions.add",
                                                _("Add to the position: an order on the same side")));
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GHashTable               *boxes)
{
  QdPosition *position = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GVariant *target = g_variant_ref_sink (g_variant_new_string (qd_position_get_position_id (position)));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (child), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (child),
                                      g_object_get_data (G_OBJECT (child), "qd-action-name"));
    }
  g_variant_unref (target);
  qd_position_actions_update (box, position);
  g_hash_table_insert (boxes, position, box);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GHashTable               *boxes)
{
  QdPosition *position = gtk_list_item_get_item (item);

  if (g_hash_table_lookup (boxes, position) == gtk_list_item_get_child (item))
    g_hash_table_remove (boxes, position);
}

GtkListItemFactory *
qd_position_actions_factory_new (GHashTable *boxes)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_return_val_if_fail (boxes != NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), boxes);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), boxes);
  return factory;
}
