// groundtui in a browser tab: the tab's title follows the day, and the app's bell reaches the
// tab (a mark in the title until the tab is looked at, and a soft tone where the browser
// allows one). Loaded before textual.js, so the terminal's websocket is the one watched here.
(function () {
  "use strict";

  const BEL = 0x07;
  const TITLE = /\x1b\][02];([^\x07\x1b]*)(?:\x07|\x1b\\)/g; // OSC 0/2: set the window title
  const ANY_OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g; // their BEL ends a sequence, not a bell
  const decoder = new TextDecoder("utf-8");
  let title = null;
  let rang = false;
  let audio = null;

  function show() {
    const text = title || document.title.replace(/^🔔 /, "");
    document.title = (rang ? "🔔 " : "") + text;
  }

  function tone() {
    try {
      audio = audio || new AudioContext();
      if (audio.state !== "running") return; // no tone before the page has had a key
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.05, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (err) {
      audio = null;
    }
  }

  function received(data) {
    if (typeof data === "string") return;
    const bytes = new Uint8Array(data);
    if (bytes.indexOf(BEL) < 0) return; // a title and a bell both hold a BEL
    const text = decoder.decode(bytes);
    for (const match of text.matchAll(TITLE)) title = match[1];
    if (text.replace(ANY_OSC, "").includes("\x07")) {
      tone();
      if (!document.hasFocus()) rang = true;
    }
    show();
  }

  function seen() {
    if (audio && audio.state === "suspended") audio.resume().catch(() => {});
    if (rang) {
      rang = false;
      show();
    }
  }

  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => received(event.data));
    }
  }
  window.WebSocket = Watched;
  window.addEventListener("focus", seen);
  window.addEventListener("keydown", seen, true);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) seen();
  });
})();
