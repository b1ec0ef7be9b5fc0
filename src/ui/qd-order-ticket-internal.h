/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-frame-coalescer.h"
#include "qd-order-ticket.h"

G_BEGIN_DECLS

/* Shared by qd-order-ticket.c (the form), -checks.c (the findings) and -outcome.c. */
struct _QdOrderTicket
{
  AdwWindow          parent_instance;

  /* template children */
  AdwWindowTitle    *window_title;
  GtkWidget         *form_grid;
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

char *_qd_order_ticket_display_or_dash    (QdDecimal             value,
                                           gint                  decimals);
/* Submit is sensitive with no error, every warning confirmed, and nothing outstanding. */
void  _qd_order_ticket_update_submit      (QdOrderTicket        *self);
void  _qd_order_ticket_update_findings    (QdOrderTicket        *self,
                                           const QdOrderRequest *request);
void  _qd_order_ticket_show_outcome       (QdOrderTicket        *self,
                                           const char           *text,
                                           const char           *css_class,
                                           gboolean              answered);
void  _qd_order_ticket_show_order_outcome (QdOrderTicket        *self,
                                           QdOrder              *order);
void  _qd_order_ticket_request_updated_cb (QdIbService          *service,
                                           const char           *request_id,
                                           int                   state,
                                           QdOrderTicket        *self);
void  _qd_order_ticket_order_updated_cb   (QdIbService          *service,
                                           QdOrder              *order,
                                           QdOrderTicket        *self);

G_END_DECLS
