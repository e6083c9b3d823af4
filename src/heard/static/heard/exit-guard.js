// Runs first, in the head, before any of the page is shown (not deferred; tiny on purpose).
// After a Quick exit, Back (or Forward, or a page restored from the back/forward cache) into
// Heard leaves again at once, so no Heard page is one step back. Coming back on purpose (a link,
// the address bar) clears the "left" cookie and Heard works as usual.
(function () {
  "use strict";
  var script = document.currentScript;
  var exitUrl = (script && script.getAttribute("data-exit")) || "/exit/";
  function hasLeft() { return /(?:^|; )heard_left=1/.test(document.cookie); }
  function leave() {
    try { sessionStorage.clear(); } catch (e) { /* ignore */ }
    document.documentElement.style.visibility = "hidden";
    window.location.replace(exitUrl);
  }
  if (hasLeft()) {
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    if (nav && nav.type === "back_forward") {
      leave();
      return;
    }
    document.cookie = "heard_left=; Max-Age=0; path=/; SameSite=Lax";
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && hasLeft()) { leave(); }
  });
})();
