import type { NotaNumerata } from "@/lib/content/notes";

/** Superscript links to the numbered notes at the end of the section. */
export function NoteRef({ numeri }: { numeri: number[] }) {
  if (numeri.length === 0) return null;
  return (
    <sup className="ms-1">
      {numeri.map((n, i) => (
        <span key={n}>
          {i > 0 && ","}
          <a href={`#nota-${n}`} aria-label={`Nota ${n}`}>{n}</a>
        </span>
      ))}
    </sup>
  );
}

export function NoteList({ note }: { note: NotaNumerata[] }) {
  if (note.length === 0) return null;
  return (
    <section aria-labelledby="note-titolo" className="mt-5 border-top pt-3 small">
      <h2 id="note-titolo" className="h6">Fonti e note</h2>
      <ol className="ps-3">
        {note.map((n) => (
          <li key={n.numero} id={`nota-${n.numero}`} value={n.numero}>
            {n.tipo === "fonte" ? <>Fonte: {n.testo}</> : n.testo}
          </li>
        ))}
      </ol>
    </section>
  );
}
