import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { cercaRegistro, leggiFiltri, opzioniFiltri, queryFiltri, type FiltriRegistro, type ParametriRicerca } from "@/lib/audit/queries";
import { etichettaAzione } from "@/lib/audit/vocabolario";
import { formatData, formatDataOra } from "@/lib/numbers/format";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Registro delle attività" };

const href = (f: FiltriRegistro, pagina?: number) => {
  const q = queryFiltri(f, pagina);
  return q ? `/registro?${q}` : "/registro";
};

/** First, last, and the pages around the current one; null marks a gap. */
function pagineDaMostrare(pagina: number, pagine: number): (number | null)[] {
  const scelte = [...new Set([1, pagina - 2, pagina - 1, pagina, pagina + 1, pagina + 2, pagine])].filter((p) => p >= 1 && p <= pagine).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  scelte.forEach((p, i) => {
    if (i > 0 && p - scelte[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function Paginazione({ filtri, pagina, pagine }: { filtri: FiltriRegistro; pagina: number; pagine: number }) {
  if (pagine <= 1) return null;
  return (
    <nav className="pagination-wrapper" aria-label="Pagine del registro">
      <ul className="pagination">
        <li className={`page-item${pagina === 1 ? " disabled" : ""}`}>
          {pagina === 1 ? (
            <span className="page-link">Precedente</span>
          ) : (
            <Link className="page-link" href={href(filtri, pagina - 1)}>Precedente</Link>
          )}
        </li>
        {pagineDaMostrare(pagina, pagine).map((p, i) =>
          p === null ? (
            <li key={`salto-${i}`} className="page-item"><span className="page-link" aria-hidden="true">…</span></li>
          ) : (
            <li key={p} className={`page-item${p === pagina ? " active" : ""}`}>
              <Link className="page-link" href={href(filtri, p)} aria-current={p === pagina ? "page" : undefined}>
                <span className="visually-hidden">Pagina </span>{p}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${pagina === pagine ? " disabled" : ""}`}>
          {pagina === pagine ? (
            <span className="page-link">Successiva</span>
          ) : (
            <Link className="page-link" href={href(filtri, pagina + 1)}>Successiva</Link>
          )}
        </li>
      </ul>
    </nav>
  );
}

export default async function Registro({ searchParams }: { searchParams: Promise<ParametriRicerca> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "audit.leggi"));
  const db = getDb();
  const { filtri, avvisi } = leggiFiltri(await searchParams);
  const risultato = cercaRegistro(db, filtri);
  const opzioni = opzioniFiltri(db, filtri);
  const elencoSezioni = opzioni.sezioni;
  const azioni = filtri.azione && !opzioni.azioni.some((a) => a.valore === filtri.azione) ? [{ valore: filtri.azione, etichetta: filtri.azione }, ...opzioni.azioni] : opzioni.azioni;
  const qCsv = queryFiltri({ ...filtri, pagina: undefined });
  const { righe, totale, pagina, pagine } = risultato;
  const filtrato = !!(filtri.userId || filtri.settoreId || filtri.sectionId || filtri.azione || filtri.dal || filtri.al);

  return (
    <>
      <h1 className="h2">Registro delle attività</h1>
      <p>Ogni accesso, modifica e decisione è annotata qui, con chi l&apos;ha fatta e quando. Il registro non si può modificare né cancellare.</p>

      {avvisi.length > 0 && (
        <div className="alert alert-warning" role="status">
          <ul className="mb-0 list-unstyled">
            {avvisi.map((a) => <li key={a}>{a}</li>)}
          </ul>
        </div>
      )}

      <form method="get" action="/registro" className="mb-4" aria-label="Filtri del registro">
        <div className="row g-3">
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-utente" className="fw-semibold">Utente</label>
            <select id="f-utente" name="utente" defaultValue={filtri.userId ? String(filtri.userId) : ""}>
              <option value="">Tutti gli utenti</option>
              {opzioni.utenti.map((o) => <option key={o.id} value={o.id}>{o.nome} ({o.email})</option>)}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-settore" className="fw-semibold">Settore</label>
            <select id="f-settore" name="settore" defaultValue={filtri.settoreId ? String(filtri.settoreId) : ""}>
              <option value="">Tutti i settori</option>
              {opzioni.settori.map((o) => <option key={o.id} value={o.id}>{o.nome}</option>)}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-sezione" className="fw-semibold">Sezione{opzioni.edizione ? ` (${opzioni.edizione})` : ""}</label>
            <select id="f-sezione" name="sezione" defaultValue={filtri.sectionId ? String(filtri.sectionId) : ""}>
              <option value="">Tutte le sezioni</option>
              {elencoSezioni.map((o) => <option key={o.id} value={o.id}>{o.titolo}</option>)}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-azione" className="fw-semibold">Azione</label>
            <select id="f-azione" name="azione" defaultValue={filtri.azione ?? ""}>
              <option value="">Tutte le azioni</option>
              {azioni.map((o) => <option key={o.valore} value={o.valore}>{o.etichetta}</option>)}
            </select>
          </div>
          <div className="col-md-3">
            <label htmlFor="f-dal" className="form-label fw-semibold">Dal</label>
            <input id="f-dal" name="dal" type="date" min="2000-01-01" className="form-control" defaultValue={filtri.dal ?? ""} />
          </div>
          <div className="col-md-3">
            <label htmlFor="f-al" className="form-label fw-semibold">Al</label>
            <input id="f-al" name="al" type="date" min="2000-01-01" className="form-control" defaultValue={filtri.al ?? ""} />
          </div>
          <div className="col-md-2 d-flex align-items-end gap-2">
            <button type="submit" className="btn btn-primary">Filtra</button>
          </div>
        </div>
        {filtrato && <p className="mt-3 mb-0"><Link href="/registro">Togli tutti i filtri</Link></p>}
      </form>

      <p className="d-flex flex-wrap align-items-center gap-3">
        <span>
          {totale === 0 ? "Nessuna attività" : totale === 1 ? "1 attività" : `${totale.toLocaleString("it-IT")} attività`}
          {filtri.dal || filtri.al ? <> {filtri.dal && <>dal {formatData(filtri.dal)} </>}{filtri.al && <>al {formatData(filtri.al)}</>}</> : null}
          {filtri.azione && <> · {etichettaAzione(filtri.azione)}</>}
        </span>
        <a href={`/registro/export.csv${qCsv ? `?${qCsv}` : ""}`} className="btn btn-outline-primary btn-sm" download>
          Scarica CSV<span className="visually-hidden"> delle attività filtrate</span>
        </a>
      </p>

      {righe.length > 0 && (
        <div className="table-responsive">
          <table className="table align-middle">
            <caption>
              Attività registrate, dalla più recente{pagine > 1 ? ` · pagina ${pagina} di ${pagine}` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">Quando</th>
                <th scope="col">Chi</th>
                <th scope="col">Azione</th>
                <th scope="col">Sezione</th>
                <th scope="col">Settore</th>
                <th scope="col">Dettagli</th>
              </tr>
            </thead>
            <tbody>
              {righe.map((r) => (
                <tr key={r.id}>
                  <td className="text-nowrap"><time dateTime={r.quando}>{formatDataOra(r.quando)}</time></td>
                  <td>
                    {r.chi}
                    {r.chiDettaglio && <div className="small">{r.chiDettaglio}</div>}
                  </td>
                  <td>{r.azioneEtichetta}</td>
                  <td>{r.sectionId && r.sezione ? <Link href={`/sezioni/${r.sectionId}`}>{r.sezione}</Link> : "—"}</td>
                  <td>{r.settore ?? "—"}</td>
                  <td className="small">{r.dettagli || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paginazione filtri={filtri} pagina={pagina} pagine={pagine} />
    </>
  );
}
