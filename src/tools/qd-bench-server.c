/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The API server under load, on loopback.
 *
 *   qd-bench-server --serve --orders 5000 --port 8000 --seconds 120
 *     serves a paper runtime holding that many working orders, for wrk:
 *       wrk -t2 -c32 -d10s --latency http://127.0.0.1:8000/api/v1/ib/orders
 *       wrk -t2 -c32 -d10s --latency http://127.0.0.1:8000/api/v1/ib/positions
 *     Targets: >= 15 000 req/s for positions, >= 500 req/s for 5 000 orders.
 *
 *   qd-bench-server --ws --clients 100 --rate 1000 --seconds 10 [--key-rate 20]
 *     appends QuoteTicks to the bus at `rate` a second and measures, in 100 WebSocket
 *     clients on their own thread, the time from the append to the client's receipt of the
 *     ib_quote it became (p50/p99/max). --key-rate is the hub's per-key limit (default: as
 *     high as the event rate, so every event is delivered). Target: p99 under 10 ms.
 */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qd-api-server.h"
#include "qd-runtime.h"
#include "qd-ws-hub.h"

static gboolean opt_serve, opt_ws;
static gint opt_orders = 5000, opt_port = 8000, opt_seconds = 10, opt_clients = 100, opt_rate = 1000, opt_key_rate = 0;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_until (gboolean *flag,
            guint     ms)
{
  guint id = g_timeout_add (ms, timeout_cb, flag);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static QdRuntime *
start_runtime (const char *dir,
               double      quote_rate)
{
  g_autofree char *journal = g_build_filename (dir, "orders.jsonl", NULL);
  QdRuntimeConfig config = { .demo = TRUE, .seed = 11, .quote_rate = quote_rate, .without_trader = TRUE,
                             .journal_path = journal };
  g_autoptr(GError) error = NULL;
  QdRuntime *runtime = qd_runtime_new (&config, &error);

  if (runtime == NULL)
    g_error ("runtime: %s", error->message);
  qd_runtime_start (runtime);
  while (g_list_model_get_n_items (qd_ib_service_get_quotes (qd_runtime_get_service (runtime))) < 3)
    spin (20);
  return runtime;
}

static QdApiServer *
start_server (QdRuntime  *runtime,
              const char *dir,
              guint16     port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QdTokenStore) tokens = qd_token_store_new (dir, &error);
  QdServerConfig config = { .port = port, .loopback_viewers = TRUE, .tokens = tokens };
  QdApiServer *server;

  if (tokens == NULL || (server = qd_api_server_new (runtime, &config, &error)) == NULL ||
      !qd_api_server_start (server, &error))
    g_error ("server: %s", error->message);
  return server;
}

/* ---- --serve ----------------------------------------------------------------------- */

/* A market order in each instrument, for a realistic positions list. */
static void
open_positions (QdIbService *service)
{
  GListModel *quotes = qd_ib_service_get_quotes (service);
  guint n = g_list_model_get_n_items (quotes), i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, i);
      QdOrderRequest request = {
        .instrument_id = qd_quote_get_instrument_id (quote),
        .side = QD_ORDER_SIDE_BUY, .order_type = QD_ORDER_TYPE_MARKET, .time_in_force = QD_TIME_IN_FORCE_DAY,
        .quantity = qd_decimal_from_int (1), .limit_price = QD_DECIMAL_NONE, .stop_price = QD_DECIMAL_NONE,
      };
      g_autofree char *id = qd_ib_service_place_order (service, &request, NULL);
    }
  while (g_list_model_get_n_items (qd_ib_service_get_positions (service)) < n)
    spin (50);
}

/* Working limit orders 20 % under the market: they stay on the book. */
static void
place_orders (QdIbService *service,
              guint        count)
{
  GListModel *orders = qd_ib_service_get_orders (service);
  g_autoptr(QdQuote) quote = g_list_model_get_item (qd_ib_service_get_quotes (service), 0);
  QdDecimal bid = qd_quote_get_bid (quote);
  QdOrderRequest request = {
    .instrument_id = qd_quote_get_instrument_id (quote),
    .side = QD_ORDER_SIDE_BUY, .order_type = QD_ORDER_TYPE_LIMIT, .time_in_force = QD_TIME_IN_FORCE_GTC,
    .quantity = qd_decimal_from_int (1), .stop_price = QD_DECIMAL_NONE,
  };
  guint i;

  request.limit_price = bid;
  request.limit_price.raw = bid.raw * 8 / 10;
  for (i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = qd_ib_service_place_order (service, &request, &error);

      if (id == NULL)
        g_error ("place: %s", error->message);
      if (i % 100 == 99)
        spin (5);
    }
  while (g_list_model_get_n_items (orders) < count + g_list_model_get_n_items (qd_ib_service_get_quotes (service)))
    spin (50);
}

static int
run_serve (const char *dir)
{
  g_autoptr(QdRuntime) runtime = start_runtime (dir, 50);
  g_autoptr(QdApiServer) server = NULL;
  g_autofree char *url = NULL;
  gboolean done = FALSE;

  open_positions (qd_runtime_get_service (runtime));
  place_orders (qd_runtime_get_service (runtime), (guint) opt_orders);
  server = start_server (runtime, dir, (guint16) opt_port);
  url = qd_api_server_get_url (server);
  printf ("serving %u orders at %sapi/v1/ib/orders for %d s\n",
          g_list_model_get_n_items (qd_ib_service_get_orders (qd_runtime_get_service (runtime))), url, opt_seconds);
  fflush (stdout);
  spin_until (&done, (guint) opt_seconds * 1000);
  qd_api_server_stop (server);
  qd_runtime_stop (runtime);
  return 0;
}

/* ---- --ws -------------------------------------------------------------------------- */

#define BID_OFFSET 1000

typedef struct
{
  char     *url;
  guint     n_clients;
  gint64   *sent_at;        /* by sequence number, written by the main thread */
  guint     capacity;
  GArray   *latencies;      /* gint64 µs, client thread only */
  guint     n_connected;    /* atomic */
  gboolean  stop;           /* atomic */
  GPtrArray *connections;
  GMainContext *context;      /* the clients' */
} Fanout;

static void
client_message_cb (SoupWebsocketConnection *connection,
                   gint                     type,
                   GBytes                  *message,
                   Fanout                  *f)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  const char *bid;
  gint64 seq, sent;

  if (strstr (text, "\"type\":\"ib_quote\"") == NULL || (bid = strstr (text, "\"bid\":")) == NULL)
    return;
  seq = g_ascii_strtoll (bid + 6, NULL, 10) - BID_OFFSET;
  if (seq < 0 || seq >= f->capacity)
    return;
  sent = __atomic_load_n (&f->sent_at[seq], __ATOMIC_ACQUIRE);
  if (sent > 0)
    g_array_append_val (f->latencies, (gint64) { now - sent });
}

static void
client_connected_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Fanout *f = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);

  if (connection == NULL)
    g_error ("client: %s", error->message);
  g_signal_connect (connection, "message", G_CALLBACK (client_message_cb), f);
  g_ptr_array_add (f->connections, connection);
  g_atomic_int_inc (&f->n_connected);
}

static gpointer
clients_thread (gpointer user_data)
{
  Fanout *f = user_data;
  GMainContext *context = f->context;
  g_autoptr(SoupSession) session = NULL;
  guint i;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("max-conns", 1000, "max-conns-per-host", 1000, NULL);
  for (i = 0; i < f->n_clients; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, f->url);

      soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                            client_connected_cb, f);
    }
  while (!g_atomic_int_get (&f->stop))
    g_main_context_iteration (context, TRUE);
  g_ptr_array_set_size (f->connections, 0);
  while (g_main_context_iteration (context, FALSE));
  g_main_context_pop_thread_default (context);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
publish_quotes (QdRuntime *runtime,
                Fanout    *f)
{
  QdBus *bus = qd_runtime_get_bus (runtime);
  GListModel *quotes = qd_ib_service_get_quotes (qd_runtime_get_service (runtime));
  guint n_instruments = g_list_model_get_n_items (quotes);
  guint total = (guint) (opt_rate * opt_seconds), seq = 0;
  gint64 start = g_get_monotonic_time ();

  while (seq < total)
    {
      gint64 due = start + (gint64) seq * G_USEC_PER_SEC / opt_rate;

      if (g_get_monotonic_time () < due)
        {
          g_main_context_iteration (NULL, FALSE);
          if (g_get_monotonic_time () < due - 200)
            g_usleep (100);
          continue;
        }
      {
        g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, seq % n_instruments);
        const char *id = qd_quote_get_instrument_id (quote);
        g_autofree char *symbol = g_strndup (id, strcspn (id, "."));
        g_autofree char *topic = g_strdup_printf ("data.quotes.%s.%s", strchr (id, '.') + 1, symbol);
        g_autofree char *payload = g_strdup_printf (
          "{\"type\":\"QuoteTick\",\"instrument_id\":\"%s\",\"bid_price\":\"%u.25\",\"ask_price\":\"%u.75\","
          "\"bid_size\":\"100\",\"ask_size\":\"100\",\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%"
          G_GINT64_FORMAT "\"}", id, seq + BID_OFFSET, seq + BID_OFFSET,
          g_get_real_time () * 1000, g_get_real_time () * 1000);
        g_autofree char *stream = g_strdup_printf ("trader-%s:stream", qd_ib_service_get_trader_id (qd_runtime_get_service (runtime)));

        __atomic_store_n (&f->sent_at[seq], g_get_monotonic_time (), __ATOMIC_RELEASE);
        qd_bus_append (bus, stream, topic, payload, -1, 0, NULL, NULL);
        seq++;
      }
      /* Deliver before the next one, even when behind schedule. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static int
run_ws (const char *dir)
{
  g_autoptr(QdRuntime) runtime = start_runtime (dir, 0);
  g_autoptr(QdApiServer) server = start_server (runtime, dir, 0);
  QdWsHub *hub = QD_WS_HUB (qd_api_server_get_ws_hub (server));
  g_autofree char *http = qd_api_server_get_url (server);
  Fanout f = { 0 };
  GThread *thread;
  guint expected;

  f.url = g_strconcat ("ws", http + 4, "ws", NULL);
  f.n_clients = (guint) opt_clients;
  f.capacity = (guint) (opt_rate * opt_seconds) + 1;
  f.sent_at = g_new0 (gint64, f.capacity);
  f.latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), f.capacity * f.n_clients);
  f.connections = g_ptr_array_new_with_free_func (g_object_unref);
  qd_ws_hub_set_limits (hub, (guint) (opt_key_rate > 0 ? opt_key_rate : opt_rate), 0);

  f.context = g_main_context_new ();
  thread = g_thread_new ("clients", clients_thread, &f);
  while (g_atomic_int_get (&f.n_connected) < f.n_clients)
    spin (10);
  spin (500);

  publish_quotes (runtime, &f);
  spin (500);
  g_atomic_int_set (&f.stop, TRUE);
  g_main_context_wakeup (f.context);
  qd_api_server_stop (server);
  g_thread_join (thread);

  g_array_sort (f.latencies, compare_gint64);
  expected = (f.capacity - 1) * f.n_clients;
  if (f.latencies->len == 0)
    g_error ("no quote reached a client");
  printf ("ws fan-out: %u clients, %d events/s for %d s, key rate %d/s: delivered %u of %u (%.1f %%)\n",
          f.n_clients, opt_rate, opt_seconds, opt_key_rate > 0 ? opt_key_rate : opt_rate,
          f.latencies->len, expected, 100.0 * f.latencies->len / expected);
  printf ("bus-to-client latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
          g_array_index (f.latencies, gint64, f.latencies->len / 2) / 1000.0,
          g_array_index (f.latencies, gint64, (guint) (f.latencies->len * 0.99)) / 1000.0,
          g_array_index (f.latencies, gint64, f.latencies->len - 1) / 1000.0);

  g_array_unref (f.latencies);
  g_ptr_array_unref (f.connections);
  g_free (f.sent_at);
  g_free (f.url);
  g_main_context_unref (f.context);
  qd_runtime_stop (runtime);
  return 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "serve", 0, 0, G_OPTION_ARG_NONE, &opt_serve, "Serve a runtime with --orders working orders", NULL },
    { "ws", 0, 0, G_OPTION_ARG_NONE, &opt_ws, "Measure WebSocket fan-out latency", NULL },
    { "orders", 0, 0, G_OPTION_ARG_INT, &opt_orders, "Working orders (--serve)", "N" },
    { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Port (--serve)", "PORT" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &opt_seconds, "How long", "S" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &opt_clients, "WebSocket clients (--ws)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &opt_rate, "Bus events per second (--ws)", "N" },
    { "key-rate", 0, 0, G_OPTION_ARG_INT, &opt_key_rate, "Hub updates per second per key (--ws)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- API server benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_serve == opt_ws ||
      opt_orders < 0 || opt_port < 0 || opt_port > 65535 || opt_seconds < 1 || opt_clients < 1 || opt_rate < 1)
    {
      g_printerr ("usage: qd-bench-server --serve [--orders N --port P --seconds S] | --ws [--clients N --rate R --seconds S]\n");
      return 2;
    }
  dir = g_dir_make_tmp ("qd-bench-server-XXXXXX", NULL);
  status = opt_serve ? run_serve (dir) : run_ws (dir);
  remove_tree (dir);
  return status;
}
