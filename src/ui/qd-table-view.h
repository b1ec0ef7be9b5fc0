/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the view shows its first row at the top. */
gboolean   qd_table_view_is_at_top   (GtkColumnView       *view);
/* Show the first row at the top: re-anchors the view there. */
void       qd_table_view_scroll_to_top (GtkColumnView     *view);

/*
 * The header buttons of a GtkColumnView. GTK 4.8 has no API for them, so they are found
 * by walking the view's children (header, then one title per column, in column order) and
 * checked against the column's title; NULL when the layout is not the expected one.
 */
GtkWidget *qd_table_header_get_title (GtkColumnView       *view,
                                      GtkColumnViewColumn *column);
/* Right-align a numeric column's title over its figures, the sort arrow on its left. */
void       qd_table_header_align_end (GtkColumnView       *view,
                                      GtkColumnViewColumn *column);

G_END_DECLS
