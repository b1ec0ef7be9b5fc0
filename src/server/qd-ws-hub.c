/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-public-json.h"
#include "qd-ws-hub.h"
#include "qd-ws-stream.h"

#define DEFAULT_RATE 20
#define DEFAULT_BACKLOG (4 * 1024 * 1024)
#define KEEPALIVE_SECONDS 20
/* A dropped client that cannot even take its close frame is cut off after this. */
#define CLOSE_GRACE_MS 2000
/* Ours (4000-4999 are for applications): reconnect and take a fresh snapshot. */
#define CLOSE_RESYNC 4000

typedef struct
{
  QdWsHub                 *hub;
  SoupWebsocketConnection *connection;
  QdWsStream              *stream;      /* NULL when not ours: backlog unknown */
  guint64                  queued;      /* frame bytes handed to libsoup */
  guint64                  snapshot;    /* of which the snapshot */
  QdApiRole                role;
} Client;

struct _QdWsHub
{
  GObject        parent_instance;

  QdIbService   *service;
  QdActivityLog *activity;
  GPtrArray     *clients;       /* Client */
  gint64         min_interval_us;
  gsize          max_backlog;
  guint          n_dropped;

  GHashTable    *last_sent;     /* key -> gint64 (as pointer to heap) */
  GHashTable    *pending;       /* key -> key: updates waiting for their turn */
  guint          flush_id;
  guint          resync_id;
  guint          write_id;      /* one write per client and turn, for all of them */
  guint          ping_id;       /* one keep-alive timer for every client on our stream */
  gint64         flush_at_us;
};

G_DEFINE_FINAL_TYPE (QdWsHub, qd_ws_hub, G_TYPE_OBJECT)

/* ---- messages ---------------------------------------------------------------------- */

static void
begin_message (QdJsonWriter *w,
               GString      *str,
               const char   *type)
{
  qd_json_writer_init (w, str);
  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "type", type);
  qd_json_writer_key (w, "data");
}

static GBytes *
end_message (QdJsonWriter *w,
             GString      *str)
{
  char stamp[32];
  gsize len;

  /* UNIX seconds with microseconds, like Python's time.time(). */
  g_snprintf (stamp, sizeof stamp, "%.6f", g_get_real_time () / (double) G_USEC_PER_SEC);
  qd_json_writer_key (w, "timestamp");
  qd_json_writer_raw (w, stamp);
  qd_json_writer_end_object (w);
  len = str->len;
  return g_bytes_new_take (g_string_free (str, FALSE), len);
}

static GBytes *
message_for_key (QdWsHub    *self,
                 const char *key)
{
  GString *str = g_string_sized_new (512);
  QdJsonWriter w;
  gpointer item;

  switch (key[0])
    {
    case 'c':
      begin_message (&w, str, "ib_connection");
      qd_connection_status_write_json (qd_ib_service_get_connection (self->service), &w);
      break;
    case 'a':
      begin_message (&w, str, "ib_account");
      qd_account_write_json (qd_ib_service_get_account (self->service), &w);
      break;
    case 'o':
      if ((item = qd_ib_service_lookup_order (self->service, key + 2)) == NULL)
        return (g_string_free (str, TRUE), NULL);
      begin_message (&w, str, "ib_order");
      qd_order_write_json (item, &w);
      break;
    case 'q':
      if ((item = qd_ib_service_lookup_quote (self->service, key + 2)) == NULL)
        return (g_string_free (str, TRUE), NULL);
      begin_message (&w, str, "ib_quote");
      qd_quote_write_json (item, &w);
      break;
    case 'p':
      if ((item = qd_ib_service_lookup_position (self->service, key + 2)) == NULL)
        return (g_string_free (str, TRUE), NULL);
      begin_message (&w, str, "ib_positions");
      qd_json_writer_begin_object (&w);
      qd_json_writer_key (&w, key + 2);
      qd_position_write_json (item, &w);
      qd_json_writer_end_object (&w);
      break;
    default:
      g_assert_not_reached ();
    }
  return end_message (&w, str);
}

static GBytes *
all_positions_message (QdWsHub *self)
{
  GListModel *positions = qd_ib_service_get_positions (self->service);
  GString *str = g_string_sized_new (1024);
  QdJsonWriter w;
  guint i;

  begin_message (&w, str, "ib_positions");
  qd_json_writer_begin_object (&w);
  for (i = 0; i < g_list_model_get_n_items (positions); i++)
    {
      g_autoptr(QdPosition) position = g_list_model_get_item (positions, i);

      qd_json_writer_key (&w, qd_position_get_position_id (position));
      qd_position_write_json (position, &w);
    }
  qd_json_writer_end_object (&w);
  return end_message (&w, str);
}

/* ---- clients ----------------------------------------------------------------------- */

static guint64
frame_size (gsize payload)
{
  /* Server frames are unmasked: 2, 4 or 10 header bytes. */
  return payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
}

static guint64
client_backlog (Client *client)
{
  guint64 written = client->stream ? qd_ws_stream_get_written (client->stream) : client->queued;

  return client->queued > written ? client->queued - written : 0;
}

static gboolean
force_close_cb (gpointer user_data)
{
  SoupWebsocketConnection *connection = user_data;

  if (soup_websocket_connection_get_state (connection) != SOUP_WEBSOCKET_STATE_CLOSED)
    g_io_stream_close_async (soup_websocket_connection_get_io_stream (connection),
                             G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
client_free (Client *client)
{
  g_signal_handlers_disconnect_by_data (client->connection, client);
  g_clear_object (&client->stream);
  g_clear_object (&client->connection);
  g_free (client);
}

static void
remove_client (QdWsHub *self,
               Client  *client,
               gushort  code,
               const char *reason)
{
  SoupWebsocketConnection *connection = g_object_ref (client->connection);

  g_ptr_array_remove_fast (self->clients, client);
  if (soup_websocket_connection_get_state (connection) == SOUP_WEBSOCKET_STATE_OPEN)
    {
      soup_websocket_connection_close (connection, code, reason);
      g_timeout_add_full (G_PRIORITY_DEFAULT, CLOSE_GRACE_MS, force_close_cb,
                          g_object_ref (connection), g_object_unref);
    }
  g_object_unref (connection);
}

static gboolean
client_over_bound (QdWsHub *self,
                   Client  *client)
{
  guint64 written = client->stream ? qd_ws_stream_get_written (client->stream) : client->queued;
  /* The snapshot may be large; the bound applies to what comes after it. */
  guint64 allowance = client->snapshot > written ? client->snapshot - written : 0;

  return client_backlog (client) > self->max_backlog + allowance;
}

/* One unmasked text frame: built once, written to every client. */
static GBytes *
text_frame (GBytes *message)
{
  gsize len = g_bytes_get_size (message);
  GByteArray *frame = g_byte_array_sized_new ((guint) frame_size (len));
  guint8 header[10] = { 0x81 };
  guint n = 2, i;

  if (len < 126)
    header[1] = (guint8) len;
  else if (len < 65536)
    {
      header[1] = 126;
      header[2] = (guint8) (len >> 8);
      header[3] = (guint8) len;
      n = 4;
    }
  else
    {
      header[1] = 127;
      for (i = 0; i < 8; i++)
        header[2 + i] = (guint8) ((guint64) len >> (56 - 8 * i));
      n = 10;
    }
  g_byte_array_append (frame, header, n);
  g_byte_array_append (frame, g_bytes_get_data (message, NULL), (guint) len);
  return g_byte_array_free_to_bytes (frame);
}

static gboolean
write_cb (gpointer user_data)
{
  QdWsHub *self = user_data;
  guint i;

  self->write_id = 0;
  for (i = 0; i < self->clients->len; i++)
    {
      Client *client = g_ptr_array_index (self->clients, i);

      if (client->stream != NULL)
        qd_ws_stream_flush_frames (client->stream);
    }
  return G_SOURCE_REMOVE;
}

/* After everything this turn of the main loop queues. */
static void
schedule_write (QdWsHub *self)
{
  if (self->write_id == 0)
    self->write_id = g_idle_add_full (G_PRIORITY_DEFAULT, write_cb, self, NULL);
}

/* Our stream takes the frame as is; a connection not on our stream goes through libsoup. */
static void
send_frame (Client *client,
            GBytes *message,
            GBytes *frame)
{
  if (client->stream != NULL)
    {
      if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN)
        return;
      qd_ws_stream_append_frames (client->stream, frame);
      schedule_write (client->hub);
    }
  else
    soup_websocket_connection_send_message (client->connection, SOUP_WEBSOCKET_DATA_TEXT, message);
  client->queued += g_bytes_get_size (frame);
}

static void
send_to (Client *client,
         GBytes *message)
{
  g_autoptr(GBytes) frame = text_frame (message);

  send_frame (client, message, frame);
}

static void
broadcast (QdWsHub *self,
           GBytes  *message)
{
  g_autoptr(GBytes) frame = text_frame (message);
  guint i = 0;

  while (i < self->clients->len)
    {
      Client *client = g_ptr_array_index (self->clients, i);

      send_frame (client, message, frame);
      if (client_over_bound (self, client))
        {
          g_debug ("WebSocket client too slow (%" G_GUINT64_FORMAT " bytes behind): closing",
                   client_backlog (client));
          self->n_dropped++;
          remove_client (self, client, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too slow");
          continue;
        }
      i++;
    }
}

/* An empty ping to every client on our stream (libsoup pings the others itself). */
static gboolean
ping_cb (gpointer user_data)
{
  static const guint8 ping[] = { 0x89, 0x00 };
  QdWsHub *self = user_data;
  g_autoptr(GBytes) frame = NULL;
  guint i;

  if (self->clients->len == 0)
    {
      self->ping_id = 0;
      return G_SOURCE_REMOVE;
    }
  frame = g_bytes_new_static (ping, sizeof ping);
  for (i = 0; i < self->clients->len; i++)
    {
      Client *client = g_ptr_array_index (self->clients, i);

      if (client->stream != NULL)
        send_frame (client, NULL, frame);
    }
  return G_SOURCE_CONTINUE;
}

static void
closed_cb (SoupWebsocketConnection *connection,
           Client                  *client)
{
  g_ptr_array_remove_fast (client->hub->clients, client);
}

/* ---- coalescing -------------------------------------------------------------------- */

static void schedule_flush (QdWsHub *self, gint64 at_us);

static gint64
due_time (QdWsHub    *self,
          const char *key)
{
  gint64 *last = g_hash_table_lookup (self->last_sent, key);

  return last ? *last + self->min_interval_us : 0;
}

static void
send_key (QdWsHub    *self,
          const char *key,
          gint64      now_us)
{
  g_autoptr(GBytes) message = message_for_key (self, key);
  gint64 *last = g_hash_table_lookup (self->last_sent, key);

  if (last == NULL)
    {
      last = g_new (gint64, 1);
      g_hash_table_insert (self->last_sent, g_strdup (key), last);
    }
  *last = now_us;
  if (message != NULL)
    broadcast (self, message);
}

static gboolean
flush_cb (gpointer user_data)
{
  QdWsHub *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 next = G_MAXINT64;
  GHashTableIter iter;
  const char *key;

  self->flush_id = 0;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      gint64 due = due_time (self, key);

      if (due <= now)
        {
          send_key (self, key, now);
          g_hash_table_iter_remove (&iter);
        }
      else
        next = MIN (next, due);
    }
  if (next != G_MAXINT64)
    schedule_flush (self, next);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (QdWsHub *self,
                gint64   at_us)
{
  gint64 now = g_get_monotonic_time ();

  if (self->flush_id != 0 && self->flush_at_us <= at_us)
    return;
  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->flush_at_us = at_us;
  /* Due now: after the batch being applied, in this same turn of the main loop. */
  if (at_us <= now)
    self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_cb, self, NULL);
  else
    self->flush_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((at_us - now + 999) / 1000),
                                         flush_cb, self, NULL);
}

static void
touch (QdWsHub    *self,
       const char *key)
{
  char *copy;

  if (self->clients->len == 0 || g_hash_table_contains (self->pending, key))
    return;
  copy = g_strdup (key);
  g_hash_table_add (self->pending, copy);
  schedule_flush (self, due_time (self, key));
}

static void
touch_id (QdWsHub    *self,
          char        prefix,
          const char *id)
{
  g_autofree char *key = NULL;

  if (id == NULL || self->clients->len == 0)
    return;
  key = g_strdup_printf ("%c:%s", prefix, id);
  touch (self, key);
}

/* ---- service signals --------------------------------------------------------------- */

static void
order_updated_cb (QdIbService *service,
                  QdOrder     *order,
                  QdWsHub     *self)
{
  touch_id (self, 'o', qd_order_get_order_id (order));
}

static void
position_updated_cb (QdIbService *service,
                     QdPosition  *position,
                     QdWsHub     *self)
{
  touch_id (self, 'p', qd_position_get_position_id (position));
}

static void
quote_updated_cb (QdIbService *service,
                  QdQuote     *quote,
                  QdWsHub     *self)
{
  touch_id (self, 'q', qd_quote_get_instrument_id (quote));
}

static void
account_updated_cb (QdIbService *service,
                    QdWsHub     *self)
{
  touch (self, "a");
}

static void
connection_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      QdWsHub    *self)
{
  touch (self, "c");
}

static gboolean
resync_cb (gpointer user_data)
{
  QdWsHub *self = user_data;

  self->resync_id = 0;
  while (self->clients->len > 0)
    remove_client (self, g_ptr_array_index (self->clients, self->clients->len - 1),
                   CLOSE_RESYNC, "positions replaced: reconnect for a fresh snapshot");
  g_hash_table_remove_all (self->pending);
  return G_SOURCE_REMOVE;
}

/* ib_positions can add and change rows but has no way to remove one: when rows go (the IB
 * portfolio replacing the node's rows), clients reconnect and start from a snapshot. */
static void
positions_changed_cb (GListModel *positions,
                      guint       position,
                      guint       removed,
                      guint       added,
                      QdWsHub    *self)
{
  if (removed > 0 && self->clients->len > 0 && self->resync_id == 0)
    self->resync_id = g_idle_add (resync_cb, self);
}

static const char *
activity_kind_name (int kind)
{
  switch ((QdActivityKind) kind)
    {
    case QD_ACTIVITY_ORDER:      return "order";
    case QD_ACTIVITY_FILL:       return "fill";
    case QD_ACTIVITY_REJECT:     return "reject";
    case QD_ACTIVITY_CONNECTION: return "connection";
    case QD_ACTIVITY_BUS_ERROR:  return "bus_error";
    case QD_ACTIVITY_COMMAND:    return "command";
    default:                     return "other";
    }
}

/* Fills and activity are events, not state: each one is sent. */
static void
fill_cb (QdIbService *service,
         QdOrder     *order,
         const char  *description,
         QdWsHub     *self)
{
  g_autoptr(GBytes) message = NULL;
  GString *str;
  QdJsonWriter w;

  if (self->clients->len == 0)
    return;
  str = g_string_sized_new (512);
  begin_message (&w, str, "ib_fill");
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "description", description);
  qd_json_writer_key (&w, "order");
  qd_order_write_json (order, &w);
  qd_json_writer_end_object (&w);
  message = end_message (&w, str);
  broadcast (self, message);
}

static void
activity_cb (QdIbService *service,
             int          kind,
             const char  *text,
             QdWsHub     *self)
{
  g_autoptr(GBytes) message = NULL;
  g_autofree char *time = NULL;
  GString *str;
  QdJsonWriter w;

  if (self->clients->len == 0)
    return;
  time = qd_format_iso8601_ns (g_get_real_time () * 1000);
  str = g_string_sized_new (256);
  begin_message (&w, str, "ib_activity");
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "kind", activity_kind_name (kind));
  qd_json_writer_member_string (&w, "message", text);
  qd_json_writer_member_string (&w, "time", time);
  qd_json_writer_end_object (&w);
  message = end_message (&w, str);
  broadcast (self, message);
}

/* ---- the hub ----------------------------------------------------------------------- */

static void
qd_ws_hub_dispose (GObject *object)
{
  QdWsHub *self = QD_WS_HUB (object);

  qd_ws_hub_close_all (self);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_handle_id (&self->resync_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  g_clear_handle_id (&self->ping_id, g_source_remove);
  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_signal_handlers_disconnect_by_data (qd_ib_service_get_connection (self->service), self);
      g_signal_handlers_disconnect_by_data (qd_ib_service_get_positions (self->service), self);
    }
  g_clear_object (&self->service);
  g_clear_object (&self->activity);

  G_OBJECT_CLASS (qd_ws_hub_parent_class)->dispose (object);
}

static void
qd_ws_hub_finalize (GObject *object)
{
  QdWsHub *self = QD_WS_HUB (object);

  g_ptr_array_unref (self->clients);
  g_hash_table_unref (self->last_sent);
  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (qd_ws_hub_parent_class)->finalize (object);
}

static void
qd_ws_hub_class_init (QdWsHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_ws_hub_dispose;
  object_class->finalize = qd_ws_hub_finalize;
}

static void
qd_ws_hub_init (QdWsHub *self)
{
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  self->last_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->min_interval_us = G_USEC_PER_SEC / DEFAULT_RATE;
  self->max_backlog = DEFAULT_BACKLOG;
}

QdWsHub *
qd_ws_hub_new (QdIbService   *service,
               QdActivityLog *activity)
{
  QdWsHub *self;

  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  self = g_object_new (QD_TYPE_WS_HUB, NULL);
  self->service = g_object_ref (service);
  if (activity != NULL)
    self->activity = g_object_ref (activity);

  g_signal_connect (service, "order-updated", G_CALLBACK (order_updated_cb), self);
  g_signal_connect (service, "position-updated", G_CALLBACK (position_updated_cb), self);
  g_signal_connect (service, "quote-updated", G_CALLBACK (quote_updated_cb), self);
  g_signal_connect (service, "account-updated", G_CALLBACK (account_updated_cb), self);
  g_signal_connect (service, "fill", G_CALLBACK (fill_cb), self);
  g_signal_connect (service, "activity", G_CALLBACK (activity_cb), self);
  g_signal_connect (qd_ib_service_get_connection (service), "notify", G_CALLBACK (connection_notify_cb), self);
  g_signal_connect (qd_ib_service_get_positions (service), "items-changed", G_CALLBACK (positions_changed_cb), self);
  return self;
}

static void
send_snapshot (QdWsHub *self,
               Client  *client)
{
  static const char *singles[] = { "c", "a" };
  GListModel *orders = qd_ib_service_get_orders (self->service);
  GListModel *quotes = qd_ib_service_get_quotes (self->service);
  g_autoptr(GBytes) positions = all_positions_message (self);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (singles); i++)
    {
      g_autoptr(GBytes) message = message_for_key (self, singles[i]);

      send_to (client, message);
    }
  send_to (client, positions);
  for (i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (orders, i);
      g_autofree char *key = g_strdup_printf ("o:%s", qd_order_get_order_id (order));
      g_autoptr(GBytes) message = message_for_key (self, key);

      if (message != NULL)
        send_to (client, message);
    }
  for (i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, i);
      g_autofree char *key = g_strdup_printf ("q:%s", qd_quote_get_instrument_id (quote));
      g_autoptr(GBytes) message = message_for_key (self, key);

      if (message != NULL)
        send_to (client, message);
    }
  client->snapshot = client->queued;
}

void
qd_ws_hub_add_client (QdWsHub                 *self,
                      SoupWebsocketConnection *connection,
                      QdApiRole                role)
{
  Client *client;
  GIOStream *stream;

  g_return_if_fail (QD_IS_WS_HUB (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));

  client = g_new0 (Client, 1);
  client->hub = self;
  client->connection = g_object_ref (connection);
  client->role = role;
  stream = soup_websocket_connection_get_io_stream (connection);
  if (QD_IS_WS_STREAM (stream))
    client->stream = g_object_ref (QD_WS_STREAM (stream));

  /* No timer per client: ours ping together. */
  if (client->stream == NULL)
    soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_SECONDS);
  else if (self->ping_id == 0)
    self->ping_id = g_timeout_add_seconds (KEEPALIVE_SECONDS, ping_cb, self);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), client);
  g_ptr_array_add (self->clients, client);
  send_snapshot (self, client);
}

guint
qd_ws_hub_get_n_clients (QdWsHub *self)
{
  g_return_val_if_fail (QD_IS_WS_HUB (self), 0);
  return self->clients->len;
}

guint
qd_ws_hub_get_n_dropped (QdWsHub *self)
{
  g_return_val_if_fail (QD_IS_WS_HUB (self), 0);
  return self->n_dropped;
}

void
qd_ws_hub_set_limits (QdWsHub *self,
                      guint    max_flushes_per_second,
                      gsize    max_backlog_bytes)
{
  g_return_if_fail (QD_IS_WS_HUB (self));

  self->min_interval_us = G_USEC_PER_SEC / MAX (max_flushes_per_second, 1);
  self->max_backlog = max_backlog_bytes ? max_backlog_bytes : DEFAULT_BACKLOG;
}

void
qd_ws_hub_close_all (QdWsHub *self)
{
  g_return_if_fail (QD_IS_WS_HUB (self));

  while (self->clients->len > 0)
    remove_client (self, g_ptr_array_index (self->clients, self->clients->len - 1),
                   SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server stopping");
  g_hash_table_remove_all (self->pending);
  g_clear_handle_id (&self->flush_id, g_source_remove);
}
