/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "qd-activity-log.h"
#include "qd-activity-view.h"
#include "qd-preferences-window.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

/* ---- helpers --------------------------------------------------------------------------- */

/* Let a few frames of the widget pass: what was marked is flushed, laid out and drawn. */
static void
settle (GtkWidget *widget)
{
  qd_test_ui_wait_frames (widget, 3);
  qd_test_spin (20);
}

/* The first widget under root (depth first) of `type` whose title, label or tooltip (if
 * asked) is `title`. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          if (title == NULL)
            return child;
          if (ADW_IS_PREFERENCES_ROW (child) &&
              g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
            return child;
          if (GTK_IS_BUTTON (child) &&
              g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), title) == 0)
            return child;
          if (g_strcmp0 (gtk_widget_get_tooltip_text (child), title) == 0)
            return child;
        }
      found = find_widget (child, type, title);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_css_class (GtkWidget  *root,
                 const char *css_class)
{
  guint n = gtk_widget_has_css_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_css_class (child, css_class);

  return n;
}

/* The widget as last laid out and drawn: let pending layout happen first. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  settle (widget);
  qd_test_ui_render_png (widget, path);
  g_test_message ("rendered %s", path);
}

/* A window of the given size around `child`, shown and drawn. The caller owns one ref. */
static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  QD_TEST_SPIN_UNTIL (gtk_widget_get_mapped (window), 5000);
  g_assert_true (gtk_widget_get_mapped (window));
  settle (window);

  return window;
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  qd_test_spin (50);
  g_assert_finalize_object (window);
}

/* For signals whose only interesting fact is that they came. */
static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
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

/* ---- the activity view -------------------------------------------------------------------- */

static GListModel *
shown_entries (GtkWidget *view)
{
  GtkListView *list = GTK_LIST_VIEW (find_widget (view, GTK_TYPE_LIST_VIEW, NULL));

  g_assert_nonnull (list);
  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static const char *
shown_message (GtkWidget *view,
               guint      position)
{
  g_autoptr(QdActivityEntry) entry = g_list_model_get_item (shown_entries (view), position);

  g_assert_nonnull (entry);
  return qd_activity_entry_get_message (entry);
}

static guint
n_shown (GtkWidget *view)
{
  return g_list_model_get_n_items (shown_entries (view));
}

/* The row a person sees at the top of the list, as drawn: its time, kind and message labels. */
static GtkWidget *
top_row (GtkWidget *view)
{
  GtkWidget *list = find_widget (view, GTK_TYPE_LIST_VIEW, NULL);
  GtkWidget *picked = gtk_widget_pick (list, 40, 8, GTK_PICK_DEFAULT);

  while (picked != NULL && !gtk_widget_has_css_class (picked, "activity-row"))
    picked = gtk_widget_get_parent (picked);
  g_assert_nonnull (picked);

  return picked;
}

static const char *
row_label (GtkWidget *row,
           guint      index)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  for (guint i = 0; i < index; i++)
    child = gtk_widget_get_next_sibling (child);

  return gtk_label_get_text (GTK_LABEL (child));
}

static void
set_search (GtkWidget  *view,
            const char *text)
{
  GtkWidget *entry = find_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
add_sample_entries (QdActivityLog *log)
{
  qd_activity_log_add (log, QD_ACTIVITY_CONNECTION, "Connected to the message bus (memory)");
  qd_activity_log_add (log, QD_ACTIVITY_COMMAND,
                       "Submit BUY 100 AAPL.NASDAQ LIMIT 187.50 (request r-1)");
  qd_activity_log_add (log, QD_ACTIVITY_ORDER, "O-1 BUY 100 AAPL.NASDAQ LIMIT 187.50 accepted");
  qd_activity_log_add (log, QD_ACTIVITY_FILL, "O-1 filled 100 AAPL.NASDAQ at 187.48");
  qd_activity_log_add (log, QD_ACTIVITY_REJECT,
                       "O-2 SELL 50 MSFT.NASDAQ rejected: insufficient margin (IB 201)");
  qd_activity_log_add (log, QD_ACTIVITY_BUS_ERROR, "Skipped a bus entry that is not valid JSON");
  qd_activity_log_add (log, QD_ACTIVITY_ORDER, "O-3 SELL 20 ESZ6.CME STOP_MARKET 5120.25 canceled");
  qd_activity_log_add (log, QD_ACTIVITY_CONNECTION, "Node heartbeat missing: connection stale");
}

static void
test_activity_newest_first (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 100);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);
  GtkWidget *row;
  GRegex *time_format = g_regex_new ("^\\d\\d:\\d\\d:\\d\\d$", 0, 0, NULL);

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  add_sample_entries (log);
  settle (view);

  g_assert_cmpuint (n_shown (view), ==, 8);
  g_assert_cmpstr (shown_message (view, 0), ==, "Node heartbeat missing: connection stale");
  g_assert_cmpstr (shown_message (view, 7), ==, "Connected to the message bus (memory)");

  /* What is drawn: the newest on top, with its time of day and kind. */
  row = top_row (view);
  g_assert_cmpstr (row_label (row, 3), ==, "Node heartbeat missing: connection stale");
  g_assert_cmpstr (row_label (row, 2), ==, "Connection");
  g_assert_true (g_regex_match (time_format, row_label (row, 1), 0, NULL));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (row), "connection"));

  /* Someone at the top sees each new entry arrive. */
  qd_activity_log_add (log, QD_ACTIVITY_REJECT, "O-9 rejected: market closed");
  settle (view);
  row = top_row (view);
  g_assert_cmpstr (row_label (row, 3), ==, "O-9 rejected: market closed");
  g_assert_cmpstr (row_label (row, 2), ==, "Reject");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (row), "reject"));

  save_png (window, "activity-view.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  settle (view);
  save_png (window, "activity-view-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_regex_unref (time_format);
  destroy_window (window);
  g_assert_null (view);
  g_assert_finalize_object (log);
}

static void
test_activity_search (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 100);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);
  AdwStatusPage *status;

  add_sample_entries (log);
  settle (view);

  /* Case-insensitive substring of the message. */
  set_search (view, "aapl");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 3, 2000);
  g_assert_cmpuint (n_shown (view), ==, 3);
  g_assert_cmpstr (shown_message (view, 0), ==, "O-1 filled 100 AAPL.NASDAQ at 187.48");
  g_assert_cmpstr (shown_message (view, 2), ==,
                   "Submit BUY 100 AAPL.NASDAQ LIMIT 187.50 (request r-1)");

  /* New entries are filtered as they come. */
  qd_activity_log_add (log, QD_ACTIVITY_FILL, "O-4 filled 5 aapl.nasdaq at 188.00");
  qd_activity_log_add (log, QD_ACTIVITY_FILL, "O-5 filled 5 TSLA.NASDAQ at 240.00");
  settle (view);
  g_assert_cmpuint (n_shown (view), ==, 4);
  g_assert_cmpstr (shown_message (view, 0), ==, "O-4 filled 5 aapl.nasdaq at 188.00");

  /* Nothing matches: the empty state says so. */
  set_search (view, "no such thing");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 0, 2000);
  g_assert_cmpuint (n_shown (view), ==, 0);
  settle (view);
  status = ADW_STATUS_PAGE (find_widget (view, ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No matching activity");
  save_png (window, "activity-view-no-match.png");

  set_search (view, "");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 10, 2000);
  g_assert_cmpuint (n_shown (view), ==, 10);
  settle (view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (status)));

  destroy_window (window);
  g_assert_finalize_object (log);
}

static void
assert_kinds_shown (GtkWidget      *view,
                    guint           expected_n,
                    const gboolean  allowed[6])
{
  GListModel *shown = shown_entries (view);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected_n);
  for (guint i = 0; i < expected_n; i++)
    {
      g_autoptr(QdActivityEntry) entry = g_list_model_get_item (shown, i);

      g_assert_true (allowed[qd_activity_entry_get_kind (entry)]);
    }
}

static void
test_activity_kind_filter (void)
{
  static const gboolean orders[6] = { TRUE, TRUE, FALSE, FALSE, FALSE, TRUE };
  static const gboolean rejects[6] = { FALSE, FALSE, TRUE, FALSE, FALSE, FALSE };
  static const gboolean connection[6] = { FALSE, FALSE, FALSE, TRUE, TRUE, FALSE };
  QdActivityLog *log = qd_activity_log_new (NULL, 100);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);
  GtkWidget *rejects_button = find_widget (view, GTK_TYPE_TOGGLE_BUTTON, "Rejects");
  GtkWidget *all_button = find_widget (view, GTK_TYPE_TOGGLE_BUTTON, "All");

  add_sample_entries (log);
  settle (view);
  g_assert_nonnull (rejects_button);
  g_assert_nonnull (all_button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));

  /* Clicking a toggle filters and shows which filter is on. */
  g_signal_emit_by_name (rejects_button, "clicked");
  settle (view);
  g_assert_cmpstr (qd_activity_view_get_kind_filter (QD_ACTIVITY_VIEW (view)), ==, "rejects");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (rejects_button)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));
  assert_kinds_shown (view, 1, rejects);

  gtk_widget_activate_action (view, "activity.kind-filter", "s", "orders");
  assert_kinds_shown (view, 4, orders);
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "connection");
  assert_kinds_shown (view, 3, connection);

  /* Kind and search together. */
  set_search (view, "stale");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 1, 2000);
  assert_kinds_shown (view, 1, connection);
  set_search (view, "");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 3, 2000);

  gtk_widget_activate_action (view, "activity.kind-filter", "s", "all");
  g_assert_cmpuint (n_shown (view), ==, 8);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));

  destroy_window (window);
  g_assert_finalize_object (log);
}

static void
test_activity_capacity (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 50);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);

  for (guint i = 1; i <= 80; i++)
    {
      g_autofree char *message = g_strdup_printf ("entry %u", i);

      qd_activity_log_add (log, i % 10 == 0 ? QD_ACTIVITY_REJECT : QD_ACTIVITY_ORDER, message);
    }
  settle (view);

  g_assert_cmpuint (n_shown (view), ==, 50);
  g_assert_cmpstr (shown_message (view, 0), ==, "entry 80");
  g_assert_cmpstr (shown_message (view, 49), ==, "entry 31");
  g_assert_cmpstr (row_label (top_row (view), 3), ==, "entry 80");

  /* Rejects still held: 40, 50, 60, 70, 80. */
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "rejects");
  g_assert_cmpuint (n_shown (view), ==, 5);
  g_assert_cmpstr (shown_message (view, 4), ==, "entry 40");

  /* The filter stays exact while the full log drops its oldest entries. */
  for (guint i = 81; i <= 95; i++)
    {
      g_autofree char *message = g_strdup_printf ("entry %u", i);

      qd_activity_log_add (log, i % 10 == 0 ? QD_ACTIVITY_REJECT : QD_ACTIVITY_ORDER, message);
      if (i % 4 == 0)
        settle (view);
    }
  settle (view);
  g_assert_cmpuint (n_shown (view), ==, 5);   /* 50 .. 90: 46..95 held */
  g_assert_cmpstr (shown_message (view, 0), ==, "entry 90");
  g_assert_cmpstr (shown_message (view, 4), ==, "entry 50");

  destroy_window (window);
  g_assert_finalize_object (log);
}

/* Ten thousand entries: rows are recycled (GTK 4.8 keeps about 200 alive), filters stay exact,
 * and someone reading further down is not pulled to the top by new entries. */
static void
test_activity_ten_thousand (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 10000);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 600);
  g_autofree char *reading = NULL;
  guint n_changes = 0;

  /* A burst reaches the list as one change (two when the full log drops old entries). */
  g_signal_connect (shown_entries (view), "items-changed", G_CALLBACK (count_items_changed_cb),
                    &n_changes);
  for (guint i = 1; i <= 12000; i++)
    {
      g_autofree char *message = g_strdup_printf ("entry %05u", i);

      qd_activity_log_add (log, i % 100 == 0 ? QD_ACTIVITY_REJECT : QD_ACTIVITY_ORDER, message);
    }
  settle (view);

  g_assert_cmpuint (n_shown (view), ==, 10000);
  g_assert_cmpuint (n_changes, <=, 2);
  g_signal_handlers_disconnect_by_func (shown_entries (view), count_items_changed_cb, &n_changes);
  g_assert_cmpstr (row_label (top_row (view), 3), ==, "entry 12000");
  g_assert_cmpuint (count_css_class (view, "activity-row"), <, 400);

  /* Held: 2001..12000. "entry 11" matches 11000..11999, ten of them rejects. */
  set_search (view, "entry 11");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 1000, 2000);
  g_assert_cmpuint (n_shown (view), ==, 1000);
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "rejects");
  g_assert_cmpuint (n_shown (view), ==, 10);
  g_assert_cmpstr (shown_message (view, 0), ==, "entry 11900");
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "orders");
  g_assert_cmpuint (n_shown (view), ==, 990);
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "all");
  set_search (view, "");
  QD_TEST_SPIN_UNTIL (n_shown (view) == 10000, 2000);
  g_assert_cmpuint (n_shown (view), ==, 10000);
  settle (view);

  gtk_widget_activate_action (find_widget (view, GTK_TYPE_LIST_VIEW, NULL),
                              "list.scroll-to-item", "u", 5000);
  settle (view);
  reading = g_strdup (row_label (top_row (view), 3));
  g_assert_cmpstr (reading, !=, "entry 12000");
  qd_activity_log_add (log, QD_ACTIVITY_ORDER, "entry 12001");
  settle (view);
  g_assert_cmpstr (row_label (top_row (view), 3), ==, reading);
  g_assert_cmpuint (count_css_class (view, "activity-row"), <, 400);

  destroy_window (window);
  g_assert_finalize_object (log);
}

static void
test_activity_empty (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 10);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);
  AdwStatusPage *status = ADW_STATUS_PAGE (find_widget (view, ADW_TYPE_STATUS_PAGE, NULL));

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Nothing has happened yet");
  save_png (window, "activity-view-empty.png");

  /* An entry that the filter hides: something happened, it just does not match. */
  qd_activity_view_set_kind_filter (QD_ACTIVITY_VIEW (view), "rejects");
  qd_activity_log_add (log, QD_ACTIVITY_FILL, "O-1 filled");
  settle (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status)));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No matching activity");

  qd_activity_log_add (log, QD_ACTIVITY_REJECT, "O-2 rejected");
  settle (view);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (status)));

  destroy_window (window);
  g_assert_finalize_object (log);
}

/* Ctrl+F in the view puts the cursor in the search entry. */
static void
test_activity_focus_search (void)
{
  QdActivityLog *log = qd_activity_log_new (NULL, 10);
  GtkWidget *view = qd_activity_view_new (log);
  GtkWidget *window = show_in_window (view, 900, 500);
  GtkWidget *entry = find_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_widget_grab_focus (find_widget (view, GTK_TYPE_TOGGLE_BUTTON, "Rejects"));
  settle (view);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  g_assert_true (gtk_widget_activate_action (view, "activity.focus-search", NULL));
  settle (view);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  destroy_window (window);
  g_assert_finalize_object (log);
}

/* ---- preferences -------------------------------------------------------------------------- */

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  const char *keys[] = { "bus-url", "trader-id", "stream-key", "history-limit", "heartbeat-interval",
                         "command-timeout", "color-scheme", "risk-max-quantity",
                         "risk-max-value", "risk-max-percent-from-market",
                         "risk-max-ticks-from-market", "risk-duplicate-window" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static GtkWidget *
show_preferences (void)
{
  GtkWidget *window = qd_preferences_window_new (NULL);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  QD_TEST_SPIN_UNTIL (gtk_widget_get_mapped (window), 5000);
  g_assert_true (gtk_widget_get_mapped (window));
  settle (window);

  return window;
}

/* As a person does it: focus the row, type, press Enter (the row applies only edited text). */
static void
type_and_apply (GtkWidget  *row,
                const char *text)
{
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (find_widget (row, GTK_TYPE_TEXT, NULL), "activate");
}

/* The visible error row right after `row` in its list, or NULL. */
static const char *
error_under (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  if (next == NULL || !gtk_widget_get_visible (next) ||
      !gtk_widget_has_css_class (next, "field-error"))
    return NULL;

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (next));
}

static void
test_preferences_trader_id (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences ();
  GtkWidget *row = find_widget (window, ADW_TYPE_ENTRY_ROW, "Trader ID");
  g_autofree char *trader_id = NULL;

  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "TESTER-001");
  g_assert_null (error_under (row));

  type_and_apply (row, "NODE-7");
  trader_id = g_settings_get_string (settings, "trader-id");
  g_assert_cmpstr (trader_id, ==, "NODE-7");
  g_assert_null (error_under (row));

  /* Bad ids are refused, with a reason under the row. */
  type_and_apply (row, "NODE 8");
  g_assert_nonnull (error_under (row));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  type_and_apply (row, "NODE-*");
  g_assert_nonnull (strstr (error_under (row), "*"));
  type_and_apply (row, "");
  g_assert_nonnull (error_under (row));
  g_clear_pointer (&trader_id, g_free);
  trader_id = g_settings_get_string (settings, "trader-id");
  g_assert_cmpstr (trader_id, ==, "NODE-7");

  /* The error goes away as soon as the text is right again. */
  gtk_editable_set_text (GTK_EDITABLE (row), "NODE-9");
  g_assert_null (error_under (row));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* A change made elsewhere shows up. */
  g_settings_set_string (settings, "trader-id", "OTHER-1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "OTHER-1");

  destroy_window (window);
}

/* The node's stream key: empty for trader-{ID}:stream, a key for a node with another
 * prefix; wildcards and spaces are refused. */
static void
test_preferences_stream_key (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences ();
  GtkWidget *row = find_widget (window, ADW_TYPE_ENTRY_ROW, "Stream Key (empty: trader-ID:stream)");
  g_autofree char *key = NULL;

  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");

  type_and_apply (row, "trader-NODE-7:a1b2:stream");
  key = g_settings_get_string (settings, "stream-key");
  g_assert_cmpstr (key, ==, "trader-NODE-7:a1b2:stream");
  g_assert_null (error_under (row));

  type_and_apply (row, "trader-*:stream");
  g_assert_nonnull (strstr (error_under (row), "*"));
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "stream-key");
  g_assert_cmpstr (key, ==, "trader-NODE-7:a1b2:stream");

  type_and_apply (row, "");
  g_assert_null (error_under (row));
  g_clear_pointer (&key, g_free);
  key = g_settings_get_string (settings, "stream-key");
  g_assert_cmpstr (key, ==, "");

  destroy_window (window);
}

static void
test_preferences_bus_url (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences ();
  GtkWidget *row = find_widget (window, ADW_TYPE_ENTRY_ROW, "Bus URL");
  GtkWidget *password = find_widget (window, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  guint n_applied = 0;

  g_assert_nonnull (row);
  g_assert_nonnull (password);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "redis://127.0.0.1:6379");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password)), ==, "Password");

  /* Invalid: an error under the row, nothing written. */
  type_and_apply (row, "redis://:6379");
  g_assert_nonnull (error_under (row));
  type_and_apply (row, "http//nowhere");
  g_assert_nonnull (error_under (row));
  url = g_settings_get_string (settings, "bus-url");
  g_assert_cmpstr (url, ==, "redis://127.0.0.1:6379");
  save_png (window, "preferences-error.png");

  /* A password typed in the URL is saved but never shown again, and the redacted text that
   * replaces it is not offered for applying. */
  g_signal_connect (row, "apply", G_CALLBACK (count_cb), &n_applied);
  type_and_apply (row, "redis://:s3cret@10.0.0.5:6380/2");
  g_assert_cmpuint (n_applied, ==, 1);
  g_signal_emit_by_name (find_widget (row, GTK_TYPE_TEXT, NULL), "activate");
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_null (error_under (row));
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "bus-url");
  g_assert_cmpstr (url, ==, "redis://:s3cret@10.0.0.5:6380/2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "redis://10.0.0.5:6380/2");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password)), ==,
                   "Password (saved)");

  /* Editing the shown URL keeps the saved password. */
  type_and_apply (row, "redis://default@10.0.0.6:6380/2");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "bus-url");
  g_assert_cmpstr (url, ==, "redis://default:s3cret@10.0.0.6:6380/2");
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (row)), "s3cret"));

  /* A new password from its own row: escaped into the URL, the row emptied after. */
  type_and_apply (password, "p@ss:w/rd");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "bus-url");
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_password (uri), ==, "p@ss:w/rd");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "10.0.0.6");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (row)), "p@ss"));
  save_png (window, "preferences-connection.png");

  /* Forgetting it. */
  g_signal_emit_by_name (find_widget (password, GTK_TYPE_BUTTON, "Forget the saved password"),
                         "clicked");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "bus-url");
  g_assert_cmpstr (url, ==, "redis://default@10.0.0.6:6380/2");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (password)), ==, "Password");

  /* The embedded bus takes no password. */
  type_and_apply (row, "memory");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "bus-url");
  g_assert_cmpstr (url, ==, "memory");
  g_assert_false (gtk_widget_get_sensitive (password));

  destroy_window (window);
}

static void
test_preferences_bound_keys (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_preferences ();
  GtkWidget *heartbeat = find_widget (window, ADW_TYPE_ACTION_ROW, "Heartbeat Interval");
  GtkWidget *history = find_widget (window, ADW_TYPE_ACTION_ROW, "History at Start-up");
  GtkSpinButton *spin_button;

  g_assert_nonnull (heartbeat);
  g_assert_nonnull (history);

  spin_button = GTK_SPIN_BUTTON (find_widget (history, GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 100000);
  gtk_spin_button_set_value (spin_button, 5000);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-limit"), ==, 5000);

  spin_button = GTK_SPIN_BUTTON (find_widget (heartbeat, GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 5);
  gtk_spin_button_set_value (spin_button, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "heartbeat-interval"), ==, 30);
  g_settings_set_uint (settings, "heartbeat-interval", 12);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 12);

  g_settings_set_uint (settings, "command-timeout", 45);
  spin_button = GTK_SPIN_BUTTON (find_widget (find_widget (window, ADW_TYPE_ACTION_ROW,
                                                           "Command Timeout"),
                                              GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, 45);

  destroy_window (window);
}

static void
test_preferences_color_scheme (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = show_preferences ();
  AdwComboRow *row = ADW_COMBO_ROW (find_widget (window, ADW_TYPE_COMBO_ROW, "Color Scheme"));
  g_autofree char *scheme = NULL;

  g_assert_nonnull (row);
  qd_preferences_apply_color_scheme (settings);
  qd_preferences_apply_color_scheme (settings);  /* twice: still one follower */
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "appearance");
  settle (window);
  save_png (window, "preferences-appearance-dark.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "connection");
  settle (window);
  save_png (window, "preferences-connection-dark.png");

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_settings_set_string (settings, "color-scheme", "default");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  destroy_window (window);
}

/* ---- preferences: precautions -------------------------------------------------------------- */

static GtkWidget *
show_precautions (void)
{
  GtkWidget *window = show_preferences ();

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "precautions");
  settle (window);

  return window;
}

/* The field (GtkEntry or GtkSpinButton) of the row titled `title`. */
static GtkWidget *
field_of (GtkWidget  *window,
          const char *title,
          GType       type)
{
  GtkWidget *row = find_widget (window, ADW_TYPE_ACTION_ROW, title);
  GtkWidget *field;

  g_assert_nonnull (row);
  field = find_widget (row, type, NULL);
  g_assert_nonnull (field);

  return field;
}

static GtkWidget *
row_of (GtkWidget *field)
{
  return gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW);
}

static void
type_limit (GtkWidget  *entry,
            const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
assert_setting_string (GSettings  *settings,
                       const char *key,
                       const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences_precautions_page (void)
{
  static const char * const titles[] = { "Size Limit", "Total Value Limit",
                                         "Percent from Market", "Ticks from Market",
                                         "Duplicate Order Window" };
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_precautions ();
  GtkWidget *page = find_widget (window, ADW_TYPE_PREFERENCES_PAGE, NULL);
  GtkIconTheme *icons = gtk_icon_theme_get_for_display (gtk_widget_get_display (window));

  /* The page, with an icon the Adwaita theme has, shown by name. */
  while (page != NULL && g_strcmp0 (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page)),
                                    "precautions") != 0)
    page = gtk_widget_get_next_sibling (page);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), ==,
                   "Precautions");
  g_assert_true (gtk_icon_theme_has_icon (icons,
                                          adw_preferences_page_get_icon_name (
                                            ADW_PREFERENCES_PAGE (page))));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (window)),
                   ==, "precautions");

  /* Every row explains itself and how to turn it off. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = find_widget (page, ADW_TYPE_ACTION_ROW, titles[i]);

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_mapped (row));
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                "0 turns this check off"));
    }

  /* The schema's defaults. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_of (page, "Size Limit",
                                                                  GTK_TYPE_ENTRY))), ==, "1000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_of (page, "Total Value Limit",
                                                                  GTK_TYPE_ENTRY))), ==,
                   "100000");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (field_of (page, "Percent from Market",
                                                GTK_TYPE_SPIN_BUTTON))), ==, 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (field_of (page, "Ticks from Market",
                                                GTK_TYPE_SPIN_BUTTON))), ==, 40);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (field_of (page, "Duplicate Order Window",
                                                GTK_TYPE_SPIN_BUTTON))), ==, 10);
  save_png (window, "preferences-precautions.png");

  destroy_window (window);
}

static void
test_preferences_precautions_limits (void)
{
  static const char * const invalid[] = { "abc", "-5", "1.5.2", "", "1,000", "0.0000000001" };
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_precautions ();
  GtkWidget *quantity = field_of (window, "Size Limit", GTK_TYPE_ENTRY);
  GtkWidget *value = field_of (window, "Total Value Limit", GTK_TYPE_ENTRY);

  g_assert_null (error_under (row_of (quantity)));
  type_limit (quantity, "250");
  assert_setting_string (settings, "risk-max-quantity", "250");
  type_limit (quantity, " 0100 ");
  assert_setting_string (settings, "risk-max-quantity", "100");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quantity)), ==, "100");
  type_limit (value, "25000.50");
  assert_setting_string (settings, "risk-max-value", "25000.50");
  type_limit (value, "0");
  assert_setting_string (settings, "risk-max-value", "0");

  /* Refused, with a reason under the field; nothing written. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      type_limit (quantity, invalid[i]);
      g_assert_nonnull (error_under (row_of (quantity)));
      g_assert_true (gtk_widget_has_css_class (quantity, "error"));
      assert_setting_string (settings, "risk-max-quantity", "100");
    }
  type_limit (quantity, "-5");
  g_assert_nonnull (strstr (error_under (row_of (quantity)), "negative"));
  g_assert_null (error_under (row_of (value)));
  save_png (window, "preferences-precautions-error.png");

  /* The error follows the typing, and goes once the limit is right. */
  gtk_editable_set_text (GTK_EDITABLE (quantity), "12");
  g_assert_null (error_under (row_of (quantity)));
  g_assert_false (gtk_widget_has_css_class (quantity, "error"));
  assert_setting_string (settings, "risk-max-quantity", "100");

  /* Leaving the field applies it too. */
  gtk_widget_grab_focus (value);
  settle (window);
  assert_setting_string (settings, "risk-max-quantity", "12");

  /* Changes made elsewhere show up, and clear a pending error. */
  type_limit (value, "abc");
  g_assert_nonnull (error_under (row_of (value)));
  g_settings_set_string (settings, "risk-max-value", "5000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "5000");
  g_assert_null (error_under (row_of (value)));
  g_settings_set_string (settings, "risk-max-quantity", "7.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quantity)), ==, "7.5");

  destroy_window (window);
}

static void
test_preferences_precautions_spins (void)
{
  static const struct { const char *title; const char *key; guint set; guint external; } spins[] = {
    { "Percent from Market", "risk-max-percent-from-market", 12, 0 },
    { "Ticks from Market", "risk-max-ticks-from-market", 250, 3 },
    { "Duplicate Order Window", "risk-duplicate-window", 0, 60 },
  };
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *window = show_precautions ();

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkSpinButton *spin_button = GTK_SPIN_BUTTON (field_of (window, spins[i].title,
                                                              GTK_TYPE_SPIN_BUTTON));

      gtk_spin_button_set_value (spin_button, spins[i].set);
      g_assert_cmpuint (g_settings_get_uint (settings, spins[i].key), ==, spins[i].set);
      g_settings_set_uint (settings, spins[i].key, spins[i].external);
      g_assert_cmpint (gtk_spin_button_get_value_as_int (spin_button), ==, spins[i].external);
    }

  /* The spin buttons keep to the schema's ranges. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field_of (window, "Percent from Market",
                                                        GTK_TYPE_SPIN_BUTTON)), 250);
  g_assert_cmpuint (g_settings_get_uint (settings, "risk-max-percent-from-market"), ==, 100);

  destroy_window (window);
}

/* ---- keyboard shortcuts -------------------------------------------------------------------- */

static void
collect_accels (GtkWidget *root,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *title = NULL;
          g_autofree char *accel = NULL;

          g_object_get (child, "title", &title, "accelerator", &accel, NULL);
          g_string_append_printf (out, "%s=%s;", title, accel);
        }
      collect_accels (child, out);
    }
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/quarterdeck/Quarterdeck/gtk/help-overlay.ui");
  GtkWidget *window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GString) accels = g_string_new (NULL);

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  g_object_ref (window);
  g_clear_object (&builder);

  /* The section, not the search page's copies of its shortcuts. */
  collect_accels (find_widget (window, GTK_TYPE_SHORTCUTS_SECTION, NULL), accels);
  g_assert_cmpstr (accels->str, ==,
                   "Preferences=<Control>comma;"
                   "Keyboard Shortcuts=<Control>question;"
                   "Quit=<Control>q;"
                   "Refresh=F5;"
                   "Interactive Brokers Tab=<Alt>1;"
                   "Activity Tab=<Alt>2;"
                   "Search Activity=<Control>f;"
                   "New Order=<Control>n;");

  gtk_window_present (GTK_WINDOW (window));
  QD_TEST_SPIN_UNTIL (gtk_widget_get_mapped (window), 5000);
  settle (window);
  save_png (window, "help-overlay.png");

  destroy_window (window);
}

/* ---- main ----------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = qd_test_ui_use_temporary_config ();
  int status;

  qd_test_ui_init (&argc, &argv);

  g_test_add_func ("/activity/newest-first", test_activity_newest_first);
  g_test_add_func ("/activity/search", test_activity_search);
  g_test_add_func ("/activity/kind-filter", test_activity_kind_filter);
  g_test_add_func ("/activity/capacity", test_activity_capacity);
  g_test_add_func ("/activity/ten-thousand", test_activity_ten_thousand);
  g_test_add_func ("/activity/empty", test_activity_empty);
  g_test_add_func ("/activity/focus-search", test_activity_focus_search);
  g_test_add_func ("/preferences/trader-id", test_preferences_trader_id);
  g_test_add_func ("/preferences/stream-key", test_preferences_stream_key);
  g_test_add_func ("/preferences/bus-url", test_preferences_bus_url);
  g_test_add_func ("/preferences/bound-keys", test_preferences_bound_keys);
  g_test_add_func ("/preferences/color-scheme", test_preferences_color_scheme);
  g_test_add_func ("/preferences/precautions/page", test_preferences_precautions_page);
  g_test_add_func ("/preferences/precautions/limits", test_preferences_precautions_limits);
  g_test_add_func ("/preferences/precautions/spins", test_preferences_precautions_spins);
  g_test_add_func ("/shortcuts/help-overlay", test_help_overlay);

  status = g_test_run ();
  qd_test_ui_remove_temporary_config (config);
  return status;
}
