// Heard's service worker, served at /sw.js. It keeps only the app shell and static files
// (styles, scripts, icons, the offline page), never a page with anyone's words on it: pages and
// the API always come from the network, and when there is none the offline page is shown.
"use strict";

var VERSION = "heard-static-v1";
var OFFLINE = "/static/heard/offline.html";
// Filled in by the /sw.js view from HEARD_QUICK_EXIT_URL: Quick exit leaves even when offline.
var QUICK_EXIT_URL = "__QUICK_EXIT_URL__";
var SHELL = [
  OFFLINE,
  "/static/heard/heard.css",
  "/static/heard/heard.js",
  "/static/heard/exit-guard.js",
  "/static/heard/htmx.min.js",
  "/static/heard/checkup.css",
  "/static/heard/checkup.js",
  "/static/heard/dialogue.css",
  "/static/heard/dialogue.js",
  "/static/heard/icon.svg",
  "/static/heard/icon-192.png",
  "/static/heard/icon-512.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(VERSION).then(function (cache) { return cache.addAll(SHELL); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== VERSION; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.indexOf("/static/") === 0;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (request.mode === "navigate" && url.pathname === "/exit/") {
    event.respondWith(fetch(request).catch(function () { return Response.redirect(QUICK_EXIT_URL, 302); }));
    return;
  }
  if (request.mode === "navigate") {
    // Pages: network only (they are private and never stored); offline, the offline page.
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE); }));
    return;
  }
  if (isStatic(url)) {
    // Static files: from the cache, refreshed in the background.
    event.respondWith(
      caches.open(VERSION).then(function (cache) {
        return cache.match(request).then(function (hit) {
          var fresh = fetch(request).then(function (response) {
            if (response.ok) { cache.put(request, response.clone()); }
            return response;
          });
          return hit || fresh;
        });
      })
    );
  }
  // Everything else (the API, htmx requests): straight to the network, never stored.
});
