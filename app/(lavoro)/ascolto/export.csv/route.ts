/** The citizens' comments as CSV, with the filters and the permission of /ascolto (never the contact emails). */
import { getDb } from "@/db/client";
import { esportaCsv } from "@/app/_server/esporta-csv";
import { csvCommenti, edizioniAscolto, leggiFiltriAscolto } from "@/lib/ascolto/queries";
import { oggiRoma } from "@/lib/numbers/calendario";

export const dynamic = "force-dynamic";

export const GET = esportaCsv("ascolto.leggi", (parametri) => {
  const db = getDb();
  const filtri = leggiFiltriAscolto(parametri);
  const edizioni = edizioniAscolto(db);
  const scelta = edizioni.find((e) => e.slug === filtri.edizione) ?? edizioni[0];
  if (!scelta) return { rifiuto: "Nessuna edizione pubblicata.", status: 404 };
  return { csv: csvCommenti(db, scelta.slug, filtri), nome: `commenti-${scelta.slug}-${oggiRoma()}.csv` };
});
