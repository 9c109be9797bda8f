import type { Note } from "@/lib/content/notes";
import type { SezioneDati } from "@/lib/publication/dati";
import { SezioneContent } from "@/app/_components/report/SezioneContent";

/**
 * A snapshot section's blocks through the report renderer. Snapshot blocks
 * have no database ids: their position (1, 2, …) stands in, prefixed to keep
 * element ids unique when a whole edition shares one page.
 */
export function ContenutoPagina({ sezione, note, prefissoId, elencoNote = true }: { sezione: SezioneDati; note: Note; prefissoId: string; elencoNote?: boolean }) {
  if (sezione.blocchi.length === 0) return <p className="text-muted">Questa pagina non ha contenuti.</p>;
  return <SezioneContent blocchi={sezione.blocchi.map((dati, i) => ({ id: i + 1, dati }))} note={note} elencoNote={elencoNote} prefissoId={prefissoId} />;
}
