// The pose page under `make serve` (build_tools/serve/poses.py): sends the sliders' values and shows
// what the build's Python code answers (the figure, the checks, the YAML lines). No kinematics here.

const form = document.getElementById("angles");
const figure = document.getElementById("pose-figure");
const checks = document.getElementById("checks");
const yaml = document.getElementById("yaml");
const copy = document.getElementById("copy");
const copied = document.getElementById("copied");

let pending = null;
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
  paragraph.textContent = `${messages.length} problem${messages.length === 1 ? "" : "s"}, as make check reports them:`;
  const list = document.createElement("ul");
  for (const message of messages) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  checks.append(list);
}

async function redraw() {
  if (pending) pending.abort();
  const controller = new AbortController();
  pending = controller;
  const params = query();
  let answer;
  try {
    const response = await fetch(`draw?${params}`, { signal: controller.signal, cache: "no-store" });
    if (!response.ok) {
      showChecks([await response.text()]);
      return;
    }
    answer = await response.json();
  } catch (error) {
    if (error.name !== "AbortError") showChecks([`The preview did not answer (${error.message}); is make serve still running?`]);
    return;
  }
  if (pending !== controller) return;
  pending = null;
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
