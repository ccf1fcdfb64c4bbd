/* The API documentation page (templates/ninja/swagger.html): Swagger UI from django-ninja's bundled
   static files, configured from the data attributes (no inline script: Content Security Policy). */
(function () {
  "use strict";
  var box = document.getElementById("swagger-ui");
  if (!box || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var config = JSON.parse(box.dataset.swaggerSettings);
  var csrfToken = box.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [window.SwaggerUIBundle.presets.apis];
  if (csrfToken) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrfToken;
      return request;
    };
  }
  window.SwaggerUIBundle(config);
}());
