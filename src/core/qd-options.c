/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qd-options.h"

void
qd_options_add_entries (GApplication *app,
                        QdOptions    *o)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &o->demo,
      N_("Run on the embedded bus with the simulated paper venue (no Redis, node or IB needed)"), NULL },
    { "headless", 0, 0, G_OPTION_ARG_NONE, &o->headless,
      N_("No window: run the service and print a live summary"), NULL },
    { "bus", 0, 0, G_OPTION_ARG_STRING, &o->bus_url,
      N_("MessageBus URL: memory, redis://[user:pass@]host:port/db or unix:///path"), N_("URL") },
    { "trader-id", 0, 0, G_OPTION_ARG_STRING, &o->trader_id,
      N_("The node's trader_id (default TESTER-001)"), N_("ID") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed,
      N_("Seed of the simulated venue and demo trader (demo only)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &o->rate,
      N_("Simulated quotes per second across all instruments (demo only)"), N_("N") },
    { "summary-interval", 0, 0, G_OPTION_ARG_INT, &o->summary_interval,
      N_("Seconds between headless summaries"), N_("SECONDS") },
    { "duration", 0, 0, G_OPTION_ARG_INT, &o->duration,
      N_("Quit after this many seconds (0: run until closed)"), N_("SECONDS") },
    { "demo-trade-interval", 0, 0, G_OPTION_ARG_INT, &o->trade_interval_ms,
      N_("Milliseconds between the demo trader's orders (0: opening orders only)"), N_("MS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (app, entries);
}

gboolean
qd_options_validate (const QdOptions  *o,
                     GError          **error)
{
  if (o->summary_interval < 1 || o->duration < 0 || o->rate < 0 || o->rate > 1e6 ||
      o->trade_interval_ms < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--summary-interval must be at least 1; --duration, --rate and "
                             "--demo-trade-interval cannot be negative (and --rate at most 1000000)"));
      return FALSE;
    }
  if (o->bus_url != NULL && !qd_runtime_check_bus_url (o->bus_url, error))
    return FALSE;
  if (o->trader_id != NULL && (*o->trader_id == '\0' || strpbrk (o->trader_id, " \t\r\n*?[]") != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--trader-id must be a non-empty id without spaces or wildcards"));
      return FALSE;
    }
  return TRUE;
}

void
qd_options_to_runtime_config (const QdOptions *o,
                              GSettings       *settings,
                              QdRuntimeConfig *config,
                              GStrv           *settings_values)
{
  g_autoptr(GStrvBuilder) held = g_strv_builder_new ();
  g_autofree char *bus_url = NULL;
  g_autofree char *trader_id = NULL;

  *config = (QdRuntimeConfig) {
    .bus_url = o->bus_url,
    .trader_id = o->trader_id,
    .demo = o->demo,
    .seed = (guint64) o->seed,
    .quote_rate = o->rate,
    .trade_interval_ms = (guint) MAX (o->trade_interval_ms, 0),
  };

  /* The demo always runs on the embedded bus unless a bus is given on the command line. */
  if (settings != NULL && config->bus_url == NULL && !o->demo)
    {
      bus_url = g_settings_get_string (settings, "bus-url");
      g_strv_builder_add (held, bus_url);
    }
  if (settings != NULL && config->trader_id == NULL)
    {
      trader_id = g_settings_get_string (settings, "trader-id");
      g_strv_builder_add (held, trader_id);
    }

  if (settings != NULL)
    {
      config->heartbeat_interval = g_settings_get_uint (settings, "heartbeat-interval");
      config->command_timeout = g_settings_get_uint (settings, "command-timeout");
    }

  *settings_values = g_strv_builder_end (held);
  if (bus_url != NULL)
    config->bus_url = (*settings_values)[0];
  if (trader_id != NULL)
    config->trader_id = (*settings_values)[bus_url != NULL ? 1 : 0];
}

void
qd_options_clear (QdOptions *o)
{
  g_clear_pointer (&o->bus_url, g_free);
  g_clear_pointer (&o->trader_id, g_free);
}
