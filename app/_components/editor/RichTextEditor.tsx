"use client";

/**
 * The rich text field: TipTap limited to what richDocSchema allows (paragraphs,
 * subheadings 3/4, lists, bold, italic, http/https/mailto links, line breaks,
 * footnotes).
 * Every change goes through pulisciDoc, so what reaches the form, pasted from
 * Word or a web page included, is already the clean subset.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { NodeSelection } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { MAX_TESTO_NOTA, type RichDoc } from "@/lib/content/rich-text";
import { docPerEditor, pulisciDoc } from "@/lib/content/clean-rich-text";
import { interpretaCollegamento, interpretaNota, titoliIncollati, uriAmmesso } from "@/lib/content/editor-input";
import { Messaggi } from "./fields";
import { NOME_NOTA, NotaPiePagina } from "./footnote-extension";

const ESTENSIONI = [
  StarterKit.configure({
    heading: { levels: [3, 4] },
    code: false,
    codeBlock: false,
    blockquote: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      isAllowedUri: uriAmmesso,
      HTMLAttributes: { target: null, rel: "noopener noreferrer", class: null },
    },
  }),
  NotaPiePagina,
];

/** The footnote the selection is on (clicked, or reached with the arrows), if any. */
function notaSelezionata(editor: Editor): { pos: number; testo: string } | null {
  const sel = editor.state.selection;
  if (sel instanceof NodeSelection && sel.node.type.name === NOME_NOTA) {
    const t = sel.node.attrs.testo;
    return { pos: sel.from, testo: typeof t === "string" ? t : "" };
  }
  return null;
}

interface StatoBarra {
  grassetto: boolean;
  corsivo: boolean;
  titoletto: boolean;
  sottotitoletto: boolean;
  puntato: boolean;
  numerato: boolean;
  collegamento: boolean;
  nota: boolean;
}

function statoDi(editor: Editor): StatoBarra {
  return {
    grassetto: editor.isActive("bold"),
    corsivo: editor.isActive("italic"),
    titoletto: editor.isActive("heading", { level: 3 }),
    sottotitoletto: editor.isActive("heading", { level: 4 }),
    puntato: editor.isActive("bulletList"),
    numerato: editor.isActive("orderedList"),
    collegamento: editor.isActive("link"),
    nota: notaSelezionata(editor) !== null,
  };
}

type Comando = keyof StatoBarra | "rimuoviCollegamento";

const PULSANTI: { comando: Comando; etichetta: string; segno: string; tasti?: string; classe?: string }[] = [
  { comando: "grassetto", etichetta: "Grassetto", segno: "G", tasti: "Ctrl+B", classe: "fw-bold" },
  { comando: "corsivo", etichetta: "Corsivo", segno: "C", tasti: "Ctrl+I", classe: "fst-italic" },
  { comando: "titoletto", etichetta: "Titoletto", segno: "Titoletto", tasti: "Ctrl+Alt+3" },
  { comando: "sottotitoletto", etichetta: "Sottotitoletto", segno: "Sottotitoletto", tasti: "Ctrl+Alt+4" },
  { comando: "puntato", etichetta: "Elenco puntato", segno: "• Elenco", tasti: "Ctrl+Maiusc+8" },
  { comando: "numerato", etichetta: "Elenco numerato", segno: "1. Elenco", tasti: "Ctrl+Maiusc+7" },
  { comando: "collegamento", etichetta: "Collegamento", segno: "Collegamento", tasti: "Ctrl+K" },
  { comando: "rimuoviCollegamento", etichetta: "Rimuovi collegamento", segno: "Rimuovi collegamento" },
  { comando: "nota", etichetta: "Nota a piè di pagina", segno: "Nota" },
];

export function RichTextEditor({ id, label, value, onChange, errore }: { id: string; label: string; value: RichDoc; onChange: (d: RichDoc) => void; errore?: string }) {
  const idEtichetta = `${id}-etichetta`;
  const idIstruzioni = `${id}-istruzioni`;
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  /** The last document, as cleaned JSON, that the form and the editor agree on. */
  const ultimo = useRef<string | null>(null);
  const apriCollegamentoRef = useRef<() => void>(() => {});
  const apriNotaRef = useRef<() => void>(() => {});
  const [iniziale] = useState(() => docPerEditor(value));

  const descrittori = [idIstruzioni, errore && `${id}-errore`].filter(Boolean).join(" ");
  const editor = useEditor({
    immediatelyRender: false,
    extensions: ESTENSIONI,
    content: iniziale,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": idEtichetta,
        "aria-describedby": descrittori,
        ...(errore ? { "aria-invalid": "true" } : {}),
        class: `form-control h-auto border rounded px-3 py-2 testo-ricco${errore ? " is-invalid" : ""}`,
        style: "min-height: 8rem",
        spellcheck: "true",
        lang: "it",
      },
      transformPastedHTML: titoliIncollati,
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
          event.preventDefault();
          apriCollegamentoRef.current();
          return true;
        }
        return false;
      },
      // A double click on a footnote opens it for editing.
      handleDoubleClickOn: (_view, _pos, node) => {
        if (node.type.name !== NOME_NOTA) return false;
        apriNotaRef.current();
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      const doc = pulisciDoc(e.getJSON());
      const s = JSON.stringify(doc);
      // Empty paragraphs, a trailing Enter: nothing the report would show has changed.
      if (s === ultimo.current) return;
      ultimo.current = s;
      onChangeRef.current(doc);
    },
  });

  // A value changed from outside (restore, conflict resolution) replaces the content;
  // the form echoing back what the editor just produced leaves the caret where it is.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const s = JSON.stringify(pulisciDoc(value));
    if (s === ultimo.current) return;
    ultimo.current = s;
    if (s === JSON.stringify(pulisciDoc(editor.getJSON()))) return;
    editor.commands.setContent(docPerEditor(value), { emitUpdate: false });
  }, [editor, value]);

  const stato = useEditorState({ editor, selector: ({ editor: e }) => (e ? statoDi(e) : null) });

  // --- link box -------------------------------------------------------------------------
  const [collegamento, setCollegamento] = useState<{ testo: string; messaggio?: string } | null>(null);
  const campoLink = useRef<HTMLInputElement>(null);
  const apriCollegamento = () => {
    if (!editor) return;
    const href = editor.getAttributes("link").href;
    setNota(null);
    setCollegamento({ testo: typeof href === "string" ? href : "" });
  };
  useEffect(() => {
    apriCollegamentoRef.current = apriCollegamento;
  });
  const apertoLink = collegamento !== null;
  useEffect(() => {
    if (apertoLink) campoLink.current?.focus();
  }, [apertoLink]);
  const chiudiCollegamento = () => {
    setCollegamento(null);
    editor?.commands.focus();
  };
  const applicaCollegamento = () => {
    if (!editor || !collegamento) return;
    const esito = interpretaCollegamento(collegamento.testo);
    if (!esito.ok) {
      setCollegamento({ ...collegamento, messaggio: esito.messaggio });
      campoLink.current?.focus();
      return;
    }
    const { href } = esito;
    const catena = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // No text selected: the address itself becomes the linked text.
      catena.insertContent({ type: "text", text: href.replace(/^mailto:/i, ""), marks: [{ type: "link", attrs: { href } }] }).unsetMark("link").run();
    } else {
      catena.extendMarkRange("link").setLink({ href }).run();
    }
    setCollegamento(null);
  };

  // --- footnote box: a new note at the cursor, or the text of the selected one ------------
  const [nota, setNota] = useState<{ testo: string; pos: number | null; messaggio?: string } | null>(null);
  const campoNota = useRef<HTMLTextAreaElement>(null);
  const apriNota = () => {
    if (!editor) return;
    const sel = notaSelezionata(editor);
    setCollegamento(null);
    setNota({ testo: sel?.testo ?? "", pos: sel?.pos ?? null });
  };
  useEffect(() => {
    apriNotaRef.current = apriNota;
  });
  const apertaNota = nota !== null;
  useEffect(() => {
    if (apertaNota) campoNota.current?.focus();
  }, [apertaNota]);
  const chiudiNota = () => {
    setNota(null);
    editor?.commands.focus();
  };
  /** Where the note being edited still is (the text may have changed while the box was open). */
  const posNota = (pos: number | null): number | null => {
    if (!editor || pos === null || pos > editor.state.doc.content.size) return null;
    return editor.state.doc.nodeAt(pos)?.type.name === NOME_NOTA ? pos : null;
  };
  const applicaNota = () => {
    if (!editor || !nota) return;
    const esito = interpretaNota(nota.testo);
    if (!esito.ok) {
      setNota({ ...nota, messaggio: esito.messaggio });
      campoNota.current?.focus();
      return;
    }
    const pos = posNota(nota.pos);
    if (pos !== null) {
      editor
        .chain()
        .focus()
        .command(({ tr }) => {
          tr.setNodeMarkup(pos, undefined, { testo: esito.testo });
          return true;
        })
        .setTextSelection(pos + 1)
        .run();
    } else {
      // At the cursor, or after the selected text (never replacing it); the caret ends after the note.
      editor.chain().focus().insertContentAt(editor.state.selection.to, { type: NOME_NOTA, attrs: { testo: esito.testo } }).run();
    }
    setNota(null);
  };
  const eliminaNota = () => {
    if (!editor || !nota) return;
    const pos = posNota(nota.pos);
    if (pos !== null) editor.chain().focus().deleteRange({ from: pos, to: pos + 1 }).run();
    else editor.commands.focus();
    setNota(null);
  };

  const esegui = (c: Comando) => {
    if (!editor) return;
    const catena = editor.chain().focus();
    switch (c) {
      case "grassetto":
        return catena.toggleBold().run();
      case "corsivo":
        return catena.toggleItalic().run();
      case "titoletto":
        return catena.toggleHeading({ level: 3 }).run();
      case "sottotitoletto":
        return catena.toggleHeading({ level: 4 }).run();
      case "puntato":
        return catena.toggleBulletList().run();
      case "numerato":
        return catena.toggleOrderedList().run();
      case "collegamento":
        return apriCollegamento();
      case "rimuoviCollegamento":
        return catena.extendMarkRange("link").unsetLink().run();
      case "nota":
        return apriNota();
    }
  };

  // --- toolbar: one tab stop, arrows move between buttons (WAI-ARIA toolbar pattern) ----
  const [fuoco, setFuoco] = useState(0);
  const pulsanti = useRef<(HTMLButtonElement | null)[]>([]);
  const disabilitato = (c: Comando) => !editor || (c === "rimuoviCollegamento" && !stato?.collegamento);
  const abilitati = PULSANTI.map((p, i) => (disabilitato(p.comando) ? -1 : i)).filter((i) => i >= 0);
  const fuocoEffettivo = abilitati.includes(fuoco) ? fuoco : (abilitati[0] ?? 0);
  const tastiBarra = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!abilitati.length) return;
    const pos = Math.max(0, abilitati.indexOf(fuocoEffettivo));
    let prossimo: number | undefined;
    if (e.key === "ArrowRight") prossimo = abilitati[(pos + 1) % abilitati.length];
    else if (e.key === "ArrowLeft") prossimo = abilitati[(pos - 1 + abilitati.length) % abilitati.length];
    else if (e.key === "Home") prossimo = abilitati[0];
    else if (e.key === "End") prossimo = abilitati[abilitati.length - 1];
    if (prossimo === undefined) return;
    e.preventDefault();
    setFuoco(prossimo);
    pulsanti.current[prossimo]?.focus();
  };

  return (
    <div className="mb-3">
      <span id={idEtichetta} className="form-label fw-semibold d-block">{label}</span>
      <div role="toolbar" aria-label={`Formattazione di ${label}`} aria-controls={id} className="d-flex flex-wrap gap-1 mb-1" onKeyDown={tastiBarra}>
        {PULSANTI.map((p, i) => {
          const attivo = p.comando !== "rimuoviCollegamento" && !!stato?.[p.comando];
          return (
            <button
              key={p.comando}
              ref={(el) => {
                pulsanti.current[i] = el;
              }}
              type="button"
              className={`btn btn-sm py-1 px-2 ${attivo ? "btn-primary" : "btn-outline-primary"}`}
              aria-label={p.etichetta}
              aria-pressed={p.comando === "rimuoviCollegamento" ? undefined : attivo}
              aria-keyshortcuts={p.tasti?.replace("Ctrl", "Control").replace("Maiusc", "Shift")}
              title={p.tasti ? `${p.etichetta} (${p.tasti})` : p.etichetta}
              tabIndex={i === fuocoEffettivo ? 0 : -1}
              disabled={disabilitato(p.comando)}
              onFocus={() => setFuoco(i)}
              onClick={() => esegui(p.comando)}
            >
              <span className={p.classe} aria-hidden="true">{p.segno}</span>
            </button>
          );
        })}
      </div>
      {collegamento && (
        <div className="border rounded p-2 mb-2 bg-light" role="group" aria-labelledby={`${id}-link-etichetta`}>
          <label id={`${id}-link-etichetta`} htmlFor={`${id}-link`} className="form-label small fw-semibold mb-1">
            Indirizzo del collegamento (http://, https:// o mailto:)
          </label>
          <div className="d-flex flex-wrap gap-2 align-items-start">
            <input
              ref={campoLink}
              id={`${id}-link`}
              type="text"
              inputMode="url"
              autoComplete="url"
              className={`form-control form-control-sm flex-grow-1 w-auto${collegamento.messaggio ? " is-invalid" : ""}`}
              value={collegamento.testo}
              placeholder="https://www.comune.it"
              aria-invalid={collegamento.messaggio ? true : undefined}
              aria-describedby={collegamento.messaggio ? `${id}-link-errore` : undefined}
              onChange={(e) => setCollegamento({ testo: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  applicaCollegamento();
                } else if (e.key === "Escape") {
                  e.preventDefault();
                  chiudiCollegamento();
                }
              }}
            />
            <button type="button" className="btn btn-sm btn-primary" onClick={applicaCollegamento}>
              Applica
            </button>
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={chiudiCollegamento}>
              Annulla
            </button>
          </div>
          {collegamento.messaggio && (
            <div id={`${id}-link-errore`} className="text-danger small fw-semibold mt-1" role="alert">
              {collegamento.messaggio}
            </div>
          )}
        </div>
      )}
      {nota && (
        <div className="border rounded p-2 mb-2 bg-light" role="group" aria-labelledby={`${id}-nota-etichetta`}>
          <label id={`${id}-nota-etichetta`} htmlFor={`${id}-nota`} className="form-label small fw-semibold mb-1">
            Testo della nota
          </label>
          <textarea
            ref={campoNota}
            id={`${id}-nota`}
            rows={3}
            className={`form-control form-control-sm mb-2${nota.messaggio ? " is-invalid" : ""}`}
            value={nota.testo}
            aria-invalid={nota.messaggio ? true : undefined}
            aria-describedby={[`${id}-nota-aiuto`, nota.messaggio && `${id}-nota-errore`].filter(Boolean).join(" ")}
            onChange={(e) => setNota({ ...nota, testo: e.target.value, messaggio: undefined })}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                applicaNota();
              } else if (e.key === "Escape") {
                e.preventDefault();
                chiudiNota();
              }
            }}
          />
          <small id={`${id}-nota-aiuto`} className="form-text d-block mb-2">
            Il testo compare, numerato, tra le note in fondo alla sezione (al massimo {MAX_TESTO_NOTA} caratteri). Invio inserisce la nota, Esc annulla.
          </small>
          <div className="d-flex flex-wrap gap-2">
            <button type="button" className="btn btn-sm btn-primary" onClick={applicaNota}>
              {nota.pos === null ? "Inserisci nota" : "Salva nota"}
            </button>
            {nota.pos !== null && (
              <button type="button" className="btn btn-sm btn-outline-danger" onClick={eliminaNota}>
                Elimina nota
              </button>
            )}
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={chiudiNota}>
              Annulla
            </button>
          </div>
          {nota.messaggio && (
            <div id={`${id}-nota-errore`} className="text-danger small fw-semibold mt-1" role="alert">
              {nota.messaggio}
            </div>
          )}
        </div>
      )}
      {editor ? (
        <EditorContent editor={editor} />
      ) : (
        // Before the editor starts (server render, first paint): the same box, not yet editable.
        <div className={`form-control h-auto border rounded${errore ? " is-invalid" : ""}`} style={{ minHeight: "8rem" }} aria-hidden="true" />
      )}
      <small id={idIstruzioni} className="form-text d-block">
        Scorciatoie: Ctrl+B grassetto, Ctrl+I corsivo, Ctrl+K collegamento. Dalla barra degli strumenti si passa tra i pulsanti con le frecce.
        Le note a piè di pagina compaiono nel testo come asterisco: per modificarne una, selezionala con un clic o con le frecce e premi «Nota a piè di pagina».
      </small>
      <Messaggi id={id} errore={errore} />
    </div>
  );
}
