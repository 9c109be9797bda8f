import { describe, expect, it } from "vitest";
import { STATI_EDIZIONE, STATI_SEZIONE, type StatoEdizione, type StatoSezione } from "./workflow";
import { decidi, type Attore, type AzioneEdizione, type AzioneSezione } from "./policy";
import { type Ruolo } from "./ruoli";

const CULTURA = 1;
const ISTRUZIONE = 2;
const attore = (ruolo: Ruolo, settoreId: number | null = null): Attore => ({ userId: 1, ruoli: [{ ruolo, settoreId }] });
const ATTORI: Record<string, Attore> = {
  amministratore: attore("amministratore"),
  coordinatore: attore("coordinatore"),
  "referente proprietario": attore("referente", CULTURA),
  "referente di altro settore": attore("referente", ISTRUZIONE),
  assessore: attore("assessore"),
  lettore: attore("lettore"),
};

/** The expected answer for every role × section action × section state × edition state, written independently of the module. */
function attesoSezione(chi: string, azione: AzioneSezione, stato: StatoSezione, ed: StatoEdizione): boolean {
  const prep = ed === "in_preparazione";
  const modificabile = stato === "bozza" || stato === "da_rivedere";
  switch (azione) {
    case "sezione.leggi":
      return ["coordinatore", "referente proprietario", "assessore", "lettore"].includes(chi);
    case "sezione.modifica":
      return (chi === "referente proprietario" || chi === "coordinatore") && prep && modificabile;
    case "sezione.invia":
      return chi === "referente proprietario" && prep && modificabile;
    case "sezione.approva":
    case "sezione.richiedi_modifiche":
      return chi === "coordinatore" && prep && stato === "inviata";
    case "sezione.riapri":
      return chi === "coordinatore" && prep && stato === "approvata";
    case "sezione.commenta":
      return ["coordinatore", "referente proprietario", "assessore"].includes(chi) && ed !== "pubblicata";
    case "sezione.assegna":
      return chi === "coordinatore" && prep;
  }
}

function attesoEdizione(chi: string, azione: AzioneEdizione, ed: StatoEdizione): boolean {
  switch (azione) {
    case "edizione.leggi":
      return true;
    case "edizione.configura":
    case "edizione.invia_firma":
      return chi === "coordinatore" && ed === "in_preparazione";
    case "edizione.firma":
    case "edizione.rimanda":
      return chi === "assessore" && ed === "in_firma";
    case "edizione.ritira":
      return chi === "coordinatore" && ed === "in_firma";
    case "edizione.pubblica":
      return chi === "coordinatore" && ed === "firmata";
    case "edizione.errata":
    case "edizione.nuova":
      return chi === "coordinatore" && ed === "pubblicata";
  }
}

const AZIONI_SEZIONE: AzioneSezione[] = [
  "sezione.leggi", "sezione.modifica", "sezione.invia", "sezione.approva", "sezione.richiedi_modifiche", "sezione.riapri", "sezione.commenta", "sezione.assegna",
];
const AZIONI_EDIZIONE: AzioneEdizione[] = [
  "edizione.leggi", "edizione.configura", "edizione.invia_firma", "edizione.ritira", "edizione.firma", "edizione.rimanda", "edizione.pubblica", "edizione.errata", "edizione.nuova",
];

describe("policy: ogni ruolo × azione × stato della sezione e dell'edizione", () => {
  for (const [chi, a] of Object.entries(ATTORI))
    for (const azione of AZIONI_SEZIONE)
      for (const stato of STATI_SEZIONE)
        for (const ed of STATI_EDIZIONE) {
          const atteso = attesoSezione(chi, azione, stato, ed);
          it(`${chi} ${atteso ? "può" : "non può"} ${azione} (sezione ${stato}, edizione ${ed})`, () => {
            const d = decidi(a, azione, { settoreId: CULTURA, stato, statoEdizione: ed });
            expect(d.consentito).toBe(atteso);
            if (!d.consentito) expect(d.motivo).toMatch(/\S/);
          });
        }
});

describe("policy: un account senza ruoli", () => {
  it("non legge l'edizione e non fa nulla", () => {
    const nessuno: Attore = { userId: 99, ruoli: [] };
    for (const azione of AZIONI_EDIZIONE) for (const ed of STATI_EDIZIONE) expect(decidi(nessuno, azione, { stato: ed }).consentito).toBe(false);
  });
});

describe("policy: azioni sull'edizione", () => {
  for (const [chi, a] of Object.entries(ATTORI))
    for (const azione of AZIONI_EDIZIONE)
      for (const ed of STATI_EDIZIONE) {
        const atteso = attesoEdizione(chi, azione, ed);
        it(`${chi} ${atteso ? "può" : "non può"} ${azione} (edizione ${ed})`, () => {
          expect(decidi(a, azione, { stato: ed }).consentito).toBe(atteso);
        });
      }
});

describe("policy: azioni generali e ruoli multipli", () => {
  it("solo l'amministratore gestisce gli utenti, e non tocca i contenuti", () => {
    expect(decidi(ATTORI.amministratore, "utenti.gestisci").consentito).toBe(true);
    expect(decidi(ATTORI.coordinatore, "utenti.gestisci").consentito).toBe(false);
    expect(decidi(ATTORI.amministratore, "sezione.leggi", { settoreId: CULTURA, stato: "bozza", statoEdizione: "in_preparazione" }).consentito).toBe(false);
  });
  it("solo l'amministratore configura l'ente (la licenza dei dati aperti)", () => {
    expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, "ente.configura").consentito).map(([c]) => c)).toEqual(["amministratore"]);
  });
  it("il registro è per amministratore e coordinamento", () => {
    expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, "audit.leggi").consentito).map(([c]) => c)).toEqual(["amministratore", "coordinatore"]);
  });
  it("l'elenco delle edizioni è di ogni ruolo; le pagine di struttura e assegnazioni del solo coordinamento", () => {
    const nessuno: Attore = { userId: 99, ruoli: [] };
    expect(Object.entries({ ...ATTORI, nessuno }).filter(([, a]) => decidi(a, "edizioni.elenca").consentito).map(([c]) => c)).toEqual(Object.keys(ATTORI));
    expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, "edizioni.gestisci").consentito).map(([c]) => c)).toEqual(["coordinatore"]);
    // The report itself is readable by the same people in every state.
    for (const stato of ["in_preparazione", "in_firma", "firmata", "pubblicata"] as const)
      for (const a of Object.values(ATTORI)) expect(decidi(a, "edizione.leggi", { stato }).consentito).toBe(decidi(a, "edizioni.elenca").consentito);
  });
  it("le pagine iniziali seguono il ruolo", () => {
    expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, "coordinamento.accedi").consentito).map(([c]) => c)).toEqual(["coordinatore"]);
    expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, "settore.lavora").consentito).map(([c]) => c)).toEqual(["referente proprietario", "referente di altro settore"]);
  });
  it("le valutazioni dei cittadini sono lette e gestite solo dal coordinamento", () => {
    for (const azione of ["ascolto.leggi", "ascolto.gestisci"] as const) {
      expect(Object.entries(ATTORI).filter(([, a]) => decidi(a, azione).consentito).map(([c]) => c)).toEqual(["coordinatore"]);
      const d = decidi(ATTORI.amministratore, azione);
      expect(d.consentito === false && d.motivo).toMatch(/coordinamento/);
    }
  });
  it("chi è referente di due settori modifica le sezioni di entrambi", () => {
    const doppio: Attore = { userId: 9, ruoli: [{ ruolo: "referente", settoreId: CULTURA }, { ruolo: "referente", settoreId: ISTRUZIONE }] };
    for (const settoreId of [CULTURA, ISTRUZIONE]) {
      expect(decidi(doppio, "sezione.modifica", { settoreId, stato: "bozza", statoEdizione: "in_preparazione" }).consentito).toBe(true);
    }
    expect(decidi(doppio, "sezione.modifica", { settoreId: 3, stato: "bozza", statoEdizione: "in_preparazione" }).consentito).toBe(false);
  });
});

describe("nessuno firma al posto dell'Assessore", () => {
  it("chi è anche amministratore o coordinatore non firma; chi ha inviato l'edizione alla firma nemmeno", () => {
    const inFirma = { stato: "in_firma" as const, inviataFirmaDa: 7 };
    expect(decidi(attore("assessore"), "edizione.firma", inFirma)).toEqual({ consentito: true });
    for (const altro of ["amministratore", "coordinatore"] as const) {
      const doppio: Attore = { userId: 1, ruoli: [{ ruolo: "assessore", settoreId: null }, { ruolo: altro, settoreId: null }] };
      expect(decidi(doppio, "edizione.firma", inFirma)).toEqual({ consentito: false, motivo: "Chi è anche amministratore o coordinatore non firma l'edizione." });
      // Sending it back stays open to them: only the signature is the Assessore's alone.
      expect(decidi(doppio, "edizione.rimanda", inFirma)).toEqual({ consentito: true });
    }
    expect(decidi({ userId: 7, ruoli: [{ ruolo: "assessore", settoreId: null }] }, "edizione.firma", inFirma)).toEqual({
      consentito: false,
      motivo: "Hai inviato tu l'edizione alla firma: deve firmarla un'altra persona.",
    });
  });
});
