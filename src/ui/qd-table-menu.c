/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-menu.h"

#define ITEM_KEY "qd-table-menu-item"
#define ACTIONS_KEY "qd-table-menu-actions"
#define TABLE_KEY "qd-table-menu-table"

struct _QdTableMenu
{
  GtkWidget        *table;
  GtkColumnView    *view;
  GHashTable       *boxes;
  QdTableMenuBuild  build;
  GtkWidget        *popover;
};

typedef struct
{
  GtkWidget           *table;
  GObject             *item;
  QdTableMenuActivate  activate;
} RowAction;

static void
row_action_free (gpointer  data,
                 GClosure *closure)
{
  RowAction *row_action = data;

  g_object_unref (row_action->item);
  g_free (row_action);
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               RowAction     *row_action)
{
  row_action->activate (row_action->table, row_action->item);
}

void
qd_table_menu_add (GMenu               *menu,
                   GSimpleActionGroup  *group,
                   const char          *label,
                   const char          *name,
                   gboolean             enabled,
                   QdTableMenuActivate  activate)
{
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, NULL);
  g_autofree char *detailed = g_strconcat ("row.", name, NULL);
  RowAction *row_action = g_new (RowAction, 1);

  row_action->table = g_object_get_data (G_OBJECT (group), TABLE_KEY);
  row_action->item = g_object_ref (g_object_get_data (G_OBJECT (group), ITEM_KEY));
  row_action->activate = activate;
  g_signal_connect_data (action, "activate", G_CALLBACK (row_action_cb), row_action,
                         row_action_free, 0);
  g_simple_action_set_enabled (action, enabled);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  g_menu_append (menu, label, detailed);
}

/* ---- finding the row ------------------------------------------------------------------------ */

/* The list row holding widget (the widget itself when it is one), or NULL. */
static GtkWidget *
row_of (QdTableMenu *self,
        GtkWidget   *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self->view); widget = gtk_widget_get_parent (widget))
    if (g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0)
      return widget;
  return NULL;
}

/* The item a row shows: the one whose actions cell is in it. Only bound rows are looked at. */
static gpointer
item_of (QdTableMenu *self,
         GtkWidget   *row)
{
  GHashTableIter iter;
  gpointer item, box;

  if (row == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, self->boxes);
  while (g_hash_table_iter_next (&iter, &item, &box))
    if (gtk_widget_is_ancestor (box, row))
      return item;
  return NULL;
}

static GtkWidget *
row_for_item (QdTableMenu *self,
              gpointer     item)
{
  GtkWidget *box = g_hash_table_lookup (self->boxes, item);

  return box != NULL ? row_of (self, box) : NULL;
}

/* ---- the popover ---------------------------------------------------------------------------- */

static void
drop_popover (QdTableMenu *self)
{
  if (self->popover == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_unparent (self->popover);
  self->popover = NULL;
}

static void
point_at (QdTableMenu           *self,
          GtkWidget             *from,
          const graphene_rect_t *rect)
{
  graphene_rect_t bounds;
  GdkRectangle area = { 0, 0, 1, 1 };

  if (from != NULL && gtk_widget_compute_bounds (from, self->table, &bounds))
    {
      if (rect != NULL)
        graphene_rect_offset_r (rect, bounds.origin.x, bounds.origin.y, &bounds);
      area.x = (int) bounds.origin.x;
      area.y = (int) bounds.origin.y;
      area.width = MAX ((int) bounds.size.width, 1);
      area.height = MAX ((int) bounds.size.height, 1);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &area);
}

static GtkPopover *
popup_at (QdTableMenu           *self,
          gpointer               item,
          GtkWidget             *from,
          const graphene_rect_t *rect)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenuModel) model = NULL;

  drop_popover (self);
  g_object_set_data (G_OBJECT (group), TABLE_KEY, self->table);
  g_object_set_data_full (G_OBJECT (group), ITEM_KEY, g_object_ref (item), g_object_unref);
  model = self->build (self->table, item, group);

  self->popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_insert_action_group (self->popover, "row", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (self->popover), ACTIONS_KEY, g_object_ref (group), g_object_unref);
  g_object_set_data_full (G_OBJECT (self->popover), ITEM_KEY, g_object_ref (item), g_object_unref);
  gtk_widget_set_parent (self->popover, self->table);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  point_at (self, from, rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  return GTK_POPOVER (self->popover);
}

GtkPopover *
qd_table_menu_popup (QdTableMenu *self,
                     gpointer     item)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  return popup_at (self, item, row_for_item (self, item), NULL);
}

GActionGroup *
qd_table_menu_get_actions (GtkPopover *popover)
{
  g_return_val_if_fail (GTK_IS_POPOVER (popover), NULL);

  return g_object_get_data (G_OBJECT (popover), ACTIONS_KEY);
}

gpointer
qd_table_menu_get_item (GtkPopover *popover)
{
  g_return_val_if_fail (GTK_IS_POPOVER (popover), NULL);

  return g_object_get_data (G_OBJECT (popover), ITEM_KEY);
}

/* ---- input ---------------------------------------------------------------------------------- */

GtkPopover *
qd_table_menu_popup_at (QdTableMenu *self,
                        double       x,
                        double       y)
{
  GtkWidget *picked, *row;
  gpointer item;
  graphene_point_t point;
  graphene_rect_t rect;

  g_return_val_if_fail (self != NULL, NULL);

  picked = gtk_widget_pick (GTK_WIDGET (self->view), x, y, GTK_PICK_DEFAULT);
  row = row_of (self, picked);
  if ((item = item_of (self, row)) == NULL)
    return NULL;
  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), row,
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  graphene_rect_init (&rect, point.x, point.y, 1, 1);
  return popup_at (self, item, row, &rect);
}

GtkPopover *
qd_table_menu_popup_focused (QdTableMenu *self)
{
  GtkRoot *root;
  GtkWidget *focus, *row;
  gpointer item;

  g_return_val_if_fail (self != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self->view));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  row = focus != NULL ? row_of (self, focus) : NULL;
  if ((item = item_of (self, row)) == NULL)
    return NULL;
  return popup_at (self, item, row, NULL);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  QdTableMenu     *self)
{
  if (qd_table_menu_popup_at (self, x, y) != NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 QdTableMenu         *self)
{
  if (qd_table_menu_popup_at (self, x, y) != NULL)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Menu or Shift+F10: the menu of the row that has the focus. */
static gboolean
key_cb (GtkWidget *view,
        GVariant  *args,
        gpointer   user_data)
{
  return qd_table_menu_popup_focused (user_data) != NULL;
}

static void
add_controllers (QdTableMenu *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger =
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                 gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (long_press, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (long_press));

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (trigger, gtk_callback_action_new (key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->view), keys);
}

QdTableMenu *
qd_table_menu_new (GtkWidget        *table,
                   GtkColumnView    *view,
                   GHashTable       *boxes,
                   QdTableMenuBuild  build)
{
  QdTableMenu *self;

  g_return_val_if_fail (GTK_IS_WIDGET (table), NULL);
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (boxes != NULL && build != NULL, NULL);

  self = g_new0 (QdTableMenu, 1);
  self->table = table;
  self->view = view;
  self->boxes = boxes;
  self->build = build;
  add_controllers (self);
  return self;
}

void
qd_table_menu_free (QdTableMenu *self)
{
  if (self == NULL)
    return;
  drop_popover (self);
  g_free (self);
}
