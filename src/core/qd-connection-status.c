/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-connection-status.h"
#include "qd-enum-types.h"
#include "qd-model-private.h"

struct _QdConnectionStatus
{
  GObject        parent_instance;

  gboolean       connected;
  QdBusState     bus_state;
  char          *bus_description;
  char          *gateway_type;
  char          *host;
  gint           port;
  gint           client_id;
  char          *account_id;
  gint64         connection_time;
  gint64         last_heartbeat;
  char          *error_message;
  QdTradingMode  trading_mode;
  gboolean       stale;
  char          *node_state;
  char          *trading_state;
  gboolean       simulated;
  char          *trader_id;
};

G_DEFINE_FINAL_TYPE (QdConnectionStatus, qd_connection_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  PROP_BUS_STATE,
  PROP_BUS_DESCRIPTION,
  PROP_GATEWAY_TYPE,
  PROP_HOST,
  PROP_PORT,
  PROP_CLIENT_ID,
  PROP_ACCOUNT_ID,
  PROP_CONNECTION_TIME,
  PROP_LAST_HEARTBEAT,
  PROP_ERROR_MESSAGE,
  PROP_TRADING_MODE,
  PROP_STALE,
  PROP_NODE_STATE,
  PROP_TRADING_STATE,
  PROP_SIMULATED,
  PROP_TRADER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FIELD(kind, member) QD_MODEL_FIELD (kind, QdConnectionStatus, member)

static const QdModelField fields[N_PROPS] = {
  [PROP_CONNECTED] = FIELD (BOOLEAN, connected),
  [PROP_BUS_STATE] = FIELD (ENUM, bus_state),
  [PROP_BUS_DESCRIPTION] = FIELD (STRING, bus_description),
  [PROP_GATEWAY_TYPE] = FIELD (STRING, gateway_type),
  [PROP_HOST] = FIELD (STRING, host),
  [PROP_PORT] = FIELD (INT, port),
  [PROP_CLIENT_ID] = FIELD (INT, client_id),
  [PROP_ACCOUNT_ID] = FIELD (STRING, account_id),
  [PROP_CONNECTION_TIME] = FIELD (TIME, connection_time),
  [PROP_LAST_HEARTBEAT] = FIELD (TIME, last_heartbeat),
  [PROP_ERROR_MESSAGE] = FIELD (STRING, error_message),
  [PROP_TRADING_MODE] = FIELD (ENUM, trading_mode),
  [PROP_STALE] = FIELD (BOOLEAN, stale),
  [PROP_NODE_STATE] = FIELD (STRING, node_state),
  [PROP_TRADING_STATE] = FIELD (STRING, trading_state),
  [PROP_SIMULATED] = FIELD (BOOLEAN, simulated),
  [PROP_TRADER_ID] = FIELD (STRING, trader_id),
};

#undef FIELD

static void
qd_connection_status_finalize (GObject *object)
{
  qd_model_clear_strings (object, fields, N_PROPS);

  G_OBJECT_CLASS (qd_connection_status_parent_class)->finalize (object);
}

static void
qd_connection_status_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  qd_model_get_property (object, fields, N_PROPS, prop_id, value, pspec);
}

static void
qd_connection_status_set_property (GObject      *object,
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
qd_connection_status_class_init (QdConnectionStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_connection_status_finalize;
  object_class->get_property = qd_connection_status_get_property;
  object_class->set_property = qd_connection_status_set_property;

  properties[PROP_CONNECTED] = qd_model_param_boolean ("connected");
  properties[PROP_BUS_STATE] =
    qd_model_param_enum ("bus-state", QD_TYPE_BUS_STATE, QD_BUS_STATE_DISCONNECTED);
  properties[PROP_BUS_DESCRIPTION] = qd_model_param_string ("bus-description");
  properties[PROP_GATEWAY_TYPE] = qd_model_param_string ("gateway-type");
  properties[PROP_HOST] = qd_model_param_string ("host");
  properties[PROP_PORT] =
    g_param_spec_int ("port", NULL, NULL, -1, 65535, -1, QD_MODEL_PARAM_FLAGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int ("client-id", NULL, NULL, G_MININT, G_MAXINT, -1, QD_MODEL_PARAM_FLAGS);
  properties[PROP_ACCOUNT_ID] = qd_model_param_string ("account-id");
  properties[PROP_CONNECTION_TIME] = qd_model_param_time ("connection-time");
  properties[PROP_LAST_HEARTBEAT] = qd_model_param_time ("last-heartbeat");
  properties[PROP_ERROR_MESSAGE] = qd_model_param_string ("error-message");
  properties[PROP_TRADING_MODE] =
    qd_model_param_enum ("trading-mode", QD_TYPE_TRADING_MODE, QD_TRADING_MODE_UNKNOWN);
  properties[PROP_STALE] = qd_model_param_boolean ("stale");
  properties[PROP_NODE_STATE] = qd_model_param_string ("node-state");
  properties[PROP_TRADING_STATE] = qd_model_param_string ("trading-state");
  properties[PROP_SIMULATED] = qd_model_param_boolean ("simulated");
  properties[PROP_TRADER_ID] = qd_model_param_string ("trader-id");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_connection_status_init (QdConnectionStatus *self)
{
  self->port = -1;
  self->client_id = -1;
}

QdConnectionStatus *
qd_connection_status_new (void)
{
  return g_object_new (QD_TYPE_CONNECTION_STATUS, NULL);
}

gboolean
qd_connection_status_get_connected (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), FALSE);

  return self->connected;
}

void
qd_connection_status_set_connected (QdConnectionStatus *self,
                                    gboolean            connected)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_boolean (G_OBJECT (self), &self->connected, connected,
                        properties[PROP_CONNECTED]);
}

QdBusState
qd_connection_status_get_bus_state (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), QD_BUS_STATE_DISCONNECTED);

  return self->bus_state;
}

void
qd_connection_status_set_bus_state (QdConnectionStatus *self,
                                    QdBusState          bus_state)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->bus_state, bus_state,
                    properties[PROP_BUS_STATE]);
}

const char *
qd_connection_status_get_bus_description (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->bus_description;
}

void
qd_connection_status_set_bus_description (QdConnectionStatus *self,
                                          const char         *bus_description)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->bus_description, bus_description,
                       properties[PROP_BUS_DESCRIPTION]);
}

const char *
qd_connection_status_get_gateway_type (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->gateway_type;
}

void
qd_connection_status_set_gateway_type (QdConnectionStatus *self,
                                       const char         *gateway_type)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->gateway_type, gateway_type,
                       properties[PROP_GATEWAY_TYPE]);
}

const char *
qd_connection_status_get_host (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->host;
}

void
qd_connection_status_set_host (QdConnectionStatus *self,
                               const char         *host)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->host, host, properties[PROP_HOST]);
}

gint
qd_connection_status_get_port (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), -1);

  return self->port;
}

void
qd_connection_status_set_port (QdConnectionStatus *self,
                               gint                port)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  /* Bus input: anything outside a port number is unknown. */
  if (port < -1 || port > 65535)
    port = -1;
  qd_model_set_int (G_OBJECT (self), &self->port, port, properties[PROP_PORT]);
}

gint
qd_connection_status_get_client_id (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), -1);

  return self->client_id;
}

void
qd_connection_status_set_client_id (QdConnectionStatus *self,
                                    gint                client_id)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_int (G_OBJECT (self), &self->client_id, client_id,
                    properties[PROP_CLIENT_ID]);
}

const char *
qd_connection_status_get_account_id (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->account_id;
}

void
qd_connection_status_set_account_id (QdConnectionStatus *self,
                                     const char         *account_id)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->account_id, account_id,
                       properties[PROP_ACCOUNT_ID]);
}

gint64
qd_connection_status_get_connection_time (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), 0);

  return self->connection_time;
}

void
qd_connection_status_set_connection_time (QdConnectionStatus *self,
                                          gint64              connection_time)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_time (G_OBJECT (self), &self->connection_time, connection_time,
                     properties[PROP_CONNECTION_TIME]);
}

gint64
qd_connection_status_get_last_heartbeat (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), 0);

  return self->last_heartbeat;
}

void
qd_connection_status_set_last_heartbeat (QdConnectionStatus *self,
                                         gint64              last_heartbeat)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_time (G_OBJECT (self), &self->last_heartbeat, last_heartbeat,
                     properties[PROP_LAST_HEARTBEAT]);
}

const char *
qd_connection_status_get_error_message (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->error_message;
}

void
qd_connection_status_set_error_message (QdConnectionStatus *self,
                                        const char         *error_message)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->error_message, error_message,
                       properties[PROP_ERROR_MESSAGE]);
}

QdTradingMode
qd_connection_status_get_trading_mode (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), QD_TRADING_MODE_UNKNOWN);

  return self->trading_mode;
}

void
qd_connection_status_set_trading_mode (QdConnectionStatus *self,
                                       QdTradingMode       trading_mode)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_int (G_OBJECT (self), (gint *) &self->trading_mode, trading_mode,
                    properties[PROP_TRADING_MODE]);
}

gboolean
qd_connection_status_get_stale (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), FALSE);

  return self->stale;
}

void
qd_connection_status_set_stale (QdConnectionStatus *self,
                                gboolean            stale)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_boolean (G_OBJECT (self), &self->stale, stale, properties[PROP_STALE]);
}

const char *
qd_connection_status_get_node_state (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->node_state;
}

void
qd_connection_status_set_node_state (QdConnectionStatus *self,
                                     const char         *node_state)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->node_state, node_state,
                       properties[PROP_NODE_STATE]);
}

const char *
qd_connection_status_get_trading_state (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->trading_state;
}

void
qd_connection_status_set_trading_state (QdConnectionStatus *self,
                                        const char         *trading_state)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->trading_state, trading_state,
                       properties[PROP_TRADING_STATE]);
}

gboolean
qd_connection_status_get_simulated (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), FALSE);

  return self->simulated;
}

void
qd_connection_status_set_simulated (QdConnectionStatus *self,
                                    gboolean            simulated)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_boolean (G_OBJECT (self), &self->simulated, simulated,
                        properties[PROP_SIMULATED]);
}

const char *
qd_connection_status_get_trader_id (QdConnectionStatus *self)
{
  g_return_val_if_fail (QD_IS_CONNECTION_STATUS (self), NULL);

  return self->trader_id;
}

void
qd_connection_status_set_trader_id (QdConnectionStatus *self,
                                    const char         *trader_id)
{
  g_return_if_fail (QD_IS_CONNECTION_STATUS (self));

  qd_model_set_string (G_OBJECT (self), &self->trader_id, trader_id,
                       properties[PROP_TRADER_ID]);
}
