/**
 * D1 side of contributed compute: the tenant's setting (allowed, how many contributors at once)
 * and the metering per contributor and job (accepted units and evaluations, rejected units,
 * strikes, ban), shown on the job page and in usage. Contributed evaluations are never recorded
 * in `usage` (the plan's compute): the runner accepts contributed units with computeMs 0.
 */
import type { Env } from "../env";

export const DEFAULT_MAX_CONTRIBUTORS = 8;
export const MAX_CONTRIBUTORS_LIMIT = 64;

export interface ContributionSetting {
  allowContributions: boolean;
  maxContributors: number;
}

export interface ContributorFigures {
  contributorId: string;
  label: string;
  acceptedUnits: number;
  acceptedEvaluations: number;
  rejectedUnits: number;
  rerunUnits: number;
  computeMs: number;
  strikes: number;
  banned: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}

export async function contributionSetting(env: Env, tenantId: string): Promise<ContributionSetting> {
  const row = await env.DB.prepare("SELECT allow_contributions AS a, max_contributors AS m FROM contribution_setting WHERE tenant_id = ?").bind(tenantId).first<{ a: number; m: number }>();
  return row ? { allowContributions: !!row.a, maxContributors: row.m } : { allowContributions: false, maxContributors: DEFAULT_MAX_CONTRIBUTORS };
}

export async function setContributionSetting(env: Env, tenantId: string, s: ContributionSetting): Promise<ContributionSetting> {
  await env.DB.prepare(
    `INSERT INTO contribution_setting (tenant_id, allow_contributions, max_contributors, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET allow_contributions = excluded.allow_contributions, max_contributors = excluded.max_contributors, updated_at = excluded.updated_at`,
  )
    .bind(tenantId, s.allowContributions ? 1 : 0, s.maxContributors, Date.now())
    .run();
  return s;
}

/** One unit's outcome for one contributor (an upsert: the row appears with the first unit). */
export interface UnitMeter {
  tenantId: string;
  jobId: string;
  contributorId: string;
  label: string;
  accepted: boolean;
  evaluations: number;
  rerun: boolean;
  computeMs: number;
  strikes: number;
  banned: boolean;
}

export async function meterUnit(env: Env, m: UnitMeter): Promise<void> {
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO contribution (job_id, contributor_id, tenant_id, label, accepted_units, accepted_evaluations, rejected_units, rerun_units, compute_ms, strikes, banned, first_seen_at, last_seen_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
     ON CONFLICT (job_id, contributor_id) DO UPDATE SET
       accepted_units = accepted_units + excluded.accepted_units, accepted_evaluations = accepted_evaluations + excluded.accepted_evaluations,
       rejected_units = rejected_units + excluded.rejected_units, rerun_units = rerun_units + excluded.rerun_units,
       compute_ms = compute_ms + excluded.compute_ms, strikes = excluded.strikes, banned = excluded.banned, last_seen_at = excluded.last_seen_at`,
  )
    .bind(
      m.jobId,
      m.contributorId,
      m.tenantId,
      m.label,
      m.accepted ? 1 : 0,
      m.accepted ? m.evaluations : 0,
      m.accepted ? 0 : 1,
      m.rerun ? 1 : 0,
      m.accepted ? Math.round(m.computeMs) : 0,
      m.strikes,
      m.banned ? 1 : 0,
      now,
    )
    .run();
}

/** Every contributor of one job (the job page), most evaluations first. */
export async function jobContributors(env: Env, tenantId: string, jobId: string): Promise<ContributorFigures[]> {
  const { results } = await env.DB.prepare(
    `SELECT contributor_id, label, accepted_units, accepted_evaluations, rejected_units, rerun_units, compute_ms, strikes, banned, first_seen_at, last_seen_at
     FROM contribution WHERE tenant_id = ? AND job_id = ? ORDER BY accepted_evaluations DESC, contributor_id`,
  )
    .bind(tenantId, jobId)
    .all<Record<string, number | string>>();
  return results.map((r) => ({
    contributorId: String(r.contributor_id),
    label: String(r.label),
    acceptedUnits: Number(r.accepted_units),
    acceptedEvaluations: Number(r.accepted_evaluations),
    rejectedUnits: Number(r.rejected_units),
    rerunUnits: Number(r.rerun_units),
    computeMs: Number(r.compute_ms),
    strikes: Number(r.strikes),
    banned: !!r.banned,
    firstSeenAt: new Date(Number(r.first_seen_at)).toISOString(),
    lastSeenAt: new Date(Number(r.last_seen_at)).toISOString(),
  }));
}

/** The tenant's contributed compute since `since` (usage): evaluations accepted, units, contributors. */
export async function contributedUsage(env: Env, tenantId: string, since: number): Promise<{ evaluations: number; acceptedUnits: number; rejectedUnits: number; contributors: number }> {
  const r = await env.DB.prepare(
    `SELECT COALESCE(SUM(accepted_evaluations), 0) AS e, COALESCE(SUM(accepted_units), 0) AS a, COALESCE(SUM(rejected_units), 0) AS r, COUNT(DISTINCT contributor_id) AS c
     FROM contribution WHERE tenant_id = ? AND last_seen_at >= ?`,
  )
    .bind(tenantId, since)
    .first<{ e: number; a: number; r: number; c: number }>();
  return { evaluations: r?.e ?? 0, acceptedUnits: r?.a ?? 0, rejectedUnits: r?.r ?? 0, contributors: r?.c ?? 0 };
}
