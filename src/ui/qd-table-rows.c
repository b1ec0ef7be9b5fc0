/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-rows.h"

struct _QdTableRows
{
  gatomicrefcount    ref_count;
  QdTableColumnSpec *specs;
  guint              n_columns;
  GHashTable        *rows;       /* item -> Row */
};

typedef struct
{
  guint      n_bound;
  GtkWidget *cells[];            /* n_columns, NULL where not bound */
} Row;

/* What one column's factory needs; freed with the factory. */
typedef struct
{
  QdTableRows *rows;
  guint        column;
} Binding;

QdTableRows *
qd_table_rows_new (const QdTableColumnSpec *specs,
                   guint                    n_columns)
{
  QdTableRows *self;

  g_return_val_if_fail (specs != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);

  self = g_new0 (QdTableRows, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->specs = g_memdup2 (specs, sizeof *specs * n_columns);
  self->n_columns = n_columns;
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

QdTableRows *
qd_table_rows_ref (QdTableRows *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
qd_table_rows_unref (QdTableRows *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->rows);
  g_free (self->specs);
  g_free (self);
}

static void
remember_cell (QdTableRows *self,
               gpointer     item,
               guint        column,
               GtkWidget   *cell)
{
  Row *row = g_hash_table_lookup (self->rows, item);

  if (row == NULL)
    {
      row = g_malloc0 (sizeof (Row) + sizeof (GtkWidget *) * self->n_columns);
      g_hash_table_insert (self->rows, item, row);
    }
  if (row->cells[column] == NULL)
    row->n_bound++;
  row->cells[column] = cell;
}

static void
forget_cell (QdTableRows *self,
             gpointer     item,
             guint        column,
             GtkWidget   *cell)
{
  Row *row = g_hash_table_lookup (self->rows, item);

  if (row == NULL || row->cells[column] != cell)
    return;
  row->cells[column] = NULL;
  if (--row->n_bound == 0)
    g_hash_table_remove (self->rows, item);
}

char *
qd_table_rows_dup_tooltip (GtkWidget *cell)
{
  Binding *binding;
  GtkListItem *list_item;
  gpointer item;

  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  binding = g_object_get_data (G_OBJECT (cell), "qd-table-binding");
  list_item = g_object_get_data (G_OBJECT (cell), "qd-table-list-item");
  if (binding == NULL || list_item == NULL || (item = gtk_list_item_get_item (list_item)) == NULL)
    return NULL;
  return binding->rows->specs[binding->column].tooltip (item);
}

static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = qd_table_rows_dup_tooltip (cell);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Binding                  *binding)
{
  const QdTableColumnSpec *spec = &binding->rows->specs[binding->column];
  GtkWidget *cell = qd_table_cell_new (spec->kind);

  if (spec->tooltip != NULL)
    {
      /* Both outlive the cell: the factory owns the binding, the list item owns the cell. */
      g_object_set_data (G_OBJECT (cell), "qd-table-binding", binding);
      g_object_set_data (G_OBJECT (cell), "qd-table-list-item", list_item);
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Binding                  *binding)
{
  const QdTableColumnSpec *spec = &binding->rows->specs[binding->column];
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  remember_cell (binding->rows, item, binding->column, cell);
  spec->fill (cell, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Binding                  *binding)
{
  forget_cell (binding->rows, gtk_list_item_get_item (list_item), binding->column,
               gtk_list_item_get_child (list_item));
}

static void
teardown_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             Binding                  *binding)
{
  /* A cell destroyed while still bound must not stay in the map. */
  if (gtk_list_item_get_item (list_item) != NULL)
    unbind_cb (factory, list_item, binding);
}

static void
binding_free (gpointer  data,
              GClosure *closure)
{
  Binding *binding = data;

  qd_table_rows_unref (binding->rows);
  g_free (binding);
}

void
qd_table_rows_attach (QdTableRows         *self,
                      guint                column,
                      GtkColumnViewColumn *view_column)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  Binding *binding;

  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (view_column));

  binding = g_new0 (Binding, 1);
  binding->rows = qd_table_rows_ref (self);
  binding->column = column;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cb), binding, binding_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), binding);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), binding);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), binding);
  gtk_column_view_column_set_factory (view_column, factory);

  if (self->specs[column].compare != NULL)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (self->specs[column].compare,
                                                                  NULL, NULL);
      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
    }
}

gboolean
qd_table_rows_refill (QdTableRows *self,
                      gpointer     item)
{
  Row *row;

  g_return_val_if_fail (self != NULL, FALSE);

  row = g_hash_table_lookup (self->rows, item);
  if (row == NULL)
    return FALSE;

  for (guint i = 0; i < self->n_columns; i++)
    if (row->cells[i] != NULL)
      self->specs[i].fill (row->cells[i], item);
  return TRUE;
}

GtkWidget *
qd_table_rows_get_cell (QdTableRows *self,
                        gpointer     item,
                        guint        column)
{
  Row *row;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  row = g_hash_table_lookup (self->rows, item);
  return row != NULL ? row->cells[column] : NULL;
}

guint
qd_table_rows_get_n_rows (QdTableRows *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->rows);
}
