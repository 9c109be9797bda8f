/**
 * The coordinator's view of an edition's progress: how many sections are in each
 * state, per settore and per area, which are late and which deadline comes next.
 */
import type { Db } from "../../db/client";
import { STATI_SEZIONE, type StatoSezione } from "../workflow";
import { sezioniEdizione } from "../sections/queries";
import { oggiRoma } from "../numbers/calendario";

export type { StatoSezione };
export type ConteggiStato = Record<StatoSezione, number>;

export interface RigaAvanzamento {
  /** "settore-3", "area-7", or "parte-1" for pages directly in a part. */
  chiave: string;
  etichetta: string;
  conteggi: ConteggiStato;
  totale: number;
  /** Whole percent of sections approved (0 when there are none). */
  percentualeApprovate: number;
  /** Sections past their deadline (scadenza < oggi) and not yet approved. */
  scadute: number;
  /** The nearest deadline still ahead (scadenza ≥ oggi) of a section not yet approved. */
  prossimaScadenza: string | null;
}

export interface SezioneScaduta {
  id: number;
  titolo: string;
  settoreNome: string;
  scadenza: string;
  stato: StatoSezione;
}

export interface Avanzamento {
  oggi: string;
  totali: ConteggiStato & { totale: number; percentualeApprovate: number; scadute: number; prossimaScadenza: string | null };
  perSettore: RigaAvanzamento[];
  perArea: RigaAvanzamento[];
  /** Overdue sections, the oldest deadline first. */
  scadute: SezioneScaduta[];
  /** Each section's current version, for the deadline forms' optimistic check. */
  versioni: Map<number, number>;
}

const vuoti = (): ConteggiStato => ({ bozza: 0, inviata: 0, da_rivedere: 0, approvata: 0 });

interface Accumulo {
  chiave: string;
  etichetta: string;
  conteggi: ConteggiStato;
  scadute: number;
  prossima: string | null;
}

function nuovo(chiave: string, etichetta: string): Accumulo {
  return { chiave, etichetta, conteggi: vuoti(), scadute: 0, prossima: null };
}

function aggiungi(a: Accumulo, s: { stato: StatoSezione; scadenza: string | null }, oggi: string) {
  a.conteggi[s.stato]++;
  if (s.stato === "approvata" || !s.scadenza) return;
  if (s.scadenza < oggi) a.scadute++;
  else if (a.prossima === null || s.scadenza < a.prossima) a.prossima = s.scadenza;
}

const percentuale = (approvate: number, totale: number) => (totale ? Math.round((approvate / totale) * 100) : 0);

function chiudi(a: Accumulo): RigaAvanzamento {
  const totale = STATI_SEZIONE.reduce((n, s) => n + a.conteggi[s], 0);
  return {
    chiave: a.chiave,
    etichetta: a.etichetta,
    conteggi: a.conteggi,
    totale,
    percentualeApprovate: percentuale(a.conteggi.approvata, totale),
    scadute: a.scadute,
    prossimaScadenza: a.prossima,
  };
}

export function avanzamento(db: Db, editionId: number, oggi: string = oggiRoma()): Avanzamento {
  const righe = sezioniEdizione(db, editionId);

  const totale = nuovo("totale", "Totale");
  const settoriMap = new Map<number, Accumulo>();
  // Areas in report order (first appearance); pages outside an area grouped by their part.
  const areeMap = new Map<string, Accumulo>();
  const scadute: SezioneScaduta[] = [];
  const versioni = new Map<number, number>();

  for (const s of righe) {
    versioni.set(s.id, s.version);
    aggiungi(totale, s, oggi);
    let st = settoriMap.get(s.settoreId);
    if (!st) settoriMap.set(s.settoreId, (st = nuovo(`settore-${s.settoreId}`, s.settoreNome)));
    aggiungi(st, s, oggi);
    const chiaveArea = s.areaId !== null ? `area-${s.areaId}` : `parte-${s.partId}`;
    let ar = areeMap.get(chiaveArea);
    if (!ar) areeMap.set(chiaveArea, (ar = nuovo(chiaveArea, s.areaId !== null ? `${s.areaNumero}. ${s.areaTitolo}` : s.parteTitolo)));
    aggiungi(ar, s, oggi);
    if (s.stato !== "approvata" && s.scadenza && s.scadenza < oggi) {
      scadute.push({ id: s.id, titolo: s.titolo, settoreNome: s.settoreNome, scadenza: s.scadenza, stato: s.stato });
    }
  }

  const t = chiudi(totale);
  return {
    oggi,
    totali: { ...t.conteggi, totale: t.totale, percentualeApprovate: t.percentualeApprovate, scadute: t.scadute, prossimaScadenza: t.prossimaScadenza },
    perSettore: [...settoriMap.values()].map(chiudi).sort((a, b) => a.etichetta.localeCompare(b.etichetta, "it")),
    perArea: [...areeMap.values()].map(chiudi),
    scadute: scadute.sort((a, b) => a.scadenza.localeCompare(b.scadenza) || a.titolo.localeCompare(b.titolo, "it")),
    versioni,
  };
}
