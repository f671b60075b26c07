// Starts Swagger UI (copied to /api-docs/ by the web build, see web/vite.config.ts) on the
// OpenAPI document of this deployment. Kept out of the page so the CSP needs no inline script.
// The plugin below changes two of Swagger UI's components so the page passes axe-core's checks
// (e2e/routes-public.e2e.ts) without forking swagger-ui-dist; colours are in web/api-docs/evolve.css.

/**
 * - Each operation's summary is one button; Swagger UI puts the operation's deep link (an <a>)
 *   inside it, a control inside a control (axe nested-interactive). The path is rendered as text
 *   instead: the button still opens the operation and, with deepLinking on, the address still
 *   follows the opened operation (Swagger UI's deep-linking plugin sets it when one is shown).
 * - The servers picker's <select> has no name (axe select-name): its title "Servers" becomes the
 *   select's <label>.
 * - A parameter's input or <select> (an enum) inside an opened operation has no name either: it is
 *   wrapped in a <label> whose visually hidden text is the parameter's description (Swagger UI
 *   passes "name - description" or the name).
 */
function EvolveAccessibility(system) {
  var h = system.React.createElement;
  return {
    wrapComponents: {
      JsonSchema_string: function (Original) {
        return function LabelledJsonSchemaString(props) {
          if (!props.description) return h(Original, props);
          return h("label", { className: "evolve-parameter-input" }, h("span", { className: "evolve-visually-hidden" }, props.description), h(Original, props));
        };
      },
      OperationSummaryPath: function (Original) {
        return function OperationSummaryPathAsText(props) {
          var operationProps = props.operationProps && props.operationProps.set("isDeepLinkingEnabled", false);
          return h(Original, Object.assign({}, props, { operationProps: operationProps }));
        };
      },
    },
    components: {
      ServersContainer: function LabelledServersContainer(props) {
        var servers = props.specSelectors.servers();
        if (!servers || !servers.size) return null;
        var Servers = props.getComponent("Servers");
        return h(
          "div",
          null,
          h("label", { className: "servers-title", htmlFor: "servers" }, "Servers"),
          h(Servers, {
            servers: servers,
            currentServer: props.oas3Selectors.selectedServer(),
            setSelectedServer: props.oas3Actions.setSelectedServer,
            setServerVariableValue: props.oas3Actions.setServerVariableValue,
            getServerVariable: props.oas3Selectors.serverVariableValue,
            getEffectiveServerValue: props.oas3Selectors.serverEffectiveValue,
          }),
        );
      },
    },
  };
}

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
    plugins: [EvolveAccessibility],
    // Example bodies: the default theme (agate) draws strings at 3.6:1 on its background; obsidian's colours pass 4.5:1.
    syntaxHighlight: { activated: true, theme: "obsidian" },
  });
});
