/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-bar.h"
#include "qd-model-private.h"

struct _QdBar
{
  GObject parent_instance;

  char      *bar_type;
  char      *instrument_id;
  QdDecimal  open;
  QdDecimal  high;
  QdDecimal  low;
  QdDecimal  close;
  QdDecimal  volume;
  gint64     timestamp;
};

G_DEFINE_FINAL_TYPE (QdBar, qd_bar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BAR_TYPE,
  PROP_INSTRUMENT_ID,
  PROP_OPEN,
  PROP_HIGH,
  PROP_LOW,
  PROP_CLOSE,
  PROP_VOLUME,
  PROP_TIMESTAMP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdBar, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_BAR_TYPE] = FIELD (STRING, bar_type),
  [PROP_INSTRUMENT_ID] = FIELD (STRING, instrument_id),
  [PROP_OPEN] = FIELD (DECIMAL, open),
  [PROP_HIGH] = FIELD (DECIMAL, high),
  [PROP_LOW] = FIELD (DECIMAL, low),
  [PROP_CLOSE] = FIELD (DECIMAL, close),
  [PROP_VOLUME] = FIELD (DECIMAL, volume),
  [PROP_TIMESTAMP] = FIELD (TIME, timestamp),
};

#undef FIELD

static void
qd_bar_finalize (GObject *object)
{
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_bar_parent_class)->finalize (object);
}

static void
qd_bar_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  qd_model_get_property (object, fields, N_PROPS, prop_id, value, pspec);
}

static void
qd_bar_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  QdBar *self = (QdBar *) object;

  if (prop_id == PROP_BAR_TYPE)
    self->bar_type = g_value_dup_string (value);
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_set_value (object, &fields[prop_id], value, pspec);
}

static void
qd_bar_class_init (QdBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_bar_finalize;
  object_class->get_property = qd_bar_get_property;
  object_class->set_property = qd_bar_set_property;

  properties[PROP_BAR_TYPE] = qd_model_param_id ("bar-type");
  properties[PROP_INSTRUMENT_ID] = qd_model_param_string ("instrument-id");
  properties[PROP_OPEN] = qd_model_param_decimal ("open");
  properties[PROP_HIGH] = qd_model_param_decimal ("high");
  properties[PROP_LOW] = qd_model_param_decimal ("low");
  properties[PROP_CLOSE] = qd_model_param_decimal ("close");
  properties[PROP_VOLUME] = qd_model_param_decimal ("volume");
  properties[PROP_TIMESTAMP] = qd_model_param_time ("timestamp");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_bar_init (QdBar *self)
{
  self->open = QD_DECIMAL_NONE;
  self->high = QD_DECIMAL_NONE;
  self->low = QD_DECIMAL_NONE;
  self->close = QD_DECIMAL_NONE;
  self->volume = QD_DECIMAL_NONE;
}

QdBar *
qd_bar_new (const char *bar_type)
{
  return g_object_new (QD_TYPE_BAR,
                       "bar-type", bar_type,
                       NULL);
}

const char *
qd_bar_get_bar_type (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), NULL);

  return self->bar_type;
}

const char *
qd_bar_get_instrument_id (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), NULL);

  return self->instrument_id;
}

void
qd_bar_set_instrument_id (QdBar      *self,
                          const char *instrument_id)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_string (G_OBJECT (self), &self->instrument_id, instrument_id,
                       properties[PROP_INSTRUMENT_ID]);
}

QdDecimal
qd_bar_get_open (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), QD_DECIMAL_NONE);

  return self->open;
}

void
qd_bar_set_open (QdBar     *self,
                 QdDecimal  open)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_decimal (G_OBJECT (self), &self->open, open, properties[PROP_OPEN]);
}

QdDecimal
qd_bar_get_high (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), QD_DECIMAL_NONE);

  return self->high;
}

void
qd_bar_set_high (QdBar     *self,
                 QdDecimal  high)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_decimal (G_OBJECT (self), &self->high, high, properties[PROP_HIGH]);
}

QdDecimal
qd_bar_get_low (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), QD_DECIMAL_NONE);

  return self->low;
}

void
qd_bar_set_low (QdBar     *self,
                QdDecimal  low)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_decimal (G_OBJECT (self), &self->low, low, properties[PROP_LOW]);
}

QdDecimal
qd_bar_get_close (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), QD_DECIMAL_NONE);

  return self->close;
}

void
qd_bar_set_close (QdBar     *self,
                  QdDecimal  close)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_decimal (G_OBJECT (self), &self->close, close, properties[PROP_CLOSE]);
}

QdDecimal
qd_bar_get_volume (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), QD_DECIMAL_NONE);

  return self->volume;
}

void
qd_bar_set_volume (QdBar     *self,
                   QdDecimal  volume)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_decimal (G_OBJECT (self), &self->volume, volume, properties[PROP_VOLUME]);
}

gint64
qd_bar_get_timestamp (QdBar *self)
{
  g_return_val_if_fail (QD_IS_BAR (self), 0);

  return self->timestamp;
}

void
qd_bar_set_timestamp (QdBar  *self,
                      gint64  timestamp)
{
  g_return_if_fail (QD_IS_BAR (self));

  qd_model_set_time (G_OBJECT (self), &self->timestamp, timestamp, properties[PROP_TIMESTAMP]);
}
