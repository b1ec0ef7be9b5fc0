/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-decimal.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

/*
 * QdRiskCheck: what is wrong with an order before it is sent, and what deserves a second
 * look. Errors make an order unsendable; warnings are TWS's precautionary settings and are
 * confirmed by the user. The order ticket and the REST endpoint share this code.
 */
#define QD_TYPE_RISK_CHECK (qd_risk_check_get_type ())

G_DECLARE_FINAL_TYPE (QdRiskCheck, qd_risk_check, QD, RISK_CHECK, GObject)

typedef enum
{
  QD_RISK_ERROR,      /* cannot be sent */
  QD_RISK_WARNING,    /* may be sent once confirmed */
} QdRiskSeverity;

typedef enum
{
  /* errors */
  QD_RISK_RULE_MISSING_FIELD,       /* no or malformed instrument, side, type, time in force */
  QD_RISK_RULE_QUANTITY,            /* missing or not above zero */
  QD_RISK_RULE_LOT,                 /* not a whole lot or size increment */
  QD_RISK_RULE_PRICE_MISSING,       /* LIMIT without limit price, STOP_MARKET without stop */
  QD_RISK_RULE_PRICE_NOT_POSITIVE,
  QD_RISK_RULE_PRICE_NOT_ALLOWED,   /* a price the order type does not use (MARKET + limit) */
  QD_RISK_RULE_TICK,                /* not on the instrument's price increment */
  QD_RISK_RULE_STOP_LIMIT_PRICES,   /* STOP_LIMIT without both prices */
  /* warnings */
  QD_RISK_RULE_UNKNOWN_INSTRUMENT,  /* never seen on the bus: lot and tick unchecked */
  QD_RISK_RULE_SIZE_LIMIT,
  QD_RISK_RULE_VALUE_LIMIT,
  QD_RISK_RULE_PRICE_PERCENT,
  QD_RISK_RULE_PRICE_TICKS,
  QD_RISK_RULE_STOP_WRONG_SIDE,     /* would trigger at once */
  QD_RISK_RULE_BUYING_POWER,
  QD_RISK_RULE_DUPLICATE,
} QdRiskRule;

typedef struct
{
  QdRiskRule     rule;
  QdRiskSeverity severity;
  char          *field;     /* the request field at fault ("quantity", "limit_price"), or NULL */
  char          *message;   /* translated, with the numbers involved */
} QdRiskFinding;

/* The precautionary limits. A zero (or none for the decimals) turns that check off.
 * max_value is compared with the order's value in the instrument's currency. */
typedef struct
{
  QdDecimal max_quantity;
  QdDecimal max_value;
  guint     max_percent_from_market;
  guint     max_ticks_from_market;
  guint     duplicate_window_seconds;
} QdRiskLimits;

#define QD_RISK_DEFAULT_MAX_QUANTITY        1000
#define QD_RISK_DEFAULT_MAX_VALUE           100000
#define QD_RISK_DEFAULT_PERCENT_FROM_MARKET 5
#define QD_RISK_DEFAULT_TICKS_FROM_MARKET   40
#define QD_RISK_DEFAULT_DUPLICATE_WINDOW    10

/* Monotonic microseconds; tests inject their own. */
typedef gint64 (*QdRiskClockFunc) (gpointer user_data);

void            qd_risk_finding_free         (QdRiskFinding        *finding);
/* Stable ids for the REST API: "size_limit", "value_limit", ... and "error" / "warning". */
const char     *qd_risk_rule_to_string       (QdRiskRule            rule);
const char     *qd_risk_severity_to_string   (QdRiskSeverity        severity);
gboolean        qd_risk_findings_have_errors (GPtrArray            *findings);

void            qd_risk_limits_init_default  (QdRiskLimits         *limits);

QdRiskCheck    *qd_risk_check_new            (QdIbService          *service);
QdIbService    *qd_risk_check_get_service    (QdRiskCheck          *self);
void            qd_risk_check_set_limits     (QdRiskCheck          *self,
                                              const QdRiskLimits   *limits);
void            qd_risk_check_get_limits     (QdRiskCheck          *self,
                                              QdRiskLimits         *limits);
/* Limits from the risk-* keys, following their changes; NULL stops following. */
void            qd_risk_check_bind_settings  (QdRiskCheck          *self,
                                              GSettings            *settings);
void            qd_risk_check_set_clock      (QdRiskCheck          *self,
                                              QdRiskClockFunc       clock,
                                              gpointer              user_data);

/* Every finding for the request, errors first (QdRiskFinding, freed with the array). */
GPtrArray      *qd_risk_check_evaluate       (QdRiskCheck          *self,
                                              const QdOrderRequest *request);
/* Remember a request that was sent, for the duplicate rule. */
void            qd_risk_check_record_sent    (QdRiskCheck          *self,
                                              const QdOrderRequest *request);

/* An estimate of IB's tiered commission on a US stock order (instrument class "Equity",
 * currency USD): USD 0.0035 a share, at least USD 0.35, at most 1 % of the trade value,
 * rounded to the cent. Exchange, clearing and regulatory fees are not included, and the
 * per-share rate falls with monthly volume: it is an estimate, shown as one. FALSE (out
 * untouched) when the instrument is not a US stock or the quantity or price is unknown. */
gboolean        qd_risk_estimate_commission  (const char           *instrument_class,
                                              const char           *currency,
                                              QdDecimal             quantity,
                                              QdDecimal             price,
                                              QdDecimal            *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdRiskFinding, qd_risk_finding_free)

G_END_DECLS
