/**
 * Reading an action's answer in a form. Plain code with no server imports, so
 * client components use it too. The answer's shape is app/_server/azione.ts's:
 * `{ ok: true, ... } | { ok: false, tipo, messaggio, campi? }`.
 */

/** The least a form needs of an answer: whether it succeeded and, if not, the field messages. */
type RispostaConCampi = { ok: true } | { ok: false; campi?: Record<string, string> };

/** The field messages (field name → Italian message) of a refused answer; `{}` for a success, none yet, or a refusal without them. */
export function campiDi(esito: RispostaConCampi | null | undefined): Record<string, string> {
  return esito && !esito.ok && esito.campi ? esito.campi : {};
}
