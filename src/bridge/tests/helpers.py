# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared by the bridge's tests: fixture paths and a lookup over plain tables."""

import json
import os
from decimal import Decimal

from quarterdeck_bridge.translate import InstrumentInfo, WORKING_STATUSES

FIXTURES = os.path.join(
    os.environ.get("QD_FIXTURES_DIR")
    or os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "fixtures"),
    "bridge")


def fixture_path(*parts):
    return os.path.join(FIXTURES, *parts)


def read_text(*parts):
    with open(fixture_path(*parts), encoding="utf-8") as f:
        return f.read().rstrip("\n")


def read_json(*parts):
    return json.loads(read_text(*parts))


def instruments_from(rows):
    return {row["instrument_id"]: InstrumentInfo(row["instrument_id"], row["price_precision"],
                                                 Decimal(row["price_increment"]),
                                                 row["size_precision"])
            for row in rows}


class TableLookup:
    """translate.Lookup over dicts, standing in for the node's cache."""

    def __init__(self, instruments=None, orders=None):
        self.instruments = dict(instruments or {})
        self.orders = dict(orders or {})

    def instrument(self, instrument_id):
        return self.instruments.get(instrument_id)

    def order(self, client_order_id):
        return self.orders.get(client_order_id)

    def instrument_ids(self):
        return list(self.instruments)

    def working_order_instruments(self):
        return [o.instrument_id for o in self.orders.values() if o.status in WORKING_STATUSES]
