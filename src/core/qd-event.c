/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-event.h"

static void
clear_margin (gpointer data)
{
  QdEventMargin *margin = data;

  g_clear_pointer (&margin->instrument_id, g_free);
}

void
qd_event_init (QdEvent     *event,
               QdEventKind  kind)
{
  g_return_if_fail (event != NULL);

  memset (event, 0, sizeof *event);
  event->kind = kind;

  switch (kind)
    {
    case QD_EVENT_ACCOUNT_STATE:
      event->u.account.balances = g_array_new (FALSE, TRUE, sizeof (QdEventBalance));
      event->u.account.margins = g_array_new (FALSE, TRUE, sizeof (QdEventMargin));
      g_array_set_clear_func (event->u.account.margins, clear_margin);
      event->u.account.total_cash_value = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_ORDER:
      event->u.order.quantity = QD_DECIMAL_NONE;
      event->u.order.price = QD_DECIMAL_NONE;
      event->u.order.trigger_price = QD_DECIMAL_NONE;
      event->u.order.last_qty = QD_DECIMAL_NONE;
      event->u.order.last_px = QD_DECIMAL_NONE;
      event->u.order.commission.amount = QD_DECIMAL_NONE;
      event->u.order.filled_qty = QD_DECIMAL_NONE;
      event->u.order.avg_px = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_POSITION:
      event->u.position.quantity = QD_DECIMAL_NONE;
      event->u.position.signed_qty = QD_DECIMAL_NONE;
      event->u.position.peak_qty = QD_DECIMAL_NONE;
      event->u.position.last_qty = QD_DECIMAL_NONE;
      event->u.position.last_px = QD_DECIMAL_NONE;
      event->u.position.avg_px_open = QD_DECIMAL_NONE;
      event->u.position.avg_px_close = QD_DECIMAL_NONE;
      event->u.position.realized_pnl.amount = QD_DECIMAL_NONE;
      event->u.position.unrealized_pnl.amount = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_QUOTE:
      event->u.quote.bid_price = QD_DECIMAL_NONE;
      event->u.quote.ask_price = QD_DECIMAL_NONE;
      event->u.quote.bid_size = QD_DECIMAL_NONE;
      event->u.quote.ask_size = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_TRADE:
      event->u.trade.price = QD_DECIMAL_NONE;
      event->u.trade.size = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_BAR:
      event->u.bar.open = QD_DECIMAL_NONE;
      event->u.bar.high = QD_DECIMAL_NONE;
      event->u.bar.low = QD_DECIMAL_NONE;
      event->u.bar.close = QD_DECIMAL_NONE;
      event->u.bar.volume = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_INSTRUMENT:
      event->u.instrument.price_precision = -1;
      event->u.instrument.size_precision = -1;
      event->u.instrument.price_increment = QD_DECIMAL_NONE;
      event->u.instrument.size_increment = QD_DECIMAL_NONE;
      event->u.instrument.lot_size = QD_DECIMAL_NONE;
      event->u.instrument.multiplier = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_COMPONENT_STATE:
      event->u.component.ibg_port = -1;
      event->u.component.ibg_client_id = -1;
      break;

    case QD_EVENT_SEED_CONNECTION:
      event->u.seed_connection.port = -1;
      event->u.seed_connection.client_id = -1;
      break;

    case QD_EVENT_SEED_ACCOUNT:
      event->u.seed_account.net_liquidation = QD_DECIMAL_NONE;
      event->u.seed_account.total_cash_value = QD_DECIMAL_NONE;
      event->u.seed_account.buying_power = QD_DECIMAL_NONE;
      event->u.seed_account.maintenance_margin = QD_DECIMAL_NONE;
      event->u.seed_account.initial_margin = QD_DECIMAL_NONE;
      event->u.seed_account.excess_liquidity = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_SEED_POSITION:
      event->u.seed_position.position = QD_DECIMAL_NONE;
      event->u.seed_position.avg_cost = QD_DECIMAL_NONE;
      event->u.seed_position.market_price = QD_DECIMAL_NONE;
      event->u.seed_position.market_value = QD_DECIMAL_NONE;
      event->u.seed_position.unrealized_pnl = QD_DECIMAL_NONE;
      event->u.seed_position.realized_pnl = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_SEED_ORDER:
      event->u.seed_order.client_id = -1;
      event->u.seed_order.total_quantity = QD_DECIMAL_NONE;
      event->u.seed_order.filled_quantity = QD_DECIMAL_NONE;
      event->u.seed_order.remaining_quantity = QD_DECIMAL_NONE;
      event->u.seed_order.limit_price = QD_DECIMAL_NONE;
      event->u.seed_order.stop_price = QD_DECIMAL_NONE;
      event->u.seed_order.avg_fill_price = QD_DECIMAL_NONE;
      event->u.seed_order.commission = QD_DECIMAL_NONE;
      break;

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    case QD_EVENT_TRADING_STATE:
    case QD_EVENT_ACK:
    default:
      break;
    }
}

static void
clear_order (QdOrderEvent *o)
{
  g_free (o->trader_id);
  g_free (o->strategy_id);
  g_free (o->instrument_id);
  g_free (o->client_order_id);
  g_free (o->venue_order_id);
  g_free (o->account_id);
  g_free (o->request_id);
  g_strfreev (o->tags);
  g_free (o->reason);
  g_free (o->trade_id);
  g_free (o->position_id);
  g_free (o->liquidity_side);
}

static void
clear_position (QdPositionEvent *p)
{
  g_free (p->trader_id);
  g_free (p->strategy_id);
  g_free (p->instrument_id);
  g_free (p->position_id);
  g_free (p->account_id);
  g_free (p->opening_order_id);
  g_free (p->closing_order_id);
}

static void
clear_seed (QdEvent *event)
{
  switch (event->kind)
    {
    case QD_EVENT_SEED_CONNECTION:
      g_free (event->u.seed_connection.gateway_type);
      g_free (event->u.seed_connection.host);
      g_free (event->u.seed_connection.account_id);
      g_free (event->u.seed_connection.error_message);
      break;

    case QD_EVENT_SEED_ACCOUNT:
      g_free (event->u.seed_account.account_id);
      g_free (event->u.seed_account.currency);
      break;

    case QD_EVENT_SEED_POSITION:
      g_free (event->u.seed_position.account_id);
      g_free (event->u.seed_position.contract_id);
      g_free (event->u.seed_position.symbol);
      g_free (event->u.seed_position.instrument_id);
      break;

    case QD_EVENT_SEED_ORDER:
      g_free (event->u.seed_order.order_id);
      g_free (event->u.seed_order.account_id);
      g_free (event->u.seed_order.contract_id);
      g_free (event->u.seed_order.symbol);
      g_free (event->u.seed_order.order_type);
      g_free (event->u.seed_order.status);
      break;

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    case QD_EVENT_ACCOUNT_STATE:
    case QD_EVENT_ORDER:
    case QD_EVENT_POSITION:
    case QD_EVENT_QUOTE:
    case QD_EVENT_TRADE:
    case QD_EVENT_BAR:
    case QD_EVENT_INSTRUMENT:
    case QD_EVENT_COMPONENT_STATE:
    case QD_EVENT_TRADING_STATE:
    case QD_EVENT_ACK:
    default:
      break;
    }
}

void
qd_event_clear (QdEvent *event)
{
  g_return_if_fail (event != NULL);

  switch (event->kind)
    {
    case QD_EVENT_ACCOUNT_STATE:
      g_free (event->u.account.account_id);
      g_free (event->u.account.account_type);
      g_free (event->u.account.base_currency);
      g_clear_pointer (&event->u.account.balances, g_array_unref);
      g_clear_pointer (&event->u.account.margins, g_array_unref);
      break;

    case QD_EVENT_ORDER:
      clear_order (&event->u.order);
      break;

    case QD_EVENT_POSITION:
      clear_position (&event->u.position);
      break;

    case QD_EVENT_QUOTE:
      g_free (event->u.quote.instrument_id);
      break;

    case QD_EVENT_TRADE:
      g_free (event->u.trade.instrument_id);
      g_free (event->u.trade.aggressor_side);
      g_free (event->u.trade.trade_id);
      break;

    case QD_EVENT_BAR:
      g_free (event->u.bar.bar_type);
      g_free (event->u.bar.instrument_id);
      break;

    case QD_EVENT_INSTRUMENT:
      g_free (event->u.instrument.instrument_id);
      g_free (event->u.instrument.instrument_class);
      g_free (event->u.instrument.raw_symbol);
      g_free (event->u.instrument.currency);
      break;

    case QD_EVENT_COMPONENT_STATE:
      g_free (event->u.component.component_id);
      g_free (event->u.component.component_type);
      g_free (event->u.component.state);
      g_free (event->u.component.ibg_host);
      g_free (event->u.component.account_id);
      break;

    case QD_EVENT_TRADING_STATE:
      g_free (event->u.trading.state);
      break;

    case QD_EVENT_ACK:
      g_free (event->u.ack.request_id);
      g_free (event->u.ack.client_order_id);
      g_free (event->u.ack.error);
      break;

    case QD_EVENT_SEED_CONNECTION:
    case QD_EVENT_SEED_ACCOUNT:
    case QD_EVENT_SEED_POSITION:
    case QD_EVENT_SEED_ORDER:
      clear_seed (event);
      break;

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    default:
      break;
    }

  g_free (event->topic);
  g_free (event->event_id);
  memset (event, 0, sizeof *event);
}
