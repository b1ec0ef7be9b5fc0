/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "qd-demo-trader.h"
#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-summary.h"

typedef struct
{
  gboolean      demo;
  gboolean      headless;
  char         *bus_url;
  char         *trader_id;
  gint64        seed;
  double        rate;
  gint          interval;
  gint          duration;
  gint          trade_every_ms;
  gboolean      version;

  QdBus        *bus;
  QdIbService  *service;
  QdPaperVenue *venue;
  QdDemoTrader *trader;
  GApplication *app;
} Options;

static Options opts = { .seed = 42, .rate = 50.0, .interval = 2, .trade_every_ms = 1500 };

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opts.demo,
    N_("Run on the embedded bus with the simulated paper venue (no Redis, node or IB needed)"), NULL },
  { "headless", 0, 0, G_OPTION_ARG_NONE, &opts.headless,
    N_("No window: run the service and print a live summary"), NULL },
  { "bus", 0, 0, G_OPTION_ARG_STRING, &opts.bus_url,
    N_("MessageBus URL: memory, redis://[user:pass@]host:port/db or unix:///path"), N_("URL") },
  { "trader-id", 0, 0, G_OPTION_ARG_STRING, &opts.trader_id,
    N_("The node's trader_id (default TESTER-001)"), N_("ID") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opts.seed,
    N_("Seed of the simulated venue and demo trader (demo only)"), N_("N") },
  { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &opts.rate,
    N_("Simulated quotes per second across all instruments (demo only)"), N_("N") },
  { "summary-interval", 0, 0, G_OPTION_ARG_INT, &opts.interval,
    N_("Seconds between headless summaries"), N_("SECONDS") },
  { "duration", 0, 0, G_OPTION_ARG_INT, &opts.duration,
    N_("Quit after this many seconds (0: run until interrupted)"), N_("SECONDS") },
  { "demo-trade-interval", 0, 0, G_OPTION_ARG_INT, &opts.trade_every_ms,
    N_("Milliseconds between the demo trader's orders (0: opening orders only)"), N_("MS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opts.version, N_("Print the version and exit"), NULL },
  { NULL }
};

static gboolean
print_summary_cb (gpointer user_data)
{
  g_autofree char *text = qd_summary_render (opts.service, 12);

  fputs (text, stdout);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

static void
activity_cb (QdIbService *service,
             int          kind,
             const char  *message,
             gpointer     user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");

  switch (kind)
    {
    case QD_ACTIVITY_FILL:
    case QD_ACTIVITY_REJECT:
    case QD_ACTIVITY_CONNECTION:
    case QD_ACTIVITY_BUS_ERROR:
      printf ("%s  %s\n", clock, message);
      fflush (stdout);
      break;

    case QD_ACTIVITY_ORDER:
    case QD_ACTIVITY_COMMAND:
    default:
      break;
    }
}

static gboolean
quit_cb (gpointer user_data)
{
  g_application_release (opts.app);
  return G_SOURCE_REMOVE;
}

static gboolean
setup_bus (GError **error)
{
  const char *url = opts.bus_url;

  if (opts.demo && url == NULL)
    url = "memory";
  if (url == NULL)
    url = "redis://127.0.0.1:6379";

  if (g_strcmp0 (url, "memory") == 0)
    {
      opts.bus = qd_memory_bus_new ();
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This build reads only the embedded bus (--demo or --bus=memory); the Redis bus (%s) is not built in yet"),
               g_str_has_prefix (url, "redis") ? "redis://" : url);
  return FALSE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (opts.service != NULL)
    return;

  if (!opts.headless)
    {
      g_printerr ("%s\n", _("The desktop window is not built yet: run with --headless (for example quarterdeck --headless --demo)."));
      return;
    }

  if (!setup_bus (&error))
    {
      g_printerr ("quarterdeck: %s\n", error->message);
      g_application_quit (app);
      return;
    }

  opts.service = qd_ib_service_new (opts.bus, opts.trader_id ? opts.trader_id : "TESTER-001");
  g_signal_connect (opts.service, "activity", G_CALLBACK (activity_cb), NULL);

  if (opts.demo || QD_IS_MEMORY_BUS (opts.bus))
    {
      qd_ib_service_set_simulated (opts.service, TRUE);
      opts.venue = qd_paper_venue_new (opts.bus, qd_ib_service_get_trader_id (opts.service), (guint64) opts.seed);
      qd_paper_venue_set_quote_rate (opts.venue, opts.rate);
      qd_paper_venue_start (opts.venue);
      opts.trader = qd_demo_trader_new (opts.service, (guint64) opts.seed);
      qd_demo_trader_start (opts.trader, (guint) MAX (opts.trade_every_ms, 0));
    }

  qd_ib_service_start (opts.service);

  /* The service lives as long as the application: hold it open without a window. */
  g_application_hold (app);
  g_timeout_add_seconds (MAX (opts.interval, 1), print_summary_cb, NULL);
  if (opts.duration > 0)
    g_timeout_add_seconds (opts.duration, quit_cb, NULL);
}

static gint
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  if (opts.version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (opts.interval < 1 || opts.duration < 0 || opts.rate < 0 || opts.trade_every_ms < 0)
    {
      g_printerr ("quarterdeck: %s\n", _("--summary-interval must be at least 1; --duration, --rate and --demo-trade-interval cannot be negative"));
      return 2;
    }
  if (opts.trader_id != NULL && (*opts.trader_id == '\0' || strpbrk (opts.trader_id, " \t\n*?[]") != NULL))
    {
      g_printerr ("quarterdeck: %s\n", _("--trader-id must be a non-empty id without spaces or wildcards"));
      return 2;
    }
  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = g_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  opts.app = app;
  g_application_add_main_option_entries (app, option_entries);
  g_application_set_option_context_summary (app, _("Watch and trade an Interactive Brokers account run by a NautilusTrader node."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  status = g_application_run (app, argc, argv);

  g_clear_object (&opts.trader);
  if (opts.venue != NULL)
    qd_paper_venue_stop (opts.venue);
  g_clear_object (&opts.venue);
  if (opts.service != NULL)
    qd_ib_service_stop (opts.service);
  g_clear_object (&opts.service);
  g_clear_object (&opts.bus);
  g_free (opts.bus_url);
  g_free (opts.trader_id);

  return status;
}
