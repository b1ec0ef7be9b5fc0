/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "qd-journal-view.h"

#define ENTRY_KEY "qd-journal-entry"
#define COLUMN_KEY "qd-journal-column"
#define HANDLER_KEY "qd-journal-handler"

struct _QdJournalView
{
  GtkWidget           parent_instance;

  QdOrderJournal     *journal;
  char               *open_error;
  char               *search;        /* casefolded, NULL for none */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GHashTable         *cells;         /* QdJournalEntry -> GtkWidget *[QD_JOURNAL_N_COLUMNS] */
  GTimeZone          *time_zone;

  /* template */
  GtkLabel            *problem_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *status_page;
  GtkLabel            *path_label;
  GtkColumnViewColumn *columns[QD_JOURNAL_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (QdJournalView, qd_journal_view, GTK_TYPE_WIDGET)

/* ---- what a cell says ------------------------------------------------------------------ */

static char *
format_time (QdJournalView  *self,
             QdJournalEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (qd_journal_entry_get_time (entry), self->time_zone);
  g_autoptr(GDateTime) now = g_date_time_new_now (self->time_zone);

  if (g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
      g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, "%H:%M:%S");
  /* Translators: when a journaled request from an earlier day was sent, a strftime(3)
   * format. xgettext:no-c-format */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static char *
format_origin (const char *origin)
{
  if (g_strcmp0 (origin, "desktop") == 0)
    return g_strdup (_("Desktop"));
  if (g_str_has_prefix (origin, "remote:"))
    /* Translators: a request sent through the API server, then the client's address */
    return g_strdup_printf (_("Remote %s"), origin + strlen ("remote:"));
  return g_strdup (origin ? origin : "—");
}

/* The final state, the unknown outcome of an earlier run, or where the request stands. */
static const char *
state_text (QdJournalEntry *entry,
            const char    **css_class)
{
  const char *final = qd_journal_entry_get_final_state (entry);

  *css_class = NULL;
  if (qd_journal_entry_get_unresolved (entry))
    {
      *css_class = "warning";
      return qd_journal_entry_get_state_text (entry);
    }
  if (final != NULL)
    {
      if (g_str_equal (final, "FILLED"))
        *css_class = "success";
      else if (g_str_equal (final, "REJECTED") || g_str_equal (final, "DENIED"))
        *css_class = "error";
      return qd_journal_entry_get_state_text (entry);
    }
  if (qd_journal_entry_get_refused (entry))
    return _("Not carried out");
  return "—";
}

static const char * const state_classes[] = { "warning", "success", "error" };

static void
render_cell (QdJournalView  *self,
             GtkLabel       *label,
             QdJournalEntry *entry,
             QdJournalColumn column)
{
  g_autofree char *owned = NULL;
  const char *text = NULL;
  const char *css_class = NULL;

  switch (column)
    {
    case QD_JOURNAL_COLUMN_TIME:
      text = owned = format_time (self, entry);
      break;
    case QD_JOURNAL_COLUMN_REQUEST:
      text = qd_journal_entry_get_request_id (entry);
      break;
    case QD_JOURNAL_COLUMN_ORIGIN:
      text = owned = format_origin (qd_journal_entry_get_origin (entry));
      break;
    case QD_JOURNAL_COLUMN_COMMAND:
      text = qd_journal_entry_get_summary (entry);
      break;
    case QD_JOURNAL_COLUMN_ANSWER:
      text = qd_journal_entry_get_ack_text (entry);
      if (text == NULL)
        text = qd_journal_entry_get_unresolved (entry) ? _("None received") : "—";
      if (qd_journal_entry_get_refused (entry))
        css_class = "error";
      break;
    case QD_JOURNAL_COLUMN_STATE:
    case QD_JOURNAL_N_COLUMNS:
    default:
      text = state_text (entry, &css_class);
      break;
    }

  gtk_label_set_label (label, text ? text : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    if (g_strcmp0 (css_class, state_classes[i]) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (label), state_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

static void
entry_notify_cb (GtkLabel       *label,
                 GParamSpec     *pspec,
                 QdJournalEntry *entry)
{
  QdJournalView *self = QD_JOURNAL_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (label), QD_TYPE_JOURNAL_VIEW));

  if (self != NULL)
    render_cell (self, label, entry, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), COLUMN_KEY)));
}

/* ---- cells ----------------------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label),
                           GPOINTER_TO_UINT (column) == QD_JOURNAL_COLUMN_REQUEST ? PANGO_ELLIPSIZE_MIDDLE
                                                                                 : PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_UINT (column) == QD_JOURNAL_COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (label), COLUMN_KEY, column);
  gtk_list_item_set_child (item, label);
}

static GtkWidget **
cells_of (QdJournalView  *self,
          QdJournalEntry *entry)
{
  GtkWidget **cells = g_hash_table_lookup (self->cells, entry);

  if (cells == NULL)
    {
      cells = g_new0 (GtkWidget *, QD_JOURNAL_N_COLUMNS);
      g_hash_table_insert (self->cells, entry, cells);
    }
  return cells;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         QdJournalView            *self)
{
  QdJournalEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  QdJournalColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), COLUMN_KEY));
  gulong handler;

  render_cell (self, GTK_LABEL (label), entry, column);
  handler = g_signal_connect_object (entry, "notify", G_CALLBACK (entry_notify_cb), label, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (label), HANDLER_KEY, GSIZE_TO_POINTER (handler));
  g_object_set_data (G_OBJECT (label), ENTRY_KEY, entry);
  cells_of (self, entry)[column] = label;
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           QdJournalView            *self)
{
  QdJournalEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  QdJournalColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), COLUMN_KEY));
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), HANDLER_KEY));
  GtkWidget **cells = g_hash_table_lookup (self->cells, entry);

  if (handler != 0)
    g_signal_handler_disconnect (entry, handler);
  g_object_set_data (G_OBJECT (label), HANDLER_KEY, NULL);
  g_object_set_data (G_OBJECT (label), ENTRY_KEY, NULL);
  if (cells != NULL && cells[column] == label)
    cells[column] = NULL;
}

static void
setup_columns (QdJournalView *self)
{
  for (guint i = 0; i < QD_JOURNAL_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
      gtk_column_view_column_set_factory (self->columns[i], factory);
    }
}

/* ---- model, search and empty state ------------------------------------------------------ */

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = haystack ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  QdJournalView *self = user_data;
  QdJournalEntry *entry = item;

  if (self->search == NULL)
    return TRUE;
  return contains (qd_journal_entry_get_request_id (entry), self->search) ||
         contains (qd_journal_entry_get_summary (entry), self->search) ||
         contains (qd_journal_entry_get_state_text (entry), self->search) ||
         contains (qd_journal_entry_get_ack_text (entry), self->search) ||
         contains (qd_journal_entry_get_origin (entry), self->search);
}

static void
update_page (QdJournalView *self)
{
  gboolean any = self->filtered != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;

  if (any)
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
      return;
    }
  if (self->journal == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status_page, _("Order journal unavailable"));
      adw_status_page_set_description (self->status_page, self->open_error ? self->open_error
                                       : _("Orders are refused until the journal can be written."));
    }
  else if (self->search != NULL &&
           g_list_model_get_n_items (qd_order_journal_get_entries (self->journal)) > 0)
    {
      adw_status_page_set_icon_name (self->status_page, "edit-find-symbolic");
      adw_status_page_set_title (self->status_page, _("No matching requests"));
      adw_status_page_set_description (self->status_page, _("Try another search."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "document-save-symbolic");
      adw_status_page_set_title (self->status_page, _("No orders sent yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Every order command is written here before it is sent; "
                                         "the node's answer and the order's final state follow."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
create_model (QdJournalView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *path_text = NULL;
  const char *problem;

  if (self->journal == NULL)
    return;
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (qd_order_journal_get_entries (self->journal)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  problem = qd_order_journal_get_replay_problem (self->journal);
  gtk_label_set_label (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  /* Translators: the order journal's file */
  path_text = g_strdup_printf (_("Journal: %s"), qd_order_journal_get_path (self->journal));
  gtk_label_set_label (self->path_label, path_text);
}

/* ---- the object ------------------------------------------------------------------------- */

static void
qd_journal_view_dispose (GObject *object)
{
  QdJournalView *self = QD_JOURNAL_VIEW (object);

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_JOURNAL_VIEW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (qd_journal_view_parent_class)->dispose (object);
}

static void
qd_journal_view_finalize (GObject *object)
{
  QdJournalView *self = QD_JOURNAL_VIEW (object);

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_free (self->open_error);
  g_free (self->search);

  G_OBJECT_CLASS (qd_journal_view_parent_class)->finalize (object);
}

static void
qd_journal_view_class_init (QdJournalViewClass *klass)
{
  static const char * const ids[QD_JOURNAL_N_COLUMNS] = {
    "time_column", "request_column", "origin_column", "command_column", "answer_column", "state_column",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_journal_view_dispose;
  object_class->finalize = qd_journal_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/quarterdeck/Quarterdeck/qd-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QdJournalView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, QdJournalView, stack);
  gtk_widget_class_bind_template_child (widget_class, QdJournalView, column_view);
  gtk_widget_class_bind_template_child (widget_class, QdJournalView, status_page);
  gtk_widget_class_bind_template_child (widget_class, QdJournalView, path_label);
  for (guint i = 0; i < QD_JOURNAL_N_COLUMNS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, ids[i], FALSE,
                                               G_STRUCT_OFFSET (QdJournalView, columns)
                                               + i * sizeof (GtkColumnViewColumn *));
  gtk_widget_class_set_css_name (widget_class, "journalview");
}

static void
qd_journal_view_init (QdJournalView *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cells = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->time_zone = g_time_zone_new_local ();
  setup_columns (self);
}

GtkWidget *
qd_journal_view_new (QdOrderJournal *journal,
                     const char     *open_error)
{
  QdJournalView *self;

  g_return_val_if_fail (journal == NULL || QD_IS_ORDER_JOURNAL (journal), NULL);

  self = g_object_new (QD_TYPE_JOURNAL_VIEW, NULL);
  self->journal = journal ? g_object_ref (journal) : NULL;
  self->open_error = g_strdup (open_error);
  create_model (self);
  update_page (self);
  return GTK_WIDGET (self);
}

QdOrderJournal *
qd_journal_view_get_journal (QdJournalView *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_VIEW (self), NULL);
  return self->journal;
}

void
qd_journal_view_set_search (QdJournalView *self,
                            const char    *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  g_return_if_fail (QD_IS_JOURNAL_VIEW (self));

  folded = *stripped ? g_utf8_casefold (stripped, -1) : NULL;
  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

/* ---- test accessors ----------------------------------------------------------------------- */

GtkWidget *
qd_journal_view_get_cell (QdJournalView   *self,
                          QdJournalEntry  *entry,
                          QdJournalColumn  column)
{
  GtkWidget **cells;

  g_return_val_if_fail (QD_IS_JOURNAL_VIEW (self), NULL);
  g_return_val_if_fail (column < QD_JOURNAL_N_COLUMNS, NULL);

  cells = g_hash_table_lookup (self->cells, entry);
  return cells != NULL ? cells[column] : NULL;
}

const char *
qd_journal_view_get_cell_text (QdJournalView   *self,
                               QdJournalEntry  *entry,
                               QdJournalColumn  column)
{
  GtkWidget *cell = qd_journal_view_get_cell (self, entry, column);

  return cell != NULL ? gtk_label_get_label (GTK_LABEL (cell)) : NULL;
}

const char *
qd_journal_view_get_problem (QdJournalView *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_label (self->problem_label)
                                                                   : NULL;
}

guint
qd_journal_view_get_n_shown (QdJournalView *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_VIEW (self), 0);
  return self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

const char *
qd_journal_view_get_page (QdJournalView *self)
{
  g_return_val_if_fail (QD_IS_JOURNAL_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
