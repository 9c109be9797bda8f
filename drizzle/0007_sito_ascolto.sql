CREATE TABLE `sali_ascolto` (
	`giorno` text PRIMARY KEY NOT NULL,
	`sale` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `siti_pubblicati` (
	`publication_id` integer PRIMARY KEY NOT NULL,
	`stato` text DEFAULT 'in_coda' NOT NULL,
	`fatti` integer DEFAULT 0 NOT NULL,
	`totale` integer DEFAULT 0 NOT NULL,
	`tentativi` integer DEFAULT 0 NOT NULL,
	`errore` text,
	`sha256_somme` text,
	`aggiornato_il` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `valutazioni` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`revisione` integer NOT NULL,
	`percorso` text NOT NULL,
	`ambito` text,
	`voto` integer NOT NULL,
	`motivo` text,
	`commento` text,
	`email` text,
	`stato` text DEFAULT 'nuovo' NOT NULL,
	`nota` text,
	`gestito_da` integer,
	`gestito_il` text,
	`indirizzo_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`gestito_da`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "valutazioni_voto" CHECK("valutazioni"."voto" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `valutazioni_edizione` ON `valutazioni` (`edition_id`,`percorso`);--> statement-breakpoint
CREATE INDEX `valutazioni_indirizzo` ON `valutazioni` (`indirizzo_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `valutazioni_pubblicate` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`csv` text NOT NULL,
	`sha256` text NOT NULL,
	`user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `ente` ADD `licenza` text DEFAULT 'CC-BY-4.0' NOT NULL;