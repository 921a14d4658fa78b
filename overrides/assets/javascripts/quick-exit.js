/* Quick exit: the header's button, or Esc pressed twice within a second, leaves for a neutral page.
   location.replace() swaps this page's history entry for the neutral page, so Back does not return here.
   The page is hidden first, so nothing of it stays on screen while the neutral page loads.
   Esc counts inside form fields too: a reader typing in search when someone walks in must still get out.
   The first Esc still does its usual job (Material closes search); only a second one within a second
   leaves. Esc that ends an input method's composition is not counted. Plain ES5, no dependencies. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;
  var WINDOW_MS = 1000;
  var lastEscape = -Infinity;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    location.replace(link.href);
  }

  link.addEventListener("click", leave);
  // Capture on window: runs before any handler on the page can stop the key from reaching us.
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (event.isComposing) return;
    var now = Date.now();
    if (now - lastEscape <= WINDOW_MS) leave(null);
    else lastEscape = now;
  }, true);
})();
