// Animated exercise figures (an ES module): a Play/Pause button plays the movement drawn by
// build_tools/figure_player.py. The frames are numbers in a JSON data block (never markup): each
// frame gives every shape's path data or circle centre, written with setAttribute. Nothing plays
// by itself; under "reduce motion" the button is disabled with a note and only the stills show.

/** Full frames from the data: each frame repeats the shapes it leaves unchanged (null) from the one before. */
export function decodeFrames(deltas) {
  const frames = [];
  for (const delta of deltas) {
    const before = frames[frames.length - 1] || [];
    frames.push(delta.map((value, index) => (value === null ? before[index] : value)));
  }
  return frames;
}

/** The order frames play in: forward through every key pose and back again, each key pose held. */
export function sequence(count, keys, hold) {
  const forward = Array.from({ length: count }, (_, index) => index);
  const loop = forward.concat(forward.slice(1, -1).reverse());
  const out = [];
  for (const index of loop) {
    const times = keys.includes(index) ? Math.max(1, hold) : 1;
    for (let i = 0; i < times; i += 1) out.push(index);
  }
  return out;
}

/** Write one frame into the player's shapes, in drawing order. */
export function applyFrame(shapes, frame) {
  shapes.forEach((shape, index) => {
    const value = frame[index];
    if (value === undefined) return;
    if (shape.tagName.toLowerCase() === "path") {
      shape.setAttribute("d", value);
    } else {
      const [x, y] = value.split(" ");
      shape.setAttribute("cx", x);
      shape.setAttribute("cy", y);
    }
  });
}

/** Wire one animated figure; returns its controls (for tests and for the reduced-motion change). */
export function setup(root, { reduceMotion, setTimer = setInterval, clearTimer = clearInterval } = {}) {
  const data = JSON.parse(root.querySelector(".hs-anim__frames").textContent);
  const frames = decodeFrames(data.frames);
  const order = sequence(frames.length, data.keys, Number(root.dataset.hold) || 1);
  const player = root.querySelector(".hs-anim__player");
  const shapes = Array.from(player.querySelectorAll(".hs-anim__body path, .hs-anim__body circle, .hs-anim__body ellipse"));
  const button = root.querySelector(".hs-anim__button");
  const note = root.querySelector(".hs-anim__note");
  const frameMs = Number(root.dataset.frameMs) || 100;
  let step = 0;
  let timer = null;

  const label = (playing) => {
    button.textContent = playing ? "Pause the movement" : "Play the movement";
  };
  const pause = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    label(false);
  };
  const play = () => {
    player.hidden = false;
    label(true);
    timer = setTimer(() => {
      step = (step + 1) % order.length;
      applyFrame(shapes, frames[order[step]]);
    }, frameMs);
  };
  const still = (reduced) => {
    if (reduced) pause();
    button.disabled = reduced;
    note.hidden = !reduced;
    if (reduced) player.hidden = true;
  };
  button.addEventListener("click", () => (timer === null ? play() : pause()));
  root.hidden = false;
  still(Boolean(reduceMotion && reduceMotion.matches));
  if (reduceMotion && reduceMotion.addEventListener) {
    reduceMotion.addEventListener("change", (event) => still(event.matches));
  }
  return { play, pause, playing: () => timer !== null, frame: () => order[step] };
}

if (typeof document !== "undefined") {
  const reduceMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  document.querySelectorAll("[data-hs-anim]").forEach((root) => {
    try {
      setup(root, { reduceMotion });
    } catch {
      root.hidden = true; // broken data: keep to the stills
    }
  });
}
