/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

/* A command is a small flat object; anything bigger or deeper is not one of ours. */
#define MAX_COMMAND_BYTES (64 * 1024)
#define MAX_COMMAND_DEPTH 8
#define MAX_REQUEST_ID 256

void
qd_paper_ack (QdPaperVenue *self,
              const char   *request_id,
              const char   *client_order_id,
              const char   *error_message)
{
  g_autoptr(GString) str = g_string_new (NULL);
  QdJsonWriter w;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "request_id", request_id);
  qd_json_writer_member_bool (&w, "ok", error_message == NULL);
  if (client_order_id != NULL)
    qd_json_writer_member_string (&w, "client_order_id", client_order_id);
  if (error_message != NULL)
    qd_json_writer_member_string (&w, "error", error_message);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, "quarterdeck.acks", str);
}

/* json-glib 1.6 recurses without a limit: measure the nesting before it parses. */
static gboolean
nesting_within (const char *json,
                gsize       len,
                guint       max_depth)
{
  gboolean in_string = FALSE, escaped = FALSE;
  guint depth = 0;
  gsize i;

  for (i = 0; i < len; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if ((c == '{' || c == '[') && ++depth > max_depth)
        return FALSE;
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static JsonNode *
parse_command (const char  *json,
               gsize        len,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (len > MAX_COMMAND_BYTES)
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_TOO_LARGE,
                   "command of %" G_GSIZE_FORMAT " bytes is over the %d byte limit",
                   len, MAX_COMMAND_BYTES);
      return NULL;
    }
  if (!nesting_within (json, len, MAX_COMMAND_DEPTH))
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_TOO_DEEP,
                   "command nests deeper than %d levels", MAX_COMMAND_DEPTH);
      return NULL;
    }
  /* Nothing we echo back (ids, names in error messages) may carry broken UTF-8. */
  if (!g_utf8_validate (json, (gssize) len, NULL))
    {
      g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_MALFORMED,
                           "command is not valid UTF-8");
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, (gssize) len, &local_error))
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_MALFORMED,
                   "command is not valid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_MALFORMED,
                           "command is not a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}

static const char *
read_request_id (JsonObject  *cmd,
                 GError     **error)
{
  const char *request_id = NULL;

  if (!qd_paper_read_string (cmd, "request_id", &request_id, NULL) || request_id == NULL
      || *request_id == '\0' || strlen (request_id) > MAX_REQUEST_ID)
    {
      g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_MALFORMED,
                           "command has no usable request_id");
      return NULL;
    }
  return request_id;
}

/* Answer an ok:false ack and fail with the same message. */
static gboolean
refuse (QdPaperVenue  *self,
        const char    *request_id,
        GError       **error,
        gint           code,
        const char    *message)
{
  qd_paper_ack (self, request_id, NULL, message);
  g_set_error_literal (error, QD_PAPER_VENUE_ERROR, code, message);
  return FALSE;
}

/* Optional instrument_id: NULL means every instrument. */
static gboolean
read_instrument (QdPaperVenue       *self,
                 const char         *request_id,
                 JsonObject         *cmd,
                 QdPaperInstrument **inst,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *clipped = NULL;
  const char *instrument_id;

  *inst = NULL;
  if (!qd_paper_read_string (cmd, "instrument_id", &instrument_id, &local_error))
    return refuse (self, request_id, error, QD_PAPER_VENUE_ERROR_INVALID, local_error->message);
  if (instrument_id == NULL)
    return TRUE;
  *inst = qd_paper_market_lookup (self, instrument_id);
  if (*inst != NULL)
    return TRUE;
  clipped = qd_paper_clip (instrument_id);
  message = g_strdup_printf ("unknown instrument %s", clipped);
  return refuse (self, request_id, error, QD_PAPER_VENUE_ERROR_INVALID, message);
}

static gboolean
cancel_all (QdPaperVenue  *self,
            const char    *request_id,
            JsonObject    *cmd,
            GError       **error)
{
  QdPaperInstrument *inst;
  guint i;

  if (!read_instrument (self, request_id, cmd, &inst, error))
    return FALSE;

  qd_paper_ack (self, request_id, NULL, NULL);
  for (i = 0; i < self->orders->len; i++)
    {
      QdPaperOrder *order = g_ptr_array_index (self->orders, i);

      if ((inst == NULL || order->inst == inst) && qd_paper_order_is_working (order))
        qd_paper_cancel_order (self, order);
    }
  return TRUE;
}

typedef struct
{
  gboolean quotes;
  gboolean trades;
  gboolean bars;
} DataKinds;

static gboolean
read_data_kinds (JsonObject  *cmd,
                 DataKinds   *kinds,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (cmd, "data");
  JsonArray *array;
  guint i;

  *kinds = (DataKinds) { TRUE, TRUE, TRUE };
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                           "data must be a list");
      return FALSE;
    }
  *kinds = (DataKinds) { FALSE, FALSE, FALSE };
  array = json_node_get_array (node);
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *word = JSON_NODE_HOLDS_VALUE (item)
                         && json_node_get_value_type (item) == G_TYPE_STRING
                         ? json_node_get_string (item) : "";

      if (strcmp (word, "quotes") == 0)
        kinds->quotes = TRUE;
      else if (strcmp (word, "trades") == 0)
        kinds->trades = TRUE;
      else if (strcmp (word, "bars") == 0)
        kinds->bars = TRUE;
      else
        {
          g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                               "data items must be quotes, trades or bars");
          return FALSE;
        }
    }
  return TRUE;
}

static void
set_subscribed (QdPaperInstrument *inst,
                const DataKinds   *kinds,
                gboolean           on)
{
  if (kinds->quotes)
    inst->sub_quotes = on;
  if (kinds->trades)
    inst->sub_trades = on;
  if (kinds->bars)
    inst->sub_bars = on;
}

static gboolean
subscribe (QdPaperVenue  *self,
           const char    *request_id,
           JsonObject    *cmd,
           gboolean       on,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  QdPaperInstrument *inst;
  DataKinds kinds;
  guint i;

  if (!read_instrument (self, request_id, cmd, &inst, error))
    return FALSE;
  if (!read_data_kinds (cmd, &kinds, &local_error))
    return refuse (self, request_id, error, QD_PAPER_VENUE_ERROR_INVALID, local_error->message);

  for (i = 0; i < self->n_instruments; i++)
    if (inst == NULL || inst == &self->instruments[i])
      set_subscribed (&self->instruments[i], &kinds, on);
  /* A new subscription starts with the current touch, as IB sends it first. */
  if (on && kinds.quotes)
    for (i = 0; i < self->n_instruments; i++)
      if (inst == NULL || inst == &self->instruments[i])
        qd_paper_market_publish_quote (self, &self->instruments[i]);
  qd_paper_ack (self, request_id, NULL, NULL);
  return TRUE;
}

static gboolean
dispatch (QdPaperVenue  *self,
          const char    *cmd_name,
          const char    *request_id,
          JsonObject    *cmd,
          GError       **error)
{
  g_autofree char *message = NULL;

  if (strcmp (cmd_name, "submit") == 0)
    return qd_paper_submit (self, request_id, cmd, error);
  if (strcmp (cmd_name, "modify") == 0)
    return qd_paper_modify (self, request_id, cmd, error);
  if (strcmp (cmd_name, "cancel") == 0)
    return qd_paper_cancel (self, request_id, cmd, error);
  if (strcmp (cmd_name, "cancel_all") == 0)
    return cancel_all (self, request_id, cmd, error);
  if (strcmp (cmd_name, "subscribe") == 0 || strcmp (cmd_name, "unsubscribe") == 0)
    return subscribe (self, request_id, cmd, cmd_name[0] == 's', error);

  if (strcmp (cmd_name, "refresh_account") == 0)
    qd_paper_account_publish_state (self);
  else if (strcmp (cmd_name, "refresh_positions") == 0)
    qd_paper_position_publish_snapshots (self);
  else if (strcmp (cmd_name, "refresh_orders") == 0)
    qd_paper_order_publish_snapshots (self);
  else
    {
      g_autofree char *clipped = qd_paper_clip (cmd_name);

      message = g_strdup_printf ("unknown cmd %s", clipped);
      return refuse (self, request_id, error, QD_PAPER_VENUE_ERROR_INVALID, message);
    }
  qd_paper_ack (self, request_id, NULL, NULL);
  return TRUE;
}

gboolean
qd_paper_venue_handle_command (QdPaperVenue  *self,
                               const char    *json,
                               gsize          len,
                               GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *request_id, *cmd_name;
  JsonObject *cmd;

  g_return_val_if_fail (QD_IS_PAPER_VENUE (self), FALSE);
  g_return_val_if_fail (json != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->running)
    {
      /* A node that is not running reads no commands. */
      g_set_error_literal (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_REJECTED,
                           "the venue is not running");
      return FALSE;
    }
  qd_paper_venue_sync_clock (self);
  root = parse_command (json != NULL ? json : "", len, error);
  if (root == NULL)
    return FALSE;
  cmd = json_node_get_object (root);
  request_id = read_request_id (cmd, error);
  if (request_id == NULL)
    return FALSE;

  if (!qd_paper_read_string (cmd, "cmd", &cmd_name, &local_error) || cmd_name == NULL)
    return refuse (self, request_id, error, QD_PAPER_VENUE_ERROR_INVALID,
                   local_error ? local_error->message : "cmd is required");
  return dispatch (self, cmd_name, request_id, cmd, error);
}
