/** The JSON school model (`format: "school"`): see README.md in this folder. */
export type { SchoolModel, SchoolModelActivity, SchoolModelConstraint, SchoolModelRoom, SchoolModelSlot, SchoolModelYear } from "./types";
export { fetToModel } from "./from-fet";
export { modelToFet } from "./to-fet";
export { compileSchoolModel } from "./compile";
export { schoolModelJsonSchema } from "./schema";
export { problemDifferences, verdictDifferences, constraintDifferences, inputDifferences } from "./compare";
export { CONSTRAINT_TYPES } from "./vocabulary";
