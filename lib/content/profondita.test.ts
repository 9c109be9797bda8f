import { describe, expect, it } from "vitest";
import { valida } from "../blocks/service";
import { validaPacchetto } from "../edition-package/validate";
import { MAX_PROFONDITA_JSON, troppoProfondo } from "./profondita";

/** A bullet list nested `n` levels deep, as a hostile client would post it. */
function elencoAnnidato(n: number): unknown {
  let nodo: unknown = { type: "paragraph", content: [{ type: "text", text: "fondo" }] };
  for (let i = 0; i < n; i++) nodo = { type: "bulletList", content: [{ type: "listItem", content: [nodo] }] };
  return { tipo: "testo", contenuto: { type: "doc", content: [nodo] } };
}

describe("annidamento dei contenuti", () => {
  it("misura senza ricorsione anche cento mila livelli", () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(troppoProfondo(v)).toHaveLength(MAX_PROFONDITA_JSON);
    expect(troppoProfondo({ a: [{ b: 1 }] })).toBeNull();
  });

  it("un testo con elenchi annidati a 600 livelli è rifiutato con un messaggio, non con un errore del server", () => {
    const r = valida(elencoAnnidato(600));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errori[0]).toEqual({ campo: "contenuto.content", messaggio: expect.stringMatching(/annidato troppo/) });
  });

  it("un testo con pochi livelli di elenchi resta valido", () => {
    expect(valida(elencoAnnidato(5)).ok).toBe(true);
  });

  it("anche un pacchetto troppo profondo è rifiutato, con il percorso", () => {
    const r = validaPacchetto({ parti: [elencoAnnidato(600)] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errori[0].percorso).toMatch(/^\$\.parti\[0\]\.contenuto/);
  });
});
