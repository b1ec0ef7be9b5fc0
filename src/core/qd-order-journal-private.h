/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "qd-order-journal.h"

G_BEGIN_DECLS

struct _QdJournalEntry
{
  GObject    parent_instance;

  GDateTime *time;
  char      *request_id;
  char      *cmd;
  char      *origin;
  char      *client_order_id;
  char      *summary;
  char      *state_text;
  char      *final_state;
  char      *ack_text;
  gboolean   acked;
  gboolean   refused;
  gboolean   unresolved;
};

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_TIME,
  ENTRY_PROP_REQUEST_ID,
  ENTRY_PROP_CMD,
  ENTRY_PROP_ORIGIN,
  ENTRY_PROP_CLIENT_ORDER_ID,
  ENTRY_PROP_SUMMARY,
  ENTRY_PROP_STATE_TEXT,
  ENTRY_PROP_FINAL_STATE,
  ENTRY_PROP_UNRESOLVED,
  ENTRY_PROP_ACK_TEXT,
  ENTRY_PROP_REFUSED,
  N_ENTRY_PROPS
};

typedef struct _QdJournalWriter QdJournalWriter;

QdJournalWriter *_qd_journal_writer_new    (int               fd,
                                            gboolean          needs_newline);
gboolean         _qd_journal_writer_append (QdJournalWriter  *self,
                                            GString          *line,
                                            gboolean          durable,
                                            GError          **error);
gboolean         _qd_journal_writer_flush  (QdJournalWriter  *self,
                                            GError          **error);
void             _qd_journal_writer_free   (QdJournalWriter  *self);

GParamSpec *_qd_journal_string_prop          (const char      *name);
void        _qd_journal_entry_set_string     (QdJournalEntry  *self,
                                              char           **field,
                                              const char      *value,
                                              guint            prop);
void        _qd_journal_entry_set_refused    (QdJournalEntry  *self,
                                              gboolean         refused);
void        _qd_journal_entry_set_unresolved (QdJournalEntry  *self,
                                              gboolean         unresolved);

gboolean    _qd_journal_cmd_needs_final      (const char      *cmd);
gboolean    _qd_journal_entry_is_resolved    (QdJournalEntry  *entry);
/* A string member, NULL when absent or not a string. */
const char *_qd_journal_member_text          (JsonObject      *object,
                                              const char      *name);
char       *_qd_journal_summarize            (const char      *cmd,
                                              JsonObject      *payload);

/* Keeps the journal at `path` (whose contents are `data`) as a dated file beside it and starts
 * it again with the complete lines of the requests in `keep` (request_id set). Returns the
 * archive's path, or NULL with an error (nothing changed then). */
char *_qd_journal_rotate (const char  *path,
                          const char  *data,
                          gsize        len,
                          GHashTable  *keep,
                          GError     **error);

G_END_DECLS
