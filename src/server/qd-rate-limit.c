/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <math.h>

#include "qd-rate-limit.h"

/* More clients than this at once is an attack, not traffic: start afresh. */
#define MAX_BUCKETS 10000

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _QdRateLimit
{
  guint       burst;
  double      per_second;
  GHashTable *buckets;   /* client -> Bucket */
};

QdRateLimit *
qd_rate_limit_new (guint  burst,
                   double per_second)
{
  QdRateLimit *self = g_new0 (QdRateLimit, 1);

  self->burst = MAX (burst, 1);
  self->per_second = per_second > 0 ? per_second : 1.0;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
qd_rate_limit_free (QdRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
forget_full_buckets (QdRateLimit *self,
                     gint64       now_us)
{
  GHashTableIter iter;
  Bucket *bucket;
  double full_after_us = self->burst / self->per_second * G_USEC_PER_SEC;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    if (now_us - bucket->updated_us > full_after_us)
      g_hash_table_iter_remove (&iter);
  if (g_hash_table_size (self->buckets) >= MAX_BUCKETS)
    g_hash_table_remove_all (self->buckets);
}

gboolean
qd_rate_limit_take (QdRateLimit *self,
                    const char  *client,
                    gint64       now_us,
                    guint       *retry_after_s)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, client);

  if (bucket == NULL)
    {
      if (g_hash_table_size (self->buckets) >= MAX_BUCKETS / 2)
        forget_full_buckets (self, now_us);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->updated_us = now_us;
      g_hash_table_insert (self->buckets, g_strdup (client), bucket);
    }

  bucket->tokens = MIN ((double) self->burst,
                        bucket->tokens + (now_us - bucket->updated_us) * self->per_second / G_USEC_PER_SEC);
  bucket->updated_us = now_us;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  if (retry_after_s != NULL)
    *retry_after_s = (guint) MAX (1.0, ceil ((1.0 - bucket->tokens) / self->per_second));
  return FALSE;
}
