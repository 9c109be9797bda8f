import { describe, expect, it } from "vitest";
import { ETICHETTE_STATO_EDIZIONE, ETICHETTE_STATO_SEZIONE, STATI_EDIZIONE, STATI_SEZIONE, TRANSIZIONI_EDIZIONE, transizione, transizioneEdizione, type AzioneFlusso, type PassoEdizione, type StatoSezione } from "./workflow";
import type { Attore } from "./policy";
import type { Ruolo } from "./ruoli";
import { azioniPossibili, decidi, decidiTransizione, passiPossibili } from "./policy";

const CULTURA = 1;
const attore = (ruolo: Ruolo, settoreId: number | null = null): Attore => ({ userId: 1, ruoli: [{ ruolo, settoreId }] });
const ATTORI: Record<string, Attore> = {
  amministratore: attore("amministratore"),
  coordinatore: attore("coordinatore"),
  "referente proprietario": attore("referente", CULTURA),
  "referente di altro settore": attore("referente", 2),
  assessore: attore("assessore"),
  lettore: attore("lettore"),
};
const AZIONI: AzioneFlusso[] = ["invia", "approva", "richiedi_modifiche", "riapri"];

/** Written independently of the table: who moves a section from which state to which. */
function atteso(chi: string, azione: AzioneFlusso, stato: StatoSezione): StatoSezione | null {
  if (azione === "invia" && chi === "referente proprietario" && (stato === "bozza" || stato === "da_rivedere")) return "inviata";
  if (azione === "approva" && chi === "coordinatore" && stato === "inviata") return "approvata";
  if (azione === "richiedi_modifiche" && chi === "coordinatore" && stato === "inviata") return "da_rivedere";
  if (azione === "riapri" && chi === "coordinatore" && stato === "approvata") return "bozza";
  return null;
}

describe("flusso delle sezioni: ogni stato × azione × ruolo", () => {
  for (const [chi, a] of Object.entries(ATTORI))
    for (const azione of AZIONI)
      for (const stato of STATI_SEZIONE) {
        const verso = atteso(chi, azione, stato);
        it(`${chi}: ${azione} da ${stato} → ${verso ?? "rifiutato"}`, () => {
          const d = decidiTransizione(a, azione, { settoreId: CULTURA, stato, statoEdizione: "in_preparazione" });
          expect(d.consentito ? d.verso : null).toBe(verso);
          if (!d.consentito) expect(d.motivo).toMatch(/\S/);
        });
      }
});

describe("flusso delle sezioni: fuori dalla preparazione nulla si muove", () => {
  for (const ed of STATI_EDIZIONE.filter((e) => e !== "in_preparazione"))
    for (const azione of AZIONI)
      it(`${azione} rifiutata con edizione ${ed}`, () => {
        for (const a of Object.values(ATTORI))
          for (const stato of STATI_SEZIONE) expect(decidiTransizione(a, azione, { settoreId: CULTURA, stato, statoEdizione: ed }).consentito).toBe(false);
      });
});

describe("tabella delle transizioni", () => {
  it("ha le condizioni del metodo: dati senza errori per inviare, un commento per chiedere modifiche, un motivo per riaprire", () => {
    expect(transizione("bozza", "invia")?.condizione).toBe("dati_senza_errori");
    expect(transizione("inviata", "richiedi_modifiche")?.condizione).toBe("motivo");
    expect(transizione("approvata", "riapri")?.condizione).toBe("motivo");
    expect(transizione("approvata", "invia")).toBeUndefined();
  });
  it("offre a ciascuno solo i pulsanti che può usare", () => {
    const r = { settoreId: CULTURA, statoEdizione: "in_preparazione" as const };
    expect(azioniPossibili(ATTORI.coordinatore, { ...r, stato: "inviata" })).toEqual(["approva", "richiedi_modifiche"]);
    expect(azioniPossibili(ATTORI["referente proprietario"], { ...r, stato: "da_rivedere" })).toEqual(["invia"]);
    expect(azioniPossibili(ATTORI["referente proprietario"], { ...r, stato: "inviata" })).toEqual([]);
    expect(azioniPossibili(ATTORI.coordinatore, { ...r, stato: "approvata" })).toEqual(["riapri"]);
  });
});

describe("ciclo di vita dell'edizione: ogni stato × ruolo, dalla tabella", () => {
  /** Written independently of the table: who takes which step from which state, and where it leads. */
  const ATTESI: Record<string, { da: string; chi: string; a: string }> = {
    invia_firma: { da: "in_preparazione", chi: "coordinatore", a: "in_firma" },
    ritira: { da: "in_firma", chi: "coordinatore", a: "in_preparazione" },
    firma: { da: "in_firma", chi: "assessore", a: "firmata" },
    rimanda: { da: "in_firma", chi: "assessore", a: "in_preparazione" },
    pubblica: { da: "firmata", chi: "coordinatore", a: "pubblicata" },
  };

  it("la tabella ha esattamente questi passi", () => {
    expect(Object.fromEntries(TRANSIZIONI_EDIZIONE.map((t) => [t.passo, { da: t.da, chi: t.ruolo, a: t.a }]))).toEqual(ATTESI);
    for (const p of Object.keys(ATTESI)) expect(transizioneEdizione(p as PassoEdizione).a).toBe(ATTESI[p].a);
  });

  for (const [chi, a] of Object.entries(ATTORI))
    for (const stato of STATI_EDIZIONE)
      it(`${chi}, edizione ${stato}: i pulsanti sono i passi consentiti`, () => {
        const attesi = Object.entries(ATTESI)
          .filter(([, t]) => t.da === stato && t.chi === chi)
          .map(([p]) => p);
        expect(passiPossibili(a, { stato })).toEqual(attesi);
        for (const p of Object.keys(ATTESI)) expect(decidi(a, `edizione.${p as PassoEdizione}`, { stato }).consentito).toBe(attesi.includes(p));
      });

  it("ogni stato ha la sua etichetta italiana", () => {
    expect(STATI_EDIZIONE.map((s) => ETICHETTE_STATO_EDIZIONE[s])).toEqual(["In preparazione", "In firma", "Firmata", "Pubblicata"]);
    expect(STATI_SEZIONE.map((s) => ETICHETTE_STATO_SEZIONE[s])).toEqual(["Bozza", "Inviata", "Da rivedere", "Approvata"]);
  });
});
