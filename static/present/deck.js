// 大屏模式's clock in the browser: which slide shows, when the next one comes, the keys and the clock.
//
// Every slide is drawn once by the server and stays in the page; this script only says which one is
// visible (the `data-present-slide` attribute on <html>, read by deck.css). So a slide turns on the
// browser's clock, whatever the server or the page is busy with, and the next slide is already drawn:
// no blank frame between slides. The state lives on `window` because Streamlit calls this function
// again whenever the server redraws the control bar (a tick of the title bar, a new language).
export default function (component) {
  const { data, setTriggerValue } = component;
  const root = document.documentElement;
  const deck = (window.__presentDeck = window.__presentDeck || {
    slide: null, paused: false, shownAt: 0, timer: null, keys: null, log: [], gone: 0,
  });
  deck.n = data.n;
  deck.interval = data.interval * 1000;
  deck.labels = data.labels;
  deck.names = data.names;
  deck.trigger = setTriggerValue;
  if (deck.slide === null || deck.session !== data.session) {
    // a new visit of the mode (or a start slide asked for in the URL)
    deck.session = data.session;
    deck.slide = ((data.start % deck.n) + deck.n) % deck.n;
    deck.paused = false;
    deck.shownAt = performance.now();
    deck.log = [];
  }

  function show(i, how) {
    if (!onStage()) return;
    deck.slide = ((i % deck.n) + deck.n) % deck.n;
    deck.shownAt = performance.now();
    deck.log.push({ slide: deck.slide, t: deck.shownAt, how });
    paint();
    try {  // a reload reopens the same slide; the server only reads this on a new visit
      const url = new URL(window.location.href);
      url.searchParams.set("slide", String(deck.slide + 1));
      window.history.replaceState(window.history.state, "", url);
    } catch (e) { /* a sandboxed frame may refuse; the slide still turns */ }
  }

  function paint() {
    root.dataset.presentSlide = String(deck.slide);
    root.dataset.presentPaused = deck.paused ? "1" : "0";
    const bar = document.querySelector(".present-controls");
    if (!bar) return;
    const dots = bar.querySelectorAll(".dot");
    dots.forEach((d, k) => {
      d.classList.toggle("done", k < deck.slide);
      d.classList.toggle("now", k === deck.slide);
      const fill = d.querySelector(".fill");
      if (fill) {  // restart the filling bar of the current slide
        fill.style.animation = "none";
        if (k === deck.slide && !deck.paused) {
          void fill.offsetWidth;
          fill.style.animation = `present-fill ${deck.interval / 1000}s linear forwards`;
        }
      }
    });
    const progress = bar.querySelector(".present-progress");
    if (progress) progress.dataset.slide = String(deck.slide);
    const counter = bar.querySelector(".counter");
    if (counter) counter.textContent = `${deck.slide + 1} / ${deck.n}`;
    const status = bar.querySelector(".status");
    if (status) status.textContent = deck.paused ? deck.labels.paused : deck.labels.every;
    const pause = bar.querySelector("button.pause");
    if (pause) pause.textContent = deck.paused ? deck.labels.resume : deck.labels.pause;
    const name = document.querySelector(".present-bar .slide-name");
    if (name) name.textContent = deck.names[deck.slide];
  }

  function onStage() {
    return !!document.querySelector(".st-key-present-slide");
  }

  function tick() {  // the clock in the title bar, Beijing time like 数据截至
    const clock = document.querySelector(".present-bar .clock");
    if (!clock) return;
    const text = new Date().toLocaleTimeString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" });
    if (clock.textContent !== text) clock.textContent = text;
  }

  function togglePause() {
    deck.paused = !deck.paused;
    deck.shownAt = performance.now();  // a resumed slide gets its full time again
    paint();
  }

  function leave() {
    if (deck.trigger) deck.trigger("exit", true);
  }

  deck.actions = { prev: () => show(deck.slide - 1, "key"), next: () => show(deck.slide + 1, "key"),
                   pause: togglePause, exit: leave };

  if (!deck.keys) {
    deck.keys = (ev) => {
      if (!onStage()) return;  // the keys belong to the pages again once the mode is left
      if (ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;
      const a = deck.actions;
      if (ev.key === "ArrowRight" || ev.key === "PageDown") a.next();
      else if (ev.key === "ArrowLeft" || ev.key === "PageUp") a.prev();
      else if (ev.key === " " || ev.code === "Space") a.pause();
      else if (ev.key === "Escape") a.exit();
      else return;
      ev.preventDefault();
      ev.stopPropagation();
    };
    window.addEventListener("keydown", deck.keys, true);
  }

  if (!deck.clicks) {  // one listener for the bar's buttons, which the server may redraw
    deck.clicks = (ev) => {
      const b = ev.target && ev.target.closest && ev.target.closest(".present-controls button[data-act]");
      if (b) { ev.preventDefault(); deck.actions[b.dataset.act](); }
    };
    document.addEventListener("click", deck.clicks, true);
  }

  if (!deck.timer) {
    // A check four times a second against the time the slide was shown: a late check (a busy page)
    // turns the slide late by at most that much, and the next slide's time starts when it shows.
    deck.timer = window.setInterval(() => {
      if (deck !== window.__presentDeck) return;
      if (!onStage()) { delete root.dataset.presentSlide; return; }  // another page: do nothing there
      const now = document.querySelector(".present-controls .dot.now");
      const name = document.querySelector(".present-bar .slide-name");
      if (!root.dataset.presentSlide || !now || now !== document.querySelectorAll(".present-controls .dot")[deck.slide]
          || (name && name.textContent !== deck.names[deck.slide])) paint();
      if (!deck.paused && performance.now() - deck.shownAt >= deck.interval) {
        show(deck.slide + 1, "timer");
      }
      tick();
    }, 250);
  }
  paint();
  tick();
}
