/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-frame-coalescer.h"
#include "qd-order-ticket-internal.h"
#include "qd-order-ticket-private.h"

char *
_qd_order_ticket_display_or_dash (QdDecimal value,
                                  gint      decimals)
{
  if (qd_decimal_is_none (value))
    return g_strdup ("—");
  return qd_decimal_to_display (value, decimals, TRUE);
}

G_DEFINE_FINAL_TYPE (QdOrderTicket, qd_order_ticket, ADW_TYPE_WINDOW)

static const QdOrderType ticket_types[] = {
  QD_ORDER_TYPE_MARKET, QD_ORDER_TYPE_LIMIT, QD_ORDER_TYPE_STOP_MARKET, QD_ORDER_TYPE_STOP_LIMIT,
};
static const QdTimeInForce ticket_tifs[] = {
  QD_TIME_IN_FORCE_DAY, QD_TIME_IN_FORCE_GTC, QD_TIME_IN_FORCE_IOC, QD_TIME_IN_FORCE_FOK,
};

static void update_form     (QdOrderTicket *self);
static void form_changed_cb (QdOrderTicket *self);

static QdOrderType
selected_type (QdOrderTicket *self)
{
  guint i = gtk_drop_down_get_selected (self->type_dropdown);

  return i < G_N_ELEMENTS (ticket_types) ? ticket_types[i] : QD_ORDER_TYPE_MARKET;
}

static QdTimeInForce
selected_tif (QdOrderTicket *self)
{
  guint i = gtk_drop_down_get_selected (self->tif_dropdown);

  return i < G_N_ELEMENTS (ticket_tifs) ? ticket_tifs[i] : QD_TIME_IN_FORCE_DAY;
}

static gboolean
uses_limit (QdOrderType type)
{
  return type == QD_ORDER_TYPE_LIMIT || type == QD_ORDER_TYPE_STOP_LIMIT;
}

static gboolean
uses_stop (QdOrderType type)
{
  return type == QD_ORDER_TYPE_STOP_MARKET || type == QD_ORDER_TYPE_STOP_LIMIT;
}

/* SYMBOL.VENUE: a non-empty symbol (which may itself hold dots, "BRK.B.NYSE") and an
 * upper-case venue, no spaces. */
static gboolean
looks_like_instrument_id (const char *text)
{
  const char *dot = strrchr (text, '.');
  const char *p;

  if (dot == NULL || dot == text || dot[1] == '\0' || strchr (text, ' ') != NULL)
    return FALSE;
  for (p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gint
price_decimals (QdOrderTicket *self)
{
  const QdInstrument *instrument = NULL;

  if (self->instrument_id != NULL)
    instrument = qd_ib_service_lookup_instrument (self->service, self->instrument_id);
  if (instrument != NULL && instrument->price_precision >= 0)
    return instrument->price_precision;
  if (self->quote != NULL)
    return qd_quote_get_price_precision (self->quote);
  return 2;
}

/* Spin buttons hold doubles: read them back at the instrument's precision, which is what
 * they display, so the request is exactly what the user sees. */
static QdDecimal
spin_decimal (GtkSpinButton *spin)
{
  QdDecimal value = QD_DECIMAL_NONE;
  double d = gtk_spin_button_get_value (spin);

  if (d <= 0 || !qd_decimal_from_double (d, gtk_spin_button_get_digits (spin), &value, NULL))
    return QD_DECIMAL_NONE;
  /* 150 shown as 150.00 is sent as "150.00", the way the node prints its prices. */
  if (value.scale < (gint) gtk_spin_button_get_digits (spin))
    qd_decimal_rescale (value, gtk_spin_button_get_digits (spin), QD_ROUND_EXACT, &value, NULL);
  return value;
}

static QdDecimal
form_quantity (QdOrderTicket *self)
{
  QdDecimal value = QD_DECIMAL_NONE;
  double d = gtk_spin_button_get_value (self->quantity_spin);

  /* Zero is sent to the checks as zero so they can say what is wrong with it. */
  if (!qd_decimal_from_double (d, gtk_spin_button_get_digits (self->quantity_spin), &value, NULL))
    return QD_DECIMAL_NONE;
  return value;
}

static void
read_request (QdOrderTicket  *self,
              QdOrderRequest *request)
{
  QdOrderType type = selected_type (self);

  request->instrument_id = self->instrument_id;
  request->side = gtk_toggle_button_get_active (self->sell_button) ? QD_ORDER_SIDE_SELL
                                                                   : QD_ORDER_SIDE_BUY;
  request->order_type = type;
  request->quantity = form_quantity (self);
  request->limit_price = uses_limit (type) ? spin_decimal (self->limit_spin) : QD_DECIMAL_NONE;
  request->stop_price = uses_stop (type) ? spin_decimal (self->stop_spin) : QD_DECIMAL_NONE;
  request->time_in_force = selected_tif (self);
}

static void
update_quote_labels (QdOrderTicket *self)
{
  gint decimals = price_decimals (self);
  g_autofree char *bid = NULL;
  g_autofree char *ask = NULL;
  g_autofree char *last = NULL;

  bid = _qd_order_ticket_display_or_dash (self->quote ? qd_quote_get_bid (self->quote) : QD_DECIMAL_NONE, decimals);
  ask = _qd_order_ticket_display_or_dash (self->quote ? qd_quote_get_ask (self->quote) : QD_DECIMAL_NONE, decimals);
  last = _qd_order_ticket_display_or_dash (self->quote ? qd_quote_get_last (self->quote) : QD_DECIMAL_NONE, decimals);
  gtk_label_set_label (self->bid_label, bid);
  gtk_label_set_label (self->ask_label, ask);
  gtk_label_set_label (self->last_label, last);
}

/* The price the order's value is estimated at: its limit, else the side of the market it
 * would take, else its stop. */
static QdDecimal
estimate_price (QdOrderTicket        *self,
                const QdOrderRequest *request)
{
  if (!qd_decimal_is_none (request->limit_price))
    return request->limit_price;
  if (request->order_type == QD_ORDER_TYPE_MARKET && self->quote != NULL)
    return request->side == QD_ORDER_SIDE_BUY ? qd_quote_get_ask (self->quote)
                                              : qd_quote_get_bid (self->quote);
  return request->stop_price;
}

static char *
format_value (QdOrderTicket        *self,
              const QdOrderRequest *request)
{
  const QdInstrument *instrument = NULL;
  QdDecimal price = estimate_price (self, request);
  QdDecimal value;

  if (self->instrument_id != NULL)
    instrument = qd_ib_service_lookup_instrument (self->service, self->instrument_id);
  if (qd_decimal_is_none (price) || qd_decimal_is_none (request->quantity)
      || !qd_decimal_mul (price, request->quantity, 2, QD_ROUND_HALF_EVEN, &value, NULL))
    return NULL;
  if (instrument != NULL && !qd_decimal_is_none (instrument->multiplier)
      && qd_decimal_sign (instrument->multiplier) > 0
      && !qd_decimal_mul (value, instrument->multiplier, 2, QD_ROUND_HALF_EVEN, &value, NULL))
    return NULL;

  {
    g_autofree char *amount = qd_decimal_to_display (value, 2, TRUE);

    if (instrument != NULL && instrument->currency != NULL)
      return g_strdup_printf ("%s %s", amount, instrument->currency);
    return g_steal_pointer (&amount);
  }
}

/* IB's tiered US stock commission, as an estimate (see qd_risk_estimate_commission). */
static char *
format_commission (QdOrderTicket        *self,
                   const QdOrderRequest *request)
{
  const QdInstrument *instrument = NULL;
  QdDecimal commission;

  if (self->instrument_id != NULL)
    instrument = qd_ib_service_lookup_instrument (self->service, self->instrument_id);
  if (instrument == NULL ||
      !qd_risk_estimate_commission (instrument->instrument_class, instrument->currency,
                                    request->quantity, estimate_price (self, request), &commission))
    return NULL;

  {
    g_autofree char *amount = qd_decimal_to_display (commission, 2, TRUE);

    return g_strdup_printf ("%s %s", amount, instrument->currency);
  }
}

static void
update_summary (QdOrderTicket        *self,
                const QdOrderRequest *request)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *quantity = NULL;
  g_autofree char *value = NULL;
  g_autofree char *commission = NULL;
  gint decimals = price_decimals (self);

  quantity = _qd_order_ticket_display_or_dash (request->quantity, -1);
  g_string_append_printf (text, "%s %s %s %s",
                          request->side == QD_ORDER_SIDE_SELL ? _("SELL") : _("BUY"),
                          quantity,
                          self->instrument_id != NULL ? self->instrument_id : "—",
                          qd_order_type_to_ib (request->order_type));
  if (uses_limit (request->order_type))
    {
      g_autofree char *limit = _qd_order_ticket_display_or_dash (request->limit_price, decimals);
      g_string_append_printf (text, " %s", limit);
    }
  if (request->order_type == QD_ORDER_TYPE_STOP_MARKET)
    {
      g_autofree char *stop = _qd_order_ticket_display_or_dash (request->stop_price, decimals);
      g_string_append_printf (text, " %s", stop);
    }
  else if (request->order_type == QD_ORDER_TYPE_STOP_LIMIT)
    {
      g_autofree char *stop = _qd_order_ticket_display_or_dash (request->stop_price, decimals);
      g_string_append_printf (text, _(" (stop %s)"), stop);
    }
  g_string_append_printf (text, " %s", qd_time_in_force_to_string (request->time_in_force));

  value = format_value (self, request);
  if (value != NULL)
    g_string_append_printf (text, _(" · est. value %s"), value);
  commission = format_commission (self, request);
  if (commission != NULL)
    g_string_append_printf (text, _(" · est. commission %s"), commission);

  gtk_label_set_label (self->summary_label, text->str);
}

static void
apply_instrument_steps (QdOrderTicket *self)
{
  const QdInstrument *instrument = NULL;
  gint decimals = price_decimals (self);
  double tick = 1;
  double lot = 1;
  gint size_digits = 0;
  gint i;

  for (i = 0; i < decimals; i++)
    tick /= 10;
  if (self->instrument_id != NULL)
    instrument = qd_ib_service_lookup_instrument (self->service, self->instrument_id);
  if (instrument != NULL)
    {
      if (!qd_decimal_is_none (instrument->price_increment) && qd_decimal_sign (instrument->price_increment) > 0)
        tick = qd_decimal_to_double (instrument->price_increment);
      if (!qd_decimal_is_none (instrument->lot_size) && qd_decimal_sign (instrument->lot_size) > 0)
        lot = qd_decimal_to_double (instrument->lot_size);
      else if (!qd_decimal_is_none (instrument->size_increment) && qd_decimal_sign (instrument->size_increment) > 0)
        lot = qd_decimal_to_double (instrument->size_increment);
      size_digits = MAX (instrument->size_precision, 0);
    }

  gtk_spin_button_set_digits (self->limit_spin, decimals);
  gtk_spin_button_set_digits (self->stop_spin, decimals);
  gtk_spin_button_set_increments (self->limit_spin, tick, tick * 10);
  gtk_spin_button_set_increments (self->stop_spin, tick, tick * 10);
  gtk_spin_button_set_digits (self->quantity_spin, size_digits);
  gtk_spin_button_set_increments (self->quantity_spin, lot, lot * 10);
}

static void
symbol_changed_cb (QdOrderTicket *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->symbol_entry));

  g_clear_pointer (&self->instrument_id, g_free);
  g_clear_object (&self->quote);
  if (looks_like_instrument_id (text))
    {
      QdQuote *quote = qd_ib_service_lookup_quote (self->service, text);

      self->instrument_id = g_strdup (text);
      if (quote != NULL)
        self->quote = g_object_ref (quote);
      gtk_widget_remove_css_class (GTK_WIDGET (self->symbol_entry), "error");
    }
  else if (*text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->symbol_entry), "error");

  adw_window_title_set_subtitle (self->window_title, self->instrument_id ? self->instrument_id : "");
  apply_instrument_steps (self);
  update_quote_labels (self);
  form_changed_cb (self);
}

static void
update_form (QdOrderTicket *self)
{
  QdOrderRequest request;
  QdOrderType type = selected_type (self);
  gboolean live;

  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_spin), uses_limit (type));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_spin), uses_stop (type));

  live = qd_connection_status_get_trading_mode (self->connection) == QD_TRADING_MODE_LIVE;
  gtk_widget_set_visible (GTK_WIDGET (self->live_check), live);

  read_request (self, &request);
  update_summary (self, &request);
  _qd_order_ticket_update_findings (self, &request);
  _qd_order_ticket_update_submit (self);
}

/* A confirmation holds for the order as it was confirmed: an edit asks again. */
static void
form_changed_cb (QdOrderTicket *self)
{
  g_hash_table_remove_all (self->confirmed);
  update_form (self);
}

static void
quote_updated_cb (QdIbService   *service,
                  QdQuote       *quote,
                  QdOrderTicket *self)
{
  if (self->instrument_id == NULL
      || g_strcmp0 (qd_quote_get_instrument_id (quote), self->instrument_id) != 0)
    return;
  if (self->quote != quote)
    {
      g_set_object (&self->quote, quote);
      apply_instrument_steps (self);
    }
  qd_frame_coalescer_mark (self->coalescer, quote);
}

static void
flush_cb (QdFrameCoalescer *coalescer,
          GPtrArray        *dirty,
          QdOrderTicket    *self)
{
  guint i;

  for (i = 0; i < dirty->len; i++)
    {
      gpointer object = g_ptr_array_index (dirty, i);

      if (QD_IS_ORDER (object))
        _qd_order_ticket_show_order_outcome (self, object);
      else if (QD_IS_QUOTE (object) && object == (gpointer) self->quote)
        {
          update_quote_labels (self);
          /* Market-relative checks and the MKT estimate follow the market. */
          if (self->request_id == NULL)
            update_form (self);
        }
    }
}

static void
submit_cb (QdOrderTicket *self)
{
  g_autoptr(GError) error = NULL;
  QdOrderRequest request;
  char *request_id;

  update_form (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button)))
    return;

  read_request (self, &request);
  request_id = qd_ib_service_place_order (self->service, &request, &error);
  if (request_id == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not sent: %s"), error->message);

      _qd_order_ticket_show_outcome (self, text, "error", FALSE);
      return;
    }

  qd_risk_check_record_sent (self->risk, &request);
  /* The form keeps showing what was sent until New Order. Focus leaves it first, so the
   * entry sees its focus-out. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form_grid, FALSE);
  self->request_id = request_id;
  self->answered = FALSE;
  _qd_order_ticket_show_outcome (self, _("Sent, waiting for the node…"), "dim-label", FALSE);
  _qd_order_ticket_update_submit (self);
}

static void
new_order_cb (QdOrderTicket *self)
{
  g_clear_pointer (&self->request_id, g_free);
  g_clear_pointer (&self->client_order_id, g_free);
  self->answered = FALSE;
  g_hash_table_remove_all (self->confirmed);
  gtk_check_button_set_active (self->live_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->new_order_button), FALSE);
  gtk_widget_set_sensitive (self->form_grid, TRUE);
  update_form (self);
}

/* Completion: the instruments the service has seen quotes for. */
static void
fill_completions (QdOrderTicket *self)
{
  GListModel *quotes = qd_ib_service_get_quotes (self->service);
  guint i, n = g_list_model_get_n_items (quotes);

  gtk_list_store_clear (self->completions);
  for (i = 0; i < n; i++)
    {
      g_autoptr(QdQuote) quote = g_list_model_get_item (quotes, i);

      gtk_list_store_insert_with_values (self->completions, NULL, -1,
                                         0, qd_quote_get_instrument_id (quote), -1);
    }
}

static void
setup_completion (QdOrderTicket *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  self->completions = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completions));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_set_completion (self->symbol_entry, completion);

  fill_completions (self);
  g_signal_connect_object (qd_ib_service_get_quotes (self->service), "items-changed",
                           G_CALLBACK (fill_completions), self, G_CONNECT_SWAPPED);
}

static void
qd_order_ticket_dispose (GObject *object)
{
  QdOrderTicket *self = QD_ORDER_TICKET (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  if (self->coalescer != NULL)
    g_signal_handlers_disconnect_by_data (self->coalescer, self);
  g_clear_object (&self->coalescer);
  g_clear_object (&self->quote);
  g_clear_object (&self->completions);
  g_clear_object (&self->connection);
  g_clear_object (&self->risk);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (qd_order_ticket_parent_class)->dispose (object);
}

static void
qd_order_ticket_finalize (GObject *object)
{
  QdOrderTicket *self = QD_ORDER_TICKET (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->warning_checks, g_ptr_array_unref);
  g_clear_pointer (&self->confirmed, g_hash_table_unref);
  g_free (self->instrument_id);
  g_free (self->request_id);
  g_free (self->client_order_id);

  G_OBJECT_CLASS (qd_order_ticket_parent_class)->finalize (object);
}

static void
qd_order_ticket_class_init (QdOrderTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_order_ticket_dispose;
  object_class->finalize = qd_order_ticket_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quarterdeck/Quarterdeck/qd-order-ticket.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, QdOrderTicket, name)
  BIND (window_title);
  BIND (form_grid);
  BIND (symbol_entry);
  BIND (buy_button);
  BIND (sell_button);
  BIND (quantity_spin);
  BIND (type_dropdown);
  BIND (limit_spin);
  BIND (stop_spin);
  BIND (tif_dropdown);
  BIND (bid_label);
  BIND (ask_label);
  BIND (last_label);
  BIND (summary_label);
  BIND (findings_box);
  BIND (live_check);
  BIND (outcome_label);
  BIND (new_order_button);
  BIND (submit_button);
#undef BIND

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qd_order_ticket_init (QdOrderTicket *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->confirmed = g_hash_table_new (NULL, NULL);
  self->warning_checks = g_ptr_array_new ();
  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  g_signal_connect (self->coalescer, "flush", G_CALLBACK (flush_cb), self);
}

static void
connect_form (QdOrderTicket *self)
{
  g_signal_connect_swapped (self->symbol_entry, "changed", G_CALLBACK (symbol_changed_cb), self);
  g_signal_connect_swapped (self->buy_button, "toggled", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->quantity_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->limit_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->stop_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->type_dropdown, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->tif_dropdown, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->live_check, "toggled", G_CALLBACK (_qd_order_ticket_update_submit), self);
  g_signal_connect_swapped (self->submit_button, "clicked", G_CALLBACK (submit_cb), self);
  g_signal_connect_swapped (self->new_order_button, "clicked", G_CALLBACK (new_order_cb), self);
}

GtkWidget *
qd_order_ticket_new (QdIbService *service,
                     QdRiskCheck *risk)
{
  QdOrderTicket *self;

  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);
  g_return_val_if_fail (QD_IS_RISK_CHECK (risk), NULL);

  self = g_object_new (QD_TYPE_ORDER_TICKET, NULL);
  self->service = g_object_ref (service);
  self->risk = g_object_ref (risk);
  self->connection = g_object_ref (qd_ib_service_get_connection (service));

  setup_completion (self);
  connect_form (self);
  g_signal_connect (service, "quote-updated", G_CALLBACK (quote_updated_cb), self);
  g_signal_connect (service, "order-updated", G_CALLBACK (_qd_order_ticket_order_updated_cb), self);
  g_signal_connect (service, "request-updated", G_CALLBACK (_qd_order_ticket_request_updated_cb), self);
  g_signal_connect_swapped (self->connection, "notify::trading-mode", G_CALLBACK (update_form), self);

  update_quote_labels (self);
  update_form (self);
  return GTK_WIDGET (self);
}

void
qd_order_ticket_prefill (QdOrderTicket *self,
                         const char    *instrument_id,
                         QdOrderSide    side,
                         QdDecimal      quantity)
{
  g_return_if_fail (QD_IS_ORDER_TICKET (self));

  if (instrument_id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->symbol_entry), instrument_id);
  gtk_toggle_button_set_active (side == QD_ORDER_SIDE_SELL ? self->sell_button : self->buy_button, TRUE);
  if (!qd_decimal_is_none (quantity))
    gtk_spin_button_set_value (self->quantity_spin, qd_decimal_to_double (qd_decimal_abs (quantity)));
  update_form (self);
}

/* Test accessors */

void
_qd_order_ticket_set_order_type (QdOrderTicket *self,
                                 QdOrderType    order_type)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ticket_types); i++)
    if (ticket_types[i] == order_type)
      gtk_drop_down_set_selected (self->type_dropdown, i);
}

void
_qd_order_ticket_set_prices (QdOrderTicket *self,
                             double         limit_price,
                             double         stop_price)
{
  gtk_spin_button_set_value (self->limit_spin, limit_price);
  gtk_spin_button_set_value (self->stop_spin, stop_price);
}

void
_qd_order_ticket_set_tif (QdOrderTicket *self,
                          QdTimeInForce  tif)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (ticket_tifs); i++)
    if (ticket_tifs[i] == tif)
      gtk_drop_down_set_selected (self->tif_dropdown, i);
}

const char *
_qd_order_ticket_get_summary (QdOrderTicket *self)
{
  return gtk_label_get_label (self->summary_label);
}

const char *
_qd_order_ticket_get_outcome (QdOrderTicket *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->outcome_label))
         ? gtk_label_get_label (self->outcome_label) : "";
}

char *
_qd_order_ticket_get_findings (QdOrderTicket *self)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      QdRiskFinding *finding = g_ptr_array_index (self->findings, i);

      g_string_append_printf (text, "%s: %s\n", qd_risk_severity_to_string (finding->severity),
                              finding->message);
    }
  return g_string_free (text, FALSE);
}

void
_qd_order_ticket_confirm_all (QdOrderTicket *self)
{
  guint i;

  for (i = 0; i < self->warning_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->warning_checks, i), TRUE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->live_check)))
    gtk_check_button_set_active (self->live_check, TRUE);
}

gboolean
_qd_order_ticket_can_submit (QdOrderTicket *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->submit_button));
}

void
_qd_order_ticket_submit (QdOrderTicket *self)
{
  submit_cb (self);
}

void
_qd_order_ticket_flush (QdOrderTicket *self)
{
  qd_frame_coalescer_flush_now (self->coalescer);
}

const char *
_qd_order_ticket_get_bid_text (QdOrderTicket *self)
{
  return gtk_label_get_label (self->bid_label);
}

gboolean
_qd_order_ticket_asks_live (QdOrderTicket *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->live_check));
}

gboolean
_qd_order_ticket_new_order (QdOrderTicket *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->new_order_button)))
    return FALSE;
  new_order_cb (self);
  return TRUE;
}

GtkTreeModel *
_qd_order_ticket_get_completions (QdOrderTicket *self)
{
  return GTK_TREE_MODEL (self->completions);
}
