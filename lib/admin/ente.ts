/**
 * The ente's own settings, changed by the amministratore: the licence of its open
 * data (an SPDX id, lib/opendata/licenze.ts), which the DCAT-AP_IT catalogue names
 * for every distribution and the public cover shows beside the files.
 */
import "server-only";
import type { Db } from "../../db/client";
import { ente } from "../../db/schema";
import { registra } from "../audit/registra";
import { ID_LICENZE, type IdLicenza } from "../opendata/licenze";
import { erroriDaZod, inTransazione, nonTrovato, nonValido, senzaPermesso, type Chi, type Esito } from "../servizio";
import { z } from "../zod-it";
import { autore } from "./utenti";

export const licenzaSchema = z.object({
  licenza: z.enum(ID_LICENZE as [IdLicenza, ...IdLicenza[]], { message: "Scegli una delle licenze elencate." }),
});

/** Sets the licence of the ente's open data; the same licence again changes nothing and writes no audit row. */
export function impostaLicenza(db: Db, chi: Chi, input: z.input<typeof licenzaSchema>): Esito<{ licenza: IdLicenza; cambiata: boolean }> {
  const no = senzaPermesso(chi, "ente.configura");
  if (no) return no;
  const r = licenzaSchema.safeParse(input);
  if (!r.success) return nonValido(erroriDaZod(r.error.issues));
  const { licenza } = r.data;
  return inTransazione(db, (tx) => {
    const riga = tx.select({ id: ente.id, licenza: ente.licenza }).from(ente).limit(1).get();
    if (!riga) return nonTrovato("L'ente non è ancora configurato: esegui prima npm run setup.");
    if (riga.licenza === licenza) return { ok: true, licenza, cambiata: false };
    tx.update(ente).set({ licenza }).run();
    registra(tx, { ...autore(chi), azione: "ente.licenza", dettagli: { da: riga.licenza, a: licenza } });
    return { ok: true, licenza, cambiata: true };
  });
}
