/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-actions.h"

#define ACTION_NAME_KEY "qd-action-name"

typedef struct
{
  GHashTable               *boxes;
  QdTableActionsIdFunc      id_func;
  QdTableActionsUpdateFunc  update_func;
} ActionsColumn;

GtkWidget *
qd_table_actions_button (GtkWidget  *button,
                         const char *action_name,
                         const char *tooltip)
{
  /* The action name is set at bind, after its target: without one it does not match "s". */
  g_object_set_data (G_OBJECT (button), ACTION_NAME_KEY, (gpointer) action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  /* Row-sized: a full-height button would make every row two lines tall. */
  gtk_widget_add_css_class (button, "row-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         ActionsColumn            *column)
{
  gpointer row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GVariant *target = g_variant_ref_sink (g_variant_new_string (column->id_func (row)));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (child), target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (child),
                                      g_object_get_data (G_OBJECT (child), ACTION_NAME_KEY));
    }
  g_variant_unref (target);
  column->update_func (box, row);
  g_hash_table_insert (column->boxes, row, box);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ActionsColumn            *column)
{
  gpointer row = gtk_list_item_get_item (item);

  if (g_hash_table_lookup (column->boxes, row) == gtk_list_item_get_child (item))
    g_hash_table_remove (column->boxes, row);
}

static void
actions_column_free (gpointer  data,
                     GClosure *closure)
{
  g_free (data);
}

GtkListItemFactory *
qd_table_actions_factory_new (GHashTable               *boxes,
                              GCallback                 setup,
                              QdTableActionsIdFunc      id_func,
                              QdTableActionsUpdateFunc  update_func)
{
  GtkListItemFactory *factory;
  ActionsColumn *column;

  g_return_val_if_fail (boxes != NULL, NULL);
  g_return_val_if_fail (setup != NULL && id_func != NULL && update_func != NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  column = g_new (ActionsColumn, 1);
  column->boxes = boxes;
  column->id_func = id_func;
  column->update_func = update_func;
  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cb), column,
                         actions_column_free, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);
  return factory;
}
