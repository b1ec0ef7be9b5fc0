/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * quarterdeck-sim: the paper venue as its own process on a real Redis. It plays a
 * NautilusTrader node with the Interactive Brokers adapter and Quarterdeck's bridge: it reads
 * quarterdeck:commands:{ID} and writes native NautilusTrader events to trader-{ID}:stream
 * (or one stream per topic), so Quarterdeck can be tried on the Redis path without a node.
 */
#define G_LOG_DOMAIN "quarterdeck-sim"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "qd-paper-venue.h"
#include "qd-redis-bus.h"
#include "qd-runtime.h"

typedef struct
{
  char         *redis_url;
  char         *trader_id;
  double        rate;
  gint64        seed;
  gboolean      per_topic;
  gboolean      iso;
  GMainLoop    *loop;
  QdBus        *bus;
  QdPaperVenue *venue;
} Sim;

static void
state_cb (QdBus      *bus,
          GParamSpec *pspec,
          Sim        *sim)
{
  QdBusState state = qd_bus_get_state (bus);
  g_autofree char *error_message = NULL;

  g_object_get (bus, "error-message", &error_message, NULL);
  if (state == QD_BUS_STATE_CONNECTED)
    g_print (_("Connected to %s\n"), qd_bus_get_description (bus));
  else if (state == QD_BUS_STATE_ERROR && error_message != NULL)
    g_print (_("%s (retrying)\n"), error_message);

  /* The node's start-up state goes out once there is somewhere to write it. */
  if (state == QD_BUS_STATE_CONNECTED && sim->venue == NULL)
    {
      sim->venue = qd_paper_venue_new (bus, sim->trader_id, (guint64) sim->seed);
      qd_paper_venue_set_quote_rate (sim->venue, sim->rate);
      qd_paper_venue_set_per_topic (sim->venue, sim->per_topic);
      qd_paper_venue_set_iso_timestamps (sim->venue, sim->iso);
      qd_paper_venue_start (sim->venue);
      g_print (_("Simulating trader %s: reading quarterdeck:commands:%s, writing trader-%s:stream%s\n"),
               sim->trader_id, sim->trader_id, sim->trader_id, sim->per_topic ? ":*" : "");
    }
}

static gboolean
quit_cb (gpointer user_data)
{
  Sim *sim = user_data;

  g_main_loop_quit (sim->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_options (Sim    *sim,
               int    *argc,
               char ***argv)
{
  GOptionEntry entries[] = {
    { "redis", 0, 0, G_OPTION_ARG_STRING, &sim->redis_url,
      N_("Redis URL: redis://[user:pass@]host:port/db or unix:///path (default redis://127.0.0.1:6379)"), N_("URL") },
    { "trader-id", 0, 0, G_OPTION_ARG_STRING, &sim->trader_id,
      N_("The trader_id to play (default TESTER-001)"), N_("ID") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &sim->rate,
      N_("Quotes per second across all instruments (default 50)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &sim->seed, N_("Seed of the random market (default 42)"), N_("N") },
    { "per-topic", 0, 0, G_OPTION_ARG_NONE, &sim->per_topic,
      N_("One stream per topic (the node's stream_per_topic=True)"), NULL },
    { "iso-timestamps", 0, 0, G_OPTION_ARG_NONE, &sim->iso,
      N_("ts_* as ISO-8601 strings (timestamps_as_iso8601=True)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("A simulated NautilusTrader node and IB Gateway on Redis."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("quarterdeck-sim: %s\n", error->message);
      return FALSE;
    }
  if (sim->rate < 0 || sim->rate > 1000000)
    {
      g_printerr (_("quarterdeck-sim: --rate must be between 0 and 1000000\n"));
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Sim sim = { .rate = 50, .seed = 42 };
  g_autoptr(GError) error = NULL;
  const QdRedisBusStats *stats;
  g_autofree char *redacted = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!parse_options (&sim, &argc, &argv))
    return 2;
  if (sim.redis_url == NULL)
    sim.redis_url = g_strdup ("redis://127.0.0.1:6379");
  if (sim.trader_id == NULL)
    sim.trader_id = g_strdup ("TESTER-001");

  sim.bus = qd_redis_bus_new (sim.redis_url, NULL, &error);
  if (sim.bus == NULL)
    {
      g_printerr ("quarterdeck-sim: %s\n", error->message);
      return 2;
    }

  sim.loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, &sim);
  g_unix_signal_add (SIGTERM, quit_cb, &sim);
  g_signal_connect (sim.bus, "notify::state", G_CALLBACK (state_cb), &sim);
  redacted = qd_runtime_redact_url (sim.redis_url);
  g_print (_("Connecting to %s…\n"), redacted);
  qd_redis_bus_start (QD_REDIS_BUS (sim.bus));

  g_main_loop_run (sim.loop);

  stats = qd_redis_bus_get_stats (QD_REDIS_BUS (sim.bus));
  g_print (_("Stopped: %" G_GUINT64_FORMAT " entries written, %" G_GUINT64_FORMAT
             " commands read, %" G_GUINT64_FORMAT " writes lost\n"),
           sim.venue ? qd_paper_venue_get_n_published (sim.venue) : 0, stats->entries,
           stats->commands_failed);
  if (sim.venue != NULL)
    qd_paper_venue_stop (sim.venue);
  g_clear_object (&sim.venue);
  qd_redis_bus_stop (QD_REDIS_BUS (sim.bus));
  g_clear_object (&sim.bus);
  g_main_loop_unref (sim.loop);
  g_free (sim.redis_url);
  g_free (sim.trader_id);
  return status;
}
