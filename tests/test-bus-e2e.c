/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "qd-paper-venue.h"
#include "qd-redis-bus.h"
#include "qd-runtime.h"
#include "qd-test-redis.h"

/* End to end over a real Redis: QdRuntime ↔ quarterdeck-sim (the real program), or the paper
 * venue on its own QdRedisBus in this process. Every order type is placed, modified and
 * canceled; every ack is matched to its request. */

static QdTestRedis *redis;

typedef struct
{
  char         *dir;
  QdRuntime    *runtime;
  QdIbService  *service;
  GSubprocess  *sim;
  QdBus        *venue_bus;
  QdPaperVenue *venue;
} Fixture;

static gboolean
is_ready (gpointer data)
{
  Fixture *f = data;
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");

  return qd_bus_get_state (qd_runtime_get_bus (f->runtime)) == QD_BUS_STATE_CONNECTED &&
         qd_account_get_account_id (qd_ib_service_get_account (f->service)) != NULL &&
         quote != NULL && !qd_decimal_is_zero (qd_quote_get_ask (quote));
}

static void
start_runtime (Fixture *f)
{
  g_autofree char *journal = g_build_filename (f->dir, "orders.jsonl", NULL);
  QdRedisBusOptions options = { .block_ms = 200, .scan_interval_s = 1, .ping_interval_s = 1 };
  QdRuntimeConfig config = { .bus_url = qd_test_redis_get_url (redis), .journal_path = journal,
                             .redis_options = &options, .command_timeout = 30 };
  g_autoptr(GError) error = NULL;

  f->runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  g_assert_false (qd_runtime_get_demo (f->runtime));
  f->service = qd_runtime_get_service (f->runtime);
  qd_runtime_start (f->runtime);
}

static void
wait_ready (Fixture *f)
{
  g_assert_true (qd_test_wait_until (is_ready, f, 20000));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(redisContext) c = NULL;
  g_autoptr(redisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (redis == NULL)
    return;
  c = qd_test_redis_connect (redis);
  reply = qd_test_redis_command (c, "FLUSHALL");
  f->dir = g_dir_make_tmp ("qd-e2e-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *journal = NULL;

  if (f->runtime != NULL)
    {
      qd_runtime_stop (f->runtime);
      g_assert_finalize_object (f->runtime);
    }
  if (f->sim != NULL)
    {
      g_subprocess_send_signal (f->sim, SIGINT);
      /* Ctrl+C ends it cleanly. */
      g_assert_true (g_subprocess_wait (f->sim, NULL, NULL));
      g_assert_true (g_subprocess_get_if_exited (f->sim));
      g_assert_cmpint (g_subprocess_get_exit_status (f->sim), ==, 0);
      g_clear_object (&f->sim);
    }
  if (f->venue != NULL)
    {
      qd_paper_venue_stop (f->venue);
      g_assert_finalize_object (f->venue);
      qd_redis_bus_stop (QD_REDIS_BUS (f->venue_bus));
      g_assert_finalize_object (f->venue_bus);
    }
  if (f->dir != NULL)
    {
      journal = g_build_filename (f->dir, "orders.jsonl", NULL);
      g_unlink (journal);
      g_rmdir (f->dir);
      g_free (f->dir);
    }
}

static void
spawn_sim (Fixture    *f,
           const char *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, qd_test_child_setup, NULL, NULL);
  f->sim = g_subprocess_launcher_spawn (launcher, &error, QD_SIM_PATH,
                                        "--redis", qd_test_redis_get_url (redis),
                                        "--trader-id", "TESTER-001", "--rate", "100",
                                        "--seed", "3", extra, NULL);
  g_assert_no_error (error);
}

static void
start_venue (Fixture *f,
             gboolean per_topic,
             gboolean iso)
{
  g_autoptr(GError) error = NULL;

  f->venue_bus = qd_redis_bus_new (qd_test_redis_get_url (redis), NULL, &error);
  g_assert_no_error (error);
  qd_redis_bus_start (QD_REDIS_BUS (f->venue_bus));
  while (qd_bus_get_state (f->venue_bus) != QD_BUS_STATE_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
  f->venue = qd_paper_venue_new (f->venue_bus, "TESTER-001", 5);
  qd_paper_venue_set_quote_rate (f->venue, 100);
  qd_paper_venue_set_per_topic (f->venue, per_topic);
  qd_paper_venue_set_iso_timestamps (f->venue, iso);
  qd_paper_venue_start (f->venue);
}

/* ---- orders ------------------------------------------------------------------------------ */

typedef struct
{
  Fixture    *f;
  const char *request_id;
} WaitRequest;

static gboolean
request_answered (gpointer data)
{
  WaitRequest *w = data;
  QdRequestState state = QD_REQUEST_STATE_PENDING;

  g_assert_true (qd_ib_service_get_request (w->f->service, w->request_id, &state, NULL, NULL));
  return state != QD_REQUEST_STATE_PENDING;
}

/* Waits for the ack of `request_id`; returns the client order id it names. */
static const char *
expect_ack (Fixture    *f,
            const char *request_id)
{
  WaitRequest w = { f, request_id };
  QdRequestState state;
  const char *client_order_id = NULL, *error_message = NULL;

  g_assert_nonnull (request_id);
  g_assert_true (qd_test_wait_until (request_answered, &w, 20000));
  g_assert_true (qd_ib_service_get_request (f->service, request_id, &state, &client_order_id,
                                            &error_message));
  g_assert_cmpstr (error_message, ==, NULL);
  g_assert_cmpint (state, ==, QD_REQUEST_STATE_ACKED);
  return client_order_id;
}

typedef struct
{
  Fixture       *f;
  const char    *order_id;
  QdOrderStatus  status;
  const char    *quantity;
} WaitOrder;

static gboolean
order_is (gpointer data)
{
  WaitOrder *w = data;
  QdOrder *order = qd_ib_service_lookup_order (w->f->service, w->order_id);
  g_autofree char *quantity = NULL;

  if (order == NULL || qd_order_get_status (order) != w->status)
    return FALSE;
  if (w->quantity == NULL)
    return TRUE;
  quantity = qd_decimal_to_string (qd_order_get_total_quantity (order));
  return g_strcmp0 (quantity, w->quantity) == 0;
}

static void
expect_order (Fixture       *f,
              const char    *order_id,
              QdOrderStatus  status,
              const char    *quantity)
{
  WaitOrder w = { f, order_id, status, quantity };

  g_assert_true (qd_test_wait_until (order_is, &w, 20000));
}

static QdDecimal
price_from (double value)
{
  g_autofree char *text = g_strdup_printf ("%.2f", value);
  QdDecimal price;

  g_assert_true (qd_decimal_parse (text, -1, &price, NULL));
  return price;
}

static QdDecimal
qty (const char *text)
{
  QdDecimal q;

  g_assert_true (qd_decimal_parse (text, -1, &q, NULL));
  return q;
}

/* Place an order that rests, modify its quantity and price, cancel it. */
static void
place_modify_cancel (Fixture     *f,
                     QdOrderType  type)
{
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");
  double ask = qd_decimal_to_double (qd_quote_get_ask (quote));
  QdOrderRequest request = { .instrument_id = "AAPL.NASDAQ", .side = QD_ORDER_SIDE_BUY,
                             .order_type = type, .quantity = qty ("10"),
                             .limit_price = QD_DECIMAL_NONE, .stop_price = QD_DECIMAL_NONE,
                             .time_in_force = QD_TIME_IN_FORCE_GTC };
  g_autoptr(GError) error = NULL;
  g_autofree char *placed = NULL, *modified = NULL, *canceled = NULL;
  const char *order_id;

  /* Far from the market, so it rests until we cancel it. */
  if (type == QD_ORDER_TYPE_LIMIT)
    request.limit_price = price_from (ask * 0.5);
  if (type == QD_ORDER_TYPE_STOP_MARKET || type == QD_ORDER_TYPE_STOP_LIMIT)
    request.stop_price = price_from (ask * 1.5);
  if (type == QD_ORDER_TYPE_STOP_LIMIT)
    request.limit_price = price_from (ask * 1.6);

  placed = qd_ib_service_place_order (f->service, &request, &error);
  g_assert_no_error (error);
  order_id = expect_ack (f, placed);
  g_assert_nonnull (order_id);
  expect_order (f, order_id, QD_ORDER_STATUS_ACCEPTED, "10");
  g_assert_cmpstr (qd_order_get_request_id (qd_ib_service_lookup_order (f->service, order_id)), ==, placed);

  modified = qd_ib_service_modify_order (f->service, order_id, qty ("7"),
                                         type == QD_ORDER_TYPE_LIMIT ? price_from (ask * 0.4) : QD_DECIMAL_NONE,
                                         QD_DECIMAL_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expect_ack (f, modified), ==, order_id);
  expect_order (f, order_id, QD_ORDER_STATUS_ACCEPTED, "7");

  canceled = qd_ib_service_cancel_order (f->service, order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expect_ack (f, canceled), ==, order_id);
  expect_order (f, order_id, QD_ORDER_STATUS_CANCELED, NULL);
}

static gboolean
has_position (gpointer data)
{
  Fixture *f = data;
  return g_list_model_get_n_items (qd_ib_service_get_positions (f->service)) > 0;
}

static void
market_fill (Fixture *f)
{
  QdOrderRequest request = { .instrument_id = "AAPL.NASDAQ", .side = QD_ORDER_SIDE_BUY,
                             .order_type = QD_ORDER_TYPE_MARKET, .quantity = qty ("10"),
                             .limit_price = QD_DECIMAL_NONE, .stop_price = QD_DECIMAL_NONE,
                             .time_in_force = QD_TIME_IN_FORCE_DAY };
  g_autoptr(GError) error = NULL;
  g_autofree char *placed = qd_ib_service_place_order (f->service, &request, &error);
  const char *order_id;

  g_assert_no_error (error);
  order_id = expect_ack (f, placed);
  expect_order (f, order_id, QD_ORDER_STATUS_FILLED, "10");
  g_assert_true (qd_test_wait_until (has_position, f, 20000));
}

static void
every_order_type (Fixture *f)
{
  market_fill (f);
  place_modify_cancel (f, QD_ORDER_TYPE_LIMIT);
  place_modify_cancel (f, QD_ORDER_TYPE_STOP_MARKET);
  place_modify_cancel (f, QD_ORDER_TYPE_STOP_LIMIT);
  g_assert_cmpuint (qd_ib_service_get_stats (f->service)->rejected, ==, 0);
  g_assert_cmpuint (qd_redis_bus_get_stats (QD_REDIS_BUS (qd_runtime_get_bus (f->runtime)))->commands_failed, ==, 0);
}

static void
test_sim_program (Fixture       *f,
                  gconstpointer  data)
{
  if (redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }
  spawn_sim (f, "--iso-timestamps");
  start_runtime (f);
  wait_ready (f);
  every_order_type (f);
}

static void
test_sim_program_per_topic (Fixture       *f,
                            gconstpointer  data)
{
  if (redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }
  /* Quarterdeck first, the node later: its per-topic streams appear while we run. */
  start_runtime (f);
  spawn_sim (f, "--per-topic");
  wait_ready (f);
  every_order_type (f);
}

static void
test_in_process_venue (Fixture       *f,
                       gconstpointer  data)
{
  if (redis == NULL)
    {
      qd_test_skip_no_redis ();
      return;
    }
  start_venue (f, TRUE, TRUE);
  start_runtime (f);
  wait_ready (f);
  every_order_type (f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  redis = qd_test_redis_new_started ();

  g_test_add ("/bus-e2e/sim-program", Fixture, NULL, fixture_setup, test_sim_program, fixture_teardown);
  g_test_add ("/bus-e2e/sim-program-per-topic", Fixture, NULL, fixture_setup,
              test_sim_program_per_topic, fixture_teardown);
  g_test_add ("/bus-e2e/in-process-venue", Fixture, NULL, fixture_setup, test_in_process_venue,
              fixture_teardown);

  status = g_test_run ();
  g_clear_pointer (&redis, qd_test_redis_free);
  return status;
}
