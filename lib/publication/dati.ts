/**
 * The edition's open data ("dati.json"): the content of an edition without its
 * work-in-progress state (section states, deadlines). It is what the Assessore
 * signs, what is published and what the public pages are rendered from.
 */
import { z } from "../zod-it";
import { esportaPacchetto } from "../edition-package/export";
import type { Blocco } from "../content/blocks";
import { ambitoSchema, areaSchema, FORMATO_PACCHETTO, parteSchema, sezioneSchema, settoreSchema, type Pacchetto } from "../edition-package/schema";
import type { Tx } from "../../db/client";

export const FORMATO_DATI = "bilancio-sociale/dati@1" as const;

export const sezioneDatiSchema = sezioneSchema.omit({ stato: true, scadenza: true });
export const ambitoDatiSchema = ambitoSchema.extend({ sezione: sezioneDatiSchema });
export const areaDatiSchema = areaSchema.extend({ ambiti: z.array(ambitoDatiSchema) });
export const parteDatiSchema = parteSchema.extend({ sezioni: z.array(sezioneDatiSchema), aree: z.array(areaDatiSchema) });

export const datiSchema = z.object({
  formato: z.literal(FORMATO_DATI),
  ente: z.object({ nome: z.string() }),
  edizione: z.object({
    /** The public address: an erratum keeps the slug of the edition it corrects. */
    slug: z.string(),
    titolo: z.string(),
    annoInizio: z.number().int(),
    annoFine: z.number().int(),
    /** 1 for the edition as first published, 2, 3… for its errata. */
    revisione: z.number().int().min(1),
  }),
  settori: z.array(settoreSchema),
  parti: z.array(parteDatiSchema),
});

export type DatiEdizione = z.infer<typeof datiSchema>;
export type ParteDati = DatiEdizione["parti"][number];
export type AreaDati = ParteDati["aree"][number];
export type AmbitoDati = AreaDati["ambiti"][number];
export type SezioneDati = ParteDati["sezioni"][number];

/** Where the edition lives publicly and which revision it is: given by the lifecycle. */
export interface IdentitaPubblica {
  slug: string;
  revisione: number;
}

/** The open data of an edition as it stands in the editable tables now. */
export function costruisciDati(db: Tx, slugInterno: string, id: IdentitaPubblica): DatiEdizione | null {
  const p = esportaPacchetto(db, slugInterno);
  if (!p) return null;
  const sezione = ({ stato: _s, scadenza: _d, ...resto }: (typeof p.parti)[number]["sezioni"][number]) => resto;
  // Only the settori named by the edition: the open data does not list the whole organisation chart.
  const usati = new Set<string>();
  for (const parte of p.parti) {
    parte.sezioni.forEach((s) => usati.add(s.settore));
    for (const a of parte.aree) for (const b of a.ambiti) {
      usati.add(b.sezione.settore);
      b.settori.forEach((c) => usati.add(c));
    }
  }
  return {
    formato: FORMATO_DATI,
    ente: p.ente,
    edizione: { slug: id.slug, titolo: p.edizione.titolo, annoInizio: p.edizione.annoInizio, annoFine: p.edizione.annoFine, revisione: id.revisione },
    settori: p.settori.filter((s) => usati.has(s.codice)),
    parti: p.parti.map((parte) => ({
      codice: parte.codice,
      titolo: parte.titolo,
      sezioni: parte.sezioni.map(sezione),
      aree: parte.aree.map((a) => ({ ...a, ambiti: a.ambiti.map((b) => ({ ...b, sezione: sezione(b.sezione) })) })),
    })),
  };
}

/**
 * A snapshot turned back into a package to write a new edition from it (the
 * next edition, an erratum): same structure and settori, blocks passed through
 * `trasforma`, every section in `stato`.
 */
export function pacchettoDaDati(
  dati: DatiEdizione,
  edizione: { slug: string; titolo: string; annoInizio: number; annoFine: number },
  stato: Pacchetto["parti"][number]["sezioni"][number]["stato"],
  trasforma: (b: Blocco) => Blocco = (b) => b,
): Pacchetto {
  const sezione = (s: SezioneDati) => ({ ...s, stato, blocchi: s.blocchi.map(trasforma) });
  return {
    formato: FORMATO_PACCHETTO,
    ente: dati.ente,
    settori: dati.settori,
    edizione: { ...edizione, stato: "in_preparazione" },
    parti: dati.parti.map((parte) => ({
      ...parte,
      sezioni: parte.sezioni.map(sezione),
      aree: parte.aree.map((a) => ({ ...a, ambiti: a.ambiti.map((b) => ({ ...b, sezione: sezione(b.sezione) })) })),
    })),
  };
}
