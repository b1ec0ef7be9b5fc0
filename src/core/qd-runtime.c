/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "qd-demo-trader.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-runtime.h"

struct _QdRuntime
{
  GObject        parent_instance;

  gboolean       demo;
  guint          trade_interval_ms;
  QdBus         *bus;
  QdIbService   *service;
  QdActivityLog *activity;
  QdOrderJournal *journal;
  QdPaperVenue  *venue;
  QdDemoTrader  *trader;
  gboolean       started;
};

G_DEFINE_FINAL_TYPE (QdRuntime, qd_runtime, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-runtime-error-quark, qd_runtime_error)

char *
qd_runtime_redact_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL)
    {
      /* Unparseable: show only the scheme, in case the rest holds a secret. */
      const char *colon = strchr (url, ':');
      return colon ? g_strndup (url, colon - url + 1) : g_strdup ("(invalid)");
    }

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_user (uri),
                     g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                     NULL, NULL);
}

gboolean
qd_runtime_check_bus_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL, _("The bus URL is empty"));
      return FALSE;
    }
  if (g_strcmp0 (url, "memory") == 0)
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL,
                   _("The bus URL is not a valid URL: use memory, redis://host:port/db or unix:///path"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "redis") == 0 || g_strcmp0 (scheme, "rediss") == 0)
    {
      if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL, _("The Redis URL has no host"));
          return FALSE;
        }
      return TRUE;
    }
  if (g_strcmp0 (scheme, "unix") == 0)
    {
      if (*g_uri_get_path (uri) != '/')
        {
          g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL,
                       _("A unix: bus URL needs an absolute socket path (unix:///run/redis.sock)"));
          return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL,
               _("Unknown bus URL scheme “%s”: use memory, redis:// or unix://"), scheme);
  return FALSE;
}

static void
qd_runtime_dispose (GObject *object)
{
  QdRuntime *self = QD_RUNTIME (object);

  qd_runtime_stop (self);
  g_clear_object (&self->trader);
  g_clear_object (&self->venue);
  g_clear_object (&self->activity);
  g_clear_object (&self->journal);
  g_clear_object (&self->service);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (qd_runtime_parent_class)->dispose (object);
}

static void
qd_runtime_class_init (QdRuntimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_runtime_dispose;
}

static void
qd_runtime_init (QdRuntime *self)
{
}

/* Never trade without the journal: when it cannot be opened the runtime still starts, to
 * show the account, but the service refuses orders and says why. */
static void
open_journal (QdRuntime             *self,
              const QdRuntimeConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (config->journal_path != NULL)
    path = g_strdup (config->journal_path);
  else if (self->demo)
    /* Simulated orders must never show up as unknown real ones after a restart. */
    path = g_build_filename (g_get_user_data_dir (), "quarterdeck", "demo-orders.jsonl", NULL);
  else
    path = qd_order_journal_default_path ();

  self->journal = qd_order_journal_new (path, &error);
  if (self->journal != NULL)
    qd_ib_service_set_journal (self->service, self->journal);
  else
    qd_ib_service_set_journal_error (self->service, error->message);
}

static gboolean
open_redis (QdRuntime               *self,
            const char              *url,
            const QdRedisBusOptions *options,
            GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  self->bus = qd_redis_bus_new (url, options, &local_error);
  if (self->bus == NULL)
    {
      g_set_error_literal (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* A command handed to Redis was lost or refused: the user hears of it at once. */
static void
command_failed_cb (QdRedisBus *bus,
                   const char *message,
                   QdRuntime  *self)
{
  qd_activity_log_add (self->activity, QD_ACTIVITY_BUS_ERROR, message);
}

/* Entries were trimmed away before we read them: say so, and ask the node for its state
 * (the retained history has already been replayed by the bus). */
static void
resync_cb (QdRedisBus *bus,
           const char *key,
           const char *message,
           QdRuntime  *self)
{
  g_autofree char *account = NULL, *positions = NULL, *orders = NULL;

  qd_activity_log_add (self->activity, QD_ACTIVITY_BUS_ERROR, message);
  if (self->demo)
    return;
  account = qd_ib_service_refresh_account (self->service, NULL);
  positions = qd_ib_service_refresh_positions (self->service, NULL);
  orders = qd_ib_service_refresh_orders (self->service, NULL);
}

QdRuntime *
qd_runtime_new (const QdRuntimeConfig  *config,
                GError                **error)
{
  g_autoptr(QdRuntime) self = NULL;
  const char *url;
  const char *trader_id;

  g_return_val_if_fail (config != NULL, NULL);

  url = config->bus_url ? config->bus_url : (config->demo ? "memory" : "redis://127.0.0.1:6379");
  trader_id = config->trader_id ? config->trader_id : "TESTER-001";

  if (!qd_runtime_check_bus_url (url, error))
    return NULL;
  if (*trader_id == '\0' || strpbrk (trader_id, " \t\r\n*?[]") != NULL)
    {
      g_set_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL,
                   _("The trader id must be non-empty, without spaces or wildcards"));
      return NULL;
    }

  self = g_object_new (QD_TYPE_RUNTIME, NULL);
  self->demo = config->demo || g_strcmp0 (url, "memory") == 0;
  self->trade_interval_ms = config->trade_interval_ms;
  if (g_strcmp0 (url, "memory") == 0)
    self->bus = qd_memory_bus_new ();
  else if (!open_redis (self, url, config->redis_options, error))
    return NULL;
  self->service = qd_ib_service_new (self->bus, trader_id);
  if (config->heartbeat_interval > 0)
    qd_ib_service_set_heartbeat_interval (self->service, config->heartbeat_interval);
  if (config->command_timeout > 0)
    qd_ib_service_set_command_timeout (self->service, config->command_timeout);
  self->activity = qd_activity_log_new (self->service,
                                        config->activity_capacity ? config->activity_capacity : 10000);
  open_journal (self, config);
  if (QD_IS_REDIS_BUS (self->bus))
    {
      g_signal_connect_object (self->bus, "command-failed", G_CALLBACK (command_failed_cb), self, 0);
      g_signal_connect_object (self->bus, "resync", G_CALLBACK (resync_cb), self, 0);
    }

  if (self->demo)
    {
      qd_ib_service_set_simulated (self->service, TRUE);
      self->venue = qd_paper_venue_new (self->bus, trader_id, config->seed);
      qd_paper_venue_set_quote_rate (self->venue, config->quote_rate);
      if (!config->without_trader)
        self->trader = qd_demo_trader_new (self->service, config->seed);
    }

  return g_steal_pointer (&self);
}

void
qd_runtime_start (QdRuntime *self)
{
  g_return_if_fail (QD_IS_RUNTIME (self));

  if (self->started)
    return;
  self->started = TRUE;

  if (QD_IS_REDIS_BUS (self->bus))
    qd_redis_bus_start (QD_REDIS_BUS (self->bus));
  if (self->venue != NULL)
    qd_paper_venue_start (self->venue);
  qd_ib_service_start (self->service);
  if (self->trader != NULL)
    qd_demo_trader_start (self->trader, self->trade_interval_ms);
}

void
qd_runtime_stop (QdRuntime *self)
{
  g_return_if_fail (QD_IS_RUNTIME (self));

  if (!self->started)
    return;
  self->started = FALSE;

  if (self->trader != NULL)
    qd_demo_trader_stop (self->trader);
  if (self->venue != NULL)
    qd_paper_venue_stop (self->venue);
  qd_ib_service_stop (self->service);
  if (QD_IS_REDIS_BUS (self->bus))
    qd_redis_bus_stop (QD_REDIS_BUS (self->bus));
}

QdBus *
qd_runtime_get_bus (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), NULL);
  return self->bus;
}

QdIbService *
qd_runtime_get_service (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), NULL);
  return self->service;
}

QdActivityLog *
qd_runtime_get_activity (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), NULL);
  return self->activity;
}

gboolean
qd_runtime_get_demo (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), FALSE);
  return self->demo;
}

GObject *
qd_runtime_get_venue (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), NULL);
  return G_OBJECT (self->venue);
}

QdOrderJournal *
qd_runtime_get_journal (QdRuntime *self)
{
  g_return_val_if_fail (QD_IS_RUNTIME (self), NULL);
  return self->journal;
}
