# SPDX-License-Identifier: GPL-3.0-or-later
"""What the bridge writes to the bus, and the command loop around translate().

NautilusTrader publishes plain dicts only inside the node, so everything the bridge
sends out is JSON *bytes*, which the node's Redis backing writes as they are. The bytes
are compact UTF-8 JSON like the node's own (msgspec) output; ``Decimal`` values are written
as JSON numbers with their exact digits. No key may be "type", start with "ts_" or be a
substring of "expire_time_ns": the node's deserializer would take it for a timestamp if
the bytes ever came back in, and the dashboard dispatches on "type".
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from decimal import Decimal
from typing import Callable, Optional

from . import seed, translate
from .config import ACK_TOPIC

FORBIDDEN_SUPERSTRING = "expire_time_ns"
MAX_ERROR = 300


class BridgeError(Exception):
    """A call the node refused: the ack carries the message (and the order if one exists)."""

    def __init__(self, message: str, client_order_id: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.client_order_id = client_order_id


def forbidden_key(key: str) -> bool:
    return key == "type" or key.startswith("ts_") or key in FORBIDDEN_SUPERSTRING


def check_keys(obj) -> None:
    """Raise ValueError for any key the contract forbids, at any depth."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not isinstance(key, str) or forbidden_key(key):
                raise ValueError(f"key {key!r} may not be published")
            check_keys(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            check_keys(value)


def _number(value) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "null"
        text = format(value, "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    return str(int(value))


def _write(obj, out: list) -> None:
    if obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif isinstance(obj, (int, float, Decimal)):
        out.append(_number(obj))
    elif isinstance(obj, str):
        out.append(json.dumps(obj, ensure_ascii=False))
    elif isinstance(obj, dict):
        out.append("{")
        for i, (key, value) in enumerate(obj.items()):
            if i:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _write(value, out)
        out.append("}")
    elif isinstance(obj, (list, tuple)):
        out.append("[")
        for i, value in enumerate(obj):
            if i:
                out.append(",")
            _write(value, out)
        out.append("]")
    else:
        raise TypeError(f"cannot publish a {type(obj).__name__}")


def encode(obj) -> bytes:
    """Compact JSON bytes of a seed model or an ack (keys checked)."""
    check_keys(obj)
    out: list = []
    _write(obj, out)
    return "".join(out).encode("utf-8")


class RequestLedger:
    """The request_ids already handled, oldest forgotten first past `capacity`."""

    def __init__(self, capacity: int = 100_000):
        self._seen: OrderedDict = OrderedDict()
        self._capacity = capacity

    def __contains__(self, request_id: str) -> bool:
        return request_id in self._seen

    def __len__(self) -> int:
        return len(self._seen)

    def remember(self, request_id: str) -> None:
        self._seen[request_id] = True
        self._seen.move_to_end(request_id)
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)


Publish = Callable[[str, bytes], None]
Execute = Callable[[translate.Call], Optional[str]]


class CommandHandler:
    """Commands in, calls and acks out; each request_id is carried out at most once.

    `execute` performs a Call and returns the client_order_id it concerns (or None); it
    raises BridgeError when the node refuses. `publish` writes (topic, bytes) to the bus.
    """

    def __init__(self, lookup: translate.Lookup, execute: Execute, publish: Publish,
                 ledger: Optional[RequestLedger] = None,
                 log: Optional[Callable[[str], None]] = None):
        self.lookup = lookup
        self.execute = execute
        self.publish = publish
        self.ledger = ledger if ledger is not None else RequestLedger()
        self.log = log or (lambda message: None)
        self.counts = {"handled": 0, "duplicates": 0, "dropped": 0, "rejected": 0,
                       "failed": 0}

    def ack(self, request_id: str, error: Optional[str] = None,
            client_order_id: Optional[str] = None) -> None:
        if error is not None and len(error) > MAX_ERROR:
            error = error[:MAX_ERROR]
        self.publish(ACK_TOPIC, encode(seed.ack(request_id, error, client_order_id)))

    def handle(self, payload, payload_bytes: Optional[int] = None) -> None:
        request_id = translate.request_id_of(payload)
        if request_id is not None and request_id in self.ledger:
            # Answered before: never carried out twice, never answered twice.
            self.counts["duplicates"] += 1
            self.log(f"duplicate request {request_id} ignored")
            return
        result = translate.translate(payload, self.lookup, payload_bytes)
        if isinstance(result, translate.Drop):
            self.counts["dropped"] += 1
            self.log(f"command dropped: {result.reason}")
            return
        # Remembered before anything is done, so a failure half-way cannot repeat it.
        self.ledger.remember(request_id)
        if isinstance(result, translate.Reject):
            self.counts["rejected"] += 1
            self.ack(request_id, result.error, result.client_order_id)
            return
        self._run(result)

    def _run(self, call: translate.Call) -> None:
        try:
            client_order_id = self.execute(call)
        except BridgeError as refusal:
            self.counts["failed"] += 1
            self.ack(call.request_id, refusal.message, refusal.client_order_id)
            return
        except Exception as exc:  # the node raised: answer, never crash the strategy
            self.counts["failed"] += 1
            self.ack(call.request_id, f"{call.action} failed in the node: "
                     f"{type(exc).__name__}: {exc}", call.params.get("client_order_id"))
            return
        self.counts["handled"] += 1
        self.ack(call.request_id, None, client_order_id)
