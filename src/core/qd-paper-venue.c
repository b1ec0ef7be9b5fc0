/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

/* Real-clock mode: how often the clock catches up with the wall clock. */
#define TICK_MS 20
/* Behind by more than this (a suspended process): skip ahead instead of replaying it all. */
#define MAX_CATCH_UP_NS (2 * QD_PAPER_NS_PER_SEC)
#define NS_PER_DAY (G_GINT64_CONSTANT (86400) * QD_PAPER_NS_PER_SEC)

G_DEFINE_FINAL_TYPE (QdPaperVenue, qd_paper_venue, G_TYPE_OBJECT)
G_DEFINE_QUARK (qd-paper-venue-error-quark, qd_paper_venue_error)

enum {
  PROP_0,
  PROP_BUS,
  PROP_TRADER_ID,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Publishing */

void
qd_paper_venue_publish (QdPaperVenue *self,
                        const char   *topic,
                        GString      *payload)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (self->per_topic)
    key = g_strconcat (self->stream_key, ":", topic, NULL);

  if (!qd_bus_append (self->bus, key ? key : self->stream_key, topic, payload->str,
                      payload->len, QD_PAPER_STREAM_MAXLEN, NULL, &error))
    {
      g_debug ("paper venue: could not publish %s: %s", topic, error->message);
      return;
    }
  self->n_published++;
}

static void
publish_component_state (QdPaperVenue *self,
                         const char   *state)
{
  g_autoptr(GString) str = g_string_new (NULL);
  QdJsonWriter w;
  char event_id[37];

  qd_paper_venue_new_uuid (self, event_id);
  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "type", "ComponentStateChanged");
  qd_json_writer_member_string (&w, "trader_id", self->trader_id);
  qd_json_writer_member_string (&w, "component_id", QD_PAPER_CLIENT_ID);
  qd_json_writer_member_string (&w, "component_type", "InteractiveBrokersExecutionClient");
  qd_json_writer_member_string (&w, "state", state);
  qd_json_writer_key (&w, "config");
  /* The exec client config's json_primitives(); no dockerized gateway, so no credentials. */
  qd_json_writer_raw (&w,
                      "{\"ibg_host\":\"" QD_PAPER_GATEWAY_HOST "\",\"ibg_port\":4002,"
                      "\"ibg_client_id\":1,\"account_id\":\"" QD_PAPER_IB_ACCOUNT "\","
                      "\"dockerized_gateway\":null,\"connection_timeout\":300,"
                      "\"request_timeout_secs\":60,\"fetch_all_open_orders\":false,"
                      "\"track_option_exercise_from_position_update\":false,"
                      "\"routing\":{\"default\":true,\"venues\":null}}");
  qd_json_writer_member_string (&w, "event_id", event_id);
  qd_paper_write_ts (self, &w, "ts_event", self->now);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, "events.system." QD_PAPER_CLIENT_ID, str);
}

/* The bridge's seed-dialect IBConnectionStatus (raw JSON bytes). */
static void
publish_connection_status (QdPaperVenue *self)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *connected_at = qd_paper_format_iso_python (self->connection_time);
  g_autofree char *heartbeat_at = qd_paper_format_iso_python (self->now);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_bool (&w, "connected", TRUE);
  qd_json_writer_member_string (&w, "gateway_type", "IBG");
  qd_json_writer_member_string (&w, "host", QD_PAPER_GATEWAY_HOST);
  qd_json_writer_member_int (&w, "port", QD_PAPER_GATEWAY_PORT);
  qd_json_writer_member_int (&w, "client_id", QD_PAPER_IB_CLIENT_ID);
  qd_json_writer_member_string (&w, "account_id", QD_PAPER_IB_ACCOUNT);
  qd_json_writer_member_string (&w, "connection_time", connected_at);
  qd_json_writer_member_string (&w, "last_heartbeat", heartbeat_at);
  qd_json_writer_member_null (&w, "error_message");
  qd_json_writer_member_string (&w, "trading_mode", "paper");
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, "adapter.interactive_brokers.connection", str);
}

static void
publish_heartbeat (QdPaperVenue *self)
{
  g_autofree char *text = qd_paper_format_rfc3339 (self->now);
  g_autoptr(GString) str = g_string_new (text);

  qd_paper_venue_publish (self, "health:heartbeat", str);
  publish_connection_status (self);
}

/* Scheduling: every periodic thing has a due time; the clock walks them in order. */

static gint64
quote_interval (QdPaperVenue *self)
{
  return MAX ((gint64) (1e9 / self->quote_rate), 1000);
}

static gint64
next_session_close (gint64 now)
{
  gint64 day_start = now - now % NS_PER_DAY;
  gint64 close = day_start + QD_PAPER_CLOSE_SECS * QD_PAPER_NS_PER_SEC;

  return close > now ? close : close + NS_PER_DAY;
}

static void
reset_schedule (QdPaperVenue *self)
{
  gint64 now = self->now;

  self->next_quote = self->quote_rate > 0 ? now + quote_interval (self) : G_MAXINT64;
  self->next_bar = (now / QD_PAPER_BAR_NS + 1) * QD_PAPER_BAR_NS;
  self->next_heartbeat = self->heartbeat_interval > 0
                         ? now + self->heartbeat_interval * QD_PAPER_NS_PER_SEC : G_MAXINT64;
  self->next_account = now + QD_PAPER_ACCOUNT_REPUBLISH_NS;
  self->next_close = next_session_close (now);
}

static gint64
next_due (QdPaperVenue *self)
{
  gint64 t = self->next_close;

  t = MIN (t, self->next_quote);
  t = MIN (t, self->next_bar);
  t = MIN (t, self->next_heartbeat);
  return MIN (t, self->next_account);
}

static void
run_account_tick (QdPaperVenue *self)
{
  self->next_account += QD_PAPER_ACCOUNT_REPUBLISH_NS;
  self->account_ticks++;
  if (self->account_ticks % QD_PAPER_ACCOUNT_FRESH_EVERY == 0
      && qd_paper_account_has_positions (self))
    qd_paper_account_publish_state (self);
  else
    qd_paper_account_republish (self);
}

/* What is due at t, in a fixed order so equal times replay identically. */
static void
run_due (QdPaperVenue *self,
         gint64        t)
{
  if (t >= self->next_close)
    {
      self->next_close += NS_PER_DAY;
      qd_paper_matching_expire_day (self);
    }
  if (t >= self->next_quote)
    {
      self->next_quote += quote_interval (self);
      qd_paper_market_random_quote (self);
    }
  if (t >= self->next_bar)
    {
      qd_paper_market_close_bars (self, self->next_bar - QD_PAPER_BAR_NS);
      self->next_bar += QD_PAPER_BAR_NS;
    }
  if (t >= self->next_heartbeat)
    {
      self->next_heartbeat += self->heartbeat_interval * QD_PAPER_NS_PER_SEC;
      publish_heartbeat (self);
    }
  if (t >= self->next_account)
    run_account_tick (self);
}

static void
advance_to (QdPaperVenue *self,
            gint64        target)
{
  gint64 t;

  while (self->running && (t = next_due (self)) <= target)
    {
      self->now = MAX (self->now, t);
      run_due (self, t);
    }
  self->now = MAX (self->now, target);
}

static gint64
wall_clock_ns (void)
{
  return g_get_real_time () * 1000;
}

static void
catch_up (QdPaperVenue *self)
{
  gint64 wall = wall_clock_ns ();
  gint64 close = self->next_close;

  if (wall - self->now > MAX_CATCH_UP_NS)
    {
      self->now = wall;
      reset_schedule (self);
      /* A session close skipped over still expires the day's orders. */
      if (close <= wall)
        qd_paper_matching_expire_day (self);
      return;
    }
  advance_to (self, wall);
}

/* Real clock: bring the simulation up to now before acting on anything from outside. */
void
qd_paper_venue_sync_clock (QdPaperVenue *self)
{
  if (!self->manual_clock && self->running)
    catch_up (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  catch_up (QD_PAPER_VENUE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_commands (QdBus            *bus,
             const QdBusEntry *entries,
             guint             n_entries,
             gpointer          user_data)
{
  QdPaperVenue *self = user_data;
  guint i;

  for (i = 0; i < n_entries && self->running; i++)
    {
      g_autoptr(GError) error = NULL;

      if (entries[i].topic != NULL && strcmp (entries[i].topic, "quarterdeck.commands") != 0)
        continue;
      if (entries[i].payload == NULL)
        continue;
      if (!qd_paper_venue_handle_command (self, entries[i].payload, entries[i].payload_len,
                                          &error))
        g_debug ("paper venue: command %s refused: %s", entries[i].id, error->message);
    }
}

/* Public API */

QdPaperVenue *
qd_paper_venue_new (QdBus      *bus,
                    const char *trader_id,
                    guint64     seed)
{
  g_return_val_if_fail (QD_IS_BUS (bus), NULL);
  g_return_val_if_fail (trader_id != NULL && *trader_id != '\0', NULL);

  return g_object_new (QD_TYPE_PAPER_VENUE,
                       "bus", bus,
                       "trader-id", trader_id,
                       "seed", seed,
                       NULL);
}

void
qd_paper_venue_set_quote_rate (QdPaperVenue *self,
                               double        quotes_per_second)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));
  g_return_if_fail (quotes_per_second >= 0 && quotes_per_second <= 1e6);

  self->quote_rate = quotes_per_second;
  if (self->running)
    self->next_quote = quotes_per_second > 0 ? self->now + quote_interval (self) : G_MAXINT64;
}

void
qd_paper_venue_set_per_topic (QdPaperVenue *self,
                              gboolean      per_topic)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));

  self->per_topic = !!per_topic;
}

void
qd_paper_venue_set_iso_timestamps (QdPaperVenue *self,
                                   gboolean      iso)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));

  self->iso_timestamps = !!iso;
}

void
qd_paper_venue_set_heartbeat_interval (QdPaperVenue *self,
                                       guint         seconds)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));

  self->heartbeat_interval = seconds;
  if (self->running)
    self->next_heartbeat = seconds > 0 ? self->now + seconds * QD_PAPER_NS_PER_SEC
                                       : G_MAXINT64;
}

void
qd_paper_venue_set_manual_clock (QdPaperVenue *self,
                                 gint64        start_ns)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (start_ns >= 0);

  self->manual_clock = TRUE;
  self->now = start_ns;
}

void
qd_paper_venue_start (QdPaperVenue *self)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));

  if (self->running)
    return;

  self->running = TRUE;
  if (!self->manual_clock)
    self->now = wall_clock_ns ();
  self->connection_time = self->now;
  reset_schedule (self);

  publish_component_state (self, "RUNNING");
  publish_connection_status (self);
  qd_paper_market_publish_instruments (self);
  qd_paper_market_publish_all_quotes (self);
  qd_paper_account_publish_state (self);

  self->watch_id = qd_bus_watch (self->bus, self->command_key, "$", on_commands, self, NULL);
  if (!self->manual_clock)
    self->timer_id = g_timeout_add (TICK_MS, tick_cb, self);
}

void
qd_paper_venue_stop (QdPaperVenue *self)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));

  if (!self->running)
    return;

  if (self->watch_id != 0)
    qd_bus_unwatch (self->bus, self->watch_id);
  self->watch_id = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  publish_component_state (self, "STOPPED");
  self->running = FALSE;
}

void
qd_paper_venue_step (QdPaperVenue *self,
                     gint64        advance_ns)
{
  g_return_if_fail (QD_IS_PAPER_VENUE (self));
  g_return_if_fail (self->manual_clock);
  g_return_if_fail (advance_ns >= 0);

  advance_to (self, self->now + advance_ns);
}

gint64
qd_paper_venue_get_time (QdPaperVenue *self)
{
  g_return_val_if_fail (QD_IS_PAPER_VENUE (self), 0);

  return self->now;
}

guint64
qd_paper_venue_get_n_published (QdPaperVenue *self)
{
  g_return_val_if_fail (QD_IS_PAPER_VENUE (self), 0);

  return self->n_published;
}

/* GObject */

static void
qd_paper_venue_constructed (GObject *object)
{
  QdPaperVenue *self = QD_PAPER_VENUE (object);
  const char *dash = strrchr (self->trader_id, '-');
  guint32 seed_words[2] = { (guint32) self->seed, (guint32) (self->seed >> 32) };

  G_OBJECT_CLASS (qd_paper_venue_parent_class)->constructed (object);

  /* ClientOrderIdGenerator uses the trader id's tag ("001" of "TESTER-001"). */
  self->trader_tag = g_strdup (dash != NULL && dash[1] != '\0' ? dash + 1 : "000");
  self->stream_key = g_strdup_printf ("trader-%s:stream", self->trader_id);
  self->command_key = g_strdup_printf ("quarterdeck:commands:%s", self->trader_id);
  self->rand = g_rand_new_with_seed_array (seed_words, 2);
  self->next_venue_order_id = 1837400000 + (guint64) g_rand_int_range (self->rand, 0, 100000);
  qd_paper_market_init (self);
}

static void
qd_paper_venue_dispose (GObject *object)
{
  QdPaperVenue *self = QD_PAPER_VENUE (object);

  if (self->watch_id != 0 && self->bus != NULL)
    qd_bus_unwatch (self->bus, self->watch_id);
  self->watch_id = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->running = FALSE;
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (qd_paper_venue_parent_class)->dispose (object);
}

static void
qd_paper_venue_finalize (GObject *object)
{
  QdPaperVenue *self = QD_PAPER_VENUE (object);

  qd_paper_market_clear (self);
  g_clear_pointer (&self->orders_by_id, g_hash_table_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->trader_id);
  g_free (self->trader_tag);
  g_free (self->stream_key);
  g_free (self->command_key);
  g_free (self->account_payload);

  G_OBJECT_CLASS (qd_paper_venue_parent_class)->finalize (object);
}

static void
qd_paper_venue_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QdPaperVenue *self = QD_PAPER_VENUE (object);

  switch (prop_id)
    {
    case PROP_BUS:
      g_value_set_object (value, self->bus);
      break;

    case PROP_TRADER_ID:
      g_value_set_string (value, self->trader_id);
      break;

    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_paper_venue_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  QdPaperVenue *self = QD_PAPER_VENUE (object);

  switch (prop_id)
    {
    case PROP_BUS:
      self->bus = g_value_dup_object (value);
      break;

    case PROP_TRADER_ID:
      self->trader_id = g_value_dup_string (value);
      break;

    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_paper_venue_class_init (QdPaperVenueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qd_paper_venue_constructed;
  object_class->dispose = qd_paper_venue_dispose;
  object_class->finalize = qd_paper_venue_finalize;
  object_class->get_property = qd_paper_venue_get_property;
  object_class->set_property = qd_paper_venue_set_property;

  properties[PROP_BUS] =
    g_param_spec_object ("bus", NULL, NULL,
                         QD_TYPE_BUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRADER_ID] =
    g_param_spec_string ("trader-id", NULL, NULL,
                         "TESTER-001",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_paper_venue_init (QdPaperVenue *self)
{
  self->quote_rate = 50.0;
  self->heartbeat_interval = 5;
  self->orders = g_ptr_array_new_with_free_func (qd_paper_order_free);
  self->orders_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->cash = (QdDecimal) { 100000000, 2 };
}
