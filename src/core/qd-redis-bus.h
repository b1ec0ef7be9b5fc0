/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-bus.h"

G_BEGIN_DECLS

#define QD_TYPE_REDIS_BUS (qd_redis_bus_get_type ())

G_DECLARE_FINAL_TYPE (QdRedisBus, qd_redis_bus, QD, REDIS_BUS, GObject)

/*
 * QdRedisBus: the node's MessageBus on Redis, with hiredis on the GLib main loop. One
 * connection reads (XREAD BLOCK), one writes (XADD and the rest). It reconnects with capped
 * exponential backoff and resumes every watch from the last entry id it delivered, so nothing
 * is lost or delivered twice across a Redis restart or a dropped connection.
 *
 * State: "state" (QdBusState), "description" (the URL without its password),
 * "error-message" (the last failure, for people). QD_BUS_STATE_CONNECTING while connecting
 * or reconnecting; QD_BUS_STATE_ERROR once an attempt failed (it keeps retrying).
 *
 * Commands: qd_bus_append() never queues while disconnected: without a ready write
 * connection it fails at once with QD_BUS_ERROR_NOT_CONNECTED. TRUE means the XADD was handed
 * to a connected connection, not that Redis stored it: a later failure (an error reply, or the
 * connection dropping before the reply) is counted in commands_failed and reported by the
 * "command-failed" signal. It is never resent. `entry_id` is always set to NULL: the id is not
 * known until the reply.
 *
 * Signals: "command-failed" (message) and "resync" (stream key, message): entries after our
 * last id in a stream were trimmed away (or the stream vanished) before we read them, so some
 * are missing; checked on every (re)connect and every rescan. Watches that read the history
 * ("0") start again from the retained history (bounded by history_limit), the others carry on
 * after their last id. The owner decides how to recover the rest (QdRuntime asks the node for
 * its account, positions and orders).
 *
 * Watches: "0" reads the last history_limit entries of each stream, then follows; "$" reads
 * what is written after the qd_bus_watch() call, by entry id against this machine's clock
 * (entries of that very millisecond count as before it), including what is written while the
 * bus connects (streams that appear later are read from their start, as QdMemoryBus does);
 * an id reads what comes after it. Watches on one stream
 * share one XREAD cursor, the lowest of their positions; each keeps its own last id, so none
 * sees an entry twice. qd_redis_bus_stop() keeps the positions: start() resumes from them.
 */
typedef struct
{
  guint history_limit;       /* entries replayed per stream at start-up; 0: 100 000 */
  guint block_ms;            /* XREAD BLOCK timeout; 0: 1000 */
  guint scan_interval_s;     /* rescan for new per-topic keys; 0: 5 */
  guint ping_interval_s;     /* watchdog PING; 0: 2 */
  guint max_backoff_ms;      /* reconnect backoff cap; 0: 5000 */
  guint read_count;          /* entries per XREAD; 0: 2048 */
  guint connect_timeout_ms;  /* 0: 5000 */
  /* The node's stream key when it is not trader-{ID}:stream (use_trader_prefix,
   * use_trader_id, use_instance_id or streams_prefix changed), e.g. "ib" or
   * "trader-TESTER-001:5f1c…:stream". Watches on trader-{ID}:stream and trader-{ID}:stream:*
   * then read this key and its per-topic keys. NULL: as written. */
  const char *stream_key;
} QdRedisBusOptions;

/* url: redis://[user:pass@]host[:port][/db] or unix:///path. Does not connect yet. */
QdBus *qd_redis_bus_new      (const char              *url,
                              const QdRedisBusOptions *options,
                              GError                 **error);
/* Connect (asynchronously, on the main loop) and keep reconnecting until stopped. */
void   qd_redis_bus_start    (QdRedisBus              *self);
void   qd_redis_bus_stop     (QdRedisBus              *self);

typedef struct
{
  guint64 entries;           /* entries delivered to watchers */
  guint64 reconnects;
  guint64 resyncs;           /* our last id was trimmed away: history replayed */
  guint64 commands_failed;   /* appends refused or lost */
} QdRedisBusStats;

const QdRedisBusStats *qd_redis_bus_get_stats (QdRedisBus *self);
/* Streams currently read (tests, diagnostics). */
guint  qd_redis_bus_get_n_streams (QdRedisBus *self);

G_END_DECLS
