/**
 * Tiers are data: every limit the platform enforces is read from this table, never from `if`s
 * scattered through handlers. Changing a plan's limits is an edit here (and a README line).
 */

export type TierName = "free" | "pro" | "enterprise";

/** The problem-size dimensions a tier bounds (as measured by the jobs layer from the input). */
export type SizeDimension = "lectures" | "cities" | "dimensions" | "population" | "elements" | "activities" | "hours";

export interface TierLimits {
  tier: TierName;
  /** Jobs that may be submitted per UTC day. */
  jobsPerDay: number;
  /** Jobs that may hold a slot (queued/running/paused) at once. */
  concurrentJobs: number;
  /** Compute seconds a single job may use before it is stopped as `expired`. */
  computeSecondsPerJob: number;
  /**
   * The time budget of a job that names none (seconds of compute, shown in the new-job form):
   * long enough to watch it converge, and it stops earlier on convergence (worker/runtime/stop-rules.ts).
   */
  defaultJobSeconds: number;
  /**
   * Largest accepted problem per dimension. `activities` / `hours` bound FET school timetables
   * (active activities, and the hours they place: a small school is ~300 activities / 600 hours,
   * a large one 3,000 / 6,000; core/school's reader stops at 10,000 activities).
   */
  maxSize: Record<SizeDimension, number>;
  /** Island-model parallelism; 0 means islands are not offered (single population). */
  islands: number;
  /** Heavy work of priority tenants is scheduled first. */
  priority: "normal" | "high";
  /** Days a finished job's data (input, result, exports) is kept. */
  retentionDays: number;
  /** /v1 requests per minute for the whole tenant. */
  apiRequestsPerMinute: number;
}

export const TIERS: Record<TierName, TierLimits> = {
  free: {
    tier: "free",
    jobsPerDay: 5,
    concurrentJobs: 1,
    computeSecondsPerJob: 60,
    defaultJobSeconds: 10,
    maxSize: { lectures: 200, cities: 200, dimensions: 30, population: 100, elements: 200, activities: 300, hours: 600 },
    islands: 0,
    priority: "normal",
    retentionDays: 7,
    apiRequestsPerMinute: 60,
  },
  pro: {
    tier: "pro",
    jobsPerDay: 500,
    concurrentJobs: 5,
    computeSecondsPerJob: 1800,
    defaultJobSeconds: 30,
    maxSize: { lectures: 2000, cities: 5000, dimensions: 200, population: 500, elements: 2000, activities: 3000, hours: 6000 },
    islands: 4,
    priority: "normal",
    retentionDays: 90,
    apiRequestsPerMinute: 600,
  },
  enterprise: {
    tier: "enterprise",
    jobsPerDay: 10000,
    concurrentJobs: 25,
    computeSecondsPerJob: 7200,
    defaultJobSeconds: 60,
    maxSize: { lectures: 10000, cities: 20000, dimensions: 1000, population: 2000, elements: 5000, activities: 10000, hours: 30000 },
    islands: 16,
    priority: "high",
    retentionDays: 365,
    apiRequestsPerMinute: 3000,
  },
};

export const TIER_ORDER: TierName[] = ["free", "pro", "enterprise"];

export function isTierName(value: unknown): value is TierName {
  return typeof value === "string" && value in TIERS;
}

/** The smallest tier that accepts `value` for a size dimension (for "upgrade to X" hints). */
export function smallestTierAllowing(dimension: SizeDimension, value: number): TierName | undefined {
  return TIER_ORDER.find((t) => TIERS[t].maxSize[dimension] >= value);
}

/** The smallest tier offering at least `islands` islands. */
export function smallestTierWithIslands(islands: number): TierName | undefined {
  return TIER_ORDER.find((t) => TIERS[t].islands >= islands);
}
