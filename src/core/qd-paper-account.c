/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-paper-private.h"

#define ACCOUNT_TOPIC "events.account." QD_PAPER_ACCOUNT_ID

/*
 * The paper account DU1234567: an IB margin account in USD.
 *
 * Cash moves as at IB: buying stock or EUR spends its value (the balance may go negative:
 * a margin loan), futures only settle their realized P&L, commissions are paid in cash.
 * Net liquidation = cash + stock and FX market value + futures unrealized P&L, marked at the
 * bid for longs and the ask for shorts.
 *
 * Margins (a simplified IB model):
 *   stocks   long 25% / 25%, short 30% / 30% of market value (initial / maintenance)
 *   EUR/USD  3% / 3% of the USD value
 *   ESZ6     15,000 / 13,600 USD per contract
 * Commissions (IB Pro fixed): stocks 0.005 USD per share, at least 1.00 and at most 1% of the
 * trade value; FX 0.2 bp of the value, at least 2.00; futures 2.25 per contract. Charged per
 * execution.
 */

typedef struct
{
  QdDecimal cash;
  QdDecimal net_liquidation;
  QdDecimal initial;
  QdDecimal maintenance;
  QdDecimal available;   /* NLV − initial margin */
} AccountFigures;

static QdDecimal
dec (gint64 raw,
     gint   scale)
{
  return (QdDecimal) { raw, scale };
}

QdDecimal
qd_paper_account_commission (QdPaperInstrument *inst,
                             gint64             qty,
                             QdDecimal          px)
{
  QdDecimal value = qd_paper_mul (px, qd_decimal_from_int (qty), 2);
  QdDecimal fee;

  switch (inst->spec->kind)
    {
    case QD_PAPER_KIND_FX:
      fee = qd_paper_mul (value, dec (2, 5), 2);
      if (qd_decimal_compare (fee, dec (200, 2)) < 0)
        fee = dec (200, 2);
      return fee;

    case QD_PAPER_KIND_FUTURE:
      return qd_paper_mul (dec (225, 2), qd_decimal_from_int (qty), 2);

    case QD_PAPER_KIND_STOCK:
    default:
      fee = qd_paper_mul (dec (5, 3), qd_decimal_from_int (qty), 2);
      if (qd_decimal_compare (fee, dec (100, 2)) < 0)
        fee = dec (100, 2);
      value = qd_paper_mul (value, dec (1, 2), 2);
      if (qd_decimal_compare (fee, value) > 0 && qd_decimal_sign (value) > 0)
        fee = value;
      return fee;
    }
}

/* Initial (or maintenance) margin of holding signed_qty at px. */
static QdDecimal
position_margin (QdPaperInstrument *inst,
                 gint64             signed_qty,
                 QdDecimal          px,
                 gboolean           maintenance)
{
  gint64 abs_qty = ABS (signed_qty);
  QdDecimal value = qd_paper_mul (px, qd_decimal_from_int (abs_qty), 2);

  if (abs_qty == 0)
    return dec (0, 2);
  switch (inst->spec->kind)
    {
    case QD_PAPER_KIND_FX:
      return qd_paper_mul (value, dec (3, 2), 2);

    case QD_PAPER_KIND_FUTURE:
      return qd_paper_mul (maintenance ? dec (13600, 0) : dec (15000, 0),
                           qd_decimal_from_int (abs_qty), 2);

    case QD_PAPER_KIND_STOCK:
    default:
      return qd_paper_mul (value, signed_qty > 0 ? dec (25, 2) : dec (30, 2), 2);
    }
}

static AccountFigures
account_figures (QdPaperVenue *self)
{
  AccountFigures f = { self->cash, self->cash, dec (0, 2), dec (0, 2), dec (0, 2) };
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];
      gint64 q = inst->position.signed_qty;
      QdDecimal mark = qd_paper_position_mark (inst);

      if (q == 0)
        continue;
      if (inst->spec->kind == QD_PAPER_KIND_FUTURE)
        f.net_liquidation = qd_paper_add (f.net_liquidation,
                                          qd_paper_position_unrealized (inst, mark));
      else
        f.net_liquidation = qd_paper_add (f.net_liquidation,
                                          qd_paper_mul (mark, qd_decimal_from_int (q), 2));
      f.initial = qd_paper_add (f.initial, position_margin (inst, q, mark, FALSE));
      f.maintenance = qd_paper_add (f.maintenance, position_margin (inst, q, mark, TRUE));
    }
  f.net_liquidation = qd_paper_round (f.net_liquidation, 2);
  f.available = qd_paper_sub (f.net_liquidation, f.initial);
  return f;
}

gboolean
qd_paper_account_has_positions (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    if (self->instruments[i].position.signed_qty != 0)
      return TRUE;
  return FALSE;
}

/* The price the margin check values an order at. */
static QdDecimal
reference_price (QdPaperOrder *order)
{
  if (!qd_decimal_is_none (order->price))
    return order->price;
  if (!qd_decimal_is_none (order->trigger_price))
    return order->trigger_price;
  return order->side == QD_ORDER_SIDE_BUY ? order->inst->ask : order->inst->bid;
}

/* IB's what-if check: the margin the position would need once the order is filled must fit
 * in the equity with loan value. Orders that only reduce the position always pass. */
gboolean
qd_paper_account_check_margin (QdPaperVenue  *self,
                               QdPaperOrder  *order,
                               char         **reason)
{
  QdPaperInstrument *inst = order->inst;
  AccountFigures f = account_figures (self);
  gint64 q0 = inst->position.signed_qty;
  gint64 q1 = q0 + (order->side == QD_ORDER_SIDE_BUY ? order->quantity : -order->quantity);
  QdDecimal px = reference_price (order);
  QdDecimal before = position_margin (inst, q0, px, FALSE);
  QdDecimal after = position_margin (inst, q1, px, FALSE);
  QdDecimal increase = qd_paper_sub (after, before);
  QdDecimal required = qd_paper_add (f.initial, increase);
  char elv[QD_DECIMAL_STR_MAX], im[QD_DECIMAL_STR_MAX];

  if (qd_decimal_sign (increase) <= 0 || qd_decimal_compare (increase, f.available) <= 0)
    return TRUE;

  *reason = g_strdup_printf ("Order rejected - reason:YOUR ORDER IS NOT ACCEPTED. IN ORDER TO "
                             "OBTAIN THE DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [%s USD] "
                             "MUST EXCEED THE INITIAL MARGIN [%s USD]",
                             qd_decimal_format (f.net_liquidation, elv),
                             qd_decimal_format (required, im));
  return FALSE;
}

/* IB execIds look like "0000e0d5.686a3b2c.01.01". */
static char *
new_exec_id (QdPaperVenue *self)
{
  self->exec_count++;
  return g_strdup_printf ("%08x.%08x.01.01", 0xe000u + self->exec_count,
                          (guint) (self->now / QD_PAPER_NS_PER_SEC));
}

/* Stocks and EUR exchange their value; futures settle only the P&L they realized. */
static void
settle_cash (QdPaperVenue      *self,
             QdPaperOrder      *order,
             gint64             qty,
             QdDecimal          px,
             QdDecimal          commission,
             QdDecimal          realized)
{
  QdDecimal value;

  self->cash = qd_paper_sub (self->cash, commission);
  if (order->inst->spec->kind == QD_PAPER_KIND_FUTURE)
    {
      self->cash = qd_paper_add (self->cash, realized);
      return;
    }
  value = qd_paper_mul (px, qd_decimal_from_int (qty), 2);
  if (order->side == QD_ORDER_SIDE_BUY)
    self->cash = qd_paper_sub (self->cash, value);
  else
    self->cash = qd_paper_add (self->cash, value);
}

/* One execution: OrderFilled (twice), the position events, then the account. */
void
qd_paper_account_apply_fill (QdPaperVenue *self,
                             QdPaperOrder *order,
                             gint64        qty,
                             QdDecimal     px)
{
  QdDecimal commission = qd_paper_account_commission (order->inst, qty, px);
  g_autofree char *trade_id = new_exec_id (self);
  QdDecimal realized;

  order->filled_qty += qty;
  order->notional = qd_paper_add (order->notional, qd_paper_mul (px, qd_decimal_from_int (qty),
                                                                 px.scale));
  order->commissions = qd_paper_add (order->commissions, commission);
  order->status = order->filled_qty >= order->quantity ? QD_ORDER_STATUS_FILLED
                                                       : QD_ORDER_STATUS_PARTIALLY_FILLED;
  g_free (order->last_trade_id);
  order->last_trade_id = g_strdup (trade_id);
  qd_paper_order_filled (self, order, qty, px, commission, trade_id);

  realized = qd_paper_position_apply (self, order->inst, order, qty, px, commission);
  settle_cash (self, order, qty, px, commission, realized);
  qd_paper_account_publish_state (self);
}

static void
write_money_str (QdJsonWriter *w,
                 const char   *key,
                 QdDecimal     value)
{
  qd_json_writer_member_decimal_str (w, key, qd_paper_round (value, 2));
}

static void
write_account_state (QdPaperVenue         *self,
                     QdJsonWriter         *w,
                     const AccountFigures *f)
{
  char event_id[37];

  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", "AccountState");
  qd_json_writer_member_string (w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (w, "account_type", "MARGIN");
  qd_json_writer_member_null (w, "base_currency");
  qd_json_writer_key (w, "balances");
  qd_json_writer_begin_array (w);
  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", "AccountBalance");
  write_money_str (w, "total", f->net_liquidation);
  write_money_str (w, "locked", qd_paper_sub (f->net_liquidation, f->available));
  write_money_str (w, "free", f->available);
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_end_object (w);
  qd_json_writer_end_array (w);
  qd_json_writer_key (w, "margins");
  qd_json_writer_begin_array (w);
  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", "MarginBalance");
  write_money_str (w, "initial", f->initial);
  write_money_str (w, "maintenance", f->maintenance);
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_member_null (w, "instrument_id");
  qd_json_writer_end_object (w);
  qd_json_writer_end_array (w);
  qd_json_writer_member_bool (w, "reported", TRUE);
  qd_json_writer_key (w, "info");
  qd_json_writer_begin_object (w);
  qd_json_writer_key (w, "TotalCashValue");
  qd_paper_write_float (w, qd_paper_round (f->cash, 2));
  qd_json_writer_end_object (w);
  qd_paper_venue_new_uuid (self, event_id);
  qd_json_writer_member_string (w, "event_id", event_id);
  qd_paper_write_ts (self, w, "ts_event", self->now);
  qd_paper_write_ts (self, w, "ts_init", self->now);
  qd_json_writer_end_object (w);
}

/* The bridge's seed-dialect IBAccountData. */
static void
publish_ib_account (QdPaperVenue         *self,
                    const AccountFigures *f)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *timestamp = qd_paper_format_iso_python (self->now);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_IB_ACCOUNT);
  qd_json_writer_member_decimal (&w, "net_liquidation", f->net_liquidation);
  qd_json_writer_member_decimal (&w, "total_cash_value", qd_paper_round (f->cash, 2));
  /* IB's day-trading buying power: four times the available funds. */
  qd_json_writer_member_decimal (&w, "buying_power",
                                 qd_paper_mul (f->available, qd_decimal_from_int (4), 2));
  qd_json_writer_member_decimal (&w, "maintenance_margin", f->maintenance);
  qd_json_writer_member_decimal (&w, "initial_margin", f->initial);
  qd_json_writer_member_decimal (&w, "excess_liquidity",
                                 qd_paper_sub (f->net_liquidation, f->maintenance));
  qd_json_writer_member_string (&w, "currency", "USD");
  qd_json_writer_member_string (&w, "timestamp", timestamp);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, "adapter.interactive_brokers.account", str);
}

void
qd_paper_account_publish_state (QdPaperVenue *self)
{
  AccountFigures f = account_figures (self);
  GString *str = g_string_new (NULL);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  write_account_state (self, &w, &f);
  qd_paper_venue_publish (self, ACCOUNT_TOPIC, str);
  g_free (self->account_payload);
  self->account_payload = g_string_free (str, FALSE);
  publish_ib_account (self, &f);
}

/* The portfolio re-publishes the same AccountState (same event_id) from time to time. */
void
qd_paper_account_republish (QdPaperVenue *self)
{
  g_autoptr(GString) str = NULL;

  if (self->account_payload == NULL)
    return;
  str = g_string_new (self->account_payload);
  qd_paper_venue_publish (self, ACCOUNT_TOPIC, str);
}
