// The builder's handout view (handout-view.js) without a browser: the QR code's segments and what
// the fit meter says of a large print handout.
import assert from "node:assert/strict";
import { test } from "node:test";

import { largePrintText, qrSegments } from "../../theme_overrides/assets/javascripts/handout-view.js";

test("large print says how many pages it takes, the same on both papers", () => {
  assert.equal(largePrintText({ A4: 7, Letter: 7 }), "Large print (text 16 pt and more): prints on 7 pages of A4 or Letter.");
  assert.equal(largePrintText({ A4: 1, Letter: 1 }), "Large print (text 16 pt and more): prints on 1 page of A4 or Letter.");
});

test("large print names each paper's count when they differ", () => {
  assert.equal(largePrintText({ A4: 10, Letter: 11 }),
    "Large print (text 16 pt and more): prints on 10 pages of A4 or 11 pages of Letter.");
});

test("the QR code's link: the address as bytes, the compact state alphanumeric", () => {
  assert.deepEqual(qrSegments("https://x.test/handout-builder/#2-20270301-6-1VX.3.10.3"),
    [["https://x.test/handout-builder/#", "Byte"], ["2-20270301-6-1VX.3.10.3", "Alphanumeric"]]);
  assert.deepEqual(qrSegments("https://x.test/handout-builder/#2-20270301-6&l=1"), [["https://x.test/handout-builder/#2-20270301-6&l=1", "Byte"]]);
});
