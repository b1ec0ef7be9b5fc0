/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-enums.h"

G_BEGIN_DECLS

#define QD_TYPE_BUS (qd_bus_get_type ())
#define QD_BUS_ERROR (qd_bus_error_quark ())

G_DECLARE_INTERFACE (QdBus, qd_bus, QD, BUS, GObject)

typedef enum
{
  QD_BUS_ERROR_NOT_CONNECTED,
  QD_BUS_ERROR_INVALID,
  QD_BUS_ERROR_FAILED,
} QdBusError;

/* One stream entry as delivered: the node writes `topic` and `payload` (by name; `type` and
 * `encoding` fields are ignored). Pointers are valid only during the callback. */
typedef struct
{
  const char *stream;
  const char *id;          /* "<ms>-<seq>" */
  const char *topic;
  const char *payload;
  gsize       payload_len;
} QdBusEntry;

/* Called on the main loop with a batch of entries, in stream order. */
typedef void (*QdBusEntriesFunc) (QdBus            *bus,
                                  const QdBusEntry *entries,
                                  guint             n_entries,
                                  gpointer          user_data);

struct _QdBusInterface
{
  GTypeInterface parent_iface;

  gboolean (*append)  (QdBus            *bus,
                       const char       *stream,
                       const char       *topic,
                       const char       *payload,
                       gssize            payload_len,
                       gsize             max_len,
                       char            **entry_id,
                       GError          **error);
  guint    (*watch)   (QdBus            *bus,
                       const char       *pattern,
                       const char       *from_id,
                       QdBusEntriesFunc  func,
                       gpointer          user_data,
                       GDestroyNotify    destroy);
  void     (*unwatch) (QdBus            *bus,
                       guint             watch_id);
};

GQuark     qd_bus_error_quark  (void);

/* XADD stream [MAXLEN ~ max_len] * topic <topic> payload <payload>. max_len 0: no cap. */
gboolean   qd_bus_append       (QdBus            *bus,
                                const char       *stream,
                                const char       *topic,
                                const char       *payload,
                                gssize            payload_len,
                                gsize             max_len,
                                char            **entry_id,
                                GError          **error);
/* Read every stream whose key equals `pattern`, or, for a pattern ending in '*', starts
 * with what comes before it. from_id "0" replays the history, "$" reads only new entries.
 * Returns a watch id > 0. */
guint      qd_bus_watch        (QdBus            *bus,
                                const char       *pattern,
                                const char       *from_id,
                                QdBusEntriesFunc  func,
                                gpointer          user_data,
                                GDestroyNotify    destroy);
void       qd_bus_unwatch      (QdBus            *bus,
                                guint             watch_id);
QdBusState qd_bus_get_state    (QdBus            *bus);
const char*qd_bus_get_description (QdBus         *bus);

/* Compare two entry ids "<ms>-<seq>" numerically. */
gint       qd_bus_compare_ids  (const char       *a,
                                const char       *b);

G_END_DECLS
