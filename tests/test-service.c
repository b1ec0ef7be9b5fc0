/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "qd-activity-log.h"
#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-public-json.h"
#include "qd-test-util.h"

#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"
#define HEADER "\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\",\"instrument_id\":\"AAPL.NASDAQ\",\"client_order_id\":\"%s\""
#define ACCOUNT "\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\""

typedef QdTestService Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  qd_test_service_open (f, "TESTER-001");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  qd_test_service_close (f);
}

static void
feed (Fixture    *f,
      const char *topic,
      const char *payload)
{
  qd_test_ingest (f->service, topic, payload);
}

#define feed_printf(f, topic, ...) qd_test_ingest_printf ((f)->service, (topic), __VA_ARGS__)

static void
initialized (Fixture    *f,
             const char *coid,
             const char *qty,
             const char *price,
             const char *req)
{
  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"OrderInitialized\"," HEADER ",\"order_side\":\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":\"%s\","
               "\"time_in_force\":\"DAY\",\"post_only\":false,\"reduce_only\":false,\"quote_quantity\":false,"
               "\"options\":{\"price\":\"%s\",\"display_qty\":null,\"expire_time_ns\":0},\"emulation_trigger\":\"NO_TRIGGER\","
               "\"trigger_instrument_id\":null,\"contingency_type\":\"NO_CONTINGENCY\",\"order_list_id\":null,\"linked_order_ids\":null,"
               "\"parent_order_id\":null,\"exec_algorithm_id\":null,\"exec_algorithm_params\":null,\"exec_spawn_id\":null,"
               "\"tags\":[\"qd:req=%s\"],\"event_id\":\"init-%s\",\"ts_init\":\"1782916212001000000\",\"ts_event\":\"1782916212001000000\","
               "\"reconciliation\":false}", coid, qty, price, req, coid);
}

static void
simple_order_event (Fixture    *f,
                    const char *type,
                    const char *coid,
                    const char *event_id,
                    const char *extra)
{
  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"%s\"," HEADER ",\"venue_order_id\":\"1837462911\"," ACCOUNT "%s,\"event_id\":\"%s\","
               "\"ts_event\":\"1782916213000000000\",\"ts_init\":\"1782916213000000000\",\"reconciliation\":false}",
               type, coid, extra ? extra : "", event_id);
}

static void
filled (Fixture    *f,
        const char *coid,
        const char *trade_id,
        const char *qty,
        const char *px,
        const char *event_id,
        gboolean    twice)
{
  g_autofree char *payload = g_strdup_printf (
    "{\"type\":\"OrderFilled\"," HEADER ",\"venue_order_id\":\"1837462911\"," ACCOUNT ",\"trade_id\":\"%s\","
    "\"position_id\":\"AAPL.NASDAQ-QuarterdeckBridge-001\",\"order_side\":\"BUY\",\"order_type\":\"LIMIT\",\"last_qty\":\"%s\","
    "\"last_px\":\"%s\",\"currency\":\"USD\",\"commission\":\"1.00 USD\",\"liquidity_side\":\"NO_LIQUIDITY_SIDE\","
    "\"event_id\":\"%s\",\"ts_event\":\"1782916241000000000\",\"ts_init\":\"1782916241012345678\",\"info\":null,\"reconciliation\":false}",
    coid, trade_id, qty, px, event_id);

  feed (f, ORDER_TOPIC, payload);
  /* A real node publishes every fill a second time on events.fills.{instrument}. */
  if (twice)
    feed (f, "events.fills.AAPL.NASDAQ", payload);
}

static void
position_event (Fixture    *f,
                const char *type,
                const char *side,
                const char *qty,
                const char *avg,
                const char *realized,
                const char *event_id)
{
  feed_printf (f, "events.position.QuarterdeckBridge-001",
               "{\"type\":\"%s\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\",\"instrument_id\":\"AAPL.NASDAQ\","
               "\"position_id\":\"AAPL.NASDAQ-QuarterdeckBridge-001\"," ACCOUNT ",\"opening_order_id\":\"O-1\",\"entry\":\"BUY\","
               "\"side\":\"%s\",\"signed_qty\":0.0,\"quantity\":\"%s\",\"peak_qty\":\"100\",\"last_qty\":\"100\",\"last_px\":\"187.10\","
               "\"currency\":\"USD\",\"avg_px_open\":%s,\"realized_pnl\":\"%s USD\",\"duration_ns\":0,\"event_id\":\"%s\","
               "\"ts_opened\":\"1782916241000000000\",\"ts_closed\":\"1782916299000000000\",\"ts_event\":\"1782916241000000000\",\"ts_init\":\"1782916241012345678\"}",
               type, side, qty, avg, realized, event_id);
}

static void
account_state (Fixture *f)
{
  feed (f, "events.account.INTERACTIVE_BROKERS-DU1234567",
        "{\"type\":\"AccountState\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"account_type\":\"MARGIN\",\"base_currency\":null,"
        "\"balances\":[{\"type\":\"AccountBalance\",\"total\":\"1012345.67\",\"locked\":\"18345.12\",\"free\":\"994000.55\",\"currency\":\"USD\"}],"
        "\"margins\":[{\"type\":\"MarginBalance\",\"initial\":\"18345.12\",\"maintenance\":\"16677.38\",\"currency\":\"USD\",\"instrument_id\":null}],"
        "\"reported\":true,\"info\":{\"TotalCashValue\":993512.4},\"event_id\":\"4c1f7a0e-6f2b-4b7e-9a55-2b0c1e8d9f31\","
        "\"ts_event\":\"1782916212004518221\",\"ts_init\":\"1782916212004518221\"}");
}

static void
test_limit_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  const char *coid = "O-20260701-143012-001-001-1";
  QdOrder *order;
  QdPosition *position;
  QdAccount *account;

  initialized (f, coid, "100", "187.10", "7f3a");
  order = qd_ib_service_lookup_order (f->service, coid);
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_INITIALIZED);
  g_assert_cmpstr (qd_order_get_request_id (order), ==, "7f3a");
  qd_test_assert_decimal (qd_order_get_limit_price (order), "187.10");
  qd_test_assert_decimal (qd_order_get_remaining_quantity (order), "100");

  simple_order_event (f, "OrderSubmitted", coid, "sub-1", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_SUBMITTED);
  simple_order_event (f, "OrderAccepted", coid, "acc-1", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_ACCEPTED);
  g_assert_cmpstr (qd_order_get_venue_order_id (order), ==, "1837462911");
  g_assert_cmpstr (qd_order_get_ib_status (order), ==, "Submitted");
  g_assert_cmpstr (qd_order_get_account_id (order), ==, "DU1234567");

  filled (f, coid, "0000e0d5.686a3b2c.01.01", "100", "187.10", "fill-1", TRUE);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_FILLED);
  qd_test_assert_decimal (qd_order_get_filled_quantity (order), "100");
  qd_test_assert_decimal (qd_order_get_remaining_quantity (order), "0");
  qd_test_assert_decimal (qd_order_get_avg_fill_price (order), "187.1");
  qd_test_assert_decimal (qd_order_get_commission (order), "1.00");
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->duplicates, ==, 1);

  position_event (f, "PositionOpened", "LONG", "100", "187.1", "-1.00", "pos-1");
  position = qd_ib_service_lookup_position (f->service, "AAPL.NASDAQ-QuarterdeckBridge-001");
  g_assert_nonnull (position);
  qd_test_assert_decimal (qd_position_get_position (position), "100");
  qd_test_assert_decimal (qd_position_get_avg_cost (position), "187.1");
  qd_test_assert_decimal (qd_position_get_realized_pnl (position), "-1.00");
  g_assert_cmpint (qd_position_get_side (position), ==, QD_POSITION_SIDE_LONG);
  /* The seed's account_id is IB's account number, as the account card shows it. */
  g_assert_cmpstr (qd_position_get_account_id (position), ==, "DU1234567");

  account_state (f);
  account_state (f);
  account = qd_ib_service_get_account (f->service);
  g_assert_cmpstr (qd_account_get_account_id (account), ==, "DU1234567");
  g_assert_cmpstr (qd_account_get_currency (account), ==, "USD");
  qd_test_assert_decimal (qd_account_get_net_liquidation (account), "1012345.67");
  qd_test_assert_decimal (qd_account_get_total_cash_value (account), "993512.4");
  qd_test_assert_decimal (qd_account_get_available_funds (account), "994000.55");
  qd_test_assert_decimal (qd_account_get_buying_power (account), "3976002.20");
  qd_test_assert_decimal (qd_account_get_initial_margin (account), "18345.12");
  qd_test_assert_decimal (qd_account_get_maintenance_margin (account), "16677.38");
  qd_test_assert_decimal (qd_account_get_excess_liquidity (account), "995668.29");
  qd_test_assert_decimal (qd_account_get_daily_change (account), "0.00");
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->duplicates, ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (f->service)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_positions (f->service)), ==, 1);
}

static void
test_partial_fills_and_cancel (Fixture       *f,
                               gconstpointer  data)
{
  const char *coid = "O-20260701-143012-001-001-2";
  QdOrder *order;

  initialized (f, coid, "300", "187.20", "r2");
  simple_order_event (f, "OrderAccepted", coid, "acc-2", NULL);
  order = qd_ib_service_lookup_order (f->service, coid);

  filled (f, coid, "T1", "100", "187.10", "f-1", TRUE);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_PARTIALLY_FILLED);
  qd_test_assert_decimal (qd_order_get_remaining_quantity (order), "200");

  filled (f, coid, "T2", "50", "187.20", "f-2", TRUE);
  qd_test_assert_decimal (qd_order_get_filled_quantity (order), "150");
  /* (100 × 187.10 + 50 × 187.20) / 150 = 187.1333…, kept to four digits past the price's. */
  qd_test_assert_decimal (qd_order_get_avg_fill_price (order), "187.133333");
  qd_test_assert_decimal (qd_order_get_commission (order), "2.00");

  /* The same execution under another event id (reconciliation) is not counted twice. */
  filled (f, coid, "T2", "50", "187.20", "f-2-again", FALSE);
  qd_test_assert_decimal (qd_order_get_filled_quantity (order), "150");

  simple_order_event (f, "OrderPendingCancel", coid, "pc-2", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_PENDING_CANCEL);
  simple_order_event (f, "OrderCanceled", coid, "c-2", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_CANCELED);
  g_assert_cmpstr (qd_order_get_ib_status (order), ==, "Cancelled");
  qd_test_assert_decimal (qd_order_get_filled_quantity (order), "150");
  qd_test_assert_decimal (qd_order_get_remaining_quantity (order), "150");
  g_assert_false (qd_order_get_is_working (order));

  /* A late event from another stream never revives a finished order. */
  simple_order_event (f, "OrderAccepted", coid, "acc-2-late", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_CANCELED);

  /* The history keeps every step. */
  g_assert_cmpuint (qd_order_get_history (order)->len, >=, 5);
}

static void
test_modify_and_rejects (Fixture       *f,
                         gconstpointer  data)
{
  const char *coid = "O-20260701-143012-001-001-3";
  QdOrder *order;

  initialized (f, coid, "100", "187.10", "r3");
  simple_order_event (f, "OrderAccepted", coid, "acc-3", NULL);
  order = qd_ib_service_lookup_order (f->service, coid);

  simple_order_event (f, "OrderPendingUpdate", coid, "pu-3", NULL);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_PENDING_UPDATE);
  simple_order_event (f, "OrderUpdated", coid, "up-3",
                      ",\"quantity\":\"80\",\"price\":\"187.15\",\"trigger_price\":null,\"is_quote_quantity\":false");
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_ACCEPTED);
  qd_test_assert_decimal (qd_order_get_limit_price (order), "187.15");
  qd_test_assert_decimal (qd_order_get_total_quantity (order), "80");
  qd_test_assert_decimal (qd_order_get_remaining_quantity (order), "80");

  simple_order_event (f, "OrderPendingCancel", coid, "pc-3", NULL);
  simple_order_event (f, "OrderCancelRejected", coid, "cr-3", ",\"reason\":\"Order already in process of being cancelled\"");
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_ACCEPTED);
  g_assert_cmpstr (qd_order_get_reason (order), ==, "Order already in process of being cancelled");

  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"OrderRejected\"," HEADER "," ACCOUNT ",\"reason\":\"Order rejected - reason:The order size exceeds the limit\","
               "\"event_id\":\"rej-4\",\"ts_event\":\"1782916215020000000\",\"ts_init\":\"1782916215020000000\",\"reconciliation\":false,\"due_post_only\":false}",
               "O-20260701-143012-001-001-4");
  order = qd_ib_service_lookup_order (f->service, "O-20260701-143012-001-001-4");
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_REJECTED);
  g_assert_cmpstr (qd_order_get_ib_status (order), ==, "Inactive");
  g_assert_cmpstr (qd_order_get_reason (order), ==, "Order rejected - reason:The order size exceeds the limit");
}

static void
quote (Fixture    *f,
       const char *bid,
       const char *ask)
{
  feed_printf (f, "data.quotes.NASDAQ.AAPL",
               "{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\",\"bid_price\":\"%s\",\"ask_price\":\"%s\",\"bid_size\":\"300\","
               "\"ask_size\":\"200\",\"ts_event\":\"1782916212000000000\",\"ts_init\":\"1782916212004518221\"}", bid, ask);
}

static void
test_mark_to_market_and_flip (Fixture       *f,
                              gconstpointer  data)
{
  QdPosition *position;
  QdQuote *q;

  position_event (f, "PositionOpened", "LONG", "100", "187.1", "-1.00", "p-open");
  position = qd_ib_service_lookup_position (f->service, "AAPL.NASDAQ-QuarterdeckBridge-001");

  quote (f, "188.00", "188.02");
  q = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");
  g_assert_nonnull (q);
  qd_test_assert_decimal (qd_quote_get_bid (q), "188.00");
  qd_test_assert_decimal (qd_position_get_market_price (position), "188.01");
  qd_test_assert_decimal (qd_position_get_market_value (position), "18801.00");
  qd_test_assert_decimal (qd_position_get_unrealized_pnl (position), "91.00");

  /* A half-cent midpoint keeps its third decimal. */
  quote (f, "188.00", "188.01");
  qd_test_assert_decimal (qd_position_get_market_price (position), "188.005");
  qd_test_assert_decimal (qd_position_get_unrealized_pnl (position), "90.50");

  /* Long -> short: NautilusTrader closes the position, then opens the other side. */
  position_event (f, "PositionClosed", "FLAT", "0", "187.1", "88.00", "p-close");
  qd_test_assert_decimal (qd_position_get_position (position), "0");
  qd_test_assert_decimal (qd_position_get_unrealized_pnl (position), "0");
  qd_test_assert_decimal (qd_position_get_realized_pnl (position), "88.00");
  g_assert_cmpint (qd_position_get_side (position), ==, QD_POSITION_SIDE_FLAT);

  position_event (f, "PositionOpened", "SHORT", "50", "188.0", "-1.00", "p-reopen");
  qd_test_assert_decimal (qd_position_get_position (position), "-50");
  g_assert_cmpint (qd_position_get_side (position), ==, QD_POSITION_SIDE_SHORT);
  /* Short 50 from 188.0, market 188.005: unrealized −0.25. */
  qd_test_assert_decimal (qd_position_get_unrealized_pnl (position), "-0.25");
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_positions (f->service)), ==, 1);
}

/* Everything a session might see, applied twice (a reconnect that replays the history). */
static void
play_session (Fixture *f)
{
  initialized (f, "O-A", "100", "187.10", "ra");
  simple_order_event (f, "OrderAccepted", "O-A", "acc-A", NULL);
  filled (f, "O-A", "TA1", "40", "187.10", "fill-A1", TRUE);
  filled (f, "O-A", "TA2", "60", "187.05", "fill-A2", TRUE);
  position_event (f, "PositionOpened", "LONG", "100", "187.07", "-2.00", "pos-A");
  quote (f, "187.50", "187.52");
  account_state (f);
}

static char *
snapshot (QdIbService *service)
{
  QdOrder *order = qd_ib_service_lookup_order (service, "O-A");
  QdPosition *position = qd_ib_service_lookup_position (service, "AAPL.NASDAQ-QuarterdeckBridge-001");
  char a[QD_DECIMAL_STR_MAX], b[QD_DECIMAL_STR_MAX], c[QD_DECIMAL_STR_MAX], d[QD_DECIMAL_STR_MAX], e[QD_DECIMAL_STR_MAX];

  return g_strdup_printf ("%s filled=%s avg=%s comm=%s pos=%s upnl=%s orders=%u",
                          qd_order_get_ib_status (order),
                          qd_decimal_format (qd_order_get_filled_quantity (order), a),
                          qd_decimal_format (qd_order_get_avg_fill_price (order), b),
                          qd_decimal_format (qd_order_get_commission (order), c),
                          qd_decimal_format (qd_position_get_position (position), d),
                          qd_decimal_format (qd_position_get_unrealized_pnl (position), e),
                          g_list_model_get_n_items (qd_ib_service_get_orders (service)));
}

static void
test_replay_is_idempotent (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;

  play_session (f);
  once = snapshot (f->service);
  play_session (f);
  twice = snapshot (f->service);

  g_assert_cmpstr (once, ==, "Filled filled=100 avg=187.07 comm=2.00 pos=100 upnl=44.00 orders=1");
  g_assert_cmpstr (once, ==, twice);
}

static void
test_bad_entries_lose_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *clean = NULL;
  g_autofree char *dirty = NULL;
  Fixture other;
  static const char * const garbage[] = {
    "{\"type\":\"OrderFilled\",",            /* truncated */
    "\x82\xa4type\xa9QuoteTick",             /* msgpack */
    "not json at all",
    "{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\",\"bid_price\":187.1}", /* wrong type */
    "{\"type\":\"OrderFilled\",\"client_order_id\":\"O-A\"}",                          /* missing fields */
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]",
  };
  guint i;

  play_session (f);
  clean = snapshot (f->service);

  fixture_setup (&other, NULL);
  for (i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;

      play_session (&other);
      g_assert_false (qd_ib_service_ingest (other.service, ORDER_TOPIC, garbage[i], strlen (garbage[i]), &error));
      g_assert_nonnull (error);
    }
  dirty = snapshot (other.service);
  g_assert_cmpstr (clean, ==, dirty);
  g_assert_cmpuint (qd_ib_service_get_stats (other.service)->rejected, ==, G_N_ELEMENTS (garbage));
  fixture_teardown (&other, NULL);
}

static void
test_connection_from_component_and_heartbeat (Fixture       *f,
                                              gconstpointer  data)
{
  QdConnectionStatus *conn = qd_ib_service_get_connection (f->service);

  qd_ib_service_start (f->service);
  g_assert_false (qd_connection_status_get_connected (conn));
  g_assert_cmpint (qd_connection_status_get_bus_state (conn), ==, QD_BUS_STATE_CONNECTED);

  feed (f, "events.system.INTERACTIVE_BROKERS",
        "{\"type\":\"ComponentStateChanged\",\"trader_id\":\"TESTER-001\",\"component_id\":\"INTERACTIVE_BROKERS\","
        "\"component_type\":\"InteractiveBrokersExecutionClient\",\"state\":\"RUNNING\",\"config\":{\"ibg_host\":\"127.0.0.1\","
        "\"ibg_port\":4002,\"ibg_client_id\":1,\"account_id\":\"DU1234567\",\"dockerized_gateway\":{\"username\":\"trader\","
        "\"password\":\"hunter2\"}},\"event_id\":\"f0e1\",\"ts_event\":\"1782916100000000000\",\"ts_init\":\"1782916100000000000\"}");
  g_assert_true (qd_connection_status_get_connected (conn));
  g_assert_cmpstr (qd_connection_status_get_host (conn), ==, "127.0.0.1");
  g_assert_cmpint (qd_connection_status_get_port (conn), ==, 4002);
  g_assert_cmpint (qd_connection_status_get_client_id (conn), ==, 1);
  g_assert_cmpstr (qd_connection_status_get_gateway_type (conn), ==, "IBG");
  g_assert_cmpstr (qd_connection_status_get_account_id (conn), ==, "DU1234567");
  g_assert_cmpint (qd_connection_status_get_trading_mode (conn), ==, QD_TRADING_MODE_PAPER);
  g_assert_cmpint (qd_connection_status_get_connection_time (conn), ==, G_GINT64_CONSTANT (1782916100000000000));

  feed (f, "health:heartbeat", "2026-07-01T14:30:12.123456789+00:00");
  g_assert_cmpint (qd_connection_status_get_last_heartbeat (conn), ==, G_GINT64_CONSTANT (1782916212123456789));
  g_assert_false (qd_connection_status_get_stale (conn));

  feed (f, "events.system.INTERACTIVE_BROKERS",
        "{\"type\":\"ComponentStateChanged\",\"trader_id\":\"TESTER-001\",\"component_id\":\"INTERACTIVE_BROKERS\","
        "\"component_type\":\"InteractiveBrokersExecutionClient\",\"state\":\"FAULTED\",\"config\":{},"
        "\"event_id\":\"f0e2\",\"ts_event\":\"1782916200000000000\",\"ts_init\":\"1782916200000000000\"}");
  g_assert_false (qd_connection_status_get_connected (conn));
  g_assert_cmpstr (qd_connection_status_get_node_state (conn), ==, "FAULTED");
}

static void
test_commands_published (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *request_id = NULL;
  g_autofree char *ack = NULL;
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_STOP_LIMIT,
    .quantity = { 100, 0 },
    .limit_price = { 19000, 2 },
    .stop_price = { 18950, 2 },
    .time_in_force = QD_TIME_IN_FORCE_GTC,
  };
  const char *payload;
  JsonObject *object;
  QdRequestState state;
  GList *members, *l;

  request_id = qd_ib_service_place_order (f->service, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request_id);

  sent = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), "quarterdeck:commands:TESTER-001");
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (sent, 0), "quarterdeck.commands\n"));
  payload = strchr (g_ptr_array_index (sent, 0), '\n') + 1;
  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "cmd"), ==, "submit");
  g_assert_cmpstr (json_object_get_string_member (object, "request_id"), ==, request_id);
  g_assert_cmpstr (json_object_get_string_member (object, "order_type"), ==, "STOP_LIMIT");
  g_assert_cmpstr (json_object_get_string_member (object, "quantity"), ==, "100");
  g_assert_cmpstr (json_object_get_string_member (object, "price"), ==, "190.00");
  g_assert_cmpstr (json_object_get_string_member (object, "trigger_price"), ==, "189.50");
  g_assert_cmpstr (json_object_get_string_member (object, "time_in_force"), ==, "GTC");

  /* No key the node's deserializer would take for a timestamp or a Nautilus type. */
  members = json_object_get_members (object);
  for (l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_assert_cmpstr (key, !=, "type");
      g_assert_false (g_str_has_prefix (key, "ts_"));
      g_assert_null (strstr ("expire_time_ns", key));
    }
  g_list_free (members);

  g_assert_true (qd_ib_service_get_request (f->service, request_id, &state, NULL, NULL));
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_PENDING);

  ack = g_strdup_printf ("{\"request_id\":\"%s\",\"ok\":true,\"client_order_id\":\"O-9\"}", request_id);
  feed (f, "quarterdeck.acks", ack);
  g_assert_true (qd_ib_service_get_request (f->service, request_id, &state, NULL, NULL));
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_ACKED);
}

static void
test_invalid_commands_send_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) sent = NULL;
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_LIMIT,
    .quantity = { 0, 0 },
    .limit_price = { 18710, 2 },
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  GError *error = NULL;
  char *id;

  id = qd_ib_service_place_order (f->service, &request, &error);
  g_assert_null (id);
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID);
  g_clear_error (&error);

  request.quantity = qd_decimal_from_int (100);
  request.limit_price = QD_DECIMAL_NONE;
  g_assert_null (qd_ib_service_place_order (f->service, &request, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (qd_ib_service_cancel_order (f->service, "O-nope", &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_UNKNOWN_ORDER);
  g_clear_error (&error);

  play_session (f);
  g_assert_null (qd_ib_service_modify_order (f->service, "O-A", QD_DECIMAL_NONE, qd_decimal_from_int (180),
                                             QD_DECIMAL_NONE, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_NOT_MODIFIABLE);
  g_clear_error (&error);

  sent = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), "quarterdeck:commands:TESTER-001");
  g_assert_cmpuint (sent->len, ==, 0);
}

static void
test_unanswered_command_becomes_unknown (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  QdRequestState state;

  qd_ib_service_set_command_timeout (f->service, 1);
  qd_ib_service_start (f->service);
  request_id = qd_ib_service_refresh_account (f->service, &error);
  g_assert_no_error (error);

  qd_test_spin (2300);
  g_assert_true (qd_ib_service_get_request (f->service, request_id, &state, NULL, NULL));
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_UNKNOWN);

  /* Never resent. */
  sent = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), "quarterdeck:commands:TESTER-001");
  g_assert_cmpuint (sent->len, ==, 1);
}

/* ---- against the paper venue on the embedded bus ------------------------------------ */

static void
settle (QdPaperVenue *venue,
        guint         rounds)
{
  guint i;

  for (i = 0; i < rounds; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      qd_paper_venue_step (venue, 10 * G_GINT64_CONSTANT (1000000));
    }
  while (g_main_context_iteration (NULL, FALSE));
}

static void
test_against_paper_venue (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (f->bus, "TESTER-001", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *market_id = NULL;
  g_autofree char *limit_id = NULL;
  g_autofree char *cancel_id = NULL;
  const char *coid = NULL;
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = { 100, 0 },
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  QdRequestState state;
  QdOrder *order;
  QdPosition *position;

  qd_paper_venue_set_manual_clock (venue, G_GINT64_CONSTANT (1782916200000000000));
  qd_paper_venue_start (venue);
  qd_ib_service_start (f->service);
  qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "187.20", "187.22", "500", "500");
  settle (venue, 3);

  g_assert_true (qd_connection_status_get_connected (qd_ib_service_get_connection (f->service)));
  g_assert_cmpint (qd_connection_status_get_trading_mode (qd_ib_service_get_connection (f->service)), ==, QD_TRADING_MODE_PAPER);

  market_id = qd_ib_service_place_order (f->service, &request, &error);
  g_assert_no_error (error);
  settle (venue, 3);

  g_assert_true (qd_ib_service_get_request (f->service, market_id, &state, &coid, NULL));
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_ACKED);
  order = qd_ib_service_lookup_order (f->service, coid);
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_FILLED);
  qd_test_assert_decimal (qd_order_get_avg_fill_price (order), "187.22");
  position = qd_ib_service_lookup_position (f->service, "AAPL.NASDAQ-QuarterdeckBridge-001");
  g_assert_nonnull (position);
  qd_test_assert_decimal (qd_position_get_position (position), "100");
  g_assert_false (qd_decimal_is_none (qd_account_get_net_liquidation (qd_ib_service_get_account (f->service))));

  /* A limit below the market rests, then is cancelled. */
  request.order_type = QD_ORDER_TYPE_LIMIT;
  request.limit_price = (QdDecimal) { 18500, 2 };
  request.time_in_force = QD_TIME_IN_FORCE_GTC;
  limit_id = qd_ib_service_place_order (f->service, &request, &error);
  g_assert_no_error (error);
  settle (venue, 3);
  g_assert_true (qd_ib_service_get_request (f->service, limit_id, &state, &coid, NULL));
  order = qd_ib_service_lookup_order (f->service, coid);
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_ACCEPTED);

  cancel_id = qd_ib_service_cancel_order (f->service, coid, &error);
  g_assert_no_error (error);
  settle (venue, 3);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_CANCELED);

  qd_paper_venue_stop (venue);
}

static gint64
iso_to_us (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* Every member of `expected` is in `actual` with the same JSON type and value (numbers by
 * value, timestamps as instants), and `actual` has nothing else. */
static void
assert_same_model (const char *expected_json,
                   const char *actual_json)
{
  g_autoptr(JsonParser) pe = json_parser_new ();
  g_autoptr(JsonParser) pa = json_parser_new ();
  JsonObject *e, *a;
  GList *members, *l;

  g_assert_true (json_parser_load_from_data (pe, expected_json, -1, NULL));
  g_assert_true (json_parser_load_from_data (pa, actual_json, -1, NULL));
  e = json_node_get_object (json_parser_get_root (pe));
  a = json_node_get_object (json_parser_get_root (pa));

  members = json_object_get_members (e);
  for (l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *en = json_object_get_member (e, key);
      JsonNode *an = json_object_get_member (a, key);

      if (an == NULL)
        g_error ("%s: member %s missing from %s", expected_json, key, actual_json);
      /* JSON has one number type: 18723 and 18723.0 are the same value. */
      if (json_node_get_value_type (en) == G_TYPE_INT64 || json_node_get_value_type (en) == G_TYPE_DOUBLE)
        {
          g_assert_true (json_node_get_value_type (an) == G_TYPE_INT64 ||
                         json_node_get_value_type (an) == G_TYPE_DOUBLE);
          g_assert_cmpfloat (json_node_get_double (en), ==, json_node_get_double (an));
          continue;
        }
      g_assert_cmpint (json_node_get_value_type (en), ==, json_node_get_value_type (an));
      if (json_node_get_value_type (en) == G_TYPE_STRING)
        {
          if (g_str_equal (key, "timestamp") || g_str_has_suffix (key, "_time") || g_str_equal (key, "last_heartbeat"))
            g_assert_cmpint (iso_to_us (json_node_get_string (en)) / 1000, ==, iso_to_us (json_node_get_string (an)) / 1000);
          else
            g_assert_cmpstr (json_node_get_string (en), ==, json_node_get_string (an));
        }
      else if (json_node_get_value_type (en) == G_TYPE_BOOLEAN)
        g_assert_cmpint (json_node_get_boolean (en), ==, json_node_get_boolean (an));
    }
  g_assert_cmpuint (g_list_length (members), ==, json_object_get_size (a));
  g_list_free (members);
}

static void
test_seed_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  static const char connection_json[] =
    "{\"connected\":true,\"gateway_type\":\"IBG\",\"host\":\"127.0.0.1\",\"port\":4002,\"client_id\":1,"
    "\"account_id\":\"DU1234567\",\"connection_time\":\"2026-07-01T13:30:00.000Z\","
    "\"last_heartbeat\":\"2026-07-01T14:30:12.123Z\",\"error_message\":\"Market data farm connection is OK:usfarm\"}";
  static const char account_json[] =
    "{\"account_id\":\"DU1234567\",\"net_liquidation\":1012345.67,\"total_cash_value\":993512.4,\"buying_power\":3976002.2,"
    "\"maintenance_margin\":16677.38,\"initial_margin\":18345.12,\"excess_liquidity\":995668.29,\"currency\":\"USD\","
    "\"timestamp\":\"2026-07-01T14:30:12.004Z\"}";
  static const char position_json[] =
    "{\"account_id\":\"DU1234567\",\"contract_id\":\"265598\",\"symbol\":\"AAPL\",\"position\":100,\"avg_cost\":187.1,"
    "\"market_price\":187.23,\"market_value\":18723.0,\"unrealized_pnl\":13.0,\"realized_pnl\":-1.0,"
    "\"timestamp\":\"2026-07-01T14:30:12.000Z\"}";
  static const char order_json[] =
    "{\"order_id\":\"1837462911\",\"client_id\":1,\"account_id\":\"DU1234567\",\"contract_id\":\"265598\",\"symbol\":\"AAPL\","
    "\"action\":\"BUY\",\"order_type\":\"LMT\",\"total_quantity\":100,\"filled_quantity\":40,\"remaining_quantity\":60,"
    "\"limit_price\":187.1,\"status\":\"Submitted\",\"avg_fill_price\":187.08,\"commission\":0.4,"
    "\"timestamp\":\"2026-07-01T14:30:41.000Z\"}";
  g_autofree char *connection = NULL;
  g_autofree char *account = NULL;
  g_autofree char *position = NULL;
  g_autofree char *order = NULL;

  feed (f, "adapter.interactive_brokers.connection", connection_json);
  feed (f, "adapter.interactive_brokers.account", account_json);
  feed (f, "adapter.interactive_brokers.position", position_json);
  feed (f, "adapter.interactive_brokers.order", order_json);

  /* What the bridge says in the seed's models comes out of our API as the same models. */
  connection = qd_connection_status_to_json (qd_ib_service_get_connection (f->service));
  account = qd_account_to_json (qd_ib_service_get_account (f->service));
  position = qd_position_to_json (qd_ib_service_lookup_position (f->service, "265598"));
  order = qd_order_to_json (qd_ib_service_lookup_order (f->service, "1837462911"));

  assert_same_model (account_json, account);
  assert_same_model (position_json, position);
  assert_same_model (order_json, order);
  /* connected also needs a bus and a fresh heartbeat; the rest must match. */
  g_assert_true (strstr (connection, "\"gateway_type\":\"IBG\"") != NULL);
  g_assert_true (strstr (connection, "\"error_message\":\"Market data farm connection is OK:usfarm\"") != NULL);
  g_assert_true (strstr (connection, "\"port\":4002") != NULL);
  g_assert_true (strstr (connection, "\"account_id\":\"DU1234567\"") != NULL);
  g_assert_true (strstr (account, "\"net_liquidation\":1012345.67") != NULL);
  g_assert_true (strstr (order, "\"limit_price\":187.1") != NULL);
}

/* The bridge's IB portfolio replaces the rows from the node's per-strategy positions, and
 * its InstrumentId marks the row to live quotes. */
static void
test_seed_portfolio_replaces_node_positions (Fixture       *f,
                                             gconstpointer  data)
{
  static const char position_json[] =
    "{\"account_id\":\"DU1234567\",\"contract_id\":\"265598\",\"symbol\":\"AAPL\","
    "\"instrument_id\":\"AAPL.NASDAQ\",\"position\":100,\"avg_cost\":187.1,"
    "\"market_price\":187.23,\"market_value\":18723.0,\"unrealized_pnl\":13.0,\"realized_pnl\":0,"
    "\"timestamp\":\"2026-07-01T14:30:12.000Z\"}";
  GListModel *positions = qd_ib_service_get_positions (f->service);
  QdPosition *position;

  position_event (f, "PositionOpened", "LONG", "100", "187.1", "-1.00", "p-open");
  g_assert_cmpuint (g_list_model_get_n_items (positions), ==, 1);

  feed (f, "adapter.interactive_brokers.position", position_json);
  g_assert_cmpuint (g_list_model_get_n_items (positions), ==, 1);
  g_assert_null (qd_ib_service_lookup_position (f->service, "AAPL.NASDAQ-QuarterdeckBridge-001"));
  position = qd_ib_service_lookup_position (f->service, "265598");
  g_assert_nonnull (position);
  g_assert_cmpstr (qd_position_get_instrument_id (position), ==, "AAPL.NASDAQ");
  g_assert_cmpstr (qd_position_get_symbol (position), ==, "AAPL");

  quote (f, "188.00", "188.02");
  qd_test_assert_decimal (qd_position_get_market_price (position), "188.01");
  qd_test_assert_decimal (qd_position_get_unrealized_pnl (position), "91.00");

  /* Later node position events no longer add a second row for the same holding. */
  position_event (f, "PositionChanged", "LONG", "150", "187.2", "-1.50", "p-change");
  g_assert_cmpuint (g_list_model_get_n_items (positions), ==, 1);
  qd_test_assert_decimal (qd_position_get_position (position), "100");
}

typedef struct
{
  GPtrArray *mirror;   /* what a GtkListView would hold, kept by items-changed alone */
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *m)
{
  guint i;

  g_ptr_array_remove_range (m->mirror, position, removed);
  for (i = 0; i < added; i++)
    g_ptr_array_insert (m->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
test_activity_log_wraps (void)
{
  g_autoptr(QdActivityLog) log = qd_activity_log_new (NULL, 3);
  Mirror m = { g_ptr_array_new_with_free_func (g_object_unref) };
  guint i;

  g_signal_connect (log, "items-changed", G_CALLBACK (mirror_changed_cb), &m);
  for (i = 1; i <= 7; i++)
    {
      g_autofree char *message = g_strdup_printf ("event %u", i);
      guint n;

      qd_activity_log_add (log, QD_ACTIVITY_ORDER, message);
      n = g_list_model_get_n_items (G_LIST_MODEL (log));
      g_assert_cmpuint (n, ==, MIN (i, 3));
      g_assert_cmpuint (m.mirror->len, ==, n);

      /* Newest first, and a model kept only from items-changed agrees item for item. */
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(QdActivityEntry) entry = g_list_model_get_item (G_LIST_MODEL (log), k);
          g_autofree char *expected = g_strdup_printf ("event %u", i - k);

          g_assert_cmpstr (qd_activity_entry_get_message (entry), ==, expected);
          g_assert_true (g_ptr_array_index (m.mirror, k) == (gpointer) entry);
        }
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (log), 3));
  g_ptr_array_unref (m.mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/service/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("limit-lifecycle", test_limit_lifecycle);
  ADD ("partial-fills-and-cancel", test_partial_fills_and_cancel);
  ADD ("modify-and-rejects", test_modify_and_rejects);
  ADD ("mark-to-market-and-flip", test_mark_to_market_and_flip);
  ADD ("replay-is-idempotent", test_replay_is_idempotent);
  ADD ("bad-entries-lose-nothing", test_bad_entries_lose_nothing);
  ADD ("connection", test_connection_from_component_and_heartbeat);
  ADD ("commands-published", test_commands_published);
  ADD ("invalid-commands-send-nothing", test_invalid_commands_send_nothing);
  ADD ("unanswered-command-becomes-unknown", test_unanswered_command_becomes_unknown);
  ADD ("against-paper-venue", test_against_paper_venue);
  ADD ("seed-round-trip", test_seed_round_trip);
  ADD ("seed-portfolio-replaces-node-positions", test_seed_portfolio_replaces_node_positions);
#undef ADD
  g_test_add_func ("/service/activity-log-wraps", test_activity_log_wraps);

  return g_test_run ();
}
