/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "qd-codec.h"

G_BEGIN_DECLS

/*
 * QdReader: typed field access on a json-glib object, shared by the codec's decoders.
 *
 * Every read records the first failure in *error with the context (the type name) and
 * the field name in the message, and every later read on a failed reader does nothing.
 * A decoder can therefore read all its fields in a row and check once at the end.
 * `error` must point to a GError* (the codec always passes its own).
 *
 * Absent and null are the same: the output is left as it was (qd_event_init's "none"),
 * unless the field is QD_REQUIRED, which fails with QD_CODEC_ERROR_MISSING_FIELD.
 */
typedef enum
{
  QD_OPTIONAL,
  QD_REQUIRED,
} QdPresence;

typedef struct
{
  JsonObject  *object;
  const char  *context;
  GError     **error;
} QdReader;

void        qd_reader_init          (QdReader     *r,
                                     JsonObject   *object,
                                     const char   *context,
                                     GError      **error);
/* A reader on a nested object that reports into the same error. */
void        qd_reader_init_nested   (QdReader       *r,
                                     const QdReader *parent,
                                     JsonObject     *object,
                                     const char     *context);
gboolean    qd_reader_failed        (const QdReader *r);
void        qd_reader_fail          (QdReader     *r,
                                     QdCodecError  code,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (3, 4);

/* The member's node, or NULL when absent or null. */
JsonNode   *qd_reader_node          (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);
/* Borrowed; NULL when absent or null. Required strings must also be non-empty. */
const char *qd_reader_peek_string   (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);
void        qd_reader_string        (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     char        **out);
/* A string, or an integer written as decimal text (IB ids are numbers to some writers). */
void        qd_reader_id            (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     char        **out);
void        qd_reader_currency      (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     char          out[QD_CURRENCY_MAX + 1]);
/* A decimal string ("187.10"); a JSON number is WRONG_TYPE. */
void        qd_reader_decimal       (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     QdDecimal    *out);
/* Money text ("-1.00 USD"). */
void        qd_reader_money         (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     QdMoney      *out);
/* A JSON number (a float such as avg_px_open) to its shortest decimal with at most nine
 * fractional digits; a decimal string is taken exactly. */
void        qd_reader_number        (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     QdDecimal    *out);
/* Digit string, RFC 3339 string or JSON integer, as UNIX nanoseconds. */
void        qd_reader_time          (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     gint64       *out);
void        qd_reader_bool          (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     gboolean     *out);
void        qd_reader_int           (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence,
                                     gint         *out);
JsonObject *qd_reader_object        (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);
JsonArray  *qd_reader_array         (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);

/* Decoders: each initialises `event` with its kind and fills it (topic excepted). */
gboolean qd_codec_decode_native            (JsonObject   *root,
                                            const char   *type,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_order_snapshot    (JsonObject   *root,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_position_snapshot (JsonObject   *root,
                                            QdEvent      *event,
                                            GError      **error);
/* QuoteTick / TradeTick / Bar through json-glib: the fast scanner's fallback. */
gboolean qd_codec_decode_market_data       (JsonObject   *root,
                                            QdEventKind   kind,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_seed              (const char   *topic,
                                            JsonObject   *root,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_ack               (JsonObject   *root,
                                            QdEvent      *event,
                                            GError      **error);

G_END_DECLS
