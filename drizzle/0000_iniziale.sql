CREATE TABLE `ambiti` (
	`id` integer PRIMARY KEY NOT NULL,
	`area_id` integer NOT NULL,
	`codice` text NOT NULL,
	`titolo` text NOT NULL,
	`obiettivo` text NOT NULL,
	`assessori` text NOT NULL,
	`posizione` integer NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ambito_settori` (
	`ambito_id` integer NOT NULL,
	`settore_id` integer NOT NULL,
	`posizione` integer NOT NULL,
	PRIMARY KEY(`ambito_id`, `settore_id`),
	FOREIGN KEY (`ambito_id`) REFERENCES `ambiti`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settore_id`) REFERENCES `settori`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `areas` (
	`id` integer PRIMARY KEY NOT NULL,
	`part_id` integer NOT NULL,
	`numero` integer NOT NULL,
	`titolo` text NOT NULL,
	`posizione` integer NOT NULL,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`user_id` integer,
	`attore` text,
	`azione` text NOT NULL,
	`edition_id` integer,
	`section_id` integer,
	`settore_id` integer,
	`dettagli` text,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_section` ON `audit_log` (`section_id`);--> statement-breakpoint
CREATE TABLE `blocks` (
	`id` integer PRIMARY KEY NOT NULL,
	`section_id` integer NOT NULL,
	`tipo` text NOT NULL,
	`payload` text NOT NULL,
	`posizione` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `blocks_section` ON `blocks` (`section_id`,`posizione`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY NOT NULL,
	`section_id` integer NOT NULL,
	`block_id` integer,
	`campo` text,
	`parent_id` integer,
	`author_id` integer NOT NULL,
	`testo` text NOT NULL,
	`risolto` integer DEFAULT false NOT NULL,
	`risolto_da` integer,
	`risolto_il` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`risolto_da`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_section` ON `comments` (`section_id`);--> statement-breakpoint
CREATE TABLE `editions` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`titolo` text NOT NULL,
	`anno_inizio` integer NOT NULL,
	`anno_fine` integer NOT NULL,
	`stato` text DEFAULT 'in_preparazione' NOT NULL,
	`basata_su_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_slug_unique` ON `editions` (`slug`);--> statement-breakpoint
CREATE TABLE `ente` (
	`id` integer PRIMARY KEY NOT NULL,
	`nome` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`riuscito` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`destinatario` text NOT NULL,
	`oggetto` text NOT NULL,
	`corpo` text NOT NULL,
	`tentativi` integer DEFAULT 0 NOT NULL,
	`ultimo_errore` text,
	`inviata_il` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`testo` text NOT NULL,
	`link` text,
	`letta` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `parts` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`codice` text NOT NULL,
	`titolo` text NOT NULL,
	`posizione` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parts_codice` ON `parts` (`edition_id`,`codice`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`revisione` integer NOT NULL,
	`dati_json` text NOT NULL,
	`sha256` text NOT NULL,
	`signature_id` integer NOT NULL,
	`modifiche` text,
	`pubblicata_il` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signature_id`) REFERENCES `signatures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_revisione` ON `publications` (`edition_id`,`revisione`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`section_id` integer NOT NULL,
	`numero` integer NOT NULL,
	`contenuto` text NOT NULL,
	`motivo` text NOT NULL,
	`author_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_numero` ON `revisions` (`section_id`,`numero`);--> statement-breakpoint
CREATE TABLE `role_memberships` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`ruolo` text NOT NULL,
	`settore_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`settore_id`) REFERENCES `settori`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "referente_has_settore" CHECK(("role_memberships"."ruolo" = 'referente') = ("role_memberships"."settore_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_memberships_unique` ON `role_memberships` (`user_id`,`ruolo`,`settore_id`);--> statement-breakpoint
CREATE TABLE `sections` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`part_id` integer NOT NULL,
	`ambito_id` integer,
	`codice` text NOT NULL,
	`titolo` text NOT NULL,
	`settore_id` integer NOT NULL,
	`stato` text DEFAULT 'bozza' NOT NULL,
	`scadenza` text,
	`posizione` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `parts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ambito_id`) REFERENCES `ambiti`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settore_id`) REFERENCES `settori`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_ambito_id_unique` ON `sections` (`ambito_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sections_codice` ON `sections` (`edition_id`,`codice`);--> statement-breakpoint
CREATE INDEX `sections_settore` ON `sections` (`settore_id`);--> statement-breakpoint
CREATE TABLE `settori` (
	`id` integer PRIMARY KEY NOT NULL,
	`codice` text NOT NULL,
	`nome` text NOT NULL,
	`attivo` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settori_codice_unique` ON `settori` (`codice`);--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`revisione` integer NOT NULL,
	`user_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`firmata_il` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`nome` text NOT NULL,
	`password_hash` text NOT NULL,
	`attivo` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);