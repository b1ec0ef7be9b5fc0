# SPDX-License-Identifier: GPL-3.0-or-later
"""What the bridge publishes: the seed's models and the acks. The bytes are compared with
tests/fixtures/bridge/published, which tests/test-bridge-contract.c decodes field by field
through QdCodec and QdIbService. QD_BRIDGE_WRITE_PUBLISHED=1 writes them afresh."""

import json
import os
import unittest
from decimal import Decimal

from helpers import fixture_path
from quarterdeck_bridge import seed
from quarterdeck_bridge.publish import check_keys, encode

ACCOUNT = "INTERACTIVE_BROKERS-DU1234567"

PUBLISHED = {
    "connection": lambda: seed.connection_to_seed(
        connected=True, host="127.0.0.1", port=4002, client_id=1, account_id="DU1234567",
        connection_time_ns=1782912600000000000, heartbeat_ns=1782916212123456789,
        error_message=None),
    "connection-down": lambda: seed.connection_to_seed(
        connected=False, host="10.0.0.5", port=7496, client_id=12, account_id="U7654321",
        connection_time_ns=1782912600000000000, heartbeat_ns=1782916212000000000,
        error_message="IB client degraded"),
    "account": lambda: seed.account_to_seed(
        account_id=ACCOUNT, currency="USD", account_type="MARGIN",
        net_liquidation=Decimal("1012345.67"), available_funds=Decimal("994000.55"),
        total_cash_value=seed.exact(993512.4), initial_margin=Decimal("18345.12"),
        maintenance_margin=Decimal("16677.38"), ts_ns=1782916212004518221),
    "position": lambda: seed.position_to_seed(
        account_id=ACCOUNT, contract_id="265598", symbol="AAPL", quantity=Decimal(100),
        avg_cost=Decimal("187.1"), market_price=Decimal("187.23"),
        realized_pnl=Decimal("-1.00"), ts_ns=1782916212000000000, instrument_id="AAPL.NASDAQ"),
    "position-short": lambda: seed.position_to_seed(
        account_id=ACCOUNT, contract_id="ESZ6.CME", symbol="ESZ6", quantity=Decimal(-2),
        avg_cost=Decimal("6312.125"), market_price=Decimal("6300.25"),
        multiplier=Decimal(50)),
    "position-flat": lambda: seed.position_to_seed(
        account_id=ACCOUNT, contract_id="265598", symbol="AAPL", quantity=Decimal(0),
        avg_cost=None, market_price=None, realized_pnl=Decimal("12.5"),
        ts_ns=1782916299000000000),
    "order": lambda: seed.order_to_seed(
        client_order_id="O-20260701-143012-001-001-1", client_id=1, account_id=ACCOUNT,
        contract_id="265598", symbol="AAPL", side="BUY", order_type="STOP_LIMIT",
        quantity=Decimal(100), filled_qty=Decimal(40), price=Decimal("190.00"),
        trigger_price=Decimal("189.50"), status="PARTIALLY_FILLED",
        avg_px=seed.exact(189.8), commission=Decimal("0.4"), ts_ns=1782916241000000000),
    "ack-ok": lambda: seed.ack("00000000-0000-4000-8000-000000000001", None,
                               "O-20260701-143012-001-001-1"),
    "ack-error": lambda: seed.ack("00000000-0000-4000-8000-000000000002",
                                  "unknown instrument AAPL.XNAS"),
}


class PublishedFixtures(unittest.TestCase):
    def test_every_fixture_is_produced(self):
        names = {f[:-5] for f in os.listdir(fixture_path("published")) if f.endswith(".json")}
        self.assertEqual(names, set(PUBLISHED))

    def test_bytes_match_fixtures(self):
        write = os.environ.get("QD_BRIDGE_WRITE_PUBLISHED") == "1"
        for name, build in PUBLISHED.items():
            with self.subTest(name=name):
                data = encode(build()) + b"\n"
                path = fixture_path("published", name + ".json")
                if write:
                    with open(path, "wb") as f:
                        f.write(data)
                with open(path, "rb") as f:
                    self.assertEqual(f.read(), data)

    def test_models_have_the_seed_fields(self):
        connection = set(PUBLISHED["connection"]())
        self.assertTrue({"connected", "gateway_type", "host", "port", "client_id"} <= connection)
        self.assertTrue(connection <= {"connected", "gateway_type", "host", "port", "client_id",
                                       "account_id", "connection_time", "last_heartbeat",
                                       "error_message", "trading_mode"})
        self.assertEqual(set(PUBLISHED["account"]()), {
            "account_id", "net_liquidation", "total_cash_value", "buying_power",
            "maintenance_margin", "initial_margin", "excess_liquidity", "currency", "timestamp"})
        self.assertEqual(set(PUBLISHED["position"]()), {
            "account_id", "contract_id", "symbol", "position", "avg_cost", "market_price",
            "market_value", "unrealized_pnl", "realized_pnl", "timestamp", "instrument_id"})
        # The InstrumentId is the one field beyond the seed's, and only when it is known.
        self.assertNotIn("instrument_id", PUBLISHED["position-short"]())
        self.assertEqual(set(PUBLISHED["order"]()), {
            "order_id", "client_id", "account_id", "contract_id", "symbol", "action",
            "order_type", "total_quantity", "filled_quantity", "remaining_quantity",
            "limit_price", "stop_price", "status", "avg_fill_price", "commission", "timestamp"})

    def test_nothing_published_has_a_forbidden_key(self):
        for name, build in PUBLISHED.items():
            for key in json.loads(encode(build())):
                with self.subTest(name=name, key=key):
                    self.assertNotEqual(key, "type")
                    self.assertFalse(key.startswith("ts_"))
                    self.assertNotIn(key, "expire_time_ns")


class Figures(unittest.TestCase):
    def test_account_figures(self):
        account = PUBLISHED["account"]()
        self.assertEqual(account["account_id"], "DU1234567")
        self.assertEqual(account["buying_power"], Decimal("3976002.20"))
        self.assertEqual(account["excess_liquidity"], Decimal("995668.29"))
        self.assertEqual(account["timestamp"], "2026-07-01T14:30:12.004518+00:00")

    def test_cash_account_buying_power_is_available_funds(self):
        account = seed.account_to_seed(
            account_id="INTERACTIVE_BROKERS-U1", currency="USD", account_type="CASH",
            net_liquidation=Decimal(1000), available_funds=Decimal("250.005"),
            total_cash_value=None, initial_margin=None, maintenance_margin=None, ts_ns=None)
        self.assertEqual(account["buying_power"], Decimal("250.00"))   # half-even
        self.assertEqual(account["excess_liquidity"], Decimal("1000.00"))
        self.assertIsNone(account["timestamp"])

    def test_position_marks_to_market(self):
        short = PUBLISHED["position-short"]()
        self.assertEqual(short["market_value"], Decimal("-630025.00"))
        self.assertEqual(short["unrealized_pnl"], Decimal("1187.50"))

    def test_long_float_average_is_cut_to_nine_decimals(self):
        position = seed.position_to_seed(
            account_id="A-DU1", contract_id="1", symbol="X", quantity=Decimal(3),
            avg_cost=seed.exact(187.13333333333333), market_price=None)
        self.assertEqual(position["avg_cost"], Decimal("187.133333333"))
        self.assertIsNone(seed.exact(float("nan")))

    def test_iso_times(self):
        self.assertEqual(seed.iso_from_ns(1782912600000000000), "2026-07-01T13:30:00+00:00")
        self.assertEqual(seed.iso_from_ns(1782912600000000999), "2026-07-01T13:30:00+00:00")
        self.assertEqual(seed.iso_from_ns(1782912600000001000),
                         "2026-07-01T13:30:00.000001+00:00")
        self.assertIsNone(seed.iso_from_ns(0))

    def test_trading_mode_and_gateway(self):
        def status(port, account):
            return seed.connection_to_seed(connected=True, host="h", port=port, client_id=1,
                                           account_id=account, connection_time_ns=None,
                                           heartbeat_ns=None, error_message=None)
        self.assertEqual(status(7497, None)["gateway_type"], "TWS")
        self.assertEqual(status(7497, None)["trading_mode"], "paper")
        self.assertEqual(status(4001, None)["gateway_type"], "IBG")
        self.assertEqual(status(4001, None)["trading_mode"], "live")
        self.assertEqual(status(4001, "DU55")["trading_mode"], "paper")
        self.assertNotIn("trading_mode", status(5000, None))
        self.assertEqual(status(4002, "INTERACTIVE_BROKERS-DU9")["account_id"], "DU9")


class Encoding(unittest.TestCase):
    def test_compact_and_exact(self):
        self.assertEqual(encode({"a": Decimal("187.10"), "b": None, "c": True, "d": [1, 2.5],
                                 "f": "ü"}),
                         '{"a":187.10,"b":null,"c":true,"d":[1,2.5],"f":"ü"}'.encode())

    def test_non_finite_is_null(self):
        self.assertEqual(encode({"a": float("inf"), "b": Decimal("NaN")}), b'{"a":null,"b":null}')

    def test_forbidden_keys(self):
        for key in ("type", "ts_event", "time", "e", "ns", "re", "expire_time_ns", ""):
            with self.subTest(key=key):
                with self.assertRaises(ValueError):
                    encode({"ok": True, "nested": [{key: 1}]})
        check_keys({"timestamp": 1, "position": 2, "connection_time": 3})

    def test_strings_are_escaped(self):
        self.assertEqual(json.loads(encode({"text": 'quote " and \\ and \n'}))["text"],
                         'quote " and \\ and \n')


if __name__ == "__main__":
    unittest.main()
