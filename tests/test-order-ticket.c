/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "qd-application.h"
#include "qd-ib-dashboard-private.h"
#include "qd-memory-bus.h"
#include "qd-order-ticket-private.h"
#include "qd-paper-venue.h"
#include "qd-positions-table.h"
#include "qd-risk-check.h"
#include "qd-table-menu.h"
#include "qd-table-private.h"
#include "qd-runtime.h"
#include "qd-window-private.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

#define COMMANDS "quarterdeck:commands:TESTER-001"

typedef struct
{
  QdRuntime     *runtime;
  QdIbService   *service;
  QdRiskCheck   *risk;
  QdOrderTicket *ticket;
  char          *tmpdir;
  char          *journal;
} Fixture;

static gboolean
market_ready (Fixture *f)
{
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");

  return qd_ib_service_lookup_instrument (f->service, "AAPL.NASDAQ") != NULL
         && quote != NULL
         && !qd_decimal_is_none (qd_quote_get_bid (quote))
         && !qd_decimal_is_none (qd_quote_get_ask (quote));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QdRuntimeConfig config = {
    .demo = TRUE,
    .seed = 5,
    .quote_rate = 20,
    .trade_interval_ms = 0,
    .without_trader = TRUE,
  };

  /* Never the user's own journal. */
  f->tmpdir = g_dir_make_tmp ("qd-ticket-XXXXXX", &error);
  g_assert_no_error (error);
  f->journal = g_build_filename (f->tmpdir, "orders.jsonl", NULL);
  config.journal_path = f->journal;

  f->runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  qd_runtime_start (f->runtime);
  f->service = qd_runtime_get_service (f->runtime);
  f->risk = qd_risk_check_new (f->service);

  QD_TEST_SPIN_UNTIL (market_ready (f), 5000);
  g_assert_true (market_ready (f));

  f->ticket = g_object_ref (QD_ORDER_TICKET (qd_order_ticket_new (f->service, f->risk)));
  gtk_window_present (GTK_WINDOW (f->ticket));
  qd_test_spin (100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->ticket));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (f->ticket);
  qd_runtime_stop (f->runtime);
  g_assert_finalize_object (f->risk);
  g_clear_object (&f->runtime);
  g_unlink (f->journal);
  g_rmdir (f->tmpdir);
  g_free (f->journal);
  g_free (f->tmpdir);
}

static gsize
journal_size (Fixture *f)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (f->journal, &contents, &len, NULL))
    return 0;
  return len;
}

static guint
n_commands (Fixture *f)
{
  g_autoptr(GPtrArray) entries =
    qd_memory_bus_dump_stream (QD_MEMORY_BUS (qd_runtime_get_bus (f->runtime)), COMMANDS);

  return entries != NULL ? entries->len : 0;
}

static gboolean
outcome_starts_with (Fixture    *f,
                     const char *prefix)
{
  _qd_order_ticket_flush (f->ticket);
  return g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket), prefix);
}

static QdOrder *
find_order (Fixture    *f,
            const char *instrument_id)
{
  GListModel *orders = qd_ib_service_get_orders (f->service);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (qd_order_get_instrument_id (order), instrument_id) == 0)
        return order;
    }
  return NULL;
}

/* Every fragment is in the last command published. */
static void
assert_sent (Fixture    *f,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) entries =
    qd_memory_bus_dump_stream (QD_MEMORY_BUS (qd_runtime_get_bus (f->runtime)), COMMANDS);
  g_autofree char *last = NULL;
  va_list args;

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  last = g_strdup (g_ptr_array_index (entries, entries->len - 1));
  va_start (args, first);
  for (const char *fragment = first; fragment != NULL; fragment = va_arg (args, const char *))
    {
      g_test_message ("%s in %s", fragment, last);
      g_assert_nonnull (strstr (last, fragment));
    }
  va_end (args);
}

static void
test_market_buy_fills (Fixture       *f,
                       gconstpointer  data)
{
  QdOrder *order;
  g_autofree char *findings = NULL;

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  _qd_order_ticket_flush (f->ticket);

  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_summary (f->ticket), "BUY 100 AAPL.NASDAQ MKT DAY"));
  g_assert_nonnull (strstr (_qd_order_ticket_get_summary (f->ticket), "est. value"));
  /* IB tiered: 100 × USD 0.0035 = 0.35, the minimum. */
  g_assert_nonnull (strstr (_qd_order_ticket_get_summary (f->ticket), " · est. commission 0.35 USD"));
  g_assert_cmpstr (_qd_order_ticket_get_bid_text (f->ticket), !=, "—");
  findings = _qd_order_ticket_get_findings (f->ticket);
  g_assert_cmpstr (findings, ==, "");
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));

  _qd_order_ticket_submit (f->ticket);
  g_assert_true (outcome_starts_with (f, "Sent") || outcome_starts_with (f, "Accepted")
                 || outcome_starts_with (f, "Filled"));
  /* One order outstanding: the form cannot send it again. */
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Filled"), 5000);
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==,
                   strstr (_qd_order_ticket_get_outcome (f->ticket), "Filled 100 @ "));
  order = find_order (f, "AAPL.NASDAQ");
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_FILLED);
  g_assert_cmpuint (n_commands (f), ==, 1);
  g_assert_cmpuint (journal_size (f), >, 0);
  /* What was sent is what the summary said. */
  assert_sent (f, "\"side\":\"BUY\"", "\"quantity\":\"100\"", "\"instrument_id\":\"AAPL.NASDAQ\"",
               "\"order_type\":\"MARKET\"", "\"time_in_force\":\"DAY\"", NULL);
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  qd_test_spin (400);
  qd_test_ui_save_png (GTK_WIDGET (f->ticket), "quarterdeck-order-ticket-filled.png", "Ticket");
}

static void
test_limit_rests (Fixture       *f,
                  gconstpointer  data)
{
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");
  double far = (double) (gint64) (qd_decimal_to_double (qd_quote_get_bid (quote)) * 0.8);
  g_autofree char *findings = NULL;
  QdOrder *order;

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (10));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_LIMIT);
  _qd_order_ticket_set_tif (f->ticket, QD_TIME_IN_FORCE_GTC);
  _qd_order_ticket_set_prices (f->ticket, far, 0);

  /* 20% under the market: a warning to confirm, not an error. */
  findings = _qd_order_ticket_get_findings (f->ticket);
  g_assert_nonnull (strstr (findings, "warning: "));
  g_assert_null (strstr (findings, "error: "));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  g_assert_nonnull (strstr (_qd_order_ticket_get_summary (f->ticket), " LMT "));
  g_assert_nonnull (strstr (_qd_order_ticket_get_summary (f->ticket), " GTC"));

  _qd_order_ticket_confirm_all (f->ticket);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_submit (f->ticket);

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Accepted"), 5000);
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket), "Accepted ("));
  qd_test_spin (200);
  order = find_order (f, "AAPL.NASDAQ");
  g_assert_nonnull (order);
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_ACCEPTED);
  g_assert_true (outcome_starts_with (f, "Accepted"));
}

/* The paper venue's touch, held still: 187.20 × 187.22, ask_size shares offered. */
static void
hold_touch (Fixture    *f,
            const char *ask_size)
{
  QdPaperVenue *venue = QD_PAPER_VENUE (qd_runtime_get_venue (f->runtime));
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");
  QdDecimal ask = { 18722, 2 };

  qd_paper_venue_set_quote_rate (venue, 0);
  qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "187.20", "187.22", "500", ask_size);
  QD_TEST_SPIN_UNTIL (qd_decimal_compare (qd_quote_get_ask (quote), ask) == 0, 5000);
  g_assert_cmpint (qd_decimal_compare (qd_quote_get_ask (quote), ask), ==, 0);
}

static void
send_limit_at_ask (Fixture       *f,
                   QdTimeInForce  tif)
{
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_LIMIT);
  _qd_order_ticket_set_tif (f->ticket, tif);
  _qd_order_ticket_set_prices (f->ticket, 187.22, 0);
  _qd_order_ticket_flush (f->ticket);
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_summary (f->ticket), "BUY 100 AAPL.NASDAQ LMT 187.22 "));
  _qd_order_ticket_confirm_all (f->ticket);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_submit (f->ticket);
  assert_sent (f, "\"price\":\"187.22\"", "\"quantity\":\"100\"", NULL);
}

/* IOC takes the 60 shown at the touch and cancels the other 40. */
static void
test_ioc_partial (Fixture       *f,
                  gconstpointer  data)
{
  QdOrder *order;

  hold_touch (f, "60");
  send_limit_at_ask (f, QD_TIME_IN_FORCE_IOC);
  g_assert_nonnull (strstr (_qd_order_ticket_get_summary (f->ticket), " IOC"));
  assert_sent (f, "\"time_in_force\":\"IOC\"", NULL);

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Filled 60 of 100"), 5000);
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket),
                                   "Filled 60 of 100 @ 187.22, the rest canceled ("));
  order = find_order (f, "AAPL.NASDAQ");
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_CANCELED);
  g_assert_cmpint (qd_decimal_compare (qd_order_get_filled_quantity (order), qd_decimal_from_int (60)), ==, 0);
  g_assert_cmpuint (n_commands (f), ==, 1);
  g_assert_true (_qd_order_ticket_new_order (f->ticket));
}

/* FOK: 60 shown for 100 wanted, so nothing fills and the order is killed. */
static void
test_fok_killed (Fixture       *f,
                 gconstpointer  data)
{
  QdOrder *order;

  hold_touch (f, "60");
  send_limit_at_ask (f, QD_TIME_IN_FORCE_FOK);
  assert_sent (f, "\"time_in_force\":\"FOK\"", NULL);

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Canceled"), 5000);
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket),
                                   "Canceled unfilled: FOK could not fill at once ("));
  order = find_order (f, "AAPL.NASDAQ");
  g_assert_cmpint (qd_order_get_status (order), ==, QD_ORDER_STATUS_CANCELED);
  g_assert_cmpint (qd_decimal_sign (qd_order_get_filled_quantity (order)), ==, 0);

  /* With the full size shown, the next FOK fills completely. */
  g_assert_true (_qd_order_ticket_new_order (f->ticket));
  hold_touch (f, "100");
  send_limit_at_ask (f, QD_TIME_IN_FORCE_FOK);
  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Filled"), 5000);
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket), "Filled 100 @ 187.22"));
  g_assert_cmpuint (n_commands (f), ==, 2);
}

static void
assert_unsendable (Fixture    *f,
                   const char *expected_field_message)
{
  g_autofree char *findings = _qd_order_ticket_get_findings (f->ticket);

  g_test_message ("findings: %s", findings);
  g_assert_nonnull (strstr (findings, "error: "));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));

  /* Even forced, nothing leaves the dialog. */
  _qd_order_ticket_confirm_all (f->ticket);
  _qd_order_ticket_submit (f->ticket);
  qd_test_spin (100);
  g_assert_cmpuint (n_commands (f), ==, 0);
  g_assert_cmpuint (journal_size (f), ==, 0);
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==, "");
}

static void
test_invalid_sends_nothing (Fixture       *f,
                            gconstpointer  data)
{
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (0));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  assert_unsendable (f, "quantity");

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_SELL, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_LIMIT);
  _qd_order_ticket_set_prices (f->ticket, 0, 0);
  assert_unsendable (f, "limit_price");

  /* Not SYMBOL.VENUE. */
  qd_order_ticket_prefill (f->ticket, "AAPL", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  assert_unsendable (f, "instrument_id");
}

static void
test_size_warning_confirmed (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *findings = NULL;

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (5000));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  findings = _qd_order_ticket_get_findings (f->ticket);
  g_assert_nonnull (strstr (findings, "warning: "));
  g_assert_null (strstr (findings, "error: "));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));

  _qd_order_ticket_confirm_all (f->ticket);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));

  /* An edit asks again. */
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (6000));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  g_assert_cmpuint (n_commands (f), ==, 0);
}

static void
test_live_needs_confirmation (Fixture       *f,
                              gconstpointer  data)
{
  QdConnectionStatus *connection = qd_ib_service_get_connection (f->service);

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_SELL, qd_decimal_from_int (10));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  g_assert_false (_qd_order_ticket_asks_live (f->ticket));
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));

  qd_connection_status_set_trading_mode (connection, QD_TRADING_MODE_LIVE);
  g_assert_true (_qd_order_ticket_asks_live (f->ticket));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_confirm_all (f->ticket);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));

  qd_connection_status_set_trading_mode (connection, QD_TRADING_MODE_PAPER);
  g_assert_false (_qd_order_ticket_asks_live (f->ticket));
}

/* place_order's refusal is shown; nothing is published, and the form may be sent later. */
static void
test_journal_unavailable (Fixture       *f,
                          gconstpointer  data)
{
  /* As when the runtime could not open the journal. */
  qd_ib_service_set_journal (f->service, NULL);
  qd_ib_service_set_journal_error (f->service, "disk full");
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_submit (f->ticket);
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==,
                   "Not sent: order journal unavailable: disk full");
  g_assert_cmpuint (n_commands (f), ==, 0);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  qd_ib_service_set_journal_error (f->service, NULL);
  qd_ib_service_set_journal (f->service, qd_runtime_get_journal (f->runtime));
}

/* The venue's reason is shown; then the form is reused for a new order. */
static void
test_rejected_then_new_order (Fixture       *f,
                              gconstpointer  data)
{
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100000));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  g_assert_false (_qd_order_ticket_new_order (f->ticket));
  _qd_order_ticket_confirm_all (f->ticket);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_submit (f->ticket);

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Rejected: "), 5000);
  g_test_message ("outcome: %s", _qd_order_ticket_get_outcome (f->ticket));
  g_assert_true (g_str_has_prefix (_qd_order_ticket_get_outcome (f->ticket), "Rejected: "));
  g_assert_cmpuint (strlen (_qd_order_ticket_get_outcome (f->ticket)), >, strlen ("Rejected: "));
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  g_assert_cmpuint (n_commands (f), ==, 1);

  g_assert_true (_qd_order_ticket_new_order (f->ticket));
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==, "");
  /* Confirmations were for the order sent. */
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (1));
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  g_assert_cmpuint (n_commands (f), ==, 1);
}

/* No answer within the command timeout: unknown, and never sent again. */
static void
test_no_answer_is_unknown (Fixture       *f,
                           gconstpointer  data)
{
  qd_ib_service_set_command_timeout (f->service, 1);
  qd_paper_venue_stop (QD_PAPER_VENUE (qd_runtime_get_venue (f->runtime)));

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (100));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_MARKET);
  g_assert_true (_qd_order_ticket_can_submit (f->ticket));
  _qd_order_ticket_submit (f->ticket);
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==, "Sent, waiting for the node…");

  QD_TEST_SPIN_UNTIL (outcome_starts_with (f, "Unknown"), 5000);
  g_assert_cmpstr (_qd_order_ticket_get_outcome (f->ticket), ==, "Unknown — check the Orders table");
  g_assert_false (_qd_order_ticket_can_submit (f->ticket));
  qd_test_spin (300);
  g_assert_cmpuint (n_commands (f), ==, 1);
}

static gboolean
completions_contain (Fixture    *f,
                     const char *instrument_id)
{
  GtkTreeModel *model = _qd_order_ticket_get_completions (f->ticket);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *id = NULL;

      gtk_tree_model_get (model, &iter, 0, &id, -1);
      if (g_strcmp0 (id, instrument_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The symbol completes from what the bus has quoted; the quote shown follows its updates. */
static void
test_completion_and_quote (Fixture       *f,
                           gconstpointer  data)
{
  QdQuote *quote = qd_ib_service_lookup_quote (f->service, "AAPL.NASDAQ");
  QdDecimal bid;

  g_assert_true (completions_contain (f, "AAPL.NASDAQ"));
  g_assert_false (completions_contain (f, "NOPE.NASDAQ"));

  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (1));
  _qd_order_ticket_flush (f->ticket);
  g_assert_cmpstr (_qd_order_ticket_get_bid_text (f->ticket), !=, "—");

  g_assert_true (qd_decimal_parse ("123.45", -1, &bid, NULL));
  qd_quote_set_bid (quote, bid);
  g_signal_emit_by_name (f->service, "quote-updated", quote);
  _qd_order_ticket_flush (f->ticket);
  g_assert_cmpstr (_qd_order_ticket_get_bid_text (f->ticket), ==, "123.45");

  /* Another symbol: its own quote, or none. */
  qd_order_ticket_prefill (f->ticket, "NOPE.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (1));
  g_assert_cmpstr (_qd_order_ticket_get_bid_text (f->ticket), ==, "—");
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  qd_order_ticket_prefill (f->ticket, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, qd_decimal_from_int (2000));
  _qd_order_ticket_set_order_type (f->ticket, QD_ORDER_TYPE_STOP_LIMIT);
  _qd_order_ticket_set_prices (f->ticket, 150, 151);
  qd_test_spin (300);
  _qd_order_ticket_flush (f->ticket);
  qd_test_ui_save_png (GTK_WIDGET (f->ticket), "quarterdeck-order-ticket.png", "Ticket");
}

static GtkWindow *
find_ticket (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (QD_IS_ORDER_TICKET (window))
        return window;
    }
  return NULL;
}

static guint
n_tickets (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i, n = 0;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      n += QD_IS_ORDER_TICKET (window) ? 1 : 0;
    }
  return n;
}

/* win.new-order (Ctrl+N, the tab's floating button) opens a ticket on the window's service. */
static void
test_window_action (void)
{
  QdRuntimeConfig config = { .demo = TRUE, .seed = 1, .without_trader = TRUE };
  QdTestApp t = { 0 };
  QdWindow *window;
  GtkWindow *ticket;
  g_auto(GStrv) accels = NULL;

  qd_test_ui_app_open (&t, &config);
  window = t.window;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t.app), "win.new-order");
  g_assert_cmpstr (accels[0], ==, "<Control>n");

  g_assert_cmpuint (n_tickets (), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL));
  ticket = find_ticket ();
  g_assert_nonnull (ticket);
  g_assert_false (gtk_window_get_modal (ticket));
  g_assert_true (gtk_window_get_transient_for (ticket) == GTK_WINDOW (window));

  /* Several at once; they go with their window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-order", NULL));
  g_assert_cmpuint (n_tickets (), ==, 2);
  qd_test_ui_app_close (&t);
  g_assert_cmpuint (n_tickets (), ==, 0);
}

static QdPositionsTable *
find_positions_table (QdWindow *window)
{
  GtkWidget *dashboard = _qd_window_get_dashboard (window);
  GtkWidget *section = _qd_ib_dashboard_get_part (QD_IB_DASHBOARD (dashboard), "positions_section");

  for (GtkWidget *child = gtk_widget_get_first_child (section); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (QD_IS_POSITIONS_TABLE (child))
      return QD_POSITIONS_TABLE (child);
  return NULL;
}

static QdPosition *
find_position (QdIbService *service,
               const char  *instrument_id)
{
  GListModel *positions = qd_ib_service_get_positions (service);

  for (guint i = 0; i < g_list_model_get_n_items (positions); i++)
    {
      g_autoptr(QdPosition) position = g_list_model_get_item (positions, i);

      if (g_strcmp0 (qd_position_get_instrument_id (position), instrument_id) == 0 &&
          qd_decimal_sign (qd_position_get_position (position)) != 0)
        return position;
    }
  return NULL;
}

/* The one open ticket's summary, after which it is closed. */
static char *
take_ticket_summary (void)
{
  GtkWindow *ticket;
  char *summary;

  g_assert_cmpuint (n_tickets (), ==, 1);
  ticket = find_ticket ();
  _qd_order_ticket_flush (QD_ORDER_TICKET (ticket));
  summary = g_strdup (_qd_order_ticket_get_summary (QD_ORDER_TICKET (ticket)));
  gtk_window_destroy (ticket);
  while (g_main_context_iteration (NULL, FALSE));
  return summary;
}

static guint
n_commands_of (QdRuntime *runtime)
{
  g_autoptr(GPtrArray) entries =
    qd_memory_bus_dump_stream (QD_MEMORY_BUS (qd_runtime_get_bus (runtime)), COMMANDS);

  return entries != NULL ? entries->len : 0;
}

static gboolean
position_menu_has (GtkPopover *popover,
                   const char *name,
                   const char *label)
{
  GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_autofree char *detailed = g_strconcat ("row.", name, NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autofree char *shown = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
              g_strcmp0 (action, detailed) == 0 &&
              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &shown))
            return g_strcmp0 (shown, label) == 0;
        }
    }
  return FALSE;
}

/* Close: the opposite side for the full quantity; Add: the same side. Nothing is sent. */
static void
test_prefill_from_position (void)
{
  g_autoptr(GError) error = NULL;
  QdRuntimeConfig config = { .demo = TRUE, .seed = 1, .without_trader = TRUE };
  QdTestApp t = { 0 };
  QdRuntime *runtime;
  g_autofree char *request_id = NULL;
  g_autofree char *summary = NULL;
  QdOrderRequest short_sale = {
    .instrument_id = "MSFT.NASDAQ", .side = QD_ORDER_SIDE_SELL, .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = { 70, 0 }, .limit_price = QD_DECIMAL_NONE, .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  QdIbService *service;
  QdPositionsTable *table;
  QdPosition *position = NULL;
  QdWindow *window;
  GtkPopover *popover;
  GActionGroup *actions;
  guint commands;

  qd_test_ui_app_open (&t, &config);
  runtime = t.runtime;
  service = qd_runtime_get_service (runtime);
  window = t.window;
  table = find_positions_table (window);
  g_assert_nonnull (table);

  QD_TEST_SPIN_UNTIL (qd_ib_service_lookup_quote (service, "MSFT.NASDAQ") != NULL, 5000);
  request_id = qd_ib_service_place_order (service, &short_sale, &error);
  g_assert_no_error (error);
  QD_TEST_SPIN_UNTIL ((position = find_position (service, "MSFT.NASDAQ")) != NULL, 5000);
  g_assert_nonnull (position);
  g_assert_cmpint (qd_decimal_compare (qd_position_get_position (position), qd_decimal_from_int (-70)), ==, 0);
  commands = n_commands_of (runtime);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "positions.close", "s",
                                             qd_position_get_position_id (position)));
  summary = take_ticket_summary ();
  g_assert_true (g_str_has_prefix (summary, "BUY 70 MSFT.NASDAQ "));
  g_clear_pointer (&summary, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "positions.add", "s",
                                             qd_position_get_position_id (position)));
  summary = take_ticket_summary ();
  g_assert_true (g_str_has_prefix (summary, "SELL "));
  g_assert_nonnull (strstr (summary, " MSFT.NASDAQ "));
  g_clear_pointer (&summary, g_free);

  /* The row's menu runs the same actions, on the position it was opened on. */
  popover = qd_positions_table_popup_menu (table, position);
  g_assert_nonnull (popover);
  actions = qd_table_menu_get_actions (popover);
  g_assert_true (position_menu_has (popover, "close", "Close Position…"));
  g_assert_true (position_menu_has (popover, "add", "Add to Position…"));
  g_assert_true (position_menu_has (popover, "new-order", "New Order for MSFT…"));
  g_assert_true (g_action_group_get_action_enabled (actions, "close"));
  g_assert_true (g_action_group_get_action_enabled (actions, "add"));
  g_assert_true (g_action_group_get_action_enabled (actions, "new-order"));
  g_action_group_activate_action (actions, "close", NULL);
  summary = take_ticket_summary ();
  g_assert_true (g_str_has_prefix (summary, "BUY 70 MSFT.NASDAQ "));
  g_clear_pointer (&summary, g_free);
  g_action_group_activate_action (actions, "new-order", NULL);
  summary = take_ticket_summary ();
  g_test_message ("New Order for MSFT: %s", summary);
  g_assert_nonnull (strstr (summary, " MSFT.NASDAQ "));
  /* An unknown position opens nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "positions.close", "s", "no-such-position"));
  g_assert_cmpuint (n_tickets (), ==, 0);
  g_assert_cmpuint (n_commands_of (runtime), ==, commands);

  qd_test_ui_app_close (&t);
  g_assert_cmpuint (n_tickets (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  qd_test_ui_init (&argc, &argv);

  g_test_add ("/order-ticket/market-buy-fills", Fixture, NULL, fixture_setup, test_market_buy_fills, fixture_teardown);
  g_test_add ("/order-ticket/limit-rests", Fixture, NULL, fixture_setup, test_limit_rests, fixture_teardown);
  g_test_add ("/order-ticket/invalid-sends-nothing", Fixture, NULL, fixture_setup, test_invalid_sends_nothing, fixture_teardown);
  g_test_add ("/order-ticket/size-warning", Fixture, NULL, fixture_setup, test_size_warning_confirmed, fixture_teardown);
  g_test_add ("/order-ticket/live", Fixture, NULL, fixture_setup, test_live_needs_confirmation, fixture_teardown);
  g_test_add ("/order-ticket/journal-unavailable", Fixture, NULL, fixture_setup, test_journal_unavailable, fixture_teardown);
  g_test_add ("/order-ticket/rejected-then-new-order", Fixture, NULL, fixture_setup, test_rejected_then_new_order, fixture_teardown);
  g_test_add ("/order-ticket/no-answer-is-unknown", Fixture, NULL, fixture_setup, test_no_answer_is_unknown, fixture_teardown);
  g_test_add ("/order-ticket/completion-and-quote", Fixture, NULL, fixture_setup, test_completion_and_quote, fixture_teardown);
  g_test_add ("/order-ticket/ioc-partial", Fixture, NULL, fixture_setup, test_ioc_partial, fixture_teardown);
  g_test_add ("/order-ticket/fok-killed", Fixture, NULL, fixture_setup, test_fok_killed, fixture_teardown);
  g_test_add ("/order-ticket/render-png", Fixture, NULL, fixture_setup, test_render_png, fixture_teardown);
  g_test_add_func ("/order-ticket/window-action", test_window_action);
  g_test_add_func ("/order-ticket/prefill-from-position", test_prefill_from_position);

  return g_test_run ();
}
