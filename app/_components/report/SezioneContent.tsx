/**
 * The report renderer: a section's blocks as the published report shows them,
 * with sources and notes numbered at the end. Reused by every read-only view.
 */
import type { Blocco } from "@/lib/content/blocks";
import { Note } from "@/lib/content/notes";
import { noteDelTesto, type RichDoc } from "@/lib/content/rich-text";
import { IndicatoreView } from "./IndicatoreView";
import { NoteList, NoteRef } from "./NoteRef";
import { RichText } from "./RichText";
import { SchedaView } from "./SchedaView";
import { SerieView } from "./SerieView";
import { TabellaView } from "./TabellaView";

type Gruppo = { tipo: "indicatori"; blocchi: { id: number; dati: Extract<Blocco, { tipo: "indicatore" }> }[] } | { tipo: "singolo"; id: number; dati: Blocco };

/** Consecutive indicators are laid out together as a grid of headline figures. */
function raggruppa(blocchi: { id: number; dati: Blocco }[]): Gruppo[] {
  const out: Gruppo[] = [];
  for (const b of blocchi) {
    const ultimo = out[out.length - 1];
    if (b.dati.tipo === "indicatore") {
      const item = { id: b.id, dati: b.dati };
      if (ultimo?.tipo === "indicatori") ultimo.blocchi.push(item);
      else out.push({ tipo: "indicatori", blocchi: [item] });
    } else out.push({ tipo: "singolo", id: b.id, dati: b.dati });
  }
  return out;
}

/**
 * Numbers a text's footnotes now, in reading order: the list at the end is
 * taken before React renders the texts, and RichText then finds the same numbers.
 */
function numeraNoteDelTesto(note: Note, doc: RichDoc | undefined): number[] {
  return doc ? noteDelTesto(doc).map((t) => note.numero("nota", t)) : [];
}

/**
 * `note`: a numbering shared beyond this section (a published edition's, from
 * lib/publication/indice), so the notes keep their edition-wide numbers; the
 * list then shows only the notes this section uses. `elencoNote={false}`: the
 * caller prints the list (once for a whole edition). `prefissoId`: prefix of
 * the blocks' element ids, unique when several sections share one page.
 */
export function SezioneContent({
  blocchi,
  note: noteCondivise,
  elencoNote = true,
  prefissoId = "blocco-",
}: {
  blocchi: { id: number; dati: Blocco }[];
  note?: Note;
  elencoNote?: boolean;
  prefissoId?: string;
}) {
  const note = noteCondivise ?? new Note();
  const usati = new Set<number>();
  const numera = (nn: number[]) => (nn.forEach((n) => usati.add(n)), nn);
  const contenuto = raggruppa(blocchi).map((g) => {
    if (g.tipo === "indicatori") {
      return (
        <div key={`i${g.blocchi[0].id}`} className="row g-3 my-3">
          {g.blocchi.map((b) => (
            <div key={b.id} className="col-sm-6 col-lg-4" id={`${prefissoId}${b.id}`}>
              <IndicatoreView b={b.dati} note={numera(note.diBlocco(b.dati))} />
            </div>
          ))}
        </div>
      );
    }
    const b = g.dati;
    const id = `${prefissoId}${g.id}`;
    const numeri = numera(note.diBlocco(b));
    // A text's footnotes come after the block's own source and note.
    if (b.tipo === "testo") numera(numeraNoteDelTesto(note, b.contenuto));
    if (b.tipo === "scheda") numera(numeraNoteDelTesto(note, b.narrativa));
    return (
      <div key={g.id} id={id}>
        {b.tipo === "serie" && <SerieView b={b} note={numeri} id={id} />}
        {b.tipo === "tabella" && <TabellaView b={b} note={numeri} />}
        {b.tipo === "scheda" && <SchedaView b={b} note={numeri} noteSezione={note} id={id} />}
        {b.tipo === "testo" && (
          <div className="my-3">
            {b.titolo && (
              <h3 className="h4 mt-4">
                {b.titolo}
                <NoteRef numeri={numeri} />
              </h3>
            )}
            <RichText doc={b.contenuto} note={note} />
            {!b.titolo && <NoteRef numeri={numeri} />}
          </div>
        )}
      </div>
    );
  });
  return (
    <>
      {contenuto}
      {elencoNote && <NoteList note={note.elenco().filter((n) => usati.has(n.numero))} />}
    </>
  );
}
