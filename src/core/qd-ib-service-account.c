/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-service"

#include "config.h"

#include <string.h>

#include "qd-ib-service-private.h"

/*
 * Account (from NautilusTrader's AccountState, which the IB adapter fills from
 * reqAccountSummary): net liquidation = balance.total (NetLiquidation); available funds =
 * balance.free (FullAvailableFunds); total cash = info.TotalCashValue; initial and
 * maintenance margin = the sum of the margins in the account currency (FullInitMarginReq,
 * FullMaintMarginReq); excess liquidity = net liquidation − maintenance margin; buying power
 * = 4 × available funds on a MARGIN account (IB's Reg T day-trading figure), available funds
 * on a CASH account. When the bridge publishes IB's own account summary (seed dialect),
 * its buying power and excess liquidity are IB's and are kept. Daily change = net liquidation
 * − the first net liquidation seen on the same UTC day.
 */

static const QdEventBalance *
pick_balance (const QdAccountStateEvent *a)
{
  guint i;

  if (a->balances == NULL || a->balances->len == 0)
    return NULL;

  for (i = 0; a->base_currency != NULL && i < a->balances->len; i++)
    {
      const QdEventBalance *b = &g_array_index (a->balances, QdEventBalance, i);
      if (g_strcmp0 (b->currency, a->base_currency) == 0)
        return b;
    }
  for (i = 0; i < a->balances->len; i++)
    {
      const QdEventBalance *b = &g_array_index (a->balances, QdEventBalance, i);
      if (g_strcmp0 (b->currency, "USD") == 0)
        return b;
    }

  return &g_array_index (a->balances, QdEventBalance, 0);
}

static void
sum_margins (const QdAccountStateEvent *a,
             const char                *currency,
             QdDecimal                 *initial,
             QdDecimal                 *maintenance)
{
  guint i;

  *initial = QD_DECIMAL_ZERO;
  *maintenance = QD_DECIMAL_ZERO;

  for (i = 0; a->margins != NULL && i < a->margins->len; i++)
    {
      const QdEventMargin *m = &g_array_index (a->margins, QdEventMargin, i);

      if (g_strcmp0 (m->currency, currency) != 0)
        continue;
      if (!qd_decimal_is_none (m->initial))
        qd_decimal_add (*initial, m->initial, initial, NULL);
      if (!qd_decimal_is_none (m->maintenance))
        qd_decimal_add (*maintenance, m->maintenance, maintenance, NULL);
    }
}

const char *
_qd_ib_service_account_number (const char *account_id)
{
  const char *dash;

  /* NautilusTrader's AccountId is "{issuer}-{number}": traders know the number. */
  if (account_id == NULL)
    return NULL;
  dash = strchr (account_id, '-');
  return dash ? dash + 1 : account_id;
}

static void
update_daily_change (QdIbService *self,
                     QdDecimal    net_liquidation,
                     gint64       ts)
{
  gint64 day = ts / (G_GINT64_CONSTANT (86400) * 1000000000);
  QdDecimal change;

  if (qd_decimal_is_none (net_liquidation))
    return;

  if (day != self->day_start_day || qd_decimal_is_none (qd_account_get_day_start_net_liquidation (self->account)))
    {
      self->day_start_day = day;
      qd_account_set_day_start_net_liquidation (self->account, net_liquidation);
    }

  if (qd_decimal_sub (net_liquidation, qd_account_get_day_start_net_liquidation (self->account),
                      &change, NULL))
    qd_account_set_daily_change (self->account, change);
}

void
_qd_ib_service_apply_account (QdIbService   *self,
                              const QdEvent *event)
{
  const QdAccountStateEvent *a = &event->u.account;
  const QdEventBalance *balance = pick_balance (a);
  QdAccount *account = self->account;
  QdDecimal initial, maintenance, excess, buying_power;

  if (balance == NULL)
    return;

  sum_margins (a, balance->currency, &initial, &maintenance);

  g_object_freeze_notify (G_OBJECT (account));
  qd_account_set_account_id (account, _qd_ib_service_account_number (a->account_id));
  qd_account_set_account_type (account, a->account_type);
  qd_account_set_currency (account, balance->currency);
  qd_account_set_net_liquidation (account, balance->total);
  qd_account_set_available_funds (account, balance->free);
  if (!qd_decimal_is_none (a->total_cash_value))
    qd_account_set_total_cash_value (account, a->total_cash_value);
  qd_account_set_initial_margin (account, initial);
  qd_account_set_maintenance_margin (account, maintenance);
  if (!self->have_seed_account)
    {
      if (qd_decimal_sub (balance->total, maintenance, &excess, NULL))
        qd_account_set_excess_liquidity (account, excess);
      if (g_strcmp0 (a->account_type, "CASH") == 0)
        qd_account_set_buying_power (account, balance->free);
      else if (qd_decimal_mul (balance->free, qd_decimal_from_int (4), balance->free.scale,
                               QD_ROUND_HALF_EVEN, &buying_power, NULL))
        qd_account_set_buying_power (account, buying_power);
    }
  update_daily_change (self, balance->total, event->ts_event);
  qd_account_set_timestamp (account, event->ts_event);
  g_object_thaw_notify (G_OBJECT (account));

  if (qd_connection_status_get_account_id (self->connection) == NULL)
    qd_connection_status_set_account_id (self->connection, _qd_ib_service_account_number (a->account_id));

  g_signal_emit (self, qd_ib_service_signals[SIGNAL_ACCOUNT_UPDATED], 0);
}

void
_qd_ib_service_apply_seed_account (QdIbService   *self,
                                   const QdEvent *event)
{
  const QdSeedAccountEvent *s = &event->u.seed_account;
  QdAccount *account = self->account;

  self->have_seed_account = TRUE;

  g_object_freeze_notify (G_OBJECT (account));
  if (s->account_id != NULL)
    qd_account_set_account_id (account, s->account_id);
  if (s->currency != NULL)
    qd_account_set_currency (account, s->currency);
  if (!qd_decimal_is_none (s->net_liquidation))
    qd_account_set_net_liquidation (account, s->net_liquidation);
  if (!qd_decimal_is_none (s->total_cash_value))
    qd_account_set_total_cash_value (account, s->total_cash_value);
  if (!qd_decimal_is_none (s->buying_power))
    qd_account_set_buying_power (account, s->buying_power);
  if (!qd_decimal_is_none (s->maintenance_margin))
    qd_account_set_maintenance_margin (account, s->maintenance_margin);
  if (!qd_decimal_is_none (s->initial_margin))
    qd_account_set_initial_margin (account, s->initial_margin);
  if (!qd_decimal_is_none (s->excess_liquidity))
    qd_account_set_excess_liquidity (account, s->excess_liquidity);
  update_daily_change (self, s->net_liquidation, event->ts_event);
  qd_account_set_timestamp (account, event->ts_event);
  g_object_thaw_notify (G_OBJECT (account));

  g_signal_emit (self, qd_ib_service_signals[SIGNAL_ACCOUNT_UPDATED], 0);
}
