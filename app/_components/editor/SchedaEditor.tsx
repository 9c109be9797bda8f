"use client";

import { useEffect, useRef, useState } from "react";
import type { Scheda } from "@/lib/content/blocks";
import { documentoVuoto } from "@/lib/content/clean-rich-text";
import { formatNumero } from "@/lib/numbers/format";
import { testoRisultato } from "@/lib/content/cifre";
import { CampoNumero, CampoSpunta, CampoTesto, ListaTesti, Messaggi, sotto } from "./fields";
import { UNITA_COMUNI } from "./IndicatoreEditor";
import { erroreSotto } from "@/lib/content/editor-input";
import { RichTextEditor } from "./RichTextEditor";
import type { EditorProps } from "./types";

type Costo = NonNullable<Scheda["costi"]["comune"]>;
type Risultato = Scheda["risultati"][number];

/** Shown when a card has no narrative; never mutated (the editor only reads it). */
const NARRATIVA_VUOTA = documentoVuoto();

const LEGENDA = "fs-6 fw-semibold float-none w-auto px-1";

function CostoCampi({
  id,
  legenda,
  value,
  onChange,
  errori,
  avvisi,
}: {
  id: string;
  legenda: string;
  value: Costo | undefined;
  onChange: (c: Costo | undefined) => void;
  errori: Record<string, string>;
  avvisi: Record<string, string>;
}) {
  const aggiorna = (patch: Partial<Costo>) => {
    const c: Costo = { ...value, ...patch };
    // Nothing left: the cost is absent, not an empty object.
    onChange(c.importo === undefined && !c.descrizione ? undefined : c);
  };
  return (
    <fieldset className="col-lg-6 mb-2">
      <legend className={LEGENDA}>{legenda}</legend>
      <CampoNumero
        id={`${id}-importo`}
        label="Importo in euro (facoltativo)"
        value={value?.importo}
        facoltativo
        errore={errori.importo}
        avviso={avvisi.importo}
        aiuto="Ad esempio 120.000 oppure 1,8 milioni: è stampato come lo scrivi."
        mostra={(v) => formatNumero(v, { scala: value?.scala })}
        onChange={(v, n) => aggiorna({ importo: v ?? undefined, scala: n?.scala })}
      />
      <CampoTesto
        id={`${id}-descrizione`}
        label="Descrizione"
        righe={2}
        value={value?.descrizione}
        errore={errori.descrizione}
        avviso={avvisi.descrizione}
        aiuto="Ad esempio «finanziato con fondi regionali»."
        onChange={(d) => aggiorna({ descrizione: d || undefined })}
      />
      <Messaggi id={id} errore={errori[""]} />
    </fieldset>
  );
}

/** A PRIMA/DOPO project card: every field the report shows. */
export function SchedaEditor({ value, onChange, errori, avvisi = {}, id }: EditorProps<Scheda>) {
  const set = (patch: Partial<Scheda>) => onChange({ ...value, ...patch });
  const conRadice = (prefisso: string, e: Record<string, string>) => {
    // The error of the object itself ("costi.comune") under the empty key, for CostoCampi.
    const out = sotto(e, prefisso);
    if (e[prefisso]) out[""] = e[prefisso];
    return out;
  };

  // --- results: stable keys across moves, focus kept on the button that was used --------
  const risultati = value.risultati;
  const [chiavi, setChiavi] = useState<string[]>(() => risultati.map((_, i) => `r${i}`));
  const contatore = useRef(risultati.length);
  const k = chiavi.length === risultati.length ? chiavi : risultati.map((_, i) => `i${i}`);
  const fuocoDopo = useRef<string | null>(null);
  useEffect(() => {
    if (!fuocoDopo.current) return;
    document.getElementById(fuocoDopo.current)?.focus();
    fuocoDopo.current = null;
  });
  const idR = (i: number, campo: string) => `${id}-risultati-${i}-${campo}`;

  const setRisultati = (r: Risultato[], nuoveChiavi: string[]) => {
    setChiavi(nuoveChiavi);
    set({ risultati: r });
  };
  const aggiornaR = (i: number, patch: Partial<Risultato>) =>
    setRisultati(
      risultati.map((x, j) => (j === i ? { ...x, ...patch } : x)),
      k,
    );
  const aggiungi = () => {
    const nuova = `n${contatore.current++}`;
    fuocoDopo.current = idR(risultati.length, "valore");
    setRisultati([...risultati, { valore: null, didascalia: "" }], [...k, nuova]);
  };
  const rimuovi = (i: number) => {
    const resto = risultati.length - 1;
    fuocoDopo.current = resto === 0 ? `${id}-risultati-aggiungi` : idR(Math.min(i, resto - 1), "rimuovi");
    setRisultati(
      risultati.filter((_, j) => j !== i),
      k.filter((_, j) => j !== i),
    );
  };
  const sposta = (i: number, verso: -1 | 1) => {
    const j = i + verso;
    if (j < 0 || j >= risultati.length) return;
    const scambia = <T,>(a: T[]) => a.map((x, n) => (n === i ? a[j] : n === j ? a[i] : x));
    // Focus follows the moved result; at the top or bottom the other arrow takes it.
    const bordo = (verso === -1 && j === 0) || (verso === 1 && j === risultati.length - 1);
    fuocoDopo.current = idR(j, bordo ? (verso === -1 ? "giu" : "su") : verso === -1 ? "su" : "giu");
    setRisultati(scambia(risultati), scambia(k));
  };

  return (
    <div>
      <CampoTesto id={`${id}-titolo`} label="Titolo del progetto" value={value.titolo} errore={errori.titolo} avviso={avvisi.titolo} onChange={(titolo) => set({ titolo })} />

      <fieldset className="mb-3">
        <legend className={LEGENDA}>Prima e dopo</legend>
        <div className="row">
          <div className="col-lg-6">
            <ListaTesti id={`${id}-prima`} label="PRIMA: com'era la situazione" voce="Punto del PRIMA" value={value.prima} errori={sotto(errori, "prima")} onChange={(prima) => set({ prima })} />
            <Messaggi id={`${id}-prima`} errore={errori.prima} />
          </div>
          <div className="col-lg-6">
            <ListaTesti id={`${id}-dopo`} label="DOPO: che cosa è cambiato" voce="Punto del DOPO" value={value.dopo} errori={sotto(errori, "dopo")} onChange={(dopo) => set({ dopo })} />
            <Messaggi id={`${id}-dopo`} errore={errori.dopo} />
          </div>
        </div>
      </fieldset>

      <fieldset className="mb-3">
        <legend className={LEGENDA}>Destinatari, luogo e tempi</legend>
        <CampoTesto id={`${id}-destinatari`} label="Destinatari" righe={2} value={value.destinatari} errore={errori.destinatari} avviso={avvisi.destinatari} onChange={(d) => set({ destinatari: d || undefined })} />
        <CampoTesto id={`${id}-luogo`} label="Luogo" righe={2} value={value.luogo} errore={errori.luogo} avviso={avvisi.luogo} onChange={(l) => set({ luogo: l || undefined })} />
        <CampoTesto id={`${id}-tempi`} label="Tempi" value={value.tempi} errore={errori.tempi} avviso={avvisi.tempi} aiuto="Ad esempio «da settembre 2015 a giugno 2016»." onChange={(t) => set({ tempi: t || undefined })} />
      </fieldset>

      <fieldset className="mb-3">
        <legend className={LEGENDA}>Costi</legend>
        <div className="row">
          <CostoCampi
            id={`${id}-costi-comune`}
            legenda="Costi per il Comune"
            value={value.costi.comune}
            errori={conRadice("costi.comune", errori)}
            avvisi={sotto(avvisi, "costi.comune")}
            onChange={(comune) => set({ costi: { ...value.costi, comune } })}
          />
          <CostoCampi
            id={`${id}-costi-altri`}
            legenda="Altri contributi"
            value={value.costi.altri}
            errori={conRadice("costi.altri", errori)}
            avvisi={sotto(avvisi, "costi.altri")}
            onChange={(altri) => set({ costi: { ...value.costi, altri } })}
          />
        </div>
        <Messaggi id={`${id}-costi`} errore={errori.costi} />
      </fieldset>

      <ListaTesti id={`${id}-soggetti`} label="Soggetti coinvolti" voce="Soggetto" value={value.soggetti} errori={sotto(errori, "soggetti")} onChange={(soggetti) => set({ soggetti })} />
      <Messaggi id={`${id}-soggetti`} errore={errori.soggetti} />

      <fieldset className="mb-3">
        <legend className={LEGENDA}>Risultati</legend>
        <datalist id={`${id}-unita-elenco`}>
          {UNITA_COMUNI.map((u) => <option key={u} value={u} />)}
        </datalist>
        {risultati.length === 0 && <p className="small text-muted">Nessun risultato: aggiungine uno per mostrare i numeri del progetto.</p>}
        {risultati.map((r, i) => {
          const e = sotto(errori, `risultati.${i}`);
          const a = sotto(avvisi, `risultati.${i}`);
          const n = i + 1;
          const senzaValore = r.valore === null && !r.testoValore && r.didascalia.trim() !== "";
          const anteprima = testoRisultato(r);
          return (
            <fieldset key={k[i]} className="border rounded p-3 mb-3">
              <legend className={LEGENDA}>Risultato {n}</legend>
              <div className="row">
                <CampoNumero
                  id={idR(i, "valore")}
                  label="Valore (facoltativo)"
                  className="col-md-4"
                  value={r.valore}
                  mostra={(v) => formatNumero(v, { scala: r.scala, decimali: r.decimali })}
                  facoltativo
                  errore={e.valore}
                  avviso={a.valore ?? (senzaValore ? "Indica un valore o un testo al posto del numero." : undefined)}
                  aiuto="Ad esempio 120, +13% o 1,8 milioni di euro."
                  onChange={(v, num) =>
                    aggiornaR(i, {
                      valore: v,
                      // The scale prints as typed ("1,8 milioni"); a number typed without one prints whole.
                      scala: num?.scala,
                      decimali: num?.decimali,
                      // A unit or a "+" typed with the number fills the fields below.
                      ...(num?.unita ? { unita: num.unita } : {}),
                      ...(num?.variazione ? { variazione: true } : {}),
                    })
                  }
                />
                <CampoTesto
                  id={idR(i, "unita")}
                  label="Unità di misura"
                  className="col-md-4"
                  value={r.unita}
                  elenco={`${id}-unita-elenco`}
                  errore={e.unita}
                  avviso={a.unita}
                  onChange={(u) => aggiornaR(i, { unita: u || undefined })}
                />
                <CampoSpunta id={idR(i, "variazione")} label="È una variazione (+/−)" className="col-md-4 mt-md-4" value={r.variazione} onChange={(v) => aggiornaR(i, { variazione: v || undefined })} />
              </div>
              <CampoTesto
                id={idR(i, "testoValore")}
                label="Testo al posto del numero"
                value={r.testoValore}
                errore={e.testoValore}
                avviso={a.testoValore}
                aiuto="Per un risultato che non è un numero, ad esempio «quasi raddoppiati»: si mostra quando il valore è vuoto."
                onChange={(t) => aggiornaR(i, { testoValore: t || undefined })}
              />
              <CampoTesto
                id={idR(i, "didascalia")}
                label="Didascalia"
                righe={2}
                value={r.didascalia}
                errore={e.didascalia}
                avviso={a.didascalia}
                aiuto="Che cosa indica il numero, ad esempio «bambini iscritti al servizio»."
                onChange={(didascalia) => aggiornaR(i, { didascalia })}
              />
              <Messaggi id={idR(i, "risultato")} errore={errori[`risultati.${i}`]} />
              {anteprima && (
                <p className="small text-muted">
                  Anteprima: <strong>{anteprima}</strong> {r.didascalia}
                </p>
              )}
              <div className="d-flex flex-wrap gap-2">
                <button type="button" id={idR(i, "su")} className="btn btn-sm btn-outline-primary" disabled={i === 0} aria-label={`Sposta su il risultato ${n}`} onClick={() => sposta(i, -1)}>
                  <span aria-hidden="true">↑</span> Sposta su
                </button>
                <button type="button" id={idR(i, "giu")} className="btn btn-sm btn-outline-primary" disabled={i === risultati.length - 1} aria-label={`Sposta giù il risultato ${n}`} onClick={() => sposta(i, 1)}>
                  <span aria-hidden="true">↓</span> Sposta giù
                </button>
                <button type="button" id={idR(i, "rimuovi")} className="btn btn-sm btn-outline-danger" aria-label={`Rimuovi il risultato ${n}`} onClick={() => rimuovi(i)}>
                  Rimuovi
                </button>
              </div>
            </fieldset>
          );
        })}
        <button type="button" id={`${id}-risultati-aggiungi`} className="btn btn-sm btn-outline-primary" onClick={aggiungi}>
          Aggiungi un risultato
        </button>
        <Messaggi id={`${id}-risultati`} errore={errori.risultati} />
      </fieldset>

      <RichTextEditor
        id={`${id}-narrativa`}
        label="Racconto del progetto (facoltativo)"
        value={value.narrativa ?? NARRATIVA_VUOTA}
        errore={erroreSotto(errori, "narrativa")}
        // An empty text is no narrative at all.
        onChange={(d) => set({ narrativa: d.content.length ? d : undefined })}
      />

      <div className="row">
        <CampoTesto id={`${id}-fonte`} label="Fonte" className="col-md-6" value={value.fonte} errore={errori.fonte} avviso={avvisi.fonte} onChange={(f) => set({ fonte: f || undefined })} />
        <CampoTesto id={`${id}-nota`} label="Nota" className="col-md-6" righe={2} value={value.nota} errore={errori.nota} avviso={avvisi.nota} onChange={(t) => set({ nota: t || undefined })} />
      </div>
    </div>
  );
}
