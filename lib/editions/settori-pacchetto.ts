/**
 * The settori a new edition names must be the Comune's own, and alive: settori are
 * made by the amministratore (Amministrazione › Settori), never as a side effect of
 * a coordinatore's upload, and a section owned by a deactivated or merged settore
 * would have nobody to write it.
 * - A package from the browser is refused, with the JSON path, for a settore code
 *   that is unknown, deactivated or merged (naming the settore it was merged into).
 * - A template from an existing edition follows merges by itself: its codes were
 *   right when that edition was made, and the survivor now holds those people.
 */
import "server-only";
import type { Tx } from "../../db/client";
import { settori } from "../../db/schema";
import type { Pacchetto } from "../edition-package/schema";
import type { ErrorePacchetto } from "../edition-package/validate";

type Settore = Pick<typeof settori.$inferSelect, "id" | "codice" | "nome" | "attivo" | "unitoInId">;

/** The same rows, looked up by code (the package's) or by id (a merge's target). */
interface Anagrafica {
  perCodice: Map<string, Settore>;
  perId: Map<number, Settore>;
}

function anagrafica(tx: Tx): Anagrafica {
  const righe = tx.select({ id: settori.id, codice: settori.codice, nome: settori.nome, attivo: settori.attivo, unitoInId: settori.unitoInId }).from(settori).all();
  return { perCodice: new Map(righe.map((r) => [r.codice, r])), perId: new Map(righe.map((r) => [r.id, r])) };
}

/** The settore that now stands for `codice` after any chain of merges (at most as many steps as settori). */
function superstite(a: Anagrafica, codice: string): Settore | null {
  let s = a.perCodice.get(codice);
  for (let passi = 0; s && s.unitoInId !== null && passi <= a.perId.size; passi++) s = a.perId.get(s.unitoInId);
  return s && s.unitoInId === null ? s : null;
}

/** Every settore of an uploaded package that the Comune does not have, or no longer uses. */
export function erroriSettoriPacchetto(tx: Tx, p: Pacchetto): ErrorePacchetto[] {
  const a = anagrafica(tx);
  const errori: ErrorePacchetto[] = [];
  p.settori.forEach((s, i) => {
    const percorso = `$.settori[${i}].codice`;
    const r = a.perCodice.get(s.codice);
    if (!r) {
      errori.push({ percorso, messaggio: `Il settore «${s.codice}» non è tra i settori del Comune: l'amministratore lo crea in Amministrazione › Settori, oppure correggi il codice nel pacchetto` });
    } else if (r.unitoInId !== null) {
      const dopo = superstite(a, s.codice);
      errori.push({ percorso, messaggio: `Il settore «${s.codice}» è stato unito${dopo ? ` a «${dopo.nome}»: usa il codice «${dopo.codice}»` : " a un altro settore"}` });
    } else if (!r.attivo) {
      errori.push({ percorso, messaggio: `Il settore «${s.codice}» è disattivato: l'amministratore può riattivarlo, oppure assegna le sue sezioni a un altro settore` });
    }
  });
  return errori;
}

/** The template with every merged settore replaced by the one it was merged into. */
export function seguiUnioni(tx: Tx, p: Pacchetto): Pacchetto {
  const a = anagrafica(tx);
  const nuovo = (codice: string) => superstite(a, codice)?.codice ?? codice;
  if (p.settori.every((s) => nuovo(s.codice) === s.codice)) return p;
  const visti = new Set<string>();
  const elenco = p.settori
    .map((s) => {
      const codice = nuovo(s.codice);
      return { codice, nome: a.perCodice.get(codice)?.nome ?? s.nome };
    })
    .filter((s) => !visti.has(s.codice) && visti.add(s.codice));
  const unici = (codici: string[]) => [...new Set(codici.map(nuovo))];
  const sezione = <S extends { settore: string }>(s: S): S => ({ ...s, settore: nuovo(s.settore) });
  return {
    ...p,
    settori: elenco,
    parti: p.parti.map((parte) => ({
      ...parte,
      sezioni: parte.sezioni.map(sezione),
      aree: parte.aree.map((area) => ({ ...area, ambiti: area.ambiti.map((am) => ({ ...am, settori: unici(am.settori), sezione: sezione(am.sezione) })) })),
    })),
  };
}
