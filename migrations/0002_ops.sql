CREATE TABLE `dead_letter` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`message_type` text NOT NULL,
	`job_id` text,
	`tenant_id` text,
	`body` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reason` text,
	`received_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `dead_letter_status_idx` ON `dead_letter` (`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `platform_admin` (
	`user_id` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
