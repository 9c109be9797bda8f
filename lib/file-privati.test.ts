/** Data files are created 0600 in 0700 folders: database (+ -wal, -shm), mail, secret (PDF and backups: their own tests). */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, openDatabase } from "../db/open";
import { authSecret } from "./auth/secret";
import { cartellaPrivata, filePrivato } from "./file-privati";
import { creaTrasporto } from "./mail/transport";

const cartelle: string[] = [];
function nuovaCartella() {
  const c = mkdtempSync(path.join(tmpdir(), "modi-"));
  cartelle.push(c);
  return c;
}
afterEach(() => cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true })));
const modo = (f: string) => statSync(f).mode & 0o777;

describe("file dei dati privati (0600) in cartelle private (0700)", () => {
  it("il database, il suo -wal e il suo -shm, nella cartella creata per lui", () => {
    const file = path.join(nuovaCartella(), "dati", "bilancio.sqlite");
    const db = openDatabase(file);
    applyMigrations(db);
    db.$client.exec("INSERT INTO settori (codice, nome) VALUES ('x', 'X')");
    expect(modo(path.dirname(file))).toBe(0o700);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(["bilancio.sqlite", "bilancio.sqlite-shm", "bilancio.sqlite-wal"]);
    for (const f of readdirSync(path.dirname(file))) expect(modo(path.join(path.dirname(file), f)), f).toBe(0o600);
    db.$client.close();
  });

  it("un database lasciato leggibile a tutti da una versione precedente torna 0600", () => {
    const c = nuovaCartella();
    chmodSync(c, 0o755);
    const file = path.join(c, "bilancio.sqlite");
    openDatabase(file).$client.close();
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    expect(modo(file)).toBe(0o600);
    expect(modo(`${file}-wal`)).toBe(0o600);
    db.$client.close();
    // The folder was there already (it may be the project's): left as it was.
    expect(modo(c)).toBe(0o755);
  });

  it("i messaggi .eml della posta senza SMTP", async () => {
    const cartella = path.join(nuovaCartella(), "mail");
    await creaTrasporto({ cartella, smtpUrl: "" }).invia({ a: "a@b.it", oggetto: "Prova", testo: "Ciao", rif: 1 });
    expect(modo(cartella)).toBe(0o700);
    const [eml] = readdirSync(cartella);
    expect(eml).toMatch(/\.eml$/);
    expect(modo(path.join(cartella, eml))).toBe(0o600);
  });

  it("una cartella della posta già esistente e aperta a tutti diventa 0700", async () => {
    const cartella = path.join(nuovaCartella(), "mail");
    mkdirSync(cartella, { mode: 0o755 });
    chmodSync(cartella, 0o755);
    await creaTrasporto({ cartella, smtpUrl: "" }).invia({ a: "a@b.it", oggetto: "Prova", testo: "Ciao" });
    expect(modo(cartella)).toBe(0o700);
  });

  it(".auth-secret accanto al database", () => {
    const c = path.join(nuovaCartella(), "dati");
    const prima = { DATABASE_PATH: process.env.DATABASE_PATH, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
    try {
      process.env.DATABASE_PATH = path.join(c, "bilancio.sqlite");
      delete process.env.NEXTAUTH_SECRET;
      const s = authSecret();
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(modo(c)).toBe(0o700);
      expect(modo(path.join(c, ".auth-secret"))).toBe(0o600);
      chmodSync(path.join(c, ".auth-secret"), 0o644);
      expect(authSecret()).toBe(s);
      expect(modo(path.join(c, ".auth-secret"))).toBe(0o600);
    } finally {
      for (const [k, v] of Object.entries(prima)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it("gli attrezzi: cartelle create 0700, file creati 0600", () => {
    const c = nuovaCartella();
    cartellaPrivata(path.join(c, "a", "b"));
    expect(modo(path.join(c, "a"))).toBe(0o700);
    expect(modo(path.join(c, "a", "b"))).toBe(0o700);
    filePrivato(path.join(c, "a", "f"));
    expect(modo(path.join(c, "a", "f"))).toBe(0o600);
  });
});
