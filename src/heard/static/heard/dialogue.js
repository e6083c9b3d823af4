// The listening dialogue, practice and say-it pages. htmx does the talking to the server;
// this only adds what htmx can't: picking a feeling word, and keeping a draft on a closed tab.
(function () {
  "use strict";

  // Feeling words: a tap fills in the "How I feel" field (and the live check runs).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-feeling]");
    if (!button) { return; }
    var field = document.getElementById("id_feeling");
    if (!field) { return; }
    field.value = button.getAttribute("data-feeling");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  });

  // Drafts autosave while typing (htmx). When the tab closes or hides before the last save,
  // send what is there with a beacon, so nothing typed is lost. Not after a normal submit.
  var submitting = false;
  document.addEventListener("submit", function () { submitting = true; });

  function flushDrafts() {
    if (submitting || !navigator.sendBeacon) { return; }
    document.querySelectorAll("textarea[data-draft-url]").forEach(function (area) {
      if (area.value === area.getAttribute("data-saved")) { return; }
      var form = area.closest("form");
      var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
      if (!token) { return; }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token.value);
      data.append("text", area.value);
      if (navigator.sendBeacon(area.getAttribute("data-draft-url"), data)) {
        area.setAttribute("data-saved", area.value);
      }
    });
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var area = event.detail && event.detail.elt;
    if (area && area.matches && area.matches("textarea[data-draft-url]") && event.detail.successful) {
      area.setAttribute("data-saved", area.value);
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flushDrafts(); }
  });
  window.addEventListener("pagehide", flushDrafts);
})();
