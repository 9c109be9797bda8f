/** A SHA-256 as shown to the people who freeze, sign and publish it. */
export function Impronta({ sha256 }: { sha256: string }) {
  return <code className="text-break" data-testid="impronta">{sha256}</code>;
}
