/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "qd-decimal.h"
#include "qd-enums.h"
#include "qd-json-writer.h"
#include "qd-paper-venue.h"

G_BEGIN_DECLS

/* What the bridge strategy and the IB adapter call themselves on the bus. */
#define QD_PAPER_STRATEGY_ID  "QuarterdeckBridge-001"
#define QD_PAPER_ACCOUNT_ID   "INTERACTIVE_BROKERS-DU1234567"
#define QD_PAPER_IB_ACCOUNT   "DU1234567"
#define QD_PAPER_CLIENT_ID    "INTERACTIVE_BROKERS"
#define QD_PAPER_GATEWAY_HOST "127.0.0.1"
#define QD_PAPER_GATEWAY_PORT 4002
#define QD_PAPER_IB_CLIENT_ID 1

#define QD_PAPER_NS_PER_SEC   G_GINT64_CONSTANT (1000000000)
#define QD_PAPER_BAR_NS       (5 * QD_PAPER_NS_PER_SEC)
/* Session close for DAY orders, seconds after midnight UTC (16:00 New York in summer). */
#define QD_PAPER_CLOSE_SECS   (21 * 3600)
/* The portfolio re-publishes the last AccountState this often (same event_id). */
#define QD_PAPER_ACCOUNT_REPUBLISH_NS (10 * QD_PAPER_NS_PER_SEC)
/* Every this many re-publishes, a fresh AccountState if positions are open (IB's account
 * summary updates are periodic too). */
#define QD_PAPER_ACCOUNT_FRESH_EVERY 6
/* Like a node's autotrim: keep the embedded bus from growing without end. */
#define QD_PAPER_STREAM_MAXLEN 200000

typedef enum
{
  QD_PAPER_KIND_STOCK,
  QD_PAPER_KIND_FX,
  QD_PAPER_KIND_FUTURE,
} QdPaperKind;

typedef struct
{
  const char  *symbol;          /* raw symbol and topic symbol: "AAPL", "EUR/USD", "ESZ6" */
  const char  *venue;           /* "NASDAQ" */
  QdPaperKind  kind;
  const char  *tick;            /* price increment, at the price precision */
  const char  *start_price;
  guint        max_step_ticks;  /* random walk: largest move per quote */
  gint64       display_lot;     /* displayed sizes are whole multiples of this */
  guint        min_lots;
  guint        max_lots;
  gint64       multiplier;
  gint64       con_id;          /* IB contract id */
  const char  *long_name;
  const char  *trading_class;
} QdPaperInstrumentSpec;

typedef struct
{
  gboolean     exists;          /* opened at least once */
  gint64       signed_qty;
  gint64       peak_qty;
  QdOrderSide  entry;
  QdDecimal    cost;            /* Σ px × qty of the open quantity, exact */
  QdDecimal    avg_px_open;     /* changes only when the position grows, as NautilusTrader's */
  QdDecimal    close_value;     /* Σ px × qty of the closing fills */
  gint64       closed_qty;
  QdDecimal    realized_pnl;    /* money, includes commissions */
  QdDecimal    commissions;
  gint64       last_qty;
  QdDecimal    last_px;
  char        *opening_order_id;
  char        *closing_order_id;
  gint64       ts_opened;
  gint64       ts_last;
  gint64       ts_closed;
  double       realized_return;
} QdPaperPosition;

typedef struct
{
  const QdPaperInstrumentSpec *spec;
  char            *id;           /* "AAPL.NASDAQ" */
  gint             precision;
  QdDecimal        tick;
  QdDecimal        multiplier;
  QdDecimal        anchor;       /* starting price: the walk leans back toward it */
  QdDecimal        bid;
  QdDecimal        ask;
  gint64           bid_size;
  gint64           ask_size;
  /* Liquidity taken since the last quote: the touch first, then deeper ticks. */
  gint64           bid_taken;
  gint64           ask_taken;
  /* The 5-second bar being built (LAST from trades; MID for FX, which has no trades). */
  gboolean         bar_started;
  QdDecimal        bar_open;
  QdDecimal        bar_high;
  QdDecimal        bar_low;
  QdDecimal        bar_close;
  gint64           bar_volume;
  gboolean         sub_quotes;
  gboolean         sub_trades;
  gboolean         sub_bars;
  QdPaperPosition  position;
} QdPaperInstrument;

typedef struct
{
  guint64             seq;
  char               *client_order_id;
  char               *venue_order_id;
  char               *request_id;
  char               *init_id;        /* event_id of OrderInitialized */
  QdPaperInstrument  *inst;
  QdOrderSide         side;
  QdOrderType         type;
  QdTimeInForce       tif;
  QdOrderStatus       status;
  gint64              quantity;
  gint64              filled_qty;
  QdDecimal           price;          /* none unless LIMIT / STOP_LIMIT */
  QdDecimal           trigger_price;  /* none unless STOP_* */
  QdDecimal           notional;       /* Σ last_px × last_qty */
  QdDecimal           commissions;
  gboolean            triggered;
  char               *last_trade_id;
  gint64              ts_init;
  gint64              ts_last;
  gint64              ts_triggered;
} QdPaperOrder;

struct _QdPaperVenue
{
  GObject             parent_instance;

  QdBus              *bus;
  char               *trader_id;
  char               *trader_tag;      /* "001" of "TESTER-001" */
  char               *stream_key;
  char               *command_key;
  guint64             seed;
  GRand              *rand;

  double              quote_rate;
  gboolean            per_topic;
  gboolean            iso_timestamps;
  guint               heartbeat_interval;
  gboolean            manual_clock;
  gboolean            running;
  gint64              now;
  gint64              connection_time;

  guint               watch_id;
  guint               timer_id;
  gint64              next_quote;
  gint64              next_bar;
  gint64              next_heartbeat;
  gint64              next_close;
  gint64              next_account;
  guint               account_ticks;

  QdPaperInstrument  *instruments;
  guint               n_instruments;

  GPtrArray          *orders;          /* QdPaperOrder, submission order */
  GHashTable         *orders_by_id;    /* client_order_id -> QdPaperOrder */
  guint               order_count;
  guint64             next_venue_order_id;
  guint               exec_count;

  QdDecimal           cash;
  char               *account_payload; /* the last AccountState, re-published verbatim */

  guint64             n_published;
};

/* qd-paper-venue.c */
void        qd_paper_venue_sync_clock        (QdPaperVenue      *self);
void        qd_paper_venue_publish           (QdPaperVenue      *self,
                                              const char        *topic,
                                              GString           *payload);

/* qd-paper-util.c: ids, time spellings, JSON and decimal helpers */
void        qd_paper_venue_new_uuid          (QdPaperVenue      *self,
                                              char               out[37]);
void        qd_paper_write_ts                (QdPaperVenue      *self,
                                              QdJsonWriter      *w,
                                              const char        *key,
                                              gint64             ns);
void        qd_paper_write_float             (QdJsonWriter      *w,
                                              QdDecimal          value);
void        qd_paper_write_double            (QdJsonWriter      *w,
                                              double             value);
void        qd_paper_write_money             (QdJsonWriter      *w,
                                              const char        *key,
                                              QdDecimal          amount);
char       *qd_paper_format_iso_pandas       (gint64             ns);
char       *qd_paper_format_iso_python       (gint64             ns);
char       *qd_paper_format_rfc3339          (gint64             ns);
char       *qd_paper_clip                    (const char        *text);
QdDecimal   qd_paper_add                     (QdDecimal          a,
                                              QdDecimal          b);
QdDecimal   qd_paper_sub                     (QdDecimal          a,
                                              QdDecimal          b);
QdDecimal   qd_paper_mul                     (QdDecimal          a,
                                              QdDecimal          b,
                                              gint               scale);
QdDecimal   qd_paper_div                     (QdDecimal          a,
                                              QdDecimal          b,
                                              gint               scale);
QdDecimal   qd_paper_round                   (QdDecimal          value,
                                              gint               scale);

/* qd-paper-market.c: instruments, quotes, trades, bars */
void        qd_paper_market_init             (QdPaperVenue      *self);
void        qd_paper_market_clear            (QdPaperVenue      *self);
QdPaperInstrument *
            qd_paper_market_lookup           (QdPaperVenue      *self,
                                              const char        *instrument_id);
void        qd_paper_market_publish_instruments (QdPaperVenue   *self);
void        qd_paper_market_publish_all_quotes (QdPaperVenue    *self);
void        qd_paper_market_random_quote     (QdPaperVenue      *self);
void        qd_paper_market_publish_quote    (QdPaperVenue      *self,
                                              QdPaperInstrument *inst);
void        qd_paper_market_close_bars       (QdPaperVenue      *self,
                                              gint64             bar_start);
char       *qd_paper_market_topic            (const char        *prefix,
                                              QdPaperInstrument *inst);

/* qd-paper-orders.c: the order book of the strategy and its events */
QdPaperOrder *
            qd_paper_order_lookup            (QdPaperVenue      *self,
                                              const char        *client_order_id);
void        qd_paper_order_free              (gpointer           data);
void        qd_paper_order_initialized       (QdPaperVenue      *self,
                                              QdPaperOrder      *order);
void        qd_paper_order_event             (QdPaperVenue      *self,
                                              QdPaperOrder      *order,
                                              const char        *type);
void        qd_paper_order_event_with_reason (QdPaperVenue      *self,
                                              QdPaperOrder      *order,
                                              const char        *type,
                                              const char        *reason);
void        qd_paper_order_reject_unknown    (QdPaperVenue      *self,
                                              const char        *type,
                                              const char        *client_order_id,
                                              const char        *instrument_id,
                                              const char        *reason);
void        qd_paper_order_updated           (QdPaperVenue      *self,
                                              QdPaperOrder      *order);
void        qd_paper_order_filled            (QdPaperVenue      *self,
                                              QdPaperOrder      *order,
                                              gint64             qty,
                                              QdDecimal          px,
                                              QdDecimal          commission,
                                              const char        *trade_id);
void        qd_paper_order_publish_snapshots (QdPaperVenue      *self);

/* qd-paper-commands.c: the ack the bridge sends on quarterdeck.acks (error NULL: ok) */
void        qd_paper_ack                     (QdPaperVenue      *self,
                                              const char        *request_id,
                                              const char        *client_order_id,
                                              const char        *error_message);

/* qd-paper-submit.c: submit, modify and cancel; each answers its own ack */
gboolean    qd_paper_submit                  (QdPaperVenue      *self,
                                              const char        *request_id,
                                              JsonObject        *cmd,
                                              GError           **error);
gboolean    qd_paper_modify                  (QdPaperVenue      *self,
                                              const char        *request_id,
                                              JsonObject        *cmd,
                                              GError           **error);
gboolean    qd_paper_cancel                  (QdPaperVenue      *self,
                                              const char        *request_id,
                                              JsonObject        *cmd,
                                              GError           **error);
void        qd_paper_cancel_order            (QdPaperVenue      *self,
                                              QdPaperOrder      *order);
gboolean    qd_paper_read_decimal            (JsonObject        *cmd,
                                              const char        *name,
                                              QdDecimal         *out,
                                              GError           **error);
gboolean    qd_paper_read_string             (JsonObject        *cmd,
                                              const char        *name,
                                              const char       **out,
                                              GError           **error);

/* qd-paper-matching.c: execution against the touch */
void        qd_paper_matching_accept         (QdPaperVenue      *self,
                                              QdPaperOrder      *order);
void        qd_paper_matching_rematch        (QdPaperVenue      *self,
                                              QdPaperOrder      *order);
void        qd_paper_matching_on_quote       (QdPaperVenue      *self,
                                              QdPaperInstrument *inst);
void        qd_paper_matching_expire_day     (QdPaperVenue      *self);
gboolean    qd_paper_order_is_working        (QdPaperOrder      *order);

/* qd-paper-account.c: fills into positions, cash, margins and account states */
void        qd_paper_account_apply_fill      (QdPaperVenue      *self,
                                              QdPaperOrder      *order,
                                              gint64             qty,
                                              QdDecimal          px);
gboolean    qd_paper_account_check_margin    (QdPaperVenue      *self,
                                              QdPaperOrder      *order,
                                              char             **reason);
void        qd_paper_account_publish_state   (QdPaperVenue      *self);
void        qd_paper_account_republish       (QdPaperVenue      *self);
gboolean    qd_paper_account_has_positions   (QdPaperVenue      *self);
QdDecimal   qd_paper_account_commission      (QdPaperInstrument *inst,
                                              gint64             qty,
                                              QdDecimal          px);

/* qd-paper-positions.c: netting positions and their events */
/* Returns the trading P&L the fill realized, before commission. */
QdDecimal   qd_paper_position_apply          (QdPaperVenue      *self,
                                              QdPaperInstrument *inst,
                                              QdPaperOrder      *order,
                                              gint64             qty,
                                              QdDecimal          px,
                                              QdDecimal          commission);
void        qd_paper_position_clear          (QdPaperPosition   *pos);
QdDecimal   qd_paper_position_mark           (QdPaperInstrument *inst);
QdDecimal   qd_paper_position_unrealized     (QdPaperInstrument *inst,
                                              QdDecimal          mark);
char       *qd_paper_position_id             (QdPaperInstrument *inst);
void        qd_paper_position_publish_snapshots (QdPaperVenue   *self);

G_END_DECLS
