/**
 * The chain of custody of what is published, checked end to end:
 *
 *   frozen  the edition row's dati_json hashes to its sha256 ("Invia alla firma");
 *   signed  a signature carries that hash, by a user who held the Assessore role at
 *           that moment through a grant made by someone else (storico_ruoli), held no
 *           amministratore or coordinatore role then and did not send it for signature;
 *   published  the publication's bytes are the frozen bytes, hash to its sha256,
 *           and that hash is the signed one; revisions 1, 2, 3… with no gaps;
 *           a published edition row has its publication, a signed one its signature.
 *
 * The database refuses most breaks as they are attempted (drizzle/0001, 0003, 0006);
 * this reads what is there, for `npm run verify`, for the server at start and for
 * tests that break the chain on purpose with the triggers dropped.
 */
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { editions, publications, roleMemberships, signatures, storicoRuoli, users } from "../../db/schema";
import { ETICHETTE_RUOLO } from "../ruoli";
import { vociAudit } from "../audit/leggi";
import { sha256 } from "../sha256";
import { serializzaCanonico } from "./canonical";
import { datiSchema } from "./dati";

export interface Problema {
  /** What is broken, e.g. "2014-2016, revisione 2" or "edizione 2017-2019". */
  dove: string;
  messaggio: string;
}

export interface PubblicazioneVerificata {
  slug: string;
  revisione: number;
  sha256: string;
  firmatario: string;
  firmataIl: string;
  /** Who made the signer Assessore, by their name when signing. */
  concessoDa: string | null;
}

export interface EsitoVerifica {
  ok: boolean;
  /** Publications whose whole chain held. */
  verificate: PubblicazioneVerificata[];
  problemi: Problema[];
}

/**
 * A publication whose bytes no longer hash to the signed SHA-256: it is never
 * served (pages and files answer 500) and the server logs it.
 */
export class PubblicazioneAlterata extends Error {
  constructor(
    readonly slug: string,
    readonly revisione: number,
    readonly atteso: string,
    readonly trovato: string,
  ) {
    super(`Pubblicazione alterata: ${slug}, revisione ${revisione}: i byte hanno SHA-256 ${trovato}, quello firmato è ${atteso}.`);
    this.name = "PubblicazioneAlterata";
  }
}

/** What readers see instead of altered data (the details go to the log only). */
export const MESSAGGIO_ALTERATA =
  "Questi dati non vengono mostrati: nel database non corrispondono più all'impronta SHA-256 firmata dall'Assessore. L'amministrazione del Comune è stata avvisata; riprova più tardi.";

/** Throws PubblicazioneAlterata unless the bytes hash to the published hash and that is the signed one. */
export function controllaByte(p: { slug: string; revisione: number; datiJson: string; sha256: string; sha256Firmato: string }): void {
  const trovato = sha256(p.datiJson);
  if (trovato !== p.sha256 || p.sha256 !== p.sha256Firmato) throw new PubblicazioneAlterata(p.slug, p.revisione, p.sha256Firmato, trovato);
}

const breve = (h: string | null | undefined) => (h ? `${h.slice(0, 12)}…` : "nessuno");

/**
 * For signatures older than the history of roles (drizzle/0010), which name no grant: whether
 * the signer held the Assessore role: holds it now, or the audit log shows it taken away after the signature.
 */
function eraAssessore(db: Tx, userId: number, firmataIl: string): boolean {
  const ora = db.select({ ruolo: roleMemberships.ruolo }).from(roleMemberships).where(eq(roleMemberships.userId, userId)).all();
  if (ora.some((r) => r.ruolo === "assessore")) return true;
  return vociAudit(db, { azioni: ["utente.ruolo_rimuovi"] }).some((v) => v.dettagli?.ruolo === "assessore" && v.dettagli.utenteId === userId && v.at >= firmataIl);
}

type RigaStorico = typeof storicoRuoli.$inferSelect;
type RigaFirma = typeof signatures.$inferSelect;

/**
 * What the history of roles says of a signer at the moment of signing: the grant the
 * signature names was theirs, of the Assessore role, made before the signature by
 * someone else and not yet taken away; no amministratore or coordinatore role in force;
 * and they did not send the edition for signature. One message per break.
 */
function controllaFirmatario(db: Tx, f: RigaFirma, e: typeof editions.$inferSelect, storico: RigaStorico[], nome: string): string[] {
  const problemi: string[] = [];
  const revocataPrima = (g: RigaStorico) => storico.some((r) => r.evento === "revocato" && r.concessioneId === g.id && r.at < f.firmataIl);
  const inizioStorico = storico.find((r) => r.evento === "preesistente")?.at ?? null;
  if (f.concessioneId === null) {
    // Signed before the history existed: only the old check is possible.
    if (inizioStorico !== null && f.firmataIl < inizioStorico) {
      if (!eraAssessore(db, f.userId, f.firmataIl)) problemi.push(`il firmatario ${nome} non ha il ruolo di Assessore.`);
    } else {
      problemi.push(`la firma non indica la concessione che ha reso ${nome} Assessore.`);
    }
  } else {
    const g = storico.find((r) => r.id === f.concessioneId);
    if (!g || g.userId !== f.userId || g.ruolo !== "assessore" || (g.evento !== "concesso" && g.evento !== "preesistente")) {
      problemi.push(`il firmatario ${nome} non ha il ruolo di Assessore: la concessione ${f.concessioneId} indicata dalla firma non è la sua concessione di quel ruolo.`);
    } else {
      if (g.at > f.firmataIl) problemi.push(`il firmatario ${nome} non ha il ruolo di Assessore al momento della firma: gli è stato concesso dopo (${g.at}).`);
      if (revocataPrima(g)) problemi.push(`il firmatario ${nome} non ha il ruolo di Assessore al momento della firma: gli era stato tolto prima.`);
      if (g.attoreId === null) problemi.push(`il ruolo di Assessore di ${nome} non risulta concesso da un'altra persona (chi lo ha concesso non è registrato).`);
      else if (g.attoreId === f.userId) problemi.push(`il ruolo di Assessore di ${nome} se l'era concesso da solo.`);
      if (f.concessoDa !== g.attoreId) problemi.push("la firma attribuisce la concessione del ruolo di Assessore a una persona diversa da quella registrata nello storico dei ruoli.");
    }
  }
  for (const r of storico) {
    if (r.userId !== f.userId || (r.ruolo !== "amministratore" && r.ruolo !== "coordinatore")) continue;
    if ((r.evento === "concesso" || r.evento === "preesistente") && r.at <= f.firmataIl && !revocataPrima(r)) {
      problemi.push(`il firmatario ${nome} aveva anche il ruolo di ${ETICHETTE_RUOLO[r.ruolo]} quando ha firmato.`);
    }
  }
  const invio = vociAudit(db, { azioni: ["edizione.invia_firma"], editionId: e.id }).filter((v) => v.at <= f.firmataIl).at(-1);
  if (e.inviataFirmaDa === f.userId || invio?.userId === f.userId) problemi.push(`il firmatario ${nome} aveva inviato lui stesso l'edizione alla firma.`);
  return problemi;
}

/** Checks every publication, signature and frozen snapshot in the database. */
export function verificaCatena(db: Tx): EsitoVerifica {
  const problemi: Problema[] = [];
  const verificate: PubblicazioneVerificata[] = [];
  const tutte = db.select().from(editions).orderBy(asc(editions.id)).all();
  const perId = new Map(tutte.map((e) => [e.id, e]));
  const firme = db.select().from(signatures).orderBy(asc(signatures.id)).all();
  const pubs = db.select().from(publications).orderBy(asc(publications.editionId), asc(publications.revisione)).all();
  const storico = db.select().from(storicoRuoli).orderBy(asc(storicoRuoli.id)).all();

  // Frozen: every snapshot hashes to its hash.
  for (const e of tutte) {
    const dove = `edizione ${e.slug}`;
    if (e.datiJson === null && e.sha256 === null) {
      if (e.stato !== "in_preparazione") problemi.push({ dove, messaggio: `è "${e.stato}" ma non ha un contenuto congelato.` });
      continue;
    }
    if (e.datiJson === null || e.sha256 === null || sha256(e.datiJson) !== e.sha256) {
      problemi.push({ dove, messaggio: `il contenuto congelato non ha lo SHA-256 dichiarato (dichiarato ${breve(e.sha256)}, calcolato ${breve(e.datiJson === null ? null : sha256(e.datiJson))}).` });
    }
    if ((e.stato === "firmata" || e.stato === "pubblicata") && !firme.some((f) => f.editionId === e.id && f.revisione === e.revisione && f.sha256 === e.sha256)) {
      problemi.push({ dove, messaggio: `è "${e.stato}" ma nessuna firma porta il suo SHA-256 ${breve(e.sha256)}.` });
    }
    if (e.stato === "pubblicata" && !pubs.some((p) => p.editionId === (e.correggeId ?? e.id) && p.revisione === e.revisione && p.sha256 === e.sha256)) {
      problemi.push({ dove, messaggio: `è "pubblicata" ma la sua pubblicazione (revisione ${e.revisione}, SHA-256 ${breve(e.sha256)}) manca.` });
    }
  }

  // Signed: by an Assessore, of the frozen snapshot, once per revision.
  for (const f of firme) {
    const e = perId.get(f.editionId);
    const dove = `firma ${f.id} (edizione ${e?.slug ?? f.editionId}, revisione ${f.revisione})`;
    if (!e) {
      problemi.push({ dove, messaggio: "l'edizione firmata non esiste." });
      continue;
    }
    if (f.sha256 !== e.sha256) problemi.push({ dove, messaggio: `firma lo SHA-256 ${breve(f.sha256)}, ma il contenuto congelato dell'edizione ha ${breve(e.sha256)}.` });
    if (firme.some((g) => g.id !== f.id && g.editionId === f.editionId && g.revisione === f.revisione)) problemi.push({ dove, messaggio: "la stessa revisione ha più di una firma." });
    const u = db.select({ nome: users.nome }).from(users).where(eq(users.id, f.userId)).get();
    if (!u) problemi.push({ dove, messaggio: `il firmatario (utente ${f.userId}) non esiste.` });
    else for (const messaggio of controllaFirmatario(db, f, e, storico, f.firmatario ?? u.nome)) problemi.push({ dove, messaggio });
  }

  // Published: the signed bytes, byte for byte, revisions without gaps.
  const revisioniPer = new Map<number, number[]>();
  for (const p of pubs) {
    const radice = perId.get(p.editionId);
    const slug = radice?.slug ?? String(p.editionId);
    const dove = `${slug}, revisione ${p.revisione}`;
    const prima = problemi.length;
    revisioniPer.set(p.editionId, [...(revisioniPer.get(p.editionId) ?? []), p.revisione]);

    const calcolato = sha256(p.datiJson);
    if (calcolato !== p.sha256) problemi.push({ dove, messaggio: `i byte pubblicati (dati.json) hanno SHA-256 ${breve(calcolato)}, non quello pubblicato ${breve(p.sha256)}.` });
    let canonico = false;
    try {
      const dati = datiSchema.parse(JSON.parse(p.datiJson));
      canonico = serializzaCanonico(dati) === p.datiJson;
      if (dati.edizione.slug !== slug || dati.edizione.revisione !== p.revisione) {
        problemi.push({ dove, messaggio: `dati.json dice di essere ${dati.edizione.slug}, revisione ${dati.edizione.revisione}.` });
      }
    } catch {
      // reported just below
    }
    if (!canonico) problemi.push({ dove, messaggio: "dati.json non è il JSON canonico dei dati aperti (non si rilegge o non è serializzato in forma canonica)." });

    const f = firme.find((x) => x.id === p.signatureId);
    if (!f) {
      problemi.push({ dove, messaggio: `la firma ${p.signatureId} non esiste.` });
      continue;
    }
    if (f.sha256 !== p.sha256) problemi.push({ dove, messaggio: `lo SHA-256 pubblicato ${breve(p.sha256)} non è quello firmato ${breve(f.sha256)}.` });
    if (f.revisione !== p.revisione) problemi.push({ dove, messaggio: `la firma è della revisione ${f.revisione}.` });
    const e = perId.get(f.editionId);
    if (e) {
      if ((e.correggeId ?? e.id) !== p.editionId) problemi.push({ dove, messaggio: `la firma è di un'altra edizione (${e.slug}).` });
      if (e.datiJson !== p.datiJson) problemi.push({ dove, messaggio: `i byte pubblicati non sono quelli congelati e firmati nell'edizione ${e.slug}.` });
      if (e.stato !== "pubblicata") problemi.push({ dove, messaggio: `l'edizione firmata ${e.slug} risulta "${e.stato}", non pubblicata.` });
    }
    if (problemi.length === prima) {
      const u = db.select({ nome: users.nome }).from(users).where(eq(users.id, f.userId)).get();
      verificate.push({ slug, revisione: p.revisione, sha256: p.sha256, firmatario: f.firmatario ?? u?.nome ?? String(f.userId), firmataIl: f.firmataIl, concessoDa: f.concessoDaNome });
    }
  }
  for (const [editionId, revisioni] of revisioniPer) {
    if (revisioni.some((r, i) => r !== i + 1)) {
      problemi.push({ dove: `${perId.get(editionId)?.slug ?? editionId}`, messaggio: `le revisioni pubblicate sono ${revisioni.join(", ")}: devono essere 1, 2, 3… senza salti.` });
    }
  }
  return { ok: problemi.length === 0, verificate, problemi };
}

/** The report of `npm run verify` and of the server's check at start, one line per fact. */
export function descriviVerifica(v: EsitoVerifica): string[] {
  const righe = v.verificate.map(
    (p) => `✓ ${p.slug}, revisione ${p.revisione}: SHA-256 ${p.sha256}, firmato da ${p.firmatario} (${p.firmataIl})${p.concessoDa ? `, Assessore per nomina di ${p.concessoDa}` : ""}`,
  );
  for (const p of v.problemi) righe.push(`✗ ${p.dove}: ${p.messaggio}`);
  righe.push(
    v.ok
      ? `Catena integra: ${v.verificate.length} ${v.verificate.length === 1 ? "pubblicazione verificata" : "pubblicazioni verificate"} (congelata → firmata → pubblicata).`
      : `Catena INTERROTTA: ${v.problemi.length} ${v.problemi.length === 1 ? "problema" : "problemi"}.`,
  );
  return righe;
}
