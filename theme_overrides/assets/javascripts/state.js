// The handout builder's state: the link format (the URL fragment, never sent to a server), doses
// clamped to the bounds the data allows, and dates. Pure functions, unit-tested with node --test.

export const LINK_VERSION = "1";
export const WEEKS = { min: 1, max: 12, default: 6 };
export const NAME_MAX = 80;
export const NOTES_MAX = 600;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

// -- dates (ISO yyyy-mm-dd, read as local dates) -------------------------------------------

const pad = (n) => String(n).padStart(2, "0");
export const isoDate = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export function parseIso(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDate(date) === text ? date : null;
}

export const humanDate = (date) => `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
export const shortDate = (date) => `${date.getDate()} ${MONTHS[date.getMonth()].slice(0, 3)}`;

// -- doses within the bounds the data allows -----------------------------------------------

export const amountField = (exercise) => (exercise.dose.reps !== null && exercise.dose.reps !== undefined ? "reps" : "hold_seconds");
export const FIELDS = [
  { key: "sets", item: "sets", label: () => "Sets" },
  { key: "amount", item: "amount", label: (exercise) => (amountField(exercise) === "reps" ? "Reps" : "Hold (seconds)") },
  { key: "days_per_week", item: "days", label: () => "Days a week" },
];
const dataField = (exercise, field) => (field.key === "amount" ? amountField(exercise) : field.key);
export const bounds = (exercise, field) => exercise.adjustable[dataField(exercise, field)] || null;

/** ``value`` as a whole number within the exercise's bounds; the data's own dose when it has none. */
export function clampDose(exercise, field, value, fallback) {
  const range = bounds(exercise, field);
  if (!range) return exercise.dose[dataField(exercise, field)];
  const number = Number(value);
  if (value === "" || value === null || value === undefined || !Number.isInteger(number)) return fallback;
  return Math.min(range[1], Math.max(range[0], number));
}

export const defaultItem = (exercise) => ({
  id: exercise.id, sets: exercise.dose.sets, amount: exercise.dose[amountField(exercise)], days: exercise.dose.days_per_week,
});

export function doseOf(exercise, item) {
  return { ...exercise.dose, sets: item.sets, [amountField(exercise)]: item.amount, days_per_week: item.days };
}

// -- the link ---------------------------------------------------------------------------

export function fragment(state, personal) {
  const params = new URLSearchParams();
  params.set("v", LINK_VERSION);
  params.set("x", state.items.map((item) => [item.id, item.sets, item.amount, item.days].join(".")).join("_"));
  params.set("s", state.start);
  params.set("w", String(state.weeks));
  if (personal && state.name.trim()) params.set("n", state.name.trim());
  if (personal && state.notes.trim()) params.set("c", state.notes.trim());
  return `#${params.toString()}`;
}

/**
 * A handout's state from a fragment (#v=1&x=...), or null when the fragment is not one (a heading's
 * anchor), or {refused: version} for a link of another version. Doses are clamped to their bounds.
 */
export function parseFragment(hash, byId) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  if (!params.has("x")) return null;
  if (params.get("v") !== LINK_VERSION) return { refused: params.get("v") };
  const result = { items: [], dropped: [], adjusted: 0, shortened: [] };
  for (const part of params.get("x").split("_").filter(Boolean)) {
    const [id, ...values] = part.split(".");
    const exercise = byId.get(id);
    if (!exercise) {
      result.dropped.push(id);
      continue;
    }
    if (result.items.some((item) => item.id === id)) continue;
    const item = defaultItem(exercise);
    FIELDS.forEach((field, index) => {
      const value = clampDose(exercise, field, values[index], item[field.item]);
      if (values[index] !== undefined && String(value) !== values[index]) result.adjusted += 1;
      item[field.item] = value;
    });
    result.items.push(item);
  }
  result.start = parseIso(params.get("s")) ? params.get("s") : isoDate(new Date());
  const weeks = Number(params.get("w"));
  result.weeks = Number.isInteger(weeks) ? Math.min(WEEKS.max, Math.max(WEEKS.min, weeks)) : WEEKS.default;
  result.name = (params.get("n") || "").slice(0, NAME_MAX);
  result.notes = (params.get("c") || "").slice(0, NOTES_MAX);
  if ((params.get("n") || "").length > NAME_MAX) result.shortened.push(`name (${NAME_MAX} characters kept)`);
  if ((params.get("c") || "").length > NOTES_MAX) result.shortened.push(`notes (${NOTES_MAX} characters kept)`);
  result.share = params.has("n") || params.has("c");
  return result;
}
