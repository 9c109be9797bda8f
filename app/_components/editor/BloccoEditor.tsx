"use client";

/**
 * One block in the editor: its form, autosave with a visible state, the
 * browser-side draft, and the conflict view when a colleague saved first.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { salvaBloccoAction } from "@/app/_server/block-actions";
import { TIPI_BLOCCO, type Blocco } from "@/lib/content/blocks";
import { ATTESA_AUTOSALVATAGGIO_MS } from "@/lib/blocks/autosave";
import type { BloccoSalvato } from "@/lib/blocks/tipi";
import { BloccoForm } from "./BloccoForm";
import { ConflittoView } from "./ConflittoView";
import { cancellaBozza, leggiBozza, salvaBozza } from "./drafts";

const RIPROVA_MS = 5000;

type Stato =
  | { k: "salvato"; il: string | null }
  | { k: "modificato" }
  | { k: "salvataggio" }
  | { k: "non_valido" }
  | { k: "offline" }
  | { k: "conflitto"; corrente: BloccoSalvato }
  | { k: "sessione"; messaggio: string }
  | { k: "negato"; messaggio: string };

const ora = (iso: string) => new Intl.DateTimeFormat("it-IT", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Rome" }).format(new Date(iso));

function testoStato(s: Stato): { testo: string; classe: string } {
  switch (s.k) {
    case "salvato":
      return { testo: s.il ? `Salvato alle ${ora(s.il)}` : "Nessuna modifica", classe: "text-success" };
    case "modificato":
      return { testo: "Modifiche non ancora salvate", classe: "text-muted" };
    case "salvataggio":
      return { testo: "Salvataggio…", classe: "text-muted" };
    case "non_valido":
      return { testo: "Non salvato: correggi i campi segnalati", classe: "text-danger" };
    case "offline":
      return { testo: "Non salvato: connessione assente. Le modifiche restano in questo browser e verranno salvate appena possibile", classe: "text-danger" };
    case "conflitto":
      return { testo: "Non salvato: conflitto con la versione di un collega", classe: "text-danger" };
    case "sessione":
    case "negato":
      return { testo: `Non salvato: ${s.messaggio}`, classe: "text-danger" };
  }
}

export interface OperazioniBlocco {
  sposta: (direzione: "su" | "giu") => void;
  duplica: (version: number) => void;
  elimina: (version: number) => void;
}

export function BloccoEditor({
  blocco,
  userId,
  anni,
  avvisi,
  posizione,
  totale,
  operazioni,
  loginUrl,
  onValore,
}: {
  /** Told of every edit, so section-wide checks see the block as it is being typed. */
  onValore: (v: Blocco) => void;
  blocco: BloccoSalvato;
  userId: number;
  anni: { annoInizio: number; annoFine: number };
  avvisi: Record<string, string>;
  posizione: number;
  totale: number;
  operazioni: OperazioniBlocco;
  loginUrl: string;
}) {
  const [valore, setValore] = useState<Blocco>(blocco.dati);
  const [stato, setStato] = useState<Stato>({ k: "salvato", il: null });
  const [errori, setErrori] = useState<Record<string, string>>({});
  const [ripristinato, setRipristinato] = useState(false);
  const versione = useRef(blocco.version);
  const valoreRef = useRef(valore);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inVolo = useRef(false);
  const ancora = useRef(false);

  const salva = useCallback(async () => {
    if (inVolo.current) {
      ancora.current = true;
      return;
    }
    inVolo.current = true;
    const inviato = valoreRef.current;
    setStato({ k: "salvataggio" });
    try {
      const r = await salvaBloccoAction({ blockId: blocco.id, version: versione.current, dati: inviato });
      if (r.ok) {
        versione.current = r.blocco.version;
        setErrori({});
        if (valoreRef.current === inviato) {
          cancellaBozza(userId, blocco.id);
          setStato({ k: "salvato", il: r.blocco.salvatoIl });
        } else {
          salvaBozza(userId, blocco.id, { base: versione.current, dati: valoreRef.current, il: new Date().toISOString() });
          ancora.current = true;
        }
      } else if (r.tipo === "non_valido") {
        setErrori(Object.fromEntries(r.errori.map((e) => [e.campo, e.messaggio])));
        setStato({ k: "non_valido" });
      } else if (r.tipo === "conflitto" && r.corrente) {
        setStato({ k: "conflitto", corrente: r.corrente });
      } else if (r.tipo === "sessione_scaduta") {
        setStato({ k: "sessione", messaggio: `${r.messaggio} Quanto hai scritto è conservato in questo browser.` });
      } else {
        setStato({ k: "negato", messaggio: r.messaggio });
      }
    } catch {
      setStato({ k: "offline" });
      timer.current = setTimeout(() => void salva(), RIPROVA_MS);
    } finally {
      inVolo.current = false;
      if (ancora.current) {
        ancora.current = false;
        void salva();
      }
    }
  }, [blocco.id, userId]);

  const modifica = useCallback(
    (v: Blocco) => {
      valoreRef.current = v;
      setValore(v);
      onValore(v);
      salvaBozza(userId, blocco.id, { base: versione.current, dati: v, il: new Date().toISOString() });
      setStato((s) => (s.k === "conflitto" || s.k === "sessione" ? s : { k: "modificato" }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void salva(), ATTESA_AUTOSALVATAGGIO_MS);
    },
    [blocco.id, userId, salva, onValore],
  );

  // A draft left in this browser (offline, expired session) comes back on opening.
  useEffect(() => {
    const bozza = leggiBozza(userId, blocco.id);
    if (!bozza || JSON.stringify(bozza.dati) === JSON.stringify(blocco.dati)) return;
    valoreRef.current = bozza.dati;
    setValore(bozza.dati);
    setRipristinato(true);
    if (bozza.base === blocco.version) void salva();
    else setStato({ k: "conflitto", corrente: blocco });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const online = () => {
      if (stato.k === "offline") void salva();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [stato.k, salva]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const { testo, classe } = testoStato(stato);
  const idBase = `blocco-${blocco.id}`;
  return (
    <article className="card card-bg senza-piede border mb-4" aria-labelledby={`${idBase}-intestazione`} data-blocco={blocco.id}>
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
          <h2 id={`${idBase}-intestazione`} className="h5 mb-0">
            {posizione + 1}. {TIPI_BLOCCO[valore.tipo]}
          </h2>
          <p className={`small mb-0 ${classe}`} role="status" aria-live="polite" data-testid="stato-salvataggio">{testo}</p>
          <div className="btn-group" role="group" aria-label={`Azioni sul blocco ${posizione + 1}`}>
            <button type="button" className="btn btn-sm btn-outline-primary" disabled={posizione === 0} onClick={() => operazioni.sposta("su")} aria-label={`Sposta su il blocco ${posizione + 1}`}>↑ Su</button>
            <button type="button" className="btn btn-sm btn-outline-primary" disabled={posizione === totale - 1} onClick={() => operazioni.sposta("giu")} aria-label={`Sposta giù il blocco ${posizione + 1}`}>↓ Giù</button>
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => operazioni.duplica(versione.current)} aria-label={`Duplica il blocco ${posizione + 1}`}>Duplica</button>
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => operazioni.elimina(versione.current)} aria-label={`Elimina il blocco ${posizione + 1}`}>Elimina</button>
          </div>
        </div>
        {ripristinato && stato.k !== "conflitto" && (
          <p className="alert alert-info py-2">Sono state ripristinate le modifiche non salvate che avevi lasciato in questo browser.</p>
        )}
        {stato.k === "sessione" && (
          <p className="alert alert-danger py-2">
            {stato.messaggio} <a href={loginUrl}>Accedi di nuovo</a>
          </p>
        )}
        {stato.k === "conflitto" && (
          <ConflittoView
            mia={valore}
            loro={stato.corrente.dati}
            autore={stato.corrente.autore}
            il={stato.corrente.salvatoIl}
            onMia={() => {
              versione.current = stato.corrente.version;
              void salva();
            }}
            onLoro={() => {
              versione.current = stato.corrente.version;
              valoreRef.current = stato.corrente.dati;
              setValore(stato.corrente.dati);
              cancellaBozza(userId, blocco.id);
              setStato({ k: "salvato", il: stato.corrente.salvatoIl });
            }}
            onAMano={() => {
              versione.current = stato.corrente.version;
              setStato({ k: "modificato" });
            }}
          />
        )}
        {Object.keys(avvisi).length > 0 && (
          <ul className="small text-warning-emphasis" aria-label="Controlli e commenti">
            {Object.entries(avvisi).map(([campo, m]) => <li key={campo}>⚠ {m}</li>)}
          </ul>
        )}
        <BloccoForm value={valore} onChange={modifica} errori={errori} avvisi={avvisi} id={idBase} anni={anni} />
      </div>
    </article>
  );
}
