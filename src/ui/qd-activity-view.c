/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "qd-activity-view.h"
#include "qd-frame-coalescer.h"
#include "qd-journal-view.h"

#define RESOURCE_PATH "/io/github/quarterdeck/Quarterdeck/"

typedef enum
{
  KIND_FILTER_ALL,
  KIND_FILTER_ORDERS,
  KIND_FILTER_REJECTS,
  KIND_FILTER_CONNECTION,
  N_KIND_FILTERS
} KindFilter;

/* The action targets of the kind toggle buttons in the template. */
static const char * const kind_filter_names[N_KIND_FILTERS] = {
  "all", "orders", "rejects", "connection",
};

typedef enum
{
  EMPTY_STATE_NONE,
  EMPTY_STATE_NOTHING_YET,
  EMPTY_STATE_NO_MATCH,
} EmptyState;

/* How one kind of entry looks: the icon, the CSS class that colours it, the label. */
typedef struct
{
  const char *icon_name;
  const char *css_class;
  const char *label;
} KindLook;

struct _QdActivityView
{
  GtkWidget           parent_instance;

  QdActivityLog      *log;
  KindFilter          kind_filter;
  EmptyState          empty_state;

  /* The log as shown, brought up to date once per frame: GTK 4.8 rebinds every visible row
   * when an item is inserted above them, so a burst of entries must arrive as one change. */
  GListStore         *shown;
  QdFrameCoalescer   *coalescer;
  GtkFilterListModel *filtered;
  GtkStringFilter    *text_filter;   /* owned by the GtkEveryFilter of `filtered` */
  GtkCustomFilter    *kind_custom;   /* likewise */
  GtkSizeGroup       *time_column;
  GtkSizeGroup       *kind_column;
  GTimeZone          *time_zone;     /* GLib looks the local zone up on disk every time */
  gboolean            show_journal;  /* the "journal" section instead of the events */
  QdJournalView      *journal_view;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  AdwStatusPage      *status_page;
  GtkWidget          *kind_buttons;
  GtkBox             *journal_box;
};

G_DEFINE_FINAL_TYPE (QdActivityView, qd_activity_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOG,
  PROP_KIND_FILTER,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KindLook *
kind_look (QdActivityKind kind)
{
  static const KindLook order = { "document-edit-symbolic", "order", N_("Order") };
  static const KindLook fill = { "emblem-ok-symbolic", "fill", N_("Fill") };
  static const KindLook reject = { "dialog-error-symbolic", "reject", N_("Reject") };
  static const KindLook connection = { "network-transmit-receive-symbolic", "connection",
                                       N_("Connection") };
  static const KindLook bus_error = { "dialog-warning-symbolic", "bus-error", N_("Bus error") };
  static const KindLook command = { "mail-send-symbolic", "command", N_("Command") };

  switch (kind)
    {
    case QD_ACTIVITY_ORDER:
      return &order;
    case QD_ACTIVITY_FILL:
      return &fill;
    case QD_ACTIVITY_REJECT:
      return &reject;
    case QD_ACTIVITY_CONNECTION:
      return &connection;
    case QD_ACTIVITY_BUS_ERROR:
      return &bus_error;
    case QD_ACTIVITY_COMMAND:
      return &command;
    default:
      return &order;
    }
}

/* Commands go with orders (they are orders on their way); bus errors with the connection. */
static gboolean
kind_filter_matches (KindFilter     filter,
                     QdActivityKind kind)
{
  if (filter == KIND_FILTER_ALL)
    return TRUE;

  switch (kind)
    {
    case QD_ACTIVITY_ORDER:
    case QD_ACTIVITY_FILL:
    case QD_ACTIVITY_COMMAND:
      return filter == KIND_FILTER_ORDERS;
    case QD_ACTIVITY_REJECT:
      return filter == KIND_FILTER_REJECTS;
    case QD_ACTIVITY_CONNECTION:
    case QD_ACTIVITY_BUS_ERROR:
      return filter == KIND_FILTER_CONNECTION;
    default:
      return TRUE;
    }
}

static gboolean
kind_custom_match (gpointer item,
                   gpointer user_data)
{
  QdActivityView *self = user_data;

  return kind_filter_matches (self->kind_filter, qd_activity_entry_get_kind (item));
}

/* HH:MM:SS today; an earlier day's entries carry their date. */
static char *
format_entry_time (gint64     time,
                   GDateTime *now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) when = NULL;
  int y, m, d, now_y, now_m, now_d;

  if (utc == NULL)
    return g_strdup ("—");

  when = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));

  g_date_time_get_ymd (when, &y, &m, &d);
  g_date_time_get_ymd (now, &now_y, &now_m, &now_d);
  if (y == now_y && m == now_m && d == now_d)
    return g_date_time_format (when, "%H:%M:%S");

  /* Translators: the time of an activity entry from an earlier day, a strftime(3) format.
   * xgettext:no-c-format */
  return g_date_time_format (when, _("%Y-%m-%d %H:%M:%S"));
}

static void
update_empty_state (QdActivityView *self)
{
  EmptyState state;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    state = EMPTY_STATE_NONE;
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    state = EMPTY_STATE_NOTHING_YET;
  else
    state = EMPTY_STATE_NO_MATCH;

  if (state == self->empty_state)
    return;
  self->empty_state = state;

  switch (state)
    {
    case EMPTY_STATE_NOTHING_YET:
      adw_status_page_set_icon_name (self->status_page, "document-open-recent-symbolic");
      adw_status_page_set_title (self->status_page, _("Nothing has happened yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Orders, fills, rejections and connection changes "
                                         "are listed here as they happen."));
      break;
    case EMPTY_STATE_NO_MATCH:
      adw_status_page_set_icon_name (self->status_page, "edit-find-symbolic");
      adw_status_page_set_title (self->status_page, _("No matching activity"));
      adw_status_page_set_description (self->status_page,
                                       _("Try another search or show all kinds."));
      break;
    case EMPTY_STATE_NONE:
    default:
      break;
    }

  if (!self->show_journal)
    gtk_stack_set_visible_child_name (self->stack, state == EMPTY_STATE_NONE ? "list" : "empty");
}

static void
replace_shown (QdActivityView *self)
{
  GListModel *log = G_LIST_MODEL (self->log);
  guint n = g_list_model_get_n_items (log);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, g_list_model_get_item (log, i));

  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       entries->pdata, entries->len);
}

/* The log only ever gains entries at the top and loses them at the bottom: whatever sits
 * above the newest entry shown is new, and the shown list keeps as many older ones as the
 * log still holds. */
static void
sync_shown (QdActivityView *self)
{
  GListModel *log = G_LIST_MODEL (self->log);
  guint n_log = g_list_model_get_n_items (log);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autoptr(GObject) newest = g_list_model_get_item (G_LIST_MODEL (self->shown), 0);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint keep;

  for (guint i = 0; i < n_log; i++)
    {
      GObject *entry = g_list_model_get_item (log, i);

      if (entry == newest)
        {
          g_object_unref (entry);
          break;
        }
      g_ptr_array_add (fresh, entry);
    }

  keep = n_log - fresh->len;
  if (newest == NULL || fresh->len == n_log || keep > n_shown)
    {
      replace_shown (self);
      return;
    }

  if (keep < n_shown)
    g_list_store_splice (self->shown, keep, n_shown - keep, NULL, 0);
  if (fresh->len > 0)
    g_list_store_splice (self->shown, 0, 0, fresh->pdata, fresh->len);
}

static void
log_items_changed_cb (QdActivityView *self,
                      guint           position,
                      guint           removed,
                      guint           added,
                      GListModel     *log)
{
  qd_frame_coalescer_mark (self->coalescer, log);
}

/* Someone at the top of the list is watching what comes in: keep the newest entry in view.
 * Further down, the list view stays on the entries being read. */
static void
flush_cb (QdActivityView   *self,
          GPtrArray        *dirty,
          QdFrameCoalescer *coalescer)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scroller);
  gboolean follow = self->empty_state == EMPTY_STATE_NONE &&
                    gtk_adjustment_get_value (vadj) <= gtk_adjustment_get_lower (vadj);

  sync_shown (self);
  update_empty_state (self);

  if (follow && g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
filtered_items_changed_cb (QdActivityView *self,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GListModel     *filtered)
{
  update_empty_state (self);
}

static void
search_changed_cb (QdActivityView *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (search);
  gtk_string_filter_set_search (self->text_filter, *search ? search : NULL);
  if (self->journal_view != NULL)
    qd_journal_view_set_search (self->journal_view, search);
}

static void
stop_search_cb (QdActivityView *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* What a row shows, so that rebinding it to the same entry (GTK 4.8 does that whenever an
 * entry is inserted above it) costs nothing. The day matters to the time's format. */
typedef struct
{
  QdActivityEntry *entry;
  int              day;
} RowState;

static GQuark row_state_quark;

static void
row_state_free (gpointer data)
{
  RowState *state = data;

  g_clear_object (&state->entry);
  g_free (state);
}

/* The whole message when the row cuts it short. Asked only on hover: setting a tooltip at
 * bind time costs an X round trip per row. */
static gboolean
message_query_tooltip_cb (GtkLabel   *message,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (message)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (message));
  return TRUE;
}

/* Row layout: icon, time, kind, message. The two size groups line the columns up across the
 * few rows alive at any time (the list view recycles them). */
static void
setup_row_cb (QdActivityView           *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "activity-row");
  gtk_widget_set_valign (time, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (kind, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (message, GTK_ALIGN_BASELINE);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_css_classes (time, (const char *[]) { "activity-time", "numeric", "dim-label",
                                                       NULL });
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_ellipsize (GTK_LABEL (message), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (message), TRUE);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_widget_add_css_class (message, "activity-message");
  gtk_widget_set_has_tooltip (message, TRUE);
  g_signal_connect (message, "query-tooltip", G_CALLBACK (message_query_tooltip_cb), NULL);

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), time);
  gtk_box_append (GTK_BOX (row), kind);
  gtk_box_append (GTK_BOX (row), message);
  gtk_size_group_add_widget (self->time_column, time);
  gtk_size_group_add_widget (self->kind_column, kind);

  g_object_set_qdata_full (G_OBJECT (row), row_state_quark, g_new0 (RowState, 1), row_state_free);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (QdActivityView           *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  QdActivityEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  RowState *state = g_object_get_qdata (G_OBJECT (row), row_state_quark);
  g_autoptr(GDateTime) now = g_date_time_new_now (self->time_zone);
  int day = g_date_time_get_year (now) * 1000 + g_date_time_get_day_of_year (now);
  const KindLook *look;
  GtkWidget *icon, *time, *kind, *message;
  g_autofree char *when = NULL;

  if (state->entry == entry && state->day == day)
    return;
  g_set_object (&state->entry, entry);
  state->day = day;

  look = kind_look (qd_activity_entry_get_kind (entry));
  icon = gtk_widget_get_first_child (row);
  time = gtk_widget_get_next_sibling (icon);
  kind = gtk_widget_get_next_sibling (time);
  message = gtk_widget_get_next_sibling (kind);
  when = format_entry_time (qd_activity_entry_get_time (entry), now);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), look->icon_name);
  gtk_widget_set_css_classes (icon, (const char *[]) { "activity-icon", look->css_class, NULL });
  gtk_label_set_text (GTK_LABEL (time), when);
  gtk_label_set_text (GTK_LABEL (kind), _(look->label));
  gtk_widget_set_css_classes (kind, (const char *[]) { "activity-kind", look->css_class, NULL });
  gtk_label_set_text (GTK_LABEL (message), qd_activity_entry_get_message (entry));
}

static void
teardown_row_cb (QdActivityView           *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *time;

  if (row == NULL)
    return;

  time = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  gtk_size_group_remove_widget (self->time_column, time);
  gtk_size_group_remove_widget (self->kind_column, gtk_widget_get_next_sibling (time));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  qd_activity_view_focus_search (QD_ACTIVITY_VIEW (widget));
}

/* log -> shown (per frame) -> filtered (search and kind) -> the list view */
static void
create_models (QdActivityView *self)
{
  GtkExpression *message;
  GtkMultiFilter *every;
  g_autoptr(GtkNoSelection) selection = NULL;

  message = gtk_property_expression_new (QD_TYPE_ACTIVITY_ENTRY, NULL, "message");
  self->text_filter = gtk_string_filter_new (message);
  gtk_string_filter_set_ignore_case (self->text_filter, TRUE);
  gtk_string_filter_set_match_mode (self->text_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->kind_custom = gtk_custom_filter_new (kind_custom_match, self, NULL);

  every = GTK_MULTI_FILTER (gtk_every_filter_new ());
  gtk_multi_filter_append (every, GTK_FILTER (self->text_filter));
  gtk_multi_filter_append (every, GTK_FILTER (self->kind_custom));
  self->shown = g_list_store_new (QD_TYPE_ACTIVITY_ENTRY);
  replace_shown (self);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)),
                                              GTK_FILTER (every));

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

static void
qd_activity_view_constructed (GObject *object)
{
  QdActivityView *self = QD_ACTIVITY_VIEW (object);

  G_OBJECT_CLASS (qd_activity_view_parent_class)->constructed (object);

  g_assert (self->log != NULL);

  create_models (self);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  g_signal_connect_object (self->coalescer, "flush",
                           G_CALLBACK (flush_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->log, "items-changed",
                           G_CALLBACK (log_items_changed_cb), self, G_CONNECT_SWAPPED);
  update_empty_state (self);
}

static void
qd_activity_view_dispose (GObject *object)
{
  QdActivityView *self = QD_ACTIVITY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_ACTIVITY_VIEW);
  /* The template's unnamed children (toolbar, separator) go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->coalescer);
  g_clear_object (&self->filtered);
  g_clear_object (&self->shown);
  g_clear_object (&self->time_column);
  g_clear_object (&self->kind_column);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (qd_activity_view_parent_class)->dispose (object);
}

static void
qd_activity_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QdActivityView *self = QD_ACTIVITY_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;

    case PROP_KIND_FILTER:
      g_value_set_string (value, qd_activity_view_get_kind_filter (self));
      break;

    case PROP_SECTION:
      g_value_set_string (value, qd_activity_view_get_section (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_activity_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QdActivityView *self = QD_ACTIVITY_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOG:
      self->log = g_value_dup_object (value);
      break;

    case PROP_KIND_FILTER:
      qd_activity_view_set_kind_filter (self, g_value_get_string (value));
      break;

    case PROP_SECTION:
      qd_activity_view_set_section (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_activity_view_class_init (QdActivityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = qd_activity_view_constructed;
  object_class->dispose = qd_activity_view_dispose;
  object_class->get_property = qd_activity_view_get_property;
  object_class->set_property = qd_activity_view_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, QD_TYPE_ACTIVITY_LOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_FILTER] =
    g_param_spec_string ("kind-filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, "events",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "qd-activity-view.ui");
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, stack);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, scroller);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, list_view);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, status_page);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, kind_buttons);
  gtk_widget_class_bind_template_child (widget_class, QdActivityView, journal_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, teardown_row_cb);

  gtk_widget_class_install_property_action (widget_class, "activity.kind-filter", "kind-filter");
  gtk_widget_class_install_property_action (widget_class, "activity.section", "section");
  gtk_widget_class_install_action (widget_class, "activity.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "activity.focus-search", NULL);

  gtk_widget_class_set_css_name (widget_class, "activityview");

  row_state_quark = g_quark_from_static_string ("qd-activity-row-state");
}

static void
qd_activity_view_init (QdActivityView *self)
{
  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  self->kind_filter = KIND_FILTER_ALL;
  self->empty_state = EMPTY_STATE_NONE;
  self->time_column = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->kind_column = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->time_zone = g_time_zone_new_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
qd_activity_view_new (QdActivityLog *log)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_LOG (log), NULL);

  return g_object_new (QD_TYPE_ACTIVITY_VIEW, "log", log, NULL);
}

QdActivityLog *
qd_activity_view_get_log (QdActivityView *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_VIEW (self), NULL);

  return self->log;
}

const char *
qd_activity_view_get_kind_filter (QdActivityView *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_VIEW (self), NULL);

  return kind_filter_names[self->kind_filter];
}

/* `kind_filter`: one of "all", "orders" (orders, fills, commands), "rejects", "connection"
 * (connection changes and bus errors). */
void
qd_activity_view_set_kind_filter (QdActivityView *self,
                                  const char     *kind_filter)
{
  KindFilter filter = N_KIND_FILTERS;
  GtkFilterChange change;

  g_return_if_fail (QD_IS_ACTIVITY_VIEW (self));
  g_return_if_fail (kind_filter != NULL);

  for (guint i = 0; i < N_KIND_FILTERS; i++)
    if (g_str_equal (kind_filter, kind_filter_names[i]))
      filter = i;
  g_return_if_fail (filter != N_KIND_FILTERS);

  if (filter == self->kind_filter)
    return;

  if (self->kind_filter == KIND_FILTER_ALL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (filter == KIND_FILTER_ALL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  self->kind_filter = filter;
  if (self->kind_custom != NULL)
    gtk_filter_changed (GTK_FILTER (self->kind_custom), change);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_FILTER]);
}

void
qd_activity_view_focus_search (QdActivityView *self)
{
  g_return_if_fail (QD_IS_ACTIVITY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

const char *
qd_activity_view_get_section (QdActivityView *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_VIEW (self), NULL);

  return self->show_journal ? "journal" : "events";
}

/* "events" (the activity log, with its kind filters) or "journal" (the order journal). */
void
qd_activity_view_set_section (QdActivityView *self,
                              const char     *section)
{
  gboolean journal;

  g_return_if_fail (QD_IS_ACTIVITY_VIEW (self));
  g_return_if_fail (g_strcmp0 (section, "events") == 0 || g_strcmp0 (section, "journal") == 0);

  journal = g_str_equal (section, "journal");
  if (journal == self->show_journal)
    return;
  self->show_journal = journal;
  gtk_widget_set_visible (self->kind_buttons, !journal);
  g_object_set (self->search_entry, "placeholder-text",
                journal ? _("Search the journal") : _("Search activity"), NULL);
  if (journal)
    gtk_stack_set_visible_child_name (self->stack, "journal");
  else
    gtk_stack_set_visible_child_name (self->stack, self->empty_state == EMPTY_STATE_NONE ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/* The order journal shown by the "journal" section; open_error says why there is none. */
void
qd_activity_view_set_journal (QdActivityView *self,
                              QdOrderJournal *journal,
                              const char     *open_error)
{
  g_return_if_fail (QD_IS_ACTIVITY_VIEW (self));
  g_return_if_fail (journal == NULL || QD_IS_ORDER_JOURNAL (journal));

  if (self->journal_view != NULL)
    gtk_box_remove (self->journal_box, GTK_WIDGET (self->journal_view));
  self->journal_view = QD_JOURNAL_VIEW (qd_journal_view_new (journal, open_error));
  gtk_widget_set_vexpand (GTK_WIDGET (self->journal_view), TRUE);
  gtk_box_append (self->journal_box, GTK_WIDGET (self->journal_view));
  qd_journal_view_set_search (self->journal_view, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

GtkWidget *
qd_activity_view_get_journal_view (QdActivityView *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_VIEW (self), NULL);

  return GTK_WIDGET (self->journal_view);
}
