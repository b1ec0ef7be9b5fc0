// SPDX-License-Identifier: GPL-3.0-or-later
// Test harness for the web page: a real `quarterdeck --headless --demo` on a free loopback
// port with temp XDG dirs, headless Chromium, and TAP output.
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(what, fn, timeoutMs = 15000, stepMs = 100) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v)
        return v;
    } catch (e) {
      last = e;
    }
    await sleep(stepMs);
  }
  throw new Error("timed out waiting for " + what + (last ? ": " + last.message : ""));
}

// One quarterdeck process; restartable on the same port and dirs (tokens survive).
export class Quarterdeck {
  constructor(binary, extraArgs = []) {
    this.binary = binary;
    this.extraArgs = extraArgs;
    this.root = mkdtempSync(join(tmpdir(), "qd-web-"));
    this.proc = null;
    this.output = "";
  }

  env() {
    return Object.assign({}, process.env, {
      XDG_CONFIG_HOME: join(this.root, "config"),
      XDG_DATA_HOME: join(this.root, "data"),
      XDG_CACHE_HOME: join(this.root, "cache"),
      XDG_STATE_HOME: join(this.root, "state"),
      HOME: this.root,
      GSETTINGS_BACKEND: "memory",
    });
  }

  async start() {
    if (!this.port)
      this.port = await freePort();
    const args = ["--headless", "--demo", "--server=127.0.0.1:" + this.port,
                  "--demo-trade-interval=0", "--summary-interval=3600", ...this.extraArgs];
    // QD_TEST_WRAPPER="gdb -batch -ex run -ex bt --args" (or valgrind) to look inside.
    const wrapper = (process.env.QD_TEST_WRAPPER || "").split(" ").filter((w) => w);
    const argv = [...wrapper, this.binary, ...args];
    this.proc = spawn(argv[0], argv.slice(1), { env: this.env(), stdio: ["ignore", "pipe", "pipe"] });
    if (process.env.QD_TEST_LOG)
      this.proc.stderr.pipe(createWriteStream(process.env.QD_TEST_LOG, { flags: "a" }));
    this.proc.stdout.on("data", (d) => { this.output = (this.output + d).slice(-20000); });
    this.proc.stderr.on("data", (d) => { this.output = (this.output + d).slice(-20000); });
    const proc = this.proc;
    let exited = false;
    proc.on("exit", (code, signal) => {
      exited = true;
      if (this.proc === proc)
        this.output += "\n[quarterdeck exited: " + (signal || code) + "]\n";
    });
    await waitFor("the server on port " + this.port, async () => {
      if (exited)
        throw new Error("quarterdeck exited: " + this.output.slice(-2000));
      const r = await fetch(this.url);
      return r.ok;
    }, 30000);
    return this;
  }

  get url() {
    return "http://127.0.0.1:" + this.port + "/";
  }

  token(role) {
    const file = join(this.root, "config", "quarterdeck", role + "-token");
    return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
  }

  async api(method, path, token, body, headers = {}) {
    const init = { method, headers: Object.assign({ Accept: "application/json" }, headers) };
    if (token)
      init.headers.Authorization = "Bearer " + token;
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const r = await fetch(this.url + "api/v1/ib/" + path, init);
    let json = null;
    try {
      json = await r.json();
    } catch (e) {
      json = null;
    }
    return { status: r.status, body: json };
  }

  async stop() {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null)
      return;
    const gone = new Promise((resolve) => proc.on("exit", resolve));
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
    await gone;
    clearTimeout(timer);
  }

  cleanup() {
    rmSync(this.root, { recursive: true, force: true });
  }
}

// TAP: one line per case; a failing case prints its error as a diagnostic.
export class Tap {
  constructor(total) {
    this.n = 0;
    this.failed = 0;
    console.log("1.." + total);
  }

  async run(name, fn) {
    this.n++;
    try {
      await fn();
      console.log("ok " + this.n + " - " + name);
    } catch (e) {
      this.failed++;
      console.log("not ok " + this.n + " - " + name);
      for (const line of String(e && e.stack ? e.stack : e).split("\n"))
        console.log("# " + line);
    }
  }
}

export function assert(cond, message) {
  if (!cond)
    throw new Error("assertion failed: " + message);
}

export function assertMatch(text, re, what) {
  if (!re.test(String(text)))
    throw new Error(what + ": " + JSON.stringify(text) + " does not match " + re);
}

// build-aux/nginx/quarterdeck.conf with a test's ports and a self-signed certificate, in a
// real nginx (one foreground process, everything under a temp prefix).
export class Nginx {
  constructor(example, upstreamPort) {
    this.example = example;
    this.upstreamPort = upstreamPort;
    this.root = mkdtempSync(join(tmpdir(), "qd-web-nginx-"));
    this.proc = null;
    this.output = "";
  }

  writeConfig() {
    const cert = join(this.root, "cert.pem"), key = join(this.root, "key.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                             "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                 { stdio: "ignore" });
    let site = readFileSync(this.example, "utf8");
    for (const [from, to] of [["server 127.0.0.1:8000;", "server 127.0.0.1:" + this.upstreamPort + ";"],
                              ["listen 443 ssl;", "listen 127.0.0.1:" + this.port + " ssl;"],
                              ["listen [::]:443 ssl;", ""],
                              ["/etc/ssl/certs/quarterdeck.pem", cert],
                              ["/etc/ssl/private/quarterdeck.key", key]]) {
      if (site.split(from).length !== 2)
        throw new Error(this.example + ": no single " + JSON.stringify(from));
      site = site.replace(from, to);
    }
    writeFileSync(join(this.root, "quarterdeck.conf"), site);
    const temp = join(this.root, "temp");
    mkdirSync(temp);
    writeFileSync(join(this.root, "nginx.conf"),
      "daemon off;\nmaster_process off;\nworker_processes 1;\n" +
      `pid ${this.root}/nginx.pid;\nerror_log ${this.root}/error.log info;\n` +
      "events { worker_connections 256; }\n" +
      `http {\n  access_log ${this.root}/access.log;\n` +
      ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${temp}/${t};\n`).join("") +
      `  include ${this.root}/quarterdeck.conf;\n}\n`);
  }

  async start() {
    this.port = await freePort();
    this.writeConfig();
    const binary = process.env.QD_NGINX || (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx");
    this.proc = spawn(binary, ["-p", this.root + "/", "-c", join(this.root, "nginx.conf"),
                               "-e", join(this.root, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
    this.proc.stderr.on("data", (d) => { this.output += d; });
    let exited = false;
    this.proc.on("exit", () => { exited = true; });
    await waitFor("nginx on port " + this.port, () => new Promise((resolve, reject) => {
      if (exited)
        return reject(new Error("nginx exited: " + this.output));
      const socket = connect(this.port, "127.0.0.1", () => { socket.destroy(); resolve(true); });
      socket.on("error", () => resolve(false));
    }));
    return this;
  }

  get url() {
    return "https://127.0.0.1:" + this.port + "/";
  }

  async stop() {
    const proc = this.proc;
    this.proc = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise((resolve) => proc.on("exit", resolve));
      proc.kill("SIGTERM");
      await gone;
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
