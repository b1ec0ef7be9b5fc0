/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-preferences-window.h"
#include "qd-remote-access-page.h"

#define N_ROLES (QD_API_ROLE_TRADER + 1)
#define MASK "••••••••••••••••"

struct _QdRemoteAccessPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  QdApiServer        *server;
  QdTokenStore       *own_tokens;     /* the user's store, while no server runs */
  QdTokenStore       *tokens;         /* the store shown (server's or own), not owned */
  char               *tokens_error;
  AdwMessageDialog   *dialog;         /* the regeneration being confirmed, weak */

  AdwActionRow       *token_rows[N_ROLES];
  GtkToggleButton    *reveal[N_ROLES];
  GtkButton          *copy[N_ROLES];
  GtkButton          *regenerate[N_ROLES];

  /* template */
  GtkSwitch          *enabled_switch;
  AdwEntryRow        *address_row;
  AdwActionRow       *address_error_row;
  AdwActionRow       *exposed_row;
  GtkAdjustment      *port_adjustment;
  GtkSwitch          *loopback_switch;
  AdwEntryRow        *origins_row;
  AdwActionRow       *origins_error_row;
  AdwActionRow       *url_row;
  AdwActionRow       *state_row;
  AdwPreferencesGroup *tokens_group;
};

G_DEFINE_FINAL_TYPE (QdRemoteAccessPage, qd_remote_access_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (QdRemoteAccessPage *self,
       const char         *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

/* ---- address, origins ------------------------------------------------------------------ */

static GInetAddress *
parse_address (const char  *text,
               char       **message)
{
  GInetAddress *address = g_inet_address_new_from_string (text);

  if (address == NULL)
    *message = g_strdup_printf (_("“%s” is not an IP address (for example 127.0.0.1, 0.0.0.0 or ::1)"),
                                text);
  return address;
}

/* http://address:port/ as a browser on this machine (or, for a wildcard, elsewhere) opens it. */
static char *
url_for_settings (QdRemoteAccessPage *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "server-address");
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
  guint port = g_settings_get_uint (self->settings, "server-port");

  if (address == NULL)
    return NULL;
  if (g_inet_address_get_is_any (address))
    return g_strdup_printf ("http://%s:%u/", g_get_host_name (), port);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("http://[%s]:%u/", text, port);
  return g_strdup_printf ("http://%s:%u/", text, port);
}

static void
update_status (QdRemoteAccessPage *self)
{
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  gboolean enabled = g_settings_get_boolean (self->settings, "server-enabled");

  if (self->server != NULL && qd_api_server_get_state (self->server) == QD_API_SERVER_RUNNING)
    url = qd_api_server_get_url (self->server);
  else
    url = url_for_settings (self);
  adw_action_row_set_subtitle (self->url_row, url ? url : "—");
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), url != NULL);

  if (self->server == NULL)
    state = g_strdup (enabled ? _("Not running") : _("Turned off"));
  else if (qd_api_server_get_state (self->server) == QD_API_SERVER_RUNNING)
    state = g_strdup (_("Running"));
  else if (qd_api_server_get_state (self->server) == QD_API_SERVER_FAILED)
    {
      const char *error = qd_api_server_get_error (self->server);

      state = g_strdup_printf (_("Not running: %s"), error ? error : _("unknown error"));
    }
  else
    state = g_strdup (_("Stopped"));
  adw_action_row_set_subtitle (self->state_row, state);
}

static void
refresh_address (QdRemoteAccessPage *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "server-address");
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);

  qd_preferences_set_row_text_quietly (self->address_row, text);
  qd_preferences_show_field_error (self->address_row, self->address_error_row, NULL);
  /* Anything but loopback is remote access, an unparsable address included. */
  gtk_widget_set_visible (GTK_WIDGET (self->exposed_row),
                          address == NULL || !g_inet_address_get_is_loopback (address));
  update_status (self);
}

static void
address_apply_cb (QdRemoteAccessPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *message = NULL;

  address = parse_address (text, &message);
  if (address == NULL)
    {
      qd_preferences_show_field_error (self->address_row, self->address_error_row, message);
      return;
    }
  g_settings_set_string (self->settings, "server-address", text);
  refresh_address (self);
}

static void
address_changed_cb (QdRemoteAccessPage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GInetAddress) address = NULL;

  /* Once an error shows, it follows the typing until the text is good. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->address_error_row)))
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  address = parse_address (text, &message);
  qd_preferences_show_field_error (self->address_row, self->address_error_row, message);
}

static gboolean
check_origin (const char  *origin,
              char       **message)
{
  g_autoptr(GUri) uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (*g_uri_get_path (uri) != '\0' && g_strcmp0 (g_uri_get_path (uri), "/") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      *message = g_strdup_printf (_("“%s” is not an origin: scheme://host[:port], for example "
                                    "https://desk.example.com"), origin);
      return FALSE;
    }
  return TRUE;
}

static void
origins_apply_cb (QdRemoteAccessPage *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->origins_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) origins = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *message = NULL;
      char *origin = g_strstrip (parts[i]);
      gsize len = strlen (origin);

      if (len == 0)
        continue;
      if (origin[len - 1] == '/')
        origin[len - 1] = '\0';
      if (!check_origin (origin, &message))
        {
          qd_preferences_show_field_error (self->origins_row, self->origins_error_row, message);
          return;
        }
      g_strv_builder_add (builder, origin);
    }
  origins = g_strv_builder_end (builder);
  qd_preferences_show_field_error (self->origins_row, self->origins_error_row, NULL);
  g_settings_set_strv (self->settings, "server-cors-origins", (const char * const *) origins);
}

static void
refresh_origins (QdRemoteAccessPage *self)
{
  g_auto(GStrv) origins = g_settings_get_strv (self->settings, "server-cors-origins");
  g_autofree char *text = g_strjoinv (", ", origins);

  qd_preferences_set_row_text_quietly (self->origins_row, text);
}

static void
copy_url_cb (QdRemoteAccessPage *self)
{
  const char *url = adw_action_row_get_subtitle (self->url_row);

  if (url == NULL || g_str_equal (url, "—"))
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), url);
  toast (self, _("Address copied"));
}

/* ---- tokens ---------------------------------------------------------------------------- */

static const char *
role_name (QdApiRole role)
{
  return role == QD_API_ROLE_TRADER ? _("trader token") : _("viewer token");
}

static void
refresh_token_row (QdRemoteAccessPage *self,
                   QdApiRole           role)
{
  const char *token = self->tokens ? qd_token_store_get_token (self->tokens, role) : NULL;
  gboolean shown = gtk_toggle_button_get_active (self->reveal[role]);

  if (token == NULL)
    adw_action_row_set_subtitle (self->token_rows[role],
                                 self->tokens_error ? self->tokens_error : _("Not available"));
  else
    adw_action_row_set_subtitle (self->token_rows[role], shown ? token : MASK);
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal[role]),
                            shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal[role]), shown ? _("Hide") : _("Show"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reveal[role]), token != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy[role]), token != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->regenerate[role]), self->tokens != NULL);
}

static void
refresh_tokens (QdRemoteAccessPage *self)
{
  refresh_token_row (self, QD_API_ROLE_VIEWER);
  refresh_token_row (self, QD_API_ROLE_TRADER);
}

static QdApiRole
role_of (QdRemoteAccessPage *self,
         gpointer            widget)
{
  return (gpointer) self->reveal[QD_API_ROLE_TRADER] == widget ||
         (gpointer) self->copy[QD_API_ROLE_TRADER] == widget ||
         (gpointer) self->regenerate[QD_API_ROLE_TRADER] == widget ? QD_API_ROLE_TRADER
                                                                   : QD_API_ROLE_VIEWER;
}

static void
reveal_toggled_cb (GtkToggleButton    *button,
                   QdRemoteAccessPage *self)
{
  refresh_token_row (self, role_of (self, button));
}

static void
copy_token_cb (GtkButton          *button,
               QdRemoteAccessPage *self)
{
  QdApiRole role = role_of (self, button);
  const char *token = self->tokens ? qd_token_store_get_token (self->tokens, role) : NULL;
  g_autofree char *text = NULL;

  if (token == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), token);
  /* Translators: "viewer token" or "trader token" */
  text = g_strdup_printf (_("The %s is on the clipboard"), role_name (role));
  toast (self, text);
}

static void
regenerate_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        QdRemoteAccessPage *self)
{
  QdApiRole role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "qd-role"));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "regenerate") || self->tokens == NULL)
    return;
  if (!qd_token_store_regenerate (self->tokens, role, &error))
    text = g_strdup_printf (_("Could not regenerate the %s: %s"), role_name (role), error->message);
  else
    text = g_strdup_printf (_("A new %s is in use"), role_name (role));
  refresh_tokens (self);
  toast (self, text);
}

static void
regenerate_clicked_cb (GtkButton          *button,
                       QdRemoteAccessPage *self)
{
  QdApiRole role = role_of (self, button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Regenerate the %s?"), role_name (role));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading,
                                                       _("Clients using the current one are refused "
                                                         "until they are given the new one.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "regenerate", _("_Regenerate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "regenerate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "qd-role", GINT_TO_POINTER (role));
  g_signal_connect_object (dialog, "response", G_CALLBACK (regenerate_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
suffix_button (const char *icon_name,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
add_token_row (QdRemoteAccessPage *self,
               QdApiRole           role,
               const char         *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *reveal = gtk_toggle_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (row), "token-row");
  gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reveal, "flat");
  self->reveal[role] = GTK_TOGGLE_BUTTON (reveal);
  self->copy[role] = GTK_BUTTON (suffix_button ("edit-copy-symbolic", _("Copy")));
  self->regenerate[role] = GTK_BUTTON (suffix_button ("view-refresh-symbolic", _("Regenerate…")));
  g_signal_connect (reveal, "toggled", G_CALLBACK (reveal_toggled_cb), self);
  g_signal_connect (self->copy[role], "clicked", G_CALLBACK (copy_token_cb), self);
  g_signal_connect (self->regenerate[role], "clicked", G_CALLBACK (regenerate_clicked_cb), self);
  adw_action_row_add_suffix (row, reveal);
  adw_action_row_add_suffix (row, GTK_WIDGET (self->copy[role]));
  adw_action_row_add_suffix (row, GTK_WIDGET (self->regenerate[role]));
  self->token_rows[role] = row;
  adw_preferences_group_add (self->tokens_group, GTK_WIDGET (row));
}

/* The running server's store, so that a new token applies at once; else the user's. */
static void
choose_tokens (QdRemoteAccessPage *self)
{
  g_autoptr(GError) error = NULL;
  QdTokenStore *tokens = self->server ? qd_api_server_get_tokens (self->server) : NULL;

  if (tokens == NULL && self->own_tokens == NULL && self->tokens_error == NULL)
    {
      self->own_tokens = qd_token_store_new (NULL, &error);
      if (self->own_tokens == NULL)
        self->tokens_error = g_strdup (error->message);
    }
  if (tokens == NULL)
    tokens = self->own_tokens;
  if (self->tokens != NULL)
    g_signal_handlers_disconnect_by_func (self->tokens, refresh_tokens, self);
  self->tokens = tokens;
  if (tokens != NULL)
    g_signal_connect_object (tokens, "changed", G_CALLBACK (refresh_tokens), self, G_CONNECT_SWAPPED);
  refresh_tokens (self);
}

/* ---- the page -------------------------------------------------------------------------- */

static void
bind_settings (QdRemoteAccessPage *self)
{
  g_settings_bind (self->settings, "server-enabled", self->enabled_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "server-port", self->port_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "server-loopback-viewers", self->loopback_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* The entries apply only valid text, so they follow the settings by hand. */
  g_signal_connect_object (self->settings, "changed::server-address",
                           G_CALLBACK (refresh_address), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::server-cors-origins",
                           G_CALLBACK (refresh_origins), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::server-port",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::server-enabled",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  refresh_address (self);
  refresh_origins (self);
}

static void
qd_remote_access_page_constructed (GObject *object)
{
  QdRemoteAccessPage *self = QD_REMOTE_ACCESS_PAGE (object);

  G_OBJECT_CLASS (qd_remote_access_page_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  bind_settings (self);
  choose_tokens (self);
  update_status (self);
}

static void
qd_remote_access_page_dispose (GObject *object)
{
  QdRemoteAccessPage *self = QD_REMOTE_ACCESS_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  if (self->server != NULL)
    g_signal_handlers_disconnect_by_data (self->server, self);
  if (self->tokens != NULL)
    g_signal_handlers_disconnect_by_data (self->tokens, self);
  self->tokens = NULL;
  g_clear_object (&self->server);
  g_clear_object (&self->own_tokens);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_REMOTE_ACCESS_PAGE);

  G_OBJECT_CLASS (qd_remote_access_page_parent_class)->dispose (object);
}

static void
qd_remote_access_page_finalize (GObject *object)
{
  QdRemoteAccessPage *self = QD_REMOTE_ACCESS_PAGE (object);

  g_free (self->tokens_error);

  G_OBJECT_CLASS (qd_remote_access_page_parent_class)->finalize (object);
}

static void
qd_remote_access_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  QdRemoteAccessPage *self = QD_REMOTE_ACCESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    case PROP_SERVER: g_value_set_object (value, self->server); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_remote_access_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  QdRemoteAccessPage *self = QD_REMOTE_ACCESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    case PROP_SERVER: qd_remote_access_page_set_server (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_remote_access_page_class_init (QdRemoteAccessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = qd_remote_access_page_constructed;
  object_class->dispose = qd_remote_access_page_dispose;
  object_class->finalize = qd_remote_access_page_finalize;
  object_class->get_property = qd_remote_access_page_get_property;
  object_class->set_property = qd_remote_access_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, QD_TYPE_API_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quarterdeck/Quarterdeck/qd-remote-access-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, address_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, exposed_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, port_adjustment);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, loopback_switch);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, origins_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, origins_error_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, QdRemoteAccessPage, tokens_group);
  gtk_widget_class_bind_template_callback (widget_class, address_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, origins_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_url_cb);
}

static void
qd_remote_access_page_init (QdRemoteAccessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_token_row (self, QD_API_ROLE_VIEWER, _("Viewer token"));
  add_token_row (self, QD_API_ROLE_TRADER, _("Trader token"));
}

GtkWidget *
qd_remote_access_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (QD_TYPE_REMOTE_ACCESS_PAGE, "settings", settings, NULL);
}

void
qd_remote_access_page_set_server (QdRemoteAccessPage *self,
                                  QdApiServer        *server)
{
  g_return_if_fail (QD_IS_REMOTE_ACCESS_PAGE (self));
  g_return_if_fail (server == NULL || QD_IS_API_SERVER (server));

  if (self->server == server)
    return;
  if (self->server != NULL)
    g_signal_handlers_disconnect_by_data (self->server, self);
  g_set_object (&self->server, server);
  if (server != NULL)
    g_signal_connect_object (server, "notify", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      choose_tokens (self);
      update_status (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

QdApiServer *
qd_remote_access_page_get_server (QdRemoteAccessPage *self)
{
  g_return_val_if_fail (QD_IS_REMOTE_ACCESS_PAGE (self), NULL);
  return self->server;
}

QdTokenStore *
qd_remote_access_page_get_tokens (QdRemoteAccessPage *self)
{
  g_return_val_if_fail (QD_IS_REMOTE_ACCESS_PAGE (self), NULL);
  return self->tokens;
}

/* ---- test accessors ---------------------------------------------------------------------- */

AdwActionRow *
_qd_remote_access_page_get_token_row (QdRemoteAccessPage *self,
                                      QdApiRole           role)
{
  return self->token_rows[role];
}

GtkToggleButton *
_qd_remote_access_page_get_reveal (QdRemoteAccessPage *self,
                                   QdApiRole           role)
{
  return self->reveal[role];
}

GtkButton *
_qd_remote_access_page_get_copy (QdRemoteAccessPage *self,
                                 QdApiRole           role)
{
  return self->copy[role];
}

GtkButton *
_qd_remote_access_page_get_regenerate (QdRemoteAccessPage *self,
                                       QdApiRole           role)
{
  return self->regenerate[role];
}

AdwMessageDialog *
_qd_remote_access_page_get_dialog (QdRemoteAccessPage *self)
{
  return self->dialog;
}

AdwEntryRow *
_qd_remote_access_page_get_address_row (QdRemoteAccessPage *self)
{
  return self->address_row;
}

gpointer
_qd_remote_access_page_get_part (QdRemoteAccessPage *self,
                                 const char         *id)
{
  return gtk_widget_get_template_child (GTK_WIDGET (self), QD_TYPE_REMOTE_ACCESS_PAGE, id);
}
