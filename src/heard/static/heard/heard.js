// Heard's only script besides htmx. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back does not return here.
  // The link goes to /exit/, which ends the session and sets a "left" cookie on the way out.
  function quickExit(url) {
    try { document.body.textContent = ""; document.title = ""; sessionStorage.clear(); } catch (e) { /* ignore */ }
    window.location.replace(url);
  }

  // After a quick exit, Back (or Forward) into Heard leaves again at once. Coming back on
  // purpose (a link, the address bar) clears the cookie and Heard works as usual.
  var left = /(?:^|; )heard_left=1/.test(document.cookie);
  if (left) {
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var exitLink = document.querySelector("[data-quick-exit]");
    if (nav && nav.type === "back_forward" && exitLink) {
      quickExit(exitLink.getAttribute("href"));
      return;
    }
    document.cookie = "heard_left=; Max-Age=0; path=/; SameSite=Lax";
  }
  window.addEventListener("pageshow", function (event) {
    // A page restored from the back/forward cache after a quick exit leaves too.
    if (event.persisted && /(?:^|; )heard_left=1/.test(document.cookie)) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { quickExit(link.getAttribute("href")); }
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) { return; }
    event.preventDefault();
    quickExit(link.getAttribute("href"));
  });

  // Pressing Escape twice within a second also exits.
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 1000) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) { quickExit(link.getAttribute("href")); }
    }
    lastEscape = now;
  });

  // Copy buttons: <button data-copy="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(source.value || source.textContent || "").then(function () {
      var old = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = old; }, 1500);
    });
  });
})();
