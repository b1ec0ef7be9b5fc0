/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <string.h>

#include "qd-codec.h"
#include "qd-fast-scan.h"
#include "qd-test-util.h"

/*
 * Every payload of spec/nautilus-bus.md §4 (tests/fixtures/native, copied verbatim) and
 * the seed's models (tests/fixtures/seed) decode to exactly the values they carry.
 */

#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"
#define POSITION_TOPIC "events.position.QuarterdeckBridge-001"
#define ACCOUNT_TOPIC "events.account.INTERACTIVE_BROKERS-DU1234567"

#define assert_decimal qd_test_assert_decimal

#define assert_none(value) g_assert_true (qd_decimal_is_none (value))

#define assert_money(money, amount_text, ccy)                           \
  G_STMT_START {                                                        \
    assert_decimal ((money).amount, (amount_text));                     \
    g_assert_cmpstr ((money).currency, ==, (ccy));                      \
  } G_STMT_END

static char *
load_fixture (const char *name,
              gsize      *len)
{
  return qd_test_load_fixture (len, name, NULL);
}

static void
decode_text (QdCodec    *codec,
             const char *topic,
             const char *payload,
             QdEvent    *event)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = qd_codec_decode (codec, topic, payload, strlen (payload), event, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (event->kind, !=, QD_EVENT_NONE);
  g_assert_cmpstr (event->topic, ==, topic);
}

static void
decode_fixture (QdCodec    *codec,
                const char *topic,
                const char *name,
                QdEvent    *event)
{
  gsize len;
  g_autofree char *payload = load_fixture (name, &len);

  decode_text (codec, topic, payload, event);
}

static void
assert_decode_fails (QdCodec      *codec,
                     const char   *topic,
                     const char   *payload,
                     QdCodecError  code,
                     const char   *in_message)
{
  g_autoptr(GError) error = NULL;
  QdEvent event;

  g_assert_false (qd_codec_decode (codec, topic, payload, strlen (payload), &event, &error));
  g_assert_error (error, QD_CODEC_ERROR, (int) code);
  g_assert_cmpint (event.kind, ==, QD_EVENT_NONE);
  g_assert_null (event.topic);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("\"%s\" not in error \"%s\"", in_message, error->message);
}

/* ---- account and orders ----------------------------------------------------------------- */

static void
check_account_state (const QdEvent *e)
{
  const QdAccountStateEvent *a = &e->u.account;
  const QdEventBalance *b;
  const QdEventMargin *m;

  g_assert_cmpint (e->kind, ==, QD_EVENT_ACCOUNT_STATE);
  g_assert_cmpstr (e->event_id, ==, "4c1f7a0e-6f2b-4b7e-9a55-2b0c1e8d9f31");
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782916212004518221));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782916212004518221));
  g_assert_cmpstr (a->account_id, ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpstr (a->account_type, ==, "MARGIN");
  g_assert_null (a->base_currency);
  g_assert_true (a->reported);
  assert_decimal (a->total_cash_value, "993512.4");

  g_assert_cmpuint (a->balances->len, ==, 1);
  b = &g_array_index (a->balances, QdEventBalance, 0);
  assert_decimal (b->total, "1012345.67");
  assert_decimal (b->locked, "18345.12");
  assert_decimal (b->free, "994000.55");
  g_assert_cmpstr (b->currency, ==, "USD");

  g_assert_cmpuint (a->margins->len, ==, 1);
  m = &g_array_index (a->margins, QdEventMargin, 0);
  assert_decimal (m->initial, "18345.12");
  assert_decimal (m->maintenance, "16677.38");
  g_assert_cmpstr (m->currency, ==, "USD");
  g_assert_null (m->instrument_id);
}

static void
test_account_state (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, ACCOUNT_TOPIC, "native/AccountState.json", &e);
  check_account_state (&e);
  qd_event_clear (&e);

  decode_fixture (codec, ACCOUNT_TOPIC, "iso/AccountState.json", &e);
  check_account_state (&e);
  qd_event_clear (&e);
}

static void
assert_order_header (const QdEvent *e,
                     QdOrderEventKind kind,
                     const char     *client_order_id)
{
  g_assert_cmpint (e->kind, ==, QD_EVENT_ORDER);
  g_assert_cmpint (e->u.order.kind, ==, kind);
  g_assert_cmpstr (e->u.order.trader_id, ==, "TESTER-001");
  g_assert_cmpstr (e->u.order.strategy_id, ==, "QuarterdeckBridge-001");
  g_assert_cmpstr (e->u.order.instrument_id, ==, "AAPL.NASDAQ");
  g_assert_cmpstr (e->u.order.client_order_id, ==, client_order_id);
}

static void
test_order_initialized (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdOrderEvent *o = NULL;
  QdEvent e;

  decode_fixture (codec, ORDER_TOPIC, "native/OrderInitialized.json", &e);
  o = &e.u.order;
  assert_order_header (&e, QD_ORDER_EVENT_INITIALIZED, "O-20260701-143012-001-001-1");
  g_assert_cmpstr (e.event_id, ==, "0b0f5a8e-3a0d-4b7a-8d7e-5b1f8f0c2a11");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212001000000));
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916212001000000));
  g_assert_cmpint (o->side, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpint (o->order_type, ==, QD_ORDER_TYPE_LIMIT);
  g_assert_cmpint (o->time_in_force, ==, QD_TIME_IN_FORCE_DAY);
  assert_decimal (o->quantity, "100");
  assert_decimal (o->price, "187.10");
  assert_none (o->trigger_price);
  g_assert_cmpint (o->expire_time_ns, ==, 0);
  g_assert_false (o->post_only);
  g_assert_false (o->reduce_only);
  g_assert_false (o->reconciliation);
  g_assert_cmpstr (o->request_id, ==, "7f3a");
  g_assert_cmpuint (g_strv_length (o->tags), ==, 1);
  g_assert_cmpstr (o->tags[0], ==, "qd:req=7f3a");
  g_assert_null (o->venue_order_id);
  g_assert_null (o->account_id);
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderInitialized-stop-limit.json", &e);
  o = &e.u.order;
  g_assert_cmpint (o->side, ==, QD_ORDER_SIDE_SELL);
  g_assert_cmpint (o->order_type, ==, QD_ORDER_TYPE_STOP_LIMIT);
  g_assert_cmpint (o->time_in_force, ==, QD_TIME_IN_FORCE_GTD);
  assert_decimal (o->quantity, "25");
  assert_decimal (o->price, "185.00");
  assert_decimal (o->trigger_price, "185.50");
  g_assert_cmpint (o->expire_time_ns, ==, G_GINT64_CONSTANT (1782950400000000000));
  g_assert_true (o->post_only);
  g_assert_true (o->reduce_only);
  g_assert_cmpstr (o->request_id, ==, "b51c-99");
  g_assert_cmpuint (g_strv_length (o->tags), ==, 2);
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderInitialized-market.json", &e);
  o = &e.u.order;
  g_assert_cmpint (o->order_type, ==, QD_ORDER_TYPE_MARKET);
  g_assert_cmpint (o->time_in_force, ==, QD_TIME_IN_FORCE_IOC);
  assert_none (o->price);
  assert_none (o->trigger_price);
  g_assert_null (o->tags);
  g_assert_null (o->request_id);
  qd_event_clear (&e);
}

static void
test_order_lifecycle (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  const char *coid = "O-20260701-143012-001-001-1";
  QdEvent e;

  decode_fixture (codec, ORDER_TOPIC, "native/OrderSubmitted.json", &e);
  assert_order_header (&e, QD_ORDER_EVENT_SUBMITTED, coid);
  g_assert_cmpstr (e.event_id, ==, "2d3f…");
  g_assert_cmpstr (e.u.order.account_id, ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212003100000));
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderAccepted.json", &e);
  assert_order_header (&e, QD_ORDER_EVENT_ACCEPTED, coid);
  g_assert_cmpstr (e.u.order.venue_order_id, ==, "1837462911");
  g_assert_cmpstr (e.u.order.account_id, ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212154000000));
  g_assert_false (e.u.order.reconciliation);
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderRejected.json", &e);
  assert_order_header (&e, QD_ORDER_EVENT_REJECTED, "O-20260701-143012-001-001-2");
  g_assert_cmpstr (e.u.order.reason, ==,
                   "Order rejected - reason:The order size exceeds the limit");
  g_assert_false (e.u.order.due_post_only);
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916215020000000));
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderUpdated.json", &e);
  assert_order_header (&e, QD_ORDER_EVENT_UPDATED, coid);
  assert_decimal (e.u.order.quantity, "100");
  assert_decimal (e.u.order.price, "187.15");
  assert_none (e.u.order.trigger_price);
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916230500000000));
  qd_event_clear (&e);

  decode_fixture (codec, "events.cancels.AAPL.NASDAQ", "native/OrderCanceled.json", &e);
  assert_order_header (&e, QD_ORDER_EVENT_CANCELED, coid);
  g_assert_cmpstr (e.event_id, ==, "e4aa…");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916260000000000));
  qd_event_clear (&e);
}

static void
check_order_filled (const QdEvent *e)
{
  const QdOrderEvent *o = &e->u.order;

  assert_order_header (e, QD_ORDER_EVENT_FILLED, "O-20260701-143012-001-001-1");
  g_assert_cmpstr (e->event_id, ==, "77c2…");
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782916241000000000));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782916241012345678));
  g_assert_cmpstr (o->venue_order_id, ==, "1837462911");
  g_assert_cmpstr (o->account_id, ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpstr (o->trade_id, ==, "0000e0d5.686a3b2c.01.01");
  g_assert_cmpstr (o->position_id, ==, "AAPL.NASDAQ-QuarterdeckBridge-001");
  g_assert_cmpint (o->side, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpint (o->order_type, ==, QD_ORDER_TYPE_LIMIT);
  assert_decimal (o->last_qty, "100");
  assert_decimal (o->last_px, "187.10");
  g_assert_cmpstr (o->currency, ==, "USD");
  assert_money (o->commission, "1.00", "USD");
  g_assert_cmpstr (o->liquidity_side, ==, "NO_LIQUIDITY_SIDE");
}

static void
test_order_filled (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, ORDER_TOPIC, "native/OrderFilled.json", &e);
  check_order_filled (&e);
  qd_event_clear (&e);

  /* The duplicate on events.fills.* decodes the same, topic aside. */
  decode_fixture (codec, "events.fills.AAPL.NASDAQ", "native/OrderFilled.json", &e);
  check_order_filled (&e);
  qd_event_clear (&e);

  decode_fixture (codec, ORDER_TOPIC, "iso/OrderFilled.json", &e);
  check_order_filled (&e);
  qd_event_clear (&e);
}

static void
test_order_other_events (void)
{
  static const struct
  {
    const char      *file;
    QdOrderEventKind kind;
    const char      *reason;
    gint64           ts_event;
  } cases[] = {
    { "native/OrderDenied.json", QD_ORDER_EVENT_DENIED, "Exceeds MAX_NOTIONAL_PER_ORDER",
      G_GINT64_CONSTANT (1782916300000000000) },
    { "native/OrderEmulated.json", QD_ORDER_EVENT_EMULATED, NULL,
      G_GINT64_CONSTANT (1782916300100000000) },
    { "native/OrderReleased.json", QD_ORDER_EVENT_RELEASED, NULL,
      G_GINT64_CONSTANT (1782916300200000000) },
    { "native/OrderExpired.json", QD_ORDER_EVENT_EXPIRED, NULL,
      G_GINT64_CONSTANT (1782916300305000000) },
    { "native/OrderTriggered.json", QD_ORDER_EVENT_TRIGGERED, NULL,
      G_GINT64_CONSTANT (1782916300306000000) },
    { "native/OrderPendingUpdate.json", QD_ORDER_EVENT_PENDING_UPDATE, NULL,
      G_GINT64_CONSTANT (1782916300307000000) },
    { "native/OrderPendingCancel.json", QD_ORDER_EVENT_PENDING_CANCEL, NULL,
      G_GINT64_CONSTANT (1782916300308000000) },
    { "native/OrderModifyRejected.json", QD_ORDER_EVENT_MODIFY_REJECTED,
      "Order modify rejected - price out of range", G_GINT64_CONSTANT (1782916300900000000) },
    { "native/OrderCancelRejected.json", QD_ORDER_EVENT_CANCEL_REJECTED, "ORDER_NOT_FOUND",
      G_GINT64_CONSTANT (1782916301000000000) },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QdEvent e;

      decode_fixture (codec, ORDER_TOPIC, cases[i].file, &e);
      assert_order_header (&e, cases[i].kind, "O-20260701-143012-001-001-4");
      g_assert_cmpstr (e.u.order.reason, ==, cases[i].reason);
      g_assert_cmpint (e.ts_event, ==, cases[i].ts_event);
      g_assert_nonnull (e.event_id);
      qd_event_clear (&e);
    }

  {
    QdEvent e;

    decode_fixture (codec, ORDER_TOPIC, "native/OrderExpired.json", &e);
    g_assert_cmpstr (e.u.order.venue_order_id, ==, "1837462914");
    g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916300305000100));
    qd_event_clear (&e);

    decode_fixture (codec, ORDER_TOPIC, "native/OrderCancelRejected.json", &e);
    g_assert_null (e.u.order.venue_order_id);
    g_assert_null (e.u.order.account_id);
    g_assert_true (e.u.order.reconciliation);
    qd_event_clear (&e);
  }
}

/* ---- positions -------------------------------------------------------------------------- */

static void
assert_position_ids (const QdPositionEvent *p)
{
  g_assert_cmpstr (p->trader_id, ==, "TESTER-001");
  g_assert_cmpstr (p->strategy_id, ==, "QuarterdeckBridge-001");
  g_assert_cmpstr (p->instrument_id, ==, "AAPL.NASDAQ");
  g_assert_cmpstr (p->position_id, ==, "AAPL.NASDAQ-QuarterdeckBridge-001");
  g_assert_cmpstr (p->account_id, ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpstr (p->opening_order_id, ==, "O-20260701-143012-001-001-1");
}

static void
test_position_opened_changed (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdPositionEvent *p;
  QdEvent e;

  decode_fixture (codec, POSITION_TOPIC, "native/PositionOpened.json", &e);
  p = &e.u.position;
  g_assert_cmpint (e.kind, ==, QD_EVENT_POSITION);
  g_assert_cmpint (p->kind, ==, QD_POSITION_EVENT_OPENED);
  assert_position_ids (p);
  g_assert_null (p->closing_order_id);
  g_assert_cmpint (p->entry, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpint (p->side, ==, QD_POSITION_SIDE_LONG);
  assert_decimal (p->signed_qty, "100");
  assert_decimal (p->quantity, "100");
  assert_decimal (p->peak_qty, "100");
  assert_decimal (p->last_qty, "100");
  assert_decimal (p->last_px, "187.10");
  g_assert_cmpstr (p->currency, ==, "USD");
  assert_decimal (p->avg_px_open, "187.1");
  assert_none (p->avg_px_close);
  assert_money (p->realized_pnl, "-1.00", "USD");
  assert_none (p->unrealized_pnl.amount);
  g_assert_cmpstr (e.event_id, ==, "a0d4…");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916241000000000));
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916241012345678));
  g_assert_cmpint (p->ts_opened, ==, 0);
  qd_event_clear (&e);

  decode_fixture (codec, POSITION_TOPIC, "native/PositionChanged.json", &e);
  p = &e.u.position;
  g_assert_cmpint (p->kind, ==, QD_POSITION_EVENT_CHANGED);
  assert_position_ids (p);
  assert_decimal (p->signed_qty, "50");
  assert_decimal (p->quantity, "50");
  assert_decimal (p->peak_qty, "100");
  assert_decimal (p->last_qty, "50");
  assert_decimal (p->last_px, "188.00");
  assert_decimal (p->avg_px_open, "187.1");
  assert_decimal (p->avg_px_close, "188");
  assert_money (p->realized_pnl, "42.00", "USD");
  assert_money (p->unrealized_pnl, "45.00", "USD");
  g_assert_cmpint (p->ts_opened, ==, G_GINT64_CONSTANT (1782916241000000000));
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782919800000000000));
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782919800010000000));
  qd_event_clear (&e);
}

static void
check_position_closed (const QdEvent *e)
{
  const QdPositionEvent *p = &e->u.position;

  g_assert_cmpint (p->kind, ==, QD_POSITION_EVENT_CLOSED);
  assert_position_ids (p);
  g_assert_cmpstr (p->closing_order_id, ==, "O-20260701-160501-001-001-3");
  g_assert_cmpint (p->side, ==, QD_POSITION_SIDE_FLAT);
  assert_decimal (p->signed_qty, "0");
  assert_decimal (p->quantity, "0");
  assert_decimal (p->last_px, "188.20");
  assert_decimal (p->avg_px_open, "187.1");
  assert_decimal (p->avg_px_close, "188.1");
  assert_money (p->realized_pnl, "97.00", "USD");
  g_assert_cmpint (p->ts_opened, ==, G_GINT64_CONSTANT (1782916241000000000));
  g_assert_cmpint (p->ts_closed, ==, G_GINT64_CONSTANT (1782921901000000000));
  /* No ts_event on PositionClosed: the close time stands in for it. */
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782921901000000000));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782921901010000000));
}

static void
test_position_closed (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, POSITION_TOPIC, "native/PositionClosed.json", &e);
  check_position_closed (&e);
  g_assert_cmpstr (e.event_id, ==, "c3e0…");
  qd_event_clear (&e);

  decode_fixture (codec, POSITION_TOPIC, "iso/PositionClosed.json", &e);
  check_position_closed (&e);
  qd_event_clear (&e);
}

/* ---- snapshots -------------------------------------------------------------------------- */

static void
test_snapshots (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdOrderEvent *o;
  QdPositionEvent *p;
  QdEvent e;

  decode_fixture (codec, "snapshots:orders:O-20260701-143012-001-001-1",
                  "native/snapshot-order.json", &e);
  o = &e.u.order;
  g_assert_cmpint (e.kind, ==, QD_EVENT_ORDER);
  g_assert_cmpint (o->kind, ==, QD_ORDER_EVENT_SNAPSHOT);
  g_assert_null (e.event_id);
  g_assert_cmpstr (o->client_order_id, ==, "O-20260701-143012-001-001-1");
  g_assert_cmpstr (o->venue_order_id, ==, "1837462911");
  g_assert_cmpstr (o->position_id, ==, "AAPL.NASDAQ-QuarterdeckBridge-001");
  /* Order.to_dict's "type" is the order type, not an event type. */
  g_assert_cmpint (o->order_type, ==, QD_ORDER_TYPE_LIMIT);
  g_assert_cmpint (o->side, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpint (o->time_in_force, ==, QD_TIME_IN_FORCE_DAY);
  g_assert_cmpint (o->status, ==, QD_ORDER_STATUS_PARTIALLY_FILLED);
  assert_decimal (o->quantity, "100");
  assert_decimal (o->price, "187.10");
  assert_decimal (o->filled_qty, "40");
  assert_decimal (o->avg_px, "187.08");
  g_assert_cmpstr (o->request_id, ==, "7f3a");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916241000000000));
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916212001000000));
  qd_event_clear (&e);

  decode_fixture (codec, "snapshots:positions:AAPL.NASDAQ-QuarterdeckBridge-001",
                  "native/snapshot-position.json", &e);
  p = &e.u.position;
  g_assert_cmpint (e.kind, ==, QD_EVENT_POSITION);
  g_assert_cmpint (p->kind, ==, QD_POSITION_EVENT_SNAPSHOT);
  assert_position_ids (p);
  g_assert_cmpint (p->entry, ==, QD_ORDER_SIDE_SELL);
  g_assert_cmpint (p->side, ==, QD_POSITION_SIDE_SHORT);
  assert_decimal (p->signed_qty, "-30");
  assert_decimal (p->quantity, "30");
  assert_decimal (p->avg_px_open, "187.1");
  assert_none (p->avg_px_close);
  g_assert_cmpstr (p->currency, ==, "USD");
  assert_money (p->realized_pnl, "-1.00", "USD");
  assert_money (p->unrealized_pnl, "-12.30", "USD");
  g_assert_cmpint (p->ts_closed, ==, 0);
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916250000000000));
  qd_event_clear (&e);
}

/* ---- market data ------------------------------------------------------------------------ */

static void
check_quote (const QdEvent *e)
{
  g_assert_cmpint (e->kind, ==, QD_EVENT_QUOTE);
  g_assert_null (e->event_id);
  g_assert_cmpstr (e->u.quote.instrument_id, ==, "AAPL.NASDAQ");
  assert_decimal (e->u.quote.bid_price, "187.22");
  assert_decimal (e->u.quote.ask_price, "187.24");
  assert_decimal (e->u.quote.bid_size, "300");
  assert_decimal (e->u.quote.ask_size, "200");
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782916212000000000));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782916212004518221));
}

static void
check_trade (const QdEvent *e)
{
  g_assert_cmpint (e->kind, ==, QD_EVENT_TRADE);
  g_assert_cmpstr (e->u.trade.instrument_id, ==, "AAPL.NASDAQ");
  assert_decimal (e->u.trade.price, "187.23");
  assert_decimal (e->u.trade.size, "100");
  g_assert_cmpstr (e->u.trade.aggressor_side, ==, "NO_AGGRESSOR");
  g_assert_cmpstr (e->u.trade.trade_id, ==, "1782916212-187.23-100");
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782916212000000000));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782916212005112000));
}

static void
check_bar (const QdEvent *e)
{
  g_assert_cmpint (e->kind, ==, QD_EVENT_BAR);
  g_assert_cmpstr (e->u.bar.bar_type, ==, "AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL");
  g_assert_cmpstr (e->u.bar.instrument_id, ==, "AAPL.NASDAQ");
  assert_decimal (e->u.bar.open, "187.20");
  assert_decimal (e->u.bar.high, "187.25");
  assert_decimal (e->u.bar.low, "187.19");
  assert_decimal (e->u.bar.close, "187.23");
  assert_decimal (e->u.bar.volume, "1200");
  g_assert_cmpint (e->ts_event, ==, G_GINT64_CONSTANT (1782916210000000000));
  g_assert_cmpint (e->ts_init, ==, G_GINT64_CONSTANT (1782916215003000000));
}

static void
test_market_data (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, "data.quotes.NASDAQ.AAPL", "native/QuoteTick.json", &e);
  check_quote (&e);
  qd_event_clear (&e);
  decode_fixture (codec, "data.trades.NASDAQ.AAPL", "native/TradeTick.json", &e);
  check_trade (&e);
  qd_event_clear (&e);
  decode_fixture (codec, "data.bars.AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL", "native/Bar.json", &e);
  check_bar (&e);
  qd_event_clear (&e);

  /* Historical topics do not say what they carry; the leading "type" does. */
  decode_fixture (codec, "historical.data.quotes.NASDAQ.AAPL", "native/QuoteTick.json", &e);
  check_quote (&e);
  qd_event_clear (&e);

  g_assert_cmpuint (qd_codec_get_stats (codec)->decoded, ==, 4);
  g_assert_cmpuint (qd_codec_get_stats (codec)->fast_path, ==, 4);
}

static void
test_seed_market_data (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, "data.quotes.IB", "seed/quote.json", &e);
  check_quote (&e);
  qd_event_clear (&e);
  decode_fixture (codec, "data.trades.IB", "seed/trade.json", &e);
  check_trade (&e);
  qd_event_clear (&e);
  decode_fixture (codec, "data.bars.IB", "seed/bar.json", &e);
  check_bar (&e);
  qd_event_clear (&e);
  g_assert_cmpuint (qd_codec_get_stats (codec)->fast_path, ==, 3);
}

/* ---- instruments and system events ------------------------------------------------------ */

static void
test_instruments (void)
{
  static const struct
  {
    const char *file;
    const char *id, *klass, *raw_symbol, *currency;
    gint price_precision, size_precision;
    const char *price_increment, *size_increment, *lot_size, *multiplier;
  } cases[] = {
    { "native/Equity.json", "AAPL.NASDAQ", "Equity", "AAPL", "USD", 2, 0, "0.01", "1", "100",
      "1" },
    { "native/Equity-hyphen.json", "BF-B.NYSE", "Equity", "BF B", "USD", 2, 0, "0.01", "1",
      "100", "1" },
    { "native/CurrencyPair.json", "EUR/USD.IDEALPRO", "CurrencyPair", "EUR.USD", "USD", 5, 0,
      "0.00005", "1", "", "" },
    { "native/FuturesContract.json", "ESU6.CME", "FuturesContract", "ESU6", "USD", 2, 0,
      "0.25", "1", "1", "50" },
    { "native/OptionContract.json", "AAPL260717C00190000.SMART", "OptionContract",
      "AAPL  260717C00190000", "USD", 2, 0, "0.01", "1", "1", "100" },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      QdInstrumentEvent *in;
      QdEvent e;

      decode_fixture (codec, "data.instrument.X.Y", cases[i].file, &e);
      in = &e.u.instrument;
      g_assert_cmpint (e.kind, ==, QD_EVENT_INSTRUMENT);
      g_assert_cmpstr (in->instrument_id, ==, cases[i].id);
      g_assert_cmpstr (in->instrument_class, ==, cases[i].klass);
      g_assert_cmpstr (in->raw_symbol, ==, cases[i].raw_symbol);
      g_assert_cmpstr (in->currency, ==, cases[i].currency);
      g_assert_cmpint (in->price_precision, ==, cases[i].price_precision);
      g_assert_cmpint (in->size_precision, ==, cases[i].size_precision);
      assert_decimal (in->price_increment, cases[i].price_increment);
      assert_decimal (in->size_increment, cases[i].size_increment);
      assert_decimal (in->lot_size, cases[i].lot_size);
      assert_decimal (in->multiplier, cases[i].multiplier);
      g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916000000000000));
      qd_event_clear (&e);
    }
}

static void
test_component_state (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdComponentStateEvent *c;
  QdEvent e;

  decode_fixture (codec, "events.system.INTERACTIVE_BROKERS",
                  "native/ComponentStateChanged.json", &e);
  c = &e.u.component;
  g_assert_cmpint (e.kind, ==, QD_EVENT_COMPONENT_STATE);
  g_assert_cmpstr (c->component_id, ==, "INTERACTIVE_BROKERS");
  g_assert_cmpstr (c->component_type, ==, "InteractiveBrokersExecutionClient");
  g_assert_cmpstr (c->state, ==, "RUNNING");
  g_assert_cmpstr (c->ibg_host, ==, "127.0.0.1");
  g_assert_cmpint (c->ibg_port, ==, 4002);
  g_assert_cmpint (c->ibg_client_id, ==, 1);
  g_assert_cmpstr (c->account_id, ==, "DU1234567");
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_UNKNOWN);
  g_assert_cmpstr (e.event_id, ==, "f0e1…");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916100000000000));
  qd_event_clear (&e);
}

/* Every string the event owns, for the "credentials never stored" check. */
static GPtrArray *
component_strings (const QdEvent *e)
{
  GPtrArray *strings = g_ptr_array_new ();

  g_ptr_array_add (strings, e->topic);
  g_ptr_array_add (strings, e->event_id);
  g_ptr_array_add (strings, e->u.component.component_id);
  g_ptr_array_add (strings, e->u.component.component_type);
  g_ptr_array_add (strings, e->u.component.state);
  g_ptr_array_add (strings, e->u.component.ibg_host);
  g_ptr_array_add (strings, e->u.component.account_id);
  return strings;
}

static void
test_component_credentials (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GPtrArray) strings = NULL;
  QdComponentStateEvent *c;
  QdEvent e;
  guint i;

  decode_fixture (codec, "events.system.INTERACTIVE_BROKERS",
                  "native/ComponentStateChanged-credentials.json", &e);
  c = &e.u.component;
  g_assert_cmpstr (c->ibg_host, ==, "ib-gateway");
  g_assert_cmpint (c->ibg_port, ==, 4002);
  g_assert_cmpint (c->ibg_client_id, ==, 7);
  g_assert_cmpstr (c->account_id, ==, "DU7654321");
  /* From dockerized_gateway.trading_mode, the one key taken from that object. */
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_PAPER);

  strings = component_strings (&e);
  for (i = 0; i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      if (s == NULL)
        continue;
      g_assert_null (strstr (s, "alice_trader"));
      g_assert_null (strstr (s, "Hunter2"));
      g_assert_null (strstr (s, "password"));
    }
  qd_event_clear (&e);
}

static void
test_trading_state (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  gsize len;
  g_autofree char *spec = load_fixture ("native/TradingStateChanged.json", &len);
  QdEvent e;

  /* The spec's example has "…" placeholders for its timestamps: not a time. */
  g_assert_nonnull (strstr (spec, "\"ts_event\":\"…\""));
  assert_decode_fails (codec, "events.risk", spec, QD_CODEC_ERROR_MALFORMED, "ts_event");

  decode_fixture (codec, "events.risk", "native/TradingStateChanged-halted.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_TRADING_STATE);
  g_assert_cmpstr (e.u.trading.state, ==, "HALTED");
  g_assert_cmpstr (e.event_id, ==, "5a5b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916400000000000));
  g_assert_cmpint (e.ts_init, ==, G_GINT64_CONSTANT (1782916400000000001));
  qd_event_clear (&e);
}

/* ---- seed dialect ----------------------------------------------------------------------- */

static void
test_seed_connection (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdSeedConnectionEvent *c;
  QdEvent e;

  decode_fixture (codec, "adapter.interactive_brokers.connection", "seed/connection.json", &e);
  c = &e.u.seed_connection;
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_CONNECTION);
  g_assert_true (c->connected);
  g_assert_cmpstr (c->gateway_type, ==, "IBG");
  g_assert_cmpstr (c->host, ==, "127.0.0.1");
  g_assert_cmpint (c->port, ==, 4002);
  g_assert_cmpint (c->client_id, ==, 1);
  g_assert_cmpstr (c->account_id, ==, "DU1234567");
  g_assert_cmpint (c->connection_time, ==, G_GINT64_CONSTANT (1782912600000000000));
  g_assert_cmpint (c->last_heartbeat, ==, G_GINT64_CONSTANT (1782916212123456789));
  g_assert_null (c->error_message);
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_PAPER);
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212123456789));
  g_assert_null (e.event_id);
  qd_event_clear (&e);

  decode_fixture (codec, "adapter.interactive_brokers.connection", "seed/connection-down.json",
                  &e);
  c = &e.u.seed_connection;
  g_assert_false (c->connected);
  g_assert_cmpstr (c->gateway_type, ==, "TWS");
  g_assert_cmpint (c->port, ==, 7496);
  g_assert_cmpint (c->client_id, ==, 12);
  g_assert_null (c->account_id);
  g_assert_cmpint (c->connection_time, ==, 0);
  g_assert_cmpstr (c->error_message, ==,
                   "Connectivity between IB and Trader Workstation has been lost (1100)");
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_UNKNOWN);
  qd_event_clear (&e);
}

static void
test_seed_account (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdSeedAccountEvent *a;
  QdEvent e;

  decode_fixture (codec, "adapter.interactive_brokers.account", "seed/account.json", &e);
  a = &e.u.seed_account;
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_ACCOUNT);
  g_assert_cmpstr (a->account_id, ==, "DU1234567");
  assert_decimal (a->net_liquidation, "1012345.67");
  assert_decimal (a->total_cash_value, "993512.4");
  assert_decimal (a->buying_power, "3976002.2");
  assert_decimal (a->maintenance_margin, "16677.38");
  assert_decimal (a->initial_margin, "18345.12");
  assert_decimal (a->excess_liquidity, "995668.29");
  g_assert_cmpstr (a->currency, ==, "USD");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212004518221));
  qd_event_clear (&e);
}

static void
test_seed_position (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdSeedPositionEvent *p;
  QdEvent e;

  decode_fixture (codec, "adapter.interactive_brokers.position", "seed/position.json", &e);
  p = &e.u.seed_position;
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_POSITION);
  g_assert_cmpstr (p->account_id, ==, "DU1234567");
  g_assert_cmpstr (p->contract_id, ==, "265598");
  g_assert_cmpstr (p->symbol, ==, "AAPL");
  assert_decimal (p->position, "100");
  assert_decimal (p->avg_cost, "187.1");
  assert_decimal (p->market_price, "187.23");
  assert_decimal (p->market_value, "18723");
  assert_decimal (p->unrealized_pnl, "13");
  assert_decimal (p->realized_pnl, "-1");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212000000000));
  qd_event_clear (&e);

  decode_fixture (codec, "adapter.interactive_brokers.position", "seed/position-short.json",
                  &e);
  p = &e.u.seed_position;
  g_assert_cmpstr (p->contract_id, ==, "756733");
  assert_decimal (p->position, "-25");
  assert_decimal (p->avg_cost, "545.125");
  assert_none (p->market_price);
  assert_none (p->realized_pnl);
  g_assert_cmpint (e.ts_event, ==, 0);
  qd_event_clear (&e);
}

static void
test_seed_order (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdSeedOrderEvent *o;
  QdEvent e;

  decode_fixture (codec, "adapter.interactive_brokers.order", "seed/order.json", &e);
  o = &e.u.seed_order;
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_ORDER);
  g_assert_cmpstr (o->order_id, ==, "1837462911");
  g_assert_cmpint (o->client_id, ==, 1);
  g_assert_cmpstr (o->account_id, ==, "DU1234567");
  g_assert_cmpstr (o->contract_id, ==, "265598");
  g_assert_cmpstr (o->symbol, ==, "AAPL");
  g_assert_cmpint (o->action, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpstr (o->order_type, ==, "LMT");
  assert_decimal (o->total_quantity, "100");
  assert_decimal (o->filled_quantity, "40");
  assert_decimal (o->remaining_quantity, "60");
  assert_decimal (o->limit_price, "187.1");
  assert_none (o->stop_price);
  g_assert_cmpstr (o->status, ==, "Submitted");
  assert_decimal (o->avg_fill_price, "187.08");
  assert_decimal (o->commission, "0.4");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916241000000000));
  qd_event_clear (&e);

  decode_fixture (codec, "adapter.interactive_brokers.order", "seed/order-stop-limit.json", &e);
  o = &e.u.seed_order;
  g_assert_cmpstr (o->order_id, ==, "42");
  g_assert_cmpint (o->action, ==, QD_ORDER_SIDE_SELL);
  g_assert_cmpstr (o->order_type, ==, "STP LMT");
  assert_decimal (o->limit_price, "185");
  assert_decimal (o->stop_price, "185.5");
  assert_none (o->avg_fill_price);
  assert_none (o->commission);
  g_assert_cmpstr (o->status, ==, "PreSubmitted");
  qd_event_clear (&e);
}

static void
test_acks (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_fixture (codec, "quarterdeck.acks", "seed/ack-ok.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_ACK);
  g_assert_cmpstr (e.u.ack.request_id, ==, "7f3a");
  g_assert_true (e.u.ack.ok);
  g_assert_cmpstr (e.u.ack.client_order_id, ==, "O-20260701-143012-001-001-1");
  g_assert_null (e.u.ack.error);
  qd_event_clear (&e);

  decode_fixture (codec, "quarterdeck.acks", "seed/ack-error.json", &e);
  g_assert_cmpstr (e.u.ack.request_id, ==, "9c2e");
  g_assert_false (e.u.ack.ok);
  g_assert_null (e.u.ack.client_order_id);
  g_assert_cmpstr (e.u.ack.error, ==, "unknown instrument AAPL.XNAS");
  qd_event_clear (&e);
}

/* ---- heartbeat and timestamps ----------------------------------------------------------- */

static void
test_heartbeat (void)
{
  static const char *const texts[] = {
    "2026-07-01T14:30:12.123456789+00:00",
    "2026-07-01T14:30:12.123456789Z",
    "2026-07-01T16:30:12.123456789+02:00",
    "2026-07-01T14:30:12.123456789+00:00\n",
    "\"2026-07-01T14:30:12.123456789+00:00\"",
    "1782916212123456789",
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      QdEvent e;

      decode_text (codec, "health:heartbeat", texts[i], &e);
      g_assert_cmpint (e.kind, ==, QD_EVENT_HEARTBEAT);
      g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212123456789));
      g_assert_cmpint (e.ts_init, ==, e.ts_event);
      g_assert_null (e.event_id);
      qd_event_clear (&e);
    }

  assert_decode_fails (codec, "health:heartbeat", "2026-07-01T14:30:12", QD_CODEC_ERROR_MALFORMED,
                       "RFC 3339");
  assert_decode_fails (codec, "health:heartbeat", "", QD_CODEC_ERROR_MALFORMED, NULL);
  assert_decode_fails (codec, "health:heartbeat", "{\"ts\":1}", QD_CODEC_ERROR_MALFORMED, NULL);
}

static void
test_time_text (void)
{
  static const struct
  {
    const char *text;
    gint64      ns;
  } good[] = {
    { "1782916212004518221", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01T14:30:12.004518221Z", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01T14:30:12.004518221+00:00", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01T16:30:12.004518221+02:00", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01T10:30:12.004518221-0400", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01t14:30:12.004518221z", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01 14:30:12.004518221Z", G_GINT64_CONSTANT (1782916212004518221) },
    { "2026-07-01T14:30:12.004518Z", G_GINT64_CONSTANT (1782916212004518000) },
    { "2026-07-01T14:30:12.1Z", G_GINT64_CONSTANT (1782916212100000000) },
    { "2026-07-01T14:30:12Z", G_GINT64_CONSTANT (1782916212000000000) },
    { "2024-02-29T00:00:00Z", G_GINT64_CONSTANT (1709164800000000000) },
    { "1970-01-01T00:00:00Z", 0 },
    { "0", 0 },
    { "2262-04-11T23:47:16.854775807Z", G_MAXINT64 },
    { "9223372036854775807", G_MAXINT64 },
  };
  static const char *const bad[] = {
    "", "-1", "12a", "9223372036854775808", "17829162120045182210",
    "2262-04-11T23:47:16.854775808Z", "1969-12-31T23:59:59Z", "1969-12-31T23:00:00-02:00x",
    "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-07-01T24:00:00Z",
    "2026-07-01T14:30:12", "2026-07-01T14:30:12.0123456789Z", "2026-07-01T14:30:12.Z",
    "2026-07-01T14:30:12+25:00", "2026-7-01T14:30:12Z", "2026-07-01T14:30:12 Z",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 ns = -1;

      if (!qd_fast_scan_parse_time (good[i].text, strlen (good[i].text), &ns, NULL))
        g_error ("\"%s\" did not parse", good[i].text);
      g_assert_cmpint (ns, ==, good[i].ns);
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ns = -1;

      if (qd_fast_scan_parse_time (bad[i], strlen (bad[i]), &ns, &error))
        g_error ("\"%s\" parsed as %" G_GINT64_FORMAT, bad[i], ns);
      g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);
    }
}

/* ---- fast path against the tape decoder ------------------------------------------------ */

static void
assert_same_decimal (QdDecimal a,
                     QdDecimal b)
{
  g_assert_cmpint (a.raw, ==, b.raw);
  g_assert_cmpint (a.scale, ==, b.scale);
}

static void
assert_same_event (const QdEvent *a,
                   const QdEvent *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->topic, ==, b->topic);
  g_assert_cmpstr (a->event_id, ==, b->event_id);
  g_assert_cmpint (a->ts_event, ==, b->ts_event);
  g_assert_cmpint (a->ts_init, ==, b->ts_init);

  if (a->kind == QD_EVENT_QUOTE)
    {
      g_assert_cmpstr (a->u.quote.instrument_id, ==, b->u.quote.instrument_id);
      assert_same_decimal (a->u.quote.bid_price, b->u.quote.bid_price);
      assert_same_decimal (a->u.quote.ask_price, b->u.quote.ask_price);
      assert_same_decimal (a->u.quote.bid_size, b->u.quote.bid_size);
      assert_same_decimal (a->u.quote.ask_size, b->u.quote.ask_size);
    }
  else if (a->kind == QD_EVENT_TRADE)
    {
      g_assert_cmpstr (a->u.trade.instrument_id, ==, b->u.trade.instrument_id);
      assert_same_decimal (a->u.trade.price, b->u.trade.price);
      assert_same_decimal (a->u.trade.size, b->u.trade.size);
      g_assert_cmpstr (a->u.trade.aggressor_side, ==, b->u.trade.aggressor_side);
      g_assert_cmpstr (a->u.trade.trade_id, ==, b->u.trade.trade_id);
    }
  else
    {
      g_assert_cmpint (a->kind, ==, QD_EVENT_BAR);
      g_assert_cmpstr (a->u.bar.bar_type, ==, b->u.bar.bar_type);
      g_assert_cmpstr (a->u.bar.instrument_id, ==, b->u.bar.instrument_id);
      assert_same_decimal (a->u.bar.open, b->u.bar.open);
      assert_same_decimal (a->u.bar.high, b->u.bar.high);
      assert_same_decimal (a->u.bar.low, b->u.bar.low);
      assert_same_decimal (a->u.bar.close, b->u.bar.close);
      assert_same_decimal (a->u.bar.volume, b->u.bar.volume);
    }
}

static char *
insert_after_brace (const char *payload,
                    const char *members)
{
  return g_strdup_printf ("{%s,%s", members, payload + 1);
}

static char *
replace_first (const char *payload,
               const char *from,
               const char *to)
{
  const char *at = strstr (payload, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - payload), payload, to, at + strlen (from));
}

/* JSON-only whitespace around every separator (no ':' or ',' inside these values). */
static char *
spread_out (const char *payload)
{
  g_autoptr(GString) s = g_string_new ("\r\n\t ");
  const char *p;

  for (p = payload; *p != '\0'; p++)
    {
      if (*p == ',' || *p == ':' || *p == '{' || *p == '}')
        g_string_append_printf (s, " %c\n\t", *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append (s, " \n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_variant (const char    *topic,
                const char    *variant,
                gboolean       fast,
                const QdEvent *reference)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  QdEvent e;

  decode_text (codec, topic, variant, &e);
  if (qd_codec_get_stats (codec)->fast_path != (fast ? 1 : 0))
    g_error ("expected the %s path for %s", fast ? "fast" : "tape", variant);
  assert_same_event (&e, reference);
  qd_event_clear (&e);
}

static void
check_paths_agree (const char *topic,
                   const char *fixture,
                   const char *id_text,
                   const char *id_escaped)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  gsize len;
  g_autofree char *base = load_fixture (fixture, &len);
  g_autofree char *v1 = insert_after_brace (base, "\"info\":{\"a\":[1,2]}");
  g_autofree char *v2 = replace_first (base, id_text, id_escaped);
  g_autofree char *v3 = insert_after_brace (base, "\"seq\":7");
  g_autofree char *v4 = insert_after_brace (base, "\"note\":\"caf\xc3\xa9\"");
  g_autofree char *v5 = insert_after_brace (base, "\"x\":null,\"y\":true,\"z\":\"plain\"");
  g_autofree char *v6 = spread_out (base);
  g_autofree char *v7 = insert_after_brace (base, "\"ts_init\":\"1\"");
  QdEvent reference;

  decode_text (codec, topic, base, &reference);
  g_assert_cmpuint (qd_codec_get_stats (codec)->fast_path, ==, 1);

  assert_variant (topic, v1, FALSE, &reference);   /* a nested value */
  assert_variant (topic, v2, FALSE, &reference);   /* an escape in a field we keep */
  assert_variant (topic, v3, FALSE, &reference);   /* a number in a key we ignore */
  assert_variant (topic, v4, FALSE, &reference);   /* non-ASCII text */
  assert_variant (topic, v5, TRUE, &reference);    /* plain keys we ignore */
  assert_variant (topic, v6, TRUE, &reference);    /* whitespace */
  qd_event_clear (&reference);

  /* A duplicate key: the last one wins (as in json-glib), so ts_init stays as in the base. */
  decode_text (codec, topic, base, &reference);
  assert_variant (topic, v7, FALSE, &reference);
  qd_event_clear (&reference);
}

static void
test_fast_path_agrees (void)
{
  check_paths_agree ("data.quotes.NASDAQ.AAPL", "native/QuoteTick.json", "AAPL.NASDAQ",
                     "AAPL\\u002eNASDAQ");
  check_paths_agree ("data.trades.NASDAQ.AAPL", "native/TradeTick.json", "NO_AGGRESSOR",
                     "NO_\\u0041GGRESSOR");
  check_paths_agree ("data.bars.AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL", "native/Bar.json",
                     "AAPL.NASDAQ-5", "AAPL.NASDAQ\\u002d5");
}

/* ISO text, digit strings and JSON integers are the same nanoseconds, on both paths. */
static void
test_timestamp_forms_agree (void)
{
  static const char *const files[] = {
    "native/QuoteTick.json", "iso/QuoteTick.json", "iso/QuoteTick-int.json",
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      gsize len;
      g_autofree char *base = load_fixture (files[i], &len);
      g_autofree char *slow = insert_after_brace (base, "\"info\":{}");
      QdEvent e;

      decode_text (codec, "data.quotes.NASDAQ.AAPL", base, &e);
      check_quote (&e);
      qd_event_clear (&e);
      decode_text (codec, "data.quotes.NASDAQ.AAPL", slow, &e);
      check_quote (&e);
      qd_event_clear (&e);
    }
  g_assert_cmpuint (qd_codec_get_stats (codec)->fast_path, ==, G_N_ELEMENTS (files));
}

static void
test_bar_instrument_id (void)
{
  static const struct
  {
    const char *bar_type;
    const char *instrument_id;
  } cases[] = {
    { "AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL", "AAPL.NASDAQ" },
    { "BF-B.NYSE-1-MINUTE-LAST-EXTERNAL", "BF-B.NYSE" },
    { "EUR/USD.IDEALPRO-1-MINUTE-MID-EXTERNAL", "EUR/USD.IDEALPRO" },
    { "ESM4 C4200.CME-1-HOUR-LAST-INTERNAL", "ESM4 C4200.CME" },
    { "AAPL.NASDAQ-5-MINUTE-LAST-INTERNAL@1-MINUTE-EXTERNAL", "AAPL.NASDAQ" },
    { "AAPL.NASDAQ-5-SECOND-LAST", NULL },
    { "-5-SECOND-LAST-EXTERNAL", NULL },
    { "AAPL.NASDAQ--SECOND-LAST-EXTERNAL", NULL },
    { "AAPL.NASDAQ-5-SECOND-LAST-", NULL },
    { "", NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = qd_fast_scan_bar_instrument_id (cases[i].bar_type,
                                                            strlen (cases[i].bar_type));

      g_assert_cmpstr (id, ==, cases[i].instrument_id);
    }
}

static void
test_stats_and_limits (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  const QdCodecStats *stats = qd_codec_get_stats (codec);
  guint64 max_payload = 0;
  guint max_depth = 0;
  QdEvent e;

  g_object_get (codec, "max-payload", &max_payload, "max-depth", &max_depth, NULL);
  g_assert_cmpuint (max_payload, ==, 1024 * 1024);
  g_assert_cmpuint (max_depth, ==, 32);

  decode_fixture (codec, ORDER_TOPIC, "native/OrderFilled.json", &e);
  qd_event_clear (&e);
  decode_fixture (codec, "data.quotes.NASDAQ.AAPL", "native/QuoteTick.json", &e);
  qd_event_clear (&e);
  assert_decode_fails (codec, "x", "[]", QD_CODEC_ERROR_NOT_JSON, NULL);
  g_assert_cmpuint (stats->decoded, ==, 2);
  g_assert_cmpuint (stats->fast_path, ==, 1);
  g_assert_cmpuint (stats->failed[QD_CODEC_ERROR_NOT_JSON], ==, 1);

  /* A small cap applies to every payload, heartbeats and ticks included. */
  qd_codec_set_max_payload (codec, 16);
  g_assert_cmpuint (qd_codec_get_max_payload (codec), ==, 16);
  assert_decode_fails (codec, "health:heartbeat", "2026-07-01T14:30:12.123456789+00:00",
                       QD_CODEC_ERROR_TOO_LARGE, "16");
  g_assert_cmpuint (stats->failed[QD_CODEC_ERROR_TOO_LARGE], ==, 1);

  qd_codec_reset_stats (codec);
  g_assert_cmpuint (stats->decoded, ==, 0);
  g_assert_cmpuint (stats->fast_path, ==, 0);
  g_assert_cmpuint (stats->failed[QD_CODEC_ERROR_NOT_JSON], ==, 0);
}

static void
add_equivalence_tests (void)
{
  g_test_add_func ("/codec/heartbeat", test_heartbeat);
  g_test_add_func ("/codec/time-text", test_time_text);
  g_test_add_func ("/codec/fast-path-agrees", test_fast_path_agrees);
  g_test_add_func ("/codec/timestamp-forms-agree", test_timestamp_forms_agree);
  g_test_add_func ("/codec/bar-instrument-id", test_bar_instrument_id);
  g_test_add_func ("/codec/stats-and-limits", test_stats_and_limits);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/native/account-state", test_account_state);
  g_test_add_func ("/codec/native/order-initialized", test_order_initialized);
  g_test_add_func ("/codec/native/order-lifecycle", test_order_lifecycle);
  g_test_add_func ("/codec/native/order-filled", test_order_filled);
  g_test_add_func ("/codec/native/order-other-events", test_order_other_events);
  g_test_add_func ("/codec/native/position-opened-changed", test_position_opened_changed);
  g_test_add_func ("/codec/native/position-closed", test_position_closed);
  g_test_add_func ("/codec/native/snapshots", test_snapshots);
  g_test_add_func ("/codec/native/market-data", test_market_data);
  g_test_add_func ("/codec/native/instruments", test_instruments);
  g_test_add_func ("/codec/native/component-state", test_component_state);
  g_test_add_func ("/codec/native/component-credentials", test_component_credentials);
  g_test_add_func ("/codec/native/trading-state", test_trading_state);
  g_test_add_func ("/codec/seed/connection", test_seed_connection);
  g_test_add_func ("/codec/seed/account", test_seed_account);
  g_test_add_func ("/codec/seed/position", test_seed_position);
  g_test_add_func ("/codec/seed/order", test_seed_order);
  g_test_add_func ("/codec/seed/market-data", test_seed_market_data);
  g_test_add_func ("/codec/seed/acks", test_acks);
  add_equivalence_tests ();

  return g_test_run ();
}
