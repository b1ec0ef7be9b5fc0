# SPDX-License-Identifier: GPL-3.0-or-later
"""The command loop: one answer per request_id, never carried out twice, failures answered."""

import ast
import json
import os
import unittest
from decimal import Decimal

from helpers import TableLookup, read_json
from quarterdeck_bridge.config import ACK_TOPIC
from quarterdeck_bridge.publish import BridgeError, CommandHandler, RequestLedger
from quarterdeck_bridge.translate import InstrumentInfo

PACKAGE = os.path.join(os.path.dirname(__file__), "..", "quarterdeck_bridge")


class Recorder:
    """Stands in for the node: records the calls made and the bytes published."""

    def __init__(self, outcome=None):
        self.calls = []
        self.published = []
        self.outcome = outcome

    def execute(self, call):
        self.calls.append(call)
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome

    def publish(self, topic, payload):
        self.published.append((topic, payload))

    def acks(self):
        return [json.loads(p) for t, p in self.published if t == ACK_TOPIC]


def handler(recorder, ledger=None):
    lookup = TableLookup({"AAPL.NASDAQ": InstrumentInfo("AAPL.NASDAQ", 2, Decimal("0.01"), 0)})
    return CommandHandler(lookup, recorder.execute, recorder.publish, ledger)


class Handling(unittest.TestCase):
    def test_submit_is_acked_with_the_order(self):
        node = Recorder("O-20260701-143012-001-001-1")
        handler(node).handle(read_json("commands", "submit-limit.json"))
        self.assertEqual([c.action for c in node.calls], ["submit"])
        self.assertEqual(node.acks(), [{"request_id": "00000000-0000-4000-8000-000000000001",
                                        "ok": True,
                                        "client_order_id": "O-20260701-143012-001-001-1"}])
        # Acks go out as bytes: the node writes bytes to Redis as they are.
        self.assertIsInstance(node.published[0][1], bytes)

    def test_duplicate_is_neither_submitted_nor_acked_again(self):
        node = Recorder("O-1")
        h = handler(node)
        payload = read_json("commands", "submit-limit.json")
        h.handle(payload)
        h.handle(dict(payload))
        h.handle(dict(payload, quantity="1"))
        self.assertEqual(len(node.calls), 1)
        self.assertEqual(len(node.acks()), 1)
        self.assertEqual(h.counts["duplicates"], 2)

    def test_rejected_request_is_remembered_too(self):
        node = Recorder()
        h = handler(node)
        payload = {"cmd": "submit", "request_id": "r-1", "instrument_id": "AAPL.XNAS"}
        h.handle(payload)
        h.handle(dict(payload, instrument_id="AAPL.NASDAQ", side="BUY", order_type="MARKET",
                      quantity="1"))
        self.assertEqual(node.calls, [])
        self.assertEqual(node.acks(), [{"request_id": "r-1", "ok": False,
                                        "error": "unknown instrument AAPL.XNAS"}])

    def test_ledger_seeded_from_earlier_orders(self):
        # The strategy remembers the request_ids tagged on orders already in the cache.
        ledger = RequestLedger()
        ledger.remember("00000000-0000-4000-8000-000000000001")
        node = Recorder("O-2")
        handler(node, ledger).handle(read_json("commands", "submit-limit.json"))
        self.assertEqual(node.calls, [])
        self.assertEqual(node.published, [])

    def test_ledger_forgets_the_oldest(self):
        ledger = RequestLedger(capacity=2)
        for request_id in ("a", "b", "c"):
            ledger.remember(request_id)
        self.assertEqual((len(ledger), "a" in ledger, "c" in ledger), (2, False, True))

    def test_node_refusal_is_answered(self):
        node = Recorder(BridgeError("order rejected by the risk engine", "O-3"))
        handler(node).handle(read_json("commands", "submit-market.json"))
        self.assertEqual(node.acks()[0]["error"], "order rejected by the risk engine")
        self.assertEqual(node.acks()[0]["client_order_id"], "O-3")
        self.assertFalse(node.acks()[0]["ok"])

    def test_unexpected_exception_is_answered_not_raised(self):
        node = Recorder(RuntimeError("instrument not ready"))
        h = handler(node)
        h.handle(read_json("commands", "refresh-account.json"))
        self.assertEqual(node.acks()[0]["error"],
                         "refresh_account failed in the node: RuntimeError: instrument not ready")
        self.assertEqual(h.counts["failed"], 1)

    def test_long_error_is_cut(self):
        node = Recorder(BridgeError("x" * 1000))
        handler(node).handle(read_json("commands", "refresh-orders.json"))
        self.assertEqual(len(node.acks()[0]["error"]), 300)

    def test_unanswerable_input_is_dropped_quietly(self):
        node = Recorder()
        h = handler(node)
        for payload in (None, "submit", 7, [1], {"cmd": "submit"}, {"request_id": ""},
                        {"request_id": {"nested": 1}}):
            h.handle(payload)
        self.assertEqual(node.calls, [])
        self.assertEqual(node.published, [])
        self.assertEqual(h.counts["dropped"], 7)


class NodeGlue(unittest.TestCase):
    def test_only_strategy_imports_nautilus(self):
        for name in os.listdir(PACKAGE):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(PACKAGE, name), encoding="utf-8") as f:
                tree = ast.parse(f.read(), name)
            modules = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module:
                    modules.add(node.module)
            uses = any(m.split(".")[0] == "nautilus_trader" for m in modules)
            with self.subTest(module=name):
                self.assertEqual(uses, name == "strategy.py")

    def test_strategy_compiles(self):
        path = os.path.join(PACKAGE, "strategy.py")
        with open(path, encoding="utf-8") as f:
            compile(f.read(), path, "exec")


if __name__ == "__main__":
    unittest.main()
