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
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { editions, valutazioni } from "../schema";
import { motiviPer } from "../../lib/ascolto/domande";
import { pagineValutabili } from "../../lib/ascolto/pagine";
import { avvisaNuoviCommenti, gestisciCommento, nascondiSpam } from "../../lib/ascolto/service";
import { pubblicazione } from "../../lib/publication/queries";
import type { Chi } from "../../lib/servizio";
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

/** Records the demo's ratings and comments, then lets the coordinator handle some and hide the spam. */
export function seminaAscoltoDemo(db: Db, slug: string, coordinatore: Chi, adesso: Date = new Date()): { valutazioni: number; commenti: number } {
  const rnd = generatore(20170612);
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get()!;
  const pub = pubblicazione(db, slug)!;
  const pagine = pagineValutabili(pub.dati).filter((p) => !(PAGINE_SENZA_VALUTAZIONI_DEMO as readonly string[]).includes(p.percorso));
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
        editionId: ed.id,
        revisione: pub.revisione,
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
    editionId: ed.id,
    revisione: pub.revisione,
    percorso: c.percorso,
    ambito: ambitoDi.get(c.percorso) ?? null,
    voto: c.voto,
    motivo: c.motivo,
    commento: c.commento,
    email: c.email ?? null,
    indirizzoHash: sha256(`demo-${++n}`),
    createdAt: quando(c.giorniFa),
  }));
  const ids = db.transaction((tx) => {
    if (righe.length) tx.insert(valutazioni).values(righe).run();
    const nuovi = tx.insert(valutazioni).values(commenti).returning({ id: valutazioni.id }).all().map((r) => r.id);
    // As the widget would: the coordinator's bell says there are comments to read.
    avvisaNuoviCommenti(tx);
    return nuovi;
  });
  // The coordinator's work goes through the app's services: each with its audit row.
  COMMENTI.forEach((c, i) => {
    const esito = c.spam ? nascondiSpam(db, coordinatore, { id: ids[i] }) : c.nota ? gestisciCommento(db, coordinatore, { id: ids[i], nota: c.nota }) : { ok: true };
    if (!esito.ok) throw new Error(`Demo, ascolto: ${"messaggio" in esito ? esito.messaggio : "errore"}`);
  });
  return { valutazioni: righe.length + commenti.length, commenti: commenti.length };
}
