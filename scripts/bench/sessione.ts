/** Logging in over HTTP as a browser does, and the cookies that carry the session. */
import { ErroreBench } from "./benchmark";
import { BASE } from "./server";

/** Demo accounts (db:reset): the coordinator edits and publishes, the Assessore signs. */
export const EMAIL_COORDINATORE = "coordinatore@cremona.example";
export const EMAIL_ASSESSORE = "assessore@cremona.example";

export class Sessione {
  private cookie = new Map<string, string>();

  assorbi(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const [coppia] = c.split(";");
      const i = coppia.indexOf("=");
      if (i > 0) this.cookie.set(coppia.slice(0, i).trim(), coppia.slice(i + 1).trim());
    }
  }

  get intestazione(): string {
    return [...this.cookie].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  ha(nome: string) {
    return this.cookie.has(nome);
  }
}

/** next-auth v4 credentials login: CSRF token + cookie, then the form post. */
export async function accedi(email: string, password: string): Promise<Sessione> {
  const s = new Sessione();
  const r1 = await fetch(`${BASE}/api/auth/csrf`);
  if (!r1.ok) throw new ErroreBench(`GET /api/auth/csrf: HTTP ${r1.status}`);
  s.assorbi(r1);
  const { csrfToken } = (await r1.json()) as { csrfToken: string };
  const r2 = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: s.intestazione },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${BASE}/` }),
  });
  s.assorbi(r2);
  const corpo = await r2.text();
  if (!s.ha("next-auth.session-token")) throw new ErroreBench(`Accesso di ${email} non riuscito (HTTP ${r2.status}): ${corpo.slice(0, 300)}`);
  return s;
}
