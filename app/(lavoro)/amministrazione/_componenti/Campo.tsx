"use client";

/**
 * A labelled form field of the admin screens: controlled (what was typed stays
 * after a refused submit), its error beside it (is-invalid, aria-describedby).
 */
import type { ReactNode } from "react";
import { Messaggi } from "@/app/_components/editor/fields";

export function Campo({
  id,
  name,
  label,
  value,
  onChange,
  errore,
  aiuto,
  type = "text",
  autoComplete,
  maxLength,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errore?: string;
  aiuto?: ReactNode;
  type?: "text" | "email";
  autoComplete?: string;
  maxLength?: number;
  className?: string;
}) {
  const descritto = [aiuto && `${id}-aiuto`, errore && `${id}-errore`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-3 ${className ?? ""}`}>
      <label htmlFor={id} className="form-label fw-semibold">{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        className={`form-control${errore ? " is-invalid" : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errore ? true : undefined}
        aria-describedby={descritto}
        autoComplete={autoComplete}
        maxLength={maxLength}
      />
      <Messaggi id={id} errore={errore} aiuto={aiuto} />
    </div>
  );
}

/** A labelled select, with its error beside it. */
export function Scelta({
  id,
  name,
  label,
  value,
  onChange,
  errore,
  aiuto,
  opzioni,
  vuota,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errore?: string;
  aiuto?: ReactNode;
  opzioni: { valore: string; etichetta: string }[];
  vuota?: string;
  className?: string;
}) {
  const descritto = [aiuto && `${id}-aiuto`, errore && `${id}-errore`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-3 ${className ?? ""}`}>
      <label htmlFor={id} className="form-label fw-semibold">{label}</label>
      <select
        id={id}
        name={name}
        className={`form-select${errore ? " is-invalid" : ""}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errore ? true : undefined}
        aria-describedby={descritto}
      >
        {vuota !== undefined && <option value="">{vuota}</option>}
        {opzioni.map((o) => (
          <option key={o.valore} value={o.valore}>{o.etichetta}</option>
        ))}
      </select>
      <Messaggi id={id} errore={errore} aiuto={aiuto} />
    </div>
  );
}
