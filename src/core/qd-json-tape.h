/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/*
 * QdJsonTape: a JSON document as a flat array of tokens over the caller's bytes.
 *
 * qd_json_tape_parse runs the strict guard (qd-json-guard.h) and records, in the same
 * linear pass, one token per value and per object key, in document order. Nothing is
 * copied: a token holds byte offsets into the payload, which must outlive the tape's use.
 * Strings are decoded (escapes, surrogate pairs) only when a value is taken, and numbers
 * keep their text, so decimals parse exactly from what was written.
 *
 * Token 0 is the root. A container's children follow it; its `next` is the index one past
 * its last descendant, so a sibling is skipped in O(1). An object's children alternate
 * key (a string token) and value. Because index 0 is never anyone's child, 0 also serves
 * as "no token" in lookups.
 *
 * Duplicate keys: a lookup returns the LAST member with that key, as json-glib does (its
 * object keeps the last value set), so both readers of the same payload agree.
 *
 * A tape is reused across documents: its token array and scratch buffer grow as needed
 * (bounded by the payload size) and are kept for the next parse, unless a document left
 * them bigger than qd_json_tape_trim allows.
 */

#define QD_JSON_TAPE_ROOT 0
#define QD_JSON_TAPE_NONE 0

typedef enum
{
  QD_JSON_OBJECT,
  QD_JSON_ARRAY,
  QD_JSON_STRING,
  QD_JSON_NUMBER,
  QD_JSON_TRUE,
  QD_JSON_FALSE,
  QD_JSON_NULL,
} QdJsonKind;

typedef enum
{
  QD_JSON_TOKEN_ESCAPED = 1 << 0,   /* a string with at least one backslash escape */
  QD_JSON_TOKEN_INTEGER = 1 << 1,   /* a number with no fraction and no exponent */
} QdJsonTokenFlags;

typedef struct
{
  guint32 start;   /* strings: first byte after the quote; others: first byte */
  guint32 len;     /* strings: raw bytes between the quotes; numbers: text length */
  guint32 next;    /* one past the last descendant (index + 1 for scalars) */
  guint8  kind;    /* QdJsonKind */
  guint8  flags;   /* QdJsonTokenFlags */
} QdJsonToken;

typedef struct
{
  const char  *data;
  gsize        len;
  QdJsonToken *tokens;
  guint        n_tokens;
  guint        capacity;
  GString     *scratch;   /* decoded strings handed out by the peek/view functions */
} QdJsonTape;

void         qd_json_tape_init           (QdJsonTape        *tape);
void         qd_json_tape_clear          (QdJsonTape        *tape);
/* Free buffers grown past what a typical document needs (call after a big one). */
void         qd_json_tape_trim           (QdJsonTape        *tape);

/*
 * Check `data` as qd_json_guard_check does (same errors and messages) and record its
 * tokens. On FALSE the tape holds no document. Documents of 4 GiB or more cannot be
 * addressed and fail with QD_CODEC_ERROR_TOO_LARGE.
 */
gboolean     qd_json_tape_parse          (QdJsonTape        *tape,
                                          const char        *data,
                                          gsize              len,
                                          guint              max_depth,
                                          GError           **error);

/* For the guard while it scans: make room for at least one more token. */
void         qd_json_tape_grow           (QdJsonTape        *tape);

static inline QdJsonToken *
qd_json_tape_push (QdJsonTape *tape)
{
  if (G_UNLIKELY (tape->n_tokens == tape->capacity))
    qd_json_tape_grow (tape);
  return &tape->tokens[tape->n_tokens++];
}

static inline QdJsonKind
qd_json_tape_kind (const QdJsonTape *tape,
                   guint             index)
{
  return (QdJsonKind) tape->tokens[index].kind;
}

/* The value of `key` in the object at `object` (the last one if repeated), or NONE. */
guint        qd_json_tape_member         (const QdJsonTape  *tape,
                                          guint              object,
                                          const char        *key,
                                          gsize              key_len);

/*
 * Children of a container: for arrays *key is NONE and *value each element; for objects
 * *key is the key's string token and *value the member's value, in document order
 * (duplicates included).
 */
typedef struct
{
  const QdJsonTape *tape;
  guint             at;
  guint             end;
  gboolean          object;
} QdJsonIter;

void         qd_json_iter_init           (QdJsonIter        *iter,
                                          const QdJsonTape  *tape,
                                          guint              container);
gboolean     qd_json_iter_next           (QdJsonIter        *iter,
                                          guint             *key,
                                          guint             *value);

/*
 * A string token's text. _view returns a pointer into the payload when the string has no
 * escapes (NOT NUL-terminated) and the decoded text in the tape's scratch otherwise;
 * _peek always returns NUL-terminated text. Either stays valid until the next _view or
 * _peek on this tape. The text is valid UTF-8 without NUL bytes (the guard refuses
 * \u0000). _dup returns a new NUL-terminated copy.
 */
const char  *qd_json_tape_string_view    (QdJsonTape        *tape,
                                          guint              index,
                                          gsize             *len);
const char  *qd_json_tape_string_peek    (QdJsonTape        *tape,
                                          guint              index,
                                          gsize             *len);
char        *qd_json_tape_string_dup     (const QdJsonTape  *tape,
                                          guint              index);
/* Does the string token decode to exactly these bytes? No allocation. */
gboolean     qd_json_tape_string_equal   (const QdJsonTape  *tape,
                                          guint              index,
                                          const char        *text,
                                          gsize              len);

/* A number token's text as written ("1.5e3"), not NUL-terminated. */
const char  *qd_json_tape_number_text    (const QdJsonTape  *tape,
                                          guint              index,
                                          gsize             *len);
/* An integer token's value (the guard has checked that it fits in 64 bits). */
gint64       qd_json_tape_get_int        (const QdJsonTape  *tape,
                                          guint              index);
/* A number token as the nearest double (g_ascii_strtod, as json-glib reads it). */
double       qd_json_tape_get_double     (const QdJsonTape  *tape,
                                          guint              index);

/*
 * The first byte at or after p that a string scanner must look at ('"', '\\', a control
 * character or a non-ASCII byte), or end. Eight bytes at a time: string bodies are most
 * of a payload's bytes.
 */
static inline gboolean
qd_json_byte_is_plain (guchar c)
{
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static inline const guchar *
qd_json_skip_plain (const guchar *p,
                    const guchar *end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);

  while (end - p >= 8)
    {
      guint64 x, quote, backslash, special;

      memcpy (&x, p, sizeof x);
      quote = x ^ (ones * '"');
      backslash = x ^ (ones * '\\');
      /*
       * Per byte, the top bit of: zero after the xor (a '"' or '\\'), below 0x20, or set.
       * A borrow can only flag bytes after a truly special one, so the lowest flag is exact.
       */
      special = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                 ((x - ones * 0x20) & ~x) | x) & (ones * 0x80);
      if (special != 0)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
          return p + (__builtin_ctzll (special) >> 3);
#else
          break;
#endif
        }
      p += 8;
    }
  while (p < end && qd_json_byte_is_plain (*p))
    p++;
  return p;
}

G_END_DECLS
