/**
 * The demo's citizens: a plausible set of ratings of the published 2014–2016 edition
 * over the last weeks, and a few comments, some handled by the coordinator with a note
 * (so the 2017–2019 editor of those ambiti shows "Cosa hanno detto i cittadini") and one
 * hidden as spam. Deterministic: a seeded generator, no Math.random; only the dates
 * follow the day of the reset, counted back from it.
 *
 * Left without ratings on purpose, for the e2e journeys that count their own: the ambito
 * "po-e-territorio" and the page "organizzazione/organigramma".
 */
import type { valutazioni } from "../schema";
import { motiviPer } from "../../lib/ascolto/domande";
import { pagineValutabili } from "../../lib/ascolto/pagine";
import type { DatiEdizione } from "../../lib/publication/dati";
import { sha256 } from "../../lib/sha256";

export const PAGINE_SENZA_VALUTAZIONI_DEMO = ["impegni/po-e-territorio", "organizzazione/organigramma"] as const;

/** mulberry32: a small seeded generator, the same numbers on every reset. */
function generatore(seme: number): () => number {
  let a = seme >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How clear each page looked to the demo's citizens (average stars); the rest around 3,9. */
const CHIAREZZA: Record<string, number> = {
  "impegni/gestione-efficiente-ed-efficace-delle-risorse": 2.2,
  "impegni/smart-city": 2.6,
  "impegni/rigenerazione-urbana": 2.8,
  "impegni/equita-e-legalita": 3.0,
  "organizzazione/risorse-e-bilancio": 2.9,
  "impegni/offerta-culturale-turistica": 4.3,
  "impegni/sport": 4.5,
  "identita/conosci-popolazione": 4.4,
  "": 4.1,
};

interface CommentoDemo {
  percorso: string;
  voto: number;
  motivo: string;
  commento: string;
  giorniFa: number;
  email?: string;
  /** The coordinator's note: the comment is handled. */
  nota?: string;
  spam?: true;
}

const COMMENTI: CommentoDemo[] = [
  {
    percorso: "impegni/gestione-efficiente-ed-efficace-delle-risorse",
    voto: 2,
    motivo: "numeri-poco-chiari",
    commento: "Non si capisce se la spesa corrente è aumentata o diminuita rispetto al 2014: mancano i valori di partenza.",
    giorniFa: 40,
    nota: "Nella prossima edizione ogni indicatore della spesa riporta il valore dell'anno precedente e la variazione.",
  },
  {
    percorso: "impegni/smart-city",
    voto: 2,
    motivo: "testo-difficile",
    commento: "Troppe sigle (SUAP, WiFi, open data…) senza spiegazione.",
    giorniFa: 33,
    nota: "Aggiungere un breve glossario delle sigle in fondo all'ambito.",
  },
  {
    percorso: "impegni/offerta-culturale-turistica",
    voto: 4,
    motivo: "numeri-chiari",
    commento: "Bene i dati sugli arrivi, ma vorrei sapere quanti visitatori sono cremonesi.",
    giorniFa: 21,
    nota: "Chiedere al Settore Cultura se il dato sulla provenienza dei visitatori è disponibile per il 2017.",
  },
  {
    percorso: "impegni/rigenerazione-urbana",
    voto: 3,
    motivo: "incomplete",
    commento: "Quali cantieri sono finiti e quali no? Una mappa aiuterebbe.",
    giorniFa: 12,
    email: "lettore.attento@example.org",
  },
  {
    percorso: "impegni/welfare-generativo-e-di-comunita",
    voto: 5,
    motivo: "testo-chiaro",
    commento: "Finalmente si capisce a chi sono rivolti i progetti.",
    giorniFa: 9,
  },
  {
    percorso: "organizzazione/risorse-e-bilancio",
    voto: 1,
    motivo: "non-trovato",
    commento: "Cercavo il bilancio di previsione e non l'ho trovato.",
    giorniFa: 5,
  },
  {
    percorso: "impegni/sport",
    voto: 1,
    motivo: "altro-negativo",
    commento: "Offerta imperdibile!!! Visita il nostro sito di scommesse.",
    giorniFa: 3,
    spam: true,
  },
];

/** What the demo's citizens said, as rows to insert, and what the coordinator does with each comment. */
export interface AscoltoDemo {
  /** Ratings without a comment. */
  valutazioni: (typeof valutazioni.$inferInsert)[];
  /** Ratings with a comment, in the order of `gestione`. */
  commenti: (typeof valutazioni.$inferInsert)[];
  /** For each comment: hidden as spam, handled with a note, or left to read. */
  gestione: ({ tipo: "spam" } | { tipo: "gestito"; nota: string } | { tipo: "da_leggere" })[];
}

/**
 * The demo's ratings and comments of a published revision (its signed data), dated
 * back from `adesso`. Pure data: db/seed.ts writes them and plays the coordinator.
 */
export function ascoltoDemo(dati: DatiEdizione, editionId: number, revisione: number, adesso: Date = new Date()): AscoltoDemo {
  const rnd = generatore(20170612);
  const pagine = pagineValutabili(dati).filter((p) => !(PAGINE_SENZA_VALUTAZIONI_DEMO as readonly string[]).includes(p.percorso));
  const ambitoDi = new Map(pagine.map((p) => [p.percorso, p.ambito]));
  const GIORNO = 24 * 60 * 60_000;
  const quando = (giorniFa: number) => new Date(adesso.getTime() - giorniFa * GIORNO - Math.floor(rnd() * 10 * 60 * 60_000)).toISOString();
  let n = 0;
  const righe: (typeof valutazioni.$inferInsert)[] = [];
  for (const p of pagine) {
    // Readers stop at the ambiti and the pages they care about: some get none.
    const quante = p.ambito || CHIAREZZA[p.percorso] !== undefined ? 2 + Math.floor(rnd() * 12) : Math.floor(rnd() * 4);
    const media = CHIAREZZA[p.percorso] ?? 3.6 + rnd() * 0.7;
    for (let i = 0; i < quante; i++) {
      const rumore = (rnd() + rnd() + rnd() - 1.5) * 1.6;
      const voto = Math.min(5, Math.max(1, Math.round(media + rumore)));
      const motivi = motiviPer(voto);
      righe.push({
        editionId,
        revisione,
        percorso: p.percorso,
        ambito: p.ambito,
        voto,
        motivo: rnd() < 0.6 ? motivi[Math.floor(rnd() * (motivi.length - 1))].codice : null,
        indirizzoHash: sha256(`demo-${++n}`),
        // Two days ago at the latest: the server's first daily digest has nothing of the demo's to send.
        createdAt: quando(2 + Math.floor(rnd() * 80)),
      });
    }
  }
  const commenti = COMMENTI.map((c) => ({
    editionId,
    revisione,
    percorso: c.percorso,
    ambito: ambitoDi.get(c.percorso) ?? null,
    voto: c.voto,
    motivo: c.motivo,
    commento: c.commento,
    email: c.email ?? null,
    indirizzoHash: sha256(`demo-${++n}`),
    createdAt: quando(c.giorniFa),
  }));
  const gestione = COMMENTI.map((c): AscoltoDemo["gestione"][number] => (c.spam ? { tipo: "spam" } : c.nota ? { tipo: "gestito", nota: c.nota } : { tipo: "da_leggere" }));
  return { valutazioni: righe, commenti, gestione };
}
