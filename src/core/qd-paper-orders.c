/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

#define ORDER_TOPIC "events.order." QD_PAPER_STRATEGY_ID
/* refresh_orders re-publishes at most this many of the most recent orders. */
#define MAX_ORDER_SNAPSHOTS 200

QdPaperOrder *
qd_paper_order_lookup (QdPaperVenue *self,
                       const char   *client_order_id)
{
  if (client_order_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->orders_by_id, client_order_id);
}

void
qd_paper_order_free (gpointer data)
{
  QdPaperOrder *order = data;

  g_free (order->client_order_id);
  g_free (order->venue_order_id);
  g_free (order->request_id);
  g_free (order->init_id);
  g_free (order->last_trade_id);
  g_free (order);
}

/* The header every order event starts with. */
static void
begin_event (QdPaperVenue *self,
             QdJsonWriter *w,
             const char   *type,
             const char   *instrument_id,
             const char   *client_order_id)
{
  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", type);
  qd_json_writer_member_string (w, "trader_id", self->trader_id);
  qd_json_writer_member_string (w, "strategy_id", QD_PAPER_STRATEGY_ID);
  qd_json_writer_member_string (w, "instrument_id", instrument_id);
  qd_json_writer_member_string (w, "client_order_id", client_order_id);
}

/* event_id, ts_event, ts_init and (when the type has it) reconciliation; the caller closes
 * the object, after any fields that follow. */
static void
end_event (QdPaperVenue *self,
           QdJsonWriter *w,
           gboolean      reconciliation)
{
  char event_id[37];

  qd_paper_venue_new_uuid (self, event_id);
  qd_json_writer_member_string (w, "event_id", event_id);
  qd_paper_write_ts (self, w, "ts_event", self->now);
  qd_paper_write_ts (self, w, "ts_init", self->now);
  if (reconciliation)
    qd_json_writer_member_bool (w, "reconciliation", FALSE);
}

static void
publish_order_event (QdPaperVenue *self,
                     QdPaperOrder *order,
                     const char   *type,
                     GString      *str)
{
  qd_paper_venue_publish (self, ORDER_TOPIC, str);
  /* The execution engine also publishes cancels per instrument (same event). */
  if (strcmp (type, "OrderCanceled") == 0)
    {
      g_autofree char *topic = g_strconcat ("events.cancels.", order->inst->id, NULL);
      qd_paper_venue_publish (self, topic, str);
    }
}

/* The per-type order parameters, in each order class's key order. */
static void
write_options (QdJsonWriter *w,
               QdPaperOrder *order)
{
  qd_json_writer_key (w, "options");
  qd_json_writer_begin_object (w);
  switch (order->type)
    {
    case QD_ORDER_TYPE_LIMIT:
      qd_json_writer_member_decimal_str (w, "price", order->price);
      qd_json_writer_member_null (w, "display_qty");
      qd_json_writer_member_int (w, "expire_time_ns", 0);
      break;

    case QD_ORDER_TYPE_STOP_MARKET:
      qd_json_writer_member_decimal_str (w, "trigger_price", order->trigger_price);
      qd_json_writer_member_string (w, "trigger_type", "DEFAULT");
      qd_json_writer_member_int (w, "expire_time_ns", 0);
      break;

    case QD_ORDER_TYPE_STOP_LIMIT:
      qd_json_writer_member_decimal_str (w, "price", order->price);
      qd_json_writer_member_decimal_str (w, "trigger_price", order->trigger_price);
      qd_json_writer_member_string (w, "trigger_type", "DEFAULT");
      qd_json_writer_member_int (w, "expire_time_ns", 0);
      qd_json_writer_member_null (w, "display_qty");
      break;

    case QD_ORDER_TYPE_MARKET:
    case QD_ORDER_TYPE_UNKNOWN:
    case QD_ORDER_TYPE_MARKET_TO_LIMIT:
    case QD_ORDER_TYPE_MARKET_IF_TOUCHED:
    case QD_ORDER_TYPE_LIMIT_IF_TOUCHED:
    case QD_ORDER_TYPE_TRAILING_STOP_MARKET:
    case QD_ORDER_TYPE_TRAILING_STOP_LIMIT:
    default:
      break;
    }
  qd_json_writer_end_object (w);
}

void
qd_paper_order_initialized (QdPaperVenue *self,
                            QdPaperOrder *order)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *tag = g_strconcat ("qd:req=", order->request_id, NULL);
  char event_id[37];
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, "OrderInitialized", order->inst->id, order->client_order_id);
  qd_json_writer_member_string (&w, "order_side", qd_order_side_to_string (order->side));
  qd_json_writer_member_string (&w, "order_type", qd_order_type_to_string (order->type));
  qd_json_writer_member_decimal_str (&w, "quantity", qd_decimal_from_int (order->quantity));
  qd_json_writer_member_string (&w, "time_in_force", qd_time_in_force_to_string (order->tif));
  qd_json_writer_member_bool (&w, "post_only", FALSE);
  qd_json_writer_member_bool (&w, "reduce_only", FALSE);
  qd_json_writer_member_bool (&w, "quote_quantity", FALSE);
  write_options (&w, order);
  qd_json_writer_member_string (&w, "emulation_trigger", "NO_TRIGGER");
  qd_json_writer_member_null (&w, "trigger_instrument_id");
  qd_json_writer_member_string (&w, "contingency_type", "NO_CONTINGENCY");
  qd_json_writer_member_null (&w, "order_list_id");
  qd_json_writer_member_null (&w, "linked_order_ids");
  qd_json_writer_member_null (&w, "parent_order_id");
  qd_json_writer_member_null (&w, "exec_algorithm_id");
  qd_json_writer_member_null (&w, "exec_algorithm_params");
  qd_json_writer_member_null (&w, "exec_spawn_id");
  qd_json_writer_key (&w, "tags");
  qd_json_writer_begin_array (&w);
  qd_json_writer_string (&w, tag);
  qd_json_writer_end_array (&w);
  qd_paper_venue_new_uuid (self, event_id);
  order->init_id = g_strdup (event_id);
  qd_json_writer_member_string (&w, "event_id", event_id);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_paper_write_ts (self, &w, "ts_event", self->now);
  qd_json_writer_member_bool (&w, "reconciliation", FALSE);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, ORDER_TOPIC, str);
}

/* OrderSubmitted, OrderAccepted, OrderTriggered, OrderPendingUpdate, OrderPendingCancel,
 * OrderCanceled, OrderExpired. */
void
qd_paper_order_event (QdPaperVenue *self,
                      QdPaperOrder *order,
                      const char   *type)
{
  g_autoptr(GString) str = g_string_new (NULL);
  gboolean submitted = strcmp (type, "OrderSubmitted") == 0;
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, type, order->inst->id, order->client_order_id);
  if (!submitted)
    qd_json_writer_member_string (&w, "venue_order_id", order->venue_order_id);
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_ACCOUNT_ID);
  end_event (self, &w, !submitted);
  qd_json_writer_end_object (&w);
  order->ts_last = self->now;
  publish_order_event (self, order, type, str);
}

/* OrderDenied, OrderRejected, OrderModifyRejected, OrderCancelRejected. */
void
qd_paper_order_event_with_reason (QdPaperVenue *self,
                                  QdPaperOrder *order,
                                  const char   *type,
                                  const char   *reason)
{
  g_autoptr(GString) str = g_string_new (NULL);
  gboolean denied = strcmp (type, "OrderDenied") == 0;
  gboolean rejected = strcmp (type, "OrderRejected") == 0;
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, type, order->inst->id, order->client_order_id);
  if (!denied && !rejected)
    qd_json_writer_member_string (&w, "venue_order_id", order->venue_order_id);
  if (!denied)
    qd_json_writer_member_string (&w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (&w, "reason", reason);
  end_event (self, &w, !denied);
  if (rejected)
    qd_json_writer_member_bool (&w, "due_post_only", FALSE);
  qd_json_writer_end_object (&w);
  order->ts_last = self->now;
  publish_order_event (self, order, type, str);
}

/* A modify or cancel for an order the strategy does not hold: there is no venue order id,
 * and the instrument is whatever the command named. */
void
qd_paper_order_reject_unknown (QdPaperVenue *self,
                               const char   *type,
                               const char   *client_order_id,
                               const char   *instrument_id,
                               const char   *reason)
{
  g_autoptr(GString) str = g_string_new (NULL);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, type, instrument_id, client_order_id);
  qd_json_writer_member_null (&w, "venue_order_id");
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (&w, "reason", reason);
  end_event (self, &w, TRUE);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, ORDER_TOPIC, str);
}

void
qd_paper_order_updated (QdPaperVenue *self,
                        QdPaperOrder *order)
{
  g_autoptr(GString) str = g_string_new (NULL);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, "OrderUpdated", order->inst->id, order->client_order_id);
  qd_json_writer_member_string (&w, "venue_order_id", order->venue_order_id);
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_decimal_str (&w, "quantity", qd_decimal_from_int (order->quantity));
  qd_json_writer_member_decimal_str (&w, "price", order->price);
  qd_json_writer_member_decimal_str (&w, "trigger_price", order->trigger_price);
  end_event (self, &w, TRUE);
  qd_json_writer_member_bool (&w, "is_quote_quantity", FALSE);
  qd_json_writer_end_object (&w);
  order->ts_last = self->now;
  publish_order_event (self, order, "OrderUpdated", str);
}

/* The order's average fill price so far, at least at the price precision. */
static QdDecimal
order_avg_px (QdPaperOrder *order)
{
  QdDecimal avg;

  if (order->filled_qty == 0)
    return QD_DECIMAL_NONE;
  avg = qd_paper_div (order->notional, qd_decimal_from_int (order->filled_qty),
                      QD_DECIMAL_MAX_SCALE);
  avg = qd_decimal_normalize (avg);
  if (avg.scale < order->inst->precision)
    avg = qd_paper_round (avg, order->inst->precision);
  return avg;
}

void
qd_paper_order_filled (QdPaperVenue *self,
                       QdPaperOrder *order,
                       gint64        qty,
                       QdDecimal     px,
                       QdDecimal     commission,
                       const char   *trade_id)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *position_id = qd_paper_position_id (order->inst);
  g_autofree char *fills_topic = g_strconcat ("events.fills.", order->inst->id, NULL);
  char event_id[37];
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  begin_event (self, &w, "OrderFilled", order->inst->id, order->client_order_id);
  qd_json_writer_member_string (&w, "venue_order_id", order->venue_order_id);
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_ACCOUNT_ID);
  qd_json_writer_member_string (&w, "trade_id", trade_id);
  qd_json_writer_member_string (&w, "position_id", position_id);
  qd_json_writer_member_string (&w, "order_side", qd_order_side_to_string (order->side));
  qd_json_writer_member_string (&w, "order_type", qd_order_type_to_string (order->type));
  qd_json_writer_member_decimal_str (&w, "last_qty", qd_decimal_from_int (qty));
  qd_json_writer_member_decimal_str (&w, "last_px", px);
  qd_json_writer_member_string (&w, "currency", "USD");
  qd_paper_write_money (&w, "commission", commission);
  qd_json_writer_member_string (&w, "liquidity_side", "NO_LIQUIDITY_SIDE");
  qd_paper_venue_new_uuid (self, event_id);
  qd_json_writer_member_string (&w, "event_id", event_id);
  qd_paper_write_ts (self, &w, "ts_event", self->now);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_key (&w, "info");
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_decimal_str (&w, "avg_px", order_avg_px (order));
  qd_json_writer_end_object (&w);
  qd_json_writer_member_bool (&w, "reconciliation", FALSE);
  qd_json_writer_end_object (&w);

  order->ts_last = self->now;
  qd_paper_venue_publish (self, ORDER_TOPIC, str);
  /* The engine publishes every fill a second time per instrument, with the same event. */
  qd_paper_venue_publish (self, fills_topic, str);
}

/* Order snapshots: Order.to_dict(), where "type" is the order type. */

static void
write_avg_and_slippage (QdJsonWriter *w,
                        QdPaperOrder *order)
{
  QdDecimal avg = order_avg_px (order);

  qd_json_writer_key (w, "avg_px");
  if (qd_decimal_is_none (avg))
    qd_json_writer_null (w);
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);
      QdJsonWriter inner;

      /* str(float): the Python repr, quoted. */
      qd_json_writer_init (&inner, text);
      qd_paper_write_float (&inner, avg);
      qd_json_writer_string (w, text->str);
    }
  qd_json_writer_key (w, "slippage");
  if (qd_decimal_is_none (avg))
    qd_json_writer_null (w);
  else
    qd_json_writer_string (w, "0.0");
}

static void
write_snapshot_ids (QdPaperVenue *self,
                    QdJsonWriter *w,
                    QdPaperOrder *order)
{
  g_autofree char *position_id = qd_paper_position_id (order->inst);
  gboolean stop = order->type == QD_ORDER_TYPE_STOP_MARKET
                  || order->type == QD_ORDER_TYPE_STOP_LIMIT;

  qd_json_writer_member_string (w, "trader_id", self->trader_id);
  qd_json_writer_member_string (w, "strategy_id", QD_PAPER_STRATEGY_ID);
  qd_json_writer_member_string (w, "instrument_id", order->inst->id);
  qd_json_writer_member_string (w, "client_order_id", order->client_order_id);
  qd_json_writer_member_string (w, "venue_order_id", order->venue_order_id);
  qd_json_writer_member_string (w, "position_id", order->filled_qty > 0 ? position_id : NULL);
  qd_json_writer_member_string (w, "account_id",
                                order->venue_order_id ? QD_PAPER_ACCOUNT_ID : NULL);
  qd_json_writer_member_string (w, "last_trade_id", order->last_trade_id);
  qd_json_writer_member_string (w, "type", qd_order_type_to_string (order->type));
  qd_json_writer_member_string (w, "side", qd_order_side_to_string (order->side));
  qd_json_writer_member_decimal_str (w, "quantity", qd_decimal_from_int (order->quantity));
  qd_json_writer_member_decimal_str (w, "price", order->price);
  qd_json_writer_member_decimal_str (w, "trigger_price", order->trigger_price);
  qd_json_writer_member_string (w, "trigger_type", stop ? "DEFAULT" : NULL);
  qd_json_writer_member_string (w, "init_id", order->init_id);
  qd_json_writer_member_null (w, "expire_time_ns");
  qd_json_writer_member_string (w, "time_in_force", qd_time_in_force_to_string (order->tif));
}

static void
write_commissions (QdJsonWriter *w,
                   QdPaperOrder *order)
{
  g_autofree char *money = NULL;
  char buf[QD_DECIMAL_STR_MAX];

  qd_json_writer_key (w, "commissions");
  if (order->filled_qty == 0)
    {
      qd_json_writer_null (w);
      return;
    }
  money = g_strconcat (qd_decimal_format (qd_paper_round (order->commissions, 2), buf), " USD",
                       NULL);
  qd_json_writer_begin_array (w);
  qd_json_writer_string (w, money);
  qd_json_writer_end_array (w);
}

static void
write_order_snapshot (QdPaperVenue *self,
                      QdJsonWriter *w,
                      QdPaperOrder *order)
{
  g_autofree char *tag = g_strconcat ("qd:req=", order->request_id, NULL);

  qd_json_writer_begin_object (w);
  write_snapshot_ids (self, w, order);
  qd_json_writer_member_decimal_str (w, "filled_qty", qd_decimal_from_int (order->filled_qty));
  qd_json_writer_member_string (w, "liquidity_side", "NO_LIQUIDITY_SIDE");
  write_avg_and_slippage (w, order);
  write_commissions (w, order);
  qd_json_writer_member_string (w, "status", qd_order_status_to_string (order->status));
  qd_json_writer_member_bool (w, "is_post_only", FALSE);
  qd_json_writer_member_bool (w, "is_reduce_only", FALSE);
  qd_json_writer_member_bool (w, "is_quote_quantity", FALSE);
  qd_json_writer_member_null (w, "display_qty");
  qd_json_writer_member_string (w, "emulation_trigger", "NO_TRIGGER");
  qd_json_writer_member_null (w, "trigger_instrument_id");
  qd_json_writer_member_string (w, "contingency_type", "NO_CONTINGENCY");
  qd_json_writer_member_null (w, "order_list_id");
  qd_json_writer_member_null (w, "linked_order_ids");
  qd_json_writer_member_null (w, "parent_order_id");
  qd_json_writer_member_null (w, "exec_algorithm_id");
  qd_json_writer_member_null (w, "exec_algorithm_params");
  qd_json_writer_member_null (w, "exec_spawn_id");
  qd_json_writer_key (w, "tags");
  qd_json_writer_begin_array (w);
  qd_json_writer_string (w, tag);
  qd_json_writer_end_array (w);
  qd_paper_write_ts (self, w, "ts_init", order->ts_init);
  qd_paper_write_ts (self, w, "ts_last", order->ts_last);
  qd_json_writer_end_object (w);
}

void
qd_paper_order_publish_snapshots (QdPaperVenue *self)
{
  guint first = self->orders->len > MAX_ORDER_SNAPSHOTS
                ? self->orders->len - MAX_ORDER_SNAPSHOTS : 0;
  guint i;

  for (i = first; i < self->orders->len; i++)
    {
      QdPaperOrder *order = g_ptr_array_index (self->orders, i);
      g_autoptr(GString) str = g_string_new (NULL);
      g_autofree char *topic = g_strconcat ("snapshots:orders:", order->client_order_id, NULL);
      QdJsonWriter w;

      qd_json_writer_init (&w, str);
      write_order_snapshot (self, &w, order);
      qd_paper_venue_publish (self, topic, str);
    }
}
