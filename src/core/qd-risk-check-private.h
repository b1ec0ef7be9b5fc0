/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-risk-check.h"

G_BEGIN_DECLS

/* One evaluation: what is known about the request, and the findings so far. */
typedef struct
{
  QdIbService          *service;
  const QdRiskLimits   *limits;
  const QdOrderRequest *request;
  const QdInstrument   *instrument;
  GPtrArray            *errors;
  GPtrArray            *warnings;
  gboolean              instrument_ok;  /* a well-formed id */
  gboolean              quantity_ok;    /* present and above zero */
  gboolean              limit_ok;       /* used by the type, present, above zero */
  gboolean              stop_ok;
  QdDecimal             market;         /* ask for buys, bid for sells; none without a quote */
} QdRiskEvaluation;

void _qd_risk_add_finding  (QdRiskEvaluation *ev,
                            QdRiskRule        rule,
                            const char       *field,
                            const char       *format,
                            ...) G_GNUC_PRINTF (4, 5);
/* The hard errors: fields, quantity and lot, prices and tick. */
void _qd_risk_check_errors   (QdRiskEvaluation *ev);
/* The precautionary warnings, except duplicates (which need the orders sent). */
void _qd_risk_check_warnings (QdRiskEvaluation *ev);

G_END_DECLS
