/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include "qd-server-options.h"

#define DEFAULT_ADDRESS "127.0.0.1"
#define DEFAULT_PORT 8000

gboolean
qd_server_options_wanted (const QdOptions *options,
                          GSettings       *settings)
{
  if (options->no_server)
    return FALSE;
  /* Asking for an address on the command line is asking for the server. */
  if (options->server != NULL || settings == NULL)
    return TRUE;
  return g_settings_get_boolean (settings, "server-enabled");
}

QdApiServer *
qd_server_options_new_server (QdRuntime        *runtime,
                              const QdOptions  *options,
                              GSettings        *settings,
                              GError          **error)
{
  g_autofree char *address = NULL;
  g_auto(GStrv) cors = NULL;
  guint16 port = DEFAULT_PORT;
  QdServerConfig config = { .loopback_viewers = TRUE };

  if (options->server != NULL)
    {
      if (!qd_options_parse_server (options->server, &address, &port, error))
        return NULL;
    }
  else if (settings != NULL)
    {
      address = g_settings_get_string (settings, "server-address");
      port = (guint16) g_settings_get_uint (settings, "server-port");
    }
  if (settings != NULL)
    {
      config.loopback_viewers = g_settings_get_boolean (settings, "server-loopback-viewers");
      cors = g_settings_get_strv (settings, "server-cors-origins");
    }

  config.address = address ? address : DEFAULT_ADDRESS;
  config.port = port;
  config.tls_cert_path = options->tls_cert;
  config.tls_key_path = options->tls_key;
  config.cors_origins = (const char * const *) cors;
  config.allowed_hosts = (const char * const *) options->allowed_hosts;
  config.risk_settings = settings;
  return qd_api_server_new (runtime, &config, error);
}
