import type { ConstraintDefinition } from "./types";

/** FET: a room used twice at the same hour, or an activity in a room too small for its students. */
export const basicCompulsorySpace: ConstraintDefinition = {
  type: "ConstraintBasicCompulsorySpace",
  list: "space",
  description:
    "No room holds two activities at the same hour, and an activity's room has capacity for its students. Each extra activity in a room at an hour, and each activity in a too small room, counts one violation.",
  compile: (c) => [{ shape: "compulsorySpace", source: c, weight: c.weight }],
};
