export const id = 916;
export const ids = [916];
export const modules = {

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony exports WaitTimeoutError, NotFoundError, asSentence, attempt */
/**
 * An error the user fixes by changing something: an input, a permission, a setting.
 * Its message names what to change and is shown as a clean ::error:: annotation, without a stack trace.
 */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** The wait deadline passed. The invalidation exists and goes on; only waiting stopped. */
class WaitTimeoutError extends UserError {
    constructor(message) {
        super(message);
        this.name = 'WaitTimeoutError';
    }
}
/** CloudFront has no such distribution (NoSuchDistribution): a typo, another account, or a multi-tenant one. */
class NotFoundError extends UserError {
    constructor(message) {
        super(message);
        this.name = 'NotFoundError';
    }
}
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    // An Error of another realm (a vm context, as under jest) is no instance of this one's Error.
    const message = error?.message;
    return typeof message === 'string' ? message : String(error);
}
/** The text as a sentence, ending with a full stop, so that another can follow it. */
function asSentence(text) {
    return /[.!?)]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
/** What `work` returns, or undefined when it threw, after `failed` failed the step for it. */
function attempt(work, failed) {
    try {
        return work();
    }
    catch (error) {
        failed(error);
        return undefined;
    }
}


/***/ }),

/***/ 1599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsRunner: () => (/* binding */ actionsRunner),
/* harmony export */   fail: () => (/* binding */ fail),
/* harmony export */   logDetail: () => (/* binding */ logDetail),
/* harmony export */   mayHoldCommand: () => (/* binding */ mayHoldCommand),
/* harmony export */   plainText: () => (/* binding */ plainText)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6421);
/* harmony import */ var _node_modules_actions_github_lib_context_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7157);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1922);
/**
 * The runner seam: everything the step says to or asks of the GitHub runner goes through one small
 * interface, built once in each action's index.ts from @actions/core and @actions/github and faked in
 * unit tests (__fixtures__/runner.ts).
 */


// @actions/github's Context, from its own module: the package's entry point also loads Octokit, which the
// action never uses, and that measured 140 KiB and about 6 ms more start-up (BENCHMARKS.md).


/**
 * True when the runner could read a line of `text` as a workflow command: one that starts with `::`
 * (after blanks), or a legacy `##[` command anywhere in the line (actions/runner, ActionCommand.cs).
 */
function mayHoldCommand(text) {
    return text.includes('##[') || /(^|[\r\n])[^\S\r\n]*::/.test(text);
}
/**
 * Prints text as plain log text. Text that could hold a workflow command is printed between
 * `::stop-commands::<token>` and `::<token>::`, the toolkit's way to print what must not be obeyed; the
 * token is random (and masked by the runner), so the text cannot end the pause itself.
 */
function plainText(message, write) {
    if (!mayHoldCommand(message)) {
        write(message);
        return;
    }
    const token = `cfi-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex')}`;
    write(`::stop-commands::${token}`);
    write(message);
    write(`::${token}::`);
}
/** Unexpected errors keep their stack, but only in the debug log: the annotation stays one clear line. */
function logDetail(runner, error) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo && !(error.cause instanceof Error))
        return;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : '';
    runner.debug(detail + cause);
}
/** How both actions end on an error: one clear ::error:: line, the detail in the debug log. */
function fail(runner, error) {
    logDetail(runner, error);
    runner.setFailed((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error));
}
/** The run context from @actions/github's `context` (GitHub Enterprise Server's URL included). */
function runContextOf(context) {
    let repository = '';
    try {
        // context.repo throws outside a repository (no GITHUB_REPOSITORY, no event payload).
        const { owner, repo } = context.repo;
        repository = `${owner}/${repo}`;
    }
    catch {
        repository = '';
    }
    return {
        repository,
        runId: Number.isFinite(context.runId) ? String(context.runId) : 'local',
        runAttempt: Number.isFinite(context.runAttempt) ? String(context.runAttempt) : '1',
        job: context.job ?? '',
        step: context.action ?? '',
        serverUrl: context.serverUrl.replace(/\/+$/, '')
    };
}
/** The real runner: @actions/core for commands and files, @actions/github for the run context. */
function actionsRunner() {
    return {
        getInput: name => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .getInput */ .V4(name),
        info: message => {
            plainText(message, line => {
                _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(line);
            });
        },
        debug: message => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(message);
        },
        notice: message => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .notice */ .lm(message);
        },
        warning: message => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(message);
        },
        error: message => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .error */ .z3(message);
        },
        startGroup: title => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .startGroup */ .Oh(title);
        },
        endGroup: () => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .endGroup */ .N4();
        },
        setOutput,
        setSecret: secret => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(secret);
        },
        setFailed: message => {
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setFailed */ .C1(message);
        },
        getIDToken: audience => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .getIDToken */ .V9(audience),
        appendSummary,
        env: process.env,
        context: runContextOf(new _node_modules_actions_github_lib_context_js__WEBPACK_IMPORTED_MODULE_2__/* .Context */ .o())
    };
}
function setOutput(name, value) {
    try {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setOutput */ .uH(name, value);
    }
    catch (error) {
        throw new Error(`Could not write the output ${name} to the runner's GITHUB_OUTPUT file (${process.env.GITHUB_OUTPUT ?? 'unset'}): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`, { cause: error });
    }
}
async function appendSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .summary */ .z.addRaw(markdown).write();
    }
    catch (error) {
        throw new Error(`GITHUB_STEP_SUMMARY (${process.env.GITHUB_STEP_SUMMARY}): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`, {
            cause: error
        });
    }
    finally {
        // What was not written is not kept for a later write.
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .summary */ .z.emptyBuffer();
    }
}


/***/ }),

/***/ 654:
/***/ ((module) => {

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


/***/ }),

/***/ 7278:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ ProxyAgent)
/* harmony export */ });
/* unused harmony export fetch */
/* harmony import */ var _index_cjs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(654);
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


const { ProxyAgent, fetch } = _index_cjs__WEBPACK_IMPORTED_MODULE_0__


/***/ })

};
