/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-ib-service-private.h"

/*
 * QdIbService is the one state store. Every bus entry goes through qd_ib_service_ingest():
 * decoded by QdCodec, dropped if its event_id was already applied (the node publishes fills,
 * cancels and account states more than once), then applied in stream order.
 *
 * Connection: "connected" in the public status means IB is connected as far as we can
 * know it: the bus is up, the node's heartbeat is fresh (stale after three missed
 * intervals) and the IB client is running (the bridge's connection status, or else the IB
 * client's ComponentStateChanged, since the IB adapter publishes nothing else about it).
 */

guint qd_ib_service_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (QdIbService, qd_ib_service, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-ib-service-error-quark, qd_ib_service_error)

static void
instrument_free (gpointer data)
{
  QdInstrument *instrument = data;

  g_free (instrument->instrument_id);
  g_free (instrument->instrument_class);
  g_free (instrument->currency);
  g_free (instrument);
}

void
_qd_ib_service_activity (QdIbService    *self,
                         QdActivityKind  kind,
                         const char     *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s", message);
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_ACTIVITY], 0, (int) kind, message);
}

/* TRUE when the id was seen already; otherwise remembers it. */
static gboolean
check_duplicate (QdIbService *self,
                 const char  *event_id)
{
  char *copy;

  if (event_id == NULL || *event_id == '\0')
    return FALSE;

  if (g_hash_table_contains (self->seen_ids, event_id))
    return TRUE;

  /* Forget the oldest id once the ring is full so memory stays bounded. */
  if (self->seen_ring[self->seen_next] != NULL)
    g_hash_table_remove (self->seen_ids, self->seen_ring[self->seen_next]);

  copy = g_strdup (event_id);
  self->seen_ring[self->seen_next] = copy;
  self->seen_next = (self->seen_next + 1) % QD_DEDUP_CAPACITY;
  g_hash_table_add (self->seen_ids, copy);

  return FALSE;
}

void
_qd_ib_service_refresh_connection (QdIbService *self)
{
  QdBusState bus_state = qd_bus_get_state (self->bus);
  gboolean stale = FALSE;

  if (self->last_heartbeat_mono > 0)
    {
      gint64 age = g_get_monotonic_time () - self->last_heartbeat_mono;
      stale = age > (gint64) self->heartbeat_interval * 3 * G_USEC_PER_SEC;
    }

  g_object_freeze_notify (G_OBJECT (self->connection));
  qd_connection_status_set_bus_state (self->connection, bus_state);
  qd_connection_status_set_stale (self->connection, stale);
  qd_connection_status_set_connected (self->connection,
                                      bus_state == QD_BUS_STATE_CONNECTED &&
                                      self->ib_connected && !stale);
  g_object_thaw_notify (G_OBJECT (self->connection));
}

static void
apply_heartbeat (QdIbService   *self,
                 const QdEvent *event)
{
  gboolean was_stale = qd_connection_status_get_stale (self->connection);

  self->last_heartbeat_mono = g_get_monotonic_time ();
  qd_connection_status_set_last_heartbeat (self->connection, event->ts_event);

  /* A node without our bridge or an IB client event still proves it is alive. */
  _qd_ib_service_refresh_connection (self);
  if (was_stale && !qd_connection_status_get_stale (self->connection))
    _qd_ib_service_activity (self, QD_ACTIVITY_CONNECTION, _("Node heartbeat resumed"));
}

static QdTradingMode
mode_from_account (const char *account_id)
{
  const char *p;

  if (account_id == NULL)
    return QD_TRADING_MODE_UNKNOWN;

  /* IB paper accounts are DU…/DF…; "INTERACTIVE_BROKERS-DU123" carries it after the dash. */
  p = strrchr (account_id, '-');
  p = p ? p + 1 : account_id;
  if (p[0] == 'D' && (p[1] == 'U' || p[1] == 'F'))
    return QD_TRADING_MODE_PAPER;
  if (p[0] == 'U' || p[0] == 'F' || p[0] == 'I')
    return QD_TRADING_MODE_LIVE;
  return QD_TRADING_MODE_UNKNOWN;
}

static const char *
gateway_from_port (gint port)
{
  switch (port)
    {
    case 7496:
    case 7497:
      return "TWS";
    case 4001:
    case 4002:
      return "IBG";
    default:
      return NULL;
    }
}

static QdTradingMode
mode_from_port (gint port)
{
  if (port == 7497 || port == 4002)
    return QD_TRADING_MODE_PAPER;
  if (port == 7496 || port == 4001)
    return QD_TRADING_MODE_LIVE;
  return QD_TRADING_MODE_UNKNOWN;
}

static void
apply_component_state (QdIbService   *self,
                       const QdEvent *event)
{
  const QdComponentStateEvent *c = &event->u.component;
  QdConnectionStatus *conn = self->connection;
  gboolean running;
  QdTradingMode mode;

  if (c->component_id == NULL || !g_str_has_prefix (c->component_id, "INTERACTIVE_BROKERS"))
    return;

  running = g_strcmp0 (c->state, "RUNNING") == 0;
  qd_connection_status_set_node_state (conn, c->state);

  g_object_freeze_notify (G_OBJECT (conn));
  if (c->ibg_host != NULL)
    qd_connection_status_set_host (conn, c->ibg_host);
  if (c->ibg_port >= 0)
    {
      qd_connection_status_set_port (conn, c->ibg_port);
      if (gateway_from_port (c->ibg_port) != NULL)
        qd_connection_status_set_gateway_type (conn, gateway_from_port (c->ibg_port));
    }
  if (c->ibg_client_id >= 0)
    qd_connection_status_set_client_id (conn, c->ibg_client_id);
  if (c->account_id != NULL)
    qd_connection_status_set_account_id (conn, c->account_id);

  mode = c->trading_mode;
  if (mode == QD_TRADING_MODE_UNKNOWN)
    mode = mode_from_port (c->ibg_port);
  if (mode == QD_TRADING_MODE_UNKNOWN)
    mode = mode_from_account (c->account_id);
  if (mode != QD_TRADING_MODE_UNKNOWN)
    qd_connection_status_set_trading_mode (conn, mode);
  g_object_thaw_notify (G_OBJECT (conn));

  /* The bridge's own status is better information while the client runs; a client that
   * has stopped or faulted is not connected, whatever was said before. */
  if ((!self->have_seed_connection || !running) && running != self->ib_connected)
    {
      self->ib_connected = running;
      if (running)
        qd_connection_status_set_connection_time (conn, event->ts_event);
      _qd_ib_service_activity (self, QD_ACTIVITY_CONNECTION, _("IB client %s: %s"),
                               c->component_id, c->state ? c->state : "?");
    }

  _qd_ib_service_refresh_connection (self);
}

static void
apply_seed_connection (QdIbService   *self,
                       const QdEvent *event)
{
  const QdSeedConnectionEvent *s = &event->u.seed_connection;
  QdConnectionStatus *conn = self->connection;
  gboolean changed = !self->have_seed_connection || s->connected != self->ib_connected;
  QdTradingMode mode = s->trading_mode;

  self->have_seed_connection = TRUE;
  self->ib_connected = s->connected;

  g_object_freeze_notify (G_OBJECT (conn));
  if (s->gateway_type != NULL)
    qd_connection_status_set_gateway_type (conn, s->gateway_type);
  if (s->host != NULL)
    qd_connection_status_set_host (conn, s->host);
  if (s->port >= 0)
    qd_connection_status_set_port (conn, s->port);
  if (s->client_id >= 0)
    qd_connection_status_set_client_id (conn, s->client_id);
  if (s->account_id != NULL)
    qd_connection_status_set_account_id (conn, s->account_id);
  if (s->connection_time != 0)
    qd_connection_status_set_connection_time (conn, s->connection_time);
  qd_connection_status_set_error_message (conn, s->error_message);
  if (mode == QD_TRADING_MODE_UNKNOWN)
    mode = mode_from_account (s->account_id);
  if (mode == QD_TRADING_MODE_UNKNOWN)
    mode = mode_from_port (s->port);
  if (mode != QD_TRADING_MODE_UNKNOWN)
    qd_connection_status_set_trading_mode (conn, mode);
  g_object_thaw_notify (G_OBJECT (conn));

  if (changed)
    _qd_ib_service_activity (self, QD_ACTIVITY_CONNECTION, s->connected ?
                             _("IB connected (%s)") : _("IB disconnected (%s)"),
                             s->error_message ? s->error_message : (s->gateway_type ? s->gateway_type : "IB"));

  _qd_ib_service_refresh_connection (self);
}

static void
apply_instrument (QdIbService   *self,
                  const QdEvent *event)
{
  const QdInstrumentEvent *e = &event->u.instrument;
  QdInstrument *instrument;
  QdQuote *quote;

  if (e->instrument_id == NULL)
    return;

  instrument = g_new0 (QdInstrument, 1);
  instrument->instrument_id = g_strdup (e->instrument_id);
  instrument->instrument_class = g_strdup (e->instrument_class);
  instrument->currency = g_strdup (e->currency);
  instrument->price_precision = e->price_precision;
  instrument->size_precision = e->size_precision;
  instrument->price_increment = e->price_increment;
  instrument->size_increment = e->size_increment;
  instrument->lot_size = e->lot_size;
  instrument->multiplier = e->multiplier;
  g_hash_table_replace (self->instruments, instrument->instrument_id, instrument);

  if ((quote = g_hash_table_lookup (self->quote_index, e->instrument_id)) != NULL &&
      e->price_precision >= 0)
    qd_quote_set_price_precision (quote, e->price_precision);
}

static QdQuote *
ensure_quote (QdIbService *self,
              const char  *instrument_id)
{
  QdQuote *quote = g_hash_table_lookup (self->quote_index, instrument_id);
  const QdInstrument *instrument;

  if (quote != NULL)
    return quote;

  quote = qd_quote_new (instrument_id);
  instrument = g_hash_table_lookup (self->instruments, instrument_id);
  if (instrument != NULL && instrument->price_precision >= 0)
    qd_quote_set_price_precision (quote, instrument->price_precision);
  g_hash_table_insert (self->quote_index, g_strdup (instrument_id), quote);
  g_list_store_append (self->quotes, quote);

  return quote;
}

static void
apply_quote (QdIbService   *self,
             const QdEvent *event)
{
  const QdQuoteEvent *q = &event->u.quote;
  QdQuote *quote;

  if (q->instrument_id == NULL)
    return;

  quote = ensure_quote (self, q->instrument_id);
  g_object_freeze_notify (G_OBJECT (quote));
  qd_quote_set_bid (quote, q->bid_price);
  qd_quote_set_ask (quote, q->ask_price);
  qd_quote_set_bid_size (quote, q->bid_size);
  qd_quote_set_ask_size (quote, q->ask_size);
  qd_quote_set_timestamp (quote, event->ts_event);
  g_object_thaw_notify (G_OBJECT (quote));

  _qd_ib_service_mark_to_market (self, quote);
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_QUOTE_UPDATED], 0, quote);
}

static void
apply_trade (QdIbService   *self,
             const QdEvent *event)
{
  const QdTradeEvent *t = &event->u.trade;
  QdQuote *quote;

  if (t->instrument_id == NULL)
    return;

  quote = ensure_quote (self, t->instrument_id);
  g_object_freeze_notify (G_OBJECT (quote));
  qd_quote_set_last (quote, t->price);
  qd_quote_set_last_size (quote, t->size);
  qd_quote_set_timestamp (quote, event->ts_event);
  g_object_thaw_notify (G_OBJECT (quote));

  _qd_ib_service_mark_to_market (self, quote);
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_QUOTE_UPDATED], 0, quote);
}

static void
apply_trading_state (QdIbService   *self,
                     const QdEvent *event)
{
  const char *state = event->u.trading.state;

  if (g_strcmp0 (qd_connection_status_get_trading_state (self->connection), state) == 0)
    return;

  qd_connection_status_set_trading_state (self->connection, state);
  _qd_ib_service_activity (self, QD_ACTIVITY_CONNECTION, _("Node trading state: %s"),
                           state ? state : "?");
}

void
qd_ib_service_apply (QdIbService   *self,
                     const QdEvent *event)
{
  g_return_if_fail (QD_IS_IB_SERVICE (self));
  g_return_if_fail (event != NULL);

  if (check_duplicate (self, event->event_id))
    {
      self->stats.duplicates++;
      return;
    }

  self->stats.applied++;

  switch (event->kind)
    {
    case QD_EVENT_HEARTBEAT:        apply_heartbeat (self, event); break;
    case QD_EVENT_ACCOUNT_STATE:    _qd_ib_service_apply_account (self, event); break;
    case QD_EVENT_ORDER:            _qd_ib_service_apply_order (self, event); break;
    case QD_EVENT_POSITION:         _qd_ib_service_apply_position (self, event); break;
    case QD_EVENT_QUOTE:            apply_quote (self, event); break;
    case QD_EVENT_TRADE:            apply_trade (self, event); break;
    case QD_EVENT_INSTRUMENT:       apply_instrument (self, event); break;
    case QD_EVENT_COMPONENT_STATE:  apply_component_state (self, event); break;
    case QD_EVENT_TRADING_STATE:    apply_trading_state (self, event); break;
    case QD_EVENT_ACK:              _qd_ib_service_apply_ack (self, event); break;
    case QD_EVENT_SEED_CONNECTION:  apply_seed_connection (self, event); break;
    case QD_EVENT_SEED_ACCOUNT:     _qd_ib_service_apply_seed_account (self, event); break;
    case QD_EVENT_SEED_POSITION:    _qd_ib_service_apply_seed_position (self, event); break;
    case QD_EVENT_SEED_ORDER:       _qd_ib_service_apply_seed_order (self, event); break;
    case QD_EVENT_BAR:
    case QD_EVENT_NONE:
    default:
      break;
    }
}

gboolean
qd_ib_service_ingest (QdIbService  *self,
                      const char   *topic,
                      const char   *payload,
                      gsize         payload_len,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  QdEvent event;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), FALSE);

  self->stats.entries++;

  if (!qd_codec_decode (self->codec, topic, payload, payload_len, &event, &local_error))
    {
      if (g_error_matches (local_error, QD_CODEC_ERROR, QD_CODEC_ERROR_UNKNOWN_TYPE))
        self->stats.skipped++;
      else
        self->stats.rejected++;
      g_debug ("Skipped entry on %s: %s", topic ? topic : "(no topic)", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  qd_ib_service_apply (self, &event);
  qd_event_clear (&event);

  return TRUE;
}

static void
entries_cb (QdBus            *bus,
            const QdBusEntry *entries,
            guint             n_entries,
            gpointer          user_data)
{
  QdIbService *self = user_data;
  guint64 rejected_before = self->stats.rejected;
  guint i;

  for (i = 0; i < n_entries; i++)
    {
      if (entries[i].topic == NULL)
        {
          self->stats.entries++;
          self->stats.rejected++;
          continue;
        }
      qd_ib_service_ingest (self, entries[i].topic, entries[i].payload,
                            entries[i].payload_len, NULL);
    }

  if (self->stats.rejected > rejected_before)
    {
      g_autofree char *batch = g_strdup_printf ("%" G_GUINT64_FORMAT, self->stats.rejected - rejected_before);
      g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, self->stats.rejected);

      _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR,
                               _("Skipped %s malformed bus entries (%s in all)"), batch, total);
    }
}

static void
bus_state_cb (QdIbService *self)
{
  QdBusState state = qd_bus_get_state (self->bus);

  qd_connection_status_set_bus_description (self->connection, qd_bus_get_description (self->bus));
  if (state != qd_connection_status_get_bus_state (self->connection))
    _qd_ib_service_activity (self, state == QD_BUS_STATE_CONNECTED ?
                             QD_ACTIVITY_CONNECTION : QD_ACTIVITY_BUS_ERROR,
                             _("MessageBus %s"), qd_bus_state_to_string (state));
  _qd_ib_service_refresh_connection (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  QdIbService *self = user_data;
  gboolean was_stale = qd_connection_status_get_stale (self->connection);

  _qd_ib_service_refresh_connection (self);
  if (!was_stale && qd_connection_status_get_stale (self->connection))
    _qd_ib_service_activity (self, QD_ACTIVITY_CONNECTION,
                             _("No heartbeat from the node for %u s"), self->heartbeat_interval * 3);
  _qd_ib_service_expire_requests (self);

  return G_SOURCE_CONTINUE;
}

void
qd_ib_service_start (QdIbService *self)
{
  g_autofree char *topic_pattern = NULL;

  g_return_if_fail (QD_IS_IB_SERVICE (self));

  if (self->watch_id != 0)
    return;

  /* The single key, and the per-topic keys a node writes with stream_per_topic=True. */
  topic_pattern = g_strconcat (self->stream_key, ":*", NULL);
  self->watch_id = qd_bus_watch (self->bus, self->stream_key, "0", entries_cb, self, NULL);
  self->topic_watch_id = qd_bus_watch (self->bus, topic_pattern, "0", entries_cb, self, NULL);
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  bus_state_cb (self);
}

void
qd_ib_service_stop (QdIbService *self)
{
  g_return_if_fail (QD_IS_IB_SERVICE (self));

  if (self->watch_id != 0)
    qd_bus_unwatch (self->bus, self->watch_id);
  if (self->topic_watch_id != 0)
    qd_bus_unwatch (self->bus, self->topic_watch_id);
  self->watch_id = 0;
  self->topic_watch_id = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
qd_ib_service_dispose (GObject *object)
{
  QdIbService *self = QD_IB_SERVICE (object);

  if (self->bus != NULL)
    {
      qd_ib_service_stop (self);
      g_clear_signal_handler (&self->bus_state_handler, self->bus);
    }

  g_clear_signal_handler (&self->journal_state.order_handler, self);
  g_clear_object (&self->journal_state.journal);
  g_clear_object (&self->bus);
  g_clear_object (&self->codec);
  g_clear_object (&self->connection);
  g_clear_object (&self->account);
  g_clear_object (&self->positions);
  g_clear_object (&self->orders);
  g_clear_object (&self->quotes);

  G_OBJECT_CLASS (qd_ib_service_parent_class)->dispose (object);
}

static void
qd_ib_service_finalize (GObject *object)
{
  QdIbService *self = QD_IB_SERVICE (object);
  guint i;

  g_hash_table_unref (self->position_index);
  g_hash_table_unref (self->order_index);
  g_hash_table_unref (self->quote_index);
  g_hash_table_unref (self->positions_by_instrument);
  g_hash_table_unref (self->instruments);
  g_hash_table_unref (self->fill_ids);
  g_hash_table_unref (self->pending_status);
  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->seen_ids);
  for (i = 0; i < QD_DEDUP_CAPACITY; i++)
    g_free (self->seen_ring[i]);
  g_free (self->seen_ring);
  g_free (self->journal_state.error);
  g_free (self->trader_id);
  g_free (self->stream_key);
  g_free (self->command_key);

  G_OBJECT_CLASS (qd_ib_service_parent_class)->finalize (object);
}

static void
qd_ib_service_class_init (QdIbServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_ib_service_dispose;
  object_class->finalize = qd_ib_service_finalize;

  qd_ib_service_signals[SIGNAL_ORDER_UPDATED] =
    g_signal_new ("order-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, QD_TYPE_ORDER);
  qd_ib_service_signals[SIGNAL_POSITION_UPDATED] =
    g_signal_new ("position-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, QD_TYPE_POSITION);
  qd_ib_service_signals[SIGNAL_ACCOUNT_UPDATED] =
    g_signal_new ("account-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  qd_ib_service_signals[SIGNAL_QUOTE_UPDATED] =
    g_signal_new ("quote-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, QD_TYPE_QUOTE);
  /* order, fill description ("BUY 100 AAPL.NASDAQ @ 187.10") */
  qd_ib_service_signals[SIGNAL_FILL] =
    g_signal_new ("fill", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, QD_TYPE_ORDER, G_TYPE_STRING);
  /* QdActivityKind, message */
  qd_ib_service_signals[SIGNAL_ACTIVITY] =
    g_signal_new ("activity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  /* request_id, QdRequestState */
  qd_ib_service_signals[SIGNAL_REQUEST_UPDATED] =
    g_signal_new ("request-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);
}

static void
qd_ib_service_init (QdIbService *self)
{
  self->codec = qd_codec_new ();
  self->connection = qd_connection_status_new ();
  self->account = qd_account_new ();
  self->positions = g_list_store_new (QD_TYPE_POSITION);
  self->orders = g_list_store_new (QD_TYPE_ORDER);
  self->quotes = g_list_store_new (QD_TYPE_QUOTE);
  self->position_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->order_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->quote_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->positions_by_instrument = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  self->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, instrument_free);
  self->fill_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          _qd_ib_service_request_free);
  self->seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->seen_ring = g_new0 (char *, QD_DEDUP_CAPACITY);
  self->heartbeat_interval = 5;
  self->command_timeout = 10;
}

QdIbService *
qd_ib_service_new (QdBus      *bus,
                   const char *trader_id)
{
  QdIbService *self;

  g_return_val_if_fail (QD_IS_BUS (bus), NULL);
  g_return_val_if_fail (trader_id != NULL && *trader_id != '\0', NULL);

  self = g_object_new (QD_TYPE_IB_SERVICE, NULL);
  self->bus = g_object_ref (bus);
  self->trader_id = g_strdup (trader_id);
  self->stream_key = g_strdup_printf ("trader-%s:stream", trader_id);
  self->command_key = g_strdup_printf ("quarterdeck:commands:%s", trader_id);
  self->bus_state_handler = g_signal_connect_swapped (bus, "notify::state",
                                                      G_CALLBACK (bus_state_cb), self);
  qd_connection_status_set_trader_id (self->connection, trader_id);
  qd_connection_status_set_bus_description (self->connection, qd_bus_get_description (bus));

  return self;
}

QdBus *
qd_ib_service_get_bus (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return self->bus;
}

const char *
qd_ib_service_get_trader_id (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return self->trader_id;
}

QdConnectionStatus *
qd_ib_service_get_connection (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return self->connection;
}

QdAccount *
qd_ib_service_get_account (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return self->account;
}

GListModel *
qd_ib_service_get_positions (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return G_LIST_MODEL (self->positions);
}

GListModel *
qd_ib_service_get_orders (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return G_LIST_MODEL (self->orders);
}

GListModel *
qd_ib_service_get_quotes (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return G_LIST_MODEL (self->quotes);
}

QdOrder *
qd_ib_service_lookup_order (QdIbService *self,
                            const char  *order_id)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return order_id ? g_hash_table_lookup (self->order_index, order_id) : NULL;
}

QdPosition *
qd_ib_service_lookup_position (QdIbService *self,
                               const char  *position_id)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return position_id ? g_hash_table_lookup (self->position_index, position_id) : NULL;
}

QdQuote *
qd_ib_service_lookup_quote (QdIbService *self,
                            const char  *instrument_id)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return instrument_id ? g_hash_table_lookup (self->quote_index, instrument_id) : NULL;
}

const QdInstrument *
qd_ib_service_lookup_instrument (QdIbService *self,
                                 const char  *instrument_id)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return instrument_id ? g_hash_table_lookup (self->instruments, instrument_id) : NULL;
}

const QdIngestStats *
qd_ib_service_get_stats (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return &self->stats;
}

void
qd_ib_service_set_heartbeat_interval (QdIbService *self,
                                      guint        seconds)
{
  g_return_if_fail (QD_IS_IB_SERVICE (self));
  self->heartbeat_interval = MAX (seconds, 1);
}

void
qd_ib_service_set_command_timeout (QdIbService *self,
                                   guint        seconds)
{
  g_return_if_fail (QD_IS_IB_SERVICE (self));
  self->command_timeout = MAX (seconds, 1);
}

void
qd_ib_service_set_simulated (QdIbService *self,
                             gboolean     simulated)
{
  g_return_if_fail (QD_IS_IB_SERVICE (self));
  qd_connection_status_set_simulated (self->connection, simulated);
}
