// Starts Swagger UI (copied to /api-docs/ by the web build, see web/vite.config.ts) on the
// OpenAPI document of this deployment. Kept out of the page so the CSP needs no inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
