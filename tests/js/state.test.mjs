// The handout builder's link format and dose bounds (state.js), without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  COMPACT_VERSION, NAME_MAX, byCode, clampDose, clampedDose, clampMessage, defaultItem, FIELDS, fragment, parseFragment,
  parseIso,
} from "../../theme_overrides/assets/javascripts/state.js";

const bridge = {
  id: "glute-bridge", key: "1VX5LZJH", code: "1VX", dose: { sets: 2, reps: 10, hold_seconds: null, rest_seconds: 30, per_side: false, days_per_week: 3 },
  adjustable: { sets: [1, 3], reps: [8, 12], days_per_week: [2, 3] },
};
const stretch = {
  id: "seated-stretch", key: "1VQ00000", code: "1VQ", dose: { sets: 2, reps: null, hold_seconds: 30, rest_seconds: 30, per_side: true, days_per_week: 5 },
  adjustable: { hold_seconds: [30, 60] },
};
const byId = new Map([[bridge.id, bridge], [stretch.id, stretch]]);
const findCode = byCode([bridge, stretch]);
const codeOf = (id) => byId.get(id).code;
const state = (overrides = {}) => ({
  items: [{ ...defaultItem(bridge), sets: 3 }, defaultItem(stretch)], start: "2027-03-01", weeks: 6,
  name: "Ann", notes: "Slowly", share: false, ...overrides,
});

test("a link holds the exercises by short code, doses and dates, and the name only when asked", () => {
  const plain = fragment(state(), false, codeOf);
  assert.equal(plain, `#${COMPACT_VERSION}-20270301-6-1VX.3.10.3-1VQ.2.30.5`);
  assert.match(plain.slice(1), /^[0-9A-Z.-]+$/); // the QR code's alphanumeric mode
  assert.ok(!plain.includes("Ann") && !plain.includes("Slowly"));
  assert.ok(fragment(state(), true, codeOf).endsWith("&n=Ann&c=Slowly"));
});

test("a link reads back as the same handout", () => {
  const restored = parseFragment(fragment(state(), true, codeOf), byId, findCode);
  assert.deepEqual(restored.items, state().items);
  assert.equal(restored.start, "2027-03-01");
  assert.equal(restored.weeks, 6);
  assert.equal(restored.name, "Ann");
  assert.equal(restored.share, true);
  assert.deepEqual(restored.dropped, []);
  assert.equal(restored.adjusted, 0);
});

test("large print is kept in the page's link, after the QR code's part, and read back", () => {
  const large = fragment(state({ large: true }), false, codeOf);
  assert.equal(large, `#${COMPACT_VERSION}-20270301-6-1VX.3.10.3-1VQ.2.30.5&l=1`);
  assert.equal(parseFragment(large, byId, findCode).large, true);
  assert.equal(parseFragment(large, byId, findCode).share, false); // large print holds no name
  assert.equal(parseFragment(fragment(state(), false, codeOf), byId, findCode).large, false);
  const both = fragment(state({ large: true }), true, codeOf);
  assert.ok(both.endsWith("&l=1&n=Ann&c=Slowly"), both);
  const restored = parseFragment(both, byId, findCode);
  assert.equal(restored.large, true);
  assert.equal(restored.name, "Ann");
  assert.equal(parseFragment(`${fragment(state(), false, codeOf)}&l=yes`, byId, findCode).large, false);
});

test("a link of the old, long form (version 1) still reads as the same handout", () => {
  const restored = parseFragment("#v=1&x=glute-bridge.3.10.3_seated-stretch.2.30.5&s=2027-03-01&w=6&n=Ann", byId, findCode);
  assert.deepEqual(restored.items, state().items);
  assert.equal(restored.start, "2027-03-01");
  assert.equal(restored.name, "Ann");
});

test("a code is read as the one exercise whose key starts with it, in any case, and never a guess", () => {
  assert.equal(findCode("1VX"), bridge);
  assert.equal(findCode("1vx5"), bridge);
  assert.equal(findCode("1V"), null); // both keys start with it
  const restored = parseFragment("#2-20270301-4-1V.2.10.3-ZZZ.1.1.1-1VQ.2.30.5", byId, findCode);
  assert.deepEqual(restored.dropped, ["1V", "ZZZ"]);
  assert.deepEqual(restored.items.map((item) => item.id), ["seated-stretch"]);
  assert.equal(restored.weeks, 4);
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
  assert.deepEqual(parseFragment("#3-20270301-6-1VX.1.8.2", byId, findCode), { refused: "3" });
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

test("a clamped dose says which end of the sourced range it was set to, once, in state.js's words", () => {
  const reps = FIELDS[1];
  assert.deepEqual(clampedDose(bridge, reps, "20", 10), { value: 12, clamped: "max" });
  assert.deepEqual(clampedDose(bridge, reps, "2", 10), { value: 8, clamped: "min" });
  assert.deepEqual(clampedDose(bridge, reps, "11", 10), { value: 11, clamped: null });
  assert.equal(clampMessage(12, "max"), "Set to 12, the most this exercise's sources support.");
  assert.equal(clampMessage(8, "min"), "Set to 8, the least this exercise's sources support.");
  assert.equal(clampMessage(11, null), "");
});
