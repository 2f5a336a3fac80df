/* Starts Swagger UI on the API documentation page. The settings come from a data
   attribute (escaped by the template like any other value), so the page needs no
   inline script and no unescaped output. */
const pageData = document.body.dataset;
const config = JSON.parse(pageData.swaggerSettings);
config.dom_id = "#swagger-ui";
config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
if (pageData.apiCsrf && pageData.csrfToken) {
  config.requestInterceptor = (request) => {
    request.headers["X-CSRFToken"] = pageData.csrfToken;
    return request;
  };
}
SwaggerUIBundle(config);
