// The handout the builder prints: its markup (the routine handout's classes), the QR code, and
// the preview styled by handout.css's own print rules.
import { doseOf, humanDate, parseIso, shortDate } from "./state.js";
import { plural, sessionMinutes, summary } from "./dose.js";
import { el } from "./ui.js";

const SVG_NS = "http://www.w3.org/2000/svg";
export const NOTES_MAX_LINES = 8; // more line breaks than this print as spaces: the notes stay a short block
const doseText = (dose) => summary(dose, { tempo: true });

/** An address that may wrap only before a dot or after a slash, never inside a word. */
export function breakable(address) {
  return address.split(/(?=\.)|(?<=\/)/).flatMap((part, index) => (index ? [el("wbr"), part] : [part]));
}

/** ``text`` as an SVG QR code, black on white with a 2-module quiet zone; null without the library. */
export function qrSvg(text) {
  if (typeof window.qrcode !== "function") return null;
  let qr;
  try {
    qr = window.qrcode(0, "M");
    qr.addData(text, "Byte");
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
    if (!/\/handout\.css(\?|$)/.test(sheet.href || "")) continue;
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
 * The handout's parts (front and back), with the routine handout's markup and classes, so
 * handout.css prints it exactly as it prints a routine's. ``qrText`` is the public link.
 */
export function handoutParts({ catalogue, chosen, sizes, state, root, publicSite, qrText }) {
  const doses = chosen.map(({ item, exercise }) => doseOf(exercise, item));
  const minutes = sessionMinutes(doses);
  const start = parseIso(state.start) || new Date();
  const name = state.name.trim();
  const columns = Math.max(1, ...doses.map((dose) => dose.days_per_week));
  const qr = qrText ? qrSvg(qrText) : null;

  const header = el("header", { class: "hs-h-head" },
    el("div", { class: "hs-h-title" },
      el("p", { class: "hs-h-site", text: catalogue.site.name }),
      el("h2", { class: "hs-h-name", text: name ? `Exercises for ${name}` : "Your exercises" }),
      el("p", { class: "hs-h-goal" },
        el("strong", { text: "Start:" }), ` ${humanDate(start)}. `,
        el("strong", { text: "Plan:" }),
        ` ${plural(state.weeks, "week")}, ${plural(chosen.length, "exercise")}, about ${minutes} minutes a session plus a warm-up. `
        + "Do each exercise on the number of days a week shown with it, and stop if it hurts as described below.")),
    publicSite ? el("div", { class: "hs-h-qr" }, qr || el("p", { text: "(QR code unavailable)" }),
      el("p", {}, "Scan to open this programme on ", breakable(publicSite.host))) : null);

  const flagLine = (urgency) => {
    const flags = catalogue.red_flags.filter((flag) => flag.urgency === urgency);
    if (!flags.length) return null;
    return el("p", { class: "hs-h-flags" }, el("strong", { text: `${catalogue.labels.urgencies[urgency]}:` }),
      ` ${flags.map((flag) => flag.name.replace(/\.$/, "")).join("; ")}.`);
  };
  // The shared rules (data/safety.yml) as the routine handouts show them, then each exercise's own.
  const rules = catalogue.safety;
  const kinds = new Set(chosen.map(({ exercise }) => exercise.kind));
  const stopRules = [...new Set(chosen.flatMap(({ exercise }) => exercise.stop_if)), ...rules.stop_now];
  const list = (lines) => el("ul", {}, lines.map((line) => el("li", { text: line })));
  const safety = el("div", { class: "hs-h-safety" },
    el("div", {}, el("h3", { text: rules.headings.before }), list(rules.before_you_start),
      el("h3", { text: "Get help straight away" }), flagLine("emergency"), flagLine("same-day"),
      el("p", { class: "hs-h-flags", text: "Every warning sign is on the website's \u201cWhen to see a clinician\u201d page." })),
    el("div", {}, el("h3", { text: rules.headings.stop }), list(stopRules)));
  const limits = el("div", { class: "hs-h-limits" },
    Object.keys(rules.headings.limits).filter((kind) => kinds.has(kind)).map((kind) =>
      el("div", {}, el("h3", { text: rules.headings.limits[kind] }),
        kind === "strengthen" ? el("p", { text: rules.pain_scale }) : null,
        list(rules.limits[kind].rules), el("p", { text: rules.limits[kind].if_over }),
        kind === "strengthen" ? el("p", {}, el("strong", { text: "Sore muscles a day or two later:" }), ` ${rules.soreness}`) : null)));

  const exercises = el("div", { class: "hs-h-exercises" }, chosen.map(({ exercise }, index) => {
    const size = sizes[index];
    const shape = size && size.height && size.width / size.height <= 3 ? "tall" : "wide";
    return el("section", { class: `hs-h-ex hs-h-${shape}` },
      el("img", { class: "hs-fig", src: new URL(exercise.figure, root).href, alt: "", referrerpolicy: "no-referrer",
        width: size ? size.width : null, height: size ? size.height : null }),
      el("div", {},
        el("h3", { text: `${index + 1}. ${exercise.name}` }),
        el("p", { class: "hs-h-dose", text: doseText(doses[index]) }),
        el("ul", {}, exercise.cues.slice(0, 2).map((cue) => el("li", { text: cue })))));
  }));

  const notesLines = state.notes.trim().split("\n");
  const notesText = [...notesLines.slice(0, NOTES_MAX_LINES), notesLines.slice(NOTES_MAX_LINES).join(" ")]
    .filter((line, index) => index < NOTES_MAX_LINES || line).join("\n");
  const notes = el("div", { class: "hs-h-notes" }, el("h3", { text: "Clinician's notes" }),
    notesText ? el("p", { class: "hs-h-text", text: notesText }) : [el("p", { class: "hs-h-line" }), el("p", { class: "hs-h-line" })]);

  const weekRows = [];
  for (let week = 1; week <= state.weeks; week += 1) {
    const from = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7 * (week - 1));
    const cells = [];
    for (let n = 1; n <= columns; n += 1) cells.push(el("td", {}, el("span", { class: "hs-h-box" })));
    weekRows.push(el("tr", {}, el("th", { scope: "row", text: `${week} (${shortDate(from)})` }), cells, el("td"), el("td")));
  }
  const sessionHeads = [];
  for (let n = 1; n <= columns; n += 1) sessionHeads.push(el("th", { scope: "col", text: `Session ${n}` }));
  const log = el("table", { class: "hs-h-log" },
    el("caption", { text: "Tick each session you do. Score pain from 0 (none) to 10 (worst), at the end of the week." }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Week" }), sessionHeads,
      el("th", { scope: "col", text: "Pain 0\u201310" }), el("th", { scope: "col", text: "Notes" }))),
    el("tbody", {}, weekRows));

  const footer = el("footer", { class: "hs-h-foot" }, catalogue.site.name,
    publicSite ? [" \u00b7 ", breakable(publicSite.host)] : [],
    ` \u00b7 Made ${humanDate(new Date())} with the handout builder \u00b7 `
      + "General information, not medical advice. Sources for every dose are on the web page.");
  // One sheet: the front holds the warning signs, the stop rules and the exercises; if it all
  // does not fit on one side, the pain limits, notes, log and footer go on the back
  // (measure() decides, handout.css breaks the page).
  return [el("div", { class: "hs-h-front" }, header, safety, exercises),
    el("div", { class: "hs-h-back" }, limits, notes, log, footer)];
}
