# SPDX-License-Identifier: GPL-3.0-or-later
"""Pure translation of Quarterdeck's commands into the calls the node makes.

Nothing here imports NautilusTrader. A command payload (the dict the node's deserializer
hands over) becomes one of:

* ``Call``: what to do, with plain values (strings and ``Decimal``) the strategy turns into
  Nautilus objects;
* ``Reject``: an ``ok:false`` ack, with the reason the ack carries;
* ``Drop``: no ack at all, because the command has no usable ``request_id`` to answer.

The checks and their texts are those of the paper venue (src/core/qd-paper-commands.c and
qd-paper-submit.c), so the dashboard sees the same answers from the simulation and from a
real node. What the paper venue denies only after creating the order (a price off the tick,
too many decimals) is refused here before anything is built: a real order is never rounded
to fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterable, Optional, Protocol

MAX_COMMAND_BYTES = 64 * 1024
MAX_COMMAND_DEPTH = 8
MAX_REQUEST_ID = 256
MAX_QUANTITY = Decimal(10_000_000)
MAX_PRICE = Decimal(1_000_000)
MAX_SCALE = 9
CLIP = 64

# Nautilus enum names, and the IB / seed spellings the C side also accepts.
ORDER_TYPES = {
    "MARKET": "MARKET",
    "LIMIT": "LIMIT",
    "STOP_MARKET": "STOP_MARKET",
    "STOP_LIMIT": "STOP_LIMIT",
    "MKT": "MARKET",
    "LMT": "LIMIT",
    "STP": "STOP_MARKET",
    "STP LMT": "STOP_LIMIT",
    "STP_LMT": "STOP_LIMIT",
}
TIMES_IN_FORCE = ("DAY", "GTC", "IOC", "FOK")
SIDES = ("BUY", "SELL")
DATA_KINDS = ("quotes", "trades", "bars")
WORKING_STATUSES = frozenset(
    ("ACCEPTED", "TRIGGERED", "PARTIALLY_FILLED", "PENDING_UPDATE", "PENDING_CANCEL"))
COMMANDS = ("submit", "modify", "cancel", "cancel_all", "refresh_account",
            "refresh_positions", "refresh_orders", "subscribe", "unsubscribe")

_DECIMAL_RE = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
_INT64_MAX = 2**63 - 1


@dataclass(frozen=True)
class InstrumentInfo:
    """What validation needs to know about an instrument."""
    instrument_id: str
    price_precision: int
    price_increment: Decimal
    size_precision: int = 0


@dataclass(frozen=True)
class OrderInfo:
    """What validation needs to know about an order in the node's cache."""
    client_order_id: str
    instrument_id: str
    status: str                       # Nautilus OrderStatus name: "ACCEPTED", "FILLED", ...
    filled_qty: Decimal = Decimal(0)
    has_price: bool = False           # a limit price can be modified
    has_trigger: bool = False         # a trigger price exists
    triggered: bool = False
    venue_order_id: Optional[str] = None


class Lookup(Protocol):
    def instrument(self, instrument_id: str) -> Optional[InstrumentInfo]: ...
    def order(self, client_order_id: str) -> Optional[OrderInfo]: ...
    def instrument_ids(self) -> Iterable[str]: ...
    def working_order_instruments(self) -> Iterable[str]: ...


@dataclass(frozen=True)
class Call:
    action: str
    request_id: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reject:
    request_id: str
    error: str
    client_order_id: Optional[str] = None


@dataclass(frozen=True)
class Drop:
    reason: str


class _Refusal(Exception):
    def __init__(self, message: str, client_order_id: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.client_order_id = client_order_id


def clip(text: str) -> str:
    """Names echoed into errors: at most 64 characters."""
    return text[:CLIP]


def format_decimal(value: Decimal) -> str:
    return format(value, "f")


def _depth(value, level: int = 1) -> int:
    if isinstance(value, dict):
        return max([level] + [_depth(v, level + 1) for v in value.values()])
    if isinstance(value, list):
        return max([level] + [_depth(v, level + 1) for v in value])
    return level - 1


def parse_decimal(value) -> Optional[Decimal]:
    """A decimal string as the C side's parser takes it, or a JSON integer. None if bad."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if abs(value) <= _INT64_MAX else None
    if not isinstance(value, str) or _DECIMAL_RE.fullmatch(value) is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    scale = scale_of(number)
    if scale > MAX_SCALE or abs(number.scaleb(scale)) > _INT64_MAX:
        return None
    return number


def scale_of(value: Decimal) -> int:
    """Digits after the point as written."""
    return max(0, -value.as_tuple().exponent)


def normalized_scale(value: Decimal) -> int:
    """Digits after the point once trailing zeros go ("187.10" has 1)."""
    if value == 0:
        return 0
    return max(0, -value.normalize().as_tuple().exponent)


def _read_string(cmd: dict, name: str) -> Optional[str]:
    value = cmd.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Refusal(f"{name} must be a string")
    return value


def _read_decimal(cmd: dict, name: str) -> Optional[Decimal]:
    value = cmd.get(name)
    if value is None:
        return None
    number = parse_decimal(value)
    if number is None:
        raise _Refusal(f"{name} must be a decimal string")
    return number


def _check_positive(value: Decimal, name: str, maximum: Decimal) -> None:
    if value <= 0:
        raise _Refusal(f"{name} must be positive")
    if value > maximum:
        raise _Refusal(f"{name} is too large")


def price_problem(inst: InstrumentInfo, price: Optional[Decimal], name: str) -> Optional[str]:
    if price is None:
        return None
    scale = normalized_scale(price)
    if scale > inst.price_precision:
        return (f"{name} {format_decimal(price)} invalid "
                f"(precision {scale} > {inst.price_precision})")
    if inst.price_increment > 0 and price % inst.price_increment != 0:
        return (f"{name} {format_decimal(price)} invalid (not a multiple of the price "
                f"increment {format_decimal(inst.price_increment)})")
    return None


def quantity_problem(inst: InstrumentInfo, quantity: Optional[Decimal]) -> Optional[str]:
    if quantity is None:
        return None
    scale = normalized_scale(quantity)
    if scale > inst.size_precision:
        return (f"quantity {format_decimal(quantity)} invalid "
                f"(precision {scale} > {inst.size_precision})")
    return None


def _instrument(lookup: Lookup, cmd: dict, required: bool) -> Optional[InstrumentInfo]:
    instrument_id = _read_string(cmd, "instrument_id")
    if instrument_id is None:
        if required:
            raise _Refusal("instrument_id is required")
        return None
    inst = lookup.instrument(instrument_id)
    if inst is None:
        raise _Refusal(f"unknown instrument {clip(instrument_id)}")
    return inst


# ---- submit --------------------------------------------------------------------------

def _submit(lookup: Lookup, request_id: str, cmd: dict) -> Call:
    inst = _instrument(lookup, cmd, required=True)
    side = _read_string(cmd, "side")
    order_type = _read_string(cmd, "order_type")
    tif = _read_string(cmd, "time_in_force")
    if side not in SIDES:
        raise _Refusal("side must be BUY or SELL")
    if order_type not in ORDER_TYPES:
        raise _Refusal("order_type must be MARKET, LIMIT, STOP_MARKET or STOP_LIMIT")
    order_type = ORDER_TYPES[order_type]
    tif = "GTC" if tif is None else tif          # the order factory's default
    if tif not in TIMES_IN_FORCE:
        raise _Refusal("time_in_force must be DAY, GTC, IOC or FOK")

    quantity = _read_decimal(cmd, "quantity")
    price = _read_decimal(cmd, "price")
    trigger_price = _read_decimal(cmd, "trigger_price")
    if quantity is None:
        raise _Refusal("quantity is required")
    _check_positive(quantity, "quantity", MAX_QUANTITY)
    if order_type not in ("LIMIT", "STOP_LIMIT"):
        price = None
    elif price is None:
        raise _Refusal("price is required for this order type")
    else:
        _check_positive(price, "price", MAX_PRICE)
    if order_type not in ("STOP_MARKET", "STOP_LIMIT"):
        trigger_price = None
    elif trigger_price is None:
        raise _Refusal("trigger_price is required for this order type")
    else:
        _check_positive(trigger_price, "trigger_price", MAX_PRICE)

    problem = (quantity_problem(inst, quantity) or price_problem(inst, price, "price")
               or price_problem(inst, trigger_price, "trigger_price"))
    if problem is not None:
        raise _Refusal(problem)

    return Call("submit", request_id, {
        "instrument_id": inst.instrument_id,
        "side": side,
        "order_type": order_type,
        "quantity": quantity,
        "price": price,
        "trigger_price": trigger_price,
        "time_in_force": tif,
        "tags": [f"qd:req={request_id}"],
    })


# ---- modify and cancel ---------------------------------------------------------------

def _order_ref(cmd: dict) -> str:
    client_order_id = _read_string(cmd, "client_order_id")
    if client_order_id is None:
        raise _Refusal("client_order_id is required")
    return client_order_id


def _modify_problem(inst: InstrumentInfo, order: OrderInfo, quantity, price, trigger):
    problem = None
    if quantity is not None:
        problem = quantity_problem(inst, quantity)
        if problem is None and quantity <= order.filled_qty:
            problem = "quantity must exceed the filled quantity"
    if problem is None and price is not None and not order.has_price:
        problem = "price cannot be modified on this order type"
    if problem is None and trigger is not None and (order.triggered or not order.has_trigger):
        problem = "trigger_price cannot be modified on this order"
    return (problem or price_problem(inst, price, "price")
            or price_problem(inst, trigger, "trigger_price"))


def _modify(lookup: Lookup, request_id: str, cmd: dict) -> Call:
    client_order_id = _order_ref(cmd)
    try:
        quantity = _read_decimal(cmd, "quantity")
        price = _read_decimal(cmd, "price")
        trigger = _read_decimal(cmd, "trigger_price")
        if quantity is None and price is None and trigger is None:
            raise _Refusal("nothing to modify: give quantity, price or trigger_price")
        if quantity is not None:
            _check_positive(quantity, "quantity", MAX_QUANTITY)
        if price is not None:
            _check_positive(price, "price", MAX_PRICE)
        if trigger is not None:
            _check_positive(trigger, "trigger_price", MAX_PRICE)

        order = lookup.order(client_order_id)
        if order is None:
            raise _Refusal(f"order {clip(client_order_id)} not found")
        if order.status not in WORKING_STATUSES:
            raise _Refusal(f"order is {order.status} and cannot be modified")
        inst = lookup.instrument(order.instrument_id)
        if inst is None:
            raise _Refusal(f"unknown instrument {clip(order.instrument_id)}")
        problem = _modify_problem(inst, order, quantity, price, trigger)
        if problem is not None:
            raise _Refusal(problem)
    except _Refusal as refusal:
        raise _Refusal(refusal.message, client_order_id) from None

    return Call("modify", request_id, {
        "client_order_id": client_order_id,
        "quantity": quantity,
        "price": price,
        "trigger_price": trigger,
    })


def _cancel(lookup: Lookup, request_id: str, cmd: dict) -> Call:
    client_order_id = _order_ref(cmd)
    order = lookup.order(client_order_id)
    if order is None:
        raise _Refusal(f"order {clip(client_order_id)} not found", client_order_id)
    if order.status not in WORKING_STATUSES:
        perm = f". Order permId={order.venue_order_id}" if order.venue_order_id else ""
        raise _Refusal("Cancel attempted when order is not in a cancellable state "
                       f"({order.status}){perm}", client_order_id)
    return Call("cancel", request_id, {"client_order_id": client_order_id})


def _cancel_all(lookup: Lookup, request_id: str, cmd: dict) -> Call:
    inst = _instrument(lookup, cmd, required=False)
    if inst is not None:
        ids = [inst.instrument_id]
    else:
        ids = sorted(set(lookup.working_order_instruments()))
    return Call("cancel_all", request_id, {"instrument_ids": ids})


# ---- subscriptions and refreshes -----------------------------------------------------

def _data_kinds(cmd: dict) -> dict:
    data = cmd.get("data")
    if data is None:
        return {kind: True for kind in DATA_KINDS}
    if not isinstance(data, list):
        raise _Refusal("data must be a list")
    kinds = {kind: False for kind in DATA_KINDS}
    for item in data:
        if not isinstance(item, str) or item not in DATA_KINDS:
            raise _Refusal("data items must be quotes, trades or bars")
        kinds[item] = True
    return kinds


def _subscribe(lookup: Lookup, request_id: str, cmd: dict, action: str) -> Call:
    inst = _instrument(lookup, cmd, required=False)
    kinds = _data_kinds(cmd)
    ids = [inst.instrument_id] if inst is not None else sorted(lookup.instrument_ids())
    return Call(action, request_id, {"instrument_ids": ids, **kinds})


def _dispatch(lookup: Lookup, name: str, request_id: str, cmd: dict) -> Call:
    if name == "submit":
        return _submit(lookup, request_id, cmd)
    if name == "modify":
        return _modify(lookup, request_id, cmd)
    if name == "cancel":
        return _cancel(lookup, request_id, cmd)
    if name == "cancel_all":
        return _cancel_all(lookup, request_id, cmd)
    if name in ("subscribe", "unsubscribe"):
        return _subscribe(lookup, request_id, cmd, name)
    if name in ("refresh_account", "refresh_positions", "refresh_orders"):
        return Call(name, request_id, {})
    raise _Refusal(f"unknown cmd {clip(name)}")


def request_id_of(payload) -> Optional[str]:
    """The usable request_id of a payload, or None."""
    if not isinstance(payload, dict):
        return None
    request_id = payload.get("request_id")
    if not isinstance(request_id, str) or not request_id or len(request_id) > MAX_REQUEST_ID:
        return None
    return request_id


def translate(payload, lookup: Lookup, payload_bytes: Optional[int] = None):
    """One command payload to a Call, a Reject or a Drop."""
    if payload_bytes is not None and payload_bytes > MAX_COMMAND_BYTES:
        return Drop(f"command of {payload_bytes} bytes is over the {MAX_COMMAND_BYTES} byte limit")
    if not isinstance(payload, dict):
        return Drop("command is not a JSON object")
    if _depth(payload) > MAX_COMMAND_DEPTH:
        return Drop(f"command nests deeper than {MAX_COMMAND_DEPTH} levels")
    request_id = request_id_of(payload)
    if request_id is None:
        return Drop("command has no usable request_id")
    try:
        name = _read_string(payload, "cmd")
        if name is None:
            raise _Refusal("cmd is required")
        return _dispatch(lookup, name, request_id, payload)
    except _Refusal as refusal:
        return Reject(request_id, refusal.message, refusal.client_order_id)
