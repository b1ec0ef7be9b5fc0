/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qd-api-server.h"
#include "qd-paper-venue.h"
#include "qd-runtime.h"
#include "qd-token-store.h"
#include "qd-ws-hub.h"

/*
 * WebSocket fan-out: N clients on /ws of a real QdApiServer, quotes appended to the bus at a
 * fixed rate (through the paper venue's touch, so they take the same path as the node's),
 * and the bus-to-client latency of every quote a client receives. Each quote's bid is unique,
 * so a client knows which append it is looking at. The hub coalesces per key: a quote
 * overtaken by a newer one of the same instrument is never sent, which is why "delivered"
 * can be below 100 %.
 *
 * The clients run in their own thread with their own main context, as a browser would be
 * another process; the server, the service and the bus run on the main thread.
 */

#define BID_BASE_CENTS 100000

static const char *instruments[] = {
  "AAPL.NASDAQ", "MSFT.NASDAQ", "NVDA.NASDAQ", "AMZN.NASDAQ",
  "GOOGL.NASDAQ", "META.NASDAQ", "TSLA.NASDAQ", "QQQ.NASDAQ",
};

typedef struct
{
  /* set up before the clients start */
  guint         n_clients;
  char         *url;
  guint         n_events;
  gint64       *sent_us;        /* by sequence, written by the main thread before the append */

  /* the client thread */
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GPtrArray    *connections;
  gint          n_open;         /* atomic */
  gint          n_failed;       /* atomic */
  gint          measuring;      /* atomic: 1 while the run lasts */
  GArray       *latencies;      /* gint64 µs, client thread only */
  guint64       received;       /* quotes received while measuring */
  guint64       unknown;        /* quotes that are not ours (the snapshot) */
} Bench;

static guint
parse_seq (const char *text,
           gsize       len)
{
  const char *bid = g_strstr_len (text, len, "\"bid\":");
  char *end = NULL;
  double value;
  gint64 cents;

  if (bid == NULL)
    return G_MAXUINT;
  value = g_ascii_strtod (bid + 6, &end);
  if (end == bid + 6)
    return G_MAXUINT;
  cents = (gint64) (value * 100 + 0.5);
  if (cents < BID_BASE_CENTS)
    return G_MAXUINT;
  return (guint) (cents - BID_BASE_CENTS);
}

static void
message_cb (SoupWebsocketConnection *connection,
            gint                     type,
            GBytes                  *message,
            Bench                   *bench)
{
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  gint64 now = g_get_monotonic_time ();
  guint seq;
  gint64 sent;

  if (!g_atomic_int_get (&bench->measuring) || g_strstr_len (text, MIN (len, 40), "\"ib_quote\"") == NULL)
    return;
  seq = parse_seq (text, len);
  /* Written before the append; the quote reached us through a socket since. */
  if (seq >= bench->n_events || (sent = bench->sent_us[seq]) == 0)
    {
      bench->unknown++;
      return;
    }
  bench->received++;
  sent = now - sent;
  g_array_append_val (bench->latencies, sent);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);

  if (connection == NULL)
    {
      g_printerr ("qd-bench-ws: a client could not connect: %s\n", error->message);
      g_atomic_int_inc (&bench->n_failed);
      return;
    }
  soup_websocket_connection_set_max_incoming_payload_size (connection, 0);
  g_signal_connect (connection, "message", G_CALLBACK (message_cb), bench);
  g_ptr_array_add (bench->connections, connection);
  g_atomic_int_inc (&bench->n_open);
}

static gpointer
client_thread (gpointer data)
{
  Bench *bench = data;
  g_autoptr(SoupSession) session = NULL;

  g_main_context_push_thread_default (bench->context);
  session = soup_session_new_with_options ("max-conns", 1000, "max-conns-per-host", 1000, NULL);
  for (guint i = 0; i < bench->n_clients; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", bench->url);

      soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                            connected_cb, bench);
    }
  g_main_loop_run (bench->loop);
  for (guint i = 0; i < bench->connections->len; i++)
    {
      SoupWebsocketConnection *c = g_ptr_array_index (bench->connections, i);

      g_signal_handlers_disconnect_by_data (c, bench);
      if (soup_websocket_connection_get_state (c) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (c, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }
  while (g_main_context_iteration (bench->context, FALSE))
    ;
  g_ptr_array_set_size (bench->connections, 0);
  g_main_context_pop_thread_default (bench->context);
  return NULL;
}

static gboolean
quit_client_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs the main context for a while (the server and the bus live there). */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) ? (void) 0 : g_usleep (200);
}

static void
publish (QdPaperVenue *venue,
         Bench        *bench,
         guint         seq)
{
  gint64 cents = BID_BASE_CENTS + seq;
  char bid[32], ask[32];

  g_snprintf (bid, sizeof bid, "%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
  g_snprintf (ask, sizeof ask, "%" G_GINT64_FORMAT ".%02d", (cents + 2) / 100, (int) ((cents + 2) % 100));
  bench->sent_us[seq] = g_get_monotonic_time ();
  qd_paper_venue_set_touch (venue, instruments[seq % G_N_ELEMENTS (instruments)], bid, ask, NULL, NULL);
}

/* Appends at `rate` per second for `seconds`, keeping to the schedule however late a
 * wake-up is. */
static void
run_load (QdPaperVenue *venue,
          Bench        *bench,
          guint         rate,
          guint         seconds)
{
  gint64 start = g_get_monotonic_time ();
  guint seq = 0;

  while (seq < bench->n_events)
    {
      gint64 elapsed = g_get_monotonic_time () - start;
      guint due = MIN ((guint) (elapsed * rate / G_USEC_PER_SEC), bench->n_events);

      while (seq < due)
        publish (venue, bench, seq++);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;
  i = MIN ((guint) (p * sorted->len), sorted->len - 1);
  return g_array_index (sorted, gint64, i) / 1000.0;
}

static void
report (Bench  *bench,
        guint   rate,
        guint   seconds,
        guint   flushes,
        guint   dropped)
{
  GArray *l = bench->latencies;
  double expected = (double) bench->n_events * bench->n_clients;

  g_array_sort (l, compare_gint64);
  printf ("clients: %u  events: %u at %u/s over %u s  per-key limit: %u updates/s\n",
          bench->n_clients, bench->n_events, rate, seconds, flushes);
  printf ("delivered: %" G_GUINT64_FORMAT " quotes to clients (%.1f %% of events x clients; the rest coalesced)\n",
          bench->received, expected > 0 ? 100.0 * bench->received / expected : 0);
  printf ("bus-to-client latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
          percentile_ms (l, 0.50), percentile_ms (l, 0.90), percentile_ms (l, 0.99),
          l->len ? g_array_index (l, gint64, l->len - 1) / 1000.0 : 0);
  printf ("clients dropped for backlog: %u\n", dropped);
}

/* A paper runtime without its random walk or demo trader, and a server on a free port. */
static QdApiServer *
start_server (const char    *dir,
              guint          flushes,
              QdRuntime    **runtime,
              QdTokenStore **tokens,
              GError       **error)
{
  g_autofree char *journal = g_build_filename (dir, "orders.jsonl", NULL);
  QdRuntimeConfig config = { .bus_url = "memory", .demo = TRUE, .seed = 1, .quote_rate = 0,
                             .without_trader = TRUE, .journal_path = journal };
  QdServerConfig server_config = { .address = "127.0.0.1", .port = 0, .loopback_viewers = FALSE };
  g_autoptr(QdApiServer) server = NULL;

  if ((*runtime = qd_runtime_new (&config, error)) == NULL ||
      (*tokens = qd_token_store_new (dir, error)) == NULL)
    return NULL;
  qd_runtime_start (*runtime);
  server_config.tokens = *tokens;
  server = qd_api_server_new (*runtime, &server_config, error);
  if (server == NULL || !qd_api_server_start (server, error))
    return NULL;
  qd_ws_hub_set_limits (QD_WS_HUB (qd_api_server_get_ws_hub (server)), flushes, 64 * 1024 * 1024);
  return g_steal_pointer (&server);
}

static void
bench_start_clients (Bench        *bench,
                     QdApiServer  *server,
                     QdTokenStore *tokens)
{
  bench->url = g_strdup_printf ("ws://127.0.0.1:%u/ws?token=%s", qd_api_server_get_port (server),
                                qd_token_store_get_token (tokens, QD_API_ROLE_VIEWER));
  bench->sent_us = g_new0 (gint64, bench->n_events);
  bench->latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), bench->n_events * 4);
  bench->connections = g_ptr_array_new_with_free_func (g_object_unref);
  bench->context = g_main_context_new ();
  bench->loop = g_main_loop_new (bench->context, FALSE);
  bench->thread = g_thread_new ("clients", client_thread, bench);
  while (g_atomic_int_get (&bench->n_open) + g_atomic_int_get (&bench->n_failed) < (gint) bench->n_clients)
    spin (50);
  spin (500);   /* the snapshots */
}

static void
bench_stop_clients (Bench *bench)
{
  g_main_context_invoke (bench->context, quit_client_loop_cb, bench->loop);
  g_thread_join (bench->thread);
  g_ptr_array_unref (bench->connections);
  g_main_loop_unref (bench->loop);
  g_main_context_unref (bench->context);
}

static void
bench_clear (Bench *bench)
{
  g_array_unref (bench->latencies);
  g_free (bench->sent_us);
  g_free (bench->url);
}

static void
remove_dir (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static int clients = 100, rate = 1000, seconds = 10, flushes = 20;

static gboolean
parse_options (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new ("— WebSocket fan-out latency");
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, "WebSocket clients (default 100)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, "Quotes appended per second (default 1000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Length of the run (default 10)", "S" },
    { "max-updates", 0, 0, G_OPTION_ARG_INT, &flushes, "The hub's updates per second per key (default 20)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, argc, argv, &error))
    {
      g_printerr ("qd-bench-ws: %s\n", error->message);
      return FALSE;
    }
  if (clients < 1 || clients > 1000 || rate < 1 || rate > 100000 || seconds < 1 || seconds > 600 || flushes < 1)
    {
      g_printerr ("qd-bench-ws: --clients 1..1000, --rate 1..100000, --seconds 1..600, --max-updates >= 1\n");
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(QdRuntime) runtime = NULL;
  g_autoptr(QdTokenStore) tokens = NULL;
  g_autoptr(QdApiServer) server = NULL;
  Bench bench = { 0 };

  if (!parse_options (&argc, &argv))
    return 2;
  if ((dir = g_dir_make_tmp ("qd-bench-ws-XXXXXX", &error)) == NULL ||
      (server = start_server (dir, flushes, &runtime, &tokens, &error)) == NULL)
    {
      g_printerr ("qd-bench-ws: %s\n", error->message);
      if (dir != NULL)
        remove_dir (dir);
      return 1;
    }
  spin (300);

  bench.n_clients = clients;
  bench.n_events = (guint) rate * seconds;
  bench_start_clients (&bench, server, tokens);
  g_atomic_int_set (&bench.measuring, 1);
  run_load (QD_PAPER_VENUE (qd_runtime_get_venue (runtime)), &bench, rate, seconds);
  spin (500);   /* what is still on its way */
  g_atomic_int_set (&bench.measuring, 0);
  bench_stop_clients (&bench);
  report (&bench, rate, seconds, flushes, qd_ws_hub_get_n_dropped (QD_WS_HUB (qd_api_server_get_ws_hub (server))));

  qd_api_server_stop (server);
  qd_runtime_stop (runtime);
  bench_clear (&bench);
  remove_dir (dir);
  return bench.n_failed > 0 ? 1 : 0;
}
