/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/* QdBar: one OHLCV bar of a bar type such as "AAPL.NASDAQ-1-MINUTE-LAST-EXTERNAL". */
#define QD_TYPE_BAR (qd_bar_get_type ())

G_DECLARE_FINAL_TYPE (QdBar, qd_bar, QD, BAR, GObject)

QdBar      *qd_bar_new                (const char *bar_type);

const char *qd_bar_get_bar_type       (QdBar      *self);
const char *qd_bar_get_instrument_id  (QdBar      *self);
void        qd_bar_set_instrument_id  (QdBar      *self,
                                       const char *instrument_id);
QdDecimal   qd_bar_get_open           (QdBar      *self);
void        qd_bar_set_open           (QdBar      *self,
                                       QdDecimal   open);
QdDecimal   qd_bar_get_high           (QdBar      *self);
void        qd_bar_set_high           (QdBar      *self,
                                       QdDecimal   high);
QdDecimal   qd_bar_get_low            (QdBar      *self);
void        qd_bar_set_low            (QdBar      *self,
                                       QdDecimal   low);
QdDecimal   qd_bar_get_close          (QdBar      *self);
void        qd_bar_set_close          (QdBar      *self,
                                       QdDecimal   close);
QdDecimal   qd_bar_get_volume         (QdBar      *self);
void        qd_bar_set_volume         (QdBar      *self,
                                       QdDecimal   volume);
/* UNIX nanoseconds at which the bar closed; 0 is unknown. */
gint64      qd_bar_get_timestamp      (QdBar      *self);
void        qd_bar_set_timestamp      (QdBar      *self,
                                       gint64      timestamp);

G_END_DECLS
