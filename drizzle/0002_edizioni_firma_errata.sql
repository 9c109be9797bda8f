ALTER TABLE `editions` ADD `corregge_id` integer;--> statement-breakpoint
ALTER TABLE `editions` ADD `revisione` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `editions` ADD `modifiche` text;--> statement-breakpoint
ALTER TABLE `editions` ADD `dati_json` text;--> statement-breakpoint
ALTER TABLE `editions` ADD `sha256` text;