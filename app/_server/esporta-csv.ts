/**
 * A CSV download of the signed-in app (the audit log, the citizens' comments): the
 * session and the policy checked as on the page it mirrors, never cached, a plain
 * Italian text when refused.
 */
import { utenteCorrente } from "@/app/_server/session";
import { decidi, type AzioneGenerale } from "@/lib/policy";

const testo = (corpo: string, status: number) =>
  new Response(corpo, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** `csv` is the whole text, or a stream of it (a large export: see `flussoDiTesto`). */
export type FileCsv = { csv: string | ReadableStream<Uint8Array>; nome: string } | { rifiuto: string; status: number };

/**
 * A stream of the lines an iterator yields, encoded as UTF-8, pulled about 64 KB at a
 * time: the iterator advances only as fast as the client reads, and stops if it goes away.
 */
export function flussoDiTesto(linee: Iterator<string, unknown, undefined>, byte = 64 * 1024): ReadableStream<Uint8Array> {
  const codifica = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let parte = "";
      while (parte.length < byte) {
        const n = linee.next();
        if (n.done) {
          if (parte) controller.enqueue(codifica.encode(parte));
          controller.close();
          return;
        }
        parte += n.value;
      }
      controller.enqueue(codifica.encode(parte));
    },
    cancel() {
      linee.return?.();
    },
  });
}

export function esportaCsv(azione: AzioneGenerale, produci: (parametri: URLSearchParams) => FileCsv) {
  return async function GET(request: Request): Promise<Response> {
    const u = await utenteCorrente();
    if (!u) return testo("Accesso richiesto: entra nel Bilancio Sociale e riprova.", 401);
    const d = decidi(u.attore, azione);
    if (!d.consentito) return testo(`Accesso non consentito. ${d.motivo}`, 403);
    const f = produci(new URL(request.url).searchParams);
    if ("rifiuto" in f) return testo(f.rifiuto, f.status);
    return new Response(f.csv, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${f.nome}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  };
}
