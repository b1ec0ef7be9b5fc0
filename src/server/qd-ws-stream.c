/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include "qd-ws-stream.h"

/* ---- the counting output stream (private) ------------------------------------------ */

#define QD_TYPE_COUNTING_OUTPUT (qd_counting_output_get_type ())
G_DECLARE_FINAL_TYPE (QdCountingOutput, qd_counting_output, QD, COUNTING_OUTPUT, GOutputStream)

/* Frames queued in one turn of the main loop leave in one write: with a hundred clients
 * each event is a hundred frames, and the system calls were the cost. */
#define MAX_PENDING (256 * 1024)

struct _QdCountingOutput
{
  GOutputStream  parent_instance;
  GOutputStream *base;
  guint64        written;
  GByteArray    *pending;     /* accepted from libsoup, not yet taken by the socket */
  GSource       *drain;
  GError        *error;       /* the socket failed: every later write fails with it */
};

static void qd_counting_output_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QdCountingOutput, qd_counting_output, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      qd_counting_output_pollable_init))

/* Writes what is pending without blocking; FALSE only on a socket error. */
static gboolean
drain_pending (QdCountingOutput *self)
{
  GPollableOutputStream *base = G_POLLABLE_OUTPUT_STREAM (self->base);

  while (self->pending->len > 0 && self->error == NULL)
    {
      GError *error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (base, self->pending->data, self->pending->len,
                                                             NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          return TRUE;
        }
      if (n < 0)
        {
          self->error = error;
          g_byte_array_set_size (self->pending, 0);
          return FALSE;
        }
      self->written += (guint64) n;
      g_byte_array_remove_range (self->pending, 0, (guint) n);
    }
  return self->error == NULL;
}

static void schedule_drain (QdCountingOutput *self, gboolean when_writable);

static gboolean
drain_cb (gpointer user_data)
{
  QdCountingOutput *self = user_data;

  g_clear_pointer (&self->drain, g_source_unref);
  if (drain_pending (self) && self->pending->len > 0)
    schedule_drain (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
drain_writable_cb (GObject  *stream,
                   gpointer  user_data)
{
  return drain_cb (user_data);
}

static void
schedule_drain (QdCountingOutput *self,
                gboolean          when_writable)
{
  if (self->drain != NULL || self->pending->len == 0)
    return;
  if (when_writable)
    {
      self->drain = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (self->base), NULL);
      g_source_set_callback (self->drain, G_SOURCE_FUNC (drain_writable_cb), self, NULL);
    }
  else
    {
      /* After everything this turn of the main loop queues. */
      self->drain = g_idle_source_new ();
      g_source_set_priority (self->drain, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->drain, drain_cb, self, NULL);
    }
  g_source_attach (self->drain, g_main_context_get_thread_default ());
}

static gboolean
write_pending_blocking (QdCountingOutput  *self,
                        GCancellable      *cancellable,
                        GError           **error)
{
  gsize done = 0;
  gboolean ok;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  ok = g_output_stream_write_all (self->base, self->pending->data, self->pending->len, &done, cancellable, error);
  self->written += done;
  g_byte_array_remove_range (self->pending, 0, (guint) done);
  return ok;
}

static gssize
counting_write (GOutputStream  *stream,
                const void     *buffer,
                gsize           count,
                GCancellable   *cancellable,
                GError        **error)
{
  QdCountingOutput *self = QD_COUNTING_OUTPUT (stream);
  gssize n;

  if (!write_pending_blocking (self, cancellable, error))
    return -1;
  n = g_output_stream_write (self->base, buffer, count, cancellable, error);
  if (n > 0)
    self->written += (guint64) n;
  return n;
}

static gboolean
counting_flush (GOutputStream  *stream,
                GCancellable   *cancellable,
                GError        **error)
{
  QdCountingOutput *self = QD_COUNTING_OUTPUT (stream);

  return write_pending_blocking (self, cancellable, error) &&
         g_output_stream_flush (self->base, cancellable, error);
}

/* The base stream belongs to the GIOStream and is closed with it. */
static gboolean
counting_close (GOutputStream  *stream,
                GCancellable   *cancellable,
                GError        **error)
{
  return TRUE;
}

static gboolean
counting_can_poll (GPollableOutputStream *stream)
{
  GOutputStream *base = QD_COUNTING_OUTPUT (stream)->base;

  return G_IS_POLLABLE_OUTPUT_STREAM (base) && g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (base));
}

static gboolean
counting_is_writable (GPollableOutputStream *stream)
{
  QdCountingOutput *self = QD_COUNTING_OUTPUT (stream);

  return self->error != NULL || self->pending->len < MAX_PENDING ||
         g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (self->base));
}

static GSource *
counting_create_source (GPollableOutputStream *stream,
                        GCancellable          *cancellable)
{
  GPollableOutputStream *base = G_POLLABLE_OUTPUT_STREAM (QD_COUNTING_OUTPUT (stream)->base);
  g_autoptr(GSource) base_source = g_pollable_output_stream_create_source (base, NULL);

  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
counting_write_nonblocking (GPollableOutputStream  *stream,
                            const void             *buffer,
                            gsize                   count,
                            GError                **error)
{
  QdCountingOutput *self = QD_COUNTING_OUTPUT (stream);

  if (self->pending->len >= MAX_PENDING)
    drain_pending (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return -1;
    }
  if (self->pending->len >= MAX_PENDING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "socket full");
      return -1;
    }
  g_byte_array_append (self->pending, buffer, (guint) count);
  schedule_drain (self, FALSE);
  return (gssize) count;
}

static void
qd_counting_output_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = counting_can_poll;
  iface->is_writable = counting_is_writable;
  iface->create_source = counting_create_source;
  iface->write_nonblocking = counting_write_nonblocking;
}

static void
qd_counting_output_finalize (GObject *object)
{
  QdCountingOutput *self = QD_COUNTING_OUTPUT (object);

  if (self->drain != NULL)
    g_source_destroy (self->drain);
  g_clear_pointer (&self->drain, g_source_unref);
  g_clear_pointer (&self->pending, g_byte_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (qd_counting_output_parent_class)->finalize (object);
}

static void
qd_counting_output_class_init (QdCountingOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = qd_counting_output_finalize;
  stream_class->write_fn = counting_write;
  stream_class->flush = counting_flush;
  stream_class->close_fn = counting_close;
}

static void
qd_counting_output_init (QdCountingOutput *self)
{
  self->pending = g_byte_array_new ();
}

/* ---- the wrapping GIOStream -------------------------------------------------------- */

struct _QdWsStream
{
  GIOStream         parent_instance;
  GIOStream        *base;
  QdCountingOutput *output;
};

G_DEFINE_FINAL_TYPE (QdWsStream, qd_ws_stream, G_TYPE_IO_STREAM)

static GInputStream *
qd_ws_stream_get_input_stream (GIOStream *stream)
{
  return g_io_stream_get_input_stream (QD_WS_STREAM (stream)->base);
}

static GOutputStream *
qd_ws_stream_get_output_stream (GIOStream *stream)
{
  return G_OUTPUT_STREAM (QD_WS_STREAM (stream)->output);
}

static gboolean
qd_ws_stream_close_fn (GIOStream     *stream,
                       GCancellable  *cancellable,
                       GError       **error)
{
  drain_pending (QD_WS_STREAM (stream)->output);
  return g_io_stream_close (QD_WS_STREAM (stream)->base, cancellable, error);
}

static void
base_closed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Closed on the main loop like the base stream, never in a worker thread. */
static void
qd_ws_stream_close_async (GIOStream           *stream,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  /* The close frame is likely still here: send what the socket takes. */
  drain_pending (QD_WS_STREAM (stream)->output);
  g_io_stream_close_async (QD_WS_STREAM (stream)->base, io_priority, cancellable, base_closed_cb, task);
}

static gboolean
qd_ws_stream_close_finish (GIOStream     *stream,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
qd_ws_stream_finalize (GObject *object)
{
  QdWsStream *self = QD_WS_STREAM (object);

  g_clear_object (&self->output);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (qd_ws_stream_parent_class)->finalize (object);
}

static void
qd_ws_stream_class_init (QdWsStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = qd_ws_stream_finalize;
  stream_class->get_input_stream = qd_ws_stream_get_input_stream;
  stream_class->get_output_stream = qd_ws_stream_get_output_stream;
  stream_class->close_fn = qd_ws_stream_close_fn;
  stream_class->close_async = qd_ws_stream_close_async;
  stream_class->close_finish = qd_ws_stream_close_finish;
}

static void
qd_ws_stream_init (QdWsStream *self)
{
}

QdWsStream *
qd_ws_stream_new (GIOStream *base)
{
  QdWsStream *self;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);

  self = g_object_new (QD_TYPE_WS_STREAM, NULL);
  self->base = g_object_ref (base);
  self->output = g_object_new (QD_TYPE_COUNTING_OUTPUT, NULL);
  self->output->base = g_object_ref (g_io_stream_get_output_stream (base));
  return self;
}

guint64
qd_ws_stream_get_written (QdWsStream *self)
{
  g_return_val_if_fail (QD_IS_WS_STREAM (self), 0);
  return self->output->written;
}

void
qd_ws_stream_append_frames (QdWsStream *self,
                            GBytes     *frames)
{
  g_return_if_fail (QD_IS_WS_STREAM (self));

  if (self->output->error == NULL)
    g_byte_array_append (self->output->pending, g_bytes_get_data (frames, NULL), (guint) g_bytes_get_size (frames));
}

void
qd_ws_stream_flush_frames (QdWsStream *self)
{
  QdCountingOutput *output;

  g_return_if_fail (QD_IS_WS_STREAM (self));

  output = self->output;
  /* A drain already waiting (an idle one, or for the socket to take more) takes them along. */
  if (output->drain != NULL || output->pending->len == 0)
    return;
  if (drain_pending (output) && output->pending->len > 0)
    schedule_drain (output, TRUE);
}

void
qd_ws_stream_queue_frames (QdWsStream *self,
                           GBytes     *frames)
{
  QdCountingOutput *output;

  g_return_if_fail (QD_IS_WS_STREAM (self));

  output = self->output;
  if (output->error != NULL)
    return;
  g_byte_array_append (output->pending, g_bytes_get_data (frames, NULL), (guint) g_bytes_get_size (frames));
  schedule_drain (output, FALSE);
}
