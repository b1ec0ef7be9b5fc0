/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * QdTableMirror: the service's list of positions or orders as a table shows it, a frame
 * at a time. The items are the service's own objects; only their arrival is batched.
 *
 * GTK 4.8's list views keep up to 200 rows bound and rebind them on every items-changed
 * of their model, so 10 000 orders appended one event at a time would rebind 200 rows
 * 10 000 times. Appended items wait here until the table's next flush and then arrive in
 * one change. A removal (which the service does not make) shows the source as it is.
 */

typedef struct _QdTableMirror QdTableMirror;

QdTableMirror *qd_table_mirror_new            (GType          item_type);
void           qd_table_mirror_free           (QdTableMirror *self);
/* What the table's filter or sort model reads. */
GListModel    *qd_table_mirror_get_model      (QdTableMirror *self);
/* Show exactly source's items now (none for NULL) and follow it from here on. */
void           qd_table_mirror_reset          (QdTableMirror *self,
                                               GListModel    *source);
/* Call from source's items-changed. */
void           qd_table_mirror_source_changed (QdTableMirror *self,
                                               GListModel    *source,
                                               guint          position,
                                               guint          removed,
                                               guint          added);
/* Show the items that arrived since the last flush, in one change; FALSE when none did. */
gboolean       qd_table_mirror_flush          (QdTableMirror *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdTableMirror, qd_table_mirror_free)

G_END_DECLS
