/**
 * The one GET handler behind every public file of a published edition
 * (dati.json, dati.csv, dati.schema.json, bilancio-sociale.pdf), at the latest
 * revision's address and at /revisioni/<n>/. It reads the publications table
 * only and never the session, so the files can be cached by anyone.
 */
import { getDb } from "@/db/client";
import { datiCsv } from "@/lib/publication/csv";
import { cacheControl, etag, etagCorrisponde, FILE_PUBBLICI, indirizzoRevisione, nomeFileScaricato, numeroRevisioneUrl, type TipoFile } from "@/lib/publication/file-pubblici";
import { sha256 } from "@/lib/sha256";
import { pdfEdizione, PdfNonDisponibile } from "@/lib/publication/pdf";
import { pubblicazione, type Pubblicazione } from "@/lib/publication/queries";
import { schemaDatiJson } from "@/lib/publication/schema-json";

export interface ContestoFile {
  params: Promise<{ slug: string; n?: string }>;
}

interface Corpo {
  byte: string | Uint8Array;
  /** SHA-256 of `byte`: the ETag. */
  sha256: string;
  disposition?: string;
}

function testo(corpo: string, status: number, extra: Record<string, string> = {}): Response {
  return new Response(corpo, {
    status,
    // An address that does not exist yet may exist after the next publication: never cached.
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...extra },
  });
}

// A revision's CSV never changes: made once per process. Bounded, since old revisions are rarely asked for.
const csvFatti = new Map<string, Corpo>();
function csvDi(p: Pubblicazione): Corpo {
  let c = csvFatti.get(p.sha256);
  if (!c) {
    const byte = datiCsv(p.dati);
    c = { byte, sha256: sha256(byte) };
    if (csvFatti.size >= 16) csvFatti.delete(csvFatti.keys().next().value!);
    csvFatti.set(p.sha256, c);
  }
  return { ...c, disposition: `attachment; filename="${nomeFileScaricato(p.slug, p.revisione, "csv")}"` };
}

const produttori: Record<TipoFile, (p: Pubblicazione) => Corpo | Promise<Corpo>> = {
  // The stored bytes themselves: their hash is the one signed and shown on the integrity page.
  json: (p) => ({ byte: p.datiJson, sha256: p.sha256 }),
  csv: csvDi,
  schema: () => {
    const byte = schemaDatiJson();
    return { byte, sha256: sha256(byte) };
  },
  pdf: async (p) => {
    const byte = await pdfEdizione({
      slug: p.slug,
      revisione: p.revisione,
      sha256: p.sha256,
      ente: p.dati.ente.nome,
      titolo: p.dati.edizione.titolo,
      firma: p.firma,
      pubblicataIl: p.pubblicataIl,
      modifiche: p.modifiche,
    });
    return { byte, sha256: sha256(byte), disposition: `inline; filename="${nomeFileScaricato(p.slug, p.revisione, "pdf")}"` };
  },
};

/** `export const GET = fileEdizione("csv")` in each route.ts. */
export function fileEdizione(tipo: TipoFile) {
  return async function GET(request: Request, { params }: ContestoFile): Promise<Response> {
    const { slug, n } = await params;
    const richiesta = n === undefined ? undefined : numeroRevisioneUrl(n);
    if (richiesta === null) return testo("Revisione non trovata: il numero di revisione è un intero da 1 in su.", 404);
    const p = pubblicazione(getDb(), slug, richiesta);
    if (!p) {
      return testo(richiesta === undefined ? `Nessuna edizione pubblicata all'indirizzo "${slug}".` : `L'edizione "${slug}" non ha una revisione ${richiesta} pubblicata.`, 404);
    }

    let corpo: Corpo;
    try {
      corpo = await produttori[tipo](p);
    } catch (e) {
      if (e instanceof PdfNonDisponibile) {
        console.error(`[pdf] ${slug} revisione ${p.revisione}: ${e.motivo}`, e.cause ?? "");
        return testo(e.messaggio, 503, { "Retry-After": "300" });
      }
      throw e;
    }

    const tag = etag(corpo.sha256);
    const intestazioni: Record<string, string> = {
      "Cache-Control": tipo === "schema" ? cacheControl(false) : cacheControl(richiesta !== undefined),
      ETag: tag,
      // Open data: readable by any web page, no credentials involved.
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    };
    // The latest revision's address says which revision it is serving now.
    if (richiesta === undefined && tipo !== "schema") intestazioni["Content-Location"] = indirizzoRevisione(p.slug, p.revisione, tipo);
    if (etagCorrisponde(request.headers.get("if-none-match"), tag)) return new Response(null, { status: 304, headers: intestazioni });

    const byte = typeof corpo.byte === "string" ? Buffer.from(corpo.byte, "utf8") : corpo.byte;
    return new Response(new Uint8Array(byte), {
      status: 200,
      headers: {
        ...intestazioni,
        "Content-Type": FILE_PUBBLICI[tipo].contentType,
        ...(corpo.disposition ? { "Content-Disposition": corpo.disposition } : {}),
      },
    });
  };
}
