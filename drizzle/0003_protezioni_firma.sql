-- What is signed is what is published: the database itself holds the links.
-- A publication must carry exactly the hash that was signed.
CREATE TRIGGER publications_hash_firmato BEFORE INSERT ON publications
WHEN NEW.sha256 IS NOT (SELECT sha256 FROM signatures WHERE id = NEW.signature_id)
BEGIN SELECT RAISE(ABORT, 'pubblicazione: lo SHA-256 non è quello firmato'); END;
--> statement-breakpoint
-- A signature is of the frozen snapshot of its edition.
CREATE TRIGGER signatures_hash_congelato BEFORE INSERT ON signatures
WHEN NEW.sha256 IS NOT (SELECT sha256 FROM editions WHERE id = NEW.edition_id)
BEGIN SELECT RAISE(ABORT, 'firma: lo SHA-256 non è quello del contenuto congelato'); END;
--> statement-breakpoint
-- Once signed, the frozen snapshot cannot be swapped before publication.
CREATE TRIGGER editions_firmata_congelata BEFORE UPDATE OF dati_json, sha256, revisione, corregge_id ON editions
WHEN OLD.stato = 'firmata'
BEGIN SELECT RAISE(ABORT, 'edizione firmata: il contenuto firmato non si modifica'); END;
--> statement-breakpoint
-- Only a signed edition with its publication row becomes published.
CREATE TRIGGER editions_pubblicata_solo_se_pubblicazione BEFORE UPDATE OF stato ON editions
WHEN NEW.stato = 'pubblicata' AND (OLD.stato <> 'firmata' OR NOT EXISTS (
  SELECT 1 FROM publications p WHERE p.edition_id = COALESCE(NEW.corregge_id, NEW.id) AND p.revisione = NEW.revisione AND p.sha256 = NEW.sha256))
BEGIN SELECT RAISE(ABORT, 'edizione: si pubblica solo un''edizione firmata, con la sua pubblicazione'); END;
--> statement-breakpoint
CREATE TRIGGER editions_pubblicata_non_inserita BEFORE INSERT ON editions
WHEN NEW.stato <> 'in_preparazione'
BEGIN SELECT RAISE(ABORT, 'edizione: una nuova edizione nasce in preparazione'); END;
