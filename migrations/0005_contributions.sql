CREATE TABLE `contribution` (
	`job_id` text NOT NULL,
	`contributor_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`label` text NOT NULL,
	`accepted_units` integer DEFAULT 0 NOT NULL,
	`accepted_evaluations` integer DEFAULT 0 NOT NULL,
	`rejected_units` integer DEFAULT 0 NOT NULL,
	`rerun_units` integer DEFAULT 0 NOT NULL,
	`compute_ms` integer DEFAULT 0 NOT NULL,
	`strikes` integer DEFAULT 0 NOT NULL,
	`banned` integer DEFAULT false NOT NULL,
	`first_seen_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`last_seen_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`job_id`, `contributor_id`)
);
--> statement-breakpoint
CREATE INDEX `contribution_tenant_idx` ON `contribution` (`tenant_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `contribution_setting` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`allow_contributions` integer DEFAULT false NOT NULL,
	`max_contributors` integer DEFAULT 8 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
