/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec-private.h"
#include "qd-fast-scan.h"

/* Numbers this long are parsed from a heap copy; everything real is far shorter. */
#define NUMBER_TEXT_INLINE 64

void
qd_reader_init (QdReader    *r,
                QdJsonTape  *tape,
                guint        object,
                const char  *context,
                GError     **error)
{
  g_assert (error != NULL);
  g_assert (qd_json_tape_kind (tape, object) == QD_JSON_OBJECT);

  r->tape = tape;
  r->object = object;
  r->context = context;
  r->error = error;
}

void
qd_reader_init_nested (QdReader       *r,
                       const QdReader *parent,
                       guint           object,
                       const char     *context)
{
  qd_reader_init (r, parent->tape, object, context, parent->error);
}

gboolean
qd_reader_failed (const QdReader *r)
{
  return *r->error != NULL;
}

void
qd_reader_fail (QdReader     *r,
                QdCodecError  code,
                const char   *format,
                ...)
{
  va_list args;

  if (qd_reader_failed (r))
    return;

  va_start (args, format);
  *r->error = g_error_new_valist (QD_CODEC_ERROR, code, format, args);
  va_end (args);
}

static gboolean
is_integer (const QdReader *r,
            guint           node)
{
  const QdJsonToken *t = &r->tape->tokens[node];

  return t->kind == QD_JSON_NUMBER && (t->flags & QD_JSON_TOKEN_INTEGER) != 0;
}

static const char *
describe_node (const QdReader *r,
               guint           node)
{
  switch (qd_json_tape_kind (r->tape, node))
    {
    case QD_JSON_OBJECT:
      return "an object";
    case QD_JSON_ARRAY:
      return "an array";
    case QD_JSON_NULL:
      return "null";
    case QD_JSON_STRING:
      return "a string";
    case QD_JSON_TRUE:
    case QD_JSON_FALSE:
      return "a boolean";
    case QD_JSON_NUMBER:
    default:
      return is_integer (r, node) ? "an integer" : "a number";
    }
}

static void
fail_wrong_type (QdReader   *r,
                 const char *key,
                 guint       node,
                 const char *expected)
{
  qd_reader_fail (r, QD_CODEC_ERROR_WRONG_TYPE, "%s: field \"%s\" must be %s, not %s",
                  r->context, key, expected, describe_node (r, node));
}

guint
qd_reader_node (QdReader   *r,
                const char *key,
                QdPresence  presence)
{
  guint node;

  if (qd_reader_failed (r))
    return QD_JSON_TAPE_NONE;

  node = qd_json_tape_member (r->tape, r->object, key, strlen (key));
  if (node != QD_JSON_TAPE_NONE && qd_json_tape_kind (r->tape, node) != QD_JSON_NULL)
    return node;

  if (presence == QD_REQUIRED && node == QD_JSON_TAPE_NONE)
    qd_reader_fail (r, QD_CODEC_ERROR_MISSING_FIELD, "%s: missing field \"%s\"",
                    r->context, key);
  else if (presence == QD_REQUIRED)
    qd_reader_fail (r, QD_CODEC_ERROR_MISSING_FIELD, "%s: field \"%s\" is null",
                    r->context, key);
  return QD_JSON_TAPE_NONE;
}

/* The member's string token, checked as peek_string documents, or NONE. */
static guint
string_node (QdReader   *r,
             const char *key,
             QdPresence  presence)
{
  guint node = qd_reader_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return QD_JSON_TAPE_NONE;
  if (qd_json_tape_kind (r->tape, node) != QD_JSON_STRING)
    {
      fail_wrong_type (r, key, node, "a string");
      return QD_JSON_TAPE_NONE;
    }

  /* Only "" is written with no bytes, and nothing else decodes to it. */
  if (presence == QD_REQUIRED && r->tape->tokens[node].len == 0)
    {
      qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is empty",
                      r->context, key);
      return QD_JSON_TAPE_NONE;
    }
  return node;
}

/* The string's text, not NUL-terminated (see qd_json_tape_string_view), or NULL. */
static const char *
string_view (QdReader   *r,
             const char *key,
             QdPresence  presence,
             gsize      *len)
{
  guint node = string_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return NULL;
  return qd_json_tape_string_view (r->tape, node, len);
}

const char *
qd_reader_peek_string (QdReader   *r,
                       const char *key,
                       QdPresence  presence)
{
  guint node = string_node (r, key, presence);
  gsize len;

  if (node == QD_JSON_TAPE_NONE)
    return NULL;
  return qd_json_tape_string_peek (r->tape, node, &len);
}

void
qd_reader_string (QdReader    *r,
                  const char  *key,
                  QdPresence   presence,
                  char       **out)
{
  guint node = string_node (r, key, presence);

  if (node != QD_JSON_TAPE_NONE)
    {
      g_free (*out);
      *out = qd_json_tape_string_dup (r->tape, node);
    }
}

void
qd_reader_id (QdReader    *r,
              const char  *key,
              QdPresence   presence,
              char       **out)
{
  guint node = qd_reader_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return;
  /* Printed from the value, not copied from the text: "-0" is "0". */
  if (is_integer (r, node))
    {
      g_free (*out);
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, qd_json_tape_get_int (r->tape, node));
    }
  else
    qd_reader_string (r, key, presence, out);
}

void
qd_reader_currency (QdReader   *r,
                    const char *key,
                    QdPresence  presence,
                    char        out[QD_CURRENCY_MAX + 1])
{
  gsize len;
  const char *s = string_view (r, key, presence, &len);

  if (s == NULL)
    return;
  if (len > QD_CURRENCY_MAX)
    {
      qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is too long for a currency",
                      r->context, key);
      return;
    }
  memcpy (out, s, len);
  out[len] = '\0';
}

static void
parse_decimal_text (QdReader   *r,
                    const char *key,
                    const char *text,
                    gsize       len,
                    QdDecimal  *out)
{
  g_autoptr(GError) error = NULL;

  if (!qd_decimal_parse (text, len, out, &error))
    {
      /* The decimal error quotes a prefix of the text, which may end mid-character. */
      g_autofree char *why = g_utf8_make_valid (error->message, -1);

      qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is not a valid decimal: %s",
                      r->context, key, why);
    }
}

void
qd_reader_decimal (QdReader   *r,
                   const char *key,
                   QdPresence  presence,
                   QdDecimal  *out)
{
  gsize len;
  const char *s = string_view (r, key, presence, &len);

  if (s != NULL)
    parse_decimal_text (r, key, s, len, out);
}

void
qd_reader_money (QdReader   *r,
                 const char *key,
                 QdPresence  presence,
                 QdMoney    *out)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *s = string_view (r, key, presence, &len);

  if (s != NULL && !qd_money_parse (s, len, out, &error))
    {
      g_autofree char *why = g_utf8_make_valid (error->message, -1);

      qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is not valid money: %s",
                      r->context, key, why);
    }
}

/* Plain decimal notation with at most nine fractional digits: exact from the text. */
static gboolean
float_text_is_exact (const char *text,
                     gsize       len)
{
  const char *point = memchr (text, '.', len);

  return memchr (text, 'e', len) == NULL && memchr (text, 'E', len) == NULL &&
         point != NULL && (gsize) (text + len - point - 1) <= QD_DECIMAL_MAX_SCALE;
}

static void
read_float (QdReader   *r,
            const char *key,
            guint       node,
            QdDecimal  *out)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text = qd_json_tape_number_text (r->tape, node, &len);

  /* Digits a double cannot hold ("12345678901.123456789" overflows the raw value) take
   * the double's rounding below, as every other float does. */
  if (float_text_is_exact (text, len) && qd_decimal_parse (text, len, out, NULL))
    {
      *out = qd_decimal_normalize (*out);
      return;
    }

  if (!qd_decimal_from_double (qd_json_tape_get_double (r->tape, node), QD_DECIMAL_MAX_SCALE,
                               out, &error))
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is out of range: %s",
                    r->context, key, error->message);
}

void
qd_reader_number (QdReader   *r,
                  const char *key,
                  QdPresence  presence,
                  QdDecimal  *out)
{
  guint node = qd_reader_node (r, key, presence);
  gint64 v;

  if (node == QD_JSON_TAPE_NONE)
    return;

  switch (qd_json_tape_kind (r->tape, node))
    {
    case QD_JSON_STRING:
      {
        gsize len;
        const char *s = qd_json_tape_string_view (r->tape, node, &len);

        parse_decimal_text (r, key, s, len, out);
      }
      break;

    case QD_JSON_NUMBER:
      if (!is_integer (r, node))
        read_float (r, key, node, out);
      else if ((v = qd_json_tape_get_int (r->tape, node)) == G_MININT64)
        /* A decimal's raw value stops at ±G_MAXINT64. */
        qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is out of range",
                        r->context, key);
      else
        *out = qd_decimal_from_int (v);
      break;

    case QD_JSON_OBJECT:
    case QD_JSON_ARRAY:
    case QD_JSON_TRUE:
    case QD_JSON_FALSE:
    case QD_JSON_NULL:
    default:
      fail_wrong_type (r, key, node, "a number");
      break;
    }
}

void
qd_reader_time (QdReader   *r,
                const char *key,
                QdPresence  presence,
                gint64     *out)
{
  guint node = qd_reader_node (r, key, presence);
  const char *s;
  gsize len;

  if (node == QD_JSON_TAPE_NONE)
    return;
  if (is_integer (r, node))
    {
      gint64 v = qd_json_tape_get_int (r->tape, node);

      if (v < 0)
        qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is before 1970",
                        r->context, key);
      else
        *out = v;
      return;
    }
  if (qd_json_tape_kind (r->tape, node) != QD_JSON_STRING)
    {
      fail_wrong_type (r, key, node, "a timestamp string or integer");
      return;
    }

  s = qd_json_tape_string_view (r->tape, node, &len);
  if (!qd_fast_scan_parse_time (s, len, out, NULL))
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED,
                    "%s: field \"%s\" is not a timestamp (integer nanoseconds or RFC 3339)",
                    r->context, key);
}

void
qd_reader_bool (QdReader   *r,
                const char *key,
                QdPresence  presence,
                gboolean   *out)
{
  guint node = qd_reader_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return;
  if (qd_json_tape_kind (r->tape, node) == QD_JSON_TRUE)
    *out = TRUE;
  else if (qd_json_tape_kind (r->tape, node) == QD_JSON_FALSE)
    *out = FALSE;
  else
    fail_wrong_type (r, key, node, "a boolean");
}

void
qd_reader_int (QdReader   *r,
               const char *key,
               QdPresence  presence,
               gint       *out)
{
  guint node = qd_reader_node (r, key, presence);
  gint64 v;

  if (node == QD_JSON_TAPE_NONE)
    return;
  if (!is_integer (r, node))
    {
      fail_wrong_type (r, key, node, "an integer");
      return;
    }

  v = qd_json_tape_get_int (r->tape, node);
  if (v < G_MININT || v > G_MAXINT)
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is out of range",
                    r->context, key);
  else
    *out = (gint) v;
}

guint
qd_reader_object (QdReader   *r,
                  const char *key,
                  QdPresence  presence)
{
  guint node = qd_reader_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return QD_JSON_TAPE_NONE;
  if (qd_json_tape_kind (r->tape, node) == QD_JSON_OBJECT)
    return node;
  fail_wrong_type (r, key, node, "an object");
  return QD_JSON_TAPE_NONE;
}

guint
qd_reader_array (QdReader   *r,
                 const char *key,
                 QdPresence  presence)
{
  guint node = qd_reader_node (r, key, presence);

  if (node == QD_JSON_TAPE_NONE)
    return QD_JSON_TAPE_NONE;
  if (qd_json_tape_kind (r->tape, node) == QD_JSON_ARRAY)
    return node;
  fail_wrong_type (r, key, node, "an array");
  return QD_JSON_TAPE_NONE;
}
