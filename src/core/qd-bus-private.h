/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-bus.h"

G_BEGIN_DECLS

/* What every bus keeps for one watch; the first member of each bus's own watch struct. */
typedef struct
{
  guint             id;
  char             *pattern;    /* without the trailing '*' of a prefix pattern */
  gboolean          is_prefix;
  QdBusEntriesFunc  func;
  gpointer          user_data;
  GDestroyNotify    destroy;
  gboolean          removed;
} QdBusWatch;

void     _qd_bus_watch_init    (QdBusWatch       *watch,
                                guint             id,
                                const char       *pattern,
                                QdBusEntriesFunc  func,
                                gpointer          user_data,
                                GDestroyNotify    destroy);
/* Calls the destroy notify and frees the pattern. */
void     _qd_bus_watch_clear   (QdBusWatch       *watch);
gboolean _qd_bus_watch_matches (const QdBusWatch *watch,
                                const char       *key);
/* Marks watch `watch_id` in `watches` (QdBusWatch-headed structs) removed and takes it out
 * of the array now, or, while a dispatch runs, leaves that to the dispatch. */
void     _qd_bus_watches_remove (GPtrArray       *watches,
                                 guint            watch_id,
                                 gboolean         dispatching);

G_END_DECLS
