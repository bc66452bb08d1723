// The dose in words and the session time, for the handout builder: the same wording as
// build_tools/dose.py, held to it by the shared cases in tests/dose_cases.json, which
// tests/js/dose.test.mjs (node --test) and tests/test_dose.py (pytest) both run.

export const SECONDS_PER_REP = 4; // as build_tools/dose.py: for the time estimate only

export const plural = (count, singular, many) => `${count} ${count === 1 ? singular : many || `${singular}s`}`;

export function seconds(value) {
  if (value >= 60 && value % 60 === 0) return plural(value / 60, "minute");
  if (value > 60 && value % 30 === 0) return `${value / 60} minutes`;
  return plural(value, "second");
}

export function amount(dose) {
  let text;
  if (dose.reps !== null && dose.reps !== undefined) {
    text = `${plural(dose.sets, "set")} of ${dose.reps}`;
  } else {
    const times = dose.sets === 1 ? "once" : dose.sets === 2 ? "twice" : `${dose.sets} times`;
    text = `hold ${seconds(dose.hold_seconds || 0)}, ${times}`;
  }
  if (dose.per_side) text += " on each leg";
  return text[0].toUpperCase() + text.slice(1);
}

export const rest = (dose) =>
  (dose.rest_seconds === 0 ? "No rest needed between sets" : `Rest ${seconds(dose.rest_seconds)} between sets`);

export const frequency = (days) => (days === 7 ? "Every day" : `${plural(days, "day")} a week`);

/** The dose in one line; with tempo, the speed is added and a full stop ends it (the handout's line). */
export function summary(dose, { tempo = false } = {}) {
  const parts = [amount(dose), rest(dose).toLowerCase(), frequency(dose.days_per_week).toLowerCase()];
  if (tempo && dose.tempo) parts.push(dose.tempo.replace(/\.+$/, "").toLowerCase());
  return parts.join("; ") + (tempo ? "." : "");
}

/** Estimated minutes for one session, rounded up to the next 5: an estimate, never a sourced fact. */
export function sessionMinutes(doses) {
  let total = 0;
  for (const dose of doses) {
    const sides = dose.per_side ? 2 : 1;
    const work = dose.reps !== null && dose.reps !== undefined ? dose.reps * SECONDS_PER_REP : dose.hold_seconds || 0;
    total += dose.sets * sides * work + Math.max(dose.sets - 1, 0) * dose.rest_seconds + 60;
  }
  return Math.max(5, Math.ceil(total / 300) * 5);
}
