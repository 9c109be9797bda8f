import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { importaPacchetto } from "../edition-package/import";
import { registra } from "../audit/registra";
import { contenutoSoloDemo, spiegaRifiuto } from "./solo-demo";

const cartelle: string[] = [];
function nuovaCartella() {
  const c = mkdtempSync(path.join(tmpdir(), "solo-demo-"));
  cartelle.push(c);
  return c;
}
afterEach(() => cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true })));

/** What db:reset leaves: the demo imported by "db:reset", demo accounts, their play. */
function demo() {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "db:reset" });
  if (!r.ok) throw new Error("import");
  db.$client.exec("INSERT INTO users (email, nome, password_hash) VALUES ('coordinatore@cremona.example', 'Giulia Rossi', 'h'), ('cultura@cremona.example', 'Luca Bassi', 'h')");
  db.$client.exec("UPDATE editions SET slug = '2017-2019'");
  registra(db, { azione: "accesso", userId: 1, attore: "coordinatore@cremona.example" });
  return db;
}
function suFile(db: ReturnType<typeof demo>): string {
  const file = path.join(nuovaCartella(), "bilancio.sqlite");
  db.$client.exec(`VACUUM INTO '${file}'`);
  return file;
}

describe("che cosa è «solo la demo»", () => {
  it("nessun file, un file vuoto, un database senza tabelle: niente da perdere", () => {
    const c = nuovaCartella();
    expect(contenutoSoloDemo(path.join(c, "manca.sqlite")).soloDemo).toBe(true);
    writeFileSync(path.join(c, "vuoto.sqlite"), "");
    expect(contenutoSoloDemo(path.join(c, "vuoto.sqlite")).soloDemo).toBe(true);
    new Database(path.join(c, "nuovo.sqlite")).close();
    expect(contenutoSoloDemo(path.join(c, "nuovo.sqlite")).soloDemo).toBe(true);
  });

  it("la demo e ciò che gli account demo ci hanno fatto sopra", () => {
    expect(contenutoSoloDemo(suFile(demo()))).toEqual({ soloDemo: true, motivi: [] });
  });

  it("un account vero, un'edizione o un settore in più, un registro che non è della demo: non è solo la demo", () => {
    const conUtente = demo();
    conUtente.$client.exec("INSERT INTO users (email, nome, password_hash) VALUES ('mario.rossi@comune.cremona.it', 'Mario Rossi', 'h')");
    expect(contenutoSoloDemo(suFile(conUtente)).motivi).toEqual(["ha un account che non è della demo: mario.rossi@comune.cremona.it."]);

    const conEdizione = demo();
    conEdizione.$client.exec("INSERT INTO editions (slug, titolo, anno_inizio, anno_fine) VALUES ('2020-2022', 'Bilancio Sociale 2020–2022', 2020, 2022)");
    expect(contenutoSoloDemo(suFile(conEdizione)).motivi).toEqual(["ha un'edizione che non è della demo: 2020-2022."]);

    const conSettore = demo();
    conSettore.$client.exec("INSERT INTO settori (codice, nome) VALUES ('protezione-civile', 'Protezione civile')");
    expect(contenutoSoloDemo(suFile(conSettore)).motivi).toEqual(["ha un settore che non è della demo: protezione-civile."]);

    const importato = memoryDb();
    importaPacchetto(importato, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: 1, attore: "mario.rossi@comune.cremona.it" });
    expect(contenutoSoloDemo(suFile(importato)).motivi).toEqual(["il suo registro non comincia con il caricamento della demo fatto da db:reset."]);
  });

  it("un file che non è un database del Bilancio Sociale non si cancella", () => {
    const c = nuovaCartella();
    const altro = new Database(path.join(c, "contabilita.sqlite"));
    altro.exec("CREATE TABLE fatture (numero INTEGER)");
    altro.close();
    expect(contenutoSoloDemo(path.join(c, "contabilita.sqlite")).motivi[0]).toMatch(/non è un database del Bilancio Sociale/);
    writeFileSync(path.join(c, "testo.sqlite"), "appunti ".repeat(1000));
    expect(contenutoSoloDemo(path.join(c, "testo.sqlite")).soloDemo).toBe(false);
  });

  it("il rifiuto spiega perché e come procedere", () => {
    const t = spiegaRifiuto("/srv/bilancio.sqlite", ["ha un account che non è della demo: a@b.it."]);
    expect(t).toMatch(/^db:reset NON ha cancellato \/srv\/bilancio\.sqlite: contiene altro oltre alla demo/);
    expect(t).toContain("  - ha un account che non è della demo: a@b.it.");
    expect(t).toContain("npm run db:reset -- --force");
  });
});

describe("npm run db:reset", () => {
  const reset = (file: string, ...argomenti: string[]) =>
    spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-reset.ts", ...argomenti], {
      env: { ...process.env, DATABASE_PATH: file, DEMO_PASSWORD: "prova-reset-2026" },
      encoding: "utf8",
    });

  it("rifiuta di cancellare un database con altro oltre alla demo; con --force ne salva una copia e lo ricrea", () => {
    const db = demo();
    db.$client.exec("INSERT INTO users (email, nome, password_hash) VALUES ('mario.rossi@comune.cremona.it', 'Mario Rossi', 'h')");
    const file = suFile(db);
    const rifiutato = reset(file);
    expect(rifiutato.status).toBe(1);
    expect(rifiutato.stderr).toMatch(/db:reset NON ha cancellato .*bilancio\.sqlite/);
    expect(rifiutato.stderr).toMatch(/mario\.rossi@comune\.cremona\.it/);
    const d = new Database(file, { readonly: true });
    expect(d.prepare("SELECT count(*) FROM users WHERE email = 'mario.rossi@comune.cremona.it'").pluck().get()).toBe(1);
    d.close();

    const forzato = reset(file, "--force");
    expect(forzato.status, forzato.stderr).toBe(0);
    expect(forzato.stdout).toMatch(/--force: .*copia salvata in .*bilancio-.*-prima-del-reset\.sqlite/);
    expect(readdirSync(path.join(path.dirname(file), "backup"))).toEqual([expect.stringMatching(/^bilancio-.*-prima-del-reset\.sqlite$/)]);
    expect(contenutoSoloDemo(file)).toEqual({ soloDemo: true, motivi: [] });
    // A fresh demo may be reset again without --force.
    expect(reset(file).status).toBe(0);
  }, 120_000);
});
