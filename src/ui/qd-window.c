/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-activity-view.h"
#include "qd-frame-coalescer.h"
#include "qd-ib-dashboard.h"
#include "qd-order-ticket.h"
#include "qd-risk-check.h"
#include "qd-window-private.h"

struct _QdWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *mode_badge;
  GtkLabel             *bus_pill;
  GtkLabel             *ib_pill;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *no_bus_page;

  QdRuntime            *runtime;
  QdConnectionStatus   *connection;
  QdFrameCoalescer     *coalescer;
  GtkWidget            *dashboard;
  GtkWidget            *activity_view;
  GSettings            *settings;
  QdRiskCheck          *risk;

  AdwToast             *fills_toast;
  guint                 fills_in_toast;
  char                 *last_toast;
  guint                 n_toasts;
  gboolean              was_connected;
  gboolean              was_bus_connected;
  gboolean              ever_bus_connected;
};

G_DEFINE_FINAL_TYPE (QdWindow, qd_window, ADW_TYPE_APPLICATION_WINDOW)

static void
set_classes (GtkWidget   *widget,
             const char  *base,
             const char  *state)
{
  const char *classes[] = { base, state, NULL };

  gtk_widget_set_css_classes (widget, classes);
}

/* Returns the toast, owned by the overlay until it is dismissed. */
static AdwToast *
show_toast (QdWindow   *self,
            const char *title,
            guint       timeout)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  self->n_toasts++;

  return toast;
}

static void
update_mode_badge (QdWindow *self)
{
  QdConnectionStatus *c = self->connection;

  if (qd_connection_status_get_simulated (c))
    {
      gtk_label_set_label (self->mode_badge, _("SIMULATED"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_badge),
                                   _("Simulated paper venue: no orders reach Interactive Brokers"));
      set_classes (GTK_WIDGET (self->mode_badge), "mode-badge", "simulated");
      return;
    }

  switch (qd_connection_status_get_trading_mode (c))
    {
    case QD_TRADING_MODE_PAPER:
      gtk_label_set_label (self->mode_badge, _("PAPER"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_badge), _("Paper trading account"));
      set_classes (GTK_WIDGET (self->mode_badge), "mode-badge", "paper");
      break;

    case QD_TRADING_MODE_LIVE:
      gtk_label_set_label (self->mode_badge, _("LIVE"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_badge), _("Live account: orders use real money"));
      set_classes (GTK_WIDGET (self->mode_badge), "mode-badge", "live");
      break;

    case QD_TRADING_MODE_UNKNOWN:
    default:
      gtk_label_set_label (self->mode_badge, _("PAPER/LIVE?"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mode_badge),
                                   _("Not known yet whether this is a paper or a live account"));
      set_classes (GTK_WIDGET (self->mode_badge), "mode-badge", "unknown");
      break;
    }
}

static const char *
disconnected_advice (QdConnectionStatus *c)
{
  if (qd_connection_status_get_bus_state (c) != QD_BUS_STATE_CONNECTED)
    return _("The MessageBus is not connected: check that Redis is running and the bus URL in Preferences.");
  if (qd_connection_status_get_stale (c))
    return _("No heartbeat from the NautilusTrader node: check that it is running and streaming to Redis.");
  if (qd_connection_status_get_last_heartbeat (c) == 0 && qd_connection_status_get_node_state (c) == NULL)
    return _("Waiting for the node: nothing received from it yet.");
  return _("The node reports that IB is not connected: check TWS or IB Gateway and its API settings.");
}

/* Connected, connecting, reconnecting (it was up before) or error, apart from IB's state. */
static const char *
bus_pill_text (QdWindow   *self,
               QdBusState  state)
{
  switch (state)
    {
    case QD_BUS_STATE_CONNECTED:
      return _("Bus: connected");
    case QD_BUS_STATE_CONNECTING:
      return self->ever_bus_connected ? _("Bus: reconnecting") : _("Bus: connecting");
    case QD_BUS_STATE_ERROR:
      return _("Bus: error");
    case QD_BUS_STATE_DISCONNECTED:
    default:
      return _("Bus: disconnected");
    }
}

static void
update_header (QdWindow *self)
{
  QdConnectionStatus *c = self->connection;
  gboolean bus_up = qd_connection_status_get_bus_state (c) == QD_BUS_STATE_CONNECTED;
  gboolean connected = qd_connection_status_get_connected (c);
  gboolean stale = qd_connection_status_get_stale (c);

  gtk_label_set_label (self->bus_pill, bus_pill_text (self, qd_connection_status_get_bus_state (c)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bus_pill), qd_connection_status_get_bus_description (c));
  set_classes (GTK_WIDGET (self->bus_pill), "connection-pill", bus_up ? "connected" : "disconnected");

  gtk_label_set_label (self->ib_pill, connected ? _("IB: connected") : stale ? _("IB: stale") : _("IB: not connected"));
  set_classes (GTK_WIDGET (self->ib_pill), "connection-pill",
               connected ? "connected" : stale ? "stale" : "disconnected");

  update_mode_badge (self);

  gtk_label_set_label (self->banner_label, connected ? "" : disconnected_advice (c));
  gtk_revealer_set_reveal_child (self->banner_revealer, !connected);

  if (self->was_connected && !connected)
    show_toast (self, stale ? _("Lost the node's heartbeat") : _("Disconnected from Interactive Brokers"), 5);
  else if (self->was_bus_connected && !bus_up)
    show_toast (self, _("MessageBus disconnected"), 5);
  self->was_connected = connected;
  self->was_bus_connected = bus_up;
  self->ever_bus_connected |= bus_up;
}

static void
flush_cb (QdFrameCoalescer *coalescer,
          GPtrArray        *dirty,
          QdWindow         *self)
{
  update_header (self);
}

static void
connection_notify_cb (QdWindow *self)
{
  qd_frame_coalescer_mark (self->coalescer, self->connection);
}

static void
fills_toast_dismissed_cb (AdwToast *toast,
                          QdWindow *self)
{
  if (self->fills_toast == toast)
    {
      self->fills_toast = NULL;
      self->fills_in_toast = 0;
    }
}

/* One toast for a burst of fills, kept up to date, rather than a queue of hundreds. */
static void
fill_cb (QdIbService *service,
         QdOrder     *order,
         const char  *description,
         QdWindow    *self)
{
  g_autofree char *title = NULL;

  self->fills_in_toast++;
  if (self->fills_in_toast == 1)
    title = g_strdup_printf (_("Filled: %s"), description);
  else
    title = g_strdup_printf (ngettext ("%u fill, last: %s", "%u fills, last: %s", self->fills_in_toast),
                             self->fills_in_toast, description);

  if (self->fills_toast != NULL)
    {
      adw_toast_set_title (self->fills_toast, title);
      g_free (self->last_toast);
      self->last_toast = g_strdup (title);
      return;
    }

  /* The overlay holds the toast; keep a borrowed pointer until it is dismissed. */
  self->fills_toast = show_toast (self, title, 4);
  g_signal_connect_object (self->fills_toast, "dismissed",
                           G_CALLBACK (fills_toast_dismissed_cb), self, 0);
}

static void
activity_cb (QdIbService *service,
             int          kind,
             const char  *message,
             QdWindow    *self)
{
  if (kind == QD_ACTIVITY_REJECT)
    show_toast (self, message, 6);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QdWindow *self = QD_WINDOW (widget);

  if (self->dashboard != NULL)
    qd_ib_dashboard_refresh_all (QD_IB_DASHBOARD (self->dashboard));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QdWindow *self = QD_WINDOW (widget);

  if (g_str_equal (action_name, "win.show-ib"))
    adw_view_stack_set_visible_child_name (self->view_stack, "ib");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "activity");

  if (g_str_equal (action_name, "win.search-activity") && self->activity_view != NULL)
    qd_activity_view_focus_search (QD_ACTIVITY_VIEW (self->activity_view));
}

/* A floating ticket on this window's service; it is not modal, so several may be open. */
static QdOrderTicket *
open_ticket (QdWindow *self)
{
  GtkWidget *ticket;

  if (self->risk == NULL)
    {
      self->risk = qd_risk_check_new (qd_runtime_get_service (self->runtime));
      qd_risk_check_bind_settings (self->risk, self->settings);
    }
  ticket = qd_order_ticket_new (qd_runtime_get_service (self->runtime), self->risk);
  gtk_window_set_transient_for (GTK_WINDOW (ticket), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (ticket), TRUE);
  gtk_window_set_application (GTK_WINDOW (ticket), gtk_window_get_application (GTK_WINDOW (self)));
  return QD_ORDER_TICKET (ticket);
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QdWindow *self = QD_WINDOW (widget);

  if (self->runtime != NULL)
    gtk_window_present (GTK_WINDOW (open_ticket (self)));
}

/* (instrument id, "BUY"|"SELL", quantity or ""): a ticket prefilled, e.g. from a position. */
static void
new_order_prefilled_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  QdWindow *self = QD_WINDOW (widget);
  const char *instrument_id, *side, *quantity_text;
  QdDecimal quantity = QD_DECIMAL_NONE;
  QdOrderTicket *ticket;

  if (self->runtime == NULL)
    return;
  g_variant_get (parameter, "(&s&s&s)", &instrument_id, &side, &quantity_text);
  if (*quantity_text != '\0' && !qd_decimal_parse (quantity_text, -1, &quantity, NULL))
    quantity = QD_DECIMAL_NONE;
  ticket = open_ticket (self);
  qd_order_ticket_prefill (ticket, instrument_id,
                           g_str_equal (side, "SELL") ? QD_ORDER_SIDE_SELL : QD_ORDER_SIDE_BUY,
                           quantity);
  gtk_window_present (GTK_WINDOW (ticket));
}

static void
save_window_state (QdWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  int width, height;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "window-width"))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
restore_window_state (QdWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, "window-width"))
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (self->settings, "window-width"), 640),
                               MAX (g_settings_get_int (self->settings, "window-height"), 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
qd_window_close_request (GtkWindow *window)
{
  save_window_state (QD_WINDOW (window));
  return GTK_WINDOW_CLASS (qd_window_parent_class)->close_request (window);
}

static void
qd_window_dispose (GObject *object)
{
  QdWindow *self = QD_WINDOW (object);

  if (self->runtime != NULL)
    {
      g_signal_handlers_disconnect_by_data (qd_runtime_get_service (self->runtime), self);
      g_signal_handlers_disconnect_by_data (self->connection, self);
    }
  g_clear_object (&self->coalescer);
  if (self->risk != NULL)
    qd_risk_check_bind_settings (self->risk, NULL);
  g_clear_object (&self->risk);
  g_clear_object (&self->runtime);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qd_window_parent_class)->dispose (object);
}

static void
qd_window_finalize (GObject *object)
{
  QdWindow *self = QD_WINDOW (object);

  g_free (self->last_toast);

  G_OBJECT_CLASS (qd_window_parent_class)->finalize (object);
}

static void
qd_window_class_init (QdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qd_window_dispose;
  object_class->finalize = qd_window_finalize;
  window_class->close_request = qd_window_close_request;

  g_type_ensure (QD_TYPE_IB_DASHBOARD);
  g_type_ensure (QD_TYPE_ACTIVITY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quarterdeck/Quarterdeck/qd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, mode_badge);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, bus_pill);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, ib_pill);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, QdWindow, no_bus_page);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-ib", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-activity", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search-activity", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "win.new-order-prefilled", "(sss)",
                                   new_order_prefilled_action);
}

static void
qd_window_init (QdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  g_signal_connect (self->coalescer, "flush", G_CALLBACK (flush_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order-prefilled", FALSE);
  restore_window_state (self);
}

/* The API server could not start (a busy port, a bad certificate): the desktop goes on, and
 * says so until the toast is dismissed. */
static void
server_changed_cb (QdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  QdApiServer *server = QD_IS_APPLICATION (app) ? qd_application_get_server (QD_APPLICATION (app)) : NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (server == NULL || qd_api_server_get_state (server) != QD_API_SERVER_FAILED)
    return;

  title = g_strdup_printf (_("Remote access is off: %s"), qd_api_server_get_error (server));
  toast = show_toast (self, title, 0);
  adw_toast_set_button_label (toast, _("Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
}

QdWindow *
qd_window_new (QdApplication *application)
{
  QdWindow *self;

  g_return_val_if_fail (QD_IS_APPLICATION (application), NULL);

  self = g_object_new (QD_TYPE_WINDOW, "application", application, NULL);
  g_signal_connect_object (application, "notify::server", G_CALLBACK (server_changed_cb), self,
                           G_CONNECT_SWAPPED);
  server_changed_cb (self);
  return self;
}

void
qd_window_set_runtime (QdWindow  *self,
                       QdRuntime *runtime)
{
  QdIbService *service;
  AdwViewStackPage *page;

  g_return_if_fail (QD_IS_WINDOW (self));
  g_return_if_fail (QD_IS_RUNTIME (runtime));
  g_return_if_fail (self->runtime == NULL);

  self->runtime = g_object_ref (runtime);
  service = qd_runtime_get_service (runtime);
  self->connection = g_object_ref (qd_ib_service_get_connection (service));

  self->dashboard = qd_ib_dashboard_new (service);
  page = adw_view_stack_add_titled (self->view_stack, self->dashboard, "ib", _("Interactive Brokers"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");

  self->activity_view = qd_activity_view_new (qd_runtime_get_activity (runtime));
  qd_activity_view_set_journal (QD_ACTIVITY_VIEW (self->activity_view), qd_runtime_get_journal (runtime),
                                _("The order journal could not be opened: orders are refused. "
                                  "The Activity events say why."));
  page = adw_view_stack_add_titled (self->view_stack, self->activity_view, "activity", _("Activity"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");

  g_signal_connect_swapped (self->connection, "notify", G_CALLBACK (connection_notify_cb), self);
  g_signal_connect (service, "fill", G_CALLBACK (fill_cb), self);
  g_signal_connect (service, "activity", G_CALLBACK (activity_cb), self);

  gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-order-prefilled", TRUE);
  update_header (self);
}

void
qd_window_show_no_bus (QdWindow   *self,
                       const char *reason)
{
  g_return_if_fail (QD_IS_WINDOW (self));

  adw_status_page_set_description (self->no_bus_page, reason);
  gtk_stack_set_visible_child_name (self->main_stack, "no-bus");
  gtk_label_set_label (self->bus_pill, _("Bus: not connected"));
  gtk_label_set_label (self->banner_label, _("No MessageBus is connected: Quarterdeck shows nothing until one is."));
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

AdwViewStack *
_qd_window_get_view_stack (QdWindow *self)
{
  return self->view_stack;
}

GtkLabel *
_qd_window_get_mode_badge (QdWindow *self)
{
  return self->mode_badge;
}

GtkLabel *
_qd_window_get_bus_pill (QdWindow *self)
{
  return self->bus_pill;
}

GtkLabel *
_qd_window_get_ib_pill (QdWindow *self)
{
  return self->ib_pill;
}

GtkRevealer *
_qd_window_get_banner (QdWindow *self)
{
  return self->banner_revealer;
}

GtkLabel *
_qd_window_get_banner_label (QdWindow *self)
{
  return self->banner_label;
}

const char *
_qd_window_get_main_page (QdWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
_qd_window_get_last_toast (QdWindow *self)
{
  return self->last_toast;
}

guint
_qd_window_get_n_toasts (QdWindow *self)
{
  return self->n_toasts;
}

GtkWidget *
_qd_window_get_dashboard (QdWindow *self)
{
  return self->dashboard;
}

void
_qd_window_flush (QdWindow *self)
{
  qd_frame_coalescer_flush_now (self->coalescer);
}
