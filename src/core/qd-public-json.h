/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-account.h"
#include "qd-connection-status.h"
#include "qd-json-writer.h"
#include "qd-order.h"
#include "qd-position.h"
#include "qd-quote.h"

G_BEGIN_DECLS

/*
 * Our public JSON: the seed's data models (IBConnectionStatus, IBAccountData, IBPosition,
 * IBOrder), field for field, plus a quote object of our own. Numbers are exact decimals,
 * optional fields are left out when unknown. The mapping is described in qd-public-json.c.
 */

/* "2026-07-01T14:30:12.004Z" (UTC, milliseconds truncated); NULL for ns <= 0 (unknown). */
char *qd_format_iso8601_ns              (gint64              ns);
/* The symbol part of an instrument id: everything before the last '.' ("AAPL" from
 * "AAPL.NASDAQ", "EUR/USD" from "EUR/USD.IDEALPRO"); the whole id if it has no '.'. */
char *qd_symbol_from_instrument_id      (const char         *instrument_id);

void  qd_connection_status_write_json   (QdConnectionStatus *self,
                                         QdJsonWriter       *w);
char *qd_connection_status_to_json      (QdConnectionStatus *self);
void  qd_account_write_json             (QdAccount          *self,
                                         QdJsonWriter       *w);
char *qd_account_to_json                (QdAccount          *self);
void  qd_position_write_json            (QdPosition         *self,
                                         QdJsonWriter       *w);
char *qd_position_to_json               (QdPosition         *self);
void  qd_order_write_json               (QdOrder            *self,
                                         QdJsonWriter       *w);
char *qd_order_to_json                  (QdOrder            *self);
/* {"symbol","bid","ask","bid_size","ask_size","last","timestamp"}, unknown ones left out. */
void  qd_quote_write_json               (QdQuote            *self,
                                         QdJsonWriter       *w);
char *qd_quote_to_json                  (QdQuote            *self);

G_END_DECLS
