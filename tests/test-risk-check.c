/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-risk-check.h"
#include "qd-test-util.h"

/*
 * The service is fed NautilusTrader's own payloads (tests/fixtures/native): AAPL.NASDAQ as an
 * Equity with tick 0.01 and lot 1, MSFT.NASDAQ with lot 100, ESU6.CME (tick 0.25, ×50),
 * ESZ6.CME with a size increment of 2, quotes AAPL 187.22 / 187.24 and ES 6400.00 / 6400.25,
 * and a MARGIN AccountState (buying power 4 × 994,000.55 = 3,976,002.20 USD).
 */

#define ACCOUNT_TOPIC "events.account.INTERACTIVE_BROKERS-DU1234567"

typedef struct
{
  QdBus       *bus;
  QdIbService *service;
  QdRiskCheck *check;
  gint64       now;     /* the injected monotonic clock, µs */
} Fixture;

static char *
read_fixture (const char *name)
{
  return qd_test_load_fixture (NULL, "native", name, NULL);
}

/* A fixture with some of its text replaced: pairs of (from, to), NULL-terminated. */
static void
feed_fixture (Fixture    *f,
              const char *topic,
              const char *name,
              ...)
{
  g_autofree char *text = read_fixture (name);
  g_autoptr(GString) payload = g_string_new (text);
  g_autoptr(GError) error = NULL;
  const char *from;
  va_list args;

  va_start (args, name);
  while ((from = va_arg (args, const char *)) != NULL)
    {
      const char *to = va_arg (args, const char *);

      g_assert_nonnull (strstr (payload->str, from));
      g_string_replace (payload, from, to, 1);
    }
  va_end (args);

  g_assert_true (qd_ib_service_ingest (f->service, topic, payload->str, payload->len, &error));
  g_assert_no_error (error);
}

static gint64
fake_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now;
}

static void
feed_market (Fixture *f)
{
  feed_fixture (f, "data.instrument.NASDAQ.AAPL", "Equity.json",
                "\"lot_size\":\"100\"", "\"lot_size\":\"1\"", NULL);
  feed_fixture (f, "data.instrument.NASDAQ.MSFT", "Equity.json",
                "AAPL.NASDAQ", "MSFT.NASDAQ", NULL);
  feed_fixture (f, "data.instrument.CME.ESU6", "FuturesContract.json", NULL);
  feed_fixture (f, "data.instrument.CME.ESZ6", "FuturesContract.json",
                "ESU6.CME", "ESZ6.CME", "\"size_increment\":\"1\"", "\"size_increment\":\"2\"",
                NULL);
  feed_fixture (f, "data.quotes.NASDAQ.AAPL", "QuoteTick.json", NULL);
  feed_fixture (f, "data.quotes.CME.ESU6", "QuoteTick.json",
                "AAPL.NASDAQ", "ESU6.CME", "187.22", "6400.00", "187.24", "6400.25", NULL);
  feed_fixture (f, ACCOUNT_TOPIC, "AccountState.json", NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->bus = qd_memory_bus_new ();
  f->service = qd_ib_service_new (f->bus, "TESTER-001");
  if (data == NULL)
    feed_market (f);
  f->check = qd_risk_check_new (f->service);
  f->now = 1000 * G_USEC_PER_SEC;
  qd_risk_check_set_clock (f->check, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->check);
  qd_ib_service_stop (f->service);
  g_assert_finalize_object (f->service);
  g_assert_finalize_object (f->bus);
}

/* Every limit off except the ones a test turns on. */
static void
limits_off (Fixture *f)
{
  QdRiskLimits limits = { QD_DECIMAL_ZERO, QD_DECIMAL_ZERO, 0, 0, 0 };

  qd_risk_check_set_limits (f->check, &limits);
}

static QdDecimal
dec (const char *text)
{
  QdDecimal value = QD_DECIMAL_NONE;
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return QD_DECIMAL_NONE;
  qd_decimal_parse (text, -1, &value, &error);
  g_assert_no_error (error);
  return value;
}

static QdOrderRequest
request (const char  *instrument_id,
         QdOrderSide  side,
         QdOrderType  type,
         const char  *quantity,
         const char  *limit_price,
         const char  *stop_price)
{
  QdOrderRequest r = {
    .instrument_id = instrument_id,
    .side = side,
    .order_type = type,
    .quantity = dec (quantity),
    .limit_price = dec (limit_price),
    .stop_price = dec (stop_price),
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };

  return r;
}

static GPtrArray *
evaluate (Fixture              *f,
          const QdOrderRequest *r)
{
  GPtrArray *findings = qd_risk_check_evaluate (f->check, r);

  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      const QdRiskFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("%s %s [%s] %s", qd_risk_severity_to_string (finding->severity),
                      qd_risk_rule_to_string (finding->rule),
                      finding->field ? finding->field : "-", finding->message);
    }
  return findings;
}

static const QdRiskFinding *
find_rule (GPtrArray  *findings,
           QdRiskRule  rule)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const QdRiskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->rule == rule)
        return finding;
    }
  return NULL;
}

static guint
count_rule (GPtrArray  *findings,
            QdRiskRule  rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ((const QdRiskFinding *) g_ptr_array_index (findings, i))->rule == rule;
  return n;
}

/* The rule fires exactly once, on `field`, with `severity`, and says each of the texts. */
static void
assert_fires (Fixture              *f,
              const QdOrderRequest *r,
              QdRiskRule            rule,
              QdRiskSeverity        severity,
              const char           *field,
              ...)
{
  g_autoptr(GPtrArray) findings = evaluate (f, r);
  const QdRiskFinding *finding = find_rule (findings, rule);
  const char *text;
  va_list args;

  g_assert_nonnull (finding);
  g_assert_cmpuint (count_rule (findings, rule), ==, 1);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_cmpstr (finding->field, ==, field);
  g_assert_nonnull (finding->message);
  va_start (args, field);
  while ((text = va_arg (args, const char *)) != NULL)
    g_assert_nonnull (strstr (finding->message, text));
  va_end (args);
}

static void
assert_quiet (Fixture              *f,
              const QdOrderRequest *r,
              QdRiskRule            rule)
{
  g_autoptr(GPtrArray) findings = evaluate (f, r);

  g_assert_null (find_rule (findings, rule));
}

static void
assert_clean (Fixture              *f,
              const QdOrderRequest *r)
{
  g_autoptr(GPtrArray) findings = evaluate (f, r);

  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  QdRiskLimits limits;
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "187.10", NULL);

  qd_risk_check_get_limits (f->check, &limits);
  g_assert_true (qd_decimal_equal (limits.max_quantity, qd_decimal_from_int (1000)));
  g_assert_true (qd_decimal_equal (limits.max_value, qd_decimal_from_int (100000)));
  g_assert_cmpuint (limits.max_percent_from_market, ==, 5);
  g_assert_cmpuint (limits.max_ticks_from_market, ==, 40);
  g_assert_cmpuint (limits.duplicate_window_seconds, ==, 10);
  g_assert_true (qd_risk_check_get_service (f->check) == f->service);

  /* An ordinary order passes every default check. */
  assert_clean (f, &r);
}

static void
test_missing_fields (Fixture       *f,
                     gconstpointer  data)
{
  QdOrderRequest r = request (NULL, QD_ORDER_SIDE_NONE, QD_ORDER_TYPE_UNKNOWN, "1", NULL, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  const char *fields[] = { "instrument_id", "side", "order_type", "time_in_force" };

  r.time_in_force = QD_TIME_IN_FORCE_UNKNOWN;
  findings = evaluate (f, &r);
  g_assert_cmpuint (count_rule (findings, QD_RISK_RULE_MISSING_FIELD), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const QdRiskFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (finding->severity, ==, QD_RISK_ERROR);
      g_assert_cmpstr (finding->field, ==, fields[i]);
    }
  g_assert_true (qd_risk_findings_have_errors (findings));

  r = request ("AAPL", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "1", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_MISSING_FIELD, QD_RISK_ERROR, "instrument_id", "AAPL", NULL);
  r.instrument_id = "AAPL.";
  assert_fires (f, &r, QD_RISK_RULE_MISSING_FIELD, QD_RISK_ERROR, "instrument_id", NULL);
  r.instrument_id = "";
  assert_fires (f, &r, QD_RISK_RULE_MISSING_FIELD, QD_RISK_ERROR, "instrument_id", NULL);

  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_TRAILING_STOP_MARKET,
               "1", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_MISSING_FIELD, QD_RISK_ERROR, "order_type",
                "TRAILING_STOP_MARKET", NULL);

  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "1", NULL, NULL);
  r.time_in_force = QD_TIME_IN_FORCE_GTD;
  assert_fires (f, &r, QD_RISK_RULE_MISSING_FIELD, QD_RISK_ERROR, "time_in_force", "GTD", NULL);
  for (QdTimeInForce tif = QD_TIME_IN_FORCE_GTC; tif <= QD_TIME_IN_FORCE_DAY; tif++)
    {
      r.time_in_force = tif;
      if (tif != QD_TIME_IN_FORCE_GTD)
        assert_clean (f, &r);
    }
}

static void
test_quantity (Fixture       *f,
               gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET,
                              NULL, NULL, NULL);

  assert_fires (f, &r, QD_RISK_RULE_QUANTITY, QD_RISK_ERROR, "quantity", NULL);
  r.quantity = dec ("0");
  assert_fires (f, &r, QD_RISK_RULE_QUANTITY, QD_RISK_ERROR, "quantity", "0", NULL);
  r.quantity = dec ("-5");
  assert_fires (f, &r, QD_RISK_RULE_QUANTITY, QD_RISK_ERROR, "quantity", "-5", NULL);
  r.quantity = dec ("1");
  assert_clean (f, &r);
}

static void
test_lot (Fixture       *f,
          gconstpointer  data)
{
  QdOrderRequest r = request ("MSFT.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET,
                              "150", NULL, NULL);

  limits_off (f);
  assert_fires (f, &r, QD_RISK_RULE_LOT, QD_RISK_ERROR, "quantity", "150", "100", NULL);
  r.quantity = dec ("200");
  assert_quiet (f, &r, QD_RISK_RULE_LOT);

  /* Lot 1: whole shares only. */
  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "1.5", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_LOT, QD_RISK_ERROR, "quantity", "1.5", NULL);
  r.quantity = dec ("2.0");
  assert_clean (f, &r);

  /* The size increment counts as well as the lot. */
  r = request ("ESZ6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "3", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_LOT, QD_RISK_ERROR, "quantity", "3", "increment 2", NULL);
  r.quantity = dec ("4");
  assert_quiet (f, &r, QD_RISK_RULE_LOT);

  /* An instrument never seen is taken as lot 1. */
  r = request ("XYZ.NYSE", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "2.5", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_LOT, QD_RISK_ERROR, "quantity", "2.5", NULL);
}

static void
test_price_missing (Fixture       *f,
                    gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", NULL, NULL);
  g_autoptr(GPtrArray) both = NULL;

  limits_off (f);
  assert_fires (f, &r, QD_RISK_RULE_PRICE_MISSING, QD_RISK_ERROR, "limit_price", NULL);
  r.order_type = QD_ORDER_TYPE_STOP_MARKET;
  assert_fires (f, &r, QD_RISK_RULE_PRICE_MISSING, QD_RISK_ERROR, "stop_price", NULL);
  r.stop_price = dec ("190.00");
  assert_clean (f, &r);

  r.order_type = QD_ORDER_TYPE_STOP_LIMIT;
  assert_fires (f, &r, QD_RISK_RULE_STOP_LIMIT_PRICES, QD_RISK_ERROR, "limit_price", NULL);
  r.limit_price = dec ("190.50");
  assert_clean (f, &r);
  r.stop_price = QD_DECIMAL_NONE;
  assert_fires (f, &r, QD_RISK_RULE_STOP_LIMIT_PRICES, QD_RISK_ERROR, "stop_price", NULL);

  r.limit_price = QD_DECIMAL_NONE;
  both = evaluate (f, &r);
  g_assert_cmpuint (count_rule (both, QD_RISK_RULE_STOP_LIMIT_PRICES), ==, 2);
  g_assert_cmpuint (count_rule (both, QD_RISK_RULE_PRICE_MISSING), ==, 0);
}

static void
test_price_not_positive (Fixture       *f,
                         gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "0.00", NULL);

  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_POSITIVE, QD_RISK_ERROR, "limit_price",
                "0.00", NULL);
  r.limit_price = dec ("-1.00");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_POSITIVE, QD_RISK_ERROR, "limit_price",
                "-1.00", NULL);
  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_STOP_MARKET,
               "100", NULL, "-3");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_POSITIVE, QD_RISK_ERROR, "stop_price", "-3", NULL);
}

static void
test_price_not_allowed (Fixture       *f,
                        gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET,
                              "100", "187.10", NULL);

  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_ALLOWED, QD_RISK_ERROR, "limit_price", "MKT", NULL);
  r.limit_price = QD_DECIMAL_NONE;
  r.stop_price = dec ("187.10");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_ALLOWED, QD_RISK_ERROR, "stop_price", "MKT", NULL);

  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT, "100", "187.10", "190.00");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_ALLOWED, QD_RISK_ERROR, "stop_price", "LMT", NULL);
  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_MARKET,
               "100", "190.10", "190.00");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_NOT_ALLOWED, QD_RISK_ERROR, "limit_price", NULL);
}

static void
test_tick (Fixture       *f,
           gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "187.105", NULL);

  assert_fires (f, &r, QD_RISK_RULE_TICK, QD_RISK_ERROR, "limit_price", "187.105", "0.01", NULL);
  r.limit_price = dec ("187.10");
  assert_clean (f, &r);
  r.limit_price = dec ("187.100");
  assert_clean (f, &r);

  r = request ("ESU6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_LIMIT,
               "1", "6401.00", "6401.10");
  limits_off (f);
  assert_fires (f, &r, QD_RISK_RULE_TICK, QD_RISK_ERROR, "stop_price", "6,401.10", "0.25", NULL);
  r.stop_price = dec ("6401.25");
  assert_clean (f, &r);
}

static void
test_unknown_instrument (Fixture       *f,
                         gconstpointer  data)
{
  QdOrderRequest r = request ("XYZ.NYSE", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "9999.999", NULL);
  g_autoptr(GPtrArray) findings = NULL;

  /* Not an error: the node may know it; without its tick nor a quote the rest is skipped. */
  findings = evaluate (f, &r);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_false (qd_risk_findings_have_errors (findings));
  g_assert_nonnull (find_rule (findings, QD_RISK_RULE_UNKNOWN_INSTRUMENT));
  g_assert_nonnull (strstr (find_rule (findings, QD_RISK_RULE_UNKNOWN_INSTRUMENT)->message,
                            "XYZ.NYSE"));
  /* The value is still known from the limit price. */
  g_assert_nonnull (find_rule (findings, QD_RISK_RULE_VALUE_LIMIT));

  r.instrument_id = "AAPL.NASDAQ";
  r.limit_price = dec ("187.10");
  assert_quiet (f, &r, QD_RISK_RULE_UNKNOWN_INSTRUMENT);
}

static void
test_no_market (Fixture       *f,
                gconstpointer  data)
{
  QdOrderRequest r = request ("ESU6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_LIMIT,
                              "1", "100.00", "50.00");
  g_autoptr(GPtrArray) findings = NULL;

  /* The instrument alone, no quote and no account: far-off prices and a huge market order
   * raise nothing market-relative, and an unknown market is no error. */
  feed_fixture (f, "data.instrument.CME.ESU6", "FuturesContract.json", NULL);
  findings = evaluate (f, &r);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  r = request ("ESU6.CME", QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_MARKET, "1000", NULL, NULL);
  findings = evaluate (f, &r);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  QdRiskLimits limits;
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "1000", "1.00", NULL);

  limits_off (f);
  qd_risk_check_get_limits (f->check, &limits);
  limits.max_quantity = qd_decimal_from_int (1000);
  qd_risk_check_set_limits (f->check, &limits);

  assert_clean (f, &r);
  r.quantity = dec ("1001");
  assert_fires (f, &r, QD_RISK_RULE_SIZE_LIMIT, QD_RISK_WARNING, "quantity",
                "1,001", "1,000", NULL);
  r.quantity = dec ("5000");
  assert_fires (f, &r, QD_RISK_RULE_SIZE_LIMIT, QD_RISK_WARNING, "quantity",
                "Quantity 5,000 is above your size limit of 1,000", NULL);
}

static void
set_max_value (Fixture    *f,
               const char *max_value)
{
  QdRiskLimits limits;

  limits_off (f);
  qd_risk_check_get_limits (f->check, &limits);
  limits.max_value = dec (max_value);
  qd_risk_check_set_limits (f->check, &limits);
}

static void
test_value_limit (Fixture       *f,
                  gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "1000", "100.00", NULL);

  set_max_value (f, "100000");
  assert_clean (f, &r);
  r.limit_price = dec ("100.01");
  assert_fires (f, &r, QD_RISK_RULE_VALUE_LIMIT, QD_RISK_WARNING, NULL,
                "100,010.00 USD", "limit of 100,000 USD", NULL);

  /* Market orders are valued at the ask for buys, the bid for sells. */
  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET, "535", NULL, NULL);
  assert_fires (f, &r, QD_RISK_RULE_VALUE_LIMIT, QD_RISK_WARNING, NULL, "100,173.40 USD", NULL);
  r.side = QD_ORDER_SIDE_SELL;
  assert_fires (f, &r, QD_RISK_RULE_VALUE_LIMIT, QD_RISK_WARNING, NULL, "100,162.70 USD", NULL);
  r.quantity = dec ("534");
  assert_quiet (f, &r, QD_RISK_RULE_VALUE_LIMIT);

  /* Stop-market orders at their stop price; futures times their multiplier. */
  r = request ("ESU6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_MARKET, "1", NULL, "6410.00");
  set_max_value (f, "320500");
  assert_clean (f, &r);
  r.stop_price = dec ("6410.25");
  assert_fires (f, &r, QD_RISK_RULE_VALUE_LIMIT, QD_RISK_WARNING, NULL,
                "320,512.50 USD", "limit of 320,500 USD", NULL);
}

static void
set_market_limits (Fixture *f,
                   guint    percent,
                   guint    ticks)
{
  QdRiskLimits limits;

  limits_off (f);
  qd_risk_check_get_limits (f->check, &limits);
  limits.max_percent_from_market = percent;
  limits.max_ticks_from_market = ticks;
  qd_risk_check_set_limits (f->check, &limits);
}

static void
test_price_percent (Fixture       *f,
                    gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "196.60", NULL);

  set_market_limits (f, 5, 0);
  /* 5 % of the ask 187.24 is 9.362. */
  assert_clean (f, &r);
  r.limit_price = dec ("196.61");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_PERCENT, QD_RISK_WARNING, "limit_price",
                "196.61", "5.00%", "ask 187.24", "5%", NULL);
  r.limit_price = dec ("177.88");
  assert_clean (f, &r);
  r.limit_price = dec ("170.00");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_PERCENT, QD_RISK_WARNING, "limit_price",
                "170.00", "9.21%", NULL);

  /* Sells against the bid 187.22 (5 % = 9.361); stops by their stop price. */
  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_STOP_MARKET,
               "100", NULL, "177.86");
  assert_clean (f, &r);
  r.stop_price = dec ("177.85");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_PERCENT, QD_RISK_WARNING, "stop_price",
                "177.85", "bid 187.22", NULL);

  set_market_limits (f, 10, 0);
  assert_clean (f, &r);
}

static void
test_price_ticks (Fixture       *f,
                  gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "187.64", NULL);

  set_market_limits (f, 0, 40);
  assert_clean (f, &r);
  r.limit_price = dec ("187.65");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_TICKS, QD_RISK_WARNING, "limit_price",
                "187.65", "41 ticks", "ask 187.24", "40", NULL);

  r.side = QD_ORDER_SIDE_SELL;
  r.limit_price = dec ("186.82");
  assert_clean (f, &r);
  r.limit_price = dec ("186.81");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_TICKS, QD_RISK_WARNING, "limit_price",
                "41 ticks", "bid 187.22", NULL);

  /* ES: 40 ticks of 0.25 are 10 points from the ask 6400.25. */
  r = request ("ESU6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_LIMIT, "1", "6410.25", "6410.25");
  assert_clean (f, &r);
  r.stop_price = dec ("6410.50");
  assert_fires (f, &r, QD_RISK_RULE_PRICE_TICKS, QD_RISK_WARNING, "stop_price",
                "6,410.50", "41 ticks", "6,400.25", NULL);
}

static void
test_stop_wrong_side (Fixture       *f,
                      gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_STOP_MARKET,
                              "100", NULL, "187.24");

  limits_off (f);
  assert_fires (f, &r, QD_RISK_RULE_STOP_WRONG_SIDE, QD_RISK_WARNING, "stop_price",
                "187.24", NULL);
  r.stop_price = dec ("187.25");
  assert_clean (f, &r);

  r.side = QD_ORDER_SIDE_SELL;
  r.stop_price = dec ("187.22");
  assert_fires (f, &r, QD_RISK_RULE_STOP_WRONG_SIDE, QD_RISK_WARNING, "stop_price",
                "187.22", NULL);
  r.stop_price = dec ("187.21");
  assert_clean (f, &r);

  r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_SELL, QD_ORDER_TYPE_STOP_LIMIT,
               "100", "187.20", "187.30");
  assert_fires (f, &r, QD_RISK_RULE_STOP_WRONG_SIDE, QD_RISK_WARNING, "stop_price",
                "187.30", "187.22", NULL);
}

static void
test_buying_power (Fixture       *f,
                   gconstpointer  data)
{
  QdOrderRequest r = request ("ESU6.CME", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "12", "6400.00", NULL);

  limits_off (f);
  assert_clean (f, &r);
  r.quantity = dec ("13");
  assert_fires (f, &r, QD_RISK_RULE_BUYING_POWER, QD_RISK_WARNING, NULL,
                "4,160,000.00 USD", "3,976,002.20 USD", NULL);

  /* At exactly the buying power the order passes (80,000 free × 4 = 320,000). */
  feed_fixture (f, ACCOUNT_TOPIC, "AccountState.json",
                "\"free\":\"994000.55\"", "\"free\":\"80000.00\"",
                "4c1f7a0e", "5d2a8b1f", NULL);
  r.quantity = dec ("1");
  assert_clean (f, &r);
  r.limit_price = dec ("6400.25");
  assert_fires (f, &r, QD_RISK_RULE_BUYING_POWER, QD_RISK_WARNING, NULL,
                "320,012.50 USD", "320,000.00 USD", NULL);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  QdOrderRequest r = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                              "100", "187.10", NULL);
  QdOrderRequest same = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                                 "100.0", "187.1", NULL);
  QdOrderRequest other = request ("AAPL.NASDAQ", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_LIMIT,
                                  "101", "187.10", NULL);
  QdRiskLimits limits;

  assert_clean (f, &r);
  qd_risk_check_record_sent (f->check, &r);
  assert_fires (f, &same, QD_RISK_RULE_DUPLICATE, QD_RISK_WARNING, NULL, "0 seconds", NULL);
  assert_clean (f, &other);
  other = same;
  other.side = QD_ORDER_SIDE_SELL;
  assert_clean (f, &other);

  f->now += 10 * G_USEC_PER_SEC - 1;
  assert_fires (f, &r, QD_RISK_RULE_DUPLICATE, QD_RISK_WARNING, NULL, "9 seconds", NULL);
  f->now += 1;
  assert_clean (f, &r);

  /* A longer window reaches back further; 0 turns the rule off. */
  qd_risk_check_record_sent (f->check, &r);
  f->now += 30 * G_USEC_PER_SEC;
  qd_risk_check_get_limits (f->check, &limits);
  limits.duplicate_window_seconds = 60;
  qd_risk_check_set_limits (f->check, &limits);
  assert_fires (f, &r, QD_RISK_RULE_DUPLICATE, QD_RISK_WARNING, NULL, "30 seconds", NULL);
  limits.duplicate_window_seconds = 0;
  qd_risk_check_set_limits (f->check, &limits);
  assert_clean (f, &r);
}

static void
test_errors_first (Fixture       *f,
                   gconstpointer  data)
{
  /* Unknown instrument and size limit (warnings), a fractional quantity and a MARKET order
   * carrying a limit price (errors). */
  QdOrderRequest r = request ("XYZ.NYSE", QD_ORDER_SIDE_BUY, QD_ORDER_TYPE_MARKET,
                              "5000.5", "10.00", NULL);
  g_autoptr(GPtrArray) findings = evaluate (f, &r);
  gboolean seen_warning = FALSE;
  guint errors = 0, warnings = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const QdRiskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == QD_RISK_WARNING)
        {
          seen_warning = TRUE;
          warnings++;
        }
      else
        {
          g_assert_false (seen_warning);
          errors++;
        }
    }
  g_assert_cmpuint (errors, ==, 2);
  g_assert_cmpuint (warnings, ==, 2);
  g_assert_true (qd_risk_findings_have_errors (findings));
}

static void
count_signal (QdRiskCheck *check,
              guint       *count)
{
  (*count)++;
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  QdRiskLimits limits;
  guint changes = 0;

  limits_off (f);
  g_signal_connect (f->check, "limits-changed", G_CALLBACK (count_signal), &changes);
  qd_risk_check_bind_settings (f->check, settings);
  g_assert_cmpuint (changes, ==, 1);
  qd_risk_check_get_limits (f->check, &limits);
  g_assert_true (qd_decimal_equal (limits.max_quantity, qd_decimal_from_int (1000)));
  g_assert_true (qd_decimal_equal (limits.max_value, qd_decimal_from_int (100000)));
  g_assert_cmpuint (limits.max_percent_from_market, ==, 5);
  g_assert_cmpuint (limits.max_ticks_from_market, ==, 40);
  g_assert_cmpuint (limits.duplicate_window_seconds, ==, 10);

  g_settings_set_string (settings, "risk-max-quantity", "250.5");
  g_settings_set_string (settings, "risk-max-value", "5000");
  g_settings_set_uint (settings, "risk-max-percent-from-market", 7);
  g_settings_set_uint (settings, "risk-max-ticks-from-market", 12);
  g_settings_set_uint (settings, "risk-duplicate-window", 3);
  qd_risk_check_get_limits (f->check, &limits);
  g_assert_true (qd_decimal_equal (limits.max_quantity, dec ("250.5")));
  g_assert_true (qd_decimal_equal (limits.max_value, qd_decimal_from_int (5000)));
  g_assert_cmpuint (limits.max_percent_from_market, ==, 7);
  g_assert_cmpuint (limits.max_ticks_from_market, ==, 12);
  g_assert_cmpuint (limits.duplicate_window_seconds, ==, 3);
  g_assert_cmpuint (changes, ==, 6);

  /* Not a decimal, or negative: the default, quietly (no warning, which would abort here). */
  g_settings_set_string (settings, "risk-max-quantity", "lots");
  g_settings_set_string (settings, "risk-max-value", "-1");
  qd_risk_check_get_limits (f->check, &limits);
  g_assert_true (qd_decimal_equal (limits.max_quantity, qd_decimal_from_int (1000)));
  g_assert_true (qd_decimal_equal (limits.max_value, qd_decimal_from_int (100000)));

  /* Unbound, the limits stay as they were. */
  qd_risk_check_bind_settings (f->check, NULL);
  g_settings_set_uint (settings, "risk-duplicate-window", 30);
  qd_risk_check_get_limits (f->check, &limits);
  g_assert_cmpuint (limits.duplicate_window_seconds, ==, 3);
  g_settings_reset (settings, "risk-max-quantity");
  g_settings_reset (settings, "risk-max-value");
  g_settings_reset (settings, "risk-max-percent-from-market");
  g_settings_reset (settings, "risk-max-ticks-from-market");
  g_settings_reset (settings, "risk-duplicate-window");
}

static void
test_rule_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (QdRiskRule rule = QD_RISK_RULE_MISSING_FIELD; rule <= QD_RISK_RULE_DUPLICATE; rule++)
    {
      const char *id = qd_risk_rule_to_string (rule);

      g_assert_cmpstr (id, !=, "unknown");
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
    }
  g_assert_cmpstr (qd_risk_rule_to_string (QD_RISK_RULE_SIZE_LIMIT), ==, "size_limit");
  g_assert_cmpstr (qd_risk_rule_to_string (QD_RISK_RULE_VALUE_LIMIT), ==, "value_limit");
  g_assert_cmpstr (qd_risk_severity_to_string (QD_RISK_ERROR), ==, "error");
  g_assert_cmpstr (qd_risk_severity_to_string (QD_RISK_WARNING), ==, "warning");
}

#define ADD(path, func) \
  g_test_add ("/risk-check/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("defaults", test_defaults);
  ADD ("missing-fields", test_missing_fields);
  ADD ("quantity", test_quantity);
  ADD ("lot", test_lot);
  ADD ("price-missing", test_price_missing);
  ADD ("price-not-positive", test_price_not_positive);
  ADD ("price-not-allowed", test_price_not_allowed);
  ADD ("tick", test_tick);
  ADD ("unknown-instrument", test_unknown_instrument);
  g_test_add ("/risk-check/no-market", Fixture, "empty", fixture_setup, test_no_market,
              fixture_teardown);
  ADD ("size-limit", test_size_limit);
  ADD ("value-limit", test_value_limit);
  ADD ("price-percent", test_price_percent);
  ADD ("price-ticks", test_price_ticks);
  ADD ("stop-wrong-side", test_stop_wrong_side);
  ADD ("buying-power", test_buying_power);
  ADD ("duplicate", test_duplicate);
  ADD ("errors-first", test_errors_first);
  ADD ("settings", test_settings);
  g_test_add_func ("/risk-check/rule-ids", test_rule_ids);

  return g_test_run ();
}
