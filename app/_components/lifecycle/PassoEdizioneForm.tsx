"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { passoEdizioneAction, type PassoInput } from "@/app/_server/edition-actions";
import { campiDi } from "@/app/_components/esito";
import { segnaPubblicata } from "./AvvisoPubblicata";

type Passo = PassoInput["passo"];

interface Props {
  passo: Passo;
  etichetta: string;
  editionId?: number;
  version?: number;
  slug?: string;
  /** The hash shown to the Assessore: what they sign. */
  sha256?: string;
  /** Label of the reason field, for the steps that need one. */
  motivo?: string;
  password?: boolean;
  principale?: boolean;
  disabilitato?: string;
  /** Where to go once done (the server may also say where). */
  dopo?: string;
}

/**
 * One lifecycle step as a form: the fields it needs, the server's Italian
 * message beside the field it concerns, and nothing typed lost on error.
 */
export function PassoEdizioneForm({ passo, etichetta, editionId, version, slug, sha256, motivo, password, principale, disabilitato, dopo }: Props) {
  const router = useRouter();
  const id = useId();
  const [testo, setTesto] = useState("");
  const [pwd, setPwd] = useState("");
  const [esito, setEsito] = useState<Awaited<ReturnType<typeof passoEdizioneAction>> | null>(null);
  const [attesa, setAttesa] = useState(false);

  async function invia(e: FormEvent) {
    e.preventDefault();
    setAttesa(true);
    const input = { passo, editionId, version, slug, sha256, motivo: testo, password: pwd } as PassoInput;
    const r = await passoEdizioneAction(input);
    setAttesa(false);
    setEsito(r);
    if (r.ok) {
      setPwd("");
      const vai = ("vai" in r ? r.vai : undefined) ?? dopo;
      // After publishing, the public page says that it worked (once, to this tab only).
      if (vai && passo === "pubblica") segnaPubblicata(vai);
      if (vai) router.push(vai);
      else router.refresh();
    }
  }

  const errore = esito && !esito.ok ? esito : null;
  const erroreSu = (campo: "motivo" | "password") => campiDi(esito)[campo] ?? null;
  return (
    <form onSubmit={invia} className="mb-3" noValidate>
      {motivo && (
        <div className="mb-2">
          <label htmlFor={`${id}-motivo`} className="form-label fw-semibold">{motivo}</label>
          <textarea
            id={`${id}-motivo`}
            className={`form-control${erroreSu("motivo") ? " is-invalid" : ""}`}
            rows={3}
            value={testo}
            onChange={(e) => setTesto(e.target.value)}
            aria-describedby={erroreSu("motivo") ? `${id}-motivo-errore` : undefined}
            aria-invalid={!!erroreSu("motivo")}
          />
          {erroreSu("motivo") && <div id={`${id}-motivo-errore`} className="invalid-feedback d-block">{erroreSu("motivo")}</div>}
        </div>
      )}
      {password && (
        <div className="mb-2" style={{ maxWidth: "24rem" }}>
          <label htmlFor={`${id}-password`} className="form-label fw-semibold">La tua password, per firmare</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            className={`form-control${erroreSu("password") ? " is-invalid" : ""}`}
            value={pwd}
            onChange={(e) => setPwd(e.target.value)}
            aria-describedby={erroreSu("password") ? `${id}-password-errore` : undefined}
            aria-invalid={!!erroreSu("password")}
          />
          {erroreSu("password") && <div id={`${id}-password-errore`} className="invalid-feedback d-block">{erroreSu("password")}</div>}
        </div>
      )}
      {errore && !erroreSu("motivo") && !erroreSu("password") && <p className="alert alert-danger" role="alert">{errore.messaggio}</p>}
      {esito?.ok && !("vai" in esito && esito.vai) && !dopo && <p className="alert alert-success" role="status">Fatto.</p>}
      <button type="submit" className={`btn ${principale ? "btn-primary" : "btn-outline-primary"}`} disabled={attesa || !!disabilitato} aria-describedby={disabilitato ? `${id}-perche` : undefined}>
        {etichetta}
      </button>
      {disabilitato && <p id={`${id}-perche`} className="small mt-1 mb-0">{disabilitato}</p>}
    </form>
  );
}
