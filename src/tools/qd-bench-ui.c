/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Interactive Brokers tab under load: 1 000 positions and 10 000 orders in the service,
 * 5 000 updates per second (quotes that re-mark every position, and order amendments) applied
 * through the real decode + apply path, the dashboard on screen. Prints frame times (from the
 * GdkFrameClock) p50/p99, frames per second, CPU use, the time to the first frame and resident
 * memory. Targets: 60 fps, p99 under 20 ms under Xvfb, first frame within 500 ms, RSS under
 * 100 MB with 10 000 orders.
 *
 *   GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
 *     xvfb-run -a -s "-screen 0 1600x1000x24" ./qd-bench-ui [--seconds 10] [--rate 5000]
 *
 * Xvfb has no GPU: GTK's GL renderer would run on Mesa's software rasteriser (and map
 * libLLVM, about 50 MB), which measures Mesa rather than Quarterdeck.
 */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "qd-ib-dashboard.h"
#include "qd-ib-service.h"
#include "qd-memory-bus.h"

#define N_POSITIONS 1000
#define N_ORDERS 10000

typedef struct
{
  QdBus       *bus;
  QdIbService *service;
  GArray      *frame_ms;      /* double: time between consecutive frames */
  GArray      *work_ms;       /* double: update + layout + paint time of each frame */
  gint64       frame_start;
  gint64       last_frame;
  gint64       start;
  gint64       first_frame;
  guint64      updates;
  gint64       rate_start;
  guint64      rate_sent;
  double       rate;
  gboolean     done;
} Bench;

static void
ingest (QdIbService *service,
        const char  *topic,
        const char  *payload)
{
  qd_ib_service_ingest (service, topic, payload, strlen (payload), NULL);
}

/* Orders placed over a trading day, a couple of seconds apart, as a busy account's are. */
static guint64
order_time (guint i)
{
  return G_GUINT64_CONSTANT (1782916212001000000) + (guint64) i * G_GUINT64_CONSTANT (2300000000);
}

static void
populate (QdIbService *service)
{
  guint i;

  for (i = 0; i < N_POSITIONS; i++)
    {
      g_autofree char *p = g_strdup_printf (
        "{\"type\":\"PositionOpened\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"S-001\",\"instrument_id\":\"SYM%04u.NASDAQ\","
        "\"position_id\":\"SYM%04u.NASDAQ-S-001\",\"account_id\":\"IB-DU1\",\"opening_order_id\":\"O-%u\",\"entry\":\"BUY\",\"side\":\"LONG\","
        "\"signed_qty\":100.0,\"quantity\":\"100\",\"peak_qty\":\"100\",\"last_qty\":\"100\",\"last_px\":\"%u.%02u\",\"currency\":\"USD\","
        "\"avg_px_open\":%u.%02u,\"realized_pnl\":\"-1.00 USD\",\"duration_ns\":0,\"event_id\":\"pos-%u\",\"ts_event\":\"1782916241000000000\","
        "\"ts_init\":\"1782916241000000000\"}", i, i, i, 50 + i % 400, i % 100, 50 + i % 400, i % 100, i);
      ingest (service, "events.position.S-001", p);
    }

  for (i = 0; i < N_ORDERS; i++)
    {
      g_autofree char *init = g_strdup_printf (
        "{\"type\":\"OrderInitialized\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"S-001\",\"instrument_id\":\"SYM%04u.NASDAQ\","
        "\"client_order_id\":\"O-%05u\",\"order_side\":\"%s\",\"order_type\":\"LIMIT\",\"quantity\":\"%u\",\"time_in_force\":\"GTC\","
        "\"post_only\":false,\"reduce_only\":false,\"quote_quantity\":false,\"options\":{\"price\":\"%u.%02u\",\"expire_time_ns\":0},"
        "\"tags\":null,\"event_id\":\"i-%u\",\"ts_init\":\"%" G_GUINT64_FORMAT "\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"reconciliation\":false}",
        i % N_POSITIONS, i, i % 2 ? "SELL" : "BUY", 100 + i % 900, 40 + i % 400, i % 100, i,
        order_time (i), order_time (i));
      g_autofree char *acc = g_strdup_printf (
        "{\"type\":\"OrderAccepted\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"S-001\",\"instrument_id\":\"SYM%04u.NASDAQ\","
        "\"client_order_id\":\"O-%05u\",\"venue_order_id\":\"%u\",\"account_id\":\"IB-DU1\",\"event_id\":\"a-%u\","
        "\"ts_event\":\"1782916212002000000\",\"ts_init\":\"1782916212002000000\",\"reconciliation\":false}",
        i % N_POSITIONS, i, 100000 + i, i);
      ingest (service, "events.order.S-001", init);
      ingest (service, "events.order.S-001", acc);
    }
}

/* Updates reach the service as a node's would: appended to the bus, read by its watch. */
static void
publish (Bench      *b,
         const char *topic,
         const char *payload)
{
  /* Trimmed as a node's autotrim would, so the bus does not grow for ever. */
  qd_bus_append (b->bus, "trader-TESTER-001:stream", topic, payload, -1, 10000, NULL, NULL);
}

/* One batch of updates: 80 % quotes (each re-marks a position), 20 % order amendments. */
static gboolean
update_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 elapsed = g_get_monotonic_time () - b->rate_start;
  guint64 due = (guint64) (b->rate * elapsed / G_USEC_PER_SEC);
  guint per_tick = due > b->rate_sent ? (guint) MIN (due - b->rate_sent, (guint64) b->rate) : 0;
  guint i;

  /* Keep to the asked rate whatever the timer's granularity. */
  b->rate_sent += per_tick;
  for (i = 0; i < per_tick; i++, b->updates++)
    {
      guint n = (guint) (b->updates * 7919 % N_POSITIONS);
      g_autofree char *payload = NULL;

      if (b->updates % 5 != 0)
        {
          guint cents = (50 + n % 400) * 100 + (guint) ((b->updates / 13) % 200);
          payload = g_strdup_printf ("{\"type\":\"QuoteTick\",\"instrument_id\":\"SYM%04u.NASDAQ\",\"bid_price\":\"%u.%02u\","
                                     "\"ask_price\":\"%u.%02u\",\"bid_size\":\"300\",\"ask_size\":\"200\","
                                     "\"ts_event\":\"1782916212000000000\",\"ts_init\":\"1782916212000000000\"}",
                                     n, cents / 100, cents % 100, (cents + 2) / 100, (cents + 2) % 100);
          publish (b, "data.quotes.NASDAQ.X", payload);
        }
      else
        {
          guint o = (guint) (b->updates * 104729 % N_ORDERS);
          payload = g_strdup_printf ("{\"type\":\"OrderUpdated\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"S-001\","
                                     "\"instrument_id\":\"SYM%04u.NASDAQ\",\"client_order_id\":\"O-%05u\",\"venue_order_id\":\"%u\","
                                     "\"account_id\":\"IB-DU1\",\"quantity\":\"%u\",\"price\":\"%u.%02u\",\"trigger_price\":null,"
                                     "\"event_id\":\"u-%" G_GUINT64_FORMAT "\",\"ts_event\":\"1782916212003000000\","
                                     "\"ts_init\":\"1782916212003000000\",\"reconciliation\":false,\"is_quote_quantity\":false}",
                                     o % N_POSITIONS, o, 100000 + o, 100 + (guint) (b->updates % 900),
                                     40 + o % 400, (guint) (b->updates % 100), b->updates);
          publish (b, "events.order.S-001", payload);
        }
    }

  return b->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
update_cb_clock (GdkFrameClock *clock,
                 Bench         *b)
{
  b->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = g_get_monotonic_time ();

  if (b->frame_start != 0)
    {
      double work = (now - b->frame_start) / 1000.0;
      g_array_append_val (b->work_ms, work);
      b->frame_start = 0;
    }

  if (b->first_frame == 0)
    b->first_frame = now;
  if (b->last_frame != 0)
    {
      double ms = (now - b->last_frame) / 1000.0;
      g_array_append_val (b->frame_ms, ms);
    }
  b->last_frame = now;
}

static void
realize_cb (GtkWidget *window,
            Bench     *b)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "update", G_CALLBACK (update_cb_clock), b);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), b);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static long
rss_kib (void)
{
  long pages = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f != NULL)
    {
      if (fscanf (f, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
      fclose (f);
    }
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static gboolean
stop_cb (gpointer user_data)
{
  ((Bench *) user_data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- dashboard frame times under load");
  g_autoptr(QdBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  Bench b = { .rate = 5000 };
  gint seconds = 10;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Measure for this long", "S" },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &b.rate, "Updates per second", "N" },
    { NULL }
  };
  GtkWidget *window;
  double cpu0, cpu1, wall, p50, p99;
  gint64 populate_start;
  guint n;

  b.start = g_get_monotonic_time ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();

  bus = qd_memory_bus_new ();
  b.bus = bus;
  b.service = qd_ib_service_new (bus, "TESTER-001");
  b.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b.work_ms = g_array_new (FALSE, FALSE, sizeof (double));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (window), qd_ib_dashboard_new (b.service));
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), &b);
  gtk_window_present (GTK_WINDOW (window));
  while (b.first_frame == 0)
    g_main_context_iteration (NULL, TRUE);
  printf ("first frame: %.0f ms after start (empty dashboard); RSS %ld KiB\n",
          (b.first_frame - b.start) / 1000.0, rss_kib ());

  populate_start = g_get_monotonic_time ();
  populate (b.service);
  qd_ib_service_start (b.service);
  printf ("loaded %u positions and %u orders in %.0f ms; RSS %ld KiB\n", N_POSITIONS, N_ORDERS,
          (g_get_monotonic_time () - populate_start) / 1000.0, rss_kib ());

  /* Let the first full frames settle, then measure. */
  b.done = FALSE;
  b.rate_start = g_get_monotonic_time ();
  g_timeout_add (5, update_cb, &b);
  while (g_get_monotonic_time () - populate_start < G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  g_array_set_size (b.frame_ms, 0);
  g_array_set_size (b.work_ms, 0);
  printf ("after 1 s of updates: RSS %ld KiB\n", rss_kib ());
  b.updates = 0;
  b.rate_start = g_get_monotonic_time ();
  b.rate_sent = 0;
  cpu0 = cpu_seconds ();
  wall = g_get_monotonic_time ();
  g_timeout_add_seconds (seconds, stop_cb, &b);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  wall = (g_get_monotonic_time () - wall) / 1e6;
  cpu1 = cpu_seconds ();

  n = b.frame_ms->len;
  g_array_sort (b.frame_ms, compare_doubles);
  p50 = n ? g_array_index (b.frame_ms, double, n / 2) : 0;
  p99 = n ? g_array_index (b.frame_ms, double, MIN (n - 1, (guint) (n * 0.99))) : 0;

  printf ("updates: %" G_GUINT64_FORMAT " in %.1f s (%.0f/s)\n", b.updates, wall, b.updates / wall);
  printf ("frames: %u in %.1f s = %.1f fps; frame interval p50 %.1f ms, p99 %.1f ms\n", n, wall, n / wall, p50, p99);
  g_array_sort (b.work_ms, compare_doubles);
  n = b.work_ms->len;
  printf ("frame time (update, layout and paint of one frame): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
          n ? g_array_index (b.work_ms, double, n / 2) : 0,
          n ? g_array_index (b.work_ms, double, MIN (n - 1, (guint) (n * 0.99))) : 0,
          n ? g_array_index (b.work_ms, double, n - 1) : 0);
  printf ("CPU: %.0f %% of one core\n", 100.0 * (cpu1 - cpu0) / wall);
  printf ("RSS: %ld KiB with %u orders and %u positions\n", rss_kib (), N_ORDERS, N_POSITIONS);

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (b.frame_ms);
  g_array_unref (b.work_ms);
  qd_ib_service_stop (b.service);
  g_object_unref (b.service);

  return 0;
}
