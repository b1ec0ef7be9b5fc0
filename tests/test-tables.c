/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-order-actions.h"
#include "qd-runtime.h"
#include "qd-table-cells.h"
#include "qd-table-menu.h"
#include "qd-table-private.h"
#include "qd-table-rows.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

/*
 * The positions and orders tables, fed with NautilusTrader's own JSON (spec/nautilus-bus.md
 * §4; the AAPL lifecycle is tests/fixtures/native byte for byte, the other instruments follow
 * the same shapes) through qd_ib_service_ingest(), shown in a real window under Xvfb.
 */

#define ORDER_TOPIC "events.order.QuarterdeckBridge-001"
#define POSITION_TOPIC "events.position.QuarterdeckBridge-001"
#define ACCOUNT_TOPIC "events.account.INTERACTIVE_BROKERS-DU1234567"
#define AAPL_ORDER "O-20260701-143012-001-001-1"
/* 2026-07-01 14:30:12 UTC, the spec's examples' time. */
#define BASE_TS G_GINT64_CONSTANT (1782916212001000000)
#define SECOND G_GINT64_CONSTANT (1000000000)

#define HEADER \
  "\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\",\"instrument_id\":\"%s\"," \
  "\"client_order_id\":\"%s\""
#define ACCOUNT "\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\""

typedef struct
{
  QdBus       *bus;
  QdIbService *service;
  GtkWindow   *window;
  guint        next_event;
} Fixture;

/* ---- feeding the service ------------------------------------------------------------------ */

static void
feed (Fixture    *f,
      const char *topic,
      const char *payload)
{
  qd_test_ingest (f->service, topic, payload);
}

#define feed_printf(f, topic, ...) qd_test_ingest_printf ((f)->service, (topic), __VA_ARGS__)

static void
feed_fixture (Fixture    *f,
              const char *topic,
              const char *name)
{
  g_autofree char *payload = qd_test_load_fixture (NULL, "native", name, NULL);

  feed (f, topic, payload);
}

static char *
event_id (Fixture *f)
{
  return g_strdup_printf ("ev-%u", f->next_event++);
}

static void
equity (Fixture    *f,
        const char *symbol,
        const char *venue,
        const char *currency)
{
  g_autofree char *topic = g_strdup_printf ("data.instrument.%s.%s", venue, symbol);

  feed_printf (f, topic,
               "{\"type\":\"Equity\",\"id\":\"%s.%s\",\"raw_symbol\":\"%s\",\"currency\":\"%s\",\"price_precision\":2,"
               "\"price_increment\":\"0.01\",\"lot_size\":\"100\",\"isin\":null,\"margin_init\":\"0\",\"margin_maint\":\"0\","
               "\"maker_fee\":\"0\",\"taker_fee\":\"0\",\"min_price\":null,\"max_price\":null,\"max_quantity\":null,"
               "\"min_quantity\":null,\"ts_event\":\"1782916000000000000\",\"ts_init\":\"1782916000000000001\","
               "\"tick_scheme_name\":null,\"info\":{}}",
               symbol, venue, symbol, currency);
}

static void
position_opened (Fixture    *f,
                 const char *instrument_id,
                 const char *side,
                 const char *quantity,
                 const char *avg_px,
                 const char *realized,
                 const char *currency)
{
  g_autofree char *id = event_id (f);

  feed_printf (f, POSITION_TOPIC,
               "{\"type\":\"PositionOpened\",\"trader_id\":\"TESTER-001\",\"strategy_id\":\"QuarterdeckBridge-001\","
               "\"instrument_id\":\"%s\",\"position_id\":\"%s-QuarterdeckBridge-001\"," ACCOUNT ","
               "\"opening_order_id\":\"O-1\",\"entry\":\"%s\",\"side\":\"%s\",\"signed_qty\":0.0,\"quantity\":\"%s\","
               "\"peak_qty\":\"%s\",\"last_qty\":\"%s\",\"last_px\":\"%s\",\"currency\":\"%s\",\"avg_px_open\":%s,"
               "\"realized_pnl\":\"%s %s\",\"duration_ns\":0,\"event_id\":\"%s\",\"ts_event\":\"1782916241000000000\","
               "\"ts_init\":\"1782916241012345678\"}",
               instrument_id, instrument_id, g_str_equal (side, "LONG") ? "BUY" : "SELL", side, quantity,
               quantity, quantity, avg_px, currency, avg_px, realized, currency, id);
}

static void
quote (Fixture    *f,
       const char *instrument_id,
       const char *bid,
       const char *ask)
{
  feed_printf (f, "data.quotes.NASDAQ.X",
               "{\"type\":\"QuoteTick\",\"instrument_id\":\"%s\",\"bid_price\":\"%s\",\"ask_price\":\"%s\","
               "\"bid_size\":\"300\",\"ask_size\":\"200\",\"ts_event\":\"1782916212000000000\","
               "\"ts_init\":\"1782916212004518221\"}",
               instrument_id, bid, ask);
}

/* price and trigger are JSON: a quoted decimal or null. */
static void
order_initialized (Fixture    *f,
                   const char *client_order_id,
                   const char *instrument_id,
                   const char *side,
                   const char *type,
                   const char *quantity,
                   const char *price,
                   const char *trigger,
                   const char *time_in_force,
                   gint64      ts)
{
  g_autofree char *id = event_id (f);

  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"OrderInitialized\"," HEADER ",\"order_side\":\"%s\",\"order_type\":\"%s\",\"quantity\":\"%s\","
               "\"time_in_force\":\"%s\",\"post_only\":false,\"reduce_only\":false,\"quote_quantity\":false,"
               "\"options\":{\"price\":%s,\"trigger_price\":%s,\"display_qty\":null,\"expire_time_ns\":0},"
               "\"emulation_trigger\":\"NO_TRIGGER\",\"trigger_instrument_id\":null,\"contingency_type\":\"NO_CONTINGENCY\","
               "\"order_list_id\":null,\"linked_order_ids\":null,\"parent_order_id\":null,\"exec_algorithm_id\":null,"
               "\"exec_algorithm_params\":null,\"exec_spawn_id\":null,\"tags\":null,\"event_id\":\"%s\","
               "\"ts_init\":\"%" G_GINT64_FORMAT "\",\"ts_event\":\"%" G_GINT64_FORMAT "\",\"reconciliation\":false}",
               instrument_id, client_order_id, side, type, quantity, time_in_force, price, trigger, id, ts, ts);
}

/* OrderAccepted, OrderCanceled, OrderRejected...; extra is more fields, starting with a comma. */
static void
order_event (Fixture    *f,
             const char *type,
             const char *client_order_id,
             const char *instrument_id,
             const char *extra,
             gint64      ts)
{
  g_autofree char *id = event_id (f);

  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"%s\"," HEADER ",\"venue_order_id\":\"%u\"," ACCOUNT "%s,\"event_id\":\"%s\","
               "\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%" G_GINT64_FORMAT "\",\"reconciliation\":false}",
               type, instrument_id, client_order_id, 1837462900 + f->next_event, extra ? extra : "", id, ts, ts);
}

static void
order_filled (Fixture    *f,
              const char *client_order_id,
              const char *instrument_id,
              const char *side,
              const char *quantity,
              const char *price,
              gint64      ts)
{
  g_autofree char *id = event_id (f);

  feed_printf (f, ORDER_TOPIC,
               "{\"type\":\"OrderFilled\"," HEADER ",\"venue_order_id\":\"1837462999\"," ACCOUNT ",\"trade_id\":\"T-%s\","
               "\"position_id\":null,\"order_side\":\"%s\",\"order_type\":\"LIMIT\",\"last_qty\":\"%s\",\"last_px\":\"%s\","
               "\"currency\":\"USD\",\"commission\":\"1.00 USD\",\"liquidity_side\":\"NO_LIQUIDITY_SIDE\",\"event_id\":\"%s\","
               "\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%" G_GINT64_FORMAT "\",\"info\":null,\"reconciliation\":false}",
               instrument_id, client_order_id, id, side, quantity, price, id, ts, ts);
}

/* ---- a book to look at ------------------------------------------------------------------ */

/* AAPL from the spec's fixtures; MSFT, TSLA (short), EUR/USD (5 decimals) and SAP (in EUR). */
static void
feed_positions (Fixture *f)
{
  feed_fixture (f, "data.instrument.NASDAQ.AAPL", "Equity.json");
  feed_fixture (f, "data.instrument.IDEALPRO.EUR/USD", "CurrencyPair.json");
  equity (f, "MSFT", "NASDAQ", "USD");
  equity (f, "TSLA", "NASDAQ", "USD");
  equity (f, "SAP", "XETRA", "EUR");
  feed_fixture (f, ACCOUNT_TOPIC, "AccountState.json");

  feed_fixture (f, POSITION_TOPIC, "PositionOpened.json");
  position_opened (f, "MSFT.NASDAQ", "LONG", "50", "410.5", "150.00", "USD");
  position_opened (f, "TSLA.NASDAQ", "SHORT", "20", "250.0", "-1.00", "USD");
  position_opened (f, "EUR/USD.IDEALPRO", "LONG", "25000", "1.08512", "-2.00", "USD");
  position_opened (f, "SAP.XETRA", "LONG", "10", "180.0", "0.00", "EUR");

  quote (f, "AAPL.NASDAQ", "188.00", "188.02");
  quote (f, "MSFT.NASDAQ", "412.00", "412.10");
  quote (f, "TSLA.NASDAQ", "255.00", "255.10");
  quote (f, "EUR/USD.IDEALPRO", "1.08520", "1.08530");
  quote (f, "SAP.XETRA", "182.00", "182.04");
}

/* Six orders: three working, one filled, one rejected, one canceled. */
static void
feed_orders (Fixture *f)
{
  feed_fixture (f, ORDER_TOPIC, "OrderInitialized.json");
  feed_fixture (f, ORDER_TOPIC, "OrderAccepted.json");

  order_initialized (f, "O-20260701-143012-001-001-2", "AAPL.NASDAQ", "BUY", "LIMIT", "5000", "\"187.00\"", "null",
                     "DAY", BASE_TS + 2 * SECOND);
  feed_fixture (f, ORDER_TOPIC, "OrderRejected.json");

  order_initialized (f, "O-20260701-143012-001-001-3", "MSFT.NASDAQ", "SELL", "STOP_LIMIT", "50", "\"404.50\"",
                     "\"405.00\"", "GTC", BASE_TS + 3 * SECOND);
  order_event (f, "OrderAccepted", "O-20260701-143012-001-001-3", "MSFT.NASDAQ", NULL, BASE_TS + 4 * SECOND);

  order_initialized (f, "O-20260701-143012-001-001-4", "TSLA.NASDAQ", "SELL", "MARKET", "20", "null", "null",
                     "DAY", BASE_TS + 5 * SECOND);
  order_event (f, "OrderAccepted", "O-20260701-143012-001-001-4", "TSLA.NASDAQ", NULL, BASE_TS + 6 * SECOND);
  order_filled (f, "O-20260701-143012-001-001-4", "TSLA.NASDAQ", "SELL", "20", "255.00", BASE_TS + 7 * SECOND);

  order_initialized (f, "O-20260701-143012-001-001-5", "EUR/USD.IDEALPRO", "BUY", "LIMIT", "25000", "\"1.08500\"",
                     "null", "GTC", BASE_TS + 8 * SECOND);
  order_event (f, "OrderAccepted", "O-20260701-143012-001-001-5", "EUR/USD.IDEALPRO", NULL, BASE_TS + 9 * SECOND);
  order_filled (f, "O-20260701-143012-001-001-5", "EUR/USD.IDEALPRO", "BUY", "10000", "1.08500", BASE_TS + 10 * SECOND);

  order_initialized (f, "O-20260701-143012-001-001-6", "AAPL.NASDAQ", "SELL", "STOP_MARKET", "100", "null",
                     "\"180.00\"", "GTC", BASE_TS + 11 * SECOND);
  order_event (f, "OrderAccepted", "O-20260701-143012-001-001-6", "AAPL.NASDAQ", NULL, BASE_TS + 12 * SECOND);
  order_event (f, "OrderCanceled", "O-20260701-143012-001-001-6", "AAPL.NASDAQ", NULL, BASE_TS + 13 * SECOND);
}

/* ---- the main loop ------------------------------------------------------------------------ */

/* Runs the main loop until `condition` holds; it must within 20 s. */
#define WAIT_UNTIL(condition)                                                    \
  G_STMT_START {                                                                 \
    QD_TEST_SPIN_UNTIL (condition, 20000);                                       \
    g_assert_true (condition);                                                   \
  } G_STMT_END

/* Let `n` frames of the window pass: flushes, re-sorts and row binding all happen in frames. */
static void
wait_frames (Fixture *f,
             guint    n)
{
  qd_test_ui_wait_frames (GTK_WIDGET (f->window), n);
}

static void
show (Fixture   *f,
      GtkWidget *child,
      int        width,
      int        height)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (f->window);
  gtk_window_set_default_size (f->window, width, height);
  gtk_window_set_child (f->window, child);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (child));
  wait_frames (f, 3);
}

/* Render what the window shows to build/tests/<name>.png, to look at. */
static void
save_png (Fixture    *f,
          const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  qd_test_ui_render_png (GTK_WIDGET (f->window), path);
  g_test_message ("rendered %s", path);
}

/* ---- fixture ------------------------------------------------------------------------------ */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->bus = qd_memory_bus_new ();
  f->service = qd_ib_service_new (f->bus, "TESTER-001");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (f->window);
      g_assert_finalize_object (f->window);
    }
  qd_ib_service_stop (f->service);
  g_assert_finalize_object (f->service);
  g_assert_finalize_object (f->bus);
}

/* ---- helpers on the tables ---------------------------------------------------------------- */

static guint
n_rows (GtkColumnView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static guint
position_row (QdPositionsTable *table,
              const char       *symbol)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (qd_positions_table_get_column_view (table)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(QdPosition) position = g_list_model_get_item (model, i);

      if (g_strcmp0 (qd_position_get_symbol (position), symbol) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* The row of an order in the table, or -1 when the filter hides it. */
static int
order_row (QdOrdersTable *table,
           const char    *order_id)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (qd_orders_table_get_column_view (table)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (model, i);

      if (g_strcmp0 (qd_order_get_order_id (order), order_id) == 0)
        return i;
    }
  return -1;
}

#define assert_position_cell(table, symbol, column, text) \
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, position_row (table, symbol), column), ==, text)

#define assert_order_cell(table, id, column, text) \
  g_assert_cmpstr (qd_orders_table_get_cell_text (table, order_row (table, id), column), ==, text)

#define assert_total(table, column, text) \
  g_assert_cmpstr (qd_table_cell_get_text (qd_positions_table_get_total_cell (table, column)), ==, text)

static void
assert_classes (GtkWidget  *cell,
                const char *present,
                const char *absent)
{
  g_assert_nonnull (cell);
  if (present != NULL)
    g_assert_true (gtk_widget_has_css_class (cell, present));
  if (absent != NULL)
    g_assert_false (gtk_widget_has_css_class (cell, absent));
}

static void
assert_xalign_end (GtkWidget *cell)
{
  g_assert_true (GTK_IS_INSCRIPTION (cell));
  g_assert_cmpfloat (gtk_inscription_get_xalign (GTK_INSCRIPTION (cell)), ==, 1.0);
  g_assert_true (gtk_widget_has_css_class (cell, "numeric"));
}

/* ---- positions ---------------------------------------------------------------------------- */

static QdPositionsTable *
show_positions (Fixture *f)
{
  GtkWidget *table = qd_positions_table_new (f->service);

  show (f, table, 1100, 330);
  WAIT_UNTIL (qd_positions_table_get_cell (QD_POSITIONS_TABLE (table), 0, 0) != NULL);
  return QD_POSITIONS_TABLE (table);
}

static void
test_positions_cells (Fixture       *f,
                      gconstpointer  data)
{
  QdPositionsTable *table;
  GtkWidget *cell;

  feed_positions (f);
  table = show_positions (f);

  g_assert_cmpstr (qd_positions_table_get_page (table), ==, "table");
  g_assert_cmpuint (n_rows (qd_positions_table_get_column_view (table)), ==, 5);

  /* The spec's AAPL position, marked at the 188.00 / 188.02 midpoint. */
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_POSITION, "100");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_AVG_COST, "187.10");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_MARKET_PRICE, "188.01");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_MARKET_VALUE, "18,801.00");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_UNREALIZED_PNL, "+91.00");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_REALIZED_PNL, "-1.00");
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_CURRENCY, "USD");

  /* Each row with its own instrument's decimals; quantities with separators. */
  assert_position_cell (table, "EUR/USD", QD_POSITIONS_COLUMN_POSITION, "25,000");
  assert_position_cell (table, "EUR/USD", QD_POSITIONS_COLUMN_AVG_COST, "1.08512");
  assert_position_cell (table, "EUR/USD", QD_POSITIONS_COLUMN_MARKET_PRICE, "1.08525");
  assert_position_cell (table, "EUR/USD", QD_POSITIONS_COLUMN_MARKET_VALUE, "27,131.25");

  /* A short position: negative quantity and value, a loss when the price rose. */
  assert_position_cell (table, "TSLA", QD_POSITIONS_COLUMN_POSITION, "-20");
  assert_position_cell (table, "TSLA", QD_POSITIONS_COLUMN_MARKET_VALUE, "-5,101.00");
  assert_position_cell (table, "TSLA", QD_POSITIONS_COLUMN_UNREALIZED_PNL, "-101.00");
  assert_position_cell (table, "SAP", QD_POSITIONS_COLUMN_CURRENCY, "EUR");

  /* Colours follow the sign; numbers are right-aligned in tabular figures. */
  assert_classes (qd_positions_table_get_cell (table, position_row (table, "AAPL"), QD_POSITIONS_COLUMN_UNREALIZED_PNL),
                  "gain", "loss");
  assert_classes (qd_positions_table_get_cell (table, position_row (table, "AAPL"), QD_POSITIONS_COLUMN_REALIZED_PNL),
                  "loss", "gain");
  assert_classes (qd_positions_table_get_cell (table, position_row (table, "TSLA"), QD_POSITIONS_COLUMN_UNREALIZED_PNL),
                  "loss", "gain");
  cell = qd_positions_table_get_cell (table, position_row (table, "SAP"), QD_POSITIONS_COLUMN_REALIZED_PNL);
  g_assert_cmpstr (qd_table_cell_get_text (cell), ==, "0.00");
  assert_classes (cell, NULL, "gain");
  assert_classes (cell, NULL, "loss");
  assert_xalign_end (qd_positions_table_get_cell (table, 0, QD_POSITIONS_COLUMN_MARKET_VALUE));
  assert_xalign_end (qd_positions_table_get_cell (table, 0, QD_POSITIONS_COLUMN_POSITION));

  save_png (f, "test-tables-positions");
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static const char *
symbol_at (GtkSortListModel *model,
           guint             position)
{
  g_autoptr(QdPosition) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return qd_position_get_symbol (item);
}

static void
test_positions_live_sort (Fixture       *f,
                          gconstpointer  data)
{
  QdPositionsTable *table;
  GtkSortListModel *sorted;
  guint store_changes = 0;
  gulong handler;

  feed_positions (f);
  table = show_positions (f);
  sorted = qd_positions_table_get_sort_model (table);

  gtk_column_view_sort_by_column (qd_positions_table_get_column_view (table),
                                  qd_positions_table_get_column (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL),
                                  GTK_SORT_DESCENDING);
  wait_frames (f, 2);
  g_assert_cmpstr (symbol_at (sorted, 0), ==, "AAPL");     /* +91.00 */
  g_assert_cmpstr (symbol_at (sorted, 1), ==, "MSFT");     /* +77.50 */
  g_assert_cmpstr (symbol_at (sorted, 4), ==, "TSLA");     /* -101.00 */
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, 0, QD_POSITIONS_COLUMN_SYMBOL), ==, "AAPL");

  /* MSFT moves up to +127.50: the rows swap with no change to the service's list. */
  handler = g_signal_connect (qd_ib_service_get_positions (f->service), "items-changed",
                              G_CALLBACK (count_items_changed_cb), &store_changes);
  quote (f, "MSFT.NASDAQ", "413.00", "413.10");
  wait_frames (f, 3);
  g_signal_handler_disconnect (qd_ib_service_get_positions (f->service), handler);

  g_assert_cmpuint (store_changes, ==, 0);
  g_assert_cmpstr (symbol_at (sorted, 0), ==, "MSFT");
  g_assert_cmpstr (symbol_at (sorted, 1), ==, "AAPL");
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, 0, QD_POSITIONS_COLUMN_SYMBOL), ==, "MSFT");
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, 0, QD_POSITIONS_COLUMN_UNREALIZED_PNL), ==, "+127.50");
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, 1, QD_POSITIONS_COLUMN_SYMBOL), ==, "AAPL");

  /* Ascending puts the loss first. */
  gtk_column_view_sort_by_column (qd_positions_table_get_column_view (table),
                                  qd_positions_table_get_column (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL),
                                  GTK_SORT_ASCENDING);
  wait_frames (f, 2);
  g_assert_cmpstr (qd_positions_table_get_cell_text (table, 0, QD_POSITIONS_COLUMN_SYMBOL), ==, "TSLA");
}

static void
test_positions_totals (Fixture       *f,
                       gconstpointer  data)
{
  QdPositionsTable *table;
  GtkWidget *label;

  feed_positions (f);
  table = show_positions (f);

  /* USD positions only (the account's currency); SAP, in EUR, is named, not added. */
  assert_total (table, QD_POSITIONS_COLUMN_MARKET_VALUE, "61,433.75");
  assert_total (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL, "+70.75");
  assert_total (table, QD_POSITIONS_COLUMN_REALIZED_PNL, "+146.00");
  assert_total (table, QD_POSITIONS_COLUMN_CURRENCY, "USD");
  assert_total (table, QD_POSITIONS_COLUMN_SYMBOL, "Total · excl. EUR");
  label = qd_positions_table_get_total_cell (table, QD_POSITIONS_COLUMN_SYMBOL);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (label), "EUR"));
  assert_classes (qd_positions_table_get_total_cell (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL), "gain", "loss");
  assert_xalign_end (qd_positions_table_get_total_cell (table, QD_POSITIONS_COLUMN_MARKET_VALUE));
  g_assert_null (qd_positions_table_get_total_cell (table, QD_POSITIONS_COLUMN_AVG_COST));

  /* The totals follow the marks. */
  quote (f, "MSFT.NASDAQ", "413.00", "413.10");
  quote (f, "TSLA.NASDAQ", "262.00", "262.10");
  wait_frames (f, 3);
  assert_total (table, QD_POSITIONS_COLUMN_MARKET_VALUE, "61,343.75");
  assert_total (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL, "-19.25");
  assert_classes (qd_positions_table_get_total_cell (table, QD_POSITIONS_COLUMN_UNREALIZED_PNL), "loss", "gain");

  /* A closed position keeps its realized P&L in the total. */
  feed_fixture (f, POSITION_TOPIC, "PositionClosed.json");
  wait_frames (f, 3);
  assert_position_cell (table, "AAPL", QD_POSITIONS_COLUMN_POSITION, "0");
  assert_classes (qd_positions_table_get_cell (table, position_row (table, "AAPL"), QD_POSITIONS_COLUMN_SYMBOL),
                  "flat", NULL);
  assert_total (table, QD_POSITIONS_COLUMN_REALIZED_PNL, "+244.00");
}

/* ---- orders ------------------------------------------------------------------------------- */

static QdOrdersTable *
show_orders (Fixture        *f,
             QdOrdersFilter  filter)
{
  GtkWidget *table = qd_orders_table_new (f->service);

  qd_orders_table_set_filter (QD_ORDERS_TABLE (table), filter);
  show (f, table, 1500, 330);
  return QD_ORDERS_TABLE (table);
}

static void
test_orders_cells (Fixture       *f,
                   gconstpointer  data)
{
  QdOrdersTable *table;
  GtkWidget *status;
  char *tooltip;

  feed_positions (f);
  feed_orders (f);
  table = show_orders (f, QD_ORDERS_FILTER_ALL);
  WAIT_UNTIL (qd_orders_table_get_cell (table, 5, 0) != NULL);

  /* Newest first. */
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 6);
  g_assert_cmpstr (qd_orders_table_get_cell_text (table, 0, QD_ORDERS_COLUMN_ORDER_ID), ==,
                   "O-20260701-143012-001-001-6");
  g_assert_cmpstr (qd_orders_table_get_cell_text (table, 5, QD_ORDERS_COLUMN_ORDER_ID), ==, AAPL_ORDER);

  /* The spec's LIMIT BUY 100 AAPL @ 187.10, accepted: IB's words throughout. */
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_TIME, "14:30:12");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_SYMBOL, "AAPL");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_ACTION, "BUY");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_TYPE, "LMT");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_QUANTITY, "100");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_FILLED, "0");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_REMAINING, "100");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_LIMIT, "187.10");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_STOP, QD_TABLE_UNKNOWN);
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_TIME_IN_FORCE, "DAY");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_STATUS, "Submitted");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_AVG_FILL, QD_TABLE_UNKNOWN);
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_COMMISSION, QD_TABLE_UNKNOWN);
  assert_classes (qd_orders_table_get_cell (table, order_row (table, AAPL_ORDER), QD_ORDERS_COLUMN_ACTION),
                  "buy", "sell");
  status = qd_orders_table_get_cell (table, order_row (table, AAPL_ORDER), QD_ORDERS_COLUMN_STATUS);
  assert_classes (status, "status-working", "status-filled");
  g_assert_cmpstr (qd_table_cell_get_icon (status), ==, "media-playback-start-symbolic");
  tooltip = qd_table_rows_dup_tooltip (qd_orders_table_get_cell (table, order_row (table, AAPL_ORDER),
                                                                 QD_ORDERS_COLUMN_ORDER_ID));
  g_assert_cmpstr (tooltip, ==, "IB order 1837462911");
  g_clear_pointer (&tooltip, g_free);

  /* Stop limit: both prices, STP LMT, SELL in red. */
  assert_order_cell (table, "O-20260701-143012-001-001-3", QD_ORDERS_COLUMN_TYPE, "STP LMT");
  assert_order_cell (table, "O-20260701-143012-001-001-3", QD_ORDERS_COLUMN_LIMIT, "404.50");
  assert_order_cell (table, "O-20260701-143012-001-001-3", QD_ORDERS_COLUMN_STOP, "405.00");
  assert_order_cell (table, "O-20260701-143012-001-001-3", QD_ORDERS_COLUMN_TIME_IN_FORCE, "GTC");
  assert_classes (qd_orders_table_get_cell (table, order_row (table, "O-20260701-143012-001-001-3"),
                                            QD_ORDERS_COLUMN_ACTION), "sell", "buy");

  /* Filled market order. */
  assert_order_cell (table, "O-20260701-143012-001-001-4", QD_ORDERS_COLUMN_TYPE, "MKT");
  assert_order_cell (table, "O-20260701-143012-001-001-4", QD_ORDERS_COLUMN_STATUS, "Filled");
  assert_order_cell (table, "O-20260701-143012-001-001-4", QD_ORDERS_COLUMN_REMAINING, "0");
  assert_order_cell (table, "O-20260701-143012-001-001-4", QD_ORDERS_COLUMN_AVG_FILL, "255.00");
  assert_order_cell (table, "O-20260701-143012-001-001-4", QD_ORDERS_COLUMN_COMMISSION, "1.00");
  status = qd_orders_table_get_cell (table, order_row (table, "O-20260701-143012-001-001-4"), QD_ORDERS_COLUMN_STATUS);
  assert_classes (status, "status-filled", "status-working");
  g_assert_cmpstr (qd_table_cell_get_icon (status), ==, "emblem-ok-symbolic");

  /* Partly filled EUR/USD, at its 5 decimals. */
  assert_order_cell (table, "O-20260701-143012-001-001-5", QD_ORDERS_COLUMN_QUANTITY, "25,000");
  assert_order_cell (table, "O-20260701-143012-001-001-5", QD_ORDERS_COLUMN_FILLED, "10,000");
  assert_order_cell (table, "O-20260701-143012-001-001-5", QD_ORDERS_COLUMN_REMAINING, "15,000");
  assert_order_cell (table, "O-20260701-143012-001-001-5", QD_ORDERS_COLUMN_LIMIT, "1.08500");
  assert_order_cell (table, "O-20260701-143012-001-001-5", QD_ORDERS_COLUMN_STATUS, "Submitted");

  /* Rejected: IB's Inactive, an error icon and the reason in the tooltip. */
  status = qd_orders_table_get_cell (table, order_row (table, "O-20260701-143012-001-001-2"), QD_ORDERS_COLUMN_STATUS);
  g_assert_cmpstr (qd_table_cell_get_text (status), ==, "Inactive");
  assert_classes (status, "status-rejected", "status-working");
  g_assert_cmpstr (qd_table_cell_get_icon (status), ==, "dialog-error-symbolic");
  tooltip = qd_table_rows_dup_tooltip (status);
  g_assert_cmpstr (tooltip, ==, "Order rejected - reason:The order size exceeds the limit");
  g_clear_pointer (&tooltip, g_free);
  g_assert_true (gtk_widget_get_has_tooltip (status));

  /* Canceled stop. */
  status = qd_orders_table_get_cell (table, order_row (table, "O-20260701-143012-001-001-6"), QD_ORDERS_COLUMN_STATUS);
  g_assert_cmpstr (qd_table_cell_get_text (status), ==, "Cancelled");
  assert_classes (status, "status-cancelled", "status-working");
  g_assert_cmpstr (qd_table_cell_get_icon (status), ==, "process-stop-symbolic");
  assert_order_cell (table, "O-20260701-143012-001-001-6", QD_ORDERS_COLUMN_TYPE, "STP");
  assert_order_cell (table, "O-20260701-143012-001-001-6", QD_ORDERS_COLUMN_TIME, "14:30:23");
  assert_xalign_end (qd_orders_table_get_cell (table, 0, QD_ORDERS_COLUMN_QUANTITY));

  save_png (f, "test-tables-orders");

  /* Oldest first on a click of the time header. */
  gtk_column_view_sort_by_column (qd_orders_table_get_column_view (table),
                                  qd_orders_table_get_column (table, QD_ORDERS_COLUMN_TIME), GTK_SORT_ASCENDING);
  wait_frames (f, 2);
  g_assert_cmpstr (qd_orders_table_get_cell_text (table, 0, QD_ORDERS_COLUMN_ORDER_ID), ==, AAPL_ORDER);
}

static void
assert_counts (QdOrdersTable *table,
               const char    *working,
               const char    *filled,
               const char    *cancelled,
               const char    *all)
{
  g_assert_cmpstr (qd_orders_table_get_count_text (table, QD_ORDERS_FILTER_WORKING), ==, working);
  g_assert_cmpstr (qd_orders_table_get_count_text (table, QD_ORDERS_FILTER_FILLED), ==, filled);
  g_assert_cmpstr (qd_orders_table_get_count_text (table, QD_ORDERS_FILTER_CANCELLED), ==, cancelled);
  g_assert_cmpstr (qd_orders_table_get_count_text (table, QD_ORDERS_FILTER_ALL), ==, all);
}

static void
test_orders_filter (Fixture       *f,
                    gconstpointer  data)
{
  QdOrdersTable *table;

  feed_positions (f);
  feed_orders (f);
  table = QD_ORDERS_TABLE (qd_orders_table_new (f->service));
  show (f, GTK_WIDGET (table), 1500, 330);

  /* Working by default: the three orders still at IB, newest first. */
  g_assert_cmpint (qd_orders_table_get_filter (table), ==, QD_ORDERS_FILTER_WORKING);
  g_assert_true (gtk_toggle_button_get_active (qd_orders_table_get_filter_button (table, QD_ORDERS_FILTER_WORKING)));
  assert_counts (table, "3", "1", "2", "6");
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 3);
  g_assert_cmpint (order_row (table, "O-20260701-143012-001-001-5"), ==, 0);
  g_assert_cmpint (order_row (table, "O-20260701-143012-001-001-3"), ==, 1);
  g_assert_cmpint (order_row (table, AAPL_ORDER), ==, 2);

  /* The spec's fill: the order leaves Working for Filled, live. */
  feed_fixture (f, ORDER_TOPIC, "OrderFilled.json");
  wait_frames (f, 3);
  assert_counts (table, "2", "2", "2", "6");
  g_assert_cmpint (order_row (table, AAPL_ORDER), ==, -1);
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 2);

  /* The buttons switch the filter. */
  gtk_toggle_button_set_active (qd_orders_table_get_filter_button (table, QD_ORDERS_FILTER_FILLED), TRUE);
  g_assert_cmpint (qd_orders_table_get_filter (table), ==, QD_ORDERS_FILTER_FILLED);
  g_assert_false (gtk_toggle_button_get_active (qd_orders_table_get_filter_button (table, QD_ORDERS_FILTER_WORKING)));
  wait_frames (f, 2);
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 2);
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_STATUS, "Filled");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_FILLED, "100");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_AVG_FILL, "187.10");
  assert_order_cell (table, AAPL_ORDER, QD_ORDERS_COLUMN_COMMISSION, "1.00");

  /* Cancelled holds what is done without a fill: the rejection and the canceled stop. */
  qd_orders_table_set_filter (table, QD_ORDERS_FILTER_CANCELLED);
  g_assert_true (gtk_toggle_button_get_active (qd_orders_table_get_filter_button (table, QD_ORDERS_FILTER_CANCELLED)));
  wait_frames (f, 2);
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 2);
  g_assert_cmpint (order_row (table, "O-20260701-143012-001-001-2"), >=, 0);
  g_assert_cmpint (order_row (table, "O-20260701-143012-001-001-6"), >=, 0);

  /* A partly filled order canceled afterwards is done with a fill. */
  order_event (f, "OrderCanceled", "O-20260701-143012-001-001-5", "EUR/USD.IDEALPRO", NULL, BASE_TS + 20 * SECOND);
  wait_frames (f, 3);
  assert_counts (table, "1", "3", "2", "6");
  g_assert_cmpint (order_row (table, "O-20260701-143012-001-001-5"), ==, -1);

  qd_orders_table_set_filter (table, QD_ORDERS_FILTER_ALL);
  wait_frames (f, 2);
  g_assert_cmpuint (n_rows (qd_orders_table_get_column_view (table)), ==, 6);
}

/* ---- empty states ------------------------------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  QdPositionsTable *positions = QD_POSITIONS_TABLE (qd_positions_table_new (f->service));
  QdOrdersTable *orders = QD_ORDERS_TABLE (qd_orders_table_new (f->service));

  gtk_widget_set_vexpand (GTK_WIDGET (positions), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (orders), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (positions));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (orders));
  show (f, box, 1100, 640);

  g_assert_cmpstr (qd_positions_table_get_page (positions), ==, "empty");
  g_assert_cmpstr (qd_orders_table_get_page (orders), ==, "empty");
  g_assert_cmpstr (qd_orders_table_get_empty_title (orders), ==, "No working orders");
  assert_counts (orders, "0", "0", "0", "0");
  save_png (f, "test-tables-empty");

  qd_orders_table_set_filter (orders, QD_ORDERS_FILTER_ALL);
  g_assert_cmpstr (qd_orders_table_get_empty_title (orders), ==, "No orders yet");

  /* The first order and position replace the placeholders. */
  feed_fixture (f, "data.instrument.NASDAQ.AAPL", "Equity.json");
  feed_fixture (f, ORDER_TOPIC, "OrderInitialized.json");
  feed_fixture (f, POSITION_TOPIC, "PositionOpened.json");
  wait_frames (f, 3);
  g_assert_cmpstr (qd_positions_table_get_page (positions), ==, "table");
  g_assert_cmpstr (qd_orders_table_get_page (orders), ==, "table");
  assert_counts (orders, "1", "0", "0", "1");

  /* Working empties again when that order is canceled. */
  qd_orders_table_set_filter (orders, QD_ORDERS_FILTER_WORKING);
  g_assert_cmpstr (qd_orders_table_get_page (orders), ==, "table");
  feed_fixture (f, ORDER_TOPIC, "OrderCanceled.json");
  wait_frames (f, 3);
  g_assert_cmpstr (qd_orders_table_get_page (orders), ==, "empty");
  g_assert_cmpstr (qd_orders_table_get_empty_title (orders), ==, "No working orders");
  assert_counts (orders, "0", "0", "1", "1");
}

/* ---- a flood ------------------------------------------------------------------------------ */

#define FLOOD_ORDERS 10000
#define FLOOD_QUOTES 10000
#define FLOOD_BATCH 100

typedef struct
{
  Fixture *f;
  guint    next;
} Flood;

static char *
cents (guint value)
{
  return g_strdup_printf ("%u.%02u", value / 100, value % 100);
}

/* Event i: a new order on even i, a quote for AAPL or MSFT on odd i. */
static void
flood_event (Fixture *f,
             guint    i)
{
  if (i % 2 == 0)
    {
      g_autofree char *id = g_strdup_printf ("O-FLOOD-%05u", i / 2);
      g_autofree char *price = g_strdup_printf ("\"%u.%02u\"", 100, (i / 2) % 100);
      g_autofree char *quantity = g_strdup_printf ("%u", i / 2 + 1);

      order_initialized (f, id, "AAPL.NASDAQ", (i / 2) % 3 ? "BUY" : "SELL", "LIMIT", quantity, price, "null",
                         "DAY", BASE_TS + (100 + i) * SECOND);
    }
  else
    {
      guint n = i / 2;
      g_autofree char *bid = cents ((n % 2 ? 40000 : 18000) + n / 2);
      g_autofree char *ask = cents ((n % 2 ? 40000 : 18000) + n / 2 + 2);

      quote (f, n % 2 ? "MSFT.NASDAQ" : "AAPL.NASDAQ", bid, ask);
    }
}

static gboolean
flood_step (gpointer user_data)
{
  Flood *flood = user_data;

  for (guint i = 0; i < FLOOD_BATCH && flood->next < FLOOD_ORDERS + FLOOD_QUOTES; i++)
    flood_event (flood->f, flood->next++);
  return flood->next < FLOOD_ORDERS + FLOOD_QUOTES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_flood (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  QdPositionsTable *positions = QD_POSITIONS_TABLE (qd_positions_table_new (f->service));
  QdOrdersTable *orders = QD_ORDERS_TABLE (qd_orders_table_new (f->service));
  QdFrameCoalescer *position_frames = qd_positions_table_get_coalescer (positions);
  QdFrameCoalescer *order_frames = qd_orders_table_get_coalescer (orders);
  Flood flood = { f, 0 };

  feed_positions (f);
  qd_orders_table_set_filter (orders, QD_ORDERS_FILTER_ALL);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (positions));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (orders));
  gtk_paned_set_position (GTK_PANED (paned), 260);
  show (f, paned, 1500, 720);
  /* Market value re-sorts live all through the flood. */
  gtk_column_view_sort_by_column (qd_positions_table_get_column_view (positions),
                                  qd_positions_table_get_column (positions, QD_POSITIONS_COLUMN_MARKET_VALUE),
                                  GTK_SORT_DESCENDING);

  /* Batches between frames, as events come off the bus. */
  g_idle_add (flood_step, &flood);
  WAIT_UNTIL (flood.next == FLOOD_ORDERS + FLOOD_QUOTES);
  wait_frames (f, 3);

  /* Never more than one flush a frame, and the flood did span frames. */
  g_assert_cmpuint (qd_frame_coalescer_get_max_flushes_per_frame (position_frames), ==, 1);
  g_assert_cmpuint (qd_frame_coalescer_get_max_flushes_per_frame (order_frames), ==, 1);
  g_assert_cmpuint (qd_frame_coalescer_get_n_flushes (position_frames), >=, 2);
  g_assert_cmpuint (qd_frame_coalescer_get_n_flushes (order_frames), >=, 2);
  g_test_message ("%" G_GUINT64_FORMAT " position flushes, %" G_GUINT64_FORMAT " order flushes",
                  qd_frame_coalescer_get_n_flushes (position_frames),
                  qd_frame_coalescer_get_n_flushes (order_frames));

  /* The last values: AAPL 229.99 / 230.01, MSFT 449.99 / 450.01; the newest order on top. */
  assert_position_cell (positions, "AAPL", QD_POSITIONS_COLUMN_MARKET_PRICE, "230.00");
  assert_position_cell (positions, "AAPL", QD_POSITIONS_COLUMN_UNREALIZED_PNL, "+4,290.00");
  assert_position_cell (positions, "MSFT", QD_POSITIONS_COLUMN_MARKET_VALUE, "22,500.00");
  g_assert_cmpstr (qd_positions_table_get_cell_text (positions, 0, QD_POSITIONS_COLUMN_SYMBOL), ==, "EUR/USD");
  g_assert_cmpstr (qd_positions_table_get_cell_text (positions, 1, QD_POSITIONS_COLUMN_SYMBOL), ==, "AAPL");
  g_assert_cmpstr (qd_positions_table_get_cell_text (positions, 2, QD_POSITIONS_COLUMN_SYMBOL), ==, "MSFT");

  g_assert_cmpstr (qd_orders_table_get_count_text (orders, QD_ORDERS_FILTER_ALL), ==, "10,000");
  g_assert_cmpstr (qd_orders_table_get_count_text (orders, QD_ORDERS_FILTER_WORKING), ==, "10,000");
  g_assert_cmpstr (qd_orders_table_get_cell_text (orders, 0, QD_ORDERS_COLUMN_ORDER_ID), ==, "O-FLOOD-09999");
  g_assert_cmpstr (qd_orders_table_get_cell_text (orders, 0, QD_ORDERS_COLUMN_QUANTITY), ==, "10,000");
  g_assert_cmpstr (qd_orders_table_get_cell_text (orders, 0, QD_ORDERS_COLUMN_LIMIT), ==, "100.99");
  g_assert_cmpstr (qd_orders_table_get_cell_text (orders, 0, QD_ORDERS_COLUMN_STATUS), ==, "PendingSubmit");
  g_assert_cmpstr (qd_orders_table_get_cell_text (orders, 1, QD_ORDERS_COLUMN_ORDER_ID), ==, "O-FLOOD-09998");

  save_png (f, "test-tables-flood");
}

/* ---- order actions against the paper venue --------------------------------------------- */

#define COMMANDS "quarterdeck:commands:TESTER-001"

typedef struct
{
  QdRuntime     *runtime;
  QdIbService   *service;
  GtkWindow     *window;
  QdOrdersTable *table;
  char          *tmpdir;
  char          *journal;
} Actions;

static gboolean
market_ready (Actions *a)
{
  QdQuote *quote = qd_ib_service_lookup_quote (a->service, "AAPL.NASDAQ");

  return qd_ib_service_lookup_instrument (a->service, "AAPL.NASDAQ") != NULL
         && quote != NULL && !qd_decimal_is_none (qd_quote_get_bid (quote));
}

static void
actions_setup (Actions       *a,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  QdRuntimeConfig config = { .demo = TRUE, .seed = 3, .quote_rate = 20, .without_trader = TRUE };

  a->tmpdir = g_dir_make_tmp ("qd-tables-XXXXXX", &error);
  g_assert_no_error (error);
  a->journal = g_build_filename (a->tmpdir, "orders.jsonl", NULL);
  config.journal_path = a->journal;
  a->runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  qd_runtime_start (a->runtime);
  a->service = qd_runtime_get_service (a->runtime);
  QD_TEST_SPIN_UNTIL (market_ready (a), 5000);
  g_assert_true (market_ready (a));

  a->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (a->window, 1500, 400);
  a->table = QD_ORDERS_TABLE (qd_orders_table_new (a->service));
  gtk_window_set_child (a->window, GTK_WIDGET (a->table));
  g_object_ref (a->table);
  gtk_window_present (a->window);
}

static void
actions_teardown (Actions       *a,
                  gconstpointer  data)
{
  gtk_window_destroy (a->window);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (a->table);
  qd_runtime_stop (a->runtime);
  g_clear_object (&a->runtime);
  g_unlink (a->journal);
  g_rmdir (a->tmpdir);
  g_free (a->journal);
  g_free (a->tmpdir);
}

static guint
n_commands (Actions *a)
{
  return qd_memory_bus_get_stream_length (QD_MEMORY_BUS (qd_runtime_get_bus (a->runtime)), COMMANDS);
}

static char *
last_command (Actions *a)
{
  g_autoptr(GPtrArray) entries =
    qd_memory_bus_dump_stream (QD_MEMORY_BUS (qd_runtime_get_bus (a->runtime)), COMMANDS);

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  return g_strdup (g_ptr_array_index (entries, entries->len - 1));
}

static gboolean
has_status (QdIbService   *service,
            const char    *order_id,
            QdOrderStatus  status)
{
  QdOrder *order = qd_ib_service_lookup_order (service, order_id);

  return order != NULL && qd_order_get_status (order) == status;
}

/* A BUY LMT 10% under the bid, or a market BUY: returns the order's id once it rests or fills. */
static char *
place (Actions     *a,
       QdOrderType  type)
{
  QdQuote *quote = qd_ib_service_lookup_quote (a->service, "AAPL.NASDAQ");
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = type,
    .quantity = qd_decimal_from_int (100),
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  const char *order_id = NULL;
  QdOrderStatus wanted = type == QD_ORDER_TYPE_LIMIT ? QD_ORDER_STATUS_ACCEPTED : QD_ORDER_STATUS_FILLED;

  if (type == QD_ORDER_TYPE_LIMIT)
    g_assert_true (qd_decimal_from_double (qd_decimal_to_double (qd_quote_get_bid (quote)) * 0.9, 2,
                                           &request.limit_price, NULL));
  request_id = qd_ib_service_place_order (a->service, &request, &error);
  g_assert_no_error (error);
  QD_TEST_SPIN_UNTIL (qd_ib_service_get_request (a->service, request_id, NULL, &order_id, NULL)
                      && order_id != NULL, 5000);
  g_assert_nonnull (order_id);
  QD_TEST_SPIN_UNTIL (has_status (a->service, order_id, wanted), 5000);
  g_assert_true (has_status (a->service, order_id, wanted));
  return g_strdup (order_id);
}

static void
test_actions_cancel (Actions       *a,
                     gconstpointer  data)
{
  g_autofree char *order_id = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *command = NULL;
  g_autofree char *expected = g_strdup_printf ("\"client_order_id\":\"%s\"", order_id);
  g_autofree char *accepted = g_strdup_printf ("Cancel of %s: accepted", order_id);
  GtkWidget *row_actions;
  guint before;

  QD_TEST_SPIN_UNTIL ((row_actions = qd_orders_table_get_row_actions (
                         a->table, qd_ib_service_lookup_order (a->service, order_id))) != NULL, 2000);
  g_assert_nonnull (row_actions);
  g_assert_true (gtk_widget_get_sensitive (row_actions));

  before = n_commands (a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.cancel", "s", order_id));
  g_assert_cmpuint (n_commands (a), ==, before + 1);
  command = last_command (a);
  g_assert_nonnull (strstr (command, "\"cmd\":\"cancel\""));
  g_assert_nonnull (strstr (command, expected));
  g_assert_true (g_str_has_suffix (qd_orders_table_get_feedback (a->table), "sent…"));

  QD_TEST_SPIN_UNTIL (has_status (a->service, order_id, QD_ORDER_STATUS_CANCELED), 5000);
  g_assert_true (has_status (a->service, order_id, QD_ORDER_STATUS_CANCELED));
  QD_TEST_SPIN_UNTIL (g_str_has_suffix (qd_orders_table_get_feedback (a->table), "accepted"), 5000);
  g_assert_cmpstr (qd_orders_table_get_feedback (a->table), ==, accepted);
  /* Now done: its row (under All) offers nothing more. */
  qd_orders_table_set_filter (a->table, QD_ORDERS_FILTER_ALL);
  QD_TEST_SPIN_UNTIL ((row_actions = qd_orders_table_get_row_actions (
                         a->table, qd_ib_service_lookup_order (a->service, order_id))) != NULL
                      && !gtk_widget_get_sensitive (row_actions), 2000);
  g_assert_false (gtk_widget_get_sensitive (row_actions));
  g_assert_cmpuint (n_commands (a), ==, before + 1);
}

static void
test_actions_modify (Actions       *a,
                     gconstpointer  data)
{
  g_autofree char *order_id = place (a, QD_ORDER_TYPE_LIMIT);
  QdOrder *order = qd_ib_service_lookup_order (a->service, order_id);
  QdDecimal old_price = qd_order_get_limit_price (order);
  QdDecimal new_price;
  g_autofree char *command = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  GtkSpinButton *spin;
  guint before = n_commands (a);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.modify", "s", order_id));
  dialog = qd_orders_table_get_modify_dialog (a->table);
  g_assert_nonnull (dialog);
  g_assert_null (qd_order_modify_dialog_get_spin (dialog, QD_ORDER_MODIFY_STOP));
  g_assert_cmpfloat (gtk_spin_button_get_value (qd_order_modify_dialog_get_spin (dialog, QD_ORDER_MODIFY_QUANTITY)), ==, 100);
  spin = qd_order_modify_dialog_get_spin (dialog, QD_ORDER_MODIFY_LIMIT);
  g_assert_cmpuint (gtk_spin_button_get_digits (spin), ==, 2);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), qd_decimal_to_double (old_price), 1e-9);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 0);
  g_assert_true (qd_decimal_add (old_price, (QdDecimal) { 2, 2 }, &new_price, NULL));
  /* Nothing is sent before OK. */
  g_assert_cmpuint (n_commands (a), ==, before);
  adw_message_dialog_response (dialog, "modify");
  g_assert_cmpuint (n_commands (a), ==, before + 1);

  command = last_command (a);
  price_text = qd_decimal_to_string (new_price);
  expected = g_strdup_printf ("\"price\":\"%s\"", price_text);
  g_assert_nonnull (strstr (command, "\"cmd\":\"modify\""));
  g_assert_nonnull (strstr (command, expected));
  g_assert_null (strstr (command, "\"quantity\""));
  g_assert_null (strstr (command, "\"trigger_price\""));

  QD_TEST_SPIN_UNTIL (qd_decimal_compare (qd_order_get_limit_price (order), new_price) == 0
                      && g_strcmp0 (qd_orders_table_get_cell_text (a->table, 0, QD_ORDERS_COLUMN_LIMIT),
                                    price_text) == 0, 5000);
  g_assert_cmpstr (qd_orders_table_get_cell_text (a->table, 0, QD_ORDERS_COLUMN_LIMIT), ==, price_text);
  g_assert_cmpuint (n_commands (a), ==, before + 1);
}

static void
test_actions_filled (Actions       *a,
                     gconstpointer  data)
{
  g_autofree char *order_id = place (a, QD_ORDER_TYPE_MARKET);
  GtkWidget *row_actions;
  guint before;

  qd_orders_table_set_filter (a->table, QD_ORDERS_FILTER_FILLED);
  QD_TEST_SPIN_UNTIL ((row_actions = qd_orders_table_get_row_actions (
                         a->table, qd_ib_service_lookup_order (a->service, order_id))) != NULL, 2000);
  g_assert_nonnull (row_actions);
  g_assert_false (gtk_widget_get_sensitive (row_actions));

  before = n_commands (a);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.cancel", "s", order_id));
  g_assert_cmpuint (n_commands (a), ==, before);
  g_assert_nonnull (strstr (qd_orders_table_get_feedback (a->table), "can no longer be changed"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_prev_sibling (
                   GTK_WIDGET (qd_orders_table_get_cancel_all_button (a->table)))), "error"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.modify", "s", order_id));
  g_assert_null (qd_orders_table_get_modify_dialog (a->table));
  g_assert_cmpuint (n_commands (a), ==, before);
  /* No working order: nothing to cancel. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (qd_orders_table_get_cancel_all_button (a->table))));
}

static void
test_actions_cancel_all (Actions       *a,
                         gconstpointer  data)
{
  g_autofree char *first = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *second = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *third = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *command = NULL;
  AdwMessageDialog *dialog;
  guint before;

  QD_TEST_SPIN_UNTIL (g_strcmp0 (qd_orders_table_get_count_text (a->table, QD_ORDERS_FILTER_WORKING), "3") == 0, 2000);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (qd_orders_table_get_cancel_all_button (a->table))));
  before = n_commands (a);

  /* Declined: nothing sent. */
  g_signal_emit_by_name (qd_orders_table_get_cancel_all_button (a->table), "clicked");
  dialog = qd_orders_table_get_cancel_all_dialog (a->table);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel all 3 working orders?");
  g_assert_cmpuint (n_commands (a), ==, before);
  adw_message_dialog_response (dialog, "keep");
  g_assert_cmpuint (n_commands (a), ==, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.cancel-all", NULL));
  dialog = qd_orders_table_get_cancel_all_dialog (a->table);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (n_commands (a), ==, before);
  adw_message_dialog_response (dialog, "cancel-all");
  g_assert_cmpuint (n_commands (a), ==, before + 1);
  command = last_command (a);
  g_assert_nonnull (strstr (command, "\"cmd\":\"cancel_all\""));

  QD_TEST_SPIN_UNTIL (has_status (a->service, first, QD_ORDER_STATUS_CANCELED)
                      && has_status (a->service, second, QD_ORDER_STATUS_CANCELED)
                      && has_status (a->service, third, QD_ORDER_STATUS_CANCELED), 5000);
  g_assert_true (has_status (a->service, third, QD_ORDER_STATUS_CANCELED));
  g_assert_cmpuint (n_commands (a), ==, before + 1);
}

/* ---- the row menu ------------------------------------------------------------------------ */

/* The label of the menu item on "row.<name>", or NULL; sections are looked into. */
static char *
menu_label (GMenuModel *model,
            const char *name)
{
  g_autofree char *detailed = g_strconcat ("row.", name, NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *action = NULL;
      char *label = NULL;

      if (section != NULL && (label = menu_label (section, name)) != NULL)
        return label;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_strcmp0 (action, detailed) == 0 &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return label;
    }
  return NULL;
}

/* Whether the open menu shows `name` labelled `label`, and whether it is enabled. */
static gboolean
menu_enabled (GtkPopover *popover,
              const char *name,
              const char *label)
{
  GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_autofree char *shown = menu_label (model, name);

  g_assert_cmpstr (shown, ==, label);
  return g_action_group_get_action_enabled (qd_table_menu_get_actions (popover), name);
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;

  if (content == NULL)
    return NULL;
  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (content, &value, NULL))
    return NULL;
  return g_value_dup_string (&value);
}

/* A right click on the row's symbol cell and the Menu key on the focused row open the menu
 * of that row's order; a click on the header opens none. */
static void
check_row_lookup (Actions *a,
                  QdOrder *order)
{
  QdTableMenu *menu = qd_orders_table_get_menu (a->table);
  GtkWidget *view = GTK_WIDGET (qd_orders_table_get_column_view (a->table));
  GtkWidget *cell = qd_orders_table_get_cell (a->table, 0, QD_ORDERS_COLUMN_SYMBOL);
  GtkWidget *row;
  graphene_point_t point;
  GtkPopover *popover;

  qd_test_ui_wait_frames (view, 2);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_point (cell, view, &GRAPHENE_POINT_INIT (2, 2), &point));
  popover = qd_table_menu_popup_at (menu, point.x, point.y);
  g_assert_nonnull (popover);
  g_assert_true (qd_table_menu_get_item (popover) == order);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (popover)) == GTK_WIDGET (a->table));
  g_assert_null (qd_table_menu_popup_at (menu, 2, 2));

  for (row = cell; row != NULL && g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0;
       row = gtk_widget_get_parent (row));
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  popover = qd_table_menu_popup_focused (menu);
  g_assert_nonnull (popover);
  g_assert_true (qd_table_menu_get_item (popover) == order);
}

/* A working order's menu: everything enabled; Copy and Cancel act on the row it was opened
 * on even when a newer order has since sorted above it. */
static void
test_menu_working (Actions       *a,
                   gconstpointer  data)
{
  g_autofree char *order_id = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *newer = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *command = NULL;
  g_autofree char *expected = g_strdup_printf ("\"client_order_id\":\"%s\"", order_id);
  QdOrder *order = qd_ib_service_lookup_order (a->service, order_id);
  GtkPopover *popover;
  guint before;

  QD_TEST_SPIN_UNTIL (qd_orders_table_get_row_actions (a->table, order) != NULL, 2000);
  check_row_lookup (a, order);
  popover = qd_orders_table_popup_menu (a->table, order);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (qd_table_menu_get_item (popover) == order);
  g_assert_true (menu_enabled (popover, "modify", "Modify…"));
  g_assert_true (menu_enabled (popover, "cancel", "Cancel Order"));
  g_assert_true (menu_enabled (popover, "cancel-instrument", "Cancel All AAPL Orders…"));
  g_assert_true (menu_enabled (popover, "copy-id", "Copy Order ID"));

  /* A newer order sorts above it while the menu is open. */
  newer = place (a, QD_ORDER_TYPE_LIMIT);
  QD_TEST_SPIN_UNTIL (g_strcmp0 (qd_orders_table_get_cell_text (a->table, 0, QD_ORDERS_COLUMN_ORDER_ID),
                                 newer) == 0, 2000);
  g_assert_cmpstr (qd_orders_table_get_cell_text (a->table, 0, QD_ORDERS_COLUMN_ORDER_ID), ==, newer);

  g_action_group_activate_action (qd_table_menu_get_actions (popover), "copy-id", NULL);
  copied = clipboard_text (GTK_WIDGET (a->table));
  g_assert_cmpstr (copied, ==, order_id);

  before = n_commands (a);
  g_action_group_activate_action (qd_table_menu_get_actions (popover), "cancel", NULL);
  g_assert_cmpuint (n_commands (a), ==, before + 1);
  command = last_command (a);
  g_assert_nonnull (strstr (command, "\"cmd\":\"cancel\""));
  g_assert_nonnull (strstr (command, expected));
  QD_TEST_SPIN_UNTIL (has_status (a->service, order_id, QD_ORDER_STATUS_CANCELED), 5000);
  g_assert_true (has_status (a->service, order_id, QD_ORDER_STATUS_CANCELED));
  g_assert_true (has_status (a->service, newer, QD_ORDER_STATUS_ACCEPTED));

  /* Done now: its menu offers only what still applies. */
  popover = qd_orders_table_popup_menu (a->table, order);
  g_assert_false (menu_enabled (popover, "modify", "Modify…"));
  g_assert_false (menu_enabled (popover, "cancel", "Cancel Order"));
  g_assert_true (menu_enabled (popover, "cancel-instrument", "Cancel All AAPL Orders…"));
  g_assert_true (menu_enabled (popover, "copy-id", "Copy Order ID"));
  g_assert_false (g_action_group_get_action_enabled (qd_table_menu_get_actions (popover), "no-such"));
}

/* A filled order: Modify and Cancel disabled, as its row buttons are; no working order on
 * the instrument, so no Cancel All either. */
static void
test_menu_filled (Actions       *a,
                  gconstpointer  data)
{
  g_autofree char *order_id = place (a, QD_ORDER_TYPE_MARKET);
  QdOrder *order = qd_ib_service_lookup_order (a->service, order_id);
  GtkPopover *popover;
  guint before = n_commands (a);

  popover = qd_orders_table_popup_menu (a->table, order);
  g_assert_false (menu_enabled (popover, "modify", "Modify…"));
  g_assert_false (menu_enabled (popover, "cancel", "Cancel Order"));
  g_assert_false (menu_enabled (popover, "cancel-instrument", "Cancel All AAPL Orders…"));
  g_assert_true (menu_enabled (popover, "copy-id", "Copy Order ID"));
  g_action_group_activate_action (qd_table_menu_get_actions (popover), "cancel", NULL);
  g_assert_cmpuint (n_commands (a), ==, before);
}

/* Cancel All <SYMBOL>: confirmed first, then one cancel_all for that instrument only. */
static void
test_menu_cancel_instrument (Actions       *a,
                             gconstpointer  data)
{
  g_autofree char *first = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *second = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *command = NULL;
  AdwMessageDialog *dialog;
  GtkPopover *popover;
  guint before = n_commands (a);

  popover = qd_orders_table_popup_menu (a->table, qd_ib_service_lookup_order (a->service, first));
  g_action_group_activate_action (qd_table_menu_get_actions (popover), "cancel-instrument", NULL);
  dialog = qd_orders_table_get_cancel_all_dialog (a->table);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Cancel all 2 working AAPL.NASDAQ orders?");
  g_assert_cmpuint (n_commands (a), ==, before);
  adw_message_dialog_response (dialog, "cancel-all");
  g_assert_cmpuint (n_commands (a), ==, before + 1);
  command = last_command (a);
  g_assert_nonnull (strstr (command, "\"cmd\":\"cancel_all\""));
  g_assert_nonnull (strstr (command, "\"instrument_id\":\"AAPL.NASDAQ\""));
  QD_TEST_SPIN_UNTIL (has_status (a->service, first, QD_ORDER_STATUS_CANCELED)
                      && has_status (a->service, second, QD_ORDER_STATUS_CANCELED), 5000);
  g_assert_true (has_status (a->service, second, QD_ORDER_STATUS_CANCELED));
}

/* The table with its actions, for people to look at: QD_ACTIONS_PNG=path. */
static void
test_actions_render (Actions       *a,
                     gconstpointer  data)
{
  const char *path = g_getenv ("QD_ACTIONS_PNG");
  g_autofree char *first = place (a, QD_ORDER_TYPE_LIMIT);
  g_autofree char *filled = place (a, QD_ORDER_TYPE_MARKET);

  qd_orders_table_set_filter (a->table, QD_ORDERS_FILTER_ALL);
  QD_TEST_SPIN_UNTIL (g_strcmp0 (qd_orders_table_get_count_text (a->table, QD_ORDERS_FILTER_ALL), "2") == 0, 2000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a->table), "orders.cancel", "s", filled));
  g_assert_true (strstr (qd_orders_table_get_feedback (a->table), "can no longer") != NULL);
  QD_TEST_SPIN_UNTIL (FALSE, 300);
  if (path != NULL)
    qd_test_ui_render_png (GTK_WIDGET (a->window), path);
}

int
main (int   argc,
      char *argv[])
{
  /* Order times are shown in local time: make it UTC for exact texts. */
  g_setenv ("TZ", "UTC", TRUE);
  qd_test_ui_init (&argc, &argv);

  g_test_add ("/tables/positions/cells", Fixture, NULL, fixture_setup, test_positions_cells, fixture_teardown);
  g_test_add ("/tables/positions/live-sort", Fixture, NULL, fixture_setup, test_positions_live_sort,
              fixture_teardown);
  g_test_add ("/tables/positions/totals", Fixture, NULL, fixture_setup, test_positions_totals, fixture_teardown);
  g_test_add ("/tables/orders/cells", Fixture, NULL, fixture_setup, test_orders_cells, fixture_teardown);
  g_test_add ("/tables/orders/filter", Fixture, NULL, fixture_setup, test_orders_filter, fixture_teardown);
  g_test_add ("/tables/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/tables/flood", Fixture, NULL, fixture_setup, test_flood, fixture_teardown);
  g_test_add ("/tables/orders/actions/cancel", Actions, NULL, actions_setup, test_actions_cancel,
              actions_teardown);
  g_test_add ("/tables/orders/actions/modify", Actions, NULL, actions_setup, test_actions_modify,
              actions_teardown);
  g_test_add ("/tables/orders/actions/filled", Actions, NULL, actions_setup, test_actions_filled,
              actions_teardown);
  g_test_add ("/tables/orders/actions/cancel-all", Actions, NULL, actions_setup,
              test_actions_cancel_all, actions_teardown);
  g_test_add ("/tables/orders/menu/working", Actions, NULL, actions_setup, test_menu_working,
              actions_teardown);
  g_test_add ("/tables/orders/menu/filled", Actions, NULL, actions_setup, test_menu_filled,
              actions_teardown);
  g_test_add ("/tables/orders/menu/cancel-instrument", Actions, NULL, actions_setup,
              test_menu_cancel_instrument, actions_teardown);
  g_test_add ("/tables/orders/actions/render", Actions, NULL, actions_setup, test_actions_render,
              actions_teardown);

  return g_test_run ();
}
