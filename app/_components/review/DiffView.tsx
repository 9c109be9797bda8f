/**
 * What changed in a section since the last approved or submitted revision, for
 * the second review: only changed, added and removed blocks are shown
 * (unchanged ones are only counted). Changes are marked with <del>/<ins>, with
 * line-through/underline and words for screen readers, never by colour alone.
 * Server-compatible: no hooks.
 */
import type { ReactNode } from "react";
import { TIPI_BLOCCO, type Blocco } from "@/lib/content/blocks";
import { richDocToPlainText } from "@/lib/content/rich-text";
import { plurale, preposizione } from "@/lib/italiano";
import { spostati, titoloBlocco, VUOTO, type Modifica, type VoceDiff } from "@/lib/diff";
import { SezioneContent } from "../report/SezioneContent";
import "./diff.css";

/** The block's name in a card heading: its title, or the opening of its text. */
function nomeBlocco(b: Blocco): string {
  const t = titoloBlocco(b);
  if (t) return t;
  if (b.tipo === "testo") {
    const testo = richDocToPlainText(b.contenuto).replace(/\s+/g, " ");
    return testo.length > 80 ? `${testo.slice(0, 79)}…` : testo;
  }
  return "";
}

/** A value of a change; the empty mark is read out as a word. */
function Valore({ testo }: { testo: string }) {
  if (testo !== VUOTO) return <>{testo}</>;
  return (
    <>
      <span aria-hidden="true">{VUOTO}</span>
      <span className="visually-hidden">vuoto</span>
    </>
  );
}

function VoceModifica({ m }: { m: Modifica }) {
  if (m.tipo === "valore") {
    return (
      <li className="diff-modifica">
        <span className="diff-etichetta">{m.etichetta}:</span>{" "}
        <del className="diff-del">
          <span className="visually-hidden">prima: </span>
          <Valore testo={m.prima} />
        </del>{" "}
        <span className="diff-freccia" aria-hidden="true">→</span>{" "}
        <ins className="diff-ins">
          <span className="visually-hidden">dopo: </span>
          <Valore testo={m.dopo} />
        </ins>
      </li>
    );
  }
  return (
    <li className="diff-modifica">
      <span className="diff-etichetta">{m.etichetta}:</span>
      <div className="diff-testo">
        {m.parti.map((p, i) =>
          p.tipo === "uguale" ? (
            <span key={i}>{p.testo}</span>
          ) : p.tipo === "aggiunto" ? (
            <ins key={i} className="diff-ins">
              <span className="visually-hidden">[aggiunto: </span>
              {p.testo}
              <span className="visually-hidden">]</span>
            </ins>
          ) : (
            <del key={i} className="diff-del">
              <span className="visually-hidden">[tolto: </span>
              {p.testo}
              <span className="visually-hidden">]</span>
            </del>
          ),
        )}
      </div>
    </li>
  );
}

type Esito = "modificato" | "aggiunto" | "rimosso" | "spostato";
const ESITI: Record<Esito, string> = {
  modificato: "Modificato",
  aggiunto: "Aggiunto",
  rimosso: "Rimosso",
  spostato: "Spostato",
};
const SIMBOLI: Record<Esito, string> = { modificato: "✎", aggiunto: "+", rimosso: "−", spostato: "↕" };

function Scheda({ esito, blocco, posizione, children }: { esito: Esito; blocco: Blocco; posizione: string; children: ReactNode }) {
  const nome = nomeBlocco(blocco);
  return (
    <li className={`diff-blocco diff-blocco-${esito} card card-bg senza-piede border mb-3`}>
      <div className="card-body">
        <h3 className="h6 mb-2">
          <span className={`badge diff-esito diff-esito-${esito} me-2`}>
            <span aria-hidden="true">{SIMBOLI[esito]} </span>
            {ESITI[esito]}
          </span>
          {TIPI_BLOCCO[blocco.tipo]}
          {nome && <>: «{nome}»</>}
        </h3>
        <p className="small text-muted mb-2">{posizione}</p>
        {children}
      </div>
    </li>
  );
}

export function DiffView({ voci, etichettaPrima }: { voci: VoceDiff[]; etichettaPrima: string }) {
  const conta = (esito: VoceDiff["esito"]) => voci.filter((v) => v.esito === esito).length;
  const mosse = spostati(voci);
  const aggiuntiMossi = new Map(mosse.map((s) => [s.indice, s.indicePrima]));
  const rimossiMossi = new Set(mosse.map((s) => s.indicePrima));
  const modificati = conta("modificato");
  const aggiunti = conta("aggiunto") - mosse.length;
  const rimossi = conta("rimosso") - mosse.length;
  const invariati = conta("invariato");
  const riepilogo = [
    plurale(modificati, "blocco modificato", "blocchi modificati"),
    plurale(aggiunti, "aggiunto", "aggiunti"),
    plurale(rimossi, "rimosso", "rimossi"),
    ...(mosse.length > 0 ? [plurale(mosse.length, "spostato", "spostati")] : []),
    plurale(invariati, "invariato", "invariati"),
  ].join(", ");
  const nessuna = modificati + aggiunti + rimossi + mosse.length === 0;

  return (
    <section className="diff-sezione my-4" aria-labelledby="diff-titolo">
      <h2 id="diff-titolo" className="h4">
        Che cosa è cambiato rispetto {preposizione("a", etichettaPrima)}
      </h2>
      <p className="diff-riepilogo">{riepilogo}</p>
      {nessuna ? (
        <p className="alert alert-info">Nessuna modifica</p>
      ) : (
        <ol className="list-unstyled">
          {voci.map((v) => {
            switch (v.esito) {
              case "invariato":
                return null;
              case "modificato":
                return (
                  <Scheda
                    key={`m${v.indice}`}
                    esito="modificato"
                    blocco={v.dopo}
                    posizione={v.indice === v.indicePrima ? `Posizione ${v.indice + 1}` : `Posizione ${v.indice + 1} (era ${v.indicePrima + 1})`}
                  >
                    <ul className="list-unstyled mb-0">
                      {v.modifiche.map((m, i) => (
                        <VoceModifica key={i} m={m} />
                      ))}
                    </ul>
                  </Scheda>
                );
              case "aggiunto": {
                const da = aggiuntiMossi.get(v.indice);
                if (da !== undefined) {
                  return (
                    <Scheda key={`a${v.indice}`} esito="spostato" blocco={v.blocco} posizione={`Dalla posizione ${da + 1} alla posizione ${v.indice + 1}`}>
                      <p className="mb-0">Il blocco è stato spostato; il contenuto non è cambiato.</p>
                    </Scheda>
                  );
                }
                return (
                  <Scheda key={`a${v.indice}`} esito="aggiunto" blocco={v.blocco} posizione={`Posizione ${v.indice + 1}`}>
                    <div className="diff-contenuto">
                      <SezioneContent blocchi={[{ id: -1000 - v.indice, dati: v.blocco }]} />
                    </div>
                  </Scheda>
                );
              }
              case "rimosso":
                // A moved block is shown once, where it is now.
                if (rimossiMossi.has(v.indicePrima)) return null;
                return (
                  <Scheda key={`r${v.indicePrima}`} esito="rimosso" blocco={v.blocco} posizione={`Era in posizione ${v.indicePrima + 1}`}>
                    <div className="diff-contenuto">
                      <SezioneContent blocchi={[{ id: -2000 - v.indicePrima, dati: v.blocco }]} />
                    </div>
                  </Scheda>
                );
            }
          })}
        </ol>
      )}
    </section>
  );
}
