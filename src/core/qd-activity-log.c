/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-activity-log.h"
#include "qd-enum-types.h"

struct _QdActivityEntry
{
  GObject        parent_instance;
  gint64         time;
  QdActivityKind kind;
  char          *message;
};

G_DEFINE_FINAL_TYPE (QdActivityEntry, qd_activity_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_TIME,
  ENTRY_PROP_KIND,
  ENTRY_PROP_MESSAGE,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static void
qd_activity_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  QdActivityEntry *self = QD_ACTIVITY_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;

    case ENTRY_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case ENTRY_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_activity_entry_finalize (GObject *object)
{
  QdActivityEntry *self = QD_ACTIVITY_ENTRY (object);

  g_free (self->message);

  G_OBJECT_CLASS (qd_activity_entry_parent_class)->finalize (object);
}

static void
qd_activity_entry_class_init (QdActivityEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_activity_entry_finalize;
  object_class->get_property = qd_activity_entry_get_property;

  entry_properties[ENTRY_PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[ENTRY_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, QD_TYPE_ACTIVITY_KIND, QD_ACTIVITY_ORDER,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  entry_properties[ENTRY_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
qd_activity_entry_init (QdActivityEntry *self)
{
}

QdActivityEntry *
qd_activity_entry_new (gint64          time,
                       QdActivityKind  kind,
                       const char     *message)
{
  QdActivityEntry *self = g_object_new (QD_TYPE_ACTIVITY_ENTRY, NULL);

  self->time = time;
  self->kind = kind;
  self->message = g_strdup (message);

  return self;
}

gint64
qd_activity_entry_get_time (QdActivityEntry *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_ENTRY (self), 0);
  return self->time;
}

QdActivityKind
qd_activity_entry_get_kind (QdActivityEntry *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_ENTRY (self), QD_ACTIVITY_ORDER);
  return self->kind;
}

const char *
qd_activity_entry_get_message (QdActivityEntry *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_ENTRY (self), NULL);
  return self->message;
}

/* ---- the log ------------------------------------------------------------------------ */

struct _QdActivityLog
{
  GObject          parent_instance;

  QdIbService     *service;
  gulong           activity_handler;
  QdActivityEntry **ring;    /* capacity slots; `count` entries from `start` (the oldest) */
  guint            start;
  guint            count;
  guint            capacity;
};

static void qd_activity_log_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QdActivityLog, qd_activity_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, qd_activity_log_model_init))

static GType
qd_activity_log_get_item_type (GListModel *model)
{
  return QD_TYPE_ACTIVITY_ENTRY;
}

static guint
qd_activity_log_get_n_items (GListModel *model)
{
  return QD_ACTIVITY_LOG (model)->count;
}

static gpointer
qd_activity_log_get_item (GListModel *model,
                          guint       position)
{
  QdActivityLog *self = QD_ACTIVITY_LOG (model);
  guint newest;

  if (position >= self->count)
    return NULL;

  /* Position 0 is the newest entry. */
  newest = self->start + self->count - 1;
  return g_object_ref (self->ring[(newest - position) % self->capacity]);
}

static void
qd_activity_log_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qd_activity_log_get_item_type;
  iface->get_n_items = qd_activity_log_get_n_items;
  iface->get_item = qd_activity_log_get_item;
}

void
qd_activity_log_add (QdActivityLog  *self,
                     QdActivityKind  kind,
                     const char     *message)
{
  g_return_if_fail (QD_IS_ACTIVITY_LOG (self));
  g_return_if_fail (message != NULL);

  /* Full: the oldest (the last position) leaves first, then the new one comes in at the
   * top; every other entry moves down one place, which these two changes describe. */
  if (self->count == self->capacity)
    {
      g_clear_object (&self->ring[self->start]);
      self->start = (self->start + 1) % self->capacity;
      self->count--;
      g_list_model_items_changed (G_LIST_MODEL (self), self->count, 1, 0);
    }

  self->ring[(self->start + self->count) % self->capacity] =
    qd_activity_entry_new (g_get_real_time (), kind, message);
  self->count++;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
}

static void
activity_cb (QdIbService *service,
             int          kind,
             const char  *message,
             gpointer     user_data)
{
  qd_activity_log_add (user_data, kind, message);
}

static void
qd_activity_log_dispose (GObject *object)
{
  QdActivityLog *self = QD_ACTIVITY_LOG (object);

  if (self->service != NULL)
    g_clear_signal_handler (&self->activity_handler, self->service);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (qd_activity_log_parent_class)->dispose (object);
}

static void
qd_activity_log_finalize (GObject *object)
{
  QdActivityLog *self = QD_ACTIVITY_LOG (object);
  guint i;

  for (i = 0; i < self->capacity; i++)
    g_clear_object (&self->ring[i]);
  g_free (self->ring);

  G_OBJECT_CLASS (qd_activity_log_parent_class)->finalize (object);
}

static void
qd_activity_log_class_init (QdActivityLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_activity_log_dispose;
  object_class->finalize = qd_activity_log_finalize;
}

static void
qd_activity_log_init (QdActivityLog *self)
{
}

QdActivityLog *
qd_activity_log_new (QdIbService *service,
                     guint        capacity)
{
  QdActivityLog *self;

  g_return_val_if_fail (service == NULL || QD_IS_IB_SERVICE (service), NULL);
  g_return_val_if_fail (capacity > 0, NULL);

  self = g_object_new (QD_TYPE_ACTIVITY_LOG, NULL);
  self->capacity = capacity;
  self->ring = g_new0 (QdActivityEntry *, capacity);
  if (service != NULL)
    {
      self->service = g_object_ref (service);
      self->activity_handler = g_signal_connect (service, "activity", G_CALLBACK (activity_cb), self);
    }

  return self;
}

guint
qd_activity_log_get_capacity (QdActivityLog *self)
{
  g_return_val_if_fail (QD_IS_ACTIVITY_LOG (self), 0);
  return self->capacity;
}
