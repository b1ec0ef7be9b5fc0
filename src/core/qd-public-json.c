/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-public-json.h"

/*
 * How our models map onto the seed's data models (spec/ib-integration-seed.md):
 *
 * - Field names and JSON types are the seed's. Optional fields ("?" in the seed) are left
 *   out when unknown: a none decimal, a 0 time, a NULL or empty string. Required fields
 *   always appear: strings as "" when unknown, numbers as 0.
 * - Prices, quantities and money are JSON numbers printed exactly as the bus carried them
 *   ("187.10" stays 187.10), never through double.
 * - Times are ISO-8601 UTC strings with milliseconds: "2026-07-01T14:30:12.004Z".
 * - IBConnectionStatus: port and client_id are 0 when unknown (the model's -1), since the
 *   seed requires them; gateway_type and host are "".
 * - IBPosition/IBOrder.symbol: the model's symbol (the service sets it from the
 *   instrument id, "AAPL" from "AAPL.NASDAQ", or takes the bridge's), else the symbol part
 *   of the instrument id.
 *   contract_id: the model's contract id (IB's conId) if known, else the instrument id.
 * - IBOrder: order_id is the client order id; action "BUY"/"SELL" ("" if unknown);
 *   order_type is IB's word (MKT, LMT, STP, STP LMT, ...); status is IB's status word
 *   (Submitted, Filled, Cancelled, ...); remaining_quantity, when the model has none, is
 *   total minus filled.
 * - The quote object is ours: {"symbol","bid","ask","bid_size","ask_size","last",
 *   "timestamp"}, symbol as for positions, unknown values left out.
 */

#define NS_PER_SECOND G_GINT64_CONSTANT (1000000000)
#define NS_PER_MS     G_GINT64_CONSTANT (1000000)

char *
qd_format_iso8601_ns (gint64 ns)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *seconds = NULL;

  if (ns <= 0)
    return NULL;

  dt = g_date_time_new_from_unix_utc (ns / NS_PER_SECOND);
  if (dt == NULL)
    return NULL;

  seconds = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (ns % NS_PER_SECOND / NS_PER_MS));
}

char *
qd_symbol_from_instrument_id (const char *instrument_id)
{
  const char *dot;

  if (instrument_id == NULL)
    return NULL;

  dot = strrchr (instrument_id, '.');
  if (dot == NULL)
    return g_strdup (instrument_id);
  return g_strndup (instrument_id, dot - instrument_id);
}

static void
member_required_string (QdJsonWriter *w,
                        const char   *key,
                        const char   *value)
{
  qd_json_writer_member_string (w, key, value != NULL ? value : "");
}

static void
member_optional_string (QdJsonWriter *w,
                        const char   *key,
                        const char   *value)
{
  if (value != NULL && *value != '\0')
    qd_json_writer_member_string (w, key, value);
}

static void
member_required_decimal (QdJsonWriter *w,
                         const char   *key,
                         QdDecimal     value)
{
  qd_json_writer_member_decimal (w, key, qd_decimal_is_none (value) ? QD_DECIMAL_ZERO : value);
}

static void
member_optional_decimal (QdJsonWriter *w,
                         const char   *key,
                         QdDecimal     value)
{
  if (!qd_decimal_is_none (value))
    qd_json_writer_member_decimal (w, key, value);
}

static void
member_optional_time (QdJsonWriter *w,
                      const char   *key,
                      gint64        ns)
{
  g_autofree char *text = qd_format_iso8601_ns (ns);

  if (text != NULL)
    qd_json_writer_member_string (w, key, text);
}

/* symbol and contract_id of a position or an order. */
static void
write_instrument (QdJsonWriter *w,
                  const char   *instrument_id,
                  const char   *symbol,
                  const char   *contract_id)
{
  g_autofree char *instrument_symbol = qd_symbol_from_instrument_id (instrument_id);

  if (contract_id == NULL || *contract_id == '\0')
    contract_id = instrument_id;
  /* The symbol the node or the bridge named wins; else the instrument id's. */
  if ((symbol == NULL || *symbol == '\0') && instrument_symbol != NULL)
    symbol = instrument_symbol;

  member_required_string (w, "contract_id", contract_id);
  member_required_string (w, "symbol", symbol);
}

static char *
take_json (GString *str)
{
  return g_string_free (str, FALSE);
}

void
qd_connection_status_write_json (QdConnectionStatus *self,
                                 QdJsonWriter       *w)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));
  g_return_if_fail (w != NULL);

  qd_json_writer_begin_object (w);
  qd_json_writer_member_bool (w, "connected", qd_connection_status_get_connected (self));
  member_required_string (w, "gateway_type", qd_connection_status_get_gateway_type (self));
  member_required_string (w, "host", qd_connection_status_get_host (self));
  qd_json_writer_member_int (w, "port", MAX (qd_connection_status_get_port (self), 0));
  qd_json_writer_member_int (w, "client_id", MAX (qd_connection_status_get_client_id (self), 0));
  member_optional_string (w, "account_id", qd_connection_status_get_account_id (self));
  member_optional_time (w, "connection_time", qd_connection_status_get_connection_time (self));
  member_optional_time (w, "last_heartbeat", qd_connection_status_get_last_heartbeat (self));
  member_optional_string (w, "error_message", qd_connection_status_get_error_message (self));
  qd_json_writer_end_object (w);
}

char *
qd_connection_status_to_json (QdConnectionStatus *self)
{
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  qd_json_writer_init (&w, g_string_new (NULL));
  qd_connection_status_write_json (self, &w);
  return take_json (w.str);
}

void
qd_account_write_json (QdAccount    *self,
                       QdJsonWriter *w)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));
  g_return_if_fail (w != NULL);

  qd_json_writer_begin_object (w);
  member_required_string (w, "account_id", qd_account_get_account_id (self));
  member_optional_decimal (w, "net_liquidation", qd_account_get_net_liquidation (self));
  member_optional_decimal (w, "total_cash_value", qd_account_get_total_cash_value (self));
  member_optional_decimal (w, "buying_power", qd_account_get_buying_power (self));
  member_optional_decimal (w, "maintenance_margin", qd_account_get_maintenance_margin (self));
  member_optional_decimal (w, "initial_margin", qd_account_get_initial_margin (self));
  member_optional_decimal (w, "excess_liquidity", qd_account_get_excess_liquidity (self));
  member_required_string (w, "currency", qd_account_get_currency (self));
  member_optional_time (w, "timestamp", qd_account_get_timestamp (self));
  qd_json_writer_end_object (w);
}

char *
qd_account_to_json (QdAccount *self)
{
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_ACCOUNT (self), NULL);

  qd_json_writer_init (&w, g_string_new (NULL));
  qd_account_write_json (self, &w);
  return take_json (w.str);
}

void
qd_position_write_json (QdPosition   *self,
                        QdJsonWriter *w)
{
  g_return_if_fail (QD_IS_POSITION (self));
  g_return_if_fail (w != NULL);

  qd_json_writer_begin_object (w);
  member_required_string (w, "account_id", qd_position_get_account_id (self));
  write_instrument (w, qd_position_get_instrument_id (self), qd_position_get_symbol (self),
                    qd_position_get_contract_id (self));
  member_required_decimal (w, "position", qd_position_get_position (self));
  member_optional_decimal (w, "avg_cost", qd_position_get_avg_cost (self));
  member_optional_decimal (w, "market_price", qd_position_get_market_price (self));
  member_optional_decimal (w, "market_value", qd_position_get_market_value (self));
  member_optional_decimal (w, "unrealized_pnl", qd_position_get_unrealized_pnl (self));
  member_optional_decimal (w, "realized_pnl", qd_position_get_realized_pnl (self));
  member_optional_time (w, "timestamp", qd_position_get_timestamp (self));
  qd_json_writer_end_object (w);
}

char *
qd_position_to_json (QdPosition *self)
{
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  qd_json_writer_init (&w, g_string_new (NULL));
  qd_position_write_json (self, &w);
  return take_json (w.str);
}

static const char *
action_word (QdOrderSide side)
{
  switch (side)
    {
    case QD_ORDER_SIDE_BUY:
      return "BUY";
    case QD_ORDER_SIDE_SELL:
      return "SELL";
    case QD_ORDER_SIDE_NONE:
    default:
      return "";
    }
}

static QdDecimal
remaining_quantity (QdOrder *self)
{
  QdDecimal remaining = qd_order_get_remaining_quantity (self);

  /* Both none and an overflow leave it none: written as 0. */
  if (qd_decimal_is_none (remaining))
    qd_decimal_sub (qd_order_get_total_quantity (self), qd_order_get_filled_quantity (self),
                    &remaining, NULL);
  return remaining;
}

void
qd_order_write_json (QdOrder      *self,
                     QdJsonWriter *w)
{
  g_return_if_fail (QD_IS_ORDER (self));
  g_return_if_fail (w != NULL);

  qd_json_writer_begin_object (w);
  member_required_string (w, "order_id", qd_order_get_order_id (self));
  qd_json_writer_member_int (w, "client_id", MAX (qd_order_get_client_id (self), 0));
  member_required_string (w, "account_id", qd_order_get_account_id (self));
  write_instrument (w, qd_order_get_instrument_id (self), qd_order_get_symbol (self),
                    qd_order_get_contract_id (self));
  qd_json_writer_member_string (w, "action", action_word (qd_order_get_action (self)));
  qd_json_writer_member_string (w, "order_type",
                                qd_order_type_to_ib (qd_order_get_order_type (self)));
  member_required_decimal (w, "total_quantity", qd_order_get_total_quantity (self));
  member_required_decimal (w, "filled_quantity", qd_order_get_filled_quantity (self));
  member_required_decimal (w, "remaining_quantity", remaining_quantity (self));
  member_optional_decimal (w, "limit_price", qd_order_get_limit_price (self));
  member_optional_decimal (w, "stop_price", qd_order_get_stop_price (self));
  qd_json_writer_member_string (w, "status", qd_order_get_ib_status (self));
  member_optional_decimal (w, "avg_fill_price", qd_order_get_avg_fill_price (self));
  member_optional_decimal (w, "commission", qd_order_get_commission (self));
  member_optional_time (w, "timestamp", qd_order_get_timestamp (self));
  qd_json_writer_end_object (w);
}

char *
qd_order_to_json (QdOrder *self)
{
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  qd_json_writer_init (&w, g_string_new (NULL));
  qd_order_write_json (self, &w);
  return take_json (w.str);
}

void
qd_quote_write_json (QdQuote      *self,
                     QdJsonWriter *w)
{
  g_autofree char *symbol = NULL;

  g_return_if_fail (QD_IS_QUOTE (self));
  g_return_if_fail (w != NULL);

  symbol = qd_symbol_from_instrument_id (qd_quote_get_instrument_id (self));

  qd_json_writer_begin_object (w);
  member_required_string (w, "symbol", symbol);
  member_optional_decimal (w, "bid", qd_quote_get_bid (self));
  member_optional_decimal (w, "ask", qd_quote_get_ask (self));
  member_optional_decimal (w, "bid_size", qd_quote_get_bid_size (self));
  member_optional_decimal (w, "ask_size", qd_quote_get_ask_size (self));
  member_optional_decimal (w, "last", qd_quote_get_last (self));
  member_optional_time (w, "timestamp", qd_quote_get_timestamp (self));
  qd_json_writer_end_object (w);
}

char *
qd_quote_to_json (QdQuote *self)
{
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_QUOTE (self), NULL);

  qd_json_writer_init (&w, g_string_new (NULL));
  qd_quote_write_json (self, &w);
  return take_json (w.str);
}
