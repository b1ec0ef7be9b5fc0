/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-ib-service.h"
#include "qd-risk-check.h"

G_BEGIN_DECLS

#define QD_TYPE_ORDER_TICKET (qd_order_ticket_get_type ())

G_DECLARE_FINAL_TYPE (QdOrderTicket, qd_order_ticket, QD, ORDER_TICKET, AdwWindow)

/*
 * QdOrderTicket: the floating quick-order dialog. Non-modal; several can be open at once.
 * Every change is checked with the QdRiskCheck; errors block Submit, warnings must be
 * confirmed. A submitted order is followed until its outcome; nothing is ever resent.
 */
GtkWidget *qd_order_ticket_new     (QdIbService   *service,
                                    QdRiskCheck   *risk);
void       qd_order_ticket_prefill (QdOrderTicket *self,
                                    const char    *instrument_id,
                                    QdOrderSide    side,
                                    QdDecimal      quantity);

G_END_DECLS
