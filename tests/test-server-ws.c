/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <sys/socket.h>

#include "qd-api-server.h"
#include "qd-test-http.h"
#include "qd-ws-hub.h"

static QdTestWs *
connect_ws (QdTestServer *ts,
            const char   *query,
            const char   *origin)
{
  g_autofree char *http = qd_test_server_url (ts, query ? query : "/ws");
  g_autofree char *url = g_strconcat ("ws", http + strlen ("http"), NULL);
  g_autoptr(GError) error = NULL;
  QdTestWs *ws = qd_test_ws_connect (ts->session, url, origin, NULL, &error);

  g_assert_no_error (error);
  return ws;
}

static void
test_snapshot (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestWs) ws = connect_ws (ts, NULL, NULL);
  QdApiServer *server = ts->server;

  /* Everything a page needs, at once: connection, account, positions, quotes. */
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_connection", "\"connected\":true", 5000), ==, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_account", "\"account_id\"", 5000), ==, 1);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_positions", "\"data\":{", 5000), ==, 2);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_quote", "\"symbol\"", 5000), >=, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (ws->messages, 0), "\"timestamp\":"));
  g_assert_cmpuint (qd_api_server_get_n_ws_clients (server), ==, 1);
}

static void
test_updates (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestWs) ws = connect_ws (ts, NULL, NULL);
  g_autofree char *url = qd_test_server_url (ts, "/api/v1/ib/orders/place");
  g_autoptr(QdTestResponse) placed = NULL;
  g_autofree char *id_text = NULL;
  const char *start;
  guint mark;

  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_account", NULL, 5000), >=, 0);
  mark = ws->messages->len;
  placed = qd_test_http (ts->session, "POST", url, qd_test_server_token (ts, QD_API_ROLE_TRADER),
                         "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":7,\"order_type\":\"MKT\"}", NULL);
  g_assert_cmpuint (placed->status, ==, 200);
  start = strstr (placed->body, "\"order_id\":\"");
  g_assert_nonnull (start);
  id_text = g_strndup (start, strchr (start + 12, '"') - start + 1);

  /* The order's lifecycle, its fill, the position it opened and the activity line. */
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_order", "\"status\":\"Filled\"", 5000), >=, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_order", id_text, 5000), >=, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_fill", id_text, 5000), >=, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_positions", "\"symbol\":\"AAPL\"", 5000), >=, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_account", NULL, 5000), >=, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, mark, "ib_activity", "\"kind\":\"fill\"", 5000), >=, 0);
}

static void
test_auth_and_origin (void)
{
  QdServerConfig strict = { .loopback_viewers = FALSE };
  g_autoptr(QdTestServer) ts = qd_test_server_new (&strict, TRUE);
  g_autofree char *http = qd_test_server_url (ts, "/ws");
  g_autofree char *url = g_strconcat ("ws", http + strlen ("http"), NULL);
  g_autofree char *with_token = g_strdup_printf ("/ws?token=%s", qd_test_server_token (ts, QD_API_ROLE_VIEWER));
  g_autofree char *own_origin = g_strdup (ts->base);
  g_autoptr(GError) error = NULL;
  g_autoptr(QdTestWs) refused = NULL;
  g_autoptr(QdTestWs) foreign = NULL;
  g_autoptr(QdTestWs) ok = NULL;
  guint status = 0;

  refused = qd_test_ws_connect (ts->session, url, NULL, &status, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_cmpuint (status, ==, 401);
  g_clear_error (&error);

  g_free (url);
  g_free (http);
  http = qd_test_server_url (ts, with_token);
  url = g_strconcat ("ws", http + strlen ("http"), NULL);
  foreign = qd_test_ws_connect (ts->session, url, "https://evil.example", &status, &error);
  g_assert_null (foreign);
  g_assert_cmpuint (status, ==, 403);
  g_clear_error (&error);

  ok = connect_ws (ts, with_token, own_origin);
  g_assert_cmpint (qd_test_ws_wait (ok, 0, "ib_connection", NULL, 5000), ==, 0);
}

static void
test_coalescing (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestWs) ws = connect_ws (ts, NULL, NULL);
  QdIbService *service = qd_runtime_get_service (ts->runtime);
  QdQuote *quote = qd_ib_service_lookup_quote (service, "AAPL.NASDAQ");
  QdWsHub *hub = QD_WS_HUB (qd_api_server_get_ws_hub (ts->server));
  guint mark, n = 0, i;

  qd_ws_hub_set_limits (hub, 5, 0);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_account", NULL, 5000), >=, 0);
  qd_test_spin (300);
  mark = ws->messages->len;

  /* 200 updates of one key over a second: at most 5 a second go out, the last included. */
  for (i = 0; i < 200; i++)
    {
      g_signal_emit_by_name (service, "quote-updated", quote);
      qd_test_spin (5);
    }
  qd_test_spin (400);
  for (i = mark; i < ws->messages->len; i++)
    if (strstr (g_ptr_array_index (ws->messages, i), "\"type\":\"ib_quote\"") &&
        strstr (g_ptr_array_index (ws->messages, i), "\"symbol\":\"AAPL\""))
      n++;
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, 10);
}

static void
test_positions_removed_resync (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestWs) ws = connect_ws (ts, NULL, NULL);
  g_autoptr(QdTestWs) again = NULL;
  g_autofree char *url = qd_test_server_url (ts, "/api/v1/ib/orders/place");
  g_autoptr(QdTestResponse) placed = NULL;
  GListModel *positions = qd_ib_service_get_positions (qd_runtime_get_service (ts->runtime));

  placed = qd_test_http (ts->session, "POST", url, qd_test_server_token (ts, QD_API_ROLE_TRADER),
                         "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":2,\"order_type\":\"MKT\"}", NULL);
  g_assert_cmpuint (placed->status, ==, 200);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_positions", "\"symbol\":\"AAPL\"", 5000), >=, 0);

  /* Rows replaced wholesale (as when the IB portfolio takes over): the client is told to
   * reconnect, and its new snapshot no longer has them. */
  g_list_store_remove_all (G_LIST_STORE (positions));
  while (!ws->closed)
    qd_test_spin (10);
  g_assert_cmpuint (ws->close_code, ==, 4000);
  again = connect_ws (ts, NULL, NULL);
  g_assert_cmpint (qd_test_ws_wait (again, 0, "ib_positions", "\"data\":{}", 5000), ==, 2);
}

/* A client that stops reading: a plain socket that does the handshake and then nothing. */
static GSocket *
stalled_client (QdTestServer *ts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, qd_api_server_get_port (ts->server));
  g_autofree char *request = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                                              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n",
                                              qd_api_server_get_port (ts->server));
  char buf[256];
  gssize n = -1;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  /* A small window, so the kernel holds little for it. */
  g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, 4096, NULL);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_socket_set_blocking (socket, FALSE);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, (gssize) strlen (request));
  while (n <= 0 && g_get_monotonic_time () < deadline)
    {
      qd_test_spin (10);
      n = g_socket_receive (socket, buf, sizeof buf - 1, NULL, NULL);
    }
  g_assert_cmpint (n, >, 0);
  buf[n] = '\0';
  g_assert_true (g_str_has_prefix (buf, "HTTP/1.1 101"));
  return g_steal_pointer (&socket);
}

static void
test_slow_client_dropped (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  g_autoptr(QdTestWs) reader = connect_ws (ts, NULL, NULL);
  g_autoptr(GSocket) stalled = stalled_client (ts);
  QdIbService *service = qd_runtime_get_service (ts->runtime);
  QdWsHub *hub = QD_WS_HUB (qd_api_server_get_ws_hub (ts->server));
  g_autofree char *line = g_strnfill (8000, 'x');
  guint i;

  qd_ws_hub_set_limits (hub, 20, 256 * 1024);
  while (qd_ws_hub_get_n_clients (hub) < 2)
    qd_test_spin (10);

  /* 24 MB of activity: far more than the kernel buffers, so the stalled backlog grows. */
  for (i = 0; i < 3000 && qd_ws_hub_get_n_dropped (hub) == 0; i++)
    {
      g_signal_emit_by_name (service, "activity", QD_ACTIVITY_COMMAND, line);
      if (i % 20 == 0)
        qd_test_spin (1);
    }
  g_assert_cmpuint (qd_ws_hub_get_n_dropped (hub), ==, 1);
  g_assert_cmpuint (qd_ws_hub_get_n_clients (hub), ==, 1);

  /* The client that reads is still served, up to the newest message. */
  g_signal_emit_by_name (service, "activity", QD_ACTIVITY_COMMAND, "the last line");
  g_assert_cmpint (qd_test_ws_wait (reader, 0, "ib_activity", "the last line", 20000), >=, 0);
  g_assert_false (reader->closed);
  g_socket_close (stalled, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/server-ws/snapshot", test_snapshot);
  g_test_add_func ("/server-ws/updates", test_updates);
  g_test_add_func ("/server-ws/auth-and-origin", test_auth_and_origin);
  g_test_add_func ("/server-ws/coalescing", test_coalescing);
  g_test_add_func ("/server-ws/slow-client-dropped", test_slow_client_dropped);
  g_test_add_func ("/server-ws/positions-removed-resync", test_positions_removed_resync);

  return g_test_run ();
}
