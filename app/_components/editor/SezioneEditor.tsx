"use client";

/**
 * The section editor: the list of blocks with add, reorder, duplicate and
 * delete-with-undo, and the data checks shown beside the fields they concern.
 */
import { useMemo, useState } from "react";
import { aggiungiBloccoAction, annullaEliminazioneAction, duplicaBloccoAction, eliminaBloccoAction, spostaBloccoAction } from "@/app/_server/block-actions";
import { TIPI_BLOCCO, type Blocco, type TipoBlocco } from "@/lib/content/blocks";
import type { BloccoSalvato } from "@/lib/blocks/tipi";
import { controllaSezione } from "@/lib/checks";
import { BloccoEditor } from "./BloccoEditor";
import { GuardiaModifiche } from "./GuardiaModifiche";

type Eliminato = { tipo: Blocco["tipo"]; posizione: number; eliminazioneId: number };

export function SezioneEditor({
  sectionId,
  blocchiIniziali,
  userId,
  anni,
  loginUrl,
  commenti,
}: {
  /** Open comments by block id and field, shown beside the field. */
  commenti: Record<number, Record<string, string>>;
  sectionId: number;
  blocchiIniziali: BloccoSalvato[];
  userId: number;
  anni: { annoInizio: number; annoFine: number };
  loginUrl: string;
}) {
  const [blocchi, setBlocchi] = useState(blocchiIniziali);
  const [tipoNuovo, setTipoNuovo] = useState<TipoBlocco>("indicatore");
  const [eliminato, setEliminato] = useState<Eliminato | null>(null);
  const [messaggio, setMessaggio] = useState<string | null>(null);
  // The checks read what is stored; each block's own edits show their errors in place.
  const segnalazioni = useMemo(() => controllaSezione(blocchi.map((b) => b.dati), anni), [blocchi, anni]);

  const esito = (r: { ok: boolean; messaggio?: string }) => {
    setMessaggio(r.ok ? null : (r.messaggio ?? "Operazione non riuscita."));
    return r.ok;
  };

  function inserisci(nuovo: BloccoSalvato, posizione?: number) {
    setBlocchi((bs) => {
      const i = posizione ?? bs.length;
      return [...bs.slice(0, i), nuovo, ...bs.slice(i)];
    });
  }

  async function aggiungi(tipo: TipoBlocco) {
    const r = await aggiungiBloccoAction({ sectionId, tipo });
    if (!esito(r) || !r.ok || !("blocco" in r)) return;
    const nuovo = r.blocco;
    inserisci(nuovo);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-blocco="${nuovo.id}"] input, [data-blocco="${nuovo.id}"] [contenteditable]`)?.focus());
  }

  async function sposta(i: number, direzione: "su" | "giu") {
    const j = direzione === "su" ? i - 1 : i + 1;
    if (!blocchi[j]) return;
    const r = await spostaBloccoAction({ blockId: blocchi[i].id, direzione, posizione: i, vicinoId: blocchi[j].id });
    if (!esito(r)) return;
    setBlocchi((bs) => {
      const copia = [...bs];
      [copia[i], copia[j]] = [copia[j], copia[i]];
      return copia;
    });
    // Keep the keyboard on the moved block's button.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[aria-label="Sposta ${direzione === "su" ? "su" : "giù"} il blocco ${j + 1}"]`)?.focus());
  }

  async function duplica(i: number, version: number) {
    const r = await duplicaBloccoAction({ blockId: blocchi[i].id, version });
    if (!esito(r) || !r.ok || !("blocco" in r)) return;
    const copia = r.blocco;
    setBlocchi((bs) => [...bs.slice(0, i + 1), copia, ...bs.slice(i + 1)]);
  }

  async function elimina(i: number, version: number) {
    const r = await eliminaBloccoAction({ blockId: blocchi[i].id, version });
    if (!esito(r) || !r.ok || !("dati" in r)) return;
    setEliminato({ tipo: r.dati.tipo, posizione: r.posizione, eliminazioneId: r.eliminazioneId });
    setBlocchi((bs) => bs.filter((_, j) => j !== i));
  }

  return (
    <div>
      <GuardiaModifiche />
      {messaggio && <div className="alert alert-danger" role="alert">{messaggio}</div>}
      {eliminato && (
        <div className="alert alert-info d-flex align-items-center gap-3" role="status">
          <span>Blocco «{TIPI_BLOCCO[eliminato.tipo]}» eliminato.</span>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            onClick={async () => {
              const e = eliminato;
              setEliminato(null);
              // The server puts back the block it deleted, from its own record: nothing is re-sent.
              const r = await annullaEliminazioneAction({ sectionId, eliminazioneId: e.eliminazioneId });
              if (esito(r) && r.ok && "blocco" in r) inserisci(r.blocco, e.posizione);
            }}
          >
            Annulla eliminazione
          </button>
        </div>
      )}
      {blocchi.length === 0 && <p>La sezione non ha ancora blocchi: aggiungine uno qui sotto.</p>}
      {blocchi.map((b, i) => (
        <BloccoEditor
          key={b.id}
          blocco={b}
          userId={userId}
          anni={anni}
          posizione={i}
          totale={blocchi.length}
          loginUrl={loginUrl}
          onValore={(v) => setBlocchi((bs) => bs.map((x) => (x.id === b.id ? { ...x, dati: v } : x)))}
          avvisi={{ ...Object.fromEntries((segnalazioni.get(i) ?? []).map((s) => [s.campo, s.messaggio])), ...commenti[b.id] }}
          operazioni={{ sposta: (d) => void sposta(i, d), duplica: (v) => void duplica(i, v), elimina: (v) => void elimina(i, v) }}
        />
      ))}
      <div className="d-flex flex-wrap align-items-end gap-3 border-top pt-3">
        <div className="select-wrapper">
          <label htmlFor="tipo-nuovo-blocco" className="fw-semibold">Tipo di blocco</label>
          <select id="tipo-nuovo-blocco" value={tipoNuovo} onChange={(e) => setTipoNuovo(e.target.value as TipoBlocco)}>
            {(Object.keys(TIPI_BLOCCO) as TipoBlocco[]).map((t) => (
              <option key={t} value={t}>{TIPI_BLOCCO[t]}</option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => void aggiungi(tipoNuovo)}>
          Aggiungi blocco
        </button>
      </div>
    </div>
  );
}
