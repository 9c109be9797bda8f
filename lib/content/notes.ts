/**
 * Footnote numbering: every distinct source or note text gets one number, in
 * order of first appearance, so a note repeated on ten figures is printed once.
 */
import type { Blocco } from "./blocks";

export interface NotaNumerata {
  numero: number;
  testo: string;
  tipo: "fonte" | "nota";
}

export class Note {
  private byKey = new Map<string, NotaNumerata>();

  /** The number of this text, assigning the next one on first sight. */
  numero(tipo: NotaNumerata["tipo"], testo: string): number {
    const key = `${tipo}\u0000${testo}`;
    let n = this.byKey.get(key);
    if (!n) {
      n = { numero: this.byKey.size + 1, testo, tipo };
      this.byKey.set(key, n);
    }
    return n.numero;
  }

  /** Numbers for one block's fonte and nota, in that order. */
  diBlocco(b: Pick<Blocco, "fonte" | "nota">): number[] {
    const out: number[] = [];
    if (b.fonte) out.push(this.numero("fonte", b.fonte));
    if (b.nota) out.push(this.numero("nota", b.nota));
    return out;
  }

  elenco(): NotaNumerata[] {
    return [...this.byKey.values()];
  }
}
