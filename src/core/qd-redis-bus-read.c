/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-redis-bus-private.h"

/* A discovery query in flight: SCAN, the start of a (watch, stream) pair, or a trim check. */
typedef struct
{
  QdRedisBus *bus;
  guint       watch_id;
  char       *key;      /* or the SCAN pattern */
  guint       step;
} Query;

static void discovery_step_done (QdRedisBus *self);
static void discover (QdRedisBus *self);

/* ---- ids ------------------------------------------------------------------------------ */

void
_qd_redis_bus_ids_parse (const char *text,
                         RedisId    *id)
{
  char *end = NULL;

  id->ms = g_ascii_strtoull (text, &end, 10);
  id->seq = (end != NULL && *end == '-') ? g_ascii_strtoull (end + 1, NULL, 10) : 0;
}

int
_qd_redis_bus_ids_compare (const RedisId *a,
                           const RedisId *b)
{
  if (a->ms != b->ms)
    return a->ms < b->ms ? -1 : 1;
  if (a->seq != b->seq)
    return a->seq < b->seq ? -1 : 1;
  return 0;
}

void
_qd_redis_bus_ids_format (const RedisId *id,
                          char           buf[48])
{
  g_snprintf (buf, 48, "%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, id->ms, id->seq);
}

/* The id just before `id`, so that an exclusive XREAD starts at `id` itself. */
static void
id_before (RedisId *id)
{
  if (id->seq > 0)
    id->seq--;
  else if (id->ms > 0)
    {
      id->ms--;
      id->seq = G_MAXUINT64;
    }
}

/* ---- watches ---------------------------------------------------------------------------- */

void
_qd_redis_bus_watch_free (gpointer data)
{
  RedisWatch *watch = data;

  _qd_bus_watch_clear (&watch->base);
  g_hash_table_unref (watch->pos);
  g_free (watch);
}

static RedisWatch *
find_watch (QdRedisBus *self,
            guint       watch_id)
{
  guint i;

  for (i = 0; i < self->watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (self->watches, i);

      if (watch->base.id == watch_id && !watch->base.removed)
        return watch;
    }
  return NULL;
}

void
_qd_redis_bus_reset_reading (QdRedisBus *self)
{
  guint i;

  self->synced = FALSE;
  self->sync_pending = 0;
  self->round = ROUND_IDLE;
  self->rediscover = FALSE;
  self->xread_in_flight = FALSE;
  g_clear_handle_id (&self->scan_id, g_source_remove);

  /* Positions survive: the next connection resumes from them. */
  for (i = 0; i < self->watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (self->watches, i);
      GHashTableIter iter;
      RedisPos *pos;

      g_hash_table_iter_init (&iter, watch->pos);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pos))
        pos->resolving = FALSE;
    }
  _qd_redis_bus_reset_cursors (self);
}

/* ---- queries ------------------------------------------------------------------------------ */

static Query *
query_new (QdRedisBus *self,
           guint       watch_id,
           const char *key)
{
  Query *q = g_new0 (Query, 1);

  q->bus = self;
  q->watch_id = watch_id;
  q->key = g_strdup (key);
  return q;
}

static void
query_free (Query *q)
{
  g_free (q->key);
  g_free (q);
}

static gboolean
send_query (QdRedisBus      *self,
            redisCallbackFn *fn,
            Query           *q,
            int              argc,
            const char     **argv)
{
  if (!_qd_redis_bus_command (self, &self->cmd_conn, fn, q, argc, argv, NULL))
    {
      query_free (q);
      return FALSE;
    }
  self->sync_pending++;
  return TRUE;
}

static gboolean
reply_failed (QdRedisBus *self,
              redisReply *reply)
{
  if (reply->type != REDIS_REPLY_ERROR)
    return FALSE;

  {
    g_autofree char *message = g_strdup_printf (_("Redis refused a query: %s"), reply->str);
    _qd_redis_bus_lost (self, message);
  }
  return TRUE;
}

/* ---- SCAN: the per-topic streams -------------------------------------------------------- */

static void scan_cb (redisAsyncContext *ac, void *reply, void *privdata);

static void
send_scan (QdRedisBus *self,
           const char *match,
           const char *cursor)
{
  const char *argv[] = { "SCAN", cursor, "MATCH", match, "COUNT", "1000", "TYPE", "stream" };

  send_query (self, scan_cb, query_new (self, 0, match), G_N_ELEMENTS (argv), argv);
}

static void
scan_cb (redisAsyncContext *ac,
         void              *reply_ptr,
         void              *privdata)
{
  Query *q = privdata;
  QdRedisBus *self = q->bus;
  redisReply *reply = reply_ptr;
  gsize i;

  if (reply == NULL)
    goto out;
  self->sync_pending--;
  if (reply_failed (self, reply))
    goto out;

  if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
      reply->element[1]->type == REDIS_REPLY_ARRAY)
    {
      redisReply *keys = reply->element[1];

      for (i = 0; i < keys->elements; i++)
        if (keys->element[i]->type == REDIS_REPLY_STRING)
          _qd_redis_bus_key_ensure (self, keys->element[i]->str);

      if (g_strcmp0 (reply->element[0]->str, "0") != 0)
        send_scan (self, q->key, reply->element[0]->str);
    }
  discovery_step_done (self);

out:
  query_free (q);
}

static char *
glob_escape (const char *prefix)
{
  GString *s = g_string_new (NULL);
  const char *p;

  for (p = prefix; *p != '\0'; p++)
    {
      if (strchr ("*?[]\\", *p) != NULL)
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '*');
  return g_string_free (s, FALSE);
}

/* ---- where a watch starts in a stream ----------------------------------------------------- */

static RedisPos *
lookup_pos (QdRedisBus *self,
            Query      *q)
{
  RedisWatch *watch = find_watch (self, q->watch_id);

  return watch ? g_hash_table_lookup (watch->pos, q->key) : NULL;
}

static void
pos_set (QdRedisBus    *self,
         const char    *key,
         RedisPos      *pos,
         const RedisId *id)
{
  pos->last = *id;
  pos->resolved = TRUE;
  pos->resolving = FALSE;
  _qd_redis_bus_key_lower (self, key, id);
}

static void start_cb (redisAsyncContext *ac, void *reply, void *privdata);

static void
send_start_query (QdRedisBus *self,
                  RedisWatch *watch,
                  const char *key,
                  guint       step)
{
  g_autofree char *count = g_strdup_printf ("%u", self->options.history_limit);
  Query *q = query_new (self, watch->base.id, key);
  const char *xlen[] = { "XLEN", key };
  const char *newest[] = { "XREVRANGE", key, "+", "-", "COUNT", "1" };
  const char *history[] = { "XREVRANGE", key, "+", "-", "COUNT", count };

  q->step = step;
  if (step == 0 && watch->from == FROM_HISTORY)
    send_query (self, start_cb, q, G_N_ELEMENTS (xlen), xlen);
  else if (step == 0)
    send_query (self, start_cb, q, G_N_ELEMENTS (newest), newest);
  else
    send_query (self, start_cb, q, G_N_ELEMENTS (history), history);
}

/* The oldest id in an XREVRANGE reply, or FALSE when it is empty. */
static gboolean
oldest_in_range (redisReply *reply,
                 RedisId    *id)
{
  redisReply *entry;

  if (reply->type != REDIS_REPLY_ARRAY || reply->elements == 0)
    return FALSE;
  entry = reply->element[reply->elements - 1];
  if (entry->type != REDIS_REPLY_ARRAY || entry->elements < 1 ||
      entry->element[0]->type != REDIS_REPLY_STRING)
    return FALSE;
  _qd_redis_bus_ids_parse (entry->element[0]->str, id);
  return TRUE;
}

/* "$" means what is written after qd_bus_watch(), not after the start query reaches Redis:
 * a command written while we connect (a simulator just started) is read too. Entry ids are
 * Redis's clock in ms; entries of the watch's own millisecond count as before it. */
static void
since_watch_made (const RedisWatch *watch,
                  RedisId          *id)
{
  RedisId made = { watch->since_ms, G_MAXUINT64 };

  if (watch->since_ms > 0 && _qd_redis_bus_ids_compare (id, &made) > 0)
    *id = made;
}

static void
start_reply (QdRedisBus *self,
             Query      *q,
             RedisPos   *pos,
             redisReply *reply)
{
  RedisWatch *watch = find_watch (self, q->watch_id);
  RedisId id = { 0, 0 };

  if (watch->from == FROM_HISTORY && q->step == 0)
    {
      /* Short enough: read it all from the start. */
      if (reply->type == REDIS_REPLY_INTEGER && reply->integer > self->options.history_limit)
        send_start_query (self, watch, q->key, 1);
      else
        pos_set (self, q->key, pos, &id);
      return;
    }

  if (oldest_in_range (reply, &id) && watch->from == FROM_HISTORY)
    id_before (&id);
  else if (watch->from == FROM_NOW)
    since_watch_made (watch, &id);
  pos_set (self, q->key, pos, &id);
}

static void
start_cb (redisAsyncContext *ac,
          void              *reply_ptr,
          void              *privdata)
{
  Query *q = privdata;
  QdRedisBus *self = q->bus;
  redisReply *reply = reply_ptr;
  RedisPos *pos;

  if (reply == NULL)
    goto out;
  self->sync_pending--;
  if (reply_failed (self, reply))
    goto out;

  pos = lookup_pos (self, q);
  if (pos != NULL)
    start_reply (self, q, pos, reply);
  discovery_step_done (self);

out:
  query_free (q);
}

static void
resolve_pos (QdRedisBus *self,
             RedisWatch *watch,
             const char *key,
             RedisPos   *pos)
{
  static const RedisId zero = { 0, 0 };

  pos->resolved = FALSE;
  pos->resolving = TRUE;
  if (watch->from == FROM_ID)
    pos_set (self, key, pos, &watch->from_id);
  else if (watch->from == FROM_NOW && watch->initial_scan_done)
    pos_set (self, key, pos, &zero);   /* a stream that appeared after the watch: all of it is new */
  else
    send_start_query (self, watch, key, 0);
}

/* ---- trims -------------------------------------------------------------------------------- */

static void trim_cb (redisAsyncContext *ac, void *reply, void *privdata);

static void
send_trim_check (QdRedisBus *self,
                 const char *key)
{
  const char *argv[] = { "XINFO", "STREAM", key };

  send_query (self, trim_cb, query_new (self, 0, key), G_N_ELEMENTS (argv), argv);
}

static redisReply *
info_field (redisReply *info,
            const char *name)
{
  gsize i;

  for (i = 0; info->type == REDIS_REPLY_ARRAY && i + 1 < info->elements; i += 2)
    if (info->element[i]->type == REDIS_REPLY_STRING && strcmp (info->element[i]->str, name) == 0)
      return info->element[i + 1];
  return NULL;
}

static gboolean
info_id (redisReply *info,
         const char *name,
         RedisId    *id)
{
  redisReply *field = info_field (info, name);

  if (field == NULL)
    return FALSE;
  if (field->type == REDIS_REPLY_ARRAY && field->elements >= 1)   /* first-entry: [id, fields] */
    field = field->element[0];
  if (field->type != REDIS_REPLY_STRING)
    return FALSE;
  _qd_redis_bus_ids_parse (field->str, id);
  return TRUE;
}

/* TRUE when entries after `last` are gone: the stream vanished, an entry after it was
 * deleted, or the stream now starts after it (trimmed; XTRIM does not record what it
 * removed). If the trim happened to stop exactly at our last entry this reports a resync
 * that was not needed, which costs a refresh and nothing else. */
static gboolean
was_trimmed (redisReply    *info,
             const RedisId *last)
{
  static const RedisId zero = { 0, 0 };
  redisReply *length;
  RedisId id;

  if (_qd_redis_bus_ids_compare (last, &zero) == 0)
    return FALSE;
  if (info->type == REDIS_REPLY_ERROR)
    return TRUE;

  if (info_id (info, "max-deleted-entry-id", &id) && _qd_redis_bus_ids_compare (&id, last) > 0)
    return TRUE;

  length = info_field (info, "length");
  if (length != NULL && length->type == REDIS_REPLY_INTEGER && length->integer == 0)
    return info_id (info, "last-generated-id", &id) && _qd_redis_bus_ids_compare (&id, last) > 0;

  return (info_id (info, "recorded-first-entry-id", &id) || info_id (info, "first-entry", &id)) &&
         _qd_redis_bus_ids_compare (&id, last) > 0;
}

static void
resync_key (QdRedisBus *self,
            const char *key,
            redisReply *info)
{
  static const RedisId zero = { 0, 0 };
  gboolean vanished = info->type == REDIS_REPLY_ERROR;
  gboolean reported = FALSE;
  guint i;

  for (i = 0; i < self->watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (self->watches, i);
      RedisPos *pos = g_hash_table_lookup (watch->pos, key);

      if (watch->base.removed || pos == NULL || !pos->resolved || !was_trimmed (info, &pos->last))
        continue;

      if (!reported)
        {
          g_autofree char *message = g_strdup_printf (vanished
            ? _("The stream %s is gone from Redis (restarted without persistence?): reading it anew")
            : _("The stream %s was trimmed past the last entry read: some entries were missed, "
                "rebuilding from the retained history"), key);
          _qd_redis_bus_resynced (self, key, message);
          reported = TRUE;
        }

      /* History readers rebuild from what is retained (events are deduplicated by id);
       * the others carry on after their last id, which is still right. */
      if (watch->from == FROM_HISTORY)
        resolve_pos (self, watch, key, pos);
      else if (vanished)
        pos_set (self, key, pos, &zero);
    }
}

static void
trim_cb (redisAsyncContext *ac,
         void              *reply_ptr,
         void              *privdata)
{
  Query *q = privdata;
  QdRedisBus *self = q->bus;
  redisReply *reply = reply_ptr;

  if (reply == NULL)
    goto out;
  self->sync_pending--;

  /* An error here is "no such key": the stream is not there (any more). */
  resync_key (self, q->key, reply);
  discovery_step_done (self);

out:
  query_free (q);
}

/* ---- discovery rounds ------------------------------------------------------------------- */

/* After the SCANs: give every (watch, stream) pair a start, and check known ones for trims. */
static void
resolve_all (QdRedisBus *self)
{
  g_autoptr(GHashTable) checked = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *key;
  guint i;

  g_hash_table_iter_init (&iter, self->keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    for (i = 0; i < self->watches->len; i++)
      {
        RedisWatch *watch = g_ptr_array_index (self->watches, i);
        RedisPos *pos;

        if (watch->base.removed || !_qd_bus_watch_matches (&watch->base, key))
          continue;

        pos = g_hash_table_lookup (watch->pos, key);
        if (pos == NULL)
          {
            pos = g_new0 (RedisPos, 1);
            g_hash_table_insert (watch->pos, g_strdup (key), pos);
          }
        if (!pos->resolved && !pos->resolving)
          resolve_pos (self, watch, key, pos);
        else if (pos->resolved && !g_hash_table_contains (checked, key))
          {
            g_hash_table_add (checked, (gpointer) key);
            send_trim_check (self, key);
          }
      }
}

static gboolean rescan_cb (gpointer user_data);

static void
discovery_done (QdRedisBus *self)
{
  guint i;

  for (i = 0; i < self->watches->len; i++)
    ((RedisWatch *) g_ptr_array_index (self->watches, i))->initial_scan_done = TRUE;

  if (!self->synced)
    {
      self->synced = TRUE;
      self->scan_id = g_timeout_add_seconds (self->options.scan_interval_s, rescan_cb, self);
    }
  _qd_redis_bus_read_next (self);
  /* A watch was added while the round ran. */
  if (self->rediscover)
    discover (self);
}

static void
discovery_step_done (QdRedisBus *self)
{
  if (self->sync_pending > 0 || self->teardown_id != 0)
    return;

  if (self->round == ROUND_SCANNING)
    {
      self->round = ROUND_RESOLVING;
      resolve_all (self);
      if (self->sync_pending > 0)
        return;
    }
  self->round = ROUND_IDLE;
  discovery_done (self);
}

static void
discover (QdRedisBus *self)
{
  guint i;

  if (self->round != ROUND_IDLE)
    {
      self->rediscover = TRUE;
      return;
    }

  self->rediscover = FALSE;
  self->round = ROUND_SCANNING;
  for (i = 0; i < self->watches->len; i++)
    {
      RedisWatch *watch = g_ptr_array_index (self->watches, i);

      if (watch->base.removed)
        continue;
      if (watch->base.is_prefix)
        {
          g_autofree char *match = glob_escape (watch->base.pattern);
          send_scan (self, match, "0");
        }
      else
        _qd_redis_bus_key_ensure (self, watch->base.pattern);
    }
  discovery_step_done (self);
}

static gboolean
rescan_cb (gpointer user_data)
{
  QdRedisBus *self = user_data;

  discover (self);
  return G_SOURCE_CONTINUE;
}

void
_qd_redis_bus_sync (QdRedisBus *self)
{
  discover (self);
}

void
_qd_redis_bus_watch_added (QdRedisBus *self,
                           RedisWatch *watch)
{
  /* A round in flight picks the new watch up at its next rescan; start one now if idle. */
  discover (self);
}
