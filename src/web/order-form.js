/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quarterdeck web page: the order form, Modify and Cancel. An order is sent once: every
 * submission carries an Idempotency-Key, the form is locked on what was sent until
 * "New order", and precautionary checks the server asks about are confirmed one by one. */
"use strict";

const QdOrders = (() => {
  const F = QdFormat;
  const $ = (id) => document.getElementById(id);
  let ctx = null;
  let trading = true;

  const form = {
    key: null,          /* Idempotency-Key of the current submission */
    signature: "",      /* the body it was made for */
    inFlight: false,
    sentOrderId: null,  /* locked on this order until New order */
    confirmations: [],  /* [{rule, message}] the server asked to confirm */
  };

  /* ---- helpers ---- */

  function newKey() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const NUMBER = /^\s*\d+(\.\d+)?\s*$/;

  function readNumber(input) {
    const text = input.value.trim().replace(/,/g, "");
    if (text === "")
      return { empty: true, text };
    if (!NUMBER.test(text))
      return { invalid: true, text };
    return { value: Number(text), text };
  }

  function fieldErrors(root) {
    return root.querySelectorAll(".field-error[data-for]");
  }

  function clearErrors(root) {
    for (const p of fieldErrors(root))
      F.setText(p, "");
    for (const input of root.querySelectorAll("[aria-invalid]"))
      input.removeAttribute("aria-invalid");
  }

  function showError(root, field, message) {
    let p = root.querySelector('.field-error[data-for="' + CSS.escape(field) + '"]');
    if (!p)
      p = root.querySelector('.field-error[data-for="_form"]');
    F.setText(p, p.textContent ? p.textContent + " " + message : message);
    const input = root.querySelector('[name="' + CSS.escape(field) + '"]');
    if (input)
      input.setAttribute("aria-invalid", "true");
  }

  /* A 400's findings: {"detail", "errors": [{"field","rule","severity","message"}],
   * "confirm_required": [rule, ...]}; a bare `detail` string is one error for the form. */
  function findingsOf(body) {
    if (!body || typeof body !== "object")
      return [];
    const confirm = new Set(Array.isArray(body.confirm_required) ? body.confirm_required : []);
    let list = Array.isArray(body.errors) ? body.errors
      : Array.isArray(body.detail) ? body.detail : [];
    list = list.filter((f) => f && typeof f === "object").map((f) => ({
      field: typeof f.field === "string" && f.field ? f.field
           : Array.isArray(f.loc) && f.loc.length ? String(f.loc[f.loc.length - 1]) : "_form",
      message: String(f.message || f.msg || f.rule || "Invalid"),
      rule: typeof f.rule === "string" ? f.rule : "",
      severity: f.severity === "warning" || confirm.has(f.rule) ? "warning" : "error",
    }));
    if (!list.length && typeof body.detail === "string")
      list = [{ field: "_form", message: body.detail, rule: "", severity: "error" }];
    return list;
  }

  /* ---- the order form ---- */

  function orderType() {
    return $("of-type").value;
  }

  function updatePriceFields() {
    const type = orderType();
    $("of-limit-field").hidden = !(type === "LMT" || type === "STP LMT");
    $("of-stop-field").hidden = !(type === "STP" || type === "STP LMT");
  }

  function side() {
    const checked = document.querySelector('#order-form input[name="action"]:checked');
    return checked ? checked.value : "";
  }

  /* The request, or null with the errors shown (the API's own wording). */
  function readOrder() {
    const root = $("order-form");
    const type = orderType();
    const symbol = $("of-symbol").value.trim().toUpperCase();
    const body = { symbol, action: side(), quantity: null, order_type: type, time_in_force: $("of-tif").value };
    let ok = true;
    const fail = (field, message) => { showError(root, field, message); ok = false; };

    if (!symbol)
      fail("symbol", "Choose an instrument");
    const q = readNumber($("of-quantity"));
    if (q.empty)
      fail("quantity", "Enter a quantity");
    else if (q.invalid || q.value <= 0)
      fail("quantity", "Quantity " + q.text + " must be above zero");
    else
      body.quantity = q.value;

    const needLimit = type === "LMT" || type === "STP LMT";
    const needStop = type === "STP" || type === "STP LMT";
    const priceField = (id, field, name, needed, missing) => {
      if (!needed)
        return;
      const p = readNumber($(id));
      if (p.empty)
        fail(field, missing);
      else if (p.invalid || p.value <= 0)
        fail(field, name + " " + p.text + " must be above zero");
      else
        body[field] = p.value;
    };
    priceField("of-limit", "limit_price", "Limit price", needLimit,
               type === "STP LMT" ? "Enter a limit price: a stop-limit order needs both prices"
                                  : "Enter a limit price for a limit order");
    priceField("of-stop", "stop_price", "Stop price", needStop,
               type === "STP LMT" ? "Enter a stop price: a stop-limit order needs both prices"
                                  : "Enter a stop price for a stop order");
    return ok ? body : null;
  }

  function renderSummary() {
    const root = $("order-form");
    const type = orderType();
    const symbol = $("of-symbol").value.trim().toUpperCase();
    const q = readNumber($("of-quantity"));
    const l = readNumber($("of-limit"));
    const s = readNumber($("of-stop"));
    let text = "";
    if (symbol && q.value) {
      text = side() + " " + q.text + " " + symbol + " " + type;
      if ((type === "STP" || type === "STP LMT") && s.value)
        text += " stop " + s.text;
      if ((type === "LMT" || type === "STP LMT") && l.value)
        text += " limit " + l.text;
      text += " " + $("of-tif").value;
      const quote = ctx.state.quotes.get(symbol);
      const px = (type === "LMT" || type === "STP LMT") && l.value ? l.value
        : type === "STP" && s.value ? s.value
        : quote ? (side() === "BUY" ? quote.ask : quote.bid) : undefined;
      if (F.isNumber(px))
        text += " · about " + F.money(px * q.value);
    }
    F.setText($("of-summary"), text);
    root.classList.toggle("sell", side() === "SELL");
  }

  function renderQuoteLine() {
    const symbol = $("of-symbol").value.trim().toUpperCase();
    const q = ctx.state.quotes.get(symbol);
    F.setText($("of-quote"), q ? "Bid " + F.price(symbol, q.bid) + " · Ask " + F.price(symbol, q.ask)
                                 + (F.isNumber(q.last) ? " · Last " + F.price(symbol, q.last) : "") : "");
  }

  function setLocked(locked) {
    for (const input of $("order-form").querySelectorAll("input, select"))
      input.disabled = locked || !trading;
    $("of-submit").disabled = locked || !trading || form.inFlight;
  }

  function outcome(text, kind) {
    const p = $("of-outcome");
    F.setText(p, text);
    p.className = "outcome " + (kind || "");
  }

  function resetConfirmations() {
    form.confirmations = [];
    $("of-confirm").hidden = true;
    $("of-confirm-list").replaceChildren();
    F.setText($("of-submit"), "Place order");
  }

  function showConfirmations(list) {
    form.confirmations = list;
    const ul = $("of-confirm-list");
    ul.replaceChildren(...list.map((c, i) => {
      const box = F.el("input", { type: "checkbox", id: "of-confirm-" + i, value: c.rule });
      box.addEventListener("change", updateConfirmButton);
      return F.el("li", null, F.el("label", { className: "check", htmlFor: "of-confirm-" + i }, box, " ", c.message));
    }));
    $("of-confirm").hidden = false;
    F.setText($("of-submit"), "Confirm and place");
    updateConfirmButton();
  }

  function allConfirmed() {
    return [...$("of-confirm-list").querySelectorAll("input")].every((b) => b.checked);
  }

  function updateConfirmButton() {
    $("of-submit").disabled = form.inFlight || !trading || !!form.sentOrderId ||
                              (form.confirmations.length > 0 && !allConfirmed());
  }

  async function submitOrder(event) {
    event.preventDefault();
    if (form.inFlight || form.sentOrderId || !trading)
      return;
    const root = $("order-form");
    clearErrors(root);
    const body = readOrder();
    if (!body)
      return;
    if (form.confirmations.length) {
      if (!allConfirmed()) {
        showError(root, "_form", "Tick every check to confirm it");
        return;
      }
      body.confirm = form.confirmations.map((c) => c.rule).filter((r) => r);
    }
    const signature = JSON.stringify(body);
    if (signature !== form.signature) {
      form.signature = signature;
      form.key = newKey();
    }
    form.inFlight = true;
    setLocked(true);
    outcome("Sending…", "pending");
    try {
      const answer = await ctx.api("POST", "orders/place", body, { "Idempotency-Key": form.key });
      placed(answer || {});
    } catch (e) {
      refused(e, body);
    } finally {
      form.inFlight = false;
      if (!form.sentOrderId)
        setLocked(false);
      updateConfirmButton();
    }
  }

  function placed(answer) {
    form.sentOrderId = typeof answer.order_id === "string" && answer.order_id ? answer.order_id : "?";
    resetConfirmations();
    $("of-submit").disabled = true;
    outcome("Sent as order " + form.sentOrderId + (answer.message ? " — " + answer.message : ""), "pending");
    ctx.addActivity("command", "Order " + form.sentOrderId + " sent from this page");
    const known = ctx.state.orders.get(form.sentOrderId);
    if (known)
      orderUpdated(known);
  }

  function refused(e, body) {
    const root = $("order-form");
    if (e.status === 0 || e.status === 502 || e.status === 504) {
      /* No answer from Quarterdeck itself (a proxy may time out while the order goes
       * through): unknown whether it was placed. The same key makes a retry safe. */
      outcome("No answer from the server: the order may or may not have been placed. Check the orders before sending it again.", "error");
      return;
    }
    form.key = null;
    form.signature = "";
    if (e.status === 400) {
      const findings = findingsOf(e.body);
      const warnings = findings.filter((f) => f.severity === "warning");
      const errors = findings.filter((f) => f.severity === "error");
      for (const f of errors)
        showError(root, f.field, f.message);
      if (!errors.length && warnings.length) {
        showConfirmations(warnings);
        outcome("Not sent: confirm the checks below, then place it.", "warning");
        return;
      }
      if (!findings.length)
        showError(root, "_form", e.message);
      resetConfirmations();
      outcome("Not sent: fix the fields marked.", "error");
      return;
    }
    outcome("Not sent: " + e.message, "error");
  }

  /* Follow the sent order as its updates arrive. */
  function orderUpdated(o) {
    if (!form.sentOrderId || o.order_id !== form.sentOrderId)
      return;
    const s = o.symbol || "";
    let text = "Order " + o.order_id + ": " + (o.status || "?");
    let kind = "pending";
    if (o.status === "Filled") {
      text = "Filled " + (o.action || "") + " " + F.quantity(o.filled_quantity) + " " + s
             + (F.isNumber(o.avg_fill_price) ? " @ " + F.price(s, o.avg_fill_price) : "");
      kind = "success";
    } else if (o.status === "Inactive") {
      text = "Order " + o.order_id + " rejected";
      kind = "error";
    } else if (o.status === "Cancelled" || o.status === "ApiCancelled") {
      kind = "dim";
    } else if (o.filled_quantity > 0) {
      text += ", filled " + F.quantity(o.filled_quantity) + " of " + F.quantity(o.total_quantity);
    }
    outcome(text, kind);
  }

  function newOrder() {
    const root = $("order-form");
    form.sentOrderId = null;
    form.key = null;
    form.signature = "";
    clearErrors(root);
    resetConfirmations();
    outcome("", "");
    setLocked(false);
    $("of-symbol").focus();
  }

  /* Any edit after a refusal starts over: the confirmations were for the old order. */
  function edited(event) {
    if (event && event.target.closest("#of-confirm"))
      return;
    if (form.confirmations.length)
      resetConfirmations();
    renderSummary();
    renderQuoteLine();
  }

  /* ---- cancel and modify ---- */

  function tableOutcome(text, kind) {
    const span = $("orders-outcome");
    F.setText(span, text);
    span.className = "outcome " + (kind || "");
  }

  const cancelling = new Set();

  async function cancel(orderId) {
    if (!trading || cancelling.has(orderId))
      return;
    cancelling.add(orderId);
    tableOutcome("Cancelling " + orderId + "…", "pending");
    try {
      const answer = await ctx.api("POST", "orders/" + encodeURIComponent(orderId) + "/cancel", {});
      tableOutcome("Cancel of " + orderId + " requested" + (answer && answer.message ? ": " + answer.message : ""), "pending");
    } catch (e) {
      tableOutcome("Cancel of " + orderId + " refused: " + e.message, "error");
    } finally {
      cancelling.delete(orderId);
    }
  }

  let modifying = null;

  function openModify(orderId) {
    const o = ctx.state.orders.get(orderId);
    if (!o || !trading)
      return;
    modifying = o;
    const root = $("modify-form");
    clearErrors(root);
    F.setText($("md-order"), o.order_id);
    F.setText($("md-what"), [o.action, F.quantity(o.total_quantity), o.symbol, o.order_type, o.status].join(" "));
    $("md-quantity").value = F.isNumber(o.total_quantity) ? String(o.total_quantity) : "";
    $("md-limit").value = F.isNumber(o.limit_price) ? String(o.limit_price) : "";
    $("md-stop").value = F.isNumber(o.stop_price) ? String(o.stop_price) : "";
    $("md-limit-field").hidden = !(o.order_type === "LMT" || o.order_type === "STP LMT");
    $("md-stop-field").hidden = !(o.order_type === "STP" || o.order_type === "STP LMT");
    $("md-submit").disabled = false;
    $("modify-dialog").showModal();
  }

  /* Only what changed is sent. */
  function readModification(o) {
    const root = $("modify-form");
    const body = {};
    let ok = true;
    const check = (id, field, name, current) => {
      if ($(id).closest(".field").hidden)
        return;
      const v = readNumber($(id));
      if (v.empty) {
        showError(root, field, field === "quantity" ? "Enter a quantity" : "Enter a " + name.toLowerCase());
        ok = false;
      } else if (v.invalid || v.value <= 0) {
        showError(root, field, name + " " + v.text + " must be above zero");
        ok = false;
      } else if (v.value !== current) {
        body[field] = v.value;
      }
    };
    check("md-quantity", "quantity", "Quantity", o.total_quantity);
    check("md-limit", "limit_price", "Limit price", o.limit_price);
    check("md-stop", "stop_price", "Stop price", o.stop_price);
    if (ok && Object.keys(body).length === 0) {
      showError(root, "_form", "Nothing changed");
      ok = false;
    }
    return ok ? body : null;
  }

  async function submitModify(event) {
    event.preventDefault();
    const root = $("modify-form");
    const o = modifying;
    if (!o)
      return;
    clearErrors(root);
    const body = readModification(o);
    if (!body)
      return;
    $("md-submit").disabled = true;
    try {
      const answer = await ctx.api("PUT", "orders/" + encodeURIComponent(o.order_id) + "/modify", body);
      $("modify-dialog").close();
      tableOutcome("Modification of " + o.order_id + " requested" + (answer && answer.message ? ": " + answer.message : ""), "pending");
    } catch (e) {
      $("md-submit").disabled = false;
      if (e.status === 400) {
        const findings = findingsOf(e.body);
        for (const f of findings)
          showError(root, f.field, f.message);
        if (!findings.length)
          showError(root, "_form", e.message);
      } else {
        showError(root, "_form", e.message);
      }
    }
  }

  /* ---- trading on or off (viewer tokens) ---- */

  function setTrading(enabled, reason) {
    trading = enabled;
    const notice = $("ticket-disabled");
    notice.hidden = enabled;
    F.setText(notice, reason || "");
    $("order-form").hidden = !enabled;
    setLocked(!!form.sentOrderId);
    if (!enabled && $("modify-dialog").open)
      $("modify-dialog").close();
  }

  function quoteUpdated(symbol) {
    if ($("of-symbol").value.trim().toUpperCase() === symbol)
      renderQuoteLine();
  }

  function init(c) {
    ctx = c;
    const formNode = $("order-form");
    formNode.addEventListener("submit", submitOrder);
    formNode.addEventListener("input", edited);
    formNode.addEventListener("change", (event) => { updatePriceFields(); edited(event); });
    $("of-reset").addEventListener("click", newOrder);
    $("modify-form").addEventListener("submit", submitModify);
    $("md-close").addEventListener("click", () => $("modify-dialog").close());
    updatePriceFields();
  }

  return { init, setTrading, orderUpdated, quoteUpdated, cancel, openModify, findingsOf };
})();
