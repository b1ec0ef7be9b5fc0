# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings of the bridge that need no NautilusTrader: names, topics, defaults, IB ports.

The strategy's config class (``quarterdeck_bridge.strategy.QuarterdeckBridgeConfig``) is a
NautilusTrader ``StrategyConfig`` with these defaults.
"""

from __future__ import annotations

from typing import Optional

COMMAND_TOPIC = "quarterdeck.commands"
ACK_TOPIC = "quarterdeck.acks"
SEED_PREFIX = "adapter.interactive_brokers."
CONNECTION_TOPIC = SEED_PREFIX + "connection"
ACCOUNT_TOPIC = SEED_PREFIX + "account"
POSITION_TOPIC = SEED_PREFIX + "position"
ORDER_TOPIC = SEED_PREFIX + "order"

DEFAULTS = {
    "ibg_host": "127.0.0.1",
    "ibg_port": 7497,
    "ibg_client_id": 1,
    "account_id": None,          # IB account (DU…/U…); falls back to env TWS_ACCOUNT
    "gateway_type": None,        # "TWS" or "IBG"; guessed from the port when None
    "status_interval_secs": 5,   # connection status and portfolio cadence
    "bar_spec": "5-SECOND-LAST",  # IB real-time bars are five-second bars
    "max_remembered_requests": 100_000,
}

# IB's standard API ports.
PORTS = {
    7497: ("TWS", "paper"),
    7496: ("TWS", "live"),
    4002: ("IBG", "paper"),
    4001: ("IBG", "live"),
}


def gateway_type_for_port(port: int) -> str:
    return PORTS.get(port, ("IBG", None))[0]


def trading_mode_for(port: int, account: Optional[str]) -> Optional[str]:
    """Paper accounts are DU…/DF…, live ones U…/F…/I…; else the standard port tells."""
    number = (account or "").rpartition("-")[2]
    if number[:2] in ("DU", "DF"):
        return "paper"
    if number[:1] in ("U", "F", "I"):
        return "live"
    return PORTS.get(port, (None, None))[1]


def command_stream_key(trader_id: str) -> str:
    """The external_streams key the node reads our commands from."""
    return f"quarterdeck:commands:{trader_id}"
