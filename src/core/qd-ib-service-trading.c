/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-ib-service-private.h"

/*
 * Orders and positions (the account is in qd-ib-service-account.c).
 *
 * Positions are marked to market from live quotes: market price = the bid/ask midpoint
 * (the last trade when there is no two-sided quote), market value = quantity × price ×
 * multiplier, unrealized P&L = (price − average cost) × quantity × multiplier, money rounded
 * half-even to cents.
 */

#define MONEY_SCALE 2

static const char *
symbol_of (const char *instrument_id,
           char       *buf,
           gsize       buf_len)
{
  const char *dot = strrchr (instrument_id, '.');

  if (dot == NULL || dot == instrument_id)
    return instrument_id;
  g_strlcpy (buf, instrument_id, MIN (buf_len, (gsize) (dot - instrument_id) + 1));
  return buf;
}

static gint
price_precision_for (QdIbService *self,
                     const char  *instrument_id)
{
  const QdInstrument *instrument = instrument_id ? g_hash_table_lookup (self->instruments, instrument_id) : NULL;

  return (instrument != NULL && instrument->price_precision >= 0) ? instrument->price_precision : 2;
}

static QdDecimal
multiplier_for (QdIbService *self,
                const char  *instrument_id)
{
  const QdInstrument *instrument = instrument_id ? g_hash_table_lookup (self->instruments, instrument_id) : NULL;

  if (instrument != NULL && !qd_decimal_is_none (instrument->multiplier) &&
      !qd_decimal_is_zero (instrument->multiplier))
    return instrument->multiplier;
  return qd_decimal_from_int (1);
}

/* ---- orders ------------------------------------------------------------------------ */

static QdOrder *
ensure_order (QdIbService        *self,
              const char         *client_order_id,
              const char         *instrument_id,
              gint64              ts)
{
  QdOrder *order = g_hash_table_lookup (self->order_index, client_order_id);
  char symbol[128];

  if (order != NULL)
    return order;

  order = qd_order_new (client_order_id);
  if (instrument_id != NULL)
    {
      qd_order_set_instrument_id (order, instrument_id);
      qd_order_set_symbol (order, symbol_of (instrument_id, symbol, sizeof symbol));
      qd_order_set_price_precision (order, price_precision_for (self, instrument_id));
    }
  qd_order_set_created_time (order, ts);
  g_hash_table_insert (self->order_index, g_strdup (client_order_id), order);
  g_list_store_append (self->orders, order);

  return order;
}

/* Returns FALSE when the event did not change the order's status. */
static gboolean
set_order_status (QdOrder       *order,
                  QdOrderStatus  status,
                  gint64         ts,
                  const char    *note)
{
  QdOrderStatus current = qd_order_get_status (order);
  gboolean first = qd_order_get_history (order)->len == 0;

  /* Streams are not ordered against each other: a late event never revives a final order. */
  if (!first && qd_order_status_is_final (current) && status != QD_ORDER_STATUS_FILLED)
    return FALSE;
  if (!first && current == status && note == NULL)
    return FALSE;

  qd_order_set_status (order, status);
  qd_order_append_history (order, status, ts, note);
  return TRUE;
}

static void
update_remaining (QdOrder *order)
{
  QdDecimal total = qd_order_get_total_quantity (order);
  QdDecimal filled = qd_order_get_filled_quantity (order);
  QdDecimal remaining;

  if (qd_decimal_is_none (total))
    return;
  if (qd_decimal_is_none (filled))
    filled = QD_DECIMAL_ZERO;
  if (!qd_decimal_sub (total, filled, &remaining, NULL))
    return;
  if (qd_decimal_sign (remaining) < 0)
    remaining = QD_DECIMAL_ZERO;
  qd_order_set_remaining_quantity (order, remaining);
}

static void
apply_initialized (QdIbService        *self,
                   QdOrder            *order,
                   const QdOrderEvent *o,
                   gint64              ts)
{
  qd_order_set_action (order, o->side);
  qd_order_set_order_type (order, o->order_type);
  qd_order_set_time_in_force (order, o->time_in_force);
  if (!qd_decimal_is_none (o->quantity))
    qd_order_set_total_quantity (order, o->quantity);
  if (qd_decimal_is_none (qd_order_get_filled_quantity (order)))
    qd_order_set_filled_quantity (order, QD_DECIMAL_ZERO);
  qd_order_set_limit_price (order, o->price);
  qd_order_set_stop_price (order, o->trigger_price);
  qd_order_set_expire_time (order, o->expire_time_ns);
  if (o->strategy_id != NULL)
    qd_order_set_strategy_id (order, o->strategy_id);
  qd_order_set_created_time (order, ts);
  update_remaining (order);

  if (o->request_id != NULL)
    {
      qd_order_set_request_id (order, o->request_id);
      _qd_ib_service_link_request (self, o->request_id, o->client_order_id);
    }

  set_order_status (order, QD_ORDER_STATUS_INITIALIZED, ts, NULL);
}

static void
apply_fill (QdIbService        *self,
            QdOrder            *order,
            const QdOrderEvent *o,
            gint64              ts)
{
  g_autofree char *fill_key = NULL;
  g_autofree char *description = NULL;
  QdDecimal filled = qd_order_get_filled_quantity (order);
  QdDecimal avg = qd_order_get_avg_fill_price (order);
  QdDecimal new_filled, notional_old, notional_new, sum, new_avg, commission;
  char qty_buf[QD_DECIMAL_STR_MAX], px_buf[QD_DECIMAL_STR_MAX];
  gint avg_scale;

  if (qd_decimal_is_none (o->last_qty) || qd_decimal_is_none (o->last_px))
    return;

  /* The same execution may come again under another event id (reconciliation). */
  fill_key = g_strdup_printf ("%s|%s", o->client_order_id, o->trade_id ? o->trade_id : "");
  if (o->trade_id != NULL && !g_hash_table_add (self->fill_ids, g_steal_pointer (&fill_key)))
    return;

  if (qd_decimal_is_none (filled))
    filled = QD_DECIMAL_ZERO;
  if (qd_decimal_is_none (avg))
    avg = QD_DECIMAL_ZERO;

  avg_scale = MIN (QD_DECIMAL_MAX_SCALE, o->last_px.scale + 4);
  if (!qd_decimal_add (filled, o->last_qty, &new_filled, NULL) ||
      !qd_decimal_mul (avg, filled, QD_DECIMAL_MAX_SCALE, QD_ROUND_HALF_EVEN, &notional_old, NULL) ||
      !qd_decimal_mul (o->last_px, o->last_qty, QD_DECIMAL_MAX_SCALE, QD_ROUND_HALF_EVEN, &notional_new, NULL) ||
      !qd_decimal_add (notional_old, notional_new, &sum, NULL) ||
      !qd_decimal_div (sum, new_filled, avg_scale, QD_ROUND_HALF_EVEN, &new_avg, NULL))
    {
      _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR,
                               _("Fill on %s is out of range and was not applied"), o->client_order_id);
      return;
    }

  qd_order_set_filled_quantity (order, new_filled);
  qd_order_set_avg_fill_price (order, qd_decimal_normalize (new_avg));
  if (!qd_decimal_is_none (o->commission.amount))
    {
      commission = qd_order_get_commission (order);
      if (qd_decimal_is_none (commission))
        commission = o->commission.amount;
      else if (!qd_decimal_add (commission, o->commission.amount, &commission, NULL))
        commission = qd_order_get_commission (order);
      qd_order_set_commission (order, commission);
      if (o->commission.currency[0] != '\0')
        qd_order_set_commission_currency (order, o->commission.currency);
    }
  if (qd_decimal_is_none (qd_order_get_total_quantity (order)))
    qd_order_set_total_quantity (order, new_filled);
  update_remaining (order);

  set_order_status (order,
                    qd_decimal_is_zero (qd_order_get_remaining_quantity (order)) ?
                    QD_ORDER_STATUS_FILLED : QD_ORDER_STATUS_PARTIALLY_FILLED,
                    ts, NULL);

  description = g_strdup_printf ("%s %s %s @ %s", qd_order_side_to_string (o->side != QD_ORDER_SIDE_NONE ? o->side : qd_order_get_action (order)),
                                 qd_decimal_format (o->last_qty, qty_buf),
                                 qd_order_get_instrument_id (order) ? qd_order_get_instrument_id (order) : "",
                                 qd_decimal_format (o->last_px, px_buf));
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_FILL], 0, order, description);
  _qd_ib_service_activity (self, QD_ACTIVITY_FILL, _("Filled %s (%s)"), description, o->client_order_id);
}

/* The status an order goes back to after a pending update/cancel. */
static QdOrderStatus
resting_status (QdOrder *order)
{
  QdDecimal filled = qd_order_get_filled_quantity (order);

  if (!qd_decimal_is_none (filled) && qd_decimal_sign (filled) > 0)
    return QD_ORDER_STATUS_PARTIALLY_FILLED;
  return QD_ORDER_STATUS_ACCEPTED;
}

static void
enter_pending (QdIbService  *self,
               QdOrder      *order,
               QdOrderStatus pending,
               gint64        ts)
{
  QdOrderStatus current = qd_order_get_status (order);

  if (current != QD_ORDER_STATUS_PENDING_UPDATE && current != QD_ORDER_STATUS_PENDING_CANCEL)
    g_hash_table_insert (self->pending_status, g_strdup (qd_order_get_client_order_id (order)),
                         GINT_TO_POINTER (current + 1));
  set_order_status (order, pending, ts, NULL);
}

static void
leave_pending (QdIbService *self,
               QdOrder     *order,
               gint64       ts,
               const char  *note)
{
  gpointer saved = g_hash_table_lookup (self->pending_status, qd_order_get_client_order_id (order));
  QdOrderStatus status = saved ? (QdOrderStatus) (GPOINTER_TO_INT (saved) - 1) : resting_status (order);

  g_hash_table_remove (self->pending_status, qd_order_get_client_order_id (order));
  if (status == QD_ORDER_STATUS_PENDING_UPDATE || status == QD_ORDER_STATUS_PENDING_CANCEL)
    status = resting_status (order);
  set_order_status (order, status, ts, note);
}

static void
apply_updated (QdIbService        *self,
               QdOrder            *order,
               const QdOrderEvent *o,
               gint64              ts)
{
  if (!qd_decimal_is_none (o->quantity))
    qd_order_set_total_quantity (order, o->quantity);
  if (!qd_decimal_is_none (o->price))
    qd_order_set_limit_price (order, o->price);
  if (!qd_decimal_is_none (o->trigger_price))
    qd_order_set_stop_price (order, o->trigger_price);
  update_remaining (order);
  leave_pending (self, order, ts, "updated");
}

static void
apply_snapshot (QdOrder            *order,
                const QdOrderEvent *o,
                gint64              ts)
{
  if (o->side != QD_ORDER_SIDE_NONE)
    qd_order_set_action (order, o->side);
  if (o->order_type != QD_ORDER_TYPE_UNKNOWN)
    qd_order_set_order_type (order, o->order_type);
  if (o->time_in_force != QD_TIME_IN_FORCE_UNKNOWN)
    qd_order_set_time_in_force (order, o->time_in_force);
  if (!qd_decimal_is_none (o->quantity))
    qd_order_set_total_quantity (order, o->quantity);
  if (!qd_decimal_is_none (o->price))
    qd_order_set_limit_price (order, o->price);
  if (!qd_decimal_is_none (o->trigger_price))
    qd_order_set_stop_price (order, o->trigger_price);
  if (!qd_decimal_is_none (o->filled_qty))
    qd_order_set_filled_quantity (order, o->filled_qty);
  if (!qd_decimal_is_none (o->avg_px))
    qd_order_set_avg_fill_price (order, o->avg_px);
  update_remaining (order);
  set_order_status (order, o->status, ts, "snapshot");
}

/* Returns FALSE when the event was stale and changed nothing worth reporting. */
static gboolean
apply_order_kind (QdIbService        *self,
                  QdOrder            *order,
                  const QdOrderEvent *o,
                  gint64              ts)
{
  switch (o->kind)
    {
    case QD_ORDER_EVENT_INITIALIZED:     apply_initialized (self, order, o, ts); return TRUE;
    case QD_ORDER_EVENT_DENIED:          return set_order_status (order, QD_ORDER_STATUS_DENIED, ts, o->reason);
    case QD_ORDER_EVENT_EMULATED:        return set_order_status (order, QD_ORDER_STATUS_EMULATED, ts, NULL);
    case QD_ORDER_EVENT_RELEASED:        return set_order_status (order, QD_ORDER_STATUS_RELEASED, ts, NULL);
    case QD_ORDER_EVENT_SUBMITTED:       return set_order_status (order, QD_ORDER_STATUS_SUBMITTED, ts, NULL);
    case QD_ORDER_EVENT_ACCEPTED:        return set_order_status (order, QD_ORDER_STATUS_ACCEPTED, ts, NULL);
    case QD_ORDER_EVENT_REJECTED:        return set_order_status (order, QD_ORDER_STATUS_REJECTED, ts, o->reason);
    case QD_ORDER_EVENT_CANCELED:        return set_order_status (order, QD_ORDER_STATUS_CANCELED, ts, NULL);
    case QD_ORDER_EVENT_EXPIRED:         return set_order_status (order, QD_ORDER_STATUS_EXPIRED, ts, NULL);
    case QD_ORDER_EVENT_TRIGGERED:       return set_order_status (order, QD_ORDER_STATUS_TRIGGERED, ts, NULL);
    case QD_ORDER_EVENT_PENDING_UPDATE:  enter_pending (self, order, QD_ORDER_STATUS_PENDING_UPDATE, ts); return TRUE;
    case QD_ORDER_EVENT_PENDING_CANCEL:  enter_pending (self, order, QD_ORDER_STATUS_PENDING_CANCEL, ts); return TRUE;
    case QD_ORDER_EVENT_MODIFY_REJECTED:
    case QD_ORDER_EVENT_CANCEL_REJECTED: leave_pending (self, order, ts, o->reason); return TRUE;
    case QD_ORDER_EVENT_UPDATED:         apply_updated (self, order, o, ts); return TRUE;
    case QD_ORDER_EVENT_FILLED:          apply_fill (self, order, o, ts); return TRUE;
    case QD_ORDER_EVENT_SNAPSHOT:        apply_snapshot (order, o, ts); return TRUE;
    default:
      return FALSE;
    }
}

/* "BUY 100 AAPL.NASDAQ LMT 187.10 DAY", as a trader reads an order. */
static char *
describe_order (QdOrder *order)
{
  char qty[QD_DECIMAL_STR_MAX], limit[QD_DECIMAL_STR_MAX], stop[QD_DECIMAL_STR_MAX];
  QdDecimal limit_price = qd_order_get_limit_price (order);
  QdDecimal stop_price = qd_order_get_stop_price (order);

  return g_strdup_printf ("%s %s %s %s%s%s%s%s %s",
                          qd_order_side_to_string (qd_order_get_action (order)),
                          qd_decimal_format (qd_order_get_total_quantity (order), qty),
                          qd_order_get_instrument_id (order) ? qd_order_get_instrument_id (order) : "?",
                          qd_order_type_to_ib (qd_order_get_order_type (order)),
                          qd_decimal_is_none (stop_price) ? "" : " stop ",
                          qd_decimal_format (stop_price, stop),
                          qd_decimal_is_none (limit_price) ? "" : " ",
                          qd_decimal_format (limit_price, limit),
                          qd_time_in_force_to_string (qd_order_get_time_in_force (order)));
}

static const char *
order_event_verb (QdOrderEventKind kind)
{
  switch (kind)
    {
    case QD_ORDER_EVENT_ACCEPTED:        return _("Accepted");
    case QD_ORDER_EVENT_CANCELED:        return _("Cancelled");
    case QD_ORDER_EVENT_EXPIRED:         return _("Expired");
    case QD_ORDER_EVENT_TRIGGERED:       return _("Triggered");
    case QD_ORDER_EVENT_UPDATED:         return _("Modified");
    case QD_ORDER_EVENT_DENIED:          return _("Denied");
    case QD_ORDER_EVENT_REJECTED:        return _("Rejected");
    case QD_ORDER_EVENT_MODIFY_REJECTED: return _("Modify rejected");
    case QD_ORDER_EVENT_CANCEL_REJECTED: return _("Cancel rejected");
    case QD_ORDER_EVENT_INITIALIZED:
    case QD_ORDER_EVENT_EMULATED:
    case QD_ORDER_EVENT_RELEASED:
    case QD_ORDER_EVENT_SUBMITTED:
    case QD_ORDER_EVENT_PENDING_UPDATE:
    case QD_ORDER_EVENT_PENDING_CANCEL:
    case QD_ORDER_EVENT_FILLED:
    case QD_ORDER_EVENT_SNAPSHOT:
    default:                             return NULL;
    }
}

static void
report_order_event (QdIbService        *self,
                    QdOrder            *order,
                    const QdOrderEvent *o)
{
  const char *verb = order_event_verb (o->kind);
  g_autofree char *what = NULL;
  gboolean reject;

  if (verb == NULL)
    return;

  what = describe_order (order);
  reject = o->kind == QD_ORDER_EVENT_DENIED || o->kind == QD_ORDER_EVENT_REJECTED ||
           o->kind == QD_ORDER_EVENT_MODIFY_REJECTED || o->kind == QD_ORDER_EVENT_CANCEL_REJECTED;
  if (reject)
    _qd_ib_service_activity (self, QD_ACTIVITY_REJECT, _("%s: %s (%s): %s"), verb, what,
                             o->client_order_id, o->reason ? o->reason : _("no reason given"));
  else
    _qd_ib_service_activity (self, QD_ACTIVITY_ORDER, _("%s: %s (%s)"), verb, what, o->client_order_id);
}

void
_qd_ib_service_apply_order (QdIbService   *self,
                            const QdEvent *event)
{
  const QdOrderEvent *o = &event->u.order;
  gboolean changed;
  QdOrder *order;

  if (o->client_order_id == NULL)
    return;

  order = ensure_order (self, o->client_order_id, o->instrument_id, event->ts_event);

  g_object_freeze_notify (G_OBJECT (order));
  if (o->venue_order_id != NULL)
    qd_order_set_venue_order_id (order, o->venue_order_id);
  if (o->account_id != NULL)
    qd_order_set_account_id (order, _qd_ib_service_account_number (o->account_id));
  if (o->strategy_id != NULL && qd_order_get_strategy_id (order) == NULL)
    qd_order_set_strategy_id (order, o->strategy_id);
  if (o->reason != NULL)
    qd_order_set_reason (order, o->reason);
  changed = apply_order_kind (self, order, o, event->ts_event);
  qd_order_set_timestamp (order, event->ts_event);
  g_object_thaw_notify (G_OBJECT (order));

  if (changed)
    report_order_event (self, order, o);
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_ORDER_UPDATED], 0, order);
}

void
_qd_ib_service_apply_seed_order (QdIbService   *self,
                                 const QdEvent *event)
{
  const QdSeedOrderEvent *s = &event->u.seed_order;
  const char *instrument_id;
  QdOrderStatus status;
  QdOrder *order;

  if (s->order_id == NULL)
    return;

  instrument_id = s->contract_id ? s->contract_id : s->symbol;
  order = ensure_order (self, s->order_id, instrument_id, event->ts_event);

  g_object_freeze_notify (G_OBJECT (order));
  if (s->client_id >= 0)
    qd_order_set_client_id (order, s->client_id);
  if (s->account_id != NULL)
    qd_order_set_account_id (order, s->account_id);
  if (s->contract_id != NULL)
    qd_order_set_contract_id (order, s->contract_id);
  if (s->symbol != NULL)
    qd_order_set_symbol (order, s->symbol);
  qd_order_set_action (order, s->action);
  qd_order_set_order_type (order, qd_order_type_from_string (s->order_type));
  qd_order_set_total_quantity (order, s->total_quantity);
  qd_order_set_filled_quantity (order, s->filled_quantity);
  qd_order_set_remaining_quantity (order, s->remaining_quantity);
  qd_order_set_limit_price (order, s->limit_price);
  qd_order_set_stop_price (order, s->stop_price);
  qd_order_set_avg_fill_price (order, s->avg_fill_price);
  qd_order_set_commission (order, s->commission);
  if (s->status != NULL && qd_order_status_from_ib (s->status, &status))
    set_order_status (order, status, event->ts_event, NULL);
  qd_order_set_timestamp (order, event->ts_event);
  g_object_thaw_notify (G_OBJECT (order));

  g_signal_emit (self, qd_ib_service_signals[SIGNAL_ORDER_UPDATED], 0, order);
}

/* ---- positions --------------------------------------------------------------------- */

static QdPosition *
ensure_position (QdIbService *self,
                 const char  *position_id,
                 const char  *instrument_id)
{
  QdPosition *position = g_hash_table_lookup (self->position_index, position_id);
  GPtrArray *by_instrument;
  char symbol[128];

  if (position != NULL)
    return position;

  position = qd_position_new (position_id);
  qd_position_set_instrument_id (position, instrument_id);
  qd_position_set_symbol (position, symbol_of (instrument_id, symbol, sizeof symbol));
  qd_position_set_price_precision (position, price_precision_for (self, instrument_id));
  qd_position_set_multiplier (position, multiplier_for (self, instrument_id));
  g_hash_table_insert (self->position_index, g_strdup (position_id), position);

  by_instrument = g_hash_table_lookup (self->positions_by_instrument, instrument_id);
  if (by_instrument == NULL)
    {
      by_instrument = g_ptr_array_new ();
      g_hash_table_insert (self->positions_by_instrument, g_strdup (instrument_id), by_instrument);
    }
  g_ptr_array_add (by_instrument, position);
  g_list_store_append (self->positions, position);

  return position;
}

/* The first portfolio from the bridge replaces the rows built from the node's own position
 * events. */
static void
forget_positions (QdIbService *self)
{
  g_hash_table_remove_all (self->positions_by_instrument);
  g_hash_table_remove_all (self->position_index);
  g_list_store_remove_all (self->positions);
}

static QdDecimal
mark_price (QdQuote *quote)
{
  QdDecimal bid = qd_quote_get_bid (quote);
  QdDecimal ask = qd_quote_get_ask (quote);
  QdDecimal sum, mid;

  if (!qd_decimal_is_none (bid) && !qd_decimal_is_none (ask) &&
      qd_decimal_sign (bid) > 0 && qd_decimal_sign (ask) > 0 &&
      qd_decimal_add (bid, ask, &sum, NULL) &&
      qd_decimal_div (sum, qd_decimal_from_int (2), MIN (QD_DECIMAL_MAX_SCALE, MAX (bid.scale, ask.scale) + 1),
                      QD_ROUND_HALF_EVEN, &mid, NULL))
    {
      QdDecimal normalized = qd_decimal_normalize (mid);

      /* Keep the instrument's own decimals: 187.23 rather than 187.230 or 187.2. */
      if (normalized.scale < MAX (bid.scale, ask.scale))
        qd_decimal_rescale (normalized, MAX (bid.scale, ask.scale), QD_ROUND_EXACT, &normalized, NULL);
      return normalized;
    }

  if (!qd_decimal_is_none (qd_quote_get_last (quote)))
    return qd_quote_get_last (quote);
  if (!qd_decimal_is_none (bid))
    return bid;
  return ask;
}

static void
mark_with_price (QdPosition *position,
                 QdDecimal   price)
{
  QdDecimal qty = qd_position_get_position (position);
  QdDecimal avg = qd_position_get_avg_cost (position);
  QdDecimal multiplier = qd_position_get_multiplier (position);
  QdDecimal notional, value, diff, per_unit, pnl;

  if (qd_decimal_is_none (price) || qd_decimal_is_none (qty))
    return;

  g_object_freeze_notify (G_OBJECT (position));
  qd_position_set_market_price (position, price);

  if (qd_decimal_is_zero (qty))
    {
      qd_position_set_market_value (position, qd_decimal_from_int (0));
      qd_position_set_unrealized_pnl (position, qd_decimal_from_int (0));
    }
  else
    {
      if (qd_decimal_is_none (multiplier))
        multiplier = qd_decimal_from_int (1);
      if (qd_decimal_mul (qty, price, QD_DECIMAL_MAX_SCALE, QD_ROUND_HALF_EVEN, &notional, NULL) &&
          qd_decimal_mul (notional, multiplier, MONEY_SCALE, QD_ROUND_HALF_EVEN, &value, NULL))
        qd_position_set_market_value (position, value);
      if (!qd_decimal_is_none (avg) &&
          qd_decimal_sub (price, avg, &diff, NULL) &&
          qd_decimal_mul (diff, qty, QD_DECIMAL_MAX_SCALE, QD_ROUND_HALF_EVEN, &per_unit, NULL) &&
          qd_decimal_mul (per_unit, multiplier, MONEY_SCALE, QD_ROUND_HALF_EVEN, &pnl, NULL))
        qd_position_set_unrealized_pnl (position, pnl);
    }
  g_object_thaw_notify (G_OBJECT (position));
}

void
_qd_ib_service_mark_position (QdIbService *self,
                              QdPosition  *position)
{
  const char *instrument_id = qd_position_get_instrument_id (position);
  QdQuote *quote = instrument_id ? g_hash_table_lookup (self->quote_index, instrument_id) : NULL;

  if (quote != NULL)
    mark_with_price (position, mark_price (quote));
}

void
_qd_ib_service_mark_to_market (QdIbService *self,
                               QdQuote     *quote)
{
  GPtrArray *positions = g_hash_table_lookup (self->positions_by_instrument,
                                              qd_quote_get_instrument_id (quote));
  QdDecimal price;
  guint i;

  if (positions == NULL || positions->len == 0)
    return;

  price = mark_price (quote);
  for (i = 0; i < positions->len; i++)
    {
      QdPosition *position = g_ptr_array_index (positions, i);

      mark_with_price (position, price);
      g_signal_emit (self, qd_ib_service_signals[SIGNAL_POSITION_UPDATED], 0, position);
    }
}

void
_qd_ib_service_apply_position (QdIbService   *self,
                               const QdEvent *event)
{
  const QdPositionEvent *p = &event->u.position;
  const char *instrument_id = p->instrument_id;
  const char *position_id = p->position_id ? p->position_id : instrument_id;
  QdPosition *position;
  QdDecimal qty = p->quantity;

  if (position_id == NULL || instrument_id == NULL)
    return;
  /* With the bridge publishing IB's portfolio, a row is an account position per contract,
   * as in TWS; the node's per-strategy positions would show the same holding twice. */
  if (self->have_seed_positions)
    return;

  position = ensure_position (self, position_id, instrument_id);

  if (qd_decimal_is_none (qty))
    qty = qd_decimal_abs (p->signed_qty);
  if (p->kind == QD_POSITION_EVENT_CLOSED || qd_decimal_is_none (qty))
    qty = QD_DECIMAL_ZERO;
  if (p->side == QD_POSITION_SIDE_SHORT)
    qty = qd_decimal_negate (qty);

  g_object_freeze_notify (G_OBJECT (position));
  if (p->account_id != NULL)
    qd_position_set_account_id (position, _qd_ib_service_account_number (p->account_id));
  if (p->strategy_id != NULL)
    qd_position_set_strategy_id (position, p->strategy_id);
  if (p->currency[0] != '\0')
    qd_position_set_currency (position, p->currency);
  qd_position_set_side (position, p->kind == QD_POSITION_EVENT_CLOSED ? QD_POSITION_SIDE_FLAT : p->side);
  qd_position_set_position (position, qty);
  if (!qd_decimal_is_none (p->avg_px_open))
    qd_position_set_avg_cost (position, p->avg_px_open);
  if (!qd_decimal_is_none (p->realized_pnl.amount))
    qd_position_set_realized_pnl (position, p->realized_pnl.amount);
  if (!qd_decimal_is_none (p->unrealized_pnl.amount))
    qd_position_set_unrealized_pnl (position, p->unrealized_pnl.amount);
  if (qd_decimal_is_zero (qty))
    {
      qd_position_set_unrealized_pnl (position, qd_decimal_from_int (0));
      qd_position_set_market_value (position, qd_decimal_from_int (0));
    }
  qd_position_set_timestamp (position, event->ts_event);
  _qd_ib_service_mark_position (self, position);
  g_object_thaw_notify (G_OBJECT (position));

  g_signal_emit (self, qd_ib_service_signals[SIGNAL_POSITION_UPDATED], 0, position);
}

void
_qd_ib_service_apply_seed_position (QdIbService   *self,
                                    const QdEvent *event)
{
  const QdSeedPositionEvent *s = &event->u.seed_position;
  const char *key = s->contract_id ? s->contract_id : s->symbol;
  QdPosition *position;
  QdDecimal qty = s->position;

  if (key == NULL)
    return;
  if (!self->have_seed_positions)
    {
      forget_positions (self);
      self->have_seed_positions = TRUE;
    }

  /* Keyed by IB's contract; the InstrumentId, when sent, marks it to live quotes. */
  position = ensure_position (self, key, s->instrument_id ? s->instrument_id : key);
  g_object_freeze_notify (G_OBJECT (position));
  if (s->account_id != NULL)
    qd_position_set_account_id (position, s->account_id);
  if (s->contract_id != NULL)
    qd_position_set_contract_id (position, s->contract_id);
  if (s->symbol != NULL)
    qd_position_set_symbol (position, s->symbol);
  if (qd_decimal_is_none (qty))
    qty = QD_DECIMAL_ZERO;
  qd_position_set_position (position, qty);
  qd_position_set_side (position, qd_decimal_sign (qty) > 0 ? QD_POSITION_SIDE_LONG :
                        qd_decimal_sign (qty) < 0 ? QD_POSITION_SIDE_SHORT : QD_POSITION_SIDE_FLAT);
  qd_position_set_avg_cost (position, s->avg_cost);
  qd_position_set_market_price (position, s->market_price);
  qd_position_set_market_value (position, s->market_value);
  qd_position_set_unrealized_pnl (position, s->unrealized_pnl);
  qd_position_set_realized_pnl (position, s->realized_pnl);
  qd_position_set_timestamp (position, event->ts_event);
  g_object_thaw_notify (G_OBJECT (position));

  g_signal_emit (self, qd_ib_service_signals[SIGNAL_POSITION_UPDATED], 0, position);
}
