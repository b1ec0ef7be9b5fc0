/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "qd-activity-view.h"
#include "qd-journal-view.h"
#include "qd-order-journal.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

typedef struct
{
  char           *dir;
  char           *path;
  GtkWindow      *window;
  QdActivityView *activity;
  QdActivityLog  *log;
} Fixture;

/* A journal a previous run left: one request answered and filled, one sent with no answer
 * (the app died), and a last line cut short by the crash. */
static const char previous_run[] =
  "{\"kind\":\"command\",\"origin\":\"desktop\",\"time\":\"2026-11-24T15:30:01Z\",\"cmd\":\"submit\","
  "\"request_id\":\"req-filled\",\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"order_type\":\"MARKET\","
  "\"quantity\":\"100\",\"time_in_force\":\"DAY\"}\n"
  "{\"kind\":\"ack\",\"request_id\":\"req-filled\",\"ok\":true,\"client_order_id\":\"O-1\",\"time\":\"2026-11-24T15:30:01Z\"}\n"
  "{\"kind\":\"final\",\"request_id\":\"req-filled\",\"client_order_id\":\"O-1\",\"state\":\"FILLED\",\"time\":\"2026-11-24T15:30:02Z\"}\n"
  "{\"kind\":\"command\",\"origin\":\"remote:192.0.2.7\",\"time\":\"2026-11-24T15:31:00Z\",\"cmd\":\"submit\","
  "\"request_id\":\"req-lost\",\"instrument_id\":\"MSFT.NASDAQ\",\"side\":\"SELL\",\"order_type\":\"LIMIT\","
  "\"quantity\":\"50\",\"price\":\"478.20\",\"time_in_force\":\"GTC\"}\n"
  "{\"kind\":\"ack\",\"request_id\":\"req-lo";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("qd-journal-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "orders.jsonl", NULL);
  f->log = qd_activity_log_new (NULL, 100);
  f->activity = QD_ACTIVITY_VIEW (qd_activity_view_new (f->log));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 420);
  gtk_window_set_child (f->window, GTK_WIDGET (f->activity));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE));
  g_clear_object (&f->log);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static QdJournalView *
show_journal (Fixture        *f,
              QdOrderJournal *journal)
{
  qd_activity_view_set_journal (f->activity, journal, "The order journal could not be opened.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->activity), "activity.section", "s", "journal"));
  g_assert_cmpstr (qd_activity_view_get_section (f->activity), ==, "journal");
  qd_test_spin (150);
  return QD_JOURNAL_VIEW (qd_activity_view_get_journal_view (f->activity));
}

/* Each record with its id, origin, command, answer and final state; the request a crash
 * left without an answer is unknown, the torn last line reported. */
static void
test_previous_run (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QdOrderJournal) journal = NULL;
  QdJournalEntry *filled, *lost;
  QdJournalView *view;

  g_assert_true (g_file_set_contents (f->path, previous_run, -1, &error));
  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  view = show_journal (f, journal);
  filled = qd_order_journal_lookup (journal, "req-filled");
  lost = qd_order_journal_lookup (journal, "req-lost");

  g_assert_cmpstr (qd_journal_view_get_page (view), ==, "table");
  g_assert_cmpuint (qd_journal_view_get_n_shown (view), ==, 2);
  g_assert_nonnull (strstr (qd_journal_view_get_problem (view), "last record of the order journal was incomplete"));

  g_assert_cmpstr (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_REQUEST), ==, "req-filled");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_ORIGIN), ==, "Desktop");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_COMMAND), ==,
                   "submit BUY 100 AAPL.NASDAQ MKT DAY");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_ANSWER), ==, "Accepted by the node");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_STATE), ==, "Filled");
  g_assert_true (gtk_widget_has_css_class (qd_journal_view_get_cell (view, filled, QD_JOURNAL_COLUMN_STATE), "success"));
  /* From an earlier day: the date is shown with the time. */
  g_assert_true (g_str_has_prefix (qd_journal_view_get_cell_text (view, filled, QD_JOURNAL_COLUMN_TIME), "2026-11-2"));

  g_assert_cmpstr (qd_journal_view_get_cell_text (view, lost, QD_JOURNAL_COLUMN_ORIGIN), ==, "Remote 192.0.2.7");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, lost, QD_JOURNAL_COLUMN_ANSWER), ==, "None received");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, lost, QD_JOURNAL_COLUMN_STATE), ==, "Unknown — check orders");
  g_assert_true (gtk_widget_has_css_class (qd_journal_view_get_cell (view, lost, QD_JOURNAL_COLUMN_STATE), "warning"));
  qd_test_ui_save_png (GTK_WIDGET (f->window), "quarterdeck-order-journal.png", "Journal");
}

/* A request of this run: the row follows its answer and final state as they are written. */
static void
test_live_updates_and_search (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QdOrderJournal) journal = qd_order_journal_new (f->path, &error);
  QdJournalEntry *entry;
  QdJournalView *view;

  g_assert_no_error (error);
  view = show_journal (f, journal);
  g_assert_cmpstr (qd_journal_view_get_page (view), ==, "empty");
  g_assert_null (qd_journal_view_get_problem (view));

  g_assert_true (qd_order_journal_append_command (journal, "req-new", "desktop", "submit",
                                                  "{\"cmd\":\"submit\",\"request_id\":\"req-new\",\"instrument_id\":\"TSLA.NASDAQ\","
                                                  "\"side\":\"SELL\",\"order_type\":\"LIMIT\",\"quantity\":\"20\","
                                                  "\"price\":\"318.70\",\"time_in_force\":\"DAY\"}", &error));
  g_assert_no_error (error);
  qd_test_spin (150);
  entry = qd_order_journal_lookup (journal, "req-new");
  g_assert_cmpstr (qd_journal_view_get_page (view), ==, "table");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, entry, QD_JOURNAL_COLUMN_ANSWER), ==, "—");
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, entry, QD_JOURNAL_COLUMN_STATE), ==, "—");

  g_assert_true (qd_order_journal_record_ack (journal, "req-new", FALSE, NULL, "price outside the band", &error));
  qd_test_spin (50);
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, entry, QD_JOURNAL_COLUMN_ANSWER), ==,
                   "Refused: price outside the band");
  g_assert_true (gtk_widget_has_css_class (qd_journal_view_get_cell (view, entry, QD_JOURNAL_COLUMN_ANSWER), "error"));
  g_assert_cmpstr (qd_journal_view_get_cell_text (view, entry, QD_JOURNAL_COLUMN_STATE), ==, "Not carried out");

  /* The Activity search filters the journal too. */
  qd_journal_view_set_search (view, "tsla");
  g_assert_cmpuint (qd_journal_view_get_n_shown (view), ==, 1);
  qd_journal_view_set_search (view, "AAPL");
  g_assert_cmpuint (qd_journal_view_get_n_shown (view), ==, 0);
  g_assert_cmpstr (qd_journal_view_get_page (view), ==, "empty");
  qd_journal_view_set_search (view, "");
  g_assert_cmpuint (qd_journal_view_get_n_shown (view), ==, 1);

  /* Back to the events. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->activity), "activity.section", "s", "events"));
  g_assert_cmpstr (qd_activity_view_get_section (f->activity), ==, "events");
}

/* No journal (it could not be opened): the section says so and why. */
static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  QdJournalView *view = show_journal (f, NULL);

  g_assert_cmpstr (qd_journal_view_get_page (view), ==, "empty");
  g_assert_cmpuint (qd_journal_view_get_n_shown (view), ==, 0);
  g_assert_null (qd_journal_view_get_journal (view));
}

int
main (int   argc,
      char *argv[])
{
  qd_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/journal-view/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("previous-run", test_previous_run);
  ADD ("live-updates-and-search", test_live_updates_and_search);
  ADD ("unavailable", test_unavailable);
#undef ADD

  return g_test_run ();
}
