/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qd-enums.h"
#include "qd-json-guard.h"
#include "qd-json-writer.h"
#include "qd-order-journal-private.h"

/* A record is a few hundred bytes; anything far longer is damage, not a command. */
#define MAX_LINE_LENGTH (64 * 1024)
#define MAX_DEPTH 8

/* ---- the journal ------------------------------------------------------------------- */

struct _QdOrderJournal
{
  GObject      parent_instance;

  char        *path;
  int          fd;              /* until replay hands it to the writer */
  gboolean     needs_newline;   /* the file ends in a torn record: start a fresh line */
  QdJournalWriter *writer;
  GListStore  *entries;
  GHashTable  *by_request;      /* request_id -> QdJournalEntry */
  GHashTable  *by_order;        /* client_order_id -> GPtrArray of QdJournalEntry not final */
  GPtrArray   *unresolved;
  char        *replay_problem;
  guint        skipped;
  gboolean     torn_tail;
  char        *archive_path;    /* where the journal was kept when it was rotated at open */
};

G_DEFINE_FINAL_TYPE (QdOrderJournal, qd_order_journal, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-order-journal-error-quark, qd_order_journal_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_REPLAY_PROBLEM,
  PROP_SKIPPED_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qd_order_journal_finalize (GObject *object)
{
  QdOrderJournal *self = QD_ORDER_JOURNAL (object);

  g_clear_pointer (&self->writer, _qd_journal_writer_free);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->by_request, g_hash_table_unref);
  g_clear_pointer (&self->by_order, g_hash_table_unref);
  g_clear_pointer (&self->unresolved, g_ptr_array_unref);
  g_free (self->replay_problem);
  g_free (self->archive_path);

  G_OBJECT_CLASS (qd_order_journal_parent_class)->finalize (object);
}

static void
qd_order_journal_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QdOrderJournal *self = QD_ORDER_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_REPLAY_PROBLEM: g_value_set_string (value, self->replay_problem); break;
    case PROP_SKIPPED_LINES: g_value_set_uint (value, self->skipped); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_order_journal_class_init (QdOrderJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_order_journal_finalize;
  object_class->get_property = qd_order_journal_get_property;

  properties[PROP_PATH] = _qd_journal_string_prop ("path");
  properties[PROP_REPLAY_PROBLEM] = _qd_journal_string_prop ("replay-problem");
  properties[PROP_SKIPPED_LINES] =
    g_param_spec_uint ("skipped-lines", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_order_journal_init (QdOrderJournal *self)
{
  self->fd = -1;
  self->entries = g_list_store_new (QD_TYPE_JOURNAL_ENTRY);
  self->by_request = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->by_order = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->unresolved = g_ptr_array_new_with_free_func (g_object_unref);
}

char *
qd_order_journal_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "quarterdeck", "orders.jsonl", NULL);
}

static void
index_by_order (QdOrderJournal *self,
                QdJournalEntry *entry)
{
  GPtrArray *list;

  if (entry->client_order_id == NULL || !_qd_journal_cmd_needs_final (entry->cmd) || entry->final_state != NULL)
    return;
  list = g_hash_table_lookup (self->by_order, entry->client_order_id);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->by_order, g_strdup (entry->client_order_id), list);
    }
  if (!g_ptr_array_find (list, entry, NULL))
    g_ptr_array_add (list, g_object_ref (entry));
}

static QdJournalEntry *
add_entry (QdOrderJournal *self,
           GDateTime      *time,
           const char     *request_id,
           const char     *origin,
           const char     *cmd,
           JsonObject     *payload)
{
  QdJournalEntry *entry = g_object_new (QD_TYPE_JOURNAL_ENTRY, NULL);

  entry->time = g_date_time_ref (time);
  entry->request_id = g_strdup (request_id);
  entry->origin = g_strdup (origin ? origin : "desktop");
  entry->cmd = g_strdup (cmd);
  entry->client_order_id = g_strdup (_qd_journal_member_text (payload, "client_order_id"));
  entry->summary = _qd_journal_summarize (cmd, payload);
  entry->state_text = g_strdup (_("Sent"));

  g_hash_table_replace (self->by_request, entry->request_id, entry);
  g_list_store_insert (self->entries, 0, entry);
  index_by_order (self, entry);
  return entry;
}

static void
apply_ack (QdOrderJournal *self,
           QdJournalEntry *entry,
           gboolean        ok,
           const char     *client_order_id,
           const char     *error_message)
{
  g_autofree char *text = NULL;

  if (entry->client_order_id == NULL && client_order_id != NULL)
    {
      _qd_journal_entry_set_string (entry, &entry->client_order_id, client_order_id, ENTRY_PROP_CLIENT_ORDER_ID);
      index_by_order (self, entry);
    }
  entry->acked = TRUE;
  _qd_journal_entry_set_refused (entry, !ok);
  /* An answer from the node is an outcome: the request is no longer unknown. */
  if (entry->unresolved)
    {
      _qd_journal_entry_set_unresolved (entry, FALSE);
      g_ptr_array_remove (self->unresolved, entry);
    }
  if (ok)
    text = g_strdup (_("Accepted by the node"));
  else
    text = g_strdup_printf (_("Refused: %s"), error_message ? error_message : _("no reason given"));
  _qd_journal_entry_set_string (entry, &entry->ack_text, text, ENTRY_PROP_ACK_TEXT);
  if (entry->final_state == NULL)
    _qd_journal_entry_set_string (entry, &entry->state_text, text, ENTRY_PROP_STATE_TEXT);
}

static void
drop_from_order_index (QdOrderJournal *self,
                       QdJournalEntry *entry)
{
  GPtrArray *list;

  if (entry->client_order_id == NULL)
    return;
  list = g_hash_table_lookup (self->by_order, entry->client_order_id);
  if (list == NULL)
    return;
  g_ptr_array_remove (list, entry);
  if (list->len == 0)
    g_hash_table_remove (self->by_order, entry->client_order_id);
}

static void
apply_final (QdOrderJournal *self,
             QdJournalEntry *entry,
             const char     *client_order_id,
             const char     *state)
{
  QdOrderStatus status;

  drop_from_order_index (self, entry);
  if (entry->client_order_id == NULL && client_order_id != NULL)
    _qd_journal_entry_set_string (entry, &entry->client_order_id, client_order_id, ENTRY_PROP_CLIENT_ORDER_ID);
  _qd_journal_entry_set_string (entry, &entry->final_state, state, ENTRY_PROP_FINAL_STATE);
  _qd_journal_entry_set_string (entry, &entry->state_text,
                    qd_order_status_from_string (state, &status) ? qd_order_status_to_ib (status) : state,
                    ENTRY_PROP_STATE_TEXT);
  if (entry->unresolved)
    {
      _qd_journal_entry_set_unresolved (entry, FALSE);
      g_ptr_array_remove (self->unresolved, entry);
    }
}

/* ---- replay ------------------------------------------------------------------------ */

static GDateTime *
record_time (JsonObject *record)
{
  const char *text = _qd_journal_member_text (record, "time");
  GDateTime *time = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return time ? time : g_date_time_new_from_unix_utc (0);
}

static gboolean
replay_command (QdOrderJournal *self,
                JsonObject     *record)
{
  const char *request_id = _qd_journal_member_text (record, "request_id");
  const char *cmd = _qd_journal_member_text (record, "cmd");
  g_autoptr(GDateTime) time = NULL;

  if (request_id == NULL || cmd == NULL || g_hash_table_contains (self->by_request, request_id))
    return FALSE;
  time = record_time (record);
  add_entry (self, time, request_id, _qd_journal_member_text (record, "origin"), cmd, record);
  return TRUE;
}

static gboolean
replay_outcome (QdOrderJournal *self,
                const char     *kind,
                JsonObject     *record)
{
  const char *request_id = _qd_journal_member_text (record, "request_id");
  QdJournalEntry *entry = request_id ? g_hash_table_lookup (self->by_request, request_id) : NULL;
  JsonNode *ok;

  /* An outcome whose command was lost to a damaged line has nothing to attach to. */
  if (entry == NULL)
    return FALSE;

  if (g_strcmp0 (kind, "final") == 0)
    {
      if (_qd_journal_member_text (record, "state") == NULL)
        return FALSE;
      apply_final (self, entry, _qd_journal_member_text (record, "client_order_id"), _qd_journal_member_text (record, "state"));
      return TRUE;
    }

  ok = json_object_get_member (record, "ok");
  if (ok == NULL || !JSON_NODE_HOLDS_VALUE (ok) || json_node_get_value_type (ok) != G_TYPE_BOOLEAN)
    return FALSE;
  apply_ack (self, entry, json_node_get_boolean (ok), _qd_journal_member_text (record, "client_order_id"),
             _qd_journal_member_text (record, "error"));
  return TRUE;
}

static gboolean
replay_line (QdOrderJournal *self,
             const char     *line,
             gsize           len)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *record;
  const char *kind;

  if (len > MAX_LINE_LENGTH)
    {
      g_debug ("journal line of %" G_GSIZE_FORMAT " bytes skipped", len);
      return FALSE;
    }
  /* The guard refuses what json-glib would take or get wrong, and bounds the nesting. */
  if (!qd_json_guard_check (line, len, MAX_DEPTH, &error))
    {
      g_debug ("journal line skipped: %s", error->message);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, (gssize) len, &error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  record = json_node_get_object (root);
  kind = _qd_journal_member_text (record, "kind");
  if (g_strcmp0 (kind, "command") == 0)
    return replay_command (self, record);
  if (g_strcmp0 (kind, "ack") == 0 || g_strcmp0 (kind, "final") == 0)
    return replay_outcome (self, kind, record);
  return FALSE;
}

static void
mark_unresolved (QdOrderJournal *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  /* The store is newest first: walk it backwards so the list reads in the order sent. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(QdJournalEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i - 1);

      if (_qd_journal_entry_is_resolved (entry))
        continue;
      _qd_journal_entry_set_unresolved (entry, TRUE);
      _qd_journal_entry_set_string (entry, &entry->state_text, _("Unknown — check orders"), ENTRY_PROP_STATE_TEXT);
      g_ptr_array_add (self->unresolved, g_object_ref (entry));
    }
}

static void
describe_replay_problem (QdOrderJournal *self)
{
  GString *text;

  if (self->skipped == 0)
    return;

  text = g_string_new (NULL);
  if (self->torn_tail)
    g_string_append (text, _("The last record of the order journal was incomplete (written during a "
                             "crash?) and was ignored."));
  if (self->skipped > (self->torn_tail ? 1u : 0u))
    {
      guint damaged = self->skipped - (self->torn_tail ? 1 : 0);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u damaged line of the order journal was skipped.",
                                                 "%u damaged lines of the order journal were skipped.",
                                                 damaged), damaged);
    }
  self->replay_problem = g_string_free (text, FALSE);
}

static void
replay (QdOrderJournal *self,
        const char     *data,
        gsize           len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      gsize line_len = line_end - p;

      if (line_len > 0 && !replay_line (self, p, line_len))
        {
          self->skipped++;
          /* Only an unterminated last line can be a write cut short by a crash. */
          if (nl == NULL)
            self->torn_tail = TRUE;
        }
      p = nl ? nl + 1 : end;
    }

  self->needs_newline = len > 0 && data[len - 1] != '\n';
  mark_unresolved (self);
  describe_replay_problem (self);
}

/* ---- writing ----------------------------------------------------------------------- */

static gboolean
write_record (QdOrderJournal  *self,
              GString         *line,
              gboolean         durable,
              GError         **error)
{
  return _qd_journal_writer_append (self->writer, line, durable, error);
}

static char *
now_iso8601 (GDateTime **out_time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (out_time != NULL)
    *out_time = g_date_time_ref (now);
  return g_date_time_format_iso8601 (now);
}

/* ---- opening ----------------------------------------------------------------------- */

static gboolean
open_file (QdOrderJournal  *self,
           GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  struct stat st;
  int saved;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_OPEN,
                   _("Could not create the folder %s for the order journal: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  self->fd = open (self->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      saved = errno;
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_OPEN,
                   _("Could not open the order journal %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (self->fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_OPEN,
                   _("The order journal %s is not a regular file"), self->path);
      return FALSE;
    }
  return TRUE;
}

/* Past its limit, the journal is kept under a dated name and starts again with what is still
 * open. A failed rotation is not fatal: the journal goes on in the same file. */
static gboolean
rotate (QdOrderJournal  *self,
        const char      *contents,
        gsize            len,
        GError         **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < self->unresolved->len; i++)
    g_hash_table_add (keep, (gpointer) qd_journal_entry_get_request_id (g_ptr_array_index (self->unresolved, i)));

  self->archive_path = _qd_journal_rotate (self->path, contents, len, keep, &local_error);
  if (self->archive_path == NULL)
    {
      g_debug ("order journal not rotated: %s", local_error->message);
      return TRUE;
    }

  close (self->fd);
  self->fd = -1;
  self->needs_newline = FALSE;
  return open_file (self, error);
}

QdOrderJournal *
qd_order_journal_new (const char  *path,
                      GError     **error)
{
  return qd_order_journal_new_with_limit (path, QD_ORDER_JOURNAL_ROTATE_BYTES, error);
}

QdOrderJournal *
qd_order_journal_new_with_limit (const char  *path,
                                 gsize        rotate_bytes,
                                 GError     **error)
{
  g_autoptr(QdOrderJournal) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (QD_TYPE_ORDER_JOURNAL, NULL);
  self->path = g_strdup (path);

  if (!open_file (self, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_OPEN,
                   _("Could not read the order journal %s: %s"), path, local_error->message);
      return NULL;
    }

  replay (self, contents, len);
  if (rotate_bytes > 0 && len > rotate_bytes && !rotate (self, contents, len, error))
    return NULL;
  self->writer = _qd_journal_writer_new (self->fd, self->needs_newline);
  self->fd = -1;
  return g_steal_pointer (&self);
}

gboolean
qd_order_journal_flush (QdOrderJournal  *self,
                        GError         **error)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), FALSE);
  return _qd_journal_writer_flush (self->writer, error);
}

const char *
qd_order_journal_get_path (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return self->path;
}

const char *
qd_order_journal_get_archive_path (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return self->archive_path;
}

const char *
qd_order_journal_get_replay_problem (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return self->replay_problem;
}

guint
qd_order_journal_get_skipped_lines (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), 0);
  return self->skipped;
}

/* ---- records ----------------------------------------------------------------------- */

static JsonObject *
parse_payload (const char  *request_id,
               const char  *cmd,
               const char  *payload_json,
               JsonParser  *parser,
               GError     **error)
{
  gsize len = strlen (payload_json);
  JsonNode *root;
  JsonObject *payload;

  if (!qd_json_guard_check (payload_json, len, MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, payload_json, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID,
                   _("The %s command is not a JSON object"), cmd);
      return NULL;
    }
  payload = json_node_get_object (root);
  if (g_strcmp0 (_qd_journal_member_text (payload, "cmd"), cmd) != 0 ||
      g_strcmp0 (_qd_journal_member_text (payload, "request_id"), request_id) != 0 ||
      json_object_has_member (payload, "kind") || json_object_has_member (payload, "origin") ||
      json_object_has_member (payload, "time"))
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID,
                   _("The %s command does not carry its own name and request id"), cmd);
      return NULL;
    }
  return payload;
}

gboolean
qd_order_journal_append_command (QdOrderJournal  *self,
                                 const char      *request_id,
                                 const char      *origin,
                                 const char      *cmd,
                                 const char      *payload_json,
                                 GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GString) line = NULL;
  g_autofree char *stamp = NULL;
  JsonObject *payload;
  const char *body;
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), FALSE);
  g_return_val_if_fail (request_id != NULL && cmd != NULL && payload_json != NULL, FALSE);

  if (g_hash_table_contains (self->by_request, request_id))
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID,
                   _("Request %s is already in the order journal"), request_id);
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  payload = parse_payload (request_id, cmd, payload_json, parser, error);
  if (payload == NULL)
    return FALSE;

  origin = origin ? origin : "desktop";
  stamp = now_iso8601 (&time);
  line = g_string_sized_new (strlen (payload_json) + 96);
  qd_json_writer_init (&w, line);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "kind", "command");
  qd_json_writer_member_string (&w, "origin", origin);
  qd_json_writer_member_string (&w, "time", stamp);
  /* The command's own members follow verbatim, decimals exactly as published. */
  body = strchr (payload_json, '{') + 1;
  while (g_ascii_isspace (*body))
    body++;
  if (*body != '}')
    g_string_append_c (line, ',');
  g_string_append (line, body);

  if (!write_record (self, line, TRUE, error))
    return FALSE;
  add_entry (self, time, request_id, origin, cmd, payload);
  return TRUE;
}

gboolean
qd_order_journal_record_ack (QdOrderJournal  *self,
                             const char      *request_id,
                             gboolean         ok,
                             const char      *client_order_id,
                             const char      *error_message,
                             GError         **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *stamp = NULL;
  QdJournalEntry *entry;
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_request, request_id);
  if (entry == NULL)
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID,
                   _("Request %s is not in the order journal"), request_id);
      return FALSE;
    }

  stamp = now_iso8601 (NULL);
  qd_json_writer_init (&w, line);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "kind", "ack");
  qd_json_writer_member_string (&w, "request_id", request_id);
  qd_json_writer_member_bool (&w, "ok", ok);
  if (client_order_id != NULL)
    qd_json_writer_member_string (&w, "client_order_id", client_order_id);
  if (error_message != NULL)
    qd_json_writer_member_string (&w, "error", error_message);
  qd_json_writer_member_string (&w, "time", stamp);
  qd_json_writer_end_object (&w);

  if (!write_record (self, line, FALSE, error))
    return FALSE;
  apply_ack (self, entry, ok, client_order_id, error_message);
  return TRUE;
}

gboolean
qd_order_journal_record_final (QdOrderJournal  *self,
                               const char      *request_id,
                               const char      *client_order_id,
                               const char      *state,
                               GError         **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *stamp = NULL;
  QdJournalEntry *entry;
  QdJsonWriter w;

  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), FALSE);
  g_return_val_if_fail (request_id != NULL && state != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_request, request_id);
  if (entry == NULL)
    {
      g_set_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID,
                   _("Request %s is not in the order journal"), request_id);
      return FALSE;
    }
  if (entry->final_state != NULL)
    return TRUE;

  if (client_order_id == NULL)
    client_order_id = entry->client_order_id;
  stamp = now_iso8601 (NULL);
  qd_json_writer_init (&w, line);
  qd_json_writer_begin_object (&w);
  qd_json_writer_member_string (&w, "kind", "final");
  qd_json_writer_member_string (&w, "request_id", request_id);
  qd_json_writer_member_string (&w, "client_order_id", client_order_id);
  qd_json_writer_member_string (&w, "state", state);
  qd_json_writer_member_string (&w, "time", stamp);
  qd_json_writer_end_object (&w);

  if (!write_record (self, line, FALSE, error))
    return FALSE;
  apply_final (self, entry, client_order_id, state);
  return TRUE;
}

gboolean
qd_order_journal_link_order (QdOrderJournal *self,
                             const char     *request_id,
                             const char     *client_order_id)
{
  QdJournalEntry *entry;

  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), FALSE);

  entry = request_id ? g_hash_table_lookup (self->by_request, request_id) : NULL;
  if (entry == NULL || client_order_id == NULL)
    return FALSE;

  if (entry->client_order_id == NULL)
    {
      _qd_journal_entry_set_string (entry, &entry->client_order_id, client_order_id, ENTRY_PROP_CLIENT_ORDER_ID);
      index_by_order (self, entry);
    }
  if (!entry->unresolved)
    return FALSE;

  /* The order exists at the venue: its outcome is no longer unknown, only not final yet. */
  _qd_journal_entry_set_unresolved (entry, FALSE);
  g_ptr_array_remove (self->unresolved, entry);
  if (entry->final_state == NULL)
    _qd_journal_entry_set_string (entry, &entry->state_text, _("Order found after restart"), ENTRY_PROP_STATE_TEXT);
  return TRUE;
}

guint
qd_order_journal_finalize_order (QdOrderJournal  *self,
                                 const char      *client_order_id,
                                 const char      *state,
                                 GError         **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  GPtrArray *list;
  guint written = 0;

  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), 0);
  g_return_val_if_fail (state != NULL, 0);

  list = client_order_id ? g_hash_table_lookup (self->by_order, client_order_id) : NULL;
  if (list == NULL)
    return 0;

  /* record_final removes each entry from the index list: walk a copy. */
  pending = g_ptr_array_new_full (list->len, g_object_unref);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (pending, g_object_ref (g_ptr_array_index (list, i)));
  for (guint i = 0; i < pending->len; i++)
    {
      QdJournalEntry *entry = g_ptr_array_index (pending, i);

      if (!qd_order_journal_record_final (self, entry->request_id, client_order_id, state, error))
        break;
      written++;
    }
  return written;
}

QdJournalEntry *
qd_order_journal_lookup (QdOrderJournal *self,
                         const char     *request_id)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return request_id ? g_hash_table_lookup (self->by_request, request_id) : NULL;
}

GPtrArray *
qd_order_journal_get_unresolved (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return self->unresolved;
}

GListModel *
qd_order_journal_get_entries (QdOrderJournal *self)
{
  g_return_val_if_fail (QD_IS_ORDER_JOURNAL (self), NULL);
  return G_LIST_MODEL (self->entries);
}
