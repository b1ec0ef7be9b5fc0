/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-ib-dashboard.h"

G_BEGIN_DECLS

/* Tests: a named object of the template (a label, a button, a stack...). */
GtkWidget *_qd_ib_dashboard_get_part (QdIbDashboard *self,
                                      const char    *id);

G_END_DECLS
