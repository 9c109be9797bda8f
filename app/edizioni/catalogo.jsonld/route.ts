/** DCAT-AP_IT catalogue of every published edition of the ente, JSON-LD with its context inline. */
import { dcatCatalogo } from "@/app/_server/dcat";

export const dynamic = "force-dynamic";
export const GET = dcatCatalogo("jsonld");
