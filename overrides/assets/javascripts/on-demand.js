/* Loads what a page needs only when a reader asks for it, so a first visit downloads none of it.
   Today that is search: search.js (the dialog's logic) and, after it, the index are fetched when the
   reader opens the search (the header's search button, a tap or focus on the box, or "/", "s" or "f"), not before.
   A <script> element, not fetch: it works from file:// in the offline copy and under script-src 'self'. */
(function () {
  "use strict";
  var self = document.currentScript;
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-mahfooz-search] input");
  var button = document.querySelector(".mahfooz-search-button");
  if (!self || !toggle || !input) return;
  var loaded = false;

  function open() {
    if (!toggle.checked) toggle.click();
    if (document.activeElement !== input) input.focus();  // at once: typing while search.js loads lands here
    load();
  }

  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = self.getAttribute("data-search");
    document.head.appendChild(script);
  }

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  toggle.addEventListener("change", function () { if (toggle.checked && !loaded) open(); });
  // On wide screens the box sits in the header: focusing or typing in it opens the results, as search.js does.
  input.addEventListener("focus", function () { if (!loaded) open(); });
  input.addEventListener("input", function () { if (!loaded) open(); });
  if (button) button.addEventListener("click", function () { if (!loaded) open(); });
  document.addEventListener("keydown", function (event) {
    if (loaded || event.ctrlKey || event.metaKey || event.altKey || editable(document.activeElement)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  }, true);
})();
