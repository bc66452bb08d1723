// The guided check's decisions (check.js asks the questions): pure functions of the answers and of
// the data the build writes into the page (build_tools/check.py), tested in tests/js/check.test.mjs.
//
// answers = { flags: { <red-flag id>: "yes" | "no" }, area, onset, goal, equipment: [ids] }
// Warning signs come first and win: any "yes" ends the check with those signs and no exercises.

export const CHECK_DATA_VERSION = 1;

/** The data the build wrote into the page, or an error when it is of another version. */
export function readData(text) {
  const data = JSON.parse(text);
  if (data.version !== CHECK_DATA_VERSION) {
    throw new Error(`check data version ${data.version}; this page reads version ${CHECK_DATA_VERSION}`);
  }
  return data;
}

/** The red flags answered "yes", most urgent first (the data lists them in that order). */
export function flagged(answers, data) {
  return data.red_flags.filter((flag) => answers.flags?.[flag.id] === "yes");
}

/** The red flags not yet answered either way. */
export function unanswered(answers, data) {
  return data.red_flags.filter((flag) => !["yes", "no"].includes(answers.flags?.[flag.id]));
}

/** Whether a routine's fits metadata (data/routines/*.yml) covers the answers. */
export function fits(routine, answers) {
  const f = routine.fits;
  return Boolean(f) && f.areas.includes(answers.area) && f.onsets.includes(answers.onset)
    && f.goals.includes(answers.goal);
}

/** The routines that fit, each with the equipment it uses that the reader did not tick; fewest missing first. */
export function fittingRoutines(answers, data) {
  const have = new Set(answers.equipment || []);
  return data.routines
    .filter((routine) => fits(routine, answers))
    .map((routine) => ({ routine, missing: routine.equipment.filter((item) => !have.has(item)) }))
    .sort((a, b) => a.missing.length - b.missing.length);
}

/** What the second step still needs: the names of the questions left unanswered. */
export function missingDetails(answers) {
  const missing = [];
  if (!answers.area) missing.push("area");
  if (!answers.onset) missing.push("onset");
  if (!answers.goal) missing.push("goal");
  return missing;
}

/**
 * Where the answers lead:
 * - { kind: "red-flags", flags }: a warning sign; show its action, offer no exercises;
 * - { kind: "unanswered", flags }: warning signs not yet answered;
 * - { kind: "details", missing }: the second step is not finished;
 * - { kind: "suggestions", area, routines, sudden }: the pages for the area and the routines that fit.
 */
export function outcome(answers, data) {
  const yes = flagged(answers, data);
  if (yes.length) return { kind: "red-flags", flags: yes };
  const open = unanswered(answers, data);
  if (open.length) return { kind: "unanswered", flags: open };
  const missing = missingDetails(answers);
  if (missing.length) return { kind: "details", missing };
  const area = data.areas.find((a) => a.id === answers.area) || null;
  return {
    kind: "suggestions",
    area,
    routines: fittingRoutines(answers, data),
    sudden: answers.onset === "sudden",
  };
}

/** The label of an answer, for the summary. */
export function labelOf(list, id) {
  return list.find((item) => item.id === id)?.label ?? "";
}
