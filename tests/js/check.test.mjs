// The guided check's decisions (check-logic.js), without a browser: warning signs first and they win,
// then routines matched by their fits metadata, with the equipment the reader lacks.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  fits, fittingRoutines, flagged, missingDetails, outcome, readData, unanswered,
} from "../../theme_overrides/assets/javascripts/check-logic.js";

const routine = (id, fitsData, equipment = []) => ({ id, name: id, equipment, fits: fitsData });
const data = {
  version: 1,
  red_flags: [{ id: "clot", urgency: "emergency" }, { id: "lump", urgency: "urgent-gp" }],
  areas: [{ id: "back-of-knee", label: "Back of the knee" }, { id: "back-of-thigh-middle", label: "Middle" }],
  routines: [
    routine("stretch", { areas: ["no-pain", "back-of-thigh-middle"], onsets: ["no-pain", "slow"], goals: ["flexibility"] },
      ["resistance-band"]),
    routine("strong", { areas: ["no-pain"], onsets: ["no-pain", "slow"], goals: ["flexibility", "stronger"] },
      ["resistance-band", "dumbbells"]),
    routine("plain", { areas: ["no-pain"], onsets: ["no-pain"], goals: ["flexibility"] }),
  ],
};
const allNo = { clot: "no", lump: "no" };

test("a yes to any warning sign ends the check with that sign and no routines, whatever else is answered", () => {
  const answers = { flags: { clot: "no", lump: "yes" }, area: "no-pain", onset: "no-pain", goal: "flexibility" };
  const result = outcome(answers, data);
  assert.equal(result.kind, "red-flags");
  assert.deepEqual(result.flags.map((f) => f.id), ["lump"]);
  assert.equal(result.routines, undefined);
});

test("a yes counts even while other warning signs are unanswered; several come most urgent first", () => {
  assert.equal(outcome({ flags: { lump: "yes" } }, data).kind, "red-flags");
  assert.deepEqual(flagged({ flags: { lump: "yes", clot: "yes" } }, data).map((f) => f.id), ["clot", "lump"]);
});

test("every warning sign must be answered before the check goes on", () => {
  const result = outcome({ flags: { clot: "no" }, area: "no-pain", onset: "no-pain", goal: "flexibility" }, data);
  assert.equal(result.kind, "unanswered");
  assert.deepEqual(result.flags.map((f) => f.id), ["lump"]);
  assert.deepEqual(unanswered({ flags: { clot: "maybe" } }, data).map((f) => f.id), ["clot", "lump"]);
});

test("the second step needs where, what happened and the goal; equipment may be left empty", () => {
  assert.deepEqual(missingDetails({ area: "no-pain" }), ["onset", "goal"]);
  const result = outcome({ flags: allNo, area: "no-pain", goal: "flexibility" }, data);
  assert.deepEqual(result, { kind: "details", missing: ["onset"] });
});

test("a routine fits only when its area, onset and goal all hold the answers", () => {
  const base = { area: "back-of-thigh-middle", onset: "slow", goal: "flexibility" };
  assert.equal(fits(data.routines[0], base), true);
  assert.equal(fits(data.routines[0], { ...base, goal: "stronger" }), false);
  assert.equal(fits(data.routines[0], { ...base, onset: "sudden" }), false);
  assert.equal(fits(data.routines[0], { ...base, area: "back-of-knee" }), false);
  assert.equal(fits({ id: "no-fits" }, base), false);
});

test("no warning signs leads to the fitting routines, fewest missing equipment first", () => {
  const answers = { flags: allNo, area: "no-pain", onset: "no-pain", goal: "flexibility", equipment: ["resistance-band"] };
  const result = outcome(answers, data);
  assert.equal(result.kind, "suggestions");
  assert.deepEqual(result.routines.map((r) => [r.routine.id, r.missing]),
    [["stretch", []], ["plain", []], ["strong", ["dumbbells"]]]);
});

test("the area's pages come with the suggestions; a new injury fits no routine and is said to be sudden", () => {
  const answers = { flags: allNo, area: "back-of-knee", onset: "sudden", goal: "flexibility", equipment: [] };
  const result = outcome(answers, data);
  assert.equal(result.area.id, "back-of-knee");
  assert.deepEqual(result.routines, []);
  assert.equal(result.sudden, true);
  assert.deepEqual(fittingRoutines({ ...answers, area: "no-pain", onset: "no-pain" }, data).map((r) => r.routine.id),
    ["plain", "stretch", "strong"]);
});

test("data of another version is refused", () => {
  assert.equal(readData(JSON.stringify(data)).version, 1);
  assert.throws(() => readData(JSON.stringify({ ...data, version: 2 })), /version 2/);
});
