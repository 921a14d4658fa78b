/* Mahfooz presentation mode: one slide at a time, keyboard/click/swipe, full screen, and a presenter
   view in a second window kept in sync with postMessage. Plain ES2017, no dependencies, no network:
   it must work from a USB stick (file://), where every page has an opaque origin.

   Expects (overrides/deck.html):
     main[data-deck] > section.mahfooz-slide (* n), each optionally holding aside.mahfooz-notes
     [data-deck-counter][data-template="{n} / {total}"]   [data-deck-action=previous|next|fullscreen|presenter|reset-clock]
     [data-deck-progress] > span   [data-deck-exit]
     presenter only: [data-deck-presenter] sections, [data-deck-next-pane], [data-deck-end],
                     [data-deck-notes], [data-deck-no-notes], [data-deck-clock]
*/
(function () {
  "use strict";

  var deck = document.querySelector("[data-deck]");
  if (!deck) return;
  var slides = Array.prototype.filter.call(deck.querySelectorAll(".mahfooz-slide"), function (el) {
    return !el.parentElement.closest(".mahfooz-slide");
  });
  if (!slides.length) return;

  var root = document.documentElement;
  var total = slides.length;
  var presenter = /(?:^\?|&)presenter(?:[=&]|$)/.test(location.search);
  var MESSAGE = "mahfooz-deck";
  var deckId = location.pathname;
  var STAGE = { w: 1280, h: 720 }; // presenter previews: the audience window's size once it reports it
  var MIN_FIT = 0.55;

  var counter = document.querySelector("[data-deck-counter]");
  var counterTemplate = (counter && counter.getAttribute("data-template")) || "{n} / {total}";
  var progress = document.querySelector("[data-deck-progress] > span");
  var presenterButton = document.querySelector('[data-deck-action="presenter"]');
  var presenterLabel = presenterButton ? presenterButton.getAttribute("aria-label") : "Presenter view";
  var fullscreenButton = document.querySelector('[data-deck-action="fullscreen"]');
  var baseTitle = document.title;

  var current = -1;
  var partner = presenter ? window.opener || null : null;
  var suppressClickUntil = 0;

  /* ---------- helpers ---------- */

  function isRtl() {
    return window.getComputedStyle(deck).direction === "rtl";
  }

  function format(n) {
    return counterTemplate.replace("{n}", String(n)).replace("{total}", String(total));
  }

  function clamp(index) {
    return Math.max(0, Math.min(total - 1, index));
  }

  function isEditable(el) {
    return !!(el && el.closest && el.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])"));
  }

  function isInteractive(el) {
    return !!(el && el.closest && el.closest("a[href], button, input, select, textarea, summary, label, [contenteditable]:not([contenteditable=false]), [role=button], [role=link]"));
  }

  function stripIds(node) {
    if (node.nodeType !== 1) return node;
    node.removeAttribute("id");
    Array.prototype.forEach.call(node.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    return node;
  }

  function indexFromHash() {
    var hash = location.hash;
    var match = /^#slide-(\d+)$/.exec(hash);
    if (match) return clamp(parseInt(match[1], 10) - 1);
    if (hash.length < 2) return null;
    // An id inside the deck (a section heading): open the slide that holds it.
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var target = document.getElementById(id);
    var slide = target && target.closest(".mahfooz-slide");
    var index = slides.indexOf(slide);
    return index >= 0 ? index : null;
  }

  function setHash(index) {
    var hash = "#slide-" + (index + 1);
    if (location.hash === hash) return;
    try {
      history.replaceState(history.state, "", hash);
    } catch (e) {
      location.replace(hash);
    }
  }

  /* ---------- fitting a slide to its box ---------- */

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1;
  }

  // Shrink the type of a slide that does not fit (down to MIN_FIT); a slide that still overflows scrolls.
  function fit(slide) {
    if (!slide || slide.hidden || !slide.isConnected) return;
    var scale = 1;
    slide.style.setProperty("--deck-fit", "1");
    while (scale > MIN_FIT && overflows(slide)) {
      scale = Math.round((scale - 0.05) * 100) / 100;
      slide.style.setProperty("--deck-fit", String(scale));
    }
    // Still too long: it scrolls, so it must be reachable from the keyboard too.
    if (overflows(slide)) slide.setAttribute("tabindex", "0");
    else slide.removeAttribute("tabindex");
  }

  // Presenter view: a slide drawn at the audience's size, scaled down to fit its pane.
  function place(slide, pane) {
    if (!slide || !pane) return;
    pane.style.setProperty("--deck-vw", STAGE.w / 100 + "px");
    pane.style.setProperty("--deck-vh", STAGE.h / 100 + "px");
    var w = pane.clientWidth - 6; // room for the slide's outline
    var h = pane.clientHeight - 6;
    if (w <= 0 || h <= 0) return;
    fit(slide);
    var s = Math.min(w / STAGE.w, h / STAGE.h);
    var x = 3 + (w - STAGE.w * s) / 2;
    var y = 3 + (h - STAGE.h * s) / 2;
    slide.style.transform = "translate(" + x.toFixed(1) + "px, " + y.toFixed(1) + "px) scale(" + s.toFixed(4) + ")";
  }

  var layoutPending = false;
  function layout() {
    if (layoutPending) return;
    layoutPending = true;
    window.requestAnimationFrame(function () {
      layoutPending = false;
      var slide = slides[current];
      if (presenter) {
        place(slide, deck);
        var preview = nextPane && nextPane.firstElementChild;
        if (preview) place(preview, nextPane);
      } else {
        fit(slide);
      }
    });
  }

  /* ---------- moving ---------- */

  function go(index, options) {
    var opts = options || {};
    index = clamp(index);
    var moved = index !== current;
    if (moved) {
      if (current >= 0) {
        slides[current].hidden = true;
        slides[current].style.removeProperty("transform");
      }
      slides[index].hidden = false;
      current = index;
      // The audience window scrolls nothing else: bring an overflowing slide back to its top.
      slides[index].scrollTop = 0;
    }
    var text = format(index + 1);
    if (counter && counter.textContent !== text) counter.textContent = text;
    document.title = (presenter ? presenterLabel + " · " : "") + text + " · " + baseTitle;
    root.classList.toggle("mahfooz-on-title", slides[index].classList.contains("mahfooz-slide--title"));
    Array.prototype.forEach.call(document.querySelectorAll('[data-deck-action="previous"]'), function (b) {
      b.setAttribute("aria-disabled", String(index === 0));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-deck-action="next"]'), function (b) {
      b.setAttribute("aria-disabled", String(index === total - 1));
    });
    if (progress) progress.style.transform = "scaleX(" + ((index + 1) / total).toFixed(4) + ")";
    setHash(index);
    if (presenter && moved) renderPresenter();
    layout();
    if (!opts.silent && !opts.fromPartner) send();
  }

  function next() { go(current + 1); }
  function previous() { go(current - 1); }

  /* ---------- presenter view and sync ---------- */

  var nextPane = document.querySelector("[data-deck-next-pane]");
  var endNote = document.querySelector("[data-deck-end]");
  var notesBox = document.querySelector("[data-deck-notes]");
  var noNotes = document.querySelector("[data-deck-no-notes]");
  var clock = document.querySelector("[data-deck-clock]");
  var clockStart = Date.now();
  var CLOCK_KEY = "mahfooz-deck-clock:" + deckId;

  function renderPresenter() {
    if (nextPane) {
      nextPane.textContent = "";
      var upcoming = slides[current + 1];
      if (upcoming) {
        var copy = stripIds(upcoming.cloneNode(true));
        Array.prototype.forEach.call(copy.querySelectorAll(".mahfooz-notes"), function (n) { n.remove(); });
        copy.hidden = false;
        copy.removeAttribute("style");
        copy.setAttribute("aria-hidden", "true");
        copy.inert = true;
        nextPane.appendChild(copy);
      }
      if (endNote) endNote.hidden = !!upcoming;
    }
    if (notesBox) {
      notesBox.textContent = "";
      var notes = slides[current].querySelector(".mahfooz-notes");
      if (notes) {
        Array.prototype.forEach.call(notes.childNodes, function (child) {
          notesBox.appendChild(stripIds(child.cloneNode(true)));
        });
      }
      if (noNotes) noNotes.hidden = !!(notes && notes.textContent.trim());
      notesBox.scrollTop = 0;
    }
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    if (!clock) return;
    var seconds = Math.max(0, Math.floor((Date.now() - clockStart) / 1000));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var text = h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
    if (clock.textContent !== text) clock.textContent = text;
  }

  function resetClock() {
    clockStart = Date.now();
    try { sessionStorage.setItem(CLOCK_KEY, String(clockStart)); } catch (e) { /* storage unavailable */ }
    tick();
  }

  function startClock() {
    try {
      var saved = Number(sessionStorage.getItem(CLOCK_KEY));
      if (saved > 0 && saved <= Date.now()) clockStart = saved;
      else sessionStorage.setItem(CLOCK_KEY, String(clockStart));
    } catch (e) { /* storage unavailable: the clock starts now */ }
    tick();
    window.setInterval(tick, 500);
  }

  function partnerAlive() {
    try { return !!(partner && !partner.closed); } catch (e) { return false; }
  }

  // The audience window is authoritative: it sends its slide and its size; the presenter only asks.
  function send(type) {
    if (!partnerAlive()) return;
    var message = { kind: MESSAGE, deck: deckId, type: type || "state", slide: current + 1 };
    if (!presenter) message.view = { w: window.innerWidth, h: window.innerHeight };
    try { partner.postMessage(message, "*"); } catch (e) { /* the partner went away */ }
  }

  function openedByMe(win) {
    try { return win.opener === window; } catch (e) { return false; }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.kind !== MESSAGE || data.deck !== deckId) return;
    var source = event.source;
    if (!source || source === window) return;
    if (source !== partner) {
      // After a reload the audience window has lost its reference: take back a presenter it opened.
      if (presenter || partnerAlive() || !openedByMe(source)) return;
      partner = source;
    }
    if (presenter && data.view && data.view.w > 0 && data.view.h > 0) {
      var ratio = data.view.h / data.view.w;
      var w = Math.max(640, Math.min(3840, Number(data.view.w)));
      var h = Math.round(w * Math.max(0.3, Math.min(1.5, ratio)));
      if (w !== STAGE.w || h !== STAGE.h) {
        STAGE.w = w;
        STAGE.h = h;
        layout();
      }
    }
    var slide = Number(data.slide);
    if ((data.type === "state") && slide >= 1 && slide <= total && Math.floor(slide) === slide) {
      go(slide - 1, { fromPartner: true });
    }
    // The audience answers every presenter message with its own state, so both windows always agree.
    if (!presenter) send();
  });

  function openPresenter() {
    if (presenter) return;
    if (partnerAlive()) {
      try { partner.focus(); } catch (e) { /* ignore */ }
      send();
      return;
    }
    var url = new URL(location.href);
    url.search = "?presenter";
    url.hash = "slide-" + (current + 1);
    var opened = null;
    try {
      opened = window.open(url.href, "mahfooz-presenter", "popup,width=1280,height=800");
    } catch (e) { opened = null; }
    if (opened) partner = opened;
  }

  /* ---------- full screen ---------- */

  var fullscreenEnabled = !!(document.fullscreenEnabled || document.webkitFullscreenEnabled);

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function ignore(promise) {
    if (promise && typeof promise.catch === "function") promise.catch(function () { /* refused */ });
  }

  function enterFullscreen() {
    if (!fullscreenEnabled || fullscreenElement()) return;
    try {
      if (root.requestFullscreen) ignore(root.requestFullscreen());
      else if (root.webkitRequestFullscreen) root.webkitRequestFullscreen();
    } catch (e) { /* refused */ }
  }

  function exitFullscreen() {
    if (!fullscreenElement()) return;
    try {
      if (document.exitFullscreen) ignore(document.exitFullscreen());
      else if (document.webkitExitFullscreen) document.webkitExitFullscreen();
    } catch (e) { /* already left */ }
  }

  function toggleFullscreen() {
    if (fullscreenElement()) exitFullscreen();
    else enterFullscreen();
  }

  function onFullscreenChange() {
    var on = !!fullscreenElement();
    root.classList.toggle("mahfooz-is-fullscreen", on);
    if (fullscreenButton) fullscreenButton.setAttribute("aria-pressed", String(on));
    layout();
  }

  /* ---------- actions and input ---------- */

  function run(action) {
    switch (action) {
      case "next": next(); break;
      case "previous": previous(); break;
      case "first": go(0); break;
      case "last": go(total - 1); break;
      case "fullscreen": toggleFullscreen(); break;
      case "presenter": openPresenter(); break;
      case "reset-clock": resetClock(); break;
      default: break;
    }
  }

  function letter(event, name) {
    var key = (event.key || "").toLowerCase();
    if (key === name) return true;
    // Another keyboard layout (Urdu, for instance): the key in the same place.
    return !/^[a-z]$/.test(key) && event.code === "Key" + name.toUpperCase();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    var target = event.target;
    if (isEditable(target)) return;
    var rtl = isRtl();
    var action = null;
    switch (event.key) {
      case "ArrowRight": action = rtl ? "previous" : "next"; break;
      case "ArrowLeft": action = rtl ? "next" : "previous"; break;
      case "ArrowDown": case "Down": case "PageDown": action = "next"; break;
      case "ArrowUp": case "Up": case "PageUp": action = "previous"; break;
      case " ": case "Spacebar":
        if (isInteractive(target)) return;
        action = event.shiftKey ? "previous" : "next";
        break;
      case "Enter":
        if (isInteractive(target)) return;
        action = "next";
        break;
      case "Home": action = "first"; break;
      case "End": action = "last"; break;
      case "Escape": case "Esc":
        if (fullscreenElement()) { exitFullscreen(); event.preventDefault(); }
        return;
      default:
        if (event.repeat || event.shiftKey) return;
        if (letter(event, "f")) action = "fullscreen";
        else if (letter(event, "p") && !presenter) action = "presenter";
    }
    if (!action) return;
    event.preventDefault();
    run(action);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-deck-action]");
    if (!button) return;
    event.preventDefault();
    // A pointer click leaves no focus behind: the toolbar can fade out in full screen, and Space/Enter
    // go on moving the slides. Keyboard activation (detail 0) keeps the focus where it is.
    if (event.detail > 0 && typeof button.blur === "function") button.blur();
    if (button.getAttribute("aria-disabled") === "true") return;
    run(button.getAttribute("data-deck-action"));
  });

  function onSlideClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (Date.now() < suppressClickUntil) return;
    if (isInteractive(event.target)) return;
    var selection = window.getSelection && window.getSelection();
    if (selection && !selection.isCollapsed && String(selection).trim()) return; // selecting text
    next();
  }
  deck.addEventListener("click", onSlideClick);
  if (presenter && nextPane) nextPane.addEventListener("click", onSlideClick);

  var touch = null;
  deck.addEventListener("touchstart", function (event) {
    if (event.touches.length !== 1) { touch = null; return; }
    touch = { x: event.touches[0].clientX, y: event.touches[0].clientY };
  }, { passive: true });
  deck.addEventListener("touchcancel", function () { touch = null; }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    if (!touch || !event.changedTouches.length) return;
    var dx = event.changedTouches[0].clientX - touch.x;
    var dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) < 50 || Math.abs(dx) < Math.abs(dy) * 1.5) return;
    suppressClickUntil = Date.now() + 600;
    // Swiping toward the start of the line (left in English, right in Urdu) moves on.
    var forward = isRtl() ? dx > 0 : dx < 0;
    if (forward) next();
    else previous();
  }, { passive: true });

  window.addEventListener("hashchange", function () {
    var index = indexFromHash();
    if (index !== null) go(index);
  });

  window.addEventListener("resize", function () {
    layout();
    if (!presenter) send();
  });
  document.addEventListener("fullscreenchange", onFullscreenChange);
  document.addEventListener("webkitfullscreenchange", onFullscreenChange);
  // Images and the Urdu font arrive after the first layout: fit the slide again.
  deck.addEventListener("load", function (event) {
    if (event.target && event.target.tagName === "IMG") layout();
  }, true);
  if (document.fonts) {
    if (document.fonts.ready) document.fonts.ready.then(layout, function () { /* ignore */ });
    if (document.fonts.addEventListener) document.fonts.addEventListener("loadingdone", layout);
  }

  /* ---------- start ---------- */

  slides.forEach(function (slide, i) {
    var first = slide.firstElementChild;
    if (first && first.tagName === "H1") slide.classList.add("mahfooz-slide--title");
    slide.hidden = true;
    slide.setAttribute("data-slide", String(i + 1));
  });
  root.classList.add("mahfooz-deck-ready");
  if (!fullscreenEnabled && fullscreenButton) fullscreenButton.hidden = true;

  if (presenter) {
    root.classList.add("mahfooz-presenter-mode");
    Array.prototype.forEach.call(document.querySelectorAll("[data-deck-presenter]"), function (el) { el.hidden = false; });
    if (presenterButton) presenterButton.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll("[data-deck-exit]"), function (el) { el.hidden = true; });
    startClock();
  }

  var start = indexFromHash();
  go(start === null ? 0 : start, { silent: true });
  if (presenter) send("hello");
})();
