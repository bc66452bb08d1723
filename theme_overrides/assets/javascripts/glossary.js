// Glossary terms (an ES module): pointing at a marked term (<abbr title="definition">, which
// build_tools/glossary_marks.py keeps at a term's first use in each section), or tapping it on a
// phone, shows its definition in one tooltip that the whole page shares, with one set of listeners
// on the document. Material's own tooltips (content.tooltips, off in mkdocs.yml) mounted a tooltip
// with its listeners on every element with a title as the page loaded: most of the home page's
// blocking time on a phone (benchmarks/lighthouse-results.md).
//
// Without JavaScript the title is the browser's own tooltip, and a screen reader reads it as the
// term's description. While the tooltip shows, the definition moves from the title into it (so no
// second, native tooltip appears) and the term names it with aria-describedby; it moves back when
// the tooltip goes. As WCAG 1.4.13 asks, Escape dismisses the tooltip, the pointer can move onto it,
// and it stays until the pointer leaves both or a tap lands elsewhere. Nothing is built from strings:
// the definition is set as text.

import { place } from "./cite.js";

/** The marked terms this module handles: glossary <abbr>s in the page's article. */
export const TERM = "article abbr[title], article abbr[data-hs-definition]";

/** How long the tooltip stays after the pointer leaves the term (ms): time to move onto it. */
export const LEAVE_DELAY = 300;

/** Where the tooltip goes on the page (document pixels, for an absolutely placed tooltip): cite.js's
 * place() in the viewport, moved by how far the page is scrolled. */
export function placeOnPage(anchor, size, viewport, scroll) {
  const spot = place(anchor, size, viewport);
  return { left: Math.round(spot.left + scroll.x), top: Math.round(spot.top + scroll.y) };
}

/** A term's definition, wherever it is kept at the moment (its title, or, while shown, a data attribute). */
export function definitionOf(term) {
  return term.getAttribute("title") ?? term.getAttribute("data-hs-definition") ?? "";
}

function setUp(document) {
  const window = document.defaultView;
  let tip = null;
  let shown = null;
  let leaving = 0;

  const make = () => {
    const element = document.createElement("div");
    element.id = "hs-term-tip";
    element.className = "hs-term-tip md-typeset";
    element.setAttribute("role", "tooltip");
    element.hidden = true;
    document.body.append(element);
    return element;
  };

  const hide = () => {
    window.clearTimeout(leaving);
    if (!shown) return;
    shown.setAttribute("title", shown.getAttribute("data-hs-definition") ?? "");
    shown.removeAttribute("data-hs-definition");
    shown.removeAttribute("aria-describedby");
    tip.hidden = true;
    shown = null;
  };

  const show = (term) => {
    window.clearTimeout(leaving);
    if (shown === term) return;
    hide();
    tip ??= make();
    const definition = definitionOf(term);
    if (!definition) return;
    term.setAttribute("data-hs-definition", definition);
    term.removeAttribute("title");
    term.setAttribute("aria-describedby", tip.id);
    tip.textContent = definition;
    tip.hidden = false;
    shown = term;
    const spot = placeOnPage(
      term.getBoundingClientRect(),
      { width: tip.offsetWidth, height: tip.offsetHeight },
      { width: document.documentElement.clientWidth, height: window.innerHeight },
      { x: window.scrollX, y: window.scrollY },
    );
    tip.style.left = `${spot.left}px`;
    tip.style.top = `${spot.top}px`;
  };

  const termAt = (target) => (target instanceof window.Element ? target.closest(TERM) : null);
  const onTip = (target) => Boolean(tip && target instanceof window.Node && tip.contains(target));

  document.addEventListener("pointerover", (event) => {
    if (onTip(event.target)) {
      window.clearTimeout(leaving);
      return;
    }
    const term = termAt(event.target);
    if (term && event.pointerType === "mouse") show(term);
  });
  document.addEventListener("pointerout", (event) => {
    if (!shown || event.pointerType !== "mouse") return;
    const from = event.target;
    const to = event.relatedTarget;
    if (!(termAt(from) === shown || onTip(from))) return;
    if (termAt(to) === shown || onTip(to)) return;
    window.clearTimeout(leaving);
    leaving = window.setTimeout(hide, LEAVE_DELAY);
  });
  // A tap (or a click) on a term shows it; anywhere else, except on the tooltip, hides it.
  document.addEventListener("click", (event) => {
    const term = termAt(event.target);
    if (term) show(term);
    else if (!onTip(event.target)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && shown) hide();
  });
}

if (typeof document !== "undefined") setUp(document);
