/**
 * The app as a Comune runs it (README, "In produzione"): behind a real Caddy with the shipped
 * deploy/Caddyfile, over https on a local name (`tls internal`, Caddy's own CA), with
 * NEXTAUTH_URL https and TRUST_PROXY=1. A server of its own (e2e/server-proprio.ts), because the
 * shared ones run plain http without a proxy.
 * - login over https: `Secure` cookies, HSTS, and the audit log keeps the address Caddy saw,
 *   not one a client wrote in X-Forwarded-For; straight to the app's port, one proxy hop is
 *   believed (which is why only Caddy may reach that port: the firewall of "In produzione");
 * - a revision's files answered by Caddy itself from the published folder, with the bytes of
 *   its SHA256SUMS (plain and brotli) and the app's headers; the latest address left to the app;
 * - /api/salute through Caddy.
 * Caddy's storage and config live in the test's folder; it never touches the system's trust store.
 */
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import type Database from "better-sqlite3";
import { EDIZIONE_PUBBLICATA as SLUG } from "../db/demo/edizioni";
import { cacheControl } from "../lib/publication/file-pubblici";
import { accedi, tentaAccesso, PASSWORD } from "./helpers";
import { avviaServerProprio, leggiDatabase, type ServerProprio } from "./server-proprio";

const CADDY = "/usr/bin/caddy";
const NOME = "bilancio.localhost";
const PORTA_HTTPS = Number(process.env.E2E_PORT_CADDY_HTTPS ?? 8443);
const PORTA_HTTP = Number(process.env.E2E_PORT_CADDY_HTTP ?? 8081);
const PORTA_APP = Number(process.env.E2E_PORT_CADDY_APP ?? 3212);
const PUBBLICO = `https://${NOME}:${PORTA_HTTPS}`;
/** An address from the documentation range (RFC 5737), as a client would forge it. */
const FALSO = "203.0.113.9";

// Only a developer's machine without Caddy skips this; in CI a missing Caddy is a failure.
test.skip(!existsSync(CADDY) && !process.env.CI, `Caddy non è installato (${CADDY}): apt-get install caddy`);
test.describe.configure({ mode: "serial" });

let app: ServerProprio | undefined;
let caddy: ChildProcess | undefined;
let cartellaCaddy = "";

/** The root of Caddy's local CA, made at its first start: the Node client below trusts it, and nothing else does. */
const radiceCaddy = () => readFileSync(path.join(cartellaCaddy, "dati", "pki", "authorities", "local", "root.crt"));

interface Risposta {
  status: number;
  headers: IncomingHttpHeaders;
  corpo: Buffer;
}

function leggiRisposta(req: http.ClientRequest): Promise<Risposta> {
  return new Promise((resolve, reject) => {
    req.on("response", (res) => {
      const parti: Buffer[] = [];
      res.on("data", (c: Buffer) => parti.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, corpo: Buffer.concat(parti) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

/**
 * A request to Caddy over https as a client that checks the certificate against Caddy's CA
 * and the name. Node cannot resolve *.localhost (Chromium does it itself): it connects to
 * 127.0.0.1 and sends the name in SNI and Host. Accept-Encoding exactly as given.
 */
function viaCaddy(percorso: string, intestazioni: Record<string, string> = {}): Promise<Risposta> {
  return leggiRisposta(
    https.request({
      host: "127.0.0.1",
      port: PORTA_HTTPS,
      servername: NOME,
      ca: radiceCaddy(),
      path: percorso,
      headers: { Host: `${NOME}:${PORTA_HTTPS}`, ...intestazioni },
      agent: false,
      timeout: 60_000,
    }),
  );
}

/** A request straight to the app's port, bypassing Caddy (as only Caddy may in production). */
function direttoAllApp(percorso: string, intestazioni: Record<string, string> = {}): Promise<Risposta> {
  const u = new URL(percorso, app!.url);
  return leggiRisposta(http.request({ host: u.hostname, port: u.port, path: u.pathname, headers: intestazioni, agent: false, timeout: 60_000 }));
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The test server's audit log, read-only. */
const registro = <T>(f: (db: Database.Database) => T): T => leggiDatabase(app!.database, f);

/** The last row of the audit log so far: the logins of a step are the rows after it. */
const segnaRegistro = (): number => registro((db) => (db.prepare("SELECT coalesce(max(id), 0) AS id FROM audit_log").get() as { id: number }).id);

/** The address of a user's successful login recorded after `dopo`, or undefined while there is none. */
const ipAccesso = (email: string, dopo: number): string | null | undefined =>
  registro((db) => (db.prepare("SELECT ip FROM audit_log WHERE azione = 'accesso' AND attore = ? AND id > ? ORDER BY id LIMIT 1").get(email, dopo) as { ip: string | null } | undefined)?.ip);

/** The highest revision folder of the edition that is whole (its manifest is there), or null. */
function revisionePronta(radice: string): number | null {
  if (!existsSync(radice)) return null;
  const pronte = readdirSync(radice)
    .filter((n) => /^[1-9]\d*$/.test(n) && existsSync(path.join(radice, n, ".origine.json")))
    .map(Number);
  return pronte.length ? Math.max(...pronte) : null;
}

/**
 * Waits for the server to make the edition's files after its start (pages, the PDF through
 * Chromium, in a child process): the real condition is the folder itself. On timeout, says
 * what the health check and the server's log say about it.
 */
async function attendiRevisione(radice: string, entroMs: number): Promise<number> {
  const limite = Date.now() + entroMs;
  for (;;) {
    const n = revisionePronta(radice);
    if (n !== null) return n;
    if (Date.now() > limite) {
      const salute = await viaCaddy("/api/salute").then((r) => r.corpo.toString("utf8"), (e: Error) => e.message);
      const log = readFileSync(app!.log, "utf8").split("\n").filter((r) => /sito|pdf|errore/i.test(r) && !r.includes('"richiesta"'));
      throw new Error(`Nessuna cartella pronta in ${radice} dopo ${entroMs / 1000} s.\n/api/salute: ${salute}\n${log.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** SHA256SUMS as sha256sum writes it: "<hex>  <file>" a line. */
function somme(testo: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const riga of testo.split("\n")) {
    const r = /^([0-9a-f]{64}) [ *](.+)$/.exec(riga);
    if (r) m.set(r[2], r[1]);
  }
  return m;
}

/**
 * The Caddyfile of the test: the shipped deploy/Caddyfile, imported as it is, its variables in
 * Caddy's environment, and before it only the global options a test needs: unprivileged ports,
 * loopback only, no admin endpoint, storage in the test's folder, no change to the system's
 * trust store.
 */
function scriviCaddyfile(): string {
  const file = path.join(cartellaCaddy, "Caddyfile");
  writeFileSync(
    file,
    [
      "{",
      "\tadmin off",
      "\tskip_install_trust",
      `\thttp_port ${PORTA_HTTP}`,
      `\thttps_port ${PORTA_HTTPS}`,
      "\tdefault_bind 127.0.0.1",
      "\tstorage file_system {",
      `\t\troot "${path.join(cartellaCaddy, "dati")}"`,
      "\t}",
      "}",
      `import "${path.resolve("deploy/Caddyfile")}"`,
      "",
    ].join("\n"),
  );
  return file;
}

async function avviaCaddy(): Promise<ChildProcess> {
  if (!existsSync(CADDY)) throw new Error(`Caddy non è installato (${CADDY}): in CI questa prova non può essere saltata`);
  cartellaCaddy = path.join(app!.cartella, "caddy");
  mkdirSync(cartellaCaddy, { recursive: true });
  const config = scriviCaddyfile();
  const log = path.join(cartellaCaddy, "caddy.log");
  const fd = openSync(log, "a");
  const p = spawn(CADDY, ["run", "--config", config, "--adapter", "caddyfile"], {
    env: {
      ...process.env,
      // Its autosave and anything else it keeps: in the test's folder, not in ~/.config or ~/.local.
      HOME: cartellaCaddy,
      XDG_CONFIG_HOME: path.join(cartellaCaddy, "config"),
      XDG_DATA_HOME: path.join(cartellaCaddy, "dati"),
      BILANCIO_HOST: NOME,
      BILANCIO_TLS: "internal",
      BILANCIO_APP: `127.0.0.1:${PORTA_APP}`,
      BILANCIO_PUBBLICATE: path.join(app!.cartella, "pubblicate"),
    },
    detached: true,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  caddy = p;
  // Ready when it answers over https with a certificate of its CA for the name.
  const limite = Date.now() + 60_000;
  for (;;) {
    if (p.exitCode !== null || p.signalCode !== null) throw new Error(`Caddy è uscito (${p.exitCode ?? p.signalCode}):\n${readFileSync(log, "utf8")}`);
    try {
      const r = await viaCaddy("/login");
      if (r.status > 0) return p;
    } catch {
      // No certificate or no listener yet.
    }
    if (Date.now() > limite) throw new Error(`Caddy non risponde su ${PUBBLICO}:\n${readFileSync(log, "utf8")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function fermaCaddy() {
  const p = caddy;
  if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return;
  const uscito = new Promise<void>((r) => p.once("exit", () => r()));
  const segnala = (s: NodeJS.Signals) => {
    try {
      process.kill(-p.pid!, s);
    } catch {
      // Already gone.
    }
  };
  segnala("SIGTERM");
  await Promise.race([uscito, new Promise((r) => setTimeout(r, 15_000))]);
  segnala("SIGKILL");
}

/** A browser context on the public name: Caddy's CA is not one the system trusts. */
const contestoPubblico = (browser: Browser, extra: Parameters<Browser["newContext"]>[0] = {}) =>
  browser.newContext({ ignoreHTTPSErrors: true, baseURL: PUBBLICO, locale: "it-IT", ...extra });

test.beforeAll(async () => {
  // A fresh demo, a start, a Caddy with a new CA: minutes on a busy 2-core machine.
  test.setTimeout(420_000);
  app = await avviaServerProprio({
    nome: "caddy",
    porta: PORTA_APP,
    env: { NEXTAUTH_URL: PUBBLICO, TRUST_PROXY: "1" },
  });
  await avviaCaddy();
});

test.afterAll(async () => {
  test.setTimeout(90_000);
  // Both, whatever happened to the other.
  await Promise.allSettled([fermaCaddy(), app?.ferma()]);
});

test("dietro Caddy, in https: accesso con cookie Secure e HSTS, e nel registro l'indirizzo che Caddy ha visto", async ({ browser }) => {
  // http:// is sent to https:// by Caddy (to https's own port 443, as in production: the site's
  // address names no port, and the test's https port is not 443).
  const inChiaro = await leggiRisposta(http.request({ host: "127.0.0.1", port: PORTA_HTTP, path: "/login", headers: { Host: `${NOME}:${PORTA_HTTP}` }, agent: false }));
  expect(inChiaro.status).toBe(308);
  expect(inChiaro.headers.location).toBe(`https://${NOME}/login`);

  let contesto: BrowserContext | undefined;
  try {
    contesto = await contestoPubblico(browser);
    const page = await contesto.newPage();
    const login = await page.goto("/login");
    expect(login!.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    // Answered by the app, through Caddy.
    expect(login!.headers()["server"]).toBe("Caddy");
    const segno = segnaRegistro();
    await accedi(page, "coordinatore@cremona.example");
    expect(new URL(page.url()).origin).toBe(PUBBLICO);
    const dopo = await page.reload();
    expect(dopo!.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");

    const biscotti = await contesto.cookies();
    const sessione = biscotti.find((c) => c.name === "__Secure-next-auth.session-token");
    expect(sessione, biscotti.map((c) => c.name).join(", ")).toMatchObject({ secure: true, httpOnly: true, domain: NOME });
    // Every cookie the app set (session, CSRF, callback address) travels over https only.
    for (const c of biscotti) expect(c, c.name).toMatchObject({ secure: true });

    // Caddy put the client's address in X-Forwarded-For; the app, one hop behind it, believed it
    // (here it is also the address Caddy connects from: the next test shows which one counts).
    expect(ipAccesso("coordinatore@cremona.example", segno)).toBe("127.0.0.1");
  } finally {
    await contesto?.close();
  }
});

test("attraverso Caddy un X-Forwarded-For scritto dal client non conta; sulla porta dell'app un salto è creduto", async ({ browser }) => {
  let contesto: BrowserContext | undefined;
  try {
    // Through Caddy: the client's own header is not believed (Caddy trusts no proxy before it).
    contesto = await contestoPubblico(browser, { extraHTTPHeaders: { "X-Forwarded-For": FALSO } });
    let segno = segnaRegistro();
    await accedi(await contesto.newPage(), "assessore@cremona.example");
    expect(ipAccesso("assessore@cremona.example", segno)).toBe("127.0.0.1");
    await contesto.close();

    // Straight to the app's port, with TRUST_PROXY=1 the last hop of the header counts: why only
    // Caddy may reach that port (README, "In produzione", the firewall).
    contesto = await browser.newContext({ baseURL: app!.url, locale: "it-IT", extraHTTPHeaders: { "X-Forwarded-For": FALSO } });
    segno = segnaRegistro();
    // Only the audit row matters here: over plain http the browser may keep no Secure cookie.
    await tentaAccesso(await contesto.newPage(), "lettore@cremona.example", PASSWORD);
    await expect.poll(() => ipAccesso("lettore@cremona.example", segno), { timeout: 30_000 }).toBe(FALSO);
  } finally {
    await contesto?.close();
  }
});

test("Caddy serve i file di una revisione dalla cartella pubblicata: i byte di SHA256SUMS, con le intestazioni dell'app", async () => {
  // Making the folder (and its PDF) after the start may take minutes on a busy 2-core machine.
  test.setTimeout(480_000);
  const radice = path.join(app!.cartella, "pubblicate", SLUG);
  const n = await attendiRevisione(radice, 360_000);
  const cartella = path.join(radice, String(n));
  const manifesto = somme(readFileSync(path.join(cartella, "SHA256SUMS"), "utf8"));
  const font = [...manifesto.keys()].find((f) => /^font\/.+\.woff2$/.test(f));
  expect(font, [...manifesto.keys()].join(", ")).toBeDefined();

  const base = `/edizioni/${SLUG}/revisioni/${n}`;
  // Through Caddy, SHA256SUMS itself is the folder's file.
  const sommeServite = await viaCaddy(`${base}/SHA256SUMS`, { "Accept-Encoding": "identity" });
  expect(sommeServite.status).toBe(200);
  expect(sommeServite.corpo.toString("utf8")).toBe(readFileSync(path.join(cartella, "SHA256SUMS"), "utf8"));

  for (const file of ["dati.json", "bilancio-sociale.pdf", "stile.css", font!]) {
    const r = await viaCaddy(`${base}/${file}`, { "Accept-Encoding": "identity" });
    expect(r.status, file).toBe(200);
    expect(r.headers["content-encoding"], file).toBeUndefined();
    expect(sha256(r.corpo), file).toBe(manifesto.get(file));

    // Caddy answered, not the app: its ETag is made of the file's time and size, the app's of its
    // SHA-256; the answers of its own files carry no Server header (the Caddyfile removes it).
    const dallApp = await direttoAllApp(`${base}/${file}`, { "Accept-Encoding": "identity" });
    expect(dallApp.status, file).toBe(200);
    expect(dallApp.headers.etag, file).toBe(`"${manifesto.get(file)!.slice(0, 32)}"`);
    expect(r.headers.etag, file).toBeDefined();
    expect(r.headers.etag, file).not.toBe(dallApp.headers.etag);
    expect(r.headers.server, file).toBeUndefined();

    // With the app's headers: a year immutable, the type, the name, CORS and the security headers.
    expect(r.headers["cache-control"], file).toBe(cacheControl(true));
    for (const nome of [
      "cache-control",
      "content-type",
      "content-disposition",
      "access-control-allow-origin",
      "vary",
      "content-security-policy",
      "strict-transport-security",
      "x-frame-options",
      "x-content-type-options",
      "referrer-policy",
      "permissions-policy",
      "cross-origin-opener-policy",
    ]) {
      expect(r.headers[nome], `${file}: ${nome}`).toBe(dallApp.headers[nome]);
    }
  }

  // The app's precompressed copy, when the reader accepts brotli: the same bytes once decoded.
  for (const file of ["dati.json", "stile.css"]) {
    const r = await viaCaddy(`${base}/${file}`, { "Accept-Encoding": "br, gzip" });
    expect(r.status, file).toBe(200);
    expect(r.headers["content-encoding"], file).toBe("br");
    expect(sha256(brotliDecompressSync(r.corpo)), file).toBe(manifesto.get(file));
  }

  // The latest revision's address is the app's (only the database knows which is the latest):
  // proxied, revalidated every minute.
  const ultima = await viaCaddy(`/edizioni/${SLUG}/dati.json`, { "Accept-Encoding": "identity" });
  expect(ultima.status).toBe(200);
  expect(ultima.headers.server).toBe("Caddy");
  expect(ultima.headers["cache-control"]).toBe(cacheControl(false));
});

test("GET /api/salute attraverso Caddy risponde 200 in JSON", async () => {
  const r = await viaCaddy("/api/salute");
  const corpo = r.corpo.toString("utf8");
  expect(r.status, corpo).toBe(200);
  expect(r.headers["content-type"]).toContain("application/json");
  expect(r.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(JSON.parse(corpo)).toMatchObject({ stato: "pronto", vivo: true, pronto: true });
});
