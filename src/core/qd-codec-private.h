/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-codec.h"
#include "qd-json-tape.h"

G_BEGIN_DECLS

/*
 * QdReader: typed field access on an object of a parsed QdJsonTape, shared by the codec's
 * decoders. Values are read from the payload bytes: strings are decoded only when taken,
 * decimals parse exactly from their text. A repeated key reads as its last value.
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
  QdJsonTape  *tape;
  guint        object;    /* token index of the object read */
  const char  *context;
  GError     **error;
} QdReader;

void        qd_reader_init          (QdReader     *r,
                                     QdJsonTape   *tape,
                                     guint         object,
                                     const char   *context,
                                     GError      **error);
/* A reader on a nested object that reports into the same error. */
void        qd_reader_init_nested   (QdReader       *r,
                                     const QdReader *parent,
                                     guint           object,
                                     const char     *context);
gboolean    qd_reader_failed        (const QdReader *r);
void        qd_reader_fail          (QdReader     *r,
                                     QdCodecError  code,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (3, 4);

/* The member's value token, or QD_JSON_TAPE_NONE when absent or null. */
guint       qd_reader_node          (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);
/* Borrowed from the tape's scratch: valid until the next string read on this tape. NULL
 * when absent or null. Required strings must also be non-empty. */
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
/* A JSON number (a float such as avg_px_open) as a decimal: exactly as written when it has
 * at most nine fractional digits and no exponent, else the shortest decimal that reads back
 * as the same double, rounded to nine places. Trailing zeros are dropped ("100.0" is 100).
 * A decimal string is taken exactly. */
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
/* Token indexes (QD_JSON_TAPE_NONE when absent, null or of the wrong type). */
guint       qd_reader_object        (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);
guint       qd_reader_array         (QdReader     *r,
                                     const char   *key,
                                     QdPresence    presence);

/* event_id, ts_event and ts_init: on every native event except where noted. */
void     qd_codec_read_header              (QdReader     *r,
                                            QdEvent      *event,
                                            QdPresence    ts_event);

/* Decoders of the tape's root object: each initialises `event` with its kind and fills it
 * (topic excepted). */
gboolean qd_codec_decode_native            (QdJsonTape   *tape,
                                            const char   *type,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_order_snapshot    (QdJsonTape   *tape,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_position_snapshot (QdJsonTape   *tape,
                                            QdEvent      *event,
                                            GError      **error);
/* QuoteTick / TradeTick / Bar from the tape: the fast scanner's fallback. */
gboolean qd_codec_decode_market_data       (QdJsonTape   *tape,
                                            QdEventKind   kind,
                                            QdEvent      *event,
                                            GError      **error);
/* Instruments, for the native type table (`sub`: QD_CODEC_INSTRUMENT_*). */
enum
{
  QD_CODEC_INSTRUMENT_OTHER,
  QD_CODEC_INSTRUMENT_EQUITY,
};
gboolean qd_codec_decode_instrument        (QdReader     *r,
                                            int           sub,
                                            QdEvent      *event);
gboolean qd_codec_decode_seed              (const char   *topic,
                                            QdJsonTape   *tape,
                                            QdEvent      *event,
                                            GError      **error);
gboolean qd_codec_decode_ack               (QdJsonTape   *tape,
                                            QdEvent      *event,
                                            GError      **error);

G_END_DECLS
