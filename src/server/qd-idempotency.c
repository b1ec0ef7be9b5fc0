/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-idempotency.h"

#define LIFETIME_US (24 * G_TIME_SPAN_HOUR)

typedef struct
{
  char   *id;          /* scope + "\n" + key */
  char   *digest;      /* SHA-256 of the body */
  gint64  created_us;
  guint   status;      /* 0 while in flight */
  GBytes *answer;
} Entry;

struct _QdIdempotency
{
  guint       capacity;
  GHashTable *entries;   /* id -> Entry (owned by order) */
  GQueue      order;     /* Entry, oldest first */
};

static void
entry_free (Entry *entry)
{
  g_free (entry->id);
  g_free (entry->digest);
  g_clear_pointer (&entry->answer, g_bytes_unref);
  g_free (entry);
}

QdIdempotency *
qd_idempotency_new (guint capacity)
{
  QdIdempotency *self = g_new0 (QdIdempotency, 1);

  self->capacity = MAX (capacity, 1);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->order);
  return self;
}

void
qd_idempotency_free (QdIdempotency *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_queue_clear_full (&self->order, (GDestroyNotify) entry_free);
  g_free (self);
}

gboolean
qd_idempotency_key_is_valid (const char *key)
{
  gsize len, i;

  if (key == NULL)
    return FALSE;
  len = strlen (key);
  if (len == 0 || len > 128)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!g_ascii_isgraph (key[i]))
      return FALSE;
  return TRUE;
}

static void
expire (QdIdempotency *self,
        gint64         now_us)
{
  Entry *oldest;

  while ((oldest = g_queue_peek_head (&self->order)) != NULL &&
         (now_us - oldest->created_us > LIFETIME_US || g_queue_get_length (&self->order) >= self->capacity))
    {
      g_hash_table_remove (self->entries, oldest->id);
      entry_free (g_queue_pop_head (&self->order));
    }
}

QdIdempotencyResult
qd_idempotency_begin (QdIdempotency  *self,
                      const char     *scope,
                      const char     *key,
                      GBytes         *body,
                      gint64          now_us,
                      guint          *status,
                      GBytes        **answer)
{
  g_autofree char *id = g_strconcat (scope, "\n", key, NULL);
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  Entry *entry;

  expire (self, now_us);
  entry = g_hash_table_lookup (self->entries, id);
  if (entry != NULL)
    {
      if (strcmp (entry->digest, digest) != 0)
        return QD_IDEMPOTENCY_MISMATCH;
      if (entry->status == 0)
        return QD_IDEMPOTENCY_IN_FLIGHT;
      *status = entry->status;
      *answer = g_bytes_ref (entry->answer);
      return QD_IDEMPOTENCY_REPLAY;
    }

  entry = g_new0 (Entry, 1);
  entry->id = g_steal_pointer (&id);
  entry->digest = g_steal_pointer (&digest);
  entry->created_us = now_us;
  g_hash_table_insert (self->entries, entry->id, entry);
  g_queue_push_tail (&self->order, entry);
  return QD_IDEMPOTENCY_NEW;
}

void
qd_idempotency_finish (QdIdempotency *self,
                       const char    *scope,
                       const char    *key,
                       guint          status,
                       GBytes        *answer)
{
  g_autofree char *id = g_strconcat (scope, "\n", key, NULL);
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry == NULL)
    return;
  if (status == 0)
    {
      g_hash_table_remove (self->entries, id);
      g_queue_remove (&self->order, entry);
      entry_free (entry);
      return;
    }
  entry->status = status;
  g_clear_pointer (&entry->answer, g_bytes_unref);
  entry->answer = g_bytes_ref (answer);
}
