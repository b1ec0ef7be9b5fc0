/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-activity-log.h"
#include "qd-bus.h"
#include "qd-ib-service.h"
#include "qd-redis-bus.h"

G_BEGIN_DECLS

#define QD_TYPE_RUNTIME (qd_runtime_get_type ())
#define QD_RUNTIME_ERROR (qd_runtime_error_quark ())

G_DECLARE_FINAL_TYPE (QdRuntime, qd_runtime, QD, RUNTIME, GObject)

typedef enum
{
  QD_RUNTIME_ERROR_BAD_URL,
  QD_RUNTIME_ERROR_UNSUPPORTED,
} QdRuntimeError;

/* What to run: from the command line and the settings. */
typedef struct
{
  const char *bus_url;            /* NULL: redis://127.0.0.1:6379, or memory with demo */
  const char *trader_id;          /* NULL: TESTER-001 */
  gboolean    demo;               /* embedded bus + paper venue + demo trader */
  guint64     seed;
  double      quote_rate;         /* simulated quotes per second */
  guint       trade_interval_ms;  /* demo trader; 0: opening orders only */
  gboolean    without_trader;     /* demo without the demo trader (tests) */
  guint       activity_capacity;  /* 0: 10 000 */
  guint       heartbeat_interval; /* the node's heartbeat_interval_secs; 0: 5 */
  guint       command_timeout;    /* seconds before an unanswered command is unknown; 0: 10 */
  const char *journal_path;       /* the order journal; NULL: qd_order_journal_default_path (),
                                   * or demo-orders.jsonl beside it in demo mode */
  const QdRedisBusOptions *redis_options; /* NULL: the defaults */
} QdRuntimeConfig;

/*
 * QdRuntime: the bus, the service and, in demo mode, the paper venue and demo trader, wired
 * together from a config. Both the desktop application and --headless run one.
 */
GQuark         qd_runtime_error_quark    (void);
QdRuntime     *qd_runtime_new            (const QdRuntimeConfig *config,
                                          GError               **error);
void           qd_runtime_start          (QdRuntime             *self);
void           qd_runtime_stop           (QdRuntime             *self);
QdBus         *qd_runtime_get_bus        (QdRuntime             *self);
QdIbService   *qd_runtime_get_service    (QdRuntime             *self);
QdActivityLog *qd_runtime_get_activity   (QdRuntime             *self);
gboolean       qd_runtime_get_demo       (QdRuntime             *self);
/* The order journal, or NULL when it could not be opened (orders are then refused). */
QdOrderJournal *qd_runtime_get_journal   (QdRuntime             *self);
/* The paper venue in demo mode (a QdPaperVenue), else NULL. */
GObject       *qd_runtime_get_venue      (QdRuntime             *self);

/* Checks a bus URL: memory, redis://[user:pass@]host[:port][/db], rediss://…, unix:///path. */
gboolean       qd_runtime_check_bus_url  (const char            *url,
                                          GError               **error);
/* The URL without its password, for people to read. */
char          *qd_runtime_redact_url     (const char            *url);

G_END_DECLS
