/**
 * The soft-constraint weights a timetabling job ran with (its stored problem document's, over
 * the defaults) — what the fork form offers to change and the comparison page shows.
 */
import { ITC_WEIGHTS, type Weights } from "@core/timetabling/problem";
import { WEIGHT_HELP } from "@core/timetabling/weights";

export interface SoftWeight {
  name: keyof Weights;
  value: number;
  help: string;
}

/** ITC-2007 documents only have data for the competition's four soft constraints. */
const ITC_ONLY: (keyof Weights)[] = ["roomCapacity", "minWorkingDays", "curriculumCompactness", "roomStability"];

/** Effective weights of a timetabling job's input (readJobInput); empty for other kinds, FET schools, or when it is gone. */
export function softWeightsOf(input: { kind?: unknown; format?: unknown; weights?: Partial<Weights> } | null): SoftWeight[] {
  if (!input || input.kind !== "timetabling") return [];
  // FET schools weigh each constraint element in the file itself (Weight_Percentage), not these.
  if (input.format === "fet" || input.format === "school") return [];
  const names = input.format === "ctt" ? ITC_ONLY : (Object.keys(ITC_WEIGHTS) as (keyof Weights)[]);
  return names.map((name) => ({ name, value: input.weights?.[name] ?? ITC_WEIGHTS[name], help: WEIGHT_HELP[name] }));
}
