/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-mirror.h"

struct _QdTableMirror
{
  GListStore *store;
  GPtrArray  *arrived;       /* strong refs, in source order */
};

QdTableMirror *
qd_table_mirror_new (GType item_type)
{
  QdTableMirror *self = g_new0 (QdTableMirror, 1);

  self->store = g_list_store_new (item_type);
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

void
qd_table_mirror_free (QdTableMirror *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->store);
  g_ptr_array_unref (self->arrived);
  g_free (self);
}

GListModel *
qd_table_mirror_get_model (QdTableMirror *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return G_LIST_MODEL (self->store);
}

void
qd_table_mirror_reset (QdTableMirror *self,
                       GListModel    *source)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = source != NULL ? g_list_model_get_n_items (source) : 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (source, i));
  g_ptr_array_set_size (self->arrived, 0);
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

void
qd_table_mirror_source_changed (QdTableMirror *self,
                                GListModel    *source,
                                guint          position,
                                guint          removed,
                                guint          added)
{
  g_return_if_fail (self != NULL);

  if (removed > 0)
    {
      qd_table_mirror_reset (self, source);
      return;
    }
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (self->arrived, g_list_model_get_item (source, position + i));
}

gboolean
qd_table_mirror_flush (QdTableMirror *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->arrived->len == 0)
    return FALSE;

  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       self->arrived->pdata, self->arrived->len);
  g_ptr_array_set_size (self->arrived, 0);
  return TRUE;
}
