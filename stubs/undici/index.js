// @actions/http-client imports undici's ProxyAgent, and @actions/github imports its fetch, but only
// http-client's getAgentDispatcher() and the fetch of getOctokit() ever use them; this action calls
// neither. Its requests (the OIDC token's included) go through Node's http/https agents and `tunnel`, and
// it takes only `context` from @actions/github. Bundling the real undici costs every run start-up time
// (BENCHMARKS.md), so package.json's "overrides" puts this stand-in in its place.
//
// @actions/github builds its default Octokit options when it loads, and with a proxy variable set that
// constructs a ProxyAgent (getProxyFetch): constructing one must work. Using it, or fetch, fails loudly.
// __tests__/stubs/undici.test.ts fails when a code path the action uses could reach undici.
// Upstream: actions/toolkit#1560.
// One implementation, in index.cjs (a CommonJS @actions/http-client inside @actions/github require()s it).
import stub from './index.cjs'

export const { ProxyAgent, fetch } = stub
