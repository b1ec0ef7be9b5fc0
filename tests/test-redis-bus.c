/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <string.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-redis-bus.h"
#include "qd-test-redis.h"
#include "qd-test-util.h"

/* QdRedisBus against a real redis-server: the QdBus contract, and the node's real streams. */

static QdTestRedis *redis;

typedef struct
{
  GPtrArray *ids;
  GPtrArray *topics;
  GPtrArray *payloads;
  guint      batches;
} Received;

static Received *
received_new (void)
{
  Received *r = g_new0 (Received, 1);

  r->ids = g_ptr_array_new_with_free_func (g_free);
  r->topics = g_ptr_array_new_with_free_func (g_free);
  r->payloads = g_ptr_array_new_with_free_func (g_free);
  return r;
}

static void
received_free (gpointer data)
{
  Received *r = data;

  g_ptr_array_unref (r->ids);
  g_ptr_array_unref (r->topics);
  g_ptr_array_unref (r->payloads);
  g_free (r);
}

static void
collect_cb (QdBus            *bus,
            const QdBusEntry *entries,
            guint             n_entries,
            gpointer          user_data)
{
  Received *r = user_data;
  guint i;

  r->batches++;
  for (i = 0; i < n_entries; i++)
    {
      g_ptr_array_add (r->ids, g_strdup (entries[i].id));
      g_ptr_array_add (r->topics, g_strdup (entries[i].topic));
      g_ptr_array_add (r->payloads, g_strndup (entries[i].payload, entries[i].payload_len));
    }
}

typedef struct
{
  Received *r;
  guint     n;
} WaitCount;

static gboolean
has_count (gpointer data)
{
  WaitCount *w = data;
  return w->r->ids->len >= w->n;
}

static void
wait_count (Received *r,
            guint     n)
{
  WaitCount w = { r, n };

  g_assert_true (qd_test_wait_until (has_count, &w, 10000));
  g_assert_cmpuint (r->ids->len, ==, n);
}

static gboolean
is_connected (gpointer data)
{
  return qd_bus_get_state (data) == QD_BUS_STATE_CONNECTED;
}

static QdBus *
new_bus (guint history_limit)
{
  QdRedisBusOptions options = { .history_limit = history_limit, .block_ms = 200,
                                .scan_interval_s = 1, .ping_interval_s = 1 };
  g_autoptr(GError) error = NULL;
  QdBus *bus = qd_redis_bus_new (qd_test_redis_get_url (redis), &options, &error);

  g_assert_no_error (error);
  return bus;
}

static void
start_and_wait (QdBus *bus)
{
  qd_redis_bus_start (QD_REDIS_BUS (bus));
  g_assert_true (qd_test_wait_until (is_connected, bus, 10000));
}

static void
flush_db (void)
{
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) reply = qd_test_redis_command (c, "FLUSHALL");
}

/* ---- URLs ------------------------------------------------------------------------------ */

static void
test_urls (void)
{
  static const struct { const char *url; const char *shown; } good[] = {
    { "redis://127.0.0.1:6379", "redis://127.0.0.1:6379" },
    { "redis://localhost", "redis://localhost" },
    { "redis://:s3cret@127.0.0.1:6380/2", "redis://127.0.0.1:6380/2" },
    { "redis://trader:s3cret@127.0.0.1/0", "redis://trader@127.0.0.1/0" },
    { "unix:///run/redis/redis.sock", "unix:///run/redis/redis.sock" },
  };
  static const char *bad[] = {
    "redis://", "redis://127.0.0.1/notadb", "rediss://127.0.0.1", "http://127.0.0.1",
    "unix:relative.sock", "not a url",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QdBus) bus = qd_redis_bus_new (good[i].url, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (qd_bus_get_description (bus), ==, good[i].shown);
      g_assert_null (strstr (qd_bus_get_description (bus), "s3cret"));
      g_assert_cmpint (qd_bus_get_state (bus), ==, QD_BUS_STATE_DISCONNECTED);
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QdBus) bus = qd_redis_bus_new (bad[i], NULL, &error);

      g_assert_null (bus);
      g_assert_error (error, QD_BUS_ERROR, QD_BUS_ERROR_INVALID);
    }
}

/* ---- commands ---------------------------------------------------------------------------- */

static void
test_append_not_connected (void)
{
  /* Needs no Redis: the bus is never started. */
  g_autoptr(QdBus) bus = qd_redis_bus_new ("redis://127.0.0.1:1", NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* Never queued silently: refused at once. */
  g_assert_false (qd_bus_append (bus, "quarterdeck:commands:TESTER-001", "quarterdeck.commands",
                                 "{}", -1, 10000, NULL, &error));
  g_assert_error (error, QD_BUS_ERROR, QD_BUS_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (bus))->commands_failed, ==, 1);
}

static gboolean
stream_has (gpointer data)
{
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) reply = qd_test_redis_command (c, "XLEN %s", (char *) data);

  return reply->integer >= 3;
}

static void
test_append_layout (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) range = NULL;
  g_autoptr(GError) error = NULL;
  const char payload[] = "{\"cmd\":\"cancel\",\"request_id\":\"r1\"}\0binary";
  redisReply *fields;
  char *id = (char *) "x";
  guint i;

  flush_db ();
  start_and_wait (bus);
  for (i = 0; i < 3; i++)
    {
      g_assert_true (qd_bus_append (bus, "quarterdeck:commands:T", "quarterdeck.commands", payload,
                                    sizeof payload - 1, 10000, &id, &error));
      g_assert_no_error (error);
      g_assert_null (id);
    }
  g_assert_true (qd_test_wait_until (stream_has, (gpointer) "quarterdeck:commands:T", 5000));

  /* XADD … * topic <t> payload <p>: those fields, in that order, binary-safe. */
  c = qd_test_redis_connect (redis);
  range = qd_test_redis_command (c, "XRANGE quarterdeck:commands:T - +");
  g_assert_cmpuint (range->elements, ==, 3);
  fields = range->element[0]->element[1];
  g_assert_cmpuint (fields->elements, ==, 4);
  g_assert_cmpstr (fields->element[0]->str, ==, "topic");
  g_assert_cmpstr (fields->element[1]->str, ==, "quarterdeck.commands");
  g_assert_cmpstr (fields->element[2]->str, ==, "payload");
  g_assert_cmpuint (fields->element[3]->len, ==, sizeof payload - 1);
  g_assert_cmpmem (fields->element[3]->str, fields->element[3]->len, payload, sizeof payload - 1);
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (bus))->commands_failed, ==, 0);
}

static void
keep_message_cb (QdBus      *bus,
                 const char *message,
                 char      **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_append_refused_reported (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *failure = NULL;

  flush_db ();
  set = qd_test_redis_command (c, "SET quarterdeck:commands:W not-a-stream");
  g_signal_connect (bus, "command-failed", G_CALLBACK (keep_message_cb), &failure);
  start_and_wait (bus);

  /* Handed over (TRUE), then refused by Redis: counted and signalled, never resent. */
  g_assert_true (qd_bus_append (bus, "quarterdeck:commands:W", "quarterdeck.commands", "{}", -1,
                                0, NULL, &error));
  g_assert_true (qd_test_wait_until (is_set, &failure, 5000));
  g_assert_nonnull (strstr (failure, "WRONGTYPE"));
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (bus))->commands_failed, ==, 1);
}

/* ---- watches ------------------------------------------------------------------------------ */

static void
write_plain (redisContext *c,
             const char   *key,
             guint         from,
             guint         to)
{
  guint i;

  for (i = from; i < to; i++)
    {
      g_autoptr(redisReply) reply = qd_test_redis_command (c, "XADD %s * topic t.%u payload p%u",
                                                          key, i, i);
    }
}

/* ---- AUTH, SELECT and unix sockets ---------------------------------------------------------- */

static gboolean
is_error (gpointer bus)
{
  return qd_bus_get_state (bus) == QD_BUS_STATE_ERROR;
}

static void
test_auth_select (void)
{
  g_autoptr(QdTestRedis) secured = qd_test_redis_new (FALSE);
  g_autofree char *url = NULL, *wrong = NULL, *message = NULL;
  g_autoptr(QdBus) bus = NULL, refused = NULL;
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) auth = NULL, select = NULL, len = NULL, other = NULL;
  Received *r = received_new ();
  QdRedisBusOptions options = { .block_ms = 200, .max_backoff_ms = 200 };

  qd_test_redis_set_args (secured, "--requirepass", "s3cret", NULL);
  qd_test_redis_start (secured);
  url = g_strdup_printf ("redis://:s3cret@127.0.0.1:%u/3", qd_test_redis_get_port (secured));
  wrong = g_strdup_printf ("redis://:wrong@127.0.0.1:%u/3", qd_test_redis_get_port (secured));

  /* The right password and database 3: what we write lands there, and is read back. */
  bus = qd_redis_bus_new (url, &options, NULL);
  qd_bus_watch (bus, "s:auth", "0", collect_cb, r, received_free);
  start_and_wait (bus);
  g_assert_true (qd_bus_append (bus, "s:auth", "t", "{}", -1, 0, NULL, NULL));
  wait_count (r, 1);
  c = qd_test_redis_connect (secured);
  auth = qd_test_redis_command (c, "AUTH s3cret");
  len = qd_test_redis_command (c, "EXISTS s:auth");
  g_assert_cmpint (len->integer, ==, 0);
  select = qd_test_redis_command (c, "SELECT 3");
  other = qd_test_redis_command (c, "XLEN s:auth");
  g_assert_cmpint (other->integer, ==, 1);

  /* A wrong password: an error for people, without the password, and it keeps trying. */
  refused = qd_redis_bus_new (wrong, &options, NULL);
  qd_redis_bus_start (QD_REDIS_BUS (refused));
  g_assert_true (qd_test_wait_until (is_error, refused, 10000));
  g_object_get (refused, "error-message", &message, NULL);
  g_assert_nonnull (strstr (message, "WRONGPASS"));
  g_assert_null (strstr (message, "wrong@"));
  qd_redis_bus_stop (QD_REDIS_BUS (refused));
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
}

/* A host name is resolved without blocking, then connected to. */
static void
test_host_name (void)
{
  g_autofree char *url = g_strdup_printf ("redis://localhost:%u", qd_test_redis_get_port (redis));
  g_autoptr(QdBus) bus = qd_redis_bus_new (url, NULL, NULL);

  start_and_wait (bus);
  g_assert_true (qd_bus_append (bus, "s:host", "t", "{}", -1, 0, NULL, NULL));
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
}

static void
test_unix_socket (void)
{
  g_autofree char *url = g_strconcat ("unix://", qd_test_redis_get_socket (redis), NULL);
  g_autoptr(QdBus) bus = qd_redis_bus_new (url, NULL, NULL);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  Received *r = received_new ();

  flush_db ();
  write_plain (c, "s:unix", 0, 10);
  qd_bus_watch (bus, "s:unix", "0", collect_cb, r, received_free);
  start_and_wait (bus);
  wait_count (r, 10);
  g_assert_cmpstr (qd_bus_get_description (bus), ==, url);
  qd_redis_bus_stop (QD_REDIS_BUS (bus));
}

static void
test_watch_history_then_live (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  Received *r = received_new ();
  guint i;

  flush_db ();
  write_plain (c, "s:one", 0, 5000);
  qd_bus_watch (bus, "s:one", "0", collect_cb, r, received_free);
  start_and_wait (bus);
  wait_count (r, 5000);

  write_plain (c, "s:one", 5000, 5100);
  wait_count (r, 5100);
  for (i = 0; i < r->ids->len; i++)
    {
      g_autofree char *expect = g_strdup_printf ("p%u", i);
      g_assert_cmpstr (g_ptr_array_index (r->payloads, i), ==, expect);
      if (i > 0)
        g_assert_cmpint (qd_bus_compare_ids (g_ptr_array_index (r->ids, i - 1),
                                             g_ptr_array_index (r->ids, i)), <, 0);
    }
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (bus))->entries, ==, 5100);
}

static void
test_history_limit (void)
{
  g_autoptr(QdBus) bus = new_bus (100);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  Received *r = received_new ();

  flush_db ();
  write_plain (c, "s:long", 0, 1000);
  qd_bus_watch (bus, "s:long", "0", collect_cb, r, received_free);
  start_and_wait (bus);
  wait_count (r, 100);
  /* The last 100, from the 900th. */
  g_assert_cmpstr (g_ptr_array_index (r->payloads, 0), ==, "p900");
  g_assert_cmpstr (g_ptr_array_index (r->payloads, 99), ==, "p999");
  qd_test_spin (300);
  g_assert_cmpuint (r->ids->len, ==, 100);
}

static void
test_watch_from_now_and_id (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) third = NULL;
  Received *now = received_new ();
  Received *after = received_new ();

  flush_db ();
  write_plain (c, "s:now", 0, 10);
  third = qd_test_redis_command (c, "XRANGE s:now - + COUNT 3");
  qd_bus_watch (bus, "s:now", "$", collect_cb, now, received_free);
  qd_bus_watch (bus, "s:now", third->element[2]->element[0]->str, collect_cb, after, received_free);
  start_and_wait (bus);
  wait_count (after, 7);
  qd_test_spin (300);
  g_assert_cmpuint (now->ids->len, ==, 0);

  write_plain (c, "s:now", 10, 12);
  wait_count (now, 2);
  wait_count (after, 9);
  g_assert_cmpstr (g_ptr_array_index (now->payloads, 0), ==, "p10");
  g_assert_cmpstr (g_ptr_array_index (after->payloads, 0), ==, "p3");
}

/* "$" counts from the qd_bus_watch() call: what is written while the bus connects is read. */
static void
test_watch_from_now_while_connecting (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  Received *now = received_new ();

  flush_db ();
  write_plain (c, "s:early", 0, 3);
  qd_test_spin (5);
  qd_bus_watch (bus, "s:early", "$", collect_cb, now, received_free);
  qd_test_spin (5);
  write_plain (c, "s:early", 3, 5);
  start_and_wait (bus);
  wait_count (now, 2);
  qd_test_spin (300);
  g_assert_cmpuint (now->ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (now->payloads, 0), ==, "p3");
  g_assert_cmpstr (g_ptr_array_index (now->payloads, 1), ==, "p4");
}

static void
test_unwatch (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  Received *r = received_new ();
  guint id;

  flush_db ();
  id = qd_bus_watch (bus, "s:u", "0", collect_cb, r, NULL);
  start_and_wait (bus);
  write_plain (c, "s:u", 0, 3);
  wait_count (r, 3);
  qd_bus_unwatch (bus, id);
  write_plain (c, "s:u", 3, 6);
  qd_test_spin (500);
  g_assert_cmpuint (r->ids->len, ==, 3);
  received_free (r);
}

static void
test_per_topic_scan (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) other = NULL;
  Received *r = received_new ();
  Received *single = received_new ();

  flush_db ();
  write_plain (c, "trader-T:stream:events.order.S", 0, 3);
  write_plain (c, "trader-T:stream:data.quotes.AAPL", 3, 5);
  write_plain (c, "trader-T:stream", 100, 101);
  other = qd_test_redis_command (c, "SET trader-T:stream:not-a-stream x");
  qd_bus_watch (bus, "trader-T:stream:*", "0", collect_cb, r, received_free);
  qd_bus_watch (bus, "trader-T:stream", "0", collect_cb, single, received_free);
  start_and_wait (bus);
  wait_count (r, 5);
  wait_count (single, 1);

  /* A topic that appears later is found by the periodic rescan, from its start. */
  write_plain (c, "trader-T:stream:events.position.S", 5, 7);
  wait_count (r, 7);
  g_assert_cmpuint (qd_redis_bus_get_n_streams (QD_REDIS_BUS (bus)), ==, 4);
}

/* The node's field order is not ours to rely on: fields are found by name. */
static void
test_fields_by_name (void)
{
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autoptr(redisReply) a = NULL, b = NULL, d = NULL;
  Received *r = received_new ();

  flush_db ();
  a = qd_test_redis_command (c, "XADD s:f * topic t1 type %s payload {\"a\":1} encoding Json", "");
  b = qd_test_redis_command (c, "XADD s:f * encoding MsgPack payload x2 extra y topic t2");
  d = qd_test_redis_command (c, "XADD s:f * nothing here");
  qd_bus_watch (bus, "s:f", "0", collect_cb, r, received_free);
  start_and_wait (bus);
  wait_count (r, 3);
  g_assert_cmpstr (g_ptr_array_index (r->topics, 0), ==, "t1");
  g_assert_cmpstr (g_ptr_array_index (r->payloads, 0), ==, "{\"a\":1}");
  g_assert_cmpstr (g_ptr_array_index (r->topics, 1), ==, "t2");
  g_assert_cmpstr (g_ptr_array_index (r->payloads, 1), ==, "x2");
  g_assert_null (g_ptr_array_index (r->topics, 2));
  g_assert_cmpstr (g_ptr_array_index (r->payloads, 2), ==, "");
}

/* ---- the node's real streams into the service -------------------------------------------- */

/* The state from Redis equals the state from the same entries on the embedded bus. */
static void
check_session (gboolean per_topic,
               gboolean iso,
               gboolean legacy,
               gboolean history_first)
{
  g_autoptr(GPtrArray) entries = qd_test_session_entries (per_topic, iso, 20, 40);
  g_autoptr(QdBus) memory = qd_memory_bus_new ();
  g_autoptr(QdIbService) reference = qd_ib_service_new (memory, "TESTER-001");
  g_autoptr(QdBus) bus = new_bus (0);
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  g_autofree char *expected = NULL, *actual = NULL;
  guint i;

  flush_db ();
  for (i = 0; i < entries->len; i++)
    {
      QdTestEntry *e = g_ptr_array_index (entries, i);
      g_assert_true (qd_bus_append (memory, e->stream, e->topic, e->payload, -1, 0, NULL, NULL));
    }
  qd_ib_service_start (reference);
  qd_memory_bus_flush (QD_MEMORY_BUS (memory));
  expected = qd_test_service_digest (reference);
  g_assert_cmpuint (qd_ib_service_get_stats (reference)->rejected, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_orders (reference)), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (qd_ib_service_get_positions (reference)), >=, 1);

  if (history_first)
    qd_test_write_entries (c, entries, legacy);
  qd_ib_service_start (service);
  start_and_wait (bus);
  if (!history_first)
    qd_test_write_entries (c, entries, legacy);

  g_assert_true (qd_test_wait_entries (service, entries->len, 20000));
  actual = qd_test_service_digest (service);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpuint (qd_ib_service_get_stats (service)->entries, ==, entries->len);
  g_assert_cmpuint (qd_ib_service_get_stats (service)->rejected, ==, 0);
  qd_ib_service_stop (service);
  qd_ib_service_stop (reference);
}

/* A node with use_trader_prefix=False and streams_prefix="ib": its key is configured. */
static void
test_node_custom_stream_key (void)
{
  QdRedisBusOptions options = { .block_ms = 200, .scan_interval_s = 1, .stream_key = "TESTER-001:ib" };
  g_autoptr(GPtrArray) entries = qd_test_session_entries (TRUE, FALSE, 20, 10);
  g_autoptr(QdBus) bus = qd_redis_bus_new (qd_test_redis_get_url (redis), &options, NULL);
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(redisContext) c = qd_test_redis_connect (redis);
  guint i;

  flush_db ();
  for (i = 0; i < entries->len; i++)
    {
      QdTestEntry *e = g_ptr_array_index (entries, i);
      char *renamed = g_strconcat ("TESTER-001:ib", e->stream + strlen ("trader-TESTER-001:stream"), NULL);

      g_free (e->stream);
      e->stream = renamed;
    }
  qd_test_write_entries (c, entries, FALSE);
  qd_ib_service_start (service);
  start_and_wait (bus);
  g_assert_true (qd_test_wait_entries (service, entries->len, 20000));
  g_assert_cmpuint (qd_ib_service_get_stats (service)->entries, ==, entries->len);
  g_assert_nonnull (qd_account_get_account_id (qd_ib_service_get_account (service)));
  qd_ib_service_stop (service);
}

static void
test_node_single_key (void)
{
  check_session (FALSE, FALSE, FALSE, TRUE);
}

static void
test_node_single_key_live_legacy (void)
{
  check_session (FALSE, FALSE, TRUE, FALSE);
}

static void
test_node_per_topic (void)
{
  check_session (TRUE, FALSE, FALSE, TRUE);
}

static void
test_node_iso_timestamps (void)
{
  check_session (FALSE, TRUE, FALSE, TRUE);
}

static void
test_node_per_topic_iso_live (void)
{
  check_session (TRUE, TRUE, TRUE, FALSE);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  redis = qd_test_redis_new_started ();

#define ADD(path, func) g_test_add_func ("/redis-bus/" path, redis ? func : qd_test_skip_no_redis)
  g_test_add_func ("/redis-bus/urls", test_urls);
  g_test_add_func ("/redis-bus/append-not-connected", test_append_not_connected);
  ADD ("append-layout", test_append_layout);
  ADD ("append-refused-reported", test_append_refused_reported);
  ADD ("auth-select", test_auth_select);
  ADD ("unix-socket", test_unix_socket);
  ADD ("host-name", test_host_name);
  ADD ("watch-history-then-live", test_watch_history_then_live);
  ADD ("history-limit", test_history_limit);
  ADD ("watch-from-now-and-id", test_watch_from_now_and_id);
  ADD ("watch-from-now-while-connecting", test_watch_from_now_while_connecting);
  ADD ("unwatch", test_unwatch);
  ADD ("per-topic-scan", test_per_topic_scan);
  ADD ("fields-by-name", test_fields_by_name);
  ADD ("node/single-key-history", test_node_single_key);
  ADD ("node/single-key-live-v1.228", test_node_single_key_live_legacy);
  ADD ("node/per-topic-history", test_node_per_topic);
  ADD ("node/iso-timestamps", test_node_iso_timestamps);
  ADD ("node/per-topic-iso-live-v1.228", test_node_per_topic_iso_live);
  ADD ("node/custom-stream-key", test_node_custom_stream_key);
#undef ADD

  status = g_test_run ();
  g_clear_pointer (&redis, qd_test_redis_free);
  return status;
}
