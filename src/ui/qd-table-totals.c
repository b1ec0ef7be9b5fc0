/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <string.h>

#include "qd-table-totals.h"

enum {
  FIELD_MARKET_VALUE,
  FIELD_UNREALIZED_PNL,
  FIELD_REALIZED_PNL,
  N_FIELDS
};

/* What one position adds to its currency's sums. */
typedef struct
{
  char     *currency;
  QdDecimal values[N_FIELDS];
} Contribution;

/* One currency: the sums and how many positions know each field. */
typedef struct
{
  QdDecimal sums[N_FIELDS];
  guint     n_known[N_FIELDS];
  guint     n_positions;
  gboolean  broken;          /* an overflow: the sums are no longer exact */
} Sums;

struct _QdTableTotals
{
  GHashTable *contributions; /* QdPosition -> Contribution (not reffed: keyed by identity) */
  GHashTable *sums;          /* currency -> Sums */
};

static void
contribution_free (gpointer data)
{
  Contribution *contribution = data;

  g_free (contribution->currency);
  g_free (contribution);
}

QdTableTotals *
qd_table_totals_new (void)
{
  QdTableTotals *self = g_new0 (QdTableTotals, 1);

  self->contributions = g_hash_table_new_full (NULL, NULL, NULL, contribution_free);
  self->sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
qd_table_totals_free (QdTableTotals *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->contributions);
  g_hash_table_unref (self->sums);
  g_free (self);
}

void
qd_table_totals_clear (QdTableTotals *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->contributions);
  g_hash_table_remove_all (self->sums);
}

static Sums *
sums_for (QdTableTotals *self,
          const char    *currency)
{
  Sums *sums = g_hash_table_lookup (self->sums, currency);

  if (sums == NULL)
    {
      sums = g_new0 (Sums, 1);
      for (guint f = 0; f < N_FIELDS; f++)
        sums->sums[f] = QD_DECIMAL_NONE;
      g_hash_table_insert (self->sums, g_strdup (currency), sums);
    }
  return sums;
}

static void
sums_apply (Sums               *sums,
            const Contribution *contribution,
            gint                direction)
{
  for (guint f = 0; f < N_FIELDS; f++)
    {
      QdDecimal value = contribution->values[f];
      gboolean ok;

      if (qd_decimal_is_none (value))
        continue;
      if (direction > 0 && qd_decimal_is_none (sums->sums[f]))
        {
          sums->sums[f] = value;
          sums->n_known[f]++;
          continue;
        }
      if (direction > 0)
        {
          ok = qd_decimal_add (sums->sums[f], value, &sums->sums[f], NULL);
          sums->n_known[f]++;
        }
      else
        {
          ok = qd_decimal_sub (sums->sums[f], value, &sums->sums[f], NULL);
          if (--sums->n_known[f] == 0)
            sums->sums[f] = QD_DECIMAL_NONE;
        }
      if (!ok)
        sums->broken = TRUE;
    }
  sums->n_positions += direction;
}

static gboolean
same_contribution (const Contribution *a,
                   const Contribution *b)
{
  if (g_strcmp0 (a->currency, b->currency) != 0)
    return FALSE;
  for (guint f = 0; f < N_FIELDS; f++)
    if (!qd_decimal_identical (a->values[f], b->values[f]))
      return FALSE;
  return TRUE;
}

static void
withdraw (QdTableTotals      *self,
          const Contribution *old)
{
  Sums *sums = sums_for (self, old->currency);

  sums_apply (sums, old, -1);
  if (sums->n_positions == 0)
    g_hash_table_remove (self->sums, old->currency);
}

gboolean
qd_table_totals_update (QdTableTotals *self,
                        QdPosition    *position)
{
  Contribution *old, *now;
  const char *currency;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (QD_IS_POSITION (position), FALSE);

  currency = qd_position_get_currency (position);
  now = g_new0 (Contribution, 1);
  now->currency = g_strdup (currency != NULL ? currency : "");
  now->values[FIELD_MARKET_VALUE] = qd_position_get_market_value (position);
  now->values[FIELD_UNREALIZED_PNL] = qd_position_get_unrealized_pnl (position);
  now->values[FIELD_REALIZED_PNL] = qd_position_get_realized_pnl (position);

  old = g_hash_table_lookup (self->contributions, position);
  if (old != NULL && same_contribution (old, now))
    {
      contribution_free (now);
      return FALSE;
    }

  if (old != NULL)
    withdraw (self, old);
  sums_apply (sums_for (self, now->currency), now, +1);
  g_hash_table_replace (self->contributions, position, now);
  return TRUE;
}

gboolean
qd_table_totals_lookup (QdTableTotals *self,
                        const char    *currency,
                        QdTableTotal  *total)
{
  Sums *sums;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  sums = g_hash_table_lookup (self->sums, currency != NULL ? currency : "");
  if (sums == NULL)
    return FALSE;

  /* After an overflow the running sums are wrong: show them as unknown rather than wrong. */
  total->market_value = sums->broken ? QD_DECIMAL_NONE : sums->sums[FIELD_MARKET_VALUE];
  total->unrealized_pnl = sums->broken ? QD_DECIMAL_NONE : sums->sums[FIELD_UNREALIZED_PNL];
  total->realized_pnl = sums->broken ? QD_DECIMAL_NONE : sums->sums[FIELD_REALIZED_PNL];
  total->n_positions = sums->n_positions;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
qd_table_totals_dup_currencies (QdTableTotals *self)
{
  GStrv currencies;

  g_return_val_if_fail (self != NULL, NULL);

  currencies = (GStrv) g_hash_table_get_keys_as_array (self->sums, NULL);
  for (guint i = 0; currencies[i] != NULL; i++)
    currencies[i] = g_strdup (currencies[i]);
  qsort (currencies, g_strv_length (currencies), sizeof (char *), compare_strings);
  return currencies;
}
