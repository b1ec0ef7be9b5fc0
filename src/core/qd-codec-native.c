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

void
qd_codec_read_header (QdReader   *r,
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

/* The next element of an array of objects, or FALSE at the end or (failing with a
 * WRONG_TYPE naming the array) on an element that is not an object. */
static gboolean
next_array_object (QdReader   *r,
                   QdJsonIter *iter,
                   guint       index,
                   const char *key,
                   guint      *object)
{
  guint unused;

  if (!qd_json_iter_next (iter, &unused, object))
    return FALSE;
  if (qd_json_tape_kind (r->tape, *object) == QD_JSON_OBJECT)
    return TRUE;
  qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: %s[%u] must be an object",
                  r->context, key, index);
  return FALSE;
}

static void
read_balances (QdReader *r,
               guint     array,
               GArray   *out)
{
  QdJsonIter iter;
  guint object;
  guint i;

  if (array == QD_JSON_TAPE_NONE)
    return;
  qd_json_iter_init (&iter, r->tape, array);
  for (i = 0; next_array_object (r, &iter, i, "balances", &object); i++)
    {
      QdEventBalance balance = { QD_DECIMAL_NONE, QD_DECIMAL_NONE, QD_DECIMAL_NONE, "" };
      QdReader item;

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
read_margins (QdReader *r,
              guint     array,
              GArray   *out)
{
  QdJsonIter iter;
  guint object;
  guint i;

  if (array == QD_JSON_TAPE_NONE)
    return;
  qd_json_iter_init (&iter, r->tape, array);
  for (i = 0; next_array_object (r, &iter, i, "margins", &object); i++)
    {
      QdEventMargin margin = { QD_DECIMAL_NONE, QD_DECIMAL_NONE, "", NULL };
      QdReader item;

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
  guint info;

  qd_event_init (event, QD_EVENT_ACCOUNT_STATE);
  a = &event->u.account;
  qd_codec_read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "account_id", QD_REQUIRED, &a->account_id);
  qd_reader_string (r, "account_type", QD_OPTIONAL, &a->account_type);
  qd_reader_string (r, "base_currency", QD_OPTIONAL, &a->base_currency);
  qd_reader_bool (r, "reported", QD_OPTIONAL, &a->reported);
  read_balances (r, qd_reader_array (r, "balances", QD_OPTIONAL), a->balances);
  read_margins (r, qd_reader_array (r, "margins", QD_OPTIONAL), a->margins);

  /* IB puts its TotalCashValue here as a float. */
  info = qd_reader_object (r, "info", QD_OPTIONAL);
  if (info != QD_JSON_TAPE_NONE)
    {
      QdReader nested;

      qd_reader_init_nested (&nested, r, info, "AccountState info");
      qd_reader_number (&nested, "TotalCashValue", QD_OPTIONAL, &a->total_cash_value);
    }
  return !qd_reader_failed (r);
}

/* ---- order events ----------------------------------------------------------------------- */

/* Every element a string: the array's strings, else NULL after a WRONG_TYPE failure. */
static GPtrArray *
tag_array (QdReader *r,
           guint     array)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  QdJsonIter iter;
  guint unused, tag;

  qd_json_iter_init (&iter, r->tape, array);
  while (qd_json_iter_next (&iter, &unused, &tag))
    {
      if (qd_json_tape_kind (r->tape, tag) != QD_JSON_STRING)
        {
          qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: tags[%u] must be a string",
                          r->context, tags->len);
          return NULL;
        }
      g_ptr_array_add (tags, qd_json_tape_string_dup (r->tape, tag));
    }
  return g_steal_pointer (&tags);
}

/* tags is a list of strings (a single string before 1.200); "qd:req=<id>" names our request. */
static void
read_tags (QdReader     *r,
           QdOrderEvent *o)
{
  guint node = qd_reader_node (r, "tags", QD_OPTIONAL);
  GPtrArray *tags;
  guint i;

  if (node == QD_JSON_TAPE_NONE)
    return;
  if (qd_json_tape_kind (r->tape, node) == QD_JSON_STRING)
    {
      tags = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (tags, qd_json_tape_string_dup (r->tape, node));
    }
  else if (qd_json_tape_kind (r->tape, node) == QD_JSON_ARRAY)
    {
      tags = tag_array (r, node);
      if (tags == NULL)
        return;
    }
  else
    {
      qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: field \"tags\" must be an array",
                      r->context);
      return;
    }

  g_ptr_array_add (tags, NULL);
  o->tags = (char **) g_ptr_array_free (tags, FALSE);
  for (i = 0; o->tags[i] != NULL && o->request_id == NULL; i++)
    if (g_str_has_prefix (o->tags[i], REQUEST_TAG_PREFIX) &&
        o->tags[i][strlen (REQUEST_TAG_PREFIX)] != '\0')
      o->request_id = g_strdup (o->tags[i] + strlen (REQUEST_TAG_PREFIX));
}

static void
read_initialized (QdReader     *r,
                  QdOrderEvent *o)
{
  guint options;

  read_order_side (r, "order_side", QD_REQUIRED, &o->side);
  read_order_type (r, "order_type", QD_REQUIRED, &o->order_type);
  qd_reader_decimal (r, "quantity", QD_REQUIRED, &o->quantity);
  read_time_in_force (r, &o->time_in_force);
  qd_reader_bool (r, "post_only", QD_OPTIONAL, &o->post_only);
  qd_reader_bool (r, "reduce_only", QD_OPTIONAL, &o->reduce_only);
  read_tags (r, o);

  /* Per-type parameters; nested, so expire_time_ns is a JSON integer here. */
  options = qd_reader_object (r, "options", QD_OPTIONAL);
  if (options != QD_JSON_TAPE_NONE)
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
  qd_codec_read_header (r, event, QD_REQUIRED);
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
qd_codec_decode_order_snapshot (QdJsonTape  *tape,
                                QdEvent     *event,
                                GError     **error)
{
  QdReader r;
  QdOrderEvent *o;
  gint64 ts_last = 0;

  qd_event_init (event, QD_EVENT_ORDER);
  o = &event->u.order;
  o->kind = QD_ORDER_EVENT_SNAPSHOT;
  qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "order snapshot", error);
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
  qd_codec_read_header (r, event, closed ? QD_OPTIONAL : QD_REQUIRED);
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
qd_codec_decode_position_snapshot (QdJsonTape  *tape,
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
  qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "position snapshot", error);
  read_position_body (&r, p);
  qd_reader_currency (&r, "quote_currency", QD_OPTIONAL, p->currency);
  qd_reader_currency (&r, "currency", QD_OPTIONAL, p->currency);

  qd_reader_time (&r, "ts_init", QD_REQUIRED, &event->ts_init);
  qd_reader_time (&r, "ts_last", QD_OPTIONAL, &ts_last);
  qd_reader_time (&r, "ts_snapshot", QD_OPTIONAL, &ts_snapshot);
  event->ts_event = ts_snapshot != 0 ? ts_snapshot : ts_last != 0 ? ts_last : event->ts_init;
  return !qd_reader_failed (&r);
}
/* ---- market data ---------------------------------------------------------------------- */

static gboolean
decode_tick (QdReader *r,
             int       sub,
             QdEvent  *event)
{
  return qd_codec_decode_market_data (r->tape, (QdEventKind) sub, event, r->error);
}

/* ---- system events ---------------------------------------------------------------------- */

/* A string member of the config object, or NONE. */
static guint
config_string (QdJsonTape *tape,
               guint       config,
               const char *key)
{
  guint node = qd_json_tape_member (tape, config, key, strlen (key));

  if (node == QD_JSON_TAPE_NONE || qd_json_tape_kind (tape, node) != QD_JSON_STRING)
    return QD_JSON_TAPE_NONE;
  return node;
}

static char *
config_dup_string (QdJsonTape *tape,
                   guint       config,
                   const char *key)
{
  guint node = config_string (tape, config, key);

  return node != QD_JSON_TAPE_NONE ? qd_json_tape_string_dup (tape, node) : NULL;
}

static gint
config_int (QdJsonTape *tape,
            guint       config,
            const char *key)
{
  guint node = qd_json_tape_member (tape, config, key, strlen (key));
  gint64 v;

  if (node == QD_JSON_TAPE_NONE || qd_json_tape_kind (tape, node) != QD_JSON_NUMBER ||
      (tape->tokens[node].flags & QD_JSON_TOKEN_INTEGER) == 0)
    return -1;
  v = qd_json_tape_get_int (tape, node);
  return v >= 0 && v <= G_MAXINT ? (gint) v : -1;
}

/*
 * A component's config is its full client config, which can hold the IB username and
 * password (dockerized_gateway). Exactly these keys are copied and nothing else; values of
 * an unexpected type are skipped rather than failing the state change.
 */
static void
read_component_config (QdJsonTape            *tape,
                       guint                  config,
                       QdComponentStateEvent *c)
{
  guint mode;
  gsize len;

  c->ibg_host = config_dup_string (tape, config, "ibg_host");
  c->ibg_port = config_int (tape, config, "ibg_port");
  c->ibg_client_id = config_int (tape, config, "ibg_client_id");
  c->account_id = config_dup_string (tape, config, "account_id");

  mode = config_string (tape, config, "trading_mode");
  if (mode == QD_JSON_TAPE_NONE)
    {
      guint gateway = qd_json_tape_member (tape, config, "dockerized_gateway",
                                           strlen ("dockerized_gateway"));

      if (gateway != QD_JSON_TAPE_NONE && qd_json_tape_kind (tape, gateway) == QD_JSON_OBJECT)
        mode = config_string (tape, gateway, "trading_mode");
    }
  if (mode != QD_JSON_TAPE_NONE)
    c->trading_mode = qd_trading_mode_from_string (qd_json_tape_string_peek (tape, mode, &len));
}

static gboolean
decode_component_state (QdReader *r,
                        int       sub,
                        QdEvent  *event)
{
  QdComponentStateEvent *c;
  guint config;

  qd_event_init (event, QD_EVENT_COMPONENT_STATE);
  c = &event->u.component;
  qd_codec_read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "component_id", QD_REQUIRED, &c->component_id);
  qd_reader_string (r, "component_type", QD_OPTIONAL, &c->component_type);
  qd_reader_string (r, "state", QD_REQUIRED, &c->state);
  config = qd_reader_object (r, "config", QD_OPTIONAL);
  if (config != QD_JSON_TAPE_NONE)
    read_component_config (r->tape, config, c);
  return !qd_reader_failed (r);
}

static gboolean
decode_trading_state (QdReader *r,
                      int       sub,
                      QdEvent  *event)
{
  qd_event_init (event, QD_EVENT_TRADING_STATE);
  qd_codec_read_header (r, event, QD_REQUIRED);
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
  { "Equity", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_EQUITY },
  { "CurrencyPair", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "FuturesContract", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "FuturesSpread", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "OptionContract", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "OptionSpread", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "Cfd", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "Commodity", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "IndexInstrument", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "CryptoPerpetual", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "CryptoFuture", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
  { "CryptoOption", qd_codec_decode_instrument, QD_CODEC_INSTRUMENT_OTHER },
};

gboolean
qd_codec_decode_native (QdJsonTape  *tape,
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

          qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, native_types[i].type, error);
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
