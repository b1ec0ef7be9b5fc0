/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-decimal.h"
#include "qd-enums.h"

G_BEGIN_DECLS

/*
 * QdEvent: one bus entry decoded into what the service applies. Both dialects (native
 * NautilusTrader events and the seed's adapter.interactive_brokers.* models) land here.
 * Strings are owned by the event (qd_event_clear frees them); absent strings are NULL,
 * absent decimals QD_DECIMAL_NONE, absent times 0. Times are UNIX nanoseconds.
 */
typedef enum
{
  QD_EVENT_NONE,
  QD_EVENT_HEARTBEAT,
  QD_EVENT_ACCOUNT_STATE,
  QD_EVENT_ORDER,
  QD_EVENT_POSITION,
  QD_EVENT_QUOTE,
  QD_EVENT_TRADE,
  QD_EVENT_BAR,
  QD_EVENT_INSTRUMENT,
  QD_EVENT_COMPONENT_STATE,
  QD_EVENT_TRADING_STATE,
  QD_EVENT_ACK,
  QD_EVENT_SEED_CONNECTION,   /* adapter.interactive_brokers.connection: IBConnectionStatus */
  QD_EVENT_SEED_ACCOUNT,      /* adapter.interactive_brokers.account: IBAccountData */
  QD_EVENT_SEED_POSITION,     /* adapter.interactive_brokers.position: IBPosition */
  QD_EVENT_SEED_ORDER,        /* adapter.interactive_brokers.order: IBOrder */
} QdEventKind;

typedef enum
{
  QD_ORDER_EVENT_INITIALIZED,
  QD_ORDER_EVENT_DENIED,
  QD_ORDER_EVENT_EMULATED,
  QD_ORDER_EVENT_RELEASED,
  QD_ORDER_EVENT_SUBMITTED,
  QD_ORDER_EVENT_ACCEPTED,
  QD_ORDER_EVENT_REJECTED,
  QD_ORDER_EVENT_CANCELED,
  QD_ORDER_EVENT_EXPIRED,
  QD_ORDER_EVENT_TRIGGERED,
  QD_ORDER_EVENT_PENDING_UPDATE,
  QD_ORDER_EVENT_PENDING_CANCEL,
  QD_ORDER_EVENT_MODIFY_REJECTED,
  QD_ORDER_EVENT_CANCEL_REJECTED,
  QD_ORDER_EVENT_UPDATED,
  QD_ORDER_EVENT_FILLED,
  QD_ORDER_EVENT_SNAPSHOT,    /* snapshots:orders:* (Order.to_dict, no "type") */
} QdOrderEventKind;

typedef enum
{
  QD_POSITION_EVENT_OPENED,
  QD_POSITION_EVENT_CHANGED,
  QD_POSITION_EVENT_CLOSED,
  QD_POSITION_EVENT_SNAPSHOT, /* snapshots:positions:* */
} QdPositionEventKind;

typedef struct
{
  QdDecimal total;
  QdDecimal locked;
  QdDecimal free;
  char      currency[QD_CURRENCY_MAX + 1];
} QdEventBalance;

typedef struct
{
  QdDecimal initial;
  QdDecimal maintenance;
  char      currency[QD_CURRENCY_MAX + 1];
  char     *instrument_id;
} QdEventMargin;

typedef struct
{
  char    *account_id;
  char    *account_type;        /* CASH | MARGIN | ... */
  char    *base_currency;
  GArray  *balances;            /* QdEventBalance */
  GArray  *margins;             /* QdEventMargin (instrument_id owned) */
  QdDecimal total_cash_value;   /* info.TotalCashValue (IB), none when absent */
  gboolean reported;
} QdAccountStateEvent;

typedef struct
{
  QdOrderEventKind kind;
  char         *trader_id;
  char         *strategy_id;
  char         *instrument_id;
  char         *client_order_id;
  char         *venue_order_id;
  char         *account_id;
  /* OrderInitialized / OrderUpdated / snapshot */
  QdOrderSide   side;
  QdOrderType   order_type;
  QdTimeInForce time_in_force;
  QdDecimal     quantity;
  QdDecimal     price;          /* limit price (options.price or OrderUpdated.price) */
  QdDecimal     trigger_price;  /* stop price */
  gint64        expire_time_ns;
  gboolean      reduce_only;
  gboolean      post_only;
  char         *request_id;     /* from a "qd:req=<id>" tag */
  char        **tags;
  /* Denied / rejected / modify- and cancel-rejected */
  char         *reason;
  gboolean      due_post_only;
  gboolean      reconciliation;
  /* OrderFilled */
  char         *trade_id;
  char         *position_id;
  QdDecimal     last_qty;
  QdDecimal     last_px;
  char          currency[QD_CURRENCY_MAX + 1];
  QdMoney       commission;
  char         *liquidity_side;
  /* snapshot only */
  QdOrderStatus status;
  QdDecimal     filled_qty;
  QdDecimal     avg_px;
} QdOrderEvent;

typedef struct
{
  QdPositionEventKind kind;
  char          *trader_id;
  char          *strategy_id;
  char          *instrument_id;
  char          *position_id;
  char          *account_id;
  char          *opening_order_id;
  char          *closing_order_id;
  QdOrderSide    entry;
  QdPositionSide side;
  QdDecimal      quantity;       /* unsigned, as the "quantity" string */
  QdDecimal      signed_qty;     /* from the float signed_qty, or quantity and side */
  QdDecimal      peak_qty;
  QdDecimal      last_qty;
  QdDecimal      last_px;
  char           currency[QD_CURRENCY_MAX + 1];
  QdDecimal      avg_px_open;
  QdDecimal      avg_px_close;
  QdMoney        realized_pnl;
  QdMoney        unrealized_pnl; /* amount none when absent */
  gint64         ts_opened;
  gint64         ts_closed;
} QdPositionEvent;

typedef struct
{
  char     *instrument_id;
  QdDecimal bid_price;
  QdDecimal ask_price;
  QdDecimal bid_size;
  QdDecimal ask_size;
} QdQuoteEvent;

typedef struct
{
  char     *instrument_id;
  QdDecimal price;
  QdDecimal size;
  char     *aggressor_side;
  char     *trade_id;
} QdTradeEvent;

typedef struct
{
  char     *bar_type;        /* AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL */
  char     *instrument_id;   /* the part of bar_type before the first '-' spec field */
  QdDecimal open;
  QdDecimal high;
  QdDecimal low;
  QdDecimal close;
  QdDecimal volume;
} QdBarEvent;

typedef struct
{
  char     *instrument_id;
  char     *instrument_class;   /* Equity, CurrencyPair, FuturesContract, ... */
  char     *raw_symbol;
  char     *currency;
  gint      price_precision;
  gint      size_precision;
  QdDecimal price_increment;
  QdDecimal size_increment;
  QdDecimal lot_size;
  QdDecimal multiplier;
} QdInstrumentEvent;

typedef struct
{
  char    *component_id;
  char    *component_type;
  char    *state;          /* RUNNING, DEGRADED, FAULTED, ... */
  /* Only these parts of the component's config are kept; credentials never are. */
  char    *ibg_host;
  gint     ibg_port;       /* -1 when absent */
  gint     ibg_client_id;  /* -1 when absent */
  char    *account_id;
  QdTradingMode trading_mode;
} QdComponentStateEvent;

typedef struct
{
  char *state;             /* ACTIVE | HALTED | REDUCING */
} QdTradingStateEvent;

typedef struct
{
  char    *request_id;
  gboolean ok;
  char    *client_order_id;
  char    *error;
} QdAckEvent;

/* The seed's IBConnectionStatus. */
typedef struct
{
  gboolean connected;
  char    *gateway_type;
  char    *host;
  gint     port;
  gint     client_id;
  char    *account_id;
  gint64   connection_time;   /* ns, 0 when absent */
  gint64   last_heartbeat;
  char    *error_message;
  QdTradingMode trading_mode;
} QdSeedConnectionEvent;

/* The seed's IBAccountData. */
typedef struct
{
  char     *account_id;
  QdDecimal net_liquidation;
  QdDecimal total_cash_value;
  QdDecimal buying_power;
  QdDecimal maintenance_margin;
  QdDecimal initial_margin;
  QdDecimal excess_liquidity;
  char     *currency;
} QdSeedAccountEvent;

/* The seed's IBPosition. */
typedef struct
{
  char     *account_id;
  char     *contract_id;
  char     *symbol;
  char     *instrument_id;  /* the node's InstrumentId, when the bridge sends it */
  QdDecimal position;
  QdDecimal avg_cost;
  QdDecimal market_price;
  QdDecimal market_value;
  QdDecimal unrealized_pnl;
  QdDecimal realized_pnl;
} QdSeedPositionEvent;

/* The seed's IBOrder. */
typedef struct
{
  char     *order_id;
  gint      client_id;
  char     *account_id;
  char     *contract_id;
  char     *symbol;
  QdOrderSide   action;
  char     *order_type;       /* IB words: MKT, LMT, STP, STP LMT */
  QdDecimal total_quantity;
  QdDecimal filled_quantity;
  QdDecimal remaining_quantity;
  QdDecimal limit_price;
  QdDecimal stop_price;
  char     *status;           /* IB words: Submitted, Filled, Cancelled, ... */
  QdDecimal avg_fill_price;
  QdDecimal commission;
} QdSeedOrderEvent;

typedef struct
{
  QdEventKind kind;
  char       *topic;          /* owned copy of the entry's topic */
  char       *event_id;       /* NULL when the type has none (ticks, bars, heartbeats) */
  gint64      ts_event;
  gint64      ts_init;
  union {
    QdAccountStateEvent   account;
    QdOrderEvent          order;
    QdPositionEvent       position;
    QdQuoteEvent          quote;
    QdTradeEvent          trade;
    QdBarEvent            bar;
    QdInstrumentEvent     instrument;
    QdComponentStateEvent component;
    QdTradingStateEvent   trading;
    QdAckEvent            ack;
    QdSeedConnectionEvent seed_connection;
    QdSeedAccountEvent    seed_account;
    QdSeedPositionEvent   seed_position;
    QdSeedOrderEvent      seed_order;
  } u;
} QdEvent;

/* Zero-fill with every decimal set to none and ints to their "absent" values. */
void qd_event_init  (QdEvent     *event,
                     QdEventKind  kind);
/* Free what the event owns and reset it to QD_EVENT_NONE. */
void qd_event_clear (QdEvent     *event);

G_END_DECLS
