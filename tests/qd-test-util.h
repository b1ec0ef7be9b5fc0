/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-decimal.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

/* `value` formatted is `expected`; an `expected` of NULL wants QD_DECIMAL_NONE. */
void     qd_test_assert_decimal (QdDecimal    value,
                                 const char  *expected);

/* A file below QD_FIXTURES_DIR (the path in pieces, NULL-terminated) without its trailing
 * newlines: files end in one, bus payloads do not. `len` may be NULL. */
char    *qd_test_load_fixture   (gsize       *len,
                                 const char  *first_piece,
                                 ...) G_GNUC_NULL_TERMINATED;

/* A service on the embedded bus, not started: payloads are fed with qd_test_ingest(). */
typedef struct
{
  QdBus       *bus;
  QdIbService *service;
} QdTestService;

void     qd_test_service_open   (QdTestService *t,
                                 const char    *trader_id);
/* Stops the service; both must be finalized then. */
void     qd_test_service_close  (QdTestService *t);

/* Ingests one payload into `service`; it must be accepted. */
void     qd_test_ingest         (QdIbService *service,
                                 const char  *topic,
                                 const char  *payload);
/* The same with the payload formatted from `format`. */
void     qd_test_ingest_printf  (QdIbService *service,
                                 const char  *topic,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);

/* Sets *(gboolean *) data; a GSourceFunc for deadlines. */
gboolean qd_test_timeout_cb     (gpointer     data);

/* Runs the main loop until *flag is set or `timeout_ms` passes; returns *flag. */
gboolean qd_test_wait_flag      (gboolean    *flag,
                                 guint        timeout_ms);

/* Runs the main loop for `ms` milliseconds. */
void     qd_test_spin           (guint        ms);

/* Runs the main loop until `cond` holds or `limit_ms` passes. */
#define QD_TEST_SPIN_UNTIL(cond, limit_ms) G_STMT_START {                    \
  gboolean timed_out_ = FALSE;                                              \
  guint id_ = g_timeout_add (limit_ms, qd_test_timeout_cb, &timed_out_);     \
  while (!(cond) && !timed_out_)                                            \
    g_main_context_iteration (NULL, TRUE);                                  \
  if (!timed_out_)                                                          \
    g_source_remove (id_);                                                  \
} G_STMT_END

/* Removes `path` and, for a directory, all below it (made writable first); links are
 * removed, not followed. */
void     qd_test_remove_tree    (const char  *path);

G_END_DECLS
