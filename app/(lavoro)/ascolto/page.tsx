import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SerieView } from "@/app/_components/report/SerieView";
import { PERIODI, type Aggregato } from "@/lib/ascolto/aggregazione";
import { ETICHETTE_VOTO, etichettaMotivo, VOTI, type Voto } from "@/lib/ascolto/domande";
import { graficoMedieSvg, serieConteggi, serieDistribuzione, serieMedie } from "@/lib/ascolto/grafici";
import { indirizzoPagina } from "@/lib/ascolto/pagine";
import {
  commentiAscolto,
  edizioniAscolto,
  leggiFiltriAscolto,
  queryFiltriAscolto,
  riepilogoAscolto,
  type Commento,
  type FiltriAscolto,
  type ParametriAscolto,
} from "@/lib/ascolto/queries";
import { plurale } from "@/lib/italiano";
import { formatDataOra, formatNumero } from "@/lib/numbers/format";
import { decidi } from "@/lib/policy";
import { ETICHETTE_STATO_COMMENTO, STATI_COMMENTO } from "@/lib/workflow";
import { GestisciForm, PubblicaForm, SpamForm } from "./ModuliAscolto";

export const metadata: Metadata = { title: "Ascolto dei cittadini" };

const media = (m: number | null) => (m === null ? "—" : formatNumero(m, { decimali: 1 }));
const href = (f: Partial<FiltriAscolto>, pagina?: number) => {
  const q = queryFiltriAscolto(f, pagina);
  return q ? `/ascolto?${q}` : "/ascolto";
};

/** Ratings per ambito or per page: count, average and the distribution over 1–5 stars. */
function TabellaValutazioni({ didascalia, voce, righe }: { didascalia: string; voce: string; righe: (Aggregato & { chiave: string; titolo: ReactNode })[] }) {
  return (
    <table className="table table-sm align-middle">
      <caption>{didascalia}</caption>
      <thead>
        <tr>
          <th scope="col">{voce}</th>
          <th scope="col" className="text-end">Valutazioni</th>
          <th scope="col" className="text-end">Media</th>
          {VOTI.map((v) => (
            <th key={v} scope="col" className="text-end">
              <span aria-hidden="true">{v}★</span>
              <span className="visually-hidden">{v === 1 ? "1 stella" : `${v} stelle`}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {righe.map((r) => (
          <tr key={r.chiave}>
            <th scope="row" className="fw-normal">{r.titolo}</th>
            <td className="text-end">{r.conteggio}</td>
            <td className="text-end">{media(r.media)}</td>
            {r.distribuzione.map((n, i) => (
              <td key={i} className="text-end">{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const BADGE: Record<Commento["stato"], string> = { nuovo: "bg-primary", gestito: "bg-success", spam: "bg-secondary" };

function SchedaCommento({ c, puoGestire }: { c: Commento; puoGestire: boolean }) {
  return (
    <article className="card card-bg senza-piede shadow-sm mb-3" aria-labelledby={`commento-${c.id}`}>
      <div className="card-body">
        <h3 id={`commento-${c.id}`} className="h6 d-flex flex-wrap gap-2 align-items-baseline">
          <span className={`badge ${BADGE[c.stato]}`}>{ETICHETTE_STATO_COMMENTO[c.stato]}</span>
          <span>{ETICHETTE_VOTO[c.voto as Voto]}</span>
          <span className="fw-normal">
            su <a href={indirizzoPagina(c.slug, c.percorso)}>{c.titoloPagina}</a> · <time dateTime={c.createdAt}>{formatDataOra(c.createdAt)}</time>
          </span>
        </h3>
        {c.motivo && <p className="mb-1 small">Risposta: {etichettaMotivo(c.motivo)}</p>}
        {/* Stored as typed and rendered as text: React escapes it. */}
        <blockquote className="mb-2 text-break" style={{ whiteSpace: "pre-line" }}>{c.commento}</blockquote>
        {c.email && (
          <p className="small mb-2">
            Chiede di essere ricontattato: <a href={`mailto:${c.email}`}>{c.email}</a> (l&apos;indirizzo sarà cancellato quando il commento è gestito)
          </p>
        )}
        {c.stato !== "nuovo" && (
          <p className="small mb-2">
            {c.stato === "gestito" ? "Gestito" : "Nascosto come spam"}
            {c.gestitoDa ? ` da ${c.gestitoDa}` : ""}
            {c.gestitoIl ? ` il ${formatDataOra(c.gestitoIl)}` : ""}
            {c.nota ? <>: <span className="fst-italic">{c.nota}</span></> : "."}
          </p>
        )}
        {puoGestire && (
          <>
            <GestisciForm id={c.id} nota={c.nota} etichetta={c.stato === "gestito" ? "Aggiorna la nota" : "Segna come gestito"} />
            {c.stato !== "spam" && <SpamForm id={c.id} />}
          </>
        )}
      </div>
    </article>
  );
}

export default async function AscoltoPage({ searchParams }: { searchParams: Promise<ParametriAscolto> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "ascolto.leggi"));
  const puoGestire = decidi(u.attore, "ascolto.gestisci").consentito;
  const db = getDb();
  const filtri = leggiFiltriAscolto(await searchParams);
  const edizioni = edizioniAscolto(db);
  const scelta = edizioni.find((e) => e.slug === filtri.edizione) ?? edizioni[0];

  if (!scelta) {
    return (
      <>
        <h1 className="h2">Ascolto dei cittadini</h1>
        <p className="lead">Nessuna edizione è ancora pubblicata: le valutazioni dei cittadini arriveranno dalle pagine pubbliche.</p>
      </>
    );
  }
  const f: FiltriAscolto = { ...filtri, edizione: scelta.slug };
  const r = riepilogoAscolto(db, scelta.slug, f)!;
  const ambito = f.ambito && r.ambiti.find((a) => a.codice === f.ambito);
  const commenti = commentiAscolto(db, scelta.slug, f);
  const filtrato = !!(f.ambito || f.voto || f.stato);
  const svgAmbiti = graficoMedieSvg(r.perAmbito.map((a) => ({ etichetta: a.titolo, media: a.media })));
  const nomePeriodo = f.periodo === "mese" ? "mese" : "settimana";
  const qCsv = queryFiltriAscolto({ ...f, periodo: undefined });

  return (
    <>
      <h1 className="h2">Ascolto dei cittadini</h1>
      <p>
        Le risposte alla domanda «Quanto sono chiare le informazioni su questa pagina?» in fondo a ogni pagina pubblica. I commenti segnati come
        gestiti, con la loro nota, compaiono a chi scrive lo stesso ambito nella prossima edizione. Nulla è pubblicato da solo.
      </p>

      <form method="get" action="/ascolto" className="mb-4" aria-label="Filtri delle valutazioni">
        <div className="row g-3">
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-edizione" className="fw-semibold">Edizione</label>
            <select id="f-edizione" name="edizione" defaultValue={scelta.slug}>
              {edizioni.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {e.titolo} ({plurale(e.valutazioni, "valutazione", "valutazioni")}{e.commentiNuovi ? `, ${plurale(e.commentiNuovi, "commento", "commenti")} da leggere` : ""})
                </option>
              ))}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-ambito" className="fw-semibold">Ambito</label>
            <select id="f-ambito" name="ambito" defaultValue={f.ambito ?? ""}>
              <option value="">Tutte le pagine</option>
              {r.ambiti.map((a) => (
                <option key={a.codice} value={a.codice}>{a.titolo}</option>
              ))}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-voto" className="fw-semibold">Stelle</label>
            <select id="f-voto" name="voto" defaultValue={f.voto ? String(f.voto) : ""}>
              <option value="">Tutte</option>
              {VOTI.map((v) => (
                <option key={v} value={v}>{ETICHETTE_VOTO[v]}</option>
              ))}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-stato" className="fw-semibold">Stato dei commenti</label>
            <select id="f-stato" name="stato" defaultValue={f.stato ?? ""}>
              <option value="">Da leggere e gestiti</option>
              {STATI_COMMENTO.map((s) => (
                <option key={s} value={s}>{ETICHETTE_STATO_COMMENTO[s]}</option>
              ))}
            </select>
          </div>
          <div className="col-md-4 select-wrapper">
            <label htmlFor="f-periodo" className="fw-semibold">Andamento</label>
            <select id="f-periodo" name="periodo" defaultValue={f.periodo}>
              {PERIODI.map((p) => (
                <option key={p} value={p}>{p === "mese" ? "Per mese" : "Per settimana"}</option>
              ))}
            </select>
          </div>
          <div className="col-md-4 d-flex align-items-end">
            <button type="submit" className="btn btn-primary">Filtra</button>
          </div>
        </div>
        {filtrato && <p className="mt-3 mb-0"><Link href={href({ edizione: f.edizione })}>Togli i filtri</Link></p>}
      </form>

      <p className="lead">
        {scelta.titolo}
        {ambito ? ` · ${ambito.titolo}` : ""}: {plurale(r.totale.conteggio, "valutazione", "valutazioni")}
        {r.totale.media !== null && <>, media {media(r.totale.media)} stelle su 5</>}.
      </p>

      {r.totale.conteggio > 0 && (
        <>
          <section aria-labelledby="per-ambito" className="mb-5">
            <h2 id="per-ambito" className="h4">Per ambito</h2>
            {r.perAmbito.length === 0 ? (
              <p>Nessuna valutazione sulle pagine degli ambiti.</p>
            ) : (
              <div className="row g-3 align-items-start">
                {svgAmbiti && (
                  // The SVG comes from ECharts, which escapes every label; the table beside it has the same numbers.
                  <div className="col-lg-6 grafico" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svgAmbiti }} />
                )}
                <div className="col-lg-6 table-responsive">
                  <TabellaValutazioni
                    didascalia="Media delle stelle e valutazioni per ambito"
                    voce="Ambito"
                    righe={r.perAmbito.map((a) => ({ ...a, chiave: a.codice, titolo: <Link href={href({ ...f, ambito: a.codice, pagina: 1 })}>{a.titolo}</Link> }))}
                  />
                </div>
              </div>
            )}
          </section>

          <section aria-labelledby="nel-tempo" className="mb-5">
            <h2 id="nel-tempo" className="h4">Nel tempo, per {nomePeriodo}</h2>
            <SerieView b={serieConteggi(r.andamento, `Valutazioni per ${nomePeriodo}`)} note={[]} id="grafico-conteggi" />
            <SerieView b={serieMedie(r.andamento, `Media delle stelle per ${nomePeriodo}`)} note={[]} id="grafico-medie" />
            <SerieView b={serieDistribuzione(r.totale, "Quante stelle: tutte le valutazioni")} note={[]} id="grafico-distribuzione" />
          </section>

          <section aria-labelledby="per-pagina" className="mb-5">
            <h2 id="per-pagina" className="h4">Per pagina</h2>
            <div className="table-responsive">
              <TabellaValutazioni
                didascalia="Media delle stelle e valutazioni per pagina pubblica, nell'ordine di lettura"
                voce="Pagina"
                righe={r.perPagina.map((p) => ({ ...p, chiave: p.percorso, titolo: <a href={indirizzoPagina(scelta.slug, p.percorso)}>{p.titolo}</a> }))}
              />
            </div>
          </section>
        </>
      )}

      <section aria-labelledby="commenti" className="mb-5">
        <h2 id="commenti" className="h4">
          Commenti{f.stato ? ` · ${ETICHETTE_STATO_COMMENTO[f.stato].toLowerCase()}` : ""} ({commenti.totale})
        </h2>
        <p>
          <a href={`/ascolto/export.csv?${qCsv}`} className="btn btn-outline-primary btn-sm" download>
            Scarica CSV<span className="visually-hidden"> dei commenti filtrati</span>
          </a>{" "}
          <span className="small">Il file non contiene gli indirizzi email.</span>
        </p>
        {commenti.righe.length === 0 ? (
          <p>Nessun commento{filtrato ? " con questi filtri" : ""}.</p>
        ) : (
          commenti.righe.map((c) => <SchedaCommento key={c.id} c={c} puoGestire={puoGestire} />)
        )}
        {commenti.pagine > 1 && (
          <nav className="pagination-wrapper" aria-label="Pagine dei commenti">
            <ul className="pagination">
              <li className={`page-item${commenti.pagina === 1 ? " disabled" : ""}`}>
                {commenti.pagina === 1 ? <span className="page-link">Precedente</span> : <Link className="page-link" href={href(f, commenti.pagina - 1)}>Precedente</Link>}
              </li>
              <li className="page-item">
                <span className="page-link" aria-current="page">Pagina {commenti.pagina} di {commenti.pagine}</span>
              </li>
              <li className={`page-item${commenti.pagina === commenti.pagine ? " disabled" : ""}`}>
                {commenti.pagina === commenti.pagine ? <span className="page-link">Successiva</span> : <Link className="page-link" href={href(f, commenti.pagina + 1)}>Successiva</Link>}
              </li>
            </ul>
          </nav>
        )}
      </section>

      <section aria-labelledby="dati-aperti" className="mb-5">
        <h2 id="dati-aperti" className="h4">Dati aperti</h2>
        <p>
          Si pubblicano solo i conteggi per ambito (quante valutazioni, la media e quante per ogni numero di stelle), mai i commenti né le email. Il
          file resta quello pubblicato finché non lo pubblichi di nuovo.
        </p>
        {r.pubblicate ? (
          <p>
            Ultima pubblicazione: {formatDataOra(r.pubblicate.createdAt)} ·{" "}
            <a href={`/edizioni/${scelta.slug}/valutazioni.csv`}>valutazioni.csv</a>
          </p>
        ) : (
          <p>Le valutazioni di questa edizione non sono ancora pubblicate.</p>
        )}
        {puoGestire && <PubblicaForm slug={scelta.slug} />}
      </section>
    </>
  );
}
