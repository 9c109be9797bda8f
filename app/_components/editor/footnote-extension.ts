/**
 * The footnote of the rich text editor: an inline atom carrying the note's
 * text (attribute `testo`), shown in the editor as an asterisk whose tooltip
 * is the note. The report numbers it and prints the text at the end of the
 * section. Stored as { type: "notaPiePagina", attrs: { testo } } (richDocSchema).
 */
import { Node } from "@tiptap/react";

export const NOME_NOTA = "notaPiePagina";

export const NotaPiePagina = Node.create({
  name: NOME_NOTA,
  inline: true,
  group: "inline",
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      testo: {
        default: "",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-nota") ?? "",
        // Written by renderHTML below, together with the title.
        rendered: false,
      },
    };
  },

  parseHTML() {
    return [{ tag: "sup[data-nota]" }];
  },

  renderHTML({ node }) {
    const testo = typeof node.attrs.testo === "string" ? node.attrs.testo : "";
    return ["sup", { "data-nota": testo, class: "nota-ref", title: testo }, "*"];
  },

  // Plain-text copies (and editor.getText()) leave the note out, as richDocToPlainText does.
  renderText() {
    return "";
  },
});
