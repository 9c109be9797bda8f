CREATE TABLE `storico_ruoli` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`evento` text NOT NULL,
	`user_id` integer NOT NULL,
	`ruolo` text NOT NULL,
	`settore_id` integer,
	`attore_id` integer,
	`membership_id` integer,
	`concessione_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settore_id`) REFERENCES `settori`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attore_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concessione_id`) REFERENCES `storico_ruoli`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `storico_ruoli_user` ON `storico_ruoli` (`user_id`,`at`);--> statement-breakpoint
ALTER TABLE `editions` ADD `inviata_firma_da` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `role_memberships` ADD `concesso_da` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `role_memberships` ADD `concessione_id` integer REFERENCES storico_ruoli(id);--> statement-breakpoint
ALTER TABLE `signatures` ADD `firmatario_email` text;--> statement-breakpoint
ALTER TABLE `signatures` ADD `concessione_id` integer REFERENCES storico_ruoli(id);--> statement-breakpoint
ALTER TABLE `signatures` ADD `concesso_da` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `signatures` ADD `concesso_da_nome` text;--> statement-breakpoint
ALTER TABLE `user_tokens` ADD `nuova_email` text;--> statement-breakpoint
-- Custom migration: nobody signs in the Assessore's place (separation of duties).
--
-- 1. The history of roles (storico_ruoli) is append-only, and the database writes it: every
--    role_memberships row inserted is a grant, recorded with who made it (concesso_da), and the
--    row points to it (concessione_id). A removal is recorded by the service with its author
--    just before the DELETE, or by the database without one. The roles held before this
--    migration are recorded as 'preesistente': who granted them is unknown.
-- 2. Nobody grants a role to themselves, or takes one away from themselves; an Assessore holds
--    no amministratore or coordinatore role (and the other way round).
-- 3. A signature names the signer as they are at that moment (name, email), the grant that
--    made them Assessore and who made it: a grant still in force, made by another person. The
--    signer holds no amministratore or coordinatore role and did not send the edition for
--    signature (editions.inviata_firma_da, set by "Invia alla firma").
-- As in 0006, SQLite runs the newest trigger first: each signature trigger here names only
-- the case the older ones let through (hash frozen, active Assessore), so their messages stay.
INSERT INTO storico_ruoli (evento, user_id, ruolo, settore_id, attore_id, membership_id) SELECT 'preesistente', user_id, ruolo, settore_id, concesso_da, id FROM role_memberships ORDER BY id;
--> statement-breakpoint
UPDATE role_memberships SET concessione_id = (SELECT s.id FROM storico_ruoli s WHERE s.evento = 'preesistente' AND s.membership_id = role_memberships.id);
--> statement-breakpoint
CREATE TRIGGER storico_ruoli_no_update BEFORE UPDATE ON storico_ruoli BEGIN SELECT RAISE(ABORT, 'storico_ruoli: sola aggiunta, UPDATE non consentito'); END;
--> statement-breakpoint
CREATE TRIGGER storico_ruoli_no_delete BEFORE DELETE ON storico_ruoli BEGIN SELECT RAISE(ABORT, 'storico_ruoli: sola aggiunta, DELETE non consentito'); END;
--> statement-breakpoint
-- Only this migration writes the roles held before the history began.
CREATE TRIGGER storico_ruoli_preesistente BEFORE INSERT ON storico_ruoli WHEN NEW.evento = 'preesistente'
BEGIN SELECT RAISE(ABORT, 'storico_ruoli: i ruoli preesistenti li scrive solo la migrazione'); END;
--> statement-breakpoint
CREATE TRIGGER storico_ruoli_non_a_se_stessi BEFORE INSERT ON storico_ruoli WHEN NEW.attore_id = NEW.user_id
BEGIN SELECT RAISE(ABORT, 'ruoli: nessuno concede o toglie ruoli a se stesso'); END;
--> statement-breakpoint
-- A removal or a move names the grant it concerns: the same person's same role.
CREATE TRIGGER storico_ruoli_concessione BEFORE INSERT ON storico_ruoli WHEN NEW.evento IN ('revocato', 'spostato') AND NOT EXISTS (
  SELECT 1 FROM storico_ruoli WHERE id = NEW.concessione_id AND evento IN ('concesso', 'preesistente') AND user_id = NEW.user_id AND ruolo = NEW.ruolo)
BEGIN SELECT RAISE(ABORT, 'storico_ruoli: una revoca o uno spostamento nomina la concessione del ruolo'); END;
--> statement-breakpoint
CREATE TRIGGER role_memberships_non_a_se_stessi BEFORE INSERT ON role_memberships WHEN NEW.concesso_da = NEW.user_id
BEGIN SELECT RAISE(ABORT, 'ruoli: nessuno concede ruoli a se stesso'); END;
--> statement-breakpoint
CREATE TRIGGER role_memberships_incompatibili BEFORE INSERT ON role_memberships WHEN
  (NEW.ruolo = 'assessore' AND EXISTS (SELECT 1 FROM role_memberships WHERE user_id = NEW.user_id AND ruolo IN ('amministratore', 'coordinatore')))
  OR (NEW.ruolo IN ('amministratore', 'coordinatore') AND EXISTS (SELECT 1 FROM role_memberships WHERE user_id = NEW.user_id AND ruolo = 'assessore'))
BEGIN SELECT RAISE(ABORT, 'ruoli: l''Assessore non può essere anche amministratore o coordinatore'); END;
--> statement-breakpoint
CREATE TRIGGER role_memberships_concessione_dal_database BEFORE INSERT ON role_memberships WHEN NEW.concessione_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ruoli: la concessione la scrive il database'); END;
--> statement-breakpoint
-- Every grant enters the history, and the row points to it (last_insert_rowid() is the history's row while the trigger runs).
CREATE TRIGGER role_memberships_storico_concesso AFTER INSERT ON role_memberships BEGIN
  INSERT INTO storico_ruoli (evento, user_id, ruolo, settore_id, attore_id, membership_id) VALUES ('concesso', NEW.user_id, NEW.ruolo, NEW.settore_id, NEW.concesso_da, NEW.id);
  UPDATE role_memberships SET concessione_id = last_insert_rowid() WHERE id = NEW.id;
END;
--> statement-breakpoint
-- Whose role, which role and who granted it never change: a role is taken away and granted again.
-- (Only the settore moves, when settori are merged; the grant pointer is set once, by the trigger above.)
CREATE TRIGGER role_memberships_fissi BEFORE UPDATE OF user_id, ruolo, concesso_da, concessione_id ON role_memberships WHEN
  NEW.user_id IS NOT OLD.user_id OR NEW.ruolo IS NOT OLD.ruolo OR NEW.concesso_da IS NOT OLD.concesso_da
  OR NEW.concessione_id IS NULL OR (OLD.concessione_id IS NOT NULL AND NEW.concessione_id IS NOT OLD.concessione_id)
BEGIN SELECT RAISE(ABORT, 'ruoli: chi ha il ruolo, quale ruolo e chi lo ha concesso non si cambiano (si toglie e si concede di nuovo)'); END;
--> statement-breakpoint
CREATE TRIGGER role_memberships_storico_spostato AFTER UPDATE OF settore_id ON role_memberships WHEN NEW.settore_id IS NOT OLD.settore_id BEGIN
  INSERT INTO storico_ruoli (evento, user_id, ruolo, settore_id, attore_id, membership_id, concessione_id) VALUES ('spostato', NEW.user_id, NEW.ruolo, NEW.settore_id, NULL, NEW.id, NEW.concessione_id);
END;
--> statement-breakpoint
-- A role deleted without its removal in the history (outside the app's services) is recorded anyway, author unknown.
CREATE TRIGGER role_memberships_storico_revocato AFTER DELETE ON role_memberships
WHEN NOT EXISTS (SELECT 1 FROM storico_ruoli WHERE evento = 'revocato' AND concessione_id = OLD.concessione_id) BEGIN
  INSERT INTO storico_ruoli (evento, user_id, ruolo, settore_id, attore_id, membership_id, concessione_id) VALUES ('revocato', OLD.user_id, OLD.ruolo, OLD.settore_id, NULL, OLD.id, OLD.concessione_id);
END;
--> statement-breakpoint
-- The database knows who sent an edition for signature, and that does not change while it waits or is signed.
CREATE TRIGGER editions_in_firma_da_chi BEFORE UPDATE OF stato ON editions WHEN NEW.stato = 'in_firma' AND OLD.stato IS NOT 'in_firma' AND NEW.inviata_firma_da IS NULL
BEGIN SELECT RAISE(ABORT, 'edizione: l''invio alla firma registra chi la invia'); END;
--> statement-breakpoint
CREATE TRIGGER editions_inviata_firma_da_fissa BEFORE UPDATE OF inviata_firma_da ON editions WHEN OLD.stato IN ('in_firma', 'firmata') AND NEW.stato IS OLD.stato AND NEW.inviata_firma_da IS NOT OLD.inviata_firma_da
BEGIN SELECT RAISE(ABORT, 'edizione: chi l''ha inviata alla firma non si cambia'); END;
--> statement-breakpoint
-- The signer as they are now: their account's name and email, and the name of who granted them the role.
CREATE TRIGGER signatures_firmatario_ora BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id)
  AND EXISTS (SELECT 1 FROM role_memberships r JOIN users u ON u.id = r.user_id WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND u.attivo = 1)
  AND (NEW.firmatario IS NOT (SELECT nome FROM users WHERE id = NEW.user_id)
    OR NEW.firmatario_email IS NOT (SELECT email FROM users WHERE id = NEW.user_id)
    OR NEW.concesso_da_nome IS NOT (SELECT nome FROM users WHERE id = NEW.concesso_da))
BEGIN SELECT RAISE(ABORT, 'firma: nome ed email del firmatario, e il nome di chi gli ha concesso il ruolo, sono quelli di questo momento'); END;
--> statement-breakpoint
-- The Assessore role in force, granted by another person, and named by the signature.
CREATE TRIGGER signatures_concessione BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id)
  AND EXISTS (SELECT 1 FROM role_memberships r JOIN users u ON u.id = r.user_id WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND u.attivo = 1)
  AND NOT EXISTS (SELECT 1 FROM role_memberships r JOIN storico_ruoli s ON s.id = r.concessione_id
    WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND r.concessione_id = NEW.concessione_id
      AND s.attore_id IS NOT NULL AND s.attore_id <> NEW.user_id AND s.attore_id = NEW.concesso_da)
BEGIN SELECT RAISE(ABORT, 'firma: il ruolo di Assessore del firmatario deve essere in vigore, concesso da un''altra persona e indicato nella firma'); END;
--> statement-breakpoint
CREATE TRIGGER signatures_ruoli_incompatibili BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id)
  AND EXISTS (SELECT 1 FROM role_memberships r JOIN users u ON u.id = r.user_id WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND u.attivo = 1)
  AND EXISTS (SELECT 1 FROM role_memberships WHERE user_id = NEW.user_id AND ruolo IN ('amministratore', 'coordinatore'))
BEGIN SELECT RAISE(ABORT, 'firma: chi è amministratore o coordinatore non firma'); END;
--> statement-breakpoint
CREATE TRIGGER signatures_non_chi_ha_inviato BEFORE INSERT ON signatures
WHEN NEW.sha256 IS (SELECT sha256 FROM editions WHERE id = NEW.edition_id)
  AND EXISTS (SELECT 1 FROM role_memberships r JOIN users u ON u.id = r.user_id WHERE r.user_id = NEW.user_id AND r.ruolo = 'assessore' AND u.attivo = 1)
  AND NEW.user_id IS (SELECT inviata_firma_da FROM editions WHERE id = NEW.edition_id)
BEGIN SELECT RAISE(ABORT, 'firma: chi ha inviato l''edizione alla firma non la firma'); END;
