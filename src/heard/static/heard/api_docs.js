// /api/v1/docs: start the vendored swagger-ui (no inline script; the CSP forbids it).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) { return; }
  var token = root.getAttribute("data-csrf-token");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // Session requests need the CSRF token on unsafe methods, as in the web app.
    requestInterceptor: function (request) {
      if (token) { request.headers["X-CSRFToken"] = token; }
      return request;
    }
  });
})();
