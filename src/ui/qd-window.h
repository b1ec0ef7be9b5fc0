/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-application.h"
#include "qd-runtime.h"

G_BEGIN_DECLS

#define QD_TYPE_WINDOW (qd_window_get_type ())

G_DECLARE_FINAL_TYPE (QdWindow, qd_window, QD, WINDOW, AdwApplicationWindow)

QdWindow  *qd_window_new          (QdApplication *application);
/* Show the dashboard of this runtime's service. */
void       qd_window_set_runtime  (QdWindow      *self,
                                   QdRuntime     *runtime);
/* No bus could be started: say so, and why, instead of the dashboard. */
void       qd_window_show_no_bus  (QdWindow      *self,
                                   const char    *reason);

G_END_DECLS
