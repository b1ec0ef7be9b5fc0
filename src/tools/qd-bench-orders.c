/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Order round trip in one process: qd_ib_service_place_order() until the venue's
 * OrderAccepted has been applied by the service, against the paper venue on the embedded
 * bus. Run with the order journal on a temporary file (write + fdatasync of the command
 * before it is published; its ack and final state written at once and flushed by the next
 * command or a short timer) and without it, and print p50/p99/max. Target: p99 under 1 ms;
 * with the journal the disk's fdatasync latency is part of the figure, and is reported as
 * such.
 */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-order-journal.h"
#include "qd-paper-venue.h"

typedef struct
{
  char    *request_id;
  gboolean accepted;
} Waiting;

static void
on_order_updated (QdIbService *service,
                  QdOrder     *order,
                  Waiting     *waiting)
{
  if (waiting->request_id == NULL ||
      g_strcmp0 (qd_order_get_request_id (order), waiting->request_id) != 0)
    return;
  if (qd_order_get_status (order) == QD_ORDER_STATUS_ACCEPTED ||
      qd_order_get_status (order) == QD_ORDER_STATUS_FILLED)
    waiting->accepted = TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, gint64, index);
}

static gboolean
run (guint        count,
     const char  *journal_path,
     GError     **error)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (bus, "TESTER-001", 1);
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), count);
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = { 100, 0 },
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  Waiting waiting = { NULL, FALSE };
  gint64 total_start;
  gint64 total;

  if (journal_path != NULL)
    {
      journal = qd_order_journal_new (journal_path, error);
      if (journal == NULL)
        return FALSE;
      qd_ib_service_set_journal (service, journal);
    }

  qd_paper_venue_set_quote_rate (venue, 0);
  qd_paper_venue_set_manual_clock (venue, G_GINT64_CONSTANT (1782916200000000000));
  qd_paper_venue_start (venue);
  qd_ib_service_start (service);
  qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "187.20", "187.22", "1000000", "1000000");
  while (g_main_context_iteration (NULL, FALSE));
  g_signal_connect (service, "order-updated", G_CALLBACK (on_order_updated), &waiting);

  total_start = g_get_monotonic_time ();
  for (guint i = 0; i < count; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      /* Alternate sides so the position stays flat. */
      request.side = i % 2 ? QD_ORDER_SIDE_SELL : QD_ORDER_SIDE_BUY;
      waiting.accepted = FALSE;
      waiting.request_id = qd_ib_service_place_order (service, &request, error);
      if (waiting.request_id == NULL)
        return FALSE;
      while (!waiting.accepted)
        if (!g_main_context_iteration (NULL, FALSE))
          qd_paper_venue_step (venue, 0);
      elapsed = g_get_monotonic_time () - start;
      g_array_append_val (times, elapsed);
      g_clear_pointer (&waiting.request_id, g_free);
      /* Let the fill and the account update land outside the measured span. */
      while (g_main_context_iteration (NULL, FALSE));
    }
  total = g_get_monotonic_time () - total_start;

  g_signal_handlers_disconnect_by_data (service, &waiting);
  qd_ib_service_stop (service);
  qd_paper_venue_stop (venue);

  g_array_sort (times, compare_gint64);
  printf ("%-24s %6u orders  p50 %7.1f µs  p99 %7.1f µs  max %8.1f µs  (%.0f orders/s)%s\n",
          journal_path ? "with journal" : "without journal", count,
          (double) percentile (times, 0.50), (double) percentile (times, 0.99),
          (double) g_array_index (times, gint64, times->len - 1),
          count / (total / (double) G_USEC_PER_SEC),
          percentile (times, 0.99) < 1000 ? "" : "  [p99 above the 1 ms target]");
  return TRUE;
}

static gint64
fsync_p99 (const char *dir,
           guint       count)
{
  g_autofree char *path = g_build_filename (dir, "fsync-probe", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  FILE *file = fopen (path, "a");
  gint64 p99;

  if (file == NULL)
    return -1;
  for (guint i = 0; i < count; i++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      fputs ("{\"probe\":true}\n", file);
      fflush (file);
      fsync (fileno (file));
      elapsed = g_get_monotonic_time () - start;
      g_array_append_val (times, elapsed);
    }
  fclose (file);
  g_remove (path);
  g_array_sort (times, compare_gint64);
  p99 = percentile (times, 0.99);
  printf ("%-24s %6u writes  p50 %7.1f µs  p99 %7.1f µs  (this disk, for comparison)\n",
          "bare append + fsync", count, (double) percentile (times, 0.50), (double) p99);
  return p99;
}

/* Each record is one write: the command, its ack and, for an order that fills, its final
 * state. Only the command is fdatasynced before it is published. */
static void
print_records (const char *path,
               guint       count)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint lines = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return;
  for (gsize i = 0; i < len; i++)
    lines += contents[i] == '\n';
  printf ("%-24s %.2f records per order (one write each; fdatasync only for the command)\n", "journal", lines / (double) count);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal_dir = NULL;
  gint64 count = 10000;
  const char *where = NULL;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT64, &count, "Orders per run (default 10000)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &where, "Put the journal in this folder (default: a temporary one)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- order round-trip benchmark");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || count < 1 || count > 10000000)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--count must be between 1 and 10000000");
      return EXIT_FAILURE;
    }

  if (where != NULL)
    journal_dir = g_strdup (where);
  else if ((dir = g_dir_make_tmp ("qd-bench-orders-XXXXXX", &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  else
    journal_dir = g_strdup (dir);
  path = g_build_filename (journal_dir, "orders.jsonl", NULL);

  printf ("order round trip: place_order -> OrderAccepted applied, paper venue on the embedded bus\n");
  printf ("journal: %s\n", path);
  if (!run ((guint) count, NULL, &error) || !run ((guint) count, path, &error))
    {
      fprintf (stderr, "benchmark failed: %s\n", error->message);
      return EXIT_FAILURE;
    }
  print_records (path, (guint) count);
  fsync_p99 (journal_dir, (guint) MIN (count, 2000));

  g_remove (path);
  if (dir != NULL)
    g_rmdir (dir);
  return EXIT_SUCCESS;
}
