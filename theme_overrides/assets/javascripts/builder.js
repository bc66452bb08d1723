// Handout builder (issue 8): a personalised one-page handout, made and printed in the browser.
//
// The page (content/handout-builder.md) holds a mount, #hs-builder, with a note for readers
// without JavaScript. This script replaces it with four steps (choose, adjust and order,
// patient details, print) and renders the handout as a direct child of the article, cloned from
// the routine handouts' own template (the page's <template id="hs-handout-template">), so
// handout.css prints it alone on the page exactly as it prints a routine's. On screen the same
// element is the preview (.hs-handout--preview), styled by the print rules themselves (see
// mirrorPrintRules), and the fit meter (measure) lays it out at each paper's printable size.
// The Large print switch (step 4) adds hs-handout--large, handout.css's large print rules: then
// the meter counts pages (measureLarge) instead of refusing a second sheet.
//
// State lives in the URL fragment, in the compact form state.js describes (#2-start-weeks-code.sets.amount.days-...,
// &n=name&c=notes only when the clinician ticks the box); links of the older form (#v=1&x=...) are
// still read. A link of another version is refused with a message, never read as this one; a
// name or notes longer than the fields allow are cut to length, and the page says so. The
// fragment, unlike the query string, is never sent to a server, in a request or in a Referer
// header, so even a link that holds a name keeps it on the device. The QR code never holds the
// name or the notes, and the "prepared by" line is in no link at all: like the name, it stays in the page.
//
// Data: assets/data/catalogue.json, read through catalogue.js; the link format and dose clamping
// are state.js; the handout is the build's template (<template id="hs-handout-template">, from
// handout.html.j2), filled by handout-view.js; the dose wording is dose.js.
// QR codes: qrcode-generator 2.0.4, vendored in vendor/qrcode-generator/ (MIT).
import { loadCatalogue } from "./catalogue.js";
import { amount, plural, summary } from "./dose.js";
import { countText, createFilters, emptyState, matches } from "./filters.js";
import { handoutParts, largePrintText, mirrorPrintRules } from "./handout-view.js";
import {
  FIELDS, NAME_MAX, NOTES_MAX, PREPARED_MAX, WEEKS, bounds, byCode, clampMessage,
  clampedDose, defaultItem, doseOf, fragment, isoDate, parseFragment, parseIso,
} from "./state.js";
import { debouncer, el, loadScript, siteRoot } from "./ui.js";

// Each paper's printable area inside handout.css's @page margins (5 mm top and bottom, 6 mm at the
// sides); the handout must fit both.
const PAPERS = [{ name: "A4", width: 198, height: 287 }, { name: "Letter", width: 203.9, height: 269.4 }];
const SAFETY_MM = 2; // screen and print layouts can differ by a fraction of a line
const PX_PER_MM = 96 / 25.4;
const QR_MIN_MM = 30; // finder.css fixes the QR code at this size; measure() refuses a smaller one
// The most modules a side the QR code may have (version 8): at 30 mm that is 1.7 printer dots a
// module from a 75 dpi scan, which tests/test_builder.py decodes (blurred too) over many builder
// states. About thirteen exercises on this site's address; a link with more is refused, in large print too.
const QR_MAX_MODULES = 49;

const mount = document.getElementById("hs-builder");
if (mount) {
  // -- the builder ---------------------------------------------------------------------------

  const qrReady = (typeof window.qrcode === "function"
    ? Promise.resolve()
    : loadScript(new URL("assets/javascripts/vendor/qrcode-generator/qrcode.js", siteRoot())))
    .catch((error) => console.warn("QR library unavailable:", error));

  loadCatalogue().then((catalogue) => start(catalogue)).catch((error) => {
    console.warn("Handout builder unavailable:", error);
    mount.prepend(el("p", { class: "hs-b-error", role: "alert",
      text: "The handout builder could not load the exercise data. Check your connection and reload the page." }));
  });

  function start(catalogue) {
    const template = document.getElementById("hs-handout-template");
    if (!(template instanceof HTMLTemplateElement)) throw new Error("the page has no handout template");
    const root = siteRoot();
    const byId = new Map(catalogue.exercises.map((exercise) => [exercise.id, exercise]));
    const findCode = byCode(catalogue.exercises);
    const codeOf = (id) => byId.get(id).code;
    const kindOrder = Object.keys(catalogue.labels.kinds);
    const levelOrder = ["beginner", "intermediate", "advanced"];
    const ordered = [...catalogue.exercises].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind)
      || levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || a.name.localeCompare(b.name));
    const pagePath = location.pathname.startsWith(root.pathname) ? location.pathname.slice(root.pathname.length) : "handout-builder/";
    // The public address, when the site has one (site_url): without it no QR code or address is printed.
    const siteUrl = catalogue.site.url;
    const publicSite = siteUrl ? new URL(siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`) : null;
    const publicPage = publicSite ? new URL(pagePath, publicSite) : null;

    const state = {
      items: [], start: isoDate(new Date()), weeks: WEEKS.default, name: "", notes: "", prepared: "", share: false,
      large: false,
    };
    const filterState = emptyState();
    const figureSizes = new Map();
    let renderToken = 0;
    let overflow = false;

    // ---- the URL fragment ----

    function writeFragment() {
      history.replaceState(history.state, "", `${location.pathname}${location.search}${fragment(state, state.share, codeOf)}`);
      linkField.value = location.href;
    }

    // ---- the interface ----

    const announcer = el("p", { class: "hs-vh", role: "status", id: "hs-b-announce" });
    const announce = (text) => {
      announcer.textContent = "";
      setTimeout(() => { announcer.textContent = text; }, 50);
    };
    const notice = el("p", { class: "hs-b-notice", hidden: true, tabindex: -1 });

    // Step 1: choose.
    const countStatus = el("p", { class: "hs-finder__status", role: "status" });
    const announceCount = debouncer(600);
    const filters = createFilters(catalogue, {
      idPrefix: "hs-b-filter", state: filterState, label: "Find exercises to add",
      onChange: (_, { typing }) => filterResults(typing),
    });
    const results = el("ul", { class: "hs-b-results", "aria-labelledby": "hs-b-pick" });
    const resultRows = new Map();
    for (const exercise of ordered) {
      const button = el("button", { type: "button", class: "hs-btn hs-b-toggle", "data-id": exercise.id });
      button.addEventListener("click", () => toggle(exercise.id));
      const row = el("li", { class: "hs-b-result", "data-id": exercise.id },
        el("img", { class: "hs-b-thumb", src: new URL(exercise.figure, root).href, alt: "", loading: "lazy", referrerpolicy: "no-referrer" }),
        el("div", { class: "hs-b-result__text" },
          el("span", { class: "hs-b-result__name", text: exercise.name }),
          el("span", { class: "hs-b-result__meta",
            text: `${catalogue.labels.kinds[exercise.kind]} · ${catalogue.labels.levels[exercise.level]} · ${amount(exercise.dose)}` })),
        button);
      resultRows.set(exercise.id, { row, button });
      results.append(row);
    }

    // Step 2: doses and order.
    const chosenHeading = el("h2", { id: "hs-b-chosen", tabindex: -1, text: "2. Adjust doses and order" });
    const chosenEmpty = el("p", { class: "hs-b-empty", text: "No exercises chosen yet. Add them in step 1; they print in the order shown here." });
    const chosenList = el("ol", { class: "hs-b-chosen", "aria-labelledby": "hs-b-chosen" });

    // Step 3: patient, dates and notes.
    const nameInput = el("input", { type: "text", id: "hs-b-name", maxlength: NAME_MAX, autocomplete: "off", spellcheck: "false" });
    const preparedInput = el("input", { type: "text", id: "hs-b-prepared", maxlength: PREPARED_MAX, autocomplete: "off",
      spellcheck: "false", "aria-describedby": "hs-b-prepared-hint" });
    const startInput = el("input", { type: "date", id: "hs-b-start", required: true });
    const weeksInput = el("input", { type: "number", id: "hs-b-weeks", min: WEEKS.min, max: WEEKS.max, step: 1, inputmode: "numeric",
      "aria-describedby": "hs-b-weeks-hint" });
    const notesInput = el("textarea", { id: "hs-b-notes", rows: 3, maxlength: NOTES_MAX, autocomplete: "off" });
    const shareBox = el("input", { type: "checkbox", id: "hs-b-share", "aria-describedby": "hs-b-share-hint" });

    // Step 4: check and print.
    const fit = el("p", { class: "hs-b-fit", id: "hs-b-fit", tabindex: -1 });
    // Large print (RNIB clear print: 16 pt and more, one column, as many pages as it needs): the
    // same handout with handout.css's hs-handout--large rules, as the routines' large print PDFs.
    const largeBox = el("input", { type: "checkbox", id: "hs-b-large", "aria-describedby": "hs-b-large-hint hs-b-fit" });
    const printButton = el("button", { type: "button", class: "md-button md-button--primary hs-b-print", id: "hs-b-print",
      "aria-describedby": "hs-b-fit", text: "Print handout" });
    const linkField = el("input", { type: "text", id: "hs-b-link", readonly: true, spellcheck: "false" });
    const copyButton = el("button", { type: "button", class: "hs-btn", text: "Copy link" });

    const field = (id, label, input, extra) => el("div", { class: "hs-b-field" }, el("label", { for: id, text: label }), input, extra);

    mount.replaceChildren(
      announcer,
      notice,
      el("section", { class: "hs-b-step", "aria-labelledby": "hs-b-pick" },
        el("h2", { id: "hs-b-pick", text: "1. Choose exercises" }),
        filters.element, countStatus, results),
      el("section", { class: "hs-b-step", "aria-labelledby": "hs-b-chosen" }, chosenHeading, chosenEmpty, chosenList),
      el("section", { class: "hs-b-step", "aria-labelledby": "hs-b-details" },
        el("h2", { id: "hs-b-details", text: "3. Patient, dates and notes" }),
        el("div", { class: "hs-b-details" },
          field("hs-b-name", "Patient's name (optional)", nameInput),
          field("hs-b-prepared", "Prepared by: clinic name and phone (optional)", preparedInput,
            el("span", { class: "hs-b-hint", id: "hs-b-prepared-hint", text: "Printed on the handout only; never in the page's address." })),
          field("hs-b-start", "Start date", startInput),
          field("hs-b-weeks", "Weeks in the log", weeksInput,
            el("span", { class: "hs-b-hint", id: "hs-b-weeks-hint", text: `${WEEKS.min} to ${WEEKS.max}` })),
          el("div", { class: "hs-b-field hs-b-field--wide" },
            el("label", { for: "hs-b-notes", text: "Your notes for the patient (optional)" }), notesInput),
          el("div", { class: "hs-b-field hs-b-field--wide hs-b-check" },
            shareBox, el("label", { for: "hs-b-share", text: "Also put the name and notes in this page's address" }),
            el("p", { class: "hs-b-hint", id: "hs-b-share-hint",
              text: "Off: the address, which you can bookmark or send, holds only the exercises, doses and dates. "
                + "The QR code on the handout never holds the name or notes." })))),
      el("section", { class: "hs-b-step", "aria-labelledby": "hs-b-print-h" },
        el("h2", { id: "hs-b-print-h", text: "4. Check and print" }),
        el("div", { class: "hs-b-large" },
          el("label", { class: "hs-chip", for: "hs-b-large" }, largeBox, "Large print"),
          el("span", { class: "hs-b-hint", id: "hs-b-large-hint",
            text: "Text of 16 pt and more in one column, for readers with low vision; it takes as many pages as it needs." })),
        fit,
        el("div", { class: "hs-b-actions" }, printButton),
        el("div", { class: "hs-b-field hs-b-link" }, el("label", { for: "hs-b-link", text: "Link to this handout" }),
          el("div", { class: "hs-b-link__row" }, linkField, copyButton)),
        el("h3", { id: "hs-b-preview", text: "Preview" }),
        el("p", { class: "hs-b-hint", id: "hs-b-preview-empty", text: "The handout appears here when you add an exercise." })),
    );
    mount.classList.add("hs-builder--ready");

    mirrorPrintRules();
    const handout = el("section", { class: "hs-handout hs-handout--preview hs-handout--builder", id: "hs-b-handout",
      "aria-labelledby": "hs-b-preview", "aria-busy": "false" });
    const previewEmpty = mount.querySelector("#hs-b-preview-empty");

    // ---- step 1 ----

    function filterResults(typing) {
      let shown = 0;
      for (const exercise of ordered) {
        const match = matches(exercise, filterState);
        resultRows.get(exercise.id).row.hidden = !match;
        shown += match;
      }
      announceCount(() => { countStatus.textContent = countText(shown, ordered.length); }, typing);
    }

    function syncResultButtons() {
      for (const [id, { row, button }] of resultRows) {
        const chosen = state.items.some((item) => item.id === id);
        const name = byId.get(id).name;
        button.replaceChildren(chosen ? "Remove" : "Add", el("span", { class: "hs-vh", text: ` ${name}` }));
        button.classList.toggle("hs-btn--chosen", chosen);
        row.classList.toggle("hs-b-result--chosen", chosen);
      }
    }

    function toggle(id) {
      const index = state.items.findIndex((item) => item.id === id);
      const name = byId.get(id).name;
      if (index === -1) {
        state.items.push(defaultItem(byId.get(id)));
        figureSize(byId.get(id));
        announce(`Added ${name}. ${plural(state.items.length, "exercise")} chosen.`);
      } else {
        state.items.splice(index, 1);
        announce(`Removed ${name}. ${plural(state.items.length, "exercise")} chosen.`);
      }
      changed({ structure: true });
    }

    // ---- step 2 ----

    function renderChosen() {
      chosenEmpty.hidden = state.items.length > 0;
      chosenList.replaceChildren(...state.items.map((item, index) => chosenRow(item, index)));
    }

    function chosenRow(item, index) {
      const exercise = byId.get(item.id);
      const prefix = `hs-b-${item.id}`;
      const doseLine = el("p", { class: "hs-b-item__dose", text: summary(doseOf(exercise, item), { tempo: true }) });
      const fields = FIELDS.map((spec) => {
        const range = bounds(exercise, spec);
        const label = spec.label(exercise);
        if (!range) {
          return el("div", { class: "hs-b-field hs-b-field--fixed" },
            el("span", { class: "hs-b-label", text: label }),
            el("span", { class: "hs-b-value", text: String(item[spec.item]) }),
            el("span", { class: "hs-b-hint", text: "fixed" }));
        }
        const id = `${prefix}-${spec.key}`;
        const input = el("input", { type: "number", id, min: range[0], max: range[1], step: 1, inputmode: "numeric",
          value: item[spec.item], "aria-describedby": `${id}-range ${id}-status`, "data-field": spec.key });
        // Says so beside the field when a number typed was brought within the sourced range.
        const status = el("span", { class: "hs-b-clamp", id: `${id}-status`, role: "status", "aria-live": "polite" });
        input.addEventListener("input", () => {
          const value = input.value === "" ? NaN : Number(input.value);
          const valid = Number.isInteger(value) && value >= range[0] && value <= range[1];
          input.setAttribute("aria-invalid", String(!valid));
          if (!valid) return;
          status.textContent = "";
          item[spec.item] = value;
          doseLine.textContent = summary(doseOf(exercise, item), { tempo: true });
          changed({});
        });
        input.addEventListener("change", () => {
          const { value, clamped } = clampedDose(exercise, spec, input.value, item[spec.item]);
          status.textContent = clampMessage(value, clamped);
          input.value = String(value);
          input.setAttribute("aria-invalid", "false");
          if (value !== item[spec.item]) {
            item[spec.item] = value;
            doseLine.textContent = summary(doseOf(exercise, item), { tempo: true });
            changed({});
          }
        });
        return el("div", { class: "hs-b-field" },
          el("label", { for: id, text: label }), input,
          el("span", { class: "hs-b-hint", id: `${id}-range`, text: `${range[0]} to ${range[1]}` }), status);
      });
      const fixedNote = FIELDS.some((spec) => !bounds(exercise, spec))
        ? el("p", { class: "hs-b-hint", text: "A fixed value has no range in this exercise's sources." }) : null;
      const action = (name, text, disabled) => el("button", {
        type: "button", class: "hs-btn hs-btn--small", "data-action": name, "aria-disabled": disabled ? "true" : null,
      }, text, el("span", { class: "hs-vh", text: ` ${exercise.name}` }));
      const actions = el("div", { class: "hs-b-item__actions" },
        action("up", "Move up", index === 0),
        action("down", "Move down", index === state.items.length - 1),
        action("remove", "Remove"));
      actions.addEventListener("click", (event) => {
        const button = event.target.closest("button");
        if (!button || button.getAttribute("aria-disabled") === "true") return;
        act(item.id, button.dataset.action);
      });
      return el("li", { class: "hs-b-item", "data-id": item.id },
        el("div", { class: "hs-b-item__head" },
          el("a", { class: "hs-b-item__name", href: new URL(exercise.page, root).href, text: exercise.name }),
          el("span", { class: "hs-b-item__meta", text: `${catalogue.labels.levels[exercise.level]} · ${catalogue.labels.kinds[exercise.kind]}` })),
        el("div", { class: "hs-b-dose", role: "group", "aria-label": `Dose for ${exercise.name}` }, fields),
        doseLine, fixedNote, actions);
    }

    function act(id, action) {
      const index = state.items.findIndex((item) => item.id === id);
      const name = byId.get(id).name;
      if (action === "remove") {
        state.items.splice(index, 1);
        announce(`Removed ${name}. ${plural(state.items.length, "exercise")} chosen.`);
        changed({ structure: true });
        const next = chosenList.children[Math.min(index, state.items.length - 1)];
        (next ? next.querySelector("a") : chosenHeading).focus();
        return;
      }
      const target = action === "up" ? index - 1 : index + 1;
      if (target < 0 || target >= state.items.length) return;
      const [item] = state.items.splice(index, 1);
      state.items.splice(target, 0, item);
      changed({ structure: true });
      announce(`${name} moved to position ${target + 1} of ${state.items.length}.`);
      const row = chosenList.children[target];
      const same = row.querySelector(`[data-action="${action}"]`);
      const other = row.querySelector(`[data-action="${action === "up" ? "down" : "up"}"]`);
      (same.getAttribute("aria-disabled") === "true" ? other : same).focus();
    }

    // ---- step 3 ----

    nameInput.addEventListener("input", () => { state.name = nameInput.value.slice(0, NAME_MAX); changed({}); });
    preparedInput.addEventListener("input", () => { state.prepared = preparedInput.value.slice(0, PREPARED_MAX); changed({}); });
    notesInput.addEventListener("input", () => { state.notes = notesInput.value.slice(0, NOTES_MAX); changed({}); });
    startInput.addEventListener("input", () => {
      if (parseIso(startInput.value) && startInput.value !== state.start) {
        state.start = startInput.value;
        changed({});
      }
    });
    startInput.addEventListener("change", () => {
      if (!parseIso(startInput.value)) startInput.value = state.start;
    });
    const weeksFrom = (text) => {
      const weeks = text === "" ? NaN : Number(text);
      return Number.isInteger(weeks) ? Math.min(WEEKS.max, Math.max(WEEKS.min, weeks)) : null;
    };
    weeksInput.addEventListener("input", () => {
      const weeks = weeksFrom(weeksInput.value);
      const valid = weeks !== null && String(weeks) === weeksInput.value;
      weeksInput.setAttribute("aria-invalid", String(!valid));
      if (valid && weeks !== state.weeks) {
        state.weeks = weeks;
        changed({});
      }
    });
    weeksInput.addEventListener("change", () => {
      const weeks = weeksFrom(weeksInput.value);
      if (weeks !== null && weeks !== state.weeks) {
        state.weeks = weeks;
        changed({});
      }
      weeksInput.value = String(state.weeks);
      weeksInput.setAttribute("aria-invalid", "false");
    });
    largeBox.addEventListener("change", () => {
      state.large = largeBox.checked;
      changed({});
      announce(state.large ? "Large print is on." : "Large print is off: the standard one-sheet handout.");
    });
    shareBox.addEventListener("change", () => {
      state.share = shareBox.checked;
      writeFragment();
      announce(state.share ? "The address now holds the name and notes." : "The address no longer holds the name or notes.");
    });

    function syncDetails() {
      nameInput.value = state.name;
      preparedInput.value = state.prepared;
      notesInput.value = state.notes;
      startInput.value = state.start;
      weeksInput.value = String(state.weeks);
      shareBox.checked = state.share;
      largeBox.checked = state.large;
    }

    // ---- step 4 ----

    printButton.addEventListener("click", () => {
      if (!state.items.length) {
        announce("Choose at least one exercise first.");
        filters.element.querySelector("input").focus();
      } else if (overflow || handout.getAttribute("aria-busy") === "true") {
        fit.focus();
        announce(fit.textContent);
      } else {
        window.print();
      }
    });
    copyButton.addEventListener("click", () => {
      const done = () => announce("Link copied.");
      const fallback = () => { linkField.select(); announce("The link is selected: copy it with your keyboard or menu."); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(linkField.value).then(done, fallback);
      else fallback();
    });
    linkField.addEventListener("focus", () => linkField.select());

    // ---- the handout ----

    function figureSize(exercise) {
      if (!figureSizes.has(exercise.id)) {
        figureSizes.set(exercise.id, new Promise((resolve) => {
          const image = new Image();
          image.referrerPolicy = "no-referrer";
          image.addEventListener("load", () => resolve({ width: image.naturalWidth, height: image.naturalHeight }));
          image.addEventListener("error", () => resolve(null));
          image.src = new URL(exercise.figure, root).href;
        }));
      }
      return figureSizes.get(exercise.id);
    }

    function renderHandout() {
      const token = ++renderToken;
      if (!state.items.length) {
        handout.remove();
        previewEmpty.hidden = false;
        handout.setAttribute("aria-busy", "false");
        showFit("empty");
        return;
      }
      previewEmpty.hidden = true;
      if (!handout.isConnected) mount.after(handout);
      handout.classList.toggle("hs-handout--large", state.large);
      handout.setAttribute("aria-busy", "true");
      const chosen = state.items.map((item) => ({ item, exercise: byId.get(item.id) }));
      Promise.all(chosen.map(({ exercise }) => figureSize(exercise))).then((sizes) => {
        if (token !== renderToken) return null;
        handout.replaceChildren(...handoutParts({
          template, chosen, sizes, state, root, qrText: publicPage ? `${publicPage.href}${fragment({ ...state, large: false }, false, codeOf)}` : null,
        }));
        return Promise.all([...handout.querySelectorAll("img")].map((img) => (img.complete ? null : img.decode().catch(() => null))));
      }).then(() => {
        if (token !== renderToken) return;
        measure();
        scalePreview();
        handout.setAttribute("aria-busy", "false");
      });
    }

    /**
     * Whether the handout fits one sheet of both papers, measured on the preview: it is laid out by
     * handout.css's own print rules (mirrorPrintRules), so, set to a paper's printable width, its
     * heights are the printed ones, compared with that paper's printable height (PAPERS). One side
     * holds the template's order; when that is too tall, the back takes the exercises that do not
     * fit the front, the pain limits, log, notes and footer, and each side must fit its page on its
     * own (tests/test_builder.py prints it on both papers and counts the pages).
     */
    function measure() {
      const was = overflow;
      const front = handout.querySelector(".hs-h-front");
      const back = handout.querySelector(".hs-h-back");
      const limits = handout.querySelector(".hs-h-limits");
      const grid = front && front.querySelector(".hs-h-exercises");
      // Back to the template's order (a previous measure may have moved parts to the back).
      handout.classList.remove("hs-handout--two-sided");
      const continued = back && back.querySelector(".hs-h-exercises");
      if (continued && grid) {
        grid.append(...continued.children);
        continued.remove();
      }
      if (limits && grid) grid.before(limits);
      if (state.large) {
        measureLarge(was);
        return;
      }
      let sides = 1;
      let fullest = fullness([handout]);
      if (fullest > 1 && front && back) {
        handout.classList.add("hs-handout--two-sided");
        sides = 2;
        if (limits) back.prepend(limits);
        // Exercises that do not fit the front continue at the top of the back, in order.
        let rest = null;
        while (grid && grid.children.length > 1 && fullness([front]) > 1) {
          if (!rest) {
            rest = grid.cloneNode(false);
            back.prepend(rest);
          }
          rest.prepend(grid.lastElementChild);
        }
        fullest = fullness([front, back]);
      }
      const qrTrouble = qrProblem();
      overflow = fullest > 1 || qrTrouble !== null;
      const percent = Math.round(100 * fullest);
      handout.classList.toggle("hs-handout--overflow", overflow);
      handout.dataset.sides = String(sides);
      handout.dataset.fill = String(percent);
      delete handout.dataset.pages;
      showFit(qrTrouble || (overflow ? "overflow" : "fits"), percent, sides);
      if (overflow && !was) announce(fit.textContent);
      if (!overflow && was) announce("The handout fits on one sheet again.");
    }

    /**
     * Large print takes as many pages as it needs: how many, on each paper, is what the browser's
     * own fragmentation makes of a copy of the handout laid out in columns of a page's printable
     * size (each column a page: the same break rules, repeated table heads and cloned borders as
     * print), counted as the copy's fragments.
     */
    function measureLarge(was) {
      const qrTrouble = qrProblem();
      const pages = {};
      for (const paper of PAPERS) pages[paper.name] = pagesOf(paper);
      overflow = qrTrouble !== null;
      handout.classList.toggle("hs-handout--overflow", overflow);
      handout.dataset.sides = String(Math.max(...Object.values(pages)));
      handout.dataset.pages = PAPERS.map((paper) => `${paper.name}:${pages[paper.name]}`).join(" ");
      delete handout.dataset.fill;
      if (qrTrouble) showFit(qrTrouble);
      else showFit("large", 0, 1, pages);
      if (overflow && !was) announce(fit.textContent);
    }

    /**
     * What stops the QR code scanning from paper, if anything: "qr" when the layout would print it
     * smaller than its fixed size (getComputedStyle ignores the preview's scaling), "qr-dense" when
     * the link needs more modules than QR_MAX_MODULES.
     */
    function qrProblem() {
      const qr = handout.querySelector(".hs-h-qrcode");
      if (qr === null) return null;
      if (parseFloat(getComputedStyle(qr).width) < QR_MIN_MM * PX_PER_MM - 1) return "qr";
      return Number(qr.dataset.modules) > QR_MAX_MODULES ? "qr-dense" : null;
    }

    function pagesOf(paper) {
      const pager = el("div", { class: "hs-b-pager", "aria-hidden": "true" });
      Object.assign(pager.style, {
        position: "absolute", left: "-10000px", top: "0", visibility: "hidden",
        width: `${paper.width}mm`, height: `${paper.height}mm`,
        columnWidth: `${paper.width}mm`, columnGap: "0", columnFill: "auto",
      });
      const copy = handout.cloneNode(true);
      copy.removeAttribute("id");
      copy.removeAttribute("aria-labelledby");
      Object.assign(copy.style, { transform: "none", margin: "0", width: "auto", boxShadow: "none" });
      pager.append(copy);
      handout.after(pager);
      try {
        const fragments = copy.getClientRects().length;
        const columns = Math.round(pager.scrollWidth / pager.getBoundingClientRect().width);
        return Math.max(1, fragments, columns);
      } finally {
        pager.remove();
      }
    }

    /** The fullest of these sides on the fuller paper, as a share of what the page holds (over 1: too tall). */
    function fullness(sides) {
      let fullest = 0;
      for (const paper of PAPERS) {
        handout.style.width = `${paper.width}mm`;
        const usable = (paper.height - SAFETY_MM) * PX_PER_MM;
        for (const side of sides) fullest = Math.max(fullest, sideHeight(side) / usable);
      }
      handout.style.width = "";
      return fullest;
    }

    /** A side's printed height: from its content's top to the bottom margin of its last box, undoing the preview's scaling. */
    function sideHeight(side) {
      const scale = handout.getBoundingClientRect().width / handout.offsetWidth || 1;
      const box = side.getBoundingClientRect();
      const top = box.top + parseFloat(getComputedStyle(side).paddingTop) * scale;
      let bottom = top;
      for (const child of side.children) {
        const margin = parseFloat(getComputedStyle(child).marginBottom) * scale;
        bottom = Math.max(bottom, child.getBoundingClientRect().bottom + margin);
      }
      return (bottom - top) / scale;
    }

    function showFit(status, percent, sides = 1, pages = {}) {
      fit.dataset.status = status;
      printButton.setAttribute("aria-disabled", String(status !== "fits" && status !== "large"));
      if (status === "empty") {
        fit.textContent = "Choose at least one exercise to make a handout.";
      } else if (status === "qr") {
        fit.dataset.status = "overflow";
        fit.textContent = "The QR code would print too small to scan: shorten the name or notes before printing.";
      } else if (status === "qr-dense") {
        fit.dataset.status = "overflow";
        fit.textContent = "Too many exercises for the handout's QR code to scan from paper: remove an exercise before printing.";
      } else if (status === "large") {
        fit.textContent = largePrintText(pages);
      } else if (status === "overflow") {
        fit.textContent = `Too long for one sheet (a side is about ${percent}% full): remove an exercise, `
          + "shorten the notes or use fewer weeks in the log before printing.";
      } else {
        fit.textContent = sides === 1
          ? `Fits on one side of A4 or Letter (about ${percent}% of the page is used).`
          : `Fits on one sheet of A4 or Letter, printed on both sides (the fuller side is about ${percent}% used).`;
      }
    }

    /** On a narrow screen, scale the preview down to the column (print is unaffected). */
    function scalePreview() {
      if (!handout.isConnected) return;
      handout.style.transform = "";
      handout.style.marginBottom = "";
      const scale = Math.min(1, mount.clientWidth / handout.offsetWidth);
      if (scale < 1) {
        handout.style.transform = `scale(${scale})`;
        handout.style.marginBottom = `${-(1 - scale) * handout.offsetHeight}px`;
      }
    }
    new ResizeObserver(() => scalePreview()).observe(mount);

    // ---- every change ----

    function changed({ structure }) {
      if (structure) {
        renderChosen();
        syncResultButtons();
      }
      writeFragment();
      renderHandout();
    }

    function refuse(version) {
      const shown = version === null ? "no version" : `version \u201c${version.slice(0, 12)}\u201d`;
      notice.textContent = `This link was made with ${shown} of the handout builder, which this page cannot read `
        + "(a newer builder may have made it, or it was cut short), so nothing was taken from it. Make the handout again below, "
        + "or ask whoever sent the link for a new one.";
      notice.hidden = false;
      notice.dataset.kind = "refused";
    }

    function load(restored) {
      if (restored.refused !== undefined) {
        refuse(restored.refused);
        return false;
      }
      delete notice.dataset.kind;
      state.items = restored.items;
      state.start = restored.start;
      state.weeks = restored.weeks;
      state.name = restored.name;
      state.notes = restored.notes;
      state.share = restored.share;
      state.large = restored.large;
      const messages = [];
      if (restored.dropped.length) {
        messages.push(`This link names ${plural(restored.dropped.length, "exercise")} no longer on the site, left out: ${restored.dropped.join(", ")}.`);
      }
      if (restored.adjusted) {
        messages.push(`${plural(restored.adjusted, "dose value")} in the link ${restored.adjusted === 1 ? "was" : "were"} outside the range the data now allows and ${restored.adjusted === 1 ? "was" : "were"} brought within it.`);
      }
      if (restored.shortened.length) {
        messages.push(`The link's ${restored.shortened.join(" and ")} ${restored.shortened.length === 1 ? "was" : "were"} longer than the builder allows and ${restored.shortened.length === 1 ? "was" : "were"} cut short: check ${restored.shortened.length === 1 ? "it" : "them"} below.`);
      }
      notice.textContent = messages.join(" ");
      notice.hidden = !messages.length;
      for (const item of state.items) figureSize(byId.get(item.id));
      syncDetails();
      changed({ structure: true });
      return true;
    }

    window.addEventListener("hashchange", () => {
      const restored = parseFragment(location.hash, byId, findCode);
      if (!restored || !load(restored)) writeFragment(); // a heading's anchor (or a refused link) replaced the state
    });
    qrReady.then(() => { if (state.items.length) renderHandout(); });

    filterResults(false);
    const restored = parseFragment(location.hash, byId, findCode);
    if (restored && load(restored)) {
      // the handout from the link
    } else {
      syncDetails();
      renderChosen();
      syncResultButtons();
      renderHandout();
      linkField.value = location.href;
    }
    mount.dataset.ready = "true";
  }
}
