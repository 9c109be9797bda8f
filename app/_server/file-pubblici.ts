/**
 * The one GET handler behind every public file of a published edition
 * (dati.json, dati.csv, dati.schema.json, bilancio-sociale.pdf), at the latest
 * revision's address and at /revisioni/<n>/: lib/publication/risposta-file.ts on
 * the app's connection. It never reads the session, so the files can be cached by anyone;
 * bytes that no longer hash to their signed SHA-256 are refused (500), never served.
 */
import { getDb } from "@/db/client";
import type { TipoFile } from "@/lib/publication/file-pubblici";
import { rispostaFile } from "@/lib/publication/risposta-file";

export interface ContestoFile {
  params: Promise<{ slug: string; n?: string }>;
}

/** `export const GET = fileEdizione("csv")` in each route.ts. */
export function fileEdizione(tipo: TipoFile) {
  return async function GET(request: Request, { params }: ContestoFile): Promise<Response> {
    return rispostaFile(getDb(), tipo, request, await params);
  };
}
