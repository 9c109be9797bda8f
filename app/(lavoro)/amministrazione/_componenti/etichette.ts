/** How the admin screens name people's states. */
import type { StatoInvito } from "@/lib/admin/queries";
import { formatDataOra } from "@/lib/numbers/format";
import { ETICHETTE_RUOLO, type Ruolo } from "@/lib/ruoli";

export function testoInvito(i: StatoInvito): string {
  switch (i.stato) {
    case "password":
      return "Password scelta";
    case "in_attesa":
      return `Invito in attesa, scade il ${formatDataOra(i.scadeIl)}`;
    case "scaduto":
      return `Invito scaduto o sostituito (${formatDataOra(i.scadeIl)})`;
    case "mai_invitato":
      return "Nessun invito inviato";
  }
}

export function testoRuolo(r: { ruolo: Ruolo; settore: string | null }): string {
  return ETICHETTE_RUOLO[r.ruolo] + (r.settore ? ` (${r.settore})` : "");
}
