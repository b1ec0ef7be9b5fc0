/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "qd-api-server.h"
#include "qd-paper-venue.h"
#include "qd-test-http.h"

#define TRADER(ts) qd_test_server_token ((ts), QD_API_ROLE_TRADER)
#define VIEWER(ts) qd_test_server_token ((ts), QD_API_ROLE_VIEWER)

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static QdTestResponse *
call (QdTestServer *ts,
      const char   *method,
      const char   *path,
      const char   *token,
      const char   *body)
{
  g_autofree char *url = qd_test_server_url (ts, path);

  return qd_test_http (ts->session, method, url, token, body, NULL);
}

static QdTestResponse *
call_with (QdTestServer       *ts,
           const char         *method,
           const char         *path,
           const char         *token,
           const char         *body,
           const char * const *headers)
{
  g_autofree char *url = qd_test_server_url (ts, path);

  return qd_test_http (ts->session, method, url, token, body, headers);
}

static void
assert_detail (QdTestResponse *r,
               guint           status,
               const char     *contains)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "application/json");
  object = parse_object (r->body);
  g_assert_true (json_object_has_member (object, "detail"));
  if (contains != NULL && strstr (r->body, contains) == NULL)
    g_error ("expected “%s” in %s", contains, r->body);
}

/* Places through REST and returns the order id, waiting for the venue's ack. */
static char *
place (QdTestServer *ts,
       const char   *body)
{
  g_autoptr(QdTestResponse) r = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), body);
  g_autoptr(JsonObject) object = NULL;

  if (r->status != 200)
    g_error ("place answered %u: %s", r->status, r->body);
  object = parse_object (r->body);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "order placed");
  return g_strdup (json_object_get_string_member (object, "order_id"));
}

static QdOrder *
wait_order_status (QdTestServer  *ts,
                   const char    *order_id,
                   QdOrderStatus  status)
{
  QdIbService *service = qd_runtime_get_service (ts->runtime);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  QdOrder *order = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      order = qd_ib_service_lookup_order (service, order_id);
      if (order != NULL && qd_order_get_status (order) == status)
        return order;
      qd_test_spin (20);
    }
  g_error ("order %s never reached %s", order_id, qd_order_status_to_string (status));
  return NULL;
}

/* ---- reads ------------------------------------------------------------------------- */

static void
test_get_endpoints (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestResponse) status = call (ts, "GET", "/api/v1/ib/connection/status", VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) account = call (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) positions = call (ts, "GET", "/api/v1/ib/positions", VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) orders = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *order_id = NULL;

  g_assert_cmpuint (status->status, ==, 200);
  object = parse_object (status->body);
  g_assert_true (json_object_get_boolean_member (object, "connected"));
  g_assert_cmpstr (json_object_get_string_member (object, "gateway_type"), ==, "IBG");
  g_assert_true (json_object_has_member (object, "client_id"));
  g_clear_pointer (&object, json_object_unref);

  g_assert_cmpuint (account->status, ==, 200);
  object = parse_object (account->body);
  g_assert_nonnull (json_object_get_string_member (object, "account_id"));
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "USD");
  g_clear_pointer (&object, json_object_unref);

  g_assert_cmpuint (positions->status, ==, 200);
  object = parse_object (positions->body);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "positions")));
  g_clear_pointer (&object, json_object_unref);

  /* An order placed is then listed, in the seed's IBOrder shape. */
  order_id = place (ts, "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":10,\"order_type\":\"MKT\"}");
  wait_order_status (ts, order_id, QD_ORDER_STATUS_FILLED);
  orders = call (ts, "GET", "/api/v1/ib/orders", VIEWER (ts), NULL);
  g_assert_cmpuint (orders->status, ==, 200);
  object = parse_object (orders->body);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "orders")), ==, 1);
  {
    JsonObject *order = json_array_get_object_element (json_object_get_array_member (object, "orders"), 0);

    g_assert_cmpstr (json_object_get_string_member (order, "order_id"), ==, order_id);
    g_assert_cmpstr (json_object_get_string_member (order, "symbol"), ==, "AAPL");
    g_assert_cmpstr (json_object_get_string_member (order, "action"), ==, "BUY");
    g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "Filled");
    g_assert_cmpint (json_object_get_int_member (order, "filled_quantity"), ==, 10);
  }
  g_clear_pointer (&object, json_object_unref);

  /* The position appears too. */
  {
    g_autoptr(QdTestResponse) again = call (ts, "GET", "/api/v1/ib/positions", VIEWER (ts), NULL);

    object = parse_object (again->body);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "positions")), ==, 1);
    g_assert_nonnull (strstr (again->body, "\"symbol\":\"AAPL\""));
  }
  g_clear_pointer (&object, json_object_unref);
}

static void
test_unknown_path_and_method (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestResponse) missing = call (ts, "GET", "/api/v1/ib/nothing", VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) method = call (ts, "DELETE", "/api/v1/ib/orders", TRADER (ts), NULL);
  g_autoptr(QdTestResponse) get_place = call (ts, "GET", "/api/v1/ib/orders/place", TRADER (ts), NULL);

  assert_detail (missing, 404, "Not Found");
  assert_detail (method, 405, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (method->headers, "Allow"), ==, "GET");
  assert_detail (get_place, 405, NULL);
}

/* ---- tokens ------------------------------------------------------------------------ */

static void
test_auth (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  QdServerConfig strict = { .loopback_viewers = FALSE };
  g_autoptr(QdTestServer) closed = qd_test_server_new (&strict, FALSE);
  const char *refresh = "/api/v1/ib/orders/refresh";
  g_autoptr(QdTestResponse) anonymous_read = call (ts, "GET", "/api/v1/ib/account", NULL, NULL);
  g_autoptr(QdTestResponse) anonymous_trade = call (ts, "POST", refresh, NULL, NULL);
  g_autoptr(QdTestResponse) bad_token = call (ts, "GET", "/api/v1/ib/account", "not-a-token-at-all", NULL);
  g_autoptr(QdTestResponse) viewer_trade = call (ts, "POST", refresh, VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) trader_trade = call (ts, "POST", refresh, TRADER (ts), NULL);
  g_autoptr(QdTestResponse) strict_read = call (closed, "GET", "/api/v1/ib/account", NULL, NULL);
  g_autoptr(QdTestResponse) query_token = NULL;
  g_autofree char *query_path = g_strdup_printf ("/api/v1/ib/connection/status?token=%s", VIEWER (closed));

  /* Loopback viewers read without a token; trading always needs one. */
  g_assert_cmpuint (anonymous_read->status, ==, 200);
  assert_detail (anonymous_trade, 401, "token");
  g_assert_nonnull (soup_message_headers_get_one (anonymous_trade->headers, "WWW-Authenticate"));
  assert_detail (bad_token, 401, "Invalid token");
  assert_detail (viewer_trade, 403, "trader");
  g_assert_cmpstr (soup_message_headers_get_one (viewer_trade->headers, "X-Quarterdeck-Role"), ==, "viewer");
  g_assert_cmpuint (trader_trade->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (trader_trade->headers, "X-Quarterdeck-Role"), ==, "trader");
  g_assert_cmpstr (soup_message_headers_get_one (anonymous_read->headers, "X-Quarterdeck-Role"), ==, "viewer");
  g_assert_nonnull (strstr (trader_trade->body, "\"message\":\"refresh requested\""));

  /* Without loopback viewers everything needs a token, also given as ?token=. */
  assert_detail (strict_read, 401, NULL);
  query_token = call (closed, "GET", query_path, NULL, NULL);
  g_assert_cmpuint (query_token->status, ==, 503);   /* a valid token; no service behind it */
}

static void
test_forwarded_is_not_local (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  const char *proxied[] = { "X-Forwarded-For", "203.0.113.9", NULL };
  g_autoptr(QdTestResponse) r = call_with (ts, "GET", "/api/v1/ib/account", NULL, NULL, proxied);
  g_autoptr(QdTestResponse) with_token = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, proxied);

  /* Through a proxy the client is remote, whatever address the proxy has. */
  assert_detail (r, 401, NULL);
  g_assert_cmpuint (with_token->status, ==, 200);
}

static void
test_no_service (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, FALSE);
  g_autoptr(QdTestResponse) status = call (ts, "GET", "/api/v1/ib/connection/status", VIEWER (ts), NULL);
  g_autoptr(QdTestResponse) placed = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), "{}");
  g_autoptr(QdTestResponse) page = call (ts, "GET", "/", NULL, NULL);

  assert_detail (status, 503, "IB service not initialized");
  assert_detail (placed, 503, "IB service not initialized");
  g_assert_cmpuint (page->status, ==, 200);
}

/* ---- orders ------------------------------------------------------------------------ */

static void
test_place_journaled (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  const char *agent[] = { "User-Agent", "qd-test/1.0", NULL };
  g_autoptr(QdTestResponse) r = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                                           "{\"symbol\":\"MSFT\",\"action\":\"sell\",\"quantity\":\"5\","
                                           "\"order_type\":\"MKT\",\"time_in_force\":\"DAY\"}", agent);
  g_autoptr(JsonObject) object = NULL;
  QdOrderJournal *journal = qd_runtime_get_journal (ts->runtime);
  GListModel *entries = qd_order_journal_get_entries (journal);
  g_autoptr(QdJournalEntry) entry = NULL;

  g_assert_cmpuint (r->status, ==, 200);
  object = parse_object (r->body);
  wait_order_status (ts, json_object_get_string_member (object, "order_id"), QD_ORDER_STATUS_FILLED);

  g_assert_cmpuint (g_list_model_get_n_items (entries), >=, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (qd_journal_entry_get_cmd (entry), ==, "submit");
  g_assert_true (g_str_has_prefix (qd_journal_entry_get_origin (entry), "remote:127.0.0.1"));
  g_assert_nonnull (strstr (qd_journal_entry_get_origin (entry), "qd-test/1.0"));
}

static void
test_place_validation (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  QdIbService *service = qd_runtime_get_service (ts->runtime);
  g_autoptr(QdTestResponse) empty = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), "{}");
  g_autoptr(QdTestResponse) types = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                                          "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":true,"
                                          "\"order_type\":\"LMT\",\"limit_price\":[1]}");
  g_autoptr(QdTestResponse) zero = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                                         "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":0,\"order_type\":\"MKT\"}");
  g_autoptr(QdTestResponse) no_limit = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                                             "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1,\"order_type\":\"LMT\"}");
  g_autoptr(QdTestResponse) not_json = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), "{symbol: AAPL}");
  g_autoptr(QdTestResponse) array = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), "[1,2]");
  g_autoptr(GString) deep = g_string_new ("{\"symbol\":");
  g_autoptr(GString) big = g_string_new ("{\"symbol\":\"");
  g_autoptr(QdTestResponse) too_deep = NULL;
  g_autoptr(QdTestResponse) too_big = NULL;
  guint i;

  assert_detail (empty, 400, "Invalid order");
  g_assert_nonnull (strstr (empty->body, "\"field\":\"symbol\""));
  g_assert_nonnull (strstr (empty->body, "\"field\":\"action\""));
  g_assert_nonnull (strstr (empty->body, "\"field\":\"order_type\""));
  assert_detail (types, 400, NULL);
  g_assert_nonnull (strstr (types->body, "\"field\":\"quantity\""));
  g_assert_nonnull (strstr (types->body, "\"field\":\"limit_price\""));
  assert_detail (zero, 400, NULL);
  g_assert_nonnull (strstr (zero->body, "\"field\":\"quantity\""));
  assert_detail (no_limit, 400, NULL);
  g_assert_nonnull (strstr (no_limit->body, "\"field\":\"limit_price\""));
  assert_detail (not_json, 400, NULL);
  assert_detail (array, 400, "JSON object");

  for (i = 0; i < 5000; i++)
    g_string_append_c (deep, '[');
  too_deep = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), deep->str);
  assert_detail (too_deep, 400, NULL);

  for (i = 0; i < 20000; i++)
    g_string_append_c (big, 'A');
  g_string_append (big, "\"}");
  too_big = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), big->str);
  assert_detail (too_big, 413, "too large");

  /* Nothing of it reached the venue. */
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (service)), ==, 0);
}

static void
test_place_needs_confirmation (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  const char *order = "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1500,\"order_type\":\"MKT\"}";
  const char *header[] = { "X-Confirm", "size_limit, value_limit, buying_power", NULL };
  g_autoptr(QdTestResponse) refused = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), order);
  g_autoptr(QdTestResponse) by_header = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *confirmed = NULL;
  g_autofree char *order_id = NULL;
  JsonArray *required;
  guint i;

  assert_detail (refused, 400, "Confirmation required");
  object = parse_object (refused->body);
  required = json_object_get_array_member (object, "confirm_required");
  g_assert_nonnull (required);
  g_assert_nonnull (strstr (refused->body, "\"size_limit\""));

  /* Confirming exactly what was asked places it. */
  {
    g_autoptr(GString) body = g_string_new ("{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1500,"
                                            "\"order_type\":\"MKT\",\"confirm\":[");

    for (i = 0; i < json_array_get_length (required); i++)
      g_string_append_printf (body, "%s\"%s\"", i ? "," : "", json_array_get_string_element (required, i));
    g_string_append (body, "]}");
    confirmed = g_string_free (g_steal_pointer (&body), FALSE);
  }
  order_id = place (ts, confirmed);
  wait_order_status (ts, order_id, QD_ORDER_STATUS_FILLED);

  /* The same confirmation as a header; the duplicate check now asks too. */
  by_header = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), order, header);
  assert_detail (by_header, 400, "\"duplicate\"");
}

static void
test_live_account_and_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.quarterdeck.Quarterdeck");
  QdServerConfig config = { .loopback_viewers = TRUE, .risk_settings = settings };
  g_autoptr(QdTestServer) ts = NULL;
  g_autoptr(QdTestResponse) small = NULL;
  g_autoptr(QdTestResponse) live = NULL;
  g_autofree char *order_id = NULL;
  QdConnectionStatus *connection;

  /* The server follows the Precautions settings, as the order ticket does. */
  g_settings_set_string (settings, "risk-max-quantity", "5");
  ts = qd_test_server_new (&config, TRUE);
  small = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":6,\"order_type\":\"MKT\"}");
  assert_detail (small, 400, "\"size_limit\"");

  /* A LIVE account asks for its own confirmation. */
  connection = qd_ib_service_get_connection (qd_runtime_get_service (ts->runtime));
  qd_connection_status_set_trading_mode (connection, QD_TRADING_MODE_LIVE);
  live = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
               "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1,\"order_type\":\"MKT\"}");
  assert_detail (live, 400, "\"live_account\"");
  order_id = place (ts, "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1,\"order_type\":\"MKT\","
                        "\"confirm\":[\"live_account\"]}");
  wait_order_status (ts, order_id, QD_ORDER_STATUS_FILLED);
  g_settings_reset (settings, "risk-max-quantity");
}

static void
test_place_rejected_by_venue (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestResponse) r = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts),
                                      "{\"symbol\":\"NOPE.NASDAQ\",\"action\":\"BUY\",\"quantity\":1,"
                                      "\"order_type\":\"MKT\",\"confirm\":[\"unknown_instrument\"]}");

  /* Confirmed and sent, but the venue knows no such instrument: its reason comes back. */
  assert_detail (r, 400, "Order rejected");
}

static char *
place_working_limit (QdTestServer *ts)
{
  QdQuote *quote = qd_ib_service_lookup_quote (qd_runtime_get_service (ts->runtime), "AAPL.NASDAQ");
  QdDecimal bid = qd_quote_get_bid (quote);
  char buf[QD_DECIMAL_STR_MAX];
  g_autofree char *body = NULL;
  gint64 whole = bid.raw;
  gint i;

  /* 10 % under the bid, on whole dollars: working, and far enough to ask for confirmation. */
  for (i = 0; i < bid.scale; i++)
    whole /= 10;
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, whole * 9 / 10);
  body = g_strdup_printf ("{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":10,\"order_type\":\"LMT\","
                          "\"limit_price\":%s,\"time_in_force\":\"GTC\","
                          "\"confirm\":[\"price_percent\",\"price_ticks\"]}", buf);
  return place (ts, body);
}

static void
test_cancel_and_modify (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autofree char *order_id = place_working_limit (ts);
  g_autofree char *cancel = g_strdup_printf ("/api/v1/ib/orders/%s/cancel", order_id);
  g_autofree char *modify = g_strdup_printf ("/api/v1/ib/orders/%s/modify", order_id);
  g_autoptr(QdTestResponse) modified = NULL;
  g_autoptr(QdTestResponse) bad_modify = NULL;
  g_autoptr(QdTestResponse) empty_modify = NULL;
  g_autoptr(QdTestResponse) canceled = NULL;
  g_autoptr(QdTestResponse) again = NULL;
  g_autoptr(QdTestResponse) modify_final = NULL;
  g_autoptr(QdTestResponse) unknown = NULL;
  g_autoptr(QdTestResponse) unknown_modify = NULL;
  QdOrder *order;

  order = wait_order_status (ts, order_id, QD_ORDER_STATUS_ACCEPTED);
  modified = call (ts, "PUT", modify, TRADER (ts), "{\"quantity\":20}");
  g_assert_cmpuint (modified->status, ==, 200);
  g_assert_nonnull (strstr (modified->body, "\"message\":\"modification requested\""));
  while (qd_decimal_compare (qd_order_get_total_quantity (order), qd_decimal_from_int (20)) != 0)
    qd_test_spin (20);

  bad_modify = call (ts, "PUT", modify, TRADER (ts), "{\"quantity\":\"lots\"}");
  assert_detail (bad_modify, 400, NULL);
  g_assert_nonnull (strstr (bad_modify->body, "\"field\":\"quantity\""));
  empty_modify = call (ts, "PUT", modify, TRADER (ts), "{}");
  assert_detail (empty_modify, 400, NULL);

  canceled = call (ts, "POST", cancel, TRADER (ts), NULL);
  g_assert_cmpuint (canceled->status, ==, 200);
  g_assert_nonnull (strstr (canceled->body, "\"message\":\"cancellation requested\""));
  wait_order_status (ts, order_id, QD_ORDER_STATUS_CANCELED);

  again = call (ts, "POST", cancel, TRADER (ts), NULL);
  assert_detail (again, 409, NULL);
  modify_final = call (ts, "PUT", modify, TRADER (ts), "{\"quantity\":5}");
  assert_detail (modify_final, 409, NULL);
  unknown = call (ts, "POST", "/api/v1/ib/orders/O-NOPE-1/cancel", TRADER (ts), NULL);
  assert_detail (unknown, 404, "O-NOPE-1");
  unknown_modify = call (ts, "PUT", "/api/v1/ib/orders/O-NOPE-1/modify", TRADER (ts), "{\"quantity\":5}");
  assert_detail (unknown_modify, 404, NULL);
}

static void
test_refresh_endpoints (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  const char *paths[] = { "/api/v1/ib/account/refresh", "/api/v1/ib/positions/refresh", "/api/v1/ib/orders/refresh" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(QdTestResponse) r = call (ts, "POST", paths[i], TRADER (ts), NULL);
      g_autoptr(JsonObject) object = NULL;

      g_assert_cmpuint (r->status, ==, 200);
      object = parse_object (r->body);
      g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "refresh requested");
    }
}

static void
test_idempotency (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  QdIbService *service = qd_runtime_get_service (ts->runtime);
  const char *order = "{\"symbol\":\"TSLA\",\"action\":\"BUY\",\"quantity\":3,\"order_type\":\"MKT\"}";
  const char *other = "{\"symbol\":\"TSLA\",\"action\":\"BUY\",\"quantity\":4,\"order_type\":\"MKT\"}";
  const char *key[] = { "Idempotency-Key", "order-7f3a", NULL };
  const char *bad_key[] = { "Idempotency-Key", "has space", NULL };
  g_autoptr(QdTestResponse) first = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), order, key);
  g_autoptr(QdTestResponse) second = NULL;
  g_autoptr(QdTestResponse) changed = NULL;
  g_autoptr(QdTestResponse) invalid = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  qd_test_spin (300);
  second = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), order, key);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpstr (second->body, ==, first->body);
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "Idempotent-Replayed"), ==, "true");
  qd_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (service)), ==, 1);

  changed = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), other, key);
  assert_detail (changed, 422, "different request");
  invalid = call_with (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), order, bad_key);
  assert_detail (invalid, 400, "Idempotency-Key");
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (service)), ==, 1);
}

static void
test_rate_limit (void)
{
  QdServerConfig config = { .loopback_viewers = TRUE, .rate_burst = 3, .rate_per_second = 0.5 };
  g_autoptr(QdTestServer) ts = qd_test_server_new (&config, TRUE);
  guint i;

  for (i = 0; i < 3; i++)
    {
      g_autoptr(QdTestResponse) r = call (ts, "POST", "/api/v1/ib/account/refresh", TRADER (ts), NULL);

      g_assert_cmpuint (r->status, ==, 200);
    }
  {
    g_autoptr(QdTestResponse) limited = call (ts, "POST", "/api/v1/ib/orders/place", TRADER (ts), "{}");
    g_autoptr(QdTestResponse) reads = call (ts, "GET", "/api/v1/ib/orders", TRADER (ts), NULL);

    assert_detail (limited, 429, NULL);
    g_assert_nonnull (soup_message_headers_get_one (limited->headers, "Retry-After"));
    /* Reads are not limited. */
    g_assert_cmpuint (reads->status, ==, 200);
  }
}

/* ---- the page and the browser rules ------------------------------------------------ */

static void
test_page (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestResponse) index = call (ts, "GET", "/", NULL, NULL);
  g_autoptr(QdTestResponse) js = call (ts, "GET", "/static/app.js", NULL, NULL);
  g_autoptr(QdTestResponse) css = call (ts, "GET", "/static/app.css", NULL, NULL);
  g_autoptr(QdTestResponse) missing = call (ts, "GET", "/static/nope.js", NULL, NULL);
  g_autoptr(QdTestResponse) hidden = call (ts, "GET", "/static/.hidden", NULL, NULL);
  g_autoptr(QdTestResponse) post = call (ts, "POST", "/", NULL, "{}");
  const char *csp;

  g_assert_cmpuint (index->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (index->headers, "Content-Type"), ==, "text/html; charset=utf-8");
  g_assert_nonnull (strstr (index->body, "<html"));
  csp = soup_message_headers_get_one (index->headers, "Content-Security-Policy");
  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'none'"));
  g_assert_nonnull (strstr (csp, "script-src 'self'"));
  g_assert_cmpstr (soup_message_headers_get_one (index->headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_nonnull (soup_message_headers_get_one (index->headers, "Cache-Control"));

  g_assert_cmpuint (js->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (js->headers, "Content-Type"), ==, "text/javascript; charset=utf-8");
  g_assert_cmpuint (css->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (css->headers, "Content-Type"), ==, "text/css; charset=utf-8");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (hidden->status, ==, 404);
  g_assert_cmpuint (post->status, ==, 405);
}

static void
test_host_and_origin (void)
{
  const char *origins[] = { "https://desk.example", NULL };
  const char *hosts[] = { "quarterdeck.example", NULL };
  QdServerConfig config = { .loopback_viewers = TRUE, .cors_origins = origins, .allowed_hosts = hosts };
  g_autoptr(QdTestServer) ts = qd_test_server_new (&config, TRUE);
  const char *rebound[] = { "Host", "attacker.example:8000", NULL };
  const char *proxied[] = { "Host", "quarterdeck.example", NULL };
  const char *foreign[] = { "Origin", "https://evil.example", NULL };
  const char *listed[] = { "Origin", "https://desk.example", NULL };
  const char *preflight[] = { "Origin", "https://desk.example", "Access-Control-Request-Method", "POST", NULL };
  g_autofree char *own_origin = g_strdup (ts->base);
  const char *same[] = { "Origin", own_origin, NULL };
  g_autoptr(QdTestResponse) r1 = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, rebound);
  g_autoptr(QdTestResponse) r1_page = call_with (ts, "GET", "/", NULL, NULL, rebound);
  g_autoptr(QdTestResponse) r2 = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, proxied);
  g_autoptr(QdTestResponse) r3 = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, foreign);
  g_autoptr(QdTestResponse) r4 = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, listed);
  g_autoptr(QdTestResponse) r5 = call_with (ts, "OPTIONS", "/api/v1/ib/orders/place", NULL, NULL, preflight);
  g_autoptr(QdTestResponse) r6 = call_with (ts, "OPTIONS", "/api/v1/ib/orders/place", NULL, NULL, foreign);
  g_autoptr(QdTestResponse) r7 = call_with (ts, "GET", "/api/v1/ib/account", VIEWER (ts), NULL, same);

  assert_detail (r1, 400, "Host");
  g_assert_cmpuint (r1_page->status, ==, 400);
  g_assert_cmpuint (r2->status, ==, 200);
  assert_detail (r3, 403, "Origin");
  g_assert_cmpuint (r4->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (r4->headers, "Access-Control-Allow-Origin"), ==, "https://desk.example");
  g_assert_cmpuint (r5->status, ==, 204);
  g_assert_cmpstr (soup_message_headers_get_one (r5->headers, "Access-Control-Allow-Origin"), ==, "https://desk.example");
  g_assert_nonnull (strstr (soup_message_headers_get_one (r5->headers, "Access-Control-Allow-Headers"), "Authorization"));
  g_assert_cmpuint (r6->status, ==, 403);
  g_assert_cmpuint (r7->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (r7->headers, "Access-Control-Allow-Origin"));
}

/* ---- running the server ------------------------------------------------------------ */

static void
test_busy_port (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, FALSE);
  QdServerConfig config = { .port = qd_api_server_get_port (ts->server), .tokens = ts->tokens };
  g_autoptr(QdApiServer) second = qd_api_server_new (NULL, &config, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_cmpint (qd_api_server_get_state (ts->server), ==, QD_API_SERVER_RUNNING);
  g_object_get (ts->server, "url", &url, NULL);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  g_assert_false (qd_api_server_start (second, &error));
  g_assert_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_LISTEN);
  g_assert_cmpint (qd_api_server_get_state (second), ==, QD_API_SERVER_FAILED);
  g_assert_nonnull (qd_api_server_get_error (second));

  qd_api_server_stop (ts->server);
  g_assert_cmpint (qd_api_server_get_state (ts->server), ==, QD_API_SERVER_STOPPED);
  /* The port is free again: the second one starts now. */
  g_clear_error (&error);
  g_assert_true (qd_api_server_start (second, &error));
  g_assert_no_error (error);
  g_assert_null (qd_api_server_get_error (second));
}

static void
test_bad_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("qd-server-XXXXXX", NULL);
  g_autoptr(QdTokenStore) tokens = qd_token_store_new (dir, NULL);
  QdServerConfig bad_address = { .address = "localhost:80", .tokens = tokens };
  QdServerConfig half_tls = { .tls_cert_path = "/nonexistent.pem", .tokens = tokens };
  QdServerConfig missing_tls = { .tls_cert_path = "/nonexistent.pem", .tls_key_path = "/nonexistent.key", .tokens = tokens };
  g_autoptr(QdApiServer) tls = NULL;

  g_assert_null (qd_api_server_new (NULL, &bad_address, &error));
  g_assert_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_null (qd_api_server_new (NULL, &half_tls, &error));
  g_assert_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_CONFIG);
  g_clear_error (&error);
  tls = qd_api_server_new (NULL, &missing_tls, &error);
  g_assert_no_error (error);
  g_assert_false (qd_api_server_start (tls, &error));
  g_assert_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_TLS);
  g_assert_cmpint (qd_api_server_get_state (tls), ==, QD_API_SERVER_FAILED);
  g_clear_object (&tokens);
  qd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/server/get-endpoints", test_get_endpoints);
  g_test_add_func ("/server/unknown-path-and-method", test_unknown_path_and_method);
  g_test_add_func ("/server/auth", test_auth);
  g_test_add_func ("/server/forwarded-is-not-local", test_forwarded_is_not_local);
  g_test_add_func ("/server/no-service", test_no_service);
  g_test_add_func ("/server/place-journaled", test_place_journaled);
  g_test_add_func ("/server/place-validation", test_place_validation);
  g_test_add_func ("/server/place-needs-confirmation", test_place_needs_confirmation);
  g_test_add_func ("/server/live-account-and-settings", test_live_account_and_settings);
  g_test_add_func ("/server/place-rejected-by-venue", test_place_rejected_by_venue);
  g_test_add_func ("/server/cancel-and-modify", test_cancel_and_modify);
  g_test_add_func ("/server/refresh", test_refresh_endpoints);
  g_test_add_func ("/server/idempotency", test_idempotency);
  g_test_add_func ("/server/rate-limit", test_rate_limit);
  g_test_add_func ("/server/page", test_page);
  g_test_add_func ("/server/host-and-origin", test_host_and_origin);
  g_test_add_func ("/server/busy-port", test_busy_port);
  g_test_add_func ("/server/bad-config", test_bad_config);

  return g_test_run ();
}
