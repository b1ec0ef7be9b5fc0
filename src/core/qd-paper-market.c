/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

/* Chance (in percent) that a quote is followed by a trade print. */
#define TRADE_PERCENT 35
/* The walk turns back toward the starting price beyond this deviation (1/20 = 5%). */
#define REVERSION_DIVISOR 20
/* ESZ6: listed 2025-09-19, expires 2026-12-18 14:30 UTC (third Friday, 09:30 ET). */
#define ESZ6_ACTIVATION_NS G_GINT64_CONSTANT (1758240000000000000)
#define ESZ6_EXPIRATION_NS G_GINT64_CONSTANT (1797604200000000000)

static const QdPaperInstrumentSpec instrument_specs[] = {
  { "AAPL", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "212.40", 3, 100, 1, 30, 1,
    265598, "APPLE INC", "NMS" },
  { "MSFT", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "478.20", 4, 100, 1, 20, 1,
    272093, "MICROSOFT CORP", "NMS" },
  { "NVDA", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "158.30", 3, 100, 2, 40, 1,
    4815747, "NVIDIA CORP", "NMS" },
  { "AMZN", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "221.60", 3, 100, 1, 25, 1,
    3691937, "AMAZON.COM INC", "NMS" },
  { "GOOGL", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "176.90", 3, 100, 1, 25, 1,
    208813719, "ALPHABET INC-CL A", "NMS" },
  { "META", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "712.50", 6, 100, 1, 15, 1,
    107113386, "META PLATFORMS INC-CLASS A", "NMS" },
  { "TSLA", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "318.70", 6, 100, 1, 20, 1,
    76792991, "TESLA INC", "NMS" },
  { "SPY", "ARCA", QD_PAPER_KIND_STOCK, "0.01", "617.40", 2, 100, 5, 50, 1,
    756733, "SPDR S&P 500 ETF TRUST", "SPY" },
  { "QQQ", "NASDAQ", QD_PAPER_KIND_STOCK, "0.01", "551.20", 2, 100, 3, 40, 1,
    320227571, "INVESCO QQQ TRUST SERIES 1", "NMS" },
  { "JPM", "NYSE", QD_PAPER_KIND_STOCK, "0.01", "289.10", 3, 100, 1, 20, 1,
    1520593, "JPMORGAN CHASE & CO", "JPM" },
  { "XOM", "NYSE", QD_PAPER_KIND_STOCK, "0.01", "111.30", 2, 100, 1, 25, 1,
    13977, "EXXON MOBIL CORP", "XOM" },
  { "BF-B", "NYSE", QD_PAPER_KIND_STOCK, "0.01", "27.15", 1, 100, 1, 15, 1,
    4790, "BROWN-FORMAN CORP-CLASS B", "BF B" },
  { "EUR/USD", "IDEALPRO", QD_PAPER_KIND_FX, "0.00005", "1.17250", 2, 1000000, 1, 10, 1,
    12087792, "European Monetary Union Euro", "EUR.USD" },
  { "ESZ6", "CME", QD_PAPER_KIND_FUTURE, "0.25", "6312.25", 2, 1, 5, 60, 50,
    649180695, "E-mini S&P 500", "ES" },
};

static QdDecimal
parse_static (const char *text)
{
  QdDecimal value = QD_DECIMAL_ZERO;

  if (!qd_decimal_parse (text, -1, &value, NULL))
    g_assert_not_reached ();
  return value;
}

/* IB's localSymbol: "BF B" for BF-B, "EUR.USD" for the pair. */
static const char *
raw_symbol (QdPaperInstrument *inst)
{
  if (inst->spec->kind == QD_PAPER_KIND_FX || strchr (inst->spec->symbol, '-') != NULL)
    return inst->spec->trading_class;
  return inst->spec->symbol;
}

void
qd_paper_market_init (QdPaperVenue *self)
{
  guint i;

  self->n_instruments = G_N_ELEMENTS (instrument_specs);
  self->instruments = g_new0 (QdPaperInstrument, self->n_instruments);

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];
      const QdPaperInstrumentSpec *spec = &instrument_specs[i];

      inst->spec = spec;
      inst->id = g_strconcat (spec->symbol, ".", spec->venue, NULL);
      inst->tick = parse_static (spec->tick);
      inst->precision = inst->tick.scale;
      inst->multiplier = qd_decimal_from_int (spec->multiplier);
      inst->anchor = parse_static (spec->start_price);
      inst->bid = inst->anchor;
      inst->ask = (QdDecimal) { inst->anchor.raw + inst->tick.raw, inst->precision };
      inst->bid_size = inst->ask_size = spec->display_lot * spec->min_lots;
      inst->bar_close = inst->anchor;
      inst->sub_quotes = inst->sub_trades = inst->sub_bars = TRUE;
      inst->position.entry = QD_ORDER_SIDE_NONE;
    }
}

void
qd_paper_market_clear (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      qd_paper_position_clear (&self->instruments[i].position);
      g_free (self->instruments[i].id);
    }
  g_clear_pointer (&self->instruments, g_free);
  self->n_instruments = 0;
}

QdPaperInstrument *
qd_paper_market_lookup (QdPaperVenue *self,
                        const char   *instrument_id)
{
  guint i;

  if (instrument_id == NULL)
    return NULL;
  for (i = 0; i < self->n_instruments; i++)
    if (strcmp (self->instruments[i].id, instrument_id) == 0)
      return &self->instruments[i];
  return NULL;
}

/* "data.quotes.NASDAQ.AAPL": the node's topics put the venue first. */
char *
qd_paper_market_topic (const char        *prefix,
                       QdPaperInstrument *inst)
{
  return g_strdup_printf ("%s.%s.%s", prefix, inst->spec->venue, inst->spec->symbol);
}

/* Instruments */

static void
write_contract_info (QdJsonWriter      *w,
                     QdPaperInstrument *inst)
{
  const QdPaperInstrumentSpec *spec = inst->spec;
  const char *sec_type = spec->kind == QD_PAPER_KIND_STOCK ? "STK"
                         : spec->kind == QD_PAPER_KIND_FX ? "CASH" : "FUT";

  qd_json_writer_key (w, "info");
  qd_json_writer_begin_object (w);
  qd_json_writer_key (w, "contract");
  qd_json_writer_begin_object (w);
  qd_json_writer_member_int (w, "conId", spec->con_id);
  qd_json_writer_member_string (w, "symbol", spec->kind == QD_PAPER_KIND_FUTURE ? "ES"
                                : spec->kind == QD_PAPER_KIND_FX ? "EUR" : raw_symbol (inst));
  qd_json_writer_member_string (w, "secType", sec_type);
  qd_json_writer_member_string (w, "exchange", spec->kind == QD_PAPER_KIND_STOCK ? "SMART"
                                                                               : spec->venue);
  qd_json_writer_member_string (w, "primaryExchange", spec->venue);
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_member_string (w, "localSymbol", raw_symbol (inst));
  qd_json_writer_member_string (w, "tradingClass", spec->trading_class);
  qd_json_writer_end_object (w);
  qd_json_writer_member_string (w, "longName", spec->long_name);
  qd_json_writer_key (w, "minTick");
  qd_paper_write_float (w, inst->tick);
  qd_json_writer_end_object (w);
}

static void
write_fees_and_margins (QdJsonWriter *w)
{
  qd_json_writer_member_string (w, "margin_init", "0");
  qd_json_writer_member_string (w, "margin_maint", "0");
  qd_json_writer_member_string (w, "maker_fee", "0");
  qd_json_writer_member_string (w, "taker_fee", "0");
}

/* Equity.to_dict_c */
static void
write_equity (QdPaperVenue      *self,
              QdJsonWriter      *w,
              QdPaperInstrument *inst)
{
  qd_json_writer_member_string (w, "type", "Equity");
  qd_json_writer_member_string (w, "id", inst->id);
  qd_json_writer_member_string (w, "raw_symbol", raw_symbol (inst));
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_member_int (w, "price_precision", inst->precision);
  qd_json_writer_member_decimal_str (w, "price_increment", inst->tick);
  qd_json_writer_member_string (w, "lot_size", "1");
  qd_json_writer_member_null (w, "isin");
  write_fees_and_margins (w);
  qd_json_writer_member_null (w, "min_price");
  qd_json_writer_member_null (w, "max_price");
  qd_json_writer_member_null (w, "max_quantity");
  qd_json_writer_member_null (w, "min_quantity");
  qd_paper_write_ts (self, w, "ts_event", self->now);
  qd_paper_write_ts (self, w, "ts_init", self->now);
  qd_json_writer_member_null (w, "tick_scheme_name");
  write_contract_info (w, inst);
}

/* CurrencyPair.to_dict_c */
static void
write_currency_pair (QdPaperVenue      *self,
                     QdJsonWriter      *w,
                     QdPaperInstrument *inst)
{
  qd_json_writer_member_string (w, "type", "CurrencyPair");
  qd_json_writer_member_string (w, "id", inst->id);
  qd_json_writer_member_string (w, "raw_symbol", raw_symbol (inst));
  qd_json_writer_member_string (w, "base_currency", "EUR");
  qd_json_writer_member_string (w, "quote_currency", "USD");
  qd_json_writer_member_int (w, "price_precision", inst->precision);
  qd_json_writer_member_decimal_str (w, "price_increment", inst->tick);
  qd_json_writer_member_int (w, "size_precision", 0);
  qd_json_writer_member_string (w, "size_increment", "1");
  qd_json_writer_member_string (w, "lot_size", "1");
  qd_json_writer_member_null (w, "max_quantity");
  qd_json_writer_member_string (w, "min_quantity", "1");
  qd_json_writer_member_null (w, "max_notional");
  qd_json_writer_member_null (w, "min_notional");
  qd_json_writer_member_null (w, "max_price");
  qd_json_writer_member_null (w, "min_price");
  write_fees_and_margins (w);
  qd_paper_write_ts (self, w, "ts_event", self->now);
  qd_paper_write_ts (self, w, "ts_init", self->now);
  write_contract_info (w, inst);
}

/* FuturesContract.to_dict_c */
static void
write_futures_contract (QdPaperVenue      *self,
                        QdJsonWriter      *w,
                        QdPaperInstrument *inst)
{
  qd_json_writer_member_string (w, "type", "FuturesContract");
  qd_json_writer_member_string (w, "id", inst->id);
  qd_json_writer_member_string (w, "raw_symbol", raw_symbol (inst));
  qd_json_writer_member_string (w, "asset_class", "INDEX");
  qd_json_writer_member_string (w, "currency", "USD");
  qd_json_writer_member_int (w, "price_precision", inst->precision);
  qd_json_writer_member_decimal_str (w, "price_increment", inst->tick);
  qd_json_writer_member_int (w, "size_precision", 0);
  qd_json_writer_member_string (w, "size_increment", "1");
  qd_json_writer_member_decimal_str (w, "multiplier", inst->multiplier);
  qd_json_writer_member_string (w, "lot_size", "1");
  qd_json_writer_member_string (w, "underlying", "ES");
  qd_json_writer_member_int (w, "activation_ns", ESZ6_ACTIVATION_NS);
  qd_json_writer_member_int (w, "expiration_ns", ESZ6_EXPIRATION_NS);
  qd_json_writer_member_string (w, "margin_init", "0");
  qd_json_writer_member_string (w, "margin_maint", "0");
  qd_paper_write_ts (self, w, "ts_event", self->now);
  qd_paper_write_ts (self, w, "ts_init", self->now);
  qd_json_writer_member_string (w, "exchange", inst->spec->venue);
  write_contract_info (w, inst);
}

void
qd_paper_market_publish_instruments (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];
      g_autoptr(GString) str = g_string_new (NULL);
      g_autofree char *topic = qd_paper_market_topic ("data.instrument", inst);
      QdJsonWriter w;

      qd_json_writer_init (&w, str);
      qd_json_writer_begin_object (&w);
      switch (inst->spec->kind)
        {
        case QD_PAPER_KIND_FX:
          write_currency_pair (self, &w, inst);
          break;
        case QD_PAPER_KIND_FUTURE:
          write_futures_contract (self, &w, inst);
          break;
        case QD_PAPER_KIND_STOCK:
        default:
          write_equity (self, &w, inst);
          break;
        }
      qd_json_writer_end_object (&w);
      qd_paper_venue_publish (self, topic, str);
    }
}

/* Bars */

static void
bar_update (QdPaperInstrument *inst,
            QdDecimal          px,
            gint64             volume)
{
  if (!inst->bar_started)
    {
      inst->bar_started = TRUE;
      inst->bar_open = inst->bar_high = inst->bar_low = px;
      inst->bar_volume = 0;
    }
  if (qd_decimal_compare (px, inst->bar_high) > 0)
    inst->bar_high = px;
  if (qd_decimal_compare (px, inst->bar_low) < 0)
    inst->bar_low = px;
  inst->bar_close = px;
  inst->bar_volume += volume;
}

/* FX bars are midpoints (IB has no trades for IDEALPRO), kept on the price precision. */
static void
bar_update_mid (QdPaperInstrument *inst)
{
  QdDecimal sum = qd_paper_add (inst->bid, inst->ask);
  QdDecimal mid = qd_paper_div (sum, qd_decimal_from_int (2), inst->precision);

  bar_update (inst, mid, 0);
}

static void
publish_bar (QdPaperVenue      *self,
             QdPaperInstrument *inst,
             gint64             bar_start)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *bar_type = NULL;
  g_autofree char *topic = NULL;
  QdJsonWriter w;

  bar_type = g_strdup_printf ("%s-5-SECOND-%s-EXTERNAL", inst->id,
                              inst->spec->kind == QD_PAPER_KIND_FX ? "MID" : "LAST");
  topic = g_strconcat ("data.bars.", bar_type, NULL);

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "type", "Bar");
  qd_json_writer_member_string (&w, "bar_type", bar_type);
  qd_json_writer_member_decimal_str (&w, "open", inst->bar_open);
  qd_json_writer_member_decimal_str (&w, "high", inst->bar_high);
  qd_json_writer_member_decimal_str (&w, "low", inst->bar_low);
  qd_json_writer_member_decimal_str (&w, "close", inst->bar_close);
  qd_json_writer_member_decimal_str (&w, "volume", qd_decimal_from_int (inst->bar_volume));
  /* IB's real-time bars are stamped with their start. */
  qd_paper_write_ts (self, &w, "ts_event", bar_start);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, topic, str);
}

/* IB sends a real-time bar every 5 seconds, flat with no volume when nothing traded. */
void
qd_paper_market_close_bars (QdPaperVenue *self,
                            gint64        bar_start)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];

      if (!inst->bar_started)
        {
          inst->bar_open = inst->bar_high = inst->bar_low = inst->bar_close;
          inst->bar_volume = 0;
        }
      if (inst->sub_bars)
        publish_bar (self, inst, bar_start);
      inst->bar_started = FALSE;
    }
}

/* Quotes and trades */

void
qd_paper_market_publish_quote (QdPaperVenue      *self,
                               QdPaperInstrument *inst)
{
  g_autoptr(GString) str = NULL;
  g_autofree char *topic = NULL;
  QdJsonWriter w;

  inst->bid_taken = inst->ask_taken = 0;
  if (inst->spec->kind == QD_PAPER_KIND_FX)
    bar_update_mid (inst);
  if (!inst->sub_quotes)
    return;

  str = g_string_new (NULL);
  topic = qd_paper_market_topic ("data.quotes", inst);
  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "type", "QuoteTick");
  qd_json_writer_member_string (&w, "instrument_id", inst->id);
  qd_json_writer_member_decimal_str (&w, "bid_price", inst->bid);
  qd_json_writer_member_decimal_str (&w, "ask_price", inst->ask);
  qd_json_writer_member_decimal_str (&w, "bid_size", qd_decimal_from_int (inst->bid_size));
  qd_json_writer_member_decimal_str (&w, "ask_size", qd_decimal_from_int (inst->ask_size));
  /* IB tick-by-tick times have one-second resolution. */
  qd_paper_write_ts (self, &w, "ts_event", self->now - self->now % QD_PAPER_NS_PER_SEC);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, topic, str);
}

static void
publish_trade (QdPaperVenue      *self,
               QdPaperInstrument *inst,
               QdDecimal          px,
               gint64             size)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *topic = qd_paper_market_topic ("data.trades", inst);
  g_autofree char *trade_id = NULL;
  gint64 secs = self->now / QD_PAPER_NS_PER_SEC;
  char px_buf[QD_DECIMAL_STR_MAX];
  QdJsonWriter w;

  /* IB's trade ids are "{secs}-{price}-{size}". */
  trade_id = g_strdup_printf ("%" G_GINT64_FORMAT "-%s-%" G_GINT64_FORMAT,
                              secs, qd_decimal_format (px, px_buf), size);
  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "type", "TradeTick");
  qd_json_writer_member_string (&w, "instrument_id", inst->id);
  qd_json_writer_member_decimal_str (&w, "price", px);
  qd_json_writer_member_decimal_str (&w, "size", qd_decimal_from_int (size));
  qd_json_writer_member_string (&w, "aggressor_side", "NO_AGGRESSOR");
  qd_json_writer_member_string (&w, "trade_id", trade_id);
  qd_paper_write_ts (self, &w, "ts_event", secs * QD_PAPER_NS_PER_SEC);
  qd_paper_write_ts (self, &w, "ts_init", self->now);
  qd_json_writer_end_object (&w);
  qd_paper_venue_publish (self, topic, str);
}

static gint64
random_size (QdPaperVenue      *self,
             QdPaperInstrument *inst)
{
  const QdPaperInstrumentSpec *spec = inst->spec;

  return spec->display_lot * g_rand_int_range (self->rand, spec->min_lots, spec->max_lots + 1);
}

/* Mostly one-tick spreads, sometimes two or three. */
static gint64
random_spread_ticks (QdPaperVenue *self)
{
  gint32 r = g_rand_int_range (self->rand, 0, 10);

  return r < 6 ? 1 : r < 9 ? 2 : 3;
}

/* One step of the walk: the bid moves a few ticks, leaning back toward the start. */
static void
walk (QdPaperVenue      *self,
      QdPaperInstrument *inst)
{
  gint64 tick = inst->tick.raw;
  gint64 max_step = inst->spec->max_step_ticks;
  gint64 step = g_rand_int_range (self->rand, (gint32) -max_step, (gint32) max_step + 1);
  gint64 deviation = (inst->bid.raw - inst->anchor.raw) / tick;
  gint64 limit = inst->anchor.raw / tick / REVERSION_DIVISOR;
  gint64 bid;

  if ((deviation > limit && step > 0) || (deviation < -limit && step < 0))
    step = -step;
  bid = MAX (inst->bid.raw + step * tick, 10 * tick);
  inst->bid = (QdDecimal) { bid, inst->precision };
  inst->ask = (QdDecimal) { bid + random_spread_ticks (self) * tick, inst->precision };
  inst->bid_size = random_size (self, inst);
  inst->ask_size = random_size (self, inst);
}

static void
maybe_trade (QdPaperVenue      *self,
             QdPaperInstrument *inst)
{
  gint64 size;
  QdDecimal px;

  if (inst->spec->kind == QD_PAPER_KIND_FX)
    return;
  if (g_rand_int_range (self->rand, 0, 100) >= TRADE_PERCENT)
    return;

  px = g_rand_boolean (self->rand) ? inst->bid : inst->ask;
  size = inst->spec->kind == QD_PAPER_KIND_FUTURE ? g_rand_int_range (self->rand, 1, 11)
                                                  : 100 * g_rand_int_range (self->rand, 1, 6);
  bar_update (inst, px, size);
  if (inst->sub_trades)
    publish_trade (self, inst, px, size);
}

void
qd_paper_market_random_quote (QdPaperVenue *self)
{
  QdPaperInstrument *inst;

  inst = &self->instruments[g_rand_int_range (self->rand, 0, (gint32) self->n_instruments)];
  walk (self, inst);
  qd_paper_market_publish_quote (self, inst);
  maybe_trade (self, inst);
  qd_paper_matching_on_quote (self, inst);
}

/* At start: every instrument gets a fresh touch around its starting price. */
void
qd_paper_market_publish_all_quotes (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->n_instruments; i++)
    {
      QdPaperInstrument *inst = &self->instruments[i];
      gint64 spread = random_spread_ticks (self);

      inst->ask = (QdDecimal) { inst->bid.raw + spread * inst->tick.raw, inst->precision };
      inst->bid_size = random_size (self, inst);
      inst->ask_size = random_size (self, inst);
      qd_paper_market_publish_quote (self, inst);
    }
}

static gboolean
parse_price (QdPaperInstrument *inst,
             const char        *text,
             QdDecimal         *out)
{
  QdDecimal value;

  if (!qd_decimal_parse (text, -1, &value, NULL) || qd_decimal_sign (value) <= 0)
    return FALSE;
  if (!qd_decimal_rescale (value, inst->precision, QD_ROUND_EXACT, out, NULL))
    return FALSE;
  return qd_decimal_is_multiple_of (*out, inst->tick);
}

static gboolean
parse_size (const char *text,
            gint64     *out)
{
  QdDecimal value, whole;

  if (text == NULL)
    return TRUE;
  if (!qd_decimal_parse (text, -1, &value, NULL) || qd_decimal_sign (value) < 0)
    return FALSE;
  if (!qd_decimal_rescale (value, 0, QD_ROUND_EXACT, &whole, NULL))
    return FALSE;
  *out = whole.raw;
  return TRUE;
}

void
qd_paper_venue_set_touch (QdPaperVenue *self,
                          const char   *instrument_id,
                          const char   *bid,
                          const char   *ask,
                          const char   *bid_size,
                          const char   *ask_size)
{
  QdPaperInstrument *inst;
  QdDecimal bid_px, ask_px;
  gint64 bsz, asz;

  g_return_if_fail (QD_IS_PAPER_VENUE (self));
  inst = qd_paper_market_lookup (self, instrument_id);
  g_return_if_fail (inst != NULL);
  g_return_if_fail (bid != NULL && parse_price (inst, bid, &bid_px));
  g_return_if_fail (ask != NULL && parse_price (inst, ask, &ask_px));
  g_return_if_fail (qd_decimal_compare (bid_px, ask_px) < 0);
  bsz = inst->bid_size;
  asz = inst->ask_size;
  g_return_if_fail (parse_size (bid_size, &bsz) && parse_size (ask_size, &asz));

  qd_paper_venue_sync_clock (self);
  inst->bid = bid_px;
  inst->ask = ask_px;
  inst->bid_size = bsz;
  inst->ask_size = asz;
  qd_paper_market_publish_quote (self, inst);
  qd_paper_matching_on_quote (self, inst);
}
