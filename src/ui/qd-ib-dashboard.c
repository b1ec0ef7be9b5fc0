/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-ib-dashboard-private.h"
#include "qd-orders-table.h"
#include "qd-positions-table.h"

/*
 * The Interactive Brokers tab. The service applies every bus event at once; this widget
 * only marks what changed on its frame coalescer and formats the cards in the "flush"
 * handler, so a burst of account states or heartbeats costs one relabel per frame.
 */

typedef char *(*RefreshFunc) (QdIbService  *service,
                              GError      **error);

static const struct
{
  const char  *action;
  RefreshFunc  send;
  const char  *idle_tip;
  const char  *pending_tip;
} refresh_info[QD_N_REFRESH] = {
  { "dashboard.refresh-account", qd_ib_service_refresh_account,
    N_("Request the account summary again"),
    N_("Waiting for the node to confirm the account request…") },
  { "dashboard.refresh-positions", qd_ib_service_refresh_positions,
    N_("Request the positions again"),
    N_("Waiting for the node to confirm the positions request…") },
  { "dashboard.refresh-orders", qd_ib_service_refresh_orders,
    N_("Request the orders again"),
    N_("Waiting for the node to confirm the orders request…") },
};

G_DEFINE_FINAL_TYPE (QdIbDashboard, qd_ib_dashboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- refresh buttons ---------------------------------------------------------------- */

static void
refresh_show_status (QdRefreshControl *control,
                     const char       *text,
                     const char       *css)
{
  gtk_widget_set_visible (GTK_WIDGET (control->status), text != NULL);
  gtk_label_set_text (control->status, text ? text : "");
  /* The label may be ellipsized: the whole message is one hover away. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (control->status), text);
  gtk_widget_remove_css_class (GTK_WIDGET (control->status), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (control->status), "warning");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (control->status), css);
}

static void
refresh_set_pending (QdIbDashboard *self,
                     QdRefreshKind  kind,
                     char          *request_id)
{
  QdRefreshControl *control = &self->refresh[kind];
  gboolean pending = request_id != NULL;

  g_free (control->request_id);
  control->request_id = request_id;

  /* One outstanding request per kind: the button rests until the node answers. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), refresh_info[kind].action, !pending);
  gtk_stack_set_visible_child_name (control->stack, pending ? "spinner" : "icon");
  gtk_spinner_set_spinning (control->spinner, pending);
  gtk_widget_set_tooltip_text (control->button, pending ? _(refresh_info[kind].pending_tip)
                                                        : _(refresh_info[kind].idle_tip));
}

static void
refresh_finish (QdIbDashboard  *self,
                QdRefreshKind   kind,
                QdRequestState  state)
{
  QdRefreshControl *control = &self->refresh[kind];
  g_autofree char *message = NULL;
  const char *error = NULL;

  qd_ib_service_get_request (self->service, control->request_id, NULL, NULL, &error);

  switch (state)
    {
    case QD_REQUEST_STATE_PENDING:
      return;
    case QD_REQUEST_STATE_ACKED:
      refresh_show_status (control, NULL, NULL);
      break;
    case QD_REQUEST_STATE_REJECTED:
      message = g_strdup_printf (_("Refused: %s"), error ? error : _("the node gave no reason"));
      refresh_show_status (control, message, "error");
      break;
    case QD_REQUEST_STATE_UNKNOWN:
    default:
      refresh_show_status (control, _("No answer from the node"), "warning");
      break;
    }

  refresh_set_pending (self, kind, NULL);
}

static void
refresh_send (QdIbDashboard *self,
              QdRefreshKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  char *request_id;
  QdRequestState state = QD_REQUEST_STATE_PENDING;

  if (self->refresh[kind].request_id != NULL)
    return;

  request_id = refresh_info[kind].send (self->service, &error);
  if (request_id == NULL)
    {
      message = g_strdup_printf (_("Not sent: %s"), error->message);
      refresh_show_status (&self->refresh[kind], message, "error");
      return;
    }

  refresh_show_status (&self->refresh[kind], NULL, NULL);
  refresh_set_pending (self, kind, request_id);

  /* A bus that answers at once has already settled it. */
  if (qd_ib_service_get_request (self->service, request_id, &state, NULL, NULL) &&
      state != QD_REQUEST_STATE_PENDING)
    refresh_finish (self, kind, state);
}

static void
request_updated_cb (QdIbDashboard *self,
                    const char    *request_id,
                    int            state,
                    QdIbService   *service)
{
  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    {
      if (g_strcmp0 (self->refresh[kind].request_id, request_id) == 0)
        refresh_finish (self, kind, (QdRequestState) state);
    }
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (widget);

  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    {
      if (g_strcmp0 (action_name, refresh_info[kind].action) == 0)
        refresh_send (self, kind);
    }
}

static void
refresh_all_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  qd_ib_dashboard_refresh_all (QD_IB_DASHBOARD (widget));
}

/* ---- updates ------------------------------------------------------------------------ */

static void
flush_cb (QdIbDashboard    *self,
          GPtrArray        *dirty,
          QdFrameCoalescer *coalescer)
{
  for (guint i = 0; i < dirty->len; i++)
    {
      gpointer object = g_ptr_array_index (dirty, i);

      if (object == (gpointer) self->connection)
        _qd_ib_dashboard_update_connection (self);
      else if (object == (gpointer) self->account)
        _qd_ib_dashboard_update_account (self);
    }
}

static void
account_updated_cb (QdIbDashboard *self)
{
  qd_frame_coalescer_mark (self->coalescer, self->account);
}

static void
connection_changed_cb (QdIbDashboard *self)
{
  qd_frame_coalescer_mark (self->coalescer, self->connection);
}

static gboolean
clock_cb (gpointer user_data)
{
  QdIbDashboard *self = user_data;

  /* Heartbeat age and uptime move on even when nothing arrives. */
  qd_frame_coalescer_mark (self->coalescer, self->connection);
  return G_SOURCE_CONTINUE;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
qd_ib_dashboard_map (GtkWidget *widget)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (widget);

  GTK_WIDGET_CLASS (qd_ib_dashboard_parent_class)->map (widget);

  if (self->clock_id == 0 && self->connection != NULL)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  if (self->connection != NULL)
    qd_frame_coalescer_mark (self->coalescer, self->connection);
}

static void
qd_ib_dashboard_unmap (GtkWidget *widget)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (qd_ib_dashboard_parent_class)->unmap (widget);
}

static void
qd_ib_dashboard_constructed (GObject *object)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (object);
  GtkWidget *positions;
  GtkWidget *orders;

  G_OBJECT_CLASS (qd_ib_dashboard_parent_class)->constructed (object);

  g_return_if_fail (QD_IS_IB_SERVICE (self->service));

  self->connection = g_object_ref (qd_ib_service_get_connection (self->service));
  self->account = g_object_ref (qd_ib_service_get_account (self->service));

  self->account_handler = g_signal_connect_swapped (self->service, "account-updated",
                                                    G_CALLBACK (account_updated_cb), self);
  self->request_handler = g_signal_connect_swapped (self->service, "request-updated",
                                                    G_CALLBACK (request_updated_cb), self);
  self->connection_handler = g_signal_connect_swapped (self->connection, "notify",
                                                       G_CALLBACK (connection_changed_cb), self);

  positions = qd_positions_table_new (self->service);
  gtk_widget_set_vexpand (positions, TRUE);
  gtk_box_append (self->positions_section, positions);

  orders = qd_orders_table_new (self->service);
  gtk_widget_set_vexpand (orders, TRUE);
  gtk_box_append (self->orders_section, orders);

  qd_frame_coalescer_mark (self->coalescer, self->connection);
  qd_frame_coalescer_mark (self->coalescer, self->account);
}

static void
qd_ib_dashboard_dispose (GObject *object)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->coalescer != NULL)
    g_clear_signal_handler (&self->flush_handler, self->coalescer);
  g_clear_object (&self->coalescer);
  if (self->service != NULL)
    {
      g_clear_signal_handler (&self->account_handler, self->service);
      g_clear_signal_handler (&self->request_handler, self->service);
    }
  if (self->connection != NULL)
    g_clear_signal_handler (&self->connection_handler, self->connection);
  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    g_clear_pointer (&self->refresh[kind].request_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_IB_DASHBOARD);

  g_clear_object (&self->connection);
  g_clear_object (&self->account);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (qd_ib_dashboard_parent_class)->dispose (object);
}

static void
qd_ib_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_ib_dashboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  QdIbDashboard *self = QD_IB_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QdIbDashboard, name)
#define BIND_REFRESH(kind, prefix) \
  G_STMT_START { \
    gtk_widget_class_bind_template_child_full (widget_class, prefix "_refresh_button", FALSE, \
      G_STRUCT_OFFSET (QdIbDashboard, refresh[kind].button)); \
    gtk_widget_class_bind_template_child_full (widget_class, prefix "_refresh_stack", FALSE, \
      G_STRUCT_OFFSET (QdIbDashboard, refresh[kind].stack)); \
    gtk_widget_class_bind_template_child_full (widget_class, prefix "_refresh_spinner", FALSE, \
      G_STRUCT_OFFSET (QdIbDashboard, refresh[kind].spinner)); \
    gtk_widget_class_bind_template_child_full (widget_class, prefix "_refresh_status", FALSE, \
      G_STRUCT_OFFSET (QdIbDashboard, refresh[kind].status)); \
  } G_STMT_END

static void
bind_template_children (GtkWidgetClass *widget_class)
{
  /* The top-level child holding the floating New Order button: bound without a field so
   * dispose_template unparents it. */
  gtk_widget_class_bind_template_child_full (widget_class, "fab_overlay", FALSE, 0);
  /* Reached by _qd_ib_dashboard_get_part() only (the tests measure the button's place). */
  gtk_widget_class_bind_template_child_full (widget_class, "new_order_button", FALSE, 0);
  BIND (scroller);
  BIND (connection_icon);
  BIND (connection_title);
  BIND (connection_subtitle);
  BIND (mode_badge);
  BIND (connection_hint);
  BIND (gateway_value);
  BIND (client_id_value);
  BIND (address_value);
  BIND (account_value);
  BIND (connected_since_value);
  BIND (node_state_value);
  BIND (heartbeat_value);
  BIND (trading_state_value);
  BIND (bus_value);
  BIND (error_key);
  BIND (error_value);
  BIND (account_subtitle);
  BIND (account_stack);
  BIND (net_liquidation_value);
  BIND (currency_value);
  BIND (daily_change_value);
  BIND (total_cash_value);
  BIND (buying_power_value);
  BIND (available_funds_value);
  BIND (initial_margin_value);
  BIND (maintenance_margin_value);
  BIND (excess_liquidity_value);
  BIND (account_updated);
  /* Bound only so tests can find them. */
  gtk_widget_class_bind_template_child_full (widget_class, "connection_card", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "account_card", FALSE, 0);
  BIND (positions_section);
  BIND (orders_section);
  BIND_REFRESH (QD_REFRESH_ACCOUNT, "account");
  BIND_REFRESH (QD_REFRESH_POSITIONS, "positions");
  BIND_REFRESH (QD_REFRESH_ORDERS, "orders");
}

#undef BIND
#undef BIND_REFRESH

static void
qd_ib_dashboard_class_init (QdIbDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = qd_ib_dashboard_constructed;
  object_class->dispose = qd_ib_dashboard_dispose;
  object_class->get_property = qd_ib_dashboard_get_property;
  object_class->set_property = qd_ib_dashboard_set_property;
  widget_class->map = qd_ib_dashboard_map;
  widget_class->unmap = qd_ib_dashboard_unmap;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, QD_TYPE_IB_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quarterdeck/Quarterdeck/qd-ib-dashboard.ui");
  bind_template_children (widget_class);

  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    gtk_widget_class_install_action (widget_class, refresh_info[kind].action, NULL,
                                     refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.refresh-all", NULL,
                                   refresh_all_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh-all", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ib-dashboard");
}

static void
qd_ib_dashboard_init (QdIbDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  self->flush_handler = g_signal_connect_swapped (self->coalescer, "flush",
                                                  G_CALLBACK (flush_cb), self);

  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    refresh_set_pending (self, kind, NULL);
}

GtkWidget *
qd_ib_dashboard_new (QdIbService *service)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  return g_object_new (QD_TYPE_IB_DASHBOARD, "service", service, NULL);
}

QdIbService *
qd_ib_dashboard_get_service (QdIbDashboard *self)
{
  g_return_val_if_fail (QD_IS_IB_DASHBOARD (self), NULL);

  return self->service;
}

void
qd_ib_dashboard_refresh_all (QdIbDashboard *self)
{
  g_return_if_fail (QD_IS_IB_DASHBOARD (self));

  for (guint kind = 0; kind < QD_N_REFRESH; kind++)
    refresh_send (self, kind);
}

QdFrameCoalescer *
qd_ib_dashboard_get_coalescer (QdIbDashboard *self)
{
  g_return_val_if_fail (QD_IS_IB_DASHBOARD (self), NULL);

  return self->coalescer;
}

GtkWidget *
_qd_ib_dashboard_get_part (QdIbDashboard *self,
                           const char    *id)
{
  g_return_val_if_fail (QD_IS_IB_DASHBOARD (self), NULL);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), QD_TYPE_IB_DASHBOARD, id));
}
