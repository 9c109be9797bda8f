/**
 * Everything the benchmarks know of Next.js internals, kept here so that a Next upgrade
 * that changes them breaks one small file: the build folder's layout, the server-reference
 * manifest (a server action's id from its exported name), how a browser calls a server
 * action (POST with Next-Action) and the RSC wire format of its answer, and the RSC request
 * of a page. Checked against Next 16.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErroreBench } from "./benchmark";
import { BASE } from "./server";
import type { Sessione } from "./sessione";

/** Whether `next build` has run (what `next start` serves). */
export const buildPresente = () => existsSync(".next/BUILD_ID");

/** A server action's type, taken with `import type` from its app/_server/*-actions.ts module: it has one input object. */
type FunzioneAzione = (input: never) => Promise<unknown>;

export interface Azione<F extends FunzioneAzione> {
  id: string;
  /** Page routes whose worker holds the action, e.g. "app/sezioni/[id]/modifica/page". */
  pagine: string[];
  /** Type only, never set: the action's signature, so that calls are checked against its input. */
  readonly firma?: F;
}

/**
 * Finds a server action's id in the build's manifest by its exported name (and module, when
 * recorded). An action written `export const x = azione({...})` is recorded under "x" as well.
 */
export function trovaAzione<F extends FunzioneAzione>(nome: string, modulo: string): Azione<F> {
  const file = path.resolve(".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new ErroreBench(`Manca ${file}: la build non contiene server action.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, Record<string, unknown>> };
  const voci = Object.entries(manifest.node ?? {});
  const nomeDi = (v: Record<string, unknown>) => (v.exportedName ?? v.name) as string | undefined;
  const fileDi = (v: Record<string, unknown>) => (v.filename ?? v.file) as string | undefined;
  const candidati = voci.filter(([, v]) => {
    const n = nomeDi(v);
    const f = fileDi(v);
    return n === nome && (!f || f.replace(/\\/g, "/").endsWith(modulo));
  });
  if (candidati.length !== 1) {
    const note = voci.map(([k, v]) => `  ${k.slice(0, 12)}… ${nomeDi(v) ?? "?"} ${fileDi(v) ?? ""}`).join("\n");
    throw new ErroreBench(
      `Server action ${nome} (${modulo}) ${candidati.length ? "ambigua" : "non trovata"} in ${file}.\nVoci presenti:\n${note || "  (nessuna)"}`,
    );
  }
  const [id, voce] = candidati[0];
  return { id, pagine: Object.keys((voce.workers as Record<string, unknown>) ?? {}) };
}

/** Whether the action's worker list holds a route, route groups aside: "app/(lavoro)/x/page" is route "app/x/page". */
export function registrataPer(azione: Azione<FunzioneAzione>, route: string): boolean {
  return azione.pagine.some((p) => p.replace(/\/\([^/]+\)/g, "") === route);
}

/**
 * Parses an RSC action response: rows "N:<json>" separated by newlines; row 0 is
 * `{"a":"$@1",...}` pointing at the row with the action's return value.
 */
function risultatoRsc(testo: string): unknown {
  const righe = new Map<string, string>();
  for (const riga of testo.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(riga);
    if (m) righe.set(m[1], m[2]);
  }
  const zero = righe.get("0");
  if (!zero) throw new Error(`risposta RSC senza riga 0: ${testo.slice(0, 200)}`);
  const radice = JSON.parse(zero) as { a?: unknown };
  const rif = typeof radice.a === "string" && /^\$@([0-9a-f]+)$/.exec(radice.a);
  if (!rif) return radice.a;
  const valore = righe.get(rif[1]);
  if (valore === undefined) throw new Error(`risposta RSC senza riga ${rif[1]}: ${testo.slice(0, 200)}`);
  if (valore.startsWith("E")) throw new Error(`errore della server action: ${valore.slice(1, 300)}`);
  return JSON.parse(valore);
}

/**
 * Calls a server action as the browser does: POST to a page with Next-Action, the argument
 * as a one-element JSON array. Answers what the action returned, as decoded from the wire:
 * unchecked, so read it defensively (every action answers `{ ok: true, ... } | { ok: false, tipo, messaggio, campi? }`).
 */
export async function chiamaAzione<F extends FunzioneAzione>(s: Sessione, azione: Azione<F>, pagina: string, input: Parameters<F>[0]): Promise<unknown> {
  const r = await fetch(`${BASE}${pagina}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": azione.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: BASE,
      Cookie: s.intestazione,
    },
    body: JSON.stringify([input]),
  });
  const testo = await r.text();
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${testo.slice(0, 200)}`);
  return risultatoRsc(testo);
}

/** A page's RSC payload as a client navigation asks for it; fails the benchmark unless it is a 200. */
export async function richiestaRsc(s: Sessione, pagina: string): Promise<void> {
  // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect that adds it.
  const r = await fetch(`${BASE}${pagina}`, { redirect: "follow", headers: { RSC: "1", Cookie: s.intestazione } });
  await r.arrayBuffer();
  if (r.status !== 200) throw new ErroreBench(`GET ${pagina} (RSC): HTTP ${r.status}`);
}
