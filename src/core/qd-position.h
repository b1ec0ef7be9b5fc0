/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"
#include "qd-enums.h"

G_BEGIN_DECLS

/* QdPosition: one open (or just closed) position. `position` is the signed quantity:
 * negative is short. Money fields are in `currency`. */
#define QD_TYPE_POSITION (qd_position_get_type ())

G_DECLARE_FINAL_TYPE (QdPosition, qd_position, QD, POSITION, GObject)

QdPosition     *qd_position_new                   (const char     *position_id);

const char     *qd_position_get_position_id       (QdPosition     *self);
const char     *qd_position_get_account_id        (QdPosition     *self);
void            qd_position_set_account_id        (QdPosition     *self,
                                                   const char     *account_id);
/* IB's contract id (conId) when known. */
const char     *qd_position_get_contract_id       (QdPosition     *self);
void            qd_position_set_contract_id       (QdPosition     *self,
                                                   const char     *contract_id);
const char     *qd_position_get_symbol            (QdPosition     *self);
void            qd_position_set_symbol            (QdPosition     *self,
                                                   const char     *symbol);
/* NautilusTrader's "SYMBOL.VENUE", e.g. "AAPL.NASDAQ". */
const char     *qd_position_get_instrument_id     (QdPosition     *self);
void            qd_position_set_instrument_id     (QdPosition     *self,
                                                   const char     *instrument_id);
const char     *qd_position_get_strategy_id       (QdPosition     *self);
void            qd_position_set_strategy_id       (QdPosition     *self,
                                                   const char     *strategy_id);
const char     *qd_position_get_currency          (QdPosition     *self);
void            qd_position_set_currency          (QdPosition     *self,
                                                   const char     *currency);
QdPositionSide  qd_position_get_side              (QdPosition     *self);
void            qd_position_set_side              (QdPosition     *self,
                                                   QdPositionSide  side);
QdDecimal       qd_position_get_position          (QdPosition     *self);
void            qd_position_set_position          (QdPosition     *self,
                                                   QdDecimal       position);
QdDecimal       qd_position_get_avg_cost          (QdPosition     *self);
void            qd_position_set_avg_cost          (QdPosition     *self,
                                                   QdDecimal       avg_cost);
QdDecimal       qd_position_get_market_price      (QdPosition     *self);
void            qd_position_set_market_price      (QdPosition     *self,
                                                   QdDecimal       market_price);
QdDecimal       qd_position_get_market_value      (QdPosition     *self);
void            qd_position_set_market_value      (QdPosition     *self,
                                                   QdDecimal       market_value);
QdDecimal       qd_position_get_unrealized_pnl    (QdPosition     *self);
void            qd_position_set_unrealized_pnl    (QdPosition     *self,
                                                   QdDecimal       unrealized_pnl);
QdDecimal       qd_position_get_realized_pnl      (QdPosition     *self);
void            qd_position_set_realized_pnl      (QdPosition     *self,
                                                   QdDecimal       realized_pnl);
/* Contract multiplier (1 for stocks). */
QdDecimal       qd_position_get_multiplier        (QdPosition     *self);
void            qd_position_set_multiplier        (QdPosition     *self,
                                                   QdDecimal       multiplier);
/* Decimal places prices are shown with (default 2). */
gint            qd_position_get_price_precision   (QdPosition     *self);
void            qd_position_set_price_precision   (QdPosition     *self,
                                                   gint            price_precision);
/* UNIX nanoseconds of the last update; 0 is unknown. */
gint64          qd_position_get_timestamp         (QdPosition     *self);
void            qd_position_set_timestamp         (QdPosition     *self,
                                                   gint64          timestamp);

G_END_DECLS
