/**
 * The edition package: one JSON file that holds a whole edition (structure,
 * settori, sections and their blocks with sources and notes). The Cremona demo
 * is such a file; import validates with these schemas and export writes the
 * same shape, so export(import(file)) gives the file back.
 */
import { z } from "../zod-it";
import { bloccoSchema } from "../content/blocks";
import { STATI_EDIZIONE, STATI_SEZIONE } from "../workflow";

export const FORMATO_PACCHETTO = "bilancio-sociale/edizione@1" as const;

const codice = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Codice non valido: solo minuscole, cifre e trattini (es. \"rilancio-istituzioni-culturali\")");
const titolo = z.string().trim().min(1, "Campo obbligatorio").max(300, "Al massimo 300 caratteri");

export const statoSezioneSchema = z.enum(STATI_SEZIONE);
export const statoEdizioneSchema = z.enum(STATI_EDIZIONE);

const dataIso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Data nel formato AAAA-MM-GG");

export const sezioneSchema = z.object({
  codice,
  titolo,
  /** Codice of the owner settore: the only one whose referenti may edit it. */
  settore: codice,
  stato: statoSezioneSchema.default("bozza"),
  scadenza: dataIso.optional(),
  blocchi: z.array(bloccoSchema).max(500),
});

export const ambitoSchema = z.object({
  codice,
  titolo,
  obiettivo: z.string().trim().min(1, "Indicare l'obiettivo").max(2000),
  settori: z.array(codice).min(1, "Indicare almeno un settore"),
  assessori: z.array(titolo),
  sezione: sezioneSchema,
});

export const areaSchema = z.object({
  numero: z.number().int().min(1).max(99),
  titolo,
  ambiti: z.array(ambitoSchema),
});

export const parteSchema = z.object({
  codice,
  titolo,
  /** Pages of the part that are not inside an area (e.g. "Conosci la tua città"). */
  sezioni: z.array(sezioneSchema),
  aree: z.array(areaSchema),
});

export const settoreSchema = z.object({ codice, nome: titolo });

export const pacchettoSchema = z
  .object({
    formato: z.literal(FORMATO_PACCHETTO, { error: `Il campo formato deve valere "${FORMATO_PACCHETTO}"` }),
    ente: z.object({ nome: titolo }),
    settori: z.array(settoreSchema).min(1, "Serve almeno un settore"),
    edizione: z.object({
      slug: codice,
      titolo,
      annoInizio: z.number().int().min(1900).max(2200),
      annoFine: z.number().int().min(1900).max(2200),
      stato: statoEdizioneSchema.default("in_preparazione"),
    }),
    parti: z.array(parteSchema).min(1, "Serve almeno una parte"),
  })
  .superRefine((p, ctx) => {
    if (p.edizione.annoFine < p.edizione.annoInizio) {
      ctx.addIssue({ code: "custom", path: ["edizione", "annoFine"], message: "L'anno finale precede quello iniziale" });
    }
    const settori = new Set<string>();
    p.settori.forEach((s, i) => {
      if (settori.has(s.codice)) ctx.addIssue({ code: "custom", path: ["settori", i, "codice"], message: `Settore "${s.codice}" ripetuto` });
      settori.add(s.codice);
    });
    const codiciSezione = new Set<string>();
    const controllaSezione = (s: z.infer<typeof sezioneSchema>, path: (string | number)[]) => {
      if (!settori.has(s.settore)) {
        ctx.addIssue({ code: "custom", path: [...path, "settore"], message: `Settore "${s.settore}" non presente nell'elenco dei settori` });
      }
      if (codiciSezione.has(s.codice)) {
        ctx.addIssue({ code: "custom", path: [...path, "codice"], message: `Codice di sezione "${s.codice}" ripetuto` });
      }
      codiciSezione.add(s.codice);
    };
    const codiciParte = new Set<string>();
    p.parti.forEach((parte, pi) => {
      if (codiciParte.has(parte.codice)) ctx.addIssue({ code: "custom", path: ["parti", pi, "codice"], message: `Parte "${parte.codice}" ripetuta` });
      codiciParte.add(parte.codice);
      parte.sezioni.forEach((s, si) => controllaSezione(s, ["parti", pi, "sezioni", si]));
      parte.aree.forEach((area, ai) =>
        area.ambiti.forEach((ambito, bi) => {
          const path = ["parti", pi, "aree", ai, "ambiti", bi];
          ambito.settori.forEach((c, ci) => {
            if (!settori.has(c)) ctx.addIssue({ code: "custom", path: [...path, "settori", ci], message: `Settore "${c}" non presente nell'elenco dei settori` });
          });
          controllaSezione(ambito.sezione, [...path, "sezione"]);
        }),
      );
    });
  });

export type Pacchetto = z.infer<typeof pacchettoSchema>;
export type PacchettoInput = z.input<typeof pacchettoSchema>;
export type SezionePacchetto = z.infer<typeof sezioneSchema>;
