/**
 * The audit log as CSV, with the same filters and the same permission as /registro:
 * streamed a page of rows at a time, at most MAX_RIGHE_CSV rows (the newest; the file
 * says so when more match).
 */
import { getDb } from "@/db/client";
import { esportaCsv, flussoDiTesto } from "@/app/_server/esporta-csv";
import { leggiFiltri, lineeCsv } from "@/lib/audit/queries";
import { oggiRoma } from "@/lib/numbers/calendario";

export const dynamic = "force-dynamic";

export const GET = esportaCsv("audit.leggi", (parametri) => {
  // Invalid filter values are dropped, as on the page.
  const { filtri } = leggiFiltri(parametri);
  return { csv: flussoDiTesto(lineeCsv(getDb(), filtri)), nome: `registro-${oggiRoma()}.csv` };
});
