/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec-private.h"

/*
 * What our bridge strategy publishes as raw JSON bytes: the seed's data models on the
 * adapter.interactive_brokers.* topics (spec/ib-integration-seed.md "Data Models") and the
 * command acks on quarterdeck.acks. The models have no "type" key; the topic says what
 * they are. Their numbers are JSON numbers, taken as written when they fit a decimal
 * (at most nine fractional digits, no exponent), else as the shortest decimal that reads
 * back as the same double (see qd_reader_number).
 * Ids that IB knows as integers (order_id, contract_id) are accepted as either.
 */

#define SEED_PREFIX "adapter.interactive_brokers."

/* The seed's optional "timestamp" (ISO text) is the event time when present. */
static void
read_seed_time (QdReader *r,
                QdEvent  *event)
{
  qd_reader_time (r, "timestamp", QD_OPTIONAL, &event->ts_event);
  event->ts_init = event->ts_event;
}

static gboolean
decode_connection (QdReader *r,
                   QdEvent  *event)
{
  QdSeedConnectionEvent *c;
  const char *mode;

  qd_event_init (event, QD_EVENT_SEED_CONNECTION);
  c = &event->u.seed_connection;
  qd_reader_bool (r, "connected", QD_REQUIRED, &c->connected);
  qd_reader_string (r, "gateway_type", QD_REQUIRED, &c->gateway_type);
  qd_reader_string (r, "host", QD_REQUIRED, &c->host);
  qd_reader_int (r, "port", QD_REQUIRED, &c->port);
  qd_reader_int (r, "client_id", QD_REQUIRED, &c->client_id);
  qd_reader_string (r, "account_id", QD_OPTIONAL, &c->account_id);
  qd_reader_time (r, "connection_time", QD_OPTIONAL, &c->connection_time);
  qd_reader_time (r, "last_heartbeat", QD_OPTIONAL, &c->last_heartbeat);
  qd_reader_string (r, "error_message", QD_OPTIONAL, &c->error_message);
  mode = qd_reader_peek_string (r, "trading_mode", QD_OPTIONAL);
  if (mode != NULL)
    c->trading_mode = qd_trading_mode_from_string (mode);

  /* Status has no timestamp of its own; the last heartbeat is when it was last true. */
  read_seed_time (r, event);
  if (event->ts_event == 0)
    event->ts_event = event->ts_init = c->last_heartbeat;
  return !qd_reader_failed (r);
}

static gboolean
decode_account (QdReader *r,
                QdEvent  *event)
{
  QdSeedAccountEvent *a;

  qd_event_init (event, QD_EVENT_SEED_ACCOUNT);
  a = &event->u.seed_account;
  qd_reader_string (r, "account_id", QD_REQUIRED, &a->account_id);
  qd_reader_number (r, "net_liquidation", QD_OPTIONAL, &a->net_liquidation);
  qd_reader_number (r, "total_cash_value", QD_OPTIONAL, &a->total_cash_value);
  qd_reader_number (r, "buying_power", QD_OPTIONAL, &a->buying_power);
  qd_reader_number (r, "maintenance_margin", QD_OPTIONAL, &a->maintenance_margin);
  qd_reader_number (r, "initial_margin", QD_OPTIONAL, &a->initial_margin);
  qd_reader_number (r, "excess_liquidity", QD_OPTIONAL, &a->excess_liquidity);
  qd_reader_string (r, "currency", QD_REQUIRED, &a->currency);
  read_seed_time (r, event);
  return !qd_reader_failed (r);
}

static gboolean
decode_position (QdReader *r,
                 QdEvent  *event)
{
  QdSeedPositionEvent *p;

  qd_event_init (event, QD_EVENT_SEED_POSITION);
  p = &event->u.seed_position;
  qd_reader_string (r, "account_id", QD_REQUIRED, &p->account_id);
  qd_reader_id (r, "contract_id", QD_REQUIRED, &p->contract_id);
  qd_reader_string (r, "symbol", QD_REQUIRED, &p->symbol);
  qd_reader_string (r, "instrument_id", QD_OPTIONAL, &p->instrument_id);
  qd_reader_number (r, "position", QD_REQUIRED, &p->position);
  qd_reader_number (r, "avg_cost", QD_OPTIONAL, &p->avg_cost);
  qd_reader_number (r, "market_price", QD_OPTIONAL, &p->market_price);
  qd_reader_number (r, "market_value", QD_OPTIONAL, &p->market_value);
  qd_reader_number (r, "unrealized_pnl", QD_OPTIONAL, &p->unrealized_pnl);
  qd_reader_number (r, "realized_pnl", QD_OPTIONAL, &p->realized_pnl);
  read_seed_time (r, event);
  return !qd_reader_failed (r);
}

static gboolean
decode_order (QdReader *r,
              QdEvent  *event)
{
  QdSeedOrderEvent *o;
  const char *action;

  qd_event_init (event, QD_EVENT_SEED_ORDER);
  o = &event->u.seed_order;
  qd_reader_id (r, "order_id", QD_REQUIRED, &o->order_id);
  qd_reader_int (r, "client_id", QD_REQUIRED, &o->client_id);
  qd_reader_string (r, "account_id", QD_REQUIRED, &o->account_id);
  qd_reader_id (r, "contract_id", QD_REQUIRED, &o->contract_id);
  qd_reader_string (r, "symbol", QD_REQUIRED, &o->symbol);
  action = qd_reader_peek_string (r, "action", QD_REQUIRED);
  if (action != NULL)
    o->action = qd_order_side_from_string (action);
  qd_reader_string (r, "order_type", QD_REQUIRED, &o->order_type);
  qd_reader_number (r, "total_quantity", QD_REQUIRED, &o->total_quantity);
  qd_reader_number (r, "filled_quantity", QD_REQUIRED, &o->filled_quantity);
  qd_reader_number (r, "remaining_quantity", QD_REQUIRED, &o->remaining_quantity);
  qd_reader_number (r, "limit_price", QD_OPTIONAL, &o->limit_price);
  qd_reader_number (r, "stop_price", QD_OPTIONAL, &o->stop_price);
  qd_reader_string (r, "status", QD_REQUIRED, &o->status);
  qd_reader_number (r, "avg_fill_price", QD_OPTIONAL, &o->avg_fill_price);
  qd_reader_number (r, "commission", QD_OPTIONAL, &o->commission);
  read_seed_time (r, event);
  return !qd_reader_failed (r);
}

gboolean
qd_codec_decode_seed (const char  *topic,
                      QdJsonTape  *tape,
                      QdEvent     *event,
                      GError     **error)
{
  g_autofree char *safe_topic = NULL;
  const char *what;
  QdReader r;

  g_assert (g_str_has_prefix (topic, SEED_PREFIX));
  what = topic + strlen (SEED_PREFIX);

  if (strcmp (what, "connection") == 0)
    {
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "IBConnectionStatus", error);
      return decode_connection (&r, event);
    }
  if (strcmp (what, "account") == 0)
    {
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "IBAccountData", error);
      return decode_account (&r, event);
    }
  if (strcmp (what, "position") == 0)
    {
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "IBPosition", error);
      return decode_position (&r, event);
    }
  if (strcmp (what, "order") == 0)
    {
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "IBOrder", error);
      return decode_order (&r, event);
    }

  safe_topic = g_utf8_make_valid (topic, -1);
  g_set_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_UNKNOWN_TYPE,
               "topic \"%s\" is not a seed model we decode", safe_topic);
  return FALSE;
}

/* Our bridge's {"request_id","ok","client_order_id"?,"error"?}. */
gboolean
qd_codec_decode_ack (QdJsonTape  *tape,
                     QdEvent     *event,
                     GError     **error)
{
  QdReader r;
  QdAckEvent *ack;

  qd_event_init (event, QD_EVENT_ACK);
  ack = &event->u.ack;
  qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "ack", error);
  qd_reader_string (&r, "request_id", QD_REQUIRED, &ack->request_id);
  qd_reader_bool (&r, "ok", QD_REQUIRED, &ack->ok);
  qd_reader_string (&r, "client_order_id", QD_OPTIONAL, &ack->client_order_id);
  qd_reader_string (&r, "error", QD_OPTIONAL, &ack->error);
  return !qd_reader_failed (&r);
}

