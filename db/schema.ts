/**
 * The whole data model. Later features add screens, not tables.
 * Timestamps are ISO-8601 UTC strings (sortable, readable in raw SQL).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { AzioneAudit } from "../lib/audit/vocabolario";
import { RUOLI } from "../lib/ruoli";
import { MOTIVI_REVISIONE } from "../lib/sections/tipi";
import { STATI_COMMENTO, STATI_EDIZIONE, STATI_FILE_SITO, STATI_SEZIONE } from "../lib/workflow";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const createdAt = () => text("created_at").notNull().default(now);

export const ente = sqliteTable("ente", {
  id: integer("id").primaryKey(),
  nome: text("nome").notNull(),
  /** Licence of the open data (SPDX id), named in the DCAT-AP_IT catalogue. */
  licenza: text("licenza").notNull().default("CC-BY-4.0"),
});

export const settori = sqliteTable("settori", {
  id: integer("id").primaryKey(),
  codice: text("codice").notNull().unique(),
  nome: text("nome").notNull(),
  attivo: integer("attivo", { mode: "boolean" }).notNull().default(true),
  /** Set when this settore was merged into another: its sections and people moved there. */
  unitoInId: integer("unito_in_id"),
});

export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  email: text("email").notNull().unique(),
  nome: text("nome").notNull(),
  /** Empty ("") until the invited person sets their own password: no password matches it. */
  passwordHash: text("password_hash").notNull(),
  attivo: integer("attivo", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
});

/**
 * Signed-in sessions. The session cookie names one row, so logout, a password
 * change or a deactivation end it at once, whatever the cookie's own expiry says.
 */
export const sessioni = sqliteTable(
  "sessioni",
  {
    /** Random, carried inside the signed session cookie. */
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    createdAt: createdAt(),
    ultimoUsoIl: text("ultimo_uso_il").notNull().default(now),
    revocataIl: text("revocata_il"),
    /** The client address at login; blanked after 90 days (lib/sicurezza/conservazione.ts). */
    ip: text("ip"),
  },
  (t) => [index("sessioni_user").on(t.userId)],
);

export const TIPI_TOKEN = ["invito", "reimposta", "email"] as const;

/**
 * Single-use links sent by mail (invitation, password reset, confirmation of a new email
 * address asked from one's profile): only their SHA-256 is stored.
 */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id),
    tipo: text("tipo", { enum: TIPI_TOKEN }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    scadeIl: text("scade_il").notNull(),
    usatoIl: text("usato_il"),
    creatoDa: integer("creato_da").references(() => users.id),
    /** For an "email" link: the new address it confirms (applied only when the link is used). */
    nuovaEmail: text("nuova_email"),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_user").on(t.userId, t.tipo)],
);


/**
 * One person can hold several roles; a referente's role names their settore.
 * Who granted it is recorded, and the database writes each grant into `storico_ruoli`
 * and fills `concessioneId` itself (drizzle/0010): nobody grants a role to themselves,
 * and an Assessore holds no amministratore or coordinatore role.
 */
export const roleMemberships = sqliteTable(
  "role_memberships",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    ruolo: text("ruolo", { enum: RUOLI }).notNull(),
    settoreId: integer("settore_id").references(() => settori.id),
    /** Who granted the role; null only for the first amministratore (setup) and roles older than the history. */
    concessoDa: integer("concesso_da").references(() => users.id),
    /** The grant's row in `storico_ruoli`, written by the database's trigger. */
    concessioneId: integer("concessione_id").references((): AnySQLiteColumn => storicoRuoli.id),
  },
  (t) => [
    uniqueIndex("role_memberships_unique").on(t.userId, t.ruolo, t.settoreId),
    check("referente_has_settore", sql`(${t.ruolo} = 'referente') = (${t.settoreId} IS NOT NULL)`),
  ],
);

/** What happens to a role: granted, taken away, moved to another settore (a merge), or held before the history began. */
export const EVENTI_RUOLO = ["concesso", "revocato", "spostato", "preesistente"] as const;
export type EventoRuolo = (typeof EVENTI_RUOLO)[number];

/**
 * The history of roles, append-only (triggers refuse UPDATE and DELETE): who granted
 * which role to whom and when, who took it away. Grants are written by the database
 * itself when a `role_memberships` row is inserted; a removal by the service, with its
 * author, just before the row is deleted (or by the database, without one, if not).
 */
export const storicoRuoli = sqliteTable(
  "storico_ruoli",
  {
    id: integer("id").primaryKey(),
    at: text("at").notNull().default(now),
    evento: text("evento", { enum: EVENTI_RUOLO }).notNull(),
    /** The person whose role it is. */
    userId: integer("user_id").notNull().references(() => users.id),
    ruolo: text("ruolo", { enum: RUOLI }).notNull(),
    settoreId: integer("settore_id").references(() => settori.id),
    /** Who acted; null when unknown (the first amministratore, a merge of settori, a row deleted outside the app). */
    attoreId: integer("attore_id").references(() => users.id),
    /** The `role_memberships` row concerned, as it was numbered then. */
    membershipId: integer("membership_id"),
    /** For a removal or a move: the grant it ends or moves. */
    concessioneId: integer("concessione_id").references((): AnySQLiteColumn => storicoRuoli.id),
  },
  (t) => [index("storico_ruoli_user").on(t.userId, t.at)],
);

export const editions = sqliteTable("editions", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  titolo: text("titolo").notNull(),
  annoInizio: integer("anno_inizio").notNull(),
  annoFine: integer("anno_fine").notNull(),
  stato: text("stato", { enum: STATI_EDIZIONE }).notNull().default("in_preparazione"),
  /** The edition this one was carried forward from (its values are the baseline). */
  basataSuId: integer("basata_su_id"),
  /**
   * An erratum is worked on as its own edition row: it corrects the published
   * edition `correggeId` and, once signed, is published as its revision `revisione`.
   */
  correggeId: integer("corregge_id"),
  revisione: integer("revisione").notNull().default(1),
  /** Why an erratum is made: shown in the public "Errata" list. */
  modifiche: text("modifiche"),
  /** The canonical open data frozen by "Invia alla firma", and its SHA-256. */
  datiJson: text("dati_json"),
  sha256: text("sha256"),
  /** Who sent it for signature (set by "Invia alla firma", cleared when it comes back): they cannot sign it. */
  inviataFirmaDa: integer("inviata_firma_da").references((): AnySQLiteColumn => users.id),
  version: integer("version").notNull().default(1),
  createdAt: createdAt(),
  updatedAt: text("updated_at").notNull().default(now),
});

export const parts = sqliteTable(
  "parts",
  {
    id: integer("id").primaryKey(),
    editionId: integer("edition_id").notNull().references(() => editions.id),
    codice: text("codice").notNull(),
    titolo: text("titolo").notNull(),
    posizione: integer("posizione").notNull(),
  },
  (t) => [uniqueIndex("parts_codice").on(t.editionId, t.codice)],
);

export const areas = sqliteTable("areas", {
  id: integer("id").primaryKey(),
  partId: integer("part_id").notNull().references(() => parts.id),
  numero: integer("numero").notNull(),
  titolo: text("titolo").notNull(),
  posizione: integer("posizione").notNull(),
});

export const ambiti = sqliteTable(
  "ambiti",
  {
    id: integer("id").primaryKey(),
    areaId: integer("area_id").notNull().references(() => areas.id),
    codice: text("codice").notNull(),
    titolo: text("titolo").notNull(),
    obiettivo: text("obiettivo").notNull(),
    /** Names of the assessori who answer for the ambito, in the report's order. */
    assessori: text("assessori", { mode: "json" }).$type<string[]>().notNull(),
    posizione: integer("posizione").notNull(),
  },
);

export const ambitoSettori = sqliteTable(
  "ambito_settori",
  {
    ambitoId: integer("ambito_id").notNull().references(() => ambiti.id),
    settoreId: integer("settore_id").notNull().references(() => settori.id),
    posizione: integer("posizione").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ambitoId, t.settoreId] })],
);


/** The unit of work and of review: one ambito's (or one identity page's) content. */
export const sections = sqliteTable(
  "sections",
  {
    id: integer("id").primaryKey(),
    editionId: integer("edition_id").notNull().references(() => editions.id),
    partId: integer("part_id").notNull().references(() => parts.id),
    /** Set for a section inside an area; null for a page directly in a part. */
    ambitoId: integer("ambito_id").unique().references(() => ambiti.id),
    codice: text("codice").notNull(),
    titolo: text("titolo").notNull(),
    settoreId: integer("settore_id").notNull().references(() => settori.id),
    stato: text("stato", { enum: STATI_SEZIONE }).notNull().default("bozza"),
    scadenza: text("scadenza"),
    posizione: integer("posizione").notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("sections_codice").on(t.editionId, t.codice), index("sections_settore").on(t.settoreId)],
);

export const TIPI_BLOCCO = ["indicatore", "serie", "tabella", "scheda", "testo"] as const;

export const blocks = sqliteTable(
  "blocks",
  {
    id: integer("id").primaryKey(),
    sectionId: integer("section_id").notNull().references(() => sections.id),
    tipo: text("tipo", { enum: TIPI_BLOCCO }).notNull(),
    /** Validated by the zod schema of its kind (lib/content/blocks.ts) before every write. */
    payload: text("payload", { mode: "json" }).notNull(),
    posizione: integer("posizione").notNull(),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull().default(now),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [index("blocks_section").on(t.sectionId, t.posizione)],
);

/** Every saved state of a section: the full list of its blocks at that moment. */
export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey(),
    sectionId: integer("section_id").notNull().references(() => sections.id),
    numero: integer("numero").notNull(),
    contenuto: text("contenuto", { mode: "json" }).notNull(),
    motivo: text("motivo", { enum: MOTIVI_REVISIONE }).notNull(),
    authorId: integer("author_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("revisions_numero").on(t.sectionId, t.numero)],
);

export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey(),
    sectionId: integer("section_id").notNull().references(() => sections.id),
    /** Anchor: a block and, optionally, one of its fields (e.g. "valore"). */
    blockId: integer("block_id").references(() => blocks.id, { onDelete: "set null" }),
    campo: text("campo"),
    parentId: integer("parent_id"),
    authorId: integer("author_id").notNull().references(() => users.id),
    testo: text("testo").notNull(),
    risolto: integer("risolto", { mode: "boolean" }).notNull().default(false),
    risoltoDa: integer("risolto_da").references(() => users.id),
    risoltoIl: text("risolto_il"),
    createdAt: createdAt(),
  },
  (t) => [index("comments_section").on(t.sectionId)],
);

/**
 * A section removed from an edition in preparation: its row, blocks and revisions
 * are deleted from the working tables and kept here whole, so nothing written is lost.
 */
export const sezioniRimosse = sqliteTable("sezioni_rimosse", {
  id: integer("id").primaryKey(),
  editionId: integer("edition_id").notNull().references(() => editions.id),
  /** The removed section's id, as named by the audit log. */
  sectionId: integer("section_id").notNull(),
  codice: text("codice").notNull(),
  titolo: text("titolo").notNull(),
  settoreId: integer("settore_id").notNull(),
  /** The blocks as they were, and every revision: `{ numero, contenuto, motivo, authorId, createdAt }[]`. */
  blocchi: text("blocchi", { mode: "json" }).notNull(),
  revisioni: text("revisioni", { mode: "json" }).notNull(),
  rimossaDa: integer("rimossa_da").references(() => users.id),
  rimossaIl: text("rimossa_il").notNull().default(now),
});

/** The Assessore's sign-off: who, when, and the SHA-256 of the canonical content shown. */
export const signatures = sqliteTable("signatures", {
  id: integer("id").primaryKey(),
  editionId: integer("edition_id").notNull().references(() => editions.id),
  revisione: integer("revisione").notNull(),
  userId: integer("user_id").notNull().references(() => users.id),
  /** The signer's name as it was when signing: the record must not change if the account is renamed. */
  firmatario: text("firmatario"),
  /** The signer's email as it was when signing. */
  firmatarioEmail: text("firmatario_email"),
  /** The grant (a row of `storico_ruoli`) that made the signer Assessore, who made it and their name then. */
  concessioneId: integer("concessione_id").references((): AnySQLiteColumn => storicoRuoli.id),
  concessoDa: integer("concesso_da").references(() => users.id),
  concessoDaNome: text("concesso_da_nome"),
  sha256: text("sha256").notNull(),
  firmataIl: text("firmata_il").notNull().default(now),
});

/** Immutable published snapshots: revision 1 is the edition, 2, 3… its errata. */
export const publications = sqliteTable(
  "publications",
  {
    id: integer("id").primaryKey(),
    editionId: integer("edition_id").notNull().references(() => editions.id),
    revisione: integer("revisione").notNull(),
    datiJson: text("dati_json").notNull(),
    sha256: text("sha256").notNull(),
    signatureId: integer("signature_id").notNull().references(() => signatures.id),
    modifiche: text("modifiche"),
    pubblicataIl: text("pubblicata_il").notNull().default(now),
  },
  (t) => [uniqueIndex("publications_revisione").on(t.editionId, t.revisione)],
);

/**
 * The files of a published revision (pages, CSS, PDF, data, SHA256SUMS, sito.zip), made in
 * the background after the publication's transaction; one row per publication. The public
 * URLs answer from the folder only once `stato` is "pronto".
 */
export const sitiPubblicati = sqliteTable("siti_pubblicati", {
  publicationId: integer("publication_id")
    .primaryKey()
    .references(() => publications.id),
  stato: text("stato", { enum: STATI_FILE_SITO }).notNull().default("in_coda"),
  /** Progress: files made out of the total. */
  fatti: integer("fatti").notNull().default(0),
  totale: integer("totale").notNull().default(0),
  tentativi: integer("tentativi").notNull().default(0),
  errore: text("errore"),
  /** SHA-256 of the folder's SHA256SUMS once ready. */
  sha256Somme: text("sha256_somme"),
  aggiornatoIl: text("aggiornato_il").notNull().default(now),
});

/**
 * A citizen's answer on a public page: "Quanto sono chiare le informazioni su questa pagina?".
 * No account and no cookie: the address is kept only as a hash salted with the day's salt.
 */
export const valutazioni = sqliteTable(
  "valutazioni",
  {
    id: integer("id").primaryKey(),
    /** The published edition (the original one, not an erratum's working copy). */
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id),
    revisione: integer("revisione").notNull(),
    /** The page below /edizioni/<slug>: "" for the cover, "<parte>" or "<parte>/<pagina>". */
    percorso: text("percorso").notNull(),
    /** The ambito's section code when the page is an ambito (what the next edition carries on). */
    ambito: text("ambito"),
    voto: integer("voto").notNull(),
    /** The follow-up answer (what was clear / unclear), from a fixed list. */
    motivo: text("motivo"),
    commento: text("commento"),
    /** Only if the citizen asks to be contacted; erased once the comment is handled. */
    email: text("email"),
    stato: text("stato", { enum: STATI_COMMENTO }).notNull().default("nuovo"),
    nota: text("nota"),
    gestitoDa: integer("gestito_da").references(() => users.id),
    gestitoIl: text("gestito_il"),
    /** HMAC of the client address with the day's salt, derived from the app's secret and never stored (lib/ascolto/limite.ts). */
    indirizzoHash: text("indirizzo_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("valutazioni_edizione").on(t.editionId, t.percorso),
    index("valutazioni_indirizzo").on(t.indirizzoHash, t.createdAt),
    check("valutazioni_voto", sql`${t.voto} BETWEEN 1 AND 5`),
  ],
);

/** The aggregated ratings of an edition, published by the coordinator as open data (a frozen CSV). */
export const valutazioniPubblicate = sqliteTable("valutazioni_pubblicate", {
  id: integer("id").primaryKey(),
  editionId: integer("edition_id")
    .notNull()
    .references(() => editions.id),
  csv: text("csv").notNull(),
  sha256: text("sha256").notNull(),
  userId: integer("user_id").references(() => users.id),
  createdAt: createdAt(),
});

export const notifications = sqliteTable("notifications", {
  id: integer("id").primaryKey(),
  userId: integer("user_id").notNull().references(() => users.id),
  testo: text("testo").notNull(),
  link: text("link"),
  letta: integer("letta", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

/** Mail is written here first, in the same transaction as its cause, and sent by a worker. */
export const mailOutbox = sqliteTable("mail_outbox", {
  id: integer("id").primaryKey(),
  destinatario: text("destinatario").notNull(),
  oggetto: text("oggetto").notNull(),
  corpo: text("corpo").notNull(),
  tentativi: integer("tentativi").notNull().default(0),
  ultimoErrore: text("ultimo_errore"),
  inviataIl: text("inviata_il"),
  createdAt: createdAt(),
});

/** Failed and successful logins, for throttling per account and per address; deleted once out of the window (lib/auth/throttle.ts). */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    riuscito: integer("riuscito", { mode: "boolean" }).notNull(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("login_attempts_email").on(t.email, t.at), index("login_attempts_ip").on(t.ip, t.at)],
);

/**
 * Append-only: triggers in the migrations refuse UPDATE and DELETE, with one exception
 * (drizzle/0008): the retention job may set `ip` to NULL on rows older than 90 days, and
 * nothing else. That migration also adds the partial index `audit_log_con_ip` (SQL only).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey(),
    at: text("at").notNull().default(now),
    userId: integer("user_id").references(() => users.id),
    /** Who acted, as text too: the trail stays readable if the user is renamed. */
    attore: text("attore"),
    /** Only the vocabulary's actions (lib/audit/vocabolario.ts), written by `registra`. */
    azione: text("azione").$type<AzioneAudit>().notNull(),
    editionId: integer("edition_id"),
    sectionId: integer("section_id"),
    settoreId: integer("settore_id"),
    dettagli: text("dettagli", { mode: "json" }),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_section").on(t.sectionId)],
);
