/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quarterdeck web page: the positions, orders and quotes tables. Rows are kept per key and
 * updated in place, so a live update never rebuilds a table. */
"use strict";

const QdTables = (() => {
  const F = QdFormat;
  let hooks = { isTrader: () => false, cancel: () => {}, modify: () => {} };

  const WORKING = new Set(["PendingSubmit", "PreSubmitted", "Submitted", "ApiPending", "PendingCancel"]);
  const ACTIONABLE = new Set(["PendingSubmit", "PreSubmitted", "Submitted", "ApiPending"]);
  const CANCELLED = new Set(["Cancelled", "ApiCancelled", "Inactive"]);

  function statusClass(status) {
    if (status === "Filled")
      return "status-filled";
    if (status === "Inactive")
      return "status-rejected";
    if (CANCELLED.has(status))
      return "status-cancelled";
    return "status-working";
  }

  function isWorking(order) {
    return WORKING.has(order.status);
  }

  function isActionable(order) {
    return ACTIONABLE.has(order.status);
  }

  /* A keyed table body: rows are created once and their cells updated. */
  function syncRows(table, keys, create, update) {
    const body = table.tBodies[0];
    const rows = table._rows || (table._rows = new Map());
    const wanted = new Set(keys);
    for (const [key, row] of rows) {
      if (!wanted.has(key)) {
        row.remove();
        rows.delete(key);
      }
    }
    let previous = null;
    for (const key of keys) {
      let row = rows.get(key);
      if (!row) {
        row = create(key);
        rows.set(key, row);
      }
      update(row, key);
      const expected = previous ? previous.nextSibling : body.firstChild;
      if (expected !== row)
        body.insertBefore(row, expected);
      previous = row;
    }
    const empty = document.querySelector('[data-empty-for="' + table.id + '"]');
    if (empty)
      empty.hidden = keys.length > 0;
    table.classList.toggle("is-empty", keys.length === 0);
  }

  /* A row of cells labelled by the table's headers (the labels show at phone width). */
  function createRow(table, key) {
    const row = document.createElement("tr");
    row.dataset.key = key;
    for (const th of table.tHead.rows[0].cells) {
      const td = document.createElement("td");
      td.className = th.className;
      td.dataset.label = th.textContent;
      row.append(td);
    }
    return row;
  }

  function cell(row, index, text, extra) {
    const td = row.cells[index];
    F.setText(td, text);
    const cls = td.dataset.baseClass !== undefined ? td.dataset.baseClass : (td.dataset.baseClass = td.className);
    const wanted = extra ? (cls ? cls + " " + extra : extra) : cls;
    if (td.className !== wanted)
      td.className = wanted;
  }

  /* ---- positions ---- */

  function renderPositions(positions) {
    const table = document.getElementById("positions-table");
    const keys = [...positions.keys()].sort((a, b) => {
      const pa = positions.get(a), pb = positions.get(b);
      const flatA = pa.position === 0, flatB = pb.position === 0;
      if (flatA !== flatB)
        return flatA ? 1 : -1;
      return String(pa.symbol).localeCompare(String(pb.symbol));
    });
    syncRows(table, keys, (key) => createRow(table, key), (row, key) => {
      const p = positions.get(key);
      const s = p.symbol || "";
      cell(row, 0, s, "symbol");
      cell(row, 1, F.quantity(p.position), "numeric " + (p.position > 0 ? "buy" : p.position < 0 ? "sell" : "dim"));
      cell(row, 2, F.price(s, p.avg_cost), "numeric");
      cell(row, 3, F.price(s, p.market_price), "numeric");
      cell(row, 4, F.money(p.market_value), "numeric");
      cell(row, 5, F.signed(p.unrealized_pnl, 2), "numeric " + F.signClass(p.unrealized_pnl));
      cell(row, 6, F.signed(p.realized_pnl, 2), "numeric " + F.signClass(p.realized_pnl));
      row.classList.toggle("flat", p.position === 0);
    });
    const open = [...positions.values()].filter((p) => p.position !== 0).length;
    F.setText(document.getElementById("positions-count"), open ? open + " open" : "");
  }

  /* ---- orders ---- */

  function orderFilter() {
    const checked = document.querySelector('input[name="order-filter"]:checked');
    return checked ? checked.value : "working";
  }

  function passes(order, filter) {
    switch (filter) {
      case "working": return isWorking(order);
      case "filled": return order.status === "Filled";
      case "cancelled": return CANCELLED.has(order.status);
      default: return true;
    }
  }

  function orderTime(o) {
    const t = Date.parse(o.timestamp || "");
    return Number.isNaN(t) ? 0 : t;
  }

  function renderOrders(orders) {
    const table = document.getElementById("orders-table");
    const filter = orderFilter();
    const keys = [...orders.keys()]
      .filter((k) => passes(orders.get(k), filter))
      .sort((a, b) => orderTime(orders.get(b)) - orderTime(orders.get(a)) || (a < b ? 1 : -1));
    syncRows(table, keys, (key) => createOrderRow(table, key), (row, key) => updateOrderRow(row, orders.get(key)));
    const empty = document.querySelector('[data-empty-for="orders-table"]');
    if (empty)
      F.setText(empty, filter === "all" ? "No orders" : "No " + filter + " orders");
  }

  function createOrderRow(table, key) {
    const row = createRow(table, key);
    const actions = row.cells[row.cells.length - 1];
    const modify = F.el("button", { type: "button", className: "small flat modify" }, "Modify…");
    const cancel = F.el("button", { type: "button", className: "small destructive cancel" }, "Cancel");
    modify.addEventListener("click", () => hooks.modify(key));
    cancel.addEventListener("click", () => hooks.cancel(key));
    actions.append(modify, cancel);
    return row;
  }

  function updateOrderRow(row, o) {
    const s = o.symbol || "";
    const side = o.action === "BUY" ? "buy" : o.action === "SELL" ? "sell" : "";
    cell(row, 0, o.order_id, "numeric order-id");
    cell(row, 1, s, "symbol");
    cell(row, 2, o.action || "—", side);
    cell(row, 3, o.order_type || "—");
    cell(row, 4, F.quantity(o.total_quantity), "numeric");
    cell(row, 5, F.quantity(o.filled_quantity), "numeric");
    cell(row, 6, F.isNumber(o.limit_price) ? F.price(s, o.limit_price) : "", "numeric");
    cell(row, 7, F.isNumber(o.stop_price) ? F.price(s, o.stop_price) : "", "numeric");
    cell(row, 8, F.isNumber(o.avg_fill_price) ? F.price(s, o.avg_fill_price) : "", "numeric");
    cell(row, 9, o.status || "—", statusClass(o.status));
    cell(row, 10, F.time(o.timestamp), "numeric dim");
    const actions = row.cells[row.cells.length - 1];
    const show = isActionable(o) && hooks.isTrader();
    actions.classList.toggle("none", !show);
    for (const b of actions.querySelectorAll("button"))
      b.hidden = !show;
    row.dataset.status = o.status || "";
  }

  /* ---- quotes ---- */

  function renderQuotes(quotes) {
    const table = document.getElementById("quotes-table");
    const keys = [...quotes.keys()].sort();
    syncRows(table, keys, (key) => createRow(table, key), (row, key) => {
      const q = quotes.get(key);
      cell(row, 0, key, "symbol");
      cell(row, 1, F.price(key, q.bid), "numeric");
      cell(row, 2, F.price(key, q.ask), "numeric");
      cell(row, 3, F.price(key, q.last), "numeric");
    });
  }

  function init(h) {
    hooks = h;
    for (const input of document.querySelectorAll('input[name="order-filter"]'))
      input.addEventListener("change", () => renderOrders(QdApp.state.orders));
  }

  return { init, renderPositions, renderOrders, renderQuotes, isWorking, isActionable };
})();
