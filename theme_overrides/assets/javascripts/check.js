// The guided check, "Which exercises fit me?" (content/check.md): warning signs first, then where it
// hurts, what happened, the goal and the equipment, then the pages and routines that fit.
//
// The page holds the check's mount (#hs-check) with its content for readers without JavaScript (every
// warning sign with its action, and the routines), and the data the build wrote for this script
// (#hs-check-data, build_tools/check.py). This script hides that content and asks the questions,
// built from the same data; every text goes in as text. The decisions are check-logic.js.
// Nothing is stored or sent: the answers live in this page's memory only, not in its address.
import { fittingRoutines, labelOf, outcome, readData } from "./check-logic.js";
import { el } from "./ui.js";

const mount = document.getElementById("hs-check");
const source = document.getElementById("hs-check-data");
if (mount && source) {
  let data = null;
  try {
    data = readData(source.textContent);
  } catch (error) {
    console.warn("Guided check unavailable:", error);
  }
  if (data) start(data);
}

function start(data) {
  const answers = { flags: {}, area: "", onset: "", goal: "", equipment: [] };
  const urgencyOf = new Map(data.urgencies.map((u) => [u.id, u]));
  const areaChoices = [...data.areas.map((a) => ({ id: a.id, label: `${a.number}. ${a.label}` })), data.no_pain];

  const heading = (id, text) => el("h2", { id, tabindex: "-1", text });
  const error = () => el("p", { class: "hs-check__error", role: "alert", hidden: true });
  const radios = (name, choices, legend, hint) => el("fieldset", { class: "hs-check__q" },
    el("legend", { text: legend }), hint ? el("p", { class: "hs-check__hint", text: hint }) : null,
    choices.map((c) => el("label", { class: "hs-check__choice" },
      el("input", { type: "radio", name, value: c.id }), ` ${c.label}`)));

  // -- step 1: warning signs -----------------------------------------------------------------
  const flagsError = error();
  const flagsStep = el("section", { class: "hs-check__step", "aria-labelledby": "hs-check-h1" },
    heading("hs-check-h1", "Step 1 of 3: warning signs"),
    el("p", { text: "Answer yes or no to each one. If the answer to any of them is yes, the check stops there and "
      + "tells you what to do instead of exercising." }),
    data.urgencies.map((urgency) => {
      const flags = data.red_flags.filter((f) => f.urgency === urgency.id);
      return flags.length ? el("div", { class: "hs-check__group" },
        el("h3", { text: urgency.label }),
        flags.map((flag) => el("fieldset", { class: "hs-check__q hs-check__q--flag", "data-flag": flag.id },
          el("legend", { text: `Do you have this? ${flag.name}` }),
          ["yes", "no"].map((value) => el("label", { class: "hs-check__choice" },
            el("input", { type: "radio", name: `flag-${flag.id}`, value }), value === "yes" ? " Yes" : " No"))))) : null;
    }),
    flagsError,
    el("p", {}, el("button", { type: "button", class: "md-button md-button--primary", "data-check": "flags-next",
      text: "Continue", onclick: () => afterFlags() })));

  // -- step 2: where, what happened, goal, equipment ---------------------------------------------
  const detailsError = error();
  const detailsStep = el("section", { class: "hs-check__step", "aria-labelledby": "hs-check-h2", hidden: true },
    heading("hs-check-h2", "Step 2 of 3: where it hurts and what you want"),
    radios("area", areaChoices, "Where does it hurt most?", "The numbers are those of the body map on the home page."),
    radios("onset", data.onsets, "What happened?"),
    radios("goal", data.goals, "What do you want most?"),
    el("fieldset", { class: "hs-check__q" }, el("legend", { text: "What equipment do you have?" }),
      el("p", { class: "hs-check__hint", text: "Tick all you have. Leave them all unticked if you have none." }),
      data.equipment.map((item) => el("label", { class: "hs-check__choice" },
        el("input", { type: "checkbox", name: "equipment", value: item.id }), ` ${item.label}`))),
    detailsError,
    el("p", { class: "hs-check__buttons" },
      el("button", { type: "button", class: "md-button", text: "Back", onclick: () => show(flagsStep, "hs-check-h1") }),
      el("button", { type: "button", class: "md-button md-button--primary", "data-check": "details-next",
        text: "Show what fits", onclick: () => afterDetails() })));

  const form = el("form", { class: "hs-check__form", novalidate: true, onsubmit: (event) => event.preventDefault() },
    flagsStep, detailsStep);
  const result = el("section", { class: "hs-check__result", "aria-labelledby": "hs-check-h3", hidden: true });

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.name.startsWith("flag-")) answers.flags[input.name.slice(5)] = input.value;
    else if (input.name === "equipment") {
      answers.equipment = [...form.querySelectorAll("input[name=equipment]:checked")].map((box) => box.value);
    } else if (input.name in answers) answers[input.name] = input.value;
  });

  mount.querySelector(".hs-check__static").hidden = true;
  mount.append(form, result);

  function show(step, headingId) {
    for (const section of [flagsStep, detailsStep, result]) section.hidden = section !== step;
    document.getElementById(headingId).focus();
  }

  function afterFlags() {
    const next = outcome({ ...answers, area: "-", onset: "-", goal: "-" }, data);
    flagsError.hidden = true;
    if (next.kind === "unanswered") {
      const count = next.flags.length;
      flagsError.textContent = `Answer every question first: ${count} ${count === 1 ? "is" : "are"} not answered yet.`;
      flagsError.hidden = false;
      form.querySelector(`[data-flag="${next.flags[0].id}"] input`).focus();
    } else if (next.kind === "red-flags") {
      renderResult(next);
    } else {
      show(detailsStep, "hs-check-h2");
    }
  }

  function afterDetails() {
    const next = outcome(answers, data);
    detailsError.hidden = true;
    if (next.kind === "details") {
      const words = { area: "where it hurts", onset: "what happened", goal: "what you want" };
      detailsError.textContent = `Choose an answer for ${next.missing.map((m) => words[m]).join(", ")}.`;
      detailsError.hidden = false;
      form.querySelector(`input[name=${next.missing[0]}]`).focus();
    } else {
      renderResult(next);
    }
  }

  function renderResult(next) {
    result.replaceChildren();
    const restart = el("button", { type: "button", class: "md-button", text: "Change my answers",
      onclick: () => show(flagsStep, "hs-check-h1") });
    const print = el("button", { type: "button", class: "md-button md-button--primary", text: "Print this summary",
      onclick: () => window.print() });
    const notDiagnosis = el("p", { class: "hs-check__disclaimer", text: "This is not a diagnosis. It only matches "
      + "your answers with the warning signs and routines on this site." });
    if (next.kind === "red-flags") {
      result.append(...[heading("hs-check-h3", "Get help first: no exercises for now"),
        el("p", { text: "You answered yes to a warning sign. Do not start the exercises or routines on this site. "
          + "Do what it says below." }),
        next.flags.map((flag) => {
          const urgency = urgencyOf.get(flag.urgency);
          return el("article", { class: `hs-check__flag hs-check__flag--${flag.urgency}`, "data-flag": flag.id },
            el("h3", { text: flag.name }),
            el("p", {}, el("strong", { text: urgency.label }), ` ${urgency.action}`),
            el("p", {}, el("strong", { text: "In the UK: " }), flag.uk),
            el("p", {}, el("strong", { text: "In the US: " }), flag.us),
            el("p", {}, el("a", { href: flag.href, text: `More about this warning sign` })));
        }),
        notDiagnosis, answersList(true)].flat());
    } else {
      const routines = fittingRoutines(answers, data);
      const area = next.area;
      result.append(heading("hs-check-h3", "What fits your answers"), notDiagnosis,
        area ? el("div", { class: "hs-check__area" },
          el("h3", { text: `Read about: ${area.label}` }),
          area.note ? el("p", { text: area.note }) : null,
          area.signs.length ? el("p", {}, el("strong", { text: "It could be: " }), area.signs.join("; ")) : null,
          el("ul", {}, area.read.map((link) => el("li", {}, el("a", { href: link.href, text: link.text }))))) : null,
        el("h3", { text: routines.length ? "Routines that fit" : "No routine fits these answers" }),
        routines.length ? el("ul", { class: "hs-check__routines" }, routines.map(({ routine, missing }) =>
          el("li", { "data-routine": routine.id },
            el("p", {}, el("a", { href: routine.href, text: routine.name }), `: ${routine.summary}`),
            el("p", {}, el("strong", { text: "Who it is for: " }), routine.audience),
            el("p", { text: "Do not start it without advice if:" }),
            el("ul", {}, routine.not_if.map((line) => el("li", { text: line }))),
            missing.length ? el("p", {}, el("strong", { text: "It uses: " }),
              `${missing.map((id) => labelOf(data.equipment, id)).join(", ")}, which you did not tick. `
              + "Its page says what you can use instead, where there is a swap.") : null)))
          : el("p", { text: next.sudden
            ? "After a new injury, have it checked by a physiotherapist or doctor before you start a routine: the "
              + "routines on this site are not for an injury that has not been checked."
            : "A physiotherapist can choose exercises that suit you. The pages above say more." }),
        answersList(false));
    }
    result.append(el("p", { class: "hs-check__buttons" }, print, restart));
    show(result, "hs-check-h3");
  }

  function answersList(flagsOnly) {
    const rows = [["Warning signs", data.red_flags.filter((f) => answers.flags[f.id] === "yes").map((f) => f.name)
      .join("; ") || "None of them"]];
    if (!flagsOnly) {
      rows.push(["Where it hurts", labelOf(areaChoices, answers.area)],
        ["What happened", labelOf(data.onsets, answers.onset)],
        ["What you want", labelOf(data.goals, answers.goal)],
        ["Equipment", answers.equipment.map((id) => labelOf(data.equipment, id)).join(", ") || "None"]);
    }
    return el("div", { class: "hs-check__answers" }, el("h3", { text: "Your answers" }),
      el("dl", {}, rows.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })])));
  }
}
