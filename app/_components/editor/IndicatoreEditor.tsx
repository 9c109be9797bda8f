"use client";

import { confrontoConBase, MOTIVI_SENZA_CONFRONTO, valorePrecedente } from "@/lib/content/baseline";
import type { Indicatore } from "@/lib/content/blocks";
import { testoIndicatore } from "@/lib/content/cifre";
import { formatNumero } from "@/lib/numbers/format";
import { CampoNumero, CampoScelta, CampoSpunta, CampoTesto, sotto } from "./fields";
import type { EditorProps } from "./types";

/** The units the Cremona report uses; any other may be typed. */
export const UNITA_COMUNI = ["abitanti", "euro", "%", "kmq", "mq", "km", "anni", "posti", "utenti", "famiglie", "studenti", "imprese", "eventi", "visitatori", "persone", "progetti", "ore"];

type Confronto = NonNullable<Indicatore["confronti"]>[number];

export function IndicatoreEditor({ value, onChange, errori, avvisi = {}, id }: EditorProps<Indicatore>) {
  const set = (patch: Partial<Indicatore>) => onChange({ ...value, ...patch });
  const confronti = value.confronti ?? [];
  const setConfronti = (c: Confronto[]) => set({ confronti: c.length ? c : undefined });
  // As the report prints it: without the unit when the caption opens with it ("1.273 / i posti letto").
  const anteprima = testoIndicatore(value);
  const comeSiScrive = "Come si scrive: 71.924 · 2,11 · 14,7% · 1,8 milioni di euro";
  // The previous edition's value is history: shown beside the field, never edited here, and kept
  // in the payload by every change below (each one spreads `value`).
  const base = value.base;
  const confrontoBase = confrontoConBase(value);
  const aiutoValore = base ? (
    <>
      {comeSiScrive}
      <span className="d-block mt-1">
        Valore precedente ({base.edizione}): <strong>{valorePrecedente(value) ?? "non indicato"}</strong>
        {base.riferimento ? `, riferimento ${base.riferimento}` : ""}
      </span>
      <span className="d-block" aria-live="polite">
        {confrontoBase.ok ? <>Variazione: <strong>{confrontoBase.testo}</strong></> : MOTIVI_SENZA_CONFRONTO[confrontoBase.motivo]}
      </span>
    </>
  ) : (
    comeSiScrive
  );
  return (
    <div>
      <datalist id={`${id}-unita-elenco`}>
        {UNITA_COMUNI.map((u) => <option key={u} value={u} />)}
      </datalist>
      <div className="row">
        <CampoNumero
          id={`${id}-valore`}
          label="Valore"
          className="col-md-4"
          value={value.valore}
          mostra={(v) => formatNumero(v, { decimali: value.decimali })}
          facoltativo
          errore={errori.valore}
          avviso={avvisi.valore}
          aiuto={aiutoValore}
          onChange={(v, n) =>
            set({
              valore: v,
              // A unit typed with the number ("14,7%", "1,8 milioni di euro") is the unit.
              ...(n?.unita ? { unita: n.unita } : {}),
              ...(n?.scala ? { scala: n.scala } : {}),
              ...(n?.variazione ? { variazione: true } : {}),
              // "16,90" keeps its zero in the report.
              decimali: n?.decimali,
            })
          }
        />
        <CampoTesto id={`${id}-unita`} label="Unità di misura" className="col-md-3" value={value.unita} elenco={`${id}-unita-elenco`} errore={errori.unita} avviso={avvisi.unita} onChange={(unita) => set({ unita })} />
        <CampoScelta
          id={`${id}-scala`}
          label="Scrivi il numero in"
          className="col-md-3"
          value={value.scala ?? ""}
          onChange={(s) => set({ scala: s === "" ? undefined : s })}
          opzioni={[
            { valore: "", etichetta: "cifre intere" },
            { valore: "mila", etichetta: "mila" },
            { valore: "milioni", etichetta: "milioni" },
            { valore: "miliardi", etichetta: "miliardi" },
            { valore: "mln", etichetta: "mln (milioni abbreviato)" },
          ]}
        />
        <CampoSpunta id={`${id}-variazione`} label="È una variazione (+/−)" className="col-md-2 mt-md-4" value={value.variazione} onChange={(variazione) => set({ variazione: variazione || undefined })} />
      </div>
      {value.valore === null && (
        <CampoTesto id={`${id}-testoValore`} label="Testo al posto del numero" value={value.testoValore} errore={errori.testoValore} onChange={(t) => set({ testoValore: t || undefined })} aiuto="Per un risultato che non è un numero, ad esempio «primo»." />
      )}
      <CampoTesto id={`${id}-etichetta`} label="Che cosa misura" righe={2} value={value.etichetta} errore={errori.etichetta} onChange={(etichetta) => set({ etichetta })} aiuto="Il testo che segue il numero nel report, ad esempio «abitanti nel 2016»." />
      <CampoTesto id={`${id}-riferimento`} label="Anno o data di riferimento" value={value.riferimento} errore={errori.riferimento} avviso={avvisi.riferimento} onChange={(r) => set({ riferimento: r || undefined })} aiuto="Ad esempio 2016 oppure al 31/12/2015." />
      <fieldset className="mb-3">
        <legend className="fs-6 fw-semibold">Confronti</legend>
        {confronti.map((c, i) => {
          const e = sotto(errori, `confronti.${i}`);
          const a = sotto(avvisi, `confronti.${i}`);
          const aggiorna = (patch: Partial<Confronto>) => setConfronti(confronti.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <div key={i} className="row align-items-start border-start ps-2 mb-2">
              {/* The figure prints as typed: "- 430 mila euro" keeps its scale, "-430.000" has none. */}
              <CampoNumero id={`${id}-confronto-${i}-valore`} label={`Confronto ${i + 1}: valore`} className="col-md-2" value={c.valore} facoltativo errore={e.valore} avviso={a.valore} mostra={(v) => formatNumero(v, { scala: c.scala, decimali: c.decimali })} onChange={(v, n) => aggiorna({ valore: v ?? undefined, scala: n?.scala, decimali: n?.decimali, ...(n?.unita ? { unita: n.unita } : {}) })} />
              <CampoTesto id={`${id}-confronto-${i}-unita`} label="Unità" className="col-md-2" value={c.unita} onChange={(u) => aggiorna({ unita: u || undefined })} />
              <CampoTesto id={`${id}-confronto-${i}-testo`} label="Rispetto a" className="col-md-4" value={c.testo} errore={e.testo} onChange={(testo) => aggiorna({ testo })} aiuto="Ad esempio «rispetto alla media italiana» o «dal 2014»." />
              <CampoScelta
                id={`${id}-confronto-${i}-tipo`}
                label="Tipo"
                className="col-md-3"
                value={c.tipo ?? "differenza"}
                onChange={(t) => aggiorna({ tipo: t === "differenza" ? undefined : t })}
                opzioni={[
                  { valore: "differenza", etichetta: "differenza (+/−)" },
                  { valore: "riferimento", etichetta: "valore di riferimento" },
                ]}
              />
              <div className="col-md-1">
                <button type="button" className="btn btn-sm btn-outline-danger mt-4" aria-label={`Rimuovi il confronto ${i + 1}`} onClick={() => setConfronti(confronti.filter((_, j) => j !== i))}>
                  Rimuovi
                </button>
              </div>
            </div>
          );
        })}
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setConfronti([...confronti, { testo: "" }])}>
          Aggiungi un confronto
        </button>
      </fieldset>
      <div className="row">
        <CampoTesto id={`${id}-fonte`} label="Fonte" className="col-md-6" value={value.fonte} errore={errori.fonte} avviso={avvisi.fonte} onChange={(f) => set({ fonte: f || undefined })} />
        <CampoTesto id={`${id}-nota`} label="Nota" className="col-md-6" value={value.nota} errore={errori.nota} onChange={(n) => set({ nota: n || undefined })} />
      </div>
      <p className="small text-muted mb-0" aria-live="polite">
        Anteprima: <strong>{anteprima}</strong> {value.etichetta}
      </p>
    </div>
  );
}
