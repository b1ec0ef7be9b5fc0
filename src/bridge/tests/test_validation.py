# SPDX-License-Identifier: GPL-3.0-or-later
"""The shared validation cases: tests/test-bridge-contract.c runs the same file through the
paper venue, so the bridge and the simulation answer every command alike."""

import unittest
from decimal import Decimal

from helpers import TableLookup, instruments_from, read_json
from quarterdeck_bridge.translate import (Call, Drop, OrderInfo, Reject, translate)


class SharedCases(unittest.TestCase):
    def test_cases(self):
        doc = read_json("validation.json")
        lookup = TableLookup(instruments_from(doc["instruments"]))
        self.assertGreaterEqual(len(doc["cases"]), 30)
        for case in doc["cases"]:
            with self.subTest(name=case["name"]):
                result = translate(case["command"], lookup)
                if case.get("ack", True) is False:
                    self.assertIsInstance(result, Drop)
                elif case["ok"]:
                    self.assertIsInstance(result, Call)
                else:
                    self.assertIsInstance(result, Reject)
                    self.assertEqual(result.error, case["error"])
                    self.assertEqual(result.request_id, case["command"]["request_id"])


ORDER = "O-20260701-143012-001-001-1"


def modify(**fields):
    return {"cmd": "modify", "request_id": "m-1", "client_order_id": ORDER, **fields}


class WorkingOrders(unittest.TestCase):
    """Modify and cancel against orders in the cache (the paper venue's texts)."""

    def lookup(self, **order):
        fields = dict(client_order_id=ORDER, instrument_id="AAPL.NASDAQ", status="ACCEPTED",
                      filled_qty=Decimal(0), has_price=True, has_trigger=False,
                      venue_order_id="1837462911")
        fields.update(order)
        doc = read_json("validation.json")
        return TableLookup(instruments_from(doc["instruments"]), {ORDER: OrderInfo(**fields)})

    def assertRefused(self, result, error):
        self.assertIsInstance(result, Reject)
        self.assertEqual(result.error, error)
        self.assertEqual(result.client_order_id, ORDER)

    def test_modify_working_order(self):
        result = translate(modify(quantity="50", price="187.00"), self.lookup())
        self.assertEqual(result, Call("modify", "m-1", {"client_order_id": ORDER,
                                                        "quantity": Decimal(50),
                                                        "price": Decimal("187.00"),
                                                        "trigger_price": None}))

    def test_modify_closed_order(self):
        self.assertRefused(translate(modify(quantity="5"), self.lookup(status="FILLED")),
                           "order is FILLED and cannot be modified")

    def test_modify_below_filled(self):
        self.assertRefused(translate(modify(quantity="40"), self.lookup(filled_qty=Decimal(40))),
                           "quantity must exceed the filled quantity")
        self.assertIsInstance(translate(modify(quantity="41"),
                                        self.lookup(filled_qty=Decimal(40))), Call)

    def test_modify_price_of_market_order(self):
        self.assertRefused(translate(modify(price="187.00"), self.lookup(has_price=False)),
                           "price cannot be modified on this order type")

    def test_modify_trigger(self):
        self.assertRefused(translate(modify(trigger_price="186.00"), self.lookup()),
                           "trigger_price cannot be modified on this order")
        self.assertRefused(translate(modify(trigger_price="186.00"),
                                     self.lookup(has_trigger=True, triggered=True)),
                           "trigger_price cannot be modified on this order")
        self.assertIsInstance(translate(modify(trigger_price="186.00"),
                                        self.lookup(has_trigger=True)), Call)

    def test_modify_precision(self):
        self.assertRefused(translate(modify(price="187.001"), self.lookup()),
                           "price 187.001 invalid (precision 3 > 2)")
        self.assertRefused(translate(modify(quantity="2.5"), self.lookup()),
                           "quantity 2.5 invalid (precision 1 > 0)")

    def test_modify_bad_value_names_the_order(self):
        self.assertRefused(translate(modify(quantity="-1"), self.lookup()),
                           "quantity must be positive")

    def test_cancel_working_and_closed(self):
        cancel = {"cmd": "cancel", "request_id": "c-1", "client_order_id": ORDER}
        self.assertEqual(translate(cancel, self.lookup()),
                         Call("cancel", "c-1", {"client_order_id": ORDER}))
        self.assertRefused(translate(cancel, self.lookup(status="CANCELED")),
                           "Cancel attempted when order is not in a cancellable state "
                           "(CANCELED). Order permId=1837462911")
        self.assertRefused(translate(cancel, self.lookup(status="DENIED", venue_order_id=None)),
                           "Cancel attempted when order is not in a cancellable state (DENIED)")

    def test_cancel_all_covers_instruments_with_working_orders(self):
        result = translate({"cmd": "cancel_all", "request_id": "a-1"}, self.lookup())
        self.assertEqual(result.params, {"instrument_ids": ["AAPL.NASDAQ"]})
        result = translate({"cmd": "cancel_all", "request_id": "a-2"},
                           self.lookup(status="FILLED"))
        self.assertEqual(result.params, {"instrument_ids": []})


class BadInput(unittest.TestCase):
    def setUp(self):
        self.lookup = TableLookup(instruments_from(read_json("validation.json")["instruments"]))

    def test_too_large(self):
        result = translate({"cmd": "refresh_account", "request_id": "x"}, self.lookup,
                           payload_bytes=64 * 1024 + 1)
        self.assertEqual(result, Drop("command of 65537 bytes is over the 65536 byte limit"))

    def test_too_deep(self):
        payload = {"cmd": "refresh_account", "request_id": "x"}
        inner = payload
        for _ in range(7):
            inner["nest"] = {}
            inner = inner["nest"]
        self.assertIsInstance(translate(payload, self.lookup), Call)   # eight levels
        inner["nest"] = [1]
        self.assertEqual(translate(payload, self.lookup),
                         Drop("command nests deeper than 8 levels"))

    def test_odd_strings_never_raise(self):
        for value in ["", " 1", "1 ", "١٢", "NaN", "Infinity", "0x10", "1_000", "+", "-",
                      ".5", "5.", "1e-3", "\u0000", "9" * 40, "-0", "+7"]:
            with self.subTest(value=value):
                result = translate({"cmd": "submit", "request_id": "q",
                                    "instrument_id": "AAPL.NASDAQ", "side": "BUY",
                                    "order_type": "MARKET", "quantity": value}, self.lookup)
                self.assertIn(type(result), (Call, Reject))
        plus = translate({"cmd": "submit", "request_id": "q", "instrument_id": "AAPL.NASDAQ",
                          "side": "BUY", "order_type": "MARKET", "quantity": "+7"}, self.lookup)
        self.assertEqual(plus.params["quantity"], Decimal(7))

    def test_unicode_instrument_is_clipped(self):
        name = "Ä" * 100
        result = translate({"cmd": "cancel_all", "request_id": "u", "instrument_id": name},
                           self.lookup)
        self.assertEqual(result.error, "unknown instrument " + "Ä" * 64)


if __name__ == "__main__":
    unittest.main()
