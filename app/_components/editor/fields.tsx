"use client";

/**
 * Form fields of the editors, on Bootstrap Italia: every field has a label,
 * its error next to it (aria-invalid + aria-describedby), and keeps what was typed.
 */
import { useEffect, useId, useState, type ReactNode } from "react";
import { interpretaNumero, type NumeroInterpretato } from "@/lib/numbers/parse";
import { formatNumero } from "@/lib/numbers/format";
import { useSegnalaNonValidi, useTestoRipristinato } from "./campi-non-validi";

export function Messaggi({ id, errore, avviso, aiuto }: { id: string; errore?: string; avviso?: string; aiuto?: ReactNode }) {
  return (
    <>
      {aiuto && <small id={`${id}-aiuto`} className="form-text d-block">{aiuto}</small>}
      {errore && <div id={`${id}-errore`} className="text-danger small fw-semibold mt-1" role="alert">{errore}</div>}
      {avviso && !errore && <div id={`${id}-avviso`} className="text-warning-emphasis small mt-1">⚠ {avviso}</div>}
    </>
  );
}

/** The aria-describedby of a field: its help, then its error or else its warning. */
export function descrittori(id: string, errore?: string, avviso?: string, aiuto?: ReactNode) {
  const ids = [aiuto && `${id}-aiuto`, errore && `${id}-errore`, avviso && !errore && `${id}-avviso`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface Base {
  id: string;
  label: string;
  errore?: string;
  avviso?: string;
  aiuto?: ReactNode;
  className?: string;
}

export function CampoTesto({ id, label, value, onChange, errore, avviso, aiuto, className, righe, elenco }: Base & { value: string | undefined; onChange: (v: string) => void; righe?: number; elenco?: string }) {
  const props = {
    id,
    className: `form-control${errore ? " is-invalid" : ""}`,
    value: value ?? "",
    "aria-invalid": errore ? true : undefined,
    "aria-describedby": descrittori(id, errore, avviso, aiuto),
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`mb-3 ${className ?? ""}`}>
      <label htmlFor={id} className="form-label fw-semibold">{label}</label>
      {righe ? <textarea {...props} rows={righe} /> : <input {...props} type="text" list={elenco} />}
      <Messaggi id={id} errore={errore} avviso={avviso} aiuto={aiuto} />
    </div>
  );
}

/**
 * A number as officers type it ("1.234,5", "14,7%", "1,8 milioni di euro").
 * The typed text stays as typed; the value changes only when the text is a valid number.
 */
export function CampoNumero({
  id,
  label,
  value,
  onChange,
  errore,
  avviso,
  aiuto,
  className,
  facoltativo,
  mostra,
}: Base & { value: number | null | undefined; onChange: (v: number | null, n?: NumeroInterpretato) => void; facoltativo?: boolean; mostra?: (v: number) => string }) {
  const testoDi = (v: number | null | undefined) => (v === null || v === undefined ? "" : (mostra ?? formatNumero)(v));
  const [testo, setTesto] = useState(testoDi(value));
  const [locale, setLocale] = useState<string | undefined>();
  // A value changed from outside (restore, conflict resolution) replaces the text.
  useEffect(() => {
    const r = interpretaNumero(testo);
    const uguale = r.ok ? r.numero.valore === value : (value === null || value === undefined) && testo.trim() === "";
    if (uguale) return;
    setTesto(testoDi(value));
    setLocale(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  // A text that was not a number, kept by the browser's draft, comes back as it was typed.
  const ripristinato = useTestoRipristinato(id);
  useEffect(() => {
    if (ripristinato === undefined) return;
    setTesto(ripristinato);
    const r = interpretaNumero(ripristinato);
    setLocale(r.ok ? undefined : r.messaggio);
  }, [ripristinato]);
  // Invalid text is an unsaved change of the block, not a silent nothing.
  useSegnalaNonValidi(id, locale ? { [id]: { testo, messaggio: locale, etichetta: label } } : {});
  const messaggio = locale ?? errore;
  return (
    <div className={`mb-3 ${className ?? ""}`}>
      <label htmlFor={id} className="form-label fw-semibold">{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className={`form-control${messaggio ? " is-invalid" : ""}`}
        value={testo}
        aria-invalid={messaggio ? true : undefined}
        aria-describedby={descrittori(id, messaggio, avviso, aiuto)}
        onChange={(e) => {
          const t = e.target.value;
          setTesto(t);
          if (t.trim() === "" && facoltativo) {
            setLocale(undefined);
            onChange(null);
            return;
          }
          const r = interpretaNumero(t);
          if (r.ok) {
            setLocale(undefined);
            onChange(r.numero.valore, r.numero);
          } else setLocale(r.messaggio);
        }}
      />
      <Messaggi id={id} errore={messaggio} avviso={avviso} aiuto={aiuto} />
    </div>
  );
}

export function CampoScelta<T extends string>({ id, label, value, onChange, opzioni, errore, aiuto, className }: Base & { value: T | undefined; onChange: (v: T) => void; opzioni: { valore: T; etichetta: string }[] }) {
  return (
    <div className={`select-wrapper mb-3 ${className ?? ""}`}>
      <label htmlFor={id} className="fw-semibold">{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value as T)} aria-describedby={descrittori(id, errore, undefined, aiuto)} aria-invalid={errore ? true : undefined}>
        {opzioni.map((o) => (
          <option key={o.valore} value={o.valore}>{o.etichetta}</option>
        ))}
      </select>
      <Messaggi id={id} errore={errore} aiuto={aiuto} />
    </div>
  );
}

export function CampoSpunta({ id, label, value, onChange, className }: { id: string; label: string; value: boolean | undefined; onChange: (v: boolean) => void; className?: string }) {
  return (
    <div className={`form-check mb-3 ${className ?? ""}`}>
      <input id={id} type="checkbox" className="form-check-input" checked={!!value} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id} className="form-check-label">{label}</label>
    </div>
  );
}

/** An ordered list of short texts (PRIMA/DOPO bullets, partners), each with its own label and remove button. */
export function ListaTesti({ id, label, voce, value, onChange, errori }: { id: string; label: string; voce: string; value: string[]; onChange: (v: string[]) => void; errori: Record<string, string> }) {
  const gruppo = useId();
  return (
    <fieldset className="mb-3" aria-labelledby={gruppo}>
      <legend id={gruppo} className="fs-6 fw-semibold">{label}</legend>
      {value.map((t, i) => (
        <div key={i} className="d-flex gap-2 align-items-start">
          <CampoTesto
            id={`${id}-${i}`}
            label={`${voce} ${i + 1}`}
            value={t}
            righe={2}
            errore={errori[String(i)]}
            className="flex-grow-1"
            onChange={(v) => onChange(value.map((x, j) => (j === i ? v : x)))}
          />
          <button type="button" className="btn btn-sm btn-outline-danger mt-4" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Rimuovi ${voce.toLowerCase()} ${i + 1}`}>
            Rimuovi
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => onChange([...value, ""])}>
        Aggiungi {voce.toLowerCase()}
      </button>
    </fieldset>
  );
}

/** Errors under a prefix, with the prefix removed: for handing a sub-object's errors to a sub-form. */
export function sotto(errori: Record<string, string>, prefisso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errori)) if (k.startsWith(prefisso + ".")) out[k.slice(prefisso.length + 1)] = v;
  return out;
}
