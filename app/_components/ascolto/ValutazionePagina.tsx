/**
 * "Quanto sono chiare le informazioni su questa pagina?" at the foot of every public
 * page: a plain HTML form posted to /api/ascolto, which works with no JavaScript at
 * all (public pages are served as static files without scripts). The follow-up
 * question for the chosen rating, the comment and the contact email appear with CSS
 * alone (`:has()` on the checked radio, ascolto.css); a browser without `:has()`
 * simply shows every field, and the server keeps only the answer that belongs to the
 * rating. A server component: no "use client", nothing to hydrate.
 */
import { authSecret } from "@/lib/auth/secret";
import {
  DOMANDA_ASCOLTO,
  DOMANDA_NEGATIVA,
  DOMANDA_POSITIVA,
  ETICHETTE_VOTO,
  INFORMATIVA_ASCOLTO,
  MAX_COMMENTO,
  MAX_EMAIL,
  MOTIVI_NEGATIVI,
  MOTIVI_POSITIVI,
  VOTI,
  type Motivo,
} from "@/lib/ascolto/domande";
import { CAMPO_TRAPPOLA, creaGettone } from "@/lib/ascolto/modulo";
import "./ascolto.css";

/** What the citizen had chosen and typed, when the form is shown again after a refusal. */
export interface ValoriValutazione {
  voto?: number;
  motivo?: string | null;
  commento?: string | null;
  contatto?: boolean;
  email?: string | null;
}

export interface PropsValutazione {
  slug: string;
  revisione: number;
  /** "" for the cover, "<parte>", "<parte>/<pagina>". */
  percorso: string;
  valori?: ValoriValutazione;
  /** Field name → Italian message. */
  errori?: Record<string, string>;
  /** The token to carry (a form shown again keeps the time it was first made). */
  gettone?: string;
}

const STELLA = "M12 2.5l2.94 5.96 6.58.96-4.76 4.64 1.12 6.55L12 17.52l-5.88 3.09 1.12-6.55L2.48 9.42l6.58-.96L12 2.5z";

function Errore({ id, testo }: { id: string; testo?: string }) {
  return testo ? (
    <div id={id} className="ascolto-errore text-danger small fw-semibold mt-1">
      {testo}
    </div>
  ) : null;
}

function Motivi({ classe, legenda, motivi, valore, errore }: { classe: string; legenda: string; motivi: readonly Motivo[]; valore?: string | null; errore?: string }) {
  return (
    <fieldset className={`ascolto-motivi ${classe} mb-3`} aria-describedby={errore ? "ascolto-motivo-errore" : undefined}>
      <legend className="h6 mb-2">
        {legenda} <span className="fw-normal small">(facoltativo)</span>
      </legend>
      {motivi.map((m) => (
        <div key={m.codice} className="form-check my-2">
          <input id={`ascolto-motivo-${m.codice}`} className="form-check-input" type="radio" name="motivo" value={m.codice} defaultChecked={valore === m.codice} />
          <label htmlFor={`ascolto-motivo-${m.codice}`} className="form-check-label">{m.etichetta}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function ValutazionePagina({ slug, revisione, percorso, valori = {}, errori = {}, gettone }: PropsValutazione) {
  const token = gettone ?? creaGettone(authSecret(), { slug, revisione, percorso });
  const e = errori;
  return (
    <section className="ascolto mt-5 mb-3" aria-labelledby="ascolto-domanda" id="valuta-la-pagina">
      <form method="post" action="/api/ascolto" className="ascolto-modulo">
        <input type="hidden" name="edizione" value={slug} />
        <input type="hidden" name="revisione" value={revisione} />
        <input type="hidden" name="pagina" value={percorso} />
        <input type="hidden" name="gettone" value={token} />

        <fieldset className="ascolto-stelle mb-3" aria-describedby={e.voto ? "ascolto-voto-errore" : undefined}>
          <legend id="ascolto-domanda" className="h4 mb-2">
            {DOMANDA_ASCOLTO}
          </legend>
          <div className="ascolto-riga-stelle">
            {VOTI.map((v) => (
              <span key={v} className="ascolto-stella">
                <input
                  id={`ascolto-voto-${v}`}
                  type="radio"
                  name="voto"
                  value={v}
                  required={v === 1}
                  defaultChecked={valori.voto === v}
                  aria-invalid={e.voto ? true : undefined}
                />
                <label htmlFor={`ascolto-voto-${v}`} title={ETICHETTE_VOTO[v]}>
                  <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
                    <path d={STELLA} />
                  </svg>
                  <span className="visually-hidden">{ETICHETTE_VOTO[v]}</span>
                </label>
              </span>
            ))}
          </div>
          <Errore id="ascolto-voto-errore" testo={e.voto} />
        </fieldset>

        <div className="ascolto-seguito">
          <Motivi classe="ascolto-negativo" legenda={DOMANDA_NEGATIVA} motivi={MOTIVI_NEGATIVI} valore={valori.motivo} errore={e.motivo} />
          <Motivi classe="ascolto-positivo" legenda={DOMANDA_POSITIVA} motivi={MOTIVI_POSITIVI} valore={valori.motivo} errore={e.motivo} />
          <Errore id="ascolto-motivo-errore" testo={e.motivo} />

          <div className="mb-3">
            <label htmlFor="ascolto-commento" className="form-label fw-semibold d-block">
              Vuoi aggiungere un commento? <span className="fw-normal small">(facoltativo)</span>
            </label>
            <textarea
              id="ascolto-commento"
              name="commento"
              rows={3}
              maxLength={MAX_COMMENTO}
              className={`form-control${e.commento ? " is-invalid" : ""}`}
              defaultValue={valori.commento ?? ""}
              aria-invalid={e.commento ? true : undefined}
              aria-describedby={["ascolto-commento-aiuto", e.commento && "ascolto-commento-errore"].filter(Boolean).join(" ")}
            />
            <small id="ascolto-commento-aiuto" className="form-text d-block">
              Al massimo {MAX_COMMENTO} caratteri. Non scrivere dati personali: il commento non è pubblicato.
            </small>
            <Errore id="ascolto-commento-errore" testo={e.commento} />
          </div>

          <div className="form-check mb-2">
            <input id="ascolto-contatto" className="form-check-input" type="checkbox" name="contatto" value="si" defaultChecked={valori.contatto} />
            <label htmlFor="ascolto-contatto" className="form-check-label">Vorrei essere ricontattato</label>
          </div>
          <div className="ascolto-email mb-3">
            <label htmlFor="ascolto-email" className="form-label fw-semibold d-block">
              La tua email <span className="fw-normal small">(solo se vuoi essere ricontattato)</span>
            </label>
            {/* Text, not type=email: a hidden field the browser judged invalid would block the form without saying why. */}
            <input
              id="ascolto-email"
              name="email"
              type="text"
              inputMode="email"
              autoComplete="email"
              maxLength={MAX_EMAIL}
              className={`form-control${e.email ? " is-invalid" : ""}`}
              defaultValue={valori.email ?? ""}
              aria-invalid={e.email ? true : undefined}
              aria-describedby={e.email ? "ascolto-email-errore" : undefined}
            />
            <Errore id="ascolto-email-errore" testo={e.email} />
          </div>

          {/* For robots only: out of sight, out of the tab order, hidden from screen readers. */}
          <div className="ascolto-trappola" aria-hidden="true">
            <label htmlFor="ascolto-sito">Non compilare questo campo</label>
            <input id="ascolto-sito" type="text" name={CAMPO_TRAPPOLA} tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>

          <button type="submit" className="btn btn-primary">Invia la valutazione</button>
        </div>
        <p className="ascolto-informativa small mt-3 mb-0">{INFORMATIVA_ASCOLTO}</p>
      </form>
    </section>
  );
}
