// Citation markers (an ES module): a tap or Enter on a marker such as "[3, 7]" shows those sources in a
// popover in place, copied from the page's own "Sources" list (build_tools/citations.py renders the
// markers, templates/_sources.md.j2 the list). Without JavaScript, or in a browser without the HTML
// popover attribute, the marker stays a plain link to the list entry (#src-3). Nothing is built from
// strings: the popover holds clones of the page's own list items. Escape or a tap elsewhere closes it
// (the popover attribute's own behaviour) and the focus goes back to the marker.

/** The source numbers a marker names, from its data-hs-cite attribute ("3 7" -> [3, 7]). */
export function numbersOf(value) {
  return String(value || "")
    .split(/\s+/)
    .filter((part) => /^[0-9]+$/.test(part))
    .map(Number);
}

/** Where the popover goes (viewport pixels): below the marker, or above it when there is no room
 * below; never past the viewport's edges (`edge` pixels of margin). */
export function place(anchor, size, viewport, gap = 6, edge = 8) {
  const width = Math.min(size.width, viewport.width - 2 * edge);
  const left = Math.max(edge, Math.min(anchor.left, viewport.width - edge - width));
  let top = anchor.bottom + gap;
  if (top + size.height > viewport.height - edge && anchor.top - gap - size.height >= edge) {
    top = anchor.top - gap - size.height;
  }
  return { left: Math.round(left), top: Math.round(Math.max(edge, Math.min(top, viewport.height - edge - size.height))) };
}

function setUp(document) {
  const markers = [...document.querySelectorAll("a.hs-cite[data-hs-cite]")];
  if (!markers.length || typeof document.body.showPopover !== "function") return;

  const popover = document.createElement("div");
  popover.id = "hs-cite-popover";
  popover.className = "hs-cite-pop md-typeset";
  popover.setAttribute("popover", "auto");
  popover.setAttribute("role", "dialog");
  popover.setAttribute("aria-labelledby", "hs-cite-popover-title");
  popover.tabIndex = -1;
  const title = document.createElement("p");
  title.id = "hs-cite-popover-title";
  title.className = "hs-cite-pop__title";
  const list = document.createElement("ul");
  const close = document.createElement("button");
  close.type = "button";
  close.className = "hs-cite-pop__close";
  close.textContent = "Close";
  close.addEventListener("click", () => popover.hidePopover());
  popover.append(title, list, close);
  document.body.append(popover);

  let opener = null;

  // "beforetoggle" runs as the popover closes (Escape, a tap elsewhere, Close); "toggle" comes a
  // moment later, when it is gone: then the focus goes back to the marker, unless the reader has
  // moved it somewhere else (a tap on another link).
  let returnTo = null;
  popover.addEventListener("beforetoggle", (event) => {
    if (event.newState !== "closed" || !opener) return;
    opener.setAttribute("aria-expanded", "false");
    const active = document.activeElement;
    returnTo = !active || active === document.body || popover.contains(active) ? opener : null;
    opener = null;
  });
  popover.addEventListener("toggle", (event) => {
    if (event.newState !== "closed" || !returnTo) return;
    const active = document.activeElement;
    if (!active || active === document.body || popover.contains(active)) returnTo.focus();
    returnTo = null;
  });

  const open = (marker) => {
    const entries = numbersOf(marker.dataset.hsCite)
      .map((number) => document.getElementById(`src-${number}`))
      .filter(Boolean);
    if (!entries.length) return false;
    title.textContent = marker.getAttribute("aria-label") || "Sources";
    list.replaceChildren(
      ...entries.map((entry) => {
        const copy = entry.cloneNode(true);
        copy.removeAttribute("id");
        return copy;
      }),
    );
    opener = marker;
    marker.setAttribute("aria-expanded", "true");
    popover.showPopover();
    const view = document.documentElement;
    const spot = place(
      marker.getBoundingClientRect(),
      { width: popover.offsetWidth, height: popover.offsetHeight },
      { width: view.clientWidth, height: window.innerHeight },
    );
    popover.style.left = `${spot.left}px`;
    popover.style.top = `${spot.top}px`;
    popover.focus();
    return true;
  };

  for (const marker of markers) {
    marker.setAttribute("aria-haspopup", "dialog");
    marker.setAttribute("aria-controls", popover.id);
    marker.setAttribute("aria-expanded", "false");
    marker.addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      if (open(marker)) event.preventDefault();
    });
  }
}

if (typeof document !== "undefined") setUp(document);
