// Small DOM helpers shared by the browser scripts: elements whose text is always text, the
// site's root on this host, a debouncer for live regions, and loading a classic script.

/** An element with attributes set one by one; text goes in as text, never as markup. */
export function el(tag, attributes, ...children) {
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

/** The site's root on this host, from Material's page config ("base" is relative, e.g. ".."). */
export function siteRoot() {
  let base = ".";
  const config = document.getElementById("__config");
  if (config) {
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch {
      base = ".";
    }
  }
  return new URL(base.endsWith("/") ? base : `${base}/`, location.href);
}

/** Call ``update`` at once, or after a pause when the reader is still typing (for live regions). */
export function debouncer(delay) {
  let timer = 0;
  return (update, wait) => {
    clearTimeout(timer);
    if (wait) timer = setTimeout(update, delay);
    else update();
  };
}

/** Load a classic script (the vendored QR library), once, from this site. */
export function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = el("script", { src: url.href });
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`could not load ${url}`)));
    document.head.append(script);
  });
}
