/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-position.h"
#include "qd-enum-types.h"
#include "qd-model-private.h"

struct _QdPosition
{
  GObject parent_instance;

  char           *position_id;
  char           *account_id;
  char           *contract_id;
  char           *symbol;
  char           *instrument_id;
  char           *strategy_id;
  char           *currency;
  QdPositionSide  side;
  QdDecimal       position;
  QdDecimal       avg_cost;
  QdDecimal       market_price;
  QdDecimal       market_value;
  QdDecimal       unrealized_pnl;
  QdDecimal       realized_pnl;
  QdDecimal       multiplier;
  gint            price_precision;
  gint64          timestamp;
};

G_DEFINE_FINAL_TYPE (QdPosition, qd_position, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION_ID,
  PROP_ACCOUNT_ID,
  PROP_CONTRACT_ID,
  PROP_SYMBOL,
  PROP_INSTRUMENT_ID,
  PROP_STRATEGY_ID,
  PROP_CURRENCY,
  PROP_SIDE,
  PROP_POSITION,
  PROP_AVG_COST,
  PROP_MARKET_PRICE,
  PROP_MARKET_VALUE,
  PROP_UNREALIZED_PNL,
  PROP_REALIZED_PNL,
  PROP_MULTIPLIER,
  PROP_PRICE_PRECISION,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdPosition, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_POSITION_ID] = FIELD (STRING, position_id),
  [PROP_ACCOUNT_ID] = FIELD (STRING, account_id),
  [PROP_CONTRACT_ID] = FIELD (STRING, contract_id),
  [PROP_SYMBOL] = FIELD (STRING, symbol),
  [PROP_INSTRUMENT_ID] = FIELD (STRING, instrument_id),
  [PROP_STRATEGY_ID] = FIELD (STRING, strategy_id),
  [PROP_CURRENCY] = FIELD (STRING, currency),
  [PROP_SIDE] = FIELD (ENUM, side),
  [PROP_POSITION] = FIELD (DECIMAL, position),
  [PROP_AVG_COST] = FIELD (DECIMAL, avg_cost),
  [PROP_MARKET_PRICE] = FIELD (DECIMAL, market_price),
  [PROP_MARKET_VALUE] = FIELD (DECIMAL, market_value),
  [PROP_UNREALIZED_PNL] = FIELD (DECIMAL, unrealized_pnl),
  [PROP_REALIZED_PNL] = FIELD (DECIMAL, realized_pnl),
  [PROP_MULTIPLIER] = FIELD (DECIMAL, multiplier),
  [PROP_PRICE_PRECISION] = FIELD (INT, price_precision),
  [PROP_TIMESTAMP] = FIELD (TIME, timestamp),
};

#undef FIELD

static void
qd_position_finalize (GObject *object)
{
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_position_parent_class)->finalize (object);
}

static void
qd_position_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  qd_model_get_property (object, fields, N_PROPS, prop_id, value, pspec);
}

static void
qd_position_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QdPosition *self = (QdPosition *) object;

  if (prop_id == PROP_POSITION_ID)
    self->position_id = g_value_dup_string (value);
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_set_value (object, &fields[prop_id], value, pspec);
}

static void
qd_position_class_init (QdPositionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_position_finalize;
  object_class->get_property = qd_position_get_property;
  object_class->set_property = qd_position_set_property;

  properties[PROP_POSITION_ID] = qd_model_param_id ("position-id");
  properties[PROP_ACCOUNT_ID] = qd_model_param_string ("account-id");
  properties[PROP_CONTRACT_ID] = qd_model_param_string ("contract-id");
  properties[PROP_SYMBOL] = qd_model_param_string ("symbol");
  properties[PROP_INSTRUMENT_ID] = qd_model_param_string ("instrument-id");
  properties[PROP_STRATEGY_ID] = qd_model_param_string ("strategy-id");
  properties[PROP_CURRENCY] = qd_model_param_string ("currency");
  properties[PROP_SIDE] = qd_model_param_enum ("side", QD_TYPE_POSITION_SIDE,
                                               QD_POSITION_SIDE_FLAT);
  properties[PROP_POSITION] = qd_model_param_decimal ("position");
  properties[PROP_AVG_COST] = qd_model_param_decimal ("avg-cost");
  properties[PROP_MARKET_PRICE] = qd_model_param_decimal ("market-price");
  properties[PROP_MARKET_VALUE] = qd_model_param_decimal ("market-value");
  properties[PROP_UNREALIZED_PNL] = qd_model_param_decimal ("unrealized-pnl");
  properties[PROP_REALIZED_PNL] = qd_model_param_decimal ("realized-pnl");
  properties[PROP_MULTIPLIER] = qd_model_param_decimal ("multiplier");
  properties[PROP_PRICE_PRECISION] = qd_model_param_precision ();
  properties[PROP_TIMESTAMP] = qd_model_param_time ("timestamp");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_position_init (QdPosition *self)
{
  self->position = QD_DECIMAL_NONE;
  self->avg_cost = QD_DECIMAL_NONE;
  self->market_price = QD_DECIMAL_NONE;
  self->market_value = QD_DECIMAL_NONE;
  self->unrealized_pnl = QD_DECIMAL_NONE;
  self->realized_pnl = QD_DECIMAL_NONE;
  self->multiplier = qd_decimal_from_int (1);
  self->price_precision = 2;
}

QdPosition *
qd_position_new (const char *position_id)
{
  return g_object_new (QD_TYPE_POSITION,
                       "position-id", position_id,
                       NULL);
}

const char *
qd_position_get_position_id (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->position_id;
}

const char *
qd_position_get_account_id (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->account_id;
}

void
qd_position_set_account_id (QdPosition *self,
                            const char *account_id)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->account_id, account_id, properties[PROP_ACCOUNT_ID]);
}

const char *
qd_position_get_contract_id (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->contract_id;
}

void
qd_position_set_contract_id (QdPosition *self,
                             const char *contract_id)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->contract_id, contract_id,
                       properties[PROP_CONTRACT_ID]);
}

const char *
qd_position_get_symbol (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->symbol;
}

void
qd_position_set_symbol (QdPosition *self,
                        const char *symbol)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->symbol, symbol, properties[PROP_SYMBOL]);
}

const char *
qd_position_get_instrument_id (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->instrument_id;
}

void
qd_position_set_instrument_id (QdPosition *self,
                               const char *instrument_id)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->instrument_id, instrument_id,
                       properties[PROP_INSTRUMENT_ID]);
}

const char *
qd_position_get_strategy_id (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->strategy_id;
}

void
qd_position_set_strategy_id (QdPosition *self,
                             const char *strategy_id)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->strategy_id, strategy_id,
                       properties[PROP_STRATEGY_ID]);
}

const char *
qd_position_get_currency (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), NULL);

  return self->currency;
}

void
qd_position_set_currency (QdPosition *self,
                          const char *currency)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_string (G_OBJECT (self), &self->currency, currency, properties[PROP_CURRENCY]);
}

QdPositionSide
qd_position_get_side (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_POSITION_SIDE_FLAT);

  return self->side;
}

void
qd_position_set_side (QdPosition     *self,
                      QdPositionSide  side)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->side, side, properties[PROP_SIDE]);
}

QdDecimal
qd_position_get_position (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->position;
}

void
qd_position_set_position (QdPosition *self,
                          QdDecimal   position)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->position, position, properties[PROP_POSITION]);
}

QdDecimal
qd_position_get_avg_cost (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->avg_cost;
}

void
qd_position_set_avg_cost (QdPosition *self,
                          QdDecimal   avg_cost)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->avg_cost, avg_cost, properties[PROP_AVG_COST]);
}

QdDecimal
qd_position_get_market_price (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->market_price;
}

void
qd_position_set_market_price (QdPosition *self,
                              QdDecimal   market_price)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->market_price, market_price,
                        properties[PROP_MARKET_PRICE]);
}

QdDecimal
qd_position_get_market_value (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->market_value;
}

void
qd_position_set_market_value (QdPosition *self,
                              QdDecimal   market_value)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->market_value, market_value,
                        properties[PROP_MARKET_VALUE]);
}

QdDecimal
qd_position_get_unrealized_pnl (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->unrealized_pnl;
}

void
qd_position_set_unrealized_pnl (QdPosition *self,
                                QdDecimal   unrealized_pnl)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->unrealized_pnl, unrealized_pnl,
                        properties[PROP_UNREALIZED_PNL]);
}

QdDecimal
qd_position_get_realized_pnl (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->realized_pnl;
}

void
qd_position_set_realized_pnl (QdPosition *self,
                              QdDecimal   realized_pnl)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->realized_pnl, realized_pnl,
                        properties[PROP_REALIZED_PNL]);
}

QdDecimal
qd_position_get_multiplier (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), QD_DECIMAL_NONE);

  return self->multiplier;
}

void
qd_position_set_multiplier (QdPosition *self,
                            QdDecimal   multiplier)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_decimal (G_OBJECT (self), &self->multiplier, multiplier,
                        properties[PROP_MULTIPLIER]);
}

gint
qd_position_get_price_precision (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), 2);

  return self->price_precision;
}

void
qd_position_set_price_precision (QdPosition *self,
                                 gint        price_precision)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_int (G_OBJECT (self), &self->price_precision,
                    CLAMP (price_precision, 0, QD_DECIMAL_MAX_SCALE),
                           properties[PROP_PRICE_PRECISION]);
}

gint64
qd_position_get_timestamp (QdPosition *self)
{
  g_return_val_if_fail (QD_IS_POSITION (self), 0);

  return self->timestamp;
}

void
qd_position_set_timestamp (QdPosition *self,
                           gint64      timestamp)
{
  g_return_if_fail (QD_IS_POSITION (self));

  qd_model_set_time (G_OBJECT (self), &self->timestamp, timestamp, properties[PROP_TIMESTAMP]);
}
