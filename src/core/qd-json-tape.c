/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-json-guard.h"
#include "qd-json-tape.h"

/* What a tape keeps between documents: enough for any bus event, not a 1 MiB outlier's. */
#define TAPE_KEEP_TOKENS 4096
#define SCRATCH_KEEP     (64 * 1024)
#define TAPE_MIN_TOKENS  256

void
qd_json_tape_init (QdJsonTape *tape)
{
  g_return_if_fail (tape != NULL);

  memset (tape, 0, sizeof *tape);
  tape->scratch = g_string_new (NULL);
}

void
qd_json_tape_clear (QdJsonTape *tape)
{
  g_return_if_fail (tape != NULL);

  g_clear_pointer (&tape->tokens, g_free);
  if (tape->scratch != NULL)
    g_string_free (tape->scratch, TRUE);
  memset (tape, 0, sizeof *tape);
}

void
qd_json_tape_trim (QdJsonTape *tape)
{
  g_return_if_fail (tape != NULL);

  if (tape->capacity > TAPE_KEEP_TOKENS)
    {
      g_clear_pointer (&tape->tokens, g_free);
      tape->capacity = 0;
      tape->n_tokens = 0;
      tape->data = NULL;
      tape->len = 0;
    }
  if (tape->scratch->allocated_len > SCRATCH_KEEP)
    {
      g_string_free (tape->scratch, TRUE);
      tape->scratch = g_string_new (NULL);
    }
}

void
qd_json_tape_grow (QdJsonTape *tape)
{
  /* A token starts at a byte of its own, so a < 4 GiB document never needs more. */
  gsize capacity = MAX ((gsize) TAPE_MIN_TOKENS, (gsize) tape->capacity * 2);

  capacity = MIN (capacity, (gsize) G_MAXUINT32);
  g_assert (capacity > tape->capacity);
  tape->tokens = g_renew (QdJsonToken, tape->tokens, capacity);
  tape->capacity = (guint) capacity;
}

gboolean
qd_json_tape_parse (QdJsonTape  *tape,
                    const char  *data,
                    gsize        len,
                    guint        max_depth,
                    GError     **error)
{
  g_return_val_if_fail (tape != NULL && tape->scratch != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  tape->n_tokens = 0;
  tape->data = NULL;
  tape->len = 0;

  /* Offsets are 32-bit to keep a token at 16 bytes. */
  if (len > G_MAXUINT32)
    {
      g_set_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_TOO_LARGE,
                   "payload of %" G_GSIZE_FORMAT " bytes is over the 4 GiB JSON limit", len);
      return FALSE;
    }
  if (!qd_json_guard_scan (data, len, max_depth, tape, error))
    {
      tape->n_tokens = 0;
      return FALSE;
    }

  tape->data = data;
  tape->len = len;
  return TRUE;
}

/* ---- strings ---------------------------------------------------------------------------- */

static gunichar
hex4 (const char *p)
{
  gunichar v = 0;
  int i;

  for (i = 0; i < 4; i++)
    v = (v << 4) | (gunichar) g_ascii_xdigit_value (p[i]);
  return v;
}

/*
 * The bytes of a string the guard accepted, escapes resolved, into out (which needs `len`
 * bytes: no escape decodes to more bytes than it is written with). Returns the length.
 */
static gsize
decode_string (const char *raw,
               gsize       len,
               char       *out)
{
  const char *p = raw;
  const char *end = raw + len;
  char *o = out;

  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);
      gsize plain = (backslash != NULL ? backslash : end) - p;
      gunichar c;

      memcpy (o, p, plain);
      o += plain;
      p += plain;
      if (backslash == NULL)
        break;

      p++;
      switch (*p++)
        {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
          c = hex4 (p);
          p += 4;
          /* The guard let a high surrogate through only with its low half after it. */
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              c = 0x10000 + ((c - 0xD800) << 10) + (hex4 (p + 2) - 0xDC00);
              p += 6;
            }
          o += g_unichar_to_utf8 (c, o);
          break;
        default:   /* '"', '\\' and '/' stand for themselves */
          *o++ = p[-1];
          break;
        }
    }
  return o - out;
}

const char *
qd_json_tape_string_view (QdJsonTape *tape,
                          guint       index,
                          gsize      *len)
{
  const QdJsonToken *t;

  g_return_val_if_fail (index < tape->n_tokens, NULL);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_STRING, NULL);

  if ((t->flags & QD_JSON_TOKEN_ESCAPED) == 0)
    {
      *len = t->len;
      return tape->data + t->start;
    }

  g_string_set_size (tape->scratch, t->len);
  *len = decode_string (tape->data + t->start, t->len, tape->scratch->str);
  g_string_truncate (tape->scratch, *len);
  return tape->scratch->str;
}

const char *
qd_json_tape_string_peek (QdJsonTape *tape,
                          guint       index,
                          gsize      *len)
{
  const QdJsonToken *t;

  g_return_val_if_fail (index < tape->n_tokens, NULL);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_STRING, NULL);

  if ((t->flags & QD_JSON_TOKEN_ESCAPED) != 0)
    return qd_json_tape_string_view (tape, index, len);

  g_string_truncate (tape->scratch, 0);
  g_string_append_len (tape->scratch, tape->data + t->start, t->len);
  *len = t->len;
  return tape->scratch->str;
}

char *
qd_json_tape_string_dup (const QdJsonTape *tape,
                         guint             index)
{
  const QdJsonToken *t;
  char *out;
  gsize n;

  g_return_val_if_fail (index < tape->n_tokens, NULL);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_STRING, NULL);

  out = g_malloc ((gsize) t->len + 1);
  if ((t->flags & QD_JSON_TOKEN_ESCAPED) == 0)
    {
      memcpy (out, tape->data + t->start, t->len);
      n = t->len;
    }
  else
    n = decode_string (tape->data + t->start, t->len, out);
  out[n] = '\0';
  return out;
}

static gboolean
escaped_equal (const QdJsonTape  *tape,
               const QdJsonToken *t,
               const char        *text,
               gsize              len)
{
  char inline_buf[256];
  g_autofree char *heap_buf = NULL;
  char *buf = inline_buf;
  gsize n;

  /* An escape is at most six bytes for one, so that many written bytes decode to >= len/6. */
  if (t->len / 6 > len)
    return FALSE;
  if (t->len > sizeof inline_buf)
    buf = heap_buf = g_malloc (t->len);
  n = decode_string (tape->data + t->start, t->len, buf);
  return n == len && memcmp (buf, text, len) == 0;
}

gboolean
qd_json_tape_string_equal (const QdJsonTape *tape,
                           guint             index,
                           const char       *text,
                           gsize             len)
{
  const QdJsonToken *t;

  g_return_val_if_fail (index < tape->n_tokens, FALSE);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_STRING, FALSE);

  if ((t->flags & QD_JSON_TOKEN_ESCAPED) == 0)
    return t->len == len && memcmp (tape->data + t->start, text, len) == 0;
  return escaped_equal (tape, t, text, len);
}

/* ---- structure -------------------------------------------------------------------------- */

guint
qd_json_tape_member (const QdJsonTape *tape,
                     guint             object,
                     const char       *key,
                     gsize             key_len)
{
  const QdJsonToken *tokens = tape->tokens;
  guint found = QD_JSON_TAPE_NONE;
  guint end;
  guint i;

  g_return_val_if_fail (object < tape->n_tokens, QD_JSON_TAPE_NONE);
  g_return_val_if_fail (tokens[object].kind == QD_JSON_OBJECT, QD_JSON_TAPE_NONE);

  /* Every member is looked at, so a repeated key resolves to its last value. */
  end = tokens[object].next;
  for (i = object + 1; i < end; i = tokens[i + 1].next)
    {
      const QdJsonToken *k = &tokens[i];

      if (k->flags == 0)
        {
          const char *name = tape->data + k->start;

          /* Many keys share a length; the first byte tells most of them apart inline. */
          if (k->len == key_len &&
              (key_len == 0 || (name[0] == key[0] && memcmp (name, key, key_len) == 0)))
            found = i + 1;
        }
      else if (escaped_equal (tape, k, key, key_len))
        found = i + 1;
    }
  return found;
}

void
qd_json_iter_init (QdJsonIter       *iter,
                   const QdJsonTape *tape,
                   guint             container)
{
  g_return_if_fail (container < tape->n_tokens);
  g_return_if_fail (tape->tokens[container].kind == QD_JSON_OBJECT ||
                    tape->tokens[container].kind == QD_JSON_ARRAY);

  iter->tape = tape;
  iter->at = container + 1;
  iter->end = tape->tokens[container].next;
  iter->object = tape->tokens[container].kind == QD_JSON_OBJECT;
}

gboolean
qd_json_iter_next (QdJsonIter *iter,
                   guint      *key,
                   guint      *value)
{
  if (iter->at >= iter->end)
    return FALSE;

  *key = iter->object ? iter->at : QD_JSON_TAPE_NONE;
  *value = iter->object ? iter->at + 1 : iter->at;
  iter->at = iter->tape->tokens[*value].next;
  return TRUE;
}

/* ---- numbers ---------------------------------------------------------------------------- */

const char *
qd_json_tape_number_text (const QdJsonTape *tape,
                          guint             index,
                          gsize            *len)
{
  const QdJsonToken *t;

  g_return_val_if_fail (index < tape->n_tokens, NULL);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_NUMBER, NULL);

  *len = t->len;
  return tape->data + t->start;
}

gint64
qd_json_tape_get_int (const QdJsonTape *tape,
                      guint             index)
{
  const QdJsonToken *t;
  const char *p;
  const char *end;
  gboolean negative;
  guint64 v = 0;

  g_return_val_if_fail (index < tape->n_tokens, 0);
  t = &tape->tokens[index];
  g_return_val_if_fail (t->kind == QD_JSON_NUMBER && (t->flags & QD_JSON_TOKEN_INTEGER), 0);

  p = tape->data + t->start;
  end = p + t->len;
  negative = *p == '-';
  if (negative)
    p++;
  for (; p < end; p++)
    v = v * 10 + (guint64) (*p - '0');

  /* The guard bounds v by 2^63 when negative and 2^63 - 1 otherwise. */
  return negative ? -(gint64) (v - 1) - 1 : (gint64) v;
}

double
qd_json_tape_get_double (const QdJsonTape *tape,
                         guint             index)
{
  char inline_buf[64];
  g_autofree char *heap_buf = NULL;
  const char *text;
  char *buf = inline_buf;
  gsize len;

  text = qd_json_tape_number_text (tape, index, &len);
  g_return_val_if_fail (text != NULL, 0.0);

  if (len >= sizeof inline_buf)
    buf = heap_buf = g_malloc (len + 1);
  memcpy (buf, text, len);
  buf[len] = '\0';
  return g_ascii_strtod (buf, NULL);
}
