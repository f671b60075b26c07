CREATE TABLE `dev_mail` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dev_mail_created_idx` ON `dev_mail` (`created_at`);--> statement-breakpoint
CREATE TABLE `mail_preference` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`job_finished` integer DEFAULT false NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`tenant_id`, `user_id`)
);
