/** Read models of sections: an edition's sections in report order, one section with its blocks, a section with what the policy needs. */
import "server-only";
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, blocks, editions, parts, sections, settori, users } from "../../db/schema";
import type { Blocco } from "../content/blocks";
import type { Edizione } from "../editions/queries";
import type { RigaSezione } from "./tipi";

/** Every section of an edition in report order, with where it sits and who owns it. */
export function sezioniEdizione(db: Tx, editionId: number, soloSettori?: number[]): RigaSezione[] {
  const righe = db
    .select({
      id: sections.id,
      titolo: sections.titolo,
      version: sections.version,
      partId: parts.id,
      areaId: areas.id,
      stato: sections.stato,
      scadenza: sections.scadenza,
      settoreId: sections.settoreId,
      settoreNome: settori.nome,
      parteTitolo: parts.titolo,
      areaNumero: areas.numero,
      areaTitolo: areas.titolo,
    })
    .from(sections)
    .innerJoin(settori, eq(settori.id, sections.settoreId))
    .innerJoin(parts, eq(parts.id, sections.partId))
    .leftJoin(ambiti, eq(ambiti.id, sections.ambitoId))
    .leftJoin(areas, eq(areas.id, ambiti.areaId))
    .where(eq(sections.editionId, editionId))
    .orderBy(asc(sections.posizione))
    .all()
    .filter((r) => !soloSettori || soloSettori.includes(r.settoreId));
  const ids = righe.map((r) => r.id);
  const conteggi = new Map(
    (ids.length
      ? db.select({ id: blocks.sectionId, n: count() }).from(blocks).where(inArray(blocks.sectionId, ids)).groupBy(blocks.sectionId).all()
      : []
    ).map((c) => [c.id, c.n]),
  );
  return righe.map((r) => ({ ...r, blocchi: conteggi.get(r.id) ?? 0 }));
}

export interface SezioneCompleta {
  id: number;
  titolo: string;
  stato: RigaSezione["stato"];
  scadenza: string | null;
  settoreId: number;
  settoreNome: string;
  version: number;
  edizione: Edizione;
  parteTitolo: string;
  area: { numero: number; titolo: string } | null;
  ambito: { titolo: string; obiettivo: string; assessori: string[]; settori: string[] } | null;
  blocchi: { id: number; version: number; dati: Blocco; salvatoIl: string; autore: string | null }[];
}

export function caricaSezione(db: Tx, id: number): SezioneCompleta | null {
  const s = db.select().from(sections).where(eq(sections.id, id)).get();
  if (!s) return null;
  const edizione = db.select().from(editions).where(eq(editions.id, s.editionId)).get()!;
  const parte = db.select().from(parts).where(eq(parts.id, s.partId)).get()!;
  const settore = db.select().from(settori).where(eq(settori.id, s.settoreId)).get()!;
  let area: SezioneCompleta["area"] = null;
  let ambito: SezioneCompleta["ambito"] = null;
  if (s.ambitoId) {
    const a = db.select().from(ambiti).where(eq(ambiti.id, s.ambitoId)).get()!;
    const ar = db.select().from(areas).where(eq(areas.id, a.areaId)).get()!;
    area = { numero: ar.numero, titolo: ar.titolo };
    const nomiSettori = db
      .select({ nome: settori.nome })
      .from(ambitoSettori)
      .innerJoin(settori, eq(settori.id, ambitoSettori.settoreId))
      .where(eq(ambitoSettori.ambitoId, a.id))
      .orderBy(asc(ambitoSettori.posizione))
      .all()
      .map((r) => r.nome);
    ambito = { titolo: a.titolo, obiettivo: a.obiettivo, assessori: a.assessori, settori: nomiSettori };
  }
  const blocchi = db
    .select({ id: blocks.id, version: blocks.version, dati: blocks.payload, salvatoIl: blocks.updatedAt, autore: users.nome })
    .from(blocks)
    .leftJoin(users, eq(users.id, blocks.updatedBy))
    .where(eq(blocks.sectionId, id))
    .orderBy(asc(blocks.posizione))
    .all() as SezioneCompleta["blocchi"];
  return {
    id: s.id,
    titolo: s.titolo,
    stato: s.stato,
    scadenza: s.scadenza,
    settoreId: s.settoreId,
    settoreNome: settore.nome,
    version: s.version,
    edizione,
    parteTitolo: parte.titolo,
    area,
    ambito,
    blocchi,
  };
}

/** A section with what permission and checks need of its edition: state and years. */
export function sezioneConEdizione(db: Tx, sectionId: number) {
  return db
    .select({
      id: sections.id,
      titolo: sections.titolo,
      settoreId: sections.settoreId,
      stato: sections.stato,
      scadenza: sections.scadenza,
      version: sections.version,
      editionId: sections.editionId,
      statoEdizione: editions.stato,
      annoInizio: editions.annoInizio,
      annoFine: editions.annoFine,
    })
    .from(sections)
    .innerJoin(editions, eq(editions.id, sections.editionId))
    .where(eq(sections.id, sectionId))
    .get();
}
