/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Decode + apply throughput for a realistic mix of bus entries: 80 % QuoteTicks, 20 % order,
 * position and account events (the order lifecycle of spec/nautilus-bus.md §4, fills
 * duplicated on events.fills.* as a real node does). Prints entries per second on one core,
 * directly through QdIbService and through the embedded bus. Goal: at least 200 000/s.
 */
#define G_LOG_DOMAIN "quarterdeck-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"

typedef struct
{
  char *topic;
  char *payload;
} Entry;

static const char * const instruments[] = {
  "AAPL.NASDAQ", "MSFT.NASDAQ", "NVDA.NASDAQ", "AMZN.NASDAQ", "GOOGL.NASDAQ", "META.NASDAQ",
  "TSLA.NASDAQ", "SPY.ARCA", "QQQ.NASDAQ", "JPM.NYSE", "XOM.NYSE", "BF-B.NYSE",
};

#define EVENT_HEADER "\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\",\"instrument_id\":\"%s\",\"client_order_id\":\"O-20260701-143012-001-001-%u\""

static void
add (GArray     *entries,
     const char *topic,
     char       *payload)
{
  Entry e = { g_strdup (topic), payload };
  g_array_append_val (entries, e);
}

static char *
quote (GRand      *rand,
       const char *instrument,
       guint64     ts)
{
  gint cents = 10000 + g_rand_int_range (rand, 0, 40000);

  return g_strdup_printf ("{\"type\":\"QuoteTick\",\"instrument_id\":\"%s\",\"bid_price\":\"%d.%02d\",\"ask_price\":\"%d.%02d\","
                          "\"bid_size\":\"%d00\",\"ask_size\":\"%d00\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"ts_init\":\"%" G_GUINT64_FORMAT "\"}",
                          instrument, cents / 100, cents % 100, (cents + 2) / 100, (cents + 2) % 100,
                          g_rand_int_range (rand, 1, 9), g_rand_int_range (rand, 1, 9), ts, ts + 4518);
}

/* One order's life: 8 entries (initialized, submitted, accepted, filled ×2 topics,
 * position, account ×2 with the same id). */
static void
order_life (GArray     *entries,
            GRand      *rand,
            guint       n,
            guint64     ts)
{
  const char *instrument = instruments[n % G_N_ELEMENTS (instruments)];
  g_autofree char *fill_topic = g_strdup_printf ("events.fills.%s", instrument);
  g_autofree char *fill = NULL;
  g_autofree char *account = NULL;
  gint px = 10000 + g_rand_int_range (rand, 0, 40000);

  add (entries, "events.order.QuarterdeckBridge-001", g_strdup_printf (
       "{\"type\":\"OrderInitialized\"," EVENT_HEADER ",\"order_side\":\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":\"100\",\"time_in_force\":\"DAY\","
       "\"post_only\":false,\"reduce_only\":false,\"quote_quantity\":false,\"options\":{\"price\":\"%d.%02d\",\"display_qty\":null,\"expire_time_ns\":0},"
       "\"emulation_trigger\":\"NO_TRIGGER\",\"trigger_instrument_id\":null,\"contingency_type\":\"NO_CONTINGENCY\",\"order_list_id\":null,"
       "\"linked_order_ids\":null,\"parent_order_id\":null,\"exec_algorithm_id\":null,\"exec_algorithm_params\":null,\"exec_spawn_id\":null,"
       "\"tags\":[\"qd:req=%u\"],\"event_id\":\"init-%u\",\"ts_init\":\"%" G_GUINT64_FORMAT "\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"reconciliation\":false}",
       instrument, n, px / 100, px % 100, n, n, ts, ts));
  add (entries, "events.order.QuarterdeckBridge-001", g_strdup_printf (
       "{\"type\":\"OrderSubmitted\"," EVENT_HEADER ",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"event_id\":\"sub-%u\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"ts_init\":\"%" G_GUINT64_FORMAT "\"}",
       instrument, n, n, ts + 1, ts + 1));
  add (entries, "events.order.QuarterdeckBridge-001", g_strdup_printf (
       "{\"type\":\"OrderAccepted\"," EVENT_HEADER ",\"venue_order_id\":\"%u\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"event_id\":\"acc-%u\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"ts_init\":\"%" G_GUINT64_FORMAT "\",\"reconciliation\":false}",
       instrument, n, 1837462911u + n, n, ts + 2, ts + 2));
  fill = g_strdup_printf (
       "{\"type\":\"OrderFilled\"," EVENT_HEADER ",\"venue_order_id\":\"%u\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"trade_id\":\"T-%u\","
       "\"position_id\":\"%s-QuarterdeckBridge-001\",\"order_side\":\"BUY\",\"order_type\":\"LIMIT\",\"last_qty\":\"100\",\"last_px\":\"%d.%02d\","
       "\"currency\":\"USD\",\"commission\":\"1.00 USD\",\"liquidity_side\":\"NO_LIQUIDITY_SIDE\",\"event_id\":\"fill-%u\",\"ts_event\":\"%" G_GUINT64_FORMAT "\","
       "\"ts_init\":\"%" G_GUINT64_FORMAT "\",\"info\":{\"avg_px\":\"%d.%02d\"},\"reconciliation\":false}",
       instrument, n, 1837462911u + n, n, instrument, px / 100, px % 100, n, ts + 3, ts + 3, px / 100, px % 100);
  add (entries, "events.order.QuarterdeckBridge-001", g_strdup (fill));
  add (entries, fill_topic, g_strdup (fill));
  add (entries, "events.position.QuarterdeckBridge-001", g_strdup_printf (
       "{\"type\":\"PositionChanged\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\",\"instrument_id\":\"%s\","
       "\"position_id\":\"%s-QuarterdeckBridge-001\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"opening_order_id\":\"O-1\",\"entry\":\"BUY\","
       "\"side\":\"LONG\",\"signed_qty\":%u.0,\"quantity\":\"%u\",\"peak_qty\":\"%u\",\"last_qty\":\"100\",\"last_px\":\"%d.%02d\",\"currency\":\"USD\","
       "\"avg_px_open\":%d.%02d,\"avg_px_close\":null,\"realized_return\":0.0,\"realized_pnl\":\"-1.00 USD\",\"unrealized_pnl\":\"0.00 USD\","
       "\"event_id\":\"pos-%u\",\"ts_opened\":\"%" G_GUINT64_FORMAT "\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"ts_init\":\"%" G_GUINT64_FORMAT "\"}",
       instrument, instrument, 100 * (n / 12 + 1), 100 * (n / 12 + 1), 100 * (n / 12 + 1), px / 100, px % 100, px / 100, px % 100, n, ts, ts + 3, ts + 3));
  account = g_strdup_printf (
       "{\"type\":\"AccountState\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"account_type\":\"MARGIN\",\"base_currency\":null,"
       "\"balances\":[{\"type\":\"AccountBalance\",\"total\":\"1012345.67\",\"locked\":\"18345.12\",\"free\":\"994000.55\",\"currency\":\"USD\"}],"
       "\"margins\":[{\"type\":\"MarginBalance\",\"initial\":\"18345.12\",\"maintenance\":\"16677.38\",\"currency\":\"USD\",\"instrument_id\":null}],"
       "\"reported\":true,\"info\":{\"TotalCashValue\":993512.4},\"event_id\":\"acct-%u\",\"ts_event\":\"%" G_GUINT64_FORMAT "\",\"ts_init\":\"%" G_GUINT64_FORMAT "\"}",
       n, ts + 4, ts + 4);
  add (entries, "events.account.INTERACTIVE_BROKERS-DU1234567", g_strdup (account));
  add (entries, "events.account.INTERACTIVE_BROKERS-DU1234567", g_strdup (account));
}

static GArray *
make_mix (guint count)
{
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), count + 8);
  GRand *rand = g_rand_new_with_seed (7);
  guint64 ts = G_GUINT64_CONSTANT (1782916212000000000);
  guint orders = 0;

  while (entries->len < count)
    {
      guint i;

      /* 32 quotes then one 8-entry order life: 80 % quotes. */
      for (i = 0; i < 32 && entries->len < count; i++, ts += 1000)
        {
          const char *instrument = instruments[g_rand_int_range (rand, 0, G_N_ELEMENTS (instruments))];
          g_autofree char *topic = g_strdup_printf ("data.quotes.%s", instrument);
          add (entries, topic, quote (rand, instrument, ts));
        }
      if (entries->len < count)
        order_life (entries, rand, orders++, ts);
    }

  g_rand_free (rand);
  return entries;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
bench_direct (GArray *entries)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  const QdIngestStats *stats;
  gint64 start, end;
  double cpu0, cpu1;
  guint i;

  cpu0 = cpu_seconds ();
  start = g_get_monotonic_time ();
  for (i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      qd_ib_service_ingest (service, e->topic, e->payload, strlen (e->payload), NULL);
    }
  end = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();

  stats = qd_ib_service_get_stats (service);
  printf ("direct:    %u entries in %.3f s (CPU %.3f s) = %.0f entries/s; applied %" G_GUINT64_FORMAT
          ", duplicates %" G_GUINT64_FORMAT ", rejected %" G_GUINT64_FORMAT ", orders %u, positions %u\n",
          entries->len, (end - start) / 1e6, cpu1 - cpu0, entries->len / ((end - start) / 1e6),
          stats->applied, stats->duplicates, stats->rejected,
          g_list_model_get_n_items (qd_ib_service_get_orders (service)),
          g_list_model_get_n_items (qd_ib_service_get_positions (service)));
}

static void
bench_through_bus (GArray *entries)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = NULL;
  const QdIngestStats *stats;
  gint64 start, end;
  guint i;

  for (i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      qd_bus_append (bus, "trader-TESTER-001:stream", e->topic, e->payload, -1, 0, NULL, NULL);
    }

  service = qd_ib_service_new (bus, "TESTER-001");
  start = g_get_monotonic_time ();
  qd_ib_service_start (service);
  stats = qd_ib_service_get_stats (service);
  while (stats->entries < entries->len)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();

  printf ("via bus:   %u entries in %.3f s = %.0f entries/s (history replay through the embedded bus)\n",
          entries->len, (end - start) / 1e6, entries->len / ((end - start) / 1e6));
  qd_ib_service_stop (service);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- decode + apply throughput");
  g_autoptr(GError) error = NULL;
  gint count = 1000000;
  GOptionEntry entries_opts[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Entries in the mix", "N" },
    { NULL }
  };
  GArray *entries;
  guint i;

  g_option_context_add_main_entries (context, entries_opts, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || count <= 0)
    {
      g_printerr ("%s\n", error ? error->message : "--count must be positive");
      return 2;
    }

  entries = make_mix ((guint) count);
  printf ("mix: %u entries, 80%% QuoteTick, 20%% order/position/account events\n", entries->len);
  bench_direct (entries);
  bench_through_bus (entries);

  for (i = 0; i < entries->len; i++)
    {
      g_free (g_array_index (entries, Entry, i).topic);
      g_free (g_array_index (entries, Entry, i).payload);
    }
  g_array_unref (entries);

  return 0;
}
