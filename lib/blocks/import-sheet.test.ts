import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { blocks, sections, settori } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import type { Chi } from "../servizio";
import { importaFoglio, type RichiestaImport } from "./import-sheet";

function prepara() {
  const db = memoryDb();
  importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'l@x.it', 'Lettore', 'x'), (2, 'c@x.it', 'Cultura', 'x')");
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  const sezione = db.select().from(sections).where(eq(sections.settoreId, cultura)).get()!;
  const lettore: Chi = { userId: 1, email: "l@x.it", attore: { userId: 1, ruoli: [{ ruolo: "lettore", settoreId: null }] } };
  const referente: Chi = { userId: 2, email: "c@x.it", attore: { userId: 2, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  let letture = 0;
  const richiesta = (modalita: RichiestaImport["modalita"]): RichiestaImport => ({
    sectionId: sezione.id,
    nomeFile: "indicatori.csv",
    leggi: async () => {
      letture++;
      return new TextEncoder().encode("etichetta;valore;unità;riferimento;fonte\nPresenze nei musei;12.345;visitatori;2016;Comune\n");
    },
    opzioni: { tipo: "indicatori" },
    modalita,
    scartaRigheConErrori: false,
  });
  return { db, sezione, lettore, referente, richiesta, letture: () => letture };
}

describe("importare un foglio di calcolo", () => {
  it("chi non può modificare la sezione è respinto prima che il file sia letto", async () => {
    const { db, lettore, richiesta, letture } = prepara();
    expect(await importaFoglio(db, lettore, richiesta("anteprima"))).toMatchObject({ ok: false, tipo: "negato" });
    expect(await importaFoglio(db, lettore, { ...richiesta("anteprima"), sectionId: 999_999 })).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(letture()).toBe(0);
  });

  it("il referente vede l'anteprima senza scrivere, poi importa", async () => {
    const { db, referente, sezione, richiesta } = prepara();
    const conta = () => db.select().from(blocks).where(eq(blocks.sectionId, sezione.id)).all().length;
    const prima = conta();
    const a = await importaFoglio(db, referente, richiesta("anteprima"));
    expect(a).toMatchObject({ ok: true, stato: "anteprima" });
    expect(conta()).toBe(prima);
    expect(await importaFoglio(db, referente, richiesta("importa"))).toMatchObject({ ok: true, stato: "importato", aggiunti: 1 });
    expect(conta()).toBe(prima + 1);
  });
});
