import { describe, expect, it } from "vitest";
import { CONSTRAINTS } from "@core/school/constraints/index";
import { calendarLabel, fetConstraintLabel, kindLabel, numberedLabel, paramLabel, sentenceFromIdentifier, timetablingConstraintLabel } from "./labels";

describe("kindLabel", () => {
  it("names every kind in words", () => {
    expect(kindLabel("timetabling")).toBe("Course timetabling");
    expect(kindLabel("tsp")).toBe("Travelling salesman");
    expect(kindLabel("continuous")).toBe("Continuous optimisation");
    expect(kindLabel("permutation")).toBe("Ordering (permutation)");
  });
  it("spells out an unknown kind instead of showing the identifier", () => {
    expect(kindLabel("vehicleRouting")).toBe("Vehicle routing");
  });
});

describe("fetConstraintLabel", () => {
  it("uses a timetabler's words for common types", () => {
    expect(fetConstraintLabel("ConstraintTeacherNotAvailableTimes")).toBe("Teacher not available");
    expect(fetConstraintLabel("ConstraintStudentsMaxGapsPerWeek")).toBe("Max gaps per week for students");
    expect(fetConstraintLabel("ConstraintStudentsSetHomeRoom")).toBe("Class home room");
    expect(fetConstraintLabel("ConstraintActivitiesSameRoomIfConsecutive")).toBe("Back-to-back lessons in the same room");
  });
  it("spells out other types from their name, students sets as classes", () => {
    expect(fetConstraintLabel("ConstraintTeacherMaxSpanPerDay")).toBe("Teacher max span per day");
    expect(fetConstraintLabel("ConstraintStudentsSetMaxRoomChangesPerWeek")).toBe("Class max room changes per week");
    expect(fetConstraintLabel("ConstraintTeachersMinHoursDaily")).toBe("All teachers min hours daily");
  });
  it("keeps what is not a FET type name", () => {
    expect(fetConstraintLabel("Unplaced activities")).toBe("Unplaced activities");
  });
  it("gives every supported type a label without the code name in it", () => {
    for (const type of Object.keys(CONSTRAINTS)) {
      const label = fetConstraintLabel(type);
      expect(label).not.toMatch(/Constraint|[a-z][A-Z]/);
      expect(label.length).toBeGreaterThan(3);
    }
  });
});

describe("other labels", () => {
  it("ITC constraint names", () => {
    expect(timetablingConstraintLabel("curriculumCompactness")).toBe("Curriculum compactness (no isolated lectures)");
    expect(timetablingConstraintLabel("someNewThing")).toBe("Some new thing");
  });
  it("parameter names", () => {
    expect(paramLabel("populationSize")).toBe("Population size");
    expect(paramLabel("crossover_rate")).toBe("Crossover rate");
    expect(paramLabel("F")).toBe("F");
    expect(sentenceFromIdentifier("maxLNSMoves")).toBe("Max LNS moves");
  });
  it("numbers ITC days and periods from 1 and keeps real names", () => {
    expect(numberedLabel("0", "Day")).toBe("Day 1");
    expect(numberedLabel("5", "Period")).toBe("Period 6");
    expect(numberedLabel("Mon", "Day")).toBe("Mon");
  });
});

describe("calendarLabel", () => {
  it("names the owner of each calendar", () => {
    expect(calendarLabel("students:7A")).toBe("Class 7A");
    expect(calendarLabel("teacher:Ms Adams")).toBe("Teacher Ms Adams");
    expect(calendarLabel("room:Room: 1")).toBe("Room Room: 1");
    expect(calendarLabel("instructor:t01")).toBe("Instructor t01");
    expect(calendarLabel("plain")).toBe("plain");
  });
});

describe("soft-constraint weight labels", () => {
  it("every ITC / model weight name has its own words (the forms never show the code name)", async () => {
    const { WEIGHT_NAMES } = await import("@core/timetabling/weights");
    for (const name of WEIGHT_NAMES) {
      const label = timetablingConstraintLabel(name);
      expect(label, name).not.toBe(name);
      expect(label, name).toMatch(/^[A-Z][a-z']* /);
      expect(label, name).not.toMatch(/[a-z][A-Z]/);
    }
    expect(timetablingConstraintLabel("doubleLectures")).toBe("Double lectures kept together");
  });
});
