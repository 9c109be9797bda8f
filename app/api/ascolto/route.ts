/**
 * POST /api/ascolto: the rating widget's plain HTML form (no JavaScript, no cookie).
 * The body is read up to a small cap, lib/ascolto/service decides and records, and
 * the answer is always a 303 to a same-origin page: the thanks, or the form again
 * with what the citizen typed (sealed in the address) and the reason in Italian.
 */
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { campiDaCorpo, MAX_BYTE_INVIO, sigilla, type Respinta } from "@/lib/ascolto/modulo";
import { registraValutazione, type EsitoInvio } from "@/lib/ascolto/service";
import { destinazioneSicura } from "@/lib/sicurezza/destinazione";
import { indirizzoDa, INTESTAZIONE_SOCKET } from "@/lib/sicurezza/indirizzo";
import { PubblicazioneAlterata } from "@/lib/publication/verifica";

export const dynamic = "force-dynamic";

const testo = (corpo: string, status: number) =>
  new Response(corpo, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

/** A relative Location: the browser resolves it against this very origin, whatever Host said. */
function vai(percorso: string): Response {
  return new Response(null, { status: 303, headers: { Location: destinazioneSicura(percorso, "/edizioni"), "Cache-Control": "no-store" } });
}

/** The body as text, or null if it is larger than `max` bytes (declared or actual). */
async function corpoLimitato(request: Request, max: number): Promise<string | null> {
  const dichiarata = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(dichiarata) || dichiarata > max) return null;
  if (!request.body) return "";
  const lettore = request.body.getReader();
  const parti: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await lettore.read();
    if (done) break;
    n += value.byteLength;
    if (n > max) {
      await lettore.cancel();
      return null;
    }
    parti.push(value);
  }
  return Buffer.concat(parti).toString("utf8");
}

const segmento = (slug: string | undefined) => (slug && /^[a-z0-9-]{1,100}$/.test(slug) ? slug : null);

export async function POST(request: Request): Promise<Response> {
  const tipo = request.headers.get("content-type") ?? "";
  if (!tipo.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return testo("Il modulo di valutazione si invia dalla pagina dell'edizione.", 415);
  }
  const corpo = await corpoLimitato(request, MAX_BYTE_INVIO);
  if (corpo === null) return testo("Il modulo inviato è troppo grande: il commento può avere al massimo 1000 caratteri.", 413);
  const campi = campiDaCorpo(corpo);
  const indirizzo = indirizzoDa({ socket: request.headers.get(INTESTAZIONE_SOCKET), inoltrato: request.headers.get("x-forwarded-for") });
  const segreto = authSecret();

  let esito: EsitoInvio;
  try {
    esito = registraValutazione(getDb(), campi, { indirizzo, segreto });
  } catch (e) {
    if (e instanceof PubblicazioneAlterata) return testo("Questa edizione non può essere mostrata ora: la valutazione non è stata registrata.", 500);
    throw e;
  }

  if (esito.ok) {
    const q = new URLSearchParams({ pagina: esito.percorso, esito: "grazie" });
    return vai(`/edizioni/${esito.slug}/valutazione?${q}`);
  }
  const slug = segmento(esito.pagina.slug);
  if (!slug) return vai("/edizioni");
  const respinta: Respinta = {
    revisione: esito.pagina.revisione ?? 1,
    percorso: esito.pagina.percorso ?? "",
    // A form refused for its fields keeps its time: sent again after a correction, it is not "too fast".
    gettone: esito.tipo === "non_valido" && esito.errori.length === 0 ? null : (campi.gettone ?? "").slice(0, 200) || null,
    tipo: esito.tipo,
    messaggio: esito.messaggio,
    errori: Object.fromEntries(esito.errori.map((x) => [x.campo, x.messaggio])),
    valori: {
      voto: /^[1-5]$/.test(campi.voto ?? "") ? Number(campi.voto) : undefined,
      motivo: (campi.motivo ?? "").slice(0, 40) || null,
      commento: (campi.commento ?? "").slice(0, 2000) || null,
      contatto: !!campi.contatto,
      email: (campi.email ?? "").slice(0, 300) || null,
    },
  };
  const q = new URLSearchParams({ errore: esito.tipo, r: sigilla(segreto, respinta) });
  return vai(`/edizioni/${slug}/valutazione?${q}`);
}
