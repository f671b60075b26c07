PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_idempotency_key` (
	`tenant_id` text NOT NULL,
	`caller` text DEFAULT '' NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`permissions` text,
	`status` integer,
	`response_body` text,
	`secret` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`tenant_id`, `caller`, `key`)
);
--> statement-breakpoint
-- Records are a 24 h replay cache keyed by caller now; the old ones (no caller) are dropped, not copied.
DROP TABLE `idempotency_key`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_key` RENAME TO `idempotency_key`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `idempotency_key_created_idx` ON `idempotency_key` (`created_at`);