# SPDX-License-Identifier: GPL-3.0-or-later
"""Pure conversion of account, portfolio and connection facts into the seed's data models.

The models are IBConnectionStatus, IBAccountData and IBPosition of
spec/ib-integration-seed.md, published on adapter.interactive_brokers.{connection,account,
position}. Inputs are plain values (strings, ints, ``Decimal``); the strategy reads them
from NautilusTrader objects. Money is rounded half-even to cents like the paper venue;
other numbers keep at most nine decimals, which the C side reads exactly.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Optional

from .config import gateway_type_for_port, trading_mode_for

CENT = Decimal("0.01")
MAX_DIGITS = Decimal("0.000000001")
NS_PER_SEC = 1_000_000_000


def iso_from_ns(ns: Optional[int]) -> Optional[str]:
    """Python's isoformat() of an aware UTC datetime: microseconds only when not zero."""
    if ns is None or ns <= 0:
        return None
    dt = datetime.fromtimestamp(ns // NS_PER_SEC, tz=timezone.utc)
    dt = dt.replace(microsecond=(ns % NS_PER_SEC) // 1000)
    return dt.isoformat()


def money(value: Optional[Decimal]) -> Optional[Decimal]:
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_EVEN)


def exact(value) -> Optional[Decimal]:
    """A number with at most nine decimals; floats go through their shortest repr."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        value = Decimal(repr(value))
    value = Decimal(value)
    if -value.as_tuple().exponent > 9:
        value = value.quantize(MAX_DIGITS, rounding=ROUND_HALF_EVEN).normalize()
    return value


def account_number(account_id: str) -> str:
    """"INTERACTIVE_BROKERS-DU1234567" is IB account "DU1234567"."""
    return account_id.rpartition("-")[2] if "-" in account_id else account_id


def account_to_seed(*, account_id: str, currency: str, account_type: str,
                    net_liquidation: Optional[Decimal], available_funds: Optional[Decimal],
                    total_cash_value: Optional[Decimal], initial_margin: Optional[Decimal],
                    maintenance_margin: Optional[Decimal], ts_ns: Optional[int]) -> dict:
    """IBAccountData from a NautilusTrader AccountState's balance, margins and info.

    IB maps NetLiquidation to the balance total and FullAvailableFunds to its free part.
    Buying power is IB's day-trading figure for a margin account (four times the available
    funds; the available funds themselves on a cash account) and the excess liquidity is the
    net liquidation less the maintenance margin, as the paper venue computes them.
    """
    buying_power = None
    if available_funds is not None:
        factor = 1 if account_type == "CASH" else 4
        buying_power = money(available_funds * factor)
    excess = None
    if net_liquidation is not None:
        excess = money(net_liquidation - (maintenance_margin or 0))
    return {
        "account_id": account_number(account_id),
        "net_liquidation": money(net_liquidation),
        "total_cash_value": money(total_cash_value),
        "buying_power": buying_power,
        "maintenance_margin": money(maintenance_margin),
        "initial_margin": money(initial_margin),
        "excess_liquidity": excess,
        "currency": currency,
        "timestamp": iso_from_ns(ts_ns),
    }


def position_to_seed(*, account_id: str, contract_id: str, symbol: str, quantity: Decimal,
                     avg_cost: Optional[Decimal], market_price: Optional[Decimal],
                     multiplier: Decimal = Decimal(1), realized_pnl: Optional[Decimal] = None,
                     ts_ns: Optional[int] = None, instrument_id: Optional[str] = None) -> dict:
    """IBPosition: a signed quantity marked to the last market price. ``instrument_id`` (the
    node's InstrumentId, beyond the seed's fields) lets Quarterdeck mark the row to live quotes."""
    market_value = unrealized = None
    if market_price is not None:
        market_value = money(quantity * market_price * multiplier)
        if avg_cost is not None:
            unrealized = money((market_price - avg_cost) * quantity * multiplier)
    position = {
        "account_id": account_number(account_id),
        "contract_id": contract_id,
        "symbol": symbol,
        "position": exact(quantity),
        "avg_cost": exact(avg_cost),
        "market_price": exact(market_price),
        "market_value": market_value,
        "unrealized_pnl": unrealized,
        "realized_pnl": money(realized_pnl),
        "timestamp": iso_from_ns(ts_ns),
    }
    if instrument_id is not None:
        position["instrument_id"] = instrument_id
    return position


def connection_to_seed(*, connected: bool, host: str, port: int, client_id: int,
                       account_id: Optional[str], connection_time_ns: Optional[int],
                       heartbeat_ns: Optional[int], error_message: Optional[str],
                       gateway_type: Optional[str] = None) -> dict:
    """IBConnectionStatus, with the trading mode when the port or account tells it."""
    status = {
        "connected": bool(connected),
        "gateway_type": gateway_type or gateway_type_for_port(port),
        "host": host,
        "port": int(port),
        "client_id": int(client_id),
        "account_id": account_number(account_id) if account_id else None,
        "connection_time": iso_from_ns(connection_time_ns) if connected else None,
        "last_heartbeat": iso_from_ns(heartbeat_ns),
        "error_message": error_message,
    }
    mode = trading_mode_for(port, status["account_id"])
    if mode is not None:
        status["trading_mode"] = mode
    return status


IB_ORDER_TYPES = {
    "MARKET": "MKT", "LIMIT": "LMT", "STOP_MARKET": "STP", "STOP_LIMIT": "STP LMT",
    "MARKET_TO_LIMIT": "MTL", "MARKET_IF_TOUCHED": "MIT", "LIMIT_IF_TOUCHED": "LIT",
    "TRAILING_STOP_MARKET": "TRAIL", "TRAILING_STOP_LIMIT": "TRAIL LIMIT",
}
IB_STATUSES = {
    "INITIALIZED": "PendingSubmit", "RELEASED": "PendingSubmit", "EMULATED": "PendingSubmit",
    "SUBMITTED": "PreSubmitted", "ACCEPTED": "Submitted", "TRIGGERED": "Submitted",
    "PENDING_UPDATE": "Submitted", "PARTIALLY_FILLED": "Submitted",
    "PENDING_CANCEL": "PendingCancel", "CANCELED": "Cancelled", "EXPIRED": "Cancelled",
    "FILLED": "Filled", "REJECTED": "Inactive", "DENIED": "Inactive",
}


def order_to_seed(*, client_order_id: str, client_id: int, account_id: Optional[str],
                  contract_id: str, symbol: str, side: str, order_type: str,
                  quantity: Decimal, filled_qty: Decimal, price: Optional[Decimal],
                  trigger_price: Optional[Decimal], status: str,
                  avg_px: Optional[Decimal], commission: Optional[Decimal],
                  ts_ns: Optional[int]) -> dict:
    """IBOrder for an order in the node's cache.

    order_id is the node's client_order_id: it is the id the dashboard already knows the
    order by (from the order events) and the one its modify and cancel commands carry.
    """
    return {
        "order_id": client_order_id,
        "client_id": int(client_id),
        "account_id": account_number(account_id) if account_id else "",
        "contract_id": contract_id,
        "symbol": symbol,
        "action": side,
        "order_type": IB_ORDER_TYPES.get(order_type, order_type),
        "total_quantity": exact(quantity),
        "filled_quantity": exact(filled_qty),
        "remaining_quantity": exact(quantity - filled_qty),
        "limit_price": exact(price),
        "stop_price": exact(trigger_price),
        "status": IB_STATUSES.get(status, status),
        "avg_fill_price": exact(avg_px) if filled_qty else None,
        "commission": money(commission),
        "timestamp": iso_from_ns(ts_ns),
    }


def ack(request_id: str, error: Optional[str] = None,
        client_order_id: Optional[str] = None) -> dict:
    """{"request_id","ok","client_order_id"?,"error"?} for quarterdeck.acks."""
    message = {"request_id": request_id, "ok": error is None}
    if client_order_id is not None:
        message["client_order_id"] = client_order_id
    if error is not None:
        message["error"] = error
    return message
