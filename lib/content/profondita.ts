/**
 * How deeply nested a JSON value is, measured without recursion, so that a hostile
 * document (lists inside lists a thousand levels deep) is refused with a message
 * before any recursive parser, zod's included, can exhaust the stack.
 */

/** Nesting the app ever needs: rich text allows lists inside lists up to the editor's own limit. */
export const MAX_PROFONDITA_JSON = 64;

/** The first path deeper than `massimo`, or null. Stops as soon as one is found. */
export function troppoProfondo(valore: unknown, massimo = MAX_PROFONDITA_JSON): (string | number)[] | null {
  const pila: { v: unknown; percorso: (string | number)[] }[] = [{ v: valore, percorso: [] }];
  while (pila.length > 0) {
    const { v, percorso } = pila.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (percorso.length >= massimo) return percorso;
    if (Array.isArray(v)) v.forEach((x, i) => pila.push({ v: x, percorso: [...percorso, i] }));
    else for (const [k, x] of Object.entries(v)) pila.push({ v: x, percorso: [...percorso, k] });
  }
  return null;
}

export const MESSAGGIO_TROPPO_PROFONDO = "Il contenuto è annidato troppo in profondità (elenchi dentro elenchi): semplificalo.";
