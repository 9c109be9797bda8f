/** DCAT-AP_IT description of a published edition (latest revision), JSON-LD with its context inline. */
import { dcatEdizione } from "@/app/_server/dcat";

export const dynamic = "force-dynamic";
export const GET = dcatEdizione("jsonld");
