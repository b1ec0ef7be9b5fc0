/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-view.h"

gboolean
qd_table_view_is_at_top (GtkColumnView *view)
{
  GtkAdjustment *vadjustment;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), FALSE);

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  return vadjustment == NULL ||
         gtk_adjustment_get_value (vadjustment) <= gtk_adjustment_get_lower (vadjustment);
}

void
qd_table_view_scroll_to_top (GtkColumnView *view)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  if (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) == 0)
    return;
  /* A list keeps its anchor row in place when rows are added above it. GTK 4.8's column
   * view has no scroll_to, but its inner list view has the action that moves the anchor. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

static GtkWidget *
title_label (GtkWidget *title)
{
  GtkWidget *box = gtk_widget_get_first_child (title);
  GtkWidget *child;

  if (box == NULL || !GTK_IS_BOX (box))
    return NULL;
  for (child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      return child;
  return NULL;
}

static gboolean
title_is_for (GtkWidget           *title,
              GtkColumnViewColumn *column)
{
  GtkWidget *label = title_label (title);

  return label != NULL &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)),
                    gtk_column_view_column_get_title (column)) == 0;
}

static guint
column_position (GtkColumnView       *view,
                 GtkColumnViewColumn *column)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) candidate = g_list_model_get_item (columns, i);

      if (candidate == column)
        return i;
    }
  return G_MAXUINT;
}

GtkWidget *
qd_table_header_get_title (GtkColumnView       *view,
                           GtkColumnViewColumn *column)
{
  GtkWidget *header, *title;
  guint position, i = 0;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), NULL);

  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return NULL;

  /* By position first; by title if the position does not match (a reordered header). */
  position = column_position (view, column);
  for (title = gtk_widget_get_first_child (header); title; title = gtk_widget_get_next_sibling (title))
    if (i++ == position && title_is_for (title, column))
      return title;
  for (title = gtk_widget_get_first_child (header); title; title = gtk_widget_get_next_sibling (title))
    if (title_is_for (title, column))
      return title;
  return NULL;
}

void
qd_table_header_align_end (GtkColumnView       *view,
                           GtkColumnViewColumn *column)
{
  GtkWidget *title, *label, *box;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  title = qd_table_header_get_title (view, column);
  if (title == NULL || (label = title_label (title)) == NULL)
    return;

  box = gtk_widget_get_parent (label);
  /* The sort arrow goes just left of the title, so the title's right edge lines up with
   * the numbers below and the arrow still reads as this column's. */
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != label)
      {
        gtk_widget_set_hexpand (child, TRUE);
        gtk_widget_set_halign (child, GTK_ALIGN_END);
      }
  gtk_box_reorder_child_after (GTK_BOX (box), label, gtk_widget_get_last_child (box));
}
