// The handout the builder prints: the build's handout template filled in (the routine handouts'
// markup and wording), the QR code, and the preview styled by handout.css's own print rules.
import { doseOf, humanDate, parseIso } from "./state.js";
import { plural, sessionMinutes, summary } from "./dose.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// A figure file's labels in its own pixels: 16.5 units of its viewBox, the file drawn at twice its
// viewBox (build_tools/figures.py LABEL_SIZE and its standalone size).
const FIGURE_LABEL_PX = 33;
export const NOTES_MAX_LINES = 8; // more line breaks than this print as spaces: the notes stay a short block
const doseText = (dose) => summary(dose, { tempo: true });

/**
 * A link as QR code segments: the address up to "#" as bytes, and a compact state (state.js: only
 * 0-9 A-Z - .) in alphanumeric mode, 5.5 bits a character instead of 8.
 */
export function qrSegments(text) {
  const cut = text.indexOf("#") + 1;
  const state = cut ? text.slice(cut) : "";
  if (!state || !/^[0-9A-Z.-]+$/.test(state)) return [[text, "Byte"]];
  return [[text.slice(0, cut), "Byte"], [state, "Alphanumeric"]];
}

/** ``text`` as an SVG QR code, black on white with a 2-module quiet zone; null without the library. */
export function qrSvg(text) {
  if (typeof window.qrcode !== "function") return null;
  let qr;
  try {
    qr = window.qrcode(0, "M");
    for (const [data, mode] of qrSegments(text)) qr.addData(data, mode);
    qr.make();
  } catch (error) {
    console.warn("QR code not made:", error);
    return null;
  }
  const count = qr.getModuleCount();
  const border = 2;
  const size = count + 2 * border;
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (!qr.isDark(row, col)) continue;
      let run = 1;
      while (col + run < count && qr.isDark(row, col + run)) run += 1;
      path += `M${col + border} ${row + border}h${run}v1h-${run}z`;
      col += run - 1;
    }
  }
  const svg = document.createElementNS(SVG_NS, "svg");
  for (const [name, value] of Object.entries({
    class: "hs-h-qrcode", viewBox: `0 0 ${size} ${size}`, role: "img", "shape-rendering": "crispEdges",
    "aria-label": "QR code that opens this programme on the website", "data-modules": String(count),
  })) svg.setAttribute(name, value);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const modules = document.createElementNS(SVG_NS, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return svg;
}

/**
 * Copy handout.css's print rules for the handout (selectors ".md-typeset .hs-...") into a
 * screen stylesheet scoped to .hs-handout--preview. The preview then has exactly the layout
 * that prints, so measuring it tells whether the handout fits, and a change to handout.css
 * changes both at once.
 */
let mirrored = false;
export function mirrorPrintRules() {
  if (mirrored) return;
  mirrored = true;
  const rules = [];
  for (const sheet of document.styleSheets) {
    // handout.css is part of the one stylesheet the site joins from its own (BUNDLE in
    // build_tools/stylesheets.py); the selectors below pick its rules out of it. finder.css's print
    // rules for the builder's own sheet (no scaling, the overflow notice) must stay out.
    if (!/\/hamstrings\.css(\?|$)/.test(sheet.href || "")) continue;
    let list;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // unreadable (another origin); handout.css is the site's own
    }
    for (const rule of list) {
      if (!(rule instanceof CSSMediaRule) || !/\bprint\b/.test(rule.conditionText || rule.media.mediaText)) continue;
      for (const inner of rule.cssRules) {
        if (!(inner instanceof CSSStyleRule)) continue;
        const selectors = inner.selectorText.split(",").map((s) => s.trim());
        if (!selectors.every((s) => /^\.md-typeset \.hs-(handout|h-)/.test(s))) continue;
        const scoped = selectors.map((s) => s
          .replace(/^\.md-typeset \.hs-handout(?![\w-])/, ".md-typeset .hs-handout--preview")
          .replace(/^\.md-typeset \.hs-h-/, ".md-typeset .hs-handout--preview .hs-h-"));
        rules.push(`${scoped.join(", ")} { ${inner.style.cssText} }`);
      }
    }
  }
  // A constructed sheet, not a <style> element: the page's Content-Security-Policy allows no
  // inline style it has not hashed (build_tools/csp.py), and CSSOM sheets are outside it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@media screen {\n${rules.join("\n")}\n}`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * The handout's parts (front and back): the build's handout template (handout.html.j2, emitted
 * once into the page as <template id="hs-handout-template">, with the routine handouts' markup,
 * headings, shared safety rules and warning signs), cloned and filled with textContent only.
 * ``qrText`` is the public link; ``state.prepared`` the optional "prepared by" line.
 */
export function handoutParts({ template, chosen, sizes, state, root, qrText, today = new Date() }) {
  const sheet = template.content.querySelector(".hs-handout").cloneNode(true);
  const part = (name) => sheet.querySelector(`[data-part="${name}"]`);
  const doses = chosen.map(({ item, exercise }) => doseOf(exercise, item));
  const start = parseIso(state.start) || new Date();
  const name = state.name.trim();
  const fill = (node, text) => { node.textContent = text; return node; };
  const copies = (prototype, values, set) => values.map((value, index) => set(prototype.cloneNode(true), value, index));

  fill(sheet.querySelector(".hs-h-name"), name ? `Exercises for ${name}` : "Your exercises");
  fill(part("start"), humanDate(start));
  fill(part("weeks"), plural(state.weeks, "week"));
  fill(part("count"), plural(chosen.length, "exercise"));
  fill(part("minutes"), String(sessionMinutes(doses)));
  const qrSlot = part("qr");
  if (qrSlot) qrSlot.replaceWith((qrText && qrSvg(qrText)) || fill(document.createElement("p"), "(QR code unavailable)"));

  // Stop rules: each chosen exercise's own (as a routine lists its own), then the shared ones.
  const stop = part("stop");
  const own = [...new Set(chosen.flatMap(({ exercise }) => exercise.stop_if))];
  stop.prepend(...copies(stop.querySelector("li"), own, (li, line) => fill(li, line)));
  // The shared limits of the kinds chosen only.
  const kinds = new Set(chosen.map(({ exercise }) => exercise.kind));
  for (const limits of sheet.querySelectorAll('[data-part="limits"]')) {
    if (!kinds.has(limits.dataset.kind)) limits.remove();
  }

  const exercise = part("exercise");
  exercise.replaceWith(...copies(exercise, chosen, (section, { exercise: ex }, index) => {
    const size = sizes[index];
    section.classList.replace("hs-h-tall", size && size.height && size.width / size.height <= 3 ? "hs-h-tall" : "hs-h-wide");
    const img = section.querySelector("img");
    img.src = new URL(ex.figure, root).href;
    img.referrerPolicy = "no-referrer";
    if (size) {
      img.width = size.width;
      img.height = size.height;
      // Sized by handout.css as a routine's inline figure is: from its drawing's size and its own
      // label size, so it is at least 3 cm tall with labels of 8 pt or more.
      section.style.setProperty("--hs-fig-w", String(size.width));
      section.style.setProperty("--hs-fig-h", String(size.height));
      section.style.setProperty("--hs-label", String(FIGURE_LABEL_PX));
    }
    fill(section.querySelector("h3"), `${index + 1}. ${ex.name}`);
    fill(section.querySelector(".hs-h-dose"), doseText(doses[index]));
    const cue = section.querySelector("li");
    cue.replaceWith(...copies(cue, ex.cues.slice(0, 2), (li, line) => fill(li, line)));
    return section;
  }));

  // The log: a row per exercise, a column per week, a box per day a week the exercise is done.
  const weeks = Array.from({ length: state.weeks }, (_, index) => index + 1);
  const weekHead = part("log-head").lastElementChild;
  weekHead.replaceWith(...copies(weekHead, weeks, (th, week) => { fill(th.querySelector("span"), String(week)); return th; }));
  const row = part("log-row");
  const cell = row.querySelector("td");
  const box = cell.firstElementChild;
  cell.replaceChildren();
  row.replaceWith(...copies(row, doses, (tr, dose, index) => {
    fill(tr.querySelector("th"), chosen[index].exercise.name);
    tr.querySelector("td").replaceWith(...weeks.map(() => {
      const td = cell.cloneNode(false);
      for (let day = 0; day < dose.days_per_week; day += 1) td.append(box.cloneNode(true));
      return td;
    }));
    return tr;
  }));
  const painCell = part("log-pain").querySelector("td");
  painCell.replaceWith(...weeks.map(() => painCell.cloneNode(false)));

  const notesLines = state.notes.trim().split("\n");
  const notesText = [...notesLines.slice(0, NOTES_MAX_LINES), notesLines.slice(NOTES_MAX_LINES).join(" ")]
    .filter((line, index) => index < NOTES_MAX_LINES || line).join("\n");
  if (notesText) {
    fill(part("notes"), notesText);
    for (const line of sheet.querySelectorAll(".hs-h-notes .hs-h-line")) line.remove();
  } else {
    part("notes").remove();
  }
  const prepared = (state.prepared || "").trim();
  if (prepared) fill(part("by").querySelector("span"), prepared);
  else part("by").remove();
  fill(part("made"), humanDate(today));

  // One sheet: the front holds the header, the safety rules and the exercises; if it all does not
  // fit on one side, the log, notes and footer go on the back (measure() decides, handout.css breaks the page).
  return [...sheet.children];
}

/**
 * What the fit meter says of a large print handout, from its page count on each paper
 * ({A4: 3, Letter: 4}): large print is never refused for its length, it takes the pages it needs.
 */
export function largePrintText(pages) {
  const entries = Object.entries(pages);
  const counts = new Set(entries.map(([, count]) => count));
  const body = "Large print (text 16 pt and more)";
  if (counts.size === 1) {
    const [count] = counts;
    return `${body}: prints on ${plural(count, "page")} of A4 or Letter.`;
  }
  return `${body}: prints on ${entries.map(([paper, count]) => `${plural(count, "page")} of ${paper}`).join(" or ")}.`;
}
