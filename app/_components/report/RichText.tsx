/**
 * Renders stored TipTap JSON as React elements. The JSON was validated by
 * richDocSchema (only paragraphs, headings, lists, bold, italic, links,
 * footnotes), and React escapes every text, so no HTML string is ever injected.
 */
import type { ReactNode } from "react";
import type { Note } from "@/lib/content/notes";
import type { ListNode, RichBlockNode, RichDoc, RichInline } from "@/lib/content/rich-text";
import { NoteRef } from "./NoteRef";

/**
 * A footnote: with the section's Note, a numbered link to the list at the end;
 * without it (a preview outside a section), a marker whose text screen readers read.
 */
function notaPiePagina(testo: string, key: number, note: Note | undefined): ReactNode {
  if (note) return <NoteRef key={key} numeri={[note.numero("nota", testo)]} />;
  return (
    <sup key={key} className="ms-1">
      <span aria-hidden="true">*</span>
      <span className="visually-hidden"> (nota: {testo})</span>
    </sup>
  );
}

function inline(n: RichInline, key: number, note: Note | undefined): ReactNode {
  if (n.type === "hardBreak") return <br key={key} />;
  if (n.type === "notaPiePagina") return notaPiePagina(n.attrs.testo, key, note);
  let out: ReactNode = n.text;
  for (const m of n.marks ?? []) {
    if (m.type === "bold") out = <strong>{out}</strong>;
    else if (m.type === "italic") out = <em>{out}</em>;
    else if (m.type === "link") out = <a href={m.attrs.href} rel="noopener noreferrer">{out}</a>;
  }
  return <span key={key}>{out}</span>;
}

function inlines(c: RichInline[] | undefined, note: Note | undefined): ReactNode[] | undefined {
  return c?.map((n, i) => inline(n, i, note));
}

function list(n: ListNode, key: number, note: Note | undefined): ReactNode {
  const items = n.content.map((li, i) => (
    <li key={i}>{li.content.map((c, j) => (c.type === "paragraph" ? <span key={j}>{inlines(c.content, note)}</span> : list(c, j, note)))}</li>
  ));
  return n.type === "orderedList" ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
}

function block(n: RichBlockNode, key: number, note: Note | undefined): ReactNode {
  switch (n.type) {
    case "paragraph":
      return <p key={key}>{inlines(n.content, note)}</p>;
    case "heading":
      return n.attrs.level === 3 ? <h3 key={key} className="h5 mt-3">{inlines(n.content, note)}</h3> : <h4 key={key} className="h6 mt-3">{inlines(n.content, note)}</h4>;
    default:
      return list(n, key, note);
  }
}

/**
 * `note`: the section's numbering. Footnotes take their numbers from it as the
 * text renders; a caller that prints the list before rendering (SezioneContent)
 * assigns them first, in the same order, with noteDelTesto.
 */
export function RichText({ doc, note }: { doc: RichDoc; note?: Note }) {
  return <div className="testo-ricco">{doc.content.map((b, i) => block(b, i, note))}</div>;
}
