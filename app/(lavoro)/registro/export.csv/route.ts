/** The audit log as CSV, with the same filters and the same permission as /registro. */
import { getDb } from "@/db/client";
import { utenteCorrente } from "@/app/_server/session";
import { leggiFiltri, righeCsv } from "@/lib/audit/queries";
import { oggiRoma } from "@/lib/numbers/calendario";
import { decidi } from "@/lib/policy";

export const dynamic = "force-dynamic";

const testo = (corpo: string, status: number) =>
  new Response(corpo, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(request: Request): Promise<Response> {
  const u = await utenteCorrente();
  if (!u) return testo("Accesso richiesto: entra nel Bilancio Sociale e riprova.", 401);
  const d = decidi(u.attore, "audit.leggi");
  if (!d.consentito) return testo(`Accesso non consentito. ${d.motivo}`, 403);
  // Invalid filter values are dropped, as on the page.
  const { filtri } = leggiFiltri(new URL(request.url).searchParams);
  const csv = righeCsv(getDb(), filtri);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="registro-${oggiRoma()}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
