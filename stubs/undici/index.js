// @actions/http-client imports undici's ProxyAgent when it loads, but only uses it in
// getAgentDispatcher(), which @actions/core never calls: its requests (the OIDC token's included) go
// through Node's http/https agents and `tunnel`. Bundling the real undici costs the action about 30 ms
// of start-up on every run (BENCHMARKS.md); package.json's "overrides" puts this stand-in in its place.
// Upstream: actions/toolkit#1560. If a future @actions/core starts to use it, this fails loudly.
export function ProxyAgent() {
  throw new Error(
    'undici is not bundled with this action (see stubs/undici/index.js): @actions/http-client asked for a ProxyAgent'
  )
}
