/**
 * The GET handlers of the DCAT-AP_IT documents, bound to the app's connection and
 * public address (lib/mail/link.ts: NEXTAUTH_URL, else the address given to setup):
 * every URL in them is absolute, for harvesters that read them from elsewhere.
 */
import { getDb } from "@/db/client";
import { indirizzoPubblico } from "@/lib/mail/link";
import { rispostaDcatCatalogo, rispostaDcatEdizione, type FormatoDcat } from "@/lib/opendata/risposta";

/** `export const GET = dcatEdizione("jsonld")` in app/edizioni/[slug]/dcat.jsonld/route.ts. */
export function dcatEdizione(formato: FormatoDcat) {
  return async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
    return rispostaDcatEdizione(getDb(), request, (await params).slug, formato, indirizzoPubblico());
  };
}

/** `export const GET = dcatCatalogo("jsonld")` in app/edizioni/catalogo.jsonld/route.ts. */
export function dcatCatalogo(formato: FormatoDcat) {
  return async function GET(request: Request): Promise<Response> {
    return rispostaDcatCatalogo(getDb(), request, formato, indirizzoPubblico());
  };
}
