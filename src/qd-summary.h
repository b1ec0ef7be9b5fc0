/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-ib-service.h"

G_BEGIN_DECLS

/* The headless live summary: connection, account, positions and orders as text. */
char *qd_summary_render (QdIbService *service,
                         guint        max_orders);

G_END_DECLS
