import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chiudiDb, getDb, MigrazioniInSospeso } from "./client";
import { applyMigrations, openDatabase } from "./open";

const cartelle: string[] = [];
afterEach(() => {
  chiudiDb();
  vi.unstubAllEnvs();
  for (const c of cartelle.splice(0)) rmSync(c, { recursive: true, force: true });
});

function file(): string {
  const c = mkdtempSync(path.join(tmpdir(), "client-db-"));
  cartelle.push(c);
  const f = path.join(c, "bilancio.sqlite");
  vi.stubEnv("DATABASE_PATH", f);
  return f;
}

describe("la connessione del server", () => {
  it("un database nuovo è migrato al primo uso", () => {
    file();
    const n = getDb().$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number;
    expect(n).toBeGreaterThan(0);
  });

  it("un database con dati e migrazioni mancanti è rifiutato, e lasciato com'era", () => {
    const f = file();
    const d = openDatabase(f);
    applyMigrations(d);
    d.$client.exec("INSERT INTO ente (nome) VALUES ('Comune di Prova')");
    // As if this version had one migration more than the database.
    const ultima = d.$client.prepare("SELECT max(created_at) FROM __drizzle_migrations").pluck().get();
    d.$client.prepare("DELETE FROM __drizzle_migrations WHERE created_at = ?").run(ultima);
    const prima = d.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get();
    d.$client.close();

    expect(() => getDb()).toThrow(MigrazioniInSospeso);
    expect(() => getDb()).toThrow(/npm run db:migrate/);
    const dopo = openDatabase(f);
    try {
      expect(dopo.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(prima);
    } finally {
      dopo.$client.close();
    }
  });
});
