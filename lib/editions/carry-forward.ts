/**
 * The next edition, carried forward from a published one: the structure,
 * settori, section owners and block definitions of its latest published
 * revision (an erratum may have corrected values), every section in bozza,
 * and each indicator's published value kept as its `base`, the baseline the
 * new value is compared with ("+4,6% dal 2016").
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { editions } from "../../db/schema";
import { inTransazione, type Chi, type ErroreCampo, type Esito } from "../servizio";
import type { Blocco } from "../content/blocks";
import { scriviPacchetto } from "../edition-package/import";
import { validaPacchetto } from "../edition-package/validate";
import { conRuolo, notifica, referentiEdizione } from "../notifications/avvisi";
import { decidi } from "../policy";
import { pacchettoDaDati, type DatiEdizione } from "../publication/dati";
import { pubblicazione } from "../publication/queries";
import { z } from "../zod-it";
import { annoEdizione, slugEdizione, titoloEdizione } from "./campi";

export interface NuovaEdizione {
  /** Slug of the published edition to start from. */
  da: string;
  slug: string;
  titolo: string;
  /** Numbers, or the strings a form sends. */
  annoInizio: number | string;
  annoFine: number | string;
}

/** The form's fields, checked against the edition it starts from. */
export function schemaNuovaEdizione(origine: { annoFine: number }) {
  return z
    .object({
      slug: slugEdizione,
      titolo: titoloEdizione,
      annoInizio: annoEdizione("iniziale"),
      annoFine: annoEdizione("finale"),
    })
    .superRefine((v, ctx) => {
      // The new period follows the published one: its values are compared with those.
      if (v.annoInizio <= origine.annoFine) {
        ctx.addIssue({ code: "custom", path: ["annoInizio"], message: `La nuova edizione deve iniziare dopo il ${origine.annoFine}, ultimo anno dell'edizione di partenza` });
      }
      if (v.annoFine < v.annoInizio) {
        ctx.addIssue({ code: "custom", path: ["annoFine"], message: "L'anno finale non può precedere quello iniziale" });
      }
    });
}

/**
 * An indicator as the new edition starts it: same definition and value
 * (prefilled for the officer to update), with the published value as its base.
 * Any older base is replaced: the baseline is always the edition just before.
 */
export function riportaBlocco(b: Blocco, da: Pick<DatiEdizione["edizione"], "titolo" | "annoFine">): Blocco {
  if (b.tipo !== "indicatore") return b;
  const testoValore = b.testoValore?.trim();
  const unita = b.unita.trim();
  return {
    ...b,
    base: {
      valore: b.valore,
      ...(b.valore === null && testoValore ? { testoValore } : {}),
      ...(unita ? { unita } : {}),
      ...(b.scala ? { scala: b.scala } : {}),
      ...(b.riferimento ? { riferimento: b.riferimento } : {}),
      edizione: da.titolo,
      anno: da.annoFine,
    },
  };
}

const negato = (messaggio: string) => ({ ok: false as const, tipo: "negato" as const, messaggio });

/**
 * Coordinator: start the next edition from the published edition `da`.
 * One transaction: policy, validation, the new edition with its sections and
 * blocks, its audit row ("edizione.nuova") and the notices to the referenti
 * whose settori own sections, and to the other coordinators.
 */
export function avviaNuovaEdizione(db: Db, chi: Chi, input: NuovaEdizione): Esito<{ editionId: number; slug: string; sezioni: number; blocchi: number }> {
  return inTransazione(db, (tx) => {
      let origine = tx.select().from(editions).where(eq(editions.slug, input.da)).get();
      // An erratum's working row is published under the edition it corrects: start from that one.
      if (origine?.correggeId) origine = tx.select().from(editions).where(eq(editions.id, origine.correggeId)).get();
      if (!origine) return { ok: false, tipo: "non_trovato", messaggio: "Edizione di partenza non trovata." };

      const d = decidi(chi.attore, "edizione.nuova", { stato: origine.stato });
      if (!d.consentito) return negato(d.motivo);

      const v = schemaNuovaEdizione(origine).safeParse(input);
      const errori: ErroreCampo[] = v.success ? [] : v.error.issues.map((i) => ({ campo: i.path.map(String).join("."), messaggio: i.message }));
      const slug = v.success ? v.data.slug : typeof input.slug === "string" ? input.slug.trim() : "";
      if (slug && !errori.some((e) => e.campo === "slug") && tx.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get()) {
        errori.push({ campo: "slug", messaggio: `Esiste già un'edizione con indirizzo «${slug}»: scegline un altro` });
      }
      if (!v.success || errori.length > 0) {
        return { ok: false, tipo: "non_valido", errori, messaggio: "Alcuni campi non sono validi." };
      }

      // The latest revision is the truth: an erratum may have corrected the values.
      const pub = pubblicazione(tx, origine.slug);
      if (!pub) return { ok: false, tipo: "non_trovato", messaggio: "L'edizione di partenza non ha pubblicazioni." };

      const { titolo, annoInizio, annoFine } = v.data;
      const pacchetto = pacchettoDaDati(pub.dati, { slug, titolo, annoInizio, annoFine }, "bozza", (b) => riportaBlocco(b, pub.dati.edizione));
      // The snapshot was valid when published; the app's schemas may have grown since.
      const controllo = validaPacchetto(pacchetto);
      if (!controllo.ok) {
        return {
          ok: false,
          tipo: "non_valido",
          errori: controllo.errori.map((e) => ({ campo: e.percorso, messaggio: e.messaggio })),
          messaggio: "Il contenuto pubblicato non supera i controlli attuali: la nuova edizione non è stata creata.",
        };
      }

      const r = scriviPacchetto(tx, controllo.pacchetto, { userId: chi.userId, attore: chi.email }, { basataSuId: origine.id });

      const oggetto = `È iniziata la preparazione di «${titolo}»`;
      notifica(tx, {
        userIds: referentiEdizione(tx, r.editionId).filter((id) => id !== chi.userId),
        oggetto,
        testo:
          `${oggetto}, a partire da «${pub.dati.edizione.titolo}». Le sezioni del tuo settore sono in bozza con i valori ` +
          `dell'edizione precedente: aggiorna ogni valore, accanto trovi quello di prima e la variazione.`,
        link: "/settore",
      });
      notifica(tx, {
        userIds: conRuolo(tx, "coordinatore").filter((id) => id !== chi.userId),
        oggetto,
        testo: `${oggetto}, a partire da «${pub.dati.edizione.titolo}» (revisione ${pub.revisione}). Tutte le sezioni sono in bozza.`,
        link: "/coordinamento",
      });
      return { ok: true, editionId: r.editionId, slug, sezioni: r.sezioni, blocchi: r.blocchi };
  });
}
