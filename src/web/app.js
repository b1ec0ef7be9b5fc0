/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quarterdeck web page: sign-in, the REST client, the live WebSocket and the dashboard. */
"use strict";

const QdApp = (() => {
  const F = QdFormat;
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = "quarterdeck.token";
  const API = "api/v1/ib/";
  const MAX_ACTIVITY = 200;

  const state = {
    token: null,
    role: "unknown",        /* "trader", "viewer", or "unknown" until the server tells */
    connection: null,
    account: null,
    positions: new Map(),
    orders: new Map(),
    quotes: new Map(),
    socket: null,
    socketState: "offline",
    retryDelay: 0,
    retryTimer: 0,
    retryAt: 0,
    replacePositions: false,
    unseenOrders: null,
    started: false,
  };

  /* ---- the token ---- */

  function loadToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY) || window.localStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function saveToken(token, remember) {
    try {
      clearStoredToken();
      (remember ? window.localStorage : window.sessionStorage).setItem(TOKEN_KEY, token);
    } catch (e) {
      /* Storage disabled: the token lives for this page only. */
    }
    state.token = token;
  }

  function clearStoredToken() {
    try {
      window.localStorage.removeItem(TOKEN_KEY);
      window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      /* nothing stored */
    }
  }

  /* ---- REST ---- */

  class ApiError extends Error {
    constructor(status, body, message) {
      super(message);
      this.status = status;
      this.body = body;
    }
  }

  function detailText(body, fallback) {
    if (body && typeof body.detail === "string")
      return body.detail;
    if (body && body.detail && typeof body.detail.message === "string")
      return body.detail.message;
    if (body && typeof body.message === "string")
      return body.message;
    return fallback;
  }

  /* fetch() with the token; resolves to the JSON body, rejects with an ApiError. */
  async function api(method, path, body, headers, quiet) {
    const init = { method, headers: Object.assign({ Accept: "application/json" }, headers || {}),
                   cache: "no-store", credentials: "omit" };
    if (state.token)
      init.headers.Authorization = "Bearer " + state.token;
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (e) {
      throw new ApiError(0, null, "The server cannot be reached");
    }
    noteRole(response);
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const error = new ApiError(response.status, json, detailText(json, "HTTP " + response.status));
      if (quiet)
        throw error;
      if (response.status === 401)
        authLost();
      else if (response.status === 403 && method !== "GET")
        setRole("viewer");
      throw error;
    }
    return json;
  }

  /* The server may say which token this is; otherwise a token is taken for a trader's until
   * a trading request is refused, and no token at all is a loopback viewer. */
  function noteRole(response) {
    const role = (response.headers.get("X-Quarterdeck-Role") || "").toLowerCase();
    if (role === "trader" || role === "viewer")
      setRole(role);
  }

  function setRole(role) {
    if (role === state.role)
      return;
    state.role = role;
    renderRole();
  }

  /* Which token is this? A trading endpoint answers a viewer 403 before anything else; asked
   * with GET it can do nothing for a trader either (405). */
  async function probeRole() {
    try {
      const response = await fetch(API + "orders/refresh", {
        method: "GET", cache: "no-store", credentials: "omit",
        headers: { Authorization: "Bearer " + state.token },
      });
      noteRole(response);
      if (state.role === "unknown")
        setRole(response.status === 403 ? "viewer" : "trader");
    } catch (e) {
      /* Unknown still: a refused order will tell. */
    }
  }

  function isTrader() {
    return state.role !== "viewer";
  }

  /* ---- sign in and out ---- */

  function showLogin(message) {
    $("dashboard").hidden = true;
    $("login-view").hidden = false;
    F.setText($("login-error"), message || "");
    $("login-cancel").hidden = !state.started;
    $("logout-button").hidden = true;
    $("sign-in-button").hidden = true;
    $("login-token").value = "";
    $("login-token").focus();
  }

  function showDashboard() {
    $("login-view").hidden = true;
    $("dashboard").hidden = false;
    renderRole();
  }

  function authLost() {
    const hadToken = !!state.token;
    stopSocket();
    clearStoredToken();
    state.token = null;
    state.started = false;
    showLogin(hadToken ? "The server refused this token. Sign in again." : "");
  }

  async function signIn(token, remember) {
    const previous = state.token;
    state.token = token;
    try {
      await api("GET", "connection/status", undefined, undefined, true);
    } catch (e) {
      state.token = previous;
      if (e.status === 401) {
        showLogin("The server refused this token.");
        return;
      }
      if (e.status !== 503) {
        F.setText($("login-error"), e.message);
        return;
      }
    }
    saveToken(token, remember);
    state.role = "unknown";
    start();
  }

  function logout() {
    stopSocket();
    clearStoredToken();
    state.token = null;
    state.role = "unknown";
    state.started = false;
    resetData();
    showLogin("");
  }

  /* ---- start: try what we have, ask for a token on 401 ---- */

  async function start() {
    stopSocket();
    try {
      await loadSnapshot();
    } catch (e) {
      if (e.status === 401)
        return;
      if (e.status !== 503)
        showBanner(e.message + ". Retrying…");
    }
    if (!state.token && state.role === "unknown")
      setRole("viewer");
    else if (state.token && state.role === "unknown")
      probeRole();
    state.started = true;
    showDashboard();
    connectSocket();
  }

  async function loadSnapshot() {
    const status = await api("GET", "connection/status");
    applyConnection(status);
    const [account, positions, orders] = await Promise.all([
      api("GET", "account").catch(() => null),
      api("GET", "positions").catch(() => null),
      api("GET", "orders").catch(() => null),
    ]);
    if (account)
      applyAccount(account);
    if (positions && Array.isArray(positions.positions)) {
      state.positions.clear();
      for (const p of positions.positions)
        state.positions.set(positionKey(p), p);
      schedule("positions");
    }
    if (orders && Array.isArray(orders.orders))
      for (const o of orders.orders)
        applyOrder(o, false);
  }

  function resetData() {
    state.connection = null;
    state.account = null;
    state.positions.clear();
    state.orders.clear();
    state.quotes.clear();
    $("activity-list").replaceChildren();
    schedule("connection", "account", "positions", "orders", "quotes");
  }

  /* ---- the WebSocket ---- */

  function socketUrl() {
    const url = new URL("ws", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (state.token)
      url.searchParams.set("token", state.token);
    return url.toString();
  }

  function connectSocket() {
    clearTimeout(state.retryTimer);
    state.retryTimer = 0;
    setSocketState("connecting");
    F.debug("websocket:state", "connecting");
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.socket = socket;
    let opened = 0;
    socket.onopen = () => {
      opened = Date.now();
      state.replacePositions = true;
      forgetUnseenOrders(socket);
      setSocketState("live");
      hideBanner();
      F.debug("websocket:state", "open");
    };
    socket.onmessage = (event) => onSocketMessage(event.data);
    socket.onclose = (event) => {
      if (state.socket !== socket)
        return;
      state.socket = null;
      F.debug("websocket:state", "closed", event.code, event.reason);
      /* 4000: the server asks for a fresh snapshot (rows went away): at once, unless it
       * keeps asking. */
      if (event.code === RESYNC && opened && Date.now() - opened > 1000) {
        state.retryDelay = 0;
        connectSocket();
        return;
      }
      /* A connection that lived a while starts the backoff again. */
      if (opened && Date.now() - opened > 10000)
        state.retryDelay = 0;
      scheduleReconnect();
      if (!opened)
        checkAuthAfterFailure();
    };
  }

  /* The snapshot names every order the server has; one it no longer has (a restarted
   * server) must not linger. The snapshot comes first on a new socket, in one go. */
  function forgetUnseenOrders(socket) {
    state.unseenOrders = new Set(state.orders.keys());
    setTimeout(() => {
      if (state.socket !== socket || !state.unseenOrders)
        return;
      for (const id of state.unseenOrders)
        state.orders.delete(id);
      state.unseenOrders = null;
      schedule("orders");
    }, 3000);
  }

  /* An upgrade refused with 401 looks like any failure to the page: ask REST. */
  function checkAuthAfterFailure() {
    api("GET", "connection/status").then(applyConnection).catch(() => {});
  }

  function scheduleReconnect() {
    state.retryDelay = state.retryDelay ? Math.min(state.retryDelay * 2, 30000) : 500;
    const delay = state.retryDelay * (0.8 + Math.random() * 0.4);
    state.retryAt = Date.now() + delay;
    setSocketState("waiting");
    state.retryTimer = setTimeout(connectSocket, delay);
  }

  function stopSocket() {
    clearTimeout(state.retryTimer);
    state.retryTimer = 0;
    state.retryDelay = 0;
    if (state.socket) {
      const socket = state.socket;
      state.socket = null;
      socket.onclose = null;
      socket.close(1000, "logout");
    }
    setSocketState("offline");
  }

  function setSocketState(socketState) {
    state.socketState = socketState;
    renderSocketPill();
  }

  const MAX_FRAME = 8 * 1024 * 1024;
  const RESYNC = 4000;

  function onSocketMessage(data) {
    if (typeof data !== "string" || data.length > MAX_FRAME)
      return;
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      F.debug("websocket:error", "unparsable frame", e.message);
      return;
    }
    F.debug("websocket:message", message.type, message);
    if (!message || typeof message !== "object" || typeof message.type !== "string")
      return;
    const handler = handlers[message.type];
    if (handler && message.data !== undefined && message.data !== null)
      handler(message.data, message);
  }

  const handlers = {
    ib_connection: (d) => applyConnection(d),
    ib_account: (d) => applyAccount(d),
    ib_positions: (d) => applyPositions(d),
    ib_order: (d) => applyOrder(d, true),
    ib_quote: (d) => applyQuote(d),
    ib_fill: (d) => applyFill(d),
    ib_activity: (d, m) => applyActivity(d, m),
    snapshot: (d) => applySnapshot(d),
    hello: (d) => applyHello(d),
  };

  function applyHello(d) {
    if (d && typeof d.role === "string")
      setRole(d.role.toLowerCase());
  }

  /* A snapshot in one message, if the server sends it that way. */
  function applySnapshot(d) {
    if (typeof d !== "object")
      return;
    if (d.role)
      applyHello(d);
    if (d.connection)
      applyConnection(d.connection);
    if (d.account)
      applyAccount(d.account);
    if (d.positions)
      applyPositions(d.positions);
    if (Array.isArray(d.orders))
      for (const o of d.orders)
        applyOrder(o, false);
    if (Array.isArray(d.quotes))
      for (const q of d.quotes)
        applyQuote(q);
  }

  /* ---- applying data ---- */

  function applyConnection(d) {
    if (!d || typeof d !== "object")
      return;
    state.connection = d;
    schedule("connection");
  }

  function applyAccount(d) {
    if (!d || typeof d !== "object")
      return;
    state.account = d;
    schedule("account");
  }

  function positionKey(p) {
    return (p.account_id || "") + "|" + (p.contract_id || p.symbol || "");
  }

  function applyPositions(d) {
    if (!d || typeof d !== "object")
      return;
    const list = Array.isArray(d) ? d : Object.values(d);
    /* The first positions message on a new socket is the full set. */
    if (state.replacePositions) {
      state.positions.clear();
      state.replacePositions = false;
    }
    for (const p of list)
      if (p && typeof p === "object")
        state.positions.set(positionKey(p), p);
    schedule("positions");
  }

  function applyOrder(d, live) {
    if (!d || typeof d !== "object" || typeof d.order_id !== "string")
      return;
    state.orders.set(d.order_id, d);
    if (state.unseenOrders)
      state.unseenOrders.delete(d.order_id);
    QdOrders.orderUpdated(d);
    schedule("orders");
  }

  function applyQuote(d) {
    if (!d || typeof d !== "object" || typeof d.symbol !== "string")
      return;
    const known = state.quotes.has(d.symbol);
    F.notePrice(d.symbol, d.bid);
    F.notePrice(d.symbol, d.ask);
    state.quotes.set(d.symbol, Object.assign(state.quotes.get(d.symbol) || {}, d));
    if (!known)
      schedule("symbols");
    schedule("quotes");
    QdOrders.quoteUpdated(d.symbol);
  }

  function pick(d, ...names) {
    for (const n of names)
      if (d[n] !== undefined && d[n] !== null)
        return d[n];
    return undefined;
  }

  /* {"description", "order": IBOrder}: the order also arrives as ib_order. */
  function applyFill(d) {
    if (!d || typeof d !== "object")
      return;
    let text = typeof d.description === "string" && d.description ? d.description : "";
    const o = d.order && typeof d.order === "object" ? d.order : null;
    if (!text && o)
      text = "Filled " + orderLine(o);
    if (!text)
      return;
    /* The activity line comes as ib_activity. */
    toast(text, "fill");
  }

  function applyActivity(d, m) {
    if (typeof d === "string") {
      addActivity("info", d, m.timestamp);
      return;
    }
    if (typeof d !== "object")
      return;
    const text = pick(d, "message", "text");
    if (typeof text === "string")
      addActivity(String(pick(d, "kind") || "info").toLowerCase(), text, pick(d, "time", "timestamp") || m.timestamp);
  }

  function orderLine(o) {
    let line = (o.action || "") + " " + F.quantity(o.total_quantity) + " " + (o.symbol || "") + " " + (o.order_type || "");
    if (F.isNumber(o.limit_price))
      line += " " + F.price(o.symbol, o.limit_price);
    if (F.isNumber(o.stop_price))
      line += " stop " + F.price(o.symbol, o.stop_price);
    return line;
  }

  /* ---- activity, toasts, banner ---- */

  function addActivity(kind, text, when) {
    const list = $("activity-list");
    const item = F.el("li", { className: "activity-" + kind.replace(/[^a-z_-]/g, "") },
                      F.el("time", { className: "numeric dim" }, F.time(when || Date.now())),
                      F.el("span", null, text));
    list.prepend(item);
    while (list.children.length > MAX_ACTIVITY)
      list.lastElementChild.remove();
  }

  function toast(text, kind) {
    const box = $("toasts");
    const node = F.el("div", { className: "toast " + (kind || "") }, text);
    box.append(node);
    while (box.children.length > 4)
      box.firstElementChild.remove();
    setTimeout(() => node.remove(), 5000);
  }

  function showBanner(text) {
    const banner = $("banner");
    F.setText(banner, text);
    banner.hidden = false;
  }

  function hideBanner() {
    $("banner").hidden = true;
  }

  /* ---- rendering, at most once per frame ---- */

  const dirty = new Set();
  let frame = 0;

  function schedule(...parts) {
    for (const p of parts)
      dirty.add(p);
    if (!frame)
      frame = window.requestAnimationFrame(flush);
  }

  function flush() {
    frame = 0;
    const parts = new Set(dirty);
    dirty.clear();
    if (parts.has("connection"))
      renderConnection();
    if (parts.has("account"))
      renderAccount();
    if (parts.has("positions"))
      QdTables.renderPositions(state.positions);
    if (parts.has("orders"))
      QdTables.renderOrders(state.orders);
    if (parts.has("quotes"))
      QdTables.renderQuotes(state.quotes);
    if (parts.has("symbols"))
      renderSymbols();
  }

  function renderConnection() {
    const c = state.connection || {};
    const known = !!state.connection;
    const stateCell = $("conn-state");
    F.setText(stateCell, !known ? "—" : c.connected ? "Connected" : "Disconnected");
    stateCell.className = "state " + (!known ? "" : c.connected ? "connected" : "disconnected");
    F.setText($("conn-gateway"), c.gateway_type || "—");
    F.setText($("conn-host"), c.host ? c.host + (c.port ? ":" + c.port : "") : "—");
    F.setText($("conn-client"), c.client_id ? String(c.client_id) : "—");
    F.setText($("conn-account"), c.account_id || "—");
    F.setText($("conn-since"), F.dateTime(c.connection_time));
    F.setText($("conn-heartbeat"), c.last_heartbeat ? F.time(c.last_heartbeat) + " (" + F.age(c.last_heartbeat) + ")" : "—");
    const err = $("conn-error");
    err.hidden = !c.error_message;
    F.setText(err, c.error_message || "");
    const pill = $("ib-pill");
    F.setText(pill, !known ? "IB: unknown" : c.connected ? "IB connected" : "IB disconnected");
    pill.className = "pill " + (known && c.connected ? "connected" : "disconnected");
    renderModeBadge(c);
  }

  function renderModeBadge(c) {
    const badge = $("mode-badge");
    let mode = "unknown", text = "PAPER/LIVE?", tip = "Not known yet whether this is a paper or a live account";
    const trading = String(c.trading_mode || "").toLowerCase();
    /* NautilusTrader writes "INTERACTIVE_BROKERS-DU1234567": IB's number is the last part. */
    const account = String(c.account_id || (state.account && state.account.account_id) || "").split("-").pop();
    /* As on the desktop: the bridge's word, else the gateway port, else the account number. */
    const byPort = { 7497: "paper", 4002: "paper", 7496: "live", 4001: "live" }[c.port];
    const guess = trading === "paper" || trading === "live" ? trading
      : byPort || (/^DU/.test(account) ? "paper" : /^U/.test(account) ? "live" : "");
    if (c.simulated === true) {
      mode = "simulated"; text = "SIMULATED"; tip = "Simulated paper venue: no orders reach Interactive Brokers";
    } else if (guess === "paper") {
      mode = "paper"; text = "PAPER"; tip = "Paper trading account";
    } else if (guess === "live") {
      mode = "live"; text = "LIVE"; tip = "Live account: orders use real money";
    }
    F.setText(badge, text);
    badge.title = tip;
    badge.className = "mode-badge " + mode;
  }

  const ACCOUNT_FIELDS = ["net_liquidation", "total_cash_value", "buying_power",
                          "initial_margin", "maintenance_margin", "excess_liquidity"];

  function renderAccount() {
    const a = state.account || {};
    for (const f of ACCOUNT_FIELDS)
      F.setText($("acct-" + f), F.money(a[f]));
    F.setText($("acct-currency"), a.currency || "");
    F.setText($("acct-time"), F.time(a.timestamp));
    renderModeBadge(state.connection || {});
  }

  function renderSymbols() {
    const list = $("symbol-list");
    const symbols = [...state.quotes.keys()].sort();
    list.replaceChildren(...symbols.map((s) => F.el("option", { value: s })));
  }

  function renderSocketPill() {
    const pill = $("socket-pill");
    let text = "Offline", cls = "disconnected";
    if (state.socketState === "live") {
      text = "Live"; cls = "connected";
    } else if (state.socketState === "connecting") {
      text = "Connecting…"; cls = "stale";
    } else if (state.socketState === "waiting") {
      const s = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
      text = "Reconnecting in " + s + " s"; cls = "stale";
    }
    F.setText(pill, text);
    pill.className = "pill " + cls;
    pill.dataset.state = state.socketState;
  }

  function renderRole() {
    const badge = $("role-badge");
    const viewer = state.role === "viewer";
    badge.hidden = state.role === "unknown" && !state.token;
    F.setText(badge, viewer ? "Viewer" : state.role === "trader" ? "Trader" : "Signed in");
    badge.className = "role-badge " + (viewer ? "viewer" : "trader");
    $("logout-button").hidden = !state.token;
    $("sign-in-button").hidden = !(viewer && !state.token);
    QdOrders.setTrading(!viewer, !viewer ? ""
      : state.token ? "This is a viewer token: it can watch but not trade. Sign in with the trader token to trade."
      : "Watching without a token as a loopback viewer: sign in with the trader token to trade.");
    document.body.classList.toggle("viewer", viewer);
    schedule("orders");
  }

  /* ---- wiring ---- */

  function wire() {
    $("login-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const token = $("login-token").value.trim();
      if (!token) {
        F.setText($("login-error"), "Enter a token");
        return;
      }
      signIn(token, $("login-remember").checked);
    });
    $("login-cancel").addEventListener("click", () => showDashboard());
    $("logout-button").addEventListener("click", logout);
    $("sign-in-button").addEventListener("click", () => showLogin(""));
    setInterval(() => {
      if (state.socketState === "waiting")
        renderSocketPill();
      if (state.connection)
        renderConnection();
    }, 1000);
  }

  function init() {
    QdTables.init({ isTrader, cancel: (id) => QdOrders.cancel(id), modify: (id) => QdOrders.openModify(id) });
    QdOrders.init({ api, state, toast, addActivity, ApiError });
    wire();
    schedule("connection", "account", "positions", "orders", "quotes");
    state.token = loadToken();
    start();
  }

  document.addEventListener("DOMContentLoaded", init);

  return { state, api, toast, isTrader };
})();
