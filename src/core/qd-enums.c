/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-enums.h"

typedef struct
{
  const char *text;
  int         value;
} QdWord;

static gboolean
lookup_word (const QdWord *words,
             const char   *text,
             int          *value)
{
  if (text == NULL)
    return FALSE;

  for (; words->text != NULL; words++)
    {
      if (strcmp (words->text, text) == 0)
        {
          *value = words->value;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
word_for (const QdWord *words,
          int           value,
          const char   *fallback)
{
  for (; words->text != NULL; words++)
    {
      if (words->value == value)
        return words->text;
    }

  return fallback;
}

static const QdWord side_words[] = {
  { "BUY", QD_ORDER_SIDE_BUY },
  { "SELL", QD_ORDER_SIDE_SELL },
  { "NO_ORDER_SIDE", QD_ORDER_SIDE_NONE },
  { NULL, 0 }
};

QdOrderSide
qd_order_side_from_string (const char *text)
{
  int value = QD_ORDER_SIDE_NONE;

  lookup_word (side_words, text, &value);
  return value;
}

const char *
qd_order_side_to_string (QdOrderSide side)
{
  return word_for (side_words, side, "NO_ORDER_SIDE");
}

static const QdWord type_words[] = {
  { "MARKET", QD_ORDER_TYPE_MARKET },
  { "LIMIT", QD_ORDER_TYPE_LIMIT },
  { "STOP_MARKET", QD_ORDER_TYPE_STOP_MARKET },
  { "STOP_LIMIT", QD_ORDER_TYPE_STOP_LIMIT },
  { "MARKET_TO_LIMIT", QD_ORDER_TYPE_MARKET_TO_LIMIT },
  { "MARKET_IF_TOUCHED", QD_ORDER_TYPE_MARKET_IF_TOUCHED },
  { "LIMIT_IF_TOUCHED", QD_ORDER_TYPE_LIMIT_IF_TOUCHED },
  { "TRAILING_STOP_MARKET", QD_ORDER_TYPE_TRAILING_STOP_MARKET },
  { "TRAILING_STOP_LIMIT", QD_ORDER_TYPE_TRAILING_STOP_LIMIT },
  { NULL, 0 }
};

/* IB's words (adapters/interactive_brokers/parsing/execution.py). */
static const QdWord ib_type_words[] = {
  { "MKT", QD_ORDER_TYPE_MARKET },
  { "LMT", QD_ORDER_TYPE_LIMIT },
  { "STP", QD_ORDER_TYPE_STOP_MARKET },
  { "STP LMT", QD_ORDER_TYPE_STOP_LIMIT },
  { "MTL", QD_ORDER_TYPE_MARKET_TO_LIMIT },
  { "MIT", QD_ORDER_TYPE_MARKET_IF_TOUCHED },
  { "LIT", QD_ORDER_TYPE_LIMIT_IF_TOUCHED },
  { "TRAIL", QD_ORDER_TYPE_TRAILING_STOP_MARKET },
  { "TRAIL LIMIT", QD_ORDER_TYPE_TRAILING_STOP_LIMIT },
  { NULL, 0 }
};

QdOrderType
qd_order_type_from_string (const char *text)
{
  int value = QD_ORDER_TYPE_UNKNOWN;

  if (!lookup_word (type_words, text, &value))
    {
      lookup_word (ib_type_words, text, &value);
      /* The seed spells stop-limit STP_LMT. */
      if (text != NULL && strcmp (text, "STP_LMT") == 0)
        value = QD_ORDER_TYPE_STOP_LIMIT;
    }

  return value;
}

const char *
qd_order_type_to_string (QdOrderType type)
{
  return word_for (type_words, type, "UNKNOWN");
}

const char *
qd_order_type_to_ib (QdOrderType type)
{
  return word_for (ib_type_words, type, "UNKNOWN");
}

static const QdWord tif_words[] = {
  { "GTC", QD_TIME_IN_FORCE_GTC },
  { "IOC", QD_TIME_IN_FORCE_IOC },
  { "FOK", QD_TIME_IN_FORCE_FOK },
  { "GTD", QD_TIME_IN_FORCE_GTD },
  { "DAY", QD_TIME_IN_FORCE_DAY },
  { "AT_THE_OPEN", QD_TIME_IN_FORCE_AT_THE_OPEN },
  { "AT_THE_CLOSE", QD_TIME_IN_FORCE_AT_THE_CLOSE },
  { "OPG", QD_TIME_IN_FORCE_AT_THE_OPEN },
  { NULL, 0 }
};

QdTimeInForce
qd_time_in_force_from_string (const char *text)
{
  int value = QD_TIME_IN_FORCE_UNKNOWN;

  lookup_word (tif_words, text, &value);
  return value;
}

const char *
qd_time_in_force_to_string (QdTimeInForce tif)
{
  return word_for (tif_words, tif, "UNKNOWN");
}

static const QdWord status_words[] = {
  { "INITIALIZED", QD_ORDER_STATUS_INITIALIZED },
  { "DENIED", QD_ORDER_STATUS_DENIED },
  { "EMULATED", QD_ORDER_STATUS_EMULATED },
  { "RELEASED", QD_ORDER_STATUS_RELEASED },
  { "SUBMITTED", QD_ORDER_STATUS_SUBMITTED },
  { "ACCEPTED", QD_ORDER_STATUS_ACCEPTED },
  { "REJECTED", QD_ORDER_STATUS_REJECTED },
  { "CANCELED", QD_ORDER_STATUS_CANCELED },
  { "EXPIRED", QD_ORDER_STATUS_EXPIRED },
  { "TRIGGERED", QD_ORDER_STATUS_TRIGGERED },
  { "PENDING_UPDATE", QD_ORDER_STATUS_PENDING_UPDATE },
  { "PENDING_CANCEL", QD_ORDER_STATUS_PENDING_CANCEL },
  { "PARTIALLY_FILLED", QD_ORDER_STATUS_PARTIALLY_FILLED },
  { "FILLED", QD_ORDER_STATUS_FILLED },
  { NULL, 0 }
};

/*
 * NautilusTrader's order states shown in IB's words (TWS "Status" column):
 *   INITIALIZED, RELEASED, EMULATED -> PendingSubmit (not yet at IB)
 *   SUBMITTED                       -> PreSubmitted  (sent, not yet acknowledged)
 *   ACCEPTED, TRIGGERED, PENDING_UPDATE, PARTIALLY_FILLED -> Submitted (working at IB)
 *   PENDING_CANCEL                  -> PendingCancel
 *   CANCELED, EXPIRED               -> Cancelled
 *   FILLED                          -> Filled
 *   DENIED, REJECTED                -> Inactive
 * (IB itself reports a partial fill as Submitted with filled > 0.)
 */
static const QdWord ib_status_words[] = {
  { "PendingSubmit", QD_ORDER_STATUS_INITIALIZED },
  { "PendingSubmit", QD_ORDER_STATUS_RELEASED },
  { "PendingSubmit", QD_ORDER_STATUS_EMULATED },
  { "PreSubmitted", QD_ORDER_STATUS_SUBMITTED },
  { "Submitted", QD_ORDER_STATUS_ACCEPTED },
  { "Submitted", QD_ORDER_STATUS_TRIGGERED },
  { "Submitted", QD_ORDER_STATUS_PENDING_UPDATE },
  { "Submitted", QD_ORDER_STATUS_PARTIALLY_FILLED },
  { "PendingCancel", QD_ORDER_STATUS_PENDING_CANCEL },
  { "Cancelled", QD_ORDER_STATUS_CANCELED },
  { "Cancelled", QD_ORDER_STATUS_EXPIRED },
  { "Filled", QD_ORDER_STATUS_FILLED },
  { "Inactive", QD_ORDER_STATUS_REJECTED },
  { "Inactive", QD_ORDER_STATUS_DENIED },
  { "ApiCancelled", QD_ORDER_STATUS_CANCELED },
  { "ApiPending", QD_ORDER_STATUS_INITIALIZED },
  { NULL, 0 }
};

gboolean
qd_order_status_from_string (const char    *text,
                             QdOrderStatus *status)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!lookup_word (status_words, text, &value))
    return FALSE;

  *status = value;
  return TRUE;
}

const char *
qd_order_status_to_string (QdOrderStatus status)
{
  return word_for (status_words, status, "INITIALIZED");
}

const char *
qd_order_status_to_ib (QdOrderStatus status)
{
  return word_for (ib_status_words, status, "PendingSubmit");
}

gboolean
qd_order_status_from_ib (const char    *text,
                         QdOrderStatus *status)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!lookup_word (ib_status_words, text, &value))
    return qd_order_status_from_string (text, status);

  *status = value;
  return TRUE;
}

gboolean
qd_order_status_is_working (QdOrderStatus status)
{
  switch (status)
    {
    case QD_ORDER_STATUS_INITIALIZED:
    case QD_ORDER_STATUS_EMULATED:
    case QD_ORDER_STATUS_RELEASED:
    case QD_ORDER_STATUS_SUBMITTED:
    case QD_ORDER_STATUS_ACCEPTED:
    case QD_ORDER_STATUS_TRIGGERED:
    case QD_ORDER_STATUS_PENDING_UPDATE:
    case QD_ORDER_STATUS_PENDING_CANCEL:
    case QD_ORDER_STATUS_PARTIALLY_FILLED:
      return TRUE;

    case QD_ORDER_STATUS_DENIED:
    case QD_ORDER_STATUS_REJECTED:
    case QD_ORDER_STATUS_CANCELED:
    case QD_ORDER_STATUS_EXPIRED:
    case QD_ORDER_STATUS_FILLED:
    default:
      return FALSE;
    }
}

gboolean
qd_order_status_is_final (QdOrderStatus status)
{
  return !qd_order_status_is_working (status);
}

static const QdWord position_side_words[] = {
  { "FLAT", QD_POSITION_SIDE_FLAT },
  { "LONG", QD_POSITION_SIDE_LONG },
  { "SHORT", QD_POSITION_SIDE_SHORT },
  { "NO_POSITION_SIDE", QD_POSITION_SIDE_FLAT },
  { NULL, 0 }
};

QdPositionSide
qd_position_side_from_string (const char *text)
{
  int value = QD_POSITION_SIDE_FLAT;

  lookup_word (position_side_words, text, &value);
  return value;
}

const char *
qd_position_side_to_string (QdPositionSide side)
{
  return word_for (position_side_words, side, "FLAT");
}

static const QdWord trading_mode_words[] = {
  { "paper", QD_TRADING_MODE_PAPER },
  { "live", QD_TRADING_MODE_LIVE },
  { "PAPER", QD_TRADING_MODE_PAPER },
  { "LIVE", QD_TRADING_MODE_LIVE },
  { NULL, 0 }
};

QdTradingMode
qd_trading_mode_from_string (const char *text)
{
  int value = QD_TRADING_MODE_UNKNOWN;

  lookup_word (trading_mode_words, text, &value);
  return value;
}

const char *
qd_trading_mode_to_string (QdTradingMode mode)
{
  return word_for (trading_mode_words, mode, "unknown");
}

static const QdWord bus_state_words[] = {
  { "disconnected", QD_BUS_STATE_DISCONNECTED },
  { "connecting", QD_BUS_STATE_CONNECTING },
  { "connected", QD_BUS_STATE_CONNECTED },
  { "error", QD_BUS_STATE_ERROR },
  { NULL, 0 }
};

const char *
qd_bus_state_to_string (QdBusState state)
{
  return word_for (bus_state_words, state, "disconnected");
}
