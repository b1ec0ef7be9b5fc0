/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-event.h"

G_BEGIN_DECLS

/*
 * QdCodec: turns one MessageBus entry (topic + payload bytes) into a QdEvent.
 *
 * Both dialects are understood: NautilusTrader's own events (spec/nautilus-bus.md §4) and
 * the seed's data models on the adapter.interactive_brokers.* topics. Quotes, trades and
 * bars take a scanner that reads the bytes without building a DOM; everything else, and
 * any tick the scanner does not fully understand, is read from a token tape (qd-json-tape.h)
 * that one strict pass builds while it checks size, nesting depth and JSON syntax.
 * A member given twice reads as its last value.
 *
 * A codec keeps its reusable tape and its counters, so use one per thread.
 */
#define QD_TYPE_CODEC (qd_codec_get_type ())
#define QD_CODEC_ERROR (qd_codec_error_quark ())

#define QD_CODEC_DEFAULT_MAX_PAYLOAD (1024 * 1024)
#define QD_CODEC_DEFAULT_MAX_DEPTH   32

typedef enum
{
  QD_CODEC_ERROR_TOO_LARGE,      /* payload over the size cap */
  QD_CODEC_ERROR_TOO_DEEP,       /* JSON nested deeper than the depth cap */
  QD_CODEC_ERROR_NOT_JSON,       /* empty, or not a JSON object ('{' first) */
  QD_CODEC_ERROR_MSGPACK,        /* a msgpack map: the node's encoding must be json */
  QD_CODEC_ERROR_MALFORMED,      /* bad JSON syntax or UTF-8, or a value that does not parse */
  QD_CODEC_ERROR_WRONG_TYPE,     /* a field of the wrong JSON type */
  QD_CODEC_ERROR_MISSING_FIELD,  /* a required field absent or null */
  QD_CODEC_ERROR_UNKNOWN_TYPE,   /* well-formed, but nothing we use: count and skip */
  QD_CODEC_N_ERRORS
} QdCodecError;

typedef struct
{
  guint64 decoded;                      /* every successful decode */
  guint64 fast_path;                    /* of those, how many took the byte scanner */
  guint64 failed[QD_CODEC_N_ERRORS];    /* failures by error code */
} QdCodecStats;

G_DECLARE_FINAL_TYPE (QdCodec, qd_codec, QD, CODEC, GObject)

GQuark              qd_codec_error_quark     (void);

QdCodec            *qd_codec_new             (void);

gsize               qd_codec_get_max_payload (QdCodec     *self);
void                qd_codec_set_max_payload (QdCodec     *self,
                                              gsize        max_bytes);
guint               qd_codec_get_max_depth   (QdCodec     *self);
void                qd_codec_set_max_depth   (QdCodec     *self,
                                              guint        max_depth);

/*
 * Decode one entry. `event` is uninitialised storage. On TRUE it holds the decoded event
 * (free it with qd_event_clear); on FALSE it is cleared (kind NONE, owns nothing) and
 * `error` is set in QD_CODEC_ERROR. `topic` may be NULL (dispatch then uses only the
 * payload's "type"); `payload` need not be NUL-terminated.
 */
gboolean            qd_codec_decode          (QdCodec     *self,
                                              const char  *topic,
                                              const char  *payload,
                                              gsize        payload_len,
                                              QdEvent     *event,
                                              GError     **error);

const QdCodecStats *qd_codec_get_stats       (QdCodec     *self);
void                qd_codec_reset_stats     (QdCodec     *self);

G_END_DECLS
