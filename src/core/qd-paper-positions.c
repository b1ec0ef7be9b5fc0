/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

#define POSITION_TOPIC "events.position." QD_PAPER_STRATEGY_ID

/*
 * Netting positions, one per instrument, as NautilusTrader's Position keeps them for IB
 * (OmsType.NETTING): the average open price only moves when the position grows, realized
 * P&L includes commissions, and a fill through zero closes the position and opens a new
 * one with the same id for the remainder.
 *
 * The open cost is kept exactly (Σ px × qty); a partial close removes avg × qty of it and a
 * full close removes what is left, so a round trip realizes exactly proceeds − cost.
 */

char *
qd_paper_position_id (QdPaperInstrument *inst)
{
  return g_strconcat (inst->id, "-" QD_PAPER_STRATEGY_ID, NULL);
}

void
qd_paper_position_clear (QdPaperPosition *pos)
{
  g_clear_pointer (&pos->opening_order_id, g_free);
  g_clear_pointer (&pos->closing_order_id, g_free);
}

static gint
avg_scale (QdPaperInstrument *inst)
{
  return MIN (inst->precision + 4, QD_DECIMAL_MAX_SCALE);
}

static QdDecimal
value_of (QdDecimal px,
          gint64    qty)
{
  return qd_paper_mul (px, qd_decimal_from_int (qty), px.scale);
}

/* Liquidation price: the bid for a long, the ask for a short (NautilusTrader's portfolio). */
QdDecimal
qd_paper_position_mark (QdPaperInstrument *inst)
{
  return inst->position.signed_qty >= 0 ? inst->bid : inst->ask;
}

QdDecimal
qd_paper_position_unrealized (QdPaperInstrument *inst,
                              QdDecimal          mark)
{
  QdPaperPosition *pos = &inst->position;
  gint64 abs_qty = ABS (pos->signed_qty);
  QdDecimal points;

  if (abs_qty == 0)
    return (QdDecimal) { 0, 2 };
  points = qd_paper_sub (value_of (mark, abs_qty), pos->cost);
  if (pos->signed_qty < 0)
    points = qd_decimal_negate (points);
  return qd_paper_mul (points, inst->multiplier, 2);
}

static QdDecimal
avg_px_close (QdPaperPosition *pos,
              gint             scale)
{
  if (pos->closed_qty == 0)
    return QD_DECIMAL_NONE;
  return qd_paper_div (pos->close_value, qd_decimal_from_int (pos->closed_qty), scale);
}

static const char *
side_word (QdPaperPosition *pos)
{
  return pos->signed_qty > 0 ? "LONG" : pos->signed_qty < 0 ? "SHORT" : "FLAT";
}

/* Fields every position event starts with, up to avg_px_open. */
static void
write_position_head (QdPaperVenue      *self,
                     QdJsonWriter      *w,
                     QdPaperInstrument *inst,
                     const char        *type)
{
  QdPaperPosition *pos = &inst->position;
  g_autofree char *position_id = qd_paper_position_id (inst);

  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", type);
  qd_json_writer_member_string (w, "trader_id", self->trader_id);
  qd_json_writer_member_string (w, "strategy_id", QD_PAPER_STRATEGY_ID);
  qd_json_writer_member_string (w, "instrument_id", inst->id);
  qd_json_writer_member_string (w, "position_id", position_id);
  qd_json_writer_member_string (w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (w, "opening_order_id", pos->opening_order_id);
  if (strcmp (type, "PositionClosed") == 0)
    qd_json_writer_member_string (w, "closing_order_id", pos->closing_order_id);
  qd_json_writer_member_string (w, "entry", qd_order_side_to_string (pos->entry));
  qd_json_writer_member_string (w, "side", side_word (pos));
  qd_json_writer_key (w, "signed_qty");
  qd_paper_write_float (w, qd_decimal_from_int (pos->signed_qty));
  qd_json_writer_member_decimal_str (w, "quantity", qd_decimal_from_int (ABS (pos->signed_qty)));
  qd_json_writer_member_decimal_str (w, "peak_qty", qd_decimal_from_int (pos->peak_qty));
  qd_json_writer_member_decimal_str (w, "last_qty", qd_decimal_from_int (pos->last_qty));
  qd_json_writer_member_decimal_str (w, "last_px", pos->last_px);
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_key (w, "avg_px_open");
  qd_paper_write_float (w, pos->avg_px_open);
}

static void
write_close_stats (QdPaperVenue      *self,
                   QdJsonWriter      *w,
                   QdPaperInstrument *inst)
{
  QdPaperPosition *pos = &inst->position;
  QdDecimal close = avg_px_close (pos, avg_scale (inst));

  qd_json_writer_key (w, "avg_px_close");
  qd_paper_write_float (w, qd_decimal_is_none (close) ? QD_DECIMAL_ZERO : close);
  qd_json_writer_key (w, "realized_return");
  qd_paper_write_double (w, pos->realized_return);
  qd_paper_write_money (w, "realized_pnl", pos->realized_pnl);
}

static void
publish_position_event (QdPaperVenue      *self,
                        QdPaperInstrument *inst,
                        const char        *type)
{
  QdPaperPosition *pos = &inst->position;
  g_autoptr(GString) str = g_string_new (NULL);
  char event_id[37];
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  write_position_head (self, &w, inst, type);
  if (strcmp (type, "PositionOpened") == 0)
    {
      qd_paper_write_money (&w, "realized_pnl", pos->realized_pnl);
      qd_json_writer_member_int (&w, "duration_ns", 0);
    }
  else
    write_close_stats (self, &w, inst);
  if (strcmp (type, "PositionChanged") == 0)
    qd_paper_write_money (&w, "unrealized_pnl",
                          qd_paper_position_unrealized (inst, pos->last_px));

  qd_paper_venue_new_uuid (self, event_id);
  qd_json_writer_member_string (&w, "event_id", event_id);
  if (strcmp (type, "PositionOpened") != 0)
    qd_paper_write_ts (self, &w, "ts_opened", pos->ts_opened);
  if (strcmp (type, "PositionClosed") == 0)
    {
      qd_paper_write_ts (self, &w, "ts_closed", pos->ts_closed);
      qd_json_writer_member_int (&w, "duration_ns", pos->ts_closed - pos->ts_opened);
    }
  else
    qd_paper_write_ts (self, &w, "ts_event", self->now);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, POSITION_TOPIC, str);
}

static void
open_position (QdPaperVenue      *self,
               QdPaperInstrument *inst,
               QdPaperOrder      *order,
               gint64             signed_qty,
               QdDecimal          px,
               QdDecimal          commission)
{
  QdPaperPosition *pos = &inst->position;

  qd_paper_position_clear (pos);
  memset (pos, 0, sizeof *pos);
  pos->exists = TRUE;
  pos->signed_qty = signed_qty;
  pos->peak_qty = ABS (signed_qty);
  pos->entry = order->side;
  pos->cost = value_of (px, ABS (signed_qty));
  pos->avg_px_open = px;
  pos->close_value = (QdDecimal) { 0, px.scale };
  pos->realized_pnl = qd_paper_round (qd_decimal_negate (commission), 2);
  pos->commissions = commission;
  pos->last_qty = ABS (signed_qty);
  pos->last_px = px;
  pos->opening_order_id = g_strdup (order->client_order_id);
  pos->ts_opened = pos->ts_last = self->now;
  publish_position_event (self, inst, "PositionOpened");
}

static void
grow_position (QdPaperVenue      *self,
               QdPaperInstrument *inst,
               gint64             qty,
               QdDecimal          px,
               QdDecimal          commission)
{
  QdPaperPosition *pos = &inst->position;
  gint64 abs_qty;

  pos->cost = qd_paper_add (pos->cost, value_of (px, qty));
  pos->signed_qty += pos->signed_qty > 0 ? qty : -qty;
  abs_qty = ABS (pos->signed_qty);
  pos->peak_qty = MAX (pos->peak_qty, abs_qty);
  pos->avg_px_open = qd_paper_div (pos->cost, qd_decimal_from_int (abs_qty), avg_scale (inst));
  pos->realized_pnl = qd_paper_sub (pos->realized_pnl, commission);
  pos->commissions = qd_paper_add (pos->commissions, commission);
  pos->last_qty = qty;
  pos->last_px = px;
  pos->ts_last = self->now;
  publish_position_event (self, inst, "PositionChanged");
}

static double
realized_return (QdPaperPosition *pos,
                 QdDecimal        close,
                 gboolean         was_long)
{
  double open = qd_decimal_to_double (pos->avg_px_open);
  double closed = qd_decimal_to_double (close);

  if (open == 0.0)
    return 0.0;
  return was_long ? (closed - open) / open : (open - closed) / open;
}

/* Returns the trading P&L realized (before commission). */
static QdDecimal
reduce_position (QdPaperVenue      *self,
                 QdPaperInstrument *inst,
                 QdPaperOrder      *order,
                 gint64             qty,
                 QdDecimal          px,
                 QdDecimal          commission)
{
  QdPaperPosition *pos = &inst->position;
  gboolean was_long = pos->signed_qty > 0;
  gint64 abs_qty = ABS (pos->signed_qty);
  QdDecimal removed, points, pnl;

  removed = qty == abs_qty ? pos->cost
                           : qd_paper_round (qd_paper_mul (pos->avg_px_open,
                                                           qd_decimal_from_int (qty),
                                                           avg_scale (inst)),
                                             pos->cost.scale);
  points = qd_paper_sub (value_of (px, qty), removed);
  if (!was_long)
    points = qd_decimal_negate (points);
  pnl = qd_paper_mul (points, inst->multiplier, 2);
  pos->cost = qd_paper_sub (pos->cost, removed);
  pos->realized_pnl = qd_paper_add (pos->realized_pnl, pnl);
  pos->realized_pnl = qd_paper_sub (pos->realized_pnl, commission);
  pos->commissions = qd_paper_add (pos->commissions, commission);
  pos->close_value = qd_paper_add (pos->close_value, value_of (px, qty));
  pos->closed_qty += qty;
  pos->realized_return = realized_return (pos, avg_px_close (pos, avg_scale (inst)), was_long);
  pos->signed_qty += was_long ? -qty : qty;
  pos->last_qty = qty;
  pos->last_px = px;
  pos->ts_last = self->now;

  if (pos->signed_qty != 0)
    {
      publish_position_event (self, inst, "PositionChanged");
      return pnl;
    }
  g_free (pos->closing_order_id);
  pos->closing_order_id = g_strdup (order->client_order_id);
  pos->ts_closed = self->now;
  publish_position_event (self, inst, "PositionClosed");
  return pnl;
}

QdDecimal
qd_paper_position_apply (QdPaperVenue      *self,
                         QdPaperInstrument *inst,
                         QdPaperOrder      *order,
                         gint64             qty,
                         QdDecimal          px,
                         QdDecimal          commission)
{
  QdPaperPosition *pos = &inst->position;
  gint64 sign = order->side == QD_ORDER_SIDE_BUY ? 1 : -1;
  gint64 abs_qty = ABS (pos->signed_qty);
  QdDecimal closing_commission, pnl;

  if (pos->signed_qty == 0)
    {
      open_position (self, inst, order, sign * qty, px, commission);
      return (QdDecimal) { 0, 2 };
    }
  if (sign * pos->signed_qty > 0)
    {
      grow_position (self, inst, qty, px, commission);
      return (QdDecimal) { 0, 2 };
    }
  if (qty <= abs_qty)
    return reduce_position (self, inst, order, qty, px, commission);

  /* A flip: the engine splits the fill and its commission pro rata. */
  closing_commission = qd_paper_div (qd_paper_mul (commission, qd_decimal_from_int (abs_qty), 2),
                                     qd_decimal_from_int (qty), 2);
  pnl = reduce_position (self, inst, order, abs_qty, px, closing_commission);
  open_position (self, inst, order, sign * (qty - abs_qty), px,
                 qd_paper_sub (commission, closing_commission));
  return pnl;
}

static void
write_snapshot_times (QdPaperVenue      *self,
                      QdJsonWriter      *w,
                      QdPaperInstrument *inst)
{
  QdPaperPosition *pos = &inst->position;
  gboolean closed = pos->signed_qty == 0;

  qd_paper_write_ts (self, w, "ts_init", pos->ts_opened);
  qd_paper_write_ts (self, w, "ts_opened", pos->ts_opened);
  qd_paper_write_ts (self, w, "ts_last", pos->ts_last);
  if (closed)
    {
      qd_paper_write_ts (self, w, "ts_closed", pos->ts_closed);
      qd_json_writer_member_int (w, "duration_ns", pos->ts_closed - pos->ts_opened);
    }
  else
    {
      qd_json_writer_member_null (w, "ts_closed");
      qd_json_writer_member_null (w, "duration_ns");
    }
}

static void
write_snapshot_money (QdPaperVenue      *self,
                      QdJsonWriter      *w,
                      QdPaperInstrument *inst)
{
  QdPaperPosition *pos = &inst->position;
  g_autofree char *commissions = NULL;
  char buf[QD_DECIMAL_STR_MAX];

  commissions = g_strconcat (qd_decimal_format (qd_paper_round (pos->commissions, 2), buf),
                             " USD", NULL);
  qd_json_writer_member_string (w, "quote_currency", "USD");
  qd_json_writer_member_string (w, "base_currency",
                                inst->spec->kind == QD_PAPER_KIND_FX ? "EUR" : NULL);
  qd_json_writer_member_string (w, "settlement_currency", "USD");
  qd_json_writer_key (w, "commissions");
  qd_json_writer_begin_array (w);
  qd_json_writer_string (w, commissions);
  qd_json_writer_end_array (w);
  qd_json_writer_key (w, "realized_return");
  qd_paper_write_double (w, pos->realized_return);
  qd_paper_write_money (w, "realized_pnl", pos->realized_pnl);
  qd_paper_write_money (w, "unrealized_pnl",
                        qd_paper_position_unrealized (inst, qd_paper_position_mark (inst)));
}

/* snapshots:positions:{id}: Position.to_dict() + unrealized_pnl + ts_snapshot, no "type". */
static void
write_position_snapshot (QdPaperVenue      *self,
                         QdJsonWriter      *w,
                         QdPaperInstrument *inst)
{
  QdPaperPosition *pos = &inst->position;
  g_autofree char *position_id = qd_paper_position_id (inst);
  QdDecimal close = avg_px_close (pos, avg_scale (inst));

  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "position_id", position_id);
  qd_json_writer_member_string (w, "trader_id", self->trader_id);
  qd_json_writer_member_string (w, "strategy_id", QD_PAPER_STRATEGY_ID);
  qd_json_writer_member_string (w, "instrument_id", inst->id);
  qd_json_writer_member_string (w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (w, "opening_order_id", pos->opening_order_id);
  qd_json_writer_member_string (w, "closing_order_id",
                                pos->signed_qty == 0 ? pos->closing_order_id : NULL);
  qd_json_writer_member_string (w, "entry", qd_order_side_to_string (pos->entry));
  qd_json_writer_member_string (w, "side", side_word (pos));
  qd_json_writer_key (w, "signed_qty");
  qd_paper_write_float (w, qd_decimal_from_int (pos->signed_qty));
  qd_json_writer_member_decimal_str (w, "quantity", qd_decimal_from_int (ABS (pos->signed_qty)));
  qd_json_writer_member_decimal_str (w, "peak_qty", qd_decimal_from_int (pos->peak_qty));
  write_snapshot_times (self, w, inst);
  qd_json_writer_key (w, "avg_px_open");
  qd_paper_write_float (w, pos->avg_px_open);
  qd_json_writer_key (w, "avg_px_close");
  if (qd_decimal_is_none (close))
    qd_json_writer_null (w);
  else
    qd_paper_write_float (w, close);
  write_snapshot_money (self, w, inst);
  qd_paper_write_ts (self, w, "ts_snapshot", self->now);
  qd_json_writer_end_object (w);
}

void
qd_paper_position_publish_snapshots (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];
      g_autoptr(GString) str = NULL;
      g_autofree char *position_id = NULL;
      g_autofree char *topic = NULL;
      QdJsonWriter w;

      if (!inst->position.exists)
        continue;
      str = g_string_new (NULL);
      position_id = qd_paper_position_id (inst);
      topic = g_strconcat ("snapshots:positions:", position_id, NULL);
      qd_json_writer_init (&w, str);
      write_position_snapshot (self, &w, inst);
      qd_paper_venue_publish (self, topic, str);
    }
}
