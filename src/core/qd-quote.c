/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-quote.h"
#include "qd-model-private.h"

struct _QdQuote
{
  GObject parent_instance;

  char      *instrument_id;
  QdDecimal  bid;
  QdDecimal  ask;
  QdDecimal  bid_size;
  QdDecimal  ask_size;
  QdDecimal  last;
  QdDecimal  last_size;
  gint64     timestamp;
  gint       price_precision;
};

G_DEFINE_FINAL_TYPE (QdQuote, qd_quote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INSTRUMENT_ID,
  PROP_BID,
  PROP_ASK,
  PROP_BID_SIZE,
  PROP_ASK_SIZE,
  PROP_LAST,
  PROP_LAST_SIZE,
  PROP_TIMESTAMP,
  PROP_PRICE_PRECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdQuote, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_INSTRUMENT_ID] = FIELD (STRING, instrument_id),
  [PROP_BID] = FIELD (DECIMAL, bid),
  [PROP_ASK] = FIELD (DECIMAL, ask),
  [PROP_BID_SIZE] = FIELD (DECIMAL, bid_size),
  [PROP_ASK_SIZE] = FIELD (DECIMAL, ask_size),
  [PROP_LAST] = FIELD (DECIMAL, last),
  [PROP_LAST_SIZE] = FIELD (DECIMAL, last_size),
  [PROP_TIMESTAMP] = FIELD (TIME, timestamp),
  [PROP_PRICE_PRECISION] = FIELD (INT, price_precision),
};

#undef FIELD

static void
qd_quote_finalize (GObject *object)
{
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_quote_parent_class)->finalize (object);
}

static void
qd_quote_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  qd_model_get_property (object, fields, N_PROPS, prop_id, value, pspec);
}

static void
qd_quote_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  QdQuote *self = (QdQuote *) object;

  if (prop_id == PROP_INSTRUMENT_ID)
    self->instrument_id = g_value_dup_string (value);
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_set_value (object, &fields[prop_id], value, pspec);
}

static void
qd_quote_class_init (QdQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_quote_finalize;
  object_class->get_property = qd_quote_get_property;
  object_class->set_property = qd_quote_set_property;

  properties[PROP_INSTRUMENT_ID] = qd_model_param_id ("instrument-id");
  properties[PROP_BID] = qd_model_param_decimal ("bid");
  properties[PROP_ASK] = qd_model_param_decimal ("ask");
  properties[PROP_BID_SIZE] = qd_model_param_decimal ("bid-size");
  properties[PROP_ASK_SIZE] = qd_model_param_decimal ("ask-size");
  properties[PROP_LAST] = qd_model_param_decimal ("last");
  properties[PROP_LAST_SIZE] = qd_model_param_decimal ("last-size");
  properties[PROP_TIMESTAMP] = qd_model_param_time ("timestamp");
  properties[PROP_PRICE_PRECISION] = qd_model_param_precision ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_quote_init (QdQuote *self)
{
  self->bid = QD_DECIMAL_NONE;
  self->ask = QD_DECIMAL_NONE;
  self->bid_size = QD_DECIMAL_NONE;
  self->ask_size = QD_DECIMAL_NONE;
  self->last = QD_DECIMAL_NONE;
  self->last_size = QD_DECIMAL_NONE;
  self->price_precision = 2;
}

QdQuote *
qd_quote_new (const char *instrument_id)
{
  return g_object_new (QD_TYPE_QUOTE,
                       "instrument-id", instrument_id,
                       NULL);
}

const char *
qd_quote_get_instrument_id (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), NULL);

  return self->instrument_id;
}

QdDecimal
qd_quote_get_bid (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->bid;
}

void
qd_quote_set_bid (QdQuote   *self,
                  QdDecimal  bid)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->bid, bid, properties[PROP_BID]);
}

QdDecimal
qd_quote_get_ask (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->ask;
}

void
qd_quote_set_ask (QdQuote   *self,
                  QdDecimal  ask)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->ask, ask, properties[PROP_ASK]);
}

QdDecimal
qd_quote_get_bid_size (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->bid_size;
}

void
qd_quote_set_bid_size (QdQuote   *self,
                       QdDecimal  bid_size)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->bid_size, bid_size, properties[PROP_BID_SIZE]);
}

QdDecimal
qd_quote_get_ask_size (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->ask_size;
}

void
qd_quote_set_ask_size (QdQuote   *self,
                       QdDecimal  ask_size)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->ask_size, ask_size, properties[PROP_ASK_SIZE]);
}

QdDecimal
qd_quote_get_last (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->last;
}

void
qd_quote_set_last (QdQuote   *self,
                   QdDecimal  last)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->last, last, properties[PROP_LAST]);
}

QdDecimal
qd_quote_get_last_size (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), QD_DECIMAL_NONE);

  return self->last_size;
}

void
qd_quote_set_last_size (QdQuote   *self,
                        QdDecimal  last_size)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_decimal (G_OBJECT (self), &self->last_size, last_size, properties[PROP_LAST_SIZE]);
}

gint64
qd_quote_get_timestamp (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), 0);

  return self->timestamp;
}

void
qd_quote_set_timestamp (QdQuote *self,
                        gint64   timestamp)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_time (G_OBJECT (self), &self->timestamp, timestamp, properties[PROP_TIMESTAMP]);
}

gint
qd_quote_get_price_precision (QdQuote *self)
{
  g_return_val_if_fail (QD_IS_QUOTE (self), 2);

  return self->price_precision;
}

void
qd_quote_set_price_precision (QdQuote *self,
                              gint     price_precision)
{
  g_return_if_fail (QD_IS_QUOTE (self));

  qd_model_set_int (G_OBJECT (self), &self->price_precision,
                    CLAMP (price_precision, 0, QD_DECIMAL_MAX_SCALE),
                           properties[PROP_PRICE_PRECISION]);
}
