/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quarterdeck web page: number and time formatting, DOM helpers. Every value is set as text,
 * never parsed as markup. */
"use strict";

const QdFormat = (() => {
  const formatters = new Map();

  function formatter(decimals) {
    let f = formatters.get(decimals);
    if (!f) {
      f = new Intl.NumberFormat("en-US", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
      formatters.set(decimals, f);
    }
    return f;
  }

  /* Digits after the point as the number was written ("187.1" -> 1, 1e-7 -> 7). */
  function decimalsOf(value) {
    if (typeof value !== "number" || !Number.isFinite(value))
      return 0;
    const text = String(value);
    const e = text.indexOf("e-");
    if (e >= 0) {
      const mantissa = text.slice(0, e);
      const dot = mantissa.indexOf(".");
      return Number(text.slice(e + 2)) + (dot >= 0 ? mantissa.length - dot - 1 : 0);
    }
    const dot = text.indexOf(".");
    return dot >= 0 ? text.length - dot - 1 : 0;
  }

  function isNumber(value) {
    return typeof value === "number" && Number.isFinite(value);
  }

  /* A fixed number of decimals; "—" when unknown. */
  function number(value, decimals) {
    if (!isNumber(value))
      return "—";
    const text = formatter(Math.min(Math.max(decimals, 0), 10)).format(value);
    /* Intl writes "-0.00" for tiny negatives; a trader reads that as a loss. */
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  }

  function money(value) {
    return number(value, 2);
  }

  /* Quantities: whole numbers plain, fractional ones with the digits they carry. */
  function quantity(value) {
    return number(value, Math.min(decimalsOf(value), 8));
  }

  /* Prices: at least two decimals, more where the instrument quotes finer. Only quotes teach
   * the precision: a midpoint or an average cost has digits the instrument does not. */
  const priceDecimals = new Map();

  function notePrice(symbol, value) {
    if (!isNumber(value) || !symbol)
      return;
    const d = Math.min(Math.max(decimalsOf(value), 2), 8);
    if (d > (priceDecimals.get(symbol) || 2))
      priceDecimals.set(symbol, d);
  }

  function price(symbol, value) {
    return number(value, priceDecimals.get(symbol) || 2);
  }

  /* "gain" / "loss" / "" for P&L colours. */
  function signClass(value) {
    if (!isNumber(value) || value === 0)
      return "";
    return value > 0 ? "gain" : "loss";
  }

  function signed(value, decimals) {
    if (!isNumber(value))
      return "—";
    const text = number(value, decimals);
    return value > 0 && text !== number(0, decimals) ? "+" + text : text;
  }

  /* Local time of an ISO-8601 string or a UNIX time in seconds or milliseconds. */
  function toDate(value) {
    if (typeof value === "string" && value !== "") {
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    if (isNumber(value) && value > 0)
      return new Date(value < 1e12 ? value * 1000 : value);
    return null;
  }

  function pad(n, width) {
    return String(n).padStart(width, "0");
  }

  function time(value) {
    const d = toDate(value);
    if (!d)
      return "—";
    return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
  }

  function dateTime(value) {
    const d = toDate(value);
    if (!d)
      return "—";
    return d.getFullYear() + "-" + pad(d.getMonth() + 1, 2) + "-" + pad(d.getDate(), 2) + " " + time(d.getTime());
  }

  function age(value) {
    const d = toDate(value);
    if (!d)
      return "";
    const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
    if (s < 60)
      return s + " s ago";
    if (s < 3600)
      return Math.floor(s / 60) + " min ago";
    return Math.floor(s / 3600) + " h ago";
  }

  /* Element builder: el("td", {className: "num"}, "text" | Node ...). Text only. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (key === "dataset")
          Object.assign(node.dataset, value);
        else if (key === "attrs")
          for (const [a, v] of Object.entries(value))
            node.setAttribute(a, v);
        else
          node[key] = value;
      }
    }
    for (const child of children) {
      if (child === null || child === undefined)
        continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setText(node, text) {
    if (node && node.textContent !== text)
      node.textContent = text;
  }

  /* `localStorage.debug = 'websocket:*'` (the seed's tip) logs every WebSocket message. */
  function debugEnabled(namespace) {
    let pattern = "";
    try {
      pattern = window.localStorage.getItem("debug") || "";
    } catch (e) {
      return false;
    }
    return pattern.split(/[\s,]+/).some((p) => {
      if (p === "*" || p === namespace)
        return true;
      return p.endsWith("*") && namespace.startsWith(p.slice(0, -1));
    });
  }

  function debug(namespace, ...args) {
    if (debugEnabled(namespace))
      console.debug(namespace, ...args);
  }

  return {
    decimalsOf, isNumber, number, money, quantity, price, notePrice, signClass, signed,
    time, dateTime, age, el, setText, debug, debugEnabled,
  };
})();
