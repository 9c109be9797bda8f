import Link from "next/link";
import type { AreaIndice, IndiceEdizione, PaginaEdizione, ParteIndice } from "@/lib/publication/indice";

export interface Collegamenti {
  parte: (p: ParteIndice) => string;
  area: (p: ParteIndice, a: AreaIndice) => string;
  pagina: (p: PaginaEdizione) => string;
}

/** Anchors inside the whole-edition page. */
export const ancore: Collegamenti = {
  parte: (p) => `#${p.ancora}`,
  area: (_p, a) => `#${a.ancora}`,
  pagina: (p) => `#${p.ancora}`,
};

/** Public addresses of an edition's pages below `base` ("/edizioni/2014-2016"). */
export function indirizzi(base: string): Collegamenti {
  return {
    parte: (p) => `${base}/${p.codice}`,
    area: (p, a) => `${base}/${p.codice}/${a.segmento}`,
    pagina: (p) => `${base}/${p.parte.codice}/${p.codice}`,
  };
}

/** The edition's table of contents: parts → their pages and areas → ambiti. */
/**
 * `numeriPagina` (the print page): each entry gets an empty slot for its page number,
 * which lib/publication/pdf.ts fills in from where Chromium put the anchor.
 */
export function IndiceNav({ indice, collegamenti, note, numeriPagina }: { indice: IndiceEdizione; collegamenti: Collegamenti; note?: { href: string }; numeriPagina?: boolean }) {
  const voce = (href: string, testo: string) =>
    href.startsWith("#") ? (
      <>
        <a href={href}>{testo}</a>
        {numeriPagina && <span className="numero-pagina" data-pagina-di={href.slice(1)} />}
      </>
    ) : (
      <Link href={href}>{testo}</Link>
    );
  return (
    <nav aria-label="Indice" className="indice-edizione my-4">
      <h2 className="h4">Indice</h2>
      <ul className="list-unstyled indice-parti">
        {indice.parti.map((p) => (
          <li key={p.codice} className="mt-2">
            <span className="fw-semibold">{voce(collegamenti.parte(p), p.titolo)}</span>
            {(p.pagine.length > 0 || p.aree.length > 0) && (
              <ul className="list-unstyled ps-3 ps-md-4">
                {p.pagine.map((s) => (
                  <li key={s.codice}>{voce(collegamenti.pagina(s), s.titolo)}</li>
                ))}
                {p.aree.map((a) => (
                  <li key={a.segmento} className="mt-1">
                    {voce(collegamenti.area(p, a), `Area ${a.numero} – ${a.titolo}`)}
                    {a.pagine.length > 0 && (
                      <ul className="list-unstyled ps-3 ps-md-4">
                        {a.pagine.map((s) => (
                          <li key={s.codice}>{voce(collegamenti.pagina(s), s.titolo)}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {note && <li className="mt-2"><span className="fw-semibold">{voce(note.href, "Fonti e note")}</span></li>}
      </ul>
    </nav>
  );
}
