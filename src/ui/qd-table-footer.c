/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-footer.h"
#include "qd-table-view.h"

struct _QdTableFooter
{
  GtkWidget      parent_instance;

  GtkColumnView *view;           /* weak */
  GtkAdjustment *hadjustment;
  GPtrArray     *slots;          /* Slot */
};

typedef struct
{
  GtkColumnViewColumn *column;
  GtkWidget           *cell;
} Slot;

G_DEFINE_FINAL_TYPE (QdTableFooter, qd_table_footer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_object_unref (slot->column);
  g_free (slot);
}

static void
relayout (QdTableFooter *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_hadjustment (QdTableFooter *self,
                 GtkAdjustment *hadjustment)
{
  if (self->hadjustment == hadjustment)
    return;
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, relayout, self);
  g_set_object (&self->hadjustment, hadjustment);
  if (hadjustment != NULL)
    g_signal_connect_swapped (hadjustment, "value-changed", G_CALLBACK (relayout), self);
  relayout (self);
}

static void
hadjustment_changed_cb (QdTableFooter *self)
{
  if (self->view != NULL)
    set_hadjustment (self, gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->view)));
}

static void
qd_table_footer_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  QdTableFooter *self = QD_TABLE_FOOTER (widget);

  /* The table above decides the width; cells are clipped when it scrolls. */
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      int min, nat;

      gtk_widget_measure (slot->cell, orientation, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
allocate_slot (QdTableFooter *self,
               Slot          *slot,
               int            height)
{
  GtkWidget *title = NULL;
  graphene_rect_t bounds;
  int min_width, x, width;

  gtk_widget_measure (slot->cell, GTK_ORIENTATION_HORIZONTAL, height, &min_width, NULL, NULL, NULL);
  if (self->view != NULL && gtk_column_view_column_get_visible (slot->column))
    title = qd_table_header_get_title (self->view, slot->column);

  if (title != NULL && gtk_widget_compute_bounds (title, GTK_WIDGET (self), &bounds))
    {
      x = (int) bounds.origin.x;
      width = MAX ((int) bounds.size.width, min_width);
    }
  else
    {
      /* Not laid out (yet): keep the cell out of sight. */
      width = min_width;
      x = -width - 1;
    }
  gtk_widget_size_allocate (slot->cell, &(GtkAllocation) { x, 0, width, height }, -1);
}

static void
qd_table_footer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  QdTableFooter *self = QD_TABLE_FOOTER (widget);

  for (guint i = 0; i < self->slots->len; i++)
    allocate_slot (self, g_ptr_array_index (self->slots, i), height);
}

static void
qd_table_footer_dispose (GObject *object)
{
  QdTableFooter *self = QD_TABLE_FOOTER (object);

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      g_signal_handlers_disconnect_by_func (slot->column, relayout, self);
      gtk_widget_unparent (slot->cell);
    }
  g_ptr_array_set_size (self->slots, 0);

  set_hadjustment (self, NULL);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->view, hadjustment_changed_cb, self);
      g_signal_handlers_disconnect_by_func (gtk_column_view_get_columns (self->view),
                                            relayout, self);
    }
  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (qd_table_footer_parent_class)->dispose (object);
}

static void
set_view (QdTableFooter *self,
          GtkColumnView *view)
{
  g_return_if_fail (view == NULL || GTK_IS_COLUMN_VIEW (view));

  if (view == NULL)
    return;
  g_set_weak_pointer (&self->view, view);
  g_signal_connect_swapped (view, "notify::hadjustment", G_CALLBACK (hadjustment_changed_cb), self);
  g_signal_connect_swapped (gtk_column_view_get_columns (view), "items-changed",
                            G_CALLBACK (relayout), self);
  hadjustment_changed_cb (self);
}

static void
qd_table_footer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  QdTableFooter *self = QD_TABLE_FOOTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_table_footer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  QdTableFooter *self = QD_TABLE_FOOTER (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_table_footer_finalize (GObject *object)
{
  QdTableFooter *self = QD_TABLE_FOOTER (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (qd_table_footer_parent_class)->finalize (object);
}

static void
qd_table_footer_class_init (QdTableFooterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_table_footer_dispose;
  object_class->finalize = qd_table_footer_finalize;
  object_class->get_property = qd_table_footer_get_property;
  object_class->set_property = qd_table_footer_set_property;

  widget_class->measure = qd_table_footer_measure;
  widget_class->size_allocate = qd_table_footer_size_allocate;

  /* The column view whose columns the cells follow. */
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, GTK_TYPE_COLUMN_VIEW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "tablefooter");
}

static void
qd_table_footer_init (QdTableFooter *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
qd_table_footer_new (GtkColumnView *view)
{
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  return g_object_new (QD_TYPE_TABLE_FOOTER, "view", view, NULL);
}

static Slot *
find_slot (QdTableFooter       *self,
           GtkColumnViewColumn *column)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->column == column)
        return slot;
    }
  return NULL;
}

void
qd_table_footer_set_cell (QdTableFooter       *self,
                          GtkColumnViewColumn *column,
                          GtkWidget           *cell)
{
  Slot *slot;

  g_return_if_fail (QD_IS_TABLE_FOOTER (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (GTK_IS_WIDGET (cell));
  g_return_if_fail (gtk_widget_get_parent (cell) == NULL);

  slot = find_slot (self, column);
  if (slot == NULL)
    {
      slot = g_new0 (Slot, 1);
      slot->column = g_object_ref (column);
      g_ptr_array_add (self->slots, slot);
      g_signal_connect_swapped (column, "notify::fixed-width", G_CALLBACK (relayout), self);
      g_signal_connect_swapped (column, "notify::visible", G_CALLBACK (relayout), self);
    }
  else
    gtk_widget_unparent (slot->cell);

  slot->cell = cell;
  gtk_widget_set_parent (cell, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GtkWidget *
qd_table_footer_get_cell (QdTableFooter       *self,
                          GtkColumnViewColumn *column)
{
  Slot *slot;

  g_return_val_if_fail (QD_IS_TABLE_FOOTER (self), NULL);

  slot = find_slot (self, column);
  return slot != NULL ? slot->cell : NULL;
}
