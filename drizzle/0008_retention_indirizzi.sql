-- Custom migration: client addresses are kept 90 days (lib/sicurezza/conservazione.ts).
--
-- The audit log stays append-only with one narrow exception: the daily retention job may
-- set `ip` to NULL on rows older than 90 days, and nothing else. The trigger allows an UPDATE
-- only when it blanks the address of such a row and leaves every other column as it was
-- (NULL-safe IS comparisons); any other UPDATE, and every DELETE, is still refused. "Older
-- than 90 days" is measured by the database's own clock, not by the caller.
-- A column added to audit_log later must be added to this list.
DROP TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT (
  NEW.ip IS NULL
  AND OLD.at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-90 days')
  AND NEW.id IS OLD.id
  AND NEW.at IS OLD.at
  AND NEW.user_id IS OLD.user_id
  AND NEW.attore IS OLD.attore
  AND NEW.azione IS OLD.azione
  AND NEW.edition_id IS OLD.edition_id
  AND NEW.section_id IS OLD.section_id
  AND NEW.settore_id IS OLD.settore_id
  AND NEW.dettagli IS OLD.dettagli
) BEGIN SELECT RAISE(ABORT, 'audit_log: sola aggiunta, UPDATE non consentito (solo l''indirizzo delle righe con più di 90 giorni può essere cancellato)'); END;
--> statement-breakpoint
-- The rows whose address is still there, by time: the retention job finds the old ones without
-- reading the whole log. Partial, so it holds only the few rows that carry an address
-- (declared here only, like the triggers: drizzle-kit never sees it).
CREATE INDEX audit_log_con_ip ON audit_log (at) WHERE ip IS NOT NULL;
