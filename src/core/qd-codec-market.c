/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec-private.h"
#include "qd-fast-scan.h"

/*
 * NautilusTrader's market data and instrument definitions (spec/nautilus-bus.md §4). Ticks
 * and bars normally take the fast scanner (qd-fast-scan.c); these decoders read the same
 * payloads from the tape when the scanner declines, and must agree with it.
 */

/* ---- market data ---------------------------------------------------------------------- */

static gboolean
decode_quote (QdReader *r,
              QdEvent  *event)
{
  QdQuoteEvent *q;

  qd_event_init (event, QD_EVENT_QUOTE);
  q = &event->u.quote;
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &q->instrument_id);
  qd_reader_decimal (r, "bid_price", QD_REQUIRED, &q->bid_price);
  qd_reader_decimal (r, "ask_price", QD_REQUIRED, &q->ask_price);
  qd_reader_decimal (r, "bid_size", QD_REQUIRED, &q->bid_size);
  qd_reader_decimal (r, "ask_size", QD_REQUIRED, &q->ask_size);
  return !qd_reader_failed (r);
}

static gboolean
decode_trade (QdReader *r,
              QdEvent  *event)
{
  QdTradeEvent *t;

  qd_event_init (event, QD_EVENT_TRADE);
  t = &event->u.trade;
  qd_reader_string (r, "instrument_id", QD_REQUIRED, &t->instrument_id);
  qd_reader_decimal (r, "price", QD_REQUIRED, &t->price);
  qd_reader_decimal (r, "size", QD_REQUIRED, &t->size);
  qd_reader_string (r, "aggressor_side", QD_OPTIONAL, &t->aggressor_side);
  qd_reader_string (r, "trade_id", QD_OPTIONAL, &t->trade_id);
  return !qd_reader_failed (r);
}

static gboolean
decode_bar (QdReader *r,
            QdEvent  *event)
{
  QdBarEvent *b;

  qd_event_init (event, QD_EVENT_BAR);
  b = &event->u.bar;
  qd_reader_string (r, "bar_type", QD_REQUIRED, &b->bar_type);
  if (b->bar_type != NULL)
    {
      b->instrument_id = qd_fast_scan_bar_instrument_id (b->bar_type, strlen (b->bar_type));
      if (b->instrument_id == NULL)
        qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED,
                        "%s: field \"bar_type\" is not {instrument}-{step}-{aggregation}-"
                        "{price type}-{source}", r->context);
    }
  qd_reader_decimal (r, "open", QD_REQUIRED, &b->open);
  qd_reader_decimal (r, "high", QD_REQUIRED, &b->high);
  qd_reader_decimal (r, "low", QD_REQUIRED, &b->low);
  qd_reader_decimal (r, "close", QD_REQUIRED, &b->close);
  qd_reader_decimal (r, "volume", QD_REQUIRED, &b->volume);
  return !qd_reader_failed (r);
}

/*
 * Must give exactly what the fast scanner gives for the same payload: no event_id (ticks
 * have none, and an extra key must not change the event), both timestamps required.
 */
gboolean
qd_codec_decode_market_data (QdJsonTape  *tape,
                             QdEventKind  kind,
                             QdEvent     *event,
                             GError     **error)
{
  QdReader r;
  gboolean ok;

  switch (kind)
    {
    case QD_EVENT_QUOTE:
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "QuoteTick", error);
      ok = decode_quote (&r, event);
      break;
    case QD_EVENT_TRADE:
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "TradeTick", error);
      ok = decode_trade (&r, event);
      break;
    case QD_EVENT_BAR:
      qd_reader_init (&r, tape, QD_JSON_TAPE_ROOT, "Bar", error);
      ok = decode_bar (&r, event);
      break;

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    case QD_EVENT_ACCOUNT_STATE:
    case QD_EVENT_ORDER:
    case QD_EVENT_POSITION:
    case QD_EVENT_INSTRUMENT:
    case QD_EVENT_COMPONENT_STATE:
    case QD_EVENT_TRADING_STATE:
    case QD_EVENT_ACK:
    case QD_EVENT_SEED_CONNECTION:
    case QD_EVENT_SEED_ACCOUNT:
    case QD_EVENT_SEED_POSITION:
    case QD_EVENT_SEED_ORDER:
    default:
      g_assert_not_reached ();
    }

  qd_reader_time (&r, "ts_event", QD_REQUIRED, &event->ts_event);
  qd_reader_time (&r, "ts_init", QD_REQUIRED, &event->ts_init);
  return ok && !qd_reader_failed (&r);
}

/* ---- instruments ------------------------------------------------------------------------ */

/* 0 to 9: a precision our decimals can hold. */
static void
read_precision (QdReader   *r,
                const char *key,
                QdPresence  presence,
                gint       *out)
{
  gint v = G_MININT;

  qd_reader_int (r, key, presence, &v);
  if (v == G_MININT)
    return;
  if (v < 0 || v > QD_DECIMAL_MAX_SCALE)
    qd_reader_fail (r, QD_CODEC_ERROR_MALFORMED, "%s: field \"%s\" is not within 0..%d",
                    r->context, key, QD_DECIMAL_MAX_SCALE);
  else
    *out = v;
}

gboolean
qd_codec_decode_instrument (QdReader *r,
                            int       sub,
                            QdEvent  *event)
{
  QdInstrumentEvent *i;

  qd_event_init (event, QD_EVENT_INSTRUMENT);
  i = &event->u.instrument;
  i->instrument_class = g_strdup (r->context);
  qd_codec_read_header (r, event, QD_REQUIRED);
  qd_reader_string (r, "id", QD_REQUIRED, &i->instrument_id);
  qd_reader_string (r, "raw_symbol", QD_OPTIONAL, &i->raw_symbol);
  /* FX and crypto pairs quote in quote_currency; everything else has "currency". */
  qd_reader_string (r, "currency", QD_OPTIONAL, &i->currency);
  if (i->currency == NULL)
    qd_reader_string (r, "quote_currency", QD_OPTIONAL, &i->currency);
  read_precision (r, "price_precision", QD_REQUIRED, &i->price_precision);
  read_precision (r, "size_precision", QD_OPTIONAL, &i->size_precision);
  qd_reader_decimal (r, "price_increment", QD_REQUIRED, &i->price_increment);
  qd_reader_decimal (r, "size_increment", QD_OPTIONAL, &i->size_increment);
  qd_reader_decimal (r, "lot_size", QD_OPTIONAL, &i->lot_size);
  qd_reader_decimal (r, "multiplier", QD_OPTIONAL, &i->multiplier);

  /* Equity.to_dict() leaves out what Nautilus fixes for every equity: whole shares, x1. */
  if (sub == QD_CODEC_INSTRUMENT_EQUITY)
    {
      if (i->size_precision < 0)
        i->size_precision = 0;
      if (qd_decimal_is_none (i->size_increment))
        i->size_increment = qd_decimal_from_int (1);
      if (qd_decimal_is_none (i->multiplier))
        i->multiplier = qd_decimal_from_int (1);
    }
  return !qd_reader_failed (r);
}
