# SPDX-License-Identifier: GPL-3.0-or-later
"""The command payloads exactly as Quarterdeck's C service writes them (fixtures written and
checked by tests/test-bridge-contract.c) become the right calls."""

import os
import unittest
from decimal import Decimal

from helpers import TableLookup, fixture_path, read_json, read_text
from quarterdeck_bridge.translate import Call, InstrumentInfo, OrderInfo, translate

ORDER_ID = "O-20260701-143012-001-001-1"
AAPL = InstrumentInfo("AAPL.NASDAQ", 2, Decimal("0.01"), 0)
MSFT = InstrumentInfo("MSFT.NASDAQ", 2, Decimal("0.01"), 0)
WORKING = OrderInfo(ORDER_ID, "AAPL.NASDAQ", "ACCEPTED", Decimal(0), has_price=True,
                    has_trigger=True, venue_order_id="1837462911")


def rid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


def submit(n, side, order_type, quantity, price, trigger, tif):
    return Call("submit", rid(n), {
        "instrument_id": "AAPL.NASDAQ", "side": side, "order_type": order_type,
        "quantity": Decimal(quantity), "price": None if price is None else Decimal(price),
        "trigger_price": None if trigger is None else Decimal(trigger),
        "time_in_force": tif, "tags": [f"qd:req={rid(n)}"]})


EXPECTED = {
    "submit-limit": submit(1, "BUY", "LIMIT", "100", "187.10", None, "DAY"),
    "submit-market": submit(2, "SELL", "MARKET", "5", None, None, "GTC"),
    "submit-stop-market": submit(3, "SELL", "STOP_MARKET", "50", None, "180.5", "GTC"),
    "submit-stop-limit": submit(4, "BUY", "STOP_LIMIT", "10", "190.00", "189.50", "IOC"),
    "submit-limit-fok": submit(5, "BUY", "LIMIT", "1", "0.05", None, "FOK"),
    "modify": Call("modify", rid(6), {"client_order_id": ORDER_ID, "quantity": Decimal(50),
                                      "price": Decimal("187.00"), "trigger_price": None}),
    "modify-trigger": Call("modify", rid(7), {"client_order_id": ORDER_ID, "quantity": None,
                                              "price": None, "trigger_price": Decimal("186.5")}),
    "cancel": Call("cancel", rid(8), {"client_order_id": ORDER_ID}),
    "cancel-all": Call("cancel_all", rid(9), {"instrument_ids": ["AAPL.NASDAQ"]}),
    "cancel-all-every": Call("cancel_all", rid(10), {"instrument_ids": ["AAPL.NASDAQ"]}),
    "refresh-account": Call("refresh_account", rid(11), {}),
    "refresh-positions": Call("refresh_positions", rid(12), {}),
    "refresh-orders": Call("refresh_orders", rid(13), {}),
    "subscribe": Call("subscribe", rid(14), {"instrument_ids": ["AAPL.NASDAQ"], "quotes": True,
                                             "trades": True, "bars": False}),
    "unsubscribe": Call("unsubscribe", rid(15), {"instrument_ids": ["AAPL.NASDAQ"],
                                                 "quotes": True, "trades": True, "bars": False}),
}


class CommandFixtures(unittest.TestCase):
    def setUp(self):
        self.lookup = TableLookup({"AAPL.NASDAQ": AAPL, "MSFT.NASDAQ": MSFT},
                                  {ORDER_ID: WORKING})

    def test_every_fixture_is_expected(self):
        names = {f[:-5] for f in os.listdir(fixture_path("commands")) if f.endswith(".json")}
        self.assertEqual(names, set(EXPECTED))

    def test_fixtures_translate(self):
        for name, expected in EXPECTED.items():
            with self.subTest(name=name):
                payload = read_json("commands", name + ".json")
                size = len(read_text("commands", name + ".json").encode())
                self.assertEqual(translate(payload, self.lookup, size), expected)

    def test_fixture_keys_are_safe_for_the_node(self):
        # The node's deserializer takes "type", "ts_*" and substrings of "expire_time_ns"
        # for timestamps or Nautilus types.
        for name in EXPECTED:
            for key in read_json("commands", name + ".json"):
                with self.subTest(name=name, key=key):
                    self.assertNotEqual(key, "type")
                    self.assertFalse(key.startswith("ts_"))
                    self.assertNotIn(key, "expire_time_ns")

    def test_decimals_keep_their_digits(self):
        call = translate(read_json("commands", "submit-limit.json"), self.lookup)
        self.assertEqual(str(call.params["price"]), "187.10")
        self.assertEqual(str(call.params["quantity"]), "100")

    def test_order_tag_names_the_request(self):
        call = translate(read_json("commands", "submit-stop-limit.json"), self.lookup)
        self.assertEqual(call.params["tags"], ["qd:req=" + rid(4)])


if __name__ == "__main__":
    unittest.main()
