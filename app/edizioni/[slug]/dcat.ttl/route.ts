/** DCAT-AP_IT description of a published edition (latest revision), Turtle. */
import { dcatEdizione } from "@/app/_server/dcat";

export const dynamic = "force-dynamic";
export const GET = dcatEdizione("turtle");
