/**
 * The DCAT-AP_IT documents from the database: the published editions (from the
 * publications table only, as the public site) and the ente's name and chosen
 * licence. The bytes are checked against their signed hash by pubblicazione():
 * an altered publication is never described (the edition's document answers 500,
 * the catalogue leaves it out and the log says why).
 */
import "server-only";
import type { Db, Tx } from "../../db/client";
import { ente } from "../../db/schema";
import { edizioniPubblicate, pubblicazione, type Pubblicazione } from "../publication/queries";
import { PubblicazioneAlterata } from "../publication/verifica";
import { grafoCatalogo, grafoEdizione, type ContestoDcat, type EdizioneDcat, type Nodo } from "./dcat";
import { distribuzioniRevisione, pdfDellaRevisione } from "./distribuzioni";
import { licenza } from "./licenze";
import { log } from "../log";

/** Who publishes, under which licence, at which public address. */
export function contestoDcat(db: Tx, base: string, nomeRiserva?: string): ContestoDcat {
  const riga = db.select({ nome: ente.nome, licenza: ente.licenza }).from(ente).limit(1).get();
  return { base, ente: { nome: riga?.nome ?? nomeRiserva ?? "Il Comune" }, licenza: licenza(riga?.licenza) };
}

/** The licence the ente has chosen (CC BY 4.0 until it chooses). */
export function licenzaEnte(db: Tx) {
  return licenza(db.select({ licenza: ente.licenza }).from(ente).limit(1).get()?.licenza);
}

/** A published revision as the catalogue describes it. */
export function edizioneDcat(p: Pubblicazione): EdizioneDcat {
  return {
    slug: p.slug,
    titolo: p.dati.edizione.titolo,
    annoInizio: p.dati.edizione.annoInizio,
    annoFine: p.dati.edizione.annoFine,
    revisione: p.revisione,
    sha256: p.sha256,
    primaPubblicazione: p.revisioni[0]?.pubblicataIl ?? p.pubblicataIl,
    ultimaPubblicazione: p.pubblicataIl,
    file: distribuzioniRevisione(p, pdfDellaRevisione(p)),
  };
}

/** The DCAT graph of one published edition (its latest revision), or null if none is published at that slug. */
export function grafoDiEdizione(db: Tx, slug: string, base: string): Nodo[] | null {
  const p = pubblicazione(db, slug);
  return p ? grafoEdizione(contestoDcat(db, base, p.dati.ente.nome), edizioneDcat(p)) : null;
}

/** The DCAT graph of the whole catalogue: every published edition, newest period first. */
export function grafoDelCatalogo(db: Db, base: string): Nodo[] {
  const edizioni: Pubblicazione[] = [];
  for (const v of edizioniPubblicate(db)) {
    try {
      const p = pubblicazione(db, v.slug);
      if (p) edizioni.push(p);
    } catch (e) {
      if (!(e instanceof PubblicazioneAlterata)) throw e;
      log.error({ lavoro: "integrità", slug: v.slug, errore: e.message }, "edizione lasciata fuori dal catalogo DCAT: controlla con npm run verify");
    }
  }
  return grafoCatalogo(contestoDcat(db, base, edizioni[0]?.dati.ente.nome), edizioni.map(edizioneDcat));
}
