/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The id a row's buttons target, and how a cell follows its row's state. */
typedef const char *(*QdTableActionsIdFunc)     (gpointer   item);
typedef void        (*QdTableActionsUpdateFunc) (GtkWidget *box,
                                                 gpointer   item);

/* Makes `button` a flat, row-sized button on `action_name`; the action and its target (the
 * row's id) are set when the row is bound. Returns `button`. */
GtkWidget          *qd_table_actions_button      (GtkWidget                *button,
                                                  const char               *action_name,
                                                  const char               *tooltip);
/* An actions column: `setup` builds the cell (a box of qd_table_actions_button()s); at bind
 * each button targets id_func (item), update_func (cell, item) runs, and `boxes` (item ->
 * cell, owned by the caller) follows the bound rows. */
GtkListItemFactory *qd_table_actions_factory_new (GHashTable               *boxes,
                                                  GCallback                 setup,
                                                  QdTableActionsIdFunc      id_func,
                                                  QdTableActionsUpdateFunc  update_func);

G_END_DECLS
