/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QD_TYPE_TABLE_FOOTER (qd_table_footer_get_type ())

G_DECLARE_FINAL_TYPE (QdTableFooter, qd_table_footer, QD, TABLE_FOOTER, GtkWidget)

/*
 * QdTableFooter: a row of cells under a GtkColumnView, outside its scrolled window so it
 * stays in view, each cell placed exactly under its column's header button: it follows
 * column resizing, reordering, hiding and horizontal scrolling.
 */
GtkWidget *qd_table_footer_new      (GtkColumnView       *view);
/* Put cell (a new widget, owned by the footer) under column. */
void       qd_table_footer_set_cell (QdTableFooter       *self,
                                     GtkColumnViewColumn *column,
                                     GtkWidget           *cell);
GtkWidget *qd_table_footer_get_cell (QdTableFooter       *self,
                                     GtkColumnViewColumn *column);

G_END_DECLS
