/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-json-guard.h"
#include "qd-json-tape.h"

/* Nesting up to this depth is tracked on the stack; deeper limits allocate. */
#define GUARD_STACK_INLINE 64

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  QdJsonTape   *tape;    /* NULL: check only */
  GError      **error;
} Guard;

static gboolean
guard_fail (Guard       *g,
            QdCodecError code,
            const char  *what)
{
  g_set_error (g->error, QD_CODEC_ERROR, code, "invalid JSON: %s at byte %" G_GSIZE_FORMAT,
               what, (gsize) (g->p - g->start));
  return FALSE;
}

static inline void
skip_ws (Guard *g)
{
  while (g->p < g->end && (*g->p == ' ' || *g->p == '\n' || *g->p == '\r' || *g->p == '\t'))
    g->p++;
}

/* A scalar token (or a container's, whose `next` is fixed when it closes). */
static inline guint
record (Guard        *g,
        QdJsonKind    kind,
        const guchar *from,
        gsize         len,
        guint8        flags)
{
  QdJsonToken *t;

  if (g->tape == NULL)
    return 0;
  t = qd_json_tape_push (g->tape);
  t->start = (guint32) (from - g->start);
  t->len = (guint32) len;
  t->next = g->tape->n_tokens;
  t->kind = (guint8) kind;
  t->flags = flags;
  return g->tape->n_tokens - 1;
}

static gboolean
read_hex4 (Guard   *g,
           guint32 *out)
{
  guint32 v = 0;
  int i;

  if (g->end - g->p < 4)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "truncated \\u escape");

  for (i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (g->p[i]);

      if (d < 0)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "bad \\u escape");
      v = (v << 4) | (guint32) d;
    }

  g->p += 4;
  *out = v;
  return TRUE;
}

/* After "\u": a code point that is not NUL and not half of a broken surrogate pair. */
static gboolean
scan_unicode_escape (Guard *g)
{
  guint32 cp;
  guint32 low;

  if (!read_hex4 (g, &cp))
    return FALSE;
  if (cp == 0)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "NUL character in string");
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unpaired surrogate");
  if (cp < 0xD800 || cp > 0xDBFF)
    return TRUE;

  if (g->end - g->p < 2 || g->p[0] != '\\' || g->p[1] != 'u')
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unpaired surrogate");
  g->p += 2;
  if (!read_hex4 (g, &low))
    return FALSE;
  if (low < 0xDC00 || low > 0xDFFF)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unpaired surrogate");
  return TRUE;
}

static gboolean
scan_escape (Guard *g)
{
  g->p++;   /* the backslash */
  if (g->p >= g->end)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unterminated string");

  switch (*g->p++)
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return TRUE;
    case 'u':
      return scan_unicode_escape (g);
    default:
      g->p--;
      return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unknown escape");
    }
}

static gboolean
scan_utf8_char (Guard *g)
{
  gunichar c = g_utf8_get_char_validated ((const char *) g->p, g->end - g->p);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "invalid UTF-8");
  g->p += g_unichar_to_utf8 (c, NULL);
  return TRUE;
}

/* At the opening quote (of a value or a key: both are string tokens). */
static gboolean
scan_string (Guard *g)
{
  const guchar *from = ++g->p;
  guint8 flags = 0;

  for (;;)
    {
      guchar c;

      g->p = qd_json_skip_plain (g->p, g->end);
      if (g->p >= g->end)
        break;

      c = *g->p;
      if (c == '"')
        {
          record (g, QD_JSON_STRING, from, g->p - from, flags);
          g->p++;
          return TRUE;
        }
      else if (c == '\\')
        {
          flags = QD_JSON_TOKEN_ESCAPED;
          if (!scan_escape (g))
            return FALSE;
        }
      else if (c < 0x20)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "control character in string");
      else if (!scan_utf8_char (g))
        return FALSE;
    }

  return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unterminated string");
}

static gsize
skip_digits (Guard *g)
{
  const guchar *from = g->p;

  while (g->p < g->end && g_ascii_isdigit (*g->p))
    g->p++;
  return g->p - from;
}

/* Integers are read as 64-bit values (json-glib would wrap bigger ones to garbage). */
static gboolean
integer_fits (const guchar *digits,
              gsize         n,
              gboolean      negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  if (n != 19)
    return n < 19;
  return memcmp (digits, limit, 19) <= 0;
}

static gboolean
scan_number (Guard *g)
{
  const guchar *from = g->p;
  gboolean negative = FALSE;
  gboolean integer = TRUE;
  const guchar *digits;
  gsize n;

  if (*g->p == '-')
    {
      negative = TRUE;
      g->p++;
    }
  digits = g->p;
  n = skip_digits (g);
  if (n == 0)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "bad number");
  if (n > 1 && digits[0] == '0')
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "leading zero in number");

  if (g->p < g->end && *g->p == '.')
    {
      g->p++;
      integer = FALSE;
      if (skip_digits (g) == 0)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "bad fraction");
    }
  if (g->p < g->end && (*g->p == 'e' || *g->p == 'E'))
    {
      g->p++;
      integer = FALSE;
      if (g->p < g->end && (*g->p == '+' || *g->p == '-'))
        g->p++;
      if (skip_digits (g) == 0)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "bad exponent");
    }

  if (integer && !integer_fits (digits, n, negative))
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "integer too big");
  record (g, QD_JSON_NUMBER, from, g->p - from, integer ? QD_JSON_TOKEN_INTEGER : 0);
  return TRUE;
}

static gboolean
scan_literal (Guard      *g,
              const char *word,
              QdJsonKind  kind)
{
  gsize n = strlen (word);

  if ((gsize) (g->end - g->p) < n || memcmp (g->p, word, n) != 0)
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unexpected character");
  record (g, kind, g->p, n, 0);
  g->p += n;
  return TRUE;
}

static gboolean
scan_scalar (Guard *g)
{
  switch (*g->p)
    {
    case '"':
      return scan_string (g);
    case 't':
      return scan_literal (g, "true", QD_JSON_TRUE);
    case 'f':
      return scan_literal (g, "false", QD_JSON_FALSE);
    case 'n':
      return scan_literal (g, "null", QD_JSON_NULL);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (g);
    default:
      return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unexpected character");
    }
}

/* An object key and its colon. */
static gboolean
scan_key (Guard *g)
{
  skip_ws (g);
  if (g->p >= g->end || *g->p != '"')
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "expected a string key");
  if (!scan_string (g))
    return FALSE;
  skip_ws (g);
  if (g->p >= g->end || *g->p != ':')
    return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "expected ':'");
  g->p++;
  return TRUE;
}

typedef struct
{
  guchar  *kinds;     /* '{' or '[' per open level */
  guint32 *opened;    /* with a tape: each open level's container token */
  guint    depth;
  guint    max_depth;
} Stack;

/* The innermost container is complete: its descendants end here. */
static inline void
close_container (Guard *g,
                 Stack *s)
{
  s->depth--;
  if (g->tape != NULL)
    g->tape->tokens[s->opened[s->depth]].next = g->tape->n_tokens;
}

/*
 * Open a container at g->p. *closed is set when it was empty ("{}" or "[]"), otherwise the
 * cursor is left where the first value starts.
 */
static gboolean
open_container (Guard    *g,
                Stack    *s,
                gboolean *closed)
{
  guchar kind = *g->p;

  if (s->depth >= s->max_depth)
    return guard_fail (g, QD_CODEC_ERROR_TOO_DEEP, "nested too deeply");
  if (g->tape != NULL)
    s->opened[s->depth] = record (g, kind == '{' ? QD_JSON_OBJECT : QD_JSON_ARRAY, g->p, 1, 0);
  s->kinds[s->depth++] = kind;
  g->p++;
  skip_ws (g);

  *closed = FALSE;
  if (g->p < g->end && *g->p == (kind == '{' ? '}' : ']'))
    {
      g->p++;
      close_container (g, s);
      *closed = TRUE;
      return TRUE;
    }
  return kind == '{' ? scan_key (g) : TRUE;
}

/*
 * After a value: close finished containers and stop before the next value (TRUE with
 * *done FALSE) or at the end of the text (*done TRUE).
 */
static gboolean
after_value (Guard    *g,
             Stack    *s,
             gboolean *done)
{
  *done = FALSE;
  for (;;)
    {
      guchar kind;

      skip_ws (g);
      if (s->depth == 0)
        {
          *done = TRUE;
          return g->p == g->end ? TRUE : guard_fail (g, QD_CODEC_ERROR_MALFORMED,
                                                     "trailing data");
        }
      if (g->p >= g->end)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unexpected end");

      kind = s->kinds[s->depth - 1];
      if (*g->p == ',')
        {
          g->p++;
          return kind == '{' ? scan_key (g) : TRUE;
        }
      if (*g->p != (kind == '{' ? '}' : ']'))
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED,
                           kind == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
      g->p++;
      close_container (g, s);
    }
}

static gboolean
scan_document (Guard *g,
               Stack *s)
{
  for (;;)
    {
      gboolean done = FALSE;

      skip_ws (g);
      if (g->p >= g->end)
        return guard_fail (g, QD_CODEC_ERROR_MALFORMED, "unexpected end");

      if (*g->p == '{' || *g->p == '[')
        {
          gboolean closed;

          if (!open_container (g, s, &closed))
            return FALSE;
          if (!closed)
            continue;
        }
      else if (!scan_scalar (g))
        return FALSE;

      if (!after_value (g, s, &done))
        return FALSE;
      if (done)
        return TRUE;
    }
}

gboolean
qd_json_guard_scan (const char  *data,
                    gsize        len,
                    guint        max_depth,
                    QdJsonTape  *tape,
                    GError     **error)
{
  guchar inline_kinds[GUARD_STACK_INLINE];
  guint32 inline_opened[GUARD_STACK_INLINE];
  g_autofree guchar *heap_kinds = NULL;
  g_autofree guint32 *heap_opened = NULL;
  Guard g;
  Stack s;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (tape == NULL || len <= G_MAXUINT32, FALSE);

  g.start = g.p = (const guchar *) data;
  g.end = g.p + len;
  g.tape = tape;
  g.error = error;

  skip_ws (&g);
  if (g.p == g.end)
    {
      g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_NOT_JSON,
                           "invalid JSON: empty text");
      return FALSE;
    }

  s.depth = 0;
  s.max_depth = max_depth;
  s.opened = NULL;
  if (max_depth <= GUARD_STACK_INLINE)
    {
      s.kinds = inline_kinds;
      s.opened = inline_opened;
    }
  else
    {
      /* Depth can never exceed the byte count, so that bounds the allocation. */
      s.kinds = heap_kinds = g_malloc (MIN ((gsize) max_depth, len));
      if (tape != NULL)
        s.opened = heap_opened = g_new (guint32, MIN ((gsize) max_depth, len));
    }

  return scan_document (&g, &s);
}

gboolean
qd_json_guard_check (const char  *data,
                     gsize        len,
                     guint        max_depth,
                     GError     **error)
{
  return qd_json_guard_scan (data, len, max_depth, NULL, error);
}
