/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-window.h"

G_BEGIN_DECLS

/* For tests: the parts of the window a user reads. */
AdwViewStack *_qd_window_get_view_stack   (QdWindow *self);
GtkLabel     *_qd_window_get_mode_badge   (QdWindow *self);
GtkLabel     *_qd_window_get_bus_pill     (QdWindow *self);
GtkLabel     *_qd_window_get_ib_pill      (QdWindow *self);
GtkRevealer  *_qd_window_get_banner       (QdWindow *self);
GtkLabel     *_qd_window_get_banner_label (QdWindow *self);
const char   *_qd_window_get_main_page    (QdWindow *self);
const char   *_qd_window_get_last_toast   (QdWindow *self);
guint         _qd_window_get_n_toasts     (QdWindow *self);
GtkWidget    *_qd_window_get_dashboard    (QdWindow *self);
/* Apply pending header updates now. */
void          _qd_window_flush            (QdWindow *self);

G_END_DECLS
