"use client";

/**
 * One block in the editor: its form, autosave with a visible state, the
 * browser-side draft, and the conflict view when a colleague saved first.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { salvaBloccoAction } from "@/app/_server/block-actions";
import { TIPI_BLOCCO, type Blocco } from "@/lib/content/blocks";
import { ATTESA_AUTOSALVATAGGIO_MS } from "@/lib/blocks/autosave";
import type { BloccoSalvato } from "@/lib/blocks/tipi";
import { etichettaCampo } from "@/lib/review/fields";
import { BloccoForm } from "./BloccoForm";
import { CampiNonValidiContext, type CampoNonValido } from "./campi-non-validi";
import { registraBlocco, vaiAlProblema, type ProblemaBlocco } from "./salvataggi";
import { ConflittoView } from "./ConflittoView";
import { ATTRIBUTO_LIBERO } from "./GuardiaModifiche";
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

/** The element of a field by its path in the payload ("serie.0.valori.2" → blocco-7-serie-0-valori-2, else blocco-7-serie). */
function idCampoIn(idBase: string, campo: string): string {
  const intero = `${idBase}-${campo.replaceAll(".", "-")}`;
  return typeof document !== "undefined" && document.getElementById(intero) ? intero : `${idBase}-${campo.split(".")[0]}`;
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
  const idBase = `blocco-${blocco.id}`;
  const idCampo = (campo: string) => idCampoIn(idBase, campo);
  const [valore, setValore] = useState<Blocco>(blocco.dati);
  const [stato, setStatoVisibile] = useState<Stato>({ k: "salvato", il: null });
  const [errori, setErrori] = useState<Record<string, string>>({});
  const [ripristinato, setRipristinato] = useState(false);
  const [ripristinati, setRipristinati] = useState<Record<string, string>>({});
  const versione = useRef(blocco.version);
  const valoreRef = useRef(valore);
  /** The value the server holds from this editor: anything else is an unsaved edit. */
  const salvatoRef = useRef<Blocco>(blocco.dati);
  const statoRef = useRef(stato);
  const erroriRef = useRef(errori);
  /** Text of fields that is not a valid value, by the field (or grid) that reported it. */
  const nonValidi = useRef(new Map<string, Record<string, CampoNonValido>>());
  const ultimoSalvataggio = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The save on the wire, if any: saves never overlap, and a step waits for it. */
  const inCorso = useRef<Promise<void> | null>(null);
  const posizioneRef = useRef(posizione);
  posizioneRef.current = posizione;

  const setStato = useCallback((s: Stato) => {
    statoRef.current = s;
    setStatoVisibile(s);
  }, []);
  const campiNonValidi = () => Object.assign({}, ...nonValidi.current.values()) as Record<string, CampoNonValido>;
  const sporco = () => valoreRef.current !== salvatoRef.current;
  const ricordaBozza = useCallback(() => {
    const testi = Object.fromEntries(Object.entries(campiNonValidi()).map(([k, c]) => [k, c.testo]));
    salvaBozza(userId, blocco.id, { base: versione.current, dati: valoreRef.current, il: new Date().toISOString(), ...(Object.keys(testi).length ? { nonValidi: testi } : {}) });
  }, [userId, blocco.id]);

  const salva = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    while (inCorso.current) await inCorso.current;
    if (nonValidi.current.size > 0 || !sporco()) return;
    const inviato = valoreRef.current;
    setStato({ k: "salvataggio" });
    const richiesta = (async () => {
      try {
        const r = await salvaBloccoAction({ blockId: blocco.id, version: versione.current, dati: inviato });
        if (r.ok) {
          versione.current = r.blocco.version;
          salvatoRef.current = inviato;
          ultimoSalvataggio.current = r.blocco.salvatoIl;
          erroriRef.current = {};
          setErrori({});
          if (!sporco() && nonValidi.current.size === 0) {
            cancellaBozza(userId, blocco.id);
            setStato({ k: "salvato", il: r.blocco.salvatoIl });
          } else {
            // Typed while this save was on the wire: that goes next.
            ricordaBozza();
            setStato(nonValidi.current.size > 0 ? { k: "non_valido" } : { k: "modificato" });
            if (nonValidi.current.size === 0) timer.current = setTimeout(() => void salva(), 0);
          }
        } else if (r.tipo === "non_valido") {
          erroriRef.current = Object.fromEntries(r.errori.map((e) => [e.campo, e.messaggio]));
          setErrori(erroriRef.current);
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
      }
    })();
    inCorso.current = richiesta;
    try {
      await richiesta;
    } finally {
      inCorso.current = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocco.id, userId, setStato, ricordaBozza]);

  const modifica = useCallback(
    (v: Blocco) => {
      valoreRef.current = v;
      setValore(v);
      onValore(v);
      ricordaBozza();
      const s = statoRef.current;
      if (s.k !== "conflitto" && s.k !== "sessione") setStato(nonValidi.current.size > 0 ? { k: "non_valido" } : { k: "modificato" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void salva(), ATTESA_AUTOSALVATAGGIO_MS);
    },
    [salva, onValore, ricordaBozza, setStato],
  );

  const segnala = useCallback(
    (chiave: string, campi: Record<string, CampoNonValido>) => {
      if (Object.keys(campi).length) nonValidi.current.set(chiave, campi);
      else if (!nonValidi.current.delete(chiave)) return;
      ricordaBozza();
      const s = statoRef.current;
      if (s.k === "conflitto" || s.k === "sessione") return;
      if (nonValidi.current.size > 0) {
        clearTimeout(timer.current);
        setStato({ k: "non_valido" });
      } else if (sporco()) {
        setStato({ k: "modificato" });
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void salva(), ATTESA_AUTOSALVATAGGIO_MS);
      } else {
        cancellaBozza(userId, blocco.id);
        setStato(Object.keys(erroriRef.current).length ? { k: "non_valido" } : { k: "salvato", il: ultimoSalvataggio.current });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [salva, ricordaBozza, setStato, userId, blocco.id],
  );
  const contestoCampi = useMemo(() => ({ segnala, ripristinati }), [segnala, ripristinati]);

  // What a step that freezes or leaves the section needs to know: saved, or why not.
  const completa = useCallback(async (): Promise<ProblemaBlocco | null> => {
    const problema = (messaggio: string, elementoId = `${idBase}-intestazione`): ProblemaBlocco => ({
      blockId: blocco.id,
      posizione: posizioneRef.current,
      tipo: TIPI_BLOCCO[valoreRef.current.tipo],
      messaggio,
      elementoId,
    });
    const [primo] = Object.entries(campiNonValidi());
    if (primo) return problema(`«${primo[1].etichetta}» non è valido: ${primo[1].messaggio}`, primo[0]);
    if (statoRef.current.k !== "conflitto") await salva();
    const s = statoRef.current;
    const [errore] = Object.entries(erroriRef.current);
    switch (s.k) {
      case "conflitto":
        return problema("un collega lo ha modificato dopo di te: scegli quale versione tenere.", `${idBase}-conflitto`);
      case "non_valido":
        return errore
          ? problema(`«${etichettaCampo(valoreRef.current.tipo, errore[0].split(".")[0])}»: ${errore[1]}`, idCampo(errore[0]))
          : problema("correggi i campi segnalati.");
      case "offline":
        return problema("non è salvato perché la connessione è assente; riprova quando torna.");
      case "sessione":
      case "negato":
        return problema(`non è salvato: ${s.messaggio}`);
      default:
        return sporco() ? problema("le modifiche non sono ancora salvate.") : null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocco.id, salva]);

  useEffect(
    () =>
      registraBlocco(blocco.id, {
        inSospeso: () => sporco() || nonValidi.current.size > 0 || inCorso.current !== null || statoRef.current.k === "conflitto",
        inSalvataggio: () => inCorso.current !== null || statoRef.current.k === "modificato",
        completa,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [blocco.id, completa],
  );

  // A draft left in this browser (offline, expired session, a value that was not valid) comes back on opening.
  useEffect(() => {
    const bozza = leggiBozza(userId, blocco.id);
    if (!bozza) return;
    const testi = bozza.nonValidi ?? {};
    if (JSON.stringify(bozza.dati) === JSON.stringify(blocco.dati) && Object.keys(testi).length === 0) return;
    valoreRef.current = bozza.dati;
    setValore(bozza.dati);
    setRipristinati(testi);
    setRipristinato(true);
    if (bozza.base !== blocco.version) setStato({ k: "conflitto", corrente: blocco });
    else if (Object.keys(testi).length) setStato({ k: "non_valido" });
    else void salva();
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
  return (
    <article className="card card-bg senza-piede border mb-4" aria-labelledby={`${idBase}-intestazione`} data-blocco={blocco.id}>
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-3">
          <h2 id={`${idBase}-intestazione`} className="h5 mb-0" tabIndex={-1}>
            {posizione + 1}. {TIPI_BLOCCO[valore.tipo]}
          </h2>
          <p className={`small mb-0 ${classe}`} role="status" aria-live="polite" data-testid="stato-salvataggio">{testo}</p>
          <div className="btn-group" role="group" aria-label={`Azioni sul blocco ${posizione + 1}`}>
            <button type="button" className="btn btn-sm btn-outline-primary" disabled={posizione === 0} onClick={() => operazioni.sposta("su")} aria-label={`Sposta su il blocco ${posizione + 1}`}>↑ Su</button>
            <button type="button" className="btn btn-sm btn-outline-primary" disabled={posizione === totale - 1} onClick={() => operazioni.sposta("giu")} aria-label={`Sposta giù il blocco ${posizione + 1}`}>↓ Giù</button>
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={async () => {
                // The copy is of what is on the screen: this block's pending save lands first.
                const p = await completa();
                if (p) vaiAlProblema(p);
                else operazioni.duplica(versione.current);
              }} aria-label={`Duplica il blocco ${posizione + 1}`}>Duplica</button>
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={async () => {
                // Deleted as it is on the screen, so "Annulla eliminazione" brings that back; an invalid value is deleted with it.
                await completa();
                operazioni.elimina(versione.current);
              }} aria-label={`Elimina il blocco ${posizione + 1}`}>Elimina</button>
          </div>
        </div>
        {ripristinato && stato.k !== "conflitto" && (
          <p className="alert alert-info py-2">Sono state ripristinate le modifiche non salvate che avevi lasciato in questo browser.</p>
        )}
        {stato.k === "sessione" && (
          <p className="alert alert-danger py-2">
            {stato.messaggio} <a href={loginUrl} {...{ [ATTRIBUTO_LIBERO]: "" }}>Accedi di nuovo</a>
          </p>
        )}
        {stato.k === "conflitto" && (
          <ConflittoView
            id={`${idBase}-conflitto`}
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
              salvatoRef.current = stato.corrente.dati;
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
        <CampiNonValidiContext.Provider value={contestoCampi}>
          <BloccoForm value={valore} onChange={modifica} errori={errori} avvisi={avvisi} id={idBase} anni={anni} />
        </CampiNonValidiContext.Provider>
      </div>
    </article>
  );
}
