/**
 * Canonical serialization: the same content always gives the same bytes, so
 * its SHA-256 identifies the content. Object keys are sorted at every level,
 * undefined members are dropped, arrays keep their order; two-space
 * indentation and a final newline keep the published file readable.
 */

function ordina(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : ordina(x)));
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = ordina(x);
    }
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) throw new Error("Numero non finito: non serializzabile");
  return v;
}

export function serializzaCanonico(v: unknown): string {
  return JSON.stringify(ordina(v), null, 2) + "\n";
}


