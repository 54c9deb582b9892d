// The stand-in for undici: see index.js for why. Constructing a ProxyAgent works (@actions/github does
// when it loads with a proxy set); using one, or fetch, throws.
function fail(what) {
  throw new Error(
    `undici is not bundled with this action (see stubs/undici/index.js): something used ${what}`
  )
}

function ProxyAgent() {
  return new Proxy(
    {},
    {
      get: (_, property) => fail(`undici's ProxyAgent (.${String(property)})`),
      set: () => fail("undici's ProxyAgent")
    }
  )
}

function fetch() {
  return fail("undici's fetch")
}

module.exports = { ProxyAgent, fetch }
