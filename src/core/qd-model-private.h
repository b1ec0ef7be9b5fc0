/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/*
 * Shared by the model objects (QdAccount, QdOrder, ...): each keeps its properties as plain
 * struct fields described by a QdModelField table, so get_property/set_property are one
 * generic lookup and every C setter stores and notifies the same way (only on change).
 */

#define QD_MODEL_PARAM_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

/* Read-only properties computed from others. */
#define QD_MODEL_PARAM_DERIVED_FLAGS \
  (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

typedef enum
{
  QD_MODEL_FIELD_NONE,       /* handled by the object itself */
  QD_MODEL_FIELD_STRING,     /* char * */
  QD_MODEL_FIELD_DECIMAL,    /* QdDecimal, boxed QD_TYPE_DECIMAL */
  QD_MODEL_FIELD_INT,        /* gint */
  QD_MODEL_FIELD_TIME,       /* gint64 UNIX nanoseconds, 0 unknown */
  QD_MODEL_FIELD_BOOLEAN,    /* gboolean */
  QD_MODEL_FIELD_ENUM,       /* a C enum, stored as int */
} QdModelFieldKind;

typedef struct
{
  QdModelFieldKind kind;
  gsize            offset;
} QdModelField;

#define QD_MODEL_FIELD(kind, type, member) { QD_MODEL_FIELD_##kind, G_STRUCT_OFFSET (type, member) }

static inline gboolean
qd_model_set_string (GObject     *object,
                     char       **field,
                     const char  *value,
                     GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
qd_model_set_decimal (GObject    *object,
                      QdDecimal  *field,
                      QdDecimal   value,
                      GParamSpec *pspec)
{
  /* "1.0" -> "1.00" is a change: the scale is what gets printed. */
  if (qd_decimal_identical (*field, value))
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
qd_model_set_int (GObject    *object,
                  gint       *field,
                  gint        value,
                  GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/* Times come from the bus as they are: a negative one is stored as unknown (0). */
static inline gboolean
qd_model_set_time (GObject    *object,
                   gint64     *field,
                   gint64      value,
                   GParamSpec *pspec)
{
  value = MAX (value, 0);
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

static inline gboolean
qd_model_set_boolean (GObject    *object,
                      gboolean   *field,
                      gboolean    value,
                      GParamSpec *pspec)
{
  return qd_model_set_int (object, field, !!value, pspec);
}

/* A NULL boxed value is "none". */
static inline QdDecimal
qd_model_value_get_decimal (const GValue *value)
{
  const QdDecimal *boxed = g_value_get_boxed (value);

  return boxed != NULL ? *boxed : QD_DECIMAL_NONE;
}

static inline void
qd_model_field_get_value (GObject            *object,
                          const QdModelField *field,
                          GValue             *value)
{
  gpointer member = G_STRUCT_MEMBER_P (object, field->offset);

  switch (field->kind)
    {
    case QD_MODEL_FIELD_STRING:
      g_value_set_string (value, *(char **) member);
      break;
    case QD_MODEL_FIELD_DECIMAL:
      g_value_set_boxed (value, member);
      break;
    case QD_MODEL_FIELD_INT:
      g_value_set_int (value, *(gint *) member);
      break;
    case QD_MODEL_FIELD_TIME:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case QD_MODEL_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case QD_MODEL_FIELD_ENUM:
      g_value_set_enum (value, *(gint *) member);
      break;
    case QD_MODEL_FIELD_NONE:
    default:
      g_assert_not_reached ();
    }
}

static inline void
qd_model_field_set_value (GObject            *object,
                          const QdModelField *field,
                          const GValue       *value,
                          GParamSpec         *pspec)
{
  gpointer member = G_STRUCT_MEMBER_P (object, field->offset);

  switch (field->kind)
    {
    case QD_MODEL_FIELD_STRING:
      qd_model_set_string (object, member, g_value_get_string (value), pspec);
      break;
    case QD_MODEL_FIELD_DECIMAL:
      qd_model_set_decimal (object, member, qd_model_value_get_decimal (value), pspec);
      break;
    case QD_MODEL_FIELD_INT:
      qd_model_set_int (object, member, g_value_get_int (value), pspec);
      break;
    case QD_MODEL_FIELD_TIME:
      qd_model_set_time (object, member, g_value_get_int64 (value), pspec);
      break;
    case QD_MODEL_FIELD_BOOLEAN:
      qd_model_set_boolean (object, member, g_value_get_boolean (value), pspec);
      break;
    case QD_MODEL_FIELD_ENUM:
      qd_model_set_int (object, member, g_value_get_enum (value), pspec);
      break;
    case QD_MODEL_FIELD_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Frees every string field in the table (finalize). */
static inline void
qd_model_clear_strings (GObject            *object,
                        const QdModelField *fields,
                        guint               n_fields)
{
  guint i;

  for (i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == QD_MODEL_FIELD_STRING)
        g_clear_pointer ((char **) G_STRUCT_MEMBER_P (object, fields[i].offset), g_free);
    }
}

/* get_property for an object whose every property is in the table. */
static inline void
qd_model_get_property (GObject            *object,
                       const QdModelField *fields,
                       guint               n_fields,
                       guint               prop_id,
                       GValue             *value,
                       GParamSpec         *pspec)
{
  if (prop_id == 0 || prop_id >= n_fields || fields[prop_id].kind == QD_MODEL_FIELD_NONE)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    qd_model_field_get_value (object, &fields[prop_id], value);
}

static inline GParamSpec *
qd_model_param_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, QD_MODEL_PARAM_FLAGS);
}

/* The object's identity, given to the constructor. */
static inline GParamSpec *
qd_model_param_id (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

static inline GParamSpec *
qd_model_param_decimal (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, QD_TYPE_DECIMAL, QD_MODEL_PARAM_FLAGS);
}

/* Nanoseconds since the UNIX epoch; 0 is unknown. */
static inline GParamSpec *
qd_model_param_time (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, QD_MODEL_PARAM_FLAGS);
}

static inline GParamSpec *
qd_model_param_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE, QD_MODEL_PARAM_FLAGS);
}

static inline GParamSpec *
qd_model_param_enum (const char *name,
                     GType       enum_type,
                     gint        default_value)
{
  return g_param_spec_enum (name, NULL, NULL, enum_type, default_value, QD_MODEL_PARAM_FLAGS);
}

/* Decimal places prices are shown with. */
static inline GParamSpec *
qd_model_param_precision (void)
{
  return g_param_spec_int ("price-precision", NULL, NULL, 0, QD_DECIMAL_MAX_SCALE, 2,
                           QD_MODEL_PARAM_FLAGS);
}

G_END_DECLS
