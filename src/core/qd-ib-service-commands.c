/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qd-ib-service-private.h"
#include "qd-json-writer.h"

/*
 * Commands to the node: XADD quarterdeck:commands:{ID} MAXLEN ~ 10000 * topic
 * quarterdeck.commands payload <json>. The payload keys avoid "type", "ts_*" and every
 * substring of "expire_time_ns": the node's deserializer would take them for timestamps
 * and drop the message. Each command carries a fresh request_id; the bridge answers on
 * quarterdeck.acks and tags the order "qd:req=<id>". A command that is neither acknowledged
 * nor seen in an order event within the timeout becomes "unknown"; nothing is ever resent.
 */

#define COMMAND_TOPIC "quarterdeck.commands"
#define COMMAND_MAXLEN 10000

void
_qd_ib_service_request_free (gpointer data)
{
  QdRequest *request = data;

  g_free (request->request_id);
  g_free (request->cmd);
  g_free (request->client_order_id);
  g_free (request->error);
  g_free (request);
}

static void
set_request_state (QdIbService    *self,
                   QdRequest      *request,
                   QdRequestState  state)
{
  if (request->state == state)
    return;

  request->state = state;
  g_signal_emit (self, qd_ib_service_signals[SIGNAL_REQUEST_UPDATED], 0,
                 request->request_id, (int) state);
}

static void
begin_command (QdJsonWriter *w,
               GString      *json,
               const char   *cmd,
               const char   *request_id)
{
  qd_json_writer_init (w, json);
  qd_json_writer_begin_object (w);
  qd_json_writer_member_string (w, "cmd", cmd);
  qd_json_writer_member_string (w, "request_id", request_id);
}

/* ---- the journal ------------------------------------------------------------------ */

static QdJournalState *
journal_state (QdIbService *self)
{
  return &self->journal_state;
}

static gboolean
cmd_changes_orders (const char *cmd)
{
  return g_strcmp0 (cmd, "submit") == 0 || g_strcmp0 (cmd, "modify") == 0 ||
         g_strcmp0 (cmd, "cancel") == 0 || g_strcmp0 (cmd, "cancel_all") == 0;
}

/* Appends the command before anything is sent: FALSE means it must not be sent. */
static gboolean
journal_command (QdIbService  *self,
                 const char   *cmd,
                 const char   *request_id,
                 const char   *origin,
                 const char   *json,
                 GError      **error)
{
  QdJournalState *js = journal_state (self);
  g_autoptr(GError) local_error = NULL;

  if (js->journal == NULL)
    {
      if (js->error == NULL || !cmd_changes_orders (cmd))
        return TRUE;
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH,
                   _("order journal unavailable: %s"), js->error);
      return FALSE;
    }

  if (!qd_order_journal_append_command (js->journal, request_id, origin, cmd, json, &local_error))
    {
      _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR, _("%s not sent: %s"), cmd,
                               local_error->message);
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH,
                   _("The %s command was not sent because it could not be journaled: %s"),
                   cmd, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Journaled but not published: an outcome, so the request never shows as unknown later. */
static void
journal_not_sent (QdIbService *self,
                  const char  *request_id,
                  const char  *reason)
{
  QdJournalState *js = journal_state (self);
  g_autoptr(GError) error = NULL;

  if (js->journal != NULL &&
      !qd_order_journal_record_ack (js->journal, request_id, FALSE, NULL, reason, &error))
    g_debug ("journal: %s", error->message);
}

/* Publishes the finished command and starts tracking it; returns the request id. */
static char *
publish_command_from (QdIbService  *self,
                      const char   *cmd,
                      char         *request_id,
                      QdJsonWriter *w,
                      const char   *client_order_id,
                      const char   *origin,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  QdRequest *request;

  qd_json_writer_end_object (w);

  if (qd_bus_get_state (self->bus) != QD_BUS_STATE_CONNECTED)
    {
      g_free (request_id);
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_NOT_CONNECTED,
                   _("The MessageBus is not connected: the %s command was not sent"), cmd);
      return NULL;
    }

  if (!journal_command (self, cmd, request_id, origin, w->str->str, error))
    {
      g_free (request_id);
      return NULL;
    }

  if (!qd_bus_append (self->bus, self->command_key, COMMAND_TOPIC, w->str->str, w->str->len,
                      COMMAND_MAXLEN, NULL, &local_error))
    {
      journal_not_sent (self, request_id, local_error->message);
      _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR, _("Could not send %s: %s"),
                               cmd, local_error->message);
      g_free (request_id);
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH,
                   _("Could not send the %s command: %s"), cmd, local_error->message);
      return NULL;
    }

  request = g_new0 (QdRequest, 1);
  request->request_id = request_id;
  request->cmd = g_strdup (cmd);
  request->client_order_id = g_strdup (client_order_id);
  request->state = QD_REQUEST_STATE_PENDING;
  request->sent_time = g_get_monotonic_time ();
  g_hash_table_replace (self->requests, request->request_id, request);

  _qd_ib_service_activity (self, QD_ACTIVITY_COMMAND, _("Sent %s (request %s)"), cmd, request_id);

  return g_strdup (request_id);
}

static char *
publish_command (QdIbService  *self,
                 const char   *cmd,
                 char         *request_id,
                 QdJsonWriter *w,
                 const char   *client_order_id,
                 GError      **error)
{
  return publish_command_from (self, cmd, request_id, w, client_order_id, "desktop", error);
}

static gboolean
require_decimal (QdDecimal    value,
                 const char  *what,
                 gboolean     positive,
                 GError     **error)
{
  if (qd_decimal_is_none (value))
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID, _("%s is required"), what);
      return FALSE;
    }
  if (positive && qd_decimal_sign (value) <= 0)
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID,
                   _("%s must be greater than zero"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_order_request (const QdOrderRequest  *request,
                        GError               **error)
{
  gboolean needs_limit = request->order_type == QD_ORDER_TYPE_LIMIT ||
                         request->order_type == QD_ORDER_TYPE_STOP_LIMIT;
  gboolean needs_stop = request->order_type == QD_ORDER_TYPE_STOP_MARKET ||
                        request->order_type == QD_ORDER_TYPE_STOP_LIMIT;

  if (request->instrument_id == NULL || *request->instrument_id == '\0')
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID, _("The symbol is required"));
      return FALSE;
    }
  if (request->side != QD_ORDER_SIDE_BUY && request->side != QD_ORDER_SIDE_SELL)
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID, _("The action must be BUY or SELL"));
      return FALSE;
    }
  if (request->order_type != QD_ORDER_TYPE_MARKET && !needs_limit && !needs_stop)
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID,
                   _("The order type must be MKT, LMT, STP or STP LMT"));
      return FALSE;
    }
  if (request->time_in_force != QD_TIME_IN_FORCE_DAY && request->time_in_force != QD_TIME_IN_FORCE_GTC &&
      request->time_in_force != QD_TIME_IN_FORCE_IOC && request->time_in_force != QD_TIME_IN_FORCE_FOK)
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID,
                   _("The time in force must be DAY, GTC, IOC or FOK"));
      return FALSE;
    }

  return require_decimal (request->quantity, "The quantity", TRUE, error) &&
         (!needs_limit || require_decimal (request->limit_price, "The limit price", TRUE, error)) &&
         (!needs_stop || require_decimal (request->stop_price, "The stop price", TRUE, error));
}

char *
qd_ib_service_place_order (QdIbService           *self,
                           const QdOrderRequest  *request,
                           GError               **error)
{
  return qd_ib_service_place_order_full (self, request, NULL, error);
}

char *
qd_ib_service_place_order_full (QdIbService           *self,
                                const QdOrderRequest  *request,
                                const char            *origin,
                                GError               **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  QdJsonWriter w;
  char *request_id;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!validate_order_request (request, error))
    return NULL;

  request_id = g_uuid_string_random ();
  begin_command (&w, json, "submit", request_id);
  qd_json_writer_member_string (&w, "instrument_id", request->instrument_id);
  qd_json_writer_member_string (&w, "side", qd_order_side_to_string (request->side));
  qd_json_writer_member_string (&w, "order_type", qd_order_type_to_string (request->order_type));
  qd_json_writer_member_decimal_str (&w, "quantity", request->quantity);
  if (request->order_type == QD_ORDER_TYPE_LIMIT || request->order_type == QD_ORDER_TYPE_STOP_LIMIT)
    qd_json_writer_member_decimal_str (&w, "price", request->limit_price);
  if (request->order_type == QD_ORDER_TYPE_STOP_MARKET || request->order_type == QD_ORDER_TYPE_STOP_LIMIT)
    qd_json_writer_member_decimal_str (&w, "trigger_price", request->stop_price);
  qd_json_writer_member_string (&w, "time_in_force", qd_time_in_force_to_string (request->time_in_force));

  return publish_command_from (self, "submit", request_id, &w, NULL, origin ? origin : "desktop", error);
}

static QdOrder *
working_order (QdIbService  *self,
               const char   *order_id,
               GError      **error)
{
  QdOrder *order = order_id ? g_hash_table_lookup (self->order_index, order_id) : NULL;

  if (order == NULL)
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_UNKNOWN_ORDER,
                   _("Order %s is not known"), order_id ? order_id : "(none)");
      return NULL;
    }
  if (!qd_order_status_is_working (qd_order_get_status (order)))
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_NOT_MODIFIABLE,
                   _("Order %s is %s and can no longer be changed"), order_id,
                   qd_order_status_to_ib (qd_order_get_status (order)));
      return NULL;
    }
  return order;
}

char *
qd_ib_service_modify_order (QdIbService  *self,
                            const char   *order_id,
                            QdDecimal     quantity,
                            QdDecimal     limit_price,
                            QdDecimal     stop_price,
                            GError      **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  QdJsonWriter w;
  char *request_id;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);

  if (working_order (self, order_id, error) == NULL)
    return NULL;

  if (qd_decimal_is_none (quantity) && qd_decimal_is_none (limit_price) && qd_decimal_is_none (stop_price))
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID,
                   _("A modification needs a quantity, a limit price or a stop price"));
      return NULL;
    }
  if ((!qd_decimal_is_none (quantity) && qd_decimal_sign (quantity) <= 0) ||
      (!qd_decimal_is_none (limit_price) && qd_decimal_sign (limit_price) <= 0) ||
      (!qd_decimal_is_none (stop_price) && qd_decimal_sign (stop_price) <= 0))
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID,
                   _("Quantity and prices must be greater than zero"));
      return NULL;
    }

  request_id = g_uuid_string_random ();
  begin_command (&w, json, "modify", request_id);
  qd_json_writer_member_string (&w, "client_order_id", order_id);
  if (!qd_decimal_is_none (quantity))
    qd_json_writer_member_decimal_str (&w, "quantity", quantity);
  if (!qd_decimal_is_none (limit_price))
    qd_json_writer_member_decimal_str (&w, "price", limit_price);
  if (!qd_decimal_is_none (stop_price))
    qd_json_writer_member_decimal_str (&w, "trigger_price", stop_price);

  return publish_command (self, "modify", request_id, &w, order_id, error);
}

char *
qd_ib_service_cancel_order (QdIbService  *self,
                            const char   *order_id,
                            GError      **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  QdJsonWriter w;
  char *request_id;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);

  if (working_order (self, order_id, error) == NULL)
    return NULL;

  request_id = g_uuid_string_random ();
  begin_command (&w, json, "cancel", request_id);
  qd_json_writer_member_string (&w, "client_order_id", order_id);

  return publish_command (self, "cancel", request_id, &w, order_id, error);
}

char *
qd_ib_service_cancel_all (QdIbService  *self,
                          const char   *instrument_id,
                          GError      **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  QdJsonWriter w;
  char *request_id;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);

  request_id = g_uuid_string_random ();
  begin_command (&w, json, "cancel_all", request_id);
  if (instrument_id != NULL && *instrument_id != '\0')
    qd_json_writer_member_string (&w, "instrument_id", instrument_id);

  return publish_command (self, "cancel_all", request_id, &w, NULL, error);
}

static char *
simple_command (QdIbService  *self,
                const char   *cmd,
                GError      **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  QdJsonWriter w;
  char *request_id = g_uuid_string_random ();

  begin_command (&w, json, cmd, request_id);
  return publish_command (self, cmd, request_id, &w, NULL, error);
}

char *
qd_ib_service_refresh_account (QdIbService  *self,
                               GError      **error)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return simple_command (self, "refresh_account", error);
}

char *
qd_ib_service_refresh_positions (QdIbService  *self,
                                 GError      **error)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return simple_command (self, "refresh_positions", error);
}

char *
qd_ib_service_refresh_orders (QdIbService  *self,
                              GError      **error)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return simple_command (self, "refresh_orders", error);
}

char *
qd_ib_service_subscribe (QdIbService  *self,
                         const char   *instrument_id,
                         gboolean      subscribe,
                         GError      **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  const char *cmd = subscribe ? "subscribe" : "unsubscribe";
  QdJsonWriter w;
  char *request_id;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);

  if (instrument_id == NULL || *instrument_id == '\0')
    {
      g_set_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID, _("The symbol is required"));
      return NULL;
    }

  request_id = g_uuid_string_random ();
  begin_command (&w, json, cmd, request_id);
  qd_json_writer_member_string (&w, "instrument_id", instrument_id);
  qd_json_writer_key (&w, "data");
  qd_json_writer_begin_array (&w);
  qd_json_writer_string (&w, "quotes");
  qd_json_writer_string (&w, "trades");
  qd_json_writer_end_array (&w);

  return publish_command (self, cmd, request_id, &w, NULL, error);
}

/* Acks of this session's requests, and late acks of a previous session's unknown ones. */
static void
journal_ack (QdIbService      *self,
             const QdAckEvent *ack,
             gboolean          ours)
{
  QdJournalState *js = journal_state (self);
  g_autoptr(GError) error = NULL;
  QdJournalEntry *entry;

  if (js->journal == NULL)
    return;
  entry = qd_order_journal_lookup (js->journal, ack->request_id);
  if (entry == NULL || (!ours && !qd_journal_entry_get_unresolved (entry)))
    return;
  if (!qd_order_journal_record_ack (js->journal, ack->request_id, ack->ok, ack->client_order_id,
                                    ack->ok ? NULL : (ack->error ? ack->error : "refused by the node"),
                                    &error))
    _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR, _("Could not journal the answer to %s: %s"),
                             ack->request_id, error->message);
}

void
_qd_ib_service_apply_ack (QdIbService   *self,
                          const QdEvent *event)
{
  const QdAckEvent *ack = &event->u.ack;
  QdRequest *request = ack->request_id ? g_hash_table_lookup (self->requests, ack->request_id) : NULL;

  journal_ack (self, ack, request != NULL);
  if (request == NULL)
    return;

  if (ack->client_order_id != NULL && request->client_order_id == NULL)
    request->client_order_id = g_strdup (ack->client_order_id);
  if (!ack->ok)
    {
      g_free (request->error);
      request->error = g_strdup (ack->error ? ack->error : "refused by the node");
      _qd_ib_service_activity (self, QD_ACTIVITY_REJECT, _("%s refused: %s"), request->cmd, request->error);
    }
  set_request_state (self, request, ack->ok ? QD_REQUEST_STATE_ACKED : QD_REQUEST_STATE_REJECTED);
}

void
_qd_ib_service_link_request (QdIbService *self,
                             const char  *request_id,
                             const char  *client_order_id)
{
  QdRequest *request = g_hash_table_lookup (self->requests, request_id);

  if (request == NULL)
    return;

  if (request->client_order_id == NULL)
    request->client_order_id = g_strdup (client_order_id);
  /* The order exists at the node: as good as an ack, even if the ack itself went missing. */
  if (request->state == QD_REQUEST_STATE_PENDING || request->state == QD_REQUEST_STATE_UNKNOWN)
    set_request_state (self, request, QD_REQUEST_STATE_ACKED);
}

void
_qd_ib_service_expire_requests (QdIbService *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 limit = (gint64) self->command_timeout * G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      QdRequest *request = value;

      if (request->state != QD_REQUEST_STATE_PENDING || now - request->sent_time < limit)
        continue;

      _qd_ib_service_activity (self, QD_ACTIVITY_COMMAND,
                               _("No answer to %s (request %s): outcome unknown, check the orders"),
                               request->cmd, request->request_id);
      set_request_state (self, request, QD_REQUEST_STATE_UNKNOWN);
    }
}

gboolean
qd_ib_service_get_request (QdIbService     *self,
                           const char      *request_id,
                           QdRequestState  *state,
                           const char     **client_order_id,
                           const char     **error_message)
{
  QdRequest *request;

  g_return_val_if_fail (QD_IS_IB_SERVICE (self), FALSE);

  request = request_id ? g_hash_table_lookup (self->requests, request_id) : NULL;
  if (request == NULL)
    return FALSE;

  if (state != NULL)
    *state = request->state;
  if (client_order_id != NULL)
    *client_order_id = request->client_order_id;
  if (error_message != NULL)
    *error_message = request->error;
  return TRUE;
}

static void
on_order_updated (QdIbService *self,
                  QdOrder     *order,
                  gpointer     user_data)
{
  QdJournalState *js = user_data;
  g_autoptr(GError) error = NULL;
  const char *client_order_id = qd_order_get_client_order_id (order);
  const char *request_id = qd_order_get_request_id (order);
  QdOrderStatus status = qd_order_get_status (order);

  if (js->journal == NULL)
    return;

  /* The node tagged the order qd:req=<id>: a request left unknown by a previous session
   * has been found. */
  if (request_id != NULL && qd_order_journal_link_order (js->journal, request_id, client_order_id))
    _qd_ib_service_activity (self, QD_ACTIVITY_ORDER,
                             _("Request %s from a previous session reached the venue as order %s (%s)"),
                             request_id, client_order_id, qd_order_status_to_ib (status));

  if (!qd_order_status_is_final (status))
    return;
  qd_order_journal_finalize_order (js->journal, client_order_id, qd_order_status_to_string (status),
                                   &error);
  if (error != NULL)
    _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR,
                             _("Could not journal the final state of order %s: %s"),
                             client_order_id, error->message);
}

static void
report_unresolved (QdIbService    *self,
                   QdOrderJournal *journal)
{
  GPtrArray *unresolved = qd_order_journal_get_unresolved (journal);

  if (qd_order_journal_get_replay_problem (journal) != NULL)
    _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR, "%s",
                             qd_order_journal_get_replay_problem (journal));

  for (guint i = 0; i < unresolved->len; i++)
    {
      QdJournalEntry *entry = g_ptr_array_index (unresolved, i);

      _qd_ib_service_activity (self, QD_ACTIVITY_COMMAND,
                               _("Request %s (%s) from a previous session has no known outcome — "
                                 "check the orders"),
                               qd_journal_entry_get_request_id (entry),
                               qd_journal_entry_get_summary (entry));
    }
}

void
qd_ib_service_set_journal (QdIbService    *self,
                           QdOrderJournal *journal)
{
  QdJournalState *js;

  g_return_if_fail (QD_IS_IB_SERVICE (self));
  g_return_if_fail (journal == NULL || QD_IS_ORDER_JOURNAL (journal));

  js = journal_state (self);
  if (js->journal == journal)
    return;

  g_clear_signal_handler (&js->order_handler, self);
  g_set_object (&js->journal, journal);
  if (journal == NULL)
    return;

  g_clear_pointer (&js->error, g_free);
  js->order_handler = g_signal_connect (self, "order-updated", G_CALLBACK (on_order_updated), js);
  report_unresolved (self, journal);
}

QdOrderJournal *
qd_ib_service_get_journal (QdIbService *self)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (self), NULL);
  return journal_state (self)->journal;
}

void
qd_ib_service_set_journal_error (QdIbService *self,
                                 const char  *message)
{
  QdJournalState *js;

  g_return_if_fail (QD_IS_IB_SERVICE (self));

  js = journal_state (self);
  g_free (js->error);
  js->error = g_strdup (message);
  if (message != NULL)
    _qd_ib_service_activity (self, QD_ACTIVITY_BUS_ERROR, _("order journal unavailable: %s"), message);
}
