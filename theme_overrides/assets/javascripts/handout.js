// Print buttons (an ES module): "Print handout" on routine pages, "Print this exercise" on exercise pages.
// Each is hidden until JavaScript runs; then it is shown, the note that says to use the browser's Print
// ([data-hs-print-note]) is hidden, and the button opens the print dialog. What prints is set in
// handout.css (a routine's one-sheet handout) and exercise.css (one exercise on one page).
document.querySelectorAll("[data-hs-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
document.querySelectorAll("[data-hs-print-note]").forEach((note) => {
  note.hidden = true;
});
