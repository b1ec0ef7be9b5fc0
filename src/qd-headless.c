/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "qd-headless.h"
#include "qd-options.h"
#include "qd-runtime.h"
#include "qd-server-options.h"
#include "qd-summary.h"

typedef struct
{
  QdOptions     options;
  QdRuntime    *runtime;
  QdApiServer  *server;
  GApplication *app;
  int           status;
} Headless;

static gboolean
print_summary_cb (gpointer user_data)
{
  Headless *h = user_data;
  g_autofree char *text = qd_summary_render (qd_runtime_get_service (h->runtime), 12);

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

  switch ((QdActivityKind) kind)
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
  Headless *h = user_data;

  g_application_release (h->app);
  return G_SOURCE_REMOVE;
}

/* Where to connect and where the tokens are; never the tokens themselves. */
static void
print_server (QdApiServer *server)
{
  QdTokenStore *tokens = qd_api_server_get_tokens (server);
  g_autofree char *url = qd_api_server_get_url (server);
  g_autofree char *viewer = qd_token_store_get_path (tokens, QD_API_ROLE_VIEWER);
  g_autofree char *trader = qd_token_store_get_path (tokens, QD_API_ROLE_TRADER);

  printf (_("Serving the API and web page at %s\n"), url);
  printf (_("Tokens: %s (read-only) and %s (trading)\n"), viewer, trader);
  fflush (stdout);
}

static gboolean
start_server (Headless *h)
{
  g_autoptr(GError) error = NULL;

  if (!qd_server_options_wanted (&h->options, NULL))
    return TRUE;
  h->server = qd_server_options_new_server (h->runtime, &h->options, NULL, &error);
  if (h->server == NULL || !qd_api_server_start (h->server, &error))
    {
      g_printerr ("quarterdeck: %s\n", error->message);
      return FALSE;
    }
  print_server (h->server);
  return TRUE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  Headless *h = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) held = NULL;
  QdRuntimeConfig config;

  if (h->runtime != NULL)
    return;

  /* No settings here: a server box runs from its command line. */
  qd_options_to_runtime_config (&h->options, NULL, &config, &held);
  h->runtime = qd_runtime_new (&config, &error);
  if (h->runtime == NULL)
    {
      g_printerr ("quarterdeck: %s\n", error->message);
      h->status = 1;
      g_application_quit (app);
      return;
    }

  g_signal_connect (qd_runtime_get_service (h->runtime), "activity", G_CALLBACK (activity_cb), NULL);
  qd_runtime_start (h->runtime);
  if (!start_server (h))
    {
      h->status = 1;
      g_application_quit (app);
      return;
    }

  g_application_hold (app);
  g_timeout_add_seconds (MAX (h->options.summary_interval, 1), print_summary_cb, h);
  if (h->options.duration > 0)
    g_timeout_add_seconds (h->options.duration, quit_cb, h);
}

static gint
handle_local_options_cb (GApplication *app,
                         GVariantDict *dict,
                         gpointer      user_data)
{
  Headless *h = user_data;
  g_autoptr(GError) error = NULL;

  if (h->options.version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (!qd_options_validate (&h->options, &error))
    {
      g_printerr ("quarterdeck: %s\n", error->message);
      return 2;
    }
  return -1;
}

int
qd_headless_run (int    argc,
                 char **argv)
{
  Headless h = { .options = QD_OPTIONS_INIT };
  int status;

  h.app = g_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  qd_options_add_entries (h.app, &h.options);
  g_application_set_option_context_summary (h.app, _("Watch and trade an Interactive Brokers account run by a NautilusTrader node."));
  g_signal_connect (h.app, "handle-local-options", G_CALLBACK (handle_local_options_cb), &h);
  g_signal_connect (h.app, "activate", G_CALLBACK (activate_cb), &h);

  status = g_application_run (h.app, argc, argv);
  if (status == 0)
    status = h.status;

  if (h.server != NULL)
    qd_api_server_stop (h.server);
  g_clear_object (&h.server);
  if (h.runtime != NULL)
    qd_runtime_stop (h.runtime);
  g_clear_object (&h.runtime);
  g_clear_object (&h.app);
  qd_options_clear (&h.options);

  return status;
}
