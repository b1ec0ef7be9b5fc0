/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-account.h"
#include "qd-model-private.h"

struct _QdAccount
{
  GObject parent_instance;

  char      *account_id;
  char      *account_type;
  char      *currency;
  QdDecimal  net_liquidation;
  QdDecimal  total_cash_value;
  QdDecimal  buying_power;
  QdDecimal  available_funds;
  QdDecimal  maintenance_margin;
  QdDecimal  initial_margin;
  QdDecimal  excess_liquidity;
  QdDecimal  day_start_net_liquidation;
  QdDecimal  daily_change;
  gint64     timestamp;
};

G_DEFINE_FINAL_TYPE (QdAccount, qd_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_TYPE,
  PROP_CURRENCY,
  PROP_NET_LIQUIDATION,
  PROP_TOTAL_CASH_VALUE,
  PROP_BUYING_POWER,
  PROP_AVAILABLE_FUNDS,
  PROP_MAINTENANCE_MARGIN,
  PROP_INITIAL_MARGIN,
  PROP_EXCESS_LIQUIDITY,
  PROP_DAY_START_NET_LIQUIDATION,
  PROP_DAILY_CHANGE,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdAccount, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_ACCOUNT_ID] = FIELD (STRING, account_id),
  [PROP_ACCOUNT_TYPE] = FIELD (STRING, account_type),
  [PROP_CURRENCY] = FIELD (STRING, currency),
  [PROP_NET_LIQUIDATION] = FIELD (DECIMAL, net_liquidation),
  [PROP_TOTAL_CASH_VALUE] = FIELD (DECIMAL, total_cash_value),
  [PROP_BUYING_POWER] = FIELD (DECIMAL, buying_power),
  [PROP_AVAILABLE_FUNDS] = FIELD (DECIMAL, available_funds),
  [PROP_MAINTENANCE_MARGIN] = FIELD (DECIMAL, maintenance_margin),
  [PROP_INITIAL_MARGIN] = FIELD (DECIMAL, initial_margin),
  [PROP_EXCESS_LIQUIDITY] = FIELD (DECIMAL, excess_liquidity),
  [PROP_DAY_START_NET_LIQUIDATION] = FIELD (DECIMAL, day_start_net_liquidation),
  [PROP_DAILY_CHANGE] = FIELD (DECIMAL, daily_change),
  [PROP_TIMESTAMP] = FIELD (TIME, timestamp),
};

#undef FIELD

static void
qd_account_finalize (GObject *object)
{
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_account_parent_class)->finalize (object);
}

static void
qd_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  qd_model_get_property (object, fields, N_PROPS, prop_id, value, pspec);
}

static void
qd_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_set_value (object, &fields[prop_id], value, pspec);
}

static void
qd_account_class_init (QdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_account_finalize;
  object_class->get_property = qd_account_get_property;
  object_class->set_property = qd_account_set_property;

  properties[PROP_ACCOUNT_ID] = qd_model_param_string ("account-id");
  properties[PROP_ACCOUNT_TYPE] = qd_model_param_string ("account-type");
  properties[PROP_CURRENCY] = qd_model_param_string ("currency");
  properties[PROP_NET_LIQUIDATION] = qd_model_param_decimal ("net-liquidation");
  properties[PROP_TOTAL_CASH_VALUE] = qd_model_param_decimal ("total-cash-value");
  properties[PROP_BUYING_POWER] = qd_model_param_decimal ("buying-power");
  properties[PROP_AVAILABLE_FUNDS] = qd_model_param_decimal ("available-funds");
  properties[PROP_MAINTENANCE_MARGIN] = qd_model_param_decimal ("maintenance-margin");
  properties[PROP_INITIAL_MARGIN] = qd_model_param_decimal ("initial-margin");
  properties[PROP_EXCESS_LIQUIDITY] = qd_model_param_decimal ("excess-liquidity");
  properties[PROP_DAY_START_NET_LIQUIDATION] = qd_model_param_decimal ("day-start-net-liquidation");
  properties[PROP_DAILY_CHANGE] = qd_model_param_decimal ("daily-change");
  properties[PROP_TIMESTAMP] = qd_model_param_time ("timestamp");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_account_init (QdAccount *self)
{
  self->net_liquidation = QD_DECIMAL_NONE;
  self->total_cash_value = QD_DECIMAL_NONE;
  self->buying_power = QD_DECIMAL_NONE;
  self->available_funds = QD_DECIMAL_NONE;
  self->maintenance_margin = QD_DECIMAL_NONE;
  self->initial_margin = QD_DECIMAL_NONE;
  self->excess_liquidity = QD_DECIMAL_NONE;
  self->day_start_net_liquidation = QD_DECIMAL_NONE;
  self->daily_change = QD_DECIMAL_NONE;
}

QdAccount *
qd_account_new (void)
{
  return g_object_new (QD_TYPE_ACCOUNT, NULL);
}

const char *
qd_account_get_account_id (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), NULL);

  return self->account_id;
}

void
qd_account_set_account_id (QdAccount  *self,
                           const char *account_id)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_string (G_OBJECT (self), &self->account_id, account_id, properties[PROP_ACCOUNT_ID]);
}

const char *
qd_account_get_account_type (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), NULL);

  return self->account_type;
}

void
qd_account_set_account_type (QdAccount  *self,
                             const char *account_type)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_string (G_OBJECT (self), &self->account_type, account_type,
                       properties[PROP_ACCOUNT_TYPE]);
}

const char *
qd_account_get_currency (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), NULL);

  return self->currency;
}

void
qd_account_set_currency (QdAccount  *self,
                         const char *currency)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_string (G_OBJECT (self), &self->currency, currency, properties[PROP_CURRENCY]);
}

QdDecimal
qd_account_get_net_liquidation (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->net_liquidation;
}

void
qd_account_set_net_liquidation (QdAccount *self,
                                QdDecimal  net_liquidation)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->net_liquidation, net_liquidation,
                        properties[PROP_NET_LIQUIDATION]);
}

QdDecimal
qd_account_get_total_cash_value (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->total_cash_value;
}

void
qd_account_set_total_cash_value (QdAccount *self,
                                 QdDecimal  total_cash_value)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->total_cash_value, total_cash_value,
                        properties[PROP_TOTAL_CASH_VALUE]);
}

QdDecimal
qd_account_get_buying_power (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->buying_power;
}

void
qd_account_set_buying_power (QdAccount *self,
                             QdDecimal  buying_power)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->buying_power, buying_power,
                        properties[PROP_BUYING_POWER]);
}

QdDecimal
qd_account_get_available_funds (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->available_funds;
}

void
qd_account_set_available_funds (QdAccount *self,
                                QdDecimal  available_funds)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->available_funds, available_funds,
                        properties[PROP_AVAILABLE_FUNDS]);
}

QdDecimal
qd_account_get_maintenance_margin (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->maintenance_margin;
}

void
qd_account_set_maintenance_margin (QdAccount *self,
                                   QdDecimal  maintenance_margin)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->maintenance_margin, maintenance_margin,
                        properties[PROP_MAINTENANCE_MARGIN]);
}

QdDecimal
qd_account_get_initial_margin (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->initial_margin;
}

void
qd_account_set_initial_margin (QdAccount *self,
                               QdDecimal  initial_margin)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->initial_margin, initial_margin,
                        properties[PROP_INITIAL_MARGIN]);
}

QdDecimal
qd_account_get_excess_liquidity (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->excess_liquidity;
}

void
qd_account_set_excess_liquidity (QdAccount *self,
                                 QdDecimal  excess_liquidity)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->excess_liquidity, excess_liquidity,
                        properties[PROP_EXCESS_LIQUIDITY]);
}

QdDecimal
qd_account_get_day_start_net_liquidation (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->day_start_net_liquidation;
}

void
qd_account_set_day_start_net_liquidation (QdAccount *self,
                                          QdDecimal  day_start_net_liquidation)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->day_start_net_liquidation,
                        day_start_net_liquidation, properties[PROP_DAY_START_NET_LIQUIDATION]);
}

QdDecimal
qd_account_get_daily_change (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), QD_DECIMAL_NONE);

  return self->daily_change;
}

void
qd_account_set_daily_change (QdAccount *self,
                             QdDecimal  daily_change)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_decimal (G_OBJECT (self), &self->daily_change, daily_change,
                        properties[PROP_DAILY_CHANGE]);
}

gint64
qd_account_get_timestamp (QdAccount *self)
{
  g_return_val_if_fail (QD_IS_ACCOUNT (self), 0);

  return self->timestamp;
}

void
qd_account_set_timestamp (QdAccount *self,
                          gint64     timestamp)
{
  g_return_if_fail (QD_IS_ACCOUNT (self));

  qd_model_set_time (G_OBJECT (self), &self->timestamp, timestamp, properties[PROP_TIMESTAMP]);
}
