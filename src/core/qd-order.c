/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-order.h"
#include "qd-enum-types.h"
#include "qd-model-private.h"

struct _QdOrder
{
  GObject parent_instance;

  char          *client_order_id;
  char          *venue_order_id;
  char          *account_id;
  char          *contract_id;
  char          *symbol;
  char          *instrument_id;
  char          *strategy_id;
  char          *request_id;
  char          *reason;
  char          *commission_currency;
  gint           client_id;
  QdOrderSide    action;
  QdOrderType    order_type;
  QdTimeInForce  time_in_force;
  QdDecimal      total_quantity;
  QdDecimal      filled_quantity;
  QdDecimal      remaining_quantity;
  QdDecimal      limit_price;
  QdDecimal      stop_price;
  QdDecimal      avg_fill_price;
  QdDecimal      commission;
  QdOrderStatus  status;
  gint64         created_time;
  gint64         timestamp;
  gint64         expire_time;
  gint           price_precision;
  GArray        *history;
};

G_DEFINE_FINAL_TYPE (QdOrder, qd_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORDER_ID,
  PROP_CLIENT_ORDER_ID,
  PROP_VENUE_ORDER_ID,
  PROP_ACCOUNT_ID,
  PROP_CONTRACT_ID,
  PROP_SYMBOL,
  PROP_INSTRUMENT_ID,
  PROP_STRATEGY_ID,
  PROP_REQUEST_ID,
  PROP_REASON,
  PROP_COMMISSION_CURRENCY,
  PROP_CLIENT_ID,
  PROP_ACTION,
  PROP_ORDER_TYPE,
  PROP_TIME_IN_FORCE,
  PROP_TOTAL_QUANTITY,
  PROP_FILLED_QUANTITY,
  PROP_REMAINING_QUANTITY,
  PROP_LIMIT_PRICE,
  PROP_STOP_PRICE,
  PROP_AVG_FILL_PRICE,
  PROP_COMMISSION,
  PROP_STATUS,
  PROP_IS_WORKING,
  PROP_IB_STATUS,
  PROP_CREATED_TIME,
  PROP_TIMESTAMP,
  PROP_EXPIRE_TIME,
  PROP_PRICE_PRECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdOrder, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_CLIENT_ORDER_ID] = FIELD (STRING, client_order_id),
  [PROP_VENUE_ORDER_ID] = FIELD (STRING, venue_order_id),
  [PROP_ACCOUNT_ID] = FIELD (STRING, account_id),
  [PROP_CONTRACT_ID] = FIELD (STRING, contract_id),
  [PROP_SYMBOL] = FIELD (STRING, symbol),
  [PROP_INSTRUMENT_ID] = FIELD (STRING, instrument_id),
  [PROP_STRATEGY_ID] = FIELD (STRING, strategy_id),
  [PROP_REQUEST_ID] = FIELD (STRING, request_id),
  [PROP_REASON] = FIELD (STRING, reason),
  [PROP_COMMISSION_CURRENCY] = FIELD (STRING, commission_currency),
  [PROP_CLIENT_ID] = FIELD (INT, client_id),
  [PROP_ACTION] = FIELD (ENUM, action),
  [PROP_ORDER_TYPE] = FIELD (ENUM, order_type),
  [PROP_TIME_IN_FORCE] = FIELD (ENUM, time_in_force),
  [PROP_TOTAL_QUANTITY] = FIELD (DECIMAL, total_quantity),
  [PROP_FILLED_QUANTITY] = FIELD (DECIMAL, filled_quantity),
  [PROP_REMAINING_QUANTITY] = FIELD (DECIMAL, remaining_quantity),
  [PROP_LIMIT_PRICE] = FIELD (DECIMAL, limit_price),
  [PROP_STOP_PRICE] = FIELD (DECIMAL, stop_price),
  [PROP_AVG_FILL_PRICE] = FIELD (DECIMAL, avg_fill_price),
  [PROP_COMMISSION] = FIELD (DECIMAL, commission),
  [PROP_STATUS] = FIELD (ENUM, status),
  [PROP_CREATED_TIME] = FIELD (TIME, created_time),
  [PROP_TIMESTAMP] = FIELD (TIME, timestamp),
  [PROP_EXPIRE_TIME] = FIELD (TIME, expire_time),
  [PROP_PRICE_PRECISION] = FIELD (INT, price_precision),
};

#undef FIELD

static void
qd_order_finalize (GObject *object)
{
  QdOrder *self = (QdOrder *) object;

  g_clear_pointer (&self->history, g_array_unref);
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_order_parent_class)->finalize (object);
}

static void
qd_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  QdOrder *self = (QdOrder *) object;

  if (prop_id == PROP_ORDER_ID)
    g_value_set_string (value, qd_order_get_order_id (self));
  else if (prop_id == PROP_IS_WORKING)
    g_value_set_boolean (value, qd_order_get_is_working (self));
  else if (prop_id == PROP_IB_STATUS)
    g_value_set_string (value, qd_order_get_ib_status (self));
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_get_value (object, &fields[prop_id], value);
}

static void
qd_order_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  QdOrder *self = (QdOrder *) object;

  if (prop_id == PROP_CLIENT_ORDER_ID)
    self->client_order_id = g_value_dup_string (value);
  else if (prop_id == PROP_STATUS)
    qd_order_set_status (self, g_value_get_enum (value));
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_set_value (object, &fields[prop_id], value, pspec);
}

static void
qd_order_class_init (QdOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_order_finalize;
  object_class->get_property = qd_order_get_property;
  object_class->set_property = qd_order_set_property;

  properties[PROP_ORDER_ID] =
    g_param_spec_string ("order-id", NULL, NULL, NULL, QD_MODEL_PARAM_DERIVED_FLAGS);
  properties[PROP_CLIENT_ORDER_ID] = qd_model_param_id ("client-order-id");
  properties[PROP_VENUE_ORDER_ID] = qd_model_param_string ("venue-order-id");
  properties[PROP_ACCOUNT_ID] = qd_model_param_string ("account-id");
  properties[PROP_CONTRACT_ID] = qd_model_param_string ("contract-id");
  properties[PROP_SYMBOL] = qd_model_param_string ("symbol");
  properties[PROP_INSTRUMENT_ID] = qd_model_param_string ("instrument-id");
  properties[PROP_STRATEGY_ID] = qd_model_param_string ("strategy-id");
  properties[PROP_REQUEST_ID] = qd_model_param_string ("request-id");
  properties[PROP_REASON] = qd_model_param_string ("reason");
  properties[PROP_COMMISSION_CURRENCY] = qd_model_param_string ("commission-currency");
  properties[PROP_CLIENT_ID] = g_param_spec_int ("client-id", NULL, NULL, G_MININT, G_MAXINT, -1,
                                                 QD_MODEL_PARAM_FLAGS);
  properties[PROP_ACTION] = qd_model_param_enum ("action", QD_TYPE_ORDER_SIDE, QD_ORDER_SIDE_NONE);
  properties[PROP_ORDER_TYPE] = qd_model_param_enum ("order-type", QD_TYPE_ORDER_TYPE,
                                                     QD_ORDER_TYPE_UNKNOWN);
  properties[PROP_TIME_IN_FORCE] = qd_model_param_enum ("time-in-force", QD_TYPE_TIME_IN_FORCE,
                                                        QD_TIME_IN_FORCE_UNKNOWN);
  properties[PROP_TOTAL_QUANTITY] = qd_model_param_decimal ("total-quantity");
  properties[PROP_FILLED_QUANTITY] = qd_model_param_decimal ("filled-quantity");
  properties[PROP_REMAINING_QUANTITY] = qd_model_param_decimal ("remaining-quantity");
  properties[PROP_LIMIT_PRICE] = qd_model_param_decimal ("limit-price");
  properties[PROP_STOP_PRICE] = qd_model_param_decimal ("stop-price");
  properties[PROP_AVG_FILL_PRICE] = qd_model_param_decimal ("avg-fill-price");
  properties[PROP_COMMISSION] = qd_model_param_decimal ("commission");
  properties[PROP_STATUS] = qd_model_param_enum ("status", QD_TYPE_ORDER_STATUS,
                                                 QD_ORDER_STATUS_INITIALIZED);
  properties[PROP_IS_WORKING] =
    g_param_spec_boolean ("is-working", NULL, NULL, TRUE, QD_MODEL_PARAM_DERIVED_FLAGS);
  properties[PROP_IB_STATUS] =
    g_param_spec_string ("ib-status", NULL, NULL, NULL, QD_MODEL_PARAM_DERIVED_FLAGS);
  properties[PROP_CREATED_TIME] = qd_model_param_time ("created-time");
  properties[PROP_TIMESTAMP] = qd_model_param_time ("timestamp");
  properties[PROP_EXPIRE_TIME] = qd_model_param_time ("expire-time");
  properties[PROP_PRICE_PRECISION] = qd_model_param_precision ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clear_history_entry (gpointer data)
{
  QdOrderHistoryEntry *entry = data;

  g_clear_pointer (&entry->note, g_free);
}

static void
qd_order_init (QdOrder *self)
{
  self->client_id = -1;
  self->total_quantity = QD_DECIMAL_NONE;
  self->filled_quantity = QD_DECIMAL_NONE;
  self->remaining_quantity = QD_DECIMAL_NONE;
  self->limit_price = QD_DECIMAL_NONE;
  self->stop_price = QD_DECIMAL_NONE;
  self->avg_fill_price = QD_DECIMAL_NONE;
  self->commission = QD_DECIMAL_NONE;
  self->price_precision = 2;
  self->history = g_array_new (FALSE, TRUE, sizeof (QdOrderHistoryEntry));
  g_array_set_clear_func (self->history, clear_history_entry);
}

QdOrder *
qd_order_new (const char *client_order_id)
{
  return g_object_new (QD_TYPE_ORDER,
                       "client-order-id", client_order_id,
                       NULL);
}

const char *
qd_order_get_order_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->client_order_id;
}

const char *
qd_order_get_client_order_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->client_order_id;
}

const char *
qd_order_get_venue_order_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->venue_order_id;
}

void
qd_order_set_venue_order_id (QdOrder    *self,
                             const char *venue_order_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->venue_order_id, venue_order_id,
                       properties[PROP_VENUE_ORDER_ID]);
}

const char *
qd_order_get_account_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->account_id;
}

void
qd_order_set_account_id (QdOrder    *self,
                         const char *account_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->account_id, account_id, properties[PROP_ACCOUNT_ID]);
}

const char *
qd_order_get_contract_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->contract_id;
}

void
qd_order_set_contract_id (QdOrder    *self,
                          const char *contract_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->contract_id, contract_id,
                       properties[PROP_CONTRACT_ID]);
}

const char *
qd_order_get_symbol (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->symbol;
}

void
qd_order_set_symbol (QdOrder    *self,
                     const char *symbol)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->symbol, symbol, properties[PROP_SYMBOL]);
}

const char *
qd_order_get_instrument_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->instrument_id;
}

void
qd_order_set_instrument_id (QdOrder    *self,
                            const char *instrument_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->instrument_id, instrument_id,
                       properties[PROP_INSTRUMENT_ID]);
}

const char *
qd_order_get_strategy_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->strategy_id;
}

void
qd_order_set_strategy_id (QdOrder    *self,
                          const char *strategy_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->strategy_id, strategy_id,
                       properties[PROP_STRATEGY_ID]);
}

const char *
qd_order_get_request_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->request_id;
}

void
qd_order_set_request_id (QdOrder    *self,
                         const char *request_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->request_id, request_id, properties[PROP_REQUEST_ID]);
}

const char *
qd_order_get_reason (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->reason;
}

void
qd_order_set_reason (QdOrder    *self,
                     const char *reason)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->reason, reason, properties[PROP_REASON]);
}

const char *
qd_order_get_commission_currency (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->commission_currency;
}

void
qd_order_set_commission_currency (QdOrder    *self,
                                  const char *commission_currency)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_string (G_OBJECT (self), &self->commission_currency, commission_currency,
                       properties[PROP_COMMISSION_CURRENCY]);
}

gint
qd_order_get_client_id (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), -1);

  return self->client_id;
}

void
qd_order_set_client_id (QdOrder *self,
                        gint     client_id)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_int (G_OBJECT (self), &self->client_id, client_id, properties[PROP_CLIENT_ID]);
}

QdOrderSide
qd_order_get_action (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_ORDER_SIDE_NONE);

  return self->action;
}

void
qd_order_set_action (QdOrder     *self,
                     QdOrderSide  action)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->action, action, properties[PROP_ACTION]);
}

QdOrderType
qd_order_get_order_type (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_ORDER_TYPE_UNKNOWN);

  return self->order_type;
}

void
qd_order_set_order_type (QdOrder     *self,
                         QdOrderType  order_type)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->order_type, order_type,
                    properties[PROP_ORDER_TYPE]);
}

QdTimeInForce
qd_order_get_time_in_force (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_TIME_IN_FORCE_UNKNOWN);

  return self->time_in_force;
}

void
qd_order_set_time_in_force (QdOrder       *self,
                            QdTimeInForce  time_in_force)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->time_in_force, time_in_force,
                    properties[PROP_TIME_IN_FORCE]);
}

QdDecimal
qd_order_get_total_quantity (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->total_quantity;
}

void
qd_order_set_total_quantity (QdOrder   *self,
                             QdDecimal  total_quantity)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->total_quantity, total_quantity,
                        properties[PROP_TOTAL_QUANTITY]);
}

QdDecimal
qd_order_get_filled_quantity (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->filled_quantity;
}

void
qd_order_set_filled_quantity (QdOrder   *self,
                              QdDecimal  filled_quantity)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->filled_quantity, filled_quantity,
                        properties[PROP_FILLED_QUANTITY]);
}

QdDecimal
qd_order_get_remaining_quantity (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->remaining_quantity;
}

void
qd_order_set_remaining_quantity (QdOrder   *self,
                                 QdDecimal  remaining_quantity)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->remaining_quantity, remaining_quantity,
                        properties[PROP_REMAINING_QUANTITY]);
}

QdDecimal
qd_order_get_limit_price (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->limit_price;
}

void
qd_order_set_limit_price (QdOrder   *self,
                          QdDecimal  limit_price)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->limit_price, limit_price,
                        properties[PROP_LIMIT_PRICE]);
}

QdDecimal
qd_order_get_stop_price (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->stop_price;
}

void
qd_order_set_stop_price (QdOrder   *self,
                         QdDecimal  stop_price)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->stop_price, stop_price,
                        properties[PROP_STOP_PRICE]);
}

QdDecimal
qd_order_get_avg_fill_price (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->avg_fill_price;
}

void
qd_order_set_avg_fill_price (QdOrder   *self,
                             QdDecimal  avg_fill_price)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->avg_fill_price, avg_fill_price,
                        properties[PROP_AVG_FILL_PRICE]);
}

QdDecimal
qd_order_get_commission (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_DECIMAL_NONE);

  return self->commission;
}

void
qd_order_set_commission (QdOrder   *self,
                         QdDecimal  commission)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_decimal (G_OBJECT (self), &self->commission, commission,
                        properties[PROP_COMMISSION]);
}

QdOrderStatus
qd_order_get_status (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), QD_ORDER_STATUS_INITIALIZED);

  return self->status;
}

void
qd_order_set_status (QdOrder       *self,
                     QdOrderStatus  status)
{
  gboolean was_working;
  const char *old_ib_status;

  g_return_if_fail (QD_IS_ORDER (self));

  if (self->status == status)
    return;

  was_working = qd_order_get_is_working (self);
  old_ib_status = qd_order_get_ib_status (self);

  g_object_freeze_notify (G_OBJECT (self));
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (qd_order_get_is_working (self) != was_working)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_WORKING]);
  if (!g_str_equal (qd_order_get_ib_status (self), old_ib_status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IB_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
qd_order_get_is_working (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), FALSE);

  return qd_order_status_is_working (self->status);
}

const char *
qd_order_get_ib_status (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return qd_order_status_to_ib (self->status);
}

gint64
qd_order_get_created_time (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), 0);

  return self->created_time;
}

void
qd_order_set_created_time (QdOrder *self,
                           gint64   created_time)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_time (G_OBJECT (self), &self->created_time, created_time,
                     properties[PROP_CREATED_TIME]);
}

gint64
qd_order_get_timestamp (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), 0);

  return self->timestamp;
}

void
qd_order_set_timestamp (QdOrder *self,
                        gint64   timestamp)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_time (G_OBJECT (self), &self->timestamp, timestamp, properties[PROP_TIMESTAMP]);
}

gint64
qd_order_get_expire_time (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), 0);

  return self->expire_time;
}

void
qd_order_set_expire_time (QdOrder *self,
                          gint64   expire_time)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_time (G_OBJECT (self), &self->expire_time, expire_time,
                     properties[PROP_EXPIRE_TIME]);
}

gint
qd_order_get_price_precision (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), 2);

  return self->price_precision;
}

void
qd_order_set_price_precision (QdOrder *self,
                              gint     price_precision)
{
  g_return_if_fail (QD_IS_ORDER (self));

  qd_model_set_int (G_OBJECT (self), &self->price_precision,
                    CLAMP (price_precision, 0, QD_DECIMAL_MAX_SCALE),
                           properties[PROP_PRICE_PRECISION]);
}

void
qd_order_append_history (QdOrder       *self,
                         QdOrderStatus  status,
                         gint64         ts,
                         const char    *note)
{
  QdOrderHistoryEntry entry;

  g_return_if_fail (QD_IS_ORDER (self));

  entry.status = status;
  entry.ts = MAX (ts, 0);
  entry.note = g_strdup (note);
  g_array_append_val (self->history, entry);
}

const GArray *
qd_order_get_history (QdOrder *self)
{
  g_return_val_if_fail (QD_IS_ORDER (self), NULL);

  return self->history;
}
