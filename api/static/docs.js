// Starts Swagger UI on the API docs page (kept out of the HTML so the page's
// Content-Security-Policy can forbid inline scripts).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
