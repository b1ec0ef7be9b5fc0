/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <string.h>

#include "qd-bus-private.h"
#include "qd-enum-types.h"
#include "qd-memory-bus.h"

/* Entries delivered per main-loop iteration, so a big backlog never freezes the UI. */
#define DISPATCH_BUDGET 8192
#define BATCH_SIZE 1024

typedef struct
{
  char    id[48];
  char   *topic;
  char   *payload;
  gsize   payload_len;
} MemEntry;

typedef struct
{
  char    *name;
  GArray  *entries;       /* MemEntry */
  guint64  base;          /* absolute index of entries[0] (grows when trimmed) */
  guint64  last_ms;
  guint64  last_seq;
} MemStream;

typedef struct
{
  QdBusWatch        base;
  gboolean          from_start;  /* "0": deliver history */
  char             *from_id;     /* explicit id: deliver entries after it */
  GHashTable       *next;        /* stream name -> absolute index (guint64 in a pointer) */
} MemWatch;

struct _QdMemoryBus
{
  GObject     parent_instance;

  GHashTable *streams;        /* name -> MemStream */
  GPtrArray  *stream_order;   /* MemStream, creation order */
  GPtrArray  *watches;        /* MemWatch */
  guint       next_watch_id;
  guint       dispatch_id;
  guint       dispatch_depth;
};

static void qd_memory_bus_iface_init (QdBusInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QdMemoryBus, qd_memory_bus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (QD_TYPE_BUS, qd_memory_bus_iface_init))

enum {
  PROP_0,
  PROP_STATE,
  PROP_DESCRIPTION,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static void
mem_entry_clear (gpointer data)
{
  MemEntry *entry = data;

  g_free (entry->topic);
  g_free (entry->payload);
}

static void
mem_stream_free (gpointer data)
{
  MemStream *stream = data;

  g_array_unref (stream->entries);
  g_free (stream->name);
  g_free (stream);
}

static void
mem_watch_free (gpointer data)
{
  MemWatch *watch = data;

  _qd_bus_watch_clear (&watch->base);
  g_hash_table_unref (watch->next);
  g_free (watch->from_id);
  g_free (watch);
}

static guint64
first_after_id (MemStream  *stream,
                const char *id)
{
  guint lo = 0, hi = stream->entries->len;

  /* Entry ids are increasing within a stream: binary search the first one after `id`. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      MemEntry *entry = &g_array_index (stream->entries, MemEntry, mid);

      if (qd_bus_compare_ids (entry->id, id) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return stream->base + lo;
}

/* Where `watch` starts in a stream it has not read yet. */
static guint64
watch_start (MemWatch  *watch,
             MemStream *stream,
             gboolean   stream_is_new)
{
  if (watch->from_id != NULL)
    return first_after_id (stream, watch->from_id);
  if (watch->from_start || stream_is_new)
    return stream->base;
  return stream->base + stream->entries->len;
}

static void
deliver_range (QdMemoryBus *self,
               MemWatch    *watch,
               MemStream   *stream,
               guint64      from,
               guint64      to)
{
  QdBusEntry batch[BATCH_SIZE];
  guint n = 0;
  guint64 i;

  for (i = from; i < to; i++)
    {
      MemEntry *entry = &g_array_index (stream->entries, MemEntry, i - stream->base);

      batch[n].stream = stream->name;
      batch[n].id = entry->id;
      batch[n].topic = entry->topic;
      batch[n].payload = entry->payload;
      batch[n].payload_len = entry->payload_len;
      n++;

      if (n == BATCH_SIZE || i + 1 == to)
        {
          watch->base.func (QD_BUS (self), batch, n, watch->base.user_data);
          n = 0;
          if (watch->base.removed)
            return;
        }
    }
}

static guint
dispatch_watch (QdMemoryBus *self,
                MemWatch    *watch,
                guint        budget)
{
  guint delivered = 0;
  guint i;

  for (i = 0; i < self->stream_order->len && delivered < budget && !watch->base.removed; i++)
    {
      MemStream *stream = g_ptr_array_index (self->stream_order, i);
      gpointer value;
      guint64 next, end;

      if (!_qd_bus_watch_matches (&watch->base, stream->name))
        continue;

      if (g_hash_table_lookup_extended (watch->next, stream->name, NULL, &value))
        next = *(guint64 *) value;
      else
        next = watch_start (watch, stream, TRUE);

      /* Trimmed past what we had read: carry on from what is left. */
      next = MAX (next, stream->base);
      end = MIN (stream->base + stream->entries->len, next + (budget - delivered));

      {
        guint64 *stored = g_new (guint64, 1);
        *stored = end;
        g_hash_table_insert (watch->next, g_strdup (stream->name), stored);
      }

      if (next < end)
        {
          deliver_range (self, watch, stream, next, end);
          delivered += end - next;
        }
    }

  return delivered;
}

static gboolean
has_pending (QdMemoryBus *self)
{
  guint w, s;

  for (w = 0; w < self->watches->len; w++)
    {
      MemWatch *watch = g_ptr_array_index (self->watches, w);

      for (s = 0; s < self->stream_order->len; s++)
        {
          MemStream *stream = g_ptr_array_index (self->stream_order, s);
          guint64 *next;

          if (!_qd_bus_watch_matches (&watch->base, stream->name))
            continue;
          next = g_hash_table_lookup (watch->next, stream->name);
          if (next == NULL || *next < stream->base + stream->entries->len)
            return TRUE;
        }
    }

  return FALSE;
}

static guint
dispatch (QdMemoryBus *self,
          guint        budget)
{
  g_autoptr(GPtrArray) watches = NULL;
  guint delivered = 0;
  guint i;

  /* A callback may add or remove watches: work on a snapshot that holds references. */
  watches = g_ptr_array_sized_new (self->watches->len);
  for (i = 0; i < self->watches->len; i++)
    g_ptr_array_add (watches, g_ptr_array_index (self->watches, i));
  self->dispatch_depth++;

  for (i = 0; i < watches->len && delivered < budget; i++)
    {
      MemWatch *watch = g_ptr_array_index (watches, i);

      if (!watch->base.removed)
        delivered += dispatch_watch (self, watch, budget - delivered);
    }

  self->dispatch_depth--;

  if (self->dispatch_depth == 0)
    {
      for (i = self->watches->len; i > 0; i--)
        {
          MemWatch *watch = g_ptr_array_index (self->watches, i - 1);

          if (watch->base.removed)
            g_ptr_array_remove_index (self->watches, i - 1);
        }
    }

  return delivered;
}

static gboolean
dispatch_cb (gpointer user_data)
{
  QdMemoryBus *self = user_data;

  dispatch (self, DISPATCH_BUDGET);

  if (has_pending (self))
    return G_SOURCE_CONTINUE;

  self->dispatch_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_dispatch (QdMemoryBus *self)
{
  if (self->dispatch_id == 0)
    self->dispatch_id = g_idle_add_full (G_PRIORITY_DEFAULT, dispatch_cb, self, NULL);
}

static MemStream *
ensure_stream (QdMemoryBus *self,
               const char  *name)
{
  MemStream *stream = g_hash_table_lookup (self->streams, name);

  if (stream == NULL)
    {
      stream = g_new0 (MemStream, 1);
      stream->name = g_strdup (name);
      stream->entries = g_array_new (FALSE, FALSE, sizeof (MemEntry));
      g_array_set_clear_func (stream->entries, mem_entry_clear);
      g_hash_table_insert (self->streams, stream->name, stream);
      g_ptr_array_add (self->stream_order, stream);
    }

  return stream;
}

/* "MAXLEN ~ N": trim in chunks once the stream is a tenth over, as Redis trims whole nodes. */
static void
trim_stream (MemStream *stream,
             gsize      max_len)
{
  guint excess;

  if (max_len == 0 || stream->entries->len <= max_len + max_len / 10)
    return;

  excess = stream->entries->len - max_len;
  g_array_remove_range (stream->entries, 0, excess);
  stream->base += excess;
}

static void
next_id (MemStream *stream,
         char       id[48])
{
  guint64 now_ms = (guint64) (g_get_real_time () / 1000);

  if (now_ms > stream->last_ms)
    {
      stream->last_ms = now_ms;
      stream->last_seq = 0;
    }
  else
    stream->last_seq++;

  g_snprintf (id, 48, "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT,
              stream->last_ms, stream->last_seq);
}

static gboolean
qd_memory_bus_append (QdBus       *bus,
                      const char  *stream_name,
                      const char  *topic,
                      const char  *payload,
                      gssize       payload_len,
                      gsize        max_len,
                      char       **entry_id,
                      GError     **error)
{
  QdMemoryBus *self = QD_MEMORY_BUS (bus);
  MemStream *stream = ensure_stream (self, stream_name);
  MemEntry entry;

  if (payload_len < 0)
    payload_len = strlen (payload);

  next_id (stream, entry.id);
  entry.topic = g_strdup (topic);
  entry.payload = g_malloc (payload_len + 1);
  memcpy (entry.payload, payload, payload_len);
  entry.payload[payload_len] = '\0';
  entry.payload_len = payload_len;
  g_array_append_val (stream->entries, entry);

  if (entry_id != NULL)
    *entry_id = g_strdup (entry.id);

  trim_stream (stream, max_len);
  if (self->watches->len > 0)
    schedule_dispatch (self);

  return TRUE;
}

static guint
qd_memory_bus_watch (QdBus            *bus,
                     const char       *pattern,
                     const char       *from_id,
                     QdBusEntriesFunc  func,
                     gpointer          user_data,
                     GDestroyNotify    destroy)
{
  QdMemoryBus *self = QD_MEMORY_BUS (bus);
  MemWatch *watch = g_new0 (MemWatch, 1);
  guint i;

  _qd_bus_watch_init (&watch->base, ++self->next_watch_id, pattern, func, user_data, destroy);
  watch->from_start = strcmp (from_id, "0") == 0 || strcmp (from_id, "0-0") == 0;
  if (!watch->from_start && strcmp (from_id, "$") != 0)
    watch->from_id = g_strdup (from_id);
  watch->next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Pin "$" to the streams as they are now; streams created later are read from their start. */
  for (i = 0; i < self->stream_order->len; i++)
    {
      MemStream *stream = g_ptr_array_index (self->stream_order, i);
      guint64 *start;

      if (!_qd_bus_watch_matches (&watch->base, stream->name))
        continue;
      start = g_new (guint64, 1);
      *start = watch_start (watch, stream, FALSE);
      g_hash_table_insert (watch->next, g_strdup (stream->name), start);
    }

  g_ptr_array_add (self->watches, watch);
  schedule_dispatch (self);

  return watch->base.id;
}

static void
qd_memory_bus_unwatch (QdBus *bus,
                       guint  watch_id)
{
  QdMemoryBus *self = QD_MEMORY_BUS (bus);

  _qd_bus_watches_remove (self->watches, watch_id, self->dispatch_depth > 0);
}

static void
qd_memory_bus_iface_init (QdBusInterface *iface)
{
  iface->append = qd_memory_bus_append;
  iface->watch = qd_memory_bus_watch;
  iface->unwatch = qd_memory_bus_unwatch;
}

static void
qd_memory_bus_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, QD_BUS_STATE_CONNECTED);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, "embedded");
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_memory_bus_finalize (GObject *object)
{
  QdMemoryBus *self = QD_MEMORY_BUS (object);

  g_clear_handle_id (&self->dispatch_id, g_source_remove);
  g_ptr_array_unref (self->watches);
  g_ptr_array_unref (self->stream_order);
  g_hash_table_unref (self->streams);

  G_OBJECT_CLASS (qd_memory_bus_parent_class)->finalize (object);
}

static void
qd_memory_bus_class_init (QdMemoryBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_memory_bus_finalize;
  object_class->get_property = qd_memory_bus_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
  g_object_class_override_property (object_class, PROP_DESCRIPTION, "description");
  g_object_class_override_property (object_class, PROP_ERROR_MESSAGE, "error-message");
}

static void
qd_memory_bus_init (QdMemoryBus *self)
{
  self->streams = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, mem_stream_free);
  self->stream_order = g_ptr_array_new ();
  self->watches = g_ptr_array_new_with_free_func (mem_watch_free);
}

QdBus *
qd_memory_bus_new (void)
{
  return g_object_new (QD_TYPE_MEMORY_BUS, NULL);
}

guint
qd_memory_bus_get_stream_length (QdMemoryBus *self,
                                 const char  *stream_name)
{
  MemStream *stream;

  g_return_val_if_fail (QD_IS_MEMORY_BUS (self), 0);

  stream = g_hash_table_lookup (self->streams, stream_name);
  return stream ? stream->entries->len : 0;
}

GStrv
qd_memory_bus_list_streams (QdMemoryBus *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i;

  g_return_val_if_fail (QD_IS_MEMORY_BUS (self), NULL);

  for (i = 0; i < self->stream_order->len; i++)
    {
      MemStream *stream = g_ptr_array_index (self->stream_order, i);
      g_strv_builder_add (builder, stream->name);
    }

  return g_strv_builder_end (builder);
}

GPtrArray *
qd_memory_bus_dump_stream (QdMemoryBus *self,
                           const char  *stream_name)
{
  GPtrArray *dump = g_ptr_array_new_with_free_func (g_free);
  MemStream *stream;
  guint i;

  g_return_val_if_fail (QD_IS_MEMORY_BUS (self), dump);

  stream = g_hash_table_lookup (self->streams, stream_name);
  for (i = 0; stream != NULL && i < stream->entries->len; i++)
    {
      MemEntry *entry = &g_array_index (stream->entries, MemEntry, i);
      g_ptr_array_add (dump, g_strconcat (entry->topic, "\n", entry->payload, NULL));
    }

  return dump;
}

guint
qd_memory_bus_flush (QdMemoryBus *self)
{
  guint total = 0, n;

  g_return_val_if_fail (QD_IS_MEMORY_BUS (self), 0);

  while ((n = dispatch (self, G_MAXUINT)) > 0)
    total += n;

  return total;
}
