/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-api-body.h"
#include "qd-api-server-private.h"
#include "qd-json-writer.h"
#include "qd-public-json.h"

#define MAX_USER_AGENT 80

typedef struct
{
  QdApiServer       *server;
  SoupServerMessage *msg;
  char              *request_id;
  gulong             handler_id;
  guint              timeout_id;
} PendingPlace;

/* ---- answers, remembered under the Idempotency-Key --------------------------------- */

static gboolean
replayable (guint status)
{
  return (status >= 200 && status < 300) || status == 400 || status == 404 || status == 409;
}

static void
answer (QdApiServer       *self,
        SoupServerMessage *msg,
        guint              status,
        GBytes            *body)
{
  QdRequestInfo *info = _qd_api_get_info (msg);

  if (info->idempotency_key != NULL)
    qd_idempotency_finish (self->idempotency, info->idempotency_scope, info->idempotency_key,
                           replayable (status) ? status : 0, body);
  _qd_api_respond_json (msg, status, body);
}

static void
answer_detail (QdApiServer       *self,
               SoupServerMessage *msg,
               guint              status,
               const char        *detail)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "detail", detail);
  qd_json_writer_end_object (&w);
  body = g_bytes_new (str->str, str->len);
  answer (self, msg, status, body);
}

static void
answer_message (QdApiServer       *self,
                SoupServerMessage *msg,
                guint              status,
                const char        *order_id,
                const char        *message,
                const char        *request_id)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  if (order_id != NULL)
    qd_json_writer_member_string (&w, "order_id", order_id);
  qd_json_writer_member_string (&w, "message", message);
  if (request_id != NULL)
    qd_json_writer_member_string (&w, "request_id", request_id);
  qd_json_writer_end_object (&w);
  body = g_bytes_new (str->str, str->len);
  answer (self, msg, status, body);
}

static guint
status_for_error (const GError *error)
{
  if (error->domain != QD_IB_SERVICE_ERROR)
    return SOUP_STATUS_SERVICE_UNAVAILABLE;
  switch ((QdIbServiceError) error->code)
    {
    case QD_IB_SERVICE_ERROR_INVALID:        return SOUP_STATUS_BAD_REQUEST;
    case QD_IB_SERVICE_ERROR_UNKNOWN_ORDER:  return SOUP_STATUS_NOT_FOUND;
    case QD_IB_SERVICE_ERROR_NOT_MODIFIABLE: return SOUP_STATUS_CONFLICT;
    case QD_IB_SERVICE_ERROR_NOT_CONNECTED:
    case QD_IB_SERVICE_ERROR_PUBLISH:
    default:                                 return SOUP_STATUS_SERVICE_UNAVAILABLE;
    }
}

/* FALSE when the request was answered from (or refused by) the idempotency cache. */
static gboolean
begin_idempotent (QdApiServer       *self,
                  SoupServerMessage *msg,
                  QdRequestInfo     *info)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) replay = NULL;
  guint status = 0;

  if (key == NULL)
    return TRUE;
  if (!qd_idempotency_key_is_valid (key))
    {
      _qd_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "Idempotency-Key must be 1 to 128 printable characters");
      return FALSE;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  info->idempotency_scope = g_strdup_printf ("%s %s", soup_server_message_get_method (msg),
                                             g_uri_get_path (soup_server_message_get_uri (msg)));
  switch (qd_idempotency_begin (self->idempotency, info->idempotency_scope, key, body,
                                g_get_monotonic_time (), &status, &replay))
    {
    case QD_IDEMPOTENCY_NEW:
      info->idempotency_key = g_strdup (key);
      return TRUE;
    case QD_IDEMPOTENCY_REPLAY:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Idempotent-Replayed", "true");
      _qd_api_respond_json (msg, status, replay);
      return FALSE;
    case QD_IDEMPOTENCY_IN_FLIGHT:
      _qd_api_respond_error (msg, SOUP_STATUS_CONFLICT, "A request with this Idempotency-Key is still in progress");
      return FALSE;
    case QD_IDEMPOTENCY_MISMATCH:
    default:
      _qd_api_respond_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                             "This Idempotency-Key was used with a different request");
      return FALSE;
    }
}

/* ---- place ------------------------------------------------------------------------- */

static void
pending_free (PendingPlace *pending)
{
  if (pending->handler_id != 0)
    g_signal_handler_disconnect (pending->server->service, pending->handler_id);
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  g_object_unref (pending->msg);
  g_free (pending->request_id);
  g_free (pending);
}

static void
finish_pending (PendingPlace *pending,
                gboolean      timed_out)
{
  QdApiServer *self = pending->server;
  SoupServerMessage *msg = pending->msg;
  QdRequestState state = QD_REQUEST_STATE_PENDING;
  const char *order_id = NULL;
  const char *error_message = NULL;

  qd_ib_service_get_request (self->service, pending->request_id, &state, &order_id, &error_message);
  if (state == QD_REQUEST_STATE_ACKED && order_id != NULL)
    answer_message (self, msg, SOUP_STATUS_OK, order_id, "order placed", pending->request_id);
  else if (state == QD_REQUEST_STATE_REJECTED)
    {
      g_autofree char *detail = g_strdup_printf ("Order rejected: %s", error_message ? error_message : "no reason given");

      answer_detail (self, msg, SOUP_STATUS_BAD_REQUEST, detail);
    }
  else
    /* Sent and journaled, but the node has not answered: never resend, check the orders. */
    answer_message (self, msg, SOUP_STATUS_ACCEPTED, "", timed_out ? "order sent; no answer from the node yet"
                    : "order sent; its outcome is unknown", pending->request_id);
  soup_server_message_unpause (msg);
  g_ptr_array_remove (self->pending_places, pending);
  pending_free (pending);
}

static void
request_updated_cb (QdIbService  *service,
                    const char   *request_id,
                    int           state,
                    PendingPlace *pending)
{
  if (g_strcmp0 (request_id, pending->request_id) != 0 || state == QD_REQUEST_STATE_PENDING)
    return;
  finish_pending (pending, FALSE);
}

static gboolean
ack_timeout_cb (gpointer user_data)
{
  PendingPlace *pending = user_data;

  pending->timeout_id = 0;
  finish_pending (pending, TRUE);
  return G_SOURCE_REMOVE;
}

void
_qd_api_cancel_pending (QdApiServer *self)
{
  while (self->pending_places->len > 0)
    finish_pending (g_ptr_array_index (self->pending_places, 0), TRUE);
}

static void
wait_for_ack (QdApiServer       *self,
              SoupServerMessage *msg,
              const char        *request_id)
{
  PendingPlace *pending = g_new0 (PendingPlace, 1);

  pending->server = self;
  pending->msg = g_object_ref (msg);
  pending->request_id = g_strdup (request_id);
  pending->handler_id = g_signal_connect (self->service, "request-updated", G_CALLBACK (request_updated_cb), pending);
  pending->timeout_id = g_timeout_add (self->ack_timeout_ms, ack_timeout_cb, pending);
  g_ptr_array_add (self->pending_places, pending);
  soup_server_message_pause (msg);
}

/* "AAPL" -> "AAPL.NASDAQ" from what the bus has shown; ids with a venue are kept. */
static char *
resolve_instrument (QdApiServer *self,
                    const char  *symbol)
{
  GListModel *quotes = qd_ib_service_get_quotes (self->service);
  guint i;

  if (strchr (symbol, '.') != NULL)
    return g_strdup (symbol);
  for (i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, i);
      g_autofree char *known = qd_symbol_from_instrument_id (qd_quote_get_instrument_id (quote));

      if (g_ascii_strcasecmp (known, symbol) == 0)
        return g_strdup (qd_quote_get_instrument_id (quote));
    }
  return g_strdup (symbol);
}

static QdOrderType
parse_order_type (const char *text)
{
  g_autofree char *spaced = NULL;

  if (text == NULL)
    return QD_ORDER_TYPE_UNKNOWN;
  spaced = g_strdelimit (g_ascii_strup (text, -1), "_", ' ');
  if (strcmp (spaced, "STP LMT") == 0 || strcmp (spaced, "STOP LIMIT") == 0)
    return QD_ORDER_TYPE_STOP_LIMIT;
  if (strcmp (spaced, "STOP MARKET") == 0)
    return QD_ORDER_TYPE_STOP_MARKET;
  return qd_order_type_from_string (spaced);
}

typedef struct
{
  QdOrderRequest  request;
  char           *instrument_id;
  GHashTable     *confirmed;    /* rule names */
} PlaceRequest;

static void
place_request_clear (PlaceRequest *place)
{
  g_free (place->instrument_id);
  g_clear_pointer (&place->confirmed, g_hash_table_unref);
}

static void
read_confirmations (SoupServerMessage *msg,
                    JsonObject        *body,
                    PlaceRequest      *place,
                    QdFieldErrors     *errors)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Confirm");
  JsonNode *node = json_object_get_member (body, "confirm");
  guint i;

  place->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (header != NULL)
    {
      g_auto(GStrv) names = g_strsplit (header, ",", 32);

      for (i = 0; names[i] != NULL; i++)
        g_hash_table_add (place->confirmed, g_strdup (g_strstrip (names[i])));
    }
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      qd_field_errors_add (errors, "confirm", "type", "error", "must be a list of check names");
      return;
    }
  for (i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_hash_table_add (place->confirmed, g_strdup (json_node_get_string (item)));
      else
        qd_field_errors_add (errors, "confirm", "type", "error", "must be a list of check names");
    }
}

static void
read_place_request (QdApiServer       *self,
                    SoupServerMessage *msg,
                    JsonObject        *body,
                    PlaceRequest      *place,
                    QdFieldErrors     *errors)
{
  const char *symbol = qd_api_read_string (body, "symbol", errors);
  const char *action = qd_api_read_string (body, "action", errors);
  const char *type = qd_api_read_string (body, "order_type", errors);
  const char *tif = qd_api_read_string (body, "time_in_force", errors);
  QdOrderRequest *r = &place->request;

  if (symbol == NULL || *symbol == '\0' || strlen (symbol) > 64 || strpbrk (symbol, " \t\r\n") != NULL)
    qd_field_errors_add (errors, "symbol", "missing_field", "error", "a symbol is required (no spaces)");
  else
    place->instrument_id = resolve_instrument (self, symbol);
  r->instrument_id = place->instrument_id;

  r->side = action ? qd_order_side_from_string (action) : QD_ORDER_SIDE_NONE;
  if (action != NULL && r->side == QD_ORDER_SIDE_NONE)
    {
      g_autofree char *upper = g_ascii_strup (action, -1);

      r->side = qd_order_side_from_string (upper);
    }
  if (r->side == QD_ORDER_SIDE_NONE)
    qd_field_errors_add (errors, "action", "missing_field", "error", "must be BUY or SELL");

  r->order_type = parse_order_type (type);
  if (r->order_type == QD_ORDER_TYPE_UNKNOWN)
    qd_field_errors_add (errors, "order_type", "missing_field", "error", "must be MKT, LMT, STP or STP_LMT");

  r->time_in_force = tif ? qd_time_in_force_from_string (tif) : QD_TIME_IN_FORCE_DAY;
  if (r->time_in_force == QD_TIME_IN_FORCE_UNKNOWN)
    qd_field_errors_add (errors, "time_in_force", "missing_field", "error", "must be DAY, GTC, IOC or FOK");

  qd_api_read_decimal (body, "quantity", &r->quantity, errors);
  qd_api_read_decimal (body, "limit_price", &r->limit_price, errors);
  qd_api_read_decimal (body, "stop_price", &r->stop_price, errors);
  read_confirmations (msg, body, place, errors);
}

/* Risk findings: errors refuse, warnings need a confirmation naming them. */
static gboolean
check_risk (QdApiServer       *self,
            SoupServerMessage *msg,
            PlaceRequest      *place)
{
  g_autoptr(GPtrArray) findings = qd_risk_check_evaluate (self->risk, &place->request);
  g_autoptr(GStrvBuilder) unconfirmed = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  QdFieldErrors errors;
  gboolean has_errors = qd_risk_findings_have_errors (findings);
  gboolean needs_confirm = FALSE;
  guint i;

  qd_field_errors_init (&errors);
  for (i = 0; i < findings->len; i++)
    {
      QdRiskFinding *f = g_ptr_array_index (findings, i);
      const char *rule = qd_risk_rule_to_string (f->rule);

      if (f->severity == QD_RISK_WARNING && g_hash_table_contains (place->confirmed, rule))
        continue;
      if (f->severity == QD_RISK_WARNING)
        {
          g_strv_builder_add (unconfirmed, rule);
          needs_confirm = TRUE;
        }
      qd_field_errors_add (&errors, f->field, rule, qd_risk_severity_to_string (f->severity), f->message);
    }
  /* As the desktop asks before a LIVE order, so does the API. */
  if (qd_connection_status_get_trading_mode (qd_ib_service_get_connection (self->service)) == QD_TRADING_MODE_LIVE &&
      !g_hash_table_contains (place->confirmed, "live_account"))
    {
      g_strv_builder_add (unconfirmed, "live_account");
      qd_field_errors_add (&errors, NULL, "live_account", "warning", "This order goes to a LIVE account");
      needs_confirm = TRUE;
    }
  if (has_errors || needs_confirm)
    {
      g_autoptr(GBytes) body = NULL;

      names = g_strv_builder_end (unconfirmed);
      body = qd_field_errors_to_json (&errors, has_errors ? "Invalid order" : "Confirmation required",
                                      (const char * const *) names);
      answer (self, msg, SOUP_STATUS_BAD_REQUEST, body);
    }
  qd_field_errors_clear (&errors);
  return !has_errors && !needs_confirm;
}

static char *
origin_for (SoupServerMessage *msg,
            QdRequestInfo     *info)
{
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent");
  g_autofree char *clean = g_strndup (agent ? agent : "unknown", MAX_USER_AGENT);
  char *p;

  for (p = clean; *p != '\0'; p++)
    if (!g_ascii_isprint (*p))
      *p = '?';
  return g_strdup_printf ("remote:%s (%s)", info->client, clean);
}

static void
answer_field_errors (QdApiServer       *self,
                     SoupServerMessage *msg,
                     QdFieldErrors     *errors)
{
  g_autoptr(GBytes) body = qd_field_errors_to_json (errors, "Invalid order", NULL);

  answer (self, msg, SOUP_STATUS_BAD_REQUEST, body);
}

/* Claims the idempotency key and parses the JSON body; NULL when either has answered. */
static JsonObject *
begin_with_body (QdApiServer       *self,
                 SoupServerMessage *msg,
                 QdRequestInfo     *info)
{
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  if (!begin_idempotent (self, msg, info))
    return NULL;
  if ((body = qd_api_parse_body (msg, TRUE, &error)) == NULL)
    answer_detail (self, msg, SOUP_STATUS_BAD_REQUEST, error->message);
  return body;
}

void
_qd_api_handle_place (QdApiServer       *self,
                      SoupServerMessage *msg,
                      QdRequestInfo     *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *request_id = NULL;
  PlaceRequest place = { .request = { .quantity = QD_DECIMAL_NONE } };
  QdFieldErrors errors;

  if ((body = begin_with_body (self, msg, info)) == NULL)
    return;

  qd_field_errors_init (&errors);
  read_place_request (self, msg, body, &place, &errors);
  if (errors.errors->len > 0)
    answer_field_errors (self, msg, &errors);
  else if (check_risk (self, msg, &place))
    {
      origin = origin_for (msg, info);
      request_id = qd_ib_service_place_order_full (self->service, &place.request, origin, &error);
      if (request_id == NULL)
        answer_detail (self, msg, status_for_error (error), error->message);
      else
        {
          qd_risk_check_record_sent (self->risk, &place.request);
          wait_for_ack (self, msg, request_id);
        }
    }
  qd_field_errors_clear (&errors);
  place_request_clear (&place);
}

/* ---- cancel, modify, refresh ------------------------------------------------------- */

void
_qd_api_handle_cancel (QdApiServer       *self,
                       SoupServerMessage *msg,
                       QdRequestInfo     *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  if (!begin_idempotent (self, msg, info))
    return;
  request_id = qd_ib_service_cancel_order (self->service, info->order_id, &error);
  if (request_id == NULL)
    answer_detail (self, msg, status_for_error (error), error->message);
  else
    answer_message (self, msg, SOUP_STATUS_OK, NULL, "cancellation requested", request_id);
}

void
_qd_api_handle_modify (QdApiServer       *self,
                       SoupServerMessage *msg,
                       QdRequestInfo     *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *request_id = NULL;
  QdDecimal quantity, limit_price, stop_price;
  QdFieldErrors errors;

  if ((body = begin_with_body (self, msg, info)) == NULL)
    return;
  qd_field_errors_init (&errors);
  qd_api_read_decimal (body, "quantity", &quantity, &errors);
  qd_api_read_decimal (body, "limit_price", &limit_price, &errors);
  qd_api_read_decimal (body, "stop_price", &stop_price, &errors);
  if (errors.errors->len > 0)
    answer_field_errors (self, msg, &errors);
  else if ((request_id = qd_ib_service_modify_order (self->service, info->order_id, quantity,
                                                     limit_price, stop_price, &error)) == NULL)
    answer_detail (self, msg, status_for_error (error), error->message);
  else
    answer_message (self, msg, SOUP_STATUS_OK, NULL, "modification requested", request_id);
  qd_field_errors_clear (&errors);
}

void
_qd_api_handle_refresh (QdApiServer       *self,
                        SoupServerMessage *msg,
                        QdRoute            route)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;

  if (route == QD_ROUTE_ACCOUNT_REFRESH)
    request_id = qd_ib_service_refresh_account (self->service, &error);
  else if (route == QD_ROUTE_POSITIONS_REFRESH)
    request_id = qd_ib_service_refresh_positions (self->service, &error);
  else
    request_id = qd_ib_service_refresh_orders (self->service, &error);

  if (request_id == NULL)
    answer_detail (self, msg, status_for_error (error), error->message);
  else
    answer_message (self, msg, SOUP_STATUS_OK, NULL, "refresh requested", request_id);
}
