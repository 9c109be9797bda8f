/**
 * A published edition's whole report on one page, rendered from its snapshot
 * alone (never from the editable tables, never from the session): index,
 * parts, areas, ambiti and their sections, with sources and notes numbered
 * once for the whole edition and listed at the end. Used by the public
 * revision pages, the internal preview, the signing page and the print page.
 *
 * Headings start at h2 (the caller's page owns the h1) and stay flat (part,
 * area and page titles are all h2) because the blocks' own headings are h3/h4.
 */
import Link from "next/link";
import type { DatiEdizione } from "@/lib/publication/dati";
import { indiceEdizione, noteEdizione, type PaginaEdizione } from "@/lib/publication/indice";
import { NoteList } from "@/app/_components/report/NoteRef";
import { AmbitoIntestazione } from "./AmbitoIntestazione";
import { ContenutoPagina } from "./ContenutoPagina";
import { ancore, IndiceNav } from "./IndiceNav";

/**
 * `basePath` ("/edizioni/2014-2016"): when the edition's single pages exist
 * at that address, each page links to its own page.
 */
export function EdizioneCompleta({ dati, basePath, stampa }: { dati: DatiEdizione; basePath?: string; stampa?: boolean }) {
  const indice = indiceEdizione(dati);
  const note = noteEdizione(dati);
  const elenco = note.elenco();

  const pagina = (p: PaginaEdizione) => (
    <section key={p.codice} id={p.ancora} className="pagina-edizione mt-5">
      <h2 className="h3">{p.titolo}</h2>
      {basePath && (
        <p className="small">
          <Link href={`${basePath}/${p.parte.codice}/${p.codice}`}>
            Apri solo questa pagina<span className="visually-hidden">: {p.titolo}</span>
          </Link>
        </p>
      )}
      {p.ambito && <AmbitoIntestazione ambito={p.ambito} settori={dati.settori} />}
      <ContenutoPagina sezione={p.sezione} note={note} prefissoId={`${p.ancora}-blocco-`} elencoNote={false} />
    </section>
  );

  return (
    <div className="edizione-completa">
      <IndiceNav indice={indice} collegamenti={ancore} note={elenco.length > 0 ? { href: "#note-titolo" } : undefined} numeriPagina={stampa} />
      {indice.parti.map((parte) => (
        <section key={parte.codice} id={parte.ancora} aria-labelledby={`${parte.ancora}-titolo`} className="parte-edizione mt-5 pt-3 border-top border-3 border-primary">
          <h2 id={`${parte.ancora}-titolo`} className="display-6 text-primary">{parte.titolo}</h2>
          {parte.pagine.map(pagina)}
          {parte.aree.map((area) => (
            <section key={area.segmento} id={area.ancora} className="area-edizione mt-5">
              <h2 className="h2 border-bottom pb-2">
                <span className="d-block small text-uppercase text-muted">Area {area.numero}</span>{" "}
                {area.titolo}
              </h2>
              {area.pagine.map(pagina)}
            </section>
          ))}
        </section>
      ))}
      <NoteList note={elenco} />
    </div>
  );
}
