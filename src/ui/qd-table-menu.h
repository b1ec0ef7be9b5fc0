/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * QdTableMenu: a table's row context menu. A right click (GtkGestureClick, button 3), a long
 * press, or Menu / Shift+F10 on the focused row opens a GtkPopoverMenu at that row.
 *
 * `build` makes the menu of one item: its model, whose items use "row.*" actions that it
 * adds to `group`, enabled as they apply to the item. The group keeps the item, not its
 * place in the list: the menu acts on that row even if the rows re-sort while it is open.
 * `boxes` (item -> its bound actions cell, owned by the table) tells which item a row shows.
 */
typedef GMenuModel *(*QdTableMenuBuild) (GtkWidget          *table,
                                         gpointer            item,
                                         GSimpleActionGroup *group);

typedef struct _QdTableMenu QdTableMenu;

QdTableMenu  *qd_table_menu_new         (GtkWidget        *table,
                                         GtkColumnView    *view,
                                         GHashTable       *boxes,
                                         QdTableMenuBuild  build);
/* Drops the popover; call from the table's dispose. */
void          qd_table_menu_free        (QdTableMenu      *self);
/* Opens the menu of item (at its row when on screen); returns the popover. */
GtkPopover   *qd_table_menu_popup       (QdTableMenu      *self,
                                         gpointer          item);
/* What a right click at (x, y) in the view's coordinates, and the Menu key, do: the menu of
 * the row there or of the focused row; NULL, and nothing opened, without one. */
GtkPopover   *qd_table_menu_popup_at    (QdTableMenu      *self,
                                         double            x,
                                         double            y);
GtkPopover   *qd_table_menu_popup_focused (QdTableMenu    *self);
/* The "row" actions of a popover opened here, and the item they act on. */
GActionGroup *qd_table_menu_get_actions (GtkPopover       *popover);
gpointer      qd_table_menu_get_item    (GtkPopover       *popover);

/* For builders: a "row.<name>" item in `menu`, and its action in `group` running
 * `activate (table, item)`. */
typedef void (*QdTableMenuActivate) (GtkWidget *table,
                                     gpointer   item);
void          qd_table_menu_add         (GMenu               *menu,
                                         GSimpleActionGroup  *group,
                                         const char          *label,
                                         const char          *name,
                                         gboolean             enabled,
                                         QdTableMenuActivate  activate);

G_END_DECLS
