// Exercise finder (issue 8): instant, combinable filters over the exercise catalogue.
//
// Exercises page: the build writes every exercise as a card, so without JavaScript the page is
// a plain, complete list. With it, a filter form appears above the cards (it is built here from
// assets/data/catalogue.json, the build's JSON export) and hides the cards that do not match.
// The state lives in the query string (?level=beginner&equipment=mat), so a filtered view can
// be shared; the query string suits this page because it holds nothing personal.
//
// The handout builder (builder.js) uses the same catalogue, form and matching rules through
// window.hsFinder. Nothing is sent anywhere and nothing is stored.
(() => {
  "use strict";

  const CATALOGUE_VERSION = 2;
  // The export writes each vocabulary as an object with sorted keys; levels have a natural order.
  const LEVEL_ORDER = ["beginner", "intermediate", "advanced"];
  // Material reads ?q= (and ?h=) for its own site search, so the finder's words use another name.
  const SEARCH_PARAM = "find";

  // -- small DOM helper: attributes are set one by one and text is always text ----------------

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "class") element.className = value;
      else if (name === "text") element.textContent = value;
      else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  // -- the catalogue ------------------------------------------------------------------------

  /** The site's root on this host, from Material's page config ("base" is relative, e.g. ".."). */
  function siteRoot() {
    let base = ".";
    const config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.endsWith("/") ? base : `${base}/`, location.href);
  }

  let cataloguePromise = null;

  /** The JSON export, fetched once per page from this site only; its version must be known. */
  function loadCatalogue() {
    if (!cataloguePromise) {
      const url = new URL("assets/data/catalogue.json", siteRoot());
      cataloguePromise = fetch(url, { credentials: "same-origin", referrerPolicy: "no-referrer" })
        .then((response) => {
          if (!response.ok) throw new Error(`${url} answered ${response.status}`);
          return response.json();
        })
        .then((catalogue) => {
          if (catalogue.version !== CATALOGUE_VERSION) {
            throw new Error(`catalogue version ${catalogue.version}; this page reads version ${CATALOGUE_VERSION}`);
          }
          return catalogue;
        });
    }
    return cataloguePromise;
  }

  // -- filters ------------------------------------------------------------------------------

  const byLabel = (labels) => Object.entries(labels).sort((a, b) => a[1].localeCompare(b[1]));

  /**
   * The facets, in the order the form shows them. Within a facet any ticked value matches,
   * except equipment, which means "what I have": an exercise matches when it needs nothing
   * that is not ticked. Facets combine with AND.
   */
  const FACETS = [
    { key: "kind", legend: "Kind", values: (ex) => [ex.kind], options: (c) => Object.entries(c.labels.kinds) },
    {
      key: "level", legend: "Level", values: (ex) => [ex.level],
      options: (c) => Object.entries(c.labels.levels).sort(
        (a, b) => rank(LEVEL_ORDER, a[0]) - rank(LEVEL_ORDER, b[0]) || a[1].localeCompare(b[1])),
    },
    {
      key: "equipment", legend: "Equipment you have", hint: "Shows the exercises that need nothing else.",
      more: true, everyValue: true, values: (ex) => ex.equipment.filter((item) => item !== "none"),
      options: (c) => byLabel(c.labels.equipment),
    },
    { key: "muscle", legend: "Main muscle worked", more: true, values: (ex) => ex.muscles.primary, options: (c) => byLabel(c.labels.muscles) },
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

  function emptyState() {
    const state = { q: "" };
    for (const facet of FACETS) state[facet.key] = new Set();
    return state;
  }

  function isFiltered(state) {
    return Boolean(state.q.trim()) || FACETS.some((facet) => state[facet.key].size > 0);
  }

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  /** Whether an exercise passes every facet and contains every word of the search. */
  function matches(exercise, state) {
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
  function availableValues(catalogue) {
    const available = {};
    for (const facet of FACETS) {
      available[facet.key] = new Set(catalogue.exercises.flatMap((exercise) => facet.values(exercise)));
    }
    return available;
  }

  /** Filter state from URL parameters (repeated keys: ?level=beginner&level=advanced&find=curl); unknown values are dropped. */
  function stateFromParams(params, catalogue) {
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
  function writeParams(state, params) {
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
  function createFilters(catalogue, { idPrefix, state, label, onChange }) {
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

  function countText(shown, total) {
    const noun = total === 1 ? "exercise" : "exercises";
    if (shown === total) return `Showing all ${total} ${noun}.`;
    if (shown === 0) return `No exercise matches all of these filters (of ${total}). Remove a filter to see more.`;
    return `Showing ${shown} of ${total} ${noun}.`;
  }

  /** Call ``update`` at once, or after a pause when the reader is still typing (for live regions). */
  function debouncer(delay) {
    let timer = 0;
    return (update, wait) => {
      clearTimeout(timer);
      if (wait) timer = setTimeout(update, delay);
      else update();
    };
  }

  // -- the Exercises page -------------------------------------------------------------------

  function initExercisesPage(mount) {
    const cards = new Map();
    for (const link of document.querySelectorAll("a[data-hs-exercise]")) {
      const card = link.closest("li");
      if (card) cards.set(link.dataset.hsExercise, card);
    }
    if (!cards.size) return;
    const grids = [...new Set([...cards.values()].map((card) => card.closest(".grid")).filter(Boolean))];

    loadCatalogue().then((catalogue) => {
      const exercises = catalogue.exercises.filter((exercise) => cards.has(exercise.id));
      const state = stateFromParams(new URLSearchParams(location.search), catalogue);
      const status = el("p", { class: "hs-finder__status", role: "status" });
      const announce = debouncer(600);
      const filters = createFilters(catalogue, {
        idPrefix: "hs-finder", state, label: "Find exercises",
        onChange: (_, { typing }) => apply(typing),
      });

      function apply(typing) {
        let shown = 0;
        for (const exercise of exercises) {
          const match = matches(exercise, state);
          cards.get(exercise.id).hidden = !match;
          shown += match;
        }
        for (const grid of grids) {
          const empty = !grid.querySelector(":scope > ul > li:not([hidden])");
          grid.hidden = empty;
          const heading = grid.previousElementSibling;
          if (heading && heading.tagName === "H2") heading.hidden = empty;
        }
        mount.dataset.shown = String(shown);
        announce(() => { status.textContent = countText(shown, exercises.length); }, typing);
        const params = writeParams(state, new URLSearchParams(location.search));
        const query = params.toString();
        history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
      }

      mount.append(filters.element, status);
      mount.hidden = false;
      apply(false);
      mount.dataset.ready = "true";
    }).catch((error) => {
      // The complete list stays as the build wrote it.
      console.warn("Exercise finder unavailable:", error);
    });
  }

  window.hsFinder = {
    el, siteRoot, loadCatalogue, FACETS, emptyState, isFiltered, matches, stateFromParams, writeParams,
    createFilters, countText, debouncer,
  };

  const mount = document.querySelector("[data-hs-finder]");
  if (mount) initExercisesPage(mount);
})();
