"use client";

/**
 * The form of a series (chart) block: a grid of years/categories × series where
 * numbers are typed the Italian way or pasted from a spreadsheet, and a live
 * preview drawn with the same ECharts option as the published report.
 */
import * as echarts from "echarts";
import { useContext, useEffect, useRef, useState, type ClipboardEvent } from "react";
import type { Serie } from "@/lib/content/blocks";
import { graficoDisegnabile, opzioniGrafico } from "@/lib/charts";
import { erroriCelle, incollaInSerie, prossimaCategoria, riallineaTesti, testiDaSerie } from "@/lib/grid";
import { interpretaCella } from "@/lib/numbers/parse";
import { incollaTabella } from "@/lib/spreadsheet/incolla";
import { CampoScelta, CampoSpunta, CampoTesto, descrittori, Messaggi } from "./fields";
import { CampiNonValidiContext, useSegnalaNonValidi, type CampoNonValido } from "./campi-non-validi";
import { SerieDataTable } from "../report/SerieDataTable";
import { UNITA_COMUNI } from "./IndicatoreEditor";
import type { EditorProps } from "./types";

type Grafico = Serie["grafico"];

const GRAFICI: { valore: Grafico; etichetta: string }[] = [
  { valore: "barre", etichetta: "Barre" },
  { valore: "linee", etichetta: "Linee" },
  { valore: "torta", etichetta: "Torta" },
  { valore: "barre-in-pila", etichetta: "Barre in pila" },
];

/** aria-describedby of a grid input: its message, when it has one. */

/** `valori` as long as the categories (a payload from elsewhere may be short). */
function allinea(valori: readonly (number | null)[], n: number): (number | null)[] {
  return Array.from({ length: n }, (_, i) => valori[i] ?? null);
}

export function SerieEditor({ value, onChange, errori, avvisi = {}, id, anni }: EditorProps<Serie>) {
  // The text typed in each value cell, by series then category: a text that is not a
  // number stays in its cell (with the parser's message) while the payload keeps the last good value.
  const [stato, setStato] = useState(() => ({ base: value, testi: testiDaSerie(value) }));
  let testi = stato.testi;
  if (stato.base !== value) {
    // The payload changed from outside (restore, import): realign the texts during render.
    testi = riallineaTesti(stato.testi, stato.base, value);
    setStato({ base: value, testi });
  }
  const [annuncio, setAnnuncio] = useState("");
  const [fuoco, setFuoco] = useState<string | null>(null);
  useEffect(() => {
    if (!fuoco) return;
    document.getElementById(fuoco)?.focus();
    setFuoco(null);
  }, [fuoco]);

  // Texts of cells that were not numbers come back from the browser's draft as they were typed.
  const ripristinati = useContext(CampiNonValidiContext)?.ripristinati;
  useEffect(() => {
    const celle = Object.entries(ripristinati ?? {}).flatMap(([k, t]) => {
      const m = k.startsWith(`${id}-val-`) ? /^(\d+)-(\d+)$/.exec(k.slice(id.length + 5)) : null;
      return m ? [{ j: Number(m[1]), i: Number(m[2]), t }] : [];
    });
    if (celle.length === 0) return;
    setStato((s) => ({ ...s, testi: s.testi.map((col, j) => col.map((x, i) => celle.find((c) => c.j === j && c.i === i)?.t ?? x)) }));
  }, [ripristinati, id]);

  const cambia = (nuovo: Serie, nuoviTesti: string[][] = testi) => {
    setStato({ base: nuovo, testi: nuoviTesti });
    onChange(nuovo);
  };
  const set = (patch: Partial<Serie>) => cambia({ ...value, ...patch });

  const n = value.categorie.length;
  const nomeSerie = (j: number) => value.serie[j]?.nome.trim() || `serie ${j + 1}`;
  const nomeRiga = (i: number) => value.categorie[i]?.trim() || `riga ${i + 1}`;
  const idCategoria = (i: number) => `${id}-cat-${i}`;
  const idNome = (j: number) => `${id}-nome-${j}`;
  const idValore = (j: number, i: number) => `${id}-val-${j}-${i}`;

  /* ---------------------------------------------------------------- cells */

  const cambiaCategoria = (i: number, c: string) => set({ categorie: value.categorie.map((x, k) => (k === i ? c : x)) });
  const cambiaNome = (j: number, nome: string) => set({ serie: value.serie.map((x, k) => (k === j ? { ...x, nome } : x)) });
  const cambiaValore = (j: number, i: number, t: string) => {
    const nuoviTesti = testi.map((col, s) => (s === j ? col.map((x, k) => (k === i ? t : x)) : col));
    const r = interpretaCella(t);
    if (!r.ok) {
      setStato({ base: value, testi: nuoviTesti });
      return;
    }
    cambia(
      { ...value, serie: value.serie.map((x, s) => (s === j ? { ...x, valori: allinea(x.valori, n).map((v, k) => (k === i ? r.valore : v)) } : x)) },
      nuoviTesti,
    );
  };

  /* ---------------------------------------------------------------- rows and series */

  const aggiungiRiga = () => {
    cambia(
      {
        ...value,
        categorie: [...value.categorie, prossimaCategoria(value.categorie, anni.annoInizio)],
        serie: value.serie.map((x) => ({ ...x, valori: [...allinea(x.valori, n), null] })),
      },
      testi.map((col) => [...col, ""]),
    );
    setFuoco(idCategoria(n));
  };
  const rimuoviRiga = (i: number) => {
    cambia(
      {
        ...value,
        categorie: value.categorie.filter((_, k) => k !== i),
        serie: value.serie.map((x) => ({ ...x, valori: allinea(x.valori, n).filter((_, k) => k !== i) })),
      },
      testi.map((col) => col.filter((_, k) => k !== i)),
    );
    setFuoco(i < n - 1 ? idCategoria(i) : `${id}-aggiungi-riga`);
  };
  const aggiungiSerie = () => {
    cambia(
      { ...value, serie: [...value.serie, { nome: `Serie ${value.serie.length + 1}`, valori: Array.from({ length: n }, () => null) }] },
      [...testi, Array.from({ length: n }, () => "")],
    );
    setFuoco(idNome(value.serie.length));
  };
  const rimuoviSerie = (j: number) => {
    cambia({ ...value, serie: value.serie.filter((_, k) => k !== j) }, testi.filter((_, k) => k !== j));
    setFuoco(j < value.serie.length - 1 ? idNome(j) : `${id}-aggiungi-serie`);
  };

  /* ---------------------------------------------------------------- paste */

  const incolla = (e: ClipboardEvent<HTMLTableElement>) => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || el.dataset.riga === undefined || el.dataset.colonna === undefined) return;
    const testo = e.clipboardData.getData("text/plain");
    // A single value is pasted by the browser as usual.
    if (!/[\t\r\n]/.test(testo)) return;
    const blocco = incollaTabella(testo);
    if (blocco.length === 0) return;
    e.preventDefault();
    const esito = incollaInSerie(value, testi, blocco, Number(el.dataset.riga), Number(el.dataset.colonna));
    cambia(esito.serie, esito.testi);
    const righe = blocco.length === 1 ? "1 riga" : `${blocco.length} righe`;
    setAnnuncio(
      `Incollate ${righe} dal foglio di calcolo.` +
        (esito.errori.length
          ? ` ${esito.errori.length === 1 ? "1 valore non è un numero ed è stato lasciato vuoto" : `${esito.errori.length} valori non sono numeri e sono stati lasciati vuoti`}: sono elencati sotto la tabella.`
          : ""),
    );
  };

  const daCorreggere = erroriCelle(testi, n);
  const messaggioCella = (j: number, i: number) => daCorreggere.find((x) => x.serie === j && x.riga === i)?.messaggio;
  // Cells that are not numbers are unsaved changes of the block, kept in its draft.
  const nonValidi: Record<string, CampoNonValido> = {};
  for (const x of daCorreggere) nonValidi[idValore(x.serie, x.riga)] = { testo: testi[x.serie]?.[x.riga] ?? "", messaggio: x.messaggio, etichetta: `valore di «${nomeSerie(x.serie)}» per ${nomeRiga(x.riga)}` };
  useSegnalaNonValidi(`${id}-val`, nonValidi);

  /* ---------------------------------------------------------------- form */

  return (
    <div>
      <datalist id={`${id}-unita-elenco`}>
        {UNITA_COMUNI.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <CampoTesto id={`${id}-titolo`} label="Titolo del grafico" value={value.titolo} errore={errori.titolo} avviso={avvisi.titolo} onChange={(titolo) => set({ titolo })} />
      <div className="row">
        <CampoScelta
          id={`${id}-grafico`}
          label="Tipo di grafico"
          className="col-md-4"
          value={value.grafico}
          opzioni={GRAFICI}
          errore={errori.grafico}
          aiuto={value.grafico === "torta" && value.serie.length > 1 ? "La torta mostra solo la prima serie." : undefined}
          onChange={(grafico) => set({ grafico })}
        />
        <CampoTesto
          id={`${id}-unita`}
          label="Unità di misura (facoltativa)"
          className="col-md-4"
          value={value.unita}
          elenco={`${id}-unita-elenco`}
          errore={errori.unita}
          avviso={avvisi.unita}
          onChange={(u) => set({ unita: u || undefined })}
        />
        <CampoSpunta
          id={`${id}-mancanti`}
          label="I dati di questo grafico non sono disponibili"
          className="col-md-4 mt-md-4"
          value={value.datiMancanti}
          onChange={(m) => set({ datiMancanti: m || undefined })}
        />
      </div>

      <div className="mb-3">
        <div className="table-responsive">
          <table className="table table-sm table-bordered align-top mb-2" onPaste={incolla} aria-describedby={`${id}-griglia-aiuto`}>
            <caption className="caption-top fw-semibold text-body">Dati del grafico</caption>
            <thead>
              <tr>
                <th scope="col" style={{ minWidth: "9rem" }}>Anno o categoria</th>
                {value.serie.map((x, j) => {
                  const errore = errori[`serie.${j}.nome`];
                  const erroreValori = errori[`serie.${j}.valori`];
                  const avviso = avvisi[`serie.${j}.nome`];
                  return (
                    <th key={j} scope="col" style={{ minWidth: "10rem" }}>
                      <input
                        id={idNome(j)}
                        type="text"
                        className={`form-control form-control-sm${errore ? " is-invalid" : ""}`}
                        value={x.nome}
                        aria-label={`Nome della serie ${j + 1}`}
                        aria-invalid={errore ? true : undefined}
                        aria-describedby={descrittori(idNome(j), errore, avviso)}
                        data-riga={0}
                        data-colonna={j + 1}
                        onChange={(e) => cambiaNome(j, e.target.value)}
                      />
                      <Messaggi id={idNome(j)} errore={errore} avviso={avviso} />
                      {erroreValori && <Messaggi id={`${idNome(j)}-valori`} errore={erroreValori} />}
                      <button type="button" className="btn btn-link btn-sm p-0 mt-1 text-danger" aria-label={`Rimuovi la serie «${nomeSerie(j)}»`} onClick={() => rimuoviSerie(j)}>
                        Rimuovi serie
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
              {value.categorie.map((cat, i) => {
                const errore = errori[`categorie.${i}`];
                const avviso = avvisi[`categorie.${i}`];
                return (
                  <tr key={i}>
                    <th scope="row" className="fw-normal">
                      <input
                        id={idCategoria(i)}
                        type="text"
                        className={`form-control form-control-sm${errore ? " is-invalid" : ""}`}
                        value={cat}
                        aria-label={`Anno o categoria della riga ${i + 1}`}
                        aria-invalid={errore ? true : undefined}
                        aria-describedby={descrittori(idCategoria(i), errore, avviso)}
                        data-riga={i + 1}
                        data-colonna={0}
                        onChange={(e) => cambiaCategoria(i, e.target.value)}
                      />
                      <Messaggi id={idCategoria(i)} errore={errore} avviso={avviso} />
                    </th>
                    {value.serie.map((_, j) => {
                      const cella = idValore(j, i);
                      const errore = messaggioCella(j, i) ?? errori[`serie.${j}.valori.${i}`];
                      const avviso = avvisi[`serie.${j}.valori.${i}`];
                      return (
                        <td key={j}>
                          <input
                            id={cella}
                            type="text"
                            inputMode="decimal"
                            className={`form-control form-control-sm text-end${errore ? " is-invalid" : ""}`}
                            value={testi[j]?.[i] ?? ""}
                            aria-label={`Valore di «${nomeSerie(j)}» per ${nomeRiga(i)}`}
                            aria-invalid={errore ? true : undefined}
                            aria-describedby={descrittori(cella, errore, avviso)}
                            data-riga={i + 1}
                            data-colonna={j + 1}
                            onChange={(e) => cambiaValore(j, i, e.target.value)}
                          />
                          <Messaggi id={cella} errore={errore} avviso={avviso} />
                        </td>
                      );
                    })}
                    <td>
                      <button type="button" className="btn btn-link btn-sm p-0 text-danger" aria-label={`Rimuovi la riga ${i + 1} (${nomeRiga(i)})`} onClick={() => rimuoviRiga(i)}>
                        Rimuovi riga
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p id={`${id}-griglia-aiuto`} className="form-text small mb-2">
          Una riga per anno o categoria, una colonna per serie. I numeri si scrivono all&apos;italiana (1.234,5); una cella vuota è un dato mancante.
          Si può incollare in qualsiasi cella una tabella copiata da Excel o LibreOffice: la griglia si allarga da sola.
        </p>
        <div className="d-flex flex-wrap gap-2">
          <button id={`${id}-aggiungi-riga`} type="button" className="btn btn-sm btn-outline-primary" onClick={aggiungiRiga}>
            Aggiungi anno/categoria
          </button>
          <button id={`${id}-aggiungi-serie`} type="button" className="btn btn-sm btn-outline-primary" onClick={aggiungiSerie}>
            Aggiungi serie
          </button>
        </div>
        <div role="status" className="small mt-2">{annuncio}</div>
        {errori.categorie && <Messaggi id={`${id}-categorie`} errore={errori.categorie} />}
        {errori.serie && <Messaggi id={`${id}-serie`} errore={errori.serie} avviso={avvisi.serie} />}
        {daCorreggere.length > 0 && (
          <div className="alert alert-danger mt-2 py-2" aria-labelledby={`${id}-da-correggere`}>
            <p id={`${id}-da-correggere`} className="fw-semibold mb-1">
              Valori non riconosciuti come numeri (nel grafico restano vuoti o con il valore precedente):
            </p>
            <ul className="mb-0 small">
              {daCorreggere.map((x) => (
                <li key={`${x.serie}-${x.riga}`}>
                  <a
                    href={`#${idValore(x.serie, x.riga)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(idValore(x.serie, x.riga))?.focus();
                    }}
                  >
                    Riga {x.riga + 1}, colonna «{nomeSerie(x.serie)}»
                  </a>
                  : {x.messaggio}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <CampoTesto id={`${id}-fonte`} label="Fonte (facoltativa)" value={value.fonte} errore={errori.fonte} avviso={avvisi.fonte} onChange={(f) => set({ fonte: f || undefined })} />
      <CampoTesto id={`${id}-nota`} label="Nota (facoltativa)" righe={3} value={value.nota} errore={errori.nota} avviso={avvisi.nota} onChange={(t) => set({ nota: t || undefined })} />

      <Anteprima value={value} id={id} />
    </div>
  );
}

/** The chart as it will be published, drawn in the browser; the same numbers beside it as a table. */
function Anteprima({ value, id }: { value: Serie; id: string }) {
  const disegnabile = graficoDisegnabile(value);
  const contenitore = useRef<HTMLDivElement>(null);
  const grafico = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!disegnabile || !contenitore.current) return;
    const chart = echarts.init(contenitore.current, null, { renderer: "svg" });
    grafico.current = chart;
    const ridimensiona = () => chart.resize();
    window.addEventListener("resize", ridimensiona);
    return () => {
      window.removeEventListener("resize", ridimensiona);
      chart.dispose();
      grafico.current = null;
    };
  }, [disegnabile]);

  useEffect(() => {
    // notMerge: a removed series must disappear from the picture.
    if (disegnabile) grafico.current?.setOption(opzioniGrafico(value), { notMerge: true });
  }, [value, disegnabile]);

  return (
    <section className="border rounded p-3 mb-3" aria-labelledby={`${id}-anteprima`}>
      <h3 id={`${id}-anteprima`} className="h6">
        Anteprima del grafico
      </h3>
      {value.datiMancanti ? (
        <p className="mb-0">Dati segnati come non disponibili: nel bilancio comparirà il titolo con l&apos;avviso che la fonte non ne riporta i valori.</p>
      ) : !disegnabile ? (
        <p className="mb-0">Il grafico comparirà quando ci saranno almeno un anno o una categoria e una serie.</p>
      ) : (
        <div className="row g-3 align-items-start">
          <div className="col-lg-7">
            <div ref={contenitore} aria-hidden="true" style={{ width: "100%", height: 320 }} />
          </div>
          <div className="col-lg-5 table-responsive">
            <SerieDataTable serie={value} didascalia={`Anteprima dei dati del grafico: ${value.titolo}`} />
          </div>
        </div>
      )}
    </section>
  );
}
