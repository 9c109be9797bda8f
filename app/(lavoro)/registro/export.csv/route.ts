/** The audit log as CSV, with the same filters and the same permission as /registro. */
import { getDb } from "@/db/client";
import { esportaCsv } from "@/app/_server/esporta-csv";
import { leggiFiltri, righeCsv } from "@/lib/audit/queries";
import { oggiRoma } from "@/lib/numbers/calendario";

export const dynamic = "force-dynamic";

export const GET = esportaCsv("audit.leggi", (parametri) => {
  // Invalid filter values are dropped, as on the page.
  const { filtri } = leggiFiltri(parametri);
  return { csv: righeCsv(getDb(), filtri), nome: `registro-${oggiRoma()}.csv` };
});
