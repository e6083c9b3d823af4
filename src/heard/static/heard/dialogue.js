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

  // Say it without blame: after "Check my words", move focus to the feedback under the button.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var trigger = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (target && target.id === "say-it-result" && trigger && trigger.hasAttribute("data-say-it-check")) {
      target.focus();
    }
  });

  // Drafts autosave while typing (htmx). When the tab closes or hides before the last save,
  // send what is there with a beacon, so nothing typed is lost. Not after a normal submit.
  var submitting = false;
  var PENDING = "heard-draft-pending:";
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
      data.append("beacon", "1");
      if (navigator.sendBeacon(area.getAttribute("data-draft-url"), data)) {
        area.setAttribute("data-saved", area.value);
        // A reload can ask for the page before the beacon is stored. Leave a note (never the
        // text) so the next page fetches the saved draft once it is there.
        try { sessionStorage.setItem(PENDING + area.getAttribute("data-draft-url"), "1"); } catch (e) { /* ignore */ }
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
  // beforeunload comes before a reload's request leaves, so the draft is saved before the
  // page is asked for again; pagehide and visibilitychange catch closed tabs and app switches.
  window.addEventListener("beforeunload", flushDrafts);

  // After such a reload: fetch the draft the beacon saved, unless the person already typed.
  function fetchPendingDraft(area, tries) {
    var url = area.getAttribute("data-draft-json");
    if (!url || !window.fetch) { return; }
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.status === 200 ? response.json() : null; })
      .then(function (draft) {
        var untouched = area.value === area.getAttribute("data-saved");
        if (draft && draft.text && untouched && draft.text !== area.value) {
          area.value = draft.text;
          area.setAttribute("data-saved", draft.text);
        } else if (tries > 0 && untouched) {
          setTimeout(function () { fetchPendingDraft(area, tries - 1); }, 400);
        }
      })
      .catch(function () { /* offline: the server keeps it for next time */ });
  }
  document.querySelectorAll("textarea[data-draft-url]").forEach(function (area) {
    var key = PENDING + area.getAttribute("data-draft-url");
    var pending = false;
    try { pending = sessionStorage.getItem(key) === "1"; sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
    if (pending) { fetchPendingDraft(area, 5); }
  });
  window.addEventListener("pagehide", flushDrafts);
})();
