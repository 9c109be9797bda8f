/** Reads an edition back into the package format, in the same order and shape as import takes it. */
import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, blocks, editions, ente, parts, sections, settori } from "../../db/schema";
import type { Blocco } from "../content/blocks";
import { FORMATO_PACCHETTO, type Pacchetto, type SezionePacchetto } from "./schema";

export function esportaPacchetto(db: Tx, slug: string): Pacchetto | null {
  const ed = db.select().from(editions).where(eq(editions.slug, slug)).get();
  if (!ed) return null;
  const nomeEnte = db.select().from(ente).get()?.nome ?? "";
  const tuttiSettori = db.select().from(settori).orderBy(asc(settori.id)).all();
  const codiceSettore = new Map(tuttiSettori.map((s) => [s.id, s.codice]));

  const sezioni = db.select().from(sections).where(eq(sections.editionId, ed.id)).orderBy(asc(sections.posizione)).all();
  const sectionIds = sezioni.map((s) => s.id);
  const blocchi = sectionIds.length
    ? db.select().from(blocks).where(inArray(blocks.sectionId, sectionIds)).orderBy(asc(blocks.sectionId), asc(blocks.posizione)).all()
    : [];
  const blocchiDi = new Map<number, Blocco[]>();
  for (const b of blocchi) {
    const lista = blocchiDi.get(b.sectionId) ?? [];
    lista.push(b.payload as Blocco);
    blocchiDi.set(b.sectionId, lista);
  }
  const sezionePacchetto = (s: (typeof sezioni)[number]): SezionePacchetto => ({
    codice: s.codice,
    titolo: s.titolo,
    settore: codiceSettore.get(s.settoreId)!,
    stato: s.stato,
    ...(s.scadenza ? { scadenza: s.scadenza } : {}),
    blocchi: blocchiDi.get(s.id) ?? [],
  });

  const parti = db.select().from(parts).where(eq(parts.editionId, ed.id)).orderBy(asc(parts.posizione)).all();
  return {
    formato: FORMATO_PACCHETTO,
    ente: { nome: nomeEnte },
    settori: tuttiSettori.map((s) => ({ codice: s.codice, nome: s.nome })),
    edizione: { slug: ed.slug, titolo: ed.titolo, annoInizio: ed.annoInizio, annoFine: ed.annoFine, stato: ed.stato },
    parti: parti.map((parte) => ({
      codice: parte.codice,
      titolo: parte.titolo,
      sezioni: sezioni.filter((s) => s.partId === parte.id && s.ambitoId === null).map(sezionePacchetto),
      aree: db.select().from(areas).where(eq(areas.partId, parte.id)).orderBy(asc(areas.posizione)).all().map((area) => ({
        numero: area.numero,
        titolo: area.titolo,
        ambiti: db.select().from(ambiti).where(eq(ambiti.areaId, area.id)).orderBy(asc(ambiti.posizione)).all().map((ambito) => ({
          codice: ambito.codice,
          titolo: ambito.titolo,
          obiettivo: ambito.obiettivo,
          settori: db
            .select({ settoreId: ambitoSettori.settoreId })
            .from(ambitoSettori)
            .where(eq(ambitoSettori.ambitoId, ambito.id))
            .orderBy(asc(ambitoSettori.posizione))
            .all()
            .map((r) => codiceSettore.get(r.settoreId)!),
          assessori: ambito.assessori,
          sezione: sezionePacchetto(sezioni.find((s) => s.ambitoId === ambito.id)!),
        })),
      })),
    })),
  };
}

/** The package as the file format writes it: two-space JSON and a final newline. */
export function serializzaPacchetto(p: Pacchetto): string {
  return JSON.stringify(p, null, 2) + "\n";
}
