/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "qd-decimal.h"
#include "qd-test-util.h"

static QdDecimal
dec (const char *text)
{
  g_autoptr(GError) error = NULL;
  QdDecimal value;

  if (!qd_decimal_parse (text, -1, &value, &error))
    g_error ("cannot parse %s: %s", text, error->message);
  return value;
}

static void
assert_parse_error (const char *text,
                    gint        code)
{
  g_autoptr(GError) error = NULL;
  QdDecimal value = { 77, 1 };

  g_assert_false (qd_decimal_parse (text, -1, &value, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, code);
  /* The output is left alone on failure. */
  g_assert_cmpint (value.raw, ==, 77);
}

static void
test_parse_round_trip (void)
{
  /* Every decimal the bus spec shows, plus signs, zeros and the full 9 places. */
  static const char *examples[] = {
    "0", "100", "1200", "50", "200", "300", "0.00010", "187.00", "187.10", "187.15",
    "187.19", "187.20", "187.22", "187.23", "187.24", "187.25", "188.00", "188.20",
    "189.50", "190.00", "1012345.67", "16677.38", "18345.12", "994000.55", "-0.50",
    "-187.10", "0.000000001", "-0.000000001", "123456789.123456789",
    "9223372036854775807", "-9223372036854775807", "9223372036.854775807",
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *text = qd_decimal_to_string (dec (examples[i]));

      g_assert_cmpstr (text, ==, examples[i]);
    }
}

static void
test_parse_values (void)
{
  QdDecimal value = dec ("187.10");

  g_assert_cmpint (value.raw, ==, 18710);
  g_assert_cmpint (value.scale, ==, 2);

  value = dec ("+5.5");
  g_assert_cmpint (value.raw, ==, 55);
  qd_test_assert_decimal (value, "5.5");

  /* Negative zero has no sign of its own. */
  qd_test_assert_decimal (dec ("-0.00"), "0.00");
  qd_test_assert_decimal (dec ("007.50"), "7.50");

  /* Explicit length: only the first bytes count. */
  g_assert_true (qd_decimal_parse ("187.109999", 6, &value, NULL));
  qd_test_assert_decimal (value, "187.10");
}

static void
test_parse_errors (void)
{
  static const char *malformed[] = {
    "", "-", "+", "1.", ".5", "-.5", "1e5", "1E-2", " 1", "1 ", "1,000", "1..2", "1.2.3",
    "abc", "12a", "--1", "+-1", "0x10", "1.5 USD", "nan", "inf", "-", "½",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    assert_parse_error (malformed[i], QD_DECIMAL_ERROR_MALFORMED);

  assert_parse_error ("1.1234567891", QD_DECIMAL_ERROR_PRECISION);
  assert_parse_error ("0.0000000000", QD_DECIMAL_ERROR_PRECISION);
  assert_parse_error ("9223372036854775808", QD_DECIMAL_ERROR_OVERFLOW);
  assert_parse_error ("-9223372036854775808", QD_DECIMAL_ERROR_OVERFLOW);
  assert_parse_error ("99999999999999999999999999", QD_DECIMAL_ERROR_OVERFLOW);
  /* Fits as an integer but not once scaled by 10^9. */
  assert_parse_error ("9223372037.000000000", QD_DECIMAL_ERROR_OVERFLOW);
}

static void
test_parse_embedded_nul (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal value;

  g_assert_false (qd_decimal_parse ("1\0002", 3, &value, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED);
}

static void
test_format_none (void)
{
  g_autofree char *text = qd_decimal_to_string (QD_DECIMAL_NONE);

  g_assert_cmpstr (text, ==, "");
  qd_test_assert_decimal (qd_decimal_from_int (-42), "-42");
  qd_test_assert_decimal ((QdDecimal) { -5, 1 }, "-0.5");
  qd_test_assert_decimal ((QdDecimal) { 5, 9 }, "0.000000005");
}

static void
test_compare (void)
{
  g_assert_true (qd_decimal_equal (dec ("1.0"), dec ("1.00")));
  g_assert_true (qd_decimal_equal (dec ("100"), dec ("100.000000000")));
  g_assert_false (qd_decimal_equal (dec ("1.01"), dec ("1.1")));
  g_assert_cmpint (qd_decimal_compare (dec ("1.01"), dec ("1.1")), ==, -1);
  g_assert_cmpint (qd_decimal_compare (dec ("-1"), dec ("-1.5")), ==, 1);
  g_assert_cmpint (qd_decimal_compare (dec ("9223372036854775807"), dec ("0.000000001")), ==, 1);
  g_assert_cmpint (qd_decimal_compare (QD_DECIMAL_NONE, dec ("-9223372036854775807")), ==, -1);
  g_assert_cmpint (qd_decimal_compare (dec ("0"), QD_DECIMAL_NONE), ==, 1);
  g_assert_cmpint (qd_decimal_compare (QD_DECIMAL_NONE, QD_DECIMAL_NONE), ==, 0);
  g_assert_false (qd_decimal_equal (QD_DECIMAL_NONE, QD_DECIMAL_ZERO));

  g_assert_false (qd_decimal_identical (dec ("1.0"), dec ("1.00")));
  g_assert_true (qd_decimal_identical (dec ("1.00"), dec ("1.00")));
  g_assert_true (qd_decimal_identical (QD_DECIMAL_NONE, (QdDecimal) { 5, -1 }));
  g_assert_false (qd_decimal_identical (QD_DECIMAL_NONE, QD_DECIMAL_ZERO));

  g_assert_true (qd_decimal_is_zero (dec ("0.000")));
  g_assert_false (qd_decimal_is_zero (QD_DECIMAL_NONE));
  g_assert_cmpint (qd_decimal_sign (dec ("-0.01")), ==, -1);
  g_assert_cmpint (qd_decimal_sign (dec ("0.00")), ==, 0);
  g_assert_cmpint (qd_decimal_sign (dec ("3")), ==, 1);
  g_assert_cmpint (qd_decimal_sign (QD_DECIMAL_NONE), ==, 0);

  qd_test_assert_decimal (qd_decimal_negate (dec ("187.10")), "-187.10");
  qd_test_assert_decimal (qd_decimal_abs (dec ("-0.50")), "0.50");
  g_assert_true (qd_decimal_is_none (qd_decimal_negate (QD_DECIMAL_NONE)));
  qd_test_assert_decimal (qd_decimal_negate (dec ("-9223372036854775807")), "9223372036854775807");
}

static void
test_add_sub (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  g_assert_true (qd_decimal_add (dec ("187.1"), dec ("0.05"), &out, &error));
  g_assert_no_error (error);
  qd_test_assert_decimal (out, "187.15");

  g_assert_true (qd_decimal_sub (dec ("1.00"), dec ("1.5"), &out, NULL));
  qd_test_assert_decimal (out, "-0.50");

  g_assert_true (qd_decimal_add (dec ("9223372036854775806"), dec ("1"), &out, NULL));
  qd_test_assert_decimal (out, "9223372036854775807");

  g_assert_false (qd_decimal_add (dec ("9223372036854775807"), dec ("1"), &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (qd_decimal_sub (dec ("-9223372036854775807"), dec ("1"), &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* Aligning scales can overflow too: 10^10 does not fit at 9 places. */
  g_assert_false (qd_decimal_add (dec ("10000000000"), dec ("0.000000001"), &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (qd_decimal_add (QD_DECIMAL_NONE, dec ("1"), &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED);
}

static void
test_mul (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  g_assert_true (qd_decimal_mul (dec ("187.10"), dec ("100"), 2, QD_ROUND_HALF_EVEN, &out,
                                 &error));
  g_assert_no_error (error);
  qd_test_assert_decimal (out, "18710.00");

  g_assert_true (qd_decimal_mul (dec ("-1.5"), dec ("0.3"), 3, QD_ROUND_EXACT, &out, NULL));
  qd_test_assert_decimal (out, "-0.450");

  /* The intermediate (10^9 * 10^9 at 18 places) exceeds 64 bits but the result does not. */
  g_assert_true (qd_decimal_mul (dec ("1000000000.000000000"), dec ("0.000000001"), 9,
                                 QD_ROUND_EXACT, &out, NULL));
  qd_test_assert_decimal (out, "1.000000000");

  g_assert_true (qd_decimal_mul (dec ("0.333"), dec ("0.333"), 4, QD_ROUND_HALF_EVEN, &out,
                                 NULL));
  qd_test_assert_decimal (out, "0.1109");

  g_assert_false (qd_decimal_mul (dec ("0.333"), dec ("0.333"), 4, QD_ROUND_EXACT, &out,
                                  &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION);
  g_clear_error (&error);

  g_assert_false (qd_decimal_mul (dec ("9223372036854775807"), dec ("2"), 0,
                                  QD_ROUND_HALF_EVEN, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (qd_decimal_mul (dec ("10000000000"), dec ("1"), 9, QD_ROUND_HALF_EVEN,
                                  &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
}

static void
test_div (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  g_assert_true (qd_decimal_div (dec ("1"), dec ("3"), 4, QD_ROUND_HALF_EVEN, &out, &error));
  g_assert_no_error (error);
  qd_test_assert_decimal (out, "0.3333");

  g_assert_true (qd_decimal_div (dec ("2"), dec ("3"), 4, QD_ROUND_HALF_EVEN, &out, NULL));
  qd_test_assert_decimal (out, "0.6667");

  g_assert_true (qd_decimal_div (dec ("-2"), dec ("3"), 2, QD_ROUND_DOWN, &out, NULL));
  qd_test_assert_decimal (out, "-0.66");

  g_assert_true (qd_decimal_div (dec ("18710.00"), dec ("100"), 2, QD_ROUND_EXACT, &out, NULL));
  qd_test_assert_decimal (out, "187.10");

  g_assert_true (qd_decimal_div (dec ("1"), dec ("-0.000000001"), 0, QD_ROUND_EXACT, &out,
                                 NULL));
  qd_test_assert_decimal (out, "-1000000000");

  g_assert_false (qd_decimal_div (dec ("1"), dec ("0.00"), 2, QD_ROUND_HALF_EVEN, &out,
                                  &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_DIVISION_BY_ZERO);
  g_clear_error (&error);

  g_assert_false (qd_decimal_div (dec ("1"), dec ("3"), 4, QD_ROUND_EXACT, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION);
  g_clear_error (&error);

  g_assert_false (qd_decimal_div (dec ("9223372036854775807"), dec ("0.5"), 0,
                                  QD_ROUND_HALF_EVEN, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
}

typedef struct
{
  const char *value;
  QdRounding  rounding;
  const char *expected;
} RoundCase;

static void
test_rounding_modes (void)
{
  static const RoundCase cases[] = {
    /* ties */
    { "2.5", QD_ROUND_HALF_EVEN, "2" },   { "3.5", QD_ROUND_HALF_EVEN, "4" },
    { "-2.5", QD_ROUND_HALF_EVEN, "-2" }, { "-3.5", QD_ROUND_HALF_EVEN, "-4" },
    { "2.5", QD_ROUND_HALF_UP, "3" },     { "-2.5", QD_ROUND_HALF_UP, "-3" },
    { "2.5", QD_ROUND_DOWN, "2" },        { "-2.5", QD_ROUND_DOWN, "-2" },
    { "2.5", QD_ROUND_FLOOR, "2" },       { "-2.5", QD_ROUND_FLOOR, "-3" },
    { "2.5", QD_ROUND_CEILING, "3" },     { "-2.5", QD_ROUND_CEILING, "-2" },
    /* not ties */
    { "2.51", QD_ROUND_HALF_EVEN, "3" },  { "-2.51", QD_ROUND_HALF_EVEN, "-3" },
    { "2.49", QD_ROUND_HALF_UP, "2" },    { "-2.49", QD_ROUND_HALF_UP, "-2" },
    { "2.1", QD_ROUND_CEILING, "3" },     { "-2.1", QD_ROUND_FLOOR, "-3" },
    { "-2.9", QD_ROUND_DOWN, "-2" },      { "0.4", QD_ROUND_CEILING, "1" },
    { "-0.4", QD_ROUND_CEILING, "0" },    { "-0.4", QD_ROUND_FLOOR, "-1" },
    /* exact values stay put in every mode */
    { "-3.0", QD_ROUND_EXACT, "-3" },     { "7.000", QD_ROUND_HALF_UP, "7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      QdDecimal out;

      g_assert_true (qd_decimal_rescale (dec (cases[i].value), 0, cases[i].rounding, &out,
                                         &error));
      g_assert_no_error (error);
      qd_test_assert_decimal (out, cases[i].expected);
    }
}

static void
test_rescale (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  g_assert_true (qd_decimal_rescale (dec ("187.1"), 4, QD_ROUND_EXACT, &out, &error));
  qd_test_assert_decimal (out, "187.1000");

  g_assert_true (qd_decimal_rescale (dec ("187.125"), 2, QD_ROUND_HALF_EVEN, &out, NULL));
  qd_test_assert_decimal (out, "187.12");
  g_assert_true (qd_decimal_rescale (dec ("187.135"), 2, QD_ROUND_HALF_EVEN, &out, NULL));
  qd_test_assert_decimal (out, "187.14");

  g_assert_true (qd_decimal_rescale (dec ("187.100"), 2, QD_ROUND_EXACT, &out, NULL));
  qd_test_assert_decimal (out, "187.10");

  out = dec ("5");
  g_assert_false (qd_decimal_rescale (dec ("187.105"), 2, QD_ROUND_EXACT, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION);
  qd_test_assert_decimal (out, "5");
  g_clear_error (&error);

  g_assert_false (qd_decimal_rescale (dec ("10000000000"), 9, QD_ROUND_EXACT, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);

  g_assert_false (qd_decimal_rescale (QD_DECIMAL_NONE, 2, QD_ROUND_EXACT, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED);
}

static void
test_normalize (void)
{
  qd_test_assert_decimal (qd_decimal_normalize (dec ("187.100")), "187.1");
  qd_test_assert_decimal (qd_decimal_normalize (dec ("100.00")), "100");
  qd_test_assert_decimal (qd_decimal_normalize (dec ("100")), "100");
  qd_test_assert_decimal (qd_decimal_normalize (dec ("-0.000")), "0");
  qd_test_assert_decimal (qd_decimal_normalize (dec ("0.00010")), "0.0001");
  g_assert_true (qd_decimal_is_none (qd_decimal_normalize (QD_DECIMAL_NONE)));
}

static void
test_is_multiple_of (void)
{
  g_assert_true (qd_decimal_is_multiple_of (dec ("187.10"), dec ("0.01")));
  g_assert_true (qd_decimal_is_multiple_of (dec ("187.1"), dec ("0.01")));
  g_assert_false (qd_decimal_is_multiple_of (dec ("187.105"), dec ("0.01")));
  g_assert_true (qd_decimal_is_multiple_of (dec ("-187.105000"), dec ("0.005")));

  g_assert_true (qd_decimal_is_multiple_of (dec ("4512.75"), dec ("0.25")));
  g_assert_true (qd_decimal_is_multiple_of (dec ("-4512.50"), dec ("0.25")));
  g_assert_false (qd_decimal_is_multiple_of (dec ("4512.10"), dec ("0.25")));

  g_assert_true (qd_decimal_is_multiple_of (dec ("1.08465"), dec ("0.00005")));
  g_assert_true (qd_decimal_is_multiple_of (dec ("1.0846"), dec ("0.00005")));
  g_assert_false (qd_decimal_is_multiple_of (dec ("1.08462"), dec ("0.00005")));

  g_assert_true (qd_decimal_is_multiple_of (dec ("0"), dec ("0.25")));
  g_assert_false (qd_decimal_is_multiple_of (dec ("1"), dec ("0")));
  g_assert_false (qd_decimal_is_multiple_of (QD_DECIMAL_NONE, dec ("0.01")));
  g_assert_false (qd_decimal_is_multiple_of (dec ("1"), QD_DECIMAL_NONE));
}

static void
assert_money (const char *text,
              const char *amount,
              const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  QdMoney money;

  g_assert_true (qd_money_parse (text, -1, &money, &error));
  g_assert_no_error (error);
  qd_test_assert_decimal (money.amount, amount);
  g_assert_cmpstr (money.currency, ==, currency);

  back = qd_money_to_string (&money);
  g_assert_cmpstr (back, ==, text);
}

static void
test_money (void)
{
  static const char *bad[] = {
    "", " USD", "1.00 ", "1.00  USD", "1.00 usd", "1.00 US-D", "USD 1.00", "1.00USD",
    "1.00 USD ", "1.00 ABCDEFGHIJKLMNOP", "abc USD", "1. USD", "1.00 USD EUR",
  };

  assert_money ("1.00 USD", "1.00", "USD");
  assert_money ("-1.00 USD", "-1.00", "USD");
  assert_money ("1000000.00 USD", "1000000.00", "USD");
  assert_money ("42.00 USD", "42.00", "USD");
  assert_money ("1.00", "1.00", "");
  assert_money ("0.00010 USDT", "0.00010", "USDT");
  assert_money ("5 ABCDEFGHIJKLMNO", "5", "ABCDEFGHIJKLMNO");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      QdMoney money;

      g_assert_false (qd_money_parse (bad[i], -1, &money, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == QD_DECIMAL_ERROR);
    }
}

static void
test_money_length (void)
{
  QdMoney money;

  /* Only the first 8 bytes are the money; the rest must not be read. */
  g_assert_true (qd_money_parse ("1.00 USDXYZ", 8, &money, NULL));
  g_assert_cmpstr (money.currency, ==, "USD");
}

static void
assert_display (const char *value,
                gint        decimals,
                gboolean    thousands,
                const char *expected)
{
  g_autofree char *text = qd_decimal_to_display (dec (value), decimals, thousands);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_display (void)
{
  g_autofree char *none = qd_decimal_to_display (QD_DECIMAL_NONE, 2, TRUE);

  /* The C locale has no grouping separator: "," is the fallback. */
  assert_display ("18710", 2, TRUE, "18,710.00");
  assert_display ("18710", 2, FALSE, "18710.00");
  assert_display ("-1012345.675", 2, TRUE, "-1,012,345.68");
  assert_display ("-1012345.665", 2, TRUE, "-1,012,345.66");
  assert_display ("999.995", 2, TRUE, "1,000.00");
  assert_display ("100", 0, TRUE, "100");
  assert_display ("1000", 0, TRUE, "1,000");
  assert_display ("123456", 0, TRUE, "123,456");
  assert_display ("-123456.5", 0, TRUE, "-123,456");
  assert_display ("0.5", 0, TRUE, "0");
  assert_display ("1.5", 0, TRUE, "2");
  assert_display ("-0.004", 2, TRUE, "0.00");
  assert_display ("187.1", -1, TRUE, "187.1");
  assert_display ("0.00010", 5, TRUE, "0.00010");
  /* Display never overflows, even past the raw range at 9 places. */
  assert_display ("9223372036854775807", 9, TRUE,
                  "9,223,372,036,854,775,807.000000000");
  g_assert_cmpstr (none, ==, "");
}

static void
assert_from_double (double      value,
                    gint        max_scale,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  g_assert_true (qd_decimal_from_double (value, max_scale, &out, &error));
  g_assert_no_error (error);
  qd_test_assert_decimal (out, expected);
}

static void
test_from_double (void)
{
  g_autoptr(GError) error = NULL;
  QdDecimal out;

  assert_from_double (187.1, 9, "187.1");
  assert_from_double (187.10, 2, "187.1");
  assert_from_double (0.1 + 0.2, 9, "0.3");
  assert_from_double (-0.5, 9, "-0.5");
  assert_from_double (100.0, 9, "100");
  assert_from_double (-0.0, 9, "0");
  assert_from_double (1e-5, 9, "0.00001");
  assert_from_double (1.25, 1, "1.2");
  assert_from_double (1.35, 1, "1.4");
  assert_from_double (-2.5, 0, "-2");
  assert_from_double (5e-10, 9, "0");
  assert_from_double (1.5e-9, 9, "0.000000002");
  assert_from_double (1e-300, 9, "0");
  assert_from_double (1e18, 0, "1000000000000000000");
  assert_from_double (123456.789, 2, "123456.79");

  g_assert_false (qd_decimal_from_double (NAN, 9, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (qd_decimal_from_double (-INFINITY, 9, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (qd_decimal_from_double (1e19, 0, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (qd_decimal_from_double (1e300, 2, &out, &error));
  g_assert_error (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW);
}

static void
test_to_double (void)
{
  g_assert_cmpfloat (qd_decimal_to_double (dec ("187.10")), ==, 187.1);
  g_assert_cmpfloat (qd_decimal_to_double (dec ("-0.5")), ==, -0.5);
  g_assert_true (isnan (qd_decimal_to_double (QD_DECIMAL_NONE)));
}

static void
test_boxed (void)
{
  QdDecimal value = dec ("187.10");
  GValue gvalue = G_VALUE_INIT;
  QdDecimal *copy;

  g_value_init (&gvalue, QD_TYPE_DECIMAL);
  g_assert_true (G_TYPE_IS_BOXED (QD_TYPE_DECIMAL));
  g_value_set_boxed (&gvalue, &value);
  value.raw = 1;

  copy = g_value_dup_boxed (&gvalue);
  qd_test_assert_decimal (*copy, "187.10");
  qd_decimal_free (copy);
  g_value_unset (&gvalue);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/parse/round-trip", test_parse_round_trip);
  g_test_add_func ("/decimal/parse/values", test_parse_values);
  g_test_add_func ("/decimal/parse/errors", test_parse_errors);
  g_test_add_func ("/decimal/parse/embedded-nul", test_parse_embedded_nul);
  g_test_add_func ("/decimal/format/none", test_format_none);
  g_test_add_func ("/decimal/compare", test_compare);
  g_test_add_func ("/decimal/add-sub", test_add_sub);
  g_test_add_func ("/decimal/mul", test_mul);
  g_test_add_func ("/decimal/div", test_div);
  g_test_add_func ("/decimal/rounding-modes", test_rounding_modes);
  g_test_add_func ("/decimal/rescale", test_rescale);
  g_test_add_func ("/decimal/normalize", test_normalize);
  g_test_add_func ("/decimal/is-multiple-of", test_is_multiple_of);
  g_test_add_func ("/decimal/money/parse", test_money);
  g_test_add_func ("/decimal/money/length", test_money_length);
  g_test_add_func ("/decimal/display", test_display);
  g_test_add_func ("/decimal/from-double", test_from_double);
  g_test_add_func ("/decimal/to-double", test_to_double);
  g_test_add_func ("/decimal/boxed", test_boxed);

  return g_test_run ();
}
