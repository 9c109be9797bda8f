import type { Scheda } from "@/lib/content/blocks";
import type { Note } from "@/lib/content/notes";
import { testoImporto, testoRisultato } from "@/lib/content/cifre";
import { NoteRef } from "./NoteRef";
import { RichText } from "./RichText";

function Costo({ etichetta, c }: { etichetta: string; c?: Scheda["costi"]["comune"] }) {
  if (!c || (c.importo === undefined && !c.descrizione)) return null;
  return (
    <>
      <dt>{etichetta}</dt>
      <dd>
        {c.importo !== undefined && <strong>{testoImporto(c)}</strong>}
        {c.importo !== undefined && c.descrizione && " — "}
        {c.descrizione}
      </dd>
    </>
  );
}

/**
 * A PRIMA/DOPO project card with every field of the seed's cards. `note`: the
 * card's own source/note numbers; `noteSezione`: the section's numbering, for
 * the footnotes of the narrative.
 */
export function SchedaView({ b, note, noteSezione, id }: { b: Scheda; note: number[]; noteSezione?: Note; id: string }) {
  return (
    <article className="scheda card card-bg senza-piede border my-4" aria-labelledby={`${id}-titolo`}>
      <div className="card-body">
        <h3 id={`${id}-titolo`} className="card-title h4">
          {b.titolo}
          <NoteRef numeri={note} />
        </h3>
        <div className="row g-4 my-2">
          <div className="col-md-6">
            <h4 className="h6 text-uppercase">Prima</h4>
            <ul>{b.prima.map((p, i) => <li key={i}>{p}</li>)}</ul>
          </div>
          <div className="col-md-6">
            <h4 className="h6 text-uppercase text-primary">Dopo</h4>
            <ul>{b.dopo.map((p, i) => <li key={i}>{p}</li>)}</ul>
          </div>
        </div>
        <dl className="scheda-campi">
          {b.destinatari && (<><dt>Destinatari</dt><dd>{b.destinatari}</dd></>)}
          {b.luogo && (<><dt>Luogo</dt><dd>{b.luogo}</dd></>)}
          {b.tempi && (<><dt>Tempi</dt><dd>{b.tempi}</dd></>)}
          <Costo etichetta="Costi per il Comune" c={b.costi.comune} />
          <Costo etichetta="Altri contributi" c={b.costi.altri} />
          {b.soggetti.length > 0 && (
            <>
              <dt>Soggetti coinvolti</dt>
              <dd><ul className="mb-0">{b.soggetti.map((s, i) => <li key={i}>{s}</li>)}</ul></dd>
            </>
          )}
        </dl>
        {b.risultati.length > 0 && (
          <section aria-label={`Risultati: ${b.titolo}`} className="row g-3 my-3">
            {b.risultati.map((r, i) => (
              <div key={i} className="col-sm-6 col-lg-3">
                <p className="h4 text-primary mb-0">
                  {testoRisultato(r)}
                </p>
                <p className="small mb-0">{r.didascalia}</p>
              </div>
            ))}
          </section>
        )}
        {b.narrativa && <RichText doc={b.narrativa} note={noteSezione} />}
      </div>
    </article>
  );
}
