/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-bus.h"

G_BEGIN_DECLS

#define QD_TYPE_MEMORY_BUS (qd_memory_bus_get_type ())

G_DECLARE_FINAL_TYPE (QdMemoryBus, qd_memory_bus, QD, MEMORY_BUS, GObject)

/* In-process streams with Redis-style entry ids; watchers are called on the main loop. */
QdBus  *qd_memory_bus_new             (void);
/* Entries currently held in `stream` (after MAXLEN trimming). */
guint   qd_memory_bus_get_stream_length (QdMemoryBus *self,
                                         const char  *stream);
/* Names of the streams, in creation order. */
GStrv   qd_memory_bus_list_streams    (QdMemoryBus *self);
/* Copies of the entries of `stream` (topic and payload), oldest first, as
 * "topic\npayload" strings: for tests and tools that inspect what was written. */
GPtrArray *qd_memory_bus_dump_stream  (QdMemoryBus *self,
                                       const char  *stream);
/* Run pending deliveries now (tests): returns the number of entries delivered. */
guint   qd_memory_bus_flush           (QdMemoryBus *self);

G_END_DECLS
