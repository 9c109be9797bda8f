"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { aggiungiStrutturaAction, modificaStrutturaAction, rimuoviStrutturaAction, spostaStrutturaAction } from "@/app/_server/struttura-actions";
import { StatoBadge } from "@/app/_components/StatoBadge";
import type { AmbitoStruttura, AreaStruttura, ParteStruttura, SezioneStruttura } from "@/lib/editions/queries";
import type { Elemento } from "@/lib/editions/struttura";
import { campiDi } from "@/app/_components/esito";
import { accorda, plurale, type Genere } from "@/lib/italiano";
import { Campo, EsitoModulo, Scelta, useModulo, type RispostaModulo } from "../../_moduli/modulo";

type Settore = { id: number; nome: string };

interface Contesto {
  editionId: number;
  settori: Settore[];
  modificabile: boolean;
  annuncia: (testo: string) => void;
  sposta: (elemento: Elemento, id: number, titolo: string, direzione: "su" | "giu") => void;
  /** After a removal the element is gone: the focus goes to the announcement. */
  dopoRimozione: (testo: string) => void;
}

const Ctx = createContext<Contesto | null>(null);
const useCtx = () => useContext(Ctx)!;

const NOME: Record<Elemento, string> = { parte: "parte", area: "area", ambito: "ambito", sezione: "pagina" };
/** The gender of each element's name, which «…» aggiunto/aggiunta, spostato/spostata… agree with. */
const GENERE: Record<Elemento, Genere> = { parte: "f", area: "f", ambito: "m", sezione: "f" };
/** "il suo blocco", "i suoi 3 blocchi". */
const suoiBlocchi = (n: number) => (n === 1 ? "il suo blocco" : `i suoi ${n} blocchi`);

/**
 * The structure of an edition, as a tree of parts → pages and areas → ambiti, with
 * "Sposta su/giù", "Modifica" and "Rimuovi" on each element and a form to add
 * at the end of each container. Every change is a server action; the page's data
 * comes back with the answer, and the focus stays on the moved element's button.
 */
export function StrutturaEditor({ editionId, albero, settori, modificabile }: { editionId: number; albero: ParteStruttura[]; settori: Settore[]; modificabile: boolean }) {
  const [annuncio, setAnnuncio] = useState("");
  const [fuoco, setFuoco] = useState<{ id: string; alternativa: string; n: number } | null>(null);
  const regione = useRef<HTMLParagraphElement>(null);
  const inCorso = useRef(false);

  // Runs when the new tree arrives and when the move's answer does, whichever comes last.
  useEffect(() => {
    if (!fuoco) return;
    const el = document.getElementById(fuoco.id) as HTMLButtonElement | null;
    const bersaglio = el && !el.disabled ? el : (document.getElementById(fuoco.alternativa) as HTMLButtonElement | null);
    bersaglio?.focus();
  }, [albero, fuoco]);

  const sposta = useCallback(async (elemento: Elemento, id: number, titolo: string, direzione: "su" | "giu") => {
    if (inCorso.current) return;
    inCorso.current = true;
    try {
      const r = await spostaStrutturaAction({ elemento, id, direzione });
      if (r.ok) {
        setAnnuncio(`«${titolo}» ${accorda("spostato", GENERE[elemento])} in posizione ${r.a + 1} di ${r.di}.`);
        const base = `sposta-${elemento}-${id}`;
        setFuoco({ id: `${base}-${direzione}`, alternativa: `${base}-${direzione === "su" ? "giu" : "su"}`, n: Date.now() });
      } else setAnnuncio(r.messaggio);
    } finally {
      inCorso.current = false;
    }
  }, []);

  const ctx: Contesto = {
    editionId,
    settori,
    modificabile,
    annuncia: setAnnuncio,
    sposta,
    dopoRimozione: (testo) => {
      setAnnuncio(testo);
      setFuoco(null);
      regione.current?.focus();
    },
  };

  return (
    <Ctx.Provider value={ctx}>
      <p ref={regione} tabIndex={-1} role="status" className={annuncio ? "alert alert-info py-2 small" : "visually-hidden"}>
        {annuncio}
      </p>
      {albero.length === 0 && <p>L&apos;edizione non ha ancora nessuna parte: aggiungi la prima qui sotto.</p>}
      {albero.map((p, i) => (
        <Parte key={p.id} parte={p} indice={i} totale={albero.length} />
      ))}
      {modificabile && (
        <Aggiungi etichetta="Aggiungi una parte" chiave={`parte-${editionId}`} nascosti={{ elemento: "parte", editionId }} campi={["titolo"]} />
      )}
    </Ctx.Provider>
  );
}

function Parte({ parte, indice, totale }: { parte: ParteStruttura; indice: number; totale: number }) {
  const { modificabile, settori } = useCtx();
  return (
    <section aria-labelledby={`parte-${parte.id}`} className="card card-bg senza-piede border mb-4">
      <div className="card-body">
        <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
          <h2 id={`parte-${parte.id}`} className="h4 mb-1">{parte.titolo}</h2>
          <Strumenti elemento="parte" id={parte.id} titolo={parte.titolo} indice={indice} totale={totale}>
            <Modifica elemento="parte" id={parte.id} titolo={parte.titolo} />
          </Strumenti>
        </div>
        <p className="small text-muted mb-3">Codice: {parte.codice}</p>

        <h3 className="h5">Pagine</h3>
        {parte.pagine.length === 0 ? (
          <p className="small">Nessuna pagina direttamente in questa parte.</p>
        ) : (
          <ol className="list-unstyled">
            {parte.pagine.map((s, i) => (
              <li key={s.id} className="border-bottom py-2">
                <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
                  <div>
                    <span className="fw-semibold">{s.titolo}</span>
                    <InfoSezione s={s} />
                  </div>
                  <Strumenti elemento="sezione" id={s.id} titolo={s.titolo} indice={i} totale={parte.pagine.length}>
                    <Modifica elemento="sezione" id={s.id} titolo={s.titolo} />
                  </Strumenti>
                </div>
              </li>
            ))}
          </ol>
        )}
        {modificabile && (
          <Aggiungi
            etichetta="Aggiungi una pagina"
            contesto={`alla parte «${parte.titolo}»`}
            chiave={`pagina-${parte.id}`}
            nascosti={{ elemento: "sezione", partId: parte.id }}
            campi={["titolo", "settoreId"]}
            settori={settori}
          />
        )}

        <h3 className="h5 mt-4">Aree</h3>
        {parte.aree.length === 0 && <p className="small">Nessuna area in questa parte.</p>}
        {parte.aree.map((a, i) => (
          <Area key={a.id} area={a} indice={i} totale={parte.aree.length} />
        ))}
        {modificabile && (
          <Aggiungi
            etichetta="Aggiungi un'area"
            contesto={`alla parte «${parte.titolo}»`}
            chiave={`area-${parte.id}`}
            nascosti={{ elemento: "area", partId: parte.id }}
            campi={["titolo", "numero"]}
          />
        )}
      </div>
    </section>
  );
}

function InfoSezione({ s }: { s: SezioneStruttura }) {
  return (
    <span className="small d-block">
      Scritta da {s.settoreNome} · {plurale(s.blocchi, "blocco", "blocchi")} · <StatoBadge stato={s.stato} />
    </span>
  );
}

function Area({ area, indice, totale }: { area: AreaStruttura; indice: number; totale: number }) {
  const { modificabile, settori } = useCtx();
  const nome = `Area ${area.numero} – ${area.titolo}`;
  return (
    <section aria-labelledby={`area-${area.id}`} className="border rounded p-3 mb-3">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h4 id={`area-${area.id}`} className="h5 mb-2">{nome}</h4>
        <Strumenti elemento="area" id={area.id} titolo={nome} indice={indice} totale={totale}>
          <Modifica elemento="area" id={area.id} titolo={area.titolo} numero={area.numero} />
        </Strumenti>
      </div>
      {area.ambiti.length === 0 ? (
        <p className="small">Nessun ambito in quest&apos;area.</p>
      ) : (
        <ol className="list-unstyled">
          {area.ambiti.map((b, i) => (
            <Ambito key={b.id} ambito={b} indice={i} totale={area.ambiti.length} />
          ))}
        </ol>
      )}
      {modificabile && (
        <Aggiungi
          etichetta="Aggiungi un ambito"
          contesto={`all'area «${nome}»`}
          chiave={`ambito-${area.id}`}
          nascosti={{ elemento: "ambito", areaId: area.id }}
          campi={["titolo", "obiettivo", "settoreId"]}
          settori={settori}
        />
      )}
    </section>
  );
}

function Ambito({ ambito, indice, totale }: { ambito: AmbitoStruttura; indice: number; totale: number }) {
  return (
    <li className="border-bottom py-2">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <div>
          <h5 className="h6 mb-1">{ambito.titolo}</h5>
          <p className="small mb-1"><span className="fw-semibold">Obiettivo:</span> {ambito.obiettivo}</p>
          <p className="small mb-1">
            <span className="fw-semibold">Settori:</span> {ambito.settori.map((s) => s.nome).join(", ") || "—"}
            {" · "}
            <span className="fw-semibold">Assessori:</span> {ambito.assessori.join(", ") || "—"}
          </p>
          {ambito.sezione && <InfoSezione s={ambito.sezione} />}
        </div>
        <Strumenti elemento="ambito" id={ambito.id} titolo={ambito.titolo} indice={indice} totale={totale}>
          <ModificaAmbito ambito={ambito} />
        </Strumenti>
      </div>
    </li>
  );
}

/** "Sposta su", "Sposta giù", the edit form and "Rimuovi" of one element. */
function Strumenti({ elemento, id, titolo, indice, totale, children }: { elemento: Elemento; id: number; titolo: string; indice: number; totale: number; children?: React.ReactNode }) {
  const { modificabile, sposta } = useCtx();
  if (!modificabile) return null;
  const base = `sposta-${elemento}-${id}`;
  return (
    <div className="d-flex flex-wrap align-items-start gap-1" role="group" aria-label={`Azioni su «${titolo}»`}>
      <button id={`${base}-su`} type="button" className="btn btn-outline-primary btn-xs" disabled={indice === 0} onClick={() => sposta(elemento, id, titolo, "su")}>
        Sposta su<span className="visually-hidden"> «{titolo}»</span>
      </button>
      <button id={`${base}-giu`} type="button" className="btn btn-outline-primary btn-xs" disabled={indice === totale - 1} onClick={() => sposta(elemento, id, titolo, "giu")}>
        Sposta giù<span className="visually-hidden"> «{titolo}»</span>
      </button>
      {children}
      <Rimuovi elemento={elemento} id={id} titolo={titolo} />
    </div>
  );
}

function Rimuovi({ elemento, id, titolo }: { elemento: Elemento; id: number; titolo: string }) {
  const { dopoRimozione } = useCtx();
  const [conferma, setConferma] = useState<{ blocchi: number; messaggio: string } | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [attesa, setAttesa] = useState(false);
  const pulsanteConferma = useRef<HTMLButtonElement>(null);
  const pulsante = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (conferma) pulsanteConferma.current?.focus();
  }, [conferma]);

  async function rimuovi(confermaBlocchi?: number) {
    setAttesa(true);
    setErrore(null);
    const r = await rimuoviStrutturaAction({ elemento, id, confermaBlocchi });
    setAttesa(false);
    if (r.ok) {
      setConferma(null);
      dopoRimozione(
        r.blocchi > 0
          ? `«${titolo}» ${accorda("rimosso", GENERE[elemento])}: ${suoiBlocchi(r.blocchi)} e le revisioni sono conservati nell'archivio delle sezioni rimosse.`
          : `«${titolo}» ${accorda("rimosso", GENERE[elemento])}.`,
      );
    } else if (r.tipo === "conferma") {
      setConferma({ blocchi: r.blocchi, messaggio: r.messaggio });
    } else {
      setConferma(null);
      setErrore(r.messaggio && "errori" in r && r.errori.length ? r.errori[0].messaggio : r.messaggio);
    }
  }

  const idErrore = `rimuovi-${elemento}-${id}-errore`;
  return (
    <>
      <button
        ref={pulsante}
        type="button"
        className="btn btn-outline-danger btn-xs"
        onClick={() => rimuovi()}
        disabled={attesa}
        aria-describedby={errore ? idErrore : undefined}
      >
        Rimuovi<span className="visually-hidden"> {NOME[elemento]} «{titolo}»</span>
      </button>
      {errore && (
        <p id={idErrore} className="text-danger small fw-semibold w-100 mb-0" role="alert">
          {errore}
        </p>
      )}
      {conferma && (
        <div className="alert alert-warning w-100 py-2 mb-0" role="group" aria-labelledby={`conferma-${elemento}-${id}`}>
          <p id={`conferma-${elemento}-${id}`} className="small mb-2" role="alert">{conferma.messaggio}</p>
          <div className="d-flex gap-2">
            <button ref={pulsanteConferma} type="button" className="btn btn-danger btn-xs" disabled={attesa} onClick={() => rimuovi(conferma.blocchi)}>
              Rimuovi con {suoiBlocchi(conferma.blocchi)}
            </button>
            <button
              type="button"
              className="btn btn-outline-secondary btn-xs"
              onClick={() => {
                setConferma(null);
                pulsante.current?.focus();
              }}
            >
              Annulla
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** A collapsible form: the summary is the button that opens it. */
function Pannello({ etichetta, nascosta, children, aperto, setAperto }: { etichetta: string; nascosta?: string; children: React.ReactNode; aperto: boolean; setAperto: (v: boolean) => void }) {
  return (
    <details open={aperto} onToggle={(e) => setAperto((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="btn btn-outline-primary btn-xs">
        {etichetta}
        {nascosta && <span className="visually-hidden"> {nascosta}</span>}
      </summary>
      {aperto && <div className="border rounded p-3 mt-2 bg-white">{children}</div>}
    </details>
  );
}

function Modifica({ elemento, id, titolo, numero }: { elemento: "parte" | "area" | "sezione"; id: number; titolo: string; numero?: number }) {
  const { annuncia } = useCtx();
  const [aperto, setAperto] = useState(false);
  const dopoOk = useCallback(() => {
    annuncia("Modifiche salvate.");
    setAperto(false);
  }, [annuncia]);
  const [esito, invia, inCorso] = useModulo(modificaStrutturaAction, dopoOk);
  const campi = campiDi(esito);
  const p = `mod-${elemento}-${id}`;
  return (
    <Pannello etichetta="Modifica" nascosta={`${NOME[elemento]} «${titolo}»`} aperto={aperto} setAperto={setAperto}>
      <form onSubmit={invia} noValidate>
        <input type="hidden" name="elemento" value={elemento} />
        <input type="hidden" name="id" value={id} />
        <Campo id={`${p}-titolo`} nome="titolo" etichetta="Titolo" campi={campi} defaultValue={titolo} maxLength={300} />
        {elemento === "area" && <Campo id={`${p}-numero`} nome="numero" etichetta="Numero dell'area" campi={campi} tipo="number" min={1} max={99} defaultValue={numero} />}
        <EsitoModulo esito={esito} soloErrori />
        <button type="submit" className="btn btn-primary btn-sm" disabled={inCorso}>Salva</button>
      </form>
    </Pannello>
  );
}

function ModificaAmbito({ ambito }: { ambito: AmbitoStruttura }) {
  const { annuncia, settori } = useCtx();
  const [aperto, setAperto] = useState(false);
  const [scelti, setScelti] = useState<Settore[]>(ambito.settori);
  const [daAggiungere, setDaAggiungere] = useState("");
  const dopoOk = useCallback(() => {
    annuncia("Modifiche salvate.");
    setAperto(false);
  }, [annuncia]);
  const [esito, invia, inCorso] = useModulo(modificaStrutturaAction, dopoOk);
  const campi = campiDi(esito);
  const p = `mod-ambito-${ambito.id}`;
  const sposta = (i: number, d: -1 | 1) => {
    const nuovi = [...scelti];
    [nuovi[i], nuovi[i + d]] = [nuovi[i + d], nuovi[i]];
    setScelti(nuovi);
  };
  const disponibili = settori.filter((s) => !scelti.some((x) => x.id === s.id));
  const erroreSettori = campi.settori;
  return (
    <Pannello etichetta="Modifica" nascosta={`ambito «${ambito.titolo}»`} aperto={aperto} setAperto={setAperto}>
      <form onSubmit={invia} noValidate>
        <input type="hidden" name="elemento" value="ambito" />
        <input type="hidden" name="id" value={ambito.id} />
        <Campo id={`${p}-titolo`} nome="titolo" etichetta="Titolo" campi={campi} defaultValue={ambito.titolo} maxLength={300} />
        <Campo id={`${p}-obiettivo`} nome="obiettivo" etichetta="Obiettivo" campi={campi} righe={3} defaultValue={ambito.obiettivo} maxLength={2000} />
        <fieldset className="mb-3" aria-describedby={erroreSettori ? `${p}-settori-errore` : undefined}>
          <legend className="form-label fw-semibold fs-6">Settori dell&apos;ambito, in ordine</legend>
          <ol className="mb-2">
            {scelti.map((s, i) => (
              <li key={s.id} className="mb-1">
                <input type="hidden" name="settori" value={s.id} />
                {s.nome}{" "}
                <button type="button" className="btn btn-link btn-xs p-0 ms-2" disabled={i === 0} onClick={() => sposta(i, -1)}>
                  Su<span className="visually-hidden"> {s.nome}</span>
                </button>
                <button type="button" className="btn btn-link btn-xs p-0 ms-2" disabled={i === scelti.length - 1} onClick={() => sposta(i, 1)}>
                  Giù<span className="visually-hidden"> {s.nome}</span>
                </button>
                <button type="button" className="btn btn-link btn-xs p-0 ms-2" onClick={() => setScelti(scelti.filter((x) => x.id !== s.id))}>
                  Togli<span className="visually-hidden"> {s.nome}</span>
                </button>
              </li>
            ))}
          </ol>
          <div className="d-flex gap-2 align-items-end">
            <div className="select-wrapper flex-grow-1">
              <label htmlFor={`${p}-aggiungi-settore`}>Aggiungi un settore</label>
              <select id={`${p}-aggiungi-settore`} value={daAggiungere} onChange={(e) => setDaAggiungere(e.target.value)}>
                <option value="">Scegli…</option>
                {disponibili.map((s) => (
                  <option key={s.id} value={s.id}>{s.nome}</option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              disabled={!daAggiungere}
              onClick={() => {
                const s = settori.find((x) => String(x.id) === daAggiungere);
                if (s) setScelti([...scelti, s]);
                setDaAggiungere("");
              }}
            >
              Aggiungi<span className="visually-hidden"> il settore scelto</span>
            </button>
          </div>
          {erroreSettori && <div id={`${p}-settori-errore`} className="text-danger small fw-semibold mt-1" role="alert">{erroreSettori}</div>}
        </fieldset>
        <Campo
          id={`${p}-assessori`}
          nome="assessori"
          etichetta="Assessori"
          campi={campi}
          righe={3}
          defaultValue={ambito.assessori.join("\n")}
          aiuto="Un nome per riga, nell'ordine del rapporto."
        />
        <EsitoModulo esito={esito} soloErrori />
        <button type="submit" className="btn btn-primary btn-sm" disabled={inCorso}>Salva</button>
      </form>
    </Pannello>
  );
}

type CampoAggiungi = "titolo" | "obiettivo" | "settoreId" | "numero";

function Aggiungi({
  etichetta,
  contesto,
  chiave,
  nascosti,
  campi: elenco,
  settori,
}: {
  etichetta: string;
  contesto?: string;
  chiave: string;
  nascosti: Record<string, string | number>;
  campi: CampoAggiungi[];
  settori?: Settore[];
}) {
  const { annuncia } = useCtx();
  const [aperto, setAperto] = useState(false);
  const titolo = useRef<HTMLInputElement>(null);
  const genere = GENERE[nascosti.elemento as Elemento];
  const dopoOk = useCallback(
    (_r: RispostaModulo, form: HTMLFormElement | null) => {
      const nome = (form?.elements.namedItem("titolo") as HTMLInputElement | null)?.value ?? "";
      annuncia(`«${nome}» ${accorda("aggiunto", genere)}.`);
      form?.reset();
      titolo.current?.focus();
    },
    [annuncia, genere],
  );
  const [esito, invia, inCorso] = useModulo(aggiungiStrutturaAction, dopoOk);
  const campi = campiDi(esito);
  const p = `agg-${chiave}`;
  return (
    <div className="mt-2 mb-2">
      <Pannello etichetta={etichetta} nascosta={contesto} aperto={aperto} setAperto={setAperto}>
        <form onSubmit={invia} noValidate>
          {Object.entries(nascosti).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {elenco.includes("titolo") && <Campo id={`${p}-titolo`} nome="titolo" etichetta="Titolo" campi={campi} maxLength={300} ref={titolo} />}
          {elenco.includes("numero") && (
            <Campo id={`${p}-numero`} nome="numero" etichetta="Numero dell'area" campi={campi} tipo="number" min={1} max={99} aiuto="Se lo lasci vuoto: il successivo all'ultima area." />
          )}
          {elenco.includes("obiettivo") && <Campo id={`${p}-obiettivo`} nome="obiettivo" etichetta="Obiettivo" campi={campi} righe={3} maxLength={2000} />}
          {elenco.includes("settoreId") && settori && (
            <Scelta
              id={`${p}-settore`}
              nome="settoreId"
              etichetta="Settore che la scrive"
              campi={campi}
              defaultValue=""
              opzioni={[{ valore: "", etichetta: "Scegli…" }, ...settori.map((s) => ({ valore: s.id, etichetta: s.nome }))]}
            />
          )}
          <EsitoModulo esito={esito} soloErrori />
          <button type="submit" className="btn btn-primary btn-sm" disabled={inCorso}>
            {etichetta}
          </button>
        </form>
      </Pannello>
    </div>
  );
}
