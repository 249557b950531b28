/**
 * The sound control every screen can carry: a speaker button that mutes and unmutes, a
 * volume slider beside it, and a music button (music plays in rounds). All controls follow
 * the one remembered setting, so a change on one screen shows on every other.
 */
import { h } from "../ui/dom.ts";
import { sound } from "./sound.ts";
import { music } from "./music.ts";

const NS = "http://www.w3.org/2000/svg";

/** A speaker with 0, 1 or 2 waves, or crossed out (drawn here, 24×24, stroke icons). */
/** A 24×24 stroke icon from path data. */
function icon(paths: readonly string[]): SVGSVGElement {
  const s = document.createElementNS(NS, "svg");
  s.setAttribute("viewBox", "0 0 24 24");
  s.setAttribute("width", "20");
  s.setAttribute("height", "20");
  s.setAttribute("aria-hidden", "true");
  for (const d of paths) {
    const p = document.createElementNS(NS, "path");
    p.setAttribute("d", d);
    p.setAttribute("fill", "none");
    p.setAttribute("stroke", "currentColor");
    p.setAttribute("stroke-width", "2");
    p.setAttribute("stroke-linecap", "round");
    p.setAttribute("stroke-linejoin", "round");
    s.append(p);
  }
  return s;
}

/** Two beamed notes. */
const NOTE = ["M9 17V5l10-2v12", "M6 17a3 3 0 1 0 6 0a3 3 0 1 0-6 0", "M16 15a3 3 0 1 0 6 0a3 3 0 1 0-6 0"];

function speaker(level: 0 | 1 | 2 | "off"): SVGSVGElement {
  const paths = ["M4 9h4l5-4v14l-5-4H4z"];
  if (level === "off") paths.push("M16 9l5 6M21 9l-5 6");
  if (level === 1 || level === 2) paths.push("M16 9.5a3.5 3.5 0 0 1 0 5");
  if (level === 2) paths.push("M18.5 7a7 7 0 0 1 0 10");
  return icon(paths);
}

export function soundControl(): HTMLElement {
  const btn = h("button", { id: "sound-mute", class: "sound-mute icon-btn", type: "button" });
  const slider = h("input", {
    id: "sound-volume",
    class: "sound-volume",
    type: "range",
    min: 0,
    max: 100,
    step: 5,
    "aria-label": "Sound volume",
  });
  const note = h("button", { id: "music-toggle", class: "icon-btn music-toggle", type: "button" }, icon(NOTE));
  const showMusic = () => {
    note.setAttribute("aria-pressed", String(music.enabled));
    note.title = music.enabled
      ? "Music is on (in rounds): click to turn it off"
      : "Music is off: click to play music in rounds";
    note.setAttribute("aria-label", music.enabled ? "Turn music off" : "Turn music on");
  };
  note.addEventListener("click", () => {
    music.setEnabled(!music.enabled);
    showMusic();
  });
  showMusic();
  // In the top bar the music button and the slider open under the speaker (hover or focus).
  const el = h(
    "span",
    { class: "sound-control", role: "group", "aria-label": "Sound" },
    btn,
    h("span", { class: "sound-extra" }, note, slider),
  );
  const show = () => {
    const off = sound.muted || sound.volume === 0;
    btn.replaceChildren(speaker(off ? "off" : sound.volume < 0.4 ? 1 : 2));
    btn.title = off ? "Sound is off: click to turn it on" : "Sound is on: click to mute";
    btn.setAttribute("aria-label", off ? "Turn sound on" : "Mute sound");
    btn.setAttribute("aria-pressed", String(off));
    slider.value = String(Math.round(sound.volume * 100));
  };
  btn.addEventListener("click", () => {
    if (sound.muted) sound.setMuted(false);
    else if (sound.volume === 0) sound.setVolume(0.6);
    else sound.setMuted(true);
    sound.play("click");
  });
  slider.addEventListener("input", () => {
    sound.setVolume(Number(slider.value) / 100);
    if (sound.muted && sound.volume > 0) sound.setMuted(false);
  });
  // A short sound when the slider is let go, so the level can be judged.
  slider.addEventListener("change", () => sound.play("click"));
  // The listener goes once the control has been on the page and left it.
  let shown = false;
  const off = sound.onChange(() => {
    if (el.isConnected) shown = true;
    else if (shown) return void off();
    show();
  });
  show();
  return el;
}
