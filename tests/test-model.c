/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "qd-account.h"
#include "qd-bar.h"
#include "qd-connection-status.h"
#include "qd-enum-types.h"
#include "qd-order.h"
#include "qd-position.h"
#include "qd-public-json.h"
#include "qd-quote.h"

/* 2026-07-01T14:30:12.004518221Z */
#define TS_EXAMPLE G_GINT64_CONSTANT (1782916212004518221)

static QdDecimal
dec (const char *text)
{
  QdDecimal value;

  if (!qd_decimal_parse (text, -1, &value, NULL))
    g_error ("bad decimal in test: %s", text);
  return value;
}

/* Notify counting: property name -> number of notifications. */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static GHashTable *
watch_notify (gpointer object)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (object, "notify", G_CALLBACK (count_notify), counts);
  return counts;
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static guint
notified_total (GHashTable *counts)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  return total;
}

/* Generic property checks over every writable property of a model. */

/* A value for pspec that differs from its default; variant 1 differs from variant 0. */
static void
sample_value (GParamSpec *pspec,
              guint       variant,
              GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, variant ? "second" : "first");
  else if (type == QD_TYPE_DECIMAL)
    /* Same value, different scale: still a change, since the scale is what is printed. */
    g_value_take_boxed (value, qd_decimal_copy (&(QdDecimal) { variant ? 1871 : 18710,
                                                              variant ? 1 : 2 }));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, TS_EXAMPLE + variant);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, variant ^ !G_PARAM_SPEC_BOOLEAN (pspec)->default_value);
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);

      g_value_set_int (value, CLAMP (ispec->default_value + 1 + (gint) variant,
                                     ispec->minimum, ispec->maximum));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      guint i = 0;

      while (klass->values[i].value != G_PARAM_SPEC_ENUM (pspec)->default_value)
        i++;
      g_value_set_enum (value, klass->values[(i + 1 + variant) % klass->n_values].value);
    }
  else
    g_error ("no sample for %s", g_type_name (type));
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, QD_TYPE_DECIMAL))
    {
      const QdDecimal *da = g_value_get_boxed (a);
      const QdDecimal *db = g_value_get_boxed (b);

      return qd_decimal_identical (*da, *db);
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
check_property (GObject    *object,
                GParamSpec *pspec)
{
  g_autoptr(GHashTable) counts = watch_notify (object);
  g_auto(GValue) first = G_VALUE_INIT;
  g_auto(GValue) second = G_VALUE_INIT;
  g_auto(GValue) got = G_VALUE_INIT;
  /* A status change also notifies the properties derived from it. */
  gboolean derived = g_str_equal (pspec->name, "status");

  g_test_message ("%s:%s", G_OBJECT_TYPE_NAME (object), pspec->name);
  sample_value (pspec, 0, &first);
  sample_value (pspec, 1, &second);

  g_object_set_property (object, pspec->name, &first);
  g_assert_cmpuint (notified (counts, pspec->name), ==, 1);
  if (!derived)
    g_assert_cmpuint (notified_total (counts), ==, 1);

  g_value_init (&got, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (object, pspec->name, &got);
  g_assert_true (values_equal (pspec, &first, &got));

  g_object_set_property (object, pspec->name, &first);
  g_assert_cmpuint (notified (counts, pspec->name), ==, 1);

  g_object_set_property (object, pspec->name, &second);
  g_assert_cmpuint (notified (counts, pspec->name), ==, 2);

  g_signal_handlers_disconnect_by_data (object, counts);
}

static void
check_all_properties (gpointer object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  guint checked = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];

      g_assert_true (pspec->flags & G_PARAM_STATIC_NAME);
      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      check_property (object, pspec);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
  g_assert_finalize_object (object);
}

static void
test_properties_notify_on_change (void)
{
  check_all_properties (qd_connection_status_new ());
  check_all_properties (qd_account_new ());
  check_all_properties (qd_position_new ("P-1"));
  check_all_properties (qd_order_new ("O-1"));
  check_all_properties (qd_quote_new ("AAPL.NASDAQ"));
  check_all_properties (qd_bar_new ("AAPL.NASDAQ-1-MINUTE-LAST-EXTERNAL"));
}

static void
test_defaults (void)
{
  g_autoptr(QdConnectionStatus) status = qd_connection_status_new ();
  g_autoptr(QdAccount) account = qd_account_new ();
  g_autoptr(QdPosition) position = qd_position_new ("P-1");
  g_autoptr(QdOrder) order = qd_order_new ("O-1");
  g_autoptr(QdQuote) quote = qd_quote_new ("AAPL.NASDAQ");
  g_autoptr(QdBar) bar = qd_bar_new ("AAPL.NASDAQ-1-MINUTE-LAST-EXTERNAL");

  g_assert_cmpint (qd_connection_status_get_port (status), ==, -1);
  g_assert_cmpint (qd_connection_status_get_client_id (status), ==, -1);
  g_assert_false (qd_connection_status_get_connected (status));
  g_assert_cmpint (qd_connection_status_get_bus_state (status), ==, QD_BUS_STATE_DISCONNECTED);

  g_assert_true (qd_decimal_is_none (qd_account_get_net_liquidation (account)));
  g_assert_cmpint (qd_account_get_timestamp (account), ==, 0);

  g_assert_cmpstr (qd_position_get_position_id (position), ==, "P-1");
  g_assert_true (qd_decimal_identical (qd_position_get_multiplier (position), dec ("1")));
  g_assert_cmpint (qd_position_get_price_precision (position), ==, 2);
  g_assert_true (qd_decimal_is_none (qd_position_get_position (position)));

  g_assert_cmpstr (qd_order_get_client_order_id (order), ==, "O-1");
  g_assert_cmpstr (qd_order_get_order_id (order), ==, "O-1");
  g_assert_cmpint (qd_order_get_client_id (order), ==, -1);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_INITIALIZED);
  g_assert_true (qd_order_get_is_working (order));
  g_assert_cmpstr (qd_order_get_ib_status (order), ==, "PendingSubmit");
  g_assert_cmpint (qd_order_get_price_precision (order), ==, 2);
  g_assert_cmpuint (qd_order_get_history (order)->len, ==, 0);

  g_assert_cmpstr (qd_quote_get_instrument_id (quote), ==, "AAPL.NASDAQ");
  g_assert_true (qd_decimal_is_none (qd_quote_get_bid (quote)));
  g_assert_cmpint (qd_quote_get_price_precision (quote), ==, 2);

  g_assert_cmpstr (qd_bar_get_bar_type (bar), ==, "AAPL.NASDAQ-1-MINUTE-LAST-EXTERNAL");
  g_assert_true (qd_decimal_is_none (qd_bar_get_close (bar)));
}

static void
test_setters_notify_on_change (void)
{
  g_autoptr(QdOrder) order = qd_order_new ("O-1");
  g_autoptr(GHashTable) counts = watch_notify (order);

  qd_order_set_limit_price (order, dec ("187.10"));
  qd_order_set_limit_price (order, dec ("187.10"));
  g_assert_cmpuint (notified (counts, "limit-price"), ==, 1);
  qd_order_set_limit_price (order, dec ("187.1"));
  g_assert_cmpuint (notified (counts, "limit-price"), ==, 2);
  qd_order_set_limit_price (order, QD_DECIMAL_NONE);
  qd_order_set_limit_price (order, QD_DECIMAL_NONE);
  g_assert_cmpuint (notified (counts, "limit-price"), ==, 3);
  g_assert_true (qd_decimal_is_none (qd_order_get_limit_price (order)));

  qd_order_set_symbol (order, "AAPL");
  qd_order_set_symbol (order, "AAPL");
  qd_order_set_symbol (order, NULL);
  qd_order_set_symbol (order, NULL);
  g_assert_cmpuint (notified (counts, "symbol"), ==, 2);

  qd_order_set_action (order, QD_ORDER_SIDE_BUY);
  qd_order_set_action (order, QD_ORDER_SIDE_BUY);
  g_assert_cmpuint (notified (counts, "action"), ==, 1);

  qd_order_set_timestamp (order, TS_EXAMPLE);
  qd_order_set_timestamp (order, TS_EXAMPLE);
  g_assert_cmpuint (notified (counts, "timestamp"), ==, 1);

  g_assert_cmpuint (notified_total (counts), ==, 7);
  g_signal_handlers_disconnect_by_data (order, counts);
}

static void
test_bad_input_is_clamped (void)
{
  g_autoptr(QdConnectionStatus) status = qd_connection_status_new ();
  g_autoptr(QdQuote) quote = qd_quote_new ("AAPL.NASDAQ");

  qd_connection_status_set_port (status, 70000);
  g_assert_cmpint (qd_connection_status_get_port (status), ==, -1);
  qd_connection_status_set_port (status, 4002);
  g_assert_cmpint (qd_connection_status_get_port (status), ==, 4002);

  qd_connection_status_set_last_heartbeat (status, -5);
  g_assert_cmpint (qd_connection_status_get_last_heartbeat (status), ==, 0);

  qd_quote_set_price_precision (quote, 42);
  g_assert_cmpint (qd_quote_get_price_precision (quote), ==, QD_DECIMAL_MAX_SCALE);
}

static void
test_decimal_through_gvalue (void)
{
  g_autoptr(QdPosition) position = qd_position_new ("P-1");
  QdDecimal value = dec ("-187.10");
  QdDecimal *out = NULL;

  g_object_set (position, "avg-cost", &value, NULL);
  g_assert_true (qd_decimal_identical (qd_position_get_avg_cost (position), value));

  qd_position_set_market_price (position, dec ("188.00"));
  g_object_get (position, "market-price", &out, NULL);
  g_assert_nonnull (out);
  g_assert_true (qd_decimal_identical (*out, dec ("188.00")));
  g_clear_pointer (&out, qd_decimal_free);

  /* A NULL boxed value clears the field to none. */
  g_object_set (position, "avg-cost", NULL, NULL);
  g_assert_true (qd_decimal_is_none (qd_position_get_avg_cost (position)));
  g_object_get (position, "avg-cost", &out, NULL);
  g_assert_true (qd_decimal_is_none (*out));
  g_clear_pointer (&out, qd_decimal_free);
}

static void
test_construct_only (void)
{
  g_autoptr(QdOrder) order = qd_order_new ("O-20260701-001");
  g_autoptr(QdPosition) position = qd_position_new ("AAPL.NASDAQ-EMA-1");
  g_autofree char *order_id = NULL;
  g_autofree char *client_order_id = NULL;
  g_autofree char *position_id = NULL;

  g_object_get (order, "order-id", &order_id, "client-order-id", &client_order_id, NULL);
  g_assert_cmpstr (order_id, ==, "O-20260701-001");
  g_assert_cmpstr (client_order_id, ==, "O-20260701-001");

  g_object_get (position, "position-id", &position_id, NULL);
  g_assert_cmpstr (position_id, ==, "AAPL.NASDAQ-EMA-1");
}

static void
test_order_derived_status (void)
{
  g_autoptr(QdOrder) order = qd_order_new ("O-1");
  g_autoptr(GHashTable) counts = watch_notify (order);
  g_autofree char *ib_status = NULL;
  gboolean is_working;

  /* PendingSubmit -> PreSubmitted, still working. */
  qd_order_set_status (order, QD_ORDER_STATUS_SUBMITTED);
  g_assert_cmpuint (notified (counts, "status"), ==, 1);
  g_assert_cmpuint (notified (counts, "ib-status"), ==, 1);
  g_assert_cmpuint (notified (counts, "is-working"), ==, 0);

  /* Same status again: nothing. */
  qd_order_set_status (order, QD_ORDER_STATUS_SUBMITTED);
  g_assert_cmpuint (notified_total (counts), ==, 2);

  qd_order_set_status (order, QD_ORDER_STATUS_ACCEPTED);
  g_assert_cmpuint (notified (counts, "ib-status"), ==, 2);
  g_assert_cmpstr (qd_order_get_ib_status (order), ==, "Submitted");

  /* Accepted and partially filled are both "Submitted" to IB. */
  qd_order_set_status (order, QD_ORDER_STATUS_PARTIALLY_FILLED);
  g_assert_cmpuint (notified (counts, "status"), ==, 3);
  g_assert_cmpuint (notified (counts, "ib-status"), ==, 2);
  g_assert_cmpuint (notified (counts, "is-working"), ==, 0);

  g_object_set (order, "status", QD_ORDER_STATUS_FILLED, NULL);
  g_assert_cmpuint (notified (counts, "status"), ==, 4);
  g_assert_cmpuint (notified (counts, "ib-status"), ==, 3);
  g_assert_cmpuint (notified (counts, "is-working"), ==, 1);

  g_object_get (order, "is-working", &is_working, "ib-status", &ib_status, NULL);
  g_assert_false (is_working);
  g_assert_cmpstr (ib_status, ==, "Filled");

  g_signal_handlers_disconnect_by_data (order, counts);
}

static void
test_order_history (void)
{
  g_autoptr(QdOrder) order = qd_order_new ("O-1");
  const GArray *history;
  const QdOrderHistoryEntry *entry;

  qd_order_append_history (order, QD_ORDER_STATUS_SUBMITTED, TS_EXAMPLE, NULL);
  qd_order_append_history (order, QD_ORDER_STATUS_ACCEPTED, TS_EXAMPLE + 1000, "venue id 17");
  qd_order_append_history (order, QD_ORDER_STATUS_CANCELED, TS_EXAMPLE + 2000, "by user");

  history = qd_order_get_history (order);
  g_assert_cmpuint (history->len, ==, 3);

  entry = &g_array_index (history, QdOrderHistoryEntry, 0);
  g_assert_cmpint (entry->status, ==, QD_ORDER_STATUS_SUBMITTED);
  g_assert_cmpint (entry->ts, ==, TS_EXAMPLE);
  g_assert_null (entry->note);

  entry = &g_array_index (history, QdOrderHistoryEntry, 2);
  g_assert_cmpint (entry->status, ==, QD_ORDER_STATUS_CANCELED);
  g_assert_cmpint (entry->ts, ==, TS_EXAMPLE + 2000);
  g_assert_cmpstr (entry->note, ==, "by user");

  /* The history records; it does not drive the status. */
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_INITIALIZED);
}

/* Public JSON against the seed's data models */

typedef enum
{
  JSON_STRING,
  JSON_NUMBER,
  JSON_BOOL,
} JsonKind;

typedef struct
{
  const char *name;
  JsonKind    kind;
  gboolean    required;
} SchemaField;

static const SchemaField ib_connection_status[] = {
  { "connected", JSON_BOOL, TRUE }, { "gateway_type", JSON_STRING, TRUE },
  { "host", JSON_STRING, TRUE }, { "port", JSON_NUMBER, TRUE }, { "client_id", JSON_NUMBER, TRUE },
  { "account_id", JSON_STRING, FALSE }, { "connection_time", JSON_STRING, FALSE },
  { "last_heartbeat", JSON_STRING, FALSE }, { "error_message", JSON_STRING, FALSE },
  { NULL, 0, FALSE },
};

static const SchemaField ib_account_data[] = {
  { "account_id", JSON_STRING, TRUE }, { "net_liquidation", JSON_NUMBER, FALSE },
  { "total_cash_value", JSON_NUMBER, FALSE }, { "buying_power", JSON_NUMBER, FALSE },
  { "maintenance_margin", JSON_NUMBER, FALSE }, { "initial_margin", JSON_NUMBER, FALSE },
  { "excess_liquidity", JSON_NUMBER, FALSE }, { "currency", JSON_STRING, TRUE },
  { "timestamp", JSON_STRING, FALSE }, { NULL, 0, FALSE },
};

static const SchemaField ib_position[] = {
  { "account_id", JSON_STRING, TRUE }, { "contract_id", JSON_STRING, TRUE },
  { "symbol", JSON_STRING, TRUE }, { "position", JSON_NUMBER, TRUE },
  { "avg_cost", JSON_NUMBER, FALSE }, { "market_price", JSON_NUMBER, FALSE },
  { "market_value", JSON_NUMBER, FALSE }, { "unrealized_pnl", JSON_NUMBER, FALSE },
  { "realized_pnl", JSON_NUMBER, FALSE }, { "timestamp", JSON_STRING, FALSE }, { NULL, 0, FALSE },
};

static const SchemaField ib_order[] = {
  { "order_id", JSON_STRING, TRUE }, { "client_id", JSON_NUMBER, TRUE },
  { "account_id", JSON_STRING, TRUE }, { "contract_id", JSON_STRING, TRUE },
  { "symbol", JSON_STRING, TRUE }, { "action", JSON_STRING, TRUE },
  { "order_type", JSON_STRING, TRUE }, { "total_quantity", JSON_NUMBER, TRUE },
  { "filled_quantity", JSON_NUMBER, TRUE }, { "remaining_quantity", JSON_NUMBER, TRUE },
  { "limit_price", JSON_NUMBER, FALSE }, { "stop_price", JSON_NUMBER, FALSE },
  { "status", JSON_STRING, TRUE }, { "avg_fill_price", JSON_NUMBER, FALSE },
  { "commission", JSON_NUMBER, FALSE }, { "timestamp", JSON_STRING, FALSE }, { NULL, 0, FALSE },
};

static const SchemaField quote_schema[] = {
  { "symbol", JSON_STRING, TRUE }, { "bid", JSON_NUMBER, FALSE }, { "ask", JSON_NUMBER, FALSE },
  { "bid_size", JSON_NUMBER, FALSE }, { "ask_size", JSON_NUMBER, FALSE },
  { "last", JSON_NUMBER, FALSE }, { "timestamp", JSON_STRING, FALSE }, { NULL, 0, FALSE },
};

static gboolean
node_is_kind (JsonNode *node,
              JsonKind  kind)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  switch (kind)
    {
    case JSON_STRING:
      return type == G_TYPE_STRING;
    case JSON_NUMBER:
      return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
    case JSON_BOOL:
      return type == G_TYPE_BOOLEAN;
    default:
      g_assert_not_reached ();
    }
}

static const SchemaField *
schema_lookup (const SchemaField *schema,
               const char        *name)
{
  for (; schema->name != NULL; schema++)
    {
      if (g_str_equal (schema->name, name))
        return schema;
    }
  return NULL;
}

/* Every member is in the schema with its type; required ones are present, optional ones
 * present exactly when `with_optional`. */
static void
assert_matches_schema (const char        *json,
                       const SchemaField *schema,
                       gboolean           with_optional)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_test_message ("%s", json);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const SchemaField *field = schema_lookup (schema, l->data);

      g_assert_nonnull (field);
      g_assert_true (node_is_kind (json_object_get_member (object, l->data), field->kind));
    }

  for (const SchemaField *field = schema; field->name != NULL; field++)
    {
      gboolean expected = field->required || with_optional;

      g_assert_cmpint (json_object_has_member (object, field->name), ==, expected);
    }
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("%s not found in %s", needle, haystack);
}

static void
test_iso8601 (void)
{
  g_autofree char *example = qd_format_iso8601_ns (TS_EXAMPLE);
  g_autofree char *early = qd_format_iso8601_ns (1);
  g_autofree char *whole = qd_format_iso8601_ns (G_GINT64_CONSTANT (1782919800000000000));

  g_assert_cmpstr (example, ==, "2026-07-01T14:30:12.004Z");
  g_assert_cmpstr (early, ==, "1970-01-01T00:00:00.000Z");
  g_assert_cmpstr (whole, ==, "2026-07-01T15:30:00.000Z");
  g_assert_null (qd_format_iso8601_ns (0));
  g_assert_null (qd_format_iso8601_ns (-1));
}

static void
test_symbol_from_instrument_id (void)
{
  static const char *cases[][2] = {
    { "AAPL.NASDAQ", "AAPL" },
    { "EUR/USD.IDEALPRO", "EUR/USD" },
    { "BRK.B.NYSE", "BRK.B" },
    { "ESZ6.CME", "ESZ6" },
    { "SPY", "SPY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *symbol = qd_symbol_from_instrument_id (cases[i][0]);

      g_assert_cmpstr (symbol, ==, cases[i][1]);
    }
  g_assert_null (qd_symbol_from_instrument_id (NULL));
}

static void
test_json_connection_status (void)
{
  g_autoptr(QdConnectionStatus) status = qd_connection_status_new ();
  g_autofree char *empty = qd_connection_status_to_json (status);
  g_autofree char *full = NULL;

  assert_matches_schema (empty, ib_connection_status, FALSE);
  g_assert_cmpstr (empty, ==,
                   "{\"connected\":false,\"gateway_type\":\"\",\"host\":\"\",\"port\":0,"
                   "\"client_id\":0}");

  qd_connection_status_set_connected (status, TRUE);
  qd_connection_status_set_gateway_type (status, "IBG");
  qd_connection_status_set_host (status, "127.0.0.1");
  qd_connection_status_set_port (status, 4002);
  qd_connection_status_set_client_id (status, 1);
  qd_connection_status_set_account_id (status, "DU1234567");
  qd_connection_status_set_connection_time (status, G_GINT64_CONSTANT (1782916100000000000));
  qd_connection_status_set_last_heartbeat (status, TS_EXAMPLE);
  qd_connection_status_set_error_message (status, "Market data farm \"usfarm\" is OK");
  /* Our own fields stay out of the seed's model. */
  qd_connection_status_set_trader_id (status, "TESTER-001");
  qd_connection_status_set_node_state (status, "RUNNING");

  full = qd_connection_status_to_json (status);
  assert_matches_schema (full, ib_connection_status, TRUE);
  assert_contains (full, "\"connected\":true");
  assert_contains (full, "\"port\":4002");
  assert_contains (full, "\"last_heartbeat\":\"2026-07-01T14:30:12.004Z\"");
  assert_contains (full, "\"error_message\":\"Market data farm \\\"usfarm\\\" is OK\"");
}

static void
test_json_account (void)
{
  g_autoptr(QdAccount) account = qd_account_new ();
  g_autofree char *empty = qd_account_to_json (account);
  g_autofree char *full = NULL;

  assert_matches_schema (empty, ib_account_data, FALSE);

  qd_account_set_account_id (account, "DU1234567");
  qd_account_set_currency (account, "USD");
  qd_account_set_net_liquidation (account, dec ("1012345.67"));
  qd_account_set_total_cash_value (account, dec ("994000.55"));
  qd_account_set_buying_power (account, dec ("4049382.68"));
  qd_account_set_maintenance_margin (account, dec ("16677.38"));
  qd_account_set_initial_margin (account, dec ("18345.12"));
  qd_account_set_excess_liquidity (account, dec ("995668.29"));
  qd_account_set_daily_change (account, dec ("-120.00"));
  qd_account_set_timestamp (account, TS_EXAMPLE);

  full = qd_account_to_json (account);
  assert_matches_schema (full, ib_account_data, TRUE);
  assert_contains (full, "\"net_liquidation\":1012345.67");
  assert_contains (full, "\"initial_margin\":18345.12");
  assert_contains (full, "\"currency\":\"USD\"");
}

static void
test_json_position (void)
{
  g_autoptr(QdPosition) position = qd_position_new ("AAPL.NASDAQ-EMA-1");
  g_autofree char *empty = qd_position_to_json (position);
  g_autofree char *full = NULL;

  assert_matches_schema (empty, ib_position, FALSE);
  g_assert_cmpstr (empty, ==,
                   "{\"account_id\":\"\",\"contract_id\":\"\",\"symbol\":\"\",\"position\":0}");

  qd_position_set_account_id (position, "DU1234567");
  qd_position_set_instrument_id (position, "AAPL.NASDAQ");
  qd_position_set_position (position, dec ("-100"));
  qd_position_set_avg_cost (position, dec ("187.10"));
  qd_position_set_market_price (position, dec ("187.25"));
  qd_position_set_market_value (position, dec ("-18725.00"));
  qd_position_set_unrealized_pnl (position, dec ("-15.00"));
  qd_position_set_realized_pnl (position, dec ("0.00"));
  qd_position_set_timestamp (position, TS_EXAMPLE);

  full = qd_position_to_json (position);
  assert_matches_schema (full, ib_position, TRUE);
  g_assert_cmpstr (full, ==,
                   "{\"account_id\":\"DU1234567\",\"contract_id\":\"AAPL.NASDAQ\","
                   "\"symbol\":\"AAPL\",\"position\":-100,\"avg_cost\":187.10,"
                   "\"market_price\":187.25,\"market_value\":-18725.00,"
                   "\"unrealized_pnl\":-15.00,\"realized_pnl\":0.00,"
                   "\"timestamp\":\"2026-07-01T14:30:12.004Z\"}");

  /* IB's contract id wins over the instrument id once known. */
  qd_position_set_contract_id (position, "265598");
  g_clear_pointer (&full, g_free);
  full = qd_position_to_json (position);
  assert_contains (full, "\"contract_id\":\"265598\"");
}

static QdOrder *
make_full_order (void)
{
  QdOrder *order = qd_order_new ("O-20260701-001");

  qd_order_set_client_id (order, 7);
  qd_order_set_account_id (order, "DU1234567");
  qd_order_set_instrument_id (order, "EUR/USD.IDEALPRO");
  qd_order_set_contract_id (order, "12087792");
  qd_order_set_action (order, QD_ORDER_SIDE_SELL);
  qd_order_set_order_type (order, QD_ORDER_TYPE_STOP_LIMIT);
  qd_order_set_total_quantity (order, dec ("20000"));
  qd_order_set_filled_quantity (order, dec ("5000"));
  qd_order_set_remaining_quantity (order, dec ("15000"));
  qd_order_set_limit_price (order, dec ("1.08460"));
  qd_order_set_stop_price (order, dec ("1.08500"));
  qd_order_set_avg_fill_price (order, dec ("1.08465"));
  qd_order_set_commission (order, dec ("2.00"));
  qd_order_set_status (order, QD_ORDER_STATUS_PARTIALLY_FILLED);
  qd_order_set_timestamp (order, TS_EXAMPLE);
  return order;
}

static void
test_json_order (void)
{
  g_autoptr(QdOrder) order = qd_order_new ("O-1");
  g_autoptr(QdOrder) full_order = make_full_order ();
  g_autofree char *empty = qd_order_to_json (order);
  g_autofree char *full = qd_order_to_json (full_order);
  g_autofree char *limit = NULL;

  assert_matches_schema (empty, ib_order, FALSE);
  assert_contains (empty, "\"order_id\":\"O-1\"");
  assert_contains (empty, "\"status\":\"PendingSubmit\"");

  assert_matches_schema (full, ib_order, TRUE);
  g_assert_cmpstr (full, ==,
                   "{\"order_id\":\"O-20260701-001\",\"client_id\":7,"
                   "\"account_id\":\"DU1234567\",\"contract_id\":\"12087792\","
                   "\"symbol\":\"EUR/USD\",\"action\":\"SELL\",\"order_type\":\"STP LMT\","
                   "\"total_quantity\":20000,\"filled_quantity\":5000,"
                   "\"remaining_quantity\":15000,\"limit_price\":1.08460,"
                   "\"stop_price\":1.08500,\"status\":\"Submitted\","
                   "\"avg_fill_price\":1.08465,\"commission\":2.00,"
                   "\"timestamp\":\"2026-07-01T14:30:12.004Z\"}");

  /* A limit buy, remaining derived from total and filled. */
  qd_order_set_action (order, QD_ORDER_SIDE_BUY);
  qd_order_set_order_type (order, QD_ORDER_TYPE_LIMIT);
  qd_order_set_symbol (order, "AAPL");
  qd_order_set_total_quantity (order, dec ("100"));
  qd_order_set_filled_quantity (order, dec ("40"));
  qd_order_set_limit_price (order, dec ("187.10"));
  limit = qd_order_to_json (order);
  assert_contains (limit, "\"limit_price\":187.10");
  assert_contains (limit, "\"remaining_quantity\":60");
  assert_contains (limit, "\"symbol\":\"AAPL\"");
  assert_contains (limit, "\"order_type\":\"LMT\"");
  assert_contains (limit, "\"action\":\"BUY\"");
}

static void
test_json_quote (void)
{
  g_autoptr(QdQuote) quote = qd_quote_new ("AAPL.NASDAQ");
  g_autofree char *empty = qd_quote_to_json (quote);
  g_autofree char *full = NULL;

  assert_matches_schema (empty, quote_schema, FALSE);
  g_assert_cmpstr (empty, ==, "{\"symbol\":\"AAPL\"}");

  qd_quote_set_bid (quote, dec ("187.22"));
  qd_quote_set_ask (quote, dec ("187.24"));
  qd_quote_set_bid_size (quote, dec ("300"));
  qd_quote_set_ask_size (quote, dec ("200"));
  qd_quote_set_last (quote, dec ("187.23"));
  qd_quote_set_last_size (quote, dec ("50"));
  qd_quote_set_timestamp (quote, TS_EXAMPLE);

  full = qd_quote_to_json (quote);
  assert_matches_schema (full, quote_schema, TRUE);
  g_assert_cmpstr (full, ==,
                   "{\"symbol\":\"AAPL\",\"bid\":187.22,\"ask\":187.24,\"bid_size\":300,"
                   "\"ask_size\":200,\"last\":187.23,"
                   "\"timestamp\":\"2026-07-01T14:30:12.004Z\"}");
}

static void
test_json_in_array (void)
{
  g_autoptr(QdOrder) first = qd_order_new ("A");
  g_autoptr(QdOrder) second = qd_order_new ("B");
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  QdJsonWriter w;
  JsonObject *root;

  /* The seed's {"orders": IBOrder[]} shape, written through the shared writer. */
  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_key (&w, "orders");
  qd_json_writer_begin_array (&w);
  qd_order_write_json (first, &w);
  qd_order_write_json (second, &w);
  qd_json_writer_end_array (&w);
  qd_json_writer_end_object (&w);

  json_parser_load_from_data (parser, str->str, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "orders")), ==,
                    2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/properties/notify-on-change", test_properties_notify_on_change);
  g_test_add_func ("/model/properties/defaults", test_defaults);
  g_test_add_func ("/model/properties/setters", test_setters_notify_on_change);
  g_test_add_func ("/model/properties/bad-input", test_bad_input_is_clamped);
  g_test_add_func ("/model/properties/decimal-gvalue", test_decimal_through_gvalue);
  g_test_add_func ("/model/properties/construct-only", test_construct_only);
  g_test_add_func ("/model/order/derived-status", test_order_derived_status);
  g_test_add_func ("/model/order/history", test_order_history);
  g_test_add_func ("/model/json/iso8601", test_iso8601);
  g_test_add_func ("/model/json/symbol", test_symbol_from_instrument_id);
  g_test_add_func ("/model/json/connection-status", test_json_connection_status);
  g_test_add_func ("/model/json/account", test_json_account);
  g_test_add_func ("/model/json/position", test_json_position);
  g_test_add_func ("/model/json/order", test_json_order);
  g_test_add_func ("/model/json/quote", test_json_quote);
  g_test_add_func ("/model/json/array", test_json_in_array);

  return g_test_run ();
}
