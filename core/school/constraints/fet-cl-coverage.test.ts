/**
 * Every supported FET constraint type has its own test file here, and that file checks a locked
 * timetable against fet-cl (core/school/test/harness.ts `fetAccepts`, core/school/test/locked.ts
 * `fetClVerdict`, core/school/test/rooms.ts `theirs`), beside our own verdict.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONSTRAINTS } from "./index";

/** The file name of a type's definition and tests: ConstraintTeacherMaxGapsPerWeek → teacher-max-gaps-per-week. */
function kebabOfType(type: string): string {
  return type
    .replace(/^Constraint/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase();
}

const FET_CL_CALL = /\b(fetAccepts|fetClVerdict|theirs)\(/;

/** Why a type's own test file does not check it against fet-cl, or undefined when it does. */
function missingFetClCheck(type: string, dir: string): string | undefined {
  const file = join(dir, `${kebabOfType(type)}.test.ts`);
  if (!existsSync(file)) return `${type}: no ${kebabOfType(type)}.test.ts`;
  const text = readFileSync(file, "utf8");
  if (!new RegExp(`\\b${type}\\b`).test(text)) return `${type}: ${kebabOfType(type)}.test.ts does not name the type`;
  if (!FET_CL_CALL.test(text)) return `${type}: ${kebabOfType(type)}.test.ts never asks fet-cl`;
  return undefined;
}

describe("every registered constraint type is checked against fet-cl in its own test file", () => {
  it("kebabOfType follows the file names of this folder", () => {
    expect(kebabOfType("ConstraintStudentsSetMaxGapsPerDay")).toBe("students-set-max-gaps-per-day");
    expect(kebabOfType("ConstraintActivityTagPreferredRooms")).toBe("activity-tag-preferred-rooms");
  });

  it("missingFetClCheck names a missing file, a file not naming the type and one without a fet-cl call", () => {
    const dir = mkdtempSync(join(tmpdir(), "fet-cl-coverage-"));
    try {
      const T = "ConstraintTeacherMaxGapsPerWeek";
      const file = join(dir, "teacher-max-gaps-per-week.test.ts");
      expect(missingFetClCheck(T, dir)).toMatch(/no teacher-max-gaps-per-week\.test\.ts/);
      writeFileSync(file, "fetAccepts(school, {});\n");
      expect(missingFetClCheck(T, dir)).toMatch(/does not name the type/);
      writeFileSync(file, `const T = "${T}";\nverdict(school, {});\n`);
      expect(missingFetClCheck(T, dir)).toMatch(/never asks fet-cl/);
      writeFileSync(file, `const T = "${T}";\nexpect(fetAccepts(school, {})).toBe(true);\n`);
      expect(missingFetClCheck(T, dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("no registered type lacks one", () => {
    const types = Object.keys(CONSTRAINTS);
    expect(types.length).toBeGreaterThan(100);
    expect(types.map((t) => missingFetClCheck(t, __dirname)).filter((m) => m !== undefined)).toEqual([]);
  });
});
