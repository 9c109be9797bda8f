"use client";

/**
 * The form of a table block: header and cells as text inputs, kept as typed
 * (a "1.234" stays the string the officer wrote), with rows and columns added,
 * removed or pasted from a spreadsheet.
 */
import { useEffect, useState, type ClipboardEvent } from "react";
import type { Tabella } from "@/lib/content/blocks";
import { colonneDiAnni } from "@/lib/content/tabelle";
import { aggiungiColonna, incollaInTabella, rimuoviColonna, testoCella } from "@/lib/grid";
import { incollaTabella } from "@/lib/spreadsheet/incolla";
import { CampoTesto, descrittori, Messaggi } from "./fields";
import type { EditorProps } from "./types";
import { plurale } from "@/lib/italiano";

/** aria-describedby of a grid input: its message, when it has one. */

export function TabellaEditor({ value, onChange, errori, avvisi = {}, id }: EditorProps<Tabella>) {
  const [annuncio, setAnnuncio] = useState("");
  const [fuoco, setFuoco] = useState<string | null>(null);
  useEffect(() => {
    if (!fuoco) return;
    document.getElementById(fuoco)?.focus();
    setFuoco(null);
  }, [fuoco]);

  const set = (patch: Partial<Tabella>) => onChange({ ...value, ...patch });
  const colonne = value.intestazione.length;
  const anni = colonneDiAnni(value);
  const nomeColonna = (j: number) => value.intestazione[j]?.trim() || String(j + 1);
  const idIntestazione = (j: number) => `${id}-int-${j}`;
  const idCella = (i: number, j: number) => `${id}-cella-${i}-${j}`;

  const cambiaIntestazione = (j: number, t: string) => set({ intestazione: value.intestazione.map((x, k) => (k === j ? t : x)) });
  const cambiaCella = (i: number, j: number, t: string) =>
    set({ righe: value.righe.map((r, k) => (k === i ? Array.from({ length: Math.max(colonne, r.length) }, (_, c) => (c === j ? t : r[c] ?? "")) : r)) });

  const aggiungiRiga = () => {
    set({ righe: [...value.righe, Array.from({ length: colonne }, () => "")] });
    setFuoco(colonne > 0 ? idCella(value.righe.length, 0) : `${id}-aggiungi-riga`);
  };
  const rimuoviRiga = (i: number) => {
    set({ righe: value.righe.filter((_, k) => k !== i) });
    setFuoco(i < value.righe.length - 1 ? idCella(i, 0) : `${id}-aggiungi-riga`);
  };
  const aggiungiCol = () => {
    const [intestazione, ...righe] = aggiungiColonna<Tabella["righe"][number][number]>([value.intestazione, ...value.righe], "");
    set({ intestazione: intestazione.map((c) => String(c ?? "")), righe });
    setFuoco(idIntestazione(colonne));
  };
  const rimuoviCol = (j: number) => {
    set({ intestazione: value.intestazione.filter((_, k) => k !== j), righe: rimuoviColonna(value.righe, j) });
    setFuoco(j < colonne - 1 ? idIntestazione(j) : `${id}-aggiungi-colonna`);
  };

  const incolla = (e: ClipboardEvent<HTMLTableElement>) => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || el.dataset.riga === undefined || el.dataset.colonna === undefined) return;
    const testo = e.clipboardData.getData("text/plain");
    // A single value is pasted by the browser as usual.
    if (!/[\t\r\n]/.test(testo)) return;
    const blocco = incollaTabella(testo);
    if (blocco.length === 0) return;
    e.preventDefault();
    const nuova = incollaInTabella(value, blocco, Number(el.dataset.riga), Number(el.dataset.colonna));
    onChange(nuova);
    const righe = plurale(blocco.length, "riga", "righe");
    const aggiunte = [
      nuova.righe.length > value.righe.length && plurale(nuova.righe.length - value.righe.length, "riga", "righe"),
      nuova.intestazione.length > colonne && plurale(nuova.intestazione.length - colonne, "colonna", "colonne"),
    ].filter(Boolean);
    setAnnuncio(`Incollate ${righe} dal foglio di calcolo.${aggiunte.length ? ` La tabella è cresciuta di ${aggiunte.join(" e ")}.` : ""}`);
  };

  return (
    <div>
      <CampoTesto id={`${id}-titolo`} label="Titolo della tabella" value={value.titolo} errore={errori.titolo} avviso={avvisi.titolo} onChange={(titolo) => set({ titolo })} />

      <div className="mb-3">
        <div className="table-responsive">
          <table className="table table-sm table-bordered align-top mb-2" onPaste={incolla} aria-describedby={`${id}-griglia-aiuto`}>
            <caption className="caption-top fw-semibold text-body">Contenuto della tabella</caption>
            <thead>
              <tr>
                {value.intestazione.map((h, j) => {
                  const errore = errori[`intestazione.${j}`];
                  const avviso = avvisi[`intestazione.${j}`];
                  return (
                    <th key={j} scope="col" style={{ minWidth: "9rem" }}>
                      <input
                        id={idIntestazione(j)}
                        type="text"
                        className={`form-control form-control-sm fw-semibold${errore ? " is-invalid" : ""}`}
                        value={h}
                        aria-label={`Intestazione della colonna ${j + 1}`}
                        aria-invalid={errore ? true : undefined}
                        aria-describedby={descrittori(idIntestazione(j), errore, avviso)}
                        data-riga={0}
                        data-colonna={j}
                        onChange={(e) => cambiaIntestazione(j, e.target.value)}
                      />
                      <Messaggi id={idIntestazione(j)} errore={errore} avviso={avviso} />
                      <button
                        type="button"
                        className="btn btn-link btn-sm p-0 mt-1 text-danger"
                        aria-label={`Rimuovi colonna ${j + 1}`}
                        disabled={colonne <= 1}
                        title={colonne <= 1 ? "La tabella deve avere almeno una colonna" : undefined}
                        onClick={() => rimuoviCol(j)}
                      >
                        Rimuovi colonna
                      </button>
                    </th>
                  );
                })}
                <th scope="col">
                  <span className="visually-hidden">Azioni sulla riga</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.righe.map((riga, i) => {
                const erroreRiga = errori[`righe.${i}`];
                return (
                  <tr key={i}>
                    {value.intestazione.map((_, j) => {
                      const cella = idCella(i, j);
                      const errore = errori[`righe.${i}.${j}`];
                      const avviso = avvisi[`righe.${i}.${j}`];
                      return (
                        <td key={j}>
                          <input
                            id={cella}
                            type="text"
                            className={`form-control form-control-sm${errore ? " is-invalid" : ""}`}
                            value={testoCella(riga[j] ?? null, anni[j])}
                            aria-label={`Riga ${i + 1}, colonna «${nomeColonna(j)}»`}
                            aria-invalid={errore ? true : undefined}
                            aria-describedby={descrittori(cella, errore, avviso)}
                            data-riga={i + 1}
                            data-colonna={j}
                            onChange={(e) => cambiaCella(i, j, e.target.value)}
                          />
                          <Messaggi id={cella} errore={errore} avviso={avviso} />
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" className="btn btn-link btn-sm p-0 text-danger" aria-label={`Rimuovi riga ${i + 1}`} onClick={() => rimuoviRiga(i)}>
                        Rimuovi riga
                      </button>
                      {erroreRiga && <Messaggi id={`${id}-riga-${i}`} errore={erroreRiga} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p id={`${id}-griglia-aiuto`} className="form-text small mb-2">
          La prima riga è l&apos;intestazione delle colonne. Il testo delle celle resta come è scritto.
          Si può incollare in qualsiasi cella una tabella copiata da Excel o LibreOffice: incollata nell&apos;intestazione, la sua prima riga diventa l&apos;intestazione; la tabella si allarga da sola.
        </p>
        <div className="d-flex flex-wrap gap-2">
          <button id={`${id}-aggiungi-riga`} type="button" className="btn btn-sm btn-outline-primary" onClick={aggiungiRiga}>
            Aggiungi riga
          </button>
          <button id={`${id}-aggiungi-colonna`} type="button" className="btn btn-sm btn-outline-primary" onClick={aggiungiCol}>
            Aggiungi colonna
          </button>
        </div>
        <div role="status" className="small mt-2">{annuncio}</div>
        {errori.intestazione && <Messaggi id={`${id}-intestazione`} errore={errori.intestazione} />}
        {errori.righe && <Messaggi id={`${id}-righe`} errore={errori.righe} />}
      </div>

      <CampoTesto id={`${id}-fonte`} label="Fonte (facoltativa)" value={value.fonte} errore={errori.fonte} avviso={avvisi.fonte} onChange={(f) => set({ fonte: f || undefined })} />
      <CampoTesto id={`${id}-nota`} label="Nota (facoltativa)" righe={3} value={value.nota} errore={errori.nota} avviso={avvisi.nota} onChange={(t) => set({ nota: t || undefined })} />
    </div>
  );
}
