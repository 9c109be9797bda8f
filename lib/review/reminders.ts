/**
 * Deadline reminders. A section still to be written (bozza) or to be corrected
 * (da_rivedere) whose deadline falls within the next `giorni` days, or has
 * passed, earns its settore's referenti one notice, in the app and by mail.
 *
 * Each notice is written once: a referente who already has a notification with
 * the same link and the same text is skipped. The text names the deadline, so a
 * moved deadline gives a new notice, and a deadline that passes while the
 * section is still open gives a second one ("Scadenza superata il …").
 * Only editions in preparation are considered. Days are counted in Italian time.
 */
import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { editions, notifications, sections, settori } from "../../db/schema";
import { registra } from "../audit/registra";
import { notifica, referentiDi } from "../notifications/avvisi";
import { giornoDopo, oggiRoma } from "../numbers/calendario";
import { formatData } from "../numbers/format";
import { inTransazione } from "../servizio";
import { STATI_SEZIONE_MODIFICABILI, STATO_EDIZIONE_APERTO } from "../workflow";

export interface EsitoPromemoria {
  /** Sections for which at least one referente was notified. */
  sezioni: number;
  /** Notices written (one per referente and section). */
  avvisi: number;
}

export function promemoriaScadenze(db: Db, adesso: Date = new Date(), giorni = 3): EsitoPromemoria {
  const oggi = oggiRoma(adesso);
  const limite = giornoDopo(oggi, giorni);
  const candidate = db
    .select({ id: sections.id, titolo: sections.titolo, scadenza: sections.scadenza, stato: sections.stato, settoreId: sections.settoreId, settoreNome: settori.nome, editionId: sections.editionId, edizione: editions.titolo })
    .from(sections)
    .innerJoin(editions, eq(editions.id, sections.editionId))
    .innerJoin(settori, eq(settori.id, sections.settoreId))
    .where(
      and(
        eq(editions.stato, STATO_EDIZIONE_APERTO),
        inArray(sections.stato, [...STATI_SEZIONE_MODIFICABILI]),
        isNotNull(sections.scadenza),
        // scadenza is an ISO date (possibly with a time): compare its first ten characters.
        lte(sql`substr(${sections.scadenza}, 1, 10)`, limite),
      ),
    )
    .all();

  const esito: EsitoPromemoria = { sezioni: 0, avvisi: 0 };
  for (const s of candidate) {
    const giorno = (s.scadenza ?? "").slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(giorno) || giorno > limite) continue;
    const superata = giorno < oggi;
    const quando = formatData(giorno);
    const oggetto = superata ? `Scadenza superata il ${quando}: «${s.titolo}»` : `Scadenza il ${quando}: «${s.titolo}»`;
    const link = `/sezioni/${s.id}`;
    const statoTesto = s.stato === "bozza" ? "è ancora in bozza" : "attende le correzioni richieste in revisione";
    const testo = [
      `La sezione «${s.titolo}» (${s.settoreNome}) del ${s.edizione} ${statoTesto}.`,
      superata ? `La scadenza era il ${quando}: completala e inviala alla revisione appena possibile.` : `La scadenza è il ${quando}: completala e inviala alla revisione entro quella data.`,
    ].join("\n");

    const scritti = inTransazione(db, (tx) => {
        const referenti = referentiDi(tx, s.settoreId);
        if (referenti.length === 0) return 0;
        const giaAvvisati = new Set(
          tx
            .select({ userId: notifications.userId })
            .from(notifications)
            .where(and(inArray(notifications.userId, referenti), eq(notifications.link, link), eq(notifications.testo, oggetto)))
            .all()
            .map((r) => r.userId),
        );
        const destinatari = referenti.filter((id) => !giaAvvisati.has(id));
        if (destinatari.length === 0) return 0;
        notifica(tx, { userIds: destinatari, oggetto, testo, link });
        registra(tx, {
          attore: "promemoria",
          azione: "promemoria.scadenza",
          editionId: s.editionId,
          sectionId: s.id,
          settoreId: s.settoreId,
          dettagli: { scadenza: giorno, superata, stato: s.stato, destinatari },
        });
        return destinatari.length;
    });
    if (scritti > 0) {
      esito.sezioni++;
      esito.avvisi += scritti;
    }
  }
  return esito;
}
