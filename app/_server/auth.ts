/** next-auth configuration: email + password, sessions in a signed cookie that expires. */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verificaCredenziali } from "@/lib/auth/login";
import { apriSessione, DURATA_MASSIMA_ORE, esci } from "@/lib/auth/sessioni";
import { authSecret } from "@/lib/auth/secret";
import { credenzialiSchema } from "@/lib/auth/schemas";
import { indirizzoDa, INTESTAZIONE_SOCKET } from "@/lib/sicurezza/indirizzo";

// Without a configured public URL, take the host from the request (we run behind no other proxy).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

/** The cookie lasts as long as a session may (lib/auth/sessioni.ts), which also ends it when idle or revoked. */
export const SESSIONE_ORE = DURATA_MASSIMA_ORE;

/** The client's address as lib/sicurezza/indirizzo.ts reads it: X-Forwarded-For only through TRUST_PROXY hops. */
function indirizzo(headers: Record<string, unknown> | undefined): string {
  const h = (k: string) => (typeof headers?.[k] === "string" ? (headers[k] as string) : undefined);
  return indirizzoDa({ socket: h(INTESTAZIONE_SOCKET), inoltrato: h("x-forwarded-for") });
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSIONE_ORE * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email e password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credenzialiSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Dati non validi");
        const esito = await verificaCredenziali(getDb(), parsed.data.email, parsed.data.password, indirizzo(req?.headers));
        // The message travels to the login form; it never says whether the email exists.
        if (!esito.ok) throw new Error(esito.messaggio);
        // A revocable session: the cookie carries its id, and every request checks its row.
        const sid = apriSessione(getDb(), esito.userId, { ip: indirizzo(req?.headers) });
        return { id: String(esito.userId), name: esito.nome, email: esito.email, sid };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sid: token.sid };
    },
  },
  events: {
    signOut({ token }) {
      const uid = typeof token?.uid === "number" ? token.uid : null;
      const sid = typeof token?.sid === "string" ? token.sid : null;
      esci(getDb(), { userId: uid, email: token?.email ?? null, sid });
    },
  },
};
