// The finder's matching and query-string state (filters.js), without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import { countText, emptyState, matches, stateFromParams, writeParams } from "../../theme_overrides/assets/javascripts/filters.js";

const ex = (id, extra) => ({ id, name: id, aliases: [], summary: "", kind: "strengthen", level: "beginner",
  equipment: ["none"], muscles: { primary: ["gluteus-maximus"] }, helps_with: [], ...extra });
const catalogue = {
  exercises: [ex("bridge", { equipment: ["mat"] }), ex("nordic", { level: "advanced", equipment: ["mat", "partner-or-anchor"] }),
    ex("stretch", { kind: "stretch", name: "Seated stretch", aliases: ["Sit and réach"] })],
};

test("equipment means what you have: an exercise needs nothing you did not tick", () => {
  const state = emptyState();
  state.equipment.add("mat");
  assert.deepEqual(catalogue.exercises.filter((e) => matches(e, state)).map((e) => e.id), ["bridge", "stretch"]);
});

test("facets combine with AND, values within a facet with OR", () => {
  const state = emptyState();
  state.level.add("beginner").add("advanced");
  state.kind.add("strengthen");
  assert.deepEqual(catalogue.exercises.filter((e) => matches(e, state)).map((e) => e.id), ["bridge", "nordic"]);
});

test("search matches every word, ignoring case and accents", () => {
  const state = emptyState();
  state.q = "SIT reach";
  assert.deepEqual(catalogue.exercises.filter((e) => matches(e, state)).map((e) => e.id), ["stretch"]);
});

test("the query string round-trips, keeps other parameters, and drops unknown values", () => {
  const state = stateFromParams(new URLSearchParams("level=advanced&level=expert&find=nord&h=x"), catalogue);
  assert.deepEqual([...state.level], ["advanced"]);
  assert.equal(state.q, "nord");
  assert.equal(writeParams(state, new URLSearchParams("h=x")).toString(), "h=x&find=nord&level=advanced");
});

test("the count says how many show", () => {
  assert.equal(countText(3, 3), "Showing all 3 exercises.");
  assert.equal(countText(1, 3), "Showing 1 of 3 exercises.");
  assert.match(countText(0, 3), /^No exercise matches/);
});

test("a muscle filter for a group (quadriceps) finds an exercise that names only one of its heads", () => {
  const heads = { exercises: [
    ex("sls", { muscles: { primary: ["vastus-medialis"], primary_with_groups: ["vastus-medialis", "quadriceps"] } }),
    ex("bridge")] };
  const state = stateFromParams(new URLSearchParams("muscle=quadriceps"), heads);
  assert.deepEqual(heads.exercises.filter((e) => matches(e, state)).map((e) => e.id), ["sls"]);
  const head = stateFromParams(new URLSearchParams("muscle=vastus-medialis"), heads);
  assert.deepEqual(heads.exercises.filter((e) => matches(e, head)).map((e) => e.id), ["sls"]);
});
