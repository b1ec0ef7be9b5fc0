/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <string.h>

#include "qd-api-body.h"
#include "qd-codec.h"
#include "qd-json-guard.h"
#include "qd-json-writer.h"

/* Our bodies are flat objects with one small array. */
#define MAX_BODY_DEPTH 4

static void
field_error_free (QdFieldError *e)
{
  g_free (e->field);
  g_free (e->rule);
  g_free (e->severity);
  g_free (e->message);
  g_free (e);
}

void
qd_field_errors_init (QdFieldErrors *errors)
{
  errors->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) field_error_free);
}

void
qd_field_errors_clear (QdFieldErrors *errors)
{
  g_clear_pointer (&errors->errors, g_ptr_array_unref);
}

void
qd_field_errors_add (QdFieldErrors *errors,
                     const char    *field,
                     const char    *rule,
                     const char    *severity,
                     const char    *message)
{
  QdFieldError *e = g_new0 (QdFieldError, 1);

  e->field = g_strdup (field);
  e->rule = g_strdup (rule);
  e->severity = g_strdup (severity);
  e->message = g_strdup (message);
  g_ptr_array_add (errors->errors, e);
}

GBytes *
qd_field_errors_to_json (QdFieldErrors      *errors,
                         const char         *detail,
                         const char * const *confirm_required)
{
  GString *str = g_string_new (NULL);
  QdJsonWriter w;
  gsize len;
  guint i;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "detail", detail);
  qd_json_writer_key (&w, "errors");
  qd_json_writer_begin_array (&w);
  for (i = 0; i < errors->errors->len; i++)
    {
      QdFieldError *e = g_ptr_array_index (errors->errors, i);

      qd_json_writer_begin_object (&w);
      qd_json_writer_member_string (&w, "field", e->field);
      qd_json_writer_member_string (&w, "rule", e->rule);
      qd_json_writer_member_string (&w, "severity", e->severity);
      qd_json_writer_member_string (&w, "message", e->message);
      qd_json_writer_end_object (&w);
    }
  qd_json_writer_end_array (&w);
  if (confirm_required != NULL)
    {
      qd_json_writer_key (&w, "confirm_required");
      qd_json_writer_begin_array (&w);
      for (i = 0; confirm_required[i] != NULL; i++)
        qd_json_writer_string (&w, confirm_required[i]);
      qd_json_writer_end_array (&w);
    }
  qd_json_writer_end_object (&w);
  len = str->len;
  return g_bytes_new_take (g_string_free (str, FALSE), len);
}

JsonObject *
qd_api_parse_body (SoupServerMessage  *msg,
                   gboolean            required,
                   GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = NULL;
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize len = g_bytes_get_size (bytes);
  JsonNode *root;

  if (len == 0 && !required)
    return json_object_new ();
  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "A JSON object body is required");
      return NULL;
    }
  if (!qd_json_guard_check (data, len, MAX_BODY_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

gboolean
qd_api_read_decimal (JsonObject    *object,
                     const char    *field,
                     QdDecimal     *out,
                     QdFieldErrors *errors)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GError) error = NULL;
  GType type;

  *out = QD_DECIMAL_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      type = json_node_get_value_type (node);
      if (type == G_TYPE_INT64 && json_node_get_int (node) != G_MININT64)
        {
          *out = qd_decimal_from_int (json_node_get_int (node));
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE && qd_decimal_from_double (json_node_get_double (node), QD_DECIMAL_MAX_SCALE, out, &error))
        return TRUE;
      if (type == G_TYPE_STRING && qd_decimal_parse (json_node_get_string (node), -1, out, &error))
        return TRUE;
    }
  *out = QD_DECIMAL_NONE;
  qd_field_errors_add (errors, field, "type", "error", "must be a decimal number");
  return FALSE;
}

const char *
qd_api_read_string (JsonObject    *object,
                    const char    *field,
                    QdFieldErrors *errors)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  qd_field_errors_add (errors, field, "type", "error", "must be a string");
  return NULL;
}
