import type { ConstraintDefinition } from "./types";

/** FET: a teacher or a subgroup busy twice at the same hour; each extra activity at an hour is one violation. */
export const basicCompulsoryTime: ConstraintDefinition = {
  type: "ConstraintBasicCompulsoryTime",
  list: "time",
  description: "No teacher and no subgroup (students) has two activities at the same hour. Each extra activity a teacher or subgroup has at an hour counts one violation.",
  compile: (c) => [{ shape: "compulsoryTime", source: c, weight: c.weight }],
};
