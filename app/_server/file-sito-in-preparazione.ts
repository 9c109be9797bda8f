/**
 * The files that exist only as part of a revision's folder (sito.zip, SHA256SUMS) are
 * answered by lib/sito/servi.ts before the app sees the request. The app answers only
 * when the folder is not ready: 503 while it is being made, 404 with no such edition.
 */
import { getDb } from "@/db/client";
import { edizioniPubblicate } from "@/lib/publication/queries";

export function fileDelSito(nome: string) {
  return async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
    const { slug } = await params;
    const pubblicata = edizioniPubblicate(getDb()).some((e) => e.slug === slug);
    const intestazioni = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
    if (!pubblicata) return new Response(`Nessuna edizione pubblicata all'indirizzo "${slug}".`, { status: 404, headers: intestazioni });
    return new Response(`Il file ${nome} di questa edizione è in preparazione: riprova tra qualche minuto.`, { status: 503, headers: { ...intestazioni, "Retry-After": "60" } });
  };
}
