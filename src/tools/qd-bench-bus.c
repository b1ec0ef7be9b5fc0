/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Redis bus, measured against its own redis-server on loopback:
 *
 *  1. Start-up: N pre-loaded entries of a realistic mix (the paper venue's session: quotes,
 *     trades, bars, order lifecycles with fills, positions, account states, heartbeats),
 *     read from the start and applied by QdIbService. Goal: at least 150 000 entries/s.
 *  2. Live: a writer at R messages/s (QuoteTicks stamped with the wall clock when written);
 *     latency from that stamp to the moment QdIbService has applied the entry. Goal: p99
 *     under 5 ms.
 */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-redis-bus.h"

#define STREAM "trader-TESTER-001:stream"
#define START_NS G_GINT64_CONSTANT (1782916200000000000)
#define MS_NS G_GINT64_CONSTANT (1000000)

static guint opt_count = 1000000;
static guint opt_rate = 20000;
static guint opt_seconds = 10;
static gboolean opt_bus_only;

/* ---- a private redis-server --------------------------------------------------------- */

static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static guint16
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      getsockname (fd, (struct sockaddr *) &addr, &len) != 0)
    g_error ("no free port");
  close (fd);
  return ntohs (addr.sin_port);
}

static GSubprocess *
start_redis (guint16     port,
             const char *dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  int i;

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, "redis-server", "--port", port_text,
                                         "--bind", "127.0.0.1", "--dir", dir, "--save", "",
                                         "--appendonly", "no", NULL);
  if (process == NULL)
    g_error ("cannot start redis-server: %s", error->message);
  for (i = 0; i < 500; i++)
    {
      redisContext *c = redisConnect ("127.0.0.1", port);
      gboolean up = c != NULL && c->err == 0;

      if (c != NULL)
        redisFree (c);
      if (up)
        return process;
      g_usleep (10000);
    }
  g_error ("redis-server did not start");
}

/* ---- part 1: start-up from history ----------------------------------------------------- */

static void
command (QdPaperVenue *venue,
         const char   *json)
{
  qd_paper_venue_handle_command (venue, json, strlen (json), NULL);
}

typedef struct
{
  redisContext *c;
  guint         count;
  guint         sent;
  guint         done;
} Preload;

static void
drain (Preload *p,
       guint    keep)
{
  while (p->sent - p->done > keep)
    {
      redisReply *reply = NULL;

      if (redisGetReply (p->c, (void **) &reply) != REDIS_OK)
        g_error ("preload failed");
      freeReplyObject (reply);
      p->done++;
    }
}

/* Each entry the venue writes goes on to Redis as a node writes it. */
static void
forward_cb (QdBus            *bus,
            const QdBusEntry *entries,
            guint             n_entries,
            gpointer          user_data)
{
  Preload *p = user_data;
  guint i;

  for (i = 0; i < n_entries && p->sent < p->count; i++)
    {
      redisAppendCommand (p->c, "XADD %s * topic %s type %s payload %b encoding Json", STREAM,
                          entries[i].topic, "", entries[i].payload, entries[i].payload_len);
      p->sent++;
      drain (p, 2000);
    }
}

/* The paper venue's session on the embedded bus, forwarded to Redis. */
static guint
preload (redisContext *c,
         guint         count)
{
  g_autoptr(QdBus) memory = qd_memory_bus_new ();
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (memory, "TESTER-001", 11);
  Preload p = { c, count, 0, 0 };
  guint step = 0;

  qd_bus_watch (memory, STREAM, "0", forward_cb, &p, NULL);
  qd_paper_venue_set_manual_clock (venue, START_NS);
  qd_paper_venue_set_quote_rate (venue, 20000);
  qd_paper_venue_start (venue);
  while (p.sent < count)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"cmd\":\"submit\",\"request_id\":\"r%u\",\"instrument_id\":\"%s\",\"side\":\"%s\","
        "\"order_type\":\"MARKET\",\"quantity\":\"10\",\"time_in_force\":\"DAY\"}",
        step, step % 2 ? "MSFT.NASDAQ" : "AAPL.NASDAQ", step % 4 < 2 ? "BUY" : "SELL");

      /* An order every 10 ms: about a tenth of the entries are order, position and account events. */
      command (venue, json);
      qd_paper_venue_step (venue, 10 * MS_NS);
      qd_memory_bus_flush (QD_MEMORY_BUS (memory));
      step++;
    }
  drain (&p, 0);
  qd_paper_venue_stop (venue);
  return count;
}

static gboolean
has_all (gpointer data)
{
  QdIbService *service = data;
  return qd_ib_service_get_stats (service)->entries >= opt_count;
}

static void
run_until (GSourceFunc done,
           gpointer    data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static void
count_cb (QdBus            *bus,
          const QdBusEntry *entries,
          guint             n_entries,
          gpointer          user_data)
{
  *(guint *) user_data += n_entries;
}

static gboolean
counted_all (gpointer data)
{
  return *(guint *) data >= opt_count;
}

/* The bus alone: XREAD and hiredis parsing, entries handed to a watch that only counts. */
static void
bench_bus_only (const char *url)
{
  QdRedisBusOptions options = { .history_limit = opt_count };
  g_autoptr(QdBus) bus = qd_redis_bus_new (url, &options, NULL);
  guint n = 0;
  gint64 start = g_get_monotonic_time (), end;

  qd_bus_watch (bus, STREAM, "0", count_cb, &n, NULL);
  qd_redis_bus_start (QD_REDIS_BUS (bus));
  run_until (counted_all, &n);
  end = g_get_monotonic_time ();
  printf ("bus only: %u entries read in %.3f s = %.0f entries/s\n",
          n, (end - start) / 1e6, n / ((end - start) / 1e6));
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
}

static void
bench_startup (const char *url,
               redisContext *c)
{
  QdRedisBusOptions options = { .history_limit = opt_count };
  g_autoptr(QdBus) bus = qd_redis_bus_new (url, &options, NULL);
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  gint64 start, end;
  const QdIngestStats *stats;

  preload (c, opt_count);
  start = g_get_monotonic_time ();
  qd_ib_service_start (service);
  qd_redis_bus_start (QD_REDIS_BUS (bus));
  run_until (has_all, service);
  end = g_get_monotonic_time ();

  stats = qd_ib_service_get_stats (service);
  printf ("start-up: %u entries read and applied in %.3f s = %.0f entries/s "
          "(applied %" G_GUINT64_FORMAT ", duplicates %" G_GUINT64_FORMAT ", rejected %" G_GUINT64_FORMAT
          "; positions %u, orders %u)\n",
          opt_count, (end - start) / 1e6, opt_count / ((end - start) / 1e6), stats->applied,
          stats->duplicates, stats->rejected,
          g_list_model_get_n_items (qd_ib_service_get_positions (service)),
          g_list_model_get_n_items (qd_ib_service_get_orders (service)));
  qd_ib_service_stop (service);
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
  if (opt_bus_only)
    bench_bus_only (url);
}

/* ---- part 2: live latency ----------------------------------------------------------------- */

typedef struct
{
  guint16        port;
  guint          rate;
  guint          seconds;
  volatile gint  written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  redisContext *c = redisConnect ("127.0.0.1", w->port);
  gint64 start = g_get_monotonic_time ();
  guint total = w->rate * w->seconds, sent = 0, done = 0;

  while (sent < total)
    {
      /* Paced per millisecond: the entries due by now. */
      guint due = MIN (total, (guint) ((g_get_monotonic_time () - start) * (gint64) w->rate / 1000000));

      for (; sent < due; sent++)
        {
          g_autofree char *payload = g_strdup_printf (
            "{\"type\":\"QuoteTick\",\"instrument_id\":\"AAPL.NASDAQ\",\"bid_price\":\"%u.%02u\",\"ask_price\":\"%u.%02u\","
            "\"bid_size\":\"100\",\"ask_size\":\"200\",\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%" G_GINT64_FORMAT "\"}",
            200 + sent % 7, sent % 100, 200 + sent % 7, (sent + 1) % 100,
            g_get_real_time () * 1000, g_get_real_time () * 1000);

          redisAppendCommand (c, "XADD %s * topic data.quotes.NASDAQ.AAPL type %s payload %s encoding Json",
                              STREAM, "", payload);
        }
      for (; done < sent; done++)
        {
          redisReply *reply = NULL;

          if (redisGetReply (c, (void **) &reply) != REDIS_OK)
            g_error ("writer failed");
          freeReplyObject (reply);
        }
      g_atomic_int_set (&w->written, sent);
      g_usleep (500);
    }
  redisFree (c);
  return NULL;
}

typedef struct
{
  GArray *latencies;   /* gint64 ns */
  guint   target;
} Latency;

/* Called right after the service's own watch for the same batch: the entries are applied. */
static void
latency_cb (QdBus            *bus,
            const QdBusEntry *entries,
            guint             n_entries,
            gpointer          user_data)
{
  Latency *l = user_data;
  gint64 now = g_get_real_time () * 1000;
  guint i;

  for (i = 0; i < n_entries; i++)
    {
      const char *ts = g_strstr_len (entries[i].payload, entries[i].payload_len, "\"ts_event\":\"");
      gint64 latency;

      if (ts == NULL)
        continue;
      latency = now - g_ascii_strtoll (ts + strlen ("\"ts_event\":\""), NULL, 10);
      g_array_append_val (l->latencies, latency);
    }
}

static gboolean
has_latencies (gpointer data)
{
  Latency *l = data;
  return l->latencies->len >= l->target;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
bench_live (const char *url,
            guint16     port,
            redisContext *c)
{
  QdRedisBusOptions options = { 0 };
  g_autoptr(QdBus) bus = qd_redis_bus_new (url, &options, NULL);
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  Latency l = { g_array_new (FALSE, FALSE, sizeof (gint64)), opt_rate * opt_seconds };
  Writer w = { port, opt_rate, opt_seconds, 0 };
  redisReply *reply = redisCommand (c, "DEL %s", STREAM);
  GThread *thread;
  gint64 *v;
  guint n;

  freeReplyObject (reply);
  qd_ib_service_start (service);
  qd_bus_watch (bus, STREAM, "$", latency_cb, &l, NULL);
  qd_redis_bus_start (QD_REDIS_BUS (bus));
  while (qd_bus_get_state (bus) != QD_BUS_STATE_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
  /* Let the "$" position settle before the writer starts. */
  {
    gint64 until = g_get_monotonic_time () + 300000;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  thread = g_thread_new ("writer", writer_thread, &w);
  run_until (has_latencies, &l);
  g_thread_join (thread);

  g_array_sort (l.latencies, compare_gint64);
  v = (gint64 *) l.latencies->data;
  n = l.latencies->len;
  printf ("live: %u quotes at %u/s; bus-to-service latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, "
          "p99.9 %.3f ms, max %.3f ms\n", n, opt_rate, v[n / 2] / 1e6, v[n * 9 / 10] / 1e6,
          v[n * 99 / 100] / 1e6, v[n * 999 / 1000] / 1e6, v[n - 1] / 1e6);
  g_array_unref (l.latencies);
  qd_ib_service_stop (service);
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &opt_count, "Pre-loaded entries (default 1000000)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &opt_rate, "Live messages per second (default 20000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &opt_seconds, "Live run length (default 10)", "S" },
    { "bus-only", 0, 0, G_OPTION_ARG_NONE, &opt_bus_only, "Also time reading the history without applying it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *url = NULL;
  g_autoptr(GSubprocess) redis = NULL;
  redisContext *c;
  guint16 port;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_count == 0 || opt_rate == 0)
    {
      fprintf (stderr, "qd-bench-bus: %s\n", error ? error->message : "bad arguments");
      return 2;
    }

  dir = g_dir_make_tmp ("qd-bench-bus-XXXXXX", NULL);
  port = free_port ();
  url = g_strdup_printf ("redis://127.0.0.1:%u", port);
  redis = start_redis (port, dir);
  c = redisConnect ("127.0.0.1", port);

  bench_startup (url, c);
  bench_live (url, port, c);

  redisFree (c);
  g_subprocess_send_signal (redis, SIGKILL);
  g_subprocess_wait (redis, NULL, NULL);
  g_rmdir (dir);
  return 0;
}
