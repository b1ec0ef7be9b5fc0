/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

/* The only file that includes the adapter: it defines static functions. */
#include <hiredis/adapters/glib.h>

#include "qd-redis-bus-private.h"

#define FIRST_BACKOFF_MS 100

static void conn_ready (RedisConn *conn);

gboolean
_qd_redis_bus_parse_url (QdRedisBus  *self,
                         const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  const char *scheme, *path, *user, *password;

  if (uri == NULL)
    {
      g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID,
                   _("The bus URL is not valid: use redis://host:port/db or unix:///path"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  path = g_uri_get_path (uri);
  if (g_strcmp0 (scheme, "redis") == 0)
    {
      const char *host = g_uri_get_host (uri);
      gint port = g_uri_get_port (uri);
      guint64 db = 0;

      if (host == NULL || *host == '\0')
        {
          g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID, _("The Redis URL has no host"));
          return FALSE;
        }
      if (path != NULL && path[0] == '/' && path[1] != '\0' &&
          !g_ascii_string_to_unsigned (path + 1, 10, 0, 15999, &db, NULL))
        {
          g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID,
                       _("The Redis URL’s database must be a number (redis://host:port/0)"));
          return FALSE;
        }
      self->host = g_strdup (host);
      self->port = port > 0 ? port : 6379;
      self->db = db;
    }
  else if (g_strcmp0 (scheme, "unix") == 0 && path != NULL && path[0] == '/')
    self->socket_path = g_strdup (path);
  else if (g_strcmp0 (scheme, "rediss") == 0)
    {
      g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID,
                   _("TLS (rediss://) is not supported by this build: use redis:// on loopback "
                     "or a unix socket"));
      return FALSE;
    }
  else
    {
      g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID,
                   _("The bus URL must be redis://host:port/db or unix:///path"));
      return FALSE;
    }

  user = g_uri_get_user (uri);
  password = g_uri_get_password (uri);
  if (password != NULL && *password != '\0')
    {
      self->password = g_strdup (password);
      if (user != NULL && *user != '\0')
        self->username = g_strdup (user);
    }

  self->url_redacted = g_uri_join (G_URI_FLAGS_NONE, scheme, self->username, g_uri_get_host (uri),
                                   g_uri_get_port (uri), path, NULL, NULL);
  return TRUE;
}

gboolean
_qd_redis_bus_command (QdRedisBus      *self,
                       RedisConn       *conn,
                       redisCallbackFn *fn,
                       gpointer         privdata,
                       int              argc,
                       const char     **argv,
                       const size_t    *argvlen)
{
  if (conn->ac == NULL || !conn->ready)
    return FALSE;
  return redisAsyncCommandArgv (conn->ac, fn, privdata, argc, argv, argvlen) == REDIS_OK;
}

/* ---- teardown and reconnect -------------------------------------------------------- */

static void
conn_free (QdRedisBus *self,
           RedisConn  *conn)
{
  if (conn->ac != NULL)
    {
      redisAsyncContext *ac = conn->ac;

      /* Pending callbacks run now with a NULL reply; the disconnect callback must not treat
       * this as a new failure. */
      self->tearing_down = TRUE;
      conn->ac = NULL;
      redisAsyncFree (ac);
      self->tearing_down = FALSE;
    }
  if (conn->source != NULL)
    {
      g_source_destroy (conn->source);
      g_clear_pointer (&conn->source, g_source_unref);
    }
  conn->connected = FALSE;
  conn->ready = FALSE;
  conn->pending_setup = 0;
}

void
_qd_redis_bus_disconnect (QdRedisBus *self)
{
  g_cancellable_cancel (self->resolve_cancellable);
  g_clear_object (&self->resolve_cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->teardown_id, g_source_remove);
  g_clear_handle_id (&self->connect_timeout_id, g_source_remove);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  self->ping_in_flight = FALSE;
  self->generation++;
  conn_free (self, &self->read_conn);
  conn_free (self, &self->cmd_conn);
  _qd_redis_bus_reset_reading (self);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  QdRedisBus *self = user_data;

  self->reconnect_id = 0;
  _qd_redis_bus_connect (self);
  return G_SOURCE_REMOVE;
}

static gboolean
teardown_cb (gpointer user_data)
{
  QdRedisBus *self = user_data;

  self->teardown_id = 0;
  _qd_redis_bus_disconnect (self);
  if (!self->running)
    return G_SOURCE_REMOVE;

  self->backoff_ms = self->backoff_ms == 0 ? FIRST_BACKOFF_MS
                                           : MIN (self->backoff_ms * 2, self->options.max_backoff_ms);
  g_debug ("redis bus: reconnecting in %u ms", self->backoff_ms);
  self->reconnect_id = g_timeout_add (self->backoff_ms, reconnect_cb, self);
  return G_SOURCE_REMOVE;
}

void
_qd_redis_bus_lost (QdRedisBus *self,
                    const char *message)
{
  if (!self->running || self->teardown_id != 0)
    return;

  g_debug ("redis bus: %s", message);
  /* A connection that was up is being re-made; a failed attempt is an error (it retries). */
  _qd_redis_bus_set_state (self, self->state == QD_BUS_STATE_CONNECTED ? QD_BUS_STATE_CONNECTING
                                                                      : QD_BUS_STATE_ERROR,
                           message);
  self->teardown_id = g_idle_add (teardown_cb, self);
}

/* ---- watchdog ------------------------------------------------------------------------ */

static void
ping_cb (redisAsyncContext *ac,
         void              *reply,
         void              *privdata)
{
  RedisConn *conn = ac->data;

  if (reply != NULL)
    {
      conn->bus->ping_in_flight = FALSE;
      conn->bus->last_pong = g_get_monotonic_time ();
    }
}

/* The GLib adapter has no timeouts: a PING that is not answered, or an XREAD BLOCK that
 * outlives its timeout by far, means the connection is dead even if TCP has not noticed. */
static gboolean
watchdog_cb (gpointer user_data)
{
  QdRedisBus *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 grace = (gint64) self->options.ping_interval_s * 2 * G_USEC_PER_SEC;
  const char *argv[] = { "PING" };
  gboolean stalled = self->last_tick > 0 && now - self->last_tick > grace;

  /* Our own main loop was blocked: replies may be waiting unread. Start the clocks again. */
  self->last_tick = now;
  if (stalled)
    {
      self->last_pong = now;
      self->xread_sent = now;
      return G_SOURCE_CONTINUE;
    }

  if (self->ping_in_flight && now - self->last_pong > grace)
    {
      _qd_redis_bus_lost (self, _("Redis stopped answering (no reply to PING)"));
      return G_SOURCE_CONTINUE;
    }
  if (self->xread_in_flight &&
      now - self->xread_sent > (gint64) self->options.block_ms * 1000 + grace)
    {
      _qd_redis_bus_lost (self, _("Redis stopped answering (a blocking read never returned)"));
      return G_SOURCE_CONTINUE;
    }
  if (!self->ping_in_flight &&
      _qd_redis_bus_command (self, &self->cmd_conn, ping_cb, NULL, 1, argv, NULL))
    {
      self->ping_in_flight = TRUE;
      self->last_pong = now;
    }

  return G_SOURCE_CONTINUE;
}

/* ---- connecting ---------------------------------------------------------------------- */

static void
set_keepalive (RedisConn *conn)
{
  int fd = conn->ac->c.fd;
  int on = 1, idle = 10, interval = 5, count = 3;

  if (conn->bus->socket_path != NULL)
    return;
  /* Best effort: without it the watchdog still notices a dead peer. */
  if (setsockopt (fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0 ||
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle) != 0 ||
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval) != 0 ||
      setsockopt (fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count) != 0)
    g_debug ("redis bus: could not enable TCP keepalive");
}

static void
on_connected (QdRedisBus *self)
{
  g_clear_handle_id (&self->connect_timeout_id, g_source_remove);
  if (self->ever_connected)
    self->stats.reconnects++;
  self->ever_connected = TRUE;
  self->backoff_ms = 0;
  self->last_pong = g_get_monotonic_time ();
  self->last_tick = 0;
  self->ping_id = g_timeout_add_seconds (self->options.ping_interval_s, watchdog_cb, self);
  _qd_redis_bus_set_state (self, QD_BUS_STATE_CONNECTED, NULL);
  _qd_redis_bus_sync (self);
}

static void
conn_ready (RedisConn *conn)
{
  QdRedisBus *self = conn->bus;

  conn->ready = TRUE;
  if (self->read_conn.ready && self->cmd_conn.ready)
    on_connected (self);
}

static void
setup_cb (redisAsyncContext *ac,
          void              *reply_ptr,
          void              *privdata)
{
  RedisConn *conn = ac->data;
  redisReply *reply = reply_ptr;

  if (reply == NULL)
    return;
  if (reply->type == REDIS_REPLY_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Redis refused the connection: %s"), reply->str);
      _qd_redis_bus_lost (conn->bus, message);
      return;
    }
  if (--conn->pending_setup == 0 && conn->connected)
    conn_ready (conn);
}

static void
connect_cb (const redisAsyncContext *ac,
            int                      status)
{
  RedisConn *conn = ac->data;

  if (status != REDIS_OK)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot connect to Redis at %s: %s"),
                                                  conn->bus->url_redacted, ac->errstr);
      /* hiredis frees the context after this returns; the source goes in the teardown. */
      conn->ac = NULL;
      _qd_redis_bus_lost (conn->bus, message);
      return;
    }

  conn->connected = TRUE;
  set_keepalive (conn);
  if (conn->pending_setup == 0)
    conn_ready (conn);
}

static void
disconnect_cb (const redisAsyncContext *ac,
               int                      status)
{
  RedisConn *conn = ac->data;
  QdRedisBus *self = conn->bus;
  g_autofree char *message = NULL;

  conn->ac = NULL;
  conn->connected = FALSE;
  conn->ready = FALSE;
  if (self->tearing_down)
    return;

  message = g_strdup_printf (_("Lost the connection to Redis at %s: %s"), self->url_redacted,
                             status == REDIS_OK ? _("closed") : ac->errstr);
  _qd_redis_bus_lost (self, message);
}

static void
send_setup (QdRedisBus *self,
            RedisConn  *conn)
{
  g_autofree char *db = g_strdup_printf ("%u", self->db);

  if (self->password != NULL)
    {
      const char *argv[3] = { "AUTH", self->username ? self->username : self->password,
                              self->password };
      redisAsyncCommandArgv (conn->ac, setup_cb, NULL, self->username ? 3 : 2, argv, NULL);
      conn->pending_setup++;
    }
  if (self->db != 0)
    {
      const char *argv[2] = { "SELECT", db };
      redisAsyncCommandArgv (conn->ac, setup_cb, NULL, 2, argv, NULL);
      conn->pending_setup++;
    }
}

static gboolean
conn_open (QdRedisBus *self,
           RedisConn  *conn,
           const char *address)
{
  redisAsyncContext *ac;

  ac = self->socket_path ? redisAsyncConnectUnix (self->socket_path)
                         : redisAsyncConnect (address, self->port);
  if (ac == NULL || ac->err)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot connect to Redis at %s: %s"),
                                                  self->url_redacted,
                                                  ac ? ac->errstr : g_strerror (ENOMEM));
      if (ac != NULL)
        redisAsyncFree (ac);
      _qd_redis_bus_lost (self, message);
      return FALSE;
    }

  conn->ac = ac;
  ac->data = conn;
  conn->source = redis_source_new (ac);
  g_source_attach (conn->source, NULL);
  redisAsyncSetConnectCallback (ac, connect_cb);
  redisAsyncSetDisconnectCallback (ac, disconnect_cb);
  send_setup (self, conn);
  return TRUE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  QdRedisBus *self = user_data;

  self->connect_timeout_id = 0;
  _qd_redis_bus_lost (self, _("Timed out connecting to Redis"));
  return G_SOURCE_REMOVE;
}

static void
connect_to (QdRedisBus *self,
            const char *address)
{
  self->connect_timeout_id = g_timeout_add (self->options.connect_timeout_ms, connect_timeout_cb, self);
  if (conn_open (self, &self->read_conn, address))
    conn_open (self, &self->cmd_conn, address);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  QdRedisBus *self = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses, *l;
  GInetAddress *chosen;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->resolve_cancellable);
  if (addresses == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot find the Redis host %s: %s"),
                                                  self->host, error->message);
      _qd_redis_bus_lost (self, message);
      return;
    }

  /* Redis is usually bound to 127.0.0.1: prefer IPv4 when the name has both. */
  chosen = addresses->data;
  for (l = addresses; l != NULL; l = l->next)
    if (g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4)
      {
        chosen = l->data;
        break;
      }
  g_free (self->address);
  self->address = g_inet_address_to_string (chosen);
  g_resolver_free_addresses (addresses);
  connect_to (self, self->address);
}

void
_qd_redis_bus_connect (QdRedisBus *self)
{
  g_autoptr(GResolver) resolver = NULL;

  if (self->socket_path != NULL || g_hostname_is_ip_address (self->host))
    {
      connect_to (self, self->host);
      return;
    }

  /* No blocking DNS on the main loop: resolve first, then connect to the number. */
  self->resolve_cancellable = g_cancellable_new ();
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, self->host, self->resolve_cancellable,
                                   resolved_cb, self);
}
