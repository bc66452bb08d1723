// The build's JSON export (assets/data/catalogue.json, written by build_tools/export.py), fetched
// once per page from this site only. Its version must be the one this code reads.
import { siteRoot } from "./ui.js";

export const CATALOGUE_VERSION = 3;

let cataloguePromise = null;

/** The JSON export, fetched once per page from this site only; its version must be known. */
export function loadCatalogue() {
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
