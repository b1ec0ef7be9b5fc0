/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/* QdQuote: the latest top of book and last trade of one instrument. */
#define QD_TYPE_QUOTE (qd_quote_get_type ())

G_DECLARE_FINAL_TYPE (QdQuote, qd_quote, QD, QUOTE, GObject)

QdQuote    *qd_quote_new                  (const char *instrument_id);

const char *qd_quote_get_instrument_id    (QdQuote    *self);
QdDecimal   qd_quote_get_bid              (QdQuote    *self);
void        qd_quote_set_bid              (QdQuote    *self,
                                           QdDecimal   bid);
QdDecimal   qd_quote_get_ask              (QdQuote    *self);
void        qd_quote_set_ask              (QdQuote    *self,
                                           QdDecimal   ask);
QdDecimal   qd_quote_get_bid_size         (QdQuote    *self);
void        qd_quote_set_bid_size         (QdQuote    *self,
                                           QdDecimal   bid_size);
QdDecimal   qd_quote_get_ask_size         (QdQuote    *self);
void        qd_quote_set_ask_size         (QdQuote    *self,
                                           QdDecimal   ask_size);
QdDecimal   qd_quote_get_last             (QdQuote    *self);
void        qd_quote_set_last             (QdQuote    *self,
                                           QdDecimal   last);
QdDecimal   qd_quote_get_last_size        (QdQuote    *self);
void        qd_quote_set_last_size        (QdQuote    *self,
                                           QdDecimal   last_size);
/* UNIX nanoseconds of the last update; 0 is unknown. */
gint64      qd_quote_get_timestamp        (QdQuote    *self);
void        qd_quote_set_timestamp        (QdQuote    *self,
                                           gint64      timestamp);
/* Decimal places prices are shown with (default 2). */
gint        qd_quote_get_price_precision  (QdQuote    *self);
void        qd_quote_set_price_precision  (QdQuote    *self,
                                           gint        price_precision);

G_END_DECLS
