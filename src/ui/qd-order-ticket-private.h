/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-order-ticket.h"

G_BEGIN_DECLS

/* For tests: fill the form and read what it shows. */
void        _qd_order_ticket_set_order_type (QdOrderTicket *self,
                                             QdOrderType    order_type);
void        _qd_order_ticket_set_prices     (QdOrderTicket *self,
                                             double         limit_price,
                                             double         stop_price);
void        _qd_order_ticket_set_tif        (QdOrderTicket *self,
                                             QdTimeInForce  tif);
const char *_qd_order_ticket_get_summary    (QdOrderTicket *self);
const char *_qd_order_ticket_get_outcome    (QdOrderTicket *self);
/* The findings shown, one per line ("error: …" / "warning: …"). */
char       *_qd_order_ticket_get_findings   (QdOrderTicket *self);
/* Tick every warning's confirmation (and the live one). */
void        _qd_order_ticket_confirm_all    (QdOrderTicket *self);
gboolean    _qd_order_ticket_can_submit     (QdOrderTicket *self);
void        _qd_order_ticket_submit         (QdOrderTicket *self);
void        _qd_order_ticket_flush          (QdOrderTicket *self);
const char *_qd_order_ticket_get_bid_text   (QdOrderTicket *self);
gboolean    _qd_order_ticket_asks_live      (QdOrderTicket *self);
/* The symbol entry's completion: instrument ids, one column. */
GtkTreeModel *_qd_order_ticket_get_completions (QdOrderTicket *self);
/* The New Order button, shown once the order sent has an outcome. */
gboolean    _qd_order_ticket_new_order      (QdOrderTicket *self);

G_END_DECLS
