// The handout builder's state: the link format (the URL fragment, never sent to a server), doses
// clamped to the bounds the data allows (and the words that say so), and dates. Pure functions,
// unit-tested with node --test.
//
// The link, written as version 2 (compact, so that the QR code stays small enough to scan):
//   #2-20270301-6-K3F.2.10.3-A9Q.3.8.3[&n=name&c=notes]
// version, start date, weeks in the log, then each exercise as its short code (exported by the
// build, catalogue.json "code", a prefix of its "key") and its sets, reps or hold seconds and
// days a week. The part before "&" uses only characters of the QR code's alphanumeric mode
// (0-9 A-Z - .). "&l=1" after it asks for the large print handout: the page's address keeps that
// choice, but the QR code's link never holds it (the QR code's link is the part before "&", in
// alphanumeric mode, and a patient who scans it wants the web page). Version 1 links (#v=1&x=id.sets.amount.days_...&s=yyyy-mm-dd&w=weeks), already
// shared, are still read.

export const LINK_VERSION = "1";
export const COMPACT_VERSION = "2";
export const WEEKS = { min: 1, max: 12, default: 6 };
export const NAME_MAX = 80;
export const NOTES_MAX = 600;
export const PREPARED_MAX = 120; // the "prepared by" line: clinic name and phone, kept in the page only
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
  return clampedDose(exercise, field, value, fallback).value;
}

/**
 * The same, saying whether a whole number was brought up or down to the bounds:
 * {value, clamped: "max" | "min" | null}.
 */
export function clampedDose(exercise, field, value, fallback) {
  const range = bounds(exercise, field);
  if (!range) return { value: exercise.dose[dataField(exercise, field)], clamped: null };
  const number = Number(value);
  if (value === "" || value === null || value === undefined || !Number.isInteger(number)) return { value: fallback, clamped: null };
  if (number > range[1]) return { value: range[1], clamped: "max" };
  if (number < range[0]) return { value: range[0], clamped: "min" };
  return { value: number, clamped: null };
}

/** What the page says beside a dose field when ``clampedDose`` changed the number typed. */
export function clampMessage(value, clamped) {
  if (clamped === "max") return `Set to ${value}, the most this exercise's sources support.`;
  if (clamped === "min") return `Set to ${value}, the least this exercise's sources support.`;
  return "";
}

export const defaultItem = (exercise) => ({
  id: exercise.id, sets: exercise.dose.sets, amount: exercise.dose[amountField(exercise)], days: exercise.dose.days_per_week,
});

export function doseOf(exercise, item) {
  return { ...exercise.dose, sets: item.sets, [amountField(exercise)]: item.amount, days_per_week: item.days };
}

// -- the link ---------------------------------------------------------------------------

const compactDate = (iso) => iso.replaceAll("-", "");
const isoFromCompact = (text) => (/^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : "");

/** The compact link (version 2); large print when ``state.large``; the name and notes only when ``personal``. */
export function fragment(state, personal, codeOf) {
  const items = state.items.map((item) => [codeOf(item.id), item.sets, item.amount, item.days].join("."));
  let text = `#${[COMPACT_VERSION, compactDate(state.start), state.weeks, ...items].join("-")}`;
  const params = new URLSearchParams();
  if (state.large) params.set("l", "1");
  if (personal && state.name.trim()) params.set("n", state.name.trim());
  if (personal && state.notes.trim()) params.set("c", state.notes.trim());
  if (params.size) text += `&${params.toString()}`;
  return text;
}

/** The exercise a link's short code names: the one whose key starts with it, if exactly one does. */
export function byCode(exercises) {
  return (code) => {
    const wanted = code.toUpperCase();
    const found = exercises.filter((exercise) => exercise.key && exercise.key.startsWith(wanted));
    return found.length === 1 ? found[0] : null;
  };
}

/**
 * A handout's state from a fragment (compact #2-..., or version 1 #v=1&x=...), or null when the
 * fragment is not one (a heading's anchor), or {refused: version} for a link of another version.
 * Doses are clamped to their bounds. ``byId`` maps ids to exercises; ``findCode`` resolves a short code.
 */
export function parseFragment(hash, byId, findCode = () => null) {
  const text = hash.replace(/^#/, "");
  const compact = /^(\d+)-\d/.exec(text);
  let entries; // [label, exercise or undefined, values]
  let params;
  let start;
  let weeksText;
  if (compact) {
    if (compact[1] !== COMPACT_VERSION) return { refused: compact[1] };
    const cut = text.indexOf("&");
    const [, date, weeks, ...items] = (cut === -1 ? text : text.slice(0, cut)).split("-");
    params = new URLSearchParams(cut === -1 ? "" : text.slice(cut + 1));
    start = isoFromCompact(date);
    weeksText = weeks;
    entries = items.filter(Boolean).map((part) => {
      const [code, ...values] = part.split(".");
      const exercise = findCode(code);
      return [code, exercise ? byId.get(exercise.id) : undefined, values];
    });
  } else {
    params = new URLSearchParams(text);
    if (!params.has("x")) return null;
    if (params.get("v") !== LINK_VERSION) return { refused: params.get("v") };
    start = params.get("s");
    weeksText = params.get("w");
    entries = params.get("x").split("_").filter(Boolean).map((part) => {
      const [id, ...values] = part.split(".");
      return [id, byId.get(id), values];
    });
  }
  const result = { items: [], dropped: [], adjusted: 0, shortened: [] };
  for (const [label, exercise, values] of entries) {
    if (!exercise) {
      result.dropped.push(label);
      continue;
    }
    if (result.items.some((item) => item.id === exercise.id)) continue;
    const item = defaultItem(exercise);
    FIELDS.forEach((field, index) => {
      const value = clampDose(exercise, field, values[index], item[field.item]);
      if (values[index] !== undefined && String(value) !== values[index]) result.adjusted += 1;
      item[field.item] = value;
    });
    result.items.push(item);
  }
  result.start = parseIso(start) ? start : isoDate(new Date());
  const weeks = weeksText === null || weeksText === undefined || weeksText === "" ? NaN : Number(weeksText);
  result.weeks = Number.isInteger(weeks) ? Math.min(WEEKS.max, Math.max(WEEKS.min, weeks)) : WEEKS.default;
  result.name = (params.get("n") || "").slice(0, NAME_MAX);
  result.notes = (params.get("c") || "").slice(0, NOTES_MAX);
  if ((params.get("n") || "").length > NAME_MAX) result.shortened.push(`name (${NAME_MAX} characters kept)`);
  if ((params.get("c") || "").length > NOTES_MAX) result.shortened.push(`notes (${NOTES_MAX} characters kept)`);
  result.share = params.has("n") || params.has("c");
  result.large = params.get("l") === "1";
  return result;
}
