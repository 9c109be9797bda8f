/** Page-level permission checks: the policy decides, forbidden() answers 403. */
import { forbidden } from "next/navigation";
import type { Decisione } from "@/lib/policy";

export function consentiOppure403(d: Decisione): void {
  if (!d.consentito) forbidden();
}
