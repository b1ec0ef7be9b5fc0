/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "qd-codec.h"
#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-test-util.h"

/*
 * The contract between Quarterdeck and the bridge strategy in the node (src/bridge), both
 * ways, on committed fixtures under tests/fixtures/bridge:
 *
 * - commands/: the payloads QdIbService writes, byte for byte (the request_id aside, which
 *   is random). The bridge's Python tests parse these same files. Run with
 *   QD_BRIDGE_WRITE_COMMANDS=<dir> to write them afresh after a deliberate change.
 * - validation.json: commands and the answer each must get; the paper venue answers them
 *   here, the bridge's translate() in the Python tests, so both give the same texts.
 * - published/: what the bridge's Python publisher writes (its tests keep these files
 *   equal to its output); they decode here field by field and apply to the service.
 */

#define TRADER "TESTER-001"
#define COMMAND_KEY "quarterdeck:commands:" TRADER
#define NODE_KEY "trader-" TRADER ":stream"
#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"
#define ORDER_ID "O-20260701-143012-001-001-1"

#define assert_decimal qd_test_assert_decimal

static char *
load (const char *dir,
      const char *name)
{
  return qd_test_load_fixture (NULL, "bridge", dir, name, NULL);
}

/* ---- commands: what QdIbService sends ---------------------------------------------------- */

typedef QdTestService Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  qd_test_service_open (f, TRADER);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  qd_test_service_close (f);
}

static void
ingest (Fixture    *f,
        const char *topic,
        const char *payload)
{
  qd_test_ingest (f->service, topic, payload);
}

/* The order the modify and cancel fixtures refer to, working at the venue. */
static void
working_order (Fixture *f)
{
  g_autofree char *initialized = NULL;
  g_autofree char *accepted = NULL;

  initialized = load ("../native", "OrderInitialized.json");
  accepted = load ("../native", "OrderAccepted.json");
  ingest (f, ORDER_TOPIC, initialized);
  ingest (f, ORDER_TOPIC, accepted);
}

/* The last command on the bus, with its request_id replaced by `placeholder`. */
static char *
last_command (Fixture    *f,
              const char *request_id,
              const char *placeholder)
{
  g_autoptr(GPtrArray) dump = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), COMMAND_KEY);
  g_autofree char *needle = g_strdup_printf ("\"request_id\":\"%s\"", request_id);
  g_autofree char *replacement = g_strdup_printf ("\"request_id\":\"%s\"", placeholder);
  const char *entry, *payload;
  g_auto(GStrv) parts = NULL;

  g_assert_cmpuint (dump->len, >, 0);
  entry = g_ptr_array_index (dump, dump->len - 1);
  g_assert_true (g_str_has_prefix (entry, "quarterdeck.commands\n"));
  payload = entry + strlen ("quarterdeck.commands\n");
  parts = g_strsplit (payload, needle, -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (replacement, parts);
}

/* Compare with the committed fixture, or write it when asked to. */
static void
check_command (Fixture    *f,
               char       *request_id,
               const char *name,
               guint       n)
{
  g_autofree char *owned_id = request_id;
  g_autofree char *placeholder = g_strdup_printf ("00000000-0000-4000-8000-%012u", n);
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *actual = NULL;
  g_autofree char *expected = NULL;
  const char *out_dir = g_getenv ("QD_BRIDGE_WRITE_COMMANDS");

  g_assert_nonnull (owned_id);
  g_assert_true (g_uuid_string_is_valid (owned_id));
  actual = last_command (f, owned_id, placeholder);
  if (out_dir != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, file, NULL);
      g_autofree char *text = g_strconcat (actual, "\n", NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      return;
    }
  expected = load ("commands", file);
  g_assert_cmpstr (actual, ==, expected);
}

static QdDecimal
dec (const char *text)
{
  QdDecimal value = QD_DECIMAL_NONE;

  if (text != NULL)
    g_assert_true (qd_decimal_parse (text, -1, &value, NULL));
  return value;
}

static char *
place (Fixture       *f,
       QdOrderSide    side,
       QdOrderType    type,
       const char    *quantity,
       const char    *limit,
       const char    *stop,
       QdTimeInForce  tif)
{
  g_autoptr(GError) error = NULL;
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ", .side = side, .order_type = type,
    .quantity = dec (quantity), .limit_price = dec (limit), .stop_price = dec (stop),
    .time_in_force = tif,
  };
  char *id = qd_ib_service_place_order (f->service, &request, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_commands (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  working_order (f);

  check_command (f, place (f, QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT, "100", "187.10", NULL,
                           QD_TIME_IN_FORCE_DAY), "submit-limit", ++n);
  check_command (f, place (f, QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_MARKET, "5", NULL, NULL,
                           QD_TIME_IN_FORCE_GTC), "submit-market", ++n);
  check_command (f, place (f, QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_STOP_MARKET, "50", NULL, "180.5",
                           QD_TIME_IN_FORCE_GTC), "submit-stop-market", ++n);
  check_command (f, place (f, QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_LIMIT, "10", "190.00", "189.50",
                           QD_TIME_IN_FORCE_IOC), "submit-stop-limit", ++n);
  check_command (f, place (f, QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT, "1", "0.05", NULL,
                           QD_TIME_IN_FORCE_FOK), "submit-limit-fok", ++n);

  check_command (f, qd_ib_service_modify_order (f->service, ORDER_ID, dec ("50"), dec ("187.00"),
                                                QD_DECIMAL_NONE, &error), "modify", ++n);
  g_assert_no_error (error);
  check_command (f, qd_ib_service_modify_order (f->service, ORDER_ID, QD_DECIMAL_NONE,
                                                QD_DECIMAL_NONE, dec ("186.5"), &error),
                 "modify-trigger", ++n);
  g_assert_no_error (error);
  check_command (f, qd_ib_service_cancel_order (f->service, ORDER_ID, &error), "cancel", ++n);
  g_assert_no_error (error);
  check_command (f, qd_ib_service_cancel_all (f->service, "AAPL.NASDAQ", &error), "cancel-all", ++n);
  check_command (f, qd_ib_service_cancel_all (f->service, NULL, &error), "cancel-all-every", ++n);
  check_command (f, qd_ib_service_refresh_account (f->service, &error), "refresh-account", ++n);
  check_command (f, qd_ib_service_refresh_positions (f->service, &error), "refresh-positions", ++n);
  check_command (f, qd_ib_service_refresh_orders (f->service, &error), "refresh-orders", ++n);
  check_command (f, qd_ib_service_subscribe (f->service, "AAPL.NASDAQ", TRUE, &error), "subscribe", ++n);
  check_command (f, qd_ib_service_subscribe (f->service, "AAPL.NASDAQ", FALSE, &error), "unsubscribe", ++n);
  g_assert_no_error (error);
}

/* Every file in commands/ is one this test writes: none is stale. */
static void
test_commands_complete (void)
{
  static const char *const names[] = {
    "submit-limit.json", "submit-market.json", "submit-stop-market.json", "submit-stop-limit.json",
    "submit-limit-fok.json", "modify.json", "modify-trigger.json", "cancel.json", "cancel-all.json",
    "cancel-all-every.json", "refresh-account.json", "refresh-positions.json", "refresh-orders.json",
    "subscribe.json", "unsubscribe.json", NULL
  };
  g_autofree char *path = g_build_filename (QD_FIXTURES_DIR, "bridge", "commands", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint count = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_strv_contains (names, name));
      count++;
    }
  g_assert_cmpuint (count, ==, g_strv_length ((GStrv) names));
}

/* ---- validation: the paper venue gives the answers the bridge gives ---------------------- */

static guint
count_acks (QdBus      *bus,
            char      **last)
{
  g_autoptr(GPtrArray) dump = qd_memory_bus_dump_stream (QD_MEMORY_BUS (bus), NODE_KEY);
  guint n = 0;

  for (guint i = 0; i < dump->len; i++)
    {
      const char *entry = g_ptr_array_index (dump, i);

      if (!g_str_has_prefix (entry, "quarterdeck.acks\n"))
        continue;
      n++;
      if (last != NULL)
        {
          g_free (*last);
          *last = g_strdup (entry + strlen ("quarterdeck.acks\n"));
        }
    }
  return n;
}

static void
check_case (QdPaperVenue *venue,
            QdBus        *bus,
            JsonObject   *c)
{
  const char *name = json_object_get_string_member (c, "name");
  g_autofree char *command = json_to_string (json_object_get_member (c, "command"), FALSE);
  g_autofree char *ack = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean expect_ack = !json_object_has_member (c, "ack") || json_object_get_boolean_member (c, "ack");
  gboolean ok = json_object_get_boolean_member_with_default (c, "ok", FALSE);
  guint before = count_acks (bus, NULL);
  JsonObject *answer;

  g_test_message ("case %s: %s", name, command);
  qd_paper_venue_handle_command (venue, command, strlen (command), &error);
  g_assert_true (ok == (error == NULL));
  if (!expect_ack)
    {
      g_assert_cmpuint (count_acks (bus, NULL), ==, before);
      return;
    }
  g_assert_cmpuint (count_acks (bus, &ack), ==, before + 1);
  g_assert_true (json_parser_load_from_data (parser, ack, -1, NULL));
  answer = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_boolean_member (answer, "ok"), ==, ok);
  if (ok)
    g_assert_false (json_object_has_member (answer, "error"));
  else
    g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==,
                     json_object_get_string_member (c, "error"));
}

static void
test_validation (void)
{
  g_autofree char *text = load (".", "validation.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (bus, TRADER, 7);
  JsonArray *cases;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 30);

  qd_paper_venue_set_quote_rate (venue, 0);
  qd_paper_venue_set_heartbeat_interval (venue, 0);
  qd_paper_venue_set_manual_clock (venue, G_GINT64_CONSTANT (1782916212000000000));
  qd_paper_venue_start (venue);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    check_case (venue, bus, json_array_get_object_element (cases, i));
  qd_paper_venue_stop (venue);
}

/* ---- published: what the bridge writes decodes to what it meant --------------------------- */

static void
decode (const char *topic,
        const char *name,
        QdEvent    *event)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = load ("published", name);

  g_assert_true (qd_codec_decode (codec, topic, payload, strlen (payload), event, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (event->topic, ==, topic);
}

static void
test_published_connection (void)
{
  QdEvent e;
  const QdSeedConnectionEvent *c = &e.u.seed_connection;

  decode ("adapter.interactive_brokers.connection", "connection.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_CONNECTION);
  g_assert_true (c->connected);
  g_assert_cmpstr (c->gateway_type, ==, "IBG");
  g_assert_cmpstr (c->host, ==, "127.0.0.1");
  g_assert_cmpint (c->port, ==, 4002);
  g_assert_cmpint (c->client_id, ==, 1);
  g_assert_cmpstr (c->account_id, ==, "DU1234567");
  g_assert_cmpint (c->connection_time, ==, G_GINT64_CONSTANT (1782912600000000000));
  g_assert_cmpint (c->last_heartbeat, ==, G_GINT64_CONSTANT (1782916212123456000));
  g_assert_null (c->error_message);
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_PAPER);
  qd_event_clear (&e);

  decode ("adapter.interactive_brokers.connection", "connection-down.json", &e);
  g_assert_false (c->connected);
  g_assert_cmpstr (c->gateway_type, ==, "TWS");
  g_assert_cmpstr (c->host, ==, "10.0.0.5");
  g_assert_cmpint (c->port, ==, 7496);
  g_assert_cmpint (c->client_id, ==, 12);
  g_assert_cmpstr (c->account_id, ==, "U7654321");
  g_assert_cmpint (c->connection_time, ==, 0);
  g_assert_cmpint (c->last_heartbeat, ==, G_GINT64_CONSTANT (1782916212000000000));
  g_assert_cmpstr (c->error_message, ==, "IB client degraded");
  g_assert_cmpint (c->trading_mode, ==, QD_TRADING_MODE_LIVE);
  qd_event_clear (&e);
}

static void
test_published_account (void)
{
  QdEvent e;
  const QdSeedAccountEvent *a = &e.u.seed_account;

  decode ("adapter.interactive_brokers.account", "account.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_ACCOUNT);
  g_assert_cmpstr (a->account_id, ==, "DU1234567");
  assert_decimal (a->net_liquidation, "1012345.67");
  assert_decimal (a->total_cash_value, "993512.4");
  assert_decimal (a->buying_power, "3976002.2");
  assert_decimal (a->maintenance_margin, "16677.38");
  assert_decimal (a->initial_margin, "18345.12");
  assert_decimal (a->excess_liquidity, "995668.29");
  g_assert_cmpstr (a->currency, ==, "USD");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212004518000));
  qd_event_clear (&e);
}

static void
test_published_position (void)
{
  QdEvent e;
  const QdSeedPositionEvent *p = &e.u.seed_position;

  decode ("adapter.interactive_brokers.position", "position.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_POSITION);
  g_assert_cmpstr (p->account_id, ==, "DU1234567");
  g_assert_cmpstr (p->contract_id, ==, "265598");
  g_assert_cmpstr (p->symbol, ==, "AAPL");
  g_assert_cmpstr (p->instrument_id, ==, "AAPL.NASDAQ");
  assert_decimal (p->position, "100");
  assert_decimal (p->avg_cost, "187.1");
  assert_decimal (p->market_price, "187.23");
  assert_decimal (p->market_value, "18723");
  assert_decimal (p->unrealized_pnl, "13");
  assert_decimal (p->realized_pnl, "-1");
  g_assert_cmpint (e.ts_event, ==, G_GINT64_CONSTANT (1782916212000000000));
  qd_event_clear (&e);

  decode ("adapter.interactive_brokers.position", "position-short.json", &e);
  g_assert_cmpstr (p->contract_id, ==, "ESZ6.CME");
  g_assert_cmpstr (p->symbol, ==, "ESZ6");
  assert_decimal (p->position, "-2");
  assert_decimal (p->avg_cost, "6312.125");
  assert_decimal (p->market_price, "6300.25");
  assert_decimal (p->market_value, "-630025");
  assert_decimal (p->unrealized_pnl, "1187.5");
  g_assert_true (qd_decimal_is_none (p->realized_pnl));
  qd_event_clear (&e);

  decode ("adapter.interactive_brokers.position", "position-flat.json", &e);
  assert_decimal (p->position, "0");
  g_assert_true (qd_decimal_is_none (p->avg_cost));
  g_assert_true (qd_decimal_is_none (p->market_price));
  g_assert_true (qd_decimal_is_none (p->market_value));
  qd_event_clear (&e);
}

static void
test_published_order (void)
{
  QdEvent e;
  const QdSeedOrderEvent *o = &e.u.seed_order;

  decode ("adapter.interactive_brokers.order", "order.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_SEED_ORDER);
  g_assert_cmpstr (o->order_id, ==, ORDER_ID);
  g_assert_cmpint (o->client_id, ==, 1);
  g_assert_cmpstr (o->account_id, ==, "DU1234567");
  g_assert_cmpstr (o->contract_id, ==, "265598");
  g_assert_cmpstr (o->symbol, ==, "AAPL");
  g_assert_cmpint (o->action, ==, QD_ORDER_SIDE_BUY);
  g_assert_cmpstr (o->order_type, ==, "STP LMT");
  assert_decimal (o->total_quantity, "100");
  assert_decimal (o->filled_quantity, "40");
  assert_decimal (o->remaining_quantity, "60");
  assert_decimal (o->limit_price, "190");
  assert_decimal (o->stop_price, "189.5");
  g_assert_cmpstr (o->status, ==, "Submitted");
  assert_decimal (o->avg_fill_price, "189.8");
  assert_decimal (o->commission, "0.4");
  qd_event_clear (&e);
}

static void
test_published_acks (void)
{
  QdEvent e;
  const QdAckEvent *a = &e.u.ack;

  decode ("quarterdeck.acks", "ack-ok.json", &e);
  g_assert_cmpint (e.kind, ==, QD_EVENT_ACK);
  g_assert_cmpstr (a->request_id, ==, "00000000-0000-4000-8000-000000000001");
  g_assert_true (a->ok);
  g_assert_cmpstr (a->client_order_id, ==, ORDER_ID);
  g_assert_null (a->error);
  qd_event_clear (&e);

  decode ("quarterdeck.acks", "ack-error.json", &e);
  g_assert_cmpstr (a->request_id, ==, "00000000-0000-4000-8000-000000000002");
  g_assert_false (a->ok);
  g_assert_null (a->client_order_id);
  g_assert_cmpstr (a->error, ==, "unknown instrument AAPL.XNAS");
  qd_event_clear (&e);
}

/* The same files through the service: what the dashboard and the API will show. */
static void
test_published_service (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *connection = load ("published", "connection.json");
  g_autofree char *account = load ("published", "account.json");
  g_autofree char *position = load ("published", "position.json");
  g_autofree char *order = load ("published", "order.json");
  g_autofree char *ack_text = load ("published", "ack-ok.json");
  g_autofree char *ack = NULL;
  g_autofree char *request_id = NULL;
  g_auto(GStrv) parts = NULL;
  QdConnectionStatus *conn = qd_ib_service_get_connection (f->service);
  QdAccount *acct = qd_ib_service_get_account (f->service);
  QdPosition *pos;
  QdOrder *ord;
  QdRequestState state;
  const char *coid = NULL;

  ingest (f, "adapter.interactive_brokers.connection", connection);
  g_assert_cmpstr (qd_connection_status_get_gateway_type (conn), ==, "IBG");
  g_assert_cmpstr (qd_connection_status_get_host (conn), ==, "127.0.0.1");
  g_assert_cmpint (qd_connection_status_get_port (conn), ==, 4002);
  g_assert_cmpstr (qd_connection_status_get_account_id (conn), ==, "DU1234567");
  g_assert_cmpint (qd_connection_status_get_trading_mode (conn), ==, QD_TRADING_MODE_PAPER);

  ingest (f, "adapter.interactive_brokers.account", account);
  assert_decimal (qd_account_get_buying_power (acct), "3976002.2");
  assert_decimal (qd_account_get_excess_liquidity (acct), "995668.29");
  assert_decimal (qd_account_get_net_liquidation (acct), "1012345.67");

  ingest (f, "adapter.interactive_brokers.position", position);
  pos = qd_ib_service_lookup_position (f->service, "265598");
  g_assert_nonnull (pos);
  assert_decimal (qd_position_get_market_price (pos), "187.23");
  assert_decimal (qd_position_get_unrealized_pnl (pos), "13");

  /* The IBOrder names the order by its client_order_id: it lands on the order the native
   * events made, not beside it. */
  working_order (f);
  ingest (f, "adapter.interactive_brokers.order", order);
  ord = qd_ib_service_lookup_order (f->service, ORDER_ID);
  g_assert_nonnull (ord);
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (f->service)), ==, 1);
  assert_decimal (qd_order_get_filled_quantity (ord), "40");

  /* An ack answers the request it names. */
  request_id = place (f, QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT, "100", "187.10", NULL,
                      QD_TIME_IN_FORCE_DAY);
  parts = g_strsplit (ack_text, "00000000-0000-4000-8000-000000000001", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  ack = g_strjoinv (request_id, parts);
  ingest (f, "quarterdeck.acks", ack);
  g_assert_true (qd_ib_service_get_request (f->service, request_id, &state, &coid, NULL));
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_ACKED);
  g_assert_cmpstr (coid, ==, ORDER_ID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bridge/commands/encoded", Fixture, NULL, fixture_setup, test_commands, fixture_teardown);
  g_test_add_func ("/bridge/commands/complete", test_commands_complete);
  g_test_add_func ("/bridge/validation/paper-venue", test_validation);
  g_test_add_func ("/bridge/published/connection", test_published_connection);
  g_test_add_func ("/bridge/published/account", test_published_account);
  g_test_add_func ("/bridge/published/position", test_published_position);
  g_test_add_func ("/bridge/published/order", test_published_order);
  g_test_add_func ("/bridge/published/acks", test_published_acks);
  g_test_add ("/bridge/published/service", Fixture, NULL, fixture_setup, test_published_service,
              fixture_teardown);

  return g_test_run ();
}
