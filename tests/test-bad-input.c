/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <string.h>

#include "qd-codec.h"
#include "qd-json-guard.h"
#include "qd-test-util.h"

/*
 * Hostile and broken bus entries: each gives its documented error code, never a crash,
 * never a g_warning (the suite runs with fatal warnings), and is counted in the stats.
 */

#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"

typedef struct
{
  const char *file;
  const char *topic;
} Fixture;

static const Fixture fixtures[] = {
  { "native/AccountState.json", "events.account.INTERACTIVE_BROKERS-DU1234567" },
  { "native/OrderInitialized.json", ORDER_TOPIC },
  { "native/OrderInitialized-stop-limit.json", ORDER_TOPIC },
  { "native/OrderSubmitted.json", ORDER_TOPIC },
  { "native/OrderAccepted.json", ORDER_TOPIC },
  { "native/OrderRejected.json", ORDER_TOPIC },
  { "native/OrderUpdated.json", ORDER_TOPIC },
  { "native/OrderCanceled.json", ORDER_TOPIC },
  { "native/OrderFilled.json", ORDER_TOPIC },
  { "native/OrderCancelRejected.json", ORDER_TOPIC },
  { "native/PositionOpened.json", "events.position.QuarterdeckBridge-001" },
  { "native/PositionChanged.json", "events.position.QuarterdeckBridge-001" },
  { "native/PositionClosed.json", "events.position.QuarterdeckBridge-001" },
  { "native/QuoteTick.json", "data.quotes.NASDAQ.AAPL" },
  { "native/TradeTick.json", "data.trades.NASDAQ.AAPL" },
  { "native/Bar.json", "data.bars.AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL" },
  { "native/Equity.json", "data.instrument.NASDAQ.AAPL" },
  { "native/CurrencyPair.json", "data.instrument.IDEALPRO.EUR/USD" },
  { "native/ComponentStateChanged-credentials.json", "events.system.INTERACTIVE_BROKERS" },
  { "native/TradingStateChanged-halted.json", "events.risk" },
  { "native/snapshot-order.json", "snapshots:orders:O-20260701-143012-001-001-1" },
  { "native/snapshot-position.json", "snapshots:positions:AAPL.NASDAQ-QuarterdeckBridge-001" },
  { "seed/connection.json", "adapter.interactive_brokers.connection" },
  { "seed/account.json", "adapter.interactive_brokers.account" },
  { "seed/position.json", "adapter.interactive_brokers.position" },
  { "seed/order.json", "adapter.interactive_brokers.order" },
  { "seed/ack-ok.json", "quarterdeck.acks" },
  { "iso/QuoteTick.json", "historical.data.quotes.NASDAQ.AAPL" },
  { "iso/OrderFilled.json", "events.fills.AAPL.NASDAQ" },
};

static GBytes *
load_fixture (const char *name)
{
  gsize len;
  char *contents = qd_test_load_fixture (&len, name, NULL);

  return g_bytes_new_take (contents, len);
}

static guint64
total_outcomes (const QdCodecStats *stats)
{
  guint64 n = stats->decoded;
  guint i;

  for (i = 0; i < QD_CODEC_N_ERRORS; i++)
    n += stats->failed[i];
  return n;
}

/* Decode and check the contract either way; TRUE when it decoded. */
static gboolean
decode_checked (QdCodec    *codec,
                const char *topic,
                const char *payload,
                gsize       len,
                GError    **error_out)
{
  g_autoptr(GError) error = NULL;
  guint64 before = total_outcomes (qd_codec_get_stats (codec));
  QdEvent event;
  gboolean ok;

  ok = qd_codec_decode (codec, topic, payload, len, &event, &error);
  g_assert_cmpuint (total_outcomes (qd_codec_get_stats (codec)), ==, before + 1);
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpint (event.kind, !=, QD_EVENT_NONE);
      g_assert_cmpstr (event.topic, ==, topic);
      qd_event_clear (&event);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == QD_CODEC_ERROR);
      g_assert_cmpint (error->code, >=, 0);
      g_assert_cmpint (error->code, <, QD_CODEC_N_ERRORS);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpint (event.kind, ==, QD_EVENT_NONE);
      g_assert_null (event.topic);
      g_assert_null (event.event_id);
    }

  if (error_out != NULL)
    *error_out = g_steal_pointer (&error);
  return ok;
}

static void
assert_fails_len (QdCodec      *codec,
                  const char   *topic,
                  const char   *payload,
                  gsize         len,
                  QdCodecError  code,
                  const char   *in_message)
{
  g_autoptr(GError) error = NULL;
  guint64 failed_before = qd_codec_get_stats (codec)->failed[code];

  if (decode_checked (codec, topic, payload, len, &error))
    g_error ("decoded: %.*s", (int) MIN (len, 200), payload);
  if (error->code != (int) code)
    g_error ("expected code %d, got %d (%s) for %.*s", code, error->code, error->message,
             (int) MIN (len, 200), payload);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("\"%s\" not in \"%s\"", in_message, error->message);
  g_assert_cmpuint (qd_codec_get_stats (codec)->failed[code], ==, failed_before + 1);
}

static void
assert_fails (QdCodec      *codec,
              const char   *topic,
              const char   *payload,
              QdCodecError  code,
              const char   *in_message)
{
  assert_fails_len (codec, topic, payload, strlen (payload), code, in_message);
}

/* ---- the guard on its own --------------------------------------------------------------- */

static void
test_guard (void)
{
  static const char *const valid[] = {
    "{}", "[]", "\"x\"", "0", "-0.5e+3", "1E9", "true", " null ",
    "{\"a\":[1,{\"b\":null}],\"c\":\"\\u00e9\\ud83d\\ude00\\n\\/\",\"d\":\"caf\xc3\xa9\"}",
    "{\"max\":9223372036854775807,\"min\":-9223372036854775808,\"f\":1.5e308}",
    " \t\r\n{ \"a\" : [ 1 , 2 ] }\n",
  };
  static const char *const malformed[] = {
    "{\"a\":1,}", "{'a':1}", "{/*c*/}", "{\"a\":01}", "{\"a\":0x10}", "{\"a\":.5}",
    "{\"a\":1.}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":1}{}", "{\"a\":1} x", "{\"a\"}",
    "{\"a\":\"x\\u0000\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\ud83dx\"}",
    "{\"a\":\"tab\there\"}", "{\"a\":99999999999999999999}", "{\"a\":-9223372036854775809}",
    "{\"a\":tru}", "{\"a\":1", "[1,2", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
    "{\"a\":\"\xff\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xe2\x82\"}",
    "{\"a\":1]", "[1}", "{1:2}", "{\"a\" 1}", "{,}", "[,1]", "\"unterminated", "nul",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!qd_json_guard_check (valid[i], strlen (valid[i]), 32, &error))
        g_error ("guard rejected %s: %s", valid[i], error->message);
    }
  for (i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      if (qd_json_guard_check (malformed[i], strlen (malformed[i]), 32, &error))
        g_error ("guard accepted %s", malformed[i]);
      g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "at byte"));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (qd_json_guard_check ("[[[1]]]", 7, 3, NULL));
    g_assert_false (qd_json_guard_check ("[[[[1]]]]", 9, 3, &error));
    g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_TOO_DEEP);
    g_clear_error (&error);
    g_assert_false (qd_json_guard_check ("  ", 2, 3, &error));
    g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_NOT_JSON);
    g_clear_error (&error);
    g_assert_false (qd_json_guard_check ("{\"a\":1}\0", 8, 3, &error));
    g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);
  }
}

static char *
nested (const char *open,
        const char *middle,
        const char *close,
        guint       depth)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (i = 0; close != NULL && i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_deep_nesting (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autofree char *arrays = nested ("[", "", NULL, 100000);
  g_autofree char *arrays_closed = nested ("[", "1", "]", 100000);
  g_autofree char *objects = nested ("{\"a\":", "1", "}", 100000);
  g_autofree char *in_quote = NULL;
  g_autoptr(GError) error = NULL;

  /* Not an object at all, whatever its depth. */
  assert_fails (codec, "events.order.X", arrays, QD_CODEC_ERROR_NOT_JSON, NULL);
  assert_fails (codec, "events.order.X", objects, QD_CODEC_ERROR_TOO_DEEP, NULL);
  assert_fails (codec, "data.quotes.NASDAQ.AAPL", objects, QD_CODEC_ERROR_TOO_DEEP, NULL);
  in_quote = g_strdup_printf ("{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\","
                              "\"x\":%s}", arrays_closed);
  assert_fails (codec, "data.quotes.NASDAQ.AAPL", in_quote, QD_CODEC_ERROR_TOO_DEEP, NULL);

  /* The guard itself copes with any depth limit, without recursing. */
  g_assert_false (qd_json_guard_check (arrays, strlen (arrays), 32, &error));
  g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_true (qd_json_guard_check (arrays_closed, strlen (arrays_closed), 200000, NULL));
  g_assert_true (qd_json_guard_check (objects, strlen (objects), G_MAXUINT, NULL));
  g_assert_false (qd_json_guard_check (arrays, strlen (arrays), G_MAXUINT, &error));
  g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);

  /* Just inside and just past the codec's own limit. */
  qd_codec_set_max_depth (codec, 3);
  assert_fails (codec, "events.risk", "{\"a\":{\"b\":{\"c\":{}}}}", QD_CODEC_ERROR_TOO_DEEP, NULL);
  assert_fails (codec, "events.risk", "{\"a\":{\"b\":{}}}", QD_CODEC_ERROR_UNKNOWN_TYPE, NULL);
}

static void
test_too_large (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GString) big = g_string_new ("{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\","
                                         "\"bid_price\":\"187.22\",\"ask_price\":\"187.24\","
                                         "\"bid_size\":\"300\",\"ask_size\":\"200\","
                                         "\"ts_event\":\"1782916212000000000\","
                                         "\"ts_init\":\"1782916212004518221\",\"pad\":\"");

  while (big->len < 10 * 1024 * 1024)
    g_string_append (big, "0123456789abcdef");
  g_string_append (big, "\"}");

  assert_fails_len (codec, "data.quotes.NASDAQ.AAPL", big->str, big->len,
                    QD_CODEC_ERROR_TOO_LARGE, "bytes");
  assert_fails_len (codec, "health:heartbeat", big->str, big->len, QD_CODEC_ERROR_TOO_LARGE,
                    NULL);

  /* With the cap raised it is just a quote with a long key we ignore. */
  qd_codec_set_max_payload (codec, 16 * 1024 * 1024);
  g_assert_true (decode_checked (codec, "data.quotes.NASDAQ.AAPL", big->str, big->len, NULL));
  g_assert_true (decode_checked (codec, "events.order.X", big->str, big->len, NULL));
}

static void
test_msgpack (void)
{
  /* {"type": "QuoteTick"} and friends as msgpack maps: fixmap, map16, map32. */
  static const char fixmap[] = "\x81\xa4type\xa9QuoteTick";
  static const char map16[] = "\xde\x00\x01\xa4type\xa3" "Bar";
  static const char map32[] = "\xdf\x00\x00\x00\x01\xa4type\xa3" "Bar";
  g_autoptr(QdCodec) codec = qd_codec_new ();

  assert_fails_len (codec, "data.quotes.NASDAQ.AAPL", fixmap, sizeof fixmap - 1,
                    QD_CODEC_ERROR_MSGPACK, "encoding must be json");
  assert_fails_len (codec, ORDER_TOPIC, map16, sizeof map16 - 1, QD_CODEC_ERROR_MSGPACK, NULL);
  assert_fails_len (codec, ORDER_TOPIC, map32, sizeof map32 - 1, QD_CODEC_ERROR_MSGPACK, NULL);
  g_assert_cmpuint (qd_codec_get_stats (codec)->failed[QD_CODEC_ERROR_MSGPACK], ==, 3);
}

static void
test_not_json (void)
{
  static const char *const payloads[] = {
    "", "   \n", "[1]", "\"hello\"", "42", "null", "hello", "<html>", "\xef\xbb\xbf{}",
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (payloads); i++)
    assert_fails (codec, ORDER_TOPIC, payloads[i], QD_CODEC_ERROR_NOT_JSON, NULL);

  /* A NULL payload of length 0 is an empty one. */
  assert_fails_len (codec, ORDER_TOPIC, NULL, 0, QD_CODEC_ERROR_NOT_JSON, "empty");
  /* A NULL topic is allowed; the payload's type still decides. */
  assert_fails_len (codec, NULL, "{}", 2, QD_CODEC_ERROR_UNKNOWN_TYPE, NULL);
}

static void
test_truncated (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (fixtures[i].file);
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      gsize cut;

      g_assert_true (decode_checked (codec, fixtures[i].topic, data, len, NULL));
      for (cut = 1; cut < len; cut++)
        assert_fails_len (codec, fixtures[i].topic, data, cut, QD_CODEC_ERROR_MALFORMED, NULL);
    }
}

/* Length of the JSON value that starts at s. */
static gsize
value_length (const char *s)
{
  const char *p;
  gboolean in_string = FALSE;
  int depth = 0;

  for (p = s; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;
          else if (*p == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                return p + 1 - s;
            }
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (depth == 0)
            return p - s;   /* the end of the enclosing object */
          if (--depth == 0)
            return p + 1 - s;
        }
      else if (*p == ',' && depth == 0)
        return p - s;
    }
  return p - s;
}

/*
 * The fixture text with the first "key": value replaced by value_json, or removed when
 * value_json is NULL. Textual, so odd values (1e400, 20-digit integers) reach the codec
 * as written.
 */
static char *
with_member (const char *file,
             const char *key,
             const char *value_json)
{
  g_autoptr(GBytes) bytes = load_fixture (file);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *needle = g_strdup_printf ("\"%s\":", key);
  char *member = strstr (text, needle);
  char *value;
  char *after;

  g_assert_nonnull (member);
  value = member + strlen (needle);
  after = value + value_length (value);

  if (value_json != NULL)
    return g_strdup_printf ("%.*s%s%s", (int) (value - text), text, value_json, after);
  if (*after == ',')
    after++;
  else if (member[-1] == ',')
    member--;
  return g_strdup_printf ("%.*s%s", (int) (member - text), text, after);
}

typedef struct
{
  const char  *file;
  const char  *topic;
  const char  *key;
  const char  *value;   /* NULL: remove the key */
  QdCodecError code;
} MemberCase;

static void
run_member_cases (const MemberCase *cases,
                  guint             n)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autofree char *payload = with_member (cases[i].file, cases[i].key, cases[i].value);

      assert_fails (codec, cases[i].topic, payload, cases[i].code,
                    strcmp (cases[i].key, "type") == 0 ? NULL : cases[i].key);
    }
}

#define QUOTE "native/QuoteTick.json", "data.quotes.NASDAQ.AAPL"
#define TRADE "native/TradeTick.json", "data.trades.NASDAQ.AAPL"
#define BAR "native/Bar.json", "data.bars.AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL"
#define ACCOUNT "native/AccountState.json", "events.account.INTERACTIVE_BROKERS-DU1234567"
#define INIT "native/OrderInitialized.json", ORDER_TOPIC
#define FILL "native/OrderFilled.json", ORDER_TOPIC
#define UPDATE "native/OrderUpdated.json", ORDER_TOPIC
#define OPENED "native/PositionOpened.json", "events.position.S"
#define CLOSED "native/PositionClosed.json", "events.position.S"
#define EQUITY "native/Equity.json", "data.instrument.NASDAQ.AAPL"
#define COMPONENT "native/ComponentStateChanged.json", "events.system.IB"
#define TRADING "native/TradingStateChanged-halted.json", "events.risk"
#define ORDER_SNAP "native/snapshot-order.json", "snapshots:orders:O-1"
#define POSITION_SNAP "native/snapshot-position.json", "snapshots:positions:P-1"
#define SEED_CONN "seed/connection.json", "adapter.interactive_brokers.connection"
#define SEED_ACCOUNT "seed/account.json", "adapter.interactive_brokers.account"
#define SEED_POSITION "seed/position.json", "adapter.interactive_brokers.position"
#define SEED_ORDER "seed/order.json", "adapter.interactive_brokers.order"
#define ACK "seed/ack-ok.json", "quarterdeck.acks"

static void
test_wrong_types (void)
{
  static const MemberCase cases[] = {
    { QUOTE, "bid_price", "187.22", QD_CODEC_ERROR_WRONG_TYPE },
    { QUOTE, "instrument_id", "[\"AAPL.NASDAQ\"]", QD_CODEC_ERROR_WRONG_TYPE },
    { QUOTE, "ts_event", "1.7829162e18", QD_CODEC_ERROR_WRONG_TYPE },
    { QUOTE, "type", "5", QD_CODEC_ERROR_WRONG_TYPE },
    { TRADE, "size", "true", QD_CODEC_ERROR_WRONG_TYPE },
    { TRADE, "trade_id", "{}", QD_CODEC_ERROR_WRONG_TYPE },
    { BAR, "bar_type", "5", QD_CODEC_ERROR_WRONG_TYPE },
    { BAR, "volume", "1200", QD_CODEC_ERROR_WRONG_TYPE },
    { ACCOUNT, "balances", "{}", QD_CODEC_ERROR_WRONG_TYPE },
    { ACCOUNT, "balances", "[\"1000 USD\"]", QD_CODEC_ERROR_WRONG_TYPE },
    { ACCOUNT, "reported", "\"yes\"", QD_CODEC_ERROR_WRONG_TYPE },
    { ACCOUNT, "info", "[]", QD_CODEC_ERROR_WRONG_TYPE },
    { INIT, "quantity", "100", QD_CODEC_ERROR_WRONG_TYPE },
    { INIT, "options", "\"LIMIT 187.10\"", QD_CODEC_ERROR_WRONG_TYPE },
    { INIT, "tags", "5", QD_CODEC_ERROR_WRONG_TYPE },
    { INIT, "tags", "[\"qd:req=1\",2]", QD_CODEC_ERROR_WRONG_TYPE },
    { INIT, "post_only", "0", QD_CODEC_ERROR_WRONG_TYPE },
    { FILL, "last_px", "187.1", QD_CODEC_ERROR_WRONG_TYPE },
    { FILL, "commission", "1.0", QD_CODEC_ERROR_WRONG_TYPE },
    { FILL, "client_order_id", "1", QD_CODEC_ERROR_WRONG_TYPE },
    { UPDATE, "price", "187.15", QD_CODEC_ERROR_WRONG_TYPE },
    { OPENED, "avg_px_open", "true", QD_CODEC_ERROR_WRONG_TYPE },
    { OPENED, "quantity", "100", QD_CODEC_ERROR_WRONG_TYPE },
    { OPENED, "realized_pnl", "-1.0", QD_CODEC_ERROR_WRONG_TYPE },
    { CLOSED, "ts_closed", "1.5", QD_CODEC_ERROR_WRONG_TYPE },
    { EQUITY, "price_precision", "\"2\"", QD_CODEC_ERROR_WRONG_TYPE },
    { EQUITY, "price_increment", "0.01", QD_CODEC_ERROR_WRONG_TYPE },
    { COMPONENT, "state", "1", QD_CODEC_ERROR_WRONG_TYPE },
    { COMPONENT, "config", "\"secret\"", QD_CODEC_ERROR_WRONG_TYPE },
    { TRADING, "state", "1", QD_CODEC_ERROR_WRONG_TYPE },
    { TRADING, "event_id", "7", QD_CODEC_ERROR_WRONG_TYPE },
    { ORDER_SNAP, "status", "3", QD_CODEC_ERROR_WRONG_TYPE },
    { ORDER_SNAP, "avg_px", "{}", QD_CODEC_ERROR_WRONG_TYPE },
    { POSITION_SNAP, "signed_qty", "[]", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_CONN, "port", "\"4002\"", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_CONN, "connected", "\"yes\"", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_ACCOUNT, "net_liquidation", "true", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_POSITION, "contract_id", "1.5", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_ORDER, "total_quantity", "[]", QD_CODEC_ERROR_WRONG_TYPE },
    { SEED_ORDER, "client_id", "1.0", QD_CODEC_ERROR_WRONG_TYPE },
    { ACK, "ok", "\"true\"", QD_CODEC_ERROR_WRONG_TYPE },
  };

  run_member_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_missing_fields (void)
{
  static const MemberCase cases[] = {
    { QUOTE, "ask_size", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { QUOTE, "ts_init", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { QUOTE, "instrument_id", "null", QD_CODEC_ERROR_MISSING_FIELD },
    { TRADE, "price", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { BAR, "volume", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { BAR, "bar_type", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { ACCOUNT, "account_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { ACCOUNT, "ts_event", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { INIT, "client_order_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { INIT, "order_side", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { INIT, "quantity", "null", QD_CODEC_ERROR_MISSING_FIELD },
    { FILL, "last_qty", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { FILL, "trade_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { FILL, "instrument_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { UPDATE, "quantity", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { OPENED, "position_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { OPENED, "side", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { OPENED, "ts_event", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { CLOSED, "ts_closed", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { EQUITY, "id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { EQUITY, "price_increment", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { COMPONENT, "component_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { TRADING, "state", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { ORDER_SNAP, "status", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { POSITION_SNAP, "side", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { SEED_CONN, "host", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { SEED_ACCOUNT, "currency", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { SEED_POSITION, "symbol", NULL, QD_CODEC_ERROR_MISSING_FIELD },
    { SEED_ORDER, "status", "null", QD_CODEC_ERROR_MISSING_FIELD },
    { ACK, "request_id", NULL, QD_CODEC_ERROR_MISSING_FIELD },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();

  run_member_cases (cases, G_N_ELEMENTS (cases));

  assert_fails (codec, "events.account.A",
                "{\"type\":\"AccountState\",\"account_id\":\"A\",\"balances\":[{\"total\":\"1\","
                "\"locked\":\"0\",\"free\":\"1\"}],\"ts_event\":\"1\",\"ts_init\":\"1\"}",
                QD_CODEC_ERROR_MISSING_FIELD, "currency");
  assert_fails (codec, "data.quotes.NASDAQ.AAPL", "{\"type\":\"QuoteTick\"}",
                QD_CODEC_ERROR_MISSING_FIELD, NULL);
}

static void
test_malformed_values (void)
{
  static const MemberCase cases[] = {
    { QUOTE, "bid_price", "\"187.1234567891\"", QD_CODEC_ERROR_MALFORMED },   /* 10 decimals */
    { QUOTE, "bid_size", "\"99999999999999999999\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ask_price", "\"1e5\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ask_price", "\"NaN\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ask_price", "\" 187.24\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "instrument_id", "\"\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ts_event", "\"17829162120000000000\"", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ts_event", "-1", QD_CODEC_ERROR_MALFORMED },
    { QUOTE, "ts_init", "\"2026-07-01T14:30:12\"", QD_CODEC_ERROR_MALFORMED },
    { TRADE, "price", "\"187,23\"", QD_CODEC_ERROR_MALFORMED },
    { BAR, "bar_type", "\"AAPL.NASDAQ\"", QD_CODEC_ERROR_MALFORMED },
    { FILL, "commission", "\"1.00 US$\"", QD_CODEC_ERROR_MALFORMED },
    { FILL, "currency", "\"USDOLLARSANDCENTS\"", QD_CODEC_ERROR_MALFORMED },
    { OPENED, "avg_px_open", "1e400", QD_CODEC_ERROR_MALFORMED },
    { OPENED, "signed_qty", "1e300", QD_CODEC_ERROR_MALFORMED },
    /* A decimal's raw value stops at -G_MAXINT64 (this used to be a g_critical). */
    { OPENED, "signed_qty", "-9223372036854775808", QD_CODEC_ERROR_MALFORMED },
    { SEED_POSITION, "avg_cost", "-9223372036854775808", QD_CODEC_ERROR_MALFORMED },
    { EQUITY, "price_precision", "12", QD_CODEC_ERROR_MALFORMED },
    { EQUITY, "price_precision", "-2", QD_CODEC_ERROR_MALFORMED },
    { ORDER_SNAP, "status", "\"WEIRD\"", QD_CODEC_ERROR_MALFORMED },
    { SEED_ACCOUNT, "net_liquidation", "1e300", QD_CODEC_ERROR_MALFORMED },
    { SEED_CONN, "port", "4294967296", QD_CODEC_ERROR_MALFORMED },
    { SEED_CONN, "last_heartbeat", "\"yesterday\"", QD_CODEC_ERROR_MALFORMED },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();

  run_member_cases (cases, G_N_ELEMENTS (cases));

  /* Integers past 64 bits (json-glib would wrap them) are refused by the guard. */
  assert_fails (codec, "data.quotes.NASDAQ.AAPL",
                "{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\",\"bid_price\":\"1\","
                "\"ask_price\":\"1\",\"bid_size\":\"1\",\"ask_size\":\"1\","
                "\"ts_event\":99999999999999999999,\"ts_init\":\"1\"}",
                QD_CODEC_ERROR_MALFORMED, "integer too big");
}

static void
test_unknown_types (void)
{
  static const Fixture unknown[] = {
    { "native/OrderBookDeltas.json", "data.book.deltas.NASDAQ.AAPL" },
    { "native/SubmitOrder.json", "commands.trading.INTERACTIVE_BROKERS" },
    { "native/InstrumentStatus.json", "data.status.NASDAQ.AAPL" },
    { "native/BettingInstrument.json", "data.instrument.BETFAIR.X" },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (unknown[i].file);

      assert_fails_len (codec, unknown[i].topic, g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes), QD_CODEC_ERROR_UNKNOWN_TYPE, "is not decoded");
    }

  assert_fails (codec, ORDER_TOPIC, "{\"type\":\"Whatever\",\"x\":1}",
                QD_CODEC_ERROR_UNKNOWN_TYPE, "Whatever");
  assert_fails (codec, ORDER_TOPIC, "{\"type\":null}", QD_CODEC_ERROR_UNKNOWN_TYPE, NULL);
  assert_fails (codec, "requests.abc", "{\"instrument_id\":\"AAPL.NASDAQ\"}",
                QD_CODEC_ERROR_UNKNOWN_TYPE, "requests.abc");
  assert_fails (codec, "adapter.interactive_brokers.news", "{\"headline\":\"x\"}",
                QD_CODEC_ERROR_UNKNOWN_TYPE, NULL);
  g_assert_cmpuint (qd_codec_get_stats (codec)->failed[QD_CODEC_ERROR_UNKNOWN_TYPE], ==, 8);
  g_assert_cmpuint (qd_codec_get_stats (codec)->decoded, ==, 0);
}

static void
test_invalid_utf8 (void)
{
  static const char *const payloads[] = {
    "{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL\xff.NASDAQ\",\"bid_price\":\"1\","
    "\"ask_price\":\"1\",\"bid_size\":\"1\",\"ask_size\":\"1\",\"ts_event\":\"1\",\"ts_init\":\"1\"}",
    "{\"type\":\"OrderCanceled\",\"client_order_id\":\"O-\xc0\xaf\"}",
    "{\"type\":\"OrderCanceled\",\"client_order_id\":\"O-\xed\xa0\x80\"}",
    "{\"type\":\"OrderCanceled\",\"client_order_id\":\"O-\xf4\x90\x80\x80\"}",
    "{\"type\":\"OrderCanceled\",\"reason\":\"trunc\xe2\x82\"}",
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (payloads); i++)
    assert_fails (codec, i == 0 ? "data.quotes.NASDAQ.AAPL" : ORDER_TOPIC, payloads[i],
                  QD_CODEC_ERROR_MALFORMED, "UTF-8");
  assert_fails (codec, "health:heartbeat", "2026-07-01T14:30:12\xff+00:00",
                QD_CODEC_ERROR_MALFORMED, NULL);
}

static void
test_random_bytes (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260701);
  guint8 buf[600];
  guint i, j;

  for (i = 0; i < 5000; i++)
    {
      gsize len = g_rand_int_range (rand, 0, sizeof buf);
      const char *topic = (i % 3) == 0 ? "data.quotes.NASDAQ.AAPL" :
                          (i % 3) == 1 ? "health:heartbeat" : ORDER_TOPIC;

      for (j = 0; j < len; j++)
        buf[j] = (guint8) g_rand_int_range (rand, 0, 256);
      /* Half start like an object so they get past the first checks. */
      if (len > 0 && (i & 1))
        buf[0] = '{';
      decode_checked (codec, topic, (const char *) buf, len, NULL);
    }
  g_assert_cmpuint (total_outcomes (qd_codec_get_stats (codec)), ==, 5000);
}

/* ---- random mutations of valid entries -------------------------------------------------- */

static const char *const tokens[] = {
  "{", "}", "[", "]", "\"", "\\", ",", ":", "0", "-", ".", "e", "null", "true", " ", "\n",
  "\\u0000", "\\ud800", "\\u00e9", "\\n", "\xff", "\xc3\xa9", "\xed\xa0\x80",
  "99999999999999999999", "1e400", "\"type\":\"Bar\",", "{\"a\":{}}", "[[[[[[[[[[",
  "\"ts_event\":\"1\",", "2026-07-01T14:30:12Z", "\"\",",
};

static void
mutate_once (GRand   *rand,
             GString *s)
{
  gsize pos = s->len > 0 ? (gsize) g_rand_int_range (rand, 0, s->len) : 0;
  gsize n = g_rand_int_range (rand, 1, 9);

  n = MIN (n, s->len - pos);

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      if (s->len > 0)
        s->str[pos] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      break;
    case 1:
      if (s->len > 0)
        s->str[pos] = (char) g_rand_int_range (rand, 0, 256);
      break;
    case 2:
      g_string_truncate (s, pos);
      break;
    case 3:
      g_string_insert (s, pos, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
      break;
    case 4:
      g_string_erase (s, pos, n);
      break;
    default:
      {
        g_autofree char *slice = g_strndup (s->str + pos, n);

        g_string_insert_len (s, g_rand_int_range (rand, 0, s->len + 1), slice, n);
      }
      break;
    }
}

static void
assert_same_decimal (QdDecimal a,
                     QdDecimal b)
{
  g_assert_cmpint (a.raw, ==, b.raw);
  g_assert_cmpint (a.scale, ==, b.scale);
}

/* Ticks are all the fast path produces. */
static void
assert_same_tick (const QdEvent *a,
                  const QdEvent *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->ts_event, ==, b->ts_event);
  g_assert_cmpint (a->ts_init, ==, b->ts_init);
  g_assert_null (a->event_id);
  g_assert_null (b->event_id);
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

/* Whatever the fast path accepted, the tape decoder must read the same (a nested key
 * forces it). */
static void
check_fast_against_slow (QdCodec    *codec,
                         const char *topic,
                         GString    *payload)
{
  g_autoptr(GString) slow = g_string_new_len (payload->str, payload->len);
  g_autoptr(GError) error = NULL;
  const char *brace = memchr (payload->str, '{', payload->len);
  QdEvent fast_event, slow_event;

  g_assert_nonnull (brace);
  g_string_insert (slow, brace - payload->str + 1, "\"qd_force_tape\":{},");
  g_assert_true (qd_codec_decode (codec, topic, payload->str, payload->len, &fast_event, NULL));
  if (!qd_codec_decode (codec, topic, slow->str, slow->len, &slow_event, &error))
    g_error ("fast path took what the tape decoder refuses (%s): %s", error->message, payload->str);
  assert_same_tick (&fast_event, &slow_event);
  qd_event_clear (&fast_event);
  qd_event_clear (&slow_event);
}

static void
test_mutations (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  GBytes *originals[G_N_ELEMENTS (fixtures)];
  guint decoded = 0, fast = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (fixtures); i++)
    originals[i] = load_fixture (fixtures[i].file);

  for (i = 0; i < 20000; i++)
    {
      guint which = g_rand_int_range (rand, 0, G_N_ELEMENTS (fixtures));
      g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (originals[which], NULL),
                                               g_bytes_get_size (originals[which]));
      guint64 fast_before = qd_codec_get_stats (codec)->fast_path;
      guint k, n = g_rand_int_range (rand, 1, 4);

      for (k = 0; k < n; k++)
        mutate_once (rand, s);
      if (!decode_checked (codec, fixtures[which].topic, s->str, s->len, NULL))
        continue;
      decoded++;
      if (qd_codec_get_stats (codec)->fast_path > fast_before)
        {
          fast++;
          check_fast_against_slow (codec, fixtures[which].topic, s);
        }
    }

  /* Some mutations (a flipped digit, a changed id) still decode, through both paths. */
  g_assert_cmpuint (decoded, >, 100);
  g_assert_cmpuint (fast, >, 10);
  for (i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_bytes_unref (originals[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bad-input/codec/guard", test_guard);
  g_test_add_func ("/bad-input/codec/deep-nesting", test_deep_nesting);
  g_test_add_func ("/bad-input/codec/too-large", test_too_large);
  g_test_add_func ("/bad-input/codec/msgpack", test_msgpack);
  g_test_add_func ("/bad-input/codec/not-json", test_not_json);
  g_test_add_func ("/bad-input/codec/truncated", test_truncated);
  g_test_add_func ("/bad-input/codec/wrong-types", test_wrong_types);
  g_test_add_func ("/bad-input/codec/missing-fields", test_missing_fields);
  g_test_add_func ("/bad-input/codec/malformed-values", test_malformed_values);
  g_test_add_func ("/bad-input/codec/unknown-types", test_unknown_types);
  g_test_add_func ("/bad-input/codec/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/bad-input/codec/random-bytes", test_random_bytes);
  g_test_add_func ("/bad-input/codec/mutations", test_mutations);

  return g_test_run ();
}
