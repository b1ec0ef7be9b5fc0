/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-enums.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_TYPE_ACTIVITY_ENTRY (qd_activity_entry_get_type ())
#define QD_TYPE_ACTIVITY_LOG (qd_activity_log_get_type ())

G_DECLARE_FINAL_TYPE (QdActivityEntry, qd_activity_entry, QD, ACTIVITY_ENTRY, GObject)
G_DECLARE_FINAL_TYPE (QdActivityLog, qd_activity_log, QD, ACTIVITY_LOG, GObject)

/* One line of the Activity tab: when (UNIX µs, local clock), what kind, what happened. */
QdActivityEntry *qd_activity_entry_new          (gint64          time,
                                                 QdActivityKind  kind,
                                                 const char     *message);
gint64           qd_activity_entry_get_time     (QdActivityEntry *self);
QdActivityKind   qd_activity_entry_get_kind     (QdActivityEntry *self);
const char      *qd_activity_entry_get_message  (QdActivityEntry *self);

/* A GListModel of QdActivityEntry, newest first, keeping at most `capacity` entries. It
 * records every "activity" of the service it follows (NULL: only what is added by hand). */
QdActivityLog   *qd_activity_log_new            (QdIbService    *service,
                                                 guint           capacity);
void             qd_activity_log_add            (QdActivityLog  *self,
                                                 QdActivityKind  kind,
                                                 const char     *message);
guint            qd_activity_log_get_capacity   (QdActivityLog  *self);

G_END_DECLS
