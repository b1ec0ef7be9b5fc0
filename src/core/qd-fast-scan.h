/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-event.h"

G_BEGIN_DECLS

/*
 * The market-data fast path. QuoteTick, TradeTick and Bar payloads are flat JSON objects
 * of strings, and they are most of the bus traffic, so they are read in one pass over the
 * bytes with no DOM: keys are matched in place and decimals and timestamps are parsed
 * straight from the byte ranges.
 *
 * The scanner only says yes when it is sure: anything unusual (an escape, a nested value,
 * a number where a string belongs, a duplicate or missing key, non-ASCII text, a value
 * that does not parse) makes it decline, and the caller decodes from the JSON tape, which
 * yields the identical event or the proper error. It never reports errors itself.
 */

/* QD_EVENT_QUOTE, _TRADE or _BAR when the topic (data.quotes.* / data.trades.* /
 * data.bars.*) or a leading "type" key says so, else QD_EVENT_NONE. */
QdEventKind qd_fast_scan_guess_kind         (const char  *topic,
                                             const char  *payload,
                                             gsize        len);

/* TRUE: `event` was initialised and filled (topic left NULL for the caller).
 * FALSE: `event` is untouched; decode the slow way. */
gboolean    qd_fast_scan_decode             (const char  *payload,
                                             gsize        len,
                                             QdEventKind  kind,
                                             QdEvent     *event);

/*
 * A timestamp given as text: integer nanoseconds ("1782916212004518221") or RFC 3339 /
 * ISO-8601 with an offset ("2026-07-01T14:30:12Z", "…12.004518221Z", "…+00:00"),
 * nanosecond exact (g_date_time would drop digits after the microsecond). Times before
 * 1970 or past 2262 fail with QD_CODEC_ERROR_MALFORMED; error may be NULL.
 */
gboolean    qd_fast_scan_parse_time         (const char  *text,
                                             gsize        len,
                                             gint64      *out_ns,
                                             GError     **error);

/*
 * The instrument id inside a bar type. A bar type is
 * "{instrument_id}-{step}-{aggregation}-{price_type}-{source}", and an instrument id may
 * itself contain '-' ("BF-B.NYSE-1-MINUTE-LAST-EXTERNAL"), so the last four fields are
 * stripped rather than splitting at the first '-'. A composite type's "@…" suffix is
 * dropped first. NULL when the text has no such shape.
 */
char       *qd_fast_scan_bar_instrument_id  (const char  *bar_type,
                                             gsize        len);

G_END_DECLS
