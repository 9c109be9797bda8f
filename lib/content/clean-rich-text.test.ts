import { describe, expect, it } from "vitest";
import { docPerEditor, documentoVuoto, eDocVuoto, normalizzaHref, normalizzaTestoNota, pulisciDoc } from "./clean-rich-text";
import { noteDelTesto, richDocSchema, richDocToPlainText, type RichDoc } from "./rich-text";

const valido = (json: unknown) => {
  const doc = pulisciDoc(json);
  const esito = richDocSchema.safeParse(doc);
  expect(esito.success, JSON.stringify(esito.error?.issues)).toBe(true);
  return doc;
};

describe("pulisciDoc", () => {
  it("keeps a document that is already clean, unchanged", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Il progetto" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Nel 2016 " },
            { type: "text", text: "il Comune", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "sito", marks: [{ type: "link", attrs: { href: "https://www.comune.cremona.it" } }] },
          ],
        },
      ],
    };
    expect(valido(doc)).toEqual(doc);
  });

  it("cleans Word-like JSON: underline, textStyle, color marks; blockquote, table and image", () => {
    const word = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { textAlign: "justify", class: "MsoNormal" },
          content: [
            { type: "text", text: "Testo ", marks: [{ type: "textStyle", attrs: { fontFamily: "Calibri", color: "#1F3864" } }] },
            { type: "text", text: "sottolineato", marks: [{ type: "underline" }, { type: "bold" }, { type: "color", attrs: { color: "red" } }] },
            { type: "text", text: " e ", marks: [{ type: "highlight" }] },
            { type: "text", text: "corsivo", marks: [{ type: "em" }, { type: "italic" }] },
            { type: "image", attrs: { src: "file:///C:/immagine.png" } },
          ],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Una citazione" }] }] },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", content: [{ type: "paragraph", content: [{ type: "text", text: "Anno" }] }] },
                { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "2016" }] }] },
              ],
            },
          ],
        },
        { type: "image", attrs: { src: "data:image/png;base64,AAAA" } },
        { type: "horizontalRule" },
        { type: "paragraph", content: [] },
        { type: "paragraph" },
      ],
    };
    const doc = valido(word);
    expect(doc).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Testo " },
            { type: "text", text: "sottolineato", marks: [{ type: "bold" }] },
            { type: "text", text: " e " },
            { type: "text", text: "corsivo", marks: [{ type: "italic" }] },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "Una citazione" }] },
        { type: "paragraph", content: [{ type: "text", text: "Anno" }] },
        { type: "paragraph", content: [{ type: "text", text: "2016" }] },
      ],
    });
  });

  it("merges neighbouring texts left with the same marks", () => {
    const doc = valido({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "uno ", marks: [{ type: "underline" }] },
            { type: "text", text: "due", marks: [{ type: "textStyle" }] },
          ],
        },
      ],
    });
    expect(doc.content[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "uno due" }] });
  });

  it("drops javascript: and other disallowed links, keeping their text", () => {
    const link = (href: unknown) => ({ type: "text", text: "clicca", marks: [{ type: "link", attrs: { href, target: "_blank", rel: "noopener" } }] });
    const doc = valido({
      type: "doc",
      content: [
        { type: "paragraph", content: [link("javascript:alert(1)")] },
        { type: "paragraph", content: [link(" JaVaScRiPt:alert(1)")] },
        { type: "paragraph", content: [link("data:text/html,<script>alert(1)</script>")] },
        { type: "paragraph", content: [link("/pagina-interna")] },
        { type: "paragraph", content: [link("ftp://example.org")] },
        { type: "paragraph", content: [link(42)] },
        { type: "paragraph", content: [link("https://" + "a".repeat(2000))] },
        { type: "paragraph", content: [link(" https://www.comune.it/bilancio ")] },
        { type: "paragraph", content: [link("mailto:urp@comune.it")] },
      ],
    });
    const marche = doc.content.map((b) => (b.type === "paragraph" && b.content?.[0]?.type === "text" ? b.content[0].marks : "?"));
    expect(marche.slice(0, 7)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    // Only href survives: target and rel are the renderer's business.
    expect(marche[7]).toEqual([{ type: "link", attrs: { href: "https://www.comune.it/bilancio" } }]);
    expect(marche[8]).toEqual([{ type: "link", attrs: { href: "mailto:urp@comune.it" } }]);
    expect(richDocToPlainText(doc).split("\n").filter(Boolean)).toHaveLength(9);
  });

  it("turns h1/h2 into h3 and h5/h6 into h4, dropping other heading attributes", () => {
    const h = (level: number) => ({ type: "heading", attrs: { level, id: "x" }, content: [{ type: "text", text: `Titolo ${level}` }] });
    const doc = valido({ type: "doc", content: [h(1), h(2), h(3), h(4), h(5), h(6), { type: "heading", content: [{ type: "text", text: "senza livello" }] }] });
    expect(doc.content.map((b) => (b.type === "heading" ? b.attrs.level : 0))).toEqual([3, 3, 3, 4, 4, 4, 3]);
    expect(doc.content[0]).toEqual({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Titolo 1" }] });
  });

  it("keeps nested lists, turning headings inside items into paragraphs", () => {
    const voce = (...content: unknown[]) => ({ type: "listItem", attrs: { checked: false }, content });
    const p = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
    const doc = valido({
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            voce(p("Scuole"), { type: "orderedList", attrs: { start: 3 }, content: [voce(p("primarie")), voce({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "secondarie" }] })] }),
            voce(p("Servizi"), { type: "bullet_list", content: [{ type: "list_item", content: [p("mensa"), { type: "bulletList", content: [voce(p("diete speciali"))] }] }] }),
            voce({ type: "paragraph" }),
            voce({ type: "bulletList", content: [voce(p("solo sottoelenco"))] }),
          ],
        },
      ],
    });
    expect(doc).toEqual({
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [p("Scuole"), { type: "orderedList", content: [{ type: "listItem", content: [p("primarie")] }, { type: "listItem", content: [p("secondarie")] }] }] },
            {
              type: "listItem",
              content: [p("Servizi"), { type: "bulletList", content: [{ type: "listItem", content: [p("mensa"), { type: "bulletList", content: [{ type: "listItem", content: [p("diete speciali")] }] }] }] }],
            },
            { type: "listItem", content: [{ type: "paragraph" }, { type: "bulletList", content: [{ type: "listItem", content: [p("solo sottoelenco")] }] }] },
          ],
        },
      ],
    });
  });

  it("gathers loose text and turns newlines into hard breaks", () => {
    const doc = valido({
      type: "doc",
      content: [
        { type: "text", text: "riga uno\nriga due" },
        { type: "codeBlock", content: [{ type: "text", text: "a\r\nb", marks: [{ type: "code" }] }] },
        { type: "mention", content: [{ type: "text", text: "@ufficio" }] },
      ],
    });
    expect(doc.content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "riga uno" }, { type: "hardBreak" }, { type: "text", text: "riga due" }] },
      { type: "paragraph", content: [{ type: "text", text: "a" }, { type: "hardBreak" }, { type: "text", text: "b" }] },
      { type: "paragraph", content: [{ type: "text", text: "@ufficio" }] },
    ]);
  });

  it("survives garbage and always validates", () => {
    for (const x of [null, undefined, 3, "testo", [], {}, { type: "doc" }, { type: "doc", content: "x" }, { type: "doc", content: [null, 1, { type: 5 }, { type: "text", text: "" }] }]) {
      expect(valido(x)).toEqual(documentoVuoto());
    }
    // A bare paragraph, not wrapped in a doc.
    expect(valido({ type: "paragraph", content: [{ type: "text", text: "ciao" }] }).content).toHaveLength(1);
  });

  it("splits texts longer than the schema allows and caps the number of blocks", () => {
    const lungo = valido({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x".repeat(45000) }] }] });
    const p = lungo.content[0];
    expect(p.type === "paragraph" && p.content?.map((n) => (n.type === "text" ? n.text.length : 0))).toEqual([20000, 20000, 5000]);
    const molti = valido({ type: "doc", content: Array.from({ length: 600 }, (_, i) => ({ type: "paragraph", content: [{ type: "text", text: `p${i}` }] })) });
    expect(molti.content).toHaveLength(500);
  });

  it("survives very deep nesting", () => {
    let n: unknown = { type: "paragraph", content: [{ type: "text", text: "fondo" }] };
    for (let i = 0; i < 5000; i++) n = { type: "blockquote", content: [n] };
    valido({ type: "doc", content: [n] });
  });

  it("is idempotent", () => {
    const doc = pulisciDoc({ type: "doc", content: [{ type: "blockquote", content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "A", marks: [{ type: "strong" }] }] }] }] });
    expect(pulisciDoc(doc)).toEqual(doc);
  });
});

describe("helpers", () => {
  it("eDocVuoto and docPerEditor", () => {
    expect(eDocVuoto(undefined)).toBe(true);
    expect(eDocVuoto({ type: "doc", content: [{ type: "paragraph" }] })).toBe(true);
    expect(eDocVuoto({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a" }] }] })).toBe(false);
    expect(docPerEditor(documentoVuoto())).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it("normalizzaHref", () => {
    expect(normalizzaHref(" https://www.comune.it/a b ")).toBe("https://www.comune.it/a%20b");
    expect(normalizzaHref("mailto:urp@comune.it")).toBe("mailto:urp@comune.it");
    expect(normalizzaHref("javascript:alert(1)")).toBeNull();
    expect(normalizzaHref("https://a\tb")).toBeNull();
    expect(normalizzaHref("www.comune.it")).toBeNull();
  });
});

describe("footnotes (notaPiePagina)", () => {
  const nota = (testo: unknown) => ({ type: "notaPiePagina", attrs: { testo } });
  const t = (text: string) => ({ type: "text", text });

  it("the schema allows a footnote inline, in paragraphs, headings and list items", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [t("Titolo"), nota("Nota al titolo")] },
        { type: "paragraph", content: [t("Dati ISTAT"), nota("Fonte: ISTAT 2016"), t(" e altro"), { type: "hardBreak" }, nota("Seconda")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [t("voce"), nota("In elenco")] }] }] },
      ],
    };
    const esito = richDocSchema.safeParse(doc);
    expect(esito.success).toBe(true);
    expect(esito.data).toEqual(doc);
  });

  it("the schema trims the text and refuses empty, overlong or malformed footnotes", () => {
    const p = (...content: unknown[]) => ({ type: "doc", content: [{ type: "paragraph", content }] });
    const esito = richDocSchema.safeParse(p(t("a"), nota("  spazi  ")));
    expect(esito.success && esito.data.content[0]).toEqual({ type: "paragraph", content: [t("a"), nota("spazi")] });
    expect(richDocSchema.safeParse(p(nota("x".repeat(2000)))).success).toBe(true);
    for (const cattiva of [nota(""), nota("   "), nota("x".repeat(2001)), nota(3), nota(null), { type: "notaPiePagina" }, { type: "notaPiePagina", attrs: {} }]) {
      expect(richDocSchema.safeParse(p(t("a"), cattiva)).success, JSON.stringify(cattiva).slice(0, 80)).toBe(false);
    }
    // Not a block.
    expect(richDocSchema.safeParse({ type: "doc", content: [nota("x")] }).success).toBe(false);
  });

  it("richDocToPlainText leaves footnotes out", () => {
    const doc: RichDoc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Prima" }, { type: "notaPiePagina", attrs: { testo: "nascosta" } }, { type: "text", text: " dopo" }] }] };
    expect(richDocToPlainText(doc)).toBe("Prima dopo");
  });

  it("noteDelTesto gives the footnote texts in reading order, repeats included", () => {
    const doc = valido({
      type: "doc",
      content: [
        { type: "paragraph", content: [t("a"), nota("uno"), t("b"), nota("due")] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [t("c"), nota("tre")] }, { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [nota("quattro")] }] }] }] },
          ],
        },
        { type: "heading", attrs: { level: 4 }, content: [t("d"), nota("uno")] },
      ],
    });
    expect(noteDelTesto(doc)).toEqual(["uno", "due", "tre", "quattro", "uno"]);
    expect(noteDelTesto(documentoVuoto())).toEqual([]);
    expect(noteDelTesto({ type: "doc", content: [{ type: "paragraph", content: [t("senza note")] }] } as RichDoc)).toEqual([]);
  });

  it("pulisciDoc keeps footnotes, trimming their text and dropping other attributes and marks", () => {
    const doc = valido({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Nel 2016", marks: [{ type: "bold" }] },
            { type: "notaPiePagina", attrs: { testo: "  Dato\n provvisorio\t ", id: "x", class: "y" }, marks: [{ type: "bold" }] },
            { type: "text", text: " il Comune" },
          ],
        },
      ],
    });
    expect(doc.content[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "Nel 2016", marks: [{ type: "bold" }] }, nota("Dato provvisorio"), t(" il Comune")],
    });
  });

  it("pulisciDoc drops empty or malformed footnotes, and a footnote keeps texts around it apart", () => {
    const doc = valido({
      type: "doc",
      content: [
        { type: "paragraph", content: [t("uno "), nota("   "), t("due "), nota(""), nota(42), { type: "notaPiePagina" }, { type: "notaPiePagina", attrs: null }, t("tre")] },
        { type: "paragraph", content: [t("a"), nota("n"), t("b")] },
      ],
    });
    expect(doc.content).toEqual([
      { type: "paragraph", content: [t("uno due tre")] },
      { type: "paragraph", content: [t("a"), nota("n"), t("b")] },
    ]);
  });

  it("pulisciDoc cuts an overlong footnote to 2000 characters", () => {
    const doc = valido({ type: "doc", content: [{ type: "paragraph", content: [t("a"), nota("x".repeat(2500))] }] });
    expect(noteDelTesto(doc)).toEqual(["x".repeat(2000)]);
  });

  it("pulisciDoc keeps footnotes inside headings, list items, unknown wrappers and loose in the document", () => {
    const doc = valido({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [t("Titolo"), nota("al titolo")] },
        { type: "blockquote", content: [{ type: "paragraph", content: [t("citazione"), nota("nella citazione")] }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "heading", attrs: { level: 3 }, content: [t("voce"), nota("in elenco")] }] }] },
        nota("sciolta"),
      ],
    });
    expect(doc.content).toEqual([
      { type: "heading", attrs: { level: 3 }, content: [t("Titolo"), nota("al titolo")] },
      { type: "paragraph", content: [t("citazione"), nota("nella citazione")] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [t("voce"), nota("in elenco")] }] }] },
      { type: "paragraph", content: [nota("sciolta")] },
    ]);
    expect(noteDelTesto(doc)).toEqual(["al titolo", "nella citazione", "in elenco", "sciolta"]);
  });

  it("a paragraph holding only a footnote is kept, so the document is not empty", () => {
    const doc = { type: "doc", content: [{ type: "paragraph", content: [nota("sola")] }] };
    expect(valido(doc)).toEqual(doc);
    expect(eDocVuoto(doc as RichDoc)).toBe(false);
  });

  it("is idempotent with footnotes", () => {
    const doc = pulisciDoc({ type: "doc", content: [{ type: "paragraph", content: [t("a"), nota("  b\n c ")] }] });
    expect(pulisciDoc(doc)).toEqual(doc);
    expect(richDocSchema.parse(doc)).toEqual(doc);
  });

  it("normalizzaTestoNota", () => {
    expect(normalizzaTestoNota("  Fonte:\r\n  ISTAT\t2016 ")).toBe("Fonte: ISTAT 2016");
    expect(normalizzaTestoNota("a\u0000b")).toBe("ab");
    expect(normalizzaTestoNota(" \n ")).toBe("");
  });
});
