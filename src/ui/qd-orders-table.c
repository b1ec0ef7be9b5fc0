/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "qd-order-actions.h"
#include "qd-orders-table.h"
#include "qd-table-cells.h"
#include "qd-table-menu.h"
#include "qd-table-view.h"
#include "qd-table-mirror.h"
#include "qd-table-order-columns.h"
#include "qd-table-private.h"
#include "qd-table-rows.h"

#define N_BUCKETS QD_ORDERS_FILTER_ALL
#define N_FILTERS (QD_ORDERS_FILTER_ALL + 1)

struct _QdOrdersTable
{
  GtkWidget            parent_instance;

  QdIbService         *service;
  QdFrameCoalescer    *coalescer;
  QdTableRows         *rows;
  QdTableMirror       *mirror;
  /* Each order's bucket as of the last flush (+1, 0 is absent): the filter and the counts
   * agree with each other and with what the rows show. */
  GHashTable          *buckets;
  guint                counts[N_BUCKETS];
  QdOrdersFilter       filter;
  gulong               order_updated_id;
  gulong               items_changed_id;
  gulong               request_updated_id;
  /* Bound rows' action cells, to follow their order's status. */
  GHashTable          *action_boxes;
  /* Requests sent from here without an outcome yet: request id -> what was asked. */
  GHashTable          *pending;
  AdwMessageDialog    *modify_dialog;
  AdwMessageDialog    *cancel_all_dialog;
  QdTableMenu         *menu;

  /* template */
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *custom_filter;
  GtkToggleButton     *filter_buttons[N_FILTERS];
  GtkLabel            *count_labels[N_FILTERS];
  GtkColumnViewColumn *columns[QD_ORDERS_N_COLUMNS];
  GtkColumnViewColumn *actions_column;
  GtkLabel            *feedback_label;
  GtkButton           *cancel_all_button;
};

G_DEFINE_FINAL_TYPE (QdOrdersTable, qd_orders_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- buckets and counts ------------------------------------------------------------------ */

static QdOrdersFilter
bucket_of (QdOrdersTable *self,
           QdOrder       *order)
{
  gpointer known = g_hash_table_lookup (self->buckets, order);

  /* An order the table has not flushed yet is judged on its live status. */
  if (known == NULL)
    return qd_table_order_bucket (order);
  return (QdOrdersFilter) (GPOINTER_TO_UINT (known) - 1);
}

static gboolean
filter_order (gpointer item,
              gpointer user_data)
{
  QdOrdersTable *self = user_data;

  return bucket_of (self, item) == self->filter;
}

static void
show_counts (QdOrdersTable *self)
{
  guint all = 0;

  for (guint i = 0; i < N_FILTERS; i++)
    {
      guint count = i < N_BUCKETS ? self->counts[i] : all;
      g_autofree char *text = qd_decimal_to_display (qd_decimal_from_int (count), 0, TRUE);

      if (i < N_BUCKETS)
        all += count;
      gtk_label_set_label (self->count_labels[i], text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.cancel-all",
                                 self->service != NULL && self->counts[QD_ORDERS_FILTER_WORKING] > 0);
}

/* Returns TRUE when the order entered or left the bucket on screen. */
static gboolean
rebucket (QdOrdersTable *self,
          QdOrder       *order)
{
  gpointer known = g_hash_table_lookup (self->buckets, order);
  QdOrdersFilter now = qd_table_order_bucket (order);
  QdOrdersFilter before;

  g_hash_table_insert (self->buckets, order, GUINT_TO_POINTER (now + 1));
  self->counts[now]++;
  if (known == NULL)
    return FALSE;

  before = GPOINTER_TO_UINT (known) - 1;
  self->counts[before]--;
  return before != now && (before == self->filter || now == self->filter);
}

/* From scratch: at start, and when orders leave the list. */
static void
recount (QdOrdersTable *self)
{
  GListModel *orders;
  guint n;

  g_hash_table_remove_all (self->buckets);
  memset (self->counts, 0, sizeof self->counts);
  if (self->service != NULL)
    {
      orders = qd_ib_service_get_orders (self->service);
      n = g_list_model_get_n_items (orders);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QdOrder) order = g_list_model_get_item (orders, i);

          rebucket (self, order);
        }
    }
  show_counts (self);
  if (self->filter != QD_ORDERS_FILTER_ALL)
    gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- updates ----------------------------------------------------------------------------- */

static void
order_updated_cb (QdOrdersTable *self,
                  QdOrder       *order)
{
  qd_frame_coalescer_mark (self->coalescer, order);
}

static void
orders_changed_cb (QdOrdersTable *self,
                   guint          position,
                   guint          removed,
                   guint          added,
                   GListModel    *orders)
{
  qd_table_mirror_source_changed (self->mirror, orders, position, removed, added);
  if (removed > 0)
    {
      recount (self);
      return;
    }
  /* A new order is shown and counted at the next flush, with the status it has by then. */
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (orders, position + i);

      qd_frame_coalescer_mark (self->coalescer, order);
    }
}

/* The sorters read live values, but a sort model only re-sorts when told: once per flush. */
static void
resort (QdOrdersTable *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
flush_cb (QdOrdersTable *self,
          GPtrArray     *dirty)
{
  guint counts_before[N_BUCKETS];
  gboolean moved = FALSE;
  gboolean at_top = qd_table_view_is_at_top (self->column_view);

  memcpy (counts_before, self->counts, sizeof counts_before);
  for (guint i = 0; i < dirty->len; i++)
    {
      QdOrder *order = g_ptr_array_index (dirty, i);

      GtkWidget *box = g_hash_table_lookup (self->action_boxes, order);

      qd_table_rows_refill (self->rows, order);
      moved |= rebucket (self, order);
      if (box != NULL)
        qd_order_actions_update (box, order);
    }
  qd_table_mirror_flush (self->mirror);

  if (memcmp (counts_before, self->counts, sizeof counts_before) != 0)
    show_counts (self);
  if (moved && self->filter != QD_ORDERS_FILTER_ALL)
    gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
  resort (self);
  /* A view at the top stays there as rows arrive and re-sort. */
  if (at_top)
    qd_table_view_scroll_to_top (self->column_view);
}

/* ---- filter ------------------------------------------------------------------------------ */

static const char *
empty_title (QdOrdersFilter filter)
{
  switch (filter)
    {
    case QD_ORDERS_FILTER_WORKING:   return _("No working orders");
    case QD_ORDERS_FILTER_FILLED:    return _("No filled orders");
    case QD_ORDERS_FILTER_CANCELLED: return _("No cancelled orders");
    case QD_ORDERS_FILTER_ALL:
    default:                         return _("No orders yet");
    }
}

static const char *
empty_description (QdOrdersFilter filter)
{
  switch (filter)
    {
    case QD_ORDERS_FILTER_WORKING:   return _("Orders at the broker that can still fill appear here.");
    case QD_ORDERS_FILTER_FILLED:    return _("Orders with executions appear here.");
    case QD_ORDERS_FILTER_CANCELLED: return _("Canceled, expired and rejected orders appear here.");
    case QD_ORDERS_FILTER_ALL:
    default:                         return _("Orders appear here as soon as the node reports them.");
    }
}

void
qd_orders_table_set_filter (QdOrdersTable  *self,
                            QdOrdersFilter  filter)
{
  g_return_if_fail (QD_IS_ORDERS_TABLE (self));
  g_return_if_fail (filter <= QD_ORDERS_FILTER_ALL);

  if (self->filter != filter)
    {
      self->filter = filter;
      adw_status_page_set_title (self->empty_page, empty_title (filter));
      adw_status_page_set_description (self->empty_page, empty_description (filter));
      /* "All" needs no function: the filter model then skips asking about each order. */
      if (filter == QD_ORDERS_FILTER_ALL)
        gtk_custom_filter_set_filter_func (self->custom_filter, NULL, NULL, NULL);
      else
        gtk_custom_filter_set_filter_func (self->custom_filter, filter_order, self, NULL);
    }
  /* The group turns the other buttons off; this comes back here as a no-op. */
  gtk_toggle_button_set_active (self->filter_buttons[filter], TRUE);
}

QdOrdersFilter
qd_orders_table_get_filter (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), QD_ORDERS_FILTER_ALL);

  return self->filter;
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   QdOrdersTable   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < N_FILTERS; i++)
    if (self->filter_buttons[i] == button)
      qd_orders_table_set_filter (self, i);
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
show_feedback (QdOrdersTable *self,
               const char    *text,
               gboolean       is_error)
{
  gtk_label_set_label (self->feedback_label, text);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->feedback_label), "dim-label");
    }
}

static void request_updated_cb (QdOrdersTable *self,
                                const char    *request_id,
                                int            state);

/* The request is followed until "request-updated" gives its outcome; never resent. */
static void
sent (QdOrdersTable *self,
      char          *request_id,
      char          *what)
{
  g_autofree char *text = g_strdup_printf (_("%s sent…"), what);
  QdRequestState state = QD_REQUEST_STATE_PENDING;

  show_feedback (self, text, FALSE);
  g_hash_table_insert (self->pending, request_id, what);
  /* An outcome known before the id was returned arrived before we listened for it. */
  if (qd_ib_service_get_request (self->service, request_id, &state, NULL, NULL)
      && state != QD_REQUEST_STATE_PENDING)
    request_updated_cb (self, request_id, state);
}

static void
request_updated_cb (QdOrdersTable *self,
                    const char    *request_id,
                    int            state)
{
  const char *what = g_hash_table_lookup (self->pending, request_id);
  const char *message = NULL;
  g_autofree char *text = NULL;

  if (what == NULL)
    return;
  switch ((QdRequestState) state)
    {
    case QD_REQUEST_STATE_PENDING:
      return;
    case QD_REQUEST_STATE_ACKED:
      text = g_strdup_printf (_("%s: accepted"), what);
      break;
    case QD_REQUEST_STATE_REJECTED:
      qd_ib_service_get_request (self->service, request_id, NULL, NULL, &message);
      text = g_strdup_printf (_("%s: refused: %s"), what, message != NULL ? message : "—");
      break;
    case QD_REQUEST_STATE_UNKNOWN:
    default:
      text = g_strdup_printf (_("%s: no answer; check the orders"), what);
      break;
    }
  show_feedback (self, text, state != QD_REQUEST_STATE_ACKED);
  g_hash_table_remove (self->pending, request_id);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (widget);
  const char *order_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  char *request_id;

  if (self->service == NULL)
    return;
  request_id = qd_ib_service_cancel_order (self->service, order_id, &error);
  if (request_id == NULL)
    show_feedback (self, error->message, TRUE);
  else
    sent (self, request_id, g_strdup_printf (_("Cancel of %s"), order_id));
}

static void
modify_response_cb (QdOrdersTable    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  QdOrder *order = qd_order_modify_dialog_get_order (dialog);
  char *request_id;

  if (g_strcmp0 (response, "modify") != 0 || self->service == NULL)
    return;
  request_id = qd_order_modify_dialog_send (dialog, self->service, &error);
  if (request_id == NULL)
    show_feedback (self, error->message, TRUE);
  else
    sent (self, request_id,
          g_strdup_printf (_("Modify of %s"), qd_order_get_client_order_id (order)));
}

static GtkWindow *
parent_window (QdOrdersTable *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
modify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (widget);
  const char *order_id = g_variant_get_string (parameter, NULL);
  QdOrder *order;

  if (self->service == NULL)
    return;
  order = qd_ib_service_lookup_order (self->service, order_id);
  if (order == NULL || qd_table_order_bucket (order) != QD_ORDERS_FILTER_WORKING)
    {
      g_autofree char *text = g_strdup_printf (_("Order %s can no longer be modified"), order_id);

      show_feedback (self, text, TRUE);
      return;
    }
  if (self->modify_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->modify_dialog));
  self->modify_dialog = qd_order_modify_dialog_new (parent_window (self), order);
  g_object_add_weak_pointer (G_OBJECT (self->modify_dialog), (gpointer *) &self->modify_dialog);
  g_signal_connect_object (self->modify_dialog, "response", G_CALLBACK (modify_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->modify_dialog));
}

static void
cancel_all_response_cb (QdOrdersTable    *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  const char *instrument_id = qd_order_cancel_all_dialog_get_instrument (dialog);
  g_autoptr(GError) error = NULL;
  char *request_id;

  if (g_strcmp0 (response, "cancel-all") != 0 || self->service == NULL)
    return;
  request_id = qd_ib_service_cancel_all (self->service, instrument_id, &error);
  if (request_id == NULL)
    show_feedback (self, error->message, TRUE);
  else if (instrument_id != NULL)
    sent (self, request_id, g_strdup_printf (_("Cancel all %s"), instrument_id));
  else
    sent (self, request_id, g_strdup (_("Cancel all")));
}

/* orders.cancel-all (every working order) and orders.cancel-instrument (one instrument's). */
static void
cancel_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (widget);
  const char *instrument_id = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;
  guint n;

  if (self->service == NULL)
    return;
  n = instrument_id != NULL ? qd_order_actions_count_working (self->service, instrument_id)
                            : self->counts[QD_ORDERS_FILTER_WORKING];
  if (n == 0)
    return;
  if (self->cancel_all_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->cancel_all_dialog));
  self->cancel_all_dialog = qd_order_cancel_all_dialog_new (parent_window (self), n, instrument_id);
  g_object_add_weak_pointer (G_OBJECT (self->cancel_all_dialog),
                             (gpointer *) &self->cancel_all_dialog);
  g_signal_connect_object (self->cancel_all_dialog, "response", G_CALLBACK (cancel_all_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->cancel_all_dialog));
}

/* ---- service ----------------------------------------------------------------------------- */

static void
disconnect_service (QdOrdersTable *self)
{
  if (self->service == NULL)
    return;

  g_clear_signal_handler (&self->order_updated_id, self->service);
  g_clear_signal_handler (&self->request_updated_id, self->service);
  g_hash_table_remove_all (self->pending);
  g_clear_signal_handler (&self->items_changed_id, qd_ib_service_get_orders (self->service));
  qd_table_mirror_reset (self->mirror, NULL);
  g_clear_object (&self->service);
}

static void
connect_service (QdOrdersTable *self,
                 QdIbService   *service)
{
  GListModel *orders = qd_ib_service_get_orders (service);

  self->service = g_object_ref (service);
  self->order_updated_id =
    g_signal_connect_swapped (service, "order-updated", G_CALLBACK (order_updated_cb), self);
  self->request_updated_id =
    g_signal_connect_swapped (service, "request-updated", G_CALLBACK (request_updated_cb), self);
  self->items_changed_id =
    g_signal_connect_swapped (orders, "items-changed", G_CALLBACK (orders_changed_cb), self);
  qd_table_mirror_reset (self->mirror, orders);
}

void
qd_orders_table_set_service (QdOrdersTable *self,
                             QdIbService   *service)
{
  g_return_if_fail (QD_IS_ORDERS_TABLE (self));
  g_return_if_fail (service == NULL || QD_IS_IB_SERVICE (service));

  if (self->service == service)
    return;

  disconnect_service (self);
  if (service != NULL)
    connect_service (self, service);
  recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

QdIbService *
qd_orders_table_get_service (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->service;
}

QdFrameCoalescer *
qd_orders_table_get_coalescer (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->coalescer;
}

/* ---- construction ------------------------------------------------------------------------ */

static char *
page_for_n_items (gpointer unused,
                  guint    n_items)
{
  return g_strdup (n_items > 0 ? "table" : "empty");
}

static void
setup_columns (QdOrdersTable *self)
{
  const QdTableColumnSpec *specs = qd_table_order_columns ();

  self->rows = qd_table_rows_new (specs, QD_ORDERS_N_COLUMNS);
  for (guint i = 0; i < QD_ORDERS_N_COLUMNS; i++)
    {
      qd_table_rows_attach (self->rows, i, self->columns[i]);
      if (specs[i].kind == QD_TABLE_CELL_NUMERIC)
        qd_table_header_align_end (self->column_view, self->columns[i]);
    }
  /* Newest first, as TWS lists orders. */
  gtk_column_view_sort_by_column (self->column_view, self->columns[QD_ORDERS_COLUMN_TIME],
                                  GTK_SORT_DESCENDING);
}

static void
qd_orders_table_dispose (GObject *object)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (object);
  GtkWidget *child;

  disconnect_service (self);
  g_clear_pointer (&self->menu, qd_table_menu_free);
  if (self->modify_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->modify_dialog));
  if (self->cancel_all_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->cancel_all_dialog));
  if (self->coalescer != NULL)
    g_signal_handlers_disconnect_by_func (self->coalescer, flush_cb, self);
  g_clear_object (&self->coalescer);

  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_ORDERS_TABLE);
  /* Template children without an id are left to the parent to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qd_orders_table_parent_class)->dispose (object);
}

static void
qd_orders_table_finalize (GObject *object)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (object);

  g_clear_pointer (&self->rows, qd_table_rows_unref);
  g_clear_pointer (&self->mirror, qd_table_mirror_free);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->action_boxes, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (qd_orders_table_parent_class)->finalize (object);
}

static void
qd_orders_table_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (object);

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
qd_orders_table_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  QdOrdersTable *self = QD_ORDERS_TABLE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      qd_orders_table_set_service (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_ARRAY(widget_class, id, field, i)                             \
  gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,      \
                                             G_STRUCT_OFFSET (QdOrdersTable, field) \
                                             + (i) * sizeof (gpointer))

static void
bind_children (GtkWidgetClass *widget_class)
{
  static const char * const columns[QD_ORDERS_N_COLUMNS] = {
    "order_id_column", "time_column", "symbol_column", "action_column", "type_column",
    "quantity_column", "filled_column", "remaining_column", "limit_column", "stop_column",
    "time_in_force_column", "status_column", "avg_fill_column", "commission_column",
  };
  static const char * const filters[N_FILTERS] = { "working", "filled", "cancelled", "all" };

  for (guint i = 0; i < QD_ORDERS_N_COLUMNS; i++)
    BIND_ARRAY (widget_class, columns[i], columns, i);
  for (guint i = 0; i < N_FILTERS; i++)
    {
      g_autofree char *button = g_strdup_printf ("%s_button", filters[i]);
      g_autofree char *count = g_strdup_printf ("%s_count", filters[i]);

      /* The template keeps the names: they must outlive this call. */
      BIND_ARRAY (widget_class, g_intern_string (button), filter_buttons, i);
      BIND_ARRAY (widget_class, g_intern_string (count), count_labels, i);
    }
}

static void
qd_orders_table_class_init (QdOrdersTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_orders_table_dispose;
  object_class->finalize = qd_orders_table_finalize;
  object_class->get_property = qd_orders_table_get_property;
  object_class->set_property = qd_orders_table_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, QD_TYPE_IB_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/quarterdeck/Quarterdeck/qd-orders-table.ui");
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, stack);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, selection);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, sort_model);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, filter_model);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, custom_filter);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, actions_column);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, QdOrdersTable, cancel_all_button);
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, page_for_n_items);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);

  gtk_widget_class_install_action (widget_class, "orders.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "orders.modify", "s", modify_action);
  gtk_widget_class_install_action (widget_class, "orders.cancel-all", NULL, cancel_all_action);
  gtk_widget_class_install_action (widget_class, "orders.cancel-instrument", "s", cancel_all_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "orderstable");
}

static void
qd_orders_table_init (QdOrdersTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buckets = g_hash_table_new (NULL, NULL);
  self->action_boxes = g_hash_table_new (NULL, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->mirror = qd_table_mirror_new (QD_TYPE_ORDER);
  gtk_filter_list_model_set_model (self->filter_model, qd_table_mirror_get_model (self->mirror));
  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->coalescer, "flush", G_CALLBACK (flush_cb), self);

  setup_columns (self);
  {
    g_autoptr(GtkListItemFactory) factory = qd_order_actions_factory_new (self->action_boxes);

    gtk_column_view_column_set_factory (self->actions_column, factory);
  }
  self->menu = qd_table_menu_new (GTK_WIDGET (self), self->column_view, self->action_boxes,
                                  qd_order_actions_menu);
  /* Working orders first, as TWS opens on them. */
  self->filter = QD_ORDERS_FILTER_ALL;
  qd_orders_table_set_filter (self, QD_ORDERS_FILTER_WORKING);
  show_counts (self);
}

GtkWidget *
qd_orders_table_new (QdIbService *service)
{
  g_return_val_if_fail (service == NULL || QD_IS_IB_SERVICE (service), NULL);

  return g_object_new (QD_TYPE_ORDERS_TABLE, "service", service, NULL);
}

/* ---- test accessors ---------------------------------------------------------------------- */

GtkColumnView *
qd_orders_table_get_column_view (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->column_view;
}

GtkSortListModel *
qd_orders_table_get_sort_model (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->sort_model;
}

GtkFilterListModel *
qd_orders_table_get_filter_model (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->filter_model;
}

GtkColumnViewColumn *
qd_orders_table_get_column (QdOrdersTable  *self,
                            QdOrdersColumn  column)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);
  g_return_val_if_fail (column < QD_ORDERS_N_COLUMNS, NULL);

  return self->columns[column];
}

GtkWidget *
qd_orders_table_get_cell (QdOrdersTable  *self,
                          guint           row,
                          QdOrdersColumn  column)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);
  g_return_val_if_fail (column < QD_ORDERS_N_COLUMNS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), row);
  return item != NULL ? qd_table_rows_get_cell (self->rows, item, column) : NULL;
}

const char *
qd_orders_table_get_cell_text (QdOrdersTable  *self,
                               guint           row,
                               QdOrdersColumn  column)
{
  GtkWidget *cell = qd_orders_table_get_cell (self, row, column);

  return cell != NULL ? qd_table_cell_get_text (cell) : NULL;
}

GtkToggleButton *
qd_orders_table_get_filter_button (QdOrdersTable  *self,
                                   QdOrdersFilter  filter)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);
  g_return_val_if_fail (filter <= QD_ORDERS_FILTER_ALL, NULL);

  return self->filter_buttons[filter];
}

const char *
qd_orders_table_get_count_text (QdOrdersTable  *self,
                                QdOrdersFilter  filter)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);
  g_return_val_if_fail (filter <= QD_ORDERS_FILTER_ALL, NULL);

  return gtk_label_get_label (self->count_labels[filter]);
}

const char *
qd_orders_table_get_page (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
qd_orders_table_get_empty_title (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return adw_status_page_get_title (self->empty_page);
}

AdwMessageDialog *
qd_orders_table_get_modify_dialog (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->modify_dialog;
}

AdwMessageDialog *
qd_orders_table_get_cancel_all_dialog (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->cancel_all_dialog;
}

GtkButton *
qd_orders_table_get_cancel_all_button (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->cancel_all_button;
}

const char *
qd_orders_table_get_feedback (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return gtk_label_get_label (self->feedback_label);
}

GtkWidget *
qd_orders_table_get_row_actions (QdOrdersTable *self,
                                 QdOrder       *order)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return g_hash_table_lookup (self->action_boxes, order);
}

GtkPopover *
qd_orders_table_popup_menu (QdOrdersTable *self,
                            QdOrder       *order)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);
  g_return_val_if_fail (QD_IS_ORDER (order), NULL);

  return qd_table_menu_popup (self->menu, order);
}

QdTableMenu *
qd_orders_table_get_menu (QdOrdersTable *self)
{
  g_return_val_if_fail (QD_IS_ORDERS_TABLE (self), NULL);

  return self->menu;
}
