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
    { "server", 0, 0, G_OPTION_ARG_STRING, &o->server,
      N_("Serve the API and web page on this address (default 127.0.0.1:8000; any other address is remote access and needs a token for everything)"), N_("ADDR:PORT") },
    { "no-server", 0, 0, G_OPTION_ARG_NONE, &o->no_server, N_("Do not serve the API and web page"), NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_cert, N_("Serve HTTPS with this PEM certificate (with --tls-key)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_key, N_("The PEM private key of --tls-cert"), N_("FILE") },
    { "allowed-host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->allowed_hosts,
      N_("A host name the server may be reached by, e.g. through a reverse proxy (repeatable)"), N_("HOST") },
    { "stream-key", 0, 0, G_OPTION_ARG_STRING, &o->stream_key,
      N_("The node's stream key when it is not trader-{ID}:stream (a changed trader prefix, "
         "instance id or streams prefix)"), N_("KEY") },
    { "history", 0, 0, G_OPTION_ARG_INT, &o->history,
      N_("Entries of the node's retained history replayed per stream at start-up (default 100000)"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (app, entries);
}

gboolean
qd_options_parse_server (const char  *text,
                         char       **address,
                         guint16     *port,
                         GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *host = NULL;
  const char *colon = text ? strrchr (text, ':') : NULL;
  guint64 value = 0;

  if (colon != NULL && text[0] == '[')
    host = (colon > text + 1 && colon[-1] == ']') ? g_strndup (text + 1, colon - text - 2) : NULL;
  else if (colon != NULL)
    host = g_strndup (text, colon - text);
  if (host != NULL && strchr (host, ':') != NULL && text[0] != '[')
    g_clear_pointer (&host, g_free);   /* an IPv6 address needs its brackets */
  if (host != NULL)
    inet = g_inet_address_new_from_string (host);
  if (inet == NULL || colon[1] == '\0' ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--server must be an IP address and a port, like 127.0.0.1:8000 or [::1]:8000 (got “%s”)"),
                   text ? text : "");
      return FALSE;
    }
  if (address != NULL)
    *address = g_steal_pointer (&host);
  if (port != NULL)
    *port = (guint16) value;
  return TRUE;
}

static gboolean
validate_server (const QdOptions  *o,
                 GError          **error)
{
  const char *files[] = { o->tls_cert, o->tls_key };
  guint i;

  if (o->no_server && (o->server != NULL || o->tls_cert != NULL || o->tls_key != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--no-server cannot be combined with --server, --tls-cert or --tls-key"));
      return FALSE;
    }
  if (o->server != NULL && !qd_options_parse_server (o->server, NULL, NULL, error))
    return FALSE;
  if ((o->tls_cert == NULL) != (o->tls_key == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--tls-cert and --tls-key go together: give both or neither"));
      return FALSE;
    }
  for (i = 0; i < G_N_ELEMENTS (files); i++)
    if (files[i] != NULL && !g_file_test (files[i], G_FILE_TEST_IS_REGULAR))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("The TLS file “%s” does not exist or is not a file"), files[i]);
        return FALSE;
      }
  return TRUE;
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
  if (o->stream_key != NULL && (*o->stream_key == '\0' || strpbrk (o->stream_key, " \t\r\n*?[]") != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--stream-key must be a non-empty Redis key without spaces or wildcards"));
      return FALSE;
    }
  if (o->history < 0 || o->history > 10000000)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--history must be between 1 and 10000000 entries"));
      return FALSE;
    }
  return validate_server (o, error);
}

void
qd_options_to_runtime_config (QdOptions       *o,
                              GSettings       *settings,
                              QdRuntimeConfig *config,
                              GStrv           *settings_values)
{
  g_autoptr(GStrvBuilder) held = g_strv_builder_new ();
  g_autofree char *bus_url = NULL;
  g_autofree char *trader_id = NULL;
  g_autofree char *stream_key = NULL;

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

  if (settings != NULL && o->stream_key == NULL)
    {
      stream_key = g_settings_get_string (settings, "stream-key");
      if (*stream_key != '\0')
        g_strv_builder_add (held, stream_key);
      else
        g_clear_pointer (&stream_key, g_free);
    }

  o->redis = (QdRedisBusOptions) { .stream_key = o->stream_key, .history_limit = (guint) MAX (o->history, 0) };
  if (settings != NULL)
    {
      config->heartbeat_interval = g_settings_get_uint (settings, "heartbeat-interval");
      config->command_timeout = g_settings_get_uint (settings, "command-timeout");
      if (o->history <= 0)
        o->redis.history_limit = g_settings_get_uint (settings, "history-limit");
    }

  *settings_values = g_strv_builder_end (held);
  if (bus_url != NULL)
    config->bus_url = (*settings_values)[0];
  if (trader_id != NULL)
    config->trader_id = (*settings_values)[bus_url != NULL ? 1 : 0];
  if (stream_key != NULL)
    o->redis.stream_key = (*settings_values)[(bus_url != NULL) + (trader_id != NULL)];
  config->redis_options = &o->redis;
}

void
qd_options_clear (QdOptions *o)
{
  g_clear_pointer (&o->bus_url, g_free);
  g_clear_pointer (&o->trader_id, g_free);
  g_clear_pointer (&o->server, g_free);
  g_clear_pointer (&o->tls_cert, g_free);
  g_clear_pointer (&o->tls_key, g_free);
  g_clear_pointer (&o->allowed_hosts, g_strfreev);
  g_clear_pointer (&o->stream_key, g_free);
}
