/**
 * Setting a section's deadline: allowed by the policy, guarded by the section's
 * version, and recorded in the audit log in the same transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sections } from "../../db/schema";
import { registra } from "../audit/registra";
import { inTransazione, type Chi } from "../servizio";
import { sezioneConEdizione } from "../sections/queries";
import { formatData } from "../numbers/format";
import { decidi, risorsaSezione } from "../policy";

export type EsitoScadenza =
  | { ok: true; scadenza: string | null; version: number; messaggio: string }
  | { ok: false; tipo: "conflitto"; corrente: { scadenza: string | null; version: number }; messaggio: string }
  | { ok: false; tipo: "negato"; messaggio: string }
  | { ok: false; tipo: "non_trovato"; messaggio: string };

const descrivi = (d: string | null) => (d ? formatData(d) : "nessuna");

export function impostaScadenza(db: Db, chi: Chi, input: { sectionId: number; scadenza: string | null; version: number }): EsitoScadenza {
  return inTransazione(db, (tx): EsitoScadenza => {
      const s = sezioneConEdizione(tx, input.sectionId);
      if (!s) return { ok: false, tipo: "non_trovato", messaggio: "Sezione non trovata." };
      const d = decidi(chi.attore, "sezione.assegna", risorsaSezione(s, s.statoEdizione));
      if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
      if (s.version !== input.version) {
        return {
          ok: false,
          tipo: "conflitto",
          corrente: { scadenza: s.scadenza, version: s.version },
          messaggio: `La sezione è stata modificata da un collega (scadenza attuale: ${descrivi(s.scadenza)}). Controlla e premi di nuovo «Salva» per confermare.`,
        };
      }
      if (s.scadenza === input.scadenza) return { ok: true, scadenza: s.scadenza, version: s.version, messaggio: "Nessuna modifica." };
      const r = tx
        .update(sections)
        .set({ scadenza: input.scadenza, version: sql`${sections.version} + 1`, updatedAt: new Date().toISOString() })
        .where(and(eq(sections.id, s.id), eq(sections.version, input.version)))
        .run();
      if (r.changes === 0) {
        // Cannot happen inside an immediate transaction; kept as a guard.
        return { ok: false, tipo: "conflitto", corrente: { scadenza: s.scadenza, version: s.version }, messaggio: "La sezione è stata modificata da un collega: riprova." };
      }
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: "sezione.scadenza",
        editionId: s.editionId,
        sectionId: s.id,
        settoreId: s.settoreId,
        dettagli: { da: s.scadenza, a: input.scadenza },
      });
      return {
        ok: true,
        scadenza: input.scadenza,
        version: s.version + 1,
        messaggio: input.scadenza ? `Scadenza salvata: ${formatData(input.scadenza)}.` : "Scadenza rimossa.",
      };
  });
}
