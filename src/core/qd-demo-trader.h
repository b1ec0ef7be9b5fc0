/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_TYPE_DEMO_TRADER (qd_demo_trader_get_type ())

G_DECLARE_FINAL_TYPE (QdDemoTrader, qd_demo_trader, QD, DEMO_TRADER, GObject)

/*
 * QdDemoTrader: in demo mode, someone has to trade. It sends ordinary orders through the
 * service (so through the bus to the paper venue, exactly as the dashboard would): an
 * opening portfolio, then now and then a market order, a limit order near the touch, a
 * modify or a cancel of a resting order. Deterministic for a seed.
 */
QdDemoTrader *qd_demo_trader_new            (QdIbService  *service,
                                             guint64       seed);
/* Send the opening orders now, then one action every interval_ms (0: opening orders only). */
void          qd_demo_trader_start          (QdDemoTrader *self,
                                             guint         interval_ms);
void          qd_demo_trader_stop           (QdDemoTrader *self);
/* Carry out one random action now; returns what it did, for logs ("BUY 100 AAPL.NASDAQ MKT"). */
char         *qd_demo_trader_act            (QdDemoTrader *self);

G_END_DECLS
