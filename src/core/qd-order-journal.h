/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define QD_TYPE_ORDER_JOURNAL (qd_order_journal_get_type ())
#define QD_TYPE_JOURNAL_ENTRY (qd_journal_entry_get_type ())
#define QD_ORDER_JOURNAL_ERROR (qd_order_journal_error_quark ())

G_DECLARE_FINAL_TYPE (QdOrderJournal, qd_order_journal, QD, ORDER_JOURNAL, GObject)
G_DECLARE_FINAL_TYPE (QdJournalEntry, qd_journal_entry, QD, JOURNAL_ENTRY, GObject)

typedef enum
{
  QD_ORDER_JOURNAL_ERROR_OPEN,     /* the directory or file cannot be created or read */
  QD_ORDER_JOURNAL_ERROR_WRITE,    /* write or fsync failed: the record may not be on disk */
  QD_ORDER_JOURNAL_ERROR_INVALID,  /* a malformed argument (payload not a JSON object, …) */
} QdOrderJournalError;

/*
 * QdOrderJournal: every command, appended as one JSON line and fdatasynced before it is
 * published, then its ack and the final state of its order: those are written at once and
 * fdatasynced in the background (batched; the next command's sync covers them too), since
 * nothing waits on them before publishing. Records:
 *   {"kind":"command","origin":"desktop"|"remote:<addr>","time":"<ISO 8601>",<payload members>}
 *     (the payload carries "cmd" and "request_id")
 *   {"kind":"ack","request_id":…,"ok":…,"client_order_id":…?,"error":…?,"time":…}
 *   {"kind":"final","request_id":…,"client_order_id":…,"state":"FILLED"|…,"time":…}
 * Reopening replays the file: a damaged line (a crash mid-write leaves a torn last line) is
 * skipped, counted and reported, never fatal. Requests of submit/modify/cancel/cancel_all
 * with no known outcome are "unresolved": shown as unknown, never resent.
 */
GQuark          qd_order_journal_error_quark       (void);
/* $XDG_DATA_HOME/quarterdeck/orders.jsonl */
char           *qd_order_journal_default_path      (void);
/* Past this size at open, the journal is kept beside itself as orders-<UTC time>.jsonl and
 * starts again with the records of the requests that have no outcome yet. */
#define QD_ORDER_JOURNAL_ROTATE_BYTES (32 * 1024 * 1024)

QdOrderJournal *qd_order_journal_new               (const char      *path,
                                                    GError         **error);
/* rotate_bytes 0: never rotate. */
QdOrderJournal *qd_order_journal_new_with_limit    (const char      *path,
                                                    gsize            rotate_bytes,
                                                    GError         **error);
/* The file the journal was kept in when it was rotated at open, else NULL. */
const char     *qd_order_journal_get_archive_path  (QdOrderJournal  *self);
const char     *qd_order_journal_get_path          (QdOrderJournal  *self);
/* What replay had to skip, for people to read; NULL when the file was clean. */
const char     *qd_order_journal_get_replay_problem (QdOrderJournal *self);
guint           qd_order_journal_get_skipped_lines (QdOrderJournal  *self);

/* payload_json: the command exactly as published, a JSON object whose "cmd" and
 * "request_id" match the arguments. FALSE (and nothing may be published) when it could not
 * be written and fsynced. */
gboolean        qd_order_journal_append_command    (QdOrderJournal  *self,
                                                    const char      *request_id,
                                                    const char      *origin,
                                                    const char      *cmd,
                                                    const char      *payload_json,
                                                    GError         **error);
gboolean        qd_order_journal_record_ack        (QdOrderJournal  *self,
                                                    const char      *request_id,
                                                    gboolean         ok,
                                                    const char      *client_order_id,
                                                    const char      *error_message,
                                                    GError         **error);
/* Idempotent: a request already final is left alone (TRUE). */
gboolean        qd_order_journal_record_final      (QdOrderJournal  *self,
                                                    const char      *request_id,
                                                    const char      *client_order_id,
                                                    const char      *state,
                                                    GError         **error);
/* Links a journaled request to its order in memory (the order event carried qd:req=<id>);
 * when the request was unresolved from a previous session it becomes reconciled. Returns
 * TRUE when that happened. */
gboolean        qd_order_journal_link_order        (QdOrderJournal  *self,
                                                    const char      *request_id,
                                                    const char      *client_order_id);
/* Records the final state for every journaled request of that order not yet final; returns
 * how many records were written (write failures are reported through error). */
guint           qd_order_journal_finalize_order    (QdOrderJournal  *self,
                                                    const char      *client_order_id,
                                                    const char      *state,
                                                    GError         **error);

/* Puts every record written so far on disk now (acks and final states are otherwise
 * flushed by the next command or a short timer). */
gboolean        qd_order_journal_flush             (QdOrderJournal  *self,
                                                    GError         **error);

QdJournalEntry *qd_order_journal_lookup            (QdOrderJournal  *self,
                                                    const char      *request_id);
/* The requests replayed without an outcome and not reconciled since (QdJournalEntry,
 * oldest first; owned by the journal). */
GPtrArray      *qd_order_journal_get_unresolved    (QdOrderJournal  *self);
/* All entries, newest first (QdJournalEntry), for the Activity tab. */
GListModel     *qd_order_journal_get_entries       (QdOrderJournal  *self);

/* When the command was journaled (UTC), never NULL. */
GDateTime      *qd_journal_entry_get_time            (QdJournalEntry *self);
const char     *qd_journal_entry_get_request_id      (QdJournalEntry *self);
const char     *qd_journal_entry_get_cmd             (QdJournalEntry *self);
const char     *qd_journal_entry_get_origin          (QdJournalEntry *self);
const char     *qd_journal_entry_get_client_order_id (QdJournalEntry *self);
/* "Sent", "Accepted", "Refused: …", "Filled", "Unknown — check orders", … */
const char     *qd_journal_entry_get_state_text      (QdJournalEntry *self);
/* "submit BUY 100 AAPL.NASDAQ LMT 187.10 DAY" */
const char     *qd_journal_entry_get_summary         (QdJournalEntry *self);
/* The order's final state ("FILLED", …) or NULL. */
const char     *qd_journal_entry_get_final_state     (QdJournalEntry *self);
/* The node's answer: "Accepted", "Refused: …", or NULL before any. */
const char     *qd_journal_entry_get_ack_text        (QdJournalEntry *self);
/* The node (or the sending) refused the request. */
gboolean        qd_journal_entry_get_refused         (QdJournalEntry *self);
/* Replayed from a previous session without a known outcome (and not reconciled). */
gboolean        qd_journal_entry_get_unresolved      (QdJournalEntry *self);

G_END_DECLS
