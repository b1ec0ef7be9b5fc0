/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-position.h"

G_BEGIN_DECLS

/*
 * QdTableTotals: market value and P&L summed per currency, kept up to date one position at
 * a time. Each position's last counted values are remembered, so an update subtracts the
 * old contribution and adds the new one: the cost of a change does not grow with the number
 * of positions. Sums are exact decimals; a field none in every position stays none.
 */

typedef struct _QdTableTotals QdTableTotals;

typedef struct
{
  QdDecimal market_value;
  QdDecimal unrealized_pnl;
  QdDecimal realized_pnl;
  guint     n_positions;
} QdTableTotal;

QdTableTotals      *qd_table_totals_new            (void);
void                qd_table_totals_free           (QdTableTotals *self);
void                qd_table_totals_clear          (QdTableTotals *self);
/* Count position with its current values; TRUE when a sum or count changed. */
gboolean            qd_table_totals_update         (QdTableTotals *self,
                                                    QdPosition    *position);
/* FALSE when no position is in currency. */
gboolean            qd_table_totals_lookup         (QdTableTotals *self,
                                                    const char    *currency,
                                                    QdTableTotal  *total);
/* The currencies positions are held in, sorted. */
GStrv               qd_table_totals_dup_currencies (QdTableTotals *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTableTotals, qd_table_totals_free)

G_END_DECLS
