/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "qd-memory-bus.h"
#include "qd-redis-bus.h"
#include "qd-runtime.h"
#include "qd-test-redis.h"
#include "qd-test-util.h"

/* The Redis bus when things break: Redis killed and restarted, down at start, frozen, a
 * dropped connection, history trimmed away, garbage in the stream. */

#define STREAM "trader-TESTER-001:stream"

static const QdRedisBusOptions fast = { .block_ms = 200, .scan_interval_s = 1,
                                        .ping_interval_s = 1, .max_backoff_ms = 500,
                                        .connect_timeout_ms = 2000 };

typedef struct
{
  QdTestRedis *redis;
  QdBus       *bus;
  QdIbService *service;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  aof)
{
  g_autoptr(GError) error = NULL;

  if (!qd_test_redis_available ())
    return;
  f->redis = qd_test_redis_new (GPOINTER_TO_INT (aof));
  f->bus = qd_redis_bus_new (qd_test_redis_get_url (f->redis), &fast, &error);
  g_assert_no_error (error);
  f->service = qd_ib_service_new (f->bus, "TESTER-001");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->redis == NULL)
    return;
  qd_ib_service_stop (f->service);
  g_assert_finalize_object (f->service);
  qd_redis_bus_stop (QD_REDIS_BUS (f->bus));
  g_assert_finalize_object (f->bus);
  qd_test_redis_free (f->redis);
}

static gboolean
is_connected (gpointer bus)
{
  return qd_bus_get_state (bus) == QD_BUS_STATE_CONNECTED;
}

static gboolean
is_not_connected (gpointer bus)
{
  return qd_bus_get_state (bus) != QD_BUS_STATE_CONNECTED;
}

static gboolean
is_error (gpointer bus)
{
  return qd_bus_get_state (bus) == QD_BUS_STATE_ERROR;
}

/* The state of a run without the fault: the same entries on the embedded bus. */
static char *
reference_digest (GPtrArray *entries)
{
  g_autoptr(QdBus) memory = qd_memory_bus_new ();
  g_autoptr(QdIbService) reference = qd_ib_service_new (memory, "TESTER-001");
  guint i;

  for (i = 0; i < entries->len; i++)
    {
      QdTestEntry *e = g_ptr_array_index (entries, i);
      qd_bus_append (memory, e->stream, e->topic, e->payload, -1, 0, NULL, NULL);
    }
  qd_ib_service_start (reference);
  qd_memory_bus_flush (QD_MEMORY_BUS (memory));
  qd_ib_service_stop (reference);
  return qd_test_service_digest (reference);
}

static void
write_range (QdTestRedis *redis,
             GPtrArray   *entries,
             guint        from,
             guint        to)
{
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(GPtrArray) part = g_ptr_array_new ();
  guint i;

  for (i = from; i < to; i++)
    g_ptr_array_add (part, g_ptr_array_index (entries, i));
  qd_test_write_entries (c, part, FALSE);
}

/* ---- Redis killed in the middle, restarted on the same port ---------------------------------- */

static void
test_kill_restart (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *expected = NULL, *actual = NULL;
  const QdRedisBusStats *stats;
  guint half;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  /* 100 000 entries: quotes, bars, orders, fills, positions, accounts, heartbeats. */
  entries = qd_test_session_entries (FALSE, FALSE, 2500, 40);
  g_assert_cmpuint (entries->len, >=, 100000);
  expected = reference_digest (entries);
  half = entries->len / 2;

  qd_test_redis_start (f->redis);
  write_range (f->redis, entries, 0, half);
  qd_ib_service_start (f->service);
  qd_redis_bus_start (QD_REDIS_BUS (f->bus));

  /* Kill it while we are part-way through reading. */
  g_assert_true (qd_test_wait_entries (f->service, half / 3, 30000));
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->entries, <, half);
  qd_test_redis_kill (f->redis);
  g_assert_true (qd_test_wait_until (is_not_connected, f->bus, 10000));

  qd_test_redis_start (f->redis);
  g_assert_true (qd_test_wait_until (is_connected, f->bus, 10000));
  write_range (f->redis, entries, half, entries->len);
  g_assert_true (qd_test_wait_entries (f->service, entries->len, 60000));
  qd_test_spin (300);

  /* Nothing lost, nothing applied twice. */
  stats = qd_redis_bus_get_stats (QD_REDIS_BUS (f->bus));
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->entries, ==, entries->len);
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->rejected, ==, 0);
  g_assert_cmpuint (stats->reconnects, >=, 1);
  g_assert_cmpuint (stats->resyncs, ==, 0);
  actual = qd_test_service_digest (f->service);
  g_assert_cmpstr (actual, ==, expected);
}

/* ---- a dropped connection --------------------------------------------------------------- */

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) killed = NULL;
  g_autofree char *expected = NULL, *actual = NULL;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  entries = qd_test_session_entries (TRUE, FALSE, 100, 30);
  expected = reference_digest (entries);
  qd_test_redis_start (f->redis);
  qd_ib_service_start (f->service);
  qd_redis_bus_start (QD_REDIS_BUS (f->bus));
  g_assert_true (qd_test_wait_until (is_connected, f->bus, 10000));
  write_range (f->redis, entries, 0, entries->len / 2);
  g_assert_true (qd_test_wait_entries (f->service, entries->len / 2, 20000));

  /* Redis drops both of our connections; we reconnect and resume from the last ids. */
  c = qd_test_redis_connect (f->redis);
  killed = qd_test_redis_command (c, "CLIENT KILL TYPE normal SKIPME yes");
  g_assert_cmpint (killed->integer, ==, 2);
  write_range (f->redis, entries, entries->len / 2, entries->len);
  g_assert_true (qd_test_wait_entries (f->service, entries->len, 20000));
  qd_test_spin (300);

  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->entries, ==, entries->len);
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (f->bus))->reconnects, ==, 1);
  actual = qd_test_service_digest (f->service);
  g_assert_cmpstr (actual, ==, expected);
}

/* ---- Redis down at start ---------------------------------------------------------------- */

static void
test_down_at_start (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  qd_ib_service_start (f->service);
  qd_redis_bus_start (QD_REDIS_BUS (f->bus));
  g_assert_true (qd_test_wait_until (is_error, f->bus, 10000));
  g_object_get (f->bus, "error-message", &message, NULL);
  g_assert_nonnull (strstr (message, "Cannot connect to Redis"));
  g_assert_cmpint (qd_connection_status_get_bus_state (qd_ib_service_get_connection (f->service)),
                   ==, QD_BUS_STATE_ERROR);

  /* A command is refused at once, not queued. */
  g_assert_null (qd_ib_service_refresh_account (f->service, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_NOT_CONNECTED);

  /* It keeps retrying: still in error a while later, then connects when Redis comes up. */
  qd_test_spin (1500);
  g_assert_cmpint (qd_bus_get_state (f->bus), ==, QD_BUS_STATE_ERROR);
  qd_test_redis_start (f->redis);
  g_assert_true (qd_test_wait_until (is_connected, f->bus, 10000));

  entries = qd_test_session_entries (FALSE, FALSE, 10, 5);
  write_range (f->redis, entries, 0, entries->len);
  g_assert_true (qd_test_wait_entries (f->service, entries->len, 10000));
}

/* ---- frozen Redis: the watchdog ----------------------------------------------------------- */

static void
test_frozen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) info = NULL;
  char *pid_line;
  GPid pid;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  qd_test_redis_start (f->redis);
  c = qd_test_redis_connect (f->redis);
  info = qd_test_redis_command (c, "INFO server");
  pid_line = strstr (info->str, "process_id:");
  g_assert_nonnull (pid_line);
  pid = (GPid) g_ascii_strtoll (pid_line + strlen ("process_id:"), NULL, 10);

  qd_ib_service_start (f->service);
  qd_redis_bus_start (QD_REDIS_BUS (f->bus));
  g_assert_true (qd_test_wait_until (is_connected, f->bus, 10000));

  /* The sockets stay open but nothing answers: only the watchdog can tell. */
  kill (pid, SIGSTOP);
  g_assert_true (qd_test_wait_until (is_not_connected, f->bus, 10000));
  kill (pid, SIGCONT);
  g_assert_true (qd_test_wait_until (is_connected, f->bus, 15000));

  entries = qd_test_session_entries (FALSE, FALSE, 10, 5);
  write_range (f->redis, entries, 0, entries->len);
  g_assert_true (qd_test_wait_entries (f->service, entries->len, 10000));
}

/* ---- trimmed history: resync, reported in the Activity tab -------------------------------- */

static gboolean
activity_mentions_trim (gpointer data)
{
  GListModel *log = data;
  guint i;

  for (i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(QdActivityEntry) entry = g_list_model_get_item (log, i);

      if (strstr (qd_activity_entry_get_message (entry), "was trimmed") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_trimmed (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = NULL, *journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QdRuntime) runtime = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) trim = NULL, sent = NULL;
  QdRuntimeConfig config = { .redis_options = &fast };
  QdRedisBus *bus;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  dir = g_dir_make_tmp ("qd-faults-XXXXXX", &error);
  journal = g_build_filename (dir, "orders.jsonl", NULL);
  config.bus_url = qd_test_redis_get_url (f->redis);
  config.journal_path = journal;
  qd_test_redis_start (f->redis);
  runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  bus = QD_REDIS_BUS (qd_runtime_get_bus (runtime));
  qd_runtime_start (runtime);
  g_assert_true (qd_test_wait_until (is_connected, bus, 10000));

  entries = qd_test_session_entries (FALSE, FALSE, 100, 30);
  write_range (f->redis, entries, 0, 500);
  g_assert_true (qd_test_wait_entries (qd_runtime_get_service (runtime), 500, 10000));

  /* While we are away the node writes on and the stream is trimmed past our last id. */
  qd_redis_bus_stop (bus);
  write_range (f->redis, entries, 500, entries->len);
  c = qd_test_redis_connect (f->redis);
  trim = qd_test_redis_command (c, "XTRIM %s MAXLEN 100", STREAM);
  g_assert_cmpint (trim->integer, ==, entries->len - 100);
  qd_redis_bus_start (bus);

  g_assert_true (qd_test_wait_until (activity_mentions_trim, qd_runtime_get_activity (runtime), 10000));
  g_assert_cmpuint (qd_redis_bus_get_stats (bus)->resyncs, ==, 1);
  /* What is left is read, and the node is asked for its account, positions and orders. */
  g_assert_true (qd_test_wait_entries (qd_runtime_get_service (runtime), 600, 10000));
  qd_test_spin (500);
  g_assert_cmpuint (qd_ib_service_get_stats (qd_runtime_get_service (runtime))->entries, ==, 600);
  sent = qd_test_redis_command (c, "XLEN quarterdeck:commands:TESTER-001");
  g_assert_cmpint (sent->integer, ==, 3);

  qd_runtime_stop (runtime);
  g_unlink (journal);
  g_rmdir (dir);
}

/* ---- garbage in the stream ---------------------------------------------------------------- */

static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(redisContext) c = NULL;
  g_autoptr(GString) huge = g_string_new ("{\"type\":\"QuoteTick\",\"x\":\"");
  g_autoptr(GString) deep = g_string_new (NULL);
  static const char msgpack[] = "\x84\xa4type\xa9QuoteTick\xa2id\x01\x00\xff";
  g_autofree char *expected = NULL, *actual = NULL;
  guint i, n_garbage = 0;

  if (f->redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }

  for (i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append_c (huge, 'a' + i % 26);
  g_string_append (huge, "\"}");
  for (i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');

  entries = qd_test_session_entries (FALSE, FALSE, 50, 20);
  expected = reference_digest (entries);
  qd_test_redis_start (f->redis);
  c = qd_test_redis_connect (f->redis);
  write_range (f->redis, entries, 0, entries->len / 2);

#define GARBAGE(...) G_STMT_START { \
    g_autoptr(redisReply) r = qd_test_redis_command (c, __VA_ARGS__); n_garbage++; } G_STMT_END
  GARBAGE ("XADD %s * payload {\"type\":\"QuoteTick\"}", STREAM);                 /* no topic */
  GARBAGE ("XADD %s * topic data.quotes.NASDAQ.AAPL", STREAM);                  /* no payload */
  GARBAGE ("XADD %s * topic data.quotes.NASDAQ.AAPL payload not-json{", STREAM);
  GARBAGE ("XADD %s * topic data.quotes.NASDAQ.AAPL payload %b", STREAM, msgpack, sizeof msgpack - 1);
  GARBAGE ("XADD %s * topic events.order.S payload %b", STREAM, huge->str, huge->len);
  GARBAGE ("XADD %s * topic events.order.S payload %b", STREAM, deep->str, deep->len);
  GARBAGE ("XADD %s * topic events.account.X payload {\"type\":\"AccountState\",\"balances\":7}", STREAM);
  GARBAGE ("XADD %s * just nonsense", STREAM);
#undef GARBAGE
  write_range (f->redis, entries, entries->len / 2, entries->len);

  qd_ib_service_start (f->service);
  qd_redis_bus_start (QD_REDIS_BUS (f->bus));
  g_assert_true (qd_test_wait_entries (f->service, entries->len + n_garbage, 20000));

  /* Skipped and counted; the stream went on and the state is what the good entries make. */
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->rejected, ==, n_garbage);
  actual = qd_test_service_digest (f->service);
  g_assert_cmpstr (actual, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, aof, func) \
  g_test_add ("/bus-faults/" path, Fixture, GINT_TO_POINTER (aof), fixture_setup, func, fixture_teardown)
  ADD ("kill-restart-100k", TRUE, test_kill_restart);
  ADD ("dropped-connection", FALSE, test_dropped_connection);
  ADD ("down-at-start", FALSE, test_down_at_start);
  ADD ("frozen-watchdog", FALSE, test_frozen);
  ADD ("trimmed-resync", FALSE, test_trimmed);
  ADD ("garbage", FALSE, test_garbage);
#undef ADD

  return g_test_run ();
}
