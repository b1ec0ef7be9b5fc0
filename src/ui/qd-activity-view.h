/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-activity-log.h"
#include "qd-order-journal.h"

G_BEGIN_DECLS

#define QD_TYPE_ACTIVITY_VIEW (qd_activity_view_get_type ())

G_DECLARE_FINAL_TYPE (QdActivityView, qd_activity_view, QD, ACTIVITY_VIEW, GtkWidget)

/*
 * The Activity tab: every entry of a QdActivityLog, newest first, with a search entry and
 * kind filters. Actions (group "activity"): "activity.focus-search" moves the keyboard focus
 * to the search entry; "activity.kind-filter" (string state: "all", "orders", "rejects",
 * "connection") is the kind filter its toggle buttons show; "activity.section" ("events",
 * "journal") switches to the order journal (see QdJournalView), which the search also filters.
 */
GtkWidget     *qd_activity_view_new           (QdActivityLog  *log);
QdActivityLog *qd_activity_view_get_log       (QdActivityView *self);
const char    *qd_activity_view_get_kind_filter (QdActivityView *self);
void           qd_activity_view_set_kind_filter (QdActivityView *self,
                                                 const char     *kind_filter);
void           qd_activity_view_focus_search  (QdActivityView *self);
const char    *qd_activity_view_get_section   (QdActivityView *self);
void           qd_activity_view_set_section   (QdActivityView *self,
                                               const char     *section);
void           qd_activity_view_set_journal   (QdActivityView *self,
                                               QdOrderJournal *journal,
                                               const char     *open_error);
/* The QdJournalView, NULL before qd_activity_view_set_journal(). */
GtkWidget     *qd_activity_view_get_journal_view (QdActivityView *self);

G_END_DECLS
