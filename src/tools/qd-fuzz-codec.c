/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer harness for QdCodec: the JSON guard, the market-data fast scanner and both
 * dialects. Not part of the meson build. From the source root, after `meson setup _build`:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
 *     -I_build -Isrc/core -I_build/src/core $(pkg-config --cflags json-glib-1.0) \
 *     src/tools/qd-fuzz-codec.c src/core/qd-codec.c src/core/qd-codec-native.c \
 *     src/core/qd-codec-seed.c src/core/qd-fast-scan.c src/core/qd-json-guard.c \
 *     src/core/qd-event.c src/core/qd-decimal.c src/core/qd-enums.c \
 *     $(pkg-config --libs json-glib-1.0) -lm -o _build/qd-fuzz-codec
 *   mkdir -p _build/fuzz-corpus
 *   find tests/fixtures -name '*.json' -exec cp {} _build/fuzz-corpus/ ';'
 *   ./_build/qd-fuzz-codec -max_len=4096 _build/fuzz-corpus
 *
 * Input: the first byte picks the topic (so every route is reached), the rest is the
 * payload. Beyond "no crash", it
 * aborts when the codec breaks its contract: a success with no event, a failure outside
 * QD_CODEC_ERROR or leaving something in the event, or a tick the fast scanner accepted
 * that json-glib reads differently.
 */
#define G_LOG_DOMAIN "quarterdeck-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "qd-codec.h"
#include "qd-json-guard.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static const char *const topics[] = {
  "data.quotes.NASDAQ.AAPL",
  "data.trades.NASDAQ.AAPL",
  "data.bars.AAPL.NASDAQ-5-SECOND-LAST-EXTERNAL",
  "historical.data.quotes.NASDAQ.AAPL",
  "events.order.QuarterdeckBridge-001",
  "events.position.QuarterdeckBridge-001",
  "events.account.INTERACTIVE_BROKERS-DU1234567",
  "events.system.INTERACTIVE_BROKERS",
  "data.instrument.NASDAQ.AAPL",
  "snapshots:orders:O-1",
  "snapshots:positions:P-1",
  "adapter.interactive_brokers.connection",
  "adapter.interactive_brokers.account",
  "adapter.interactive_brokers.position",
  "adapter.interactive_brokers.order",
  "quarterdeck.acks",
  "health:heartbeat",
};

static gboolean
same_decimal (QdDecimal a,
              QdDecimal b)
{
  return a.raw == b.raw && a.scale == b.scale;
}

static gboolean
same_tick (const QdEvent *a,
           const QdEvent *b)
{
  if (a->kind != b->kind || a->ts_event != b->ts_event || a->ts_init != b->ts_init ||
      a->event_id != NULL || b->event_id != NULL)
    return FALSE;

  switch (a->kind)
    {
    case QD_EVENT_QUOTE:
      return g_strcmp0 (a->u.quote.instrument_id, b->u.quote.instrument_id) == 0 &&
             same_decimal (a->u.quote.bid_price, b->u.quote.bid_price) &&
             same_decimal (a->u.quote.ask_price, b->u.quote.ask_price) &&
             same_decimal (a->u.quote.bid_size, b->u.quote.bid_size) &&
             same_decimal (a->u.quote.ask_size, b->u.quote.ask_size);
    case QD_EVENT_TRADE:
      return g_strcmp0 (a->u.trade.instrument_id, b->u.trade.instrument_id) == 0 &&
             same_decimal (a->u.trade.price, b->u.trade.price) &&
             same_decimal (a->u.trade.size, b->u.trade.size) &&
             g_strcmp0 (a->u.trade.aggressor_side, b->u.trade.aggressor_side) == 0 &&
             g_strcmp0 (a->u.trade.trade_id, b->u.trade.trade_id) == 0;
    case QD_EVENT_BAR:
      return g_strcmp0 (a->u.bar.bar_type, b->u.bar.bar_type) == 0 &&
             g_strcmp0 (a->u.bar.instrument_id, b->u.bar.instrument_id) == 0 &&
             same_decimal (a->u.bar.open, b->u.bar.open) &&
             same_decimal (a->u.bar.high, b->u.bar.high) &&
             same_decimal (a->u.bar.low, b->u.bar.low) &&
             same_decimal (a->u.bar.close, b->u.bar.close) &&
             same_decimal (a->u.bar.volume, b->u.bar.volume);

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
      return FALSE;
    }
}

static void
check_contract (gboolean       ok,
                const QdEvent *event,
                const GError  *error)
{
  if (ok && (error != NULL || event->kind == QD_EVENT_NONE))
    abort ();
  if (!ok && (error == NULL || error->domain != QD_CODEC_ERROR || error->code < 0 ||
              error->code >= QD_CODEC_N_ERRORS || event->kind != QD_EVENT_NONE ||
              event->topic != NULL || event->event_id != NULL ||
              !g_utf8_validate (error->message, -1, NULL)))
    abort ();
}

/* Re-read a tick the scanner took with a nested key in front, which forces json-glib. */
static void
check_against_json_glib (QdCodec       *codec,
                         const char    *topic,
                         const char    *payload,
                         gsize          len,
                         const QdEvent *fast)
{
  const char *brace = memchr (payload, '{', len);
  g_autoptr(GString) slow = NULL;
  QdEvent event;

  if (brace == NULL)
    abort ();
  slow = g_string_new_len (payload, len);
  g_string_insert (slow, brace - payload + 1, "\"qd_force_json_glib\":{},");
  if (!qd_codec_decode (codec, topic, slow->str, slow->len, &event, NULL))
    abort ();
  if (!same_tick (fast, &event))
    abort ();
  qd_event_clear (&event);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static QdCodec *codec;
  g_autoptr(GError) error = NULL;
  const char *topic;
  const char *payload;
  guint64 fast_before;
  QdEvent event;
  gboolean ok;

  if (size == 0)
    return 0;
  if (codec == NULL)
    codec = qd_codec_new ();

  topic = topics[data[0] % G_N_ELEMENTS (topics)];
  payload = (const char *) data + 1;
  size--;

  qd_json_guard_check (payload, size, 1 + data[0] % 40, NULL);

  fast_before = qd_codec_get_stats (codec)->fast_path;
  ok = qd_codec_decode (codec, topic, payload, size, &event, &error);
  check_contract (ok, &event, error);
  if (ok && qd_codec_get_stats (codec)->fast_path > fast_before)
    check_against_json_glib (codec, topic, payload, size, &event);
  if (ok)
    qd_event_clear (&event);
  return 0;
}
