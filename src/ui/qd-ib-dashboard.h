/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-frame-coalescer.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_TYPE_IB_DASHBOARD (qd_ib_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (QdIbDashboard, qd_ib_dashboard, QD, IB_DASHBOARD, GtkWidget)

/*
 * QdIbDashboard: the Interactive Brokers tab. The connection and account cards, the
 * positions and orders tables, and the manual refresh buttons. Actions (group
 * "dashboard"): refresh-account, refresh-positions, refresh-orders, refresh-all (F5).
 */
GtkWidget        *qd_ib_dashboard_new           (QdIbService   *service);
QdIbService      *qd_ib_dashboard_get_service   (QdIbDashboard *self);
/* Ask the node for the account, the positions and the orders again. */
void              qd_ib_dashboard_refresh_all   (QdIbDashboard *self);
QdFrameCoalescer *qd_ib_dashboard_get_coalescer (QdIbDashboard *self);

G_END_DECLS
