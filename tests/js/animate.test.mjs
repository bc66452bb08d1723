// The animated figures' frame logic (animate.js), without a browser: decoding, play order, Play/Pause.
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyFrame, decodeFrames, sequence, setup } from "../../theme_overrides/assets/javascripts/animate.js";

test("unchanged shapes (null) repeat the frame before", () => {
  assert.deepEqual(decodeFrames([["M0 0", "1 2"], [null, "3 4"], ["M1 1", null]]), [
    ["M0 0", "1 2"], ["M0 0", "3 4"], ["M1 1", "3 4"],
  ]);
});

test("the movement goes forward through the key poses and back, each key pose held", () => {
  assert.deepEqual(sequence(5, [0, 4], 2), [0, 0, 1, 2, 3, 4, 4, 3, 2, 1]);
  assert.deepEqual(sequence(3, [0, 1, 2], 1), [0, 1, 2, 1]);
});

const shape = (tag) => ({ tagName: tag, attributes: {}, setAttribute(name, value) { this.attributes[name] = value; } });

test("a frame writes a path's d and a circle's centre, and nothing else", () => {
  const path = shape("path");
  const circle = shape("circle");
  applyFrame([path, circle], ["M1 2L3 4", "5 6"]);
  assert.deepEqual(path.attributes, { d: "M1 2L3 4" });
  assert.deepEqual(circle.attributes, { cx: "5", cy: "6" });
});

function fakeFigure(frames, keys) {
  const shapes = [shape("path"), shape("circle")];
  const listeners = {};
  const button = {
    textContent: "Play the movement", disabled: false,
    addEventListener(type, fn) { listeners[type] = fn; },
  };
  const note = { hidden: true };
  const player = { hidden: true, querySelectorAll: () => shapes };
  const data = { textContent: JSON.stringify({ keys, frames }) };
  const parts = { ".hs-anim__frames": data, ".hs-anim__player": player, ".hs-anim__button": button, ".hs-anim__note": note };
  const root = { hidden: true, dataset: { hold: "1", frameMs: "50" }, querySelector: (sel) => parts[sel] };
  return { root, shapes, button, note, player, click: () => listeners.click() };
}

function fakeTimer() {
  const clock = { tick: null, setTimer: (fn) => { clock.tick = fn; return 1; }, clearTimer: () => { clock.tick = null; } };
  return clock;
}

test("Play moves the frames on; Pause stops them where they are", () => {
  const figure = fakeFigure([["M0 0", "0 0"], ["M1 1", "1 1"], ["M2 2", "2 2"]], [0, 2]);
  const clock = fakeTimer();
  const controls = setup(figure.root, { reduceMotion: { matches: false }, ...clock });
  assert.equal(figure.root.hidden, false, "the controls show once the script runs");
  assert.equal(clock.tick, null, "nothing plays by itself");
  figure.click();
  assert.equal(figure.button.textContent, "Pause the movement");
  assert.equal(figure.player.hidden, false);
  clock.tick();
  assert.equal(figure.shapes[0].attributes.d, "M1 1");
  clock.tick();
  assert.equal(figure.shapes[0].attributes.d, "M2 2");
  figure.click();
  assert.equal(controls.playing(), false);
  assert.equal(clock.tick, null, "paused: no timer left running");
  assert.equal(figure.button.textContent, "Play the movement");
  assert.equal(figure.shapes[0].attributes.d, "M2 2", "the drawing stays on the frame it reached");
});

test("with reduced motion the button is disabled, a note says why and nothing plays", () => {
  const figure = fakeFigure([["M0 0", "0 0"], ["M1 1", "1 1"]], [0, 1]);
  const clock = fakeTimer();
  setup(figure.root, { reduceMotion: { matches: true }, ...clock });
  assert.equal(figure.button.disabled, true);
  assert.equal(figure.note.hidden, false);
  assert.equal(figure.player.hidden, true);
  assert.equal(clock.tick, null);
});

test("turning reduced motion on while playing stops the movement", () => {
  const figure = fakeFigure([["M0 0", "0 0"], ["M1 1", "1 1"]], [0, 1]);
  const clock = fakeTimer();
  let change = null;
  const reduceMotion = { matches: false, addEventListener: (type, fn) => { change = fn; } };
  const controls = setup(figure.root, { reduceMotion, ...clock });
  figure.click();
  assert.equal(controls.playing(), true);
  change({ matches: true });
  assert.equal(controls.playing(), false);
  assert.equal(figure.button.disabled, true);
  assert.equal(figure.player.hidden, true);
});
