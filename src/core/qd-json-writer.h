/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/*
 * QdJsonWriter: compact JSON written straight into a GString. json-glib's generator prints
 * doubles with 17 significant digits, which would turn 187.10 into 187.09999999999999; this
 * writer prints decimals exactly (as JSON numbers or as strings), so what the bus carried is
 * what the API serves. Commas are placed automatically.
 */
typedef struct
{
  GString *str;
  guint    depth;
  guint64  need_comma;   /* bit per nesting level */
  gboolean after_key;
} QdJsonWriter;

void     qd_json_writer_init          (QdJsonWriter *w,
                                       GString      *str);
void     qd_json_writer_begin_object  (QdJsonWriter *w);
void     qd_json_writer_end_object    (QdJsonWriter *w);
void     qd_json_writer_begin_array   (QdJsonWriter *w);
void     qd_json_writer_end_array     (QdJsonWriter *w);
void     qd_json_writer_key           (QdJsonWriter *w,
                                       const char   *key);
/* NULL writes null. */
void     qd_json_writer_string        (QdJsonWriter *w,
                                       const char   *value);
void     qd_json_writer_int           (QdJsonWriter *w,
                                       gint64        value);
void     qd_json_writer_bool          (QdJsonWriter *w,
                                       gboolean      value);
void     qd_json_writer_null          (QdJsonWriter *w);
/* A decimal as a JSON number ("187.10" -> 187.10); none writes null. */
void     qd_json_writer_decimal       (QdJsonWriter *w,
                                       QdDecimal     value);
/* A decimal as a JSON string ("187.10"); none writes null. */
void     qd_json_writer_decimal_str   (QdJsonWriter *w,
                                       QdDecimal     value);
/* Raw, already valid JSON text. */
void     qd_json_writer_raw           (QdJsonWriter *w,
                                       const char   *json);

/* key + value helpers */
void     qd_json_writer_member_string      (QdJsonWriter *w, const char *key, const char *value);
void     qd_json_writer_member_int         (QdJsonWriter *w, const char *key, gint64 value);
void     qd_json_writer_member_bool        (QdJsonWriter *w, const char *key, gboolean value);
void     qd_json_writer_member_null        (QdJsonWriter *w, const char *key);
void     qd_json_writer_member_decimal     (QdJsonWriter *w, const char *key, QdDecimal value);
void     qd_json_writer_member_decimal_str (QdJsonWriter *w, const char *key, QdDecimal value);

/* Append s as a JSON string literal with escapes (no surrounding separators). */
void     qd_json_append_escaped       (GString      *str,
                                       const char   *s);

G_END_DECLS
