/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-frame-coalescer.h"

struct _QdFrameCoalescer
{
  GObject     parent_instance;

  GtkWidget  *widget;          /* weak */
  GPtrArray  *dirty;           /* strong refs, first-marked order */
  GHashTable *dirty_set;       /* object -> itself, membership */
  guint       tick_id;
  guint       idle_frames;
  guint64     n_flushes;
  gint64      last_frame;
  guint       flushes_this_frame;
  guint       max_flushes_per_frame;
};

G_DEFINE_FINAL_TYPE (QdFrameCoalescer, qd_frame_coalescer, G_TYPE_OBJECT)

enum {
  FLUSH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_flush (QdFrameCoalescer *self,
            gint64            frame)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (self->dirty->len == 0)
    return;

  /* Take the set first: handlers may mark again, which belongs to the next frame. */
  batch = g_steal_pointer (&self->dirty);
  self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_remove_all (self->dirty_set);

  if (frame >= 0 && frame == self->last_frame)
    self->flushes_this_frame++;
  else
    self->flushes_this_frame = 1;
  self->last_frame = frame;
  self->max_flushes_per_frame = MAX (self->max_flushes_per_frame, self->flushes_this_frame);
  self->n_flushes++;

  g_signal_emit (self, signals[FLUSH], 0, batch);
}

/* Stay on the frame clock for a few quiet frames after the last change: under a steady
 * stream of updates the clock then keeps its regular cadence, instead of stopping after
 * each frame and starting late for the next one. */
#define QUIET_FRAMES_BEFORE_STOP 4

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  QdFrameCoalescer *self = user_data;

  if (self->dirty->len > 0)
    {
      self->idle_frames = 0;
      emit_flush (self, gdk_frame_clock_get_frame_counter (frame_clock));
      return G_SOURCE_CONTINUE;
    }

  if (++self->idle_frames < QUIET_FRAMES_BEFORE_STOP)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
qd_frame_coalescer_mark (QdFrameCoalescer *self,
                         gpointer          object)
{
  g_return_if_fail (QD_IS_FRAME_COALESCER (self));
  g_return_if_fail (G_IS_OBJECT (object));

  if (!g_hash_table_add (self->dirty_set, object))
    return;
  g_ptr_array_add (self->dirty, g_object_ref (object));

  if (self->tick_id == 0 && self->widget != NULL)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
}

void
qd_frame_coalescer_flush_now (QdFrameCoalescer *self)
{
  g_return_if_fail (QD_IS_FRAME_COALESCER (self));

  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  emit_flush (self, -1);
}

guint64
qd_frame_coalescer_get_n_flushes (QdFrameCoalescer *self)
{
  g_return_val_if_fail (QD_IS_FRAME_COALESCER (self), 0);
  return self->n_flushes;
}

guint
qd_frame_coalescer_get_max_flushes_per_frame (QdFrameCoalescer *self)
{
  g_return_val_if_fail (QD_IS_FRAME_COALESCER (self), 0);
  return self->max_flushes_per_frame;
}

static void
widget_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  QdFrameCoalescer *self = data;

  self->widget = NULL;
  self->tick_id = 0;
}

static void
qd_frame_coalescer_dispose (GObject *object)
{
  QdFrameCoalescer *self = QD_FRAME_COALESCER (object);

  if (self->widget != NULL)
    {
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (self->widget, self->tick_id);
      g_object_weak_unref (G_OBJECT (self->widget), widget_gone, self);
      self->widget = NULL;
    }
  self->tick_id = 0;
  g_ptr_array_set_size (self->dirty, 0);
  g_hash_table_remove_all (self->dirty_set);

  G_OBJECT_CLASS (qd_frame_coalescer_parent_class)->dispose (object);
}

static void
qd_frame_coalescer_finalize (GObject *object)
{
  QdFrameCoalescer *self = QD_FRAME_COALESCER (object);

  g_ptr_array_unref (self->dirty);
  g_hash_table_unref (self->dirty_set);

  G_OBJECT_CLASS (qd_frame_coalescer_parent_class)->finalize (object);
}

static void
qd_frame_coalescer_class_init (QdFrameCoalescerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_frame_coalescer_dispose;
  object_class->finalize = qd_frame_coalescer_finalize;

  /**
   * QdFrameCoalescer::flush:
   * @dirty: (element-type GObject): the objects marked since the last flush
   */
  signals[FLUSH] = g_signal_new ("flush", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
qd_frame_coalescer_init (QdFrameCoalescer *self)
{
  self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty_set = g_hash_table_new (NULL, NULL);
  self->last_frame = -1;
}

QdFrameCoalescer *
qd_frame_coalescer_new (GtkWidget *widget)
{
  QdFrameCoalescer *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (QD_TYPE_FRAME_COALESCER, NULL);
  self->widget = widget;
  g_object_weak_ref (G_OBJECT (widget), widget_gone, self);

  return self;
}
