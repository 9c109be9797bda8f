/**
 * Rich text is stored as TipTap JSON, limited to what a report uses:
 * paragraphs, subheadings, bold, italic, lists, links, hard breaks and
 * footnotes (an inline atom carrying the note's text, numbered by the report).
 * Anything else (images, scripts, styles pasted from Word) is refused here,
 * so what reaches the renderer is safe by construction.
 */
import { z } from "../zod-it";

const markSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("bold") }),
  z.object({ type: z.literal("italic") }),
  z.object({
    type: z.literal("link"),
    attrs: z.object({
      href: z
        .string()
        .max(2000)
        .regex(/^(https?:\/\/|mailto:)/i, "Sono ammessi solo collegamenti http, https o mailto"),
    }).passthrough(),
  }),
]);

const textNode = z.object({
  type: z.literal("text"),
  text: z.string().min(1).max(20000),
  marks: z.array(markSchema).optional(),
});
const hardBreak = z.object({ type: z.literal("hardBreak") });

/** The most characters a footnote may hold. */
export const MAX_TESTO_NOTA = 2000;

/** A footnote: an inline atom whose text the report prints, numbered, at the end of the section. */
const notaPiePagina = z.object({
  type: z.literal("notaPiePagina"),
  attrs: z.object({
    testo: z.string().trim().min(1, "Scrivi il testo della nota").max(MAX_TESTO_NOTA),
  }),
});
const inline = z.union([textNode, hardBreak, notaPiePagina]);

const paragraph = z.object({
  type: z.literal("paragraph"),
  content: z.array(inline).optional(),
});
const heading = z.object({
  type: z.literal("heading"),
  attrs: z.object({ level: z.union([z.literal(3), z.literal(4)]) }),
  content: z.array(inline).optional(),
});

export type ListNode = {
  type: "bulletList" | "orderedList";
  content: { type: "listItem"; content: (z.infer<typeof paragraph> | ListNode)[] }[];
};
const list: z.ZodType<ListNode> = z.lazy(() =>
  z.object({
    type: z.enum(["bulletList", "orderedList"]),
    content: z.array(
      z.object({
        type: z.literal("listItem"),
        content: z.array(z.union([paragraph, list])).min(1),
      }),
    ),
  }),
);

export const richDocSchema = z.object({
  type: z.literal("doc"),
  content: z.array(z.union([paragraph, heading, list])).max(500),
});

export type RichDoc = z.infer<typeof richDocSchema>;
export type RichBlockNode = RichDoc["content"][number];
export type RichInline = z.infer<typeof inline>;

/** Plain text of a document, for search, diffs and checks. Footnotes are left out. */
export function richDocToPlainText(doc: RichDoc): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; text?: string; content?: unknown[] };
    if (n.type === "text" && n.text) out.push(n.text);
    if (n.type === "hardBreak") out.push("\n");
    n.content?.forEach(walk);
    if (n.type === "paragraph" || n.type === "heading") out.push("\n");
  };
  walk(doc);
  return out.join("").trim();
}

/** The texts of a document's footnotes, in reading order (repeats included). */
export function noteDelTesto(doc: RichDoc): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; attrs?: { testo?: unknown }; content?: unknown[] };
    if (n.type === "notaPiePagina" && typeof n.attrs?.testo === "string" && n.attrs.testo !== "") out.push(n.attrs.testo);
    if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(doc);
  return out;
}
