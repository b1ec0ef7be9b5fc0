/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "qd-api-server-private.h"
#include "qd-web-resources.h"

#define DEFAULT_MAX_BODY (16 * 1024)
#define DEFAULT_RATE_BURST 10
#define DEFAULT_RATE_PER_SECOND 5.0
#define DEFAULT_ACK_TIMEOUT_MS 3000
#define IDEMPOTENCY_CAPACITY 10000
#define LISTEN_BACKLOG 512

G_DEFINE_FINAL_TYPE (QdApiServer, qd_api_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-api-server-error-quark, qd_api_server_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (QdApiServer      *self,
           QdApiServerState  state,
           const char       *error_message)
{
  gboolean error_changed = g_strcmp0 (self->error_message, error_message) != 0;

  if (error_changed)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
    }
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
orders_changed_cb (QdApiServer *self)
{
  g_clear_pointer (&self->orders_body, g_bytes_unref);
}

static void
positions_changed_cb (QdApiServer *self)
{
  g_clear_pointer (&self->positions_body, g_bytes_unref);
}

static void
qd_api_server_dispose (GObject *object)
{
  QdApiServer *self = QD_API_SERVER (object);

  qd_api_server_stop (self);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->hub);
  g_clear_object (&self->soup);
  if (self->risk != NULL)
    qd_risk_check_bind_settings (self->risk, NULL);
  g_clear_object (&self->risk);
  g_clear_object (&self->service);
  g_clear_object (&self->runtime);
  g_clear_object (&self->tokens);

  G_OBJECT_CLASS (qd_api_server_parent_class)->dispose (object);
}

static void
qd_api_server_finalize (GObject *object)
{
  QdApiServer *self = QD_API_SERVER (object);

  _qd_api_drop_caches (self);
  g_clear_pointer (&self->pending_places, g_ptr_array_unref);
  g_clear_pointer (&self->rate, qd_rate_limit_free);
  g_clear_pointer (&self->idempotency, qd_idempotency_free);
  g_strfreev (self->cors_origins);
  g_strfreev (self->allowed_hosts);
  g_free (self->address);
  g_free (self->tls_cert_path);
  g_free (self->tls_key_path);
  g_free (self->error_message);

  G_OBJECT_CLASS (qd_api_server_parent_class)->finalize (object);
}

static void
qd_api_server_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QdApiServer *self = QD_API_SERVER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_URL:
      g_value_take_string (value, self->state == QD_API_SERVER_RUNNING ? qd_api_server_get_url (self) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_api_server_class_init (QdApiServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_api_server_dispose;
  object_class->finalize = qd_api_server_finalize;
  object_class->get_property = qd_api_server_get_property;

  /* A QdApiServerState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, QD_API_SERVER_STOPPED, QD_API_SERVER_FAILED,
                      QD_API_SERVER_STOPPED, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_api_server_init (QdApiServer *self)
{
  /* Links the page's resources in (they register themselves when loaded). */
  (void) qd_web_get_resource ();
  self->pending_places = g_ptr_array_new ();
}

static gboolean
check_address (QdApiServer  *self,
               GError      **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);

  if (address == NULL)
    {
      g_set_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_CONFIG,
                   _("The server address “%s” is not an IP address"), self->address);
      return FALSE;
    }
  self->bind_loopback = g_inet_address_get_is_loopback (address);
  self->bind_wildcard = g_inet_address_get_is_any (address);
  return TRUE;
}

static gboolean
apply_config (QdApiServer           *self,
              const QdServerConfig  *config,
              GError               **error)
{
  self->address = g_strdup (config->address ? config->address : "127.0.0.1");
  self->port = config->port;
  self->loopback_viewers = config->loopback_viewers;
  self->cors_origins = g_strdupv ((char **) config->cors_origins);
  self->allowed_hosts = g_strdupv ((char **) config->allowed_hosts);
  self->max_body = config->max_body_bytes ? config->max_body_bytes : DEFAULT_MAX_BODY;
  self->ack_timeout_ms = config->ack_timeout_ms ? config->ack_timeout_ms : DEFAULT_ACK_TIMEOUT_MS;
  self->rate = qd_rate_limit_new (config->rate_burst ? config->rate_burst : DEFAULT_RATE_BURST,
                                  config->rate_per_second > 0 ? config->rate_per_second : DEFAULT_RATE_PER_SECOND);
  self->idempotency = qd_idempotency_new (IDEMPOTENCY_CAPACITY);

  if ((config->tls_cert_path == NULL) != (config->tls_key_path == NULL))
    {
      g_set_error_literal (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_CONFIG,
                           _("TLS needs both a certificate (--tls-cert) and a key (--tls-key)"));
      return FALSE;
    }
  self->tls_cert_path = g_strdup (config->tls_cert_path);
  self->tls_key_path = g_strdup (config->tls_key_path);

  if (!check_address (self, error))
    return FALSE;

  if (config->tokens != NULL)
    self->tokens = g_object_ref (config->tokens);
  else if ((self->tokens = qd_token_store_new (NULL, error)) == NULL)
    return FALSE;
  return TRUE;
}

static void
attach_service (QdApiServer *self,
                GSettings   *risk_settings)
{
  if (self->runtime == NULL)
    return;
  self->service = g_object_ref (qd_runtime_get_service (self->runtime));
  self->risk = qd_risk_check_new (self->service);
  if (risk_settings != NULL)
    qd_risk_check_bind_settings (self->risk, risk_settings);
  self->hub = qd_ws_hub_new (self->service, qd_runtime_get_activity (self->runtime));
  g_signal_connect_swapped (self->service, "order-updated", G_CALLBACK (orders_changed_cb), self);
  g_signal_connect_swapped (self->service, "position-updated", G_CALLBACK (positions_changed_cb), self);
  g_signal_connect_swapped (qd_ib_service_get_positions (self->service), "items-changed",
                            G_CALLBACK (positions_changed_cb), self);
  g_signal_connect_swapped (qd_ib_service_get_orders (self->service), "items-changed",
                            G_CALLBACK (orders_changed_cb), self);
}

QdApiServer *
qd_api_server_new (QdRuntime             *runtime,
                   const QdServerConfig  *config,
                   GError               **error)
{
  g_autoptr(QdApiServer) self = NULL;

  g_return_val_if_fail (runtime == NULL || QD_IS_RUNTIME (runtime), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (QD_TYPE_API_SERVER, NULL);
  if (runtime != NULL)
    self->runtime = g_object_ref (runtime);
  if (!apply_config (self, config, error))
    return NULL;
  attach_service (self, config->risk_settings);
  return g_steal_pointer (&self);
}

static gboolean
load_tls (QdApiServer  *self,
          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;

  cert = g_tls_certificate_new_from_files (self->tls_cert_path, self->tls_key_path, &local_error);
  if (cert == NULL)
    {
      g_set_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_TLS,
                   _("Cannot load the TLS certificate and key: %s"), local_error->message);
      return FALSE;
    }
  soup_server_set_tls_certificate (self->soup, cert);
  return TRUE;
}

/* Our own listening socket: a deep accept queue, so a hundred browsers reconnecting at once
 * are not made to retry their SYNs a second later. Accepted connections inherit its options
 * (Linux copies them from the listener): TCP_NODELAY, since libsoup writes an answer's
 * headers and body in two sends and Nagle would hold the body back until the client acks
 * the headers; keep-alive probes, so a peer that vanished is found on idle WebSockets. */
static GSocket *
listening_socket (QdApiServer  *self,
                  GError      **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, self->port);
  g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GError) local_error = NULL;

  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  g_socket_set_keepalive (socket, TRUE);
  if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &local_error))
    g_debug ("TCP_NODELAY: %s", local_error->message);
  if (!g_socket_bind (socket, socket_address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static gboolean
listen_on (QdApiServer  *self,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GSocket) socket = listening_socket (self, &local_error);
  g_autoptr(GSocketAddress) local = NULL;
  SoupServerListenOptions options = self->tls_cert_path ? SOUP_SERVER_LISTEN_HTTPS : 0;

  if (socket == NULL || !soup_server_listen_socket (self->soup, socket, options, &local_error))
    {
      g_set_error (error, QD_API_SERVER_ERROR, QD_API_SERVER_ERROR_LISTEN,
                   _("Cannot listen on %s port %u: %s"), self->address, self->port, local_error->message);
      return FALSE;
    }
  local = g_socket_get_local_address (socket, NULL);
  self->bound_port = local ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : self->port;
  return TRUE;
}

gboolean
qd_api_server_start (QdApiServer  *self,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (QD_IS_API_SERVER (self), FALSE);

  if (self->state == QD_API_SERVER_RUNNING)
    return TRUE;

  g_clear_object (&self->soup);
  self->soup = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_early_handler (self->soup, "/", _qd_api_early_handler, self, NULL);
  soup_server_add_handler (self->soup, "/", _qd_api_handle_request, self, NULL);

  if ((self->tls_cert_path != NULL && !load_tls (self, &local_error)) || !listen_on (self, &local_error))
    {
      g_clear_object (&self->soup);
      set_state (self, QD_API_SERVER_FAILED, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_state (self, QD_API_SERVER_RUNNING, NULL);
  return TRUE;
}

void
qd_api_server_stop (QdApiServer *self)
{
  g_return_if_fail (QD_IS_API_SERVER (self));

  _qd_api_cancel_pending (self);
  if (self->hub != NULL)
    qd_ws_hub_close_all (self->hub);
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  if (self->state == QD_API_SERVER_RUNNING)
    set_state (self, QD_API_SERVER_STOPPED, NULL);
}

guint16
qd_api_server_get_port (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), 0);
  return self->bound_port;
}

char *
qd_api_server_get_url (QdApiServer *self)
{
  gboolean v6;

  g_return_val_if_fail (QD_IS_API_SERVER (self), NULL);

  v6 = strchr (self->address, ':') != NULL;
  return g_strdup_printf ("%s://%s%s%s:%u/", self->tls_cert_path ? "https" : "http",
                          v6 ? "[" : "", self->address, v6 ? "]" : "", self->bound_port);
}

QdApiServerState
qd_api_server_get_state (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), QD_API_SERVER_STOPPED);
  return self->state;
}

const char *
qd_api_server_get_error (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), NULL);
  return self->error_message;
}

QdTokenStore *
qd_api_server_get_tokens (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), NULL);
  return self->tokens;
}

guint
qd_api_server_get_n_ws_clients (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), 0);
  return self->hub ? qd_ws_hub_get_n_clients (self->hub) : 0;
}

GObject *
qd_api_server_get_ws_hub (QdApiServer *self)
{
  g_return_val_if_fail (QD_IS_API_SERVER (self), NULL);
  return G_OBJECT (self->hub);
}
