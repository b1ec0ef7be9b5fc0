/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The API server under load, on loopback.
 *
 *   qd-bench-server --serve --orders 5000 --port 8000 --seconds 120
 *     serves a paper runtime holding that many working orders, for wrk:
 *       wrk -t2 -c32 -d10s --latency http://127.0.0.1:8000/api/v1/ib/orders
 *       wrk -t2 -c32 -d10s --latency http://127.0.0.1:8000/api/v1/ib/positions
 *     Targets: >= 15 000 req/s for positions, >= 500 req/s for 5 000 orders.
 *     The paper market quotes 50 times a second meanwhile; --quote-rate 0 holds it still,
 *     so that instruction counts (valgrind --tool=callgrind) are those of the requests alone.
 *
 *   qd-bench-server --ws --clients 100 --rate 1000 --seconds 10 [--key-rate 20]
 *     appends QuoteTicks to the bus at `rate` a second and measures, in 100 lean WebSocket
 *     clients on their own thread (plain sockets), the time from the append to the client's receipt of the
 *     ib_quote it became (p50/p99/max). --key-rate is the hub's per-key limit (default: as
 *     high as the event rate, so every event is delivered). Target: p99 under 10 ms.
 */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "qd-api-server.h"
#include "qd-paper-venue.h"
#include "qd-runtime.h"
#include "qd-ws-hub.h"

static gboolean opt_serve, opt_ws;
static gint opt_orders = 5000, opt_port = 8000, opt_seconds = 10, opt_clients = 100, opt_rate = 1000, opt_key_rate = 0;
static gdouble opt_quote_rate = 50;

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
  /* 0 stops the market once the book is set up: then a profile counts only the requests. */
  qd_paper_venue_set_quote_rate (QD_PAPER_VENUE (qd_runtime_get_venue (runtime)), opt_quote_rate);
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
  guint16   port;
  guint     n_clients;
  gint64   *sent_at;        /* by sequence number, written by the main thread */
  guint     capacity;
  GArray   *latencies;      /* gint64 µs, client thread only */
  guint     n_connected;    /* atomic */
  gboolean  stop;           /* atomic */
} Fanout;

/* The clients are lean on purpose (plain sockets, 64 KiB reads, frames parsed in place): what
 * is measured is the server, not a client library sharing its two cores. */
typedef struct
{
  int         fd;
  GByteArray *buf;
  gboolean    upgraded;
} RawClient;

static int
connect_raw (guint16 port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  g_autofree char *request = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                                              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n", port);
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      write (fd, request, strlen (request)) != (gssize) strlen (request))
    g_error ("client: cannot connect: %s", g_strerror (errno));
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

static void
record_quote (Fanout      *f,
              const char  *payload,
              gsize        len,
              gint64       now)
{
  const char *bid;
  gint64 seq = 0, sent;

  if (memmem (payload, len, "\"type\":\"ib_quote\"", 17) == NULL ||
      (bid = memmem (payload, len, "\"bid\":", 6)) == NULL)
    return;
  for (bid += 6; bid < payload + len && g_ascii_isdigit (*bid); bid++)
    seq = seq * 10 + (*bid - '0');
  seq -= BID_OFFSET;
  if (seq < 0 || seq >= f->capacity)
    return;
  sent = __atomic_load_n (&f->sent_at[seq], __ATOMIC_ACQUIRE);
  if (sent > 0)
    g_array_append_val (f->latencies, (gint64) { now - sent });
}

static void
read_frames (Fanout    *f,
             RawClient *c,
             gint64     now)
{
  const guint8 *data = c->buf->data;
  gsize len = c->buf->len, off = 0;

  if (!c->upgraded)
    {
      const char *end = memmem (data, len, "\r\n\r\n", 4);

      if (end == NULL)
        return;
      off = (gsize) ((const guint8 *) end - data) + 4;
      c->upgraded = TRUE;
      g_atomic_int_inc (&f->n_connected);
    }
  for (;;)
    {
      gsize header = 2, payload;

      if (len - off < 2)
        break;
      payload = data[off + 1] & 0x7f;
      if (payload == 126)
        {
          if (len - off < 4)
            break;
          header = 4;
          payload = ((gsize) data[off + 2] << 8) | data[off + 3];
        }
      else if (payload == 127)
        {
          guint i;

          if (len - off < 10)
            break;
          header = 10;
          for (payload = 0, i = 2; i < 10; i++)
            payload = (payload << 8) | data[off + i];
        }
      if (len - off < header + payload)
        break;
      if ((data[off] & 0x0f) == 1)
        record_quote (f, (const char *) data + off + header, payload, now);
      off += header + payload;
    }
  g_byte_array_remove_range (c->buf, 0, (guint) off);
}

static gpointer
clients_thread (gpointer user_data)
{
  Fanout *f = user_data;
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, f->n_clients);
  g_autofree RawClient *clients = g_new0 (RawClient, f->n_clients);
  guint8 chunk[65536];
  guint i;

  for (i = 0; i < f->n_clients; i++)
    {
      clients[i].fd = fds[i].fd = connect_raw (f->port);
      clients[i].buf = g_byte_array_new ();
      fds[i].events = POLLIN;
    }
  while (!g_atomic_int_get (&f->stop))
    {
      if (poll (fds, f->n_clients, 50) <= 0)
        continue;
      for (i = 0; i < f->n_clients; i++)
        {
          gssize n;

          if (!(fds[i].revents & POLLIN))
            continue;
          while ((n = read (fds[i].fd, chunk, sizeof chunk)) > 0)
            {
              g_byte_array_append (clients[i].buf, chunk, (guint) n);
              read_frames (f, &clients[i], g_get_monotonic_time ());
            }
        }
    }
  for (i = 0; i < f->n_clients; i++)
    {
      close (clients[i].fd);
      g_byte_array_unref (clients[i].buf);
    }
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  QdRuntime *runtime;
  Fanout    *fanout;
  guint      seq;
  guint      total;
  gint64     start;
  char      *stream;
  gboolean   done;
} Publisher;

static void
publish_one (Publisher *p)
{
  GListModel *quotes = qd_ib_service_get_quotes (qd_runtime_get_service (p->runtime));
  g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, p->seq % g_list_model_get_n_items (quotes));
  const char *id = qd_quote_get_instrument_id (quote);
  g_autofree char *symbol = g_strndup (id, strcspn (id, "."));
  g_autofree char *topic = g_strdup_printf ("data.quotes.%s.%s", strchr (id, '.') + 1, symbol);
  gint64 ns = g_get_real_time () * 1000;
  g_autofree char *payload = g_strdup_printf (
    "{\"type\":\"QuoteTick\",\"instrument_id\":\"%s\",\"bid_price\":\"%u.25\",\"ask_price\":\"%u.75\","
    "\"bid_size\":\"100\",\"ask_size\":\"100\",\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%"
    G_GINT64_FORMAT "\"}", id, p->seq + BID_OFFSET, p->seq + BID_OFFSET, ns, ns);

  __atomic_store_n (&p->fanout->sent_at[p->seq], g_get_monotonic_time (), __ATOMIC_RELEASE);
  qd_bus_append (qd_runtime_get_bus (p->runtime), p->stream, topic, payload, -1, 0, NULL, NULL);
  p->seq++;
}

/* Every millisecond, the events due by now: the bus delivers in batches like Redis does. */
static gboolean
publish_cb (gpointer user_data)
{
  Publisher *p = user_data;
  gint64 elapsed = g_get_monotonic_time () - p->start;

  while (p->seq < p->total && (gint64) p->seq * G_USEC_PER_SEC / opt_rate <= elapsed)
    publish_one (p);
  if (p->seq < p->total)
    return G_SOURCE_CONTINUE;
  p->done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
publish_quotes (QdRuntime *runtime,
                Fanout    *f)
{
  Publisher p = { .runtime = runtime, .fanout = f, .total = (guint) (opt_rate * opt_seconds) };

  p.stream = g_strdup_printf ("trader-%s:stream", qd_ib_service_get_trader_id (qd_runtime_get_service (runtime)));
  p.start = g_get_monotonic_time ();
  g_timeout_add (1, publish_cb, &p);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_free (p.stream);
}

static int
run_ws (const char *dir)
{
  g_autoptr(QdRuntime) runtime = start_runtime (dir, 0);
  g_autoptr(QdApiServer) server = start_server (runtime, dir, 0);
  QdWsHub *hub = QD_WS_HUB (qd_api_server_get_ws_hub (server));
  Fanout f = { 0 };
  GThread *thread;
  guint expected;

  f.port = qd_api_server_get_port (server);
  f.n_clients = (guint) opt_clients;
  f.capacity = (guint) (opt_rate * opt_seconds) + 1;
  f.sent_at = g_new0 (gint64, f.capacity);
  f.latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), f.capacity * f.n_clients);
  qd_ws_hub_set_limits (hub, (guint) (opt_key_rate > 0 ? opt_key_rate : opt_rate), 0);

  thread = g_thread_new ("clients", clients_thread, &f);
  {
    gint64 t0 = g_get_monotonic_time ();

    while (g_atomic_int_get (&f.n_connected) < f.n_clients)
      spin (10);
    g_printerr ("%u clients connected in %.2f s\n", f.n_clients, (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  }
  spin (500);

  {
    gint64 t0 = g_get_monotonic_time ();

    publish_quotes (runtime, &f);
    g_printerr ("published %d events in %.2f s\n", opt_rate * opt_seconds,
                (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  }
  spin (500);
  g_atomic_int_set (&f.stop, TRUE);
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
  g_free (f.sent_at);
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
    { "quote-rate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_quote_rate, "Simulated quotes per second while serving (--serve)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- API server benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_serve == opt_ws ||
      opt_orders < 0 || opt_port < 0 || opt_port > 65535 || opt_seconds < 1 || opt_clients < 1 || opt_rate < 1 ||
      opt_quote_rate < 0 || opt_quote_rate > 1e6)
    {
      g_printerr ("usage: qd-bench-server --serve [--orders N --port P --seconds S] | --ws [--clients N --rate R --seconds S]\n");
      return 2;
    }
  dir = g_dir_make_tmp ("qd-bench-server-XXXXXX", NULL);
  status = opt_serve ? run_serve (dir) : run_ws (dir);
  remove_tree (dir);
  return status;
}
