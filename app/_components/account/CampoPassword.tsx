"use client";

/** A labelled password field with its help text and error, both tied to it with aria-describedby. */
export function CampoPassword({
  id,
  label,
  value,
  onChange,
  errore,
  aiuto,
  autoComplete,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  errore?: string;
  aiuto?: string;
  autoComplete: "new-password" | "current-password";
}) {
  const descrittori = [aiuto && `${id}-aiuto`, errore && `${id}-errore`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="form-group mb-4">
      <label htmlFor={id} className="active">{label}</label>
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        maxLength={500}
        className={`form-control${errore ? " is-invalid" : ""}`}
        aria-invalid={errore ? true : undefined}
        aria-describedby={descrittori}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {aiuto && <small id={`${id}-aiuto`} className="form-text d-block">{aiuto}</small>}
      {errore && <div id={`${id}-errore`} className="invalid-feedback d-block" role="alert">{errore}</div>}
    </div>
  );
}
