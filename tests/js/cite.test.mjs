// The citation popover's pure parts (cite.js), without a browser: which numbers a marker names and
// where the popover goes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { numbersOf, place } from "../../theme_overrides/assets/javascripts/cite.js";

test("a marker's numbers come from its data attribute, digits only", () => {
  assert.deepEqual(numbersOf("3 7"), [3, 7]);
  assert.deepEqual(numbersOf(" 12  "), [12]);
  assert.deepEqual(numbersOf("3 x7 <b>"), [3]);
  assert.deepEqual(numbersOf(undefined), []);
});

const phone = { width: 390, height: 844 };

test("the popover opens below the marker, inside the screen's edges", () => {
  const spot = place({ left: 300, top: 100, bottom: 124 }, { width: 374, height: 200 }, phone);
  assert.deepEqual(spot, { left: 8, top: 130 });
});

test("the popover opens above a marker near the bottom of the screen", () => {
  const spot = place({ left: 20, top: 760, bottom: 784 }, { width: 200, height: 300 }, phone);
  assert.deepEqual(spot, { left: 20, top: 454 });
});

test("a popover taller than the room on either side stays on the screen", () => {
  const spot = place({ left: 20, top: 300, bottom: 324 }, { width: 200, height: 700 }, phone);
  assert.equal(spot.top, 136);
  assert.ok(spot.top >= 8 && spot.top + 700 <= phone.height - 8);
});

test("on a wide screen the popover starts at the marker", () => {
  const spot = place({ left: 600, top: 200, bottom: 224 }, { width: 480, height: 250 }, { width: 1280, height: 800 });
  assert.deepEqual(spot, { left: 600, top: 230 });
});
