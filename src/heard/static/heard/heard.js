// Heard's script besides htmx and exit-guard.js. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";

  // Quick exit: leave at once and replace this page in the history, so Back does not return here.
  // The link goes to /exit/, which ends the session and sets a "left" cookie on the way out.
  function quickExit(url) {
    try { document.body.textContent = ""; document.title = ""; sessionStorage.clear(); } catch (e) { /* ignore */ }
    window.location.replace(url);
  }

  // Back into Heard after a quick exit is sent out again by exit-guard.js, in the head.

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

  // Length limits: fields carry data-limit, never maxlength (a browser cuts a paste at maxlength
  // without a word). A live counter shows near and over the limit; nothing is ever cut.
  function countFor(field) {
    var id = field.id + "-count";
    var counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement("p");
      counter.id = id;
      counter.className = "small char-count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return counter;
  }
  function updateCount(field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit || !field.id) { return; }
    var length = field.value.length;
    if (length < limit * 0.8 && !document.getElementById(field.id + "-count")) { return; }
    var counter = countFor(field);
    var over = length - limit;
    counter.classList.toggle("over", over > 0);
    if (over > 0) {
      counter.textContent = length + " of " + limit + " characters: " + over + " over. Nothing is cut; shorten it a little before you send.";
      field.setAttribute("aria-invalid", "true");
    } else {
      counter.textContent = length + " of " + limit + " characters.";
      if (!field.closest(".field") || !field.closest(".field").querySelector(".errorlist")) { field.removeAttribute("aria-invalid"); }
    }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-limit]")) { updateCount(event.target); }
  });
  document.querySelectorAll("[data-limit]").forEach(updateCount);
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.detail && event.detail.elt;
    if (root && root.querySelectorAll) { root.querySelectorAll("[data-limit]").forEach(updateCount); }
  });

  // Installable and offline-friendly: the service worker keeps only static files (see sw.js).
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () { /* fine without it */ });
    });
  }

  // Time zone and country: suggestions from the browser's own list of zones (no 37 KB select),
  // and on sign-up, defaults from this device that the person can change.
  function zones() {
    try { return Intl.supportedValuesOf("timeZone"); } catch (e) { return []; }
  }
  document.querySelectorAll("input[data-time-zone]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (list && !list.options.length) {
      var fragment = document.createDocumentFragment();
      zones().forEach(function (zone) {
        var option = document.createElement("option");
        option.value = zone;
        fragment.appendChild(option);
      });
      list.appendChild(fragment);
    }
    if (input.hasAttribute("data-detect") && (input.value === "" || input.value === "UTC")) {
      try {
        var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (here) { input.value = here; }
      } catch (e) { /* keep UTC */ }
    }
  });
  document.querySelectorAll("select[data-detect-country]").forEach(function (select) {
    var tag = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    var region = (tag.split("-")[1] || "").toUpperCase();
    if (region === "UK") { region = "GB"; }
    var eu = (select.getAttribute("data-eu") || "").split(" ");
    var values = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (region && values.indexOf(region) >= 0) { select.value = region; }
    else if (region && eu.indexOf(region) >= 0) { select.value = "EU"; }
    else if (region) { select.value = "OTHER"; }
  });

  // Print buttons: <button data-print> (session prep has a print stylesheet).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
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
