/** What the amministratore's screens read: people with roles and invitation state, settori with what hangs on them. */
import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ambitoSettori, ente, editions, roleMemberships, sections, settori, userTokens, users } from "../../db/schema";
import type { Ruolo } from "../ruoli";

/** The Comune\'s name, as set up (`npm run setup`) or by the demo. */
export function nomeEnte(db: Tx): string {
  return db.select({ nome: ente.nome }).from(ente).get()?.nome ?? "Il Comune";
}

export interface RuoloUtente {
  id: number;
  ruolo: Ruolo;
  settoreId: number | null;
  settore: string | null;
  settoreAttivo: boolean | null;
}

/**
 * Where a person stands with their password: chosen ("attivo"), invited and the
 * link still valid, invited and the link expired (or replaced and used), or never invited.
 */
export type StatoInvito = { stato: "password" } | { stato: "in_attesa"; scadeIl: string } | { stato: "scaduto"; scadeIl: string } | { stato: "mai_invitato" };

export interface UtenteElenco {
  id: number;
  email: string;
  nome: string;
  attivo: boolean;
  ruoli: RuoloUtente[];
  invito: StatoInvito;
}

function ruoliDi(db: Db, userIds?: number[]): (RuoloUtente & { userId: number })[] {
  const q = db
    .select({ id: roleMemberships.id, userId: roleMemberships.userId, ruolo: roleMemberships.ruolo, settoreId: roleMemberships.settoreId, settore: settori.nome, settoreAttivo: settori.attivo })
    .from(roleMemberships)
    .leftJoin(settori, eq(settori.id, roleMemberships.settoreId));
  return (userIds ? q.where(inArray(roleMemberships.userId, userIds)) : q).orderBy(asc(roleMemberships.id)).all();
}

function statiInvito(db: Db, userIds: number[], adesso: Date): Map<number, StatoInvito> {
  const m = new Map<number, StatoInvito>();
  if (userIds.length === 0) return m;
  const righe = db
    .select({ userId: userTokens.userId, scadeIl: userTokens.scadeIl, usatoIl: userTokens.usatoIl })
    .from(userTokens)
    .where(and(eq(userTokens.tipo, "invito"), inArray(userTokens.userId, userIds)))
    .orderBy(desc(userTokens.id))
    .all();
  for (const r of righe) {
    if (m.has(r.userId)) continue; // the newest invitation only
    const valido = r.usatoIl === null && new Date(r.scadeIl).getTime() > adesso.getTime();
    m.set(r.userId, valido ? { stato: "in_attesa", scadeIl: r.scadeIl } : { stato: "scaduto", scadeIl: r.scadeIl });
  }
  return m;
}

export function elencoUtenti(db: Db, adesso = new Date()): UtenteElenco[] {
  const tutti = db.select({ id: users.id, email: users.email, nome: users.nome, attivo: users.attivo, senzaPassword: sql<number>`${users.passwordHash} = ''` }).from(users).orderBy(asc(users.email)).all();
  const ruoli = ruoliDi(db);
  const senza = tutti.filter((u) => u.senzaPassword).map((u) => u.id);
  const inviti = statiInvito(db, senza, adesso);
  return tutti.map(({ senzaPassword, ...u }) => ({
    ...u,
    ruoli: ruoli.filter((r) => r.userId === u.id),
    invito: senzaPassword ? (inviti.get(u.id) ?? { stato: "mai_invitato" }) : { stato: "password" },
  }));
}

export function schedaUtente(db: Db, userId: number, adesso = new Date()): UtenteElenco | null {
  const u = db.select({ id: users.id, email: users.email, nome: users.nome, attivo: users.attivo, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  if (!u) return null;
  const { passwordHash, ...resto } = u;
  return {
    ...resto,
    ruoli: ruoliDi(db, [u.id]),
    invito: passwordHash !== "" ? { stato: "password" } : (statiInvito(db, [u.id], adesso).get(u.id) ?? { stato: "mai_invitato" }),
  };
}

export interface SettoreElenco {
  id: number;
  codice: string;
  nome: string;
  attivo: boolean;
  unitoInId: number | null;
  unitoIn: string | null;
  /** Sections it owns in editions still in preparation. */
  sezioniAperte: number;
  /** Sections it owns in every edition, published ones included. */
  sezioni: number;
  referenti: number;
}

export function elencoSettori(db: Db): SettoreElenco[] {
  const tutti = db.select().from(settori).orderBy(asc(settori.nome)).all();
  const nomi = new Map(tutti.map((s) => [s.id, s.nome]));
  const conta = (righe: { settoreId: number; n: number }[]) => new Map(righe.map((r) => [r.settoreId, r.n]));
  const sezioni = conta(db.select({ settoreId: sections.settoreId, n: sql<number>`count(*)` }).from(sections).groupBy(sections.settoreId).all());
  const aperte = conta(
    db
      .select({ settoreId: sections.settoreId, n: sql<number>`count(*)` })
      .from(sections)
      .innerJoin(editions, eq(editions.id, sections.editionId))
      .where(eq(editions.stato, "in_preparazione"))
      .groupBy(sections.settoreId)
      .all(),
  );
  const referenti = conta(
    db
      .select({ settoreId: sql<number>`${roleMemberships.settoreId}`, n: sql<number>`count(*)` })
      .from(roleMemberships)
      .innerJoin(users, eq(users.id, roleMemberships.userId))
      .where(and(eq(roleMemberships.ruolo, "referente"), eq(users.attivo, true)))
      .groupBy(roleMemberships.settoreId)
      .all(),
  );
  return tutti.map((s) => ({
    id: s.id,
    codice: s.codice,
    nome: s.nome,
    attivo: s.attivo,
    unitoInId: s.unitoInId,
    unitoIn: s.unitoInId ? (nomi.get(s.unitoInId) ?? null) : null,
    sezioni: sezioni.get(s.id) ?? 0,
    sezioniAperte: aperte.get(s.id) ?? 0,
    referenti: referenti.get(s.id) ?? 0,
  }));
}

/** The active settori, for a select (referente's settore, survivor of a merge). */
/** Settori that can receive people and sections or be named by an ambito: active and not merged into another. */
export function settoriAttivi(db: Tx, tranne?: number): { id: number; codice: string; nome: string }[] {
  const vivo = and(eq(settori.attivo, true), isNull(settori.unitoInId));
  const cond = tranne ? and(vivo, ne(settori.id, tranne)) : vivo;
  return db.select({ id: settori.id, codice: settori.codice, nome: settori.nome }).from(settori).where(cond).orderBy(asc(settori.nome)).all();
}

/** The people who hold a role in a settore (for the settore's page). */
export function personeDelSettore(db: Db, settoreId: number): { id: number; nome: string; email: string; attivo: boolean }[] {
  return db
    .select({ id: users.id, nome: users.nome, email: users.email, attivo: users.attivo })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(eq(roleMemberships.settoreId, settoreId))
    .orderBy(asc(users.nome))
    .all();
}

/** How many ambiti name the settore (all editions). */
export function ambitiDelSettore(db: Db, settoreId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(ambitoSettori).where(eq(ambitoSettori.settoreId, settoreId)).get()?.n ?? 0;
}
