/** The meta description of a public page: one line of plain text, cut at a word near `max` characters. */
export function descrizione(testo: string, max = 220): string {
  const t = testo.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const taglio = t.slice(0, max - 1);
  const spazio = taglio.lastIndexOf(" ");
  return `${(spazio > max / 2 ? taglio.slice(0, spazio) : taglio).replace(/[\s,;:.–-]+$/, "")}…`;
}
