/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qd-decimal.h"
#include "qd-preferences-window.h"
#include "qd-remote-access-page.h"
#include "qd-runtime.h"

#define RESOURCE_PATH "/io/github/quarterdeck/Quarterdeck/"

/* The nicks of the schema's ColorScheme enum, in the order of the combo row's items. */
static const char * const color_scheme_names[] = { "default", "light", "dark" };

struct _QdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  QdRemoteAccessPage   *remote_access;

  /* template widgets */
  AdwEntryRow          *bus_url_row;
  AdwActionRow         *bus_url_error_row;
  AdwEntryRow          *password_row;
  GtkWidget            *forget_password_button;
  AdwEntryRow          *trader_id_row;
  AdwActionRow         *trader_id_error_row;
  AdwEntryRow          *stream_key_row;
  AdwActionRow         *stream_key_error_row;
  GtkAdjustment        *history_adjustment;
  GtkAdjustment        *heartbeat_adjustment;
  GtkAdjustment        *command_timeout_adjustment;
  AdwComboRow          *color_scheme_row;
  GtkEntry             *max_quantity_entry;
  AdwActionRow         *max_quantity_error_row;
  GtkEntry             *max_value_entry;
  AdwActionRow         *max_value_error_row;
  GtkAdjustment        *percent_from_market_adjustment;
  GtkAdjustment        *ticks_from_market_adjustment;
  GtkAdjustment        *duplicate_window_adjustment;
};

G_DEFINE_FINAL_TYPE (QdPreferencesWindow, qd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- bus URLs and their passwords ------------------------------------------------------ */

static GUri *
parse_redis_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);

  if (uri == NULL)
    return NULL;
  if (g_strcmp0 (g_uri_get_scheme (uri), "redis") != 0 &&
      g_strcmp0 (g_uri_get_scheme (uri), "rediss") != 0)
    return NULL;

  return g_steal_pointer (&uri);
}

/* The password of a redis:// or rediss:// URL; NULL when it has none or cannot have one. */
static char *
url_password (const char *url)
{
  g_autoptr(GUri) uri = parse_redis_url (url);

  if (uri == NULL || g_uri_get_password (uri) == NULL || *g_uri_get_password (uri) == '\0')
    return NULL;

  return g_strdup (g_uri_get_password (uri));
}

/* `url` with `password` (NULL: none) in place of its own. Other schemes have no password. */
static char *
url_with_password (const char *url,
                   const char *password)
{
  g_autoptr(GUri) uri = parse_redis_url (url);
  const char *user;

  if (uri == NULL)
    return g_strdup (url);

  /* GUri writes a password only after a user: redis://:password@host has an empty one. */
  user = g_uri_get_user (uri);
  if (password != NULL && user == NULL)
    user = "";
  else if (password == NULL && user != NULL && *user == '\0')
    user = NULL;

  return g_uri_join_with_user (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), user, password, NULL,
                               g_uri_get_host (uri), g_uri_get_port (uri), g_uri_get_path (uri),
                               g_uri_get_query (uri), g_uri_get_fragment (uri));
}

/* What the URL row shows: never the password. */
static char *
url_for_display (const char *url)
{
  g_autofree char *without_password = url_with_password (url, NULL);

  if (g_strcmp0 (without_password, "memory") == 0)
    return g_steal_pointer (&without_password);

  return qd_runtime_redact_url (without_password);
}

/* ---- rows --------------------------------------------------------------------------------- */

void
qd_preferences_set_row_text_quietly (AdwEntryRow *row,
                                     const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0)
    return;

  adw_entry_row_set_show_apply_button (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

void
qd_preferences_show_field_error (gpointer      field,
                                 AdwActionRow *error_row,
                                 const char   *message)
{
  if (message == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (field), "error");
      gtk_widget_set_visible (GTK_WIDGET (error_row), FALSE);
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message);
  gtk_widget_add_css_class (GTK_WIDGET (field), "error");
  gtk_widget_set_visible (GTK_WIDGET (error_row), TRUE);
}

static gboolean
check_trader_id (const char  *trader_id,
                 char       **message)
{
  if (*trader_id == '\0')
    {
      *message = g_strdup (_("Enter the node’s trader ID, for example TESTER-001"));
      return FALSE;
    }

  for (const char *p = trader_id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          *message = g_strdup (_("The trader ID cannot contain spaces"));
          return FALSE;
        }
      if (c == '*' || c == '?' || c == '[' || c == ']')
        {
          *message = g_strdup (_("The trader ID cannot contain *, ?, [ or ]: "
                                 "they match other streams"));
          return FALSE;
        }
    }

  return TRUE;
}

static void
refresh_bus_url (QdPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "bus-url");
  g_autofree char *shown = url_for_display (url);
  g_autofree char *password = url_password (url);
  g_autoptr(GUri) redis = parse_redis_url (url);

  qd_preferences_set_row_text_quietly (self->bus_url_row, shown);
  qd_preferences_show_field_error (self->bus_url_row, self->bus_url_error_row, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 password != NULL ? _("Password (saved)") : _("Password"));
  gtk_widget_set_visible (self->forget_password_button, password != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), redis != NULL);
}

static void
refresh_trader_id (QdPreferencesWindow *self)
{
  g_autofree char *trader_id = g_settings_get_string (self->settings, "trader-id");

  qd_preferences_set_row_text_quietly (self->trader_id_row, trader_id);
  qd_preferences_show_field_error (self->trader_id_row, self->trader_id_error_row, NULL);
}

/* ---- template callbacks --------------------------------------------------------------- */

static void
bus_url_apply_cb (QdPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->bus_url_row));
  g_autofree char *typed = g_strstrip (g_strdup (text));
  g_autofree char *stored = g_settings_get_string (self->settings, "bus-url");
  g_autofree char *typed_password = url_password (typed);
  g_autofree char *saved_password = url_password (stored);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (!qd_runtime_check_bus_url (typed, &error))
    {
      qd_preferences_show_field_error (self->bus_url_row, self->bus_url_error_row, error->message);
      return;
    }

  /* A password typed into the URL is kept out of sight from now on; a URL typed without one
   * keeps the saved password (the row never shows it, so it cannot be retyped there). */
  url = url_with_password (typed, typed_password != NULL ? typed_password : saved_password);
  g_settings_set_string (self->settings, "bus-url", url);
  refresh_bus_url (self);
}

static void
bus_url_changed_cb (QdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;

  /* Once an error shows, it follows the typing until the URL is right. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->bus_url_error_row)))
    return;

  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bus_url_row))));
  qd_runtime_check_bus_url (typed, &error);
  qd_preferences_show_field_error (self->bus_url_row, self->bus_url_error_row, error ? error->message : NULL);
}

static void
password_apply_cb (QdPreferencesWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *stored = NULL;
  g_autofree char *url = NULL;

  if (*password != '\0')
    {
      stored = g_settings_get_string (self->settings, "bus-url");
      url = url_with_password (stored, password);
      g_settings_set_string (self->settings, "bus-url", url);
    }

  qd_preferences_set_row_text_quietly (self->password_row, "");
  refresh_bus_url (self);
}

static void
forget_password_cb (QdPreferencesWindow *self)
{
  g_autofree char *stored = g_settings_get_string (self->settings, "bus-url");
  g_autofree char *url = url_with_password (stored, NULL);

  g_settings_set_string (self->settings, "bus-url", url);
  refresh_bus_url (self);
}

static void
trader_id_apply_cb (QdPreferencesWindow *self)
{
  const char *trader_id = gtk_editable_get_text (GTK_EDITABLE (self->trader_id_row));
  g_autofree char *message = NULL;

  if (!check_trader_id (trader_id, &message))
    {
      qd_preferences_show_field_error (self->trader_id_row, self->trader_id_error_row, message);
      return;
    }

  g_settings_set_string (self->settings, "trader-id", trader_id);
  refresh_trader_id (self);
}

/* Empty: the node's default key trader-{ID}:stream. */
static gboolean
check_stream_key (const char  *key,
                  char       **message)
{
  if (strpbrk (key, " \t\r\n*?[]") != NULL)
    {
      *message = g_strdup (_("The stream key cannot contain spaces or the wildcards * ? [ ]"));
      return FALSE;
    }
  return TRUE;
}

static void
refresh_stream_key (QdPreferencesWindow *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "stream-key");

  qd_preferences_set_row_text_quietly (self->stream_key_row, key);
  qd_preferences_show_field_error (self->stream_key_row, self->stream_key_error_row, NULL);
}

static void
stream_key_apply_cb (QdPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->stream_key_row))));
  g_autofree char *message = NULL;

  if (!check_stream_key (key, &message))
    {
      qd_preferences_show_field_error (self->stream_key_row, self->stream_key_error_row, message);
      return;
    }

  g_settings_set_string (self->settings, "stream-key", key);
  refresh_stream_key (self);
}

static void
stream_key_changed_cb (QdPreferencesWindow *self)
{
  g_autofree char *message = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->stream_key_error_row)))
    return;

  check_stream_key (gtk_editable_get_text (GTK_EDITABLE (self->stream_key_row)), &message);
  qd_preferences_show_field_error (self->stream_key_row, self->stream_key_error_row, message);
}

static void
trader_id_changed_cb (QdPreferencesWindow *self)
{
  g_autofree char *message = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->trader_id_error_row)))
    return;

  check_trader_id (gtk_editable_get_text (GTK_EDITABLE (self->trader_id_row)), &message);
  qd_preferences_show_field_error (self->trader_id_row, self->trader_id_error_row, message);
}

/* ---- precautions ----------------------------------------------------------------------- */

/* A limit as typed: a decimal of at least zero, zero turning its check off. */
static gboolean
check_limit (const char  *text,
             QdDecimal   *value,
             char       **message)
{
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    {
      *message = g_strdup (_("Enter a limit; 0 turns this check off"));
      return FALSE;
    }
  if (!qd_decimal_parse (text, -1, value, &error))
    {
      if (g_error_matches (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_PRECISION))
        *message = g_strdup (_("Use at most 9 decimal places"));
      else if (g_error_matches (error, QD_DECIMAL_ERROR, QD_DECIMAL_ERROR_OVERFLOW))
        *message = g_strdup (_("This limit is too large"));
      else
        *message = g_strdup (_("Enter a number such as 500 or 2.5, without thousands separators"));
      return FALSE;
    }
  if (qd_decimal_sign (*value) < 0)
    {
      *message = g_strdup (_("A limit cannot be negative; 0 turns this check off"));
      return FALSE;
    }

  return TRUE;
}

static void
refresh_limit (QdPreferencesWindow *self,
               GtkEntry            *entry,
               AdwActionRow        *error_row,
               const char          *key)
{
  g_autofree char *stored = g_settings_get_string (self->settings, key);

  /* Hidden first, so that the new text is not checked as if it were being typed. */
  qd_preferences_show_field_error (entry, error_row, NULL);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), stored) != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), stored);
}

/* Only a valid limit is written, in its plain form ("0100" is stored as "100"). */
static void
apply_limit (QdPreferencesWindow *self,
             GtkEntry            *entry,
             AdwActionRow        *error_row,
             const char          *key)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *message = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *plain = NULL;
  QdDecimal value;

  /* Focus also leaves the entry while the window is being torn down. */
  if (self->settings == NULL)
    return;

  if (!check_limit (typed, &value, &message))
    {
      qd_preferences_show_field_error (entry, error_row, message);
      return;
    }

  plain = qd_decimal_to_string (value);
  stored = g_settings_get_string (self->settings, key);
  if (g_strcmp0 (plain, stored) != 0)
    g_settings_set_string (self->settings, key, plain);
  refresh_limit (self, entry, error_row, key);
}

static void
recheck_limit (GtkEntry     *entry,
               AdwActionRow *error_row)
{
  g_autofree char *typed = NULL;
  g_autofree char *message = NULL;
  QdDecimal value;

  /* Once an error shows, it follows the typing until the limit is right. */
  if (!gtk_widget_get_visible (GTK_WIDGET (error_row)))
    return;

  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  check_limit (typed, &value, &message);
  qd_preferences_show_field_error (entry, error_row, message);
}

static void
refresh_max_quantity (QdPreferencesWindow *self)
{
  refresh_limit (self, self->max_quantity_entry, self->max_quantity_error_row,
                 "risk-max-quantity");
}

static void
refresh_max_value (QdPreferencesWindow *self)
{
  refresh_limit (self, self->max_value_entry, self->max_value_error_row, "risk-max-value");
}

static void
max_quantity_apply_cb (QdPreferencesWindow *self)
{
  apply_limit (self, self->max_quantity_entry, self->max_quantity_error_row,
               "risk-max-quantity");
}

static void
max_quantity_changed_cb (QdPreferencesWindow *self)
{
  recheck_limit (self->max_quantity_entry, self->max_quantity_error_row);
}

static void
max_value_apply_cb (QdPreferencesWindow *self)
{
  apply_limit (self, self->max_value_entry, self->max_value_error_row, "risk-max-value");
}

static void
max_value_changed_cb (QdPreferencesWindow *self)
{
  recheck_limit (self->max_value_entry, self->max_value_error_row);
}

static void
bind_precautions (QdPreferencesWindow *self)
{
  g_settings_bind (self->settings, "risk-max-percent-from-market",
                   self->percent_from_market_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "risk-max-ticks-from-market",
                   self->ticks_from_market_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "risk-duplicate-window",
                   self->duplicate_window_adjustment, "value", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::risk-max-quantity",
                           G_CALLBACK (refresh_max_quantity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::risk-max-value",
                           G_CALLBACK (refresh_max_value), self, G_CONNECT_SWAPPED);
  refresh_max_quantity (self);
  refresh_max_value (self);
}

/* ---- colour scheme -------------------------------------------------------------------- */

static gboolean
color_scheme_to_selected (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_scheme_names); i++)
    if (g_str_equal (name, color_scheme_names[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_color_scheme (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_scheme_names))
    return NULL;

  return g_variant_new_string (color_scheme_names[selected]);
}

static void
apply_color_scheme_cb (GSettings  *settings,
                       const char *key,
                       gpointer    user_data)
{
  AdwColorScheme scheme;

  switch (g_settings_get_enum (settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

QdRemoteAccessPage *
qd_preferences_window_get_remote_access (QdPreferencesWindow *self)
{
  g_return_val_if_fail (QD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->remote_access;
}

void
qd_preferences_apply_color_scheme (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "color-scheme"))
    {
      g_debug ("The installed settings schema has no color-scheme key");
      return;
    }

  if (g_object_get_data (G_OBJECT (settings), "qd-follows-color-scheme") == NULL)
    {
      g_signal_connect (settings, "changed::color-scheme",
                        G_CALLBACK (apply_color_scheme_cb), NULL);
      g_object_set_data (G_OBJECT (settings), "qd-follows-color-scheme", GINT_TO_POINTER (TRUE));
    }

  apply_color_scheme_cb (settings, "color-scheme", NULL);
}

/* ---- the window ------------------------------------------------------------------------ */

static void
bind_settings (QdPreferencesWindow *self)
{
  g_settings_bind (self->settings, "history-limit",
                   self->history_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "heartbeat-interval",
                   self->heartbeat_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "command-timeout",
                   self->command_timeout_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                color_scheme_to_selected, selected_to_color_scheme, NULL, NULL);

  /* The two entries apply only valid text, so they follow the settings by hand. */
  g_signal_connect_object (self->settings, "changed::bus-url",
                           G_CALLBACK (refresh_bus_url), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::trader-id",
                           G_CALLBACK (refresh_trader_id), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::stream-key",
                           G_CALLBACK (refresh_stream_key), self, G_CONNECT_SWAPPED);
  refresh_bus_url (self);
  refresh_trader_id (self);
  refresh_stream_key (self);
  bind_precautions (self);
}

static void
qd_preferences_window_dispose (GObject *object)
{
  QdPreferencesWindow *self = QD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qd_preferences_window_parent_class)->dispose (object);
}

static void
qd_preferences_window_class_init (QdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "qd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, bus_url_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, bus_url_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, forget_password_button);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, trader_id_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, trader_id_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, stream_key_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, stream_key_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, history_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, heartbeat_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow,
                                        command_timeout_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, max_quantity_entry);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, max_quantity_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, max_value_entry);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow, max_value_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow,
                                        percent_from_market_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow,
                                        ticks_from_market_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdPreferencesWindow,
                                        duplicate_window_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, bus_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, bus_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_password_cb);
  gtk_widget_class_bind_template_callback (widget_class, trader_id_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, trader_id_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stream_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, stream_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_quantity_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_quantity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_value_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, max_value_changed_cb);
}

static void
qd_preferences_window_init (QdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  bind_settings (self);
  self->remote_access = QD_REMOTE_ACCESS_PAGE (qd_remote_access_page_new (self->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->remote_access));
}

GtkWidget *
qd_preferences_window_new (GtkWindow *parent)
{
  GtkWidget *self;
  GtkApplication *app;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (QD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  /* The Remote Access page follows the application's server as settings restart it. */
  app = parent ? gtk_window_get_application (parent) : NULL;
  if (app != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (app), "server") != NULL)
    g_object_bind_property (app, "server", QD_PREFERENCES_WINDOW (self)->remote_access, "server",
                            G_BINDING_SYNC_CREATE);
  return self;
}
