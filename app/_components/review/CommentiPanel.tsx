import type { Blocco } from "@/lib/content/blocks";
import { plurale } from "@/lib/italiano";
import { etichettaCampo } from "@/lib/review/fields";
import { etichettaBlocco } from "@/lib/review/queries";
import type { Commento } from "@/lib/review/tipi";
import { CommentoThread } from "./CommentoThread";
import { NuovoCommentoForm } from "./NuovoCommentoForm";

/** All the discussions of a section, open ones first, and the form for a new one. */
export function CommentiPanel({ sectionId, commenti, blocchi, puoCommentare }: { sectionId: number; commenti: Commento[]; blocchi: { id: number; dati: Blocco }[]; puoCommentare: boolean }) {
  const dove = (c: Commento) => {
    const i = blocchi.findIndex((b) => b.id === c.blockId);
    if (i < 0) return c.blockId ? "un blocco eliminato" : "tutta la sezione";
    return `blocco ${i + 1} (${etichettaBlocco(blocchi[i].dati)}), campo «${etichettaCampo(blocchi[i].dati.tipo, c.campo)}»`;
  };
  const ordinati = [...commenti].sort((a, b) => Number(a.risolto) - Number(b.risolto));
  return (
    <section aria-labelledby="commenti-titolo" className="mb-4">
      <h2 id="commenti-titolo" className="h4">Commenti ({plurale(commenti.filter((c) => !c.risolto).length, "aperto", "aperti")})</h2>
      {ordinati.map((c) => <CommentoThread key={c.id} c={c} sectionId={sectionId} dove={dove(c)} puoRispondere={puoCommentare} />)}
      {puoCommentare && <NuovoCommentoForm sectionId={sectionId} blocchi={blocchi.map((b) => ({ id: b.id, tipo: b.dati.tipo, etichetta: etichettaBlocco(b.dati) }))} />}
    </section>
  );
}
