/**
 * Renders stored TipTap JSON as React elements. The JSON was validated by
 * richDocSchema (only paragraphs, headings, lists, bold, italic, links), and
 * React escapes every text, so no HTML string is ever injected.
 */
import type { ReactNode } from "react";
import type { ListNode, RichBlockNode, RichDoc, RichInline } from "@/lib/content/rich-text";

function inline(n: RichInline, key: number): ReactNode {
  if (n.type === "hardBreak") return <br key={key} />;
  let out: ReactNode = n.text;
  for (const m of n.marks ?? []) {
    if (m.type === "bold") out = <strong>{out}</strong>;
    else if (m.type === "italic") out = <em>{out}</em>;
    else if (m.type === "link") out = <a href={m.attrs.href} rel="noopener noreferrer">{out}</a>;
  }
  return <span key={key}>{out}</span>;
}

function list(n: ListNode, key: number): ReactNode {
  const items = n.content.map((li, i) => (
    <li key={i}>{li.content.map((c, j) => (c.type === "paragraph" ? <span key={j}>{c.content?.map(inline)}</span> : list(c, j)))}</li>
  ));
  return n.type === "orderedList" ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
}

function block(n: RichBlockNode, key: number): ReactNode {
  switch (n.type) {
    case "paragraph":
      return <p key={key}>{n.content?.map(inline)}</p>;
    case "heading":
      return n.attrs.level === 3 ? <h3 key={key} className="h5 mt-3">{n.content?.map(inline)}</h3> : <h4 key={key} className="h6 mt-3">{n.content?.map(inline)}</h4>;
    default:
      return list(n, key);
  }
}

export function RichText({ doc }: { doc: RichDoc }) {
  return <div className="testo-ricco">{doc.content.map(block)}</div>;
}
