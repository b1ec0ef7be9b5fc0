/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* NautilusTrader's enums (spec/nautilus-bus.md §4.2), in their wire spelling order. */

typedef enum
{
  QD_ORDER_SIDE_NONE,
  QD_ORDER_SIDE_BUY,
  QD_ORDER_SIDE_SELL,
} QdOrderSide;

typedef enum
{
  QD_ORDER_TYPE_UNKNOWN,
  QD_ORDER_TYPE_MARKET,
  QD_ORDER_TYPE_LIMIT,
  QD_ORDER_TYPE_STOP_MARKET,
  QD_ORDER_TYPE_STOP_LIMIT,
  QD_ORDER_TYPE_MARKET_TO_LIMIT,
  QD_ORDER_TYPE_MARKET_IF_TOUCHED,
  QD_ORDER_TYPE_LIMIT_IF_TOUCHED,
  QD_ORDER_TYPE_TRAILING_STOP_MARKET,
  QD_ORDER_TYPE_TRAILING_STOP_LIMIT,
} QdOrderType;

typedef enum
{
  QD_TIME_IN_FORCE_UNKNOWN,
  QD_TIME_IN_FORCE_GTC,
  QD_TIME_IN_FORCE_IOC,
  QD_TIME_IN_FORCE_FOK,
  QD_TIME_IN_FORCE_GTD,
  QD_TIME_IN_FORCE_DAY,
  QD_TIME_IN_FORCE_AT_THE_OPEN,
  QD_TIME_IN_FORCE_AT_THE_CLOSE,
} QdTimeInForce;

typedef enum
{
  QD_ORDER_STATUS_INITIALIZED,
  QD_ORDER_STATUS_DENIED,
  QD_ORDER_STATUS_EMULATED,
  QD_ORDER_STATUS_RELEASED,
  QD_ORDER_STATUS_SUBMITTED,
  QD_ORDER_STATUS_ACCEPTED,
  QD_ORDER_STATUS_REJECTED,
  QD_ORDER_STATUS_CANCELED,
  QD_ORDER_STATUS_EXPIRED,
  QD_ORDER_STATUS_TRIGGERED,
  QD_ORDER_STATUS_PENDING_UPDATE,
  QD_ORDER_STATUS_PENDING_CANCEL,
  QD_ORDER_STATUS_PARTIALLY_FILLED,
  QD_ORDER_STATUS_FILLED,
} QdOrderStatus;

typedef enum
{
  QD_POSITION_SIDE_FLAT,
  QD_POSITION_SIDE_LONG,
  QD_POSITION_SIDE_SHORT,
} QdPositionSide;

typedef enum
{
  QD_TRADING_MODE_UNKNOWN,
  QD_TRADING_MODE_PAPER,
  QD_TRADING_MODE_LIVE,
} QdTradingMode;

typedef enum
{
  QD_BUS_STATE_DISCONNECTED,
  QD_BUS_STATE_CONNECTING,
  QD_BUS_STATE_CONNECTED,
  QD_BUS_STATE_ERROR,
} QdBusState;

typedef enum
{
  QD_REQUEST_STATE_PENDING,
  QD_REQUEST_STATE_ACKED,
  QD_REQUEST_STATE_REJECTED,
  QD_REQUEST_STATE_UNKNOWN,
} QdRequestState;

/* What an Activity entry is about. */
typedef enum
{
  QD_ACTIVITY_ORDER,
  QD_ACTIVITY_FILL,
  QD_ACTIVITY_REJECT,
  QD_ACTIVITY_CONNECTION,
  QD_ACTIVITY_BUS_ERROR,
  QD_ACTIVITY_COMMAND,
} QdActivityKind;

/* Wire spellings (SCREAMING_SNAKE) and IB's words. from_string accepts NULL and unknown
 * text, returning the enum's "none/unknown" value. */
QdOrderSide    qd_order_side_from_string      (const char     *text);
const char    *qd_order_side_to_string        (QdOrderSide     side);
/* Accepts the native words (LIMIT) and IB's (LMT, "STP LMT"). */
QdOrderType    qd_order_type_from_string      (const char     *text);
const char    *qd_order_type_to_string        (QdOrderType     type);
const char    *qd_order_type_to_ib            (QdOrderType     type);
QdTimeInForce  qd_time_in_force_from_string   (const char     *text);
const char    *qd_time_in_force_to_string     (QdTimeInForce   tif);
/* Unknown text gives FALSE and leaves *status alone. */
gboolean       qd_order_status_from_string    (const char     *text,
                                               QdOrderStatus  *status);
const char    *qd_order_status_to_string      (QdOrderStatus   status);
/* IB's order status words: PendingSubmit, PreSubmitted, Submitted, Filled, Cancelled, ... */
const char    *qd_order_status_to_ib          (QdOrderStatus   status);
/* IB words back to our status (Submitted -> ACCEPTED, Cancelled -> CANCELED, ...). */
gboolean       qd_order_status_from_ib        (const char     *text,
                                               QdOrderStatus  *status);
/* Working: can still fill, be modified or canceled. */
gboolean       qd_order_status_is_working     (QdOrderStatus   status);
/* Final: nothing more will happen to the order. */
gboolean       qd_order_status_is_final       (QdOrderStatus   status);
QdPositionSide qd_position_side_from_string   (const char     *text);
const char    *qd_position_side_to_string     (QdPositionSide  side);
QdTradingMode  qd_trading_mode_from_string    (const char     *text);
const char    *qd_trading_mode_to_string      (QdTradingMode   mode);
const char    *qd_bus_state_to_string         (QdBusState      state);

G_END_DECLS
