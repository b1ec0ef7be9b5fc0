/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-json-writer.h"

void
qd_json_writer_init (QdJsonWriter *w,
                     GString      *str)
{
  w->str = str;
  w->depth = 0;
  w->need_comma = 0;
  w->after_key = FALSE;
}

/* Separator before a value or a key at the current level. */
static void
separate (QdJsonWriter *w)
{
  guint64 bit;

  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }

  bit = G_GUINT64_CONSTANT (1) << (w->depth & 63);
  if (w->need_comma & bit)
    g_string_append_c (w->str, ',');
  else
    w->need_comma |= bit;
}

static void
open_level (QdJsonWriter *w,
            char          c)
{
  separate (w);
  g_string_append_c (w->str, c);
  w->depth++;
  w->need_comma &= ~(G_GUINT64_CONSTANT (1) << (w->depth & 63));
}

static void
close_level (QdJsonWriter *w,
             char          c)
{
  g_assert (w->depth > 0);
  w->depth--;
  g_string_append_c (w->str, c);
}

void
qd_json_writer_begin_object (QdJsonWriter *w)
{
  open_level (w, '{');
}

void
qd_json_writer_end_object (QdJsonWriter *w)
{
  close_level (w, '}');
}

void
qd_json_writer_begin_array (QdJsonWriter *w)
{
  open_level (w, '[');
}

void
qd_json_writer_end_array (QdJsonWriter *w)
{
  close_level (w, ']');
}

void
qd_json_append_escaped (GString    *str,
                        const char *s)
{
  const guchar *p;

  g_string_append_c (str, '"');
  for (p = (const guchar *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (str, "\\\""); break;
        case '\\': g_string_append (str, "\\\\"); break;
        case '\n': g_string_append (str, "\\n"); break;
        case '\r': g_string_append (str, "\\r"); break;
        case '\t': g_string_append (str, "\\t"); break;
        case '\b': g_string_append (str, "\\b"); break;
        case '\f': g_string_append (str, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (str, "\\u%04x", *p);
          else
            g_string_append_c (str, (char) *p);
          break;
        }
    }
  g_string_append_c (str, '"');
}

void
qd_json_writer_key (QdJsonWriter *w,
                    const char   *key)
{
  separate (w);
  qd_json_append_escaped (w->str, key);
  g_string_append_c (w->str, ':');
  w->after_key = TRUE;
}

void
qd_json_writer_string (QdJsonWriter *w,
                       const char   *value)
{
  separate (w);
  if (value == NULL)
    g_string_append (w->str, "null");
  else
    qd_json_append_escaped (w->str, value);
}

void
qd_json_writer_int (QdJsonWriter *w,
                    gint64        value)
{
  separate (w);
  g_string_append_printf (w->str, "%" G_GINT64_FORMAT, value);
}

void
qd_json_writer_bool (QdJsonWriter *w,
                     gboolean      value)
{
  separate (w);
  g_string_append (w->str, value ? "true" : "false");
}

void
qd_json_writer_null (QdJsonWriter *w)
{
  separate (w);
  g_string_append (w->str, "null");
}

void
qd_json_writer_decimal (QdJsonWriter *w,
                        QdDecimal     value)
{
  char buf[QD_DECIMAL_STR_MAX];

  separate (w);
  if (qd_decimal_is_none (value))
    g_string_append (w->str, "null");
  else
    g_string_append (w->str, qd_decimal_format (value, buf));
}

void
qd_json_writer_decimal_str (QdJsonWriter *w,
                            QdDecimal     value)
{
  char buf[QD_DECIMAL_STR_MAX];

  separate (w);
  if (qd_decimal_is_none (value))
    {
      g_string_append (w->str, "null");
      return;
    }
  g_string_append_c (w->str, '"');
  g_string_append (w->str, qd_decimal_format (value, buf));
  g_string_append_c (w->str, '"');
}

void
qd_json_writer_raw (QdJsonWriter *w,
                    const char   *json)
{
  separate (w);
  g_string_append (w->str, json);
}

void
qd_json_writer_member_string (QdJsonWriter *w, const char *key, const char *value)
{
  qd_json_writer_key (w, key);
  qd_json_writer_string (w, value);
}

void
qd_json_writer_member_int (QdJsonWriter *w, const char *key, gint64 value)
{
  qd_json_writer_key (w, key);
  qd_json_writer_int (w, value);
}

void
qd_json_writer_member_bool (QdJsonWriter *w, const char *key, gboolean value)
{
  qd_json_writer_key (w, key);
  qd_json_writer_bool (w, value);
}

void
qd_json_writer_member_null (QdJsonWriter *w, const char *key)
{
  qd_json_writer_key (w, key);
  qd_json_writer_null (w);
}

void
qd_json_writer_member_decimal (QdJsonWriter *w, const char *key, QdDecimal value)
{
  qd_json_writer_key (w, key);
  qd_json_writer_decimal (w, value);
}

void
qd_json_writer_member_decimal_str (QdJsonWriter *w, const char *key, QdDecimal value)
{
  qd_json_writer_key (w, key);
  qd_json_writer_decimal_str (w, value);
}
