/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-api-server-private.h"

#define INFO_KEY "qd-request-info"
/* Oversized bodies up to this are read and dropped; bigger ones are not read at all. */
#define DISCARD_LIMIT (1024 * 1024)

static void
request_info_free (QdRequestInfo *info)
{
  g_free (info->order_id);
  g_free (info->client);
  g_free (info->cors_origin);
  g_free (info->idempotency_scope);
  g_free (info->idempotency_key);
  g_free (info);
}

QdRequestInfo *
_qd_api_get_info (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), INFO_KEY);
}

/* "orders/<id>/cancel" and "orders/<id>/modify"; ids never hold a '/'. */
static QdRoute
route_order_action (const char  *rest,
                    char       **order_id)
{
  const char *slash = strchr (rest, '/');
  QdRoute route;

  if (slash == NULL || slash == rest)
    return QD_ROUTE_NONE;
  if (strcmp (slash, "/cancel") == 0)
    route = QD_ROUTE_CANCEL;
  else if (strcmp (slash, "/modify") == 0)
    route = QD_ROUTE_MODIFY;
  else
    return QD_ROUTE_NONE;
  if (order_id != NULL)
    *order_id = g_strndup (rest, slash - rest);
  return route;
}

QdRoute
_qd_api_route (const char  *path,
               char       **order_id)
{
  static const struct { const char *path; QdRoute route; } fixed[] = {
    { "connection/status", QD_ROUTE_CONNECTION },
    { "account", QD_ROUTE_ACCOUNT },
    { "positions", QD_ROUTE_POSITIONS },
    { "orders", QD_ROUTE_ORDERS },
    { "account/refresh", QD_ROUTE_ACCOUNT_REFRESH },
    { "positions/refresh", QD_ROUTE_POSITIONS_REFRESH },
    { "orders/refresh", QD_ROUTE_ORDERS_REFRESH },
    { "orders/place", QD_ROUTE_PLACE },
  };
  const char *rest;
  guint i;

  if (strcmp (path, "/") == 0 || strcmp (path, "/index.html") == 0 || g_str_has_prefix (path, "/static/"))
    return QD_ROUTE_PAGE;
  if (strcmp (path, "/ws") == 0)
    return QD_ROUTE_WS;
  if (!g_str_has_prefix (path, QD_API_PREFIX))
    return QD_ROUTE_NONE;

  rest = path + strlen (QD_API_PREFIX);
  for (i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (strcmp (rest, fixed[i].path) == 0)
      return fixed[i].route;
  if (g_str_has_prefix (rest, "orders/"))
    return route_order_action (rest + strlen ("orders/"), order_id);
  return QD_ROUTE_NONE;
}

gboolean
_qd_api_route_is_trading (QdRoute route)
{
  switch (route)
    {
    case QD_ROUTE_ACCOUNT_REFRESH:
    case QD_ROUTE_POSITIONS_REFRESH:
    case QD_ROUTE_ORDERS_REFRESH:
    case QD_ROUTE_PLACE:
    case QD_ROUTE_CANCEL:
    case QD_ROUTE_MODIFY:
      return TRUE;
    case QD_ROUTE_NONE:
    case QD_ROUTE_PAGE:
    case QD_ROUTE_WS:
    case QD_ROUTE_CONNECTION:
    case QD_ROUTE_ACCOUNT:
    case QD_ROUTE_POSITIONS:
    case QD_ROUTE_ORDERS:
    default:
      return FALSE;
    }
}

static const char *
route_method (QdRoute route)
{
  switch (route)
    {
    case QD_ROUTE_MODIFY:
      return SOUP_METHOD_PUT;
    case QD_ROUTE_ACCOUNT_REFRESH:
    case QD_ROUTE_POSITIONS_REFRESH:
    case QD_ROUTE_ORDERS_REFRESH:
    case QD_ROUTE_PLACE:
    case QD_ROUTE_CANCEL:
      return SOUP_METHOD_POST;
    case QD_ROUTE_NONE:
    case QD_ROUTE_PAGE:
    case QD_ROUTE_WS:
    case QD_ROUTE_CONNECTION:
    case QD_ROUTE_ACCOUNT:
    case QD_ROUTE_POSITIONS:
    case QD_ROUTE_ORDERS:
    default:
      return SOUP_METHOD_GET;
    }
}

gboolean
_qd_api_is_loopback_name (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  /* The common names first: this runs for every request. */
  if (g_ascii_strcasecmp (host, "localhost") == 0 || strcmp (host, "127.0.0.1") == 0 || strcmp (host, "::1") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

#define HOST_MAX 255

/* The host part of a Host header ("[::1]:8000" -> "::1") into host[HOST_MAX + 1]; FALSE
 * when malformed. No allocation: this runs for every request. */
static gboolean
host_part (const char *header,
           char       *host)
{
  const char *start = header, *end;
  gsize i;

  if (header == NULL || *header == '\0')
    return FALSE;
  for (i = 0; header[i] != '\0'; i++)
    if (i >= HOST_MAX || (!g_ascii_isalnum (header[i]) && strchr (".-:[]_", header[i]) == NULL))
      return FALSE;
  if (header[0] == '[')
    {
      end = strchr (header, ']');
      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        return FALSE;
      start = header + 1;
    }
  else if ((end = strchr (header, ':')) == NULL)
    end = header + i;
  memcpy (host, start, end - start);
  host[end - start] = '\0';
  return TRUE;
}

static gboolean
host_allowed (QdApiServer *self,
              const char  *header)
{
  char host[HOST_MAX + 1];
  guint i;

  if (!host_part (header, host))
    return FALSE;
  if (_qd_api_is_loopback_name (host) || g_ascii_strcasecmp (host, self->address) == 0)
    return TRUE;
  for (i = 0; self->allowed_hosts != NULL && self->allowed_hosts[i] != NULL; i++)
    if (g_ascii_strcasecmp (host, self->allowed_hosts[i]) == 0 ||
        g_ascii_strcasecmp (header, self->allowed_hosts[i]) == 0)
      return TRUE;
  /* Bound to every interface with no list: any name reaches us, and tokens guard it all. */
  return self->bind_wildcard && (self->allowed_hosts == NULL || self->allowed_hosts[0] == NULL);
}

/* Same origin: the Origin names the host the request was sent to. */
static gboolean
same_origin (const char *origin,
             const char *host_header)
{
  const char *authority = strstr (origin, "://");

  if (authority == NULL || host_header == NULL)
    return FALSE;
  return g_ascii_strcasecmp (authority + 3, host_header) == 0;
}

static gboolean
origin_listed (QdApiServer *self,
               const char  *origin)
{
  guint i;

  for (i = 0; self->cors_origins != NULL && self->cors_origins[i] != NULL; i++)
    if (g_ascii_strcasecmp (origin, self->cors_origins[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
presented_token (SoupServerMessage *msg,
                 GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    {
      auth += 7;
      while (*auth == ' ')
        auth++;
      return auth;
    }
  if (query != NULL)
    return g_hash_table_lookup (query, "token");
  return NULL;
}

/* A request through a reverse proxy comes from loopback but is not local. */
static gboolean
is_local_client (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (soup_message_headers_get_one (headers, "X-Forwarded-For") != NULL ||
      soup_message_headers_get_one (headers, "Forwarded") != NULL ||
      soup_message_headers_get_one (headers, "X-Real-IP") != NULL)
    return FALSE;
  return G_IS_INET_SOCKET_ADDRESS (remote) &&
         g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
}

static char *
client_name (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *host = soup_server_message_get_remote_host (msg);
  const char *forwarded = soup_message_headers_get_one (headers, "X-Forwarded-For");
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  gboolean from_loopback = G_IS_INET_SOCKET_ADDRESS (remote) &&
    g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));

  /* Only a proxy on this machine is trusted to say who the client is. */
  if (from_loopback && forwarded != NULL)
    {
      g_auto(GStrv) hops = g_strsplit (forwarded, ",", 2);
      g_autofree char *first = g_strstrip (g_strdup (hops[0]));

      if (*first != '\0' && strlen (first) <= 64)
        return g_strdup_printf ("%s via %s", first, host ? host : "proxy");
    }
  return g_strdup (host ? host : "unknown");
}

static QdApiRole
authenticate (QdApiServer       *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              gboolean          *presented)
{
  const char *token = presented_token (msg, query);
  QdApiRole role;

  *presented = token != NULL && *token != '\0';
  if (*presented)
    {
      role = qd_token_store_check (self->tokens, token);
      return role;
    }
  if (self->loopback_viewers && self->bind_loopback && is_local_client (msg))
    return QD_API_ROLE_VIEWER;
  return QD_API_ROLE_NONE;
}

static void
add_cors_headers (SoupServerMessage *msg,
                  const char        *origin,
                  gboolean           preflight)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", origin);
  soup_message_headers_append (headers, "Vary", "Origin");
  soup_message_headers_replace (headers, "Access-Control-Expose-Headers", "X-Quarterdeck-Role, Retry-After");
  if (!preflight)
    return;
  soup_message_headers_replace (headers, "Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS");
  soup_message_headers_replace (headers, "Access-Control-Allow-Headers",
                                "Authorization, Content-Type, Idempotency-Key, X-Confirm");
  soup_message_headers_replace (headers, "Access-Control-Max-Age", "600");
}

/* Origin, preflight and credentials. FALSE when the request was answered. */
static gboolean
check_caller (QdApiServer       *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              QdRequestInfo     *info)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *method = soup_server_message_get_method (msg);
  gboolean presented = FALSE;

  if (origin != NULL && !same_origin (origin, soup_message_headers_get_one (headers, "Host")))
    {
      if (!origin_listed (self, origin))
        {
          _qd_api_respond_error (msg, SOUP_STATUS_FORBIDDEN, "Origin not allowed");
          return FALSE;
        }
      info->cors_origin = g_strdup (origin);
      add_cors_headers (msg, origin, method == SOUP_METHOD_OPTIONS);
    }
  if (method == SOUP_METHOD_OPTIONS && info->route != QD_ROUTE_WS)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return FALSE;
    }

  info->role = authenticate (self, msg, query, &presented);
  /* Trading always needs a token: no token is a 401, the viewer's a 403. */
  if (info->role == QD_API_ROLE_NONE || (!presented && _qd_api_route_is_trading (info->route)))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"quarterdeck\"");
      _qd_api_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                             presented ? "Invalid token" : "A token is required");
      return FALSE;
    }
  /* The page shows what the token allows. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Quarterdeck-Role",
                                qd_api_role_to_string (info->role));
  if (_qd_api_route_is_trading (info->route) && info->role != QD_API_ROLE_TRADER)
    {
      _qd_api_respond_error (msg, SOUP_STATUS_FORBIDDEN, "This endpoint needs the trader token");
      return FALSE;
    }
  return TRUE;
}

/* Method, availability and rate. FALSE when the request was answered. */
static gboolean
check_request (QdApiServer       *self,
               SoupServerMessage *msg,
               QdRequestInfo     *info)
{
  const char *method = soup_server_message_get_method (msg);
  const char *allowed = route_method (info->route);
  guint retry_after = 1;

  if (method != allowed)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
      _qd_api_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return FALSE;
    }
  if (self->service == NULL)
    {
      _qd_api_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "IB service not initialized");
      return FALSE;
    }
  if (_qd_api_route_is_trading (info->route) &&
      !qd_rate_limit_take (self->rate, info->client, g_get_monotonic_time (), &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      _qd_api_respond_error (msg, 429, "Too many trading requests; slow down");
      return FALSE;
    }
  return TRUE;
}

/* libsoup 3.2 reads a body in full before sending any answer, even a refusal set from the
 * headers (unless the client sent Expect: 100-continue). A body we will not take is refused
 * on the spot instead: the connection is taken over, answered and closed unread. */
static void
refuse_unread (SoupServerMessage *msg,
               guint              status,
               const char        *detail)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *response = NULL;

  if (stream == NULL)
    return;
  response = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                              "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: %zu\r\n\r\n"
                              "{\"detail\":\"%s\"}",
                              status, soup_status_get_phrase (status), strlen (detail) + 13, detail);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* FALSE when the body is refused (the connection is then closed). */
static gboolean
check_body (QdApiServer       *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    {
      refuse_unread (msg, SOUP_STATUS_LENGTH_REQUIRED, "A Content-Length is required");
      return FALSE;
    }
  if (soup_message_headers_get_content_length (headers) <= (goffset) self->max_body)
    return TRUE;
  /* A little too much is read and dropped, so the client can read a clean answer. */
  if (soup_message_headers_get_content_length (headers) <= DISCARD_LIMIT ||
      (soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _qd_api_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
    }
  else
    refuse_unread (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
  return FALSE;
}

void
_qd_api_early_handler (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  QdApiServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  QdRequestInfo *info = g_new0 (QdRequestInfo, 1);

  g_object_set_data_full (G_OBJECT (msg), INFO_KEY, info, (GDestroyNotify) request_info_free);

  if (!check_body (self, msg))
    return;

  /* DNS rebinding: a page on another name must not reach a loopback server. */
  if (!host_allowed (self, soup_message_headers_get_one (headers, "Host")))
    {
      _qd_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid Host header");
      return;
    }

  info->route = _qd_api_route (path, &info->order_id);
  if (info->route == QD_ROUTE_NONE)
    {
      _qd_api_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }
  if (info->route == QD_ROUTE_PAGE)
    {
      if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
        _qd_api_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return;
    }

  /* Only trading needs to know who called (rate limit, journal): reads skip the lookup. */
  if (_qd_api_route_is_trading (info->route))
    info->client = client_name (msg);
  if (!check_caller (self, msg, query, info))
    return;
  check_request (self, msg, info);
}
