/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "qd-application.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-window-private.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

typedef QdTestApp Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  QdRuntimeConfig config = {
    .demo = TRUE,
    .seed = 3,
    .quote_rate = 40,
    .trade_interval_ms = 0,
    .without_trader = TRUE,
  };

  qd_test_ui_app_open (f, &config);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  qd_test_ui_app_close (f);
}

static QdConnectionStatus *
connection (Fixture *f)
{
  return qd_ib_service_get_connection (qd_runtime_get_service (f->runtime));
}

static void
test_tabs_and_header (Fixture       *f,
                      gconstpointer  data)
{
  AdwViewStack *stack = _qd_window_get_view_stack (f->window);

  g_assert_cmpstr (_qd_window_get_main_page (f->window), ==, "dashboard");
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "ib"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "activity"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "ib");

  QD_TEST_SPIN_UNTIL (qd_connection_status_get_connected (connection (f)), 5000);
  g_assert_true (qd_connection_status_get_connected (connection (f)));
  _qd_window_flush (f->window);

  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_mode_badge (f->window)), ==, "SIMULATED");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_qd_window_get_mode_badge (f->window)), "simulated"));
  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_bus_pill (f->window)), ==, "Bus: connected");
  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_ib_pill (f->window)), ==, "IB: connected");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_qd_window_get_ib_pill (f->window)), "connected"));
  g_assert_false (gtk_revealer_get_reveal_child (_qd_window_get_banner (f->window)));

  /* Alt+2 / Alt+1 move between the tabs. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-activity", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "activity");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-ib", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "ib");
}

static void
test_disconnect_shows_state (Fixture       *f,
                             gconstpointer  data)
{
  QdPaperVenue *venue = QD_PAPER_VENUE (qd_runtime_get_venue (f->runtime));

  QD_TEST_SPIN_UNTIL (qd_connection_status_get_connected (connection (f)), 5000);
  _qd_window_flush (f->window);
  g_assert_false (gtk_revealer_get_reveal_child (_qd_window_get_banner (f->window)));

  /* The node stops its IB client: the header and a banner say so, and a toast. */
  qd_paper_venue_stop (venue);
  QD_TEST_SPIN_UNTIL (!qd_connection_status_get_connected (connection (f)), 5000);
  _qd_window_flush (f->window);

  g_assert_false (qd_connection_status_get_connected (connection (f)));
  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_ib_pill (f->window)), ==, "IB: not connected");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_qd_window_get_ib_pill (f->window)), "disconnected"));
  g_assert_true (gtk_revealer_get_reveal_child (_qd_window_get_banner (f->window)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (_qd_window_get_banner_label (f->window)), "The node reports"));
  g_assert_cmpstr (_qd_window_get_last_toast (f->window), ==, "Disconnected from Interactive Brokers");
}

static void
test_fills_toast_once_per_burst (Fixture       *f,
                                 gconstpointer  data)
{
  QdIbService *service = qd_runtime_get_service (f->runtime);
  guint toasts_before;
  QdOrderRequest request = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = { 10, 0 },
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  guint i;

  QD_TEST_SPIN_UNTIL (qd_connection_status_get_connected (connection (f)), 5000);
  toasts_before = _qd_window_get_n_toasts (f->window);

  for (i = 0; i < 5; i++)
    {
      g_autofree char *id = qd_ib_service_place_order (service, &request, NULL);
      g_assert_nonnull (id);
    }
  QD_TEST_SPIN_UNTIL (_qd_window_get_last_toast (f->window) != NULL &&
                      g_str_has_prefix (_qd_window_get_last_toast (f->window), "5 fills"), 5000);

  /* Five fills, one toast that keeps count. */
  g_assert_true (g_str_has_prefix (_qd_window_get_last_toast (f->window), "5 fills, last: BUY 10 AAPL.NASDAQ @ "));
  g_assert_cmpuint (_qd_window_get_n_toasts (f->window), ==, toasts_before + 1);
}

static void
test_render_png (Fixture       *f,
                 gconstpointer  data)
{
  QdIbService *service = qd_runtime_get_service (f->runtime);
  QdOrderRequest buy = {
    .instrument_id = "AAPL.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = { 300, 0 },
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };
  QdOrderRequest rest = {
    .instrument_id = "MSFT.NASDAQ",
    .side = QD_ORDER_SIDE_BUY,
    .order_type = QD_ORDER_TYPE_LIMIT,
    .quantity = { 100, 0 },
    .limit_price = { 100, 0 },
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_GTC,
  };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  QD_TEST_SPIN_UNTIL (qd_connection_status_get_connected (connection (f)), 5000);
  a = qd_ib_service_place_order (service, &buy, NULL);
  b = qd_ib_service_place_order (service, &rest, NULL);
  QD_TEST_SPIN_UNTIL (g_list_model_get_n_items (qd_ib_service_get_positions (service)) > 0, 5000);
  qd_test_spin (1500);

  qd_test_ui_save_png (GTK_WIDGET (f->window), "quarterdeck-window.png", "Window");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-activity", NULL);
  qd_test_spin (300);
  qd_test_ui_save_png (GTK_WIDGET (f->window), "quarterdeck-activity.png", "Window");
}

static GtkWindow *
find_window_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_about_preferences_shortcuts (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWindow *about, *prefs, *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = find_window_of_type (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  prefs = find_window_of_type (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_window_destroy (prefs);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  shortcuts = find_window_of_type (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);

  /* The accelerators the shortcuts window promises. */
  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quit");
    g_auto(GStrv) preferences = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.preferences");
    g_auto(GStrv) refresh = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.refresh");
    g_auto(GStrv) new_order = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.new-order");

    g_assert_cmpstr (quit[0], ==, "<Control>q");
    g_assert_cmpstr (preferences[0], ==, "<Control>comma");
    g_assert_cmpstr (refresh[0], ==, "F5");
    g_assert_cmpstr (new_order[0], ==, "<Control>n");
  }
}

static void
test_no_bus (void)
{
  g_autoptr(QdApplication) app = qd_application_new ();
  g_autoptr(GError) error = NULL;
  QdRuntimeConfig config = { .bus_url = "rediss://127.0.0.1:6379" };
  QdRuntime *runtime;
  QdWindow *window;

  /* A bus this build cannot run: the window says why instead of showing empty tables. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  runtime = qd_runtime_new (&config, &error);
  g_assert_null (runtime);
  g_assert_error (error, QD_RUNTIME_ERROR, QD_RUNTIME_ERROR_BAD_URL);

  window = qd_window_new (app);
  qd_window_show_no_bus (window, error->message);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (_qd_window_get_main_page (window), ==, "no-bus");
  g_assert_true (gtk_revealer_get_reveal_child (_qd_window_get_banner (window)));
  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_bus_pill (window)), ==, "Bus: not connected");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
}

static gboolean
pill_says (QdWindow   *window,
           const char *text)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_strcmp0 (gtk_label_get_label (_qd_window_get_bus_pill (window)), text) != 0)
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* Redis down: the window runs, the bus pill says so apart from IB, and it keeps retrying. */
static void
test_redis_down (void)
{
  QdRedisBusOptions options = { .max_backoff_ms = 200 };
  QdRuntimeConfig config = { .bus_url = "redis://127.0.0.1:1", .redis_options = &options };
  QdTestApp t = { 0 };

  qd_test_ui_app_open (&t, &config);

  g_assert_true (pill_says (t.window, "Bus: error"));
  g_assert_cmpstr (gtk_label_get_label (_qd_window_get_ib_pill (t.window)), ==, "IB: not connected");
  g_assert_true (gtk_revealer_get_reveal_child (_qd_window_get_banner (t.window)));

  qd_test_ui_app_close (&t);
}

/* The API server's port is taken: the desktop runs on, and a toast that stays says why,
 * with the way to Preferences. */
static void
test_server_port_busy (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSocketListener) busy = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QdApplication) app = qd_application_new ();
  QdApiServer *server;
  GtkWindow *window;

  g_assert_true (g_socket_listener_add_address (busy, wanted, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &taken, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "bus-url", "memory");
  g_settings_set_uint (settings, "server-port", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (taken)));

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);

  server = qd_application_get_server (app);
  g_assert_nonnull (server);
  g_assert_cmpint (qd_api_server_get_state (server), ==, QD_API_SERVER_FAILED);
  g_assert_nonnull (_qd_window_get_last_toast (QD_WINDOW (window)));
  g_assert_true (g_str_has_prefix (_qd_window_get_last_toast (QD_WINDOW (window)), "Remote access is off: "));
  g_assert_cmpstr (_qd_window_get_main_page (QD_WINDOW (window)), ==, "dashboard");

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE));
  g_settings_reset (settings, "bus-url");
  g_settings_reset (settings, "server-port");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = qd_test_ui_use_temporary_config ();
  /* The application's own runtime keeps its demo journal here, never in the user's folder. */
  g_autofree char *data = g_dir_make_tmp ("qd-data-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/tabs-and-header", Fixture, NULL, fixture_setup, test_tabs_and_header, fixture_teardown);
  g_test_add ("/window/disconnect", Fixture, NULL, fixture_setup, test_disconnect_shows_state, fixture_teardown);
  g_test_add ("/window/fills-toast", Fixture, NULL, fixture_setup, test_fills_toast_once_per_burst, fixture_teardown);
  g_test_add ("/window/render-png", Fixture, NULL, fixture_setup, test_render_png, fixture_teardown);
  g_test_add ("/window/about-preferences-shortcuts", Fixture, NULL, fixture_setup,
              test_about_preferences_shortcuts, fixture_teardown);
  g_test_add_func ("/window/no-bus", test_no_bus);
  g_test_add_func ("/window/redis-down", test_redis_down);
  g_test_add_func ("/window/server-port-busy", test_server_port_busy);

  status = g_test_run ();
  qd_test_ui_remove_temporary_config (config);
  qd_test_remove_tree (data);
  return status;
}
