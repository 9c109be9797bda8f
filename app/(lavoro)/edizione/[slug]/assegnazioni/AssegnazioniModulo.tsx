"use client";

import { useMemo, useRef, useState, type FormEvent } from "react";
import { assegnaSezioniAction } from "@/app/_server/assegnazioni-actions";
import { StatoBadge } from "@/app/_components/StatoBadge";
import type { RigaSezione } from "@/lib/sections/tipi";
import { formatData } from "@/lib/numbers/format";
import { campiDi } from "@/app/_components/esito";
import { Campo, EsitoModulo, messaggioDi, Scelta, useModulo } from "../../_moduli/modulo";

type Settore = { id: number; nome: string };
type Tipo = "area" | "settore" | "edizione";

/** The bulk form (choose the set, then the settore and/or the deadline) and one row per section. */
export function AssegnazioniModulo({ editionId, righe, settori, modificabile }: { editionId: number; righe: RigaSezione[]; settori: Settore[]; modificabile: boolean }) {
  const versioni = JSON.stringify(righe.map((r) => ({ id: r.id, version: r.version })));
  return (
    <>
      {modificabile && <InBlocco editionId={editionId} righe={righe} settori={settori} versioni={versioni} />}
      <section aria-labelledby="sezioni-titolo">
        <h2 id="sezioni-titolo" className="h4">Una sezione alla volta</h2>
        <div className="table-responsive">
          <table className="table align-middle">
            <caption className="visually-hidden">Settore e scadenza di ogni sezione</caption>
            <thead>
              <tr>
                <th scope="col">Sezione</th>
                <th scope="col">Settore</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Stato</th>
                {modificabile && <th scope="col"><span className="visually-hidden">Salva</span></th>}
              </tr>
            </thead>
            <tbody>
              {righe.map((r) => (
                <Riga key={r.id} r={r} editionId={editionId} settori={settori} modificabile={modificabile} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

const dove = (r: RigaSezione) => (r.areaId ? `Area ${r.areaNumero} – ${r.areaTitolo}` : r.parteTitolo);

function InBlocco({ editionId, righe, settori, versioni }: { editionId: number; righe: RigaSezione[]; settori: Settore[]; versioni: string }) {
  const aree = useMemo(() => {
    const m = new Map<number, string>();
    righe.forEach((r) => r.areaId && m.set(r.areaId, `Area ${r.areaNumero} – ${r.areaTitolo}`));
    return [...m.entries()].map(([id, nome]) => ({ id, nome }));
  }, [righe]);
  const proprietari = useMemo(() => {
    const m = new Map<number, string>();
    righe.forEach((r) => m.set(r.settoreId, r.settoreNome));
    return [...m.entries()].map(([id, nome]) => ({ id, nome })).sort((a, b) => a.nome.localeCompare(b.nome, "it"));
  }, [righe]);
  const [tipo, setTipo] = useState<Tipo>(aree.length ? "area" : "edizione");
  const [areaId, setAreaId] = useState(String(aree[0]?.id ?? ""));
  const [settoreDaId, setSettoreDaId] = useState(String(proprietari[0]?.id ?? ""));
  const [togli, setTogli] = useState(false);
  const [esito, invia, inCorso] = useModulo(assegnaSezioniAction);
  const campi = campiDi(esito);
  const data = useRef<HTMLInputElement>(null);
  const [erroreLocale, setErroreLocale] = useState<string | null>(null);

  const scelte = righe.filter((r) => (tipo === "edizione" ? true : tipo === "area" ? String(r.areaId) === areaId : String(r.settoreId) === settoreDaId));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // A half-typed date reads as "": never mistake it for "no change".
    if (data.current?.validity.badInput) {
      e.preventDefault();
      setErroreLocale("La data è incompleta o non valida");
      return;
    }
    setErroreLocale(null);
    invia(e);
  };

  const radio = (valore: Tipo, etichetta: string) => (
    <div className="form-check mb-1">
      <input className="form-check-input" type="radio" name="tipo" id={`gruppo-tipo-${valore}`} value={valore} checked={tipo === valore} onChange={() => setTipo(valore)} />
      <label className="form-check-label" htmlFor={`gruppo-tipo-${valore}`}>{etichetta}</label>
    </div>
  );

  return (
    <section aria-labelledby="blocco-titolo" className="card card-bg senza-piede border mb-5">
      <div className="card-body">
        <h2 id="blocco-titolo" className="h4">Più sezioni insieme</h2>
        <form onSubmit={onSubmit} noValidate>
          <input type="hidden" name="modalita" value="gruppo" />
          <input type="hidden" name="editionId" value={editionId} />
          <input type="hidden" name="versioni" value={versioni} />
          <fieldset className="mb-3">
            <legend className="fs-6 fw-semibold">1. Quali sezioni</legend>
            <div className="row g-3 align-items-end">
              <div className="col-md-4">
                {aree.length > 0 && radio("area", "Tutte le sezioni di un'area")}
                {radio("settore", "Tutte le sezioni di un settore")}
                {radio("edizione", "Tutta l'edizione")}
              </div>
              {tipo === "area" && (
                <Scelta
                  id="gruppo-area"
                  nome="areaId"
                  etichetta="Area"
                  campi={campi}
                  alias={["insieme.areaId"]}
                  className="col-md-8"
                  value={areaId}
                  onChange={(e) => setAreaId(e.target.value)}
                  opzioni={aree.map((a) => ({ valore: a.id, etichetta: a.nome }))}
                />
              )}
              {tipo === "settore" && (
                <Scelta
                  id="gruppo-settore-da"
                  nome="settoreDaId"
                  etichetta="Settore che ha ora le sezioni"
                  campi={campi}
                  alias={["insieme.settoreId"]}
                  className="col-md-8"
                  value={settoreDaId}
                  onChange={(e) => setSettoreDaId(e.target.value)}
                  opzioni={proprietari.map((s) => ({ valore: s.id, etichetta: s.nome }))}
                />
              )}
            </div>
            <p className="small mt-2 mb-0" aria-live="polite" id="gruppo-riepilogo">
              {scelte.length === 0
                ? "Nessuna sezione nell'insieme scelto."
                : `${scelte.length === 1 ? "1 sezione" : `${scelte.length} sezioni`}: ${scelte.slice(0, 6).map((r) => r.titolo).join(", ")}${scelte.length > 6 ? "…" : ""}`}
            </p>
            {messaggioDi(campi, "insieme") && <p className="text-danger small fw-semibold" role="alert">{messaggioDi(campi, "insieme")}</p>}
          </fieldset>
          <fieldset className="mb-3">
            <legend className="fs-6 fw-semibold">2. Che cosa cambiare (lascia vuoto ciò che resta com&apos;è)</legend>
            <div className="row g-3">
              <Scelta
                id="gruppo-settore"
                nome="settoreId"
                etichetta="Nuovo settore"
                campi={campi}
                className="col-md-6"
                defaultValue=""
                opzioni={[{ valore: "", etichetta: "— non cambiare —" }, ...settori.map((s) => ({ valore: s.id, etichetta: s.nome }))]}
                aiuto="Solo i settori attivi. I referenti del settore ricevono un avviso."
              />
              <div className="col-md-6">
                <Campo
                  id="gruppo-scadenza"
                  nome="scadenza"
                  etichetta="Nuova scadenza"
                  campi={erroreLocale ? { ...campi, scadenza: erroreLocale } : campi}
                  tipo="date"
                  className="mb-1"
                  min="2000-01-01"
                  max="2100-12-31"
                  disabled={togli}
                  ref={data}
                />
                <div className="form-check">
                  <input className="form-check-input" type="checkbox" id="gruppo-togli" name="togliScadenza" value="si" checked={togli} onChange={(e) => setTogli(e.target.checked)} />
                  <label className="form-check-label" htmlFor="gruppo-togli">Togli la scadenza</label>
                </div>
              </div>
            </div>
          </fieldset>
          <EsitoModulo esito={esito} />
          <button type="submit" className="btn btn-primary" disabled={inCorso || scelte.length === 0} aria-describedby="gruppo-riepilogo">
            Applica alle sezioni scelte
          </button>
        </form>
      </div>
    </section>
  );
}

function Riga({ r, editionId, settori, modificabile }: { r: RigaSezione; editionId: number; settori: Settore[]; modificabile: boolean }) {
  const [settore, setSettore] = useState(String(r.settoreId));
  const [scadenza, setScadenza] = useState(r.scadenza ?? "");
  const [erroreLocale, setErroreLocale] = useState<string | null>(null);
  // A newer version from the server (this row saved, or a bulk change) becomes what the row shows.
  const [vista, setVista] = useState(r.version);
  if (r.version !== vista) {
    setVista(r.version);
    setSettore(String(r.settoreId));
    setScadenza(r.scadenza ?? "");
  }
  const [esito, invia, inCorso] = useModulo(assegnaSezioniAction);
  const campi = campiDi(esito);
  const data = useRef<HTMLInputElement>(null);
  const fid = `riga-${r.id}`;
  const messaggio = erroreLocale ?? (esito && !esito.ok ? (messaggioDi(campi, "scadenza") ?? messaggioDi(campi, "settoreId") ?? esito.messaggio) : esito?.messaggio);
  // The owner may have been deactivated since: it stays listed for this row only.
  const opzioni = settori.some((s) => s.id === r.settoreId) ? settori : [{ id: r.settoreId, nome: `${r.settoreNome} (non attivo)` }, ...settori];

  if (!modificabile) {
    return (
      <tr>
        <th scope="row" className="fw-normal"><span className="fw-semibold">{r.titolo}</span><span className="small d-block">{dove(r)}</span></th>
        <td>{r.settoreNome}</td>
        <td>{r.scadenza ? formatData(r.scadenza) : "—"}</td>
        <td><StatoBadge stato={r.stato} /></td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row" className="fw-normal">
        <span className="fw-semibold">{r.titolo}</span>
        <span className="small d-block">{dove(r)}</span>
      </th>
      <td>
        <label htmlFor={`${fid}-settore`} className="visually-hidden">Settore di «{r.titolo}»</label>
        <select
          id={`${fid}-settore`}
          form={fid}
          name="settoreId"
          className="form-select form-select-sm"
          value={settore}
          onChange={(e) => setSettore(e.target.value)}
          aria-describedby={messaggio ? `${fid}-esito` : undefined}
        >
          {opzioni.map((s) => (
            <option key={s.id} value={s.id}>{s.nome}</option>
          ))}
        </select>
      </td>
      <td>
        <label htmlFor={`${fid}-scadenza`} className="visually-hidden">Scadenza di «{r.titolo}»</label>
        <input
          ref={data}
          id={`${fid}-scadenza`}
          form={fid}
          name="scadenza"
          type="date"
          min="2000-01-01"
          max="2100-12-31"
          className={`form-control form-control-sm${esito && !esito.ok ? " is-invalid" : ""}`}
          value={scadenza}
          onChange={(e) => setScadenza(e.target.value)}
          aria-invalid={esito && !esito.ok ? true : undefined}
          aria-describedby={messaggio ? `${fid}-esito` : undefined}
        />
      </td>
      <td><StatoBadge stato={r.stato} /></td>
      <td>
        <form
          id={fid}
          noValidate
          onSubmit={(e) => {
            if (data.current?.validity.badInput) {
              e.preventDefault();
              setErroreLocale("La data è incompleta o non valida.");
              return;
            }
            setErroreLocale(null);
            invia(e);
          }}
          className="d-flex flex-wrap align-items-center gap-2"
        >
          <input type="hidden" name="modalita" value="riga" />
          <input type="hidden" name="editionId" value={editionId} />
          <input type="hidden" name="tipo" value="sezioni" />
          <input type="hidden" name="ids" value={r.id} />
          <input type="hidden" name="settoreAttuale" value={r.settoreId} />
          <input type="hidden" name="versioni" value={JSON.stringify([{ id: r.id, version: r.version }])} />
          <button type="submit" className="btn btn-outline-primary btn-sm" disabled={inCorso}>
            Salva<span className="visually-hidden"> «{r.titolo}»</span>
          </button>
          <span id={`${fid}-esito`} role="status" className={`small ${esito && !esito.ok ? "text-danger" : "text-success"}`}>
            {inCorso ? "Salvataggio…" : messaggio}
          </span>
        </form>
      </td>
    </tr>
  );
}
