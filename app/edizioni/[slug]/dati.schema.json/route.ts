/** Public file: dati.schema.json of a published edition, the JSON Schema of dati.json (same for every edition). */
import { fileEdizione } from "@/app/_server/file-pubblici";

export const dynamic = "force-dynamic";
export const GET = fileEdizione("schema");
