// The browser's dose wording against the cases build_tools/dose.py also runs (tests/test_dose.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { amount, frequency, rest, sessionMinutes, summary } from "../../theme_overrides/assets/javascripts/dose.js";

const cases = JSON.parse(readFileSync(new URL("../dose_cases.json", import.meta.url), "utf8"));

for (const c of cases.wording) {
  test(`wording: ${c.summary}`, () => {
    assert.equal(amount(c.dose), c.amount);
    assert.equal(rest(c.dose), c.rest);
    assert.equal(frequency(c.dose.days_per_week), c.frequency);
    assert.equal(summary(c.dose), c.summary);
    assert.equal(summary(c.dose, { tempo: true }), c.handout);
  });
}

for (const c of cases.sessions) {
  test(`session minutes: ${c.minutes}`, () => {
    assert.equal(sessionMinutes(c.doses), c.minutes);
  });
}
