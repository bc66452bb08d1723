// The pose page under `make serve` (build_tools/serve/poses.py): sends the sliders' values and shows
// what the build's Python code answers (the figure, the checks, the YAML lines). No kinematics here.

const form = document.getElementById("angles");
const figure = document.getElementById("pose-figure");
const checks = document.getElementById("checks");
const yaml = document.getElementById("yaml");
const copy = document.getElementById("copy");
const copied = document.getElementById("copied");

let busy = false;
let again = false;
let shownUrl = null;

function query() {
  return new URLSearchParams(new FormData(form)).toString();
}

function showValue(slider) {
  const degrees = slider.value;
  slider.setAttribute("aria-valuetext", `${degrees} degrees`);
  const output = document.getElementById(`${slider.id}-value`);
  if (output) output.textContent = `${degrees}°`;
}

function showChecks(messages) {
  const paragraph = document.createElement("p");
  checks.replaceChildren(paragraph);
  if (messages.length === 0) {
    paragraph.className = "good";
    paragraph.textContent = "No problems: every pose fits the floor and the body.";
    return;
  }
  paragraph.className = "bad";
  paragraph.textContent = `${messages.length} problem${messages.length === 1 ? "" : "s"} (the checks make check runs):`;
  const list = document.createElement("ul");
  for (const message of messages) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  checks.append(list);
}

function show(answer, params) {
  const url = URL.createObjectURL(new Blob([answer.svg], { type: "image/svg+xml" }));
  figure.src = url;
  figure.alt = answer.alt;
  if (shownUrl) URL.revokeObjectURL(shownUrl);
  shownUrl = url;
  showChecks(answer.checks);
  yaml.value = answer.yaml;
  yaml.rows = answer.yaml.split("\n").length;
  history.replaceState(null, "", `?${params}`);
}

// One request at a time: while one is out, moves only mark that the latest values are to be sent
// next, so a slider dragged fast costs the (shared) machine one drawing at a time, never a queue.
async function redraw() {
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  const params = query();
  try {
    const response = await fetch(`draw?${params}`, { cache: "no-store" });
    if (response.ok) show(await response.json(), params);
    else showChecks([await response.text()]);
  } catch (error) {
    showChecks([`The preview did not answer (${error.message}); is make serve still running?`]);
  } finally {
    busy = false;
  }
  if (again) {
    again = false;
    redraw();
  }
}

form.addEventListener("input", (event) => {
  if (event.target instanceof HTMLInputElement && event.target.type === "range") showValue(event.target);
  redraw();
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  redraw();
});

if (navigator.clipboard) {
  copy.hidden = false;
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(yaml.value);
      copied.textContent = "Copied.";
    } catch {
      yaml.select();
      copied.textContent = "Select the lines and copy them (Ctrl+C or Cmd+C).";
    }
  });
}
