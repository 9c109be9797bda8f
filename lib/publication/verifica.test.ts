import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { editions, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { hashPassword } from "../auth/password";
import { avviaErrata, firma, inviaAllaFirma, pubblica } from "../editions/lifecycle";
import type { Chi } from "../servizio";
import { sha256 } from "../sha256";
import { ASSESSORE, COORDINATORE, edizionePubblicata } from "./prova-pubblicata";
import { pubblicazione } from "./queries";
import { rispostaFile } from "./risposta-file";
import { controllaByte, descriviVerifica, MESSAGGIO_ALTERATA, PubblicazioneAlterata, verificaCatena } from "./verifica";

/** Raw SQL with every trigger out of the way, as someone with the file in hand could do. */
function senzaTrigger(db: ReturnType<typeof edizionePubblicata>["db"], ...sql: string[]) {
  const trigger = db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  for (const t of trigger) db.$client.exec(`DROP TRIGGER ${t.name}`);
  for (const s of sql) db.$client.exec(s);
  for (const t of trigger) db.$client.exec(t.sql);
}

const problemi = (db: ReturnType<typeof edizionePubblicata>["db"]) => verificaCatena(db).problemi.map((p) => `${p.dove}: ${p.messaggio}`);

describe("npm run verify: congelata → firmata → pubblicata", () => {
  it("la catena della demo pubblicata è integra", () => {
    const { db, hash } = edizionePubblicata();
    const v = verificaCatena(db);
    expect(v.problemi).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.verificate).toMatchObject([{ slug: "2014-2016", revisione: 1, sha256: hash, firmatario: "Rosita Viola" }]);
    expect(descriviVerifica(v).at(-1)).toMatch(/^Catena integra: 1 pubblicazione verificata/);
  });

  it("un'errata firmata e pubblicata dall'app come revisione 2: la catena resta integra", async () => {
    const { db, coord } = edizionePubblicata();
    db.update(users).set({ passwordHash: await hashPassword("firma-di-prova-2026") }).where(eq(users.id, ASSESSORE)).run();
    const ass: Chi = { userId: ASSESSORE, email: "assessore@x.it", attore: { userId: ASSESSORE, ruoli: [{ ruolo: "assessore", settoreId: null }] } };
    const errata = avviaErrata(db, coord, { slug: "2014-2016", motivo: "Corretto un numero" });
    if (!errata.ok) throw new Error(errata.messaggio);
    const versione = () => db.select({ v: editions.version }).from(editions).where(eq(editions.id, errata.editionId)).get()!.v;
    const inviata = inviaAllaFirma(db, coord, { editionId: errata.editionId, version: versione() });
    if (!inviata.ok) throw new Error(inviata.messaggio);
    const firmata = await firma(db, ass, { editionId: errata.editionId, sha256Mostrato: inviata.sha256, password: "firma-di-prova-2026" });
    if (!firmata.ok) throw new Error(firmata.messaggio);
    const pubblicata = pubblica(db, coord, { editionId: errata.editionId, version: versione() });
    if (!pubblicata.ok) throw new Error(pubblicata.messaggio);
    const v = verificaCatena(db);
    expect(v.problemi).toEqual([]);
    expect(v.verificate.map((p) => [p.slug, p.revisione])).toEqual([["2014-2016", 1], ["2014-2016", 2]]);
  });

  it("byte pubblicati alterati: rotta", () => {
    const { db } = edizionePubblicata();
    senzaTrigger(db, "UPDATE publications SET dati_json = replace(dati_json, 'Cremona', 'Crema')");
    const p = problemi(db);
    expect(p).toContainEqual(expect.stringMatching(/^2014-2016, revisione 1: i byte pubblicati \(dati\.json\) hanno SHA-256 .* non quello pubblicato/));
    expect(p).toContainEqual(expect.stringMatching(/non sono quelli congelati e firmati/));
    expect(descriviVerifica(verificaCatena(db)).at(-1)).toMatch(/^Catena INTERROTTA/);
  });

  it("byte e impronta sostituiti insieme: l'impronta non è più quella firmata", () => {
    const { db } = edizionePubblicata();
    const altro = '{"altro":true}\n';
    senzaTrigger(db, `UPDATE publications SET dati_json = '${altro}', sha256 = '${sha256(altro)}'`);
    expect(problemi(db)).toContainEqual(expect.stringMatching(/lo SHA-256 pubblicato .* non è quello firmato/));
  });

  it("firma e contenuto congelato sostituiti: la firma non è più quella del contenuto congelato", () => {
    const { db } = edizionePubblicata();
    senzaTrigger(db, "UPDATE editions SET sha256 = 'f' || substr(sha256, 2) WHERE slug = '2014-2016'");
    expect(problemi(db)).toContainEqual(expect.stringMatching(/^edizione 2014-2016: il contenuto congelato non ha lo SHA-256 dichiarato/));
    expect(problemi(db)).toContainEqual(expect.stringMatching(/^firma 1 .*: firma lo SHA-256 .* ma il contenuto congelato/));
  });

  it("una firma di chi non è Assessore: rotta; un Assessore a cui il ruolo è stato tolto dopo la firma: integra", () => {
    const { db } = edizionePubblicata();
    senzaTrigger(db, `UPDATE signatures SET user_id = ${COORDINATORE}`);
    expect(problemi(db)).toContainEqual(expect.stringMatching(/^firma 1 \(edizione 2014-2016, revisione 1\): il firmatario Rosita Viola non ha il ruolo di Assessore/));

    const x = edizionePubblicata();
    x.db.$client.prepare("DELETE FROM role_memberships WHERE user_id = ?").run(ASSESSORE);
    expect(problemi(x.db)).toContainEqual(expect.stringMatching(/non ha il ruolo di Assessore/));
    registra(x.db, { azione: "utente.ruolo_rimuovi", attore: "test", dettagli: { ruolo: "assessore", settoreId: null, utenteId: ASSESSORE } });
    expect(problemi(x.db)).toEqual([]);
  });

  it("un'edizione pubblicata senza la sua pubblicazione, o revisioni con un salto: rotta", () => {
    const { db } = edizionePubblicata();
    senzaTrigger(db, "UPDATE publications SET revisione = 2");
    const p = problemi(db);
    expect(p).toContainEqual(expect.stringMatching(/^edizione 2014-2016: è "pubblicata" ma la sua pubblicazione \(revisione 1/));
    expect(p).toContainEqual(expect.stringMatching(/^2014-2016: le revisioni pubblicate sono 2/));
  });

  it("lo script esce con 1 e dice cosa si è rotto; con 0 sulla catena integra", () => {
    const cartella = mkdtempSync(path.join(tmpdir(), "verifica-"));
    try {
      const file = path.join(cartella, "db.sqlite");
      const { db } = edizionePubblicata();
      db.$client.exec(`VACUUM INTO '${file}'`);
      const esegui = () => {
        try {
          return { codice: 0, uscita: execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/verify.ts"], { env: { ...process.env, DATABASE_PATH: file }, encoding: "utf8", stdio: "pipe" }) };
        } catch (e) {
          const x = e as { status: number; stdout: string; stderr: string };
          return { codice: x.status, uscita: x.stdout + x.stderr };
        }
      };
      const integra = esegui();
      expect(integra.codice, integra.uscita).toBe(0);
      expect(integra.uscita).toMatch(/✓ 2014-2016, revisione 1/);
      const altro = edizionePubblicata();
      senzaTrigger(altro.db, "UPDATE publications SET dati_json = replace(dati_json, 'Cremona', 'Crema')");
      rmSync(file);
      altro.db.$client.exec(`VACUUM INTO '${file}'`);
      const rotta = esegui();
      expect(rotta.codice).toBe(1);
      expect(rotta.uscita).toMatch(/✗ 2014-2016, revisione 1: i byte pubblicati/);
      expect(rotta.uscita).toMatch(/Catena INTERROTTA/);
    } finally {
      rmSync(cartella, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("l'app non mostra mai byte che non hanno l'impronta firmata", () => {
  it("controllaByte", () => {
    const p = { slug: "x", revisione: 1, datiJson: "{}\n", sha256: sha256("{}\n"), sha256Firmato: sha256("{}\n") };
    expect(() => controllaByte(p)).not.toThrow();
    expect(() => controllaByte({ ...p, datiJson: "{ }\n" })).toThrow(PubblicazioneAlterata);
    expect(() => controllaByte({ ...p, sha256Firmato: "a".repeat(64) })).toThrow(PubblicazioneAlterata);
  });

  it("le pagine (pubblicazione()) rifiutano i byte alterati", () => {
    const { db } = edizionePubblicata();
    expect(pubblicazione(db, "2014-2016")?.revisione).toBe(1);
    senzaTrigger(db, "UPDATE publications SET dati_json = replace(dati_json, 'Cremona', 'Crema')");
    expect(() => pubblicazione(db, "2014-2016")).toThrow(PubblicazioneAlterata);
  });

  it("dati.json, dati.csv e il PDF alterati: 500 con un messaggio in italiano, mai i byte", async () => {
    const { db, testo, hash } = edizionePubblicata();
    const richiesta = new Request("http://localhost/edizioni/2014-2016/dati.json");
    const buona = await rispostaFile(db, "json", richiesta, { slug: "2014-2016" });
    expect(buona.status).toBe(200);
    expect(await buona.text()).toBe(testo);
    expect(buona.headers.get("etag")).toBe(`"${hash}"`);

    senzaTrigger(db, "UPDATE publications SET dati_json = replace(dati_json, 'Cremona', 'Crema')");
    const errori: unknown[] = [];
    const originale = console.error;
    console.error = (...a: unknown[]) => void errori.push(a.join(" "));
    try {
      for (const [tipo, n] of [["json", undefined], ["json", "1"], ["csv", undefined], ["pdf", "1"]] as const) {
        const r = await rispostaFile(db, tipo, richiesta, { slug: "2014-2016", n });
        expect(r.status, `${tipo} ${n}`).toBe(500);
        expect(r.headers.get("cache-control")).toBe("no-store");
        expect(await r.text()).toBe(MESSAGGIO_ALTERATA);
      }
    } finally {
      console.error = originale;
    }
    expect(errori[0]).toMatch(/\[integrità\] dati\.json NON servito\. Pubblicazione alterata: 2014-2016, revisione 1/);
  });
});
