/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-order-journal.h"

G_BEGIN_DECLS

#define QD_TYPE_JOURNAL_VIEW (qd_journal_view_get_type ())

G_DECLARE_FINAL_TYPE (QdJournalView, qd_journal_view, QD, JOURNAL_VIEW, GtkWidget)

/*
 * QdJournalView: the order journal in the Activity tab, newest first: when each request was
 * journaled, its id, where it came from, the command, the node's answer and the order's
 * final state. Requests a previous run left without an outcome read "Unknown — check
 * orders"; a damaged or torn line found when the journal was opened is reported above the
 * table. Rows follow the entries live. journal may be NULL (it could not be opened): the
 * view then says so.
 */
GtkWidget      *qd_journal_view_new         (QdOrderJournal *journal,
                                             const char     *open_error);
QdOrderJournal *qd_journal_view_get_journal (QdJournalView  *self);
/* Shows the requests whose id, command or outcome contain text (case-insensitive). */
void            qd_journal_view_set_search  (QdJournalView  *self,
                                             const char     *text);

typedef enum
{
  QD_JOURNAL_COLUMN_TIME,
  QD_JOURNAL_COLUMN_REQUEST,
  QD_JOURNAL_COLUMN_ORIGIN,
  QD_JOURNAL_COLUMN_COMMAND,
  QD_JOURNAL_COLUMN_ANSWER,
  QD_JOURNAL_COLUMN_STATE,
  QD_JOURNAL_N_COLUMNS
} QdJournalColumn;

/* Tests: what a row shows (NULL when the row is not on screen), the problem line, the page. */
const char     *qd_journal_view_get_cell_text (QdJournalView   *self,
                                               QdJournalEntry  *entry,
                                               QdJournalColumn  column);
GtkWidget      *qd_journal_view_get_cell      (QdJournalView   *self,
                                               QdJournalEntry  *entry,
                                               QdJournalColumn  column);
const char     *qd_journal_view_get_problem   (QdJournalView   *self);
guint           qd_journal_view_get_n_shown   (QdJournalView   *self);
const char     *qd_journal_view_get_page      (QdJournalView   *self);

G_END_DECLS
