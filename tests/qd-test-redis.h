/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <hiredis/hiredis.h>

#include "qd-ib-service.h"

G_BEGIN_DECLS

/*
 * A private redis-server for one test program: loopback only, a free port, its own temporary
 * directory, killed with the test process even if the test aborts.
 */
typedef struct _QdTestRedis QdTestRedis;

/* TRUE when redis-server is installed; tests skip (counted) only when it is not. */
gboolean      qd_test_redis_available (void);
/* The body of a test that needs redis-server when it is not installed. */
void          qd_test_skip_no_redis   (void);
/* aof: appendonly with appendfsync always, so a SIGKILL loses nothing acknowledged. */
QdTestRedis  *qd_test_redis_new       (gboolean     aof);
/* A started redis-server for the whole test program, or NULL where there is none. */
QdTestRedis  *qd_test_redis_new_started (void);
/* Extra redis-server arguments for the next start (e.g. "--requirepass", "pw"). */
void          qd_test_redis_set_args  (QdTestRedis *self,
                                       const char  *first,
                                       ...) G_GNUC_NULL_TERMINATED;
/* The unix socket it also listens on. */
const char   *qd_test_redis_get_socket (QdTestRedis *self);
/* Start (or restart on the same port and directory) and wait until it answers PING. */
void          qd_test_redis_start     (QdTestRedis *self);
/* SIGKILL, as a crash would. */
void          qd_test_redis_kill      (QdTestRedis *self);
void          qd_test_redis_free      (QdTestRedis *self);
const char   *qd_test_redis_get_url   (QdTestRedis *self);
guint16       qd_test_redis_get_port  (QdTestRedis *self);
/* A plain synchronous connection, for writing entries the way a node does. */
redisContext *qd_test_redis_connect   (QdTestRedis *self);
/* Run a command on a sync connection and assert it did not fail; returns the reply. */
redisReply   *qd_test_redis_command   (redisContext *c,
                                       const char   *format,
                                       ...);
/* For GSubprocessLauncher: the child dies with the test. */
void          qd_test_child_setup     (gpointer     data);
/* Iterate the default main context until `done` returns TRUE or `timeout_ms` passes. */
gboolean      qd_test_wait_until      (gboolean    (*done) (gpointer),
                                       gpointer      data,
                                       guint         timeout_ms);
/* The same until `service` has taken in `n` entries. */
gboolean      qd_test_wait_entries    (QdIbService  *service,
                                       guint64       n,
                                       guint         timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTestRedis, qd_test_redis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (redisContext, redisFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (redisReply, freeReplyObject)

/* One entry as a node writes it. */
typedef struct
{
  char *stream;
  char *topic;
  char *payload;
} QdTestEntry;

/* A trading session played by the paper venue on the embedded bus with a manual clock:
 * quotes, orders of each type (filled, working, modified, canceled), positions, account
 * states, heartbeats. Entries of every stream the node would write, stream by stream. */
GPtrArray    *qd_test_session_entries (gboolean     per_topic,
                                       gboolean     iso,
                                       guint        quote_rate,
                                       guint        seconds);
/* XADD them with the node's field layout: v1.229+ (topic, type "", payload, encoding
 * "Json") or, with legacy, v1.228 (topic, payload). Pipelined. */
void          qd_test_write_entries   (redisContext *c,
                                       GPtrArray    *entries,
                                       gboolean      legacy);
/* The state a user sees: account, positions and orders as public JSON, sorted. */
char         *qd_test_service_digest  (QdIbService  *service);

G_END_DECLS
