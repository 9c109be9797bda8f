"use client";

/**
 * The coordination's forms on /ascolto: handle a comment with a note, hide it as spam,
 * publish the ratings as open data. Each through useActionState with the one answer
 * shape; errors beside their field, what was typed kept.
 */
import { useActionState, useState } from "react";
import { gestisciCommentoAction, nascondiSpamAction, pubblicaValutazioniAction } from "@/app/_server/ascolto-actions";
import { MAX_NOTA } from "@/lib/ascolto/domande";
import { campiDi } from "@/app/_components/esito";
import { perNumero, plurale } from "@/lib/italiano";

export function GestisciForm({ id, nota: salvata, etichetta }: { id: number; nota: string | null; etichetta: string }) {
  const [esito, invia, inCorso] = useActionState(gestisciCommentoAction, null);
  const [nota, setNota] = useState(salvata ?? "");
  const campi = campiDi(esito);
  const idCampo = `nota-${id}`;
  const errore = campi.nota;
  return (
    <form action={invia} noValidate className="mb-2">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={idCampo} className="form-label fw-semibold d-block">
        Nota del coordinamento <span className="fw-normal small">(la leggerà chi scrive lo stesso ambito nella prossima edizione)</span>
      </label>
      <textarea
        id={idCampo}
        name="nota"
        rows={2}
        maxLength={MAX_NOTA}
        className={`form-control${errore ? " is-invalid" : ""}`}
        value={nota}
        onChange={(e) => setNota(e.target.value)}
        aria-invalid={errore ? true : undefined}
        aria-describedby={errore ? `${idCampo}-errore` : undefined}
      />
      {errore && (
        <div id={`${idCampo}-errore`} className="text-danger small fw-semibold mt-1" role="alert">
          {errore}
        </div>
      )}
      <div className="d-flex align-items-center gap-3 mt-2">
        <button type="submit" className="btn btn-primary btn-sm" disabled={inCorso}>
          {etichetta}
        </button>
        <span role="status" className="small text-success">{esito?.ok ? "Salvato." : ""}</span>
      </div>
      {esito && !esito.ok && !errore && (
        <div className="alert alert-danger mt-2 mb-0" role="alert">
          {esito.messaggio}
        </div>
      )}
    </form>
  );
}

export function SpamForm({ id }: { id: number }) {
  const [esito, invia, inCorso] = useActionState(nascondiSpamAction, null);
  return (
    <form action={invia} className="d-inline-flex align-items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn btn-outline-danger btn-sm" disabled={inCorso}>
        Nascondi come spam
      </button>
      {esito && !esito.ok && (
        <span className="small text-danger fw-semibold" role="alert">
          {esito.messaggio}
        </span>
      )}
    </form>
  );
}

export function PubblicaForm({ slug }: { slug: string }) {
  const [esito, invia, inCorso] = useActionState(pubblicaValutazioniAction, null);
  return (
    <form action={invia} className="d-flex flex-wrap align-items-center gap-3">
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" className="btn btn-outline-primary" disabled={inCorso}>
        Pubblica le valutazioni come dati aperti
      </button>
      <span role={esito && !esito.ok ? "alert" : "status"} className={`small ${esito?.ok ? "text-success" : "text-danger fw-semibold"}`}>
        {esito ? (esito.ok ? `${perNumero(esito.valutazioni, "Pubblicata", "Pubblicate")}: ${plurale(esito.valutazioni, "valutazione", "valutazioni")} degli ambiti.` : esito.messaggio) : ""}
      </span>
    </form>
  );
}
