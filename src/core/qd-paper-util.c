/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qd-paper-private.h"

/* Shared by the paper venue's files: checked decimal arithmetic, the node's timestamp
 * spellings, Python-style floats, and seeded UUID4 event ids. */

/* Decimal helpers. Operands are bounded by command validation and the margin check, so a
 * failure here is a modelling bug: log it and keep the left operand rather than abort. */

static QdDecimal
checked (gboolean   ok,
         QdDecimal  result,
         QdDecimal  fallback,
         GError    *error)
{
  if (ok)
    return result;
  g_debug ("paper venue: decimal arithmetic failed: %s", error ? error->message : "?");
  g_clear_error (&error);
  return fallback;
}

QdDecimal
qd_paper_add (QdDecimal a,
              QdDecimal b)
{
  GError *error = NULL;
  QdDecimal out = QD_DECIMAL_ZERO;
  gboolean ok = qd_decimal_add (a, b, &out, &error);

  return checked (ok, out, a, error);
}

QdDecimal
qd_paper_sub (QdDecimal a,
              QdDecimal b)
{
  GError *error = NULL;
  QdDecimal out = QD_DECIMAL_ZERO;
  gboolean ok = qd_decimal_sub (a, b, &out, &error);

  return checked (ok, out, a, error);
}

QdDecimal
qd_paper_mul (QdDecimal a,
              QdDecimal b,
              gint      scale)
{
  GError *error = NULL;
  QdDecimal out = QD_DECIMAL_ZERO;
  gboolean ok = qd_decimal_mul (a, b, scale, QD_ROUND_HALF_EVEN, &out, &error);

  return checked (ok, out, a, error);
}

QdDecimal
qd_paper_div (QdDecimal a,
              QdDecimal b,
              gint      scale)
{
  GError *error = NULL;
  QdDecimal out = QD_DECIMAL_ZERO;
  gboolean ok = qd_decimal_div (a, b, scale, QD_ROUND_HALF_EVEN, &out, &error);

  return checked (ok, out, a, error);
}

QdDecimal
qd_paper_round (QdDecimal value,
                gint      scale)
{
  GError *error = NULL;
  QdDecimal out = QD_DECIMAL_ZERO;
  gboolean ok = qd_decimal_rescale (value, scale, QD_ROUND_HALF_EVEN, &out, &error);

  return checked (ok, out, value, error);
}

/* Time formatting */

static char *
format_utc (gint64      ns,
            const char *fraction,
            const char *zone)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ns / QD_PAPER_NS_PER_SEC);
  g_autofree char *base = NULL;

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strconcat (base, fraction, zone, NULL);
}

/* pandas Timestamp.isoformat() with "+00:00" replaced by "Z": 0, 6 or 9 digits. */
char *
qd_paper_format_iso_pandas (gint64 ns)
{
  gint64 frac = ns % QD_PAPER_NS_PER_SEC;
  char buf[16] = "";

  if (frac != 0 && frac % 1000 == 0)
    g_snprintf (buf, sizeof buf, ".%06" G_GINT64_FORMAT, frac / 1000);
  else if (frac != 0)
    g_snprintf (buf, sizeof buf, ".%09" G_GINT64_FORMAT, frac);
  return format_utc (ns, buf, "Z");
}

/* Python datetime.isoformat() of an aware UTC datetime: microseconds when not zero. */
char *
qd_paper_format_iso_python (gint64 ns)
{
  gint64 us = (ns % QD_PAPER_NS_PER_SEC) / 1000;
  char buf[16] = "";

  if (us != 0)
    g_snprintf (buf, sizeof buf, ".%06" G_GINT64_FORMAT, us);
  return format_utc (ns, buf, "+00:00");
}

/* chrono's to_rfc3339() (SecondsFormat::AutoSi): 0, 3, 6 or 9 digits. */
char *
qd_paper_format_rfc3339 (gint64 ns)
{
  gint64 frac = ns % QD_PAPER_NS_PER_SEC;
  char buf[16] = "";

  if (frac != 0 && frac % 1000000 == 0)
    g_snprintf (buf, sizeof buf, ".%03" G_GINT64_FORMAT, frac / 1000000);
  else if (frac != 0 && frac % 1000 == 0)
    g_snprintf (buf, sizeof buf, ".%06" G_GINT64_FORMAT, frac / 1000);
  else if (frac != 0)
    g_snprintf (buf, sizeof buf, ".%09" G_GINT64_FORMAT, frac);
  return format_utc (ns, buf, "+00:00");
}

/* JSON helpers */

/* A top-level ts_* value as the node's serializer writes it. */
void
qd_paper_write_ts (QdPaperVenue *self,
                   QdJsonWriter *w,
                   const char   *key,
                   gint64        ns)
{
  char buf[32];

  qd_json_writer_key (w, key);
  if (self->iso_timestamps)
    {
      g_autofree char *iso = qd_paper_format_iso_pandas (ns);
      qd_json_writer_string (w, iso);
      return;
    }
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, ns);
  qd_json_writer_string (w, buf);
}

/* A Python float holding an exact decimal: repr() is the shortest text, with ".0". */
void
qd_paper_write_float (QdJsonWriter *w,
                      QdDecimal     value)
{
  char buf[QD_DECIMAL_STR_MAX + 2];

  value = qd_decimal_normalize (value);
  qd_decimal_format (value, buf);
  if (value.scale <= 0)
    g_strlcat (buf, ".0", sizeof buf);
  qd_json_writer_raw (w, buf);
}

/* Python's repr() layout of `ndigits` significant digits with decimal exponent `exp`. */
static void
python_float_text (const char *digits,
                   gint        ndigits,
                   gint        exp,
                   gboolean    negative,
                   GString    *out)
{
  gint i;

  if (negative)
    g_string_append_c (out, '-');
  if (exp < -4 || exp >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (ndigits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + 1, ndigits - 1);
        }
      g_string_append_printf (out, "e%c%02d", exp < 0 ? '-' : '+', ABS (exp));
      return;
    }
  if (exp < 0)
    {
      g_string_append (out, "0.");
      for (i = exp + 1; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, ndigits);
      return;
    }
  for (i = 0; i <= exp; i++)
    g_string_append_c (out, i < ndigits ? digits[i] : '0');
  g_string_append_c (out, '.');
  if (ndigits > exp + 1)
    g_string_append_len (out, digits + exp + 1, ndigits - exp - 1);
  else
    g_string_append_c (out, '0');
}

/* A computed double as Python's repr() writes it: the shortest text that round-trips. */
void
qd_paper_write_double (QdJsonWriter *w,
                       double        value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[24];
  char format[8];
  const char *p;
  gint prec, n = 0;

  if (!isfinite (value))
    {
      qd_json_writer_null (w);
      return;
    }
  if (value == 0.0)
    {
      qd_json_writer_raw (w, "0.0");
      return;
    }
  for (prec = 0; prec < 17; prec++)
    {
      g_snprintf (format, sizeof format, "%%.%de", prec);
      g_ascii_formatd (buf, sizeof buf, format, fabs (value));
      if (g_ascii_strtod (buf, NULL) == fabs (value))
        break;
    }
  /* buf is "d.ddde±XX": collect the digits, then the exponent. */
  for (p = buf; *p != 'e' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  python_float_text (digits, n, *p == 'e' ? atoi (p + 1) : 0, value < 0, out);
  qd_json_writer_raw (w, out->str);
}

void
qd_paper_write_money (QdJsonWriter *w,
                      const char   *key,
                      QdDecimal     amount)
{
  g_autofree char *text = NULL;
  char buf[QD_DECIMAL_STR_MAX];

  text = g_strconcat (qd_decimal_format (qd_paper_round (amount, 2), buf), " USD", NULL);
  qd_json_writer_member_string (w, key, text);
}

/* Ids */

void
qd_paper_venue_new_uuid (QdPaperVenue *self,
                         char          out[37])
{
  guint8 b[16];
  guint i;

  for (i = 0; i < 16; i += 4)
    {
      guint32 r = g_rand_int (self->rand);
      b[i] = r & 0xff;
      b[i + 1] = (r >> 8) & 0xff;
      b[i + 2] = (r >> 16) & 0xff;
      b[i + 3] = (r >> 24) & 0xff;
    }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  g_snprintf (out, 37,
              "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
              b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}


/* Names echoed into error messages: at most 64 characters, cut on a character boundary
 * (the command was checked to be valid UTF-8). */
char *
qd_paper_clip (const char *text)
{
  glong n = g_utf8_strlen (text, -1);

  return g_utf8_substring (text, 0, MIN (n, 64));
}
