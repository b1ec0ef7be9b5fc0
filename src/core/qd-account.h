/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/* QdAccount: balances and margins of one IB account. Amounts are in `currency`; each is
 * none until the node reports it. */
#define QD_TYPE_ACCOUNT (qd_account_get_type ())

G_DECLARE_FINAL_TYPE (QdAccount, qd_account, QD, ACCOUNT, GObject)

QdAccount  *qd_account_new                           (void);

const char *qd_account_get_account_id                (QdAccount  *self);
void        qd_account_set_account_id                (QdAccount  *self,
                                                      const char *account_id);
/* NautilusTrader's account type word, e.g. "MARGIN" or "CASH". */
const char *qd_account_get_account_type              (QdAccount  *self);
void        qd_account_set_account_type              (QdAccount  *self,
                                                      const char *account_type);
const char *qd_account_get_currency                  (QdAccount  *self);
void        qd_account_set_currency                  (QdAccount  *self,
                                                      const char *currency);
QdDecimal   qd_account_get_net_liquidation           (QdAccount  *self);
void        qd_account_set_net_liquidation           (QdAccount  *self,
                                                      QdDecimal   net_liquidation);
QdDecimal   qd_account_get_total_cash_value          (QdAccount  *self);
void        qd_account_set_total_cash_value          (QdAccount  *self,
                                                      QdDecimal   total_cash_value);
QdDecimal   qd_account_get_buying_power              (QdAccount  *self);
void        qd_account_set_buying_power              (QdAccount  *self,
                                                      QdDecimal   buying_power);
QdDecimal   qd_account_get_available_funds           (QdAccount  *self);
void        qd_account_set_available_funds           (QdAccount  *self,
                                                      QdDecimal   available_funds);
QdDecimal   qd_account_get_maintenance_margin        (QdAccount  *self);
void        qd_account_set_maintenance_margin        (QdAccount  *self,
                                                      QdDecimal   maintenance_margin);
QdDecimal   qd_account_get_initial_margin            (QdAccount  *self);
void        qd_account_set_initial_margin            (QdAccount  *self,
                                                      QdDecimal   initial_margin);
QdDecimal   qd_account_get_excess_liquidity          (QdAccount  *self);
void        qd_account_set_excess_liquidity          (QdAccount  *self,
                                                      QdDecimal   excess_liquidity);
QdDecimal   qd_account_get_day_start_net_liquidation (QdAccount  *self);
void        qd_account_set_day_start_net_liquidation (QdAccount  *self,
                                                      QdDecimal   day_start_net_liquidation);
QdDecimal   qd_account_get_daily_change              (QdAccount  *self);
void        qd_account_set_daily_change              (QdAccount  *self,
                                                      QdDecimal   daily_change);
/* UNIX nanoseconds of the last update; 0 is unknown. */
gint64      qd_account_get_timestamp                 (QdAccount  *self);
void        qd_account_set_timestamp                 (QdAccount  *self,
                                                      gint64      timestamp);

G_END_DECLS
