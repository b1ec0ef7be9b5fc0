/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "qd-decimal.h"

/*
 * Raw values stay within ±G_MAXINT64: G_MININT64 has no positive counterpart, so allowing it
 * would make negate and abs fail. Intermediate results use a 128-bit integer, which holds the
 * product of two raws, or a raw times 10^18, without overflowing.
 */
typedef __int128 QdWide;

#define ERROR_TEXT_MAX 64

G_DEFINE_QUARK (qd-decimal-error-quark, qd_decimal_error)

G_DEFINE_BOXED_TYPE (QdDecimal, qd_decimal, qd_decimal_copy, qd_decimal_free)

QdDecimal *
qd_decimal_copy (const QdDecimal *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
qd_decimal_free (QdDecimal *self)
{
  g_free (self);
}

static QdWide
pow10_wide (gint n)
{
  QdWide result = 1;

  g_assert (n >= 0 && n <= 38);
  while (n-- > 0)
    result *= 10;
  return result;
}

static QdWide
wide_abs (QdWide v)
{
  return v < 0 ? -v : v;
}

static gboolean
wide_fits (QdWide v)
{
  return v >= -(QdWide) G_MAXINT64 && v <= (QdWide) G_MAXINT64;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW,
                       "Decimal result is out of range");
  return FALSE;
}

static gboolean
set_none_operand (GError **error)
{
  g_set_error_literal (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED,
                       "Decimal operand has no value");
  return FALSE;
}

static gboolean
set_inexact (GError **error)
{
  g_set_error_literal (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION,
                       "Rounding would lose digits");
  return FALSE;
}

/* n / d rounded with `rounding`; FALSE only for QD_ROUND_EXACT when digits are lost. */
static gboolean
div_round (QdWide      n,
           QdWide      d,
           QdRounding  rounding,
           QdWide     *out)
{
  QdWide q = n / d;
  QdWide r = n % d;
  QdWide twice_r = 2 * wide_abs (r);
  QdWide abs_d = wide_abs (d);
  QdWide away = ((n < 0) != (d < 0)) ? -1 : 1;

  *out = q;
  if (r == 0)
    return TRUE;

  switch (rounding)
    {
    case QD_ROUND_DOWN:
      break;
    case QD_ROUND_FLOOR:
      if (away < 0)
        *out = q - 1;
      break;
    case QD_ROUND_CEILING:
      if (away > 0)
        *out = q + 1;
      break;
    case QD_ROUND_HALF_UP:
      if (twice_r >= abs_d)
        *out = q + away;
      break;
    case QD_ROUND_HALF_EVEN:
      if (twice_r > abs_d || (twice_r == abs_d && (q & 1) != 0))
        *out = q + away;
      break;
    case QD_ROUND_EXACT:
      return FALSE;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* A wide value at scale `from` to a decimal at scale `to`. */
static gboolean
wide_to_decimal (QdWide       v,
                 gint         from,
                 gint         to,
                 QdRounding   rounding,
                 QdDecimal   *out,
                 GError     **error)
{
  QdWide result;

  if (to >= from)
    {
      /* Scaling up only grows the magnitude, so an out-of-range start stays out of range. */
      if (!wide_fits (v))
        return set_overflow (error);
      result = v * pow10_wide (to - from);
    }
  else if (!div_round (v, pow10_wide (from - to), rounding, &result))
    {
      return set_inexact (error);
    }

  if (!wide_fits (result))
    return set_overflow (error);

  out->raw = (gint64) result;
  out->scale = to;
  return TRUE;
}

static QdWide
wide_at_scale (QdDecimal value,
               gint      scale)
{
  g_assert (scale >= value.scale);

  return (QdWide) value.raw * pow10_wide (scale - value.scale);
}

/* Parsing */

static gboolean
set_malformed (const char  *text,
               gsize        len,
               GError     **error)
{
  g_set_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED,
               "“%.*s” is not a decimal number", (int) MIN (len, ERROR_TEXT_MAX), text);
  return FALSE;
}

static gsize
count_digits (const char *p,
              const char *end)
{
  const char *start = p;

  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p - start;
}

/* acc followed by n more digits; sets *overflow past G_MAXINT64. */
static QdWide
accumulate_digits (const char *p,
                   gsize       n,
                   QdWide      acc,
                   gboolean   *overflow)
{
  for (gsize i = 0; i < n; i++)
    {
      acc = acc * 10 + (p[i] - '0');
      if (acc > (QdWide) G_MAXINT64)
        {
          *overflow = TRUE;
          return 0;
        }
    }
  return acc;
}

gboolean
qd_decimal_parse (const char  *text,
                  gssize       len,
                  QdDecimal   *out,
                  GError     **error)
{
  const char *p;
  const char *end;
  const char *int_start;
  const char *frac_start = NULL;
  gsize int_digits;
  gsize frac_digits = 0;
  gboolean negative = FALSE;
  gboolean overflow = FALSE;
  QdWide acc;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (len < 0)
    len = strlen (text);
  p = text;
  end = text + len;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  int_start = p;
  int_digits = count_digits (p, end);
  p += int_digits;
  if (p < end && *p == '.')
    {
      frac_start = ++p;
      frac_digits = count_digits (p, end);
      p += frac_digits;
    }

  /* Like JSON and the node's own output: digits on both sides of the point, nothing else. */
  if (int_digits == 0 || p != end || (frac_start != NULL && frac_digits == 0))
    return set_malformed (text, len, error);

  if (frac_digits > QD_DECIMAL_MAX_SCALE)
    {
      g_set_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION,
                   "“%.*s” has more than %d decimal places",
                   (int) MIN ((gsize) len, ERROR_TEXT_MAX), text, QD_DECIMAL_MAX_SCALE);
      return FALSE;
    }

  acc = accumulate_digits (int_start, int_digits, 0, &overflow);
  if (!overflow && frac_digits > 0)
    acc = accumulate_digits (frac_start, frac_digits, acc, &overflow);
  if (overflow)
    return set_overflow (error);

  out->raw = (gint64) (negative ? -acc : acc);
  out->scale = (gint) frac_digits;
  return TRUE;
}

static gboolean
is_currency_code (const char *p,
                  gsize       len)
{
  if (len == 0 || len > QD_CURRENCY_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isupper (p[i]) && !g_ascii_isdigit (p[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
qd_money_parse (const char  *text,
                gssize       len,
                QdMoney     *out,
                GError     **error)
{
  const char *space;
  gsize amount_len;
  gsize currency_len;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (len < 0)
    len = strlen (text);

  space = memchr (text, ' ', len);
  amount_len = space != NULL ? (gsize) (space - text) : (gsize) len;
  currency_len = space != NULL ? len - amount_len - 1 : 0;

  if (space != NULL && !is_currency_code (space + 1, currency_len))
    {
      g_set_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED,
                   "“%.*s” is not an amount with a currency code",
                   (int) MIN ((gsize) len, ERROR_TEXT_MAX), text);
      return FALSE;
    }

  if (!qd_decimal_parse (text, amount_len, &out->amount, error))
    return FALSE;

  if (space != NULL)
    memcpy (out->currency, space + 1, currency_len);
  out->currency[currency_len] = '\0';
  return TRUE;
}

/* Shortest "d.ddde±XX" text that reads back as exactly `value`. */
static void
shortest_exponent_text (double  value,
                        char   *buf,
                        gint    buf_len)
{
  for (gint precision = 0; precision <= 16; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, buf_len, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

/* Splits "-d.ddde±XX" into its significant digits (at most 17) and a power of ten. */
static void
split_exponent_text (const char *text,
                     gboolean   *negative,
                     guint64    *digits,
                     gint       *exp10)
{
  const char *p = text;
  gint frac = 0;
  gboolean in_frac = FALSE;

  *negative = *p == '-';
  if (*negative)
    p++;

  *digits = 0;
  for (; *p != 'e'; p++)
    {
      if (*p == '.')
        {
          in_frac = TRUE;
          continue;
        }
      *digits = *digits * 10 + (guint64) (*p - '0');
      frac += in_frac ? 1 : 0;
    }

  *exp10 = (gint) g_ascii_strtoll (p + 1, NULL, 10) - frac;
}

gboolean
qd_decimal_from_double (double      value,
                        gint        max_scale,
                        QdDecimal  *out,
                        GError    **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean negative;
  guint64 digits;
  gint exp10;
  gint scale;
  QdWide v;

  g_return_val_if_fail (max_scale >= 0 && max_scale <= QD_DECIMAL_MAX_SCALE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!isfinite (value))
    {
      g_set_error_literal (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED,
                           "Not a finite number");
      return FALSE;
    }

  shortest_exponent_text (value, text, sizeof text);
  split_exponent_text (text, &negative, &digits, &exp10);

  if (exp10 > 18)
    return set_overflow (error);

  v = negative ? -(QdWide) digits : (QdWide) digits;
  scale = exp10 >= 0 ? 0 : -exp10;

  /* Below 10^-18 relative to the last kept digit, the value rounds to zero. */
  if (scale - max_scale > 18)
    {
      *out = QD_DECIMAL_ZERO;
      return TRUE;
    }

  if (exp10 > 0)
    v *= pow10_wide (exp10);
  if (!wide_to_decimal (v, scale, MIN (scale, max_scale), QD_ROUND_HALF_EVEN, out, error))
    return FALSE;

  *out = qd_decimal_normalize (*out);
  return TRUE;
}

QdDecimal
qd_decimal_from_int (gint64 value)
{
  g_return_val_if_fail (value != G_MININT64, QD_DECIMAL_NONE);

  return (QdDecimal) { value, 0 };
}

/* Printing */

/* Decimal digits of |v|, least significant first; at least min_digits (zero padded). */
static gsize
magnitude_digits (QdWide  v,
                  gsize   min_digits,
                  char   *digits)
{
  gsize n = 0;

  v = wide_abs (v);
  do
    {
      digits[n++] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
  while (v != 0);

  while (n < min_digits)
    digits[n++] = '0';
  return n;
}

const char *
qd_decimal_format (QdDecimal value,
                   char      buf[QD_DECIMAL_STR_MAX])
{
  char digits[QD_DECIMAL_STR_MAX];
  gsize n;
  gsize o = 0;

  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (value.scale <= QD_DECIMAL_MAX_SCALE, NULL);

  if (qd_decimal_is_none (value))
    {
      buf[0] = '\0';
      return buf;
    }

  n = magnitude_digits (value.raw, value.scale + 1, digits);
  if (value.raw < 0)
    buf[o++] = '-';
  for (gsize i = n; i-- > 0;)
    {
      buf[o++] = digits[i];
      if (i == (gsize) value.scale && i != 0)
        buf[o++] = '.';
    }
  buf[o] = '\0';
  return buf;
}

char *
qd_decimal_to_string (QdDecimal value)
{
  char buf[QD_DECIMAL_STR_MAX];

  return g_strdup (qd_decimal_format (value, buf));
}

char *
qd_money_to_string (const QdMoney *money)
{
  char buf[QD_DECIMAL_STR_MAX];

  g_return_val_if_fail (money != NULL, NULL);

  qd_decimal_format (money->amount, buf);
  if (money->currency[0] == '\0' || qd_decimal_is_none (money->amount))
    return g_strdup (buf);
  return g_strconcat (buf, " ", money->currency, NULL);
}

static void
locale_separators (const char **point,
                   const char **group)
{
  const struct lconv *lc = localeconv ();

  *point = lc->decimal_point != NULL && *lc->decimal_point != '\0' ? lc->decimal_point : ".";
  if (lc->thousands_sep != NULL && *lc->thousands_sep != '\0')
    *group = lc->thousands_sep;
  else
    *group = g_str_equal (*point, ",") ? "." : ",";
}

char *
qd_decimal_to_display (QdDecimal value,
                       gint      decimals,
                       gboolean  thousands)
{
  char digits[64];
  const char *point;
  const char *group;
  GString *out;
  QdWide v;
  gsize n;

  g_return_val_if_fail (decimals <= QD_DECIMAL_MAX_SCALE, NULL);

  if (qd_decimal_is_none (value))
    return g_strdup ("");
  if (decimals < 0)
    decimals = value.scale;

  /* 128 bits hold any raw at any scale, so display never fails. */
  if (decimals >= value.scale)
    v = wide_at_scale (value, decimals);
  else
    div_round (value.raw, pow10_wide (value.scale - decimals), QD_ROUND_HALF_EVEN, &v);

  locale_separators (&point, &group);
  n = magnitude_digits (v, decimals + 1, digits);
  out = g_string_sized_new (n * 2 + 2);
  if (v < 0)
    g_string_append_c (out, '-');
  for (gsize i = n; i-- > 0;)
    {
      g_string_append_c (out, digits[i]);
      if (i == (gsize) decimals && i != 0)
        g_string_append (out, point);
      else if (thousands && i > (gsize) decimals && (i - decimals) % 3 == 0)
        g_string_append (out, group);
    }
  return g_string_free (out, FALSE);
}

/* Comparison */

gboolean
qd_decimal_is_zero (QdDecimal value)
{
  return !qd_decimal_is_none (value) && value.raw == 0;
}

gint
qd_decimal_sign (QdDecimal value)
{
  if (qd_decimal_is_none (value) || value.raw == 0)
    return 0;
  return value.raw < 0 ? -1 : 1;
}

gint
qd_decimal_compare (QdDecimal a,
                    QdDecimal b)
{
  gint scale;
  QdWide wa;
  QdWide wb;

  if (qd_decimal_is_none (a) || qd_decimal_is_none (b))
    return (qd_decimal_is_none (a) ? 0 : 1) - (qd_decimal_is_none (b) ? 0 : 1);

  scale = MAX (a.scale, b.scale);
  wa = wide_at_scale (a, scale);
  wb = wide_at_scale (b, scale);
  return (wa > wb) - (wa < wb);
}

gboolean
qd_decimal_equal (QdDecimal a,
                  QdDecimal b)
{
  return qd_decimal_compare (a, b) == 0;
}

gboolean
qd_decimal_identical (QdDecimal a,
                      QdDecimal b)
{
  if (qd_decimal_is_none (a) || qd_decimal_is_none (b))
    return qd_decimal_is_none (a) && qd_decimal_is_none (b);
  return a.raw == b.raw && a.scale == b.scale;
}

QdDecimal
qd_decimal_negate (QdDecimal value)
{
  if (!qd_decimal_is_none (value))
    value.raw = -value.raw;
  return value;
}

QdDecimal
qd_decimal_abs (QdDecimal value)
{
  if (value.raw < 0)
    value.raw = -value.raw;
  return value;
}

/* Arithmetic */

gboolean
qd_decimal_add (QdDecimal   a,
                QdDecimal   b,
                QdDecimal  *out,
                GError    **error)
{
  gint scale;

  g_return_val_if_fail (out != NULL, FALSE);

  if (qd_decimal_is_none (a) || qd_decimal_is_none (b))
    return set_none_operand (error);

  scale = MAX (a.scale, b.scale);
  return wide_to_decimal (wide_at_scale (a, scale) + wide_at_scale (b, scale),
                          scale, scale, QD_ROUND_EXACT, out, error);
}

gboolean
qd_decimal_sub (QdDecimal   a,
                QdDecimal   b,
                QdDecimal  *out,
                GError    **error)
{
  return qd_decimal_add (a, qd_decimal_negate (b), out, error);
}

gboolean
qd_decimal_mul (QdDecimal    a,
                QdDecimal    b,
                gint         scale,
                QdRounding   rounding,
                QdDecimal   *out,
                GError     **error)
{
  g_return_val_if_fail (scale >= 0 && scale <= QD_DECIMAL_MAX_SCALE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (qd_decimal_is_none (a) || qd_decimal_is_none (b))
    return set_none_operand (error);

  return wide_to_decimal ((QdWide) a.raw * b.raw, a.scale + b.scale, scale, rounding,
                          out, error);
}

gboolean
qd_decimal_div (QdDecimal    a,
                QdDecimal    b,
                gint         scale,
                QdRounding   rounding,
                QdDecimal   *out,
                GError     **error)
{
  QdWide n;
  QdWide d;
  QdWide q;

  g_return_val_if_fail (scale >= 0 && scale <= QD_DECIMAL_MAX_SCALE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (qd_decimal_is_none (a) || qd_decimal_is_none (b))
    return set_none_operand (error);
  if (b.raw == 0)
    {
      g_set_error_literal (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_DIVISION_BY_ZERO,
                           "Division by zero");
      return FALSE;
    }

  /* (a.raw / 10^sa) / (b.raw / 10^sb) at scale s = a.raw * 10^(sb + s) / (b.raw * 10^sa) */
  n = (QdWide) a.raw * pow10_wide (b.scale + scale);
  d = (QdWide) b.raw * pow10_wide (a.scale);
  if (!div_round (n, d, rounding, &q))
    return set_inexact (error);

  return wide_to_decimal (q, scale, scale, QD_ROUND_EXACT, out, error);
}

gboolean
qd_decimal_rescale (QdDecimal    value,
                    gint         scale,
                    QdRounding   rounding,
                    QdDecimal   *out,
                    GError     **error)
{
  g_return_val_if_fail (scale >= 0 && scale <= QD_DECIMAL_MAX_SCALE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (qd_decimal_is_none (value))
    return set_none_operand (error);

  return wide_to_decimal (value.raw, value.scale, scale, rounding, out, error);
}

QdDecimal
qd_decimal_normalize (QdDecimal value)
{
  while (value.scale > 0 && value.raw % 10 == 0)
    {
      value.raw /= 10;
      value.scale--;
    }
  return value;
}

gboolean
qd_decimal_is_multiple_of (QdDecimal value,
                           QdDecimal increment)
{
  gint scale;
  QdWide inc;

  if (qd_decimal_is_none (value) || qd_decimal_is_none (increment) || increment.raw == 0)
    return FALSE;

  scale = MAX (value.scale, increment.scale);
  inc = wide_at_scale (increment, scale);
  return wide_at_scale (value, scale) % inc == 0;
}

double
qd_decimal_to_double (QdDecimal value)
{
  if (qd_decimal_is_none (value))
    return NAN;
  return (double) value.raw / (double) pow10_wide (value.scale);
}
