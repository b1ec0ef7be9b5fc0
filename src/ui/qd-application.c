/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "qd-application.h"
#include "qd-options.h"
#include "qd-preferences-window.h"
#include "qd-server-options.h"
#include "qd-window.h"

struct _QdApplication
{
  AdwApplication  parent_instance;

  QdOptions       options;
  GSettings      *settings;
  QdRuntime      *runtime;
  char           *runtime_error;
  QdApiServer    *server;
  guint           server_restart_id;
};

G_DEFINE_FINAL_TYPE (QdApplication, qd_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint
qd_application_handle_local_options (GApplication *app,
                                     GVariantDict *dict)
{
  QdApplication *self = QD_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (self->options.version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (!qd_options_validate (&self->options, &error))
    {
      g_printerr ("quarterdeck: %s\n", error->message);
      return 2;
    }

  return G_APPLICATION_CLASS (qd_application_parent_class)->handle_local_options (app, dict);
}

static void
start_runtime (QdApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) held = NULL;
  QdRuntimeConfig config;

  qd_options_to_runtime_config (&self->options, self->settings, &config, &held);
  self->runtime = qd_runtime_new (&config, &error);
  if (self->runtime == NULL)
    {
      self->runtime_error = g_strdup (error->message);
      return;
    }
  qd_runtime_start (self->runtime);
}

/* A busy port or a bad certificate leaves the server FAILED with its error, for the
 * window to show; the desktop goes on without it. */
static void
start_server (QdApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->server != NULL)
    qd_api_server_stop (self->server);
  g_clear_object (&self->server);
  if (qd_server_options_wanted (&self->options, self->settings))
    {
      self->server = qd_server_options_new_server (self->runtime, &self->options, self->settings, &error);
      if (self->server != NULL)
        qd_api_server_start (self->server, NULL);
      else
        g_debug ("API server not started: %s", error->message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

static gboolean
restart_server_cb (gpointer user_data)
{
  QdApplication *self = user_data;

  self->server_restart_id = 0;
  start_server (self);
  return G_SOURCE_REMOVE;
}

static void
server_settings_changed_cb (GSettings     *settings,
                            const char    *key,
                            QdApplication *self)
{
  /* Several keys change together from the preferences: restart once for all of them. */
  if (g_str_has_prefix (key, "server-") && self->server_restart_id == 0 &&
      (self->runtime != NULL || self->runtime_error != NULL))
    self->server_restart_id = g_timeout_add (200, restart_server_cb, self);
}

static gboolean
quit_after_duration_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
qd_application_activate (GApplication *app)
{
  QdApplication *self = QD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      if (self->runtime == NULL && self->runtime_error == NULL)
        {
          start_runtime (self);
          start_server (self);
        }

      window = GTK_WINDOW (qd_window_new (self));
      if (self->runtime != NULL)
        qd_window_set_runtime (QD_WINDOW (window), self->runtime);
      else
        qd_window_show_no_bus (QD_WINDOW (window), self->runtime_error);

      if (self->options.duration > 0)
        g_timeout_add_seconds (self->options.duration, quit_after_duration_cb, self);
    }

  gtk_window_present (window);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  QdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (qd_preferences_window_new (parent)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Quarterdeck developers", NULL };
  QdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Quarterdeck"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch and trade an Interactive Brokers account run by a NautilusTrader node."),
                         "developer-name", _("The Quarterdeck developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Quarterdeck developers",
                         "issue-url", "https://github.com/quarterdeck/quarterdeck/issues",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
qd_application_startup (GApplication *app)
{
  QdApplication *self = QD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *refresh_accels[] = { "F5", NULL };
  static const char *ib_accels[] = { "<Alt>1", NULL };
  static const char *activity_accels[] = { "<Alt>2", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *new_order_accels[] = { "<Control>n", NULL };

  G_APPLICATION_CLASS (qd_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  qd_preferences_apply_color_scheme (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-ib", ib_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-activity", activity_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search-activity", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-order", new_order_accels);
}

static void
qd_application_shutdown (GApplication *app)
{
  QdApplication *self = QD_APPLICATION (app);

  g_clear_handle_id (&self->server_restart_id, g_source_remove);
  if (self->server != NULL)
    qd_api_server_stop (self->server);
  if (self->runtime != NULL)
    qd_runtime_stop (self->runtime);

  G_APPLICATION_CLASS (qd_application_parent_class)->shutdown (app);
}

static void
qd_application_finalize (GObject *object)
{
  QdApplication *self = QD_APPLICATION (object);

  g_clear_handle_id (&self->server_restart_id, g_source_remove);
  g_clear_object (&self->server);
  g_clear_object (&self->runtime);
  g_clear_object (&self->settings);
  g_free (self->runtime_error);
  qd_options_clear (&self->options);

  G_OBJECT_CLASS (qd_application_parent_class)->finalize (object);
}

static void
qd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QdApplication *self = QD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_application_class_init (QdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = qd_application_finalize;
  object_class->get_property = qd_application_get_property;
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, QD_TYPE_API_SERVER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  app_class->handle_local_options = qd_application_handle_local_options;
  app_class->startup = qd_application_startup;
  app_class->activate = qd_application_activate;
  app_class->shutdown = qd_application_shutdown;
}

static void
qd_application_init (QdApplication *self)
{
  self->options = (QdOptions) QD_OPTIONS_INIT;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed", G_CALLBACK (server_settings_changed_cb), self);

  qd_options_add_entries (G_APPLICATION (self), &self->options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch and trade an Interactive Brokers account run by a NautilusTrader node."));
}

QdApplication *
qd_application_new (void)
{
  /* Each run owns its own bus connection and service: no single-instance forwarding. */
  return g_object_new (QD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/quarterdeck/Quarterdeck",
                       NULL);
}

QdRuntime *
qd_application_get_runtime (QdApplication *self)
{
  g_return_val_if_fail (QD_IS_APPLICATION (self), NULL);
  return self->runtime;
}

GSettings *
qd_application_get_settings (QdApplication *self)
{
  g_return_val_if_fail (QD_IS_APPLICATION (self), NULL);
  return self->settings;
}

QdApiServer *
qd_application_get_server (QdApplication *self)
{
  g_return_val_if_fail (QD_IS_APPLICATION (self), NULL);
  return self->server;
}
