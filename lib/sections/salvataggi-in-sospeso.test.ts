import { describe, expect, it } from "vitest";
import { creaRegistroSalvataggi, descriviProblema, type ProblemaBlocco } from "./salvataggi-in-sospeso";

/** A block whose save takes `ms` and then leaves `problema` (null: saved). */
function blocco(ms: number, problema: ProblemaBlocco | null = null) {
  const b = {
    salvato: false,
    inSospeso: () => !b.salvato,
    inSalvataggio: () => !b.salvato,
    completa: () =>
      new Promise<ProblemaBlocco | null>((ok) =>
        setTimeout(() => {
          b.salvato = problema === null;
          ok(problema);
        }, ms),
      ),
  };
  return b;
}

const problema = (blockId: number, posizione: number, messaggio: string): ProblemaBlocco => ({ blockId, posizione, tipo: "Indicatore", messaggio, elementoId: `blocco-${blockId}-valore` });

describe("salvataggi in sospeso di una pagina", () => {
  it("a step goes on only after every pending save has landed", async () => {
    const r = creaRegistroSalvataggi();
    const lento = blocco(50);
    const veloce = blocco(5);
    r.registra(1, lento);
    r.registra(2, veloce);
    expect(r.inSospeso()).toBe(true);
    expect(await r.completa("inviare la sezione")).toEqual({ ok: true });
    expect(lento.salvato && veloce.salvato).toBe(true);
    expect(r.inSospeso()).toBe(false);
  });

  it("refuses while a block holds an invalid or conflicting value, naming each in the section's order", async () => {
    const r = creaRegistroSalvataggi();
    r.registra(9, blocco(5, problema(9, 4, "un collega lo ha modificato dopo di te: scegli quale versione tenere.")));
    r.registra(3, blocco(20, problema(3, 1, "«Valore» non è valido: scrivi un numero")));
    r.registra(5, blocco(1));
    const e = await r.completa("inviare la sezione");
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.messaggio).toBe("Prima di inviare la sezione correggi i 2 blocchi segnalati: le modifiche non sono ancora salvate.");
    expect(e.problemi.map(descriviProblema)).toEqual([
      "Blocco 2 (Indicatore): «Valore» non è valido: scrivi un numero",
      "Blocco 5 (Indicatore): un collega lo ha modificato dopo di te: scegli quale versione tenere.",
    ]);
  });

  it("one block at fault is named in the singular", async () => {
    const r = creaRegistroSalvataggi();
    r.registra(3, blocco(1, problema(3, 0, "«Che cosa misura»: Campo obbligatorio")));
    const e = await r.completa("uscire");
    expect(!e.ok && e.messaggio).toBe("Prima di uscire correggi il blocco segnalato: le modifiche non sono ancora salvate.");
  });

  it("a block that left the page no longer holds a step back, but a newer editor of the same block is kept", async () => {
    const r = creaRegistroSalvataggi();
    const togli = r.registra(1, blocco(1, problema(1, 0, "non valido")));
    const nuovo = blocco(1);
    r.registra(1, nuovo);
    togli(); // the old editor's cleanup runs after the new one registered
    expect(r.inSospeso()).toBe(true);
    expect(await r.completa("uscire")).toEqual({ ok: true });
  });
});
