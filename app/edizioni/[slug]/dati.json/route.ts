/** Public file: dati.json of a published edition, the latest revision (short cache, ETag). */
import { fileEdizione } from "@/app/_server/file-pubblici";

export const dynamic = "force-dynamic";
export const GET = fileEdizione("json");
