/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-bus"

#include "config.h"

#include <string.h>

#include "qd-bus-private.h"
#include "qd-enum-types.h"

G_DEFINE_INTERFACE (QdBus, qd_bus, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-bus-error-quark, qd_bus_error)

static void
qd_bus_default_init (QdBusInterface *iface)
{
  /**
   * QdBus:state:
   *
   * Whether the bus is connected; the embedded bus always is, Redis comes and goes.
   */
  g_object_interface_install_property (iface,
    g_param_spec_enum ("state", NULL, NULL,
                       QD_TYPE_BUS_STATE, QD_BUS_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * QdBus:description:
   *
   * What the bus is, for people: "embedded" or a URL without its password.
   */
  g_object_interface_install_property (iface,
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * QdBus:error-message:
   *
   * The last connection error, or %NULL.
   */
  g_object_interface_install_property (iface,
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

gboolean
qd_bus_append (QdBus       *bus,
               const char  *stream,
               const char  *topic,
               const char  *payload,
               gssize       payload_len,
               gsize        max_len,
               char       **entry_id,
               GError     **error)
{
  g_return_val_if_fail (QD_IS_BUS (bus), FALSE);
  g_return_val_if_fail (stream != NULL && *stream != '\0', FALSE);
  g_return_val_if_fail (topic != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  return QD_BUS_GET_IFACE (bus)->append (bus, stream, topic, payload, payload_len, max_len,
                                         entry_id, error);
}

guint
qd_bus_watch (QdBus            *bus,
              const char       *pattern,
              const char       *from_id,
              QdBusEntriesFunc  func,
              gpointer          user_data,
              GDestroyNotify    destroy)
{
  g_return_val_if_fail (QD_IS_BUS (bus), 0);
  g_return_val_if_fail (pattern != NULL && *pattern != '\0', 0);
  g_return_val_if_fail (func != NULL, 0);

  return QD_BUS_GET_IFACE (bus)->watch (bus, pattern, from_id ? from_id : "$",
                                        func, user_data, destroy);
}

void
qd_bus_unwatch (QdBus *bus,
                guint  watch_id)
{
  g_return_if_fail (QD_IS_BUS (bus));

  if (watch_id != 0)
    QD_BUS_GET_IFACE (bus)->unwatch (bus, watch_id);
}

QdBusState
qd_bus_get_state (QdBus *bus)
{
  QdBusState state = QD_BUS_STATE_DISCONNECTED;

  g_return_val_if_fail (QD_IS_BUS (bus), QD_BUS_STATE_DISCONNECTED);

  g_object_get (bus, "state", &state, NULL);
  return state;
}

const char *
qd_bus_get_description (QdBus *bus)
{
  char *description = NULL;

  g_return_val_if_fail (QD_IS_BUS (bus), NULL);

  /* Kept on the object so the caller gets a borrowed string. */
  g_object_get (bus, "description", &description, NULL);
  g_object_set_data_full (G_OBJECT (bus), "qd-bus-description", description, g_free);
  return description;
}

static void
parse_id (const char *id,
          guint64    *ms,
          guint64    *seq)
{
  char *end = NULL;

  *ms = g_ascii_strtoull (id, &end, 10);
  *seq = (end != NULL && *end == '-') ? g_ascii_strtoull (end + 1, NULL, 10) : 0;
}

gint
qd_bus_compare_ids (const char *a,
                    const char *b)
{
  guint64 a_ms, a_seq, b_ms, b_seq;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  parse_id (a, &a_ms, &a_seq);
  parse_id (b, &b_ms, &b_seq);

  if (a_ms != b_ms)
    return a_ms < b_ms ? -1 : 1;
  if (a_seq != b_seq)
    return a_seq < b_seq ? -1 : 1;
  return 0;
}

void
_qd_bus_watch_init (QdBusWatch       *watch,
                    guint             id,
                    const char       *pattern,
                    QdBusEntriesFunc  func,
                    gpointer          user_data,
                    GDestroyNotify    destroy)
{
  gsize len = strlen (pattern);

  watch->id = id;
  watch->is_prefix = len > 0 && pattern[len - 1] == '*';
  watch->pattern = g_strndup (pattern, watch->is_prefix ? len - 1 : len);
  watch->func = func;
  watch->user_data = user_data;
  watch->destroy = destroy;
  watch->removed = FALSE;
}

void
_qd_bus_watch_clear (QdBusWatch *watch)
{
  if (watch->destroy != NULL)
    watch->destroy (watch->user_data);
  g_clear_pointer (&watch->pattern, g_free);
}

gboolean
_qd_bus_watch_matches (const QdBusWatch *watch,
                       const char       *key)
{
  if (watch->is_prefix)
    return g_str_has_prefix (key, watch->pattern);
  return strcmp (key, watch->pattern) == 0;
}

void
_qd_bus_watches_remove (GPtrArray *watches,
                        guint      watch_id,
                        gboolean   dispatching)
{
  guint i;

  for (i = 0; i < watches->len; i++)
    {
      QdBusWatch *watch = g_ptr_array_index (watches, i);

      if (watch->id != watch_id || watch->removed)
        continue;

      watch->removed = TRUE;
      if (!dispatching)
        g_ptr_array_remove_index (watches, i);
      return;
    }
}
