// Heard's only script besides htmx. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back does not return here.
  function quickExit(url) {
    try { document.body.textContent = ""; document.title = ""; } catch (e) { /* ignore */ }
    window.location.replace(url);
  }

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
