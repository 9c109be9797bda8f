-- What must never happen is refused by the database itself, not only by the app.
-- The audit log, signatures and published snapshots are append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log: sola aggiunta, UPDATE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log: sola aggiunta, DELETE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures: sola aggiunta, UPDATE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures: sola aggiunta, DELETE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications BEGIN SELECT RAISE(ABORT, 'publications: sola aggiunta, UPDATE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications BEGIN SELECT RAISE(ABORT, 'publications: sola aggiunta, DELETE non consentito'); END;
--> statement-breakpoint
-- A published edition is locked: its row and its content cannot change.
CREATE TRIGGER editions_locked_update BEFORE UPDATE ON editions WHEN OLD.stato = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER editions_locked_delete BEFORE DELETE ON editions WHEN OLD.stato = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER parts_locked_insert BEFORE INSERT ON parts WHEN (SELECT stato FROM editions WHERE id = NEW.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER parts_locked_update BEFORE UPDATE ON parts WHEN (SELECT stato FROM editions WHERE id = OLD.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER parts_locked_delete BEFORE DELETE ON parts WHEN (SELECT stato FROM editions WHERE id = OLD.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER areas_locked_insert BEFORE INSERT ON areas WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = NEW.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER areas_locked_update BEFORE UPDATE ON areas WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = OLD.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER areas_locked_delete BEFORE DELETE ON areas WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM parts WHERE id = OLD.part_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambiti_locked_insert BEFORE INSERT ON ambiti WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM areas a JOIN parts p ON p.id = a.part_id WHERE a.id = NEW.area_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambiti_locked_update BEFORE UPDATE ON ambiti WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM areas a JOIN parts p ON p.id = a.part_id WHERE a.id = OLD.area_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambiti_locked_delete BEFORE DELETE ON ambiti WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM areas a JOIN parts p ON p.id = a.part_id WHERE a.id = OLD.area_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambito_settori_locked_insert BEFORE INSERT ON ambito_settori WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = NEW.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambito_settori_locked_update BEFORE UPDATE ON ambito_settori WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = OLD.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER ambito_settori_locked_delete BEFORE DELETE ON ambito_settori WHEN (SELECT stato FROM editions WHERE id = (SELECT p.edition_id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE b.id = OLD.ambito_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_insert BEFORE INSERT ON sections WHEN (SELECT stato FROM editions WHERE id = NEW.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_update BEFORE UPDATE ON sections WHEN (SELECT stato FROM editions WHERE id = OLD.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER sections_locked_delete BEFORE DELETE ON sections WHEN (SELECT stato FROM editions WHERE id = OLD.edition_id) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER blocks_locked_insert BEFORE INSERT ON blocks WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = NEW.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER blocks_locked_update BEFORE UPDATE ON blocks WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = OLD.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER blocks_locked_delete BEFORE DELETE ON blocks WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = OLD.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_locked_insert BEFORE INSERT ON revisions WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = NEW.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_locked_update BEFORE UPDATE ON revisions WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = OLD.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
--> statement-breakpoint
CREATE TRIGGER revisions_locked_delete BEFORE DELETE ON revisions WHEN (SELECT stato FROM editions WHERE id = (SELECT edition_id FROM sections WHERE id = OLD.section_id)) = 'pubblicata' BEGIN SELECT RAISE(ABORT, 'edizione pubblicata: non modificabile'); END;
