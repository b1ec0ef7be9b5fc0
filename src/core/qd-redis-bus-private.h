/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <hiredis/async.h>

#include "qd-bus-private.h"
#include "qd-redis-bus.h"

G_BEGIN_DECLS

/* An entry id "<ms>-<seq>", parsed once so comparisons are cheap. */
typedef struct
{
  guint64 ms;
  guint64 seq;
} RedisId;

typedef enum
{
  FROM_HISTORY,   /* "0": the retained history, bounded by history_limit */
  FROM_NOW,       /* "$": what is written after the watch; streams found later from their start */
  FROM_ID,        /* an explicit id: what comes after it */
} RedisFrom;

/* One stream we read. */
typedef struct
{
  RedisId  cursor;        /* the next XREAD reads after this */
  gboolean has_cursor;
  RedisId  request_from;  /* what the XREAD in flight asked for */
  gboolean in_request;
  gboolean lowered;       /* the cursor went back while that XREAD was in flight */
} RedisKey;

/* Where one watch is in one stream. */
typedef struct
{
  RedisId  last;        /* last entry delivered (or the start, exclusive) */
  gboolean resolved;    /* the start is known */
  gboolean resolving;   /* a query for the start is in flight */
} RedisPos;

typedef struct
{
  QdBusWatch        base;
  RedisFrom         from;
  RedisId           from_id;
  guint64           since_ms;           /* "$": wall-clock ms when the watch was made */
  gboolean          initial_scan_done;  /* "$": streams found after this are new */
  GHashTable       *pos;        /* key -> RedisPos */
} RedisWatch;

/* One hiredis connection and the GSource that joins it to the main loop. */
typedef struct
{
  QdRedisBus        *bus;
  const char        *name;      /* "read" or "command", for diagnostics */
  redisAsyncContext *ac;
  GSource           *source;
  gboolean           connected; /* TCP up */
  gboolean           ready;     /* AUTH and SELECT answered */
  guint              pending_setup;
} RedisConn;

struct _QdRedisBus
{
  GObject            parent_instance;

  /* configuration */
  char              *url_redacted;
  char              *host;          /* NULL for unix sockets */
  guint16            port;
  char              *socket_path;
  char              *username;
  char              *password;
  guint              db;
  QdRedisBusOptions  options;
  char              *stream_key;    /* the node's key when not trader-{ID}:stream */

  /* connection */
  QdBusState         state;
  char              *error_message;
  gboolean           running;
  RedisConn          read_conn;
  RedisConn          cmd_conn;
  GCancellable      *resolve_cancellable;
  char              *address;       /* numeric address from the resolver */
  guint              reconnect_id;
  guint              teardown_id;
  guint              connect_timeout_id;
  guint              ping_id;
  guint              backoff_ms;
  gint64             last_pong;     /* monotonic µs: when the PING in flight was sent */
  gint64             last_tick;     /* the watchdog's last run */
  gboolean           ping_in_flight;
  gboolean           tearing_down;
  gboolean           ever_connected;
  guint              generation;    /* bumped on each teardown: stale replies are ignored */

  /* reading */
  GPtrArray         *watches;       /* RedisWatch */
  GHashTable        *keys;          /* name -> RedisKey: the streams we know of */
  guint              next_watch_id;
  guint              dispatch_depth;
  enum { ROUND_IDLE, ROUND_SCANNING, ROUND_RESOLVING } round;  /* discovery */
  gboolean           rediscover;    /* a watch came during a round: another one after it */
  gboolean           synced;        /* discovery done since the last connect */
  guint              sync_pending;  /* discovery queries in flight */
  gboolean           xread_in_flight;
  gint64             xread_sent;    /* monotonic µs */
  guint              scan_id;

  QdRedisBusStats    stats;
};

/* qd-redis-bus.c */
void      _qd_redis_bus_set_state        (QdRedisBus  *self,
                                          QdBusState   state,
                                          const char  *error_message);
void      _qd_redis_bus_command_failed   (QdRedisBus  *self,
                                          const char  *message);
void      _qd_redis_bus_resynced         (QdRedisBus  *self,
                                          const char  *key,
                                          const char  *message);

/* qd-redis-bus-conn.c: URL, connect, AUTH/SELECT, watchdog, reconnect */
gboolean  _qd_redis_bus_parse_url        (QdRedisBus  *self,
                                          const char  *url,
                                          GError     **error);
void      _qd_redis_bus_connect          (QdRedisBus  *self);
void      _qd_redis_bus_disconnect       (QdRedisBus  *self);
/* Something failed: drop both connections (from an idle, never inside a hiredis callback)
 * and reconnect after the backoff. */
void      _qd_redis_bus_lost             (QdRedisBus  *self,
                                          const char  *message);
gboolean  _qd_redis_bus_command          (QdRedisBus      *self,
                                          RedisConn       *conn,
                                          redisCallbackFn *fn,
                                          gpointer         privdata,
                                          int              argc,
                                          const char     **argv,
                                          const size_t    *argvlen);

/* qd-redis-bus-read.c: discovery, history, XREAD, delivery */
void      _qd_redis_bus_ids_parse        (const char  *text,
                                          RedisId     *id);
int       _qd_redis_bus_ids_compare      (const RedisId *a,
                                          const RedisId *b);
void      _qd_redis_bus_ids_format       (const RedisId *id,
                                          char           buf[48]);
void      _qd_redis_bus_watch_free       (gpointer     data);
/* Both connections are ready: find streams, resolve starts, check for trims, read. */
void      _qd_redis_bus_sync             (QdRedisBus  *self);
/* A watch was added while connected. */
void      _qd_redis_bus_watch_added      (QdRedisBus  *self,
                                          RedisWatch  *watch);
void      _qd_redis_bus_reset_reading    (QdRedisBus  *self);

/* qd-redis-bus-xread.c: XREAD and delivery */
void      _qd_redis_bus_key_ensure       (QdRedisBus    *self,
                                          const char    *key);
/* A watch's position in `key` was set: read from there if that is further back. */
void      _qd_redis_bus_key_lower        (QdRedisBus    *self,
                                          const char    *key,
                                          const RedisId *id);
void      _qd_redis_bus_reset_cursors    (QdRedisBus    *self);
void      _qd_redis_bus_read_next        (QdRedisBus    *self);

G_END_DECLS
