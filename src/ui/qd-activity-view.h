/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-activity-log.h"

G_BEGIN_DECLS

#define QD_TYPE_ACTIVITY_VIEW (qd_activity_view_get_type ())

G_DECLARE_FINAL_TYPE (QdActivityView, qd_activity_view, QD, ACTIVITY_VIEW, GtkWidget)

/*
 * The Activity tab: every entry of a QdActivityLog, newest first, with a search entry and
 * kind filters. Actions (group "activity"): "activity.focus-search" moves the keyboard focus
 * to the search entry; "activity.kind-filter" (string state: "all", "orders", "rejects",
 * "connection") is the kind filter its toggle buttons show.
 */
GtkWidget     *qd_activity_view_new           (QdActivityLog  *log);
QdActivityLog *qd_activity_view_get_log       (QdActivityView *self);
const char    *qd_activity_view_get_kind_filter (QdActivityView *self);
void           qd_activity_view_set_kind_filter (QdActivityView *self,
                                                 const char     *kind_filter);
void           qd_activity_view_focus_search  (QdActivityView *self);

G_END_DECLS
