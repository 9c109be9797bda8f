"use client";

/** The role select and, for a referente, the settore select: the pair every role form needs. */
import { ETICHETTE_RUOLO, RUOLI, ruoloConSettore, type Ruolo } from "@/lib/ruoli";
import { Scelta } from "./Campo";

export function RuoloESettore({
  prefisso,
  ruolo,
  setRuolo,
  settoreId,
  setSettoreId,
  settori,
  campi,
  ruoloFacoltativo,
}: {
  prefisso: string;
  ruolo: string;
  setRuolo: (v: string) => void;
  settoreId: string;
  setSettoreId: (v: string) => void;
  settori: { id: number; nome: string; codice: string }[];
  campi: Record<string, string | undefined>;
  ruoloFacoltativo?: boolean;
}) {
  const conSettore = ruolo !== "" && ruoloConSettore(ruolo as Ruolo);
  return (
    <div className="row">
      <Scelta
        id={`${prefisso}-ruolo`}
        name="ruolo"
        label="Ruolo"
        className="col-md-5"
        value={ruolo}
        onChange={setRuolo}
        errore={campi.ruolo}
        vuota={ruoloFacoltativo ? "Nessun ruolo per ora" : "Scegli un ruolo"}
        opzioni={RUOLI.map((r) => ({ valore: r, etichetta: ETICHETTE_RUOLO[r] }))}
      />
      {conSettore && (
        <Scelta
          id={`${prefisso}-settore`}
          name="settoreId"
          label="Settore"
          className="col-md-7"
          value={settoreId}
          onChange={setSettoreId}
          errore={campi.settoreId}
          vuota="Scegli il settore"
          opzioni={settori.map((s) => ({ valore: String(s.id), etichetta: `${s.nome} (${s.codice})` }))}
        />
      )}
      {!conSettore && campi.settoreId && (
        <div className="col-md-7 text-danger small fw-semibold" role="alert">{campi.settoreId}</div>
      )}
    </div>
  );
}
