import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { ScadenzaForm } from "@/app/_components/ScadenzaForm";
import { SezioniTable } from "@/app/_components/SezioniTable";
import { StatoBadge } from "@/app/_components/StatoBadge";
import { StatoRiepilogo } from "@/app/_components/StatoRiepilogo";
import { edizioniInLavorazione } from "@/lib/editions/queries";
import { edizioneCorrente } from "@/lib/editions/queries";
import { sezioniEdizione } from "@/lib/sections/queries";
import { ETICHETTE_STATO_EDIZIONE } from "@/lib/workflow";
import { formatData } from "@/lib/numbers/format";
import { plurale } from "@/lib/italiano";
import { decidi, risorsaSezione } from "@/lib/policy";
import { avanzamento, type RigaAvanzamento } from "@/lib/review/queries";
import { sezioniSenzaReferente } from "@/lib/editions/queries";
import { AmbitiMenoChiari } from "@/app/_components/ascolto/AmbitiMenoChiari";
import { ambitiMenoChiari } from "@/lib/ascolto/queries";

export const metadata: Metadata = { title: "Coordinamento" };

function Percentuale({ riga, dove }: { riga: RigaAvanzamento; dove: string }) {
  const v = riga.percentualeApprovate;
  return (
    <div className="d-flex align-items-center gap-2">
      <div className="progress flex-grow-1" style={{ minWidth: "5rem", height: "0.5rem" }}>
        <div
          className="progress-bar bg-success"
          role="progressbar"
          style={{ width: `${v}%` }}
          aria-valuenow={v}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuetext={`${v}% (${riga.conteggi.approvata} su ${riga.totale})`}
          aria-label={`Sezioni approvate: ${dove}`}
        />
      </div>
      <span className="small text-nowrap" aria-hidden="true">{v}%</span>
    </div>
  );
}

function Scadute({ n }: { n: number }) {
  if (n === 0) return <span>Nessuna</span>;
  return (
    <span className="text-danger fw-semibold text-nowrap">
      <span className="badge bg-danger me-1">{n}</span>
      {n === 1 ? "scaduta" : "scadute"}
    </span>
  );
}

function TabellaAvanzamento({ id, titolo, intestazione, righe }: { id: string; titolo: string; intestazione: string; righe: RigaAvanzamento[] }) {
  return (
    <section aria-labelledby={id} className="mb-5">
      <h2 id={id} className="h4">{titolo}</h2>
      <div className="table-responsive">
        <table className="table align-middle">
          <caption className="visually-hidden">Avanzamento delle sezioni {titolo.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">{intestazione}</th>
              <th scope="col" className="text-end">Bozza</th>
              <th scope="col" className="text-end">Inviate</th>
              <th scope="col" className="text-end">Da rivedere</th>
              <th scope="col" className="text-end">Approvate</th>
              <th scope="col" className="text-end">Totale</th>
              <th scope="col">% approvate</th>
              <th scope="col">Scadenze superate</th>
              <th scope="col">Prossima scadenza</th>
            </tr>
          </thead>
          <tbody>
            {righe.map((r) => (
              <tr key={r.chiave}>
                <th scope="row" className="fw-normal">{r.etichetta}</th>
                <td className="text-end">{r.conteggi.bozza}</td>
                <td className="text-end">{r.conteggi.inviata}</td>
                <td className="text-end">{r.conteggi.da_rivedere}</td>
                <td className="text-end">{r.conteggi.approvata}</td>
                <td className="text-end">{r.totale}</td>
                <td><Percentuale riga={r} dove={r.etichetta} /></td>
                <td><Scadute n={r.scadute} /></td>
                <td className="text-nowrap">{r.prossimaScadenza ? formatData(r.prossimaScadenza) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default async function Coordinamento() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "coordinamento.accedi"));
  const db = getDb();
  const ed = edizioneCorrente(db);
  if (!ed) {
    // A first start: nothing to coordinate yet, so say where to begin.
    return (
      <>
        <h1 className="h2">Coordinamento</h1>
        <p className="lead">Non c&apos;è ancora nessuna edizione del Bilancio Sociale.</p>
        {decidi(u.attore, "edizione.crea").consentito && (
          <p>
            <Link className="btn btn-primary" href="/edizione/nuova">Crea la prima edizione</Link>
          </p>
        )}
      </>
    );
  }
  const sezioni = sezioniEdizione(db, ed.id);
  const av = avanzamento(db, ed.id);
  const puoAssegnare = (s: (typeof sezioni)[number]) =>
    decidi(u.attore, "sezione.assegna", risorsaSezione(s, ed)).consentito;
  const vediRegistro = decidi(u.attore, "audit.leggi").consentito;
  const altre = edizioniInLavorazione(db).filter((e) => e.id !== ed.id);
  // Sections nobody can write: their settore has no active referente.
  const senzaReferente = ed.stato === "in_preparazione" ? sezioniSenzaReferente(db, ed.id) : [];
  const nSenzaReferente = senzaReferente.reduce((n, g) => n + g.sezioni.length, 0);
  // What citizens found least clear in the edition this one continues (or in this one, once published).
  const ascoltata = ed.basataSuId ?? (ed.stato === "pubblicata" ? ed.id : null);
  const menoChiari = ascoltata && decidi(u.attore, "ascolto.leggi").consentito ? ambitiMenoChiari(db, ascoltata) : null;

  return (
    <>
      <h1 className="h2">{ed.titolo}</h1>
      <p className="lead">
        Stato dell&apos;edizione: {ETICHETTE_STATO_EDIZIONE[ed.stato]} · {plurale(av.totali.totale, "sezione", "sezioni")} · {av.totali.percentualeApprovate}% approvate · situazione al {formatData(av.oggi)}
      </p>
      {altre.length > 0 && (
        <p className="callout-text">
          Anche in lavorazione:{" "}
          {altre.map((e, i) => (
            <span key={e.id}>
              {i > 0 && " · "}
              <Link href={`/edizione/${e.slug}`}>{e.correggeId ? `correzione di ${e.titolo} (revisione ${e.revisione})` : e.titolo}</Link> ({ETICHETTE_STATO_EDIZIONE[e.stato].toLowerCase()})
            </span>
          ))}
        </p>
      )}
      <nav aria-label="Strumenti del coordinamento" className="mb-4 d-flex flex-wrap gap-2">
        <Link href="/revisione" className="btn btn-primary">Sezioni da rivedere</Link>
        <Link href={`/edizione/${ed.slug}`} className="btn btn-outline-primary">Anteprima, firma e pubblicazione</Link>
        {vediRegistro && <Link href="/registro" className="btn btn-outline-primary">Registro delle attività</Link>}
      </nav>

      {nSenzaReferente > 0 && (
        <section aria-labelledby="senza-referente-titolo" className="mb-5 alert alert-warning">
          <h2 id="senza-referente-titolo" className="h4">Sezioni senza un referente attivo ({nSenzaReferente})</h2>
          <p>
            Nessuno può scrivere queste sezioni: il loro settore non ha un referente attivo.{" "}
            <Link href={`/edizione/${ed.slug}/assegnazioni`}>Assegnale a un altro settore</Link> o chiedi all&apos;amministratore di invitare un referente.
          </p>
          <ul className="mb-0">
            {senzaReferente.map((g) => (
              <li key={g.settoreId}>
                <span className="fw-semibold">{g.settoreNome}</span>
                {!g.attivo && " (non attivo)"}: {g.sezioni.map((s) => s.titolo).join(", ")}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="scadute-titolo" className={`mb-5 ${av.scadute.length ? "alert alert-danger" : ""}`}>
        <h2 id="scadute-titolo" className="h4">
          Scadenze superate{av.scadute.length > 0 && <> ({av.scadute.length})</>}
        </h2>
        {av.scadute.length === 0 ? (
          <p className="mb-0">Nessuna sezione ha superato la scadenza.</p>
        ) : (
          <ul className="mb-0">
            {av.scadute.map((s) => (
              <li key={s.id} className="mb-1">
                <Link href={`/sezioni/${s.id}`} className="fw-semibold">{s.titolo}</Link> · {s.settoreNome} · scadenza {formatData(s.scadenza)} · <StatoBadge stato={s.stato} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2 className="h4">Sezioni per stato</h2>
      <StatoRiepilogo sezioni={sezioni} />

      <TabellaAvanzamento id="per-settore" titolo="Per settore" intestazione="Settore" righe={av.perSettore} />
      <TabellaAvanzamento id="per-area" titolo="Per area" intestazione="Area" righe={av.perArea} />

      {menoChiari && <AmbitiMenoChiari edizione={menoChiari.edizione} ambiti={menoChiari.ambiti} />}

      <h2 className="h4">Tutte le sezioni</h2>
      <SezioniTable
        sezioni={sezioni}
        scadenza={(s) =>
          puoAssegnare(s) ? (
            <ScadenzaForm sectionId={s.id} titolo={s.titolo} scadenza={s.scadenza} version={av.versioni.get(s.id) ?? 1} />
          ) : s.scadenza ? (
            formatData(s.scadenza)
          ) : (
            "—"
          )
        }
      />
    </>
  );
}
