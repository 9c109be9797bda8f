"use client";

/**
 * What the edition set-up forms share: sending a <form> to an action made with
 * `azioneModulo` without React resetting it (so what was typed stays after a
 * refusal), and a labelled field that shows its message from `campi` (read with
 * `campiDi` of app/_components/esito.ts).
 */
import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { descrittori, Messaggi } from "@/app/_components/editor/fields";

export type RispostaModulo = { ok: boolean; messaggio?: string; campi?: Record<string, string>; tipo?: string };

/**
 * [answer, onSubmit, pending]. The submit handler posts the form's FormData (with the
 * pressed button's name/value); `dopoOk` runs once per successful answer, with the form.
 */
export function useModulo<R extends RispostaModulo>(
  action: (precedente: unknown, form: FormData) => Promise<R>,
  dopoOk?: (r: R, form: HTMLFormElement | null) => void,
): [R | null, (e: FormEvent<HTMLFormElement>) => void, boolean] {
  const [esito, invia, inCorso] = useActionState<R | null, FormData>((p, f) => action(p, f), null);
  const modulo = useRef<HTMLFormElement | null>(null);
  const visto = useRef<R | null>(null);
  useEffect(() => {
    if (esito && esito !== visto.current) {
      visto.current = esito;
      if (esito.ok) dopoOk?.(esito, modulo.current);
    }
  }, [esito, dopoOk]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    modulo.current = e.currentTarget;
    const dati = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => invia(dati));
  };
  return [esito, onSubmit, inCorso];
}

/** The form's general message: an error (role=alert) or a confirmation (role=status). */
export function EsitoModulo({ esito, soloErrori }: { esito: RispostaModulo | null; soloErrori?: boolean }) {
  if (!esito?.messaggio) return null;
  if (esito.ok) return soloErrori ? null : <p className="text-success small mb-2" role="status">{esito.messaggio}</p>;
  return <div className="alert alert-danger py-2 small" role="alert">{esito.messaggio}</div>;
}

interface CampoProps {
  id: string;
  nome: string;
  etichetta: string;
  campi: Record<string, string>;
  /** Other names the same field's message may come under (e.g. "pacchetto.testo"). */
  alias?: string[];
  aiuto?: ReactNode;
  className?: string;
}

export function messaggioDi(campi: Record<string, string>, nome: string, alias: string[] = []): string | undefined {
  return campi[nome] ?? alias.map((a) => campi[a]).find(Boolean);
}

/** A text, number, date or multi-line field with its label, help and message. */
export function Campo({
  id,
  nome,
  etichetta,
  campi,
  alias,
  aiuto,
  className,
  tipo = "text",
  righe,
  ref,
  ...input
}: CampoProps & { tipo?: "text" | "date" | "number" | "file"; righe?: number; ref?: React.Ref<HTMLInputElement> } & Omit<React.InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, "id" | "name" | "type">) {
  const errore = messaggioDi(campi, nome, alias);
  const props = {
    id,
    name: nome,
    className: `form-control${errore ? " is-invalid" : ""}`,
    "aria-invalid": errore ? true : undefined,
    "aria-describedby": descrittori(id, errore, undefined, aiuto),
    ...input,
  };
  return (
    <div className={className ?? "mb-3"}>
      <label htmlFor={id} className="form-label fw-semibold">{etichetta}</label>
      {righe ? <textarea {...props} rows={righe} /> : <input {...props} ref={ref} type={tipo} />}
      <Messaggi id={id} errore={errore} aiuto={aiuto} />
    </div>
  );
}

/** A <select> with its label and message. */
export function Scelta({
  id,
  nome,
  etichetta,
  campi,
  alias,
  aiuto,
  className,
  opzioni,
  ...select
}: CampoProps & { opzioni: { valore: string | number; etichetta: string }[] } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "id" | "name">) {
  const errore = messaggioDi(campi, nome, alias);
  return (
    <div className={`select-wrapper ${className ?? "mb-3"}`}>
      <label htmlFor={id} className="fw-semibold">{etichetta}</label>
      <select id={id} name={nome} aria-invalid={errore ? true : undefined} aria-describedby={descrittori(id, errore, undefined, aiuto)} {...select}>
        {opzioni.map((o) => (
          <option key={o.valore} value={o.valore}>{o.etichetta}</option>
        ))}
      </select>
      <Messaggi id={id} errore={errore} aiuto={aiuto} />
    </div>
  );
}
