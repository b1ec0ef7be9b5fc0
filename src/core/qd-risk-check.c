/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qd-risk-check-private.h"

/*
 * The rules themselves are in qd-risk-rules.c; this file keeps the limits (and their
 * settings), the orders recently sent for the duplicate rule, and the order of findings.
 */

struct _QdRiskCheck
{
  GObject          parent_instance;

  QdIbService     *service;
  QdRiskLimits     limits;
  GSettings       *settings;
  gulong           settings_changed_id;
  QdRiskClockFunc  clock;
  gpointer         clock_data;
  GQueue           sent;          /* SentOrder*, oldest first */
};

G_DEFINE_FINAL_TYPE (QdRiskCheck, qd_risk_check, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

enum
{
  SIGNAL_LIMITS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char   *key;
  gint64  time;
} SentOrder;

static void
sent_order_free (gpointer data)
{
  SentOrder *sent = data;

  g_free (sent->key);
  g_free (sent);
}

void
qd_risk_finding_free (QdRiskFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->field);
  g_free (finding->message);
  g_free (finding);
}

const char *
qd_risk_rule_to_string (QdRiskRule rule)
{
  switch (rule)
    {
    case QD_RISK_RULE_MISSING_FIELD:      return "missing_field";
    case QD_RISK_RULE_QUANTITY:           return "quantity";
    case QD_RISK_RULE_LOT:                return "lot";
    case QD_RISK_RULE_PRICE_MISSING:      return "price_missing";
    case QD_RISK_RULE_PRICE_NOT_POSITIVE: return "price_not_positive";
    case QD_RISK_RULE_PRICE_NOT_ALLOWED:  return "price_not_allowed";
    case QD_RISK_RULE_TICK:               return "tick";
    case QD_RISK_RULE_STOP_LIMIT_PRICES:  return "stop_limit_prices";
    case QD_RISK_RULE_UNKNOWN_INSTRUMENT: return "unknown_instrument";
    case QD_RISK_RULE_SIZE_LIMIT:         return "size_limit";
    case QD_RISK_RULE_VALUE_LIMIT:        return "value_limit";
    case QD_RISK_RULE_PRICE_PERCENT:      return "price_percent";
    case QD_RISK_RULE_PRICE_TICKS:        return "price_ticks";
    case QD_RISK_RULE_STOP_WRONG_SIDE:    return "stop_wrong_side";
    case QD_RISK_RULE_BUYING_POWER:       return "buying_power";
    case QD_RISK_RULE_DUPLICATE:          return "duplicate";
    default:                              return "unknown";
    }
}

const char *
qd_risk_severity_to_string (QdRiskSeverity severity)
{
  switch (severity)
    {
    case QD_RISK_ERROR:   return "error";
    case QD_RISK_WARNING: return "warning";
    default:              return "unknown";
    }
}

gboolean
qd_risk_findings_have_errors (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, FALSE);

  for (guint i = 0; i < findings->len; i++)
    {
      const QdRiskFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == QD_RISK_ERROR)
        return TRUE;
    }
  return FALSE;
}

void
qd_risk_limits_init_default (QdRiskLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_quantity = qd_decimal_from_int (QD_RISK_DEFAULT_MAX_QUANTITY);
  limits->max_value = qd_decimal_from_int (QD_RISK_DEFAULT_MAX_VALUE);
  limits->max_percent_from_market = QD_RISK_DEFAULT_PERCENT_FROM_MARKET;
  limits->max_ticks_from_market = QD_RISK_DEFAULT_TICKS_FROM_MARKET;
  limits->duplicate_window_seconds = QD_RISK_DEFAULT_DUPLICATE_WINDOW;
}

/* Duplicates: same instrument, side, type, quantity and prices ("100" equals "100.0"). */

static char *
request_key (const QdOrderRequest *request)
{
  char quantity[QD_DECIMAL_STR_MAX], limit[QD_DECIMAL_STR_MAX], stop[QD_DECIMAL_STR_MAX];

  return g_strdup_printf ("%s|%d|%d|%s|%s|%s", request->instrument_id,
                          (int) request->side, (int) request->order_type,
                          qd_decimal_format (qd_decimal_normalize (request->quantity), quantity),
                          qd_decimal_format (qd_decimal_normalize (request->limit_price), limit),
                          qd_decimal_format (qd_decimal_normalize (request->stop_price), stop));
}

static gint64
now (QdRiskCheck *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static gboolean
within_window (QdRiskCheck *self,
               gint64       sent_time,
               gint64       time)
{
  return time - sent_time < (gint64) self->limits.duplicate_window_seconds * G_USEC_PER_SEC;
}

static void
check_duplicate (QdRiskCheck      *self,
                 QdRiskEvaluation *ev)
{
  g_autofree char *key = NULL;
  gint64 time = now (self);

  if (self->limits.duplicate_window_seconds == 0 || !ev->instrument_ok)
    return;
  key = request_key (ev->request);
  for (GList *l = self->sent.tail; l != NULL; l = l->prev)
    {
      const SentOrder *sent = l->data;
      gulong seconds;

      if (!within_window (self, sent->time, time))
        break;
      if (strcmp (sent->key, key) != 0)
        continue;
      seconds = (gulong) ((time - sent->time) / G_USEC_PER_SEC);
      _qd_risk_add_finding (ev, QD_RISK_RULE_DUPLICATE, NULL,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The same order was sent %lu second ago",
                                "The same order was sent %lu seconds ago", seconds),
                   seconds);
      return;
    }
}

GPtrArray *
qd_risk_check_evaluate (QdRiskCheck          *self,
                        const QdOrderRequest *request)
{
  QdRiskEvaluation ev = { 0 };

  g_return_val_if_fail (QD_IS_RISK_CHECK (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  ev.service = self->service;
  ev.limits = &self->limits;
  ev.request = request;
  ev.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) qd_risk_finding_free);
  ev.warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) qd_risk_finding_free);

  _qd_risk_check_errors (&ev);
  _qd_risk_check_warnings (&ev);
  check_duplicate (self, &ev);

  g_ptr_array_extend_and_steal (ev.errors, ev.warnings);
  return ev.errors;
}

void
qd_risk_check_record_sent (QdRiskCheck          *self,
                           const QdOrderRequest *request)
{
  SentOrder *sent;
  gint64 time;

  g_return_if_fail (QD_IS_RISK_CHECK (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->instrument_id != NULL);

  time = now (self);
  /* Forget what can no longer be a duplicate, so the list stays short. */
  while (!g_queue_is_empty (&self->sent) &&
         !within_window (self, ((SentOrder *) g_queue_peek_head (&self->sent))->time, time))
    sent_order_free (g_queue_pop_head (&self->sent));

  sent = g_new0 (SentOrder, 1);
  sent->key = request_key (request);
  sent->time = time;
  g_queue_push_tail (&self->sent, sent);
}

/* Limits and settings */

static gboolean
limits_equal (const QdRiskLimits *a,
              const QdRiskLimits *b)
{
  return qd_decimal_identical (a->max_quantity, b->max_quantity) &&
         qd_decimal_identical (a->max_value, b->max_value) &&
         a->max_percent_from_market == b->max_percent_from_market &&
         a->max_ticks_from_market == b->max_ticks_from_market &&
         a->duplicate_window_seconds == b->duplicate_window_seconds;
}

void
qd_risk_check_set_limits (QdRiskCheck        *self,
                          const QdRiskLimits *limits)
{
  g_return_if_fail (QD_IS_RISK_CHECK (self));
  g_return_if_fail (limits != NULL);

  if (limits_equal (&self->limits, limits))
    return;
  self->limits = *limits;
  g_signal_emit (self, signals[SIGNAL_LIMITS_CHANGED], 0);
}

void
qd_risk_check_get_limits (QdRiskCheck  *self,
                          QdRiskLimits *limits)
{
  g_return_if_fail (QD_IS_RISK_CHECK (self));
  g_return_if_fail (limits != NULL);

  *limits = self->limits;
}

/* A non-negative decimal from a string key; anything else is the default (a hand-edited
 * dconf value must not break order entry). */
static QdDecimal
settings_decimal (GSettings  *settings,
                  const char *key,
                  gint64      fallback)
{
  g_autofree char *text = g_settings_get_string (settings, key);
  g_autoptr(GError) error = NULL;
  QdDecimal value;

  if (!qd_decimal_parse (text, -1, &value, &error))
    {
      g_debug ("Setting %s “%s” is not a decimal (%s); using %" G_GINT64_FORMAT,
               key, text, error->message, fallback);
      return qd_decimal_from_int (fallback);
    }
  if (qd_decimal_sign (value) < 0)
    {
      g_debug ("Setting %s “%s” is negative; using %" G_GINT64_FORMAT, key, text, fallback);
      return qd_decimal_from_int (fallback);
    }
  return value;
}

static void
read_settings (QdRiskCheck *self)
{
  QdRiskLimits limits;

  limits.max_quantity = settings_decimal (self->settings, "risk-max-quantity",
                                          QD_RISK_DEFAULT_MAX_QUANTITY);
  limits.max_value = settings_decimal (self->settings, "risk-max-value",
                                       QD_RISK_DEFAULT_MAX_VALUE);
  limits.max_percent_from_market = g_settings_get_uint (self->settings,
                                                        "risk-max-percent-from-market");
  limits.max_ticks_from_market = g_settings_get_uint (self->settings,
                                                      "risk-max-ticks-from-market");
  limits.duplicate_window_seconds = g_settings_get_uint (self->settings, "risk-duplicate-window");
  qd_risk_check_set_limits (self, &limits);
}

static void
on_settings_changed (GSettings   *settings,
                     const char  *key,
                     QdRiskCheck *self)
{
  if (g_str_has_prefix (key, "risk-"))
    read_settings (self);
}

void
qd_risk_check_bind_settings (QdRiskCheck *self,
                             GSettings   *settings)
{
  g_return_if_fail (QD_IS_RISK_CHECK (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_changed_id, self->settings);
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;
  self->settings_changed_id = g_signal_connect (settings, "changed",
                                                G_CALLBACK (on_settings_changed), self);
  read_settings (self);
}

void
qd_risk_check_set_clock (QdRiskCheck     *self,
                         QdRiskClockFunc  clock,
                         gpointer         user_data)
{
  g_return_if_fail (QD_IS_RISK_CHECK (self));

  self->clock = clock;
  self->clock_data = user_data;
}

QdIbService *
qd_risk_check_get_service (QdRiskCheck *self)
{
  g_return_val_if_fail (QD_IS_RISK_CHECK (self), NULL);

  return self->service;
}

/* GObject */

static void
qd_risk_check_dispose (GObject *object)
{
  QdRiskCheck *self = QD_RISK_CHECK (object);

  qd_risk_check_bind_settings (self, NULL);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (qd_risk_check_parent_class)->dispose (object);
}

static void
qd_risk_check_finalize (GObject *object)
{
  QdRiskCheck *self = QD_RISK_CHECK (object);

  g_queue_clear_full (&self->sent, sent_order_free);

  G_OBJECT_CLASS (qd_risk_check_parent_class)->finalize (object);
}

static void
qd_risk_check_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QdRiskCheck *self = QD_RISK_CHECK (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_risk_check_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  QdRiskCheck *self = QD_RISK_CHECK (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_risk_check_class_init (QdRiskCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_risk_check_dispose;
  object_class->finalize = qd_risk_check_finalize;
  object_class->get_property = qd_risk_check_get_property;
  object_class->set_property = qd_risk_check_set_property;

  /* Where instruments, quotes and the account come from. */
  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL,
                         QD_TYPE_IB_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The limits changed (set_limits or the bound settings): findings may differ. */
  signals[SIGNAL_LIMITS_CHANGED] =
    g_signal_new ("limits-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
qd_risk_check_init (QdRiskCheck *self)
{
  qd_risk_limits_init_default (&self->limits);
  g_queue_init (&self->sent);
}

QdRiskCheck *
qd_risk_check_new (QdIbService *service)
{
  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  return g_object_new (QD_TYPE_RISK_CHECK, "service", service, NULL);
}
