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
 * "error-message" (the last failure, for people).
 */
typedef struct
{
  guint history_limit;       /* entries replayed per stream at start-up; 0: 100 000 */
  guint block_ms;            /* XREAD BLOCK timeout; 0: 1000 */
  guint scan_interval_s;     /* rescan for new per-topic keys; 0: 5 */
  guint ping_interval_s;     /* watchdog PING; 0: 2 */
  guint max_backoff_ms;      /* reconnect backoff cap; 0: 5000 */
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

G_END_DECLS
