/** Job states and kinds, shared by server modules and components (safe for the browser bundle). */
export type JobState = "queued" | "running" | "paused" | "succeeded" | "failed" | "cancelled" | "expired";
export const JOB_STATES: JobState[] = ["queued", "running", "paused", "succeeded", "failed", "cancelled", "expired"];
export const JOB_KINDS = ["timetabling", "tsp", "continuous", "permutation"] as const;
export const TERMINAL: JobState[] = ["succeeded", "failed", "cancelled", "expired"];
