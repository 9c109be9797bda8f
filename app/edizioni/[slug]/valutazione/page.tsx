/**
 * Where the rating widget's form lands (POST /api/ascolto answers with a 303 here):
 * the thanks with a link back to the rated page, or the form again with the reason and
 * what the citizen typed, errors beside their fields. Rendered per request (it reads
 * the address), no session, no cookie, no script needed.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ValutazionePagina } from "@/app/_components/ascolto/ValutazionePagina";
import { authSecret } from "@/lib/auth/secret";
import { apriRespinta } from "@/lib/ascolto/modulo";
import { indirizzoPagina, risolviPercorso } from "@/lib/ascolto/pagine";
import { base, caricaEdizione } from "../../_lib/carica";
import { Briciole } from "../../_components/Briciole";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Valuta la pagina", robots: { index: false, follow: false } };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const uno = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ValutazionePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const e = caricaEdizione(slug);
  if (!e) notFound();
  const q = await searchParams;
  const sigillo = uno(q.r);
  const respinta = sigillo ? apriRespinta(authSecret(), sigillo.slice(0, 12_000)) : null;
  const percorso = respinta?.percorso ?? uno(q.pagina)?.slice(0, 300) ?? "";
  const pagina = risolviPercorso(e.indice, percorso);
  const b = base(slug);
  // Only a page of this edition: the link back is always a same-origin path.
  const ritorno = pagina ? indirizzoPagina(slug, pagina.percorso) : b;
  const titoloPagina = pagina?.titolo ?? e.pub.dati.edizione.titolo;
  const briciole = <Briciole voci={[{ href: "/edizioni", testo: "Edizioni" }, { href: b, testo: e.pub.dati.edizione.titolo }]} corrente="Valuta la pagina" />;

  if (uno(q.esito) === "grazie") {
    return (
      <>
        {briciole}
        <h1>Grazie per la tua valutazione</h1>
        <div className="alert alert-success" role="status">
          La tua risposta è stata registrata. La leggerà il coordinamento del Bilancio sociale, che ne terrà conto nella prossima edizione.
        </div>
        <p>
          <Link href={ritorno}>Torna alla pagina «{titoloPagina}»</Link>
        </p>
      </>
    );
  }

  if (sigillo && !respinta) {
    return (
      <>
        {briciole}
        <h1>Valuta la pagina</h1>
        <div className="alert alert-warning" role="alert">
          Il modulo è scaduto: la valutazione non è stata registrata. Torna alla pagina e valuta di nuovo.
        </div>
        <p>
          <Link href={ritorno}>Torna alla pagina «{titoloPagina}»</Link>
        </p>
      </>
    );
  }

  const rev = respinta && e.pub.revisioni.some((r) => r.revisione === respinta.revisione) ? respinta.revisione : e.pub.revisione;
  return (
    <>
      {briciole}
      <h1>Valuta la pagina «{titoloPagina}»</h1>
      {respinta && (
        <div className={`alert ${respinta.tipo === "non_valido" ? "alert-danger" : "alert-warning"}`} role="alert">
          {respinta.messaggio}
          {Object.keys(respinta.errori).length > 0 && " Gli errori sono indicati accanto ai campi."}
        </div>
      )}
      {pagina ? (
        <ValutazionePagina
          slug={slug}
          revisione={rev}
          percorso={pagina.percorso}
          valori={respinta?.valori}
          errori={respinta?.errori}
          gettone={respinta?.gettone ?? undefined}
        />
      ) : (
        <p>Questa pagina non fa parte dell&apos;edizione.</p>
      )}
      <p className="mt-4">
        <Link href={ritorno}>Torna alla pagina «{titoloPagina}»</Link>
      </p>
    </>
  );
}
