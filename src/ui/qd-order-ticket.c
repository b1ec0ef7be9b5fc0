/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-frame-coalescer.h"
#include "qd-order-ticket-private.h"

struct _QdOrderTicket
{
  AdwWindow          parent_instance;

  /* template children */
  AdwWindowTitle    *window_title;
  GtkEntry          *symbol_entry;
  GtkToggleButton   *buy_button;
  GtkToggleButton   *sell_button;
  GtkSpinButton     *quantity_spin;
  GtkDropDown       *type_dropdown;
  GtkSpinButton     *limit_spin;
  GtkSpinButton     *stop_spin;
  GtkDropDown       *tif_dropdown;
  GtkLabel          *bid_label;
  GtkLabel          *ask_label;
  GtkLabel          *last_label;
  GtkLabel          *summary_label;
  GtkBox            *findings_box;
  GtkCheckButton    *live_check;
  GtkLabel          *outcome_label;
  GtkButton         *new_order_button;
  GtkButton         *submit_button;

  QdIbService       *service;
  QdRiskCheck       *risk;
  QdConnectionStatus *connection;
  QdFrameCoalescer  *coalescer;
  GtkListStore      *completions;
  QdQuote           *quote;           /* of the chosen symbol, when seen */
  char              *instrument_id;   /* the symbol when it looks like SYMBOL.VENUE */

  GPtrArray         *findings;        /* QdRiskFinding of the current form */
  GHashTable        *confirmed;       /* rules of the warnings ticked (rule + 1) */
  GPtrArray         *warning_checks;  /* GtkCheckButton, one per warning */

  char              *request_id;      /* the order sent from this form, until New Order */
  char              *client_order_id;
  gboolean           answered;        /* the request has an outcome */
};

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

static char *
display_or_dash (QdDecimal value,
                 gint      decimals)
{
  if (qd_decimal_is_none (value))
    return g_strdup ("—");
  return qd_decimal_to_display (value, decimals, TRUE);
}

static void
update_quote_labels (QdOrderTicket *self)
{
  gint decimals = price_decimals (self);
  g_autofree char *bid = NULL;
  g_autofree char *ask = NULL;
  g_autofree char *last = NULL;

  bid = display_or_dash (self->quote ? qd_quote_get_bid (self->quote) : QD_DECIMAL_NONE, decimals);
  ask = display_or_dash (self->quote ? qd_quote_get_ask (self->quote) : QD_DECIMAL_NONE, decimals);
  last = display_or_dash (self->quote ? qd_quote_get_last (self->quote) : QD_DECIMAL_NONE, decimals);
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

static void
update_summary (QdOrderTicket        *self,
                const QdOrderRequest *request)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *quantity = NULL;
  g_autofree char *value = NULL;
  gint decimals = price_decimals (self);

  quantity = display_or_dash (request->quantity, -1);
  g_string_append_printf (text, "%s %s %s %s",
                          request->side == QD_ORDER_SIDE_SELL ? _("SELL") : _("BUY"),
                          quantity,
                          self->instrument_id != NULL ? self->instrument_id : "—",
                          qd_order_type_to_ib (request->order_type));
  if (uses_limit (request->order_type))
    {
      g_autofree char *limit = display_or_dash (request->limit_price, decimals);
      g_string_append_printf (text, " %s", limit);
    }
  if (request->order_type == QD_ORDER_TYPE_STOP_MARKET)
    {
      g_autofree char *stop = display_or_dash (request->stop_price, decimals);
      g_string_append_printf (text, " %s", stop);
    }
  else if (request->order_type == QD_ORDER_TYPE_STOP_LIMIT)
    {
      g_autofree char *stop = display_or_dash (request->stop_price, decimals);
      g_string_append_printf (text, _(" (stop %s)"), stop);
    }
  g_string_append_printf (text, " %s", qd_time_in_force_to_string (request->time_in_force));

  value = format_value (self, request);
  if (value != NULL)
    g_string_append_printf (text, _(" · est. value %s"), value);

  gtk_label_set_label (self->summary_label, text->str);
}

static gboolean
all_confirmed (QdOrderTicket *self)
{
  guint i;

  for (i = 0; i < self->warning_checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->warning_checks, i)))
      return FALSE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->live_check))
      && !gtk_check_button_get_active (self->live_check))
    return FALSE;
  return TRUE;
}

static void
update_submit (QdOrderTicket *self)
{
  gboolean ok = self->request_id == NULL
                && self->findings != NULL
                && !qd_risk_findings_have_errors (self->findings)
                && all_confirmed (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), ok);
}

static void
warning_toggled_cb (GtkCheckButton *check,
                    QdOrderTicket  *self)
{
  gpointer key = g_object_get_data (G_OBJECT (check), "qd-rule");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->confirmed, key);
  else
    g_hash_table_remove (self->confirmed, key);
  update_submit (self);
}

static void
clear_findings_box (QdOrderTicket *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_box))) != NULL)
    gtk_box_remove (self->findings_box, child);
  g_ptr_array_set_size (self->warning_checks, 0);
}

static void
add_finding_row (QdOrderTicket       *self,
                 const QdRiskFinding *finding)
{
  GtkWidget *row;

  if (finding->severity == QD_RISK_ERROR)
    {
      row = gtk_label_new (finding->message);
      gtk_label_set_wrap (GTK_LABEL (row), TRUE);
      gtk_label_set_xalign (GTK_LABEL (row), 0);
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gpointer key = GINT_TO_POINTER (finding->rule + 1);

      row = gtk_check_button_new_with_label (finding->message);
      gtk_widget_add_css_class (row, "warning");
      g_object_set_data (G_OBJECT (row), "qd-rule", key);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row),
                                   g_hash_table_contains (self->confirmed, key));
      g_signal_connect (row, "toggled", G_CALLBACK (warning_toggled_cb), self);
      g_ptr_array_add (self->warning_checks, row);
    }
  gtk_box_append (self->findings_box, row);
}

static gboolean
same_findings (GPtrArray *a,
               GPtrArray *b)
{
  guint i;

  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    {
      QdRiskFinding *fa = g_ptr_array_index (a, i);
      QdRiskFinding *fb = g_ptr_array_index (b, i);

      if (fa->rule != fb->rule || g_strcmp0 (fa->message, fb->message) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
update_findings (QdOrderTicket        *self,
                 const QdOrderRequest *request)
{
  GPtrArray *findings = qd_risk_check_evaluate (self->risk, request);
  guint i;

  /* Market-relative findings are evaluated on every quote: rows the user may be clicking
   * are only replaced when what they say changes. */
  if (same_findings (findings, self->findings))
    {
      g_ptr_array_unref (findings);
      return;
    }
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;

  clear_findings_box (self);
  for (i = 0; i < self->findings->len; i++)
    add_finding_row (self, g_ptr_array_index (self->findings, i));
  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), self->findings->len > 0);
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
  update_findings (self, &request);
  update_submit (self);
}

/* A confirmation holds for the order as it was confirmed: an edit asks again. */
static void
form_changed_cb (QdOrderTicket *self)
{
  g_hash_table_remove_all (self->confirmed);
  update_form (self);
}

/* Outcome */

static void
show_outcome (QdOrderTicket *self,
              const char    *text,
              const char    *css_class,
              gboolean       answered)
{
  const char *classes[] = { "outcome", css_class, NULL };

  gtk_label_set_label (self->outcome_label, text);
  gtk_widget_set_css_classes (GTK_WIDGET (self->outcome_label), classes);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), TRUE);
  if (answered)
    self->answered = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->new_order_button), self->answered);
}

static void
show_order_outcome (QdOrderTicket *self,
                    QdOrder       *order)
{
  gint decimals = qd_order_get_price_precision (order);
  g_autofree char *text = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *price = NULL;

  switch (qd_order_get_status (order))
    {
    case QD_ORDER_STATUS_FILLED:
    case QD_ORDER_STATUS_PARTIALLY_FILLED:
      filled = qd_decimal_to_display (qd_order_get_filled_quantity (order), -1, TRUE);
      price = display_or_dash (qd_order_get_avg_fill_price (order), decimals);
      text = g_strdup_printf (qd_order_get_status (order) == QD_ORDER_STATUS_FILLED
                              ? _("Filled %s @ %s") : _("Partially filled %s @ %s"), filled, price);
      show_outcome (self, text, "status-filled", TRUE);
      break;

    case QD_ORDER_STATUS_REJECTED:
    case QD_ORDER_STATUS_DENIED:
      text = g_strdup_printf (_("Rejected: %s"), qd_order_get_reason (order) ? qd_order_get_reason (order)
                                                                           : _("no reason given"));
      show_outcome (self, text, "status-rejected", TRUE);
      break;

    case QD_ORDER_STATUS_CANCELED:
    case QD_ORDER_STATUS_EXPIRED:
      text = g_strdup_printf (qd_order_get_status (order) == QD_ORDER_STATUS_CANCELED
                              ? _("Canceled (%s)") : _("Expired (%s)"), qd_order_get_order_id (order));
      show_outcome (self, text, "status-cancelled", TRUE);
      break;

    case QD_ORDER_STATUS_ACCEPTED:
    case QD_ORDER_STATUS_TRIGGERED:
    case QD_ORDER_STATUS_PENDING_UPDATE:
    case QD_ORDER_STATUS_PENDING_CANCEL:
      text = g_strdup_printf (_("Accepted (%s)"), qd_order_get_order_id (order));
      show_outcome (self, text, "status-working", TRUE);
      break;

    case QD_ORDER_STATUS_INITIALIZED:
    case QD_ORDER_STATUS_EMULATED:
    case QD_ORDER_STATUS_RELEASED:
    case QD_ORDER_STATUS_SUBMITTED:
    default:
      break;
    }
}

static void
request_updated_cb (QdIbService   *service,
                    const char    *request_id,
                    int            state,
                    QdOrderTicket *self)
{
  const char *client_order_id = NULL;
  const char *error_message = NULL;
  QdRequestState current;
  g_autofree char *text = NULL;

  if (self->request_id == NULL || g_strcmp0 (request_id, self->request_id) != 0)
    return;
  if (!qd_ib_service_get_request (service, request_id, &current, &client_order_id, &error_message))
    return;

  if (client_order_id != NULL && self->client_order_id == NULL)
    self->client_order_id = g_strdup (client_order_id);

  switch (current)
    {
    case QD_REQUEST_STATE_REJECTED:
      text = g_strdup_printf (_("Rejected: %s"), error_message ? error_message : _("no reason given"));
      show_outcome (self, text, "status-rejected", TRUE);
      break;

    case QD_REQUEST_STATE_UNKNOWN:
      /* An order that already answered keeps its outcome. */
      if (!self->answered)
        show_outcome (self, _("Unknown — check the Orders table"), "warning", TRUE);
      break;

    case QD_REQUEST_STATE_ACKED:
      if (self->client_order_id != NULL)
        {
          QdOrder *order = qd_ib_service_lookup_order (service, self->client_order_id);

          if (order != NULL)
            qd_frame_coalescer_mark (self->coalescer, order);
        }
      break;

    case QD_REQUEST_STATE_PENDING:
    default:
      break;
    }
}

static gboolean
is_our_order (QdOrderTicket *self,
              QdOrder       *order)
{
  if (self->request_id == NULL)
    return FALSE;
  if (self->client_order_id != NULL)
    return g_strcmp0 (qd_order_get_client_order_id (order), self->client_order_id) == 0;
  if (g_strcmp0 (qd_order_get_request_id (order), self->request_id) == 0)
    {
      self->client_order_id = g_strdup (qd_order_get_client_order_id (order));
      return TRUE;
    }
  return FALSE;
}

static void
order_updated_cb (QdIbService   *service,
                  QdOrder       *order,
                  QdOrderTicket *self)
{
  if (is_our_order (self, order))
    qd_frame_coalescer_mark (self->coalescer, order);
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
        show_order_outcome (self, object);
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

      show_outcome (self, text, "error", FALSE);
      return;
    }

  qd_risk_check_record_sent (self->risk, &request);
  self->request_id = request_id;
  self->answered = FALSE;
  show_outcome (self, _("Sent, waiting for the node…"), "dim-label", FALSE);
  update_submit (self);
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
  g_signal_connect_swapped (self->live_check, "toggled", G_CALLBACK (update_submit), self);
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
  g_signal_connect (service, "order-updated", G_CALLBACK (order_updated_cb), self);
  g_signal_connect (service, "request-updated", G_CALLBACK (request_updated_cb), self);
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
