// The glossary tooltip's pure parts (glossary.js), without a browser: where the tooltip goes on a
// scrolled page, and where a term's definition is kept while it shows.
import assert from "node:assert/strict";
import { test } from "node:test";

import { definitionOf, placeOnPage } from "../../theme_overrides/assets/javascripts/glossary.js";

const phone = { width: 390, height: 844 };

test("the tooltip goes below the term, moved by the page's scroll", () => {
  const spot = placeOnPage({ left: 250, top: 400, bottom: 418 }, { width: 374, height: 70 }, phone, { x: 0, y: 1200 });
  assert.deepEqual(spot, { left: 8, top: 1624 });
});

test("near the bottom of the screen the tooltip goes above the term", () => {
  const spot = placeOnPage({ left: 20, top: 800, bottom: 818 }, { width: 300, height: 70 }, phone, { x: 0, y: 50 });
  assert.deepEqual(spot, { left: 20, top: 50 + 800 - 6 - 70 });
});

function element(attributes) {
  return { getAttribute: (name) => (name in attributes ? attributes[name] : null) };
}

test("a term's definition is its title, or while shown the attribute it moved to", () => {
  assert.equal(definitionOf(element({ title: "A joint condition." })), "A joint condition.");
  assert.equal(definitionOf(element({ "data-hs-definition": "A joint condition." })), "A joint condition.");
  assert.equal(definitionOf(element({})), "");
});
