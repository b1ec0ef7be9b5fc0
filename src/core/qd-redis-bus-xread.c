/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-redis-bus-private.h"

/* Entries per watch callback. */
#define BATCH_SIZE 1024

/* ---- cursors --------------------------------------------------------------------------- */

void
_qd_redis_bus_key_ensure (QdRedisBus *self,
                          const char *key)
{
  if (!g_hash_table_contains (self->keys, key))
    g_hash_table_insert (self->keys, g_strdup (key), g_new0 (RedisKey, 1));
}

void
_qd_redis_bus_key_lower (QdRedisBus    *self,
                         const char    *key,
                         const RedisId *id)
{
  RedisKey *k;

  _qd_redis_bus_key_ensure (self, key);
  k = g_hash_table_lookup (self->keys, key);
  if (k->has_cursor && _qd_redis_bus_ids_compare (id, &k->cursor) >= 0)
    return;
  k->cursor = *id;
  k->has_cursor = TRUE;
  if (k->in_request)
    k->lowered = TRUE;
}

/* After a disconnect: read again from the lowest position of any watch, the last id it
 * was given. */
void
_qd_redis_bus_reset_cursors (QdRedisBus *self)
{
  GHashTableIter iter;
  RedisKey *k;
  guint i;

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &k))
    memset (k, 0, sizeof *k);

  for (i = 0; i < self->watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (self->watches, i);
      const char *key;
      RedisPos *pos;

      g_hash_table_iter_init (&iter, watch->pos);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &pos))
        if (pos->resolved && !watch->base.removed)
          _qd_redis_bus_key_lower (self, key, &pos->last);
    }
}

/* ---- delivery ---------------------------------------------------------------------------- */

static void
deliver_to_watch (QdRedisBus       *self,
                  RedisWatch       *watch,
                  RedisPos         *pos,
                  const QdBusEntry *entries,
                  const RedisId    *ids,
                  guint             n)
{
  guint start = 0, end;

  while (start < n && _qd_redis_bus_ids_compare (&ids[start], &pos->last) <= 0)
    start++;

  for (; start < n && !watch->base.removed; start = end)
    {
      end = MIN (n, start + BATCH_SIZE);
      pos->last = ids[end - 1];
      watch->base.func (QD_BUS (self), entries + start, end - start, watch->base.user_data);
    }
}

static void
fill_entry (QdBusEntry *entry,
            RedisId    *id,
            const char *key,
            redisReply *item)
{
  redisReply *fields;
  gsize f;

  memset (entry, 0, sizeof *entry);
  entry->stream = key;
  entry->payload = "";
  if (item->type != REDIS_REPLY_ARRAY || item->elements < 2 ||
      item->element[0]->type != REDIS_REPLY_STRING)
    return;

  entry->id = item->element[0]->str;
  _qd_redis_bus_ids_parse (entry->id, id);
  fields = item->element[1];
  for (f = 0; fields->type == REDIS_REPLY_ARRAY && f + 1 < fields->elements; f += 2)
    {
      redisReply *name = fields->element[f], *value = fields->element[f + 1];

      if (name->type != REDIS_REPLY_STRING || value->type != REDIS_REPLY_STRING)
        continue;
      if (strcmp (name->str, "topic") == 0)
        entry->topic = value->str;
      else if (strcmp (name->str, "payload") == 0)
        {
          entry->payload = value->str;
          entry->payload_len = value->len;
        }
    }
}

/* One stream's part of a reply, read from `from`: each watch that had got that far gets
 * what it has not seen. A watch further back (added or reset meanwhile) is left to the next
 * read, which starts from it, so it never skips anything. */
static void
deliver_stream (QdRedisBus    *self,
                GPtrArray     *watches,
                const char    *key,
                const RedisId *from,
                redisReply    *items)
{
  g_autofree QdBusEntry *entries = g_new (QdBusEntry, items->elements);
  g_autofree RedisId *ids = g_new0 (RedisId, items->elements);
  guint n = 0, i;
  gsize e;

  for (e = 0; e < items->elements; e++)
    {
      fill_entry (&entries[n], &ids[n], key, items->element[e]);
      if (entries[n].id != NULL)
        n++;
    }
  self->stats.entries += n;

  for (i = 0; i < watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (watches, i);
      RedisPos *pos;

      if (watch->base.removed || !_qd_bus_watch_matches (&watch->base, key))
        continue;
      pos = g_hash_table_lookup (watch->pos, key);
      if (pos != NULL && pos->resolved && _qd_redis_bus_ids_compare (&pos->last, from) >= 0)
        deliver_to_watch (self, watch, pos, entries, ids, n);
    }
}

typedef struct
{
  redisReply *items;
  const char *key;
  RedisId     from;
} Block;

static gboolean
valid_block (redisReply *stream)
{
  return stream->type == REDIS_REPLY_ARRAY && stream->elements == 2 &&
         stream->element[0]->type == REDIS_REPLY_STRING &&
         stream->element[1]->type == REDIS_REPLY_ARRAY;
}

/* Move the cursors past the reply; returns where each block was read from. */
static GArray *
advance_cursors (QdRedisBus *self,
                 redisReply *reply)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  GHashTableIter iter;
  RedisKey *k;
  gsize s;

  for (s = 0; reply->type == REDIS_REPLY_ARRAY && s < reply->elements; s++)
    {
      redisReply *stream = reply->element[s], *items, *last;
      Block block;

      if (!valid_block (stream) || (k = g_hash_table_lookup (self->keys, stream->element[0]->str)) == NULL)
        continue;
      items = stream->element[1];
      block.items = items;
      block.key = stream->element[0]->str;
      block.from = k->request_from;
      g_array_append_val (blocks, block);

      last = items->elements > 0 ? items->element[items->elements - 1] : NULL;
      if (!k->lowered && last != NULL && last->type == REDIS_REPLY_ARRAY && last->elements >= 1 &&
          last->element[0]->type == REDIS_REPLY_STRING)
        _qd_redis_bus_ids_parse (last->element[0]->str, &k->cursor);
    }

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &k))
    k->in_request = k->lowered = FALSE;
  return blocks;
}

static void
deliver (QdRedisBus *self,
         GArray     *blocks)
{
  g_autoptr(GPtrArray) watches = g_ptr_array_new ();
  guint generation = self->generation;
  guint i;

  /* Callbacks may add or remove watches: work on a snapshot. */
  for (i = 0; i < self->watches->len; i++)
    g_ptr_array_add (watches, g_ptr_array_index (self->watches, i));
  self->dispatch_depth++;

  for (i = 0; i < blocks->len && generation == self->generation; i++)
    {
      Block *b = &g_array_index (blocks, Block, i);
      deliver_stream (self, watches, b->key, &b->from, b->items);
    }

  if (--self->dispatch_depth == 0)
    for (i = self->watches->len; i > 0; i--)
      if (((RedisWatch *) g_ptr_array_index (self->watches, i - 1))->base.removed)
        g_ptr_array_remove_index (self->watches, i - 1);
}

static void
xread_cb (redisAsyncContext *ac,
          void              *reply_ptr,
          void              *privdata)
{
  RedisConn *conn = ac->data;
  QdRedisBus *self = conn->bus;
  redisReply *reply = reply_ptr;
  g_autoptr(GArray) blocks = NULL;

  if (reply == NULL || GPOINTER_TO_UINT (privdata) != self->generation)
    return;
  self->xread_in_flight = FALSE;
  if (reply->type == REDIS_REPLY_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Redis refused to read the streams: %s"), reply->str);
      _qd_redis_bus_lost (self, message);
      return;
    }

  /* Ask for the next batch before applying this one, so Redis prepares it meanwhile. */
  blocks = advance_cursors (self, reply);
  _qd_redis_bus_read_next (self);
  deliver (self, blocks);
}

void
_qd_redis_bus_read_next (QdRedisBus *self)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = g_strdup_printf ("%u", self->options.read_count);
  g_autofree char *block = g_strdup_printf ("%u", self->options.block_ms);
  GHashTableIter iter;
  const char *key;
  RedisKey *k;
  int done;

  if (!self->synced || self->xread_in_flight || !self->read_conn.ready)
    return;

  g_ptr_array_add (argv, (gpointer) "XREAD");
  g_ptr_array_add (argv, (gpointer) "COUNT");
  g_ptr_array_add (argv, count);
  g_ptr_array_add (argv, (gpointer) "BLOCK");
  g_ptr_array_add (argv, block);
  g_ptr_array_add (argv, (gpointer) "STREAMS");

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &k))
    {
      if (!k->has_cursor)
        continue;
      g_ptr_array_add (argv, (gpointer) key);
      g_ptr_array_add (ids, g_malloc (48));
      _qd_redis_bus_ids_format (&k->cursor, g_ptr_array_index (ids, ids->len - 1));
      k->request_from = k->cursor;
      k->in_request = TRUE;
      k->lowered = FALSE;
    }
  if (ids->len == 0)
    return;
  g_ptr_array_extend (argv, ids, NULL, NULL);

  if (!_qd_redis_bus_command (self, &self->read_conn, xread_cb, GUINT_TO_POINTER (self->generation),
                              argv->len, (const char **) argv->pdata, NULL))
    return;
  self->xread_in_flight = TRUE;
  self->xread_sent = g_get_monotonic_time ();
  /* Send it now, not on the next loop iteration; a write error surfaces there. */
  redisBufferWrite (&self->read_conn.ac->c, &done);
}
