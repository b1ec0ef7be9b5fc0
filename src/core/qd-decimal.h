/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * QdDecimal: an exact fixed-point decimal, value = raw / 10^scale.
 *
 * scale is 0..QD_DECIMAL_MAX_SCALE, and the scale is kept as parsed, so "187.10" prints
 * back as "187.10". A scale of -1 is the "none" value (an absent optional field).
 * Prices, quantities and money travel from the bus to the screen and the API in this form;
 * nothing on that path goes through double.
 *
 * raw stays within ±G_MAXINT64 (G_MININT64 is never produced), so negate and abs always work;
 * results outside that range are QD_DECIMAL_ERROR_OVERFLOW. Arithmetic on a none operand is
 * QD_DECIMAL_ERROR_MALFORMED.
 */
#define QD_DECIMAL_MAX_SCALE 9
#define QD_TYPE_DECIMAL (qd_decimal_get_type ())
#define QD_DECIMAL_ERROR (qd_decimal_error_quark ())

typedef struct
{
  gint64 raw;
  gint   scale;
} QdDecimal;

#define QD_DECIMAL_NONE ((QdDecimal) { 0, -1 })
#define QD_DECIMAL_ZERO ((QdDecimal) { 0, 0 })

typedef enum
{
  QD_DECIMAL_ERROR_MALFORMED,
  QD_DECIMAL_ERROR_OVERFLOW,
  QD_DECIMAL_ERROR_PRECISION,
  QD_DECIMAL_ERROR_DIVISION_BY_ZERO,
  QD_DECIMAL_ERROR_CURRENCY_MISMATCH,
} QdDecimalError;

typedef enum
{
  QD_ROUND_HALF_EVEN,   /* banker's rounding: the default for money */
  QD_ROUND_HALF_UP,     /* away from zero on a tie */
  QD_ROUND_DOWN,        /* toward zero (truncate) */
  QD_ROUND_FLOOR,       /* toward -infinity */
  QD_ROUND_CEILING,     /* toward +infinity */
  QD_ROUND_EXACT,       /* fail with QD_DECIMAL_ERROR_PRECISION if digits would be lost */
} QdRounding;

/* Money: an amount and its ISO currency code ("1.00 USD"). */
#define QD_CURRENCY_MAX 15
typedef struct
{
  QdDecimal amount;
  char      currency[QD_CURRENCY_MAX + 1];
} QdMoney;

GType      qd_decimal_get_type        (void) G_GNUC_CONST;
GQuark     qd_decimal_error_quark     (void);

QdDecimal *qd_decimal_copy            (const QdDecimal *self);
void       qd_decimal_free            (QdDecimal       *self);

/* Parsing: optional sign, digits, optional '.' and up to 9 fractional digits. No exponent,
 * no spaces, no leading '+' with nothing after it. len < 0 means NUL-terminated.
 * As in JSON and the node's output, both sides of the point need digits: ".5" and "1." are
 * QD_DECIMAL_ERROR_MALFORMED. More than 9 fractional digits is QD_DECIMAL_ERROR_PRECISION
 * (even if they are zeros); an integer part beyond the raw range is QD_DECIMAL_ERROR_OVERFLOW. */
gboolean   qd_decimal_parse           (const char      *text,
                                       gssize           len,
                                       QdDecimal       *out,
                                       GError         **error);
/* Money text "<amount> <CCY>" (one space, a code of 1..QD_CURRENCY_MAX of [A-Z0-9]), or a
 * bare amount (currency then ""). */
gboolean   qd_money_parse             (const char      *text,
                                       gssize           len,
                                       QdMoney         *out,
                                       GError         **error);
/* A double (display-only or a JSON float from the bus, e.g. avg_px_open) to its shortest
 * round-tripping decimal text, rounded half-even to at most max_scale digits, without
 * trailing zeros (187.1 -> "187.1"). NaN and infinities are QD_DECIMAL_ERROR_MALFORMED. */
gboolean   qd_decimal_from_double     (double           value,
                                       gint             max_scale,
                                       QdDecimal       *out,
                                       GError         **error);
/* value must not be G_MININT64. */
QdDecimal  qd_decimal_from_int        (gint64           value);

/* Printing: exactly the parsed scale ("187.10"). "" for none. buf needs QD_DECIMAL_STR_MAX. */
#define QD_DECIMAL_STR_MAX 32
char      *qd_decimal_to_string       (QdDecimal        value);
const char*qd_decimal_format          (QdDecimal        value,
                                       char             buf[QD_DECIMAL_STR_MAX]);
char      *qd_money_to_string         (const QdMoney   *money);
/* Display: `decimals` places (< 0: the value's own scale), rounded half-even, with the
 * locale's decimal point and, if `thousands`, its grouping separator ("18,710.00"; "," when
 * the locale has none). A value that rounds to zero has no sign. "" for none. */
char      *qd_decimal_to_display      (QdDecimal        value,
                                       gint             decimals,
                                       gboolean         thousands);

static inline gboolean
qd_decimal_is_none (QdDecimal value)
{
  return value.scale < 0;
}

gboolean   qd_decimal_is_zero         (QdDecimal        value);
gint       qd_decimal_sign            (QdDecimal        value);
/* -1, 0, 1; none sorts before every value. */
gint       qd_decimal_compare         (QdDecimal        a,
                                       QdDecimal        b);
gboolean   qd_decimal_equal           (QdDecimal        a,
                                       QdDecimal        b);
/* Same value and same scale: "1.0" and "1.00" are equal but not identical. */
gboolean   qd_decimal_identical       (QdDecimal        a,
                                       QdDecimal        b);
QdDecimal  qd_decimal_negate          (QdDecimal        value);
QdDecimal  qd_decimal_abs             (QdDecimal        value);

/* Exact arithmetic: result scale is max(a.scale, b.scale); overflow is an error. */
gboolean   qd_decimal_add             (QdDecimal        a,
                                       QdDecimal        b,
                                       QdDecimal       *out,
                                       GError         **error);
gboolean   qd_decimal_sub             (QdDecimal        a,
                                       QdDecimal        b,
                                       QdDecimal       *out,
                                       GError         **error);
/* Product rounded to `scale` digits with `rounding`. */
gboolean   qd_decimal_mul             (QdDecimal        a,
                                       QdDecimal        b,
                                       gint             scale,
                                       QdRounding       rounding,
                                       QdDecimal       *out,
                                       GError         **error);
/* Quotient rounded to `scale` digits with `rounding`. */
gboolean   qd_decimal_div             (QdDecimal        a,
                                       QdDecimal        b,
                                       gint             scale,
                                       QdRounding       rounding,
                                       QdDecimal       *out,
                                       GError         **error);
/* Change the scale, rounding if digits are dropped. */
gboolean   qd_decimal_rescale         (QdDecimal        value,
                                       gint             scale,
                                       QdRounding       rounding,
                                       QdDecimal       *out,
                                       GError         **error);
/* Drop trailing fractional zeros ("187.100" -> "187.1", "100.00" -> "100"). */
QdDecimal  qd_decimal_normalize       (QdDecimal        value);
/* Is value a whole multiple of increment (e.g. a price on its tick size)? FALSE for none or
 * a zero increment. */
gboolean   qd_decimal_is_multiple_of  (QdDecimal        value,
                                       QdDecimal        increment);
/* Display-only conversion; NaN for none. */
double     qd_decimal_to_double       (QdDecimal        value);

G_END_DECLS
