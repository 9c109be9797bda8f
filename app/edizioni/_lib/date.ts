/** A timestamp's day in Italian time, "02/06/2017" (formatData would take the UTC day). */
export function giorno(iso: string): string {
  return new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso));
}
