/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-enum-types.h"
#include "qd-redis-bus-private.h"

static void qd_redis_bus_iface_init (QdBusInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QdRedisBus, qd_redis_bus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (QD_TYPE_BUS, qd_redis_bus_iface_init))

enum {
  PROP_0,
  PROP_STATE,
  PROP_DESCRIPTION,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

enum {
  SIGNAL_COMMAND_FAILED,
  SIGNAL_RESYNC,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_qd_redis_bus_set_state (QdRedisBus *self,
                         QdBusState  state,
                         const char *error_message)
{
  if (error_message != NULL && g_strcmp0 (error_message, self->error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify (G_OBJECT (self), "error-message");
    }
  if (state != self->state)
    {
      g_debug ("redis bus %s: %s", self->url_redacted, qd_bus_state_to_string (state));
      self->state = state;
      g_object_notify (G_OBJECT (self), "state");
    }
}

void
_qd_redis_bus_command_failed (QdRedisBus *self,
                              const char *message)
{
  self->stats.commands_failed++;
  g_debug ("redis bus: command failed: %s", message);
  g_signal_emit (self, signals[SIGNAL_COMMAND_FAILED], 0, message);
}

void
_qd_redis_bus_resynced (QdRedisBus *self,
                        const char *key,
                        const char *message)
{
  self->stats.resyncs++;
  g_debug ("redis bus: resync of %s: %s", key, message);
  g_signal_emit (self, signals[SIGNAL_RESYNC], 0, key, message);
}

/* The reply to a command's XADD: NULL when the connection went before Redis answered. */
static void
xadd_cb (redisAsyncContext *ac,
         void              *reply_ptr,
         void              *privdata)
{
  RedisConn *conn = ac->data;
  redisReply *reply = reply_ptr;

  if (reply == NULL)
    _qd_redis_bus_command_failed (conn->bus, _("The connection to Redis dropped before it "
                                               "confirmed a command; it was not resent"));
  else if (reply->type == REDIS_REPLY_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Redis refused a command: %s"), reply->str);
      _qd_redis_bus_command_failed (conn->bus, message);
    }
}

static gboolean
qd_redis_bus_append (QdBus       *bus,
                     const char  *stream,
                     const char  *topic,
                     const char  *payload,
                     gssize       payload_len,
                     gsize        max_len,
                     char       **entry_id,
                     GError     **error)
{
  QdRedisBus *self = QD_REDIS_BUS (bus);
  g_autofree char *max_text = g_strdup_printf ("%" G_GSIZE_FORMAT, max_len);
  const char *argv[10];
  size_t argvlen[10];
  int argc = 0;

  if (entry_id != NULL)
    *entry_id = NULL;
  if (payload_len < 0)
    payload_len = strlen (payload);

  if (!self->cmd_conn.ready)
    {
      self->stats.commands_failed++;
      g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_NOT_CONNECTED,
                   _("The MessageBus at %s is not connected"), self->url_redacted);
      return FALSE;
    }

#define ARG(s, n) G_STMT_START { argv[argc] = (s); argvlen[argc] = (n); argc++; } G_STMT_END
  ARG ("XADD", 4);
  ARG (stream, strlen (stream));
  if (max_len > 0)
    {
      ARG ("MAXLEN", 6);
      ARG ("~", 1);
      ARG (max_text, strlen (max_text));
    }
  ARG ("*", 1);
  ARG ("topic", 5);
  ARG (topic, strlen (topic));
  ARG ("payload", 7);
  ARG (payload, payload_len);
#undef ARG

  if (!_qd_redis_bus_command (self, &self->cmd_conn, xadd_cb, NULL, argc, argv, argvlen))
    {
      self->stats.commands_failed++;
      g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_NOT_CONNECTED,
                   _("The MessageBus at %s is not connected"), self->url_redacted);
      return FALSE;
    }

  return TRUE;
}

/* "trader-{ID}:stream[:*]" read from the configured stream key instead. */
static char *
map_pattern (QdRedisBus *self,
             const char *pattern)
{
  const char *rest;

  if (self->stream_key == NULL || !g_str_has_prefix (pattern, "trader-") ||
      (rest = strstr (pattern, ":stream")) == NULL ||
      (rest[7] != '\0' && rest[7] != ':'))
    return g_strdup (pattern);
  return g_strconcat (self->stream_key, rest + 7, NULL);
}

static guint
qd_redis_bus_watch (QdBus            *bus,
                    const char       *pattern,
                    const char       *from_id,
                    QdBusEntriesFunc  func,
                    gpointer          user_data,
                    GDestroyNotify    destroy)
{
  QdRedisBus *self = QD_REDIS_BUS (bus);
  RedisWatch *watch = g_new0 (RedisWatch, 1);
  g_autofree char *mapped = map_pattern (self, pattern);

  _qd_bus_watch_init (&watch->base, ++self->next_watch_id, mapped, func, user_data, destroy);
  if (strcmp (from_id, "0") == 0 || strcmp (from_id, "0-0") == 0)
    watch->from = FROM_HISTORY;
  else if (strcmp (from_id, "$") == 0)
    {
      watch->from = FROM_NOW;
      watch->since_ms = (guint64) (g_get_real_time () / 1000);
    }
  else
    {
      watch->from = FROM_ID;
      _qd_redis_bus_ids_parse (from_id, &watch->from_id);
    }
  watch->pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_ptr_array_add (self->watches, watch);
  /* Connected: find its streams now (or right after a discovery round in flight). */
  if (self->synced || self->round != ROUND_IDLE)
    _qd_redis_bus_watch_added (self, watch);

  return watch->base.id;
}

static void
qd_redis_bus_unwatch (QdBus *bus,
                      guint  watch_id)
{
  QdRedisBus *self = QD_REDIS_BUS (bus);

  _qd_bus_watches_remove (self->watches, watch_id, self->dispatch_depth > 0);
}

static void
qd_redis_bus_iface_init (QdBusInterface *iface)
{
  iface->append = qd_redis_bus_append;
  iface->watch = qd_redis_bus_watch;
  iface->unwatch = qd_redis_bus_unwatch;
}

static void
qd_redis_bus_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QdRedisBus *self = QD_REDIS_BUS (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->url_redacted);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_redis_bus_dispose (GObject *object)
{
  QdRedisBus *self = QD_REDIS_BUS (object);

  qd_redis_bus_stop (self);
  g_clear_pointer (&self->watches, g_ptr_array_unref);

  G_OBJECT_CLASS (qd_redis_bus_parent_class)->dispose (object);
}

static void
qd_redis_bus_finalize (GObject *object)
{
  QdRedisBus *self = QD_REDIS_BUS (object);

  g_hash_table_unref (self->keys);
  g_free (self->url_redacted);
  g_free (self->host);
  g_free (self->socket_path);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->address);
  g_free (self->error_message);
  g_free (self->stream_key);

  G_OBJECT_CLASS (qd_redis_bus_parent_class)->finalize (object);
}

static void
qd_redis_bus_class_init (QdRedisBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_redis_bus_dispose;
  object_class->finalize = qd_redis_bus_finalize;
  object_class->get_property = qd_redis_bus_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
  g_object_class_override_property (object_class, PROP_DESCRIPTION, "description");
  g_object_class_override_property (object_class, PROP_ERROR_MESSAGE, "error-message");

  /**
   * QdRedisBus::command-failed:
   * @message: why, for people
   *
   * An XADD that qd_bus_append() had handed over was refused or lost with its connection.
   */
  signals[SIGNAL_COMMAND_FAILED] =
    g_signal_new ("command-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * QdRedisBus::resync:
   * @key: the stream
   * @message: what happened, for people
   *
   * Entries after our last id were trimmed away before we read them.
   */
  signals[SIGNAL_RESYNC] =
    g_signal_new ("resync", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
qd_redis_bus_init (QdRedisBus *self)
{
  self->state = QD_BUS_STATE_DISCONNECTED;
  self->watches = g_ptr_array_new_with_free_func (_qd_redis_bus_watch_free);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->read_conn.bus = self;
  self->read_conn.name = "read";
  self->cmd_conn.bus = self;
  self->cmd_conn.name = "command";
}

static void
apply_defaults (QdRedisBusOptions *o)
{
  if (o->history_limit == 0)
    o->history_limit = 100000;
  if (o->block_ms == 0)
    o->block_ms = 1000;
  if (o->scan_interval_s == 0)
    o->scan_interval_s = 5;
  if (o->ping_interval_s == 0)
    o->ping_interval_s = 2;
  if (o->max_backoff_ms == 0)
    o->max_backoff_ms = 5000;
  if (o->read_count == 0)
    o->read_count = 2048;
  if (o->connect_timeout_ms == 0)
    o->connect_timeout_ms = 5000;
}

QdBus *
qd_redis_bus_new (const char              *url,
                  const QdRedisBusOptions *options,
                  GError                 **error)
{
  g_autoptr(QdRedisBus) self = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (QD_TYPE_REDIS_BUS, NULL);
  if (options != NULL)
    self->options = *options;
  apply_defaults (&self->options);
  /* Owned here; the caller's string need not outlive the call. */
  self->stream_key = g_strdup (self->options.stream_key && *self->options.stream_key
                               ? self->options.stream_key : NULL);
  self->options.stream_key = NULL;

  if (!_qd_redis_bus_parse_url (self, url, error))
    return NULL;

  return QD_BUS (g_steal_pointer (&self));
}

void
qd_redis_bus_start (QdRedisBus *self)
{
  g_return_if_fail (QD_IS_REDIS_BUS (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->backoff_ms = 0;
  _qd_redis_bus_set_state (self, QD_BUS_STATE_CONNECTING, NULL);
  _qd_redis_bus_connect (self);
}

void
qd_redis_bus_stop (QdRedisBus *self)
{
  g_return_if_fail (QD_IS_REDIS_BUS (self));

  if (!self->running)
    return;
  self->running = FALSE;
  _qd_redis_bus_disconnect (self);
  _qd_redis_bus_set_state (self, QD_BUS_STATE_DISCONNECTED, NULL);
}

const QdRedisBusStats *
qd_redis_bus_get_stats (QdRedisBus *self)
{
  g_return_val_if_fail (QD_IS_REDIS_BUS (self), NULL);
  return &self->stats;
}

guint
qd_redis_bus_get_n_streams (QdRedisBus *self)
{
  g_return_val_if_fail (QD_IS_REDIS_BUS (self), 0);
  return g_hash_table_size (self->keys);
}
