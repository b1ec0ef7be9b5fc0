/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-order-ticket-internal.h"

/* The order ticket follows the one order it sent until it has an answer: its request
 * (acked, rejected, unknown after the command timeout) and then the order itself. */

void
_qd_order_ticket_show_outcome (QdOrderTicket *self,
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

/* An order that ended without filling completely: what did fill counts, and an IOC or FOK
 * that could not be filled at once says so. */
static char *
ended_text (QdOrder *order,
            gint     decimals)
{
  QdDecimal filled = qd_order_get_filled_quantity (order);
  QdTimeInForce tif = qd_order_get_time_in_force (order);
  const char *id = qd_order_get_order_id (order);

  if (!qd_decimal_is_none (filled) && qd_decimal_sign (filled) > 0)
    {
      g_autofree char *done = qd_decimal_to_display (filled, -1, TRUE);
      g_autofree char *total = qd_decimal_to_display (qd_order_get_total_quantity (order), -1, TRUE);
      g_autofree char *price = _qd_order_ticket_display_or_dash (qd_order_get_avg_fill_price (order), decimals);

      /* Translators: "Filled 60 of 100 @ 187.22, the rest canceled (O-…)" */
      return g_strdup_printf (_("Filled %s of %s @ %s, the rest canceled (%s)"), done, total, price, id);
    }
  if (tif == QD_TIME_IN_FORCE_IOC || tif == QD_TIME_IN_FORCE_FOK)
    /* Translators: the time in force (IOC or FOK), then the order's id */
    return g_strdup_printf (_("Canceled unfilled: %s could not fill at once (%s)"),
                            qd_time_in_force_to_string (tif), id);
  return g_strdup_printf (qd_order_get_status (order) == QD_ORDER_STATUS_CANCELED
                          ? _("Canceled (%s)") : _("Expired (%s)"), id);
}

void
_qd_order_ticket_show_order_outcome (QdOrderTicket *self,
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
      price = _qd_order_ticket_display_or_dash (qd_order_get_avg_fill_price (order), decimals);
      text = g_strdup_printf (qd_order_get_status (order) == QD_ORDER_STATUS_FILLED
                              ? _("Filled %s @ %s") : _("Partially filled %s @ %s"), filled, price);
      _qd_order_ticket_show_outcome (self, text, "status-filled", TRUE);
      break;

    case QD_ORDER_STATUS_REJECTED:
    case QD_ORDER_STATUS_DENIED:
      text = g_strdup_printf (_("Rejected: %s"), qd_order_get_reason (order) ? qd_order_get_reason (order)
                                                                           : _("no reason given"));
      _qd_order_ticket_show_outcome (self, text, "status-rejected", TRUE);
      break;

    case QD_ORDER_STATUS_CANCELED:
    case QD_ORDER_STATUS_EXPIRED:
      text = ended_text (order, decimals);
      _qd_order_ticket_show_outcome (self, text, "status-cancelled", TRUE);
      break;

    case QD_ORDER_STATUS_ACCEPTED:
    case QD_ORDER_STATUS_TRIGGERED:
    case QD_ORDER_STATUS_PENDING_UPDATE:
    case QD_ORDER_STATUS_PENDING_CANCEL:
      text = g_strdup_printf (_("Accepted (%s)"), qd_order_get_order_id (order));
      _qd_order_ticket_show_outcome (self, text, "status-working", TRUE);
      break;

    case QD_ORDER_STATUS_INITIALIZED:
    case QD_ORDER_STATUS_EMULATED:
    case QD_ORDER_STATUS_RELEASED:
    case QD_ORDER_STATUS_SUBMITTED:
    default:
      break;
    }
}

void
_qd_order_ticket_request_updated_cb (QdIbService   *service,
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
      _qd_order_ticket_show_outcome (self, text, "status-rejected", TRUE);
      break;

    case QD_REQUEST_STATE_UNKNOWN:
      /* An order that already answered keeps its outcome. */
      if (!self->answered)
        _qd_order_ticket_show_outcome (self, _("Unknown — check the Orders table"), "warning", TRUE);
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

void
_qd_order_ticket_order_updated_cb (QdIbService   *service,
                                   QdOrder       *order,
                                   QdOrderTicket *self)
{
  if (is_our_order (self, order))
    qd_frame_coalescer_mark (self->coalescer, order);
}
