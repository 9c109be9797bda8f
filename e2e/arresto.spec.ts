/**
 * Graceful stop (server.ts): a server of this test's own, stopped with SIGTERM — as
 * systemd stops it — in the middle of a burst of block saves. It must exit by itself
 * within 10 s with code 0, with its WAL folded into the database file, and every save it
 * acknowledged must be in the database. Its log must hold one JSON line per request with
 * the id it answered as X-Request-Id, the route, status, duration and user id.
 */
import { expect, test } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { accedi, idAzione } from "./helpers";
import { leggiDatabase } from "./server-proprio";

const PORTA = Number(process.env.E2E_PORT_ARRESTO ?? 3214);
const URL_ARRESTO = `http://127.0.0.1:${PORTA}`;
const CARTELLA = "data/e2e-arresto";
const DATABASE = path.resolve(CARTELLA, "bilancio.sqlite");
const COORDINATORE = "coordinatore@cremona.example";
const EDITORI = 6;

test.use({ baseURL: URL_ARRESTO });
test.describe.configure({ timeout: 300_000 });

let server: ChildProcess | null = null;
let righeLog: Record<string, unknown>[] = [];
let uscita: Promise<{ codice: number | null; segnale: NodeJS.Signals | null; quando: number }>;

const ambiente = () => ({ ...process.env, DATABASE_PATH: DATABASE, PORT: String(PORTA), MAIL_DIR: path.resolve(CARTELLA, "mail"), DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD, NEXTAUTH_URL: URL_ARRESTO });

test.beforeAll(async () => {
  rmSync(CARTELLA, { recursive: true, force: true });
  mkdirSync(CARTELLA, { recursive: true });
  const reset = spawnSync("npm", ["run", "--silent", "db:reset", "--", "--force"], { env: ambiente(), encoding: "utf8" });
  expect(reset.status, reset.stderr).toBe(0);
  // The node process itself, not npm: the signal goes to the server, as systemd sends it.
  server = spawn(process.execPath, ["--import", "tsx", "server.ts", "--hostname", "127.0.0.1", "--port", String(PORTA)], { env: ambiente(), stdio: ["ignore", "pipe", "inherit"] });
  let resto = "";
  server.stdout!.on("data", (b: Buffer) => {
    const testo = resto + b.toString("utf8");
    const righe = testo.split("\n");
    resto = righe.pop() ?? "";
    for (const r of righe) if (r.startsWith("{")) righeLog.push(JSON.parse(r) as Record<string, unknown>);
  });
  uscita = new Promise((fatto) => server!.once("exit", (codice, segnale) => fatto({ codice, segnale, quando: Date.now() })));
  await expect(async () => {
    const r = await fetch(`${URL_ARRESTO}/api/salute`);
    expect(r.status).toBeLessThan(500);
  }).toPass({ timeout: 120_000, intervals: [500] });
});

test.afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
});

interface Riconosciuto {
  blocco: number;
  version: number;
  valore: number;
}

test("SIGTERM durante una raffica di salvataggi: esce da solo entro 10 s e nessun salvataggio confermato si perde", async ({ page }) => {
  await accedi(page, COORDINATORE);
  const utente = leggiDatabase(DATABASE, (d) => (d.prepare("SELECT id FROM users WHERE email = ?").get(COORDINATORE) as { id: number }).id);
  const blocchi = leggiDatabase(
    DATABASE,
    (d) =>
      d
        .prepare(
          `SELECT b.id, b.version, b.payload, b.section_id AS sezione FROM blocks b JOIN sections s ON s.id = b.section_id
           WHERE b.tipo = 'indicatore' AND s.stato = 'bozza' ORDER BY b.id LIMIT ?`,
        )
        .all(EDITORI) as { id: number; version: number; payload: string; sezione: number }[],
  );
  expect(blocchi).toHaveLength(EDITORI);

  const azione = idAzione("salvaBloccoAction");
  const riconosciuti: Riconosciuto[] = [];
  const idRichieste = new Map<string, number>();
  let fermato = false;
  let valore = 1000;

  /** One editor saving its own block again and again, until the server stops answering. */
  async function editore(b: (typeof blocchi)[number]) {
    const dati = JSON.parse(b.payload) as Record<string, unknown>;
    let version = b.version;
    for (;;) {
      const v = ++valore;
      let r;
      try {
        r = await page.request.post(`/sezioni/${b.sezione}/modifica`, {
          headers: { "Next-Action": azione, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
          data: JSON.stringify([{ blockId: b.id, version, dati: { ...dati, valore: v } }]),
          timeout: 15_000,
        });
      } catch {
        // Refused or cut: the server is stopping. Not acknowledged, so not counted.
        if (fermato) return;
        throw new Error("Il server non risponde prima dell'arresto");
      }
      const testo = await r.text().catch(() => "");
      // The action's answer is one row of the RSC stream: "<n>:{"ok":…}".
      const riga = testo.split("\n").map((x) => /^[0-9a-f]+:(\{"ok".*)$/.exec(x)?.[1]).find(Boolean);
      const esito = riga ? (JSON.parse(riga) as { ok: boolean; blocco?: { version: number } }) : null;
      if (r.status() === 200 && esito?.ok === true && esito.blocco) {
        version = esito.blocco.version;
        riconosciuti.push({ blocco: b.id, version, valore: v });
        idRichieste.set(r.headers()["x-request-id"], b.sezione);
      } else if (!fermato) {
        throw new Error(`Salvataggio rifiutato prima dell'arresto: HTTP ${r.status()} ${testo.slice(0, 300)}`);
      } else {
        return;
      }
    }
  }

  const raffica = Promise.all(blocchi.map(editore));
  // The signal arrives in the middle of the burst, once saves are flowing.
  await expect.poll(() => riconosciuti.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3 * EDITORI);
  const segnale = Date.now();
  fermato = true;
  server!.kill("SIGTERM");
  const fine = await uscita;
  await raffica;

  expect(fine.codice, `uscito con ${fine.codice ?? fine.segnale}`).toBe(0);
  expect(fine.quando - segnale).toBeLessThan(10_000);
  expect(righeLog.some((r) => r.msg === "arresto completato")).toBe(true);

  // The WAL was checkpointed into the file: the database alone holds every save.
  const wal = `${DATABASE}-wal`;
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  for (const b of blocchi) {
    const ultimo = riconosciuti.filter((x) => x.blocco === b.id).at(-1);
    expect(ultimo, `il blocco ${b.id} ha salvataggi confermati`).toBeDefined();
    const riga = leggiDatabase(DATABASE, (d) => d.prepare("SELECT version, payload FROM blocks WHERE id = ?").get(b.id) as { version: number; payload: string });
    // A save in flight when the connection was cut may have committed unacknowledged: never less than acknowledged.
    expect(riga.version).toBeGreaterThanOrEqual(ultimo!.version);
    if (riga.version === ultimo!.version) expect((JSON.parse(riga.payload) as { valore: unknown }).valore).toBe(ultimo!.valore);
  }

  // One log line per request: the acknowledged saves are there under the id they were answered with.
  const perId = new Map(righeLog.filter((r) => r.msg === "richiesta").map((r) => [r.req as string, r]));
  for (const [id, sezione] of idRichieste) {
    expect(perId.get(id)).toMatchObject({ metodo: "POST", percorso: `/sezioni/${sezione}/modifica`, stato: 200, utente, ms: expect.any(Number) });
  }
  // Never an email, a password or a token in the log.
  const tutto = JSON.stringify(righeLog);
  expect(tutto).not.toContain(COORDINATORE);
  expect(tutto).not.toContain(process.env.E2E_DEMO_PASSWORD!);
  expect(tutto).not.toMatch(/next-auth\.session-token=/);
});
