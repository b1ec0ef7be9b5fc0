/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-risk-check.h"

/* IB Pro tiered pricing for US stocks, the first volume tier (up to 300,000 shares a
 * month), as published by Interactive Brokers. */
#define PER_SHARE   ((QdDecimal) { 35, 4 })    /* USD 0.0035 */
#define MINIMUM     ((QdDecimal) { 35, 2 })    /* USD 0.35 */
#define MAX_PERCENT ((QdDecimal) { 1, 2 })     /* 1 % of the trade value */

static QdDecimal
min_of (QdDecimal a,
        QdDecimal b)
{
  return qd_decimal_compare (a, b) <= 0 ? a : b;
}

static QdDecimal
max_of (QdDecimal a,
        QdDecimal b)
{
  return qd_decimal_compare (a, b) >= 0 ? a : b;
}

gboolean
qd_risk_estimate_commission (const char *instrument_class,
                             const char *currency,
                             QdDecimal   quantity,
                             QdDecimal   price,
                             QdDecimal  *out)
{
  QdDecimal shares, per_share, value, cap, commission;

  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (instrument_class, "Equity") != 0 || g_strcmp0 (currency, "USD") != 0)
    return FALSE;
  if (qd_decimal_is_none (quantity) || qd_decimal_is_none (price) ||
      qd_decimal_sign (quantity) == 0 || qd_decimal_sign (price) <= 0)
    return FALSE;

  shares = qd_decimal_abs (quantity);
  if (!qd_decimal_mul (shares, PER_SHARE, 6, QD_ROUND_HALF_EVEN, &per_share, NULL) ||
      !qd_decimal_mul (shares, price, 6, QD_ROUND_HALF_EVEN, &value, NULL) ||
      !qd_decimal_mul (value, MAX_PERCENT, 6, QD_ROUND_HALF_EVEN, &cap, NULL))
    return FALSE;

  /* The minimum applies first; the 1 % cap wins over it on very small orders. */
  commission = min_of (max_of (per_share, MINIMUM), cap);
  return qd_decimal_mul (commission, qd_decimal_from_int (1), 2, QD_ROUND_HALF_UP, out, NULL);
}
