/** Calendar days in Italian time (Europe/Rome): the app stores UTC, people think in Italian days. */
/** True for a real calendar day written "YYYY-MM-DD" (not 2017-02-30). */
export function giornoReale(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [a, me, g] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(a, me - 1, g));
  return d.getUTCFullYear() === a && d.getUTCMonth() === me - 1 && d.getUTCDate() === g;
}

const orologioRoma = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Rome",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Milliseconds Italian wall-clock time is ahead of UTC at instant `t` (1h or 2h). */
function scartoRomaMs(t: number): number {
  const parti = orologioRoma.formatToParts(new Date(t));
  const v = (tipo: Intl.DateTimeFormatPartTypes) => Number(parti.find((p) => p.type === tipo)!.value);
  const parete = Date.UTC(v("year"), v("month") - 1, v("day"), v("hour"), v("minute"), v("second"));
  return parete - Math.floor(t / 1000) * 1000;
}

/** The UTC instant (ISO) at which an Italian calendar day begins. Midnight is never skipped by DST in Italy. */
export function inizioGiornoRoma(giorno: string): string {
  const [a, m, g] = giorno.split("-").map(Number);
  const parete = Date.UTC(a, m - 1, g);
  const stima = parete - scartoRomaMs(parete);
  return new Date(parete - scartoRomaMs(stima)).toISOString();
}

/** The calendar day `giorni` days after `giorno` (one by default), "YYYY-MM-DD". */
export function giornoDopo(giorno: string, giorni = 1): string {
  const [a, m, g] = giorno.split("-").map(Number);
  return new Date(Date.UTC(a, m - 1, g + giorni)).toISOString().slice(0, 10);
}

/** Today's date in Italy, "YYYY-MM-DD". */
export function oggiRoma(adesso = new Date()): string {
  return new Date(adesso.getTime() + scartoRomaMs(adesso.getTime())).toISOString().slice(0, 10);
}
