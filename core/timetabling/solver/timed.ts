/**
 * Time budgets for schedules that need to know their length. The engine's budget unit is the
 * evaluation (engine.ts), and single-stage annealing cools over the whole budget, so a run limited
 * by seconds is first turned into an evaluation budget: after the first feasible timetable the
 * run is timed over a short window, the limit is set to what the measured rate fits into the time
 * left (Solver.retune), and it is set again at 10, 30, 60 and 85 % of the time from the rate since
 * the last setting, so a rate that drifts (construction is slower than annealing; a shared machine)
 * is corrected. If time still runs out first, the run stops on time with its best so far.
 */
import type { Progress, RunLimits, StepBudget } from "../../engine/contract";

/** The part of a Solver (core/engine/contract.ts) a timed run uses. */
export interface Steppable<S> {
  step(state: S, budget: StepBudget): S;
  progress(state: S): Progress;
  retune?(state: S, params: Record<string, never>, limits: RunLimits): void;
}

export interface TimedRun {
  /** Seconds on `clock` when the best first had zero hard violations (NaN if never). */
  firstFeasible: number;
  /** Evaluation limits set, in order (calibration, then the corrections). */
  limits: number[];
}

/** Share of the measured rate the limit plans for, so the schedule ends before the clock does. */
const HEADROOM = 0.97;
/** Fractions of the time at which the limit is corrected from the rate since the last setting. */
const CORRECTIONS = [0.1, 0.3, 0.6, 0.85];

/**
 * Step `solver` on `state` until `seconds` have passed on `clock` (seconds; wall or CPU time) or
 * the run is done; `onStep` is called after each chunk. The state must have an infinite limit.
 * A run that reaches its limit with time to spare (the rate was underestimated) gets a new limit
 * and goes on.
 */
export function runTimed<S>(solver: Steppable<S>, state: S, seconds: number, clock: () => number, onStep?: () => void): TimedRun {
  const t0 = clock();
  const used = () => clock() - t0;
  const out: TimedRun = { firstFeasible: NaN, limits: [] };
  const window = Math.min(1, Math.max(0.2, 0.02 * seconds));
  let next = 0; // corrections done
  let mark = { t: 0, e: 0 };
  let calibrated = false;
  const setLimit = (t: number, e: number) => {
    const rate = (e - mark.e) / (t - mark.t);
    const l = Math.max(e + 1, Math.floor(e + rate * (seconds - t) * HEADROOM));
    solver.retune!(state, {}, { maxEvaluations: l });
    out.limits.push(l);
    mark = { t, e };
  };
  for (;;) {
    let t = used();
    if (t >= seconds) break;
    if (solver.progress(state).done) {
      // Limit reached early: plan the time left at the rate seen since the last setting.
      if (!calibrated || t - mark.t <= 0) break;
      setLimit(t, solver.progress(state).evaluations);
      if (solver.progress(state).done) break;
    }
    solver.step(state, { millis: Math.max(1, Math.min(calibrated ? 250 : 50, (seconds - t) * 1000)) });
    const p = solver.progress(state);
    t = used();
    if (Number.isNaN(out.firstFeasible) && p.hard === 0) {
      out.firstFeasible = t;
      mark = { t, e: p.evaluations };
    }
    if (solver.retune && !Number.isNaN(out.firstFeasible)) {
      if (!calibrated && t - mark.t >= window) {
        setLimit(t, p.evaluations);
        calibrated = true;
      } else if (calibrated && next < CORRECTIONS.length && t >= CORRECTIONS[next] * seconds && t > mark.t) {
        while (next < CORRECTIONS.length && t >= CORRECTIONS[next] * seconds) next++;
        setLimit(t, p.evaluations);
      }
    }
    onStep?.();
  }
  return out;
}
