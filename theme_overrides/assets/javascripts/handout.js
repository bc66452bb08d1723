// "Print handout" buttons (an ES module): shown only when JavaScript runs, and they open the print dialog.
// Printing a routine page prints its one-page handout (see handout.css).
document.querySelectorAll("[data-hs-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
