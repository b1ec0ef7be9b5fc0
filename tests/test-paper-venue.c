/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "qd-memory-bus.h"
#include "qd-paper-venue.h"

/* What the paper venue writes, read back from the memory bus as a node's reader would. */

#define START_NS G_GINT64_CONSTANT (1782916200000000000)   /* 2026-07-01T14:30:00Z */
#define SEC G_GINT64_CONSTANT (1000000000)
#define STREAM "trader-TESTER-001:stream"
#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"
#define POSITION_TOPIC "events.position.QuarterdeckBridge-001"
#define ACCOUNT_TOPIC "events.account.INTERACTIVE_BROKERS-DU1234567"

typedef struct
{
  char     *topic;
  char     *payload;
  JsonNode *node;      /* NULL for non-JSON payloads (the heartbeat) */
} Entry;

typedef struct
{
  QdBus        *bus;
  QdPaperVenue *venue;
  GPtrArray    *entries;
  guint         n_requests;
} Fixture;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->topic);
  g_free (e->payload);
  g_clear_pointer (&e->node, json_node_unref);
  g_free (e);
}

static Fixture *
fixture_new_full (guint64 seed,
                  gint64  start_ns,
                  double  quote_rate)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->bus = qd_memory_bus_new ();
  f->venue = qd_paper_venue_new (f->bus, "TESTER-001", seed);
  f->entries = g_ptr_array_new_with_free_func (entry_free);
  qd_paper_venue_set_manual_clock (f->venue, start_ns);
  qd_paper_venue_set_quote_rate (f->venue, quote_rate);
  return f;
}

/* A quiet market: no random quotes, so set_touch decides every fill. */
static Fixture *
fixture_new (void)
{
  Fixture *f = fixture_new_full (42, START_NS, 0);

  qd_paper_venue_start (f->venue);
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "100.00", "100.01", "300", "300");
  return f;
}

static void
fixture_free (Fixture *f)
{
  qd_paper_venue_stop (f->venue);
  g_assert_finalize_object (f->venue);
  g_assert_finalize_object (f->bus);
  g_ptr_array_unref (f->entries);
  g_free (f);
}

/* Parse what was appended since the last call. */
static void
fixture_sync (Fixture *f)
{
  g_autoptr(GPtrArray) dump = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), STREAM);
  guint i;

  for (i = f->entries->len; i < dump->len; i++)
    {
      const char *text = g_ptr_array_index (dump, i);
      const char *nl = strchr (text, '\n');
      Entry *e = g_new0 (Entry, 1);

      g_assert_nonnull (nl);
      e->topic = g_strndup (text, nl - text);
      e->payload = g_strdup (nl + 1);
      if (strcmp (e->topic, "health:heartbeat") != 0)
        {
          g_autoptr(GError) error = NULL;

          e->node = json_from_string (e->payload, &error);
          g_assert_no_error (error);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (e->node));
        }
      g_ptr_array_add (f->entries, e);
    }
}

static guint
fixture_mark (Fixture *f)
{
  fixture_sync (f);
  return f->entries->len;
}

static JsonObject *
obj (Entry *e)
{
  return e->node ? json_node_get_object (e->node) : NULL;
}

static const char *
str_of (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Entries since `from` on `topic` (a trailing '*' matches a prefix) with payload `type`. */
static GPtrArray *
select_entries (Fixture    *f,
                guint       from,
                const char *topic,
                const char *type)
{
  GPtrArray *out = g_ptr_array_new ();
  gsize n = strlen (topic);
  gboolean prefix = n > 0 && topic[n - 1] == '*';
  guint i;

  fixture_sync (f);
  for (i = from; i < f->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (f->entries, i);
      gboolean topic_ok = prefix ? strncmp (e->topic, topic, n - 1) == 0
                                 : strcmp (e->topic, topic) == 0;

      if (!topic_ok)
        continue;
      if (type == NULL || (e->node && g_strcmp0 (str_of (obj (e), "type"), type) == 0))
        g_ptr_array_add (out, e);
    }
  return out;
}

static JsonObject *
last_of (Fixture    *f,
         guint       from,
         const char *topic,
         const char *type)
{
  g_autoptr(GPtrArray) found = select_entries (f, from, topic, type);

  g_assert_cmpuint (found->len, >, 0);
  return obj (g_ptr_array_index (found, found->len - 1));
}

/* The order's lifecycle as "Initialized Submitted Accepted Filled:300@100.01 …". */
static char *
order_trace (Fixture    *f,
             guint       from,
             const char *client_order_id)
{
  g_autoptr(GPtrArray) events = select_entries (f, from, ORDER_TOPIC, NULL);
  GString *trace = g_string_new (NULL);
  guint i;

  for (i = 0; i < events->len; i++)
    {
      JsonObject *o = obj (g_ptr_array_index (events, i));
      const char *type = str_of (o, "type");

      if (g_strcmp0 (str_of (o, "client_order_id"), client_order_id) != 0)
        continue;
      if (trace->len > 0)
        g_string_append_c (trace, ' ');
      g_string_append (trace, g_str_has_prefix (type, "Order") ? type + 5 : type);
      if (strcmp (type, "OrderFilled") == 0)
        g_string_append_printf (trace, ":%s@%s", str_of (o, "last_qty"), str_of (o, "last_px"));
    }
  return g_string_free (trace, FALSE);
}

static JsonObject *
ack_for (Fixture    *f,
         const char *request_id)
{
  g_autoptr(GPtrArray) acks = select_entries (f, 0, "quarterdeck.acks", NULL);
  guint i;

  for (i = acks->len; i > 0; i--)
    {
      JsonObject *o = obj (g_ptr_array_index (acks, i - 1));
      if (g_strcmp0 (str_of (o, "request_id"), request_id) == 0)
        return o;
    }
  return NULL;
}

/* Send {"cmd":…,"request_id":"rN",<fields>}; returns the request id. */
static char *
send_cmd (Fixture    *f,
          const char *cmd,
          const char *fields,
          gboolean    expect_ok)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  char *request_id = g_strdup_printf ("r%u", ++f->n_requests);
  gboolean ok;

  json = g_strdup_printf ("{\"cmd\":\"%s\",\"request_id\":\"%s\"%s%s}", cmd, request_id,
                          fields && *fields ? "," : "", fields ? fields : "");
  ok = qd_paper_venue_handle_command (f->venue, json, strlen (json), &error);
  g_assert_cmpint (ok, ==, expect_ok);
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  g_assert_nonnull (ack_for (f, request_id));
  g_assert_cmpint (json_object_get_boolean_member (ack_for (f, request_id), "ok"), ==, ok);
  return request_id;
}

/* Submit; returns the client order id from the ack. */
static char *
submit (Fixture    *f,
        const char *fields)
{
  g_autofree char *request_id = send_cmd (f, "submit", fields, TRUE);

  return g_strdup (str_of (ack_for (f, request_id), "client_order_id"));
}

/* Start-up */

static void
test_startup (void)
{
  Fixture *f = fixture_new ();
  JsonObject *o, *config;
  g_autoptr(GPtrArray) instruments = select_entries (f, 0, "data.instrument.*", NULL);

  o = last_of (f, 0, "events.system.INTERACTIVE_BROKERS", "ComponentStateChanged");
  g_assert_cmpstr (str_of (o, "state"), ==, "RUNNING");
  g_assert_cmpstr (str_of (o, "component_type"), ==, "InteractiveBrokersExecutionClient");
  g_assert_cmpstr (str_of (o, "trader_id"), ==, "TESTER-001");
  config = json_object_get_object_member (o, "config");
  g_assert_cmpstr (str_of (config, "ibg_host"), ==, "127.0.0.1");
  g_assert_cmpint (json_object_get_int_member (config, "ibg_port"), ==, 4002);
  g_assert_cmpstr (str_of (config, "account_id"), ==, "DU1234567");
  g_assert_false (json_object_has_member (config, "password"));

  o = last_of (f, 0, "adapter.interactive_brokers.connection", NULL);
  g_assert_true (json_object_get_boolean_member (o, "connected"));
  g_assert_cmpstr (str_of (o, "gateway_type"), ==, "IBG");
  g_assert_cmpstr (str_of (o, "trading_mode"), ==, "paper");
  g_assert_cmpstr (str_of (o, "connection_time"), ==, "2026-07-01T14:30:00+00:00");

  g_assert_cmpuint (instruments->len, ==, 14);
  o = last_of (f, 0, "data.instrument.IDEALPRO.EUR/USD", "CurrencyPair");
  g_assert_cmpstr (str_of (o, "price_increment"), ==, "0.00005");
  g_assert_cmpint (json_object_get_int_member (o, "price_precision"), ==, 5);
  o = last_of (f, 0, "data.instrument.CME.ESZ6", "FuturesContract");
  g_assert_cmpstr (str_of (o, "multiplier"), ==, "50");
  g_assert_cmpstr (str_of (o, "price_increment"), ==, "0.25");
  o = last_of (f, 0, "data.instrument.NYSE.BF-B", "Equity");
  g_assert_cmpstr (str_of (o, "id"), ==, "BF-B.NYSE");
  g_assert_cmpstr (str_of (o, "ts_event"), ==, "1782916200000000000");

  o = last_of (f, 0, "data.quotes.NASDAQ.AAPL", "QuoteTick");
  g_assert_cmpstr (str_of (o, "bid_price"), ==, "100.00");
  g_assert_cmpstr (str_of (o, "ask_size"), ==, "300");

  o = last_of (f, 0, ACCOUNT_TOPIC, "AccountState");
  g_assert_cmpstr (str_of (o, "account_type"), ==, "MARGIN");
  g_assert_true (json_node_is_null (json_object_get_member (o, "base_currency")));
  g_assert_cmpstr (str_of (json_array_get_object_element (
                     json_object_get_array_member (o, "balances"), 0), "total"), ==,
                   "1000000.00");
  o = last_of (f, 0, "adapter.interactive_brokers.account", NULL);
  g_assert_cmpstr (str_of (o, "account_id"), ==, "DU1234567");
  fixture_free (f);
}

/* Every order type × every time in force, BUY 500 AAPL against 100.00 / 100.01 × 300. */

typedef struct
{
  const char *path;
  const char *fields;
  const char *after_submit;
  const char *touch_bid;       /* a second quote, or NULL */
  const char *touch_ask;
  const char *touch_ask_size;
  const char *after_touch;
} MatrixCase;

#define AAPL_BUY_500 "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"500\""
#define LIFECYCLE "Initialized Submitted Accepted"
#define LIMIT_100_05 ",\"order_type\":\"LIMIT\",\"price\":\"100.05\",\"time_in_force\":"

static const MatrixCase matrix[] = {
  { "market/day", AAPL_BUY_500 ",\"order_type\":\"MARKET\",\"time_in_force\":\"DAY\"",
    LIFECYCLE " Filled:300@100.01 Filled:200@100.02", NULL, NULL, NULL, NULL },
  { "market/gtc", AAPL_BUY_500 ",\"order_type\":\"MARKET\",\"time_in_force\":\"GTC\"",
    LIFECYCLE " Filled:300@100.01 Filled:200@100.02", NULL, NULL, NULL, NULL },
  { "market/ioc", AAPL_BUY_500 ",\"order_type\":\"MARKET\",\"time_in_force\":\"IOC\"",
    LIFECYCLE " Filled:300@100.01 Canceled", NULL, NULL, NULL, NULL },
  { "market/fok", AAPL_BUY_500 ",\"order_type\":\"MARKET\",\"time_in_force\":\"FOK\"",
    LIFECYCLE " Canceled", NULL, NULL, NULL, NULL },
  { "market/fok-fills", "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"300\","
    "\"order_type\":\"MARKET\",\"time_in_force\":\"FOK\"",
    LIFECYCLE " Filled:300@100.01", NULL, NULL, NULL, NULL },
  { "limit/day", AAPL_BUY_500 LIMIT_100_05 "\"DAY\"",
    LIFECYCLE " Filled:300@100.01", "100.02", "100.03", "100", " Filled:100@100.03" },
  { "limit/gtc", AAPL_BUY_500 LIMIT_100_05 "\"GTC\"",
    LIFECYCLE " Filled:300@100.01", "100.02", "100.03", "100", " Filled:100@100.03" },
  { "limit/ioc", AAPL_BUY_500 LIMIT_100_05 "\"IOC\"",
    LIFECYCLE " Filled:300@100.01 Canceled", NULL, NULL, NULL, NULL },
  { "limit/fok", AAPL_BUY_500 LIMIT_100_05 "\"FOK\"",
    LIFECYCLE " Canceled", NULL, NULL, NULL, NULL },
  { "limit/not-marketable", AAPL_BUY_500 ",\"order_type\":\"LIMIT\",\"price\":\"99.90\","
    "\"time_in_force\":\"DAY\"", LIFECYCLE, "99.95", "100.00", "300", "" },
  { "stop/day", AAPL_BUY_500 ",\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"100.10\","
    "\"time_in_force\":\"DAY\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10 Filled:200@100.11" },
  { "stop/gtc", AAPL_BUY_500 ",\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"100.10\","
    "\"time_in_force\":\"GTC\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10 Filled:200@100.11" },
  { "stop/ioc", AAPL_BUY_500 ",\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"100.10\","
    "\"time_in_force\":\"IOC\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10 Canceled" },
  { "stop/fok", AAPL_BUY_500 ",\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"100.10\","
    "\"time_in_force\":\"FOK\"", LIFECYCLE, "100.09", "100.10", "300", " Triggered Canceled" },
  { "stop/not-touched", AAPL_BUY_500 ",\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"100.10\","
    "\"time_in_force\":\"DAY\"", LIFECYCLE, "100.08", "100.09", "300", "" },
  { "stop-limit/day", AAPL_BUY_500 ",\"order_type\":\"STOP_LIMIT\",\"trigger_price\":\"100.10\","
    "\"price\":\"100.12\",\"time_in_force\":\"DAY\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10" },
  { "stop-limit/gtc", AAPL_BUY_500 ",\"order_type\":\"STOP_LIMIT\",\"trigger_price\":\"100.10\","
    "\"price\":\"100.12\",\"time_in_force\":\"GTC\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10" },
  { "stop-limit/ioc", AAPL_BUY_500 ",\"order_type\":\"STOP_LIMIT\",\"trigger_price\":\"100.10\","
    "\"price\":\"100.12\",\"time_in_force\":\"IOC\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Filled:300@100.10 Canceled" },
  { "stop-limit/fok", AAPL_BUY_500 ",\"order_type\":\"STOP_LIMIT\",\"trigger_price\":\"100.10\","
    "\"price\":\"100.12\",\"time_in_force\":\"FOK\"", LIFECYCLE, "100.09", "100.10", "300",
    " Triggered Canceled" },
};

static void
test_matrix (gconstpointer data)
{
  const MatrixCase *c = data;
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, c->fields);
  g_autofree char *trace = order_trace (f, from, id);

  g_assert_cmpstr (trace, ==, c->after_submit);
  if (c->touch_bid != NULL)
    {
      g_autofree char *trace2 = NULL;
      g_autofree char *expected = g_strconcat (c->after_submit, c->after_touch, NULL);

      qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", c->touch_bid, c->touch_ask, "300",
                                c->touch_ask_size);
      trace2 = order_trace (f, from, id);
      g_assert_cmpstr (trace2, ==, expected);
    }
  fixture_free (f);
}

/* Fills: duplicates, commissions, avg price, position events */

static void
test_market_fills (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, AAPL_BUY_500 ",\"order_type\":\"MARKET\"");
  g_autoptr(GPtrArray) fills = select_entries (f, from, ORDER_TOPIC, "OrderFilled");
  g_autoptr(GPtrArray) dups = select_entries (f, from, "events.fills.AAPL.NASDAQ", "OrderFilled");
  g_autoptr(GPtrArray) positions = select_entries (f, from, POSITION_TOPIC, NULL);
  JsonObject *first, *last, *init;
  guint i;

  g_assert_cmpuint (fills->len, ==, 2);
  g_assert_cmpuint (dups->len, ==, 2);
  for (i = 0; i < fills->len; i++)
    {
      Entry *a = g_ptr_array_index (fills, i), *b = g_ptr_array_index (dups, i);
      g_assert_cmpstr (str_of (obj (a), "event_id"), ==, str_of (obj (b), "event_id"));
      g_assert_cmpstr (a->payload, ==, b->payload);
    }
  first = obj (g_ptr_array_index (fills, 0));
  last = obj (g_ptr_array_index (fills, 1));
  g_assert_cmpstr (str_of (first, "commission"), ==, "1.50 USD");     /* 300 × 0.005 */
  g_assert_cmpstr (str_of (last, "commission"), ==, "1.00 USD");      /* the minimum */
  g_assert_cmpstr (str_of (first, "position_id"), ==, "AAPL.NASDAQ-QuarterdeckBridge-001");
  g_assert_cmpstr (str_of (first, "liquidity_side"), ==, "NO_LIQUIDITY_SIDE");
  g_assert_cmpstr (str_of (first, "account_id"), ==, "INTERACTIVE_BROKERS-DU1234567");
  g_assert_cmpstr (str_of (first, "currency"), ==, "USD");
  g_assert_cmpstr (str_of (json_object_get_object_member (last, "info"), "avg_px"), ==,
                   "100.014");
  g_assert_nonnull (str_of (first, "venue_order_id"));
  g_assert_cmpstr (str_of (first, "client_order_id"), ==, id);

  init = last_of (f, from, ORDER_TOPIC, "OrderInitialized");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (init, "tags"), 0),
                   ==, "qd:req=r1");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (init, "options")), ==, 0);
  g_assert_true (g_str_has_prefix (id, "O-20260701-143000-001-001-"));

  g_assert_cmpuint (positions->len, ==, 2);
  g_assert_cmpstr (str_of (obj (g_ptr_array_index (positions, 0)), "type"), ==, "PositionOpened");
  g_assert_cmpstr (str_of (obj (g_ptr_array_index (positions, 0)), "realized_pnl"), ==,
                   "-1.50 USD");
  last = obj (g_ptr_array_index (positions, 1));
  g_assert_cmpstr (str_of (last, "type"), ==, "PositionChanged");
  g_assert_cmpfloat (json_object_get_double_member (last, "signed_qty"), ==, 500.0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (last, "avg_px_open"),
                                  100.014, 1e-9);
  g_assert_cmpstr (str_of (last, "realized_pnl"), ==, "-2.50 USD");
  /* Marked at its own fill price 100.02: (100.02 × 500 − 50007.00) = 3.00. */
  g_assert_cmpstr (str_of (last, "unrealized_pnl"), ==, "3.00 USD");
  fixture_free (f);
}

static void
test_position_flip (void)
{
  Fixture *f = fixture_new ();
  g_autofree char *buy = NULL, *sell = NULL;
  guint from;
  JsonObject *closed, *opened, *account, *balance, *margin;
  g_autoptr(GPtrArray) positions = NULL;

  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "100.00", "100.01", "1000", "1000");
  buy = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"100\","
                   "\"order_type\":\"MARKET\"");
  qd_paper_venue_step (f->venue, 90 * SEC);
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "101.00", "101.01", "1000", "1000");
  from = fixture_mark (f);
  sell = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"quantity\":\"300\","
                    "\"order_type\":\"MARKET\"");
  positions = select_entries (f, from, POSITION_TOPIC, NULL);
  g_assert_cmpuint (positions->len, ==, 2);

  /* (101.00 − 100.01) × 100 − 1.00 opening − 0.50 (a third of the 1.50 closing fee) */
  closed = obj (g_ptr_array_index (positions, 0));
  g_assert_cmpstr (str_of (closed, "type"), ==, "PositionClosed");
  g_assert_cmpstr (str_of (closed, "realized_pnl"), ==, "97.50 USD");
  g_assert_cmpstr (str_of (closed, "side"), ==, "FLAT");
  g_assert_cmpstr (str_of (closed, "quantity"), ==, "0");
  g_assert_cmpstr (str_of (closed, "opening_order_id"), ==, buy);
  g_assert_cmpstr (str_of (closed, "closing_order_id"), ==, sell);
  g_assert_cmpint (json_object_get_int_member (closed, "duration_ns"), ==, 90 * SEC);
  g_assert_false (json_object_has_member (closed, "ts_event"));
  g_assert_cmpfloat (json_object_get_double_member (closed, "avg_px_close"), ==, 101.0);

  opened = obj (g_ptr_array_index (positions, 1));
  g_assert_cmpstr (str_of (opened, "type"), ==, "PositionOpened");
  g_assert_cmpstr (str_of (opened, "side"), ==, "SHORT");
  g_assert_cmpstr (str_of (opened, "entry"), ==, "SELL");
  g_assert_cmpfloat (json_object_get_double_member (opened, "signed_qty"), ==, -200.0);
  g_assert_cmpstr (str_of (opened, "realized_pnl"), ==, "-1.00 USD");
  g_assert_cmpstr (str_of (opened, "position_id"), ==, "AAPL.NASDAQ-QuarterdeckBridge-001");

  /* Cash 1e6 − 10001.00 − 1.00 + 30300.00 − 1.50; NLV marks the short at the ask. */
  account = last_of (f, from, ACCOUNT_TOPIC, "AccountState");
  balance = json_array_get_object_element (json_object_get_array_member (account, "balances"), 0);
  margin = json_array_get_object_element (json_object_get_array_member (account, "margins"), 0);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (account, "info"),
                                                    "TotalCashValue"), ==, 1020296.5);
  g_assert_cmpstr (str_of (balance, "total"), ==, "1000094.50");
  g_assert_cmpstr (str_of (margin, "initial"), ==, "6060.60");            /* 30% of 20202.00 */
  g_assert_cmpstr (str_of (balance, "free"), ==, "994033.90");
  g_assert_cmpstr (str_of (balance, "locked"), ==, "6060.60");
  fixture_free (f);
}

static void
test_futures_and_fx (void)
{
  Fixture *f = fixture_new ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  guint from = fixture_mark (f);
  JsonObject *closed, *fill, *info;

  qd_paper_venue_set_touch (f->venue, "ESZ6.CME", "6312.00", "6312.25", "10", "10");
  a = submit (f, "\"instrument_id\":\"ESZ6.CME\",\"side\":\"BUY\",\"quantity\":\"2\","
                 "\"order_type\":\"MARKET\"");
  qd_paper_venue_set_touch (f->venue, "ESZ6.CME", "6320.00", "6320.25", "10", "10");
  b = submit (f, "\"instrument_id\":\"ESZ6.CME\",\"side\":\"SELL\",\"quantity\":\"2\","
                 "\"order_type\":\"MARKET\"");
  closed = last_of (f, from, POSITION_TOPIC, "PositionClosed");
  /* 7.75 points × 2 × 50 − 2 × 4.50 */
  g_assert_cmpstr (str_of (closed, "realized_pnl"), ==, "766.00 USD");
  info = json_object_get_object_member (last_of (f, from, ACCOUNT_TOPIC, NULL), "info");
  g_assert_cmpfloat (json_object_get_double_member (info, "TotalCashValue"), ==, 1000766.0);

  qd_paper_venue_set_touch (f->venue, "EUR/USD.IDEALPRO", "1.17250", "1.17255",
                            "1000000", "1000000");
  c = submit (f, "\"instrument_id\":\"EUR/USD.IDEALPRO\",\"side\":\"BUY\",\"quantity\":\"20000\","
                 "\"order_type\":\"MARKET\"");
  fill = last_of (f, from, "events.fills.EUR/USD.IDEALPRO", "OrderFilled");
  g_assert_cmpstr (str_of (fill, "last_px"), ==, "1.17255");
  g_assert_cmpstr (str_of (fill, "commission"), ==, "2.00 USD");
  fixture_free (f);
}

/* Modify and cancel */

static void
test_modify_then_fill (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\","
                                   "\"quantity\":\"100\",\"order_type\":\"LIMIT\","
                                   "\"price\":\"99.00\",\"time_in_force\":\"GTC\"");
  g_autofree char *fields = NULL, *req1 = NULL, *req2 = NULL, *trace = NULL;
  JsonObject *updated;

  fields = g_strdup_printf ("\"client_order_id\":\"%s\",\"quantity\":\"200\"", id);
  req1 = send_cmd (f, "modify", fields, TRUE);
  updated = last_of (f, from, ORDER_TOPIC, "OrderUpdated");
  g_assert_cmpstr (str_of (updated, "quantity"), ==, "200");
  g_assert_cmpstr (str_of (updated, "price"), ==, "99.00");
  g_assert_true (json_node_is_null (json_object_get_member (updated, "trigger_price")));
  g_assert_false (json_object_get_boolean_member (updated, "is_quote_quantity"));

  g_free (fields);
  fields = g_strdup_printf ("\"client_order_id\":\"%s\",\"price\":\"100.01\"", id);
  req2 = send_cmd (f, "modify", fields, TRUE);
  g_assert_cmpstr (str_of (ack_for (f, req2), "client_order_id"), ==, id);
  trace = order_trace (f, from, id);
  g_assert_cmpstr (trace, ==, LIFECYCLE " PendingUpdate Updated PendingUpdate Updated"
                              " Filled:200@100.01");
  fixture_free (f);
}

static void
test_cancel_after_partial (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, AAPL_BUY_500 ",\"order_type\":\"LIMIT\",\"price\":\"100.05\"");
  g_autofree char *fields = g_strdup_printf ("\"client_order_id\":\"%s\"", id);
  g_autofree char *req = NULL, *again = NULL, *trace = NULL;
  g_autoptr(GPtrArray) canceled = NULL, dups = NULL;
  JsonObject *rejected;

  req = send_cmd (f, "cancel", fields, TRUE);
  trace = order_trace (f, from, id);
  g_assert_cmpstr (trace, ==, LIFECYCLE " Filled:300@100.01 PendingCancel Canceled");
  canceled = select_entries (f, from, ORDER_TOPIC, "OrderCanceled");
  dups = select_entries (f, from, "events.cancels.AAPL.NASDAQ", "OrderCanceled");
  g_assert_cmpuint (dups->len, ==, 1);
  g_assert_cmpstr (str_of (obj (g_ptr_array_index (canceled, 0)), "event_id"), ==,
                   str_of (obj (g_ptr_array_index (dups, 0)), "event_id"));

  /* A later quote through the old limit fills nothing. */
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "99.90", "99.91", "300", "300");
  g_free (trace);
  trace = order_trace (f, from, id);
  g_assert_cmpstr (trace, ==, LIFECYCLE " Filled:300@100.01 PendingCancel Canceled");

  again = send_cmd (f, "cancel", fields, FALSE);
  rejected = last_of (f, from, ORDER_TOPIC, "OrderCancelRejected");
  g_assert_cmpstr (str_of (rejected, "client_order_id"), ==, id);
  g_assert_true (g_str_has_prefix (str_of (rejected, "reason"),
                                   "Cancel attempted when order is not in a cancellable state"
                                   " (CANCELED)"));
  g_assert_cmpstr (str_of (ack_for (f, again), "error"), ==, str_of (rejected, "reason"));
  fixture_free (f);
}

static void
test_reject_unknown_and_finished (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\","
                                   "\"quantity\":\"100\",\"order_type\":\"MARKET\"");
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *finished = NULL;
  JsonObject *o;

  r1 = send_cmd (f, "modify", "\"client_order_id\":\"O-19990101-000000-001-001-9\","
                              "\"instrument_id\":\"AAPL.NASDAQ\",\"price\":\"100.00\"", FALSE);
  o = last_of (f, from, ORDER_TOPIC, "OrderModifyRejected");
  g_assert_cmpstr (str_of (o, "reason"), ==, "order O-19990101-000000-001-001-9 not found");
  g_assert_true (json_node_is_null (json_object_get_member (o, "venue_order_id")));
  g_assert_cmpstr (str_of (ack_for (f, r1), "error"), ==, str_of (o, "reason"));

  r2 = send_cmd (f, "cancel", "\"client_order_id\":\"O-nope\"", FALSE);
  o = last_of (f, from, ORDER_TOPIC, "OrderCancelRejected");
  g_assert_cmpstr (str_of (o, "reason"), ==, "order O-nope not found");

  finished = g_strdup_printf ("\"client_order_id\":\"%s\",\"quantity\":\"150\"", id);
  r3 = send_cmd (f, "modify", finished, FALSE);
  o = last_of (f, from, ORDER_TOPIC, "OrderModifyRejected");
  g_assert_cmpstr (str_of (o, "client_order_id"), ==, id);
  g_assert_cmpstr (str_of (o, "reason"), ==, "order is FILLED and cannot be modified");
  g_assert_nonnull (str_of (o, "venue_order_id"));
  fixture_free (f);
}

static void
test_margin_reject (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *id = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\","
                                   "\"quantity\":\"100000\",\"order_type\":\"MARKET\"");
  g_autofree char *trace = order_trace (f, from, id);
  JsonObject *o = last_of (f, from, ORDER_TOPIC, "OrderRejected");

  g_assert_cmpstr (trace, ==, "Initialized Submitted Rejected");
  /* 100000 × 100.01 × 25% = 2500250.00 > 1000000.00 */
  g_assert_cmpstr (str_of (o, "reason"), ==,
                   "Order rejected - reason:YOUR ORDER IS NOT ACCEPTED. IN ORDER TO OBTAIN THE "
                   "DESIRED POSITION YOUR EQUITY WITH LOAN VALUE [1000000.00 USD] MUST EXCEED "
                   "THE INITIAL MARGIN [2500250.00 USD]");
  g_assert_false (json_object_get_boolean_member (o, "due_post_only"));
  g_assert_false (json_object_has_member (o, "venue_order_id"));
  fixture_free (f);
}

static void
test_cancel_all (void)
{
  Fixture *f = fixture_new ();
  guint from = fixture_mark (f);
  g_autofree char *a1 = NULL, *a2 = NULL, *m = NULL, *r1 = NULL, *r2 = NULL, *r3 = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;

  a1 = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"10\","
                  "\"order_type\":\"LIMIT\",\"price\":\"99.00\"");
  a2 = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"quantity\":\"10\","
                  "\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"90.00\"");
  m = submit (f, "\"instrument_id\":\"MSFT.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"10\","
                 "\"order_type\":\"LIMIT\",\"price\":\"400.00\"");

  r1 = send_cmd (f, "cancel_all", "\"instrument_id\":\"AAPL.NASDAQ\"", TRUE);
  t1 = order_trace (f, from, a1);
  t2 = order_trace (f, from, a2);
  t3 = order_trace (f, from, m);
  g_assert_cmpstr (t1, ==, LIFECYCLE " PendingCancel Canceled");
  g_assert_cmpstr (t2, ==, LIFECYCLE " PendingCancel Canceled");
  g_assert_cmpstr (t3, ==, LIFECYCLE);

  r2 = send_cmd (f, "cancel_all", "\"instrument_id\":\"MSFT.XNAS\"", FALSE);
  g_assert_cmpstr (str_of (ack_for (f, r2), "error"), ==, "unknown instrument MSFT.XNAS");
  r3 = send_cmd (f, "cancel_all", NULL, TRUE);
  g_free (t3);
  t3 = order_trace (f, from, m);
  g_assert_cmpstr (t3, ==, LIFECYCLE " PendingCancel Canceled");
  fixture_free (f);
}

static void
test_subscriptions (void)
{
  Fixture *f = fixture_new ();
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *id = NULL, *trace = NULL;
  g_autoptr(GPtrArray) quotes = NULL, bars = NULL, again = NULL;
  guint from;

  r1 = send_cmd (f, "unsubscribe", "\"instrument_id\":\"AAPL.NASDAQ\",\"data\":[\"quotes\"]",
                 TRUE);
  r2 = send_cmd (f, "unsubscribe", "\"data\":[\"bars\"]", TRUE);
  r3 = send_cmd (f, "subscribe", "\"data\":[\"news\"]", FALSE);
  from = fixture_mark (f);
  id = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"100\","
                  "\"order_type\":\"LIMIT\",\"price\":\"99.50\"");
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "99.40", "99.50", "300", "300");
  qd_paper_venue_step (f->venue, 10 * SEC);

  /* Nothing published, but the market still moved and the order still filled. */
  quotes = select_entries (f, from, "data.quotes.*", NULL);
  bars = select_entries (f, from, "data.bars.*", NULL);
  g_assert_cmpuint (quotes->len, ==, 0);
  g_assert_cmpuint (bars->len, ==, 0);
  trace = order_trace (f, from, id);
  g_assert_cmpstr (trace, ==, LIFECYCLE " Filled:100@99.50");

  r4 = send_cmd (f, "subscribe", "\"instrument_id\":\"AAPL.NASDAQ\"", TRUE);
  again = select_entries (f, from, "data.quotes.NASDAQ.AAPL", "QuoteTick");
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (str_of (obj (g_ptr_array_index (again, 0)), "bid_price"), ==, "99.40");
  fixture_free (f);
}

/* Bad commands */

static void
expect_dropped (Fixture    *f,
                const char *json,
                gsize       len,
                gint        code)
{
  g_autoptr(GError) error = NULL;
  guint before = fixture_mark (f);

  g_assert_false (qd_paper_venue_handle_command (f->venue, json, len, &error));
  g_assert_error (error, QD_PAPER_VENUE_ERROR, code);
  g_assert_cmpuint (fixture_mark (f), ==, before);
}

static void
test_bad_commands (void)
{
  Fixture *f = fixture_new ();
  g_autofree char *big = g_strnfill (70 * 1024, ' ');
  g_autoptr(GString) deep = g_string_new (NULL);
  const char *bad_utf8 = "{\"cmd\":\"cancel\",\"request_id\":\"r\xff\"}";
  g_autofree char *r = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL, *r6 = NULL;
  guint from, i;
  JsonObject *ack, *denied;

  expect_dropped (f, "{\"cmd\":\"submit\"}", 16, QD_PAPER_VENUE_ERROR_MALFORMED);
  expect_dropped (f, "[1,2]", 5, QD_PAPER_VENUE_ERROR_MALFORMED);
  expect_dropped (f, "{\"cmd\":", 7, QD_PAPER_VENUE_ERROR_MALFORMED);
  expect_dropped (f, big, strlen (big), QD_PAPER_VENUE_ERROR_TOO_LARGE);
  for (i = 0; i < 5000; i++)
    g_string_append_c (deep, '[');
  expect_dropped (f, deep->str, deep->len, QD_PAPER_VENUE_ERROR_TOO_DEEP);
  expect_dropped (f, bad_utf8, strlen (bad_utf8), QD_PAPER_VENUE_ERROR_MALFORMED);

  from = fixture_mark (f);
  r = send_cmd (f, "submit", "\"instrument_id\":\"AAPL.XNAS\",\"side\":\"BUY\",\"quantity\":\"1\","
                             "\"order_type\":\"MARKET\"", FALSE);
  g_assert_cmpstr (str_of (ack_for (f, r), "error"), ==, "unknown instrument AAPL.XNAS");
  r2 = send_cmd (f, "submit", AAPL_BUY_500 ",\"order_type\":\"LIMIT\"", FALSE);
  g_assert_cmpstr (str_of (ack_for (f, r2), "error"), ==,
                   "price is required for this order type");
  r3 = send_cmd (f, "submit", "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\","
                              "\"quantity\":\"0\",\"order_type\":\"MARKET\"", FALSE);
  g_assert_cmpstr (str_of (ack_for (f, r3), "error"), ==, "quantity must be positive");
  r4 = send_cmd (f, "submit", "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\","
                              "\"quantity\":1.5,\"order_type\":\"MARKET\"", FALSE);
  g_assert_cmpstr (str_of (ack_for (f, r4), "error"), ==, "quantity must be a decimal string");
  r5 = send_cmd (f, "explode", NULL, FALSE);
  {
    g_autoptr(GPtrArray) none = select_entries (f, from, ORDER_TOPIC, NULL);
    g_assert_cmpuint (none->len, ==, 0);   /* nothing got as far as an order */
  }

  /* Off the tick: the order exists, and the risk engine denies it. */
  r6 = send_cmd (f, "submit", "\"instrument_id\":\"EUR/USD.IDEALPRO\",\"side\":\"BUY\","
                              "\"quantity\":\"20000\",\"order_type\":\"LIMIT\","
                              "\"price\":\"1.17252\"", FALSE);
  ack = ack_for (f, r6);
  denied = last_of (f, from, ORDER_TOPIC, "OrderDenied");
  g_assert_cmpstr (str_of (ack, "client_order_id"), ==, str_of (denied, "client_order_id"));
  g_assert_cmpstr (str_of (denied, "reason"), ==,
                   "price 1.17252 invalid (not a multiple of the price increment 0.00005)");
  g_assert_cmpstr (str_of (ack, "error"), ==, str_of (denied, "reason"));
  g_assert_false (json_object_has_member (denied, "account_id"));
  fixture_free (f);
}

static void
test_not_running (void)
{
  Fixture *f = fixture_new_full (42, START_NS, 0);
  const char *json = "{\"cmd\":\"refresh_account\",\"request_id\":\"early\"}";
  g_autoptr(GError) error = NULL;

  g_assert_false (qd_paper_venue_handle_command (f->venue, json, strlen (json), &error));
  g_assert_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_REJECTED);
  g_assert_cmpuint (qd_paper_venue_get_n_published (f->venue), ==, 0);
  fixture_free (f);
}

/* Time: heartbeats, account re-publishing, DAY expiry */

static void
test_heartbeat_and_republish (void)
{
  Fixture *f = fixture_new_full (42, START_NS + 123456789, 0);
  g_autoptr(GPtrArray) beats = NULL, states = NULL, conn = NULL;
  g_autofree char *r = NULL;
  JsonObject *first;
  guint from;

  qd_paper_venue_start (f->venue);
  from = fixture_mark (f);
  qd_paper_venue_step (f->venue, 12 * SEC);
  beats = select_entries (f, from, "health:heartbeat", NULL);
  g_assert_cmpuint (beats->len, ==, 2);
  g_assert_cmpstr (((Entry *) g_ptr_array_index (beats, 0))->payload, ==,
                   "2026-07-01T14:30:05.123456789+00:00");
  g_assert_null (((Entry *) g_ptr_array_index (beats, 0))->node);
  conn = select_entries (f, from, "adapter.interactive_brokers.connection", NULL);
  g_assert_cmpuint (conn->len, ==, 2);
  g_assert_cmpstr (str_of (obj (g_ptr_array_index (conn, 1)), "last_heartbeat"), ==,
                   "2026-07-01T14:30:10.123456+00:00");

  /* The portfolio re-publishes the same AccountState, event_id and all. */
  states = select_entries (f, 0, ACCOUNT_TOPIC, "AccountState");
  g_assert_cmpuint (states->len, ==, 2);
  first = obj (g_ptr_array_index (states, 0));
  g_assert_cmpstr (((Entry *) g_ptr_array_index (states, 0))->payload, ==,
                   ((Entry *) g_ptr_array_index (states, 1))->payload);

  r = send_cmd (f, "refresh_account", NULL, TRUE);
  g_assert_cmpstr (str_of (last_of (f, from, ACCOUNT_TOPIC, NULL), "event_id"), !=,
                   str_of (first, "event_id"));
  fixture_free (f);
}

static void
test_day_expiry (void)
{
  Fixture *f = fixture_new_full (42, G_GINT64_CONSTANT (1782939540) * SEC, 0);  /* 20:59 */
  g_autofree char *day = NULL, *gtc = NULL, *stop = NULL, *t1 = NULL, *t2 = NULL, *t3 = NULL;
  g_autofree char *r = NULL;
  g_autofree char *gtc_topic = NULL;
  guint from;

  qd_paper_venue_start (f->venue);
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "100.00", "100.01", "300", "300");
  from = fixture_mark (f);
  day = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"10\","
                   "\"order_type\":\"LIMIT\",\"price\":\"90.00\",\"time_in_force\":\"DAY\"");
  gtc = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"10\","
                   "\"order_type\":\"LIMIT\",\"price\":\"90.00\",\"time_in_force\":\"GTC\"");
  stop = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"quantity\":\"10\","
                    "\"order_type\":\"STOP_MARKET\",\"trigger_price\":\"95.00\","
                    "\"time_in_force\":\"DAY\"");
  qd_paper_venue_step (f->venue, 59 * SEC);
  t1 = order_trace (f, from, day);
  g_assert_cmpstr (t1, ==, LIFECYCLE);
  qd_paper_venue_step (f->venue, 2 * SEC);
  g_free (t1);
  t1 = order_trace (f, from, day);
  t2 = order_trace (f, from, gtc);
  t3 = order_trace (f, from, stop);
  g_assert_cmpstr (t1, ==, LIFECYCLE " Expired");
  g_assert_cmpstr (t2, ==, LIFECYCLE);
  g_assert_cmpstr (t3, ==, LIFECYCLE " Expired");
  g_assert_cmpstr (str_of (last_of (f, from, ORDER_TOPIC, "OrderExpired"), "ts_event"), ==,
                   "1782939600000000000");

  /* The GTC order is still working: its snapshot says so, and it can still fill. */
  r = send_cmd (f, "refresh_orders", NULL, TRUE);
  gtc_topic = g_strconcat ("snapshots:orders:", gtc, NULL);
  g_assert_cmpstr (str_of (last_of (f, from, gtc_topic, NULL), "status"), ==, "ACCEPTED");
  g_assert_cmpstr (str_of (last_of (f, from, gtc_topic, NULL), "type"), ==, "LIMIT");
  qd_paper_venue_step (f->venue, 3600 * SEC);
  qd_paper_venue_set_touch (f->venue, "AAPL.NASDAQ", "89.98", "89.99", "300", "300");
  g_free (t2);
  t2 = order_trace (f, from, gtc);
  g_assert_cmpstr (t2, ==, LIFECYCLE " Filled:10@89.99");
  fixture_free (f);
}

/* Snapshots */

static void
test_snapshots (void)
{
  Fixture *f = fixture_new ();
  g_autofree char *id = submit (f, AAPL_BUY_500 ",\"order_type\":\"LIMIT\",\"price\":\"100.05\"");
  g_autofree char *r1 = NULL, *r2 = NULL, *topic = NULL;
  guint from = fixture_mark (f);
  JsonObject *pos, *order;

  r1 = send_cmd (f, "refresh_positions", NULL, TRUE);
  pos = last_of (f, from, "snapshots:positions:AAPL.NASDAQ-QuarterdeckBridge-001", NULL);
  g_assert_false (json_object_has_member (pos, "type"));
  g_assert_cmpfloat (json_object_get_double_member (pos, "signed_qty"), ==, 300.0);
  g_assert_cmpstr (str_of (pos, "side"), ==, "LONG");
  g_assert_true (json_node_is_null (json_object_get_member (pos, "ts_closed")));
  /* Marked at the bid: (100.00 − 100.01) × 300 */
  g_assert_cmpstr (str_of (pos, "unrealized_pnl"), ==, "-3.00 USD");
  g_assert_nonnull (str_of (pos, "ts_snapshot"));

  r2 = send_cmd (f, "refresh_orders", NULL, TRUE);
  topic = g_strconcat ("snapshots:orders:", id, NULL);
  order = last_of (f, from, topic, NULL);
  g_assert_cmpstr (str_of (order, "type"), ==, "LIMIT");
  g_assert_cmpstr (str_of (order, "status"), ==, "PARTIALLY_FILLED");
  g_assert_cmpstr (str_of (order, "filled_qty"), ==, "300");
  g_assert_cmpstr (str_of (order, "price"), ==, "100.05");
  g_assert_cmpstr (str_of (order, "avg_px"), ==, "100.01");
  fixture_free (f);
}

/* Dialects and keys */

static void
test_iso_timestamps (void)
{
  Fixture *f = fixture_new_full (42, START_NS + 123456789, 0);
  g_autofree char *id = NULL;
  JsonObject *init;
  guint from;

  qd_paper_venue_set_iso_timestamps (f->venue, TRUE);
  qd_paper_venue_start (f->venue);
  from = fixture_mark (f);
  id = submit (f, "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"quantity\":\"10\","
                  "\"order_type\":\"LIMIT\",\"price\":\"50.00\"");
  init = last_of (f, from, ORDER_TOPIC, "OrderInitialized");
  g_assert_cmpstr (str_of (init, "ts_init"), ==, "2026-07-01T14:30:00.123456789Z");
  g_assert_cmpstr (str_of (init, "ts_event"), ==, "2026-07-01T14:30:00.123456789Z");
  /* Nested timestamps stay integers. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (init, "options"),
                                               "expire_time_ns"), ==, 0);
  /* Quotes carry IB's whole-second event time. */
  g_assert_cmpstr (str_of (last_of (f, 0, "data.quotes.NASDAQ.AAPL", NULL), "ts_event"), ==,
                   "2026-07-01T14:30:00Z");
  fixture_free (f);
}

static void
test_per_topic_keys (void)
{
  Fixture *f = fixture_new_full (42, START_NS, 0);
  g_auto(GStrv) streams = NULL;
  QdMemoryBus *bus = QD_MEMORY_BUS (f->bus);
  g_autoptr(GPtrArray) dump = NULL;

  qd_paper_venue_set_per_topic (f->venue, TRUE);
  qd_paper_venue_start (f->venue);
  qd_paper_venue_step (f->venue, 5 * SEC);
  streams = qd_memory_bus_list_streams (bus);
  g_assert_true (g_strv_contains ((const char * const *) streams,
                                  "trader-TESTER-001:stream:data.quotes.NASDAQ.AAPL"));
  g_assert_true (g_strv_contains ((const char * const *) streams,
                                  "trader-TESTER-001:stream:health:heartbeat"));
  g_assert_true (g_strv_contains ((const char * const *) streams,
                                  "trader-TESTER-001:stream:events.system.INTERACTIVE_BROKERS"));
  g_assert_cmpuint (qd_memory_bus_get_stream_length (bus, STREAM), ==, 0);
  dump = qd_memory_bus_dump_stream (bus, "trader-TESTER-001:stream:data.instrument.CME.ESZ6");
  g_assert_cmpuint (dump->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (dump, 0), "data.instrument.CME.ESZ6\n{"));
  fixture_free (f);
}

/* Determinism */

static GPtrArray *
scripted_run (guint64 seed)
{
  Fixture *f = fixture_new_full (seed, START_NS, 50);
  GPtrArray *dump;
  guint i;

  qd_paper_venue_start (f->venue);
  for (i = 0; i < 30; i++)
    {
      if (i % 10 == 3)
        g_free (submit (f, "\"instrument_id\":\"SPY.ARCA\",\"side\":\"BUY\",\"quantity\":\"50\","
                           "\"order_type\":\"MARKET\""));
      if (i % 10 == 7)
        g_free (submit (f, "\"instrument_id\":\"SPY.ARCA\",\"side\":\"SELL\",\"quantity\":\"80\","
                           "\"order_type\":\"LIMIT\",\"price\":\"617.45\","
                           "\"time_in_force\":\"GTC\""));
      qd_paper_venue_step (f->venue, SEC);
    }
  g_assert_cmpuint (qd_paper_venue_get_n_published (f->venue), >, 1500);
  g_assert_cmpint (qd_paper_venue_get_time (f->venue), ==, START_NS + 30 * SEC);
  dump = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), STREAM);
  fixture_free (f);
  return dump;
}

static void
test_determinism (void)
{
  g_autoptr(GPtrArray) a = scripted_run (7);
  g_autoptr(GPtrArray) b = scripted_run (7);
  g_autoptr(GPtrArray) c = scripted_run (8);
  guint i, differing = 0;

  g_assert_cmpuint (a->len, ==, b->len);
  for (i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
  for (i = 0; i < MIN (a->len, c->len); i++)
    differing += strcmp (g_ptr_array_index (a, i), g_ptr_array_index (c, i)) != 0;
  g_assert_cmpuint (differing, >, a->len / 2);
}

/* Commands arrive through the bus as a node's ingress reads them. */

static void
test_command_stream (void)
{
  Fixture *f = fixture_new ();
  const char *json = "{\"cmd\":\"submit\",\"request_id\":\"via-bus\","
                     "\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"quantity\":\"5\","
                     "\"order_type\":\"MARKET\"}";
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_true (qd_bus_append (f->bus, "quarterdeck:commands:TESTER-001", "quarterdeck.commands",
                                json, -1, 10000, NULL, &error));
  g_assert_no_error (error);
  while (ack_for (f, "via-bus") == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (ack_for (f, "via-bus"));
  g_assert_true (json_object_get_boolean_member (ack_for (f, "via-bus"), "ok"));
  g_assert_cmpstr (str_of (last_of (f, 0, ORDER_TOPIC, "OrderFilled"), "last_px"), ==, "100.00");
  fixture_free (f);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paper-venue/startup", test_startup);
  for (i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_autofree char *path = g_strconcat ("/paper-venue/matrix/", matrix[i].path, NULL);
      g_test_add_data_func (path, &matrix[i], test_matrix);
    }
  g_test_add_func ("/paper-venue/fills/market", test_market_fills);
  g_test_add_func ("/paper-venue/fills/flip", test_position_flip);
  g_test_add_func ("/paper-venue/fills/futures-and-fx", test_futures_and_fx);
  g_test_add_func ("/paper-venue/modify/then-fill", test_modify_then_fill);
  g_test_add_func ("/paper-venue/cancel/after-partial", test_cancel_after_partial);
  g_test_add_func ("/paper-venue/reject/unknown-and-finished", test_reject_unknown_and_finished);
  g_test_add_func ("/paper-venue/reject/margin", test_margin_reject);
  g_test_add_func ("/paper-venue/commands/bad", test_bad_commands);
  g_test_add_func ("/paper-venue/commands/not-running", test_not_running);
  g_test_add_func ("/paper-venue/commands/cancel-all", test_cancel_all);
  g_test_add_func ("/paper-venue/commands/subscriptions", test_subscriptions);
  g_test_add_func ("/paper-venue/commands/stream", test_command_stream);
  g_test_add_func ("/paper-venue/time/heartbeat-and-republish", test_heartbeat_and_republish);
  g_test_add_func ("/paper-venue/time/day-expiry", test_day_expiry);
  g_test_add_func ("/paper-venue/snapshots", test_snapshots);
  g_test_add_func ("/paper-venue/dialect/iso-timestamps", test_iso_timestamps);
  g_test_add_func ("/paper-venue/dialect/per-topic-keys", test_per_topic_keys);
  g_test_add_func ("/paper-venue/determinism", test_determinism);

  return g_test_run ();
}
