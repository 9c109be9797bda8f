import Link from "next/link";
import type { PaginaCambiata } from "@/lib/publication/errata";
import type { Revisione } from "@/lib/publication/queries";
import { formatGiorno } from "@/lib/numbers/format";

/** The public list of corrections: every revision after the first, newest first, then the original. */
const CAMBIO: Record<PaginaCambiata["cambio"], string> = { modificata: "", aggiunta: " (aggiunta)", tolta: " (tolta)" };

export function Errata({ slug, revisioni, corrente, cambiamenti }: { slug: string; revisioni: Revisione[]; corrente: number; cambiamenti: Map<number, PaginaCambiata[]> }) {
  const ordinate = [...revisioni].reverse();
  return (
    <section id="errata" aria-labelledby="errata-titolo" className="my-4">
      <h2 id="errata-titolo" className="h3">Errata</h2>
      <p>Dopo la prima pubblicazione l&apos;edizione è stata corretta. Ogni correzione è una nuova revisione, firmata e pubblicata; le precedenti restano consultabili.</p>
      <ul className="list-unstyled">
        {ordinate.map((r) => (
          <li key={r.revisione} className="border-start border-4 border-primary ps-3 mb-3">
            <p className="fw-semibold mb-1">
              Revisione {r.revisione} del {formatGiorno(r.pubblicataIl)}
              {r.revisione === corrente && " (quella che stai leggendo)"}
            </p>
            <p className="mb-1">{r.modifiche ?? (r.revisione === 1 ? "Prima pubblicazione." : "Correzione senza descrizione.")}</p>
            {cambiamenti.has(r.revisione) && (
              <p className="mb-1 small">
                {cambiamenti.get(r.revisione)!.length === 0
                  ? "Nessuna pagina cambiata rispetto alla revisione precedente."
                  : <>
                      Pagine cambiate:{" "}
                      {cambiamenti.get(r.revisione)!.map((p, i) => (
                        <span key={p.codice}>
                          {i > 0 && ", "}
                          {p.cambio === "tolta" ? p.titolo : <Link href={`/edizioni/${slug}/${p.parte}/${p.codice}`}>{p.titolo}</Link>}
                          {CAMBIO[p.cambio]}
                        </span>
                      ))}
                    </>}
              </p>
            )}
            <Link href={`/edizioni/${slug}/revisioni/${r.revisione}`}>Leggi la revisione {r.revisione}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
