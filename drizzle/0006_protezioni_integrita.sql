-- Custom migration: what 0001 and 0003 left open.
--
-- 1. The lock of a published edition looked only at the OLD row: moving a draft row UNDER a
--    published parent (UPDATE blocks SET section_id = <a published section>) slipped through.
--    These triggers look at the NEW parent, for every key that leads to an edition.
-- 2. Published bytes are tied to their hash: a publication (and a frozen snapshot) whose
--    dati_json does not hash to its sha256 is refused. sha256() is not built into SQLite: the
--    app registers it on every connection (db/open.ts); a connection without it cannot write
--    these rows at all ("no such function"), which is the safe way to fail.
-- 3. Only an active Assessore signs, once per revision of an edition, the revision it is at.
CREATE TRIGGER parts_locked_update_new BEFORE UPDATE OF edition_id ON parts WHEN (SELECT stato FROM editions WHERE id = NEW.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER areas_locked_update_new BEFORE UPDATE OF part_id ON areas WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = NEW.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambiti_locked_update_new BEFORE UPDATE OF area_id ON ambiti WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM areas a JOIN parts p ON p.id = a.part_id WHERE a.id = NEW.area_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambito_settori_locked_update_new BEFORE UPDATE OF ambito_id ON ambito_settori WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = NEW.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_update_new BEFORE UPDATE OF edition_id ON sections WHEN (SELECT stato FROM editions WHERE id = NEW.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
-- A section hangs from its edition, but also from a part and an ambito: each must lead to an unlocked edition.
CREATE TRIGGER sections_locked_insert_parte BEFORE INSERT ON sections WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = NEW.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_update_parte BEFORE UPDATE OF part_id ON sections WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = NEW.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_insert_ambito BEFORE INSERT ON sections WHEN NEW.ambito_id IS NOT NULL AND (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = NEW.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_update_ambito BEFORE UPDATE OF ambito_id ON sections WHEN NEW.ambito_id IS NOT NULL AND (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = NEW.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER blocks_locked_update_new BEFORE UPDATE OF section_id ON blocks WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = NEW.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_locked_update_new BEFORE UPDATE OF section_id ON revisions WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = NEW.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
-- The published bytes hash to the published SHA-256. (A hash that is not the signed one is
-- refused by publications_hash_firmato of 0003; SQLite runs the newest trigger first, so each
-- trigger here names only the case the older ones let through, and their messages stay.)
CREATE TRIGGER publications_sha256_dei_byte BEFORE INSERT ON publications
WHEN NEW.sha256 IS (SELECT sha256 FROM signatures WHERE id = NEW.signature_id) AND NEW.sha256 IS NOT sha256(NEW.dati_json)
BEGIN SELECT RAISE(ABORT, 'pubblicazione: i byte di dati_json non hanno lo SHA-256 dichiarato'); END;
--> statement-breakpoint
-- The frozen snapshot hashes to its SHA-256 (both set by "Invia alla firma", both cleared by "Ritira").
-- (A signed or published edition refuses the change already: editions_firmata_congelata, editions_locked_update.)
CREATE TRIGGER editions_sha256_congelato_update BEFORE UPDATE OF dati_json, sha256 ON editions
WHEN OLD.stato NOT IN ('firmata', 'pubblicata') AND NEW.sha256 IS NOT sha256(NEW.dati_json)
BEGIN SELECT RAISE(ABORT, 'edizione: i byte congelati non hanno lo SHA-256 dichiarato'); END;
--> statement-breakpoint
CREATE TRIGGER editions_sha256_congelato_insert BEFORE INSERT ON editions
WHEN NEW.sha256 IS NOT sha256(NEW.dati_json)
BEGIN SELECT RAISE(ABORT, 'edizione: i byte congelati non hanno lo SHA-256 dichiarato'); END;
--> statement-breakpoint
-- Only an active user holding the Assessore role signs. (A hash that is not the frozen one is
-- refused by signatures_hash_congelato of 0003.)
CREATE TRIGGER signatures_solo_assessore BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id) AND NOT EXISTS (SELECT 1 FROM role_memberships r JOIN users u ON u.id = r.user_id WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND u.attivo = 1)
BEGIN SELECT RAISE(ABORT, 'firma: solo un Assessore attivo può firmare'); END;
--> statement-breakpoint
-- One signature per revision of an edition row (firmata leads only to pubblicata), of the revision it is at.
CREATE TRIGGER signatures_una_per_revisione BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id) AND (
  EXISTS (SELECT 1 FROM signatures WHERE edition_id = NEW.edition_id AND revisione = NEW.revisione)
  OR NEW.revisione IS NOT (SELECT revisione FROM editions WHERE id = NEW.edition_id))
BEGIN SELECT RAISE(ABORT, 'firma: questa revisione dell''edizione è già firmata, o non è quella in firma'); END;
