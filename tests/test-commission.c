/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "qd-risk-check.h"

static char *
estimate (const char *instrument_class,
          const char *currency,
          const char *quantity,
          const char *price)
{
  QdDecimal q, p, out = QD_DECIMAL_NONE;

  g_assert_true (qd_decimal_parse (quantity, -1, &q, NULL));
  g_assert_true (qd_decimal_parse (price, -1, &p, NULL));
  if (!qd_risk_estimate_commission (instrument_class, currency, q, p, &out))
    return NULL;
  return qd_decimal_to_string (out);
}

#define ASSERT_ESTIMATE(quantity, price, expected)                                  \
  G_STMT_START {                                                                    \
    g_autofree char *got = estimate ("Equity", "USD", quantity, price);            \
    g_assert_cmpstr (got, ==, expected);                                            \
  } G_STMT_END

/* USD 0.0035 a share between the USD 0.35 minimum and the 1 % of value cap. */
static void
test_tiered_us_stock (void)
{
  ASSERT_ESTIMATE ("100", "187.10", "0.35");      /* 100 × 0.0035 = 0.35: the minimum */
  ASSERT_ESTIMATE ("10", "187.10", "0.35");       /* 0.035, raised to the minimum */
  ASSERT_ESTIMATE ("1000", "187.10", "3.50");
  ASSERT_ESTIMATE ("150", "50.00", "0.53");       /* 0.525, rounded up to the cent */
  ASSERT_ESTIMATE ("10000", "25.00", "35.00");
  ASSERT_ESTIMATE ("-300", "187.10", "1.05");     /* a short quantity costs the same */
}

static void
test_cap_of_one_percent (void)
{
  /* 1000 shares at 0.20: 3.50 by the share, but at most 1 % of USD 200. */
  ASSERT_ESTIMATE ("1000", "0.20", "2.00");
  /* A single share at USD 5: the 1 % cap (0.05) wins over the minimum. */
  ASSERT_ESTIMATE ("1", "5.00", "0.05");
}

static void
test_not_a_us_stock (void)
{
  g_autofree char *future = estimate ("FuturesContract", "USD", "2", "6312.75");
  g_autofree char *fx = estimate ("CurrencyPair", "USD", "25000", "1.17");
  g_autofree char *eur = estimate ("Equity", "EUR", "100", "50");
  g_autofree char *unknown = estimate (NULL, NULL, "100", "50");
  g_autofree char *zero = estimate ("Equity", "USD", "0", "50");
  QdDecimal out = QD_DECIMAL_NONE;

  g_assert_null (future);
  g_assert_null (fx);
  g_assert_null (eur);
  g_assert_null (unknown);
  g_assert_null (zero);
  g_assert_false (qd_risk_estimate_commission ("Equity", "USD", QD_DECIMAL_NONE,
                                               qd_decimal_from_int (10), &out));
  g_assert_true (qd_decimal_is_none (out));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/commission/tiered-us-stock", test_tiered_us_stock);
  g_test_add_func ("/commission/cap-of-one-percent", test_cap_of_one_percent);
  g_test_add_func ("/commission/not-a-us-stock", test_not_a_us_stock);

  return g_test_run ();
}
