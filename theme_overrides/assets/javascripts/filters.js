// The exercise filters shared by the finder (Exercises page) and the handout builder: the
// facets, matching, the query-string state and the filter form. Nothing is sent or stored.
import { el } from "./ui.js";

// The export writes each vocabulary as an object with sorted keys; levels have a natural order.
const LEVEL_ORDER = ["beginner", "intermediate", "advanced"];
// Material reads ?q= (and ?h=) for its own site search, so the finder's words use another name.
export const SEARCH_PARAM = "find";

const byLabel = (labels) => Object.entries(labels).sort((a, b) => a[1].localeCompare(b[1]));

/**
 * The facets, in the order the form shows them. Within a facet any ticked value matches,
 * except equipment, which means "what I have": an exercise matches when it needs nothing
 * that is not ticked. Facets combine with AND.
 */
export const FACETS = [
  { key: "kind", legend: "Kind", values: (ex) => [ex.kind], options: (c) => Object.entries(c.labels.kinds) },
  {
    key: "level", legend: "Level", values: (ex) => [ex.level],
    options: (c) => Object.entries(c.labels.levels).sort(
      (a, b) => rank(LEVEL_ORDER, a[0]) - rank(LEVEL_ORDER, b[0]) || a[1].localeCompare(b[1])),
  },
  {
    // "No equipment" (the value "none") is a choice of its own: ticked alone, it shows the
    // exercises tagged [none], which need nothing but a floor. A mat, a chair or a wall is
    // equipment here (exercises/*.yml tags it when the steps use it), so tick it if you have it.
    key: "equipment", legend: "Equipment you have",
    hint: "Tick what you have. \u201cNo equipment\u201d shows the exercises that need only a floor; a mat, a chair and a wall count as equipment.",
    more: true, everyValue: true, values: (ex) => ex.equipment.filter((item) => item !== "none"),
    always: ["none"],
    options: (c) => [["none", c.labels.equipment.none],
      ...byLabel(c.labels.equipment).filter(([value]) => value !== "none")],
  },
  { key: "muscle", legend: "Main muscle worked", more: true, values: (ex) => ex.muscles.primary_with_groups ?? ex.muscles.primary, options: (c) => byLabel(c.labels.muscles) },
  {
    key: "helps", legend: "Helps with", more: true, values: (ex) => ex.helps_with,
    options: (c) => c.signs.map((sign) => [sign.id, sign.name]).sort((a, b) => a[1].localeCompare(b[1])),
    none: "No exercise is linked to a sign or symptom yet.",
  },
];

function rank(order, value) {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

export function emptyState() {
  const state = { q: "" };
  for (const facet of FACETS) state[facet.key] = new Set();
  return state;
}

export function isFiltered(state) {
  return Boolean(state.q.trim()) || FACETS.some((facet) => state[facet.key].size > 0);
}

const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** Whether an exercise passes every facet and contains every word of the search. */
export function matches(exercise, state) {
  for (const facet of FACETS) {
    const chosen = state[facet.key];
    if (!chosen.size) continue;
    const values = facet.values(exercise);
    const ok = facet.everyValue ? values.every((value) => chosen.has(value)) : values.some((value) => chosen.has(value));
    if (!ok) return false;
  }
  const words = fold(state.q).split(/\s+/).filter(Boolean);
  if (words.length) {
    const text = fold([exercise.name, ...exercise.aliases, exercise.summary].join(" "));
    if (!words.every((word) => text.includes(word))) return false;
  }
  return true;
}

/** Values some exercise has, per facet: the form offers only those. */
export function availableValues(catalogue) {
  const available = {};
  for (const facet of FACETS) {
    available[facet.key] = new Set([...(facet.always || []), ...catalogue.exercises.flatMap((exercise) => facet.values(exercise))]);
  }
  return available;
}

/** Filter state from URL parameters (repeated keys: ?level=beginner&level=advanced&find=curl); unknown values are dropped. */
export function stateFromParams(params, catalogue) {
  const state = emptyState();
  const available = availableValues(catalogue);
  state.q = (params.get(SEARCH_PARAM) || "").slice(0, 100);
  for (const facet of FACETS) {
    for (const value of params.getAll(facet.key)) {
      if (available[facet.key].has(value)) state[facet.key].add(value);
    }
  }
  return state;
}

/** Write the filter state into ``params``, keeping any other parameter (such as Material's ?h=). */
export function writeParams(state, params) {
  params.delete(SEARCH_PARAM);
  if (state.q.trim()) params.set(SEARCH_PARAM, state.q.trim());
  for (const facet of FACETS) {
    params.delete(facet.key);
    for (const value of state[facet.key]) params.append(facet.key, value);
  }
  return params;
}

/**
 * The filter form: a search field and one group of checkboxes per facet.
 * ``onChange(state, {typing})`` runs on every change; ``typing`` is true for keystrokes in
 * the search field, so callers can wait before announcing a count.
 */
export function createFilters(catalogue, { idPrefix, state, label, onChange }) {
  const available = availableValues(catalogue);
  const searchId = `${idPrefix}-q`;
  const search = el("input", {
    type: "search", id: searchId, name: SEARCH_PARAM, autocomplete: "off", spellcheck: "false", maxlength: 100,
    value: state.q,
  });
  const form = el("form", { class: "hs-filters", role: "search", "aria-label": label, onsubmit: (e) => e.preventDefault() },
    el("div", { class: "hs-filters__search" }, el("label", { for: searchId, text: "Search by name" }), search));

  // Kind and level are always shown; the longer facets sit behind a "More filters" button,
  // open from the start when the state already uses one of them.
  const moreId = `${idPrefix}-more`;
  const more = el("div", { class: "hs-filters__more", id: moreId });
  const moreButton = el("button", { type: "button", class: "hs-btn hs-filters__toggle", "aria-expanded": "false",
    "aria-controls": moreId });
  const moreFacets = FACETS.filter((facet) => facet.more);
  const setMore = (open) => {
    moreButton.setAttribute("aria-expanded", String(open));
    more.hidden = !open;
    const active = moreFacets.reduce((sum, facet) => sum + state[facet.key].size, 0);
    moreButton.textContent = `${open ? "Fewer filters" : "More filters"}: ${moreFacets.map((f) => f.legend.toLowerCase()).join(", ")}`
      + (active ? ` (${active} chosen)` : "");
  };
  moreButton.addEventListener("click", () => setMore(more.hidden));

  const boxes = [];
  for (const facet of FACETS) {
    const options = facet.options(catalogue).filter(([value]) => available[facet.key].has(value));
    const legendId = `${idPrefix}-${facet.key}-legend`;
    const hintId = `${idPrefix}-${facet.key}-hint`;
    const fieldset = el("fieldset", { class: `hs-facet hs-facet--${facet.key}`, "aria-describedby": facet.hint && options.length ? hintId : null },
      el("legend", { id: legendId, text: facet.legend }));
    if (facet.hint && options.length) fieldset.append(el("p", { class: "hs-facet__hint", id: hintId, text: facet.hint }));
    if (!options.length) {
      fieldset.append(el("p", { class: "hs-facet__none", text: facet.none || "No options." }));
    } else {
      const list = el("div", { class: "hs-facet__options" });
      for (const [value, text] of options) {
        const box = el("input", { type: "checkbox", name: facet.key, value, checked: state[facet.key].has(value) });
        box.dataset.facet = facet.key;
        boxes.push(box);
        list.append(el("label", { class: "hs-chip" }, box, el("span", { text })));
      }
      fieldset.append(list);
    }
    (facet.more ? more : form).append(fieldset);
  }

  const clear = el("button", { type: "button", class: "hs-btn hs-filters__clear", text: "Clear all filters" });
  form.append(el("div", { class: "hs-filters__actions" }, moreButton), more, el("div", { class: "hs-filters__actions" }, clear));
  setMore(moreFacets.some((facet) => state[facet.key].size > 0));

  const read = () => {
    state.q = search.value;
    for (const facet of FACETS) state[facet.key].clear();
    for (const box of boxes) if (box.checked) state[box.dataset.facet].add(box.value);
  };
  const sync = () => {
    search.value = state.q;
    for (const box of boxes) box.checked = state[box.dataset.facet].has(box.value);
    clear.disabled = !isFiltered(state);
  };
  form.addEventListener("input", (event) => {
    read();
    clear.disabled = !isFiltered(state);
    setMore(!more.hidden);
    onChange(state, { typing: event.target === search });
  });
  clear.addEventListener("click", () => {
    state.q = "";
    for (const facet of FACETS) state[facet.key].clear();
    sync();
    setMore(!more.hidden);
    onChange(state, { typing: false });
    search.focus();
  });
  sync();
  return { element: form, sync, clear };
}

export function countText(shown, total) {
  const noun = total === 1 ? "exercise" : "exercises";
  if (shown === total) return `Showing all ${total} ${noun}.`;
  if (shown === 0) return `No exercise matches all of these filters (of ${total}). Remove a filter to see more.`;
  return `Showing ${shown} of ${total} ${noun}.`;
}
