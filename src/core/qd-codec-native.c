/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec-private.h"
#include "qd-fast-scan.h"

/*
 * NautilusTrader's own payloads (spec/nautilus-bus.md §4): Xxx.to_dict() as compact JSON
 * with a "type" key. Unknown keys are ignored and optional ones may be absent or null, as
 * the field sets drift between releases.
 */

#define REQUEST_TAG_PREFIX "qd:req="

typedef gboolean (*NativeDecodeFunc) (QdReader *r,
                                      int       sub,
                                      QdEvent  *event);

/* event_id, ts_event and ts_init: on every native event except where noted. */
static void
read_header (QdReader   *r,
             QdEvent    *event,
             QdPresence  ts_event)
{
  qd_reader_string (r, "event_id", QD_OPTIONAL, &event->event_id);
  qd_reader_time (r, "ts_event", ts_event, &event->ts_event);
  qd_reader_time (r, "ts_init", QD_REQUIRED, &event->ts_init);
}

static void
read_order_side (QdReader    *r,
                 const char  *key,
                 QdPresence   presence,
                 QdOrderSide *out)
{
  const char *s = qd_reader_peek_string (r, key, presence);

  if (s != NULL)
    *out = qd_order_side_from_string (s);
}

static void
read_order_type (QdReader    *r,
                 const char  *key,
                 QdPresence   presence,
                 QdOrderType *out)
{
  const char *s = qd_reader_peek_string (r, key, presence);

  if (s != NULL)
    *out = qd_order_type_from_string (s);
}

static void
read_time_in_force (QdReader      *r,
                    QdTimeInForce *out)
{
  const char *s = qd_reader_peek_string (r, "time_in_force", QD_OPTIONAL);

  if (s != NULL)
    *out = qd_time_in_force_from_string (s);
}

/* ---- AccountState ----------------------------------------------------------------------- */

/* The JsonObject at index, or a WRONG_TYPE failure naming the array. */
static JsonObject *
array_object (QdReader   *r,
              JsonArray  *array,
              guint       index,
              const char *key)
{
  JsonNode *node = json_array_get_element (array, index);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: %s[%u] must be an object",
                  r->context, key, index);
  return NULL;
}

static void
read_balances (QdReader  *r,
               JsonArray *array,
               GArray    *out)
{
  guint i;

  for (i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (r, array, i, "balances");
      QdEventBalance balance = { QD_DECIMAL_NONE, QD_DECIMAL_NONE, QD_DECIMAL_NONE, "" };
      QdReader item;

      if (object == NULL)
        return;
      qd_reader_init_nested (&item, r, object, "AccountState balance");
      qd_reader_decimal (&item, "total", QD_REQUIRED, &balance.total);
      qd_reader_decimal (&item, "locked", QD_REQUIRED, &balance.locked);
      qd_reader_decimal (&item, "free", QD_REQUIRED, &balance.free);
      qd_reader_currency (&item, "currency", QD_REQUIRED, balance.currency);
      if (qd_reader_failed (&item))
        return;
      g_array_append_val (out, balance);
    }
}

static void
read_margins (QdReader  *r,
              JsonArray *array,
              GArray    *out)
{
  guint i;

  for (i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (r, array, i, "margins");
      QdEventMargin margin = { QD_DECIMAL_NONE, QD_DECIMAL_NONE, "", NULL };
      QdReader item;

      if (object == NULL)
        return;
      qd_reader_init_nested (&item, r, object, "AccountState margin");
      qd_reader_decimal (&item, "initial", QD_REQUIRED, &margin.initial);
      qd_reader_decimal (&item, "maintenance", QD_REQUIRED, &margin.maintenance);
      qd_reader_currency (&item, "currency", QD_REQUIRED, margin.currency);
      qd_reader_string (&item, "instrument_id", QD_OPTIONAL, &margin.instrument_id);
      /* Appended even on failure: the array's clear func then frees instrument_id. */
      g_array_append_val (out, margin);
      if (qd_reader_failed (&item))
        return;
    }
}

static gboolean
decode_account_state (QdReader *r,
                      int       sub,
                      QdEvent  *event)
{
  QdAccountStateEvent *a;
  JsonObject *info;

  qd_event_init (event, QD_EVENT_ACCOUNT_STATE);
  a = &event->u.account;
  read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "account_id", QD_REQUIRED, &a->account_id);
  qd_reader_string (r, "account_type", QD_OPTIONAL, &a->account_type);
  qd_reader_string (r, "base_currency", QD_OPTIONAL, &a->base_currency);
  qd_reader_bool (r, "reported", QD_OPTIONAL, &a->reported);
  read_balances (r, qd_reader_array (r, "balances", QD_OPTIONAL), a->balances);
  read_margins (r, qd_reader_array (r, "margins", QD_OPTIONAL), a->margins);

  /* IB puts its TotalCashValue here as a float. */
  info = qd_reader_object (r, "info", QD_OPTIONAL);
  if (info != NULL)
    {
      QdReader nested;

      qd_reader_init_nested (&nested, r, info, "AccountState info");
      qd_reader_number (&nested, "TotalCashValue", QD_OPTIONAL, &a->total_cash_value);
    }
  return !qd_reader_failed (r);
}

/* ---- order events ----------------------------------------------------------------------- */

/* tags is a list of strings (a single string before 1.200); "qd:req=<id>" names our request. */
static void
read_tags (QdReader     *r,
           QdOrderEvent *o)
{
  JsonNode *node = qd_reader_node (r, "tags", QD_OPTIONAL);
  g_autoptr(GStrvBuilder) builder = NULL;
  guint i;

  if (node == NULL)
    return;
  builder = g_strv_builder_new ();
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *tag = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING)
            {
              qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: tags[%u] must be a string",
                              r->context, i);
              return;
            }
          g_strv_builder_add (builder, json_node_get_string (tag));
        }
    }
  else
    {
      qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: field \"tags\" must be an array",
                      r->context);
      return;
    }

  o->tags = g_strv_builder_end (builder);
  for (i = 0; o->tags[i] != NULL && o->request_id == NULL; i++)
    if (g_str_has_prefix (o->tags[i], REQUEST_TAG_PREFIX) &&
        o->tags[i][strlen (REQUEST_TAG_PREFIX)] != '\0')
      o->request_id = g_strdup (o->tags[i] + strlen (REQUEST_TAG_PREFIX));
}

static void
read_initialized (QdReader     *r,
                  QdOrderEvent *o)
{
  JsonObject *options;

  read_order_side (r, "order_side", QD_REQUIRED, &o->side);
  read_order_type (r, "order_type", QD_REQUIRED, &o->order_type);
  qd_reader_decimal (r, "quantity", QD_REQUIRED, &o->quantity);
  read_time_in_force (r, &o->time_in_force);
  qd_reader_bool (r, "post_only", QD_OPTIONAL, &o->post_only);
  qd_reader_bool (r, "reduce_only", QD_OPTIONAL, &o->reduce_only);
  read_tags (r, o);

  /* Per-type parameters; nested, so expire_time_ns is a JSON integer here. */
  options = qd_reader_object (r, "options", QD_OPTIONAL);
  if (options != NULL)
    {
      QdReader nested;

      qd_reader_init_nested (&nested, r, options, "OrderInitialized options");
      qd_reader_decimal (&nested, "price", QD_OPTIONAL, &o->price);
      qd_reader_decimal (&nested, "trigger_price", QD_OPTIONAL, &o->trigger_price);
      qd_reader_time (&nested, "expire_time_ns", QD_OPTIONAL, &o->expire_time_ns);
    }
}

static void
read_filled (QdReader     *r,
             QdOrderEvent *o)
{
  qd_reader_string (r, "trade_id", QD_REQUIRED, &o->trade_id);
  qd_reader_string (r, "position_id", QD_OPTIONAL, &o->position_id);
  read_order_side (r, "order_side", QD_REQUIRED, &o->side);
  read_order_type (r, "order_type", QD_OPTIONAL, &o->order_type);
  qd_reader_decimal (r, "last_qty", QD_REQUIRED, &o->last_qty);
  qd_reader_decimal (r, "last_px", QD_REQUIRED, &o->last_px);
  qd_reader_currency (r, "currency", QD_OPTIONAL, o->currency);
  qd_reader_money (r, "commission", QD_OPTIONAL, &o->commission);
  qd_reader_string (r, "liquidity_side", QD_OPTIONAL, &o->liquidity_side);
}

static gboolean
decode_order (QdReader *r,
              int       sub,
              QdEvent  *event)
{
  QdOrderEvent *o;

  qd_event_init (event, QD_EVENT_ORDER);
  o = &event->u.order;
  o->kind = sub;
  read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "trader_id", QD_OPTIONAL, &o->trader_id);
  qd_reader_string (r, "strategy_id", QD_OPTIONAL, &o->strategy_id);
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &o->instrument_id);
  qd_reader_string (r, "client_order_id", QD_REQUIRED, &o->client_order_id);
  qd_reader_string (r, "venue_order_id", QD_OPTIONAL, &o->venue_order_id);
  qd_reader_string (r, "account_id", QD_OPTIONAL, &o->account_id);
  qd_reader_bool (r, "reconciliation", QD_OPTIONAL, &o->reconciliation);
  qd_reader_string (r, "reason", QD_OPTIONAL, &o->reason);
  qd_reader_bool (r, "due_post_only", QD_OPTIONAL, &o->due_post_only);

  switch ((QdOrderEventKind) sub)
    {
    case QD_ORDER_EVENT_INITIALIZED:
      read_initialized (r, o);
      break;

    case QD_ORDER_EVENT_UPDATED:
      qd_reader_decimal (r, "quantity", QD_REQUIRED, &o->quantity);
      qd_reader_decimal (r, "price", QD_OPTIONAL, &o->price);
      qd_reader_decimal (r, "trigger_price", QD_OPTIONAL, &o->trigger_price);
      break;

    case QD_ORDER_EVENT_FILLED:
      read_filled (r, o);
      break;

    case QD_ORDER_EVENT_DENIED:
    case QD_ORDER_EVENT_EMULATED:
    case QD_ORDER_EVENT_RELEASED:
    case QD_ORDER_EVENT_SUBMITTED:
    case QD_ORDER_EVENT_ACCEPTED:
    case QD_ORDER_EVENT_REJECTED:
    case QD_ORDER_EVENT_CANCELED:
    case QD_ORDER_EVENT_EXPIRED:
    case QD_ORDER_EVENT_TRIGGERED:
    case QD_ORDER_EVENT_PENDING_UPDATE:
    case QD_ORDER_EVENT_PENDING_CANCEL:
    case QD_ORDER_EVENT_MODIFY_REJECTED:
    case QD_ORDER_EVENT_CANCEL_REJECTED:
    case QD_ORDER_EVENT_SNAPSHOT:
    default:
      break;
    }

  return !qd_reader_failed (r);
}

/*
 * snapshots:orders:{id}: Order.to_dict(). Its "type" is the ORDER type ("LIMIT"), its
 * side is "side", flags are is_post_only/is_reduce_only, and avg_px is a float in some
 * releases and a string in others.
 */
static void
read_order_snapshot (QdReader     *r,
                     QdOrderEvent *o)
{
  const char *status;

  read_order_side (r, "side", QD_REQUIRED, &o->side);
  read_order_type (r, "type", QD_OPTIONAL, &o->order_type);
  qd_reader_decimal (r, "quantity", QD_REQUIRED, &o->quantity);
  qd_reader_decimal (r, "price", QD_OPTIONAL, &o->price);
  qd_reader_decimal (r, "trigger_price", QD_OPTIONAL, &o->trigger_price);
  qd_reader_time (r, "expire_time_ns", QD_OPTIONAL, &o->expire_time_ns);
  read_time_in_force (r, &o->time_in_force);
  qd_reader_bool (r, "is_post_only", QD_OPTIONAL, &o->post_only);
  qd_reader_bool (r, "is_reduce_only", QD_OPTIONAL, &o->reduce_only);
  qd_reader_decimal (r, "filled_qty", QD_OPTIONAL, &o->filled_qty);
  qd_reader_number (r, "avg_px", QD_OPTIONAL, &o->avg_px);
  qd_reader_string (r, "position_id", QD_OPTIONAL, &o->position_id);
  qd_reader_string (r, "liquidity_side", QD_OPTIONAL, &o->liquidity_side);
  read_tags (r, o);

  status = qd_reader_peek_string (r, "status", QD_REQUIRED);
  if (status != NULL && !qd_order_status_from_string (status, &o->status))
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: unknown order status \"%s\"",
                    r->context, status);
}

gboolean
qd_codec_decode_order_snapshot (JsonObject  *root,
                                QdEvent     *event,
                                GError     **error)
{
  QdReader r;
  QdOrderEvent *o;
  gint64 ts_last = 0;

  qd_event_init (event, QD_EVENT_ORDER);
  o = &event->u.order;
  o->kind = QD_ORDER_EVENT_SNAPSHOT;
  qd_reader_init (&r, root, "order snapshot", error);
  qd_reader_string (&r, "trader_id", QD_OPTIONAL, &o->trader_id);
  qd_reader_string (&r, "strategy_id", QD_OPTIONAL, &o->strategy_id);
  qd_reader_string (&r, "instrument_id", QD_REQUIRED, &o->instrument_id);
  qd_reader_string (&r, "client_order_id", QD_REQUIRED, &o->client_order_id);
  qd_reader_string (&r, "venue_order_id", QD_OPTIONAL, &o->venue_order_id);
  qd_reader_string (&r, "account_id", QD_OPTIONAL, &o->account_id);
  read_order_snapshot (&r, o);

  /* A snapshot is as of the order's last event. */
  qd_reader_time (&r, "ts_init", QD_REQUIRED, &event->ts_init);
  qd_reader_time (&r, "ts_last", QD_OPTIONAL, &ts_last);
  event->ts_event = ts_last != 0 ? ts_last : event->ts_init;
  return !qd_reader_failed (&r);
}

/* ---- position events -------------------------------------------------------------------- */

static void
read_position_body (QdReader        *r,
                    QdPositionEvent *p)
{
  const char *side;

  qd_reader_string (r, "trader_id", QD_OPTIONAL, &p->trader_id);
  qd_reader_string (r, "strategy_id", QD_OPTIONAL, &p->strategy_id);
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &p->instrument_id);
  qd_reader_string (r, "position_id", QD_REQUIRED, &p->position_id);
  qd_reader_string (r, "account_id", QD_OPTIONAL, &p->account_id);
  qd_reader_string (r, "opening_order_id", QD_OPTIONAL, &p->opening_order_id);
  qd_reader_string (r, "closing_order_id", QD_OPTIONAL, &p->closing_order_id);
  read_order_side (r, "entry", QD_OPTIONAL, &p->entry);
  side = qd_reader_peek_string (r, "side", QD_REQUIRED);
  if (side != NULL)
    p->side = qd_position_side_from_string (side);

  qd_reader_decimal (r, "quantity", QD_REQUIRED, &p->quantity);
  qd_reader_number (r, "signed_qty", QD_OPTIONAL, &p->signed_qty);
  qd_reader_decimal (r, "peak_qty", QD_OPTIONAL, &p->peak_qty);
  qd_reader_decimal (r, "last_qty", QD_OPTIONAL, &p->last_qty);
  qd_reader_decimal (r, "last_px", QD_OPTIONAL, &p->last_px);
  qd_reader_number (r, "avg_px_open", QD_OPTIONAL, &p->avg_px_open);
  qd_reader_number (r, "avg_px_close", QD_OPTIONAL, &p->avg_px_close);
  qd_reader_money (r, "realized_pnl", QD_OPTIONAL, &p->realized_pnl);
  qd_reader_money (r, "unrealized_pnl", QD_OPTIONAL, &p->unrealized_pnl);
  qd_reader_time (r, "ts_opened", QD_OPTIONAL, &p->ts_opened);
  qd_reader_time (r, "ts_closed", QD_OPTIONAL, &p->ts_closed);

  /* msgspec writes a NaN signed_qty as null; the quantity string and side still say it. */
  if (qd_decimal_is_none (p->signed_qty) && !qd_decimal_is_none (p->quantity))
    p->signed_qty = p->side == QD_POSITION_SIDE_SHORT ? qd_decimal_negate (p->quantity)
                                                      : p->quantity;
}

static gboolean
decode_position (QdReader *r,
                 int       sub,
                 QdEvent  *event)
{
  QdPositionEvent *p;
  gboolean closed = sub == QD_POSITION_EVENT_CLOSED;

  qd_event_init (event, QD_EVENT_POSITION);
  p = &event->u.position;
  p->kind = sub;
  /* PositionClosed carries ts_closed instead of ts_event. */
  read_header (r, event, closed ? QD_OPTIONAL : QD_REQUIRED);
  read_position_body (r, p);
  qd_reader_currency (r, "currency", QD_OPTIONAL, p->currency);
  if (closed)
    {
      qd_reader_time (r, "ts_closed", QD_REQUIRED, &p->ts_closed);
      if (event->ts_event == 0)
        event->ts_event = p->ts_closed;
    }
  return !qd_reader_failed (r);
}

/* snapshots:positions:{id}: Position.to_dict() + unrealized_pnl + ts_snapshot, no "type". */
gboolean
qd_codec_decode_position_snapshot (JsonObject  *root,
                                   QdEvent     *event,
                                   GError     **error)
{
  QdReader r;
  QdPositionEvent *p;
  gint64 ts_last = 0;
  gint64 ts_snapshot = 0;

  qd_event_init (event, QD_EVENT_POSITION);
  p = &event->u.position;
  p->kind = QD_POSITION_EVENT_SNAPSHOT;
  qd_reader_init (&r, root, "position snapshot", error);
  read_position_body (&r, p);
  qd_reader_currency (&r, "quote_currency", QD_OPTIONAL, p->currency);
  qd_reader_currency (&r, "currency", QD_OPTIONAL, p->currency);

  qd_reader_time (&r, "ts_init", QD_REQUIRED, &event->ts_init);
  qd_reader_time (&r, "ts_last", QD_OPTIONAL, &ts_last);
  qd_reader_time (&r, "ts_snapshot", QD_OPTIONAL, &ts_snapshot);
  event->ts_event = ts_snapshot != 0 ? ts_snapshot : ts_last != 0 ? ts_last : event->ts_init;
  return !qd_reader_failed (&r);
}
/* ---- market data and acks through json-glib --------------------------------------------- */

static gboolean
decode_quote (QdReader *r,
              QdEvent  *event)
{
  QdQuoteEvent *q;

  qd_event_init (event, QD_EVENT_QUOTE);
  q = &event->u.quote;
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &q->instrument_id);
  qd_reader_decimal (r, "bid_price", QD_REQUIRED, &q->bid_price);
  qd_reader_decimal (r, "ask_price", QD_REQUIRED, &q->ask_price);
  qd_reader_decimal (r, "bid_size", QD_REQUIRED, &q->bid_size);
  qd_reader_decimal (r, "ask_size", QD_REQUIRED, &q->ask_size);
  return !qd_reader_failed (r);
}

static gboolean
decode_trade (QdReader *r,
              QdEvent  *event)
{
  QdTradeEvent *t;

  qd_event_init (event, QD_EVENT_TRADE);
  t = &event->u.trade;
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &t->instrument_id);
  qd_reader_decimal (r, "price", QD_REQUIRED, &t->price);
  qd_reader_decimal (r, "size", QD_REQUIRED, &t->size);
  qd_reader_string (r, "aggressor_side", QD_OPTIONAL, &t->aggressor_side);
  qd_reader_string (r, "trade_id", QD_OPTIONAL, &t->trade_id);
  return !qd_reader_failed (r);
}

static gboolean
decode_bar (QdReader *r,
            QdEvent  *event)
{
  QdBarEvent *b;

  qd_event_init (event, QD_EVENT_BAR);
  b = &event->u.bar;
  qd_reader_string (r, "bar_type", QD_REQUIRED, &b->bar_type);
  if (b->bar_type != NULL)
    {
      b->instrument_id = qd_fast_scan_bar_instrument_id (b->bar_type, strlen (b->bar_type));
      if (b->instrument_id == NULL)
        qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED,
                        "%s: field \"bar_type\" is not {instrument}-{step}-{aggregation}-"
                        "{price type}-{source}", r->context);
    }
  qd_reader_decimal (r, "open", QD_REQUIRED, &b->open);
  qd_reader_decimal (r, "high", QD_REQUIRED, &b->high);
  qd_reader_decimal (r, "low", QD_REQUIRED, &b->low);
  qd_reader_decimal (r, "close", QD_REQUIRED, &b->close);
  qd_reader_decimal (r, "volume", QD_REQUIRED, &b->volume);
  return !qd_reader_failed (r);
}

/*
 * Must give exactly what the fast scanner gives for the same payload: no event_id (ticks
 * have none, and an extra key must not change the event), both timestamps required.
 */
gboolean
qd_codec_decode_market_data (JsonObject  *root,
                             QdEventKind  kind,
                             QdEvent     *event,
                             GError     **error)
{
  QdReader r;
  gboolean ok;

  switch (kind)
    {
    case QD_EVENT_QUOTE:
      qd_reader_init (&r, root, "QuoteTick", error);
      ok = decode_quote (&r, event);
      break;
    case QD_EVENT_TRADE:
      qd_reader_init (&r, root, "TradeTick", error);
      ok = decode_trade (&r, event);
      break;
    case QD_EVENT_BAR:
      qd_reader_init (&r, root, "Bar", error);
      ok = decode_bar (&r, event);
      break;

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    case QD_EVENT_ACCOUNT_STATE:
    case QD_EVENT_ORDER:
    case QD_EVENT_POSITION:
    case QD_EVENT_INSTRUMENT:
    case QD_EVENT_COMPONENT_STATE:
    case QD_EVENT_TRADING_STATE:
    case QD_EVENT_ACK:
    case QD_EVENT_SEED_CONNECTION:
    case QD_EVENT_SEED_ACCOUNT:
    case QD_EVENT_SEED_POSITION:
    case QD_EVENT_SEED_ORDER:
    default:
      g_assert_not_reached ();
    }

  qd_reader_time (&r, "ts_event", QD_REQUIRED, &event->ts_event);
  qd_reader_time (&r, "ts_init", QD_REQUIRED, &event->ts_init);
  return ok && !qd_reader_failed (&r);
}

static gboolean
decode_tick (QdReader *r,
             int       sub,
             QdEvent  *event)
{
  return qd_codec_decode_market_data (r->object, (QdEventKind) sub, event, r->error);
}

/* ---- instruments ------------------------------------------------------------------------ */

enum
{
  INSTRUMENT_OTHER,
  INSTRUMENT_EQUITY,
};

/* 0 to 9: a precision our decimals can hold. */
static void
read_precision (QdReader   *r,
                const char *key,
                QdPresence  presence,
                gint       *out)
{
  gint v = G_MININT;

  qd_reader_int (r, key, presence, &v);
  if (v == G_MININT)
    return;
  if (v < 0 || v > QD_DECIMAL_MAX_SCALE)
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is not within 0..%d",
                    r->context, key, QD_DECIMAL_MAX_SCALE);
  else
    *out = v;
}

static gboolean
decode_instrument (QdReader *r,
                   int       sub,
                   QdEvent  *event)
{
  QdInstrumentEvent *i;

  qd_event_init (event, QD_EVENT_INSTRUMENT);
  i = &event->u.instrument;
  i->instrument_class = g_strdup (r->context);
  read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "id", QD_REQUIRED, &i->instrument_id);
  qd_reader_string (r, "raw_symbol", QD_OPTIONAL, &i->raw_symbol);
  /* FX and crypto pairs quote in quote_currency; everything else has "currency". */
  qd_reader_string (r, "currency", QD_OPTIONAL, &i->currency);
  if (i->currency == NULL)
    qd_reader_string (r, "quote_currency", QD_OPTIONAL, &i->currency);
  read_precision (r, "price_precision", QD_REQUIRED, &i->price_precision);
  read_precision (r, "size_precision", QD_OPTIONAL, &i->size_precision);
  qd_reader_decimal (r, "price_increment", QD_REQUIRED, &i->price_increment);
  qd_reader_decimal (r, "size_increment", QD_OPTIONAL, &i->size_increment);
  qd_reader_decimal (r, "lot_size", QD_OPTIONAL, &i->lot_size);
  qd_reader_decimal (r, "multiplier", QD_OPTIONAL, &i->multiplier);

  /* Equity.to_dict() leaves out what Nautilus fixes for every equity: whole shares, x1. */
  if (sub == INSTRUMENT_EQUITY)
    {
      if (i->size_precision < 0)
        i->size_precision = 0;
      if (qd_decimal_is_none (i->size_increment))
        i->size_increment = qd_decimal_from_int (1);
      if (qd_decimal_is_none (i->multiplier))
        i->multiplier = qd_decimal_from_int (1);
    }
  return !qd_reader_failed (r);
}

/* ---- system events ---------------------------------------------------------------------- */

static const char *
config_string (JsonObject *config,
               const char *key)
{
  JsonNode *node = json_object_get_member (config, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint
config_int (JsonObject *config,
            const char *key)
{
  JsonNode *node = json_object_get_member (config, key);
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  v = json_node_get_int (node);
  return v >= 0 && v <= G_MAXINT ? (gint) v : -1;
}

/*
 * A component's config is its full client config, which can hold the IB username and
 * password (dockerized_gateway). Exactly these keys are copied and nothing else; values of
 * an unexpected type are skipped rather than failing the state change.
 */
static void
read_component_config (JsonObject            *config,
                       QdComponentStateEvent *c)
{
  const char *mode;

  c->ibg_host = g_strdup (config_string (config, "ibg_host"));
  c->ibg_port = config_int (config, "ibg_port");
  c->ibg_client_id = config_int (config, "ibg_client_id");
  c->account_id = g_strdup (config_string (config, "account_id"));

  mode = config_string (config, "trading_mode");
  if (mode == NULL && json_object_has_member (config, "dockerized_gateway"))
    {
      JsonNode *gateway = json_object_get_member (config, "dockerized_gateway");

      if (JSON_NODE_HOLDS_OBJECT (gateway))
        mode = config_string (json_node_get_object (gateway), "trading_mode");
    }
  if (mode != NULL)
    c->trading_mode = qd_trading_mode_from_string (mode);
}

static gboolean
decode_component_state (QdReader *r,
                        int       sub,
                        QdEvent  *event)
{
  QdComponentStateEvent *c;
  JsonObject *config;

  qd_event_init (event, QD_EVENT_COMPONENT_STATE);
  c = &event->u.component;
  read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "component_id", QD_REQUIRED, &c->component_id);
  qd_reader_string (r, "component_type", QD_OPTIONAL, &c->component_type);
  qd_reader_string (r, "state", QD_REQUIRED, &c->state);
  config = qd_reader_object (r, "config", QD_OPTIONAL);
  if (config != NULL)
    read_component_config (config, c);
  return !qd_reader_failed (r);
}

static gboolean
decode_trading_state (QdReader *r,
                      int       sub,
                      QdEvent  *event)
{
  qd_event_init (event, QD_EVENT_TRADING_STATE);
  read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "state", QD_REQUIRED, &event->u.trading.state);
  return !qd_reader_failed (r);
}

/* ---- dispatch --------------------------------------------------------------------------- */

static const struct
{
  const char       *type;
  NativeDecodeFunc  decode;
  int               sub;
} native_types[] = {
  /* market data first: it is most of the traffic that reaches this table */
  { "QuoteTick", decode_tick, QD_EVENT_QUOTE },
  { "TradeTick", decode_tick, QD_EVENT_TRADE },
  { "Bar", decode_tick, QD_EVENT_BAR },
  { "AccountState", decode_account_state, 0 },
  { "OrderInitialized", decode_order, QD_ORDER_EVENT_INITIALIZED },
  { "OrderDenied", decode_order, QD_ORDER_EVENT_DENIED },
  { "OrderEmulated", decode_order, QD_ORDER_EVENT_EMULATED },
  { "OrderReleased", decode_order, QD_ORDER_EVENT_RELEASED },
  { "OrderSubmitted", decode_order, QD_ORDER_EVENT_SUBMITTED },
  { "OrderAccepted", decode_order, QD_ORDER_EVENT_ACCEPTED },
  { "OrderRejected", decode_order, QD_ORDER_EVENT_REJECTED },
  { "OrderCanceled", decode_order, QD_ORDER_EVENT_CANCELED },
  { "OrderExpired", decode_order, QD_ORDER_EVENT_EXPIRED },
  { "OrderTriggered", decode_order, QD_ORDER_EVENT_TRIGGERED },
  { "OrderPendingUpdate", decode_order, QD_ORDER_EVENT_PENDING_UPDATE },
  { "OrderPendingCancel", decode_order, QD_ORDER_EVENT_PENDING_CANCEL },
  { "OrderModifyRejected", decode_order, QD_ORDER_EVENT_MODIFY_REJECTED },
  { "OrderCancelRejected", decode_order, QD_ORDER_EVENT_CANCEL_REJECTED },
  { "OrderUpdated", decode_order, QD_ORDER_EVENT_UPDATED },
  { "OrderFilled", decode_order, QD_ORDER_EVENT_FILLED },
  { "PositionOpened", decode_position, QD_POSITION_EVENT_OPENED },
  { "PositionChanged", decode_position, QD_POSITION_EVENT_CHANGED },
  { "PositionClosed", decode_position, QD_POSITION_EVENT_CLOSED },
  { "ComponentStateChanged", decode_component_state, 0 },
  { "TradingStateChanged", decode_trading_state, 0 },
  /* Instrument classes with an id, a currency and increments we can show; betting,
   * binary and synthetic instruments are left out (UNKNOWN_TYPE). */
  { "Equity", decode_instrument, INSTRUMENT_EQUITY },
  { "CurrencyPair", decode_instrument, INSTRUMENT_OTHER },
  { "FuturesContract", decode_instrument, INSTRUMENT_OTHER },
  { "FuturesSpread", decode_instrument, INSTRUMENT_OTHER },
  { "OptionContract", decode_instrument, INSTRUMENT_OTHER },
  { "OptionSpread", decode_instrument, INSTRUMENT_OTHER },
  { "Cfd", decode_instrument, INSTRUMENT_OTHER },
  { "Commodity", decode_instrument, INSTRUMENT_OTHER },
  { "IndexInstrument", decode_instrument, INSTRUMENT_OTHER },
  { "CryptoPerpetual", decode_instrument, INSTRUMENT_OTHER },
  { "CryptoFuture", decode_instrument, INSTRUMENT_OTHER },
  { "CryptoOption", decode_instrument, INSTRUMENT_OTHER },
};

gboolean
qd_codec_decode_native (JsonObject  *root,
                        const char  *type,
                        QdEvent     *event,
                        GError     **error)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (native_types); i++)
    {
      if (strcmp (native_types[i].type, type) == 0)
        {
          QdReader r;

          qd_reader_init (&r, root, native_types[i].type, error);
          return native_types[i].decode (&r, native_types[i].sub, event);
        }
    }

  /* Order book deltas, commands, reports, instrument status, ...: valid, but not ours. */
  if (g_utf8_strlen (type, 65) > 64)
    g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_UNKNOWN_TYPE,
                         "type with a 64+ character name is not decoded");
  else
    g_set_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_UNKNOWN_TYPE,
                 "type \"%s\" is not decoded", type);
  return FALSE;
}
