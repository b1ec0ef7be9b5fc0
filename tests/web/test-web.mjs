// SPDX-License-Identifier: GPL-3.0-or-later
// The web page in headless Chromium against a real `quarterdeck --headless --demo`:
// sign-in, live data, orders that fill on the paper venue, errors, confirmations, modify and
// cancel, viewer tokens, reconnecting, debug logging, phone width. Prints TAP.
//
// usage: node test-web.mjs QUARTERDECK_BINARY OUTPUT_DIR
import { mkdtempSync, rmSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Nginx, Quarterdeck, Tap, assert, assertMatch, waitFor } from "./harness.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [binary, outDir] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const webDir = join(here, "..", "..", "src", "web");

const CASES = 18;
const tap = new Tap(CASES);
const qd = new Quarterdeck(binary);
const profile = mkdtempSync(join(tmpdir(), "qd-chromium-"));
let context = null;
let proxy = null;         // the nginx of the proxy case, while it runs
let page = null;
const problems = [];       // console errors, CSP violations, page errors
const debugLines = [];

async function launch() {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.QD_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    ignoreHTTPSErrors: true,   // the nginx case's self-signed certificate
    viewport: { width: 1400, height: 1000 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(15000);
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error")
      problems.push("console: " + text);
    if (text.startsWith("websocket:"))
      debugLines.push(text);
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
}

const text = (sel) => page.locator(sel).first().textContent();
const visible = (sel) => page.locator(sel).first().isVisible();

async function waitText(sel, re, what) {
  await waitFor(what || sel + " ~ " + re, async () => re.test((await text(sel)) || ""));
}

async function fillOrder({ symbol, side = "BUY", quantity, type = "MKT", tif = "DAY", limit, stop }) {
  await page.fill("#of-symbol", symbol);
  await page.check('#order-form input[name="action"][value="' + side + '"]', { force: true });
  await page.fill("#of-quantity", quantity);
  await page.selectOption("#of-type", type);
  await page.selectOption("#of-tif", tif);
  if (limit !== undefined)
    await page.fill("#of-limit", limit);
  if (stop !== undefined)
    await page.fill("#of-stop", stop);
}

async function newOrder() {
  await page.click("#of-reset");
}

async function showOrders(filter) {
  await page.check('input[name="order-filter"][value="' + filter + '"]', { force: true });
}

function orderRow(id) {
  return page.locator('#orders-table tbody tr[data-key="' + id + '"]');
}

async function ordersCount(token) {
  const r = await qd.api("GET", "orders", token);
  assert(r.status === 200, "GET orders answers 200, not " + r.status);
  return r.body.orders.length;
}

async function main() {
  await qd.start();
  await launch();
  const trader = qd.token("trader");
  const viewer = qd.token("viewer");
  let sentId = null;
  let workingId = null;

  await tap.run("the page loads without a token as a loopback viewer, trading hidden with the reason", async () => {
    await page.goto(qd.url);
    await page.waitForSelector("#dashboard", { state: "visible" });
    await waitText("#role-badge", /Viewer/);
    assert(await visible("#ticket-disabled"), "the reason is shown");
    assertMatch(await text("#ticket-disabled"), /trader token/, "reason");
    assert(!(await visible("#order-form")), "the order form is hidden");
    assert(await visible("#sign-in-button"), "a way to sign in to trade");
  });

  await tap.run("a wrong token is refused on the sign-in form", async () => {
    await page.click("#sign-in-button");
    await page.fill("#login-token", "not-a-token");
    await page.click('#login-form button[type="submit"]');
    await waitText("#login-error", /refused/);
    assert(!(await visible("#dashboard")), "still on the sign-in form");
  });

  await tap.run("the trader token signs in; connection, account, quotes and orders arrive live", async () => {
    assert(trader, "the server wrote a trader token");
    await page.fill("#login-token", trader);
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector("#order-form", { state: "visible" });
    await waitFor("socket live", async () => (await page.getAttribute("#socket-pill", "data-state")) === "live");
    await waitText("#conn-state", /^Connected$/);
    await waitText("#acct-net_liquidation", /^\d{1,3}(,\d{3})*\.\d{2}$/, "net liquidation in money format");
    await waitFor("quotes", async () => (await page.locator("#quotes-table tbody tr").count()) >= 5);
    const bid = await text('#quotes-table tbody tr[data-key="AAPL"] td:nth-child(2)');
    assertMatch(bid, /^\d{1,3}(,\d{3})*\.\d{2}$/, "AAPL bid with two decimals");
    const align = await page.locator('#quotes-table tbody tr[data-key="AAPL"] td:nth-child(2)')
      .evaluate((td) => getComputedStyle(td).textAlign + " " + getComputedStyle(td).fontVariantNumeric);
    assertMatch(align, /^right .*tabular-nums/, "numbers right-aligned with tabular figures");
    // The quote moves: the page follows the stream, not a one-off load.
    const first = await text("#quotes-table tbody");
    await waitFor("a quote update", async () => (await text("#quotes-table tbody")) !== first);
    const stored = await page.evaluate(() => sessionStorage.getItem("quarterdeck.token"));
    assert(stored === trader, "the token is kept for this tab");
    await page.screenshot({ path: join(outDir, "web-shot.png"), fullPage: true });
  });

  await tap.run("missing fields show the API's messages next to the fields, nothing is sent", async () => {
    await newOrder();
    await page.fill("#of-symbol", "");
    await page.fill("#of-quantity", "");
    await page.selectOption("#of-type", "LMT");
    await page.fill("#of-limit", "");
    let sent = false;
    const watch = (req) => { if (req.url().includes("/orders/place")) sent = true; };
    page.on("request", watch);
    await page.click("#of-submit");
    await waitText('#order-form .field-error[data-for="quantity"]', /Enter a quantity/);
    assertMatch(await text('#order-form .field-error[data-for="symbol"]'), /Choose an instrument/, "symbol");
    assertMatch(await text('#order-form .field-error[data-for="limit_price"]'), /Enter a limit price for a limit order/, "limit");
    page.off("request", watch);
    assert(!sent, "no request for an order with missing fields");
  });

  await tap.run("the server's 400 field errors are shown next to the fields", async () => {
    await newOrder();
    await fillOrder({ symbol: "AAPL", quantity: "0.5", type: "MKT" });
    const answer = page.waitForResponse((r) => r.url().includes("/orders/place"));
    await page.click("#of-submit");
    const response = await answer;
    assert(response.status() === 400, "the server answers 400, not " + response.status());
    await waitText('#order-form .field-error[data-for="quantity"]', /0\.5/, "the server's quantity message");
    assertMatch(await text("#of-outcome"), /Not sent/, "outcome");
  });

  await tap.run("a market order placed from the page fills on the paper venue", async () => {
    await newOrder();
    const before = await ordersCount(trader);
    await fillOrder({ symbol: "AAPL", quantity: "3", type: "MKT" });
    const request = page.waitForRequest((r) => r.url().includes("/orders/place"));
    await page.click("#of-submit");
    const req = await request;
    assert((req.headers()["idempotency-key"] || "").length >= 16, "an Idempotency-Key is sent");
    const body = JSON.parse(req.postData());
    assert(body.symbol === "AAPL" && body.action === "BUY" && body.quantity === 3 &&
           body.order_type === "MKT" && body.time_in_force === "DAY", "the body is the seed's IBOrderRequest");
    await waitText("#of-outcome", /^Filled BUY 3 AAPL @ \d+\.\d{2}$/, "the fill shown as it arrives");
    sentId = await page.evaluate(() => [...QdApp.state.orders.values()].find((o) => o.total_quantity === 3 && o.symbol === "AAPL").order_id);
    await showOrders("filled");
    await waitFor("the filled order row", async () => (await orderRow(sentId).count()) === 1);
    assertMatch(await orderRow(sentId).locator("td").nth(2).getAttribute("class"), /buy/, "BUY coloured");
    assert((await ordersCount(trader)) === before + 1, "exactly one order placed");
    assert(await page.locator('#positions-table tbody tr td.symbol', { hasText: "AAPL" }).count() >= 1, "AAPL position shown");
  });

  await tap.run("a double click places one order", async () => {
    await newOrder();
    const before = await ordersCount(trader);
    let requests = 0;
    const watch = (req) => { if (req.url().includes("/orders/place")) requests++; };
    page.on("request", watch);
    await fillOrder({ symbol: "MSFT", side: "SELL", quantity: "2", type: "MKT" });
    await page.dblclick("#of-submit");
    await waitText("#of-outcome", /Filled SELL 2 MSFT/);
    await page.click("#of-submit", { force: true, trial: false }).catch(() => {});
    page.off("request", watch);
    assert(requests === 1, "one request, not " + requests);
    assert((await ordersCount(trader)) === before + 1, "exactly one order placed");
    assert(await page.locator("#of-submit").isDisabled(), "the form stays locked on the sent order");
  });

  await tap.run("precautionary checks are listed, confirmed one by one and resent with the confirmation", async () => {
    await newOrder();
    await fillOrder({ symbol: "AAPL", quantity: "1", type: "LMT", limit: "150.00" });
    const first = page.waitForResponse((r) => r.url().includes("/orders/place"));
    await page.click("#of-submit");
    assert((await first).status() === 400, "the server asks for confirmation");
    await page.waitForSelector("#of-confirm", { state: "visible" });
    const boxes = page.locator("#of-confirm-list input[type=checkbox]");
    const n = await boxes.count();
    assert(n >= 1, "the checks are listed");
    assertMatch(await text("#of-confirm-list"), /away from the market/, "the price-distance check");
    assert(await page.locator("#of-submit").isDisabled(), "nothing can be sent before every check is ticked");
    for (let i = 0; i < n; i++)
      await boxes.nth(i).check();
    const second = page.waitForRequest((r) => r.url().includes("/orders/place"));
    const answer = page.waitForResponse((r) => r.url().includes("/orders/place"));
    await page.click("#of-submit");
    const body = JSON.parse((await second).postData());
    assert(Array.isArray(body.confirm) && body.confirm.length === n, "the confirmations are sent");
    assert((await answer).status() === 200, "the confirmed order is accepted");
    await waitText("#of-outcome", /Submitted|Sent as order/, "the order is working");
    workingId = (await (await answer).json()).order_id;
    assert(workingId, "an order id");
  });

  await tap.run("Modify changes a working order's price; Cancel cancels it", async () => {
    await showOrders("working");
    const row = orderRow(workingId);
    await waitFor("the working order row", async () => (await row.count()) === 1);
    await waitFor("the order accepted", async () => /Submitted/.test(await row.locator("td").nth(9).textContent()));
    await row.locator("button.modify").click();
    await page.waitForSelector("#modify-dialog[open]");
    await page.fill("#md-limit", "151.00");
    const put = page.waitForResponse((r) => r.url().includes("/modify"));
    await page.click("#md-submit");
    const answer = await put;
    if (answer.status() === 400) {
      // The modify may ask for the same confirmation: then the message is next to the field.
      assertMatch(await text("#modify-form"), /market/, "the server's reason shown");
      await page.click("#md-close");
    } else {
      assert(answer.status() === 200, "modify accepted, not " + answer.status() + " " + await answer.text());
      await waitFor("the new limit", async () => (await row.locator("td").nth(6).textContent()) === "151.00");
    }
    await row.locator("button.cancel").click();
    await waitFor("the order cancelled", async () => (await row.count()) === 0);
    await showOrders("cancelled");
    await waitFor("in the cancelled list", async () => (await orderRow(workingId).count()) === 1);
    assertMatch(await orderRow(workingId).locator("td").nth(9).textContent(), /Cancelled/, "status");
  });

  await tap.run("the socket state is shown and the page reconnects when the server comes back", async () => {
    await qd.stop();
    await waitFor("the page notices", async () => /waiting|connecting/.test(await page.getAttribute("#socket-pill", "data-state")));
    assertMatch(await text("#socket-pill"), /Reconnecting in \d+ s|Connecting/, "pill text");
    await qd.start();
    await waitFor("live again", async () => (await page.getAttribute("#socket-pill", "data-state")) === "live", 40000);
    await waitFor("quotes flow again", async () => {
      const a = await text("#quotes-table tbody");
      await new Promise((r) => setTimeout(r, 400));
      return a !== (await text("#quotes-table tbody"));
    });
  });

  await tap.run("localStorage.debug = 'websocket:*' logs the WebSocket messages to the console", async () => {
    await page.evaluate(() => localStorage.setItem("debug", "websocket:*"));
    debugLines.length = 0;
    await page.reload();
    // The old page logs too until it unloads: the new page's snapshot is what counts.
    await waitFor("the snapshot and live quotes logged", async () =>
      debugLines.some((l) => l.startsWith("websocket:message ib_connection")) &&
      debugLines.some((l) => l.startsWith("websocket:message ib_quote")));
    const state = await page.evaluate(() => [localStorage.getItem("debug"), document.readyState]);
    assert(state[0] === "websocket:*", "the switch is the seed's");
    await page.evaluate(() => localStorage.removeItem("debug"));
  });

  await tap.run("at phone width tables become cards and nothing scrolls sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await showOrders("all");
    await page.waitForSelector("#orders-table tbody tr");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, "page wider than the screen by " + overflow + " px");
    const head = await page.locator("#orders-table thead").evaluate((n) => getComputedStyle(n).display);
    assert(head === "none", "the table header is hidden, rows are cards");
    const label = await page.locator("#orders-table tbody tr td:nth-child(5)").first()
      .evaluate((td) => getComputedStyle(td, "::before").content);
    assertMatch(label, /Quantity/, "each value is labelled");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(outDir, "web-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  await tap.run("a viewer token can watch but not trade, and says why", async () => {
    await page.click("#logout-button");
    await page.waitForSelector("#login-view", { state: "visible" });
    await page.fill("#login-token", viewer);
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector("#dashboard", { state: "visible" });
    await waitText("#role-badge", /Viewer/);
    assert(await visible("#ticket-disabled"), "the reason is shown");
    assert(!(await visible("#order-form")), "no order form");
    await showOrders("all");
    assert((await page.locator("#orders-table button:visible").count()) === 0, "no Modify or Cancel buttons");
    const r = await qd.api("POST", "orders/place", viewer,
                           { symbol: "AAPL", action: "BUY", quantity: 1, order_type: "MKT", time_in_force: "DAY" });
    assert(r.status === 403, "and the server refuses it too (" + r.status + ")");
  });

  await tap.run("logging out forgets the token", async () => {
    await page.evaluate(() => { sessionStorage.clear(); });
    await page.reload();
    await page.click("#sign-in-button");
    await page.fill("#login-token", trader);
    await page.check("#login-remember");
    await page.click('#login-form button[type="submit"]');
    await page.waitForSelector("#order-form", { state: "visible" });
    assert(await page.evaluate(() => localStorage.getItem("quarterdeck.token")) === trader, "remembered");
    await page.click("#logout-button");
    await page.waitForSelector("#login-view", { state: "visible" });
    const left = await page.evaluate(() => [localStorage.getItem("quarterdeck.token"), sessionStorage.getItem("quarterdeck.token")]);
    assert(left[0] === null && left[1] === null, "no token stored");
  });

  await tap.run("a remembered token the server no longer takes brings back the sign-in form", async () => {
    await page.evaluate(() => localStorage.setItem("quarterdeck.token", "a-token-from-before"));
    await page.reload();
    await page.waitForSelector("#login-view", { state: "visible" });
    await waitText("#login-error", /refused this token/);
    assert(await page.evaluate(() => localStorage.getItem("quarterdeck.token")) === null, "the stale token is forgotten");
    assert(!(await visible("#dashboard")), "nothing shown without a valid token");
  });

  await tap.run("behind the nginx example over TLS the page asks for a token, then runs live over wss", async () => {
    const nginx = proxy = new Nginx(join(here, "..", "..", "build-aux", "nginx", "quarterdeck.conf"), qd.port);
    try {
      await nginx.start();
      await page.goto(nginx.url);
      // Forwarded requests are never local viewers: a 401, so the sign-in form.
      await page.waitForSelector("#login-view", { state: "visible" });
      await page.fill("#login-token", trader);
      await page.click('#login-form button[type="submit"]');
      await page.waitForSelector("#order-form", { state: "visible" });
      await waitFor("wss live", async () => (await page.getAttribute("#socket-pill", "data-state")) === "live");
      const first = await text("#quotes-table tbody");
      await waitFor("quotes through the proxy", async () => (await text("#quotes-table tbody")) !== first);
      assert(page.url().startsWith("https://"), "served over TLS");
      await page.evaluate(() => sessionStorage.clear());
    } finally {
      await page.goto("about:blank");
      await nginx.stop();
      proxy = null;
    }
  });

  await tap.run("data is never written as HTML: no innerHTML in the page's scripts", async () => {
    for (const f of readdirSync(webDir).filter((f) => f.endsWith(".js")))
      assert(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(readFileSync(join(webDir, f), "utf8")), f);
    assert(!/<script>|\sstyle=|\son[a-z]+=/.test(readFileSync(join(webDir, "index.html"), "utf8")), "no inline script or style");
  });

  await tap.run("no page errors and no Content-Security-Policy violations", async () => {
    const real = problems.filter((p) => !/Failed to load resource|WebSocket connection to/.test(p));
    assert(real.length === 0, real.join("\n"));
  });
}

// Stopped from outside (a timeout): take the servers down too.
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    for (const server of [qd, proxy])
      if (server && server.proc)
        server.proc.kill("SIGKILL");
    qd.cleanup();
    process.exit(1);
  });

try {
  await main();
} catch (e) {
  console.log("# harness: " + String(e && e.stack ? e.stack : e).split("\n").join("\n# "));
  console.log("# quarterdeck output:\n# " + qd.output.slice(-3000).split("\n").join("\n# "));
} finally {
  if (tap.failed && qd.output)
    console.log("# quarterdeck said:\n# " + qd.output.slice(-3000).split("\n").join("\n# "));
  for (let i = tap.n; i < CASES; i++)
    console.log("not ok " + (i + 1) + " - not run");
  if (context)
    await context.close().catch(() => {});
  await qd.stop();
  qd.cleanup();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(tap.failed || tap.n < CASES ? 1 : 0);
