// The handout builder's link format and dose bounds (state.js), without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  LINK_VERSION, NAME_MAX, clampDose, defaultItem, FIELDS, fragment, parseFragment, parseIso,
} from "../../theme_overrides/assets/javascripts/state.js";

const bridge = {
  id: "glute-bridge", dose: { sets: 2, reps: 10, hold_seconds: null, rest_seconds: 30, per_side: false, days_per_week: 3 },
  adjustable: { sets: [1, 3], reps: [8, 12], days_per_week: [2, 3] },
};
const stretch = {
  id: "seated-stretch", dose: { sets: 2, reps: null, hold_seconds: 30, rest_seconds: 30, per_side: true, days_per_week: 5 },
  adjustable: { hold_seconds: [30, 60] },
};
const byId = new Map([[bridge.id, bridge], [stretch.id, stretch]]);
const state = (overrides = {}) => ({
  items: [{ ...defaultItem(bridge), sets: 3 }, defaultItem(stretch)], start: "2027-03-01", weeks: 6,
  name: "Ann", notes: "Slowly", share: false, ...overrides,
});

test("a link holds the exercises, doses and dates, and the name only when asked", () => {
  const plain = fragment(state(), false);
  assert.match(plain, new RegExp(`^#v=${LINK_VERSION}&`));
  assert.ok(!plain.includes("Ann") && !plain.includes("Slowly"));
  assert.ok(fragment(state(), true).includes("n=Ann"));
});

test("a link reads back as the same handout", () => {
  const restored = parseFragment(fragment(state(), true), byId);
  assert.deepEqual(restored.items, state().items);
  assert.equal(restored.start, "2027-03-01");
  assert.equal(restored.weeks, 6);
  assert.equal(restored.name, "Ann");
  assert.equal(restored.share, true);
  assert.deepEqual(restored.dropped, []);
  assert.equal(restored.adjusted, 0);
});

test("doses outside the data's bounds are brought within them, and counted", () => {
  const restored = parseFragment("#v=1&x=glute-bridge.99.0.7_seated-stretch.2.1000.5&s=2027-03-01&w=6", byId);
  assert.deepEqual(restored.items[0], { id: "glute-bridge", sets: 3, amount: 8, days: 3 });
  assert.equal(restored.items[1].amount, 60);
  assert.equal(restored.adjusted, 4); // sets, reps, days of the bridge; the stretch's hold
  assert.equal(restored.items[1].sets, 2); // no bounds for its sets: the data's own dose
});

test("unknown exercises are dropped by name, and odd dates and weeks fall back", () => {
  const restored = parseFragment("#v=1&x=gone.1.1.1_glute-bridge&s=2027-02-30&w=99", byId);
  assert.deepEqual(restored.dropped, ["gone"]);
  assert.equal(restored.items.length, 1);
  assert.equal(restored.weeks, 12);
  assert.ok(parseIso(restored.start));
  assert.notEqual(restored.start, "2027-02-30");
});

test("a link of another version is refused, and an anchor is not a link", () => {
  assert.deepEqual(parseFragment("#v=2&x=glute-bridge", byId), { refused: "2" });
  assert.deepEqual(parseFragment("#x=glute-bridge", byId), { refused: null });
  assert.equal(parseFragment("#how-to-do-it", byId), null);
});

test("a long name is cut to the limit, and the cut is reported", () => {
  const restored = parseFragment(`#v=1&x=glute-bridge&n=${"a".repeat(NAME_MAX + 20)}`, byId);
  assert.equal(restored.name.length, NAME_MAX);
  assert.equal(restored.shortened.length, 1);
});

test("clampDose keeps whole numbers within the bounds, and falls back on junk", () => {
  const sets = FIELDS[0];
  assert.equal(clampDose(bridge, sets, "0", 2), 1);
  assert.equal(clampDose(bridge, sets, "2.5", 2), 2);
  assert.equal(clampDose(bridge, sets, "", 2), 2);
  assert.equal(clampDose(stretch, sets, "9", 2), 2); // no bounds: the data's own value
});
