# SPDX-License-Identifier: GPL-3.0-or-later
"""The node glue: a NautilusTrader Strategy that carries out Quarterdeck's commands.

This is the only module that imports NautilusTrader. Add it to a TradingNode with

    ImportableStrategyConfig(
        strategy_path="quarterdeck_bridge.strategy:QuarterdeckBridge",
        config_path="quarterdeck_bridge.strategy:QuarterdeckBridgeConfig",
        config={"order_id_tag": "001", "ibg_port": 4002, "account_id": "DU1234567"},
    )

The node must list ``quarterdeck:commands:{trader_id}`` in MessageBusConfig.external_streams.
Commands arrive on the topic ``quarterdeck.commands`` on a Tokio worker thread; they are
moved to the node's event loop before anything touches the kernel. Decisions are made by
``translate`` and ``publish.CommandHandler``; this file only reads the cache and makes the
calls.
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import timedelta
from decimal import Decimal
from typing import Iterable, Optional

from nautilus_trader.config import StrategyConfig
from nautilus_trader.model.data import BarType
from nautilus_trader.model.enums import OrderSide, TimeInForce
from nautilus_trader.model.identifiers import ClientOrderId, InstrumentId
from nautilus_trader.trading.strategy import Strategy

from . import config as qd_config
from . import seed
from .publish import BridgeError, CommandHandler, RequestLedger, encode
from .translate import InstrumentInfo, OrderInfo

REQUEST_TAG = "qd:req="
IB_CLIENT_PREFIX = "INTERACTIVE_BROKERS"


class QuarterdeckBridgeConfig(StrategyConfig, frozen=True):
    """Where IB is (for the connection status) and how often to report."""
    ibg_host: str = qd_config.DEFAULTS["ibg_host"]
    ibg_port: int = qd_config.DEFAULTS["ibg_port"]
    ibg_client_id: int = qd_config.DEFAULTS["ibg_client_id"]
    account_id: Optional[str] = None
    gateway_type: Optional[str] = None
    status_interval_secs: int = qd_config.DEFAULTS["status_interval_secs"]
    bar_spec: str = qd_config.DEFAULTS["bar_spec"]
    publish_portfolio: bool = True
    max_remembered_requests: int = qd_config.DEFAULTS["max_remembered_requests"]


def _decimal(value) -> Optional[Decimal]:
    if value is None:
        return None
    if hasattr(value, "as_decimal"):
        return value.as_decimal()
    return Decimal(str(value))


def _tags(order) -> list:
    tags = getattr(order, "tags", None) or []
    return tags.split(",") if isinstance(tags, str) else list(tags)


class _CacheLookup:
    """translate.Lookup over the node's cache."""

    def __init__(self, strategy: "QuarterdeckBridge"):
        self._strategy = strategy

    def instrument(self, instrument_id: str) -> Optional[InstrumentInfo]:
        try:
            inst = self._strategy.cache.instrument(InstrumentId.from_str(instrument_id))
        except Exception:  # not an id the node can parse
            return None
        if inst is None:
            return None
        return InstrumentInfo(inst.id.value, inst.price_precision,
                              inst.price_increment.as_decimal(), inst.size_precision)

    def order(self, client_order_id: str) -> Optional[OrderInfo]:
        try:
            order = self._strategy.cache.order(ClientOrderId(client_order_id))
        except Exception:  # not an id the node can parse
            return None
        if order is None:
            return None
        venue_order_id = order.venue_order_id.value if order.venue_order_id else None
        return OrderInfo(
            client_order_id=order.client_order_id.value,
            instrument_id=order.instrument_id.value,
            status=order.status.name,
            filled_qty=order.filled_qty.as_decimal(),
            has_price=getattr(order, "price", None) is not None,
            has_trigger=getattr(order, "trigger_price", None) is not None,
            triggered=bool(getattr(order, "is_triggered", False)),
            venue_order_id=venue_order_id,
        )

    def instrument_ids(self) -> Iterable[str]:
        return [inst.id.value for inst in self._strategy.cache.instruments()]

    def working_order_instruments(self) -> Iterable[str]:
        return [order.instrument_id.value
                for order in self._strategy.cache.orders_open(strategy_id=self._strategy.id)]


class QuarterdeckBridge(Strategy):
    """Commands from quarterdeck.commands in; acks and the seed's IB topics out."""

    def __init__(self, config: QuarterdeckBridgeConfig):
        super().__init__(config)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._handler: Optional[CommandHandler] = None
        self._client_state: Optional[str] = None
        self._connected_since: Optional[int] = None
        self._last_portfolio: dict = {}

    # ---- lifecycle -------------------------------------------------------------------

    def on_start(self) -> None:
        self._loop = asyncio.get_event_loop()
        ledger = RequestLedger(self.config.max_remembered_requests)
        for order in self.cache.orders():
            for tag in _tags(order):
                if tag.startswith(REQUEST_TAG):
                    ledger.remember(tag[len(REQUEST_TAG):])
        self._handler = CommandHandler(_CacheLookup(self), self._execute, self._publish,
                                       ledger, self.log.info)
        # Plain-dict ingress payloads are only re-published inside the node when asked for.
        self.msgbus.add_streaming_type(dict)
        self.msgbus.subscribe(topic=qd_config.COMMAND_TOPIC, handler=self._on_command_any_thread)
        self.msgbus.subscribe(topic="events.system.*", handler=self._on_component_state)
        self.clock.set_timer(name="quarterdeck-status",
                             interval=timedelta(seconds=max(1, self.config.status_interval_secs)),
                             callback=self._on_status_timer)
        self._on_status_timer(None)

    def on_stop(self) -> None:
        self.msgbus.unsubscribe(topic=qd_config.COMMAND_TOPIC, handler=self._on_command_any_thread)
        self.msgbus.unsubscribe(topic="events.system.*", handler=self._on_component_state)
        if "quarterdeck-status" in self.clock.timer_names:
            self.clock.cancel_timer("quarterdeck-status")

    # ---- commands --------------------------------------------------------------------

    def _on_command_any_thread(self, msg) -> None:
        # The ingress callback runs on a Tokio worker thread: hop to the event loop.
        try:
            self._loop.call_soon_threadsafe(self._on_command, msg)
        except RuntimeError:    # the loop is closing: the node is shutting down
            pass

    def _on_command(self, msg) -> None:
        size = None
        if isinstance(msg, dict):
            try:
                size = len(json.dumps(msg).encode("utf-8"))
            except (TypeError, ValueError):
                size = None
        try:
            self._handler.handle(msg, size)
        except Exception as exc:  # a failed publish must not take the strategy down
            self.log.error(f"Quarterdeck command not handled: {type(exc).__name__}: {exc}")

    def _publish(self, topic: str, payload: bytes) -> None:
        # Bytes are written to Redis as they are; plain dicts would not be published.
        self.msgbus.publish(topic, payload)

    def _instrument(self, instrument_id: str):
        instrument = self.cache.instrument(InstrumentId.from_str(instrument_id))
        if instrument is None:
            raise BridgeError(f"unknown instrument {instrument_id[:64]}")
        return instrument

    def _execute(self, call) -> Optional[str]:
        action = call.action
        if action == "submit":
            return self._submit(call.params)
        if action == "modify":
            return self._modify(call.params)
        if action == "cancel":
            order = self.cache.order(ClientOrderId(call.params["client_order_id"]))
            self.cancel_order(order)
            return order.client_order_id.value
        if action == "cancel_all":
            for instrument_id in call.params["instrument_ids"]:
                self.cancel_all_orders(InstrumentId.from_str(instrument_id))
            return None
        if action in ("subscribe", "unsubscribe"):
            self._subscribe(call.params, action == "subscribe")
            return None
        if action == "refresh_account":
            self._query_account()
            self._publish_account()
        elif action == "refresh_positions":
            self._last_portfolio.clear()
            self._publish_portfolio()
        elif action == "refresh_orders":
            self._publish_open_orders()
        return None

    def _submit(self, p: dict) -> str:
        instrument = self._instrument(p["instrument_id"])
        common = dict(
            instrument_id=instrument.id,
            order_side=getattr(OrderSide, p["side"]),
            quantity=instrument.make_qty(p["quantity"]),
            time_in_force=getattr(TimeInForce, p["time_in_force"]),
            tags=p["tags"],
        )
        factory = self.order_factory
        kind = p["order_type"]
        if kind == "MARKET":
            order = factory.market(**common)
        elif kind == "LIMIT":
            order = factory.limit(price=instrument.make_price(p["price"]), **common)
        elif kind == "STOP_MARKET":
            order = factory.stop_market(trigger_price=instrument.make_price(p["trigger_price"]),
                                        **common)
        else:
            order = factory.stop_limit(price=instrument.make_price(p["price"]),
                                       trigger_price=instrument.make_price(p["trigger_price"]),
                                       **common)
        self.submit_order(order)
        return order.client_order_id.value

    def _modify(self, p: dict) -> str:
        order = self.cache.order(ClientOrderId(p["client_order_id"]))
        instrument = self._instrument(order.instrument_id.value)
        self.modify_order(
            order,
            quantity=instrument.make_qty(p["quantity"]) if p["quantity"] is not None else None,
            price=instrument.make_price(p["price"]) if p["price"] is not None else None,
            trigger_price=(instrument.make_price(p["trigger_price"])
                           if p["trigger_price"] is not None else None),
        )
        return order.client_order_id.value

    def _subscribe(self, p: dict, on: bool) -> None:
        for text in p["instrument_ids"]:
            instrument_id = InstrumentId.from_str(text)
            if p["quotes"]:
                (self.subscribe_quote_ticks if on else self.unsubscribe_quote_ticks)(instrument_id)
            if p["trades"]:
                (self.subscribe_trade_ticks if on else self.unsubscribe_trade_ticks)(instrument_id)
            if p["bars"]:
                bar_type = BarType.from_str(f"{text}-{self.config.bar_spec}-EXTERNAL")
                (self.subscribe_bars if on else self.unsubscribe_bars)(bar_type)

    def _query_account(self) -> None:
        account = self._account()
        if account is not None and hasattr(self, "query_account"):
            self.query_account(account.id)

    def _contract(self, instrument, instrument_id: str) -> str:
        info = getattr(instrument, "info", None) if instrument is not None else None
        contract = (info or {}).get("contract") if isinstance(info, dict) else None
        return str((contract or {}).get("conId") or instrument_id)

    def _publish_open_orders(self) -> None:
        now = self.clock.timestamp_ns()
        account = self.config.account_id or os.environ.get("TWS_ACCOUNT")
        for order in self.cache.orders_open():
            instrument = self.cache.instrument(order.instrument_id)
            commissions = order.commissions() if hasattr(order, "commissions") else []
            message = seed.order_to_seed(
                client_order_id=order.client_order_id.value,
                client_id=self.config.ibg_client_id,
                account_id=order.account_id.value if order.account_id else account,
                contract_id=self._contract(instrument, order.instrument_id.value),
                symbol=order.instrument_id.symbol.value, side=order.side.name,
                order_type=order.order_type.name, quantity=order.quantity.as_decimal(),
                filled_qty=order.filled_qty.as_decimal(),
                price=_decimal(getattr(order, "price", None)),
                trigger_price=_decimal(getattr(order, "trigger_price", None)),
                status=order.status.name,
                avg_px=seed.exact(order.avg_px) if order.avg_px else None,
                commission=sum((_decimal(c) for c in commissions), Decimal(0)),
                ts_ns=now)
            self._publish(qd_config.ORDER_TOPIC, encode(message))

    # ---- connection, account, portfolio ----------------------------------------------

    def _on_component_state(self, event) -> None:
        component_id = getattr(getattr(event, "component_id", None), "value", "")
        if not component_id.startswith(IB_CLIENT_PREFIX):
            return
        state = event.state.name
        if state != self._client_state:
            self._client_state = state
            self._publish_status()

    def _on_status_timer(self, event) -> None:
        for publish in (self._publish_status, self._publish_account, self._publish_portfolio):
            try:
                publish()
            except Exception as exc:  # one bad figure must not stop the others
                self.log.error(f"Quarterdeck {publish.__name__}: {type(exc).__name__}: {exc}")

    def _ib_socket_connected(self) -> Optional[bool]:
        """The adapter's own view of the socket, when it can be read (best effort)."""
        try:
            from nautilus_trader.adapters.interactive_brokers import factories
        except ImportError:
            return None
        key = (self.config.ibg_host, self.config.ibg_port, self.config.ibg_client_id)
        client = getattr(factories, "IB_CLIENTS", {}).get(key)
        if client is None:
            return None
        event = getattr(client, "_is_ib_connected", None)
        if event is not None and hasattr(event, "is_set"):
            return bool(event.is_set())
        running = getattr(client, "is_running", None)
        return bool(running) if running is not None else None

    def _publish_status(self) -> None:
        now = self.clock.timestamp_ns()
        connected = self._ib_socket_connected()
        if connected is None and self._client_state is not None:
            connected = self._client_state == "RUNNING"
        elif connected is None:
            # The clients reached RUNNING before this strategy started listening: an
            # account reported by IB is the evidence left.
            connected = self._account() is not None
        if connected and self._connected_since is None:
            self._connected_since = now
        elif not connected:
            self._connected_since = None
        account = self.config.account_id or os.environ.get("TWS_ACCOUNT")
        error = None if connected else (
            f"IB client {self._client_state.lower()}" if self._client_state
            else "IB client not running")
        status = seed.connection_to_seed(
            connected=connected, host=self.config.ibg_host, port=self.config.ibg_port,
            client_id=self.config.ibg_client_id, account_id=account,
            connection_time_ns=self._connected_since, heartbeat_ns=now,
            error_message=error, gateway_type=self.config.gateway_type)
        self._publish(qd_config.CONNECTION_TOPIC, encode(status))

    def _account(self):
        accounts = [a for a in self.cache.accounts()
                    if a.id.value.startswith(IB_CLIENT_PREFIX)] or list(self.cache.accounts())
        wanted = self.config.account_id or os.environ.get("TWS_ACCOUNT")
        for account in accounts:
            if wanted and seed.account_number(account.id.value) == wanted:
                return account
        return accounts[0] if accounts else None

    def _publish_account(self) -> None:
        account = self._account()
        state = getattr(account, "last_event", None) if account is not None else None
        if state is None or not state.balances:
            return
        balance = state.balances[0]
        currency = balance.currency.code
        margins = [m for m in state.margins if m.currency.code == currency]
        info = state.info or {}
        summary = seed.account_to_seed(
            account_id=state.account_id.value, currency=currency,
            account_type=state.account_type.name,
            net_liquidation=_decimal(balance.total), available_funds=_decimal(balance.free),
            total_cash_value=seed.exact(info.get("TotalCashValue")),
            initial_margin=sum((_decimal(m.initial) for m in margins), Decimal(0)),
            maintenance_margin=sum((_decimal(m.maintenance) for m in margins), Decimal(0)),
            ts_ns=state.ts_event)
        self._publish(qd_config.ACCOUNT_TOPIC, encode(summary))

    def _market_price(self, instrument) -> Optional[Decimal]:
        trade = self.cache.trade_tick(instrument.id)
        if trade is not None:
            return trade.price.as_decimal()
        quote = self.cache.quote_tick(instrument.id)
        if quote is not None:
            mid = (quote.bid_price.as_decimal() + quote.ask_price.as_decimal()) / 2
            return mid.quantize(instrument.price_increment.as_decimal())
        return None

    def _portfolio(self) -> dict:
        """One IBPosition per instrument: the open positions of every strategy, netted."""
        rows: dict = {}
        for position in self.cache.positions_open():
            qty = position.quantity.as_decimal()
            if position.side.name == "SHORT":
                qty = -qty
            row = rows.setdefault(position.instrument_id.value,
                                  {"qty": Decimal(0), "cost": Decimal(0), "realized": Decimal(0),
                                   "account": position.account_id.value})
            row["qty"] += qty
            row["cost"] += qty * Decimal(repr(position.avg_px_open))
            row["realized"] += _decimal(position.realized_pnl) or Decimal(0)
        return rows

    def _publish_portfolio(self) -> None:
        if not self.config.publish_portfolio:
            return
        rows = self._portfolio()
        now = self.clock.timestamp_ns()
        for instrument_id in set(rows) | set(self._last_portfolio):
            row = rows.get(instrument_id)
            instrument = self.cache.instrument(InstrumentId.from_str(instrument_id))
            if instrument is None:
                continue
            contract_id = self._contract(instrument, instrument_id)
            qty = row["qty"] if row else Decimal(0)
            message = seed.position_to_seed(
                account_id=row["account"] if row else self._last_portfolio[instrument_id][0],
                contract_id=contract_id, symbol=instrument.id.symbol.value, quantity=qty,
                avg_cost=(row["cost"] / qty) if row and qty else None,
                market_price=self._market_price(instrument),
                multiplier=_decimal(instrument.multiplier) or Decimal(1),
                realized_pnl=row["realized"] if row else None, ts_ns=now,
                instrument_id=instrument_id)
            fingerprint = {k: v for k, v in message.items() if k != "timestamp"}
            if self._last_portfolio.get(instrument_id, (None, None))[1] == fingerprint:
                continue
            self._publish(qd_config.POSITION_TOPIC, encode(message))
            if row:
                self._last_portfolio[instrument_id] = (row["account"], fingerprint)
            else:
                self._last_portfolio.pop(instrument_id, None)
