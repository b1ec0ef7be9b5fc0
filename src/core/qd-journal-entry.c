/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "qd-enums.h"
#include "qd-order-journal-private.h"

G_DEFINE_FINAL_TYPE (QdJournalEntry, qd_journal_entry, G_TYPE_OBJECT)

static GParamSpec *entry_props[N_ENTRY_PROPS];

static void
qd_journal_entry_finalize (GObject *object)
{
  QdJournalEntry *self = QD_JOURNAL_ENTRY (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->request_id);
  g_free (self->cmd);
  g_free (self->origin);
  g_free (self->client_order_id);
  g_free (self->summary);
  g_free (self->state_text);
  g_free (self->final_state);
  g_free (self->ack_text);

  G_OBJECT_CLASS (qd_journal_entry_parent_class)->finalize (object);
}

static void
qd_journal_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QdJournalEntry *self = QD_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_TIME: g_value_set_boxed (value, self->time); break;
    case ENTRY_PROP_REQUEST_ID: g_value_set_string (value, self->request_id); break;
    case ENTRY_PROP_CMD: g_value_set_string (value, self->cmd); break;
    case ENTRY_PROP_ORIGIN: g_value_set_string (value, self->origin); break;
    case ENTRY_PROP_CLIENT_ORDER_ID: g_value_set_string (value, self->client_order_id); break;
    case ENTRY_PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case ENTRY_PROP_STATE_TEXT: g_value_set_string (value, self->state_text); break;
    case ENTRY_PROP_FINAL_STATE: g_value_set_string (value, self->final_state); break;
    case ENTRY_PROP_UNRESOLVED: g_value_set_boolean (value, self->unresolved); break;
    case ENTRY_PROP_ACK_TEXT: g_value_set_string (value, self->ack_text); break;
    case ENTRY_PROP_REFUSED: g_value_set_boolean (value, self->refused); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

GParamSpec *
_qd_journal_string_prop (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
qd_journal_entry_class_init (QdJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_journal_entry_finalize;
  object_class->get_property = qd_journal_entry_get_property;

  entry_props[ENTRY_PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  entry_props[ENTRY_PROP_REQUEST_ID] = _qd_journal_string_prop ("request-id");
  entry_props[ENTRY_PROP_CMD] = _qd_journal_string_prop ("cmd");
  entry_props[ENTRY_PROP_ORIGIN] = _qd_journal_string_prop ("origin");
  entry_props[ENTRY_PROP_CLIENT_ORDER_ID] = _qd_journal_string_prop ("client-order-id");
  entry_props[ENTRY_PROP_SUMMARY] = _qd_journal_string_prop ("summary");
  entry_props[ENTRY_PROP_STATE_TEXT] = _qd_journal_string_prop ("state-text");
  entry_props[ENTRY_PROP_FINAL_STATE] = _qd_journal_string_prop ("final-state");
  entry_props[ENTRY_PROP_UNRESOLVED] =
    g_param_spec_boolean ("unresolved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  entry_props[ENTRY_PROP_ACK_TEXT] = _qd_journal_string_prop ("ack-text");
  entry_props[ENTRY_PROP_REFUSED] =
    g_param_spec_boolean ("refused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_ENTRY_PROPS, entry_props);
}

static void
qd_journal_entry_init (QdJournalEntry *self)
{
}

void
_qd_journal_entry_set_string (QdJournalEntry  *self,
                              char           **field,
                              const char      *value,
                              guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), entry_props[prop]);
}

void
_qd_journal_entry_set_refused (QdJournalEntry *self,
                               gboolean        refused)
{
  if (self->refused == refused)
    return;
  self->refused = refused;
  g_object_notify_by_pspec (G_OBJECT (self), entry_props[ENTRY_PROP_REFUSED]);
}

void
_qd_journal_entry_set_unresolved (QdJournalEntry *self,
                                  gboolean        unresolved)
{
  if (self->unresolved == unresolved)
    return;
  self->unresolved = unresolved;
  g_object_notify_by_pspec (G_OBJECT (self), entry_props[ENTRY_PROP_UNRESOLVED]);
}

GDateTime *
qd_journal_entry_get_time (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->time;
}

const char *
qd_journal_entry_get_request_id (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->request_id;
}

const char *
qd_journal_entry_get_cmd (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->cmd;
}

const char *
qd_journal_entry_get_origin (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->origin;
}

const char *
qd_journal_entry_get_client_order_id (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->client_order_id;
}

const char *
qd_journal_entry_get_state_text (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->state_text;
}

const char *
qd_journal_entry_get_summary (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->summary;
}

const char *
qd_journal_entry_get_final_state (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->final_state;
}

const char *
qd_journal_entry_get_ack_text (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), NULL);
  return self->ack_text;
}

gboolean
qd_journal_entry_get_refused (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), FALSE);
  return self->refused;
}

gboolean
qd_journal_entry_get_unresolved (QdJournalEntry *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_ENTRY (self), FALSE);
  return self->unresolved;
}

/* ---- what an entry says ------------------------------------------------------------ */

/* Commands that change orders: their outcome matters after a crash. */
static gboolean
cmd_is_order (const char *cmd)
{
  return g_strcmp0 (cmd, "submit") == 0 || g_strcmp0 (cmd, "modify") == 0 ||
         g_strcmp0 (cmd, "cancel") == 0 || g_strcmp0 (cmd, "cancel_all") == 0;
}

/* cancel_all names no single order: its ack is its outcome. */
gboolean
_qd_journal_cmd_needs_final (const char *cmd)
{
  return cmd_is_order (cmd) && g_strcmp0 (cmd, "cancel_all") != 0;
}

gboolean
_qd_journal_entry_is_resolved (QdJournalEntry *entry)
{
  if (entry->final_state != NULL || entry->refused)
    return TRUE;
  if (!cmd_is_order (entry->cmd))
    return TRUE;
  return !_qd_journal_cmd_needs_final (entry->cmd) && entry->acked;
}

const char *
_qd_journal_member_text (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
append_word (GString    *s,
             const char *word)
{
  if (word == NULL || *word == '\0')
    return;
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append (s, word);
}

/* "submit BUY 100 AAPL.NASDAQ LMT 187.10 DAY", as a trader reads an order ticket. */
char *
_qd_journal_summarize (const char *cmd,
                       JsonObject *payload)
{
  GString *s = g_string_new (cmd);
  const char *type = _qd_journal_member_text (payload, "order_type");

  append_word (s, _qd_journal_member_text (payload, "side"));
  append_word (s, _qd_journal_member_text (payload, "quantity"));
  append_word (s, _qd_journal_member_text (payload, "instrument_id"));
  if (type != NULL)
    append_word (s, qd_order_type_to_ib (qd_order_type_from_string (type)));
  append_word (s, _qd_journal_member_text (payload, "price"));
  if (_qd_journal_member_text (payload, "trigger_price") != NULL)
    {
      append_word (s, _("stop"));
      append_word (s, _qd_journal_member_text (payload, "trigger_price"));
    }
  append_word (s, _qd_journal_member_text (payload, "time_in_force"));
  append_word (s, _qd_journal_member_text (payload, "client_order_id"));
  return g_string_free (s, FALSE);
}
