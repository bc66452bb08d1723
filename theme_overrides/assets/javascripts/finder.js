// Exercise finder (issue 8): instant, combinable filters over the exercise catalogue.
//
// Exercises page: the build writes every exercise as a card, so without JavaScript the page is
// a plain, complete list. With it, a filter form appears above the cards (it is built here from
// assets/data/catalogue.json, the build's JSON export) and hides the cards that do not match.
// The state lives in the query string (?level=beginner&equipment=mat), so a filtered view can
// be shared; the query string suits this page because it holds nothing personal.
//
// The handout builder (builder.js) uses the same catalogue, form and matching rules (catalogue.js,
// filters.js). Nothing is sent anywhere and nothing is stored.
import { loadCatalogue } from "./catalogue.js";
import { countText, createFilters, matches, stateFromParams, writeParams } from "./filters.js";
import { debouncer, el } from "./ui.js";

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
    // The count is a live region (announced after each change) and sticks to the bottom of
    // the screen while the form is in view, so it stays visible after every tick on a phone.
    const status = el("p", { class: "hs-finder__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
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

const mount = document.querySelector("[data-hs-finder]");
if (mount) initExercisesPage(mount);
