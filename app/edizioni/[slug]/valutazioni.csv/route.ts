/**
 * Public file: the citizens' ratings of an edition per ambito, as the coordination last
 * published them (lib/ascolto/dati-aperti.ts). Only the aggregate: never comments or
 * emails. 404 until the first publication.
 */
import { getDb } from "@/db/client";
import { valutazioniPubblicateDi } from "@/lib/ascolto/service";
import { etag, etagCorrisponde } from "@/lib/publication/file-pubblici";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const p = valutazioniPubblicateDi(getDb(), slug);
  if (!p) {
    return new Response("Le valutazioni dei cittadini di questa edizione non sono ancora pubblicate.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  }
  const tag = etag(p.sha256);
  // A newer publication replaces the file: cached briefly, then revalidated by its ETag.
  const comuni = { ETag: tag, "Cache-Control": "public, max-age=60, must-revalidate", "X-Content-Type-Options": "nosniff" };
  if (etagCorrisponde(request.headers.get("if-none-match"), tag)) return new Response(null, { status: 304, headers: comuni });
  return new Response(p.csv, {
    status: 200,
    headers: { ...comuni, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="valutazioni-${slug}.csv"` },
  });
}
