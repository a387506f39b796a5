// Starts Swagger UI on this server's OpenAPI schema. A file rather than an inline <script> so that the
// Content-Security-Policy can forbid inline scripts everywhere, /docs included.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  validatorUrl: null, // never ask validator.swagger.io about our schema: nothing leaves this server
});
