import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { editions, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { ascoltaLog } from "../log";
import { hashPassword } from "../auth/password";
import { avviaErrata, firma, inviaAllaFirma, pubblica } from "../editions/lifecycle";
import type { Chi } from "../servizio";
import { sha256 } from "../sha256";
import { AMMINISTRATORE, ASSESSORE, COORDINATORE, edizionePubblicata } from "./prova-pubblicata";
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

    // The history of roles says the role was held when signing: taking it away later breaks nothing, audit row or not.
    const x = edizionePubblicata();
    x.db.$client.prepare("DELETE FROM role_memberships WHERE user_id = ?").run(ASSESSORE);
    expect(problemi(x.db)).toEqual([]);
  });

  describe("chi ha firmato era Assessore in quel momento, per nomina di un'altra persona", () => {
    const firma1 = /^firma 1 \(edizione 2014-2016, revisione 1\): /;

    it("la riga di verifica nomina chi ha concesso il ruolo", () => {
      const { db } = edizionePubblicata();
      expect(descriviVerifica(verificaCatena(db))[0]).toMatch(/firmato da Rosita Viola .*, Assessore per nomina di Paolo Ferrari$/);
    });

    it("un ruolo che il firmatario si era concesso da solo: rotta", () => {
      const { db } = edizionePubblicata();
      senzaTrigger(db, `UPDATE storico_ruoli SET attore_id = ${ASSESSORE} WHERE user_id = ${ASSESSORE}`, `UPDATE signatures SET concesso_da = ${ASSESSORE}`);
      expect(problemi(db)).toEqual([expect.stringMatching(new RegExp(firma1.source + "il ruolo di Assessore di Rosita Viola se l'era concesso da solo"))]);
      expect(verificaCatena(db).ok).toBe(false);
    });

    it("un ruolo concesso da nessuno di noto, o attribuito nella firma a un'altra persona: rotta", () => {
      const { db } = edizionePubblicata();
      senzaTrigger(db, `UPDATE storico_ruoli SET attore_id = NULL WHERE user_id = ${ASSESSORE}`);
      expect(problemi(db)).toContainEqual(expect.stringMatching(/non risulta concesso da un'altra persona/));
      const y = edizionePubblicata();
      senzaTrigger(y.db, `UPDATE signatures SET concesso_da = ${COORDINATORE}`);
      expect(problemi(y.db)).toEqual([expect.stringMatching(/attribuisce la concessione .* a una persona diversa/)]);
    });

    it("un ruolo concesso dopo la firma, o tolto prima: rotta", () => {
      const { db } = edizionePubblicata();
      senzaTrigger(db, `UPDATE storico_ruoli SET at = '2999-01-01T00:00:00.000Z' WHERE user_id = ${ASSESSORE}`);
      expect(problemi(db)).toEqual([expect.stringMatching(/non ha il ruolo di Assessore al momento della firma: gli è stato concesso dopo/)]);
      const y = edizionePubblicata();
      senzaTrigger(
        y.db,
        `INSERT INTO storico_ruoli (at, evento, user_id, ruolo, attore_id, concessione_id) SELECT '2000-01-01T00:00:00.000Z', 'revocato', user_id, ruolo, ${AMMINISTRATORE}, id FROM storico_ruoli WHERE user_id = ${ASSESSORE}`,
      );
      expect(problemi(y.db)).toEqual([expect.stringMatching(/non ha il ruolo di Assessore al momento della firma: gli era stato tolto prima/)]);
    });

    it("un firmatario che era anche coordinatore, o che aveva inviato lui stesso l'edizione alla firma: rotta", () => {
      const { db } = edizionePubblicata();
      senzaTrigger(db, `INSERT INTO storico_ruoli (at, evento, user_id, ruolo, attore_id) VALUES ('2000-01-01T00:00:00.000Z', 'concesso', ${ASSESSORE}, 'coordinatore', ${AMMINISTRATORE})`);
      expect(problemi(db)).toEqual([expect.stringMatching(/il firmatario Rosita Viola aveva anche il ruolo di Coordinatore quando ha firmato/)]);
      const y = edizionePubblicata();
      registra(y.db, { userId: ASSESSORE, attore: "assessore@x.it", azione: "edizione.invia_firma", editionId: y.pubblicataId, dettagli: { sha256: y.hash, revisione: 1 } });
      senzaTrigger(y.db, `UPDATE signatures SET firmata_il = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 minute')`);
      expect(problemi(y.db)).toEqual([expect.stringMatching(/il firmatario Rosita Viola aveva inviato lui stesso l'edizione alla firma/)]);
    });

    it("una firma che non nomina la concessione: rotta; se è più vecchia dello storico dei ruoli, vale il controllo di prima", () => {
      const { db } = edizionePubblicata();
      senzaTrigger(db, "UPDATE signatures SET concessione_id = NULL");
      expect(problemi(db)).toEqual([expect.stringMatching(/la firma non indica la concessione che ha reso Rosita Viola Assessore/)]);
      // A database that had signatures before drizzle/0010: its roles entered the history as "preesistente", after them.
      senzaTrigger(
        db,
        "UPDATE signatures SET firmata_il = '2000-01-01T00:00:00.000Z'",
        `INSERT INTO storico_ruoli (at, evento, user_id, ruolo) VALUES ('2001-01-01T00:00:00.000Z', 'preesistente', ${ASSESSORE}, 'assessore')`,
      );
      expect(problemi(db)).toEqual([]);
      senzaTrigger(db, `DELETE FROM role_memberships WHERE user_id = ${ASSESSORE}`);
      expect(problemi(db)).toEqual([expect.stringMatching(/il firmatario Rosita Viola non ha il ruolo di Assessore\.$/)]);
    });
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
    const errori: Record<string, unknown>[] = [];
    const smetti = ascoltaLog((r) => errori.push(r));
    try {
      for (const [tipo, n] of [["json", undefined], ["json", "1"], ["csv", undefined], ["pdf", "1"]] as const) {
        const r = await rispostaFile(db, tipo, richiesta, { slug: "2014-2016", n });
        expect(r.status, `${tipo} ${n}`).toBe(500);
        expect(r.headers.get("cache-control")).toBe("no-store");
        expect(await r.text()).toBe(MESSAGGIO_ALTERATA);
      }
    } finally {
      smetti();
    }
    expect(errori[0]).toMatchObject({ lavoro: "integrità", file: "dati.json", errore: expect.stringMatching(/Pubblicazione alterata: 2014-2016, revisione 1/) });
  });
});
