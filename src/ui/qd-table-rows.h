/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-table-cells.h"

G_BEGIN_DECLS

/*
 * QdTableRows: for each item a GtkColumnView currently shows, the cell widgets bound to it.
 *
 * The column view recycles a few dozen rows however long the model is; the factories made
 * by qd_table_rows_attach() record each cell at bind and forget it at unbind. When an item
 * changes, qd_table_rows_refill() rewrites the cells of that item alone, and only when it
 * is on screen, so the work of an update follows what is visible, not the model's length.
 */

typedef struct _QdTableRows QdTableRows;

/* Writes the item's current value into the cell (text, classes, icon, tooltip). */
typedef void (*QdTableCellFill) (GtkWidget *cell,
                                 gpointer   item);

/* The cell's tooltip for item (newly allocated), or NULL for none. */
typedef char *(*QdTableCellTooltip) (gpointer item);

typedef struct
{
  QdTableCellKind    kind;
  QdTableCellFill    fill;
  /* Compares two items on live values; NULL for a column that does not sort. */
  GCompareDataFunc   compare;
  /* Asked only when a tooltip is about to show: setting tooltip texts at every bind would
   * cost a pointer query to the display server each time. NULL for none. */
  QdTableCellTooltip tooltip;
} QdTableColumnSpec;

QdTableRows *qd_table_rows_new       (const QdTableColumnSpec *specs,
                                      guint                    n_columns);
QdTableRows *qd_table_rows_ref       (QdTableRows             *self);
void         qd_table_rows_unref     (QdTableRows             *self);
/* Give the view's column `column` a factory whose cells are tracked here, and its sorter. */
void         qd_table_rows_attach    (QdTableRows             *self,
                                      guint                    column,
                                      GtkColumnViewColumn     *view_column);
/* Refill every bound cell of item; FALSE when no row shows it. */
gboolean     qd_table_rows_refill    (QdTableRows             *self,
                                      gpointer                 item);
/* The cell showing item in column, or NULL when the item is not on screen. */
GtkWidget   *qd_table_rows_get_cell  (QdTableRows             *self,
                                      gpointer                 item,
                                      guint                    column);
/* The tooltip a cell made by one of these factories shows now, or NULL. */
char        *qd_table_rows_dup_tooltip (GtkWidget             *cell);
/* How many items have bound cells. */
guint        qd_table_rows_get_n_rows (QdTableRows            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTableRows, qd_table_rows_unref)

G_END_DECLS
