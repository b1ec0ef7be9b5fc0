/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "qd-api-server.h"
#include "qd-remote-access-page.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

#define MASK "••••••••••••••••"

typedef struct
{
  GSettings          *settings;
  AdwPreferencesWindow *window;
  QdRemoteAccessPage *page;
} Fixture;

static char *config_dir;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  f->window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  f->page = QD_REMOTE_ACCESS_PAGE (qd_remote_access_page_new (f->settings));
  adw_preferences_window_add (f->window, ADW_PREFERENCES_PAGE (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->page)))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const keys[] = {
    "server-enabled", "server-address", "server-port", "server-loopback-viewers", "server-cors-origins",
  };

  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);
  g_clear_object (&f->settings);
}

static char *
token_file (QdApiRole role)
{
  g_autofree char *path = g_build_filename (config_dir, "quarterdeck",
                                            role == QD_API_ROLE_TRADER ? "trader-token" : "viewer-token", NULL);
  char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return g_strstrip (contents);
}

static const char *
subtitle (Fixture   *f,
          QdApiRole  role)
{
  return adw_action_row_get_subtitle (_qd_remote_access_page_get_token_row (f->page, role));
}

/* What this process put on the clipboard (the X server may not hand it back to its owner). */
static char *
clipboard_text (Fixture *f)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  /* A button activated from the keyboard clicks after its pressed look has shown. */
  QD_TEST_SPIN_UNTIL (gdk_clipboard_is_local (clipboard), 2000);
  content = gdk_clipboard_get_content (clipboard);
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  return g_value_dup_string (&value);
}

static void
regenerate (Fixture    *f,
            QdApiRole   role,
            const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate (GTK_WIDGET (_qd_remote_access_page_get_regenerate (f->page, role))));
  QD_TEST_SPIN_UNTIL (_qd_remote_access_page_get_dialog (f->page) != NULL, 2000);
  dialog = _qd_remote_access_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE));
}

/* Tokens are masked until shown; copy puts the token on the clipboard; regenerate asks
 * first and then writes a new one. */
static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *viewer = token_file (QD_API_ROLE_VIEWER);
  g_autofree char *trader = token_file (QD_API_ROLE_TRADER);
  g_autofree char *copied = NULL;
  g_autofree char *regenerated = NULL;
  g_autofree char *trader_after = NULL;

  g_assert_cmpuint (strlen (viewer), >=, 32);
  g_assert_cmpstr (viewer, !=, trader);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_VIEWER), ==, MASK);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_TRADER), ==, MASK);

  gtk_toggle_button_set_active (_qd_remote_access_page_get_reveal (f->page, QD_API_ROLE_TRADER), TRUE);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_TRADER), ==, trader);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_VIEWER), ==, MASK);

  g_assert_true (gtk_widget_activate (GTK_WIDGET (_qd_remote_access_page_get_copy (f->page, QD_API_ROLE_VIEWER))));
  copied = clipboard_text (f);
  g_assert_cmpstr (copied, ==, viewer);

  /* Cancel keeps the token. */
  regenerate (f, QD_API_ROLE_TRADER, "cancel");
  trader_after = token_file (QD_API_ROLE_TRADER);
  g_assert_cmpstr (trader_after, ==, trader);

  regenerate (f, QD_API_ROLE_TRADER, "regenerate");
  regenerated = token_file (QD_API_ROLE_TRADER);
  g_assert_cmpstr (regenerated, !=, trader);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_TRADER), ==, regenerated);
  g_assert_cmpint (qd_token_store_check (qd_remote_access_page_get_tokens (f->page), trader), ==, QD_API_ROLE_NONE);
  g_assert_cmpint (qd_token_store_check (qd_remote_access_page_get_tokens (f->page), regenerated), ==,
                   QD_API_ROLE_TRADER);
  g_clear_pointer (&trader_after, g_free);
  trader_after = token_file (QD_API_ROLE_VIEWER);
  g_assert_cmpstr (trader_after, ==, viewer);

  gtk_toggle_button_set_active (_qd_remote_access_page_get_reveal (f->page, QD_API_ROLE_TRADER), FALSE);
  g_assert_cmpstr (subtitle (f, QD_API_ROLE_TRADER), ==, MASK);
}

static void
apply_address (Fixture    *f,
               const char *text)
{
  AdwEntryRow *row = _qd_remote_access_page_get_address_row (f->page);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static gboolean
part_visible (Fixture    *f,
              const char *id)
{
  return gtk_widget_get_visible (_qd_remote_access_page_get_part (f->page, id));
}

static const char *
url (Fixture *f)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (_qd_remote_access_page_get_part (f->page, "url_row")));
}

/* The bind address: loopback is quiet, anything else warns; a bad address is refused. */
static void
test_address_and_port (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *address = NULL;
  GtkAdjustment *port = GTK_ADJUSTMENT (_qd_remote_access_page_get_part (f->page, "port_adjustment"));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_qd_remote_access_page_get_address_row (f->page))), ==,
                   "127.0.0.1");
  g_assert_false (part_visible (f, "exposed_row"));
  g_assert_cmpstr (url (f), ==, "http://127.0.0.1:8000/");

  apply_address (f, " 0.0.0.0 ");
  address = g_settings_get_string (f->settings, "server-address");
  g_assert_cmpstr (address, ==, "0.0.0.0");
  g_assert_true (part_visible (f, "exposed_row"));
  g_assert_true (g_str_has_suffix (url (f), ":8000/"));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 1000);
  QD_TEST_SPIN_UNTIL (gtk_widget_get_height (GTK_WIDGET (f->window)) >= 1000, 2000);
  qd_test_ui_save_png (GTK_WIDGET (f->window), "quarterdeck-remote-access.png", "Remote Access page");

  apply_address (f, "my laptop");
  g_clear_pointer (&address, g_free);
  address = g_settings_get_string (f->settings, "server-address");
  g_assert_cmpstr (address, ==, "0.0.0.0");
  g_assert_true (part_visible (f, "address_error_row"));

  apply_address (f, "::1");
  g_assert_false (part_visible (f, "address_error_row"));
  g_assert_false (part_visible (f, "exposed_row"));

  gtk_adjustment_set_value (port, 8123);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "server-port"), ==, 8123);
  g_assert_cmpstr (url (f), ==, "http://[::1]:8123/");

  gtk_switch_set_active (GTK_SWITCH (_qd_remote_access_page_get_part (f->page, "enabled_switch")), FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "server-enabled"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (_qd_remote_access_page_get_part (f->page, "state_row"))),
                   ==, "Turned off");
}

static void
test_origins (Fixture       *f,
              gconstpointer  data)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (_qd_remote_access_page_get_part (f->page, "origins_row"));
  g_auto(GStrv) origins = NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), "https://desk.example.com, http://10.0.0.2:3000/");
  g_signal_emit_by_name (row, "apply");
  origins = g_settings_get_strv (f->settings, "server-cors-origins");
  g_assert_cmpuint (g_strv_length (origins), ==, 2);
  g_assert_cmpstr (origins[0], ==, "https://desk.example.com");
  g_assert_cmpstr (origins[1], ==, "http://10.0.0.2:3000");
  g_assert_false (part_visible (f, "origins_error_row"));

  gtk_editable_set_text (GTK_EDITABLE (row), "https://ok.example.com, ftp://files.example.com");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (part_visible (f, "origins_error_row"));
  g_clear_pointer (&origins, g_strfreev);
  origins = g_settings_get_strv (f->settings, "server-cors-origins");
  g_assert_cmpuint (g_strv_length (origins), ==, 2);
}

/* With a server running (on loopback, a free port), the page shows its URL and state, and a
 * regenerated token is the one the server accepts at once. */
static void
test_running_server (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QdTokenStore) tokens = qd_token_store_new (NULL, &error);
  QdServerConfig config = { .address = "127.0.0.1", .port = 0, .tokens = tokens };
  g_autoptr(QdApiServer) server = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *old = NULL;
  const char *state;

  g_assert_no_error (error);
  server = qd_api_server_new (NULL, &config, &error);
  g_assert_no_error (error);
  g_assert_true (qd_api_server_start (server, &error));
  g_assert_no_error (error);

  qd_remote_access_page_set_server (f->page, server);
  server_url = qd_api_server_get_url (server);
  g_assert_cmpstr (url (f), ==, server_url);
  state = adw_action_row_get_subtitle (ADW_ACTION_ROW (_qd_remote_access_page_get_part (f->page, "state_row")));
  g_assert_cmpstr (state, ==, "Running");
  g_assert_true (qd_remote_access_page_get_tokens (f->page) == qd_api_server_get_tokens (server));

  old = g_strdup (qd_token_store_get_token (tokens, QD_API_ROLE_VIEWER));
  regenerate (f, QD_API_ROLE_VIEWER, "regenerate");
  g_assert_cmpint (qd_token_store_check (qd_api_server_get_tokens (server), old), ==, QD_API_ROLE_NONE);
  g_assert_cmpint (qd_token_store_check (qd_api_server_get_tokens (server),
                                         qd_token_store_get_token (tokens, QD_API_ROLE_VIEWER)), ==,
                   QD_API_ROLE_VIEWER);

  qd_api_server_stop (server);
  state = adw_action_row_get_subtitle (ADW_ACTION_ROW (_qd_remote_access_page_get_part (f->page, "state_row")));
  g_assert_cmpstr (state, ==, "Stopped");
  qd_remote_access_page_set_server (f->page, NULL);
  g_assert_cmpstr (url (f), ==, "http://127.0.0.1:8000/");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Never the user's own tokens. */
  config_dir = qd_test_ui_use_temporary_config ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add ("/remote-access/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("tokens", test_tokens);
  ADD ("address-and-port", test_address_and_port);
  ADD ("origins", test_origins);
  ADD ("running-server", test_running_server);
#undef ADD

  status = g_test_run ();
  qd_test_ui_remove_temporary_config (config_dir);
  g_free (config_dir);
  return status;
}
