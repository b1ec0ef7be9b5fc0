/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qd-risk-check-private.h"

/*
 * The precautionary checks follow TWS's "Precautionary Settings" (size limit, total value
 * limit, price cap from the market). The defaults (1,000 units, 100,000 in the instrument's
 * currency, 5 % or 40 ticks from the market, a 10 s duplicate window) let an ordinary
 * 100-share order in a large stock through and catch the classic slips: an extra zero on the
 * quantity, a price typed a digit off, a double click on Submit.
 *
 * The market is the side an order would trade against: the ask for buys, the bid for sells.
 * The order's value is its price (limit price, the stop price for a stop-market order, the
 * market for a market order) × quantity × the instrument's multiplier. The buying power
 * estimate is that full value for every order, futures included (their margin is far less,
 * so the estimate errs on the side of asking), and sells that close a position count too.
 * No currency conversion is attempted: the value limit is read in the instrument's currency,
 * and buying power is only compared when the account uses that currency.
 */

static QdRiskSeverity
rule_severity (QdRiskRule rule)
{
  switch (rule)
    {
    case QD_RISK_RULE_MISSING_FIELD:
    case QD_RISK_RULE_QUANTITY:
    case QD_RISK_RULE_LOT:
    case QD_RISK_RULE_PRICE_MISSING:
    case QD_RISK_RULE_PRICE_NOT_POSITIVE:
    case QD_RISK_RULE_PRICE_NOT_ALLOWED:
    case QD_RISK_RULE_TICK:
    case QD_RISK_RULE_STOP_LIMIT_PRICES:
      return QD_RISK_ERROR;
    case QD_RISK_RULE_UNKNOWN_INSTRUMENT:
    case QD_RISK_RULE_SIZE_LIMIT:
    case QD_RISK_RULE_VALUE_LIMIT:
    case QD_RISK_RULE_PRICE_PERCENT:
    case QD_RISK_RULE_PRICE_TICKS:
    case QD_RISK_RULE_STOP_WRONG_SIDE:
    case QD_RISK_RULE_BUYING_POWER:
    case QD_RISK_RULE_DUPLICATE:
    default:
      return QD_RISK_WARNING;
    }
}

/* Formatting the numbers of a message. */

static char *
display_amount (QdDecimal value)
{
  return qd_decimal_to_display (qd_decimal_normalize (value), -1, TRUE);
}

static char *
display_price (QdDecimal value)
{
  return qd_decimal_to_display (value, -1, TRUE);
}

static char *
with_currency (char       *amount,
               const char *currency)
{
  char *text;

  if (currency == NULL || *currency == '\0')
    return amount;
  text = g_strdup_printf ("%s %s", amount, currency);
  g_free (amount);
  return text;
}

static char *
display_money (QdDecimal   value,
               const char *currency)
{
  return with_currency (qd_decimal_to_display (value, 2, TRUE), currency);
}

static gboolean
is_positive (QdDecimal value)
{
  return !qd_decimal_is_none (value) && qd_decimal_sign (value) > 0;
}

void
_qd_risk_add_finding (QdRiskEvaluation *ev,
                      QdRiskRule        rule,
                      const char       *field,
                      const char       *format,
                      ...)
{
  QdRiskFinding *finding = g_new0 (QdRiskFinding, 1);
  va_list args;

  finding->rule = rule;
  finding->severity = rule_severity (rule);
  finding->field = g_strdup (field);
  va_start (args, format);
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (finding->severity == QD_RISK_ERROR ? ev->errors : ev->warnings, finding);
}

/* Hard errors */

/* NautilusTrader's InstrumentId is SYMBOL.VENUE, split at the last dot. */
static gboolean
instrument_id_is_valid (const char *instrument_id)
{
  const char *dot = strrchr (instrument_id, '.');

  return dot != NULL && dot != instrument_id && dot[1] != '\0';
}

static void
check_instrument (QdRiskEvaluation *ev)
{
  const char *id = ev->request->instrument_id;

  if (id == NULL || *id == '\0')
    _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "instrument_id", "%s",
                          _("Choose an instrument"));
  else if (!instrument_id_is_valid (id))
    _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "instrument_id",
                          _("Instrument “%s” is not of the form SYMBOL.VENUE"), id);
  else
    ev->instrument_ok = TRUE;

  if (ev->instrument_ok)
    ev->instrument = qd_ib_service_lookup_instrument (ev->service, id);
}

static void
check_side (QdRiskEvaluation *ev)
{
  switch (ev->request->side)
    {
    case QD_ORDER_SIDE_BUY:
    case QD_ORDER_SIDE_SELL:
      break;
    case QD_ORDER_SIDE_NONE:
    default:
      _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "side", "%s",
                            _("Choose BUY or SELL"));
      break;
    }
}

static void
check_order_type (QdRiskEvaluation *ev)
{
  QdOrderType type = ev->request->order_type;

  switch (type)
    {
    case QD_ORDER_TYPE_MARKET:
    case QD_ORDER_TYPE_LIMIT:
    case QD_ORDER_TYPE_STOP_MARKET:
    case QD_ORDER_TYPE_STOP_LIMIT:
      break;
    case QD_ORDER_TYPE_UNKNOWN:
      _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "order_type", "%s",
                            _("Choose an order type"));
      break;
    case QD_ORDER_TYPE_MARKET_TO_LIMIT:
    case QD_ORDER_TYPE_MARKET_IF_TOUCHED:
    case QD_ORDER_TYPE_LIMIT_IF_TOUCHED:
    case QD_ORDER_TYPE_TRAILING_STOP_MARKET:
    case QD_ORDER_TYPE_TRAILING_STOP_LIMIT:
    default:
      _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "order_type",
                            _("%s orders are not supported; use market, limit, stop or stop-limit"),
                            qd_order_type_to_string (type));
      break;
    }
}

static void
check_time_in_force (QdRiskEvaluation *ev)
{
  QdTimeInForce tif = ev->request->time_in_force;

  switch (tif)
    {
    case QD_TIME_IN_FORCE_DAY:
    case QD_TIME_IN_FORCE_GTC:
    case QD_TIME_IN_FORCE_IOC:
    case QD_TIME_IN_FORCE_FOK:
      break;
    case QD_TIME_IN_FORCE_UNKNOWN:
      _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "time_in_force", "%s",
                            _("Choose a time in force"));
      break;
    case QD_TIME_IN_FORCE_GTD:
    case QD_TIME_IN_FORCE_AT_THE_OPEN:
    case QD_TIME_IN_FORCE_AT_THE_CLOSE:
    default:
      _qd_risk_add_finding (ev, QD_RISK_RULE_MISSING_FIELD, "time_in_force",
                            _("Time in force %s is not supported; use DAY, GTC, IOC or FOK"),
                            qd_time_in_force_to_string (tif));
      break;
    }
}

static void
check_quantity (QdRiskEvaluation *ev)
{
  QdDecimal quantity = ev->request->quantity;
  QdDecimal lot = qd_decimal_from_int (1);
  g_autofree char *shown = display_amount (quantity);

  if (qd_decimal_is_none (quantity))
    {
      _qd_risk_add_finding (ev, QD_RISK_RULE_QUANTITY, "quantity", "%s", _("Enter a quantity"));
      return;
    }
  if (qd_decimal_sign (quantity) <= 0)
    {
      _qd_risk_add_finding (ev, QD_RISK_RULE_QUANTITY, "quantity",
                            _("Quantity %s must be above zero"), shown);
      return;
    }
  ev->quantity_ok = TRUE;

  /* Without the instrument, whole units (lot 1) are the only safe assumption. */
  if (ev->instrument != NULL && is_positive (ev->instrument->lot_size))
    lot = ev->instrument->lot_size;
  if (!qd_decimal_is_multiple_of (quantity, lot))
    {
      g_autofree char *lot_shown = display_amount (lot);

      _qd_risk_add_finding (ev, QD_RISK_RULE_LOT, "quantity",
                            _("Quantity %s is not a whole number of lots of %s"), shown, lot_shown);
    }
  else if (ev->instrument != NULL && is_positive (ev->instrument->size_increment) &&
           !qd_decimal_is_multiple_of (quantity, ev->instrument->size_increment))
    {
      g_autofree char *inc_shown = display_amount (ev->instrument->size_increment);

      _qd_risk_add_finding (ev, QD_RISK_RULE_LOT, "quantity",
                            _("Quantity %s is not a multiple of the size increment %s"),
                            shown, inc_shown);
    }
}

static const char *
order_type_word (QdOrderType type)
{
  const char *word = qd_order_type_to_ib (type);

  return word != NULL ? word : qd_order_type_to_string (type);
}

static void
check_missing_price (QdRiskEvaluation *ev,
                     gboolean          is_limit)
{
  const char *field = is_limit ? "limit_price" : "stop_price";

  if (ev->request->order_type == QD_ORDER_TYPE_STOP_LIMIT)
    _qd_risk_add_finding (ev, QD_RISK_RULE_STOP_LIMIT_PRICES, field, "%s",
                          is_limit ? _("Enter a limit price: a stop-limit order needs both prices")
                                   : _("Enter a stop price: a stop-limit order needs both prices"));
  else
    _qd_risk_add_finding (ev, QD_RISK_RULE_PRICE_MISSING, field, "%s",
                          is_limit ? _("Enter a limit price for a limit order")
                                   : _("Enter a stop price for a stop order"));
}

/* One price of the request; TRUE when it is present, used and valid. */
static gboolean
check_price (QdRiskEvaluation *ev,
             gboolean          is_limit,
             gboolean          used)
{
  QdDecimal price = is_limit ? ev->request->limit_price : ev->request->stop_price;
  const char *field = is_limit ? "limit_price" : "stop_price";
  g_autofree char *shown = display_price (price);

  if (!used)
    {
      if (!qd_decimal_is_none (price))
        _qd_risk_add_finding (ev, QD_RISK_RULE_PRICE_NOT_ALLOWED, field,
                              is_limit ? _("%s orders take no limit price")
                                       : _("%s orders take no stop price"),
                              order_type_word (ev->request->order_type));
      return FALSE;
    }
  if (qd_decimal_is_none (price))
    {
      check_missing_price (ev, is_limit);
      return FALSE;
    }
  if (qd_decimal_sign (price) <= 0)
    {
      _qd_risk_add_finding (ev, QD_RISK_RULE_PRICE_NOT_POSITIVE, field,
                            is_limit ? _("Limit price %s must be above zero")
                                     : _("Stop price %s must be above zero"), shown);
      return FALSE;
    }
  if (ev->instrument != NULL && is_positive (ev->instrument->price_increment) &&
      !qd_decimal_is_multiple_of (price, ev->instrument->price_increment))
    {
      g_autofree char *tick = display_price (ev->instrument->price_increment);

      _qd_risk_add_finding (ev, QD_RISK_RULE_TICK, field,
                            is_limit ? _("Limit price %s is not a multiple of the tick size %s")
                                     : _("Stop price %s is not a multiple of the tick size %s"),
                            shown, tick);
      return FALSE;
    }
  return TRUE;
}

static void
check_prices (QdRiskEvaluation *ev)
{
  gboolean uses_limit, uses_stop;

  switch (ev->request->order_type)
    {
    case QD_ORDER_TYPE_MARKET:      uses_limit = FALSE; uses_stop = FALSE; break;
    case QD_ORDER_TYPE_LIMIT:       uses_limit = TRUE;  uses_stop = FALSE; break;
    case QD_ORDER_TYPE_STOP_MARKET: uses_limit = FALSE; uses_stop = TRUE;  break;
    case QD_ORDER_TYPE_STOP_LIMIT:  uses_limit = TRUE;  uses_stop = TRUE;  break;
    case QD_ORDER_TYPE_UNKNOWN:
    case QD_ORDER_TYPE_MARKET_TO_LIMIT:
    case QD_ORDER_TYPE_MARKET_IF_TOUCHED:
    case QD_ORDER_TYPE_LIMIT_IF_TOUCHED:
    case QD_ORDER_TYPE_TRAILING_STOP_MARKET:
    case QD_ORDER_TYPE_TRAILING_STOP_LIMIT:
    default:
      /* The type is already an error; which prices it needs is unknown. */
      return;
    }
  ev->limit_ok = check_price (ev, TRUE, uses_limit);
  ev->stop_ok = check_price (ev, FALSE, uses_stop);
}

/* Warnings */

static void
find_market (QdRiskEvaluation *ev)
{
  QdQuote *quote;
  QdDecimal market = QD_DECIMAL_NONE;

  ev->market = QD_DECIMAL_NONE;
  if (!ev->instrument_ok)
    return;
  quote = qd_ib_service_lookup_quote (ev->service, ev->request->instrument_id);
  if (quote == NULL)
    return;
  if (ev->request->side == QD_ORDER_SIDE_BUY)
    market = qd_quote_get_ask (quote);
  else if (ev->request->side == QD_ORDER_SIDE_SELL)
    market = qd_quote_get_bid (quote);
  if (is_positive (market))
    ev->market = market;
}

static void
check_instrument_known (QdRiskEvaluation *ev)
{
  if (ev->instrument_ok && ev->instrument == NULL)
    _qd_risk_add_finding (ev, QD_RISK_RULE_UNKNOWN_INSTRUMENT, "instrument_id",
                          _("%s has not been seen on the bus: its lot and tick sizes are not checked"),
                          ev->request->instrument_id);
}

static void
check_size_limit (QdRiskEvaluation *ev)
{
  QdDecimal limit = ev->limits->max_quantity;
  g_autofree char *shown = NULL;
  g_autofree char *limit_shown = NULL;

  if (!ev->quantity_ok || !is_positive (limit) ||
      qd_decimal_compare (ev->request->quantity, limit) <= 0)
    return;
  shown = display_amount (ev->request->quantity);
  limit_shown = display_amount (limit);
  _qd_risk_add_finding (ev, QD_RISK_RULE_SIZE_LIMIT, "quantity",
                        _("Quantity %s is above your size limit of %s"), shown, limit_shown);
}

/* The price the order's value is estimated at; FALSE when it cannot be known. */
static gboolean
order_price (QdRiskEvaluation *ev,
             QdDecimal        *price)
{
  switch (ev->request->order_type)
    {
    case QD_ORDER_TYPE_LIMIT:
    case QD_ORDER_TYPE_STOP_LIMIT:
      *price = ev->request->limit_price;
      return ev->limit_ok;
    case QD_ORDER_TYPE_STOP_MARKET:
      *price = ev->request->stop_price;
      return ev->stop_ok;
    case QD_ORDER_TYPE_MARKET:
      *price = ev->market;
      return !qd_decimal_is_none (ev->market);
    case QD_ORDER_TYPE_UNKNOWN:
    case QD_ORDER_TYPE_MARKET_TO_LIMIT:
    case QD_ORDER_TYPE_MARKET_IF_TOUCHED:
    case QD_ORDER_TYPE_LIMIT_IF_TOUCHED:
    case QD_ORDER_TYPE_TRAILING_STOP_MARKET:
    case QD_ORDER_TYPE_TRAILING_STOP_LIMIT:
    default:
      return FALSE;
    }
}

/* price × quantity × multiplier, exact up to the decimal's 9 places. */
static gboolean
order_value (QdRiskEvaluation *ev,
             QdDecimal        *value)
{
  QdDecimal price, notional;
  QdDecimal multiplier = qd_decimal_from_int (1);

  if (!ev->quantity_ok || !order_price (ev, &price))
    return FALSE;
  if (ev->instrument != NULL && is_positive (ev->instrument->multiplier))
    multiplier = ev->instrument->multiplier;
  if (!qd_decimal_mul (price, ev->request->quantity,
                       MIN (price.scale + ev->request->quantity.scale, QD_DECIMAL_MAX_SCALE),
                       QD_ROUND_HALF_EVEN, &notional, NULL))
    return FALSE;
  return qd_decimal_mul (notional, multiplier,
                         MIN (notional.scale + multiplier.scale, QD_DECIMAL_MAX_SCALE),
                         QD_ROUND_HALF_EVEN, value, NULL);
}

static const char *
instrument_currency (QdRiskEvaluation *ev)
{
  return ev->instrument != NULL ? ev->instrument->currency : NULL;
}

static void
check_value_limit (QdRiskEvaluation *ev,
                   QdDecimal         value)
{
  QdDecimal limit = ev->limits->max_value;
  g_autofree char *shown = NULL;
  g_autofree char *limit_shown = NULL;

  if (!is_positive (limit) || qd_decimal_compare (value, limit) <= 0)
    return;
  shown = display_money (value, instrument_currency (ev));
  limit_shown = with_currency (display_amount (limit), instrument_currency (ev));
  _qd_risk_add_finding (ev, QD_RISK_RULE_VALUE_LIMIT, NULL,
                        _("Order value %s is above your total value limit of %s"),
                        shown, limit_shown);
}

static void
check_buying_power (QdRiskEvaluation *ev,
                    QdDecimal         value)
{
  QdAccount *account = qd_ib_service_get_account (ev->service);
  QdDecimal buying_power = qd_account_get_buying_power (account);
  const char *currency = instrument_currency (ev);
  const char *account_currency = qd_account_get_currency (account);
  g_autofree char *shown = NULL;
  g_autofree char *power_shown = NULL;

  if (qd_decimal_is_none (buying_power))
    return;
  /* Without exchange rates, a value in another currency cannot be compared. */
  if (currency != NULL && account_currency != NULL && g_strcmp0 (currency, account_currency) != 0)
    return;
  if (qd_decimal_compare (value, buying_power) <= 0)
    return;
  shown = display_money (value, currency != NULL ? currency : account_currency);
  power_shown = display_money (buying_power, account_currency);
  _qd_risk_add_finding (ev, QD_RISK_RULE_BUYING_POWER, NULL,
                        _("Estimated order value %s is above your buying power of %s"),
                        shown, power_shown);
}

static char *
describe_market (QdRiskEvaluation *ev)
{
  g_autofree char *price = display_price (ev->market);

  return ev->request->side == QD_ORDER_SIDE_BUY ? g_strdup_printf (_("ask %s"), price)
                                                : g_strdup_printf (_("bid %s"), price);
}

static void
check_percent (QdRiskEvaluation *ev,
               gboolean          is_limit,
               QdDecimal         price,
               QdDecimal         distance)
{
  guint percent = ev->limits->max_percent_from_market;
  QdDecimal scaled, allowed, actual;
  g_autofree char *shown = NULL;
  g_autofree char *actual_shown = NULL;
  g_autofree char *market = NULL;

  /* distance × 100 > market × N, exactly: at N % the price still passes. */
  if (percent == 0 ||
      !qd_decimal_mul (distance, qd_decimal_from_int (100), distance.scale, QD_ROUND_EXACT,
                       &scaled, NULL) ||
      !qd_decimal_mul (ev->market, qd_decimal_from_int (percent), ev->market.scale,
                       QD_ROUND_EXACT, &allowed, NULL) ||
      qd_decimal_compare (scaled, allowed) <= 0 ||
      !qd_decimal_div (scaled, ev->market, 2, QD_ROUND_HALF_UP, &actual, NULL))
    return;
  shown = display_price (price);
  actual_shown = qd_decimal_to_display (actual, 2, TRUE);
  market = describe_market (ev);
  _qd_risk_add_finding (ev, QD_RISK_RULE_PRICE_PERCENT, is_limit ? "limit_price" : "stop_price",
                        is_limit ? _("Limit price %s is %s%% away from the market (%s); your limit is %u%%")
                                 : _("Stop price %s is %s%% away from the market (%s); your limit is %u%%"),
                        shown, actual_shown, market, percent);
}

static void
check_ticks (QdRiskEvaluation *ev,
             gboolean          is_limit,
             QdDecimal         price,
             QdDecimal         distance)
{
  guint ticks = ev->limits->max_ticks_from_market;
  QdDecimal tick, allowed, count;
  gulong n;
  g_autofree char *shown = NULL;
  g_autofree char *count_shown = NULL;
  g_autofree char *market = NULL;

  if (ticks == 0 || ev->instrument == NULL || !is_positive (ev->instrument->price_increment))
    return;
  tick = ev->instrument->price_increment;
  if (!qd_decimal_mul (tick, qd_decimal_from_int (ticks), tick.scale, QD_ROUND_EXACT,
                       &allowed, NULL) ||
      qd_decimal_compare (distance, allowed) <= 0 ||
      !qd_decimal_div (distance, tick, 0, QD_ROUND_HALF_UP, &count, NULL))
    return;
  n = (gulong) MIN (count.raw, (gint64) G_MAXLONG);
  shown = display_price (price);
  count_shown = display_amount (count);
  market = describe_market (ev);
  _qd_risk_add_finding (ev, QD_RISK_RULE_PRICE_TICKS, is_limit ? "limit_price" : "stop_price",
                        is_limit
                        ? g_dngettext (GETTEXT_PACKAGE,
                              "Limit price %s is %s tick away from the market (%s); your limit is %u",
                              "Limit price %s is %s ticks away from the market (%s); your limit is %u",
                              n)
                        : g_dngettext (GETTEXT_PACKAGE,
                              "Stop price %s is %s tick away from the market (%s); your limit is %u",
                              "Stop price %s is %s ticks away from the market (%s); your limit is %u",
                              n),
                        shown, count_shown, market, ticks);
}

/* Without a quote there is no market to measure against: these checks are skipped, and an
 * unknown market is not itself a finding. */
static void
check_distance_from_market (QdRiskEvaluation *ev)
{
  for (guint i = 0; i < 2; i++)
    {
      gboolean is_limit = i == 0;
      QdDecimal price = is_limit ? ev->request->limit_price : ev->request->stop_price;
      QdDecimal distance;

      if (qd_decimal_is_none (ev->market) || !(is_limit ? ev->limit_ok : ev->stop_ok) ||
          !qd_decimal_sub (price, ev->market, &distance, NULL))
        continue;
      distance = qd_decimal_abs (distance);
      check_percent (ev, is_limit, price, distance);
      check_ticks (ev, is_limit, price, distance);
    }
}

static void
check_stop_side (QdRiskEvaluation *ev)
{
  QdDecimal stop = ev->request->stop_price;
  gint cmp;
  g_autofree char *shown = NULL;
  g_autofree char *market = NULL;

  if (!ev->stop_ok || qd_decimal_is_none (ev->market))
    return;
  cmp = qd_decimal_compare (stop, ev->market);
  shown = display_price (stop);
  market = display_price (ev->market);
  if (ev->request->side == QD_ORDER_SIDE_BUY && cmp <= 0)
    _qd_risk_add_finding (ev, QD_RISK_RULE_STOP_WRONG_SIDE, "stop_price",
                          _("Buy stop %s is at or below the ask %s: it would trigger at once"),
                          shown, market);
  else if (ev->request->side == QD_ORDER_SIDE_SELL && cmp >= 0)
    _qd_risk_add_finding (ev, QD_RISK_RULE_STOP_WRONG_SIDE, "stop_price",
                          _("Sell stop %s is at or above the bid %s: it would trigger at once"),
                          shown, market);
}

void
_qd_risk_check_errors (QdRiskEvaluation *ev)
{
  check_instrument (ev);
  check_side (ev);
  check_order_type (ev);
  check_time_in_force (ev);
  check_quantity (ev);
  check_prices (ev);
}

void
_qd_risk_check_warnings (QdRiskEvaluation *ev)
{
  QdDecimal value;

  find_market (ev);
  check_instrument_known (ev);
  check_size_limit (ev);
  if (order_value (ev, &value))
    {
      check_value_limit (ev, value);
      check_buying_power (ev, value);
    }
  check_distance_from_market (ev);
  check_stop_side (ev);
}
