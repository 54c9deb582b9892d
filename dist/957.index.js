export const id = 957;
export const ids = [957];
export const modules = {

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ attempt),
/* harmony export */   Do: () => (/* binding */ WaitTimeoutError),
/* harmony export */   KG: () => (/* binding */ asSentence),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   m_: () => (/* binding */ NotFoundError),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
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

/***/ 5783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/common/clock.ts + 1 modules
var common_clock = __webpack_require__(8274);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
;// CONCATENATED MODULE: ./src/common/http.ts



/**
 * Reads the proxy variables the way Node 24 does (lib/internal/http.js, parseProxyUrl): for https: URLs
 * `https_proxy`, then `HTTPS_PROXY`; for http: URLs `http_proxy`, then `HTTP_PROXY` (lower case wins);
 * `no_proxy`, then `NO_PROXY`. Node ignores, silently, a value without http:// or https://, so a value
 * without any scheme (`127.0.0.1:3128`, as curl accepts it) is read as http://; any other scheme, or a
 * value that is no URL, fails here, naming the variable, before any AWS call.
 */
function readProxySettings(env) {
    const pick = (names) => {
        const variable = names.find(name => env[name]);
        return variable === undefined ? undefined : { variable, value: env[variable] };
    };
    const proxy = (names) => {
        const found = pick(names);
        if (!found)
            return undefined;
        return { variable: found.variable, url: proxyUrl(found.variable, found.value) };
    };
    const https = proxy(['https_proxy', 'HTTPS_PROXY']);
    const http = proxy(['http_proxy', 'HTTP_PROXY']);
    const noProxy = pick(['no_proxy', 'NO_PROXY']);
    return {
        ...(https ? { https } : {}),
        ...(http ? { http } : {}),
        ...(noProxy ? { noProxy: { variable: noProxy.variable, url: noProxy.value } } : {})
    };
}
function proxyUrl(variable, raw) {
    const value = raw.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url;
    try {
        url = /[\r\n]/.test(value) ? undefined : new URL(withScheme);
    }
    catch {
        url = undefined;
    }
    if (!url || !url.hostname) {
        throw new errors/* UserError */.yo(`${variable}: the proxy is not a URL Node can use. Set it to http://host:port (for example http://proxy.internal:3128), or unset it.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* UserError */.yo(`${variable}: ${url.protocol.slice(0, -1)} proxies are not supported; Node, which runs this action, sends requests only through http:// or https:// proxies. Set ${variable} to an http:// proxy, or unset it.`);
    }
    return withScheme;
}
/** Node's NO_PROXY matching (lib/internal/http.js, ProxyConfig.shouldUseProxy), IPv4 ranges included. */
function bypassesProxy(noProxy, hostname, port) {
    const host = hostname.toLowerCase();
    const hostWithPort = port ? `${host}:${port}` : host;
    for (const raw of noProxy.split(',')) {
        const entry = raw.trim().toLowerCase();
        if (entry === '*' || entry === host || entry === hostWithPort)
            return true;
        if (entry.startsWith('.')) {
            const suffix = entry.slice(1);
            if (host === suffix || (host.endsWith(suffix) && host[host.length - suffix.length - 1] === '.'))
                return true;
        }
        if (entry.startsWith('*.') && host.endsWith(entry.slice(1)))
            return true;
        const [start, end] = entry.split('-').map(part => part.trim());
        if (start && end && [host, start, end].every(isIPv4)) {
            const value = ipv4(host);
            if (value >= ipv4(start) && value <= ipv4(end))
                return true;
        }
    }
    return false;
}
function isIPv4(text) {
    return (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every(n => Number(n) < 256));
}
function ipv4(text) {
    return text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}
/** The proxy a request to `endpoint` goes through, or undefined when it goes direct. */
function proxyFor(proxy, endpoint) {
    const choice = endpoint.protocol === 'https:' ? proxy.https : endpoint.protocol === 'http:' ? proxy.http : undefined;
    if (!choice)
        return undefined;
    // URL drops a scheme's default port: Node compares host:port with the port as given.
    if (proxy.noProxy &&
        bypassesProxy(proxy.noProxy.url, endpoint.hostname.replace(/^\[|\]$/g, ''), endpoint.port))
        return undefined;
    return choice;
}
/** Node 24.5 added the agents' proxyEnv option; older versions ignore it without a word. */
function supportsProxyEnv(nodeVersion) {
    const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
    return major > 24 || (major === 24 && minor >= 5);
}
/**
 * Options for the AWS SDK's Node HTTP handler, shared by every client of the action: timeouts per
 * attempt (the step's deadline bounds the whole call), and the proxy of a self-hosted runner. The SDK
 * ignores the proxy variables by itself; Node 24's agents honour them through `proxyEnv`, given here as
 * this module read them (so that what the log says is what Node does), and no proxy library is bundled.
 */
function requestHandlerOptions(proxy = {}) {
    // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes, and waits on.
    const timeouts = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true };
    if (!proxy.https && !proxy.http)
        return timeouts;
    const proxyEnv = {
        ...(proxy.https ? { HTTPS_PROXY: proxy.https.url } : {}),
        ...(proxy.http ? { HTTP_PROXY: proxy.http.url } : {}),
        ...(proxy.noProxy ? { NO_PROXY: proxy.noProxy.url } : {})
    };
    return {
        ...timeouts,
        httpAgent: new external_node_http_.Agent({ keepAlive: true, proxyEnv }),
        httpsAgent: new external_node_https_.Agent({ keepAlive: true, proxyEnv })
    };
}
/**
 * What the log says about the proxy, for each AWS endpoint the step calls; nothing when no proxy variable
 * is set. Says "through the proxy" only for requests Node will send through it.
 */
function describeProxy(proxy, endpoints, nodeVersion = process.versions.node) {
    if (!proxy.https && !proxy.http)
        return [];
    if (!supportsProxyEnv(nodeVersion)) {
        return [
            {
                warning: true,
                message: `A proxy is set (${[proxy.https?.variable, proxy.http?.variable].filter(Boolean).join(', ')}), but Node ${nodeVersion} ignores it: proxy support in Node's agents (proxyEnv) needs Node 24.5 or later, so AWS requests go direct. Update the runner (it brings its own Node 24), or allow direct access to AWS.`
            }
        ];
    }
    return endpoints.map(({ service, url }) => {
        const endpoint = new URL(url);
        const host = `${service} (${endpoint.host})`;
        const through = proxyFor(proxy, endpoint);
        if (through) {
            return {
                warning: false,
                message: `${host} is reached through the proxy ${withoutCredentials(through.url)} (${through.variable}).`
            };
        }
        if (proxy.noProxy && (endpoint.protocol === 'https:' ? proxy.https : proxy.http)) {
            return { warning: false, message: `${host} is reached directly: ${proxy.noProxy.variable} lists it.` };
        }
        const missing = endpoint.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
        return {
            warning: true,
            message: `${host} is reached directly: it is an ${endpoint.protocol.slice(0, -1)} endpoint and ${missing} is not set (${endpoint.protocol === 'https:' ? 'HTTP_PROXY only applies to http:// URLs' : 'HTTPS_PROXY only applies to https:// URLs'}). Set ${missing} to send it through the proxy.`
        };
    });
}
/** A proxy URL for the log: without any user:password it may carry. */
function withoutCredentials(raw) {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}`;
}

;// CONCATENATED MODULE: ./src/common/phase.ts
/**
 * What a step is doing now, by name (`signing in to AWS`), and what a cancel that cuts it short leaves:
 * the step's error says both.
 */
class Phase {
    now;
    left;
    constructor(now, 
    /** What a cancel leaves, when the step's error should say more than its usual sentence. */
    left) {
        this.now = now;
        this.left = left;
    }
    /** From here on the step is doing `now`, and a cancel leaves `left`. */
    enter(now, left) {
        this.now = now;
        this.left = left;
    }
    /**
     * `work`, with the phase named `now` until it succeeds, then back to what it was; a failure keeps the
     * name, so the error says where the step stopped.
     */
    async during(now, work) {
        const before = this.now;
        this.now = now;
        const done = await work;
        this.now = before;
        return done;
    }
}

// EXTERNAL MODULE: ./src/common/runner.ts
var common_runner = __webpack_require__(1599);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/inputs/decode.ts
/**
 * The text of a paths-file, from its bytes: UTF-8 (with or without a byte order mark), or UTF-16 LE or BE
 * with one, as Windows PowerShell 5.1 writes with `Out-File` and `>`. Anything else fails before anything
 * is sent, naming the line: a file misread as UTF-8 would send paths full of U+FFFD, silently.
 */

const SAVE_AS_UTF8 = 'Save it as UTF-8 (in PowerShell: Out-File -Encoding utf8, or Set-Content -Encoding utf8; in an editor: "Save with encoding" UTF-8).';
const NO_BOM_HINT = 'a UTF-16 file without a byte order mark, or a binary file, reads so';
function decodePathsFile(bytes, file, input = 'paths-file') {
    const [b0, b1, b2] = bytes;
    let encoding = 'utf-8';
    let start = 0;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf)
        start = 3;
    else if (b0 === 0xff && b1 === 0xfe)
        [encoding, start] = ['utf-16le', 2];
    else if (b0 === 0xfe && b1 === 0xff)
        [encoding, start] = ['utf-16be', 2];
    const body = bytes.subarray(start);
    let text;
    try {
        // ignoreBOM: the mark was taken off above; another one would be a character of the first line.
        text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    }
    catch {
        // A NUL byte says more than the first invalid byte: UTF-16 without a byte order mark, or binary.
        const nul = encoding === 'utf-8' ? body.indexOf(0) : -1;
        if (nul !== -1) {
            throw new errors/* UserError */.yo(`${input}: ${file} line ${body.subarray(0, nul).filter(byte => byte === 0x0a).length + 1} holds a NUL character (${NO_BOM_HINT}). ${SAVE_AS_UTF8}`);
        }
        throw new errors/* UserError */.yo(encoding === 'utf-8'
            ? notUtf8(body, file, input)
            : `${input}: ${file} starts with a ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} byte order mark, but is not valid UTF-16 (line ${utf16Line(body, encoding)} is cut or broken). ${SAVE_AS_UTF8}`);
    }
    const nul = text.indexOf('\0');
    if (nul !== -1) {
        const hint = encoding === 'utf-8' ? NO_BOM_HINT : 'paths never hold one';
        throw new errors/* UserError */.yo(`${input}: ${file} line ${lineAt(text, nul)} holds a NUL character (${hint}). ${SAVE_AS_UTF8}`);
    }
    return text;
}
/** The line (from 1) of a string index. */
function lineAt(text, index) {
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1))
        line++;
    return line;
}
function notUtf8(bytes, file, input) {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++)
        if (bytes[i] === 0x0a)
            line++;
    const byte = bytes[at] ?? 0;
    const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    // Windows-1252 (and Latin-1) is what a Windows tool writes by default: name the character it meant.
    const meant = byte >= 0xa0
        ? ` (in Windows-1252, "${new TextDecoder('windows-1252').decode(bytes.subarray(at, at + 1))}")`
        : '';
    return `${input}: ${file} is not UTF-8: line ${line} has the byte ${hex}${meant}, which UTF-8 does not allow there. It may be saved as Windows-1252 or another legacy encoding. ${SAVE_AS_UTF8}`;
}
/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let length = 0;
        let min = 0;
        if (b >= 0xc2 && b <= 0xdf)
            [length, min] = [2, 0x80];
        else if (b >= 0xe0 && b <= 0xef)
            [length, min] = [3, 0x800];
        else if (b >= 0xf0 && b <= 0xf4)
            [length, min] = [4, 0x10000];
        else
            return i;
        if (i + length > bytes.length)
            return i;
        let cp = b & (0xff >> (length + 1));
        for (let k = 1; k < length; k++) {
            const next = bytes[i + k];
            if ((next & 0xc0) !== 0x80)
                return i;
            cp = (cp << 6) | (next & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
            return i;
        i += length;
    }
    return bytes.length;
}
function utf16Line(bytes, encoding) {
    const unit = (i) => encoding === 'utf-16le'
        ? bytes[i] | (bytes[i + 1] << 8)
        : (bytes[i] << 8) | bytes[i + 1];
    let line = 1;
    for (let i = 0; i + 1 < bytes.length; i += 2) {
        const code = unit(i);
        if (code === 0x0a)
            line++;
        else if (code >= 0xd800 && code <= 0xdbff) {
            const next = i + 3 < bytes.length ? unit(i + 2) : -1;
            if (next < 0xdc00 || next > 0xdfff)
                return line;
            i += 2;
        }
        else if (code >= 0xdc00 && code <= 0xdfff)
            return line;
    }
    // Otherwise an odd number of bytes cuts the last character: the last line is the broken one.
    return line;
}

;// CONCATENATED MODULE: ./src/paths/paths.ts

/** What is invalidated when neither `paths` nor `paths-file` names anything. */
const EVERYTHING = '/*';
/** CloudFront rejects longer paths. */
const MAX_PATH_LENGTH = 4000;
/** CloudFront's longest cache tag, not counting the `#` that marks it. */
const MAX_TAG_LENGTH = 256;
// RFC 1738 "unsafe" characters (plus controls and DEL): CloudFront only matches a path whose unsafe
// characters are percent-encoded, and does not match one whose safe characters were encoded. `#` is
// among them: a browser never sends it raw (it starts the fragment), so a file named `a#b.html` is
// requested, cached and invalidated as `a%23b.html`. `~` is left alone: RFC 3986 made it unreserved,
// and browsers send it as it is.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x20"#<>{}|\\^`[\]\x7f]/;
const HEX = /^[0-9A-Fa-f]{2}$/;
// Anything encodePath might change: most paths have none of these and skip the loop (1M paths in a plan).
// eslint-disable-next-line no-control-regex
const MAY_NEED_ENCODING = /[\x00-\x20"#%<>{}|\\^`[\]\x7f-\uffff]/;
// A cache tag: ASCII visible characters (33 to 126) except the comma, which separates tags at the origin.
const TAG = /^#[\x21-\x2b\x2d-\x7e]+$/;
/** One item per non-empty line, trimmed (CRLF files from Windows runners included). */
function splitLines(text) {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    // One pass, one array: a paths-file may list a million lines.
    const lines = [];
    for (const line of body.split(body.includes('\r') ? /\r?\n|\r/ : '\n')) {
        const trimmed = line.trim();
        if (trimmed.length > 0)
            lines.push(trimmed);
    }
    return lines;
}
// A piece of a line that lists several items: a path, a cache tag, an http(s) URL or an S3 URI.
const LISTED_PIECE = /^(?:[/#]|(?:https?|s3):\/\/)/i;
/**
 * The items of the `paths` input: one per line. A line may also list several paths separated by spaces
 * or commas, as `aws cloudfront create-invalidation --paths /a /b` users write them, when every piece
 * starts with `/`, `#` (a cache tag, which can hold neither), `http(s)://` or `s3://`; otherwise the line is one path
 * (`/docs/read me.html`).
 */
function splitPathsInput(text) {
    return splitLines(text).flatMap(line => {
        const pieces = line.split(/[\s,]+/).filter(piece => piece.length > 0);
        return pieces.length > 1 && pieces.every(piece => LISTED_PIECE.test(piece)) ? pieces : [line];
    });
}
/**
 * Percent-encodes, as UTF-8, the characters CloudFront needs encoded (non-ASCII and RFC 1738 unsafe,
 * and a `%` that does not start a valid `%XX` escape); leaves everything else, including existing
 * escapes, as it is.
 */
function encodePath(path) {
    if (!MAY_NEED_ENCODING.test(path))
        return path;
    let out = '';
    for (let i = 0; i < path.length; i++) {
        const ch = path[i];
        const code = ch.charCodeAt(0);
        if (ch === '%') {
            out += HEX.test(path.slice(i + 1, i + 3)) ? '%' : '%25';
        }
        else if (code >= 0x80) {
            // A surrogate pair is one code point: encode both halves together.
            const cp = path.codePointAt(i);
            const whole = String.fromCodePoint(cp);
            out += encodeURIComponent(whole);
            i += whole.length - 1;
        }
        else if (UNSAFE.test(ch)) {
            out += '%' + code.toString(16).toUpperCase().padStart(2, '0');
        }
        else {
            out += ch;
        }
    }
    return out;
}
const PLAIN_PATH = /^[\w\-./]*$/;
// A path that may hold a `\` or a dot segment (`.`, `..`, also written `%2e`).
const MAY_NEED_RESOLVING = /\\|(?:^|\/)(?:\.|%2e)/i;
/**
 * Resolves dot segments as the WHATWG URL parser does for an http(s) URL's path (`/a/../b` is `/b`,
 * `/a/.` is `/a/`, `%2e` counts as `.`), and reads `\` as `/`, as it does too: the path a browser requests.
 * The query, if any, is left as it is.
 */
function resolvePath(path) {
    const query = path.indexOf('?');
    const head = (query === -1 ? path : path.slice(0, query)).replaceAll('\\', '/');
    const tail = query === -1 ? '' : path.slice(query);
    const segments = head.split('/').slice(1);
    const out = [];
    for (let i = 0; i < segments.length; i++) {
        const segment = segments[i];
        const last = i === segments.length - 1;
        const lower = segment.length <= 6 ? segment.toLowerCase() : '';
        if (lower === '..' || lower === '.%2e' || lower === '%2e.' || lower === '%2e%2e') {
            out.pop();
            if (last)
                out.push('');
        }
        else if (lower === '.' || lower === '%2e') {
            if (last)
                out.push('');
        }
        else {
            out.push(segment);
        }
    }
    return `/${out.join('/')}${tail}`;
}
/** Leading `/`, dot segments and `\` resolved, encoding, and CloudFront's rules on wildcards and length. */
function normalisePath(raw, source) {
    const withSlash = raw.startsWith('/') ? raw : `/${raw}`;
    // Most paths of a long list (hashed assets) have nothing to resolve, encode or check but their length.
    if (PLAIN_PATH.test(withSlash) && !withSlash.includes('/.') && withSlash.length <= MAX_PATH_LENGTH) {
        return withSlash;
    }
    // resolvePath leaves the query alone, so a match in the query only costs a little time.
    const resolved = MAY_NEED_RESOLVING.test(withSlash) ? resolvePath(withSlash) : withSlash;
    const path = encodePath(resolved);
    const star = path.indexOf('*');
    if (star !== -1 && star !== path.length - 1) {
        throw new errors/* UserError */.yo(`${source}: "${raw}" has a * that is not its last character; CloudFront only accepts a wildcard at the end of a path (for example /images/*).`);
    }
    if (path.length > MAX_PATH_LENGTH) {
        throw new errors/* UserError */.yo(`${source}: a path is ${path.length} characters long once encoded; CloudFront accepts at most ${MAX_PATH_LENGTH}. Invalidate its directory with a wildcard instead (for example /dir/*).`);
    }
    return path;
}
/** An item that names a CloudFront cache tag (`#product:tv`) rather than a path. */
function isCacheTag(item) {
    return item.startsWith('#');
}
/** A wildcard path: `*` as its last character (normalisePath rejects it anywhere else). */
function isWildcard(path) {
    return path.endsWith('*');
}
/**
 * A cache tag is sent as it is: no leading `/`, no encoding. CloudFront invalidates every object its
 * origin tagged so (header named by the distribution's CacheTagConfig), and refuses wildcards in tags.
 */
function normaliseCacheTag(raw, source) {
    const tag = raw.slice(1);
    if (raw.includes('*')) {
        throw new errors/* UserError */.yo(`${source}: "${raw}" is a cache tag (it starts with #) with a *; CloudFront matches tags exactly and accepts no wildcard in them. List each tag, or use a path wildcard such as /images/*.`);
    }
    if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) {
        throw new errors/* UserError */.yo(`${source}: "${raw.slice(0, 40)}${raw.length > 40 ? '…' : ''}" is a cache tag (it starts with #) of ${tag.length} characters; CloudFront accepts 1 to ${MAX_TAG_LENGTH} after the #.`);
    }
    if (!TAG.test(raw)) {
        throw new errors/* UserError */.yo(`${source}: "${raw}" is a cache tag (it starts with #) with a character CloudFront does not accept in tags: only visible ASCII characters, no space and no comma. To invalidate a path, start it with / instead.`);
    }
    return raw;
}
/** A cache tag or a path, ready to send. */
function normaliseItem(raw, source) {
    return isCacheTag(raw) ? normaliseCacheTag(raw, source) : normalisePath(raw, source);
}
/**
 * Normalises every item and drops repeats, keeping the first-seen order. Cache tags are
 * case-insensitive in CloudFront, so `#News` repeats `#news`; paths are case-sensitive.
 * `seen` lets several sources (paths, then paths-file) share one pass without a second dedupe.
 */
function preparePaths(items, source, seen = new Set(), out = []) {
    for (const item of items) {
        const normalised = normaliseItem(item, source);
        const size = seen.size;
        // One Set operation per item, not has() then add(): hashing a million new strings is most of the cost.
        seen.add(isCacheTag(normalised) ? normalised.toLowerCase() : normalised);
        if (seen.size !== size)
            out.push(normalised);
    }
    return out;
}
/**
 * Finds the wildcard of a set that covers a path, if any. `P*` covers every path starting with `P`
 * (other wildcards too). Kept prefix-free (no prefix starts with another), the prefixes that could cover
 * a path form a chain with at most one member, and it is the greatest prefix not above the path in code
 * unit order: a binary search, so 1M paths against any number of wildcards stay fast.
 */
class WildcardCover {
    /** The prefixes (wildcards without their `*`), sorted, none a prefix of another. */
    prefixes;
    constructor(wildcards) {
        const sorted = [...new Set([...wildcards].map(wildcard => wildcard.slice(0, -1)))].sort();
        const kept = [];
        for (const prefix of sorted) {
            const last = kept.at(-1);
            // Sorted, every string that starts with `last` comes right after it.
            if (last === undefined || !prefix.startsWith(last))
                kept.push(prefix);
        }
        this.prefixes = kept;
    }
    /** The index in `prefixes` of the wildcard covering `path`, or -1. */
    indexOf(path) {
        const { prefixes } = this;
        let low = 0;
        let high = prefixes.length - 1;
        let found = -1;
        while (low <= high) {
            const middle = (low + high) >>> 1;
            if (prefixes[middle] <= path) {
                found = middle;
                low = middle + 1;
            }
            else {
                high = middle - 1;
            }
        }
        return found !== -1 && path.startsWith(prefixes[found]) ? found : -1;
    }
    /** True when a wildcard other than `path` itself covers it. */
    covers(path) {
        const index = this.indexOf(path);
        return index !== -1 && `${this.prefixes[index]}*` !== path;
    }
}
/**
 * Drops every path that a wildcard of the same list already covers (`/a/*` covers `/a/b.html` and
 * `/a/b/*`; `/a*` covers `/ab.html`; `/*` covers every path), keeping the first-seen order. Cache tags
 * are never covered by a path.
 */
function dropCoveredPaths(items) {
    const wildcards = items.filter(item => isWildcard(item) && !isCacheTag(item));
    if (wildcards.length === 0)
        return items;
    const cover = new WildcardCover(wildcards);
    return items.filter(item => isCacheTag(item) || !cover.covers(item));
}

;// CONCATENATED MODULE: ./src/common/input-common.ts
/** Input helpers both actions share: booleans, whole numbers, and the credential inputs. */

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** STS's pattern and length for AssumeRole's ExternalId. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
function readBoolean(getInput, name) {
    const raw = getInput(name).trim();
    if (raw === '')
        return false;
    if (/^(true|yes|on|1)$/i.test(raw))
        return true;
    if (/^(false|no|off|0)$/i.test(raw))
        return false;
    throw new errors/* UserError */.yo(`${name}: "${raw}" is not a boolean. Use true or false.`);
}
function readInteger(getInput, name, { min, max, fallback, unit = 'seconds', hint }) {
    const raw = getInput(name).trim();
    if (raw === '')
        return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new errors/* UserError */.yo(`${name}: "${raw}" is not a whole number of ${unit} from ${min} to ${max}.${hint ? ` ${hint}` : ''}`);
    }
    return value;
}
function readCredentialSettings(getInput, env) {
    const roleToAssume = getInput('role-to-assume').trim() || undefined;
    if (roleToAssume && !ROLE_ARN.test(roleToAssume)) {
        throw new errors/* UserError */.yo(`role-to-assume: "${roleToAssume}" is not an IAM role ARN. Use the role's full ARN, for example arn:aws:iam::123456789012:role/deploy.`);
    }
    const roleSessionName = getInput('role-session-name').trim() || 'GitHubActions';
    if (!SESSION_NAME.test(roleSessionName)) {
        throw new errors/* UserError */.yo(`role-session-name: "${roleSessionName}" must be 2 to 64 letters, digits or the characters _+=,.@-`);
    }
    const region = readRegion(getInput, env, roleToAssume !== undefined);
    const { roleChaining, roleExternalId } = readRoleChaining(getInput, roleToAssume);
    return {
        roleToAssume,
        roleSessionName,
        roleChaining,
        roleExternalId,
        roleDurationSeconds: readInteger(getInput, 'role-duration-seconds', {
            min: 900,
            max: 43200,
            fallback: 3600
        }),
        audience: getInput('audience').trim() || 'sts.amazonaws.com',
        region
    };
}
/** The region for STS: aws-region, else the AWS_REGION or AWS_DEFAULT_REGION variable. */
function readRegion(getInput, env, assumesRole) {
    const [regionSource, region] = [
        ['aws-region', getInput('aws-region').trim()],
        ['the AWS_REGION variable', env.AWS_REGION],
        ['the AWS_DEFAULT_REGION variable', env.AWS_DEFAULT_REGION]
    ].find(([, value]) => value) ?? ['', undefined];
    // For CloudFront (global) only STS uses the region, so only a role to assume makes a bad one matter;
    // the changes action checks it for S3 itself.
    if (assumesRole && region && !REGION.test(region)) {
        throw new errors/* UserError */.yo(`${regionSource}: "${region}" is not an AWS region name (for example us-east-1).`);
    }
    return region;
}
/** role-chaining, and the external ID only it sends; both need a role to assume. */
function readRoleChaining(getInput, roleToAssume) {
    const roleChaining = readBoolean(getInput, 'role-chaining');
    const roleExternalId = getInput('role-external-id').trim() || undefined;
    if (roleChaining && !roleToAssume) {
        throw new errors/* UserError */.yo('role-chaining: true needs role-to-assume, the role to assume with the credentials already in the job. Set role-to-assume, or remove role-chaining.');
    }
    if (roleExternalId && !roleChaining) {
        throw new errors/* UserError */.yo("role-external-id is only sent with role-chaining: true (AssumeRole with the job's credentials); assuming a role with the job's OIDC token takes no external ID. Set role-chaining: true, or remove role-external-id.");
    }
    if (roleExternalId && !EXTERNAL_ID.test(roleExternalId)) {
        throw new errors/* UserError */.yo('role-external-id: must be 2 to 1224 letters, digits or the characters _+=,.@:/- (what STS accepts as ExternalId).');
    }
    return { roleChaining, roleExternalId };
}

;// CONCATENATED MODULE: ./src/paths/directories.ts
/** Pure: the directory tree of the requested paths, which both ways of compacting choose wildcards from. */

/** The directory of a path: up to its last `/` before any query string (`/search?q=a/b` is in `/`). */
function directoryOf(path) {
    const query = path.indexOf('?');
    return path.slice(0, path.lastIndexOf('/', query === -1 ? path.length - 1 : query - 1) + 1);
}
/**
 * The directories of the requested paths, with how many items each holds. Only directories are nodes,
 * so a million hashed assets in a few directories make a tree of a few nodes.
 */
function directoryTree(items) {
    const byDir = new Map();
    const node = (dir) => {
        let found = byDir.get(dir);
        if (found)
            return found;
        const parentDir = dir === '/' ? undefined : dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1);
        const parent = parentDir === undefined ? undefined : node(parentDir);
        found = {
            dir,
            depth: parent ? parent.depth + 1 : 0,
            parent,
            children: [],
            direct: 0,
            directWildcards: 0,
            count: 0,
            wildcards: 0,
            unchanged: 0
        };
        parent?.children.push(found);
        byDir.set(dir, found);
        return found;
    };
    const root = node('/');
    // Listed paths often come grouped by directory: skip the map lookup for a run of the same one.
    let lastDir = '/';
    let last = root;
    for (const item of items) {
        if (isCacheTag(item))
            continue;
        const query = item.indexOf('?');
        const slash = item.lastIndexOf('/', query === -1 ? item.length - 1 : query - 1);
        if (slash !== lastDir.length - 1 || !item.startsWith(lastDir)) {
            lastDir = item.slice(0, slash + 1);
            last = node(lastDir);
        }
        last.direct++;
        if (isWildcard(item))
            last.directWildcards++;
    }
    for (const dir of deepestFirst(byDir)) {
        dir.count += dir.direct;
        dir.wildcards += dir.directWildcards;
        if (dir.parent) {
            dir.parent.count += dir.count;
            dir.parent.wildcards += dir.wildcards;
        }
    }
    for (const dir of byDir.values())
        dir.children.sort((a, b) => a.count - b.count);
    return { root, byDir };
}
function deepestFirst(byDir) {
    return [...byDir.values()].sort((a, b) => b.depth - a.depth);
}
/**
 * Counts, for each directory of the tree, the unchanged objects a wildcard on it would clear: each one
 * goes to the deepest directory of the tree above it (a directory without requested paths is no node),
 * then the counts are summed upwards. Objects a listed wildcard (`/img/*`, a covering `/a/b*`) already
 * clears are left out: every plan clears them. Returns how many those were.
 */
function countUnchanged(tree, unchanged, listed) {
    const { byDir } = tree;
    // Directories of the inventory that are no node resolve to the same ancestor again and again.
    const nearest = new Map();
    let alreadyCleared = 0;
    for (const path of unchanged) {
        if (listed && listed.indexOf(path) !== -1) {
            alreadyCleared++;
            continue;
        }
        const dir = directoryOf(path);
        let node = byDir.get(dir) ?? nearest.get(dir);
        if (!node) {
            let up = dir;
            while (!node) {
                up = up.slice(0, up.lastIndexOf('/', up.length - 2) + 1);
                node = byDir.get(up);
            }
            nearest.set(dir, node);
        }
        node.unchanged++;
    }
    for (const dir of deepestFirst(byDir))
        if (dir.parent)
            dir.parent.unchanged += dir.unchanged;
    return alreadyCleared;
}

;// CONCATENATED MODULE: ./src/paths/optimise.ts
/**
 * Pure: with the site's inventory, the directory wildcards that clear the fewest unchanged objects while
 * every requested path is covered, within max-paths and CloudFront's 15 wildcards; among those, the
 * fewest paths, then the fewest wildcards; /* only when it clears fewer than any other plan.
 *
 * An exact dynamic programme over the directory tree. For each directory and each number of wildcards
 * w (0 to 15), it keeps the plans of that subtree that no other beats on both paths and unchanged objects
 * cleared (a Pareto front). A directory's front is its own wildcard (1 path, 1 wildcard, its unchanged
 * objects) next to every sum of its children's fronts with its own items listed. Two wildcards on one
 * path of the tree never both help, so a subtree's choice is independent of the rest: the fronts combine
 * exactly. A front holds at most max-paths points per w, and in practice a handful: a directory of files
 * has two (listed, or one wildcard).
 */

/** Enough for every realistic site well under a second; an adversarial tree gives up (see planPaths). */
const SEARCH_BUDGET = 30_000_000;
/**
 * The best plan of the whole tree; undefined when the search ran out of its budget (or nothing fits,
 * max-paths below 1).
 */
function chooseExact(tree, limits) {
    const fronts = new Map();
    const work = { left: limits.budget ?? SEARCH_BUDGET };
    for (const node of deepestFirst(tree.byDir)) {
        let front = single(node.directWildcards, { paths: node.direct, unchanged: 0, picks: undefined });
        front = limit(front, limits);
        for (const child of node.children) {
            front = combine(front, fronts.get(child), limits, work);
            if (work.left < 0)
                return undefined;
            fronts.delete(child);
        }
        // Its own wildcard replaces every item below it. The root's, /*, is kept apart: it also clears what
        // other origins serve (/api/* behaviours), which no inventory of the bucket shows, so it is chosen only
        // when it clears fewer unchanged objects than every other plan, never on a tie.
        const own = single(1, { paths: 1, unchanged: node.unchanged, picks: node });
        fronts.set(node, node === tree.root ? prune(front, limits) : prune(merge(front, own), limits));
    }
    const root = fronts.get(tree.root);
    let best;
    root.forEach((points, wildcards) => {
        for (const point of points) {
            if (!best ||
                point.unchanged < best.point.unchanged ||
                (point.unchanged === best.point.unchanged &&
                    (point.paths < best.point.paths ||
                        (point.paths === best.point.paths && wildcards < best.wildcards)))) {
                best = { point, wildcards };
            }
        }
    });
    const everything = { point: { paths: 1, unchanged: tree.root.unchanged, picks: tree.root }, wildcards: 1 };
    if ((!best || everything.point.unchanged < best.point.unchanged) && limits.maxPaths >= 1)
        best = everything;
    if (!best)
        return undefined;
    return {
        chosen: flatten(best.point.picks),
        paths: best.point.paths,
        wildcards: best.wildcards,
        unchanged: best.point.unchanged
    };
}
function single(wildcards, point) {
    const front = Array.from({ length: wildcards + 1 }, () => []);
    front[wildcards] = [point];
    return front;
}
function limit(front, limits) {
    return front
        .slice(0, limits.maxWildcards + 1)
        .map(points => points.filter(point => point.paths <= limits.maxPaths));
}
/** Every plan of one part next to every plan of another: paths, wildcards and unchanged objects add up. */
function combine(a, b, limits, work) {
    const out = Array.from({ length: Math.min(a.length + b.length - 1, limits.maxWildcards + 1) }, () => []);
    for (let wa = 0; wa < a.length; wa++) {
        const left = a[wa];
        if (left.length === 0)
            continue;
        for (let wb = 0; wb < b.length && wa + wb <= limits.maxWildcards; wb++) {
            const right = b[wb];
            const into = out[wa + wb];
            work.left -= left.length * right.length;
            for (const x of left) {
                for (const y of right) {
                    const paths = x.paths + y.paths;
                    if (paths > limits.maxPaths)
                        break; // right is sorted by paths
                    into.push({
                        paths,
                        unchanged: x.unchanged + y.unchanged,
                        picks: x.picks === undefined
                            ? y.picks
                            : y.picks === undefined
                                ? x.picks
                                : { left: x.picks, right: y.picks }
                    });
                }
            }
        }
    }
    return prune(out, limits);
}
/** The union of two fronts' points (either plan of the same directory). */
function merge(a, b) {
    const out = [];
    for (let w = 0; w < Math.max(a.length, b.length); w++)
        out.push([...(a[w] ?? []), ...(b[w] ?? [])]);
    return out;
}
/**
 * Keeps the points no other beats: one with as few or fewer wildcards, paths and unchanged objects. So
 * a point with more wildcards stays only when it saves paths or unchanged objects.
 */
function prune(front, limits) {
    // The best unchanged count reachable within each number of paths, over the fewer wildcards seen so far.
    let below = [];
    const out = [];
    const bound = limits.bound ?? Infinity;
    for (let w = 0; w < front.length && w <= limits.maxWildcards; w++) {
        const points = front[w]
            .filter(point => point.paths <= limits.maxPaths && point.unchanged <= bound)
            .sort((x, y) => x.paths - y.paths || x.unchanged - y.unchanged);
        const kept = [];
        let i = 0;
        let bestBelow = Infinity;
        for (const point of points) {
            while (i < below.length && below[i].paths <= point.paths) {
                bestBelow = Math.min(bestBelow, below[i].unchanged);
                i++;
            }
            const last = kept.at(-1);
            if (point.unchanged >= bestBelow)
                continue;
            if (last && point.unchanged >= last.unchanged)
                continue;
            kept.push(point);
        }
        out.push(kept);
        below = staircase(below, kept);
    }
    while (out.length > 1 && out.at(-1).length === 0)
        out.pop();
    return out;
}
/** The Pareto staircase of two staircases: paths ascending, unchanged strictly descending. */
function staircase(a, b) {
    const out = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        const x = a[i];
        const y = b[j];
        let next;
        if (y === undefined ||
            (x !== undefined && (x.paths < y.paths || (x.paths === y.paths && x.unchanged <= y.unchanged)))) {
            next = x;
            i++;
        }
        else {
            next = y;
            j++;
        }
        if (out.length === 0 || next.unchanged < out.at(-1).unchanged)
            out.push(next);
    }
    return out;
}
function flatten(picks) {
    const out = [];
    const stack = [picks];
    while (stack.length > 0) {
        const top = stack.pop();
        if (top === undefined)
            continue;
        if ('dir' in top)
            out.push(top);
        else
            stack.push(top.right, top.left);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/paths/plan.ts




/** CloudFront's limits on what one distribution has in progress: file paths, and wildcard paths. */
const MAX_PATHS = 3000;
const MAX_WILDCARDS = 15;
/**
 * max-paths when not given: a deploy of a few pages goes out path by path, a full rebuild as wildcards.
 * 3,000 would let one rebuild of a big site cost USD 15 per distribution (see docs/cost-and-compaction.md).
 */
const DEFAULT_MAX_PATHS = 100;
/**
 * CloudFront bills each path of an invalidation, a wildcard or a cache tag counting as one (the first
 * 1,000 a month are free, per AWS account). So the bill of a plan is its length.
 */
function billedPaths(plan) {
    return plan.paths.length;
}
/**
 * Plans what one distribution is sent: drops paths a listed wildcard covers, then, when the rest is over
 * the limits, compacts it into directory wildcards that cover every requested path. Never drops a
 * requested path; cache tags are kept as they are and counted against the limits.
 *
 * A request that fits is sent as it is. One that does not is compacted: with the site's inventory exactly
 * (optimise.ts: the fewest unchanged objects cleared, then the fewest paths, then the fewest wildcards),
 * without it as the deepest wildcards that fit.
 */
function planPaths(items, limits, notes, inventory) {
    const maxWildcards = limits.maxWildcards ?? MAX_WILDCARDS;
    const kept = dropCoveredPaths(items);
    const { tags, wildcards } = countKinds(kept);
    const plan = {
        requested: items.length,
        alreadyCovered: items.length - kept.length,
        tags,
        maxPaths: limits.maxPaths,
        ...(notes ? { notes } : {})
    };
    // A list within max-paths goes as it is, with an inventory too: a wildcard that clears nothing else in
    // the bucket would save a path or two, but counts against CloudFront's 15 wildcards in progress, and
    // clears what other origins serve under it, which the inventory cannot show.
    if (kept.length <= limits.maxPaths && wildcards <= maxWildcards) {
        return {
            ...plan,
            paths: kept,
            wildcards,
            compacted: [],
            everything: false,
            ...(inventory ? { inventory: { ...inventoryOf(inventory, kept), exact: true } } : {})
        };
    }
    assertTagsFit(kept.length, tags, limits.maxPaths);
    const pathLimits = { maxPaths: limits.maxPaths - tags, maxWildcards };
    const { chosen, exact } = chooseDirectories(kept, pathLimits, inventory, limits.searchBudget);
    const sent = compactInto(kept, chosen);
    if (inventory)
        countPerWildcard(sent.compacted, inventory.unchanged);
    return {
        ...plan,
        ...sent,
        everything: sent.compacted.length === 1 && sent.compacted[0]?.path === EVERYTHING,
        ...(inventory ? { inventory: { ...inventoryOf(inventory, sent.paths), exact } } : {})
    };
}
/** How many of the items are cache tags, and how many wildcard paths. */
function countKinds(items) {
    let tags = 0;
    let wildcards = 0;
    for (const item of items) {
        if (isCacheTag(item))
            tags++;
        else if (isWildcard(item))
            wildcards++;
    }
    return { tags, wildcards };
}
/** Tags are sent as they are, so they and at least one path (a wildcard, at worst /*) must fit. */
function assertTagsFit(items, tags, maxPaths) {
    const hasPaths = items > tags;
    if (tags + (hasPaths ? 1 : 0) > maxPaths) {
        throw new errors/* UserError */.yo(`max-paths: ${tags} cache tags${hasPaths ? ' and at least one path' : ''} do not fit in ${maxPaths} paths, and tags cannot be compacted. Raise max-paths (at most ${MAX_PATHS}), or invalidate the tags over several steps.`);
    }
}
/**
 * The directories to send as wildcards: without an inventory the deepest that fit; with one the exact
 * search's, or the heuristic's (`exact: false`) when the search gives up on an unusually large tree.
 */
function chooseDirectories(kept, limits, inventory, searchBudget) {
    const tree = directoryTree(kept);
    if (!inventory)
        return { chosen: chooseWildcards(tree.root, limits), exact: true };
    const listed = kept.filter(item => !isCacheTag(item) && isWildcard(item));
    countUnchanged(tree, inventory.unchanged, listed.length > 0 ? new WildcardCover(listed) : undefined);
    // The heuristic's plan fits: the exact one clears no more. /* always fits (tags were checked before).
    const heuristic = chooseWildcards(tree.root, limits);
    const bound = heuristic.reduce((sum, node) => sum + node.unchanged, 0);
    const best = chooseExact(tree, { ...limits, bound, ...(searchBudget ? { budget: searchBudget } : {}) });
    return best ? { chosen: best.chosen, exact: true } : { chosen: heuristic, exact: false };
}
/**
 * The items with those under a chosen directory replaced by its wildcard, sent where the first of them
 * was listed; and the wildcards that stand for requested items, in the order sent.
 */
function compactInto(kept, chosen) {
    const cover = new WildcardCover(chosen.map(node => `${node.dir}*`));
    const coveredBy = new Map(chosen.map(node => [`${node.dir}*`, { path: `${node.dir}*`, covers: node.count }]));
    const sent = new Array(cover.prefixes.length).fill(false);
    const paths = [];
    let wildcards = 0;
    for (const item of kept) {
        const index = isCacheTag(item) ? -1 : cover.indexOf(item);
        if (index === -1) {
            paths.push(item);
            if (!isCacheTag(item) && isWildcard(item))
                wildcards++;
        }
        else if (!sent[index]) {
            sent[index] = true;
            paths.push(`${cover.prefixes[index]}*`);
            wildcards++;
        }
        // A chosen wildcard the user listed as it is (`/a/*`, alone in its directory) is no compaction.
        if (index !== -1 && item === `${cover.prefixes[index]}*`)
            coveredBy.delete(item);
    }
    const compacted = paths.flatMap(path => {
        const wildcard = coveredBy.get(path);
        return wildcard ? [wildcard] : [];
    });
    return { paths, wildcards, compacted };
}
/** Each compacted wildcard's unchanged objects, all of them (a listed wildcard may clear some too). */
function countPerWildcard(compacted, unchanged) {
    // The chosen directories never nest, so each object is under one of them at most.
    const cover = new WildcardCover(compacted.map(wildcard => wildcard.path));
    const counts = new Array(cover.prefixes.length).fill(0);
    for (const path of unchanged) {
        const index = cover.indexOf(path);
        if (index !== -1)
            counts[index] = counts[index] + 1;
    }
    for (const wildcard of compacted) {
        wildcard.unchanged = counts[cover.indexOf(wildcard.path.slice(0, -1))] ?? 0;
    }
}
/** What the inventory says of the paths sent: counted from them, whatever chose them. */
function inventoryOf(inventory, sent) {
    const wildcards = sent.filter(item => !isCacheTag(item) && isWildcard(item));
    let cleared = 0;
    if (wildcards.length > 0) {
        const cover = new WildcardCover(wildcards);
        for (const path of inventory.unchanged)
            if (cover.indexOf(path) !== -1)
                cleared++;
    }
    return {
        objects: inventory.objects,
        unchanged: inventory.unchanged.length,
        cleared,
        missing: inventory.missing
    };
}
/**
 * Chooses the directories to invalidate with a wildcard, from the top down: it starts from `/*`, which
 * always fits, and replaces a chosen directory by what is in it (its own items listed, its
 * subdirectories as wildcards, the smallest listed instead when wildcards run short) whenever the result
 * still fits. Shallow directories are refined first, since they invalidate the most beyond what was
 * asked; it stops when no chosen directory can be refined, so each wildcard is as deep as the limits
 * allow. At most `maxWildcards` directories are ever chosen, so each pass is cheap.
 */
function chooseWildcards(root, limits) {
    const chosen = new Set([root]);
    let paths = 1;
    let wildcards = 1;
    const refine = (node) => {
        const pathsLeft = limits.maxPaths - paths + 1;
        const wildcardsLeft = limits.maxWildcards - wildcards + 1;
        let addPaths = node.direct;
        let addWildcards = node.directWildcards;
        const listed = new Set();
        for (const child of node.children) {
            // A directory with a single item is better listed: one path either way, and no wildcard.
            if (child.count === 1) {
                listed.add(child);
                addPaths += 1;
                addWildcards += child.wildcards;
            }
            else {
                addPaths += 1;
                addWildcards += 1;
            }
        }
        // Children are sorted smallest first: list those whose items cost the fewest paths.
        for (const child of node.children) {
            if (addWildcards <= wildcardsLeft || addPaths > pathsLeft)
                break;
            if (listed.has(child) || child.wildcards > 0)
                continue;
            listed.add(child);
            addPaths += child.count - 1;
            addWildcards -= 1;
        }
        if (addPaths > pathsLeft || addWildcards > wildcardsLeft)
            return false;
        chosen.delete(node);
        for (const child of node.children)
            if (!listed.has(child))
                chosen.add(child);
        paths += addPaths - 1;
        wildcards += addWildcards - 1;
        return true;
    };
    for (let progress = true; progress;) {
        progress = false;
        const shallowestFirst = [...chosen].sort((a, b) => a.depth - b.depth || a.count - b.count);
        for (const node of shallowestFirst)
            if (refine(node))
                progress = true;
    }
    return [...chosen];
}

;// CONCATENATED MODULE: ./src/paths/lines.ts
/**
 * The grammar of a line of `paths`, `paths-file` and `inventory-file`: what it names. A line may be a URL
 * path, an http(s) URL, an S3 URI (`s3://bucket/key`, the key raw) or a line of AWS CLI output
 * (`upload: … to s3://bucket/key`); a key is requested the way a browser requests a link to it
 * (browserPath). Forms pasted from other tools that name no path are refused, naming the line.
 * Pure: no I/O, no logging.
 */

// What `aws s3 sync`, `cp`, `mv` and `rm` print (awscli/customizations/s3/results.py): `<type>: <src> to
// <dest>` or `delete: <src>`, the S3 side as `s3://` + bucket + `/` + key with the key raw, each line
// padded with spaces to the length of the last progress line, and progress lines ended by `\r`.
const CLI_DESTINATION = /^(?:upload|copy|move): /;
const CLI_DELETE = 'delete: ';
const CLI_OTHER = /^(?:\(dryrun\) |(?:upload|download|copy|move|delete) failed: |download: |Completed \d|warning: |fatal error: |cancelled: )/;
const URL_SCHEME = /^https?:\/\//i;
const S3_SCHEME = 's3://';
// `s3://bucket/key`: a bucket name has no space or slash (an access point ARN has colons), and a key is not empty.
const S3_OBJECT = /^s3:\/\/[^\s/]+\/./;
/** What a line names; the line is trimmed (the CLI pads its lines with spaces). */
function readSourceLine(line) {
    const first = line.charCodeAt(0);
    // Most lines are URL paths: decide those with one comparison.
    if (first === 0x2f /* / */ || first === 0x23 /* # */)
        return { kind: 'path', text: line };
    if (line.startsWith(S3_SCHEME))
        return keyOf(line, 's3');
    if (URL_SCHEME.test(line))
        return { kind: 'url', text: urlPath(line) };
    if (CLI_DESTINATION.test(line)) {
        // Keys and local paths may hold spaces and even " to ": the destination follows the last " to s3://"
        // that starts a bucket name and a key (a key may itself hold " to s3://…").
        let to = line.lastIndexOf(' to s3://');
        while (to > 0 && !S3_OBJECT.test(line.slice(to + 4)))
            to = line.lastIndexOf(' to s3://', to - 1);
        return to <= 0 ? { kind: 'ignored' } : keyOf(line.slice(to + 4), 'cli');
    }
    if (line.startsWith(CLI_DELETE)) {
        const target = line.slice(CLI_DELETE.length);
        // `sync s3://… ./dir --delete` deletes local files: nothing CloudFront serves.
        return target.startsWith(S3_SCHEME) ? keyOf(target, 'cli', true) : { kind: 'ignored' };
    }
    if (CLI_OTHER.test(line))
        return { kind: 'ignored' };
    return { kind: 'path', text: line };
}
// An access point's ARN in place of the bucket, as the AWS CLI takes it (awscli/customizations/s3/utils.py,
// _S3_ACCESSPOINT_TO_BUCKET_KEY_REGEX): `arn:…:accesspoint/NAME` or `…:accesspoint:NAME`, then `/` + key.
const ACCESS_POINT = /^arn:aws[^:]*:s3:[a-z0-9-]*:\d{12}:accesspoint[:/][^/]+/;
function keyOf(uri, from, deleted = false) {
    const accessPoint = ACCESS_POINT.exec(uri.slice(S3_SCHEME.length))?.[0];
    const slash = uri.indexOf('/', S3_SCHEME.length + (accessPoint?.length ?? 0));
    return {
        kind: 'key',
        key: slash === -1 ? '' : uri.slice(slash + 1),
        from,
        uri,
        bucket: uri.slice(S3_SCHEME.length, slash === -1 ? undefined : slash),
        ...(deleted ? { deleted: true } : {})
    };
}
function urlPath(text) {
    try {
        const url = new URL(text);
        return url.pathname + url.search;
    }
    catch {
        throw new errors/* UserError */.yo(`"${text}" starts like a URL but is not one. Give a URL such as https://www.example.com/a.html, or only its path (/a.html).`);
    }
}
// `\` too: a browser reads a raw `\` in a link as `/`, the separator of another key (the object
// `old\a.js` is not `old/a.js`), so the one URL of `old\a.js` is `/old%5Ca.js`.
const LINK_ESCAPES = { '%': '%25', '?': '%3F', '#': '%23', '\\': '%5C' };
// Keys a browser requests as `/` + key, unchanged: no character to encode and no dot segment.
const PLAIN_KEY = /^[\w\-./]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/**
 * The path a browser requests for a link to a key that escapes only `%`, `?`, `#` and `\` (the characters
 * that would otherwise change what the link names): the WHATWG URL parser percent-encodes the rest as
 * UTF-8, resolves dot segments, drops tabs and newlines and trims surrounding spaces. A URL path or an
 * http(s) URL is no key: there `\` still reads as `/` (resolvePath), as browsers read it.
 */
function browserPath(key) {
    if (PLAIN_KEY.test(key) && !DOT_SEGMENT.test(key))
        return `/${key}`;
    return new URL(`https://www.example.com/${key.replace(/[%?#\\]/g, ch => LINK_ESCAPES[ch])}`)
        .pathname;
}
// `aws s3 ls --recursive` prints date, time, size and key; without the bucket it names no object.
const S3_LS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\d+ /;
/**
 * Why an item that does not start with / is no path, when it is one of the forms users paste from other
 * tools: sent as written, each would be billed and clear nothing (`- /a.html` becomes `/-%20/a.html`).
 * A bare name (`index.html`, a key without its bucket) is still read as a path from the root.
 */
function nonPathForm(text) {
    if (/^- /.test(text)) {
        return 'is a YAML list item. Give one path a line, without "- " (paths: | and then /a.html on the next line)';
    }
    if (/^\[.*\]$/.test(text))
        return 'looks like a JSON array. Give one path a line, without brackets or quotes';
    // aws s3api list-objects-v2 output: as JSON ("Key": "a.html",), or as text (tab-separated fields, or
    // with --query Contents[].Key every key on one line). A browser drops tabs from a URL: no path holds one.
    if (/^"[^"]*"\s*:/.test(text) || /^[[\]{},]+$/.test(text)) {
        return 'is a line of JSON output. Give one item a line: keys as s3://bucket/key URIs, or the aws s3 sync output';
    }
    if (text.includes('\t')) {
        return 'holds a tab, which no browser sends in a URL (aws s3api … --output text puts several keys on one line, tab-separated). Give one item a line: keys as s3://bucket/key URIs, or the aws s3 sync output';
    }
    if (/^(["'`]).*\1$/.test(text))
        return 'is in quotes. Remove the quotes around it';
    if (/^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\')) {
        return 'is a local file path. Give the path the site serves it at (/a.html), the S3 key as s3://bucket/key, or the aws s3 sync output';
    }
    if (S3_LS.test(text) || /^ *PRE \S/.test(text)) {
        return 'is a line of aws s3 ls, which names neither the bucket nor the path. Give the aws s3 sync output, or s3://bucket/key URIs';
    }
    return undefined;
}
/** Throws when an item that does not start with / is one of the forms nonPathForm names. */
function refuseNonPath(text, source) {
    const why = nonPathForm(text);
    if (why)
        throw new errors/* UserError */.yo(`${source}: "${text.slice(0, 80)}${text.length > 80 ? '…' : ''}" ${why}.`);
}

;// CONCATENATED MODULE: ./src/paths/reader.ts
/**
 * What the lines of `paths` and `paths-file` name, and the paths CloudFront is sent for them (lines.ts
 * reads each line). Keys are mapped through the origin path and requested the way a browser requests a
 * link to them; what CloudFront refuses in that form is covered by a wildcard.
 * Pure: no I/O, no logging; what was read is returned as notes for the log and the summary.
 */



function emptyNotes(options = { originPath: '', indexDocument: '' }) {
    return {
        cliKeys: 0,
        cliIgnored: 0,
        s3Keys: 0,
        urls: 0,
        plusKeys: 0,
        originPath: options.originPath,
        indexDocument: options.indexDocument,
        indexAdded: [],
        covering: []
    };
}
/**
 * Reads lines into the items to send: normalised, deduplicated in first-seen order, with index
 * directories added and refused characters covered. One reader serves every source of a step (paths,
 * then paths-file), so an item listed in both is sent once.
 */
class PathReader {
    items = [];
    notes;
    /** The S3 object behind each path read from a key (its index directory and `%2B` form too), for verify. */
    objects = new Map();
    seen = new Set();
    covered = new Map();
    coveredPaths = new Set();
    /** The `%2B` forms of keys' paths: other URLs of an object already counted. */
    plusPaths = new Set();
    /** The key prefix origin-path stands for (`prod/`), or ''. */
    keyPrefix;
    /** `/` + the index document as it is sent, or '' when off. */
    indexSuffix;
    options;
    constructor(options) {
        this.options = options;
        this.notes = emptyNotes(options);
        this.keyPrefix = options.originPath ? `${options.originPath.slice(1)}/` : '';
        this.indexSuffix = options.indexDocument ? encodePath(browserPath(options.indexDocument)) : '';
    }
    /** Reads every line; `source` names the input in errors (`paths`, `paths-file changed.txt`). */
    add(lines, source) {
        for (const line of lines)
            this.addLine(line, source);
        this.notes.covering = [...this.covered.values()];
        this.notes.plusKeys = this.plusPaths.size;
        return this;
    }
    addLine(line, source) {
        // Most lines of a long list are URL paths: no LineItem for them.
        if (line.charCodeAt(0) === 0x2f /* / */) {
            this.addPath(normalisePath(line, source));
            return;
        }
        const item = readSourceLine(line);
        switch (item.kind) {
            case 'ignored':
                this.notes.cliIgnored++;
                return;
            case 'path':
                if (isCacheTag(item.text)) {
                    this.push(normaliseCacheTag(item.text, source));
                    return;
                }
                refuseNonPath(item.text, source);
                this.addPath(normalisePath(item.text, source));
                return;
            case 'url':
                this.notes.urls++;
                this.addPath(normalisePath(item.text, source));
                return;
            case 'key':
                if (item.from === 'cli')
                    this.notes.cliKeys++;
                else
                    this.notes.s3Keys++;
                this.addKeyPath(encodePath(browserPath(this.pathOfKey(item.key, item.uri, source))), {
                    s3: { bucket: item.bucket, key: item.key },
                    ...(item.deleted ? { deleted: 'a delete: line of the sync output' } : {})
                });
        }
    }
    /** A key's path, and its `%2B` form when it holds a `+` (plusForm). */
    addKeyPath(path, object) {
        this.addPath(path, object);
        const plus = plusForm(path);
        if (plus === undefined)
            return;
        this.plusPaths.add(plus);
        this.addPath(plus, object);
    }
    pathOfKey(key, uri, source) {
        if (key === '') {
            throw new errors/* UserError */.yo(`${source}: "${uri}" names a bucket, not an object. Give an object's key (s3://bucket/index.html), or a path wildcard such as /*.`);
        }
        if (!this.keyPrefix)
            return key;
        if (key.startsWith(this.keyPrefix))
            return key.slice(this.keyPrefix.length);
        throw new errors/* UserError */.yo(`origin-path: the key "${key}" (${source}) is not under the origin path ${this.options.originPath}, so this distribution does not serve it and nothing was invalidated. Set origin-path to the distribution's origin path, or list only keys under ${this.keyPrefix}.`);
    }
    /**
     * A path as a browser requests it: with its index directory, each covered where CloudFront refuses it.
     * `object`: the S3 object it was read from, when it was a key.
     */
    addPath(path, object) {
        const fromKey = object !== undefined;
        this.send(path, fromKey);
        const keep = object !== undefined && this.options.keepObjects === true;
        if (keep)
            this.objects.set(path, object);
        const suffix = this.indexSuffix;
        if (suffix && path.endsWith(suffix) && !isWildcard(path) && !path.includes('?')) {
            const directory = path.slice(0, path.length - suffix.length + 1);
            if (this.send(directory, fromKey))
                this.notes.indexAdded.push({ path: directory, because: path });
            if (keep)
                this.objects.set(directory, object);
        }
    }
    /** Sends a path, or the wildcard that covers it; true when that was new. */
    send(path, fromKey) {
        const at = refusedAt(path, fromKey);
        if (at === -1)
            return this.push(path);
        const wildcard = `${path.slice(0, at)}*`;
        const known = this.covered.get(wildcard);
        if (!this.coveredPaths.has(path)) {
            this.coveredPaths.add(path);
            if (known)
                known.covers++;
            else
                this.covered.set(wildcard, {
                    path: wildcard,
                    character: path[at],
                    covers: 1,
                    example: path
                });
        }
        return this.push(wildcard);
    }
    /** True when `path` (a path as browsers request it, before covering) was read as a changed item. */
    has(path) {
        return this.seen.has(path) || this.coveredPaths.has(path);
    }
    /**
     * The changed objects as browsers request them: the items that name one object (no cache tag, no
     * wildcard, no directory path), and those sent as a covering wildcard.
     */
    objectPaths() {
        const out = this.items.filter(item => !isCacheTag(item) && !isWildcard(item) && !item.endsWith('/'));
        const all = [...out, ...this.coveredPaths];
        return this.plusPaths.size === 0 ? all : all.filter(path => !this.plusPaths.has(path));
    }
    push(item) {
        const size = this.seen.size;
        // One Set operation per item, not has() then add(): hashing a million new strings is most of the cost.
        this.seen.add(isCacheTag(item) ? item.toLowerCase() : item);
        if (this.seen.size === size)
            return false;
        this.items.push(item);
        return true;
    }
}
/**
 * The other URL of a key holding `+`, or undefined: the path with `%2B` for each `+`. S3's REST endpoint
 * reads a `+` in a path as a space, behind CloudFront too (imgix/js-core#88, dnbert/prm#46), so there
 * the object `a+b.html` is served only at `/a%2Bb.html` (`/a+b.html` is the object `a b.html`), while a
 * website endpoint serves it at `/a+b.html`. CloudFront caches the two apart (its guide: do not encode
 * other characters, "or CloudFront won't invalidate the old version"), and which origin the distribution
 * has is not known here, so both are sent.
 */
function plusForm(path) {
    return path.includes('+') ? path.replaceAll('+', '%2B') : undefined;
}
/**
 * Where CloudFront refuses the path as browsers send it, or -1. A raw `~` is refused with InvalidArgument
 * (aws/aws-sdk-js-v3#4042, apancutt/deploy-aws-s3-cloudfront#6: CloudFront wants RFC 1738 paths, where
 * `~` is unsafe), and `%7E` is accepted but does not clear what browsers request, since they send `~`
 * raw (RFC 3986 made it unreserved). A `*` is a wildcard except as the last character: one inside a key
 * cannot be sent either. A path the user wrote with a `*` inside fails earlier (normalisePath).
 */
function refusedAt(path, fromKey) {
    const tilde = path.indexOf('~');
    if (!fromKey)
        return tilde;
    const star = path.indexOf('*');
    if (star === -1)
        return tilde;
    return tilde === -1 ? star : Math.min(tilde, star);
}

;// CONCATENATED MODULE: ./src/paths/inventory.ts
/**
 * inventory-file: the site's objects after the deploy, one a line, read against the changed paths
 * (PathReader) into what compaction may clear.
 * Pure: no I/O, no logging.
 */



/**
 * Reads inventory-file: one object a line, in the forms paths-file takes (URL paths, URLs, s3:// URIs,
 * aws s3 output), keys mapped through origin-path as for the changes. What is not one object fails:
 * a cache tag, a wildcard, a line of `aws s3 ls`. A `delete:` line of aws s3 output names an object
 * the site no longer holds, so it is left out.
 */
function readInventory(lines, source, options, changed) {
    const keyPrefix = options.originPath ? `${options.originPath.slice(1)}/` : '';
    const paths = new Set();
    for (const line of lines) {
        const path = inventoryPath(line, source, options, keyPrefix);
        if (path !== undefined)
            paths.add(path);
    }
    const unchanged = [];
    for (const path of paths)
        if (!changed.has(path))
            unchanged.push(path);
    const missingPaths = changed.objectPaths().filter(path => !paths.has(path));
    return { objects: paths.size, unchanged, missing: missingPaths.length, missingPaths };
}
function inventoryPath(line, source, options, keyPrefix) {
    const fix = (why) => new errors/* UserError */.yo(`${source}: "${line.slice(0, 80)}${line.length > 80 ? '…' : ''}" ${why}. List one object a line, as s3://bucket/key URIs (the changes action's inventory-file output writes them), URL paths or URLs.`);
    const asPath = (text) => {
        const path = normalisePath(text, source);
        if (isWildcard(path))
            throw fix('is a wildcard, not an object');
        return path;
    };
    if (line.charCodeAt(0) === 0x2f /* / */)
        return asPath(line);
    if (S3_LS.test(line))
        throw fix('is a line of aws s3 ls, which does not name the bucket');
    const item = readSourceLine(line);
    switch (item.kind) {
        case 'ignored':
            return undefined;
        case 'path':
            if (isCacheTag(item.text))
                throw fix('is a cache tag, not an object');
            refuseNonPath(item.text, source);
            return asPath(item.text);
        case 'url':
            return asPath(item.text);
        case 'key': {
            // A `delete:` line names an object the site no longer holds.
            if (item.deleted)
                return undefined;
            if (item.key === '')
                throw fix('names a bucket, not an object');
            if (keyPrefix && !item.key.startsWith(keyPrefix)) {
                throw new errors/* UserError */.yo(`origin-path: the key "${item.key}" (${source}) is not under the origin path ${options.originPath}, so this distribution does not serve it. Set origin-path to the distribution's origin path, or list only keys under ${keyPrefix} in the inventory.`);
            }
            return encodePath(browserPath(item.key.slice(keyPrefix.length)));
        }
    }
}

;// CONCATENATED MODULE: ./src/inputs/path-options.ts
/**
 * The inputs that say how keys map to URLs: origin-path and index-document, each checked into the value
 * PathReader takes (SourceOptions).
 */


/** Checks origin-path, as CloudFront does for an origin's OriginPath; returns it, or '' for none. */
function readOriginPath(raw) {
    const value = raw.trim();
    if (value === '')
        return '';
    const fix = (why, example = '/prod') => new errors/* UserError */.yo(`origin-path: "${value}" ${why}. Give the distribution's origin path as CloudFront shows it (for example ${example}), or leave origin-path empty when the origin has none.`);
    if (/^s3:\/\//i.test(value) || URL_SCHEME.test(value)) {
        throw fix('is a URI; the origin path is only the folder of the bucket the origin reads from');
    }
    if (!value.startsWith('/'))
        throw fix('does not start with /', `/${value.replace(/\/+$/, '')}`);
    if (value === '/')
        throw fix('is only /; an origin path names a folder');
    if (value.endsWith('/'))
        throw fix('ends with /', value.replace(/\/+$/, ''));
    if (/[*?#\\]/.test(value) || value.includes('//') || DOT_SEGMENT.test(value.slice(1))) {
        throw fix('is not a folder path: it may not hold *, ?, #, \\, // or . and .. segments');
    }
    return value;
}
/** Checks index-document: a file name, or '' to add no directories. */
function readIndexDocument(raw) {
    const value = raw.trim();
    if (value === '')
        return '';
    if (/[/\\*?#]/.test(value) || value === '.' || value === '..') {
        throw new errors/* UserError */.yo(`index-document: "${value}" is not a file name. Give the name of the file a directory URL serves (for example index.html), without / or wildcards; leave it empty to add no directories.`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/inputs/verify.ts
/**
 * The inputs of verifying and of waiting on an earlier invalidation: verify, verify-url, invalidation-id,
 * checked against the other inputs inputs.ts read (caller-reference, paths and paths-file).
 */


// CloudFront's invalidation IDs are upper-case letters and digits (I2J0I21PCUYOIK in the API reference).
const INVALIDATION_ID = /^[A-Z0-9]{5,64}$/;
function readVerifySettings(getInput, given) {
    const verify = readBoolean(getInput, 'verify');
    const rawUrl = getInput('verify-url').trim();
    if (rawUrl && !verify) {
        throw new errors/* UserError */.yo('verify-url is set but verify is not: set verify: true to check the site at verify-url, or remove verify-url.');
    }
    const rawId = getInput('invalidation-id').trim();
    if (rawId && !INVALIDATION_ID.test(rawId)) {
        const id = rawId.replace(/^["']|["']$/g, '');
        const fix = INVALIDATION_ID.test(id)
            ? `remove the quotes: ${id}`
            : INVALIDATION_ID.test(id.toUpperCase())
                ? `IDs are upper case: ${id.toUpperCase()}`
                : 'give the ID a step wrote to its invalidation-id output (for example I2J0I21PCUYOIK)';
        throw new errors/* UserError */.yo(`invalidation-id: "${rawId.slice(0, 80)}" is not a CloudFront invalidation ID; ${fix}.`);
    }
    if (rawId) {
        if (given.callerReference) {
            throw new errors/* UserError */.yo('caller-reference: invalidation-id waits on an invalidation made earlier and creates none, so there is no request to name; remove caller-reference, or remove invalidation-id to create an invalidation.');
        }
        if (!verify && given.paths) {
            throw new errors/* UserError */.yo('paths: invalidation-id waits on an invalidation made earlier and sends no paths; with verify: true, paths and paths-file name the changed files to check (useful when the invalidation holds wildcards). Remove paths and paths-file, or set verify: true.');
        }
    }
    return {
        verify,
        ...(rawUrl ? { site: readSiteUrl(rawUrl) } : {}),
        ...(rawId ? { invalidationId: rawId } : {})
    };
}
/**
 * verify-url as given: an http(s) URL of a site root, without credentials, query or fragment. A path
 * other than `/` is refused: the invalidated paths are the site's own paths from its root.
 */
function readSiteUrl(raw, input = 'verify-url') {
    const text = raw.trim();
    let url;
    try {
        url = /[\s]/.test(text)
            ? undefined
            : new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    }
    catch {
        url = undefined;
    }
    const example = 'for example https://www.example.com';
    if (!url || !url.hostname)
        throw new errors/* UserError */.yo(`${input}: "${text.slice(0, 200)}" is not a URL; give the site's address, ${example}.`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* UserError */.yo(`${input}: only http:// and https:// sites can be verified, not ${url.protocol.slice(0, -1)}; ${example}.`);
    }
    if (url.username || url.password) {
        throw new errors/* UserError */.yo(`${input}: remove the user name and password from the URL; verify sends no credentials, as a visitor's browser sends none.`);
    }
    if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
        throw new errors/* UserError */.yo(`${input}: give the site's root alone (${url.protocol}//${url.host}), without a path, query or fragment; the invalidated paths are requested from it.`);
    }
    return { origin: `${url.protocol}//${url.host}`, hostname: url.hostname.toLowerCase() };
}

;// CONCATENATED MODULE: ./src/inputs/targets.ts
/** The target inputs: distribution-id, distribution-tenant-id, distribution-alias and distribution-tag. */


const DISTRIBUTION_ID = /^[A-Z0-9]{10,20}$/;
// CloudFront's tenant IDs: dt_ and letters and digits (dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB in the AWS CLI's
// examples), at most 64 characters in all (the API reference's length constraint). - and _ are let
// through too: nothing documents that they never appear, and a refused real ID would block a deploy.
const TENANT_ID = /^dt_[\w-]{1,61}$/;
// A DNS name CloudFront accepts as an alternate domain name: labels of letters, digits and hyphens, the
// first of which may be the wildcard `*`.
const DOMAIN_NAME = /^(\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** The distributions and tenants named by ID, alias and tag; at least one must be. */
function readTargets(getInput) {
    const targets = {
        distributionIds: readDistributionIds(getInput('distribution-id')),
        distributionTenantIds: readDistributionTenantIds(getInput('distribution-tenant-id')),
        distributionAliases: readDistributionAliases(getInput('distribution-alias')),
        distributionTags: readDistributionTags(getInput('distribution-tag'))
    };
    if (Object.values(targets).every(named => named.length === 0)) {
        throw new errors/* UserError */.yo("distribution-id, distribution-tenant-id, distribution-alias or distribution-tag is required: set at least one of them, for example distribution-id: E2QWRUHAPOMQZL (shown in the CloudFront console), distribution-tenant-id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB (a tenant of a multi-tenant distribution), distribution-alias: www.example.com (an alternate domain name of the distribution, or a tenant's domain), or distribution-tag: environment=production.");
    }
    return targets;
}
/** Items separated by newlines, commas or spaces, each once, in order. */
function splitList(raw) {
    return [...new Set(raw.split(/[\s,]+/).filter(item => item.length > 0))];
}
function readDistributionIds(raw) {
    const ids = splitList(raw);
    for (const id of ids) {
        if (!DISTRIBUTION_ID.test(id))
            throw new errors/* UserError */.yo(explainBadDistributionId(id));
    }
    return ids;
}
/** What a value wrapped in quotes (YAML quoting the runner passed on as it is) should have been. */
function unquoted(value) {
    const inner = /^(["'`])(.*)\1$/.exec(value)?.[2];
    return inner === undefined || inner === '' ? undefined : inner;
}
function explainBadDistributionId(id) {
    const base = `distribution-id: "${id}" is not a CloudFront distribution ID`;
    const inner = unquoted(id);
    if (inner && DISTRIBUTION_ID.test(inner))
        return `${base}; remove the quotes around it: ${inner}.`;
    if (TENANT_ID.test(id) || /:distribution-tenant\//.test(id)) {
        return `${base}; it names a distribution tenant. Give it as distribution-tenant-id instead.`;
    }
    const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(id)?.[1];
    if (arnId)
        return `${base}; it is the distribution's ARN. Use the ID alone: ${arnId}.`;
    if (/\.cloudfront\.net$/i.test(id)) {
        return `${base}; it is the distribution's domain name. Use its ID (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`;
    }
    if (DISTRIBUTION_ID.test(id.toUpperCase())) {
        return `${base}; IDs are upper case. Use ${id.toUpperCase()}.`;
    }
    return `${base}. An ID is 10 to 20 upper-case letters and digits (for example E2QWRUHAPOMQZL), shown in the CloudFront console.`;
}
function readDistributionTenantIds(raw) {
    const ids = splitList(raw);
    for (const id of ids) {
        if (!TENANT_ID.test(id))
            throw new errors/* UserError */.yo(explainBadTenantId(id));
    }
    return ids;
}
function explainBadTenantId(id) {
    const base = `distribution-tenant-id: "${id}" is not a CloudFront distribution tenant ID`;
    const inner = unquoted(id);
    if (inner && TENANT_ID.test(inner))
        return `${base}; remove the quotes around it: ${inner}.`;
    const arnId = /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution-tenant\/(dt_[\w-]+)$/.exec(id)?.[1];
    if (arnId)
        return `${base}; it is the tenant's ARN. Use the ID alone: ${arnId}.`;
    if (/^dt_/i.test(id) && TENANT_ID.test(`dt_${id.slice(3)}`)) {
        return `${base}; a tenant ID starts with dt_ in lower case (the rest keeps its case): dt_${id.slice(3)}.`;
    }
    if (DISTRIBUTION_ID.test(id)) {
        return `${base}; it looks like a distribution ID. Give it as distribution-id instead (a multi-tenant distribution's ID invalidates every tenant of it).`;
    }
    if (id.includes('.')) {
        const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(id)?.[1] ?? id;
        return `${base}; it looks like a domain name. Give ${host} as distribution-alias instead, which finds the tenant by its domain.`;
    }
    return `${base}. A tenant ID is dt_ followed by letters and digits (for example dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB), shown in the CloudFront console under Distribution tenants; a tenant's name is not its ID.`;
}
function readDistributionAliases(raw) {
    // DNS names are case-insensitive, and a trailing dot only marks a fully qualified name.
    const aliases = splitList(raw.toLowerCase()).map(alias => alias.replace(/\.$/, ''));
    for (const alias of aliases) {
        if (DOMAIN_NAME.test(alias))
            continue;
        const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/.exec(alias)?.[1];
        const fix = host
            ? `Use the domain name alone: ${host}.`
            : 'Use an alternate domain name (CNAME) of the distribution, for example www.example.com.';
        throw new errors/* UserError */.yo(`distribution-alias: "${alias}" is not a domain name. ${fix}`);
    }
    return [...new Set(aliases)];
}
// CloudFront's Tag type (API_Tag): keys and values hold letters, digits, spaces and _ . : / = + - @ only
// (pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]*), so no tag holds a comma: a comma can separate tags with no escape.
const NOT_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
/**
 * `key=value`, one per line or several on a line separated by commas, as the other distribution inputs
 * take lists. Why commas and not the other choice (one tag a line, and a hint when nothing matches): no
 * CloudFront tag can hold a comma (NOT_TAG_CHARACTER), so `env=prod,site=x` can only mean two tags, and no
 * escape is needed. Spaces do not separate: a tag value may hold them (`team=web docs`).
 */
function readDistributionTags(raw) {
    const tags = new Map();
    for (const line of splitLines(raw)) {
        // The AWS CLI's shorthand (--tags Key=env,Value=prod) would read as two tags, Key=env and Value=prod.
        const shorthand = /^Key\s*=\s*([^,]*),\s*Values?\s*=\s*([^,]*)$/i.exec(line);
        if (shorthand) {
            throw new errors/* UserError */.yo(`distribution-tag: "${line}" is the AWS CLI's Key=…,Value=… form. Write the tag as key=value: ${shorthand[1]?.trim()}=${shorthand[2]?.trim()}.`);
        }
    }
    const items = splitLines(raw).flatMap(line => line.split(',').map(item => item.trim()));
    for (const item of items.filter(item => item !== '')) {
        const equals = item.indexOf('=');
        const key = item.slice(0, equals).trim();
        const value = item.slice(equals + 1).trim();
        if (equals === -1 || key === '') {
            throw new errors/* UserError */.yo(`distribution-tag: "${item}" is not key=value. Write the tag's key and value, for example environment=production (several tags one per line or separated by commas).`);
        }
        const bad = NOT_TAG_CHARACTER.exec(`${key}${value}`)?.[0];
        if (bad !== undefined) {
            const fix = /["'`]/.test(bad)
                ? 'Remove the quotes'
                : bad === '*'
                    ? 'A tag matches exactly, with no wildcard: give the whole value'
                    : 'Give the tag as the CloudFront console shows it';
            throw new errors/* UserError */.yo(`distribution-tag: "${item}" holds ${JSON.stringify(bad)}, which no CloudFront tag can hold (only letters, digits, spaces and _ . : / = + - @). ${fix}.`);
        }
        // CloudFront's limits on tags.
        if (key.length > 128 || value.length > 256) {
            throw new errors/* UserError */.yo(`distribution-tag: "${item}" is too long; a tag key has at most 128 characters and its value at most 256.`);
        }
        tags.set(`${key}=${value}`, { key, value });
    }
    return [...tags.values()];
}

;// CONCATENATED MODULE: ./src/inputs/inputs.ts












/** The runner passes every input as a string; an absent one is ''. */
function readSettings(getInput, readFile = path => (0,external_node_fs_.readFileSync)(path), env = process.env) {
    const targets = readTargets(getInput);
    // Read once: invalidation-id rules some of them out before the paths are read.
    const given = {
        paths: getInput('paths'),
        pathsFile: getInput('paths-file').trim(),
        callerReference: getInput('caller-reference')
    };
    const verify = readVerifySettings(getInput, {
        callerReference: given.callerReference.trim() !== '',
        paths: given.paths.trim() !== '' || given.pathsFile !== ''
    });
    const paths = readPathSettings(getInput, readFile, verify.verify, given);
    const waiting = readWaitSettings(getInput, verify);
    const credentials = readCredentialSettings(getInput, env);
    return {
        ...targets,
        ...paths,
        ...waiting,
        callerReference: readCallerReference(given.callerReference),
        dryRun: readBoolean(getInput, 'dry-run'),
        verify,
        credentials
    };
}
/** What to invalidate: the paths, how S3 keys map to them, the site's inventory, and the most to send. */
function readPathSettings(getInput, readFile, verify, given) {
    const options = {
        originPath: readOriginPath(getInput('origin-path')),
        indexDocument: readIndexDocument(getInput('index-document')),
        keepObjects: verify
    };
    const { paths, pathsSource, pathNotes, reader } = readPaths(given, readFile, options);
    const inventoryFile = getInput('inventory-file').trim();
    // Without paths the default /* is sent: there is nothing to compact, and no changed paths to compare.
    const inventory = inventoryFile && reader ? readInventoryFile(inventoryFile, readFile, options, reader) : undefined;
    const maxPaths = readInteger(getInput, 'max-paths', {
        min: 1,
        max: MAX_PATHS,
        fallback: DEFAULT_MAX_PATHS,
        unit: 'paths',
        hint: `CloudFront accepts at most ${MAX_PATHS} paths in progress per distribution, and bills each path beyond the first 1,000 a month; longer lists are compacted into wildcards to fit.`
    });
    return {
        paths,
        pathsSource,
        pathNotes,
        pathsGiven: reader !== undefined,
        changedFiles: verify && reader ? withCoveredPaths(reader) : paths,
        changedObjects: verify && reader ? changedObjects(reader, inventory) : new Map(),
        originPath: options.originPath,
        indexDocument: options.indexDocument,
        maxPaths,
        ...(inventory ? { inventory } : {}),
        inventoryFile
    };
}
/** Whether and how long to wait for the invalidations to complete. */
function readWaitSettings(getInput, verify) {
    // Verifying needs the invalidation Completed, and invalidation-id is there to wait.
    const wait = readBoolean(getInput, 'wait') || verify.verify || verify.invalidationId !== undefined;
    const waitTimeoutSeconds = readInteger(getInput, 'wait-timeout', { min: 1, max: 6 * 3600, fallback: 1800 });
    // True unless set: action.yml's default, and what a step that never heard of it expects.
    const failOnTimeout = getInput('fail-on-timeout').trim() === '' || readBoolean(getInput, 'fail-on-timeout');
    return { wait, waitTimeoutSeconds, failOnTimeout };
}
function readPaths(given, readFile, options) {
    const inline = splitPathsInput(given.paths);
    const file = given.pathsFile;
    const fromFile = file ? splitLines(decodePathsFile(readListFile(file, readFile, 'paths-file'), file)) : [];
    if (inline.length === 0 && !file) {
        return { paths: [EVERYTHING], pathsSource: `default (${EVERYTHING})`, pathNotes: emptyNotes(options) };
    }
    // Read every line first: a key outside origin-path fails the step before anything is sent. An empty
    // list (or only CLI progress) is a deploy that changed nothing: there is nothing to invalidate.
    const reader = new PathReader(options).add(inline, 'paths').add(fromFile, `paths-file ${file}`);
    const sources = [inline.length > 0 ? 'paths' : '', file ? `paths-file ${file}` : ''].filter(Boolean);
    return { paths: reader.items, pathsSource: sources.join(' and '), pathNotes: reader.notes, reader };
}
function withCoveredPaths(reader) {
    const sent = new Set(reader.items);
    return [...reader.items, ...reader.objectPaths().filter(path => !sent.has(path))];
}
/** The objects behind the changed paths; a changed object the inventory lacks was deleted. */
function changedObjects(reader, inventory) {
    const objects = new Map();
    for (const [path, object] of reader.objects) {
        objects.set(path, object.s3?.key.includes('+') ? { ...object, derived: 'plus' } : object);
    }
    for (const { path } of reader.notes.indexAdded)
        objects.set(path, { ...objects.get(path), derived: 'directory' });
    for (const path of inventory?.missingPaths ?? []) {
        const known = objects.get(path);
        if (!known?.deleted)
            objects.set(path, { ...known, deleted: 'inventory-file does not hold it' });
    }
    return objects;
}
/** The site's objects from inventory-file; the paths read tell which of them changed. */
function readInventoryFile(file, readFile, options, reader) {
    const lines = splitLines(decodePathsFile(readListFile(file, readFile, 'inventory-file'), file, 'inventory-file'));
    return readInventory(lines, `inventory-file ${file}`, options, reader);
}
/** The bytes of paths-file or inventory-file; a file that cannot be read fails the step, naming it. */
function readListFile(file, readFile, input) {
    let bytes;
    try {
        bytes = readFile((0,external_node_path_.resolve)(file));
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT'
            ? 'does not exist'
            : code === 'EISDIR'
                ? 'is a directory'
                : code === 'EACCES'
                    ? 'is not readable'
                    : `could not be read (${(0,errors/* errorMessage */.gJ)(error)})`;
        throw new errors/* UserError */.yo(`${input}: ${file} ${why} (looked in ${(0,external_node_path_.resolve)(file)}). Write it in an earlier step of the same job, or give a path relative to the workspace.`);
    }
    return bytes;
}
function readCallerReference(raw) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    if (value.length > 128) {
        throw new errors/* UserError */.yo(`caller-reference: ${value.length} characters is too long; use at most 128.`);
    }
    return value;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-cjs/index.js
var dist_cjs = __webpack_require__(3169);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/aws/profile.ts
/**
 * Why the AWS SDK's default chain found no credentials for the profile AWS_PROFILE names. The SDK only
 * says "Could not load credentials from any providers" for a profile that does not exist or holds no
 * credentials; this reads the same shared files it reads and names the likely cause.
 */



/** The settings in a profile that give credentials, whichever way; one of them must be there. */
const CREDENTIAL_SETTINGS = [
    'aws_access_key_id',
    'role_arn',
    'sso_session',
    'sso_start_url',
    'credential_process',
    'web_identity_token_file'
];
/** Each profile's setting names. The config file writes `[profile NAME]` (and `[default]`); credentials `[NAME]`. */
function profilesIn(text, kind) {
    const profiles = new Map();
    let current;
    for (const line of text.split(/\r?\n/)) {
        const header = /^\s*\[\s*([^[\]]+?)\s*\]/.exec(line);
        if (header) {
            const section = header[1] ?? '';
            const named = /^profile\s+(.+)$/.exec(section);
            // In the config file, other sections (sso-session NAME, services NAME) are no profiles.
            const name = kind === 'credentials'
                ? section
                : named
                    ? (named[1] ?? '')
                    : section === 'default'
                        ? section
                        : undefined;
            current = name === undefined ? undefined : (profiles.get(name) ?? new Set());
            if (name !== undefined && current)
                profiles.set(name, current);
            continue;
        }
        const setting = /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(line);
        if (setting && current)
            current.add((setting[1] ?? '').toLowerCase());
    }
    return profiles;
}
/** The likely cause, as a sentence, for a profile the chain could not load credentials from. */
function profileCause(profile, config, credentials) {
    const settings = new Set([
        ...(profilesIn(config.text ?? '', 'config').get(profile) ?? []),
        ...(profilesIn(credentials.text ?? '', 'credentials').get(profile) ?? [])
    ]);
    const where = (file) => {
        const notes = [file.variable, file.text === undefined ? 'no such file' : undefined].filter(Boolean);
        return notes.length > 0 ? `${file.path} (${notes.join('; ')})` : file.path;
    };
    const found = profilesIn(config.text ?? '', 'config').has(profile) ||
        profilesIn(credentials.text ?? '', 'credentials').has(profile);
    if (!found) {
        return `The profile is in neither ${where(config)} nor ${where(credentials)}: check the name in AWS_PROFILE, and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE if the files are elsewhere.`;
    }
    if (settings.has('sso_session') || settings.has('sso_start_url')) {
        return `The profile signs in with AWS IAM Identity Center (SSO), and its session has expired or was never started: run aws sso login --profile ${profile} (a GitHub job cannot sign in this way).`;
    }
    if (settings.has('role_arn')) {
        return 'The profile assumes a role (role_arn), and its source_profile or credential_source gave no credentials to assume it with.';
    }
    if (settings.has('credential_process')) {
        return 'The profile gets credentials from its credential_process, which failed or printed none.';
    }
    if (!CREDENTIAL_SETTINGS.some(name => settings.has(name))) {
        return `The profile holds no credentials: none of ${CREDENTIAL_SETTINGS.join(', ')} is set for it in ${config.path} or ${credentials.path}.`;
    }
    return 'The profile is set up, but its credentials could not be loaded: see the reason in parentheses.';
}
function readOrUndefined(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * The profile AWS_PROFILE names and its likely cause, when one is set; the shared files are found where the
 * SDK looks for them.
 */
function explainProfile(env = process.env, read = readOrUndefined) {
    const profile = env.AWS_PROFILE?.trim();
    if (!profile)
        return undefined;
    const file = (variable, name) => {
        const set = env[variable]?.trim();
        const home = env.HOME || env.USERPROFILE || (0,external_node_os_.homedir)();
        // The SDK expands a leading ~/ in these variables too.
        const path = set ? (set.startsWith('~/') ? (0,external_node_path_.join)(home, set.slice(2)) : set) : (0,external_node_path_.join)(home, '.aws', name);
        return { path, ...(set ? { variable } : {}), text: read(path) };
    };
    return {
        profile,
        cause: profileCause(profile, file('AWS_CONFIG_FILE', 'config'), file('AWS_SHARED_CREDENTIALS_FILE', 'credentials'))
    };
}

// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(3609);
;// CONCATENATED MODULE: ./src/aws/sdk-error.ts
/**
 * What an AWS SDK error says of itself: its name (the service's error code) and the HTTP status of the
 * answer, read here and nowhere else; and the SDK's own error inside one explainWith (aws-config.ts) has
 * explained.
 */

/**
 * The error's name: for an SDK error the service's error code (`AccessDenied`, `NoSuchInvalidation`), for
 * one of Node's its kind (`TimeoutError`); '' for a thrown value without one.
 */
function errorName(error) {
    const name = error?.name;
    return typeof name === 'string' ? name : '';
}
/** The HTTP status of the answer the call failed with; undefined when no answer came. */
function httpStatus(error) {
    return error?.$metadata?.httpStatusCode;
}
/** The SDK's error itself: explainWith keeps it as the cause of the error it returns. */
function sdkError(error) {
    return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}
/**
 * A call that may have done its work although it failed: it got no answer (cut off, dropped, timed out),
 * or a 5xx, after which the service may have acted all the same. Throttling and the other 4xx refusals
 * did nothing, nor did a connection refused or a host name that does not resolve (never reached).
 */
function mayHaveActed(error) {
    const cause = sdkError(error);
    const code = cause?.code;
    if (typeof code === 'string' && NEVER_REACHED.has(code))
        return false;
    if (cause instanceof Error && (0,retry.isThrottlingError)(cause))
        return false;
    const status = httpStatus(cause);
    return status === undefined || status >= 500;
}
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

;// CONCATENATED MODULE: ./src/common/version.ts
/** Kept equal to package.json's version by a unit test; named in the AWS user agent. */
const ACTION_NAME = 'cloudfront-invalidate-action';
const ACTION_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/aws/aws-config.ts





/**
 * What every AWS client of both actions shares: the credentials, the timeouts and proxy, and the user
 * agent. Region and retries are each client's own (CloudFront signs in us-east-1, S3 in the bucket's region).
 */
function sharedClientConfig(credentials, proxy = readProxySettings(process.env), 
/** The GitHub run, added to the user agent so a call can be traced from CloudTrail to its run. */
run) {
    return {
        ...(credentials ? { credentials } : {}),
        requestHandler: requestHandlerOptions(proxy),
        customUserAgent: `${ACTION_NAME}/${ACTION_VERSION}${run ? ` run/${run}` : ''}`
    };
}
const CREDENTIAL_ERRORS = new Set([
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'ExpiredToken',
    'ExpiredTokenException',
    'UnrecognizedClientException',
    'InvalidAccessKeyId'
]);
/**
 * The session credentials of the job expired. role-to-assume sessions are renewed before they expire
 * (credentials.ts), so these came from the environment: usually configure-aws-credentials, whose sessions
 * last 1 hour unless its role-duration-seconds says otherwise.
 */
const EXPIRED = 'The AWS session credentials expired during the step';
const EXPIRED_FIX = "This step does not renew credentials exported by an earlier step (aws-actions/configure-aws-credentials' sessions last 1 hour by default): raise role-duration-seconds in the step that made them so that they last through this one, or set role-to-assume on this step, which renews its own session.";
/** The usual fix: credentials that a GitHub job gets without any profile. */
const CONFIGURE_CREDENTIALS = 'aws-actions/configure-aws-credentials before this step, or set role-to-assume to an IAM role ARN and give the job permissions: id-token: write.';
/**
 * The default chain found nothing usable; its own reason follows. With AWS_PROFILE set, the message names
 * the profile and its likely cause, which the SDK's "from any providers" does not.
 */
function noCredentials(error, env = process.env) {
    const reason = (0,errors/* errorMessage */.gJ)(error).split('\n')[0];
    const profile = explainProfile(env);
    const text = profile
        ? `No AWS credentials found for AWS_PROFILE=${profile.profile} (${reason}). ${profile.cause} In a GitHub job, you can instead unset AWS_PROFILE and add ${CONFIGURE_CREDENTIALS}`
        : `No AWS credentials found (${reason}). Add ${CONFIGURE_CREDENTIALS}`;
    return Object.assign(new errors/* UserError */.yo(text), { cause: error });
}
/** What every call's errors have in common: missing or refused credentials. Undefined for the rest. */
function explainCredentialError(error) {
    const name = errorName(error);
    const message = (0,errors/* errorMessage */.gJ)(error);
    if (name === 'CredentialsProviderError')
        return noCredentials(error);
    if (!CREDENTIAL_ERRORS.has(name))
        return undefined;
    // Session credentials that ran out mid-step: nothing is wrong with the keys, only with how long they last.
    if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
        return Object.assign(new errors/* UserError */.yo(`${EXPIRED} (${name}: ${message}). ${EXPIRED_FIX}`), { cause: error });
    }
    return Object.assign(new errors/* UserError */.yo(`The AWS credentials were refused (${name}: ${message}). Check the secrets or role that configure them; a session token must come with its keys.`), { cause: error });
}
/**
 * What every call does with its errors: missing or refused credentials explained the same way, then the
 * call's own fixable cases (`specific`), and anything else as `failed: <name>: <message>` with its cause.
 */
function explainWith(error, failed, specific) {
    // Already explained: a renewal of role-to-assume's session that failed, raised inside the SDK's call.
    if (error instanceof errors/* UserError */.yo)
        return error;
    const credentialError = explainCredentialError(error);
    if (credentialError)
        return credentialError;
    const name = errorName(error);
    const message = (0,errors/* errorMessage */.gJ)(error);
    const explain = (text) => Object.assign(new errors/* UserError */.yo(text), { cause: error });
    return (specific({ name, message, status: httpStatus(error), explain }) ??
        Object.assign(new Error(`${failed} failed: ${name ? `${name}: ` : ''}${message}`), error instanceof Error ? { cause: error } : {}));
}
/** An AWS service a step calls, and how the SDK picks its endpoint when no variable names one. */
const ENDPOINTS = {
    CloudFront: {
        variable: 'AWS_ENDPOINT_URL_CLOUDFRONT',
        url: (china) => china ? 'https://cloudfront.cn-northwest-1.amazonaws.com.cn' : 'https://cloudfront.amazonaws.com'
    },
    STS: {
        variable: 'AWS_ENDPOINT_URL_STS',
        url: (china, region = 'us-east-1') => `https://sts.${region}.amazonaws.com${china ? '.cn' : ''}`
    },
    'Resource Groups Tagging': {
        variable: 'AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API',
        url: () => 'https://tagging.us-east-1.amazonaws.com'
    },
    S3: { variable: 'AWS_ENDPOINT_URL_S3', url: () => 'https://s3.amazonaws.com' }
};
/**
 * The endpoints of `services` as the SDK will choose them (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
 * or the service's own for the region), for what the log says of the proxy. One that is no URL is left out.
 */
function endpointsOf(services, region, env) {
    const china = region?.startsWith('cn-') === true;
    return services
        .map(service => {
        const { variable, url } = ENDPOINTS[service];
        return { service, url: env[variable] ?? env.AWS_ENDPOINT_URL ?? url(china, region) };
    })
        .filter(({ url }) => URL.canParse(url));
}

;// CONCATENATED MODULE: ./src/aws/denied.ts
/**
 * Access denied: how AWS names it, and the fix every message of a refusal names in the same words: allow
 * the action in the policy of the role these credentials belong to.
 */
/** AWS's name for a refused call (AccessDeniedException in the JSON protocols). */
function isAccessDenied(name) {
    return name === 'AccessDenied' || name === 'AccessDeniedException';
}
/** The resource of an action that cannot be limited to one (ListDistributions, tag:GetResources). */
const ANY_RESOURCE = 'the resource "*"';
/**
 * What to allow, and where: `s3:ListBucket on arn:aws:s3:::site in the policy of the role these
 * credentials belong to`, the fix every refusal names in the same words, after its `Allow`.
 */
function inRolePolicy(action, resource) {
    return `${action}${resource ? ` on ${resource}` : ''} in the policy of the role these credentials belong to`;
}

;// CONCATENATED MODULE: ./src/cloudfront/client.ts
/**
 * The only CloudFront client of the action, and what every call through it shares: the configuration
 * (region, retries, user agent), the step's pace, the deadline's signal, and the credentials checked first.
 */





/** More than the SDK's default of 3: a deploy should not fail because CloudFront throttled us twice. */
const MAX_ATTEMPTS = 8;
/**
 * What every AWS client of the action shares: CloudFront's region, the credentials, the retries, the
 * timeouts and the user agent. The tagging client (tagging.ts) uses it too, for CloudFront's resources.
 */
function clientConfig(options = {}) {
    return {
        // CloudFront is global and signs in us-east-1, and so is the tagging API for its resources.
        ...sharedClientConfig(options.credentials, options.proxy, options.run),
        region: options.region?.startsWith('cn-') ? options.region : 'us-east-1',
        maxAttempts: MAX_ATTEMPTS
    };
}
/**
 * The only CloudFront client of the action. Honours AWS_ENDPOINT_URL_CLOUDFRONT (the SDK reads it), and
 * without explicit credentials uses the SDK's default chain (what configure-aws-credentials exported).
 */
function createCloudFrontClient(options = {}) {
    return new dist_cjs/* CloudFrontClient */.GHk(clientConfig(options));
}
/**
 * Every call of the client, each of the SDK's own attempts included, first waits for its turn in the
 * step's pace (pace.ts), and tells it whether CloudFront throttled it. It sits just inside the SDK's retry
 * middleware and before signing, so a retried attempt is paced too and is signed when it really goes.
 * Any operation of the client is paced by its name: a tenant's invalidation calls need nothing more.
 * Waiting for a turn ends with the call's abortSignal, or the step's `signal` for a call without one.
 */
function paceClient(client, pace, signal) {
    client.middlewareStack.addRelativeTo((next, context) => async (args) => {
        const bucket = pace.bucket((context.commandName ?? '').replace(/Command$/, ''));
        // The call's own signal, which the SDK hands to middleware for just this: a lookup after the
        // deadline (send/cut-short.ts) has its own grace; else the step's.
        const own = context.__smithy_context?.abortSignal;
        const sending = own instanceof AbortSignal ? SENDINGS.get(own) : undefined;
        if (sending)
            sending.paced = true;
        const turn = await bucket.acquire(own instanceof AbortSignal ? own : signal);
        if (sending)
            sending.sent = true;
        try {
            const output = await next(args);
            turn.record(false);
            return output;
        }
        catch (error) {
            // An answer other than Throttling (a 4xx) says the rate is fine; a 5xx or no answer says nothing.
            const status = httpStatus(error);
            const throttled = error instanceof Error && (0,retry.isThrottlingError)(error);
            if (throttled || (status !== undefined && status < 500))
                turn.record(throttled);
            if (sending)
                sending.attempted(error, status);
            throw error;
        }
        finally {
            turn.release();
        }
    }, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'cloudfrontPaceMiddleware', override: true });
}
/**
 * What became of one call through the pace, across the SDK's own attempts: whether one got its turn and
 * was sent, and whether the service may have acted on it (a try with no answer, or a 5xx, after which it
 * may have all the same; refusals, throttling among them, did nothing). The middleware finds
 * it by the call's abortSignal, made for it here: send/invalidate.ts tracks each create so.
 */
class Sending {
    /** The step's signal, as this call's own object. */
    signal;
    /** The pace saw the call; false through a client without it (a test's), where nothing here is known. */
    paced = false;
    sent = false;
    mayHaveActed = false;
    /** The last answer an attempt got (an error with an HTTP status), to say what refused it. */
    lastAnswer = undefined;
    stop;
    constructor(step) {
        const own = new AbortController();
        const follow = () => {
            own.abort(step.reason);
        };
        if (step.aborted)
            follow();
        else
            step.addEventListener('abort', follow, { once: true });
        this.signal = own.signal;
        this.stop = () => {
            step.removeEventListener('abort', follow);
        };
        SENDINGS.set(own.signal, this);
    }
    attempted(error, status) {
        if (status !== undefined)
            this.lastAnswer = error;
        // Once a try may have acted, a later refusal does not undo it.
        if (mayHaveActed(error))
            this.mayHaveActed = true;
    }
    /** The call is over: its signal no longer follows the step's. */
    done() {
        this.stop();
    }
}
const SENDINGS = new WeakMap();
/**
 * Resolves the client's credentials now, so a missing one fails before any plan is acted on; a cancel
 * or the deadline ends the wait (the default chain's credential_process, metadata or web identity calls
 * take no signal).
 */
async function checkCredentials(client, signal) {
    try {
        await (0,common_clock/* beforeDeadline */.OJ)(() => client.config.credentials(), signal);
    }
    catch (error) {
        if (signal?.aborted)
            throw error;
        throw noCredentials(error);
    }
}
const callOptions = (signal) => (signal ? { abortSignal: signal } : {});

;// CONCATENATED MODULE: ./src/cloudfront/kinds.ts
/**
 * The table of target kinds, a distribution and a tenant: what their invalidation calls and messages do
 * differently, so that calls.ts and errors.ts are one code for both. A new kind is a row here.
 */


const KINDS = {
    distribution: {
        create: {
            operation: 'CreateInvalidation',
            send: (client, id, batch, options) => client.send(new dist_cjs/* CreateInvalidationCommand */.Yo6({ DistributionId: id, InvalidationBatch: batch }), options)
        },
        get: {
            operation: 'GetInvalidation',
            send: (client, id, invalidationId, options) => client.send(new dist_cjs/* GetInvalidationCommand */.Wwh({ DistributionId: id, Id: invalidationId }), options)
        },
        list: {
            operation: 'ListInvalidations',
            send: (client, id, maxItems, options) => client.send(new dist_cjs/* ListInvalidationsCommand */.Psn({ DistributionId: id, MaxItems: maxItems }), options)
        },
        served: {
            operation: 'GetDistribution',
            // The first alias that names a host (`*.example.com` names none a browser can ask for), else the
            // distribution's own *.cloudfront.net name.
            domain: async (client, id, options) => {
                const { Distribution } = await client.send(new dist_cjs/* GetDistributionCommand */.seO({ Id: id }), options);
                const aliases = Distribution?.DistributionConfig?.Aliases?.Items ?? [];
                return aliases.find(alias => alias && !alias.startsWith('*')) ?? Distribution?.DomainName;
            },
            lacking: 'a domain name'
        },
        noun: 'distribution',
        input: 'distribution-id',
        short: 'distribution',
        arn: 'distribution',
        orElse: '',
        missing: {
            name: 'NoSuchDistribution',
            // Its own type: a distribution CloudFront does not know may be a multi-tenant one (tenants.ts).
            error: id => new errors/* NotFoundError */.m_(`No distribution ${id} exists in the AWS account of these credentials. Check distribution-id (or the alias or tag that found it) in the CloudFront console, and that the credentials are for the account that owns the distribution.`)
        },
        inProgressLimits: ': CloudFront allows 3,000 paths, or 15 wildcard paths, in progress at once per distribution'
    },
    tenant: {
        create: {
            operation: 'CreateInvalidationForDistributionTenant',
            send: (client, id, batch, options) => client.send(new dist_cjs/* CreateInvalidationForDistributionTenantCommand */.VRU({ Id: id, InvalidationBatch: batch }), options)
        },
        get: {
            operation: 'GetInvalidationForDistributionTenant',
            send: (client, id, invalidationId, options) => client.send(new dist_cjs/* GetInvalidationForDistributionTenantCommand */.JG$({ DistributionTenantId: id, Id: invalidationId }), options)
        },
        list: {
            operation: 'ListInvalidationsForDistributionTenant',
            send: (client, id, maxItems, options) => client.send(new dist_cjs/* ListInvalidationsForDistributionTenantCommand */.Gu0({ Id: id, MaxItems: maxItems }), options)
        },
        served: {
            operation: 'GetDistributionTenant',
            // The tenant's first domain.
            domain: async (client, id, options) => {
                const answer = await client.send(new dist_cjs/* GetDistributionTenantCommand */.eT6({ Identifier: id }), options);
                return answer.DistributionTenant?.Domains?.find(item => item.Domain && !item.Domain.startsWith('*'))
                    ?.Domain;
            },
            lacking: 'a domain'
        },
        noun: 'distribution tenant',
        input: 'distribution-tenant-id',
        short: 'tenant',
        arn: 'distribution-tenant',
        orElse: ' (or "*")',
        missing: {
            name: 'EntityNotFound',
            error: id => new errors/* UserError */.yo(`No distribution tenant ${id} exists in the AWS account of these credentials. Check distribution-tenant-id (or the alias or distribution that found it) in the CloudFront console, and that the credentials are for the account that owns the tenant.`)
        },
        inProgressLimits: ''
    }
};
/** The ARN a policy allows a call on a target of this kind on. */
const arnOf = (kind, id) => `arn:aws:cloudfront::<account-id>:${kind.arn}/${id}`;
const KIND_OF = new Map(Object.values(KINDS).flatMap(kind => [
    [kind.create.operation, kind],
    [kind.get.operation, kind],
    [kind.list.operation, kind]
]));
/** The kind an invalidation operation is made on (a distribution, when it is none of the table's). */
const kindOf = (operation) => KIND_OF.get(operation) ?? KINDS.distribution;

;// CONCATENATED MODULE: ./src/cloudfront/errors.ts
/**
 * CloudFront's errors that more than one call meets: the ones a user can fix, turned into a UserError that
 * names the permission or the input to change; and the ones worth another try. A call's own refusal is
 * worded with the call.
 */





/** Worth another poll: throttling the SDK's retries gave up on, a 5xx, a dropped or timed-out connection. */
function isTransientAwsError(error) {
    const cause = sdkError(error);
    if (!(cause instanceof Error))
        return false;
    const classified = cause;
    return (0,retry.isThrottlingError)(classified) || (0,retry.isTransientError)(classified) || (0,retry.isServerError)(classified);
}
/** CloudFront's limit on invalidations in progress: clears as earlier ones complete, so worth retrying. */
function isTooManyInvalidations(error) {
    return errorName(sdkError(error)) === 'TooManyInvalidationsInProgress';
}
/** CloudFront does not know the invalidation: explained or not, as the SDK threw it. */
function isNoSuchInvalidation(error) {
    return errorName(sdkError(error)) === 'NoSuchInvalidation';
}
/**
 * The errors of the calls that find distributions (ListDistributions, and the tagging API's GetResources):
 * the fixable ones name the permission and the input that needs it. Neither permission can be limited to
 * one distribution, so the fix names the resource "*".
 */
function explainLookupError(error, permission, input) {
    const operation = permission.slice(permission.indexOf(':') + 1);
    return explainWith(error, `${operation} (for ${input})`, ({ name, message, explain }) => isAccessDenied(name)
        ? explain(`Access denied to ${permission}, which ${input} needs to find distributions. Allow ${inRolePolicy(permission, ANY_RESOURCE)}, or use distribution-id instead. (${message})`)
        : undefined);
}
/**
 * Turns the errors a user can fix into a UserError that names the fix, for a distribution's or a tenant's
 * invalidation (the operation says which; the tenant API's permissions are its own actions'). Others keep
 * their own message; every one keeps the original as its cause.
 */
function explainError(error, operation, id) {
    const kind = kindOf(operation);
    return explainWith(error, `${operation} on ${id}`, ({ name, message, explain }) => {
        if (isAccessDenied(name)) {
            return explain(`Access denied to cloudfront:${operation} on ${kind.noun} ${id}. Allow ${inRolePolicy(`cloudfront:${operation}`, `${arnOf(kind, id)}${kind.orElse}`)}. (${message})`);
        }
        if (name === kind.missing.name)
            return Object.assign(kind.missing.error(id), { cause: error });
        if (name === 'TooManyInvalidationsInProgress') {
            return explain(`Too many invalidations are in progress on ${kind.noun} ${id}${kind.inProgressLimits}, and retrying until wait-timeout did not get through. Invalidate fewer paths (a wildcard such as /assets/* counts as one), or raise wait-timeout.`);
        }
        if (name === 'InvalidationBatchAlreadyExists') {
            return explain(`caller-reference: the CallerReference of this request was already used for a different invalidation of ${id}. Use a new caller-reference for every batch of paths, or leave caller-reference empty so the action derives one.`);
        }
        if (name === 'InvalidArgument' || name === 'BatchTooLarge' || name === 'InconsistentQuantities') {
            return explain(`paths: CloudFront refused the invalidation of ${id} (${name}: ${message}).`);
        }
        return undefined;
    });
}

;// CONCATENATED MODULE: ./src/cloudfront/listings.ts
/**
 * The listings and lookups that find targets: every distribution with its aliases, a multi-tenant
 * distribution's tenants, the tenant serving a domain; and the paging helper they share with tagging.ts.
 */






/** CloudFront's "not found" for the tenant API (the distribution API says NoSuchDistribution). */
const isEntityNotFound = (error) => errorName(error) === 'EntityNotFound';
function toTenant(tenant) {
    if (!tenant.Id)
        return undefined;
    return {
        id: tenant.Id,
        ...(tenant.DistributionId ? { distributionId: tenant.DistributionId } : {}),
        ...(tenant.Name ? { name: tenant.Name } : {}),
        domains: (tenant.Domains ?? []).flatMap(domain => (domain.Domain ? [domain.Domain] : []))
    };
}
/**
 * Every tenant of a multi-tenant distribution (ListDistributionTenants filtered by the distribution),
 * following NextMarker through every page. None for a distribution that has none (or is not known).
 */
async function listDistributionTenants(client, distributionId, signal) {
    try {
        return await allPages('CloudFront answered ListDistributionTenants', 'NextMarker', async (marker) => {
            const response = await client.send(new dist_cjs/* ListDistributionTenantsCommand */.Xvy({
                AssociationFilter: { DistributionId: distributionId },
                ...(marker ? { Marker: marker } : {})
            }), callOptions(signal));
            return {
                items: (response.DistributionTenantList ?? []).flatMap(item => toTenant(item) ?? []),
                next: response.NextMarker
            };
        });
    }
    catch (error) {
        if (isEntityNotFound(error))
            return [];
        // Cut short by the step's signal (a cancel): its reason, which says so, rather than the SDK's abort.
        if (signal?.aborted)
            throw signal.reason;
        throw explainWith(error, `ListDistributionTenants (for ${distributionId})`, ({ name, message, explain }) => isAccessDenied(name)
            ? explain(`CloudFront has no distribution ${distributionId}, and its tenants could not be listed in case it is a multi-tenant one: access denied to cloudfront:ListDistributionTenants. If it is a multi-tenant distribution, allow ${inRolePolicy('cloudfront:ListDistributionTenants', ANY_RESOURCE)}; otherwise check distribution-id. (${message})`)
            : undefined);
    }
}
/** The tenant serving a domain (GetDistributionTenantByDomain), or undefined when none does. */
async function getDistributionTenantByDomain(client, domain, signal) {
    try {
        const response = await client.send(new dist_cjs/* GetDistributionTenantByDomainCommand */.x48({ Domain: domain }), callOptions(signal));
        return response.DistributionTenant ? toTenant(response.DistributionTenant) : undefined;
    }
    catch (error) {
        if (isEntityNotFound(error))
            return undefined;
        throw explainWith(error, `GetDistributionTenantByDomain (for distribution-alias ${domain})`, ({ name, message, explain }) => isAccessDenied(name)
            ? explain(`distribution-alias ${domain} is no alternate domain name of a distribution, and looking it up as the domain of a distribution tenant was denied: access denied to cloudfront:GetDistributionTenantByDomain. Allow ${inRolePolicy('cloudfront:GetDistributionTenantByDomain', ANY_RESOURCE)}, or check the name. (${message})`)
            : undefined);
    }
}
/**
 * Every distribution of the account with its alternate domain names, following NextMarker through every
 * page (CloudFront returns up to 100 distributions a page).
 */
async function listDistributions(client, signal) {
    try {
        return await allPages('CloudFront answered ListDistributions', 'NextMarker', async (marker) => {
            const response = await client.send(new dist_cjs/* ListDistributionsCommand */.jPJ(marker ? { Marker: marker } : {}), callOptions(signal));
            const list = response.DistributionList;
            return {
                items: (list?.Items ?? []).flatMap(item => item.Id
                    ? [
                        {
                            id: item.Id,
                            aliases: item.Aliases?.Items ?? [],
                            ...(item.DomainName ? { domainName: item.DomainName } : {})
                        }
                    ]
                    : []),
                next: list?.IsTruncated ? list.NextMarker : undefined
            };
        });
    }
    catch (error) {
        throw explainLookupError(error, 'cloudfront:ListDistributions', 'distribution-alias');
    }
}
/**
 * Every item of a listing, page by page: `page` fetches the page after `marker` (none for the first) and
 * says the next marker. A marker seen before would page forever, so it fails, naming `answered` and the
 * marker's field.
 */
async function allPages(answered, field, page) {
    const items = [];
    const markers = new Set();
    let marker;
    do {
        const answer = await page(marker);
        items.push(...answer.items);
        marker = answer.next || undefined;
        if (marker && markers.has(marker))
            throw new Error(`${answered} with the same ${field} twice (${marker})`);
        if (marker)
            markers.add(marker);
    } while (marker);
    return items;
}

;// CONCATENATED MODULE: ./src/targets/tagging.ts



/** The tagging API's largest page. */
const RESOURCES_PER_PAGE = 100;
/**
 * The IDs of the distributions carrying each tag, found with the Resource Groups Tagging API's
 * GetResources. Why this API, and not ListDistributions plus ListTagsForResource per distribution: that
 * costs one call per distribution in the account (plus a call per 100 distributions), however few carry
 * the tag; GetResources filters by tag on AWS's side and costs one call per tag (per 100 matches), however
 * many distributions the account has. The price is a second client (loaded only here, so a run without
 * distribution-tag never loads it) and the tag:GetResources permission.
 *
 * `ResourceTypeFilters: ['cloudfront']` and then keeping the ARNs of distributions: real AWS names the
 * type `cloudfront:distribution`, which moto does not match, while both match the service alone (which
 * also returns streaming distributions, and on moto ARNs without the empty region field).
 */
async function findTaggedDistributions(tags, options, signal) {
    // Loaded only when needed: most runs name their distributions by ID and never pay for this client.
    const { ResourceGroupsTaggingAPIClient, GetResourcesCommand } = await __webpack_require__.e(/* import() */ 59).then(__webpack_require__.t.bind(__webpack_require__, 5059, 19));
    // Honours AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API, as the CloudFront client honours its own.
    const client = new ResourceGroupsTaggingAPIClient(clientConfig(options));
    const taggedWith = (tag) => allPages('AWS answered GetResources', 'PaginationToken', async (token) => {
        const response = await client.send(new GetResourcesCommand({
            ResourceTypeFilters: ['cloudfront'],
            TagFilters: [{ Key: tag.key, Values: [tag.value] }],
            ResourcesPerPage: RESOURCES_PER_PAGE,
            ...(token ? { PaginationToken: token } : {})
        }), signal ? { abortSignal: signal } : {});
        return {
            items: (response.ResourceTagMappingList ?? []).flatMap(mapping => distributionIdOf(mapping.ResourceARN ?? '') ?? []),
            next: response.PaginationToken
        };
    });
    try {
        return await Promise.all(tags.map(taggedWith));
    }
    catch (error) {
        throw explainLookupError(error, 'tag:GetResources', 'distribution-tag');
    }
    finally {
        client.destroy();
    }
}
/** `arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL` -> the ID; other resources -> undefined. */
function distributionIdOf(arn) {
    return /^arn:aws[a-z-]*:cloudfront:(?:[^:]*:)?\d*:distribution\/([A-Z0-9]+)$/.exec(arn)?.[1];
}

;// CONCATENATED MODULE: ./src/targets/calls.ts


function lookupCalls(aws, signal, runner) {
    return {
        listDistributions: async () => listDistributions((await aws()).client, signal),
        getTenantByDomain: async (domain) => getDistributionTenantByDomain((await aws()).client, domain, signal),
        findTagged: async (tags) => findTaggedDistributions(tags, (await aws()).options, signal),
        info: message => {
            runner.info(message);
        }
    };
}

;// CONCATENATED MODULE: ./src/targets/lookup.ts

/** The domain names CloudFront gives distributions itself (.cloudfront.cn in the China regions). */
const CLOUDFRONT_DOMAIN = /\.cloudfront\.(net|cn)$/;
/**
 * Whether a request for `name` would be routed by the alternate domain name `alias`, as CloudFront
 * routes: case-insensitive; a wildcard alias `*.example.com` covers exactly one more label
 * (`www.example.com`, but neither `example.com` nor `a.b.example.com`). A name that is itself a wildcard
 * only matches that same wildcard.
 */
function matchAlias(name, alias) {
    const wanted = name.toLowerCase();
    const candidate = alias.toLowerCase();
    if (wanted === candidate)
        return 'exact';
    if (!candidate.startsWith('*.') || wanted.startsWith('*.'))
        return undefined;
    const dot = wanted.indexOf('.');
    return dot > 0 && wanted.slice(dot) === candidate.slice(1) ? 'wildcard' : undefined;
}
/**
 * The one distribution a name is routed to: an exact alias wins over a wildcard. CloudFront lets an alias
 * (and a wildcard) belong to one distribution only, so two at the same rank would mean the list is not
 * one account's; that is refused rather than guessed.
 */
function resolveAlias(name, distributions) {
    // A distribution's own domain name is no alias, but names it as surely.
    if (CLOUDFRONT_DOMAIN.test(name)) {
        const own = distributions.find(distribution => distribution.domainName?.toLowerCase() === name);
        if (own?.domainName)
            return { id: own.id, alias: own.domainName };
    }
    for (const rank of ['exact', 'wildcard']) {
        const found = distributions.flatMap(distribution => distribution.aliases
            .filter(alias => matchAlias(name, alias) === rank)
            .map(alias => ({ id: distribution.id, alias })));
        const [first, second] = found;
        if (second) {
            throw new errors/* UserError */.yo(`distribution-alias: ${name} matches several distributions (${found.map(match => `${match.id} by ${match.alias}`).join(', ')}). Use distribution-id to name the one to invalidate.`);
        }
        if (first)
            return first;
    }
    return undefined;
}
const tagLabel = (tag) => `${tag.key}=${tag.value}`;
/** A tenant as a target, with what is known of it. */
function tenantTarget(tenant) {
    return {
        kind: 'tenant',
        id: tenant.id,
        ...(tenant.distributionId ? { distributionId: tenant.distributionId } : {}),
        ...(tenant.name ? { name: tenant.name } : {})
    };
}
/** `tenant dt_… (name) of E…`, for the log. */
function describeTenant(target) {
    const name = target.name ? ` (${target.name})` : '';
    const of = target.distributionId ? ` of distribution ${target.distributionId}` : '';
    return `distribution tenant ${target.id}${name}${of}`;
}
/**
 * The union of the distributions and tenants named by ID, alias and tag, each once, in that order
 * (distributions before tenants). Only the lookups whose inputs are set call AWS; IDs alone call
 * nothing. An alias is first matched against the distributions' alternate domain names (exact, then
 * wildcard) and their own domain names; only a name no distribution has is asked of the tenants
 * (GetDistributionTenantByDomain), so a step without tenants makes no tenant call. Every alias or tag
 * that matches nothing is named in one error, so a typo in one is not hidden behind another.
 */
async function resolveTargets(targets, deps) {
    const { distributionAliases: aliases, distributionTags: tags } = targets;
    const [distributions, tagged] = await Promise.all([
        aliases.length > 0 ? deps.listDistributions() : [],
        tags.length > 0 ? deps.findTagged(tags) : []
    ]);
    const byAlias = await findByAlias(aliases, distributions, deps);
    const byTag = findByTag(tags, tagged, deps.info);
    const missing = [...byAlias.missing, ...byTag.missing];
    if (missing.length > 0)
        throw new errors/* UserError */.yo(explainMissing(missing, distributions.length));
    return mergeFound([...foundById(targets), ...byAlias.found, ...byTag.found]);
}
function foundById(targets) {
    return [
        ...targets.distributionIds.map((id) => ({
            target: { kind: 'distribution', id },
            source: { by: 'distribution-id' }
        })),
        ...targets.distributionTenantIds.map((id) => ({
            target: { kind: 'tenant', id },
            source: { by: 'distribution-tenant-id' }
        }))
    ];
}
/** Each alias's distribution, or else the tenant whose domain it is (asked of names no distribution has). */
async function findByAlias(aliases, distributions, deps) {
    const byAlias = aliases.map(name => ({ name, match: resolveAlias(name, distributions) }));
    const unmatched = byAlias.filter(({ match }) => !match).map(({ name }) => name);
    const tenants = new Map(await Promise.all(unmatched.map(async (name) => [name, await deps.getTenantByDomain(name)])));
    const lookup = { found: [], missing: [] };
    for (const { name, match } of byAlias) {
        if (match) {
            const via = match.alias.toLowerCase() === name ? '' : ` (by its alias ${match.alias})`;
            deps.info(`distribution-alias ${name} resolved to distribution ${match.id}${via}.`);
            lookup.found.push({ target: { kind: 'distribution', id: match.id }, source: { by: 'alias', name } });
            continue;
        }
        const tenant = tenants.get(name);
        if (!tenant) {
            lookup.missing.push(`distribution-alias ${name}`);
            continue;
        }
        const target = tenantTarget(tenant);
        deps.info(`distribution-alias ${name} resolved to ${describeTenant(target)}.`);
        lookup.found.push({ target, source: { by: 'alias', name } });
    }
    return lookup;
}
/** The distributions carrying each tag; `tagged` holds their IDs, in the order of the tags. */
function findByTag(tags, tagged, info) {
    const lookup = { found: [], missing: [] };
    tags.forEach((tag, index) => {
        const ids = [...new Set(tagged[index] ?? [])];
        if (ids.length === 0) {
            lookup.missing.push(`distribution-tag ${tagLabel(tag)}`);
            return;
        }
        info(`distribution-tag ${tagLabel(tag)} resolved to ${ids.length === 1 ? 'distribution' : 'distributions'} ${ids.join(', ')}.`);
        for (const id of ids) {
            lookup.found.push({ target: { kind: 'distribution', id }, source: { by: 'tag', tag: tagLabel(tag) } });
        }
    });
    return lookup;
}
/** Each distribution and tenant once, with every input that named it. */
function mergeFound(found) {
    const resolved = new Map();
    for (const { target, source } of found) {
        const key = `${target.kind}:${target.id}`;
        const entry = resolved.get(key) ?? { target, foundBy: [] };
        // A lookup may know more of a tenant (its distribution, its name) than its ID alone said.
        if (target.kind === 'tenant')
            entry.target = { ...entry.target, ...target };
        entry.foundBy.push(source);
        resolved.set(key, entry);
    }
    // Distributions first, then tenants, each in the order named: the order of the outputs.
    const rank = ({ target }) => (target.kind === 'tenant' ? 1 : 0);
    return [...resolved.values()].sort((a, b) => rank(a) - rank(b));
}
function explainMissing(missing, listed) {
    const what = missing.length === 1 ? 'matches' : 'match';
    const hints = [
        missing.some(item => item.startsWith('distribution-alias'))
            ? `An alias must be an alternate domain name (CNAME) of a distribution or be covered by a wildcard one, be a distribution's own domain name (d111111abcdef8.cloudfront.net), or be a domain of a distribution tenant; ${listed} distributions were searched, and the tenants by domain.`
            : '',
        missing.some(item => item.startsWith('distribution-tag'))
            ? 'A tag matches when a distribution carries that key with exactly that value (both are case-sensitive).'
            : '',
        // A value may hold spaces, so `env=prod site=x` is one tag; when it matches nothing, say how to give two.
        missing.some(item => /^distribution-tag [^=]*=.*\s[^\s=]+=/.test(item))
            ? 'Spaces do not separate tags (a value may hold them): give several tags one per line or separated by commas.'
            : '',
        'Check the distributions in the CloudFront console, and that the credentials are for the AWS account that owns them.'
    ];
    return `${missing.join(', ')} ${what} no CloudFront distribution. ${hints.filter(Boolean).join(' ')}`;
}

;// CONCATENATED MODULE: ./src/targets/tenants.ts
/**
 * The tenants of a multi-tenant distribution (CloudFront SaaS Manager): CloudFront answers
 * NoSuchDistribution for such a distribution, and only its tenants serve, so each is invalidated in its
 * place. The fallback is decided here; the fleet (send/fleet.ts) only invalidates what it is handed, in
 * the distribution's slot.
 */




/** CloudFront answers NoSuchDistribution for a multi-tenant distribution: only its tenants serve. */
function mayHaveTenants(plan, result) {
    return result.notFound === true && plan.target.kind === 'distribution';
}
/**
 * The fleet's insteadOf (send/fleet.ts): a distribution CloudFront does not know is tried as a
 * multi-tenant one, its tenants invalidated in its place; any other failure stands.
 */
function tenantFallback(deps) {
    // A tenant also named by itself is invalidated once, as itself.
    const named = new Set(deps.named.flatMap(target => (target.kind === 'tenant' ? [target.id] : [])));
    return (plan, failed) => {
        if (!mayHaveTenants(plan, failed))
            return undefined;
        return invalidate => invalidateTenantsOf(plan, failed, {
            runner: deps.runner,
            named,
            list: () => deps.list(plan.distributionId),
            invalidate,
            callerReference: tenantId => deps.callerReference(tenantId, plan)
        });
    };
}
/**
 * A distribution CloudFront says does not exist may be a multi-tenant one: its tenants are listed, and
 * each gets its own invalidation in the distribution's place. With no tenant, the step fails as before,
 * saying that tenants were looked for too; when they could not be looked for, it fails as before too. Only a distribution that answered NoSuchDistribution costs
 * this call.
 */
async function invalidateTenantsOf(plan, notFound, deps) {
    let tenants;
    try {
        tenants = await deps.list();
    }
    catch (error) {
        (0,common_runner.logDetail)(deps.runner, error);
        // The job was cancelled while the tenants were listed (the listing throws the cancel itself): nothing is
        // known of the ID, and nothing was sent.
        if (error instanceof common_clock/* CancelledError */.cc) {
            return {
                failed: {
                    ...notFound,
                    error: `Cancelled while listing the tenants of ${plan.distributionId} (ListDistributionTenants), which CloudFront answered NoSuchDistribution for: nothing was invalidated on it.`,
                    cutShort: 'create'
                }
            };
        }
        // A refusal that names its fix (access denied to ListDistributionTenants, expired credentials) is the
        // error to show. A listing that failed otherwise (an endpoint without the tenant API, such as an
        // emulator, or a fault that outlasted the retries) says nothing of the ID: the distribution's own
        // not-found error stays the one shown, and the listing's error goes to the debug log.
        if (error instanceof errors/* UserError */.yo)
            return { failed: { ...notFound, error: (0,errors/* errorMessage */.gJ)(error) } };
        return {
            failed: {
                ...notFound,
                error: `${notFound.error ?? ''} Whether it is a multi-tenant distribution could not be checked: ListDistributionTenants failed (the debug log has its error).`.trim()
            }
        };
    }
    if (tenants.length === 0) {
        return {
            failed: {
                ...notFound,
                error: `${notFound.error ?? ''} Nor is it a multi-tenant distribution with tenants: ListDistributionTenants lists none for ${plan.distributionId}.`.trim()
            }
        };
    }
    const all = tenants.map(tenantTarget);
    const targets = all.filter(target => !deps.named.has(target.id));
    const already = all.filter(target => deps.named.has(target.id)).map(target => target.id);
    if (already.length > 0) {
        deps.runner.info(`${plan.distributionId}: ${already.join(', ')} ${already.length === 1 ? 'is' : 'are'} named by distribution-tenant-id or distribution-alias too, and invalidated once.`);
    }
    if (targets.length === 0)
        return { results: [] };
    deps.runner.info(`${plan.distributionId} is a multi-tenant distribution: invalidating ${targets.length === 1 ? 'its tenant' : `each of its ${targets.length} tenants`}:\n${targets.map(target => `  ${describeTenant(target)}`).join('\n')}`);
    const results = await deps.invalidate(targets.map(target => ({
        ...plan,
        distributionId: target.id,
        target,
        foundBy: plan.foundBy.map((source) => source.by === 'distribution-id' ? { by: 'tenant-of', distributionId: plan.distributionId } : source),
        callerReference: deps.callerReference(target.id)
    })));
    return { results };
}

;// CONCATENATED MODULE: ./src/aws/role-errors.ts
/**
 * Why role-to-assume could not be assumed, read from what failed: the request for the job's OIDC token
 * (the runner's token service, the network, the proxy) or STS's answer (the trust policy, the identity
 * provider, role-duration-seconds); and which of those failures pass if asked again.
 */



/**
 * How long the token request and a hiccup of STS's identity-provider check are retried. Both are short
 * outages in practice (GitHub users see "Couldn't retrieve verification key from your identity provider"
 * now and then; configure-aws-credentials retries every STS and token call for that reason).
 */
const IDP_RETRY_MS = 30_000;
/**
 * STS's InvalidIdentityToken "Couldn't retrieve verification key from your identity provider" (STS could
 * not fetch GitHub's signing keys: reported by GitHub users as passing on a re-run, and retried by
 * configure-aws-credentials), and IDPCommunicationError, which STS documents as worth retrying.
 */
function isIdentityProviderHiccup(error) {
    const name = errorName(error).replace(/Exception$/, '');
    if (name === 'IDPCommunicationError')
        return true;
    return name === 'InvalidIdentityToken' && /verification key/i.test((0,errors/* errorMessage */.gJ)(error));
}
/** The HTTP status in what @actions/core's getIDToken throws (`Error Code : 500`), if an answer came. */
function tokenStatus(error) {
    const status = /Error Code\s*:\s*(\d{3})/.exec((0,errors/* errorMessage */.gJ)(error))?.[1];
    return status === undefined ? undefined : Number(status);
}
/**
 * Worth asking the runner's token service again: a 5xx or 429 (@actions/core retries only 502, 503 and
 * 504, in well under a second), or no answer at all. A 4xx other than 429 would be refused again.
 */
function isTokenServiceHiccup(error) {
    const status = tokenStatus(error);
    if (status !== undefined)
        return status >= 500 || status === 429;
    return !/no ID Token field|do not have ID Token/i.test((0,errors/* errorMessage */.gJ)(error));
}
/** What the token service said, on one line: the `Error Message:` part of getIDToken's error, else all of it. */
function tokenDetail(error) {
    const text = (0,errors/* errorMessage */.gJ)(error);
    return (/Error Message:\s*([\s\S]*)$/.exec(text)?.[1] ?? text).replace(/\s+/g, ' ').trim();
}
/** The token request's failure, for the line that says it is retried: `HTTP 500: <detail>`. */
function tokenFailure(error) {
    const status = tokenStatus(error);
    const detail = tokenDetail(error);
    return status === undefined ? detail : `HTTP ${status}: ${detail}`;
}
/**
 * Why the OIDC token request failed, from what @actions/core's getIDToken throws: `Failed to get ID
 * Token. Error Code : <HTTP status, or undefined when no answer came> Error Message: <...>`. The
 * id-token permission is checked before the request (without it the runner gives no token URL), so it is
 * not what a failed request means: the network, the proxy, or the token service is.
 */
function explainTokenError(error, audience, deps) {
    const text = (0,errors/* errorMessage */.gJ)(error);
    const status = tokenStatus(error);
    const detail = tokenDetail(error);
    let host = 'the token service';
    try {
        host = new URL(deps.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '').host;
    }
    catch {
        // Kept as 'the token service'.
    }
    const what = `Could not get the job's GitHub OIDC token (audience ${audience})`;
    if (status !== undefined) {
        const hint = status >= 500 || status === 429
            ? `This is a fault of the token service, and it lasted through retries for ${IDP_RETRY_MS / 1000} s; re-run the job, and check githubstatus.com if it persists.`
            : status === 401 || status === 403
                ? "The runner's request token was refused; re-run the job. If it persists on a self-hosted runner, update the runner."
                : 'Re-run the job; if it persists, report it with this message.';
        return `${what}: ${host} answered HTTP ${status} (${detail}). ${hint}`;
    }
    if (/no ID Token field|do not have ID Token/i.test(text)) {
        return `${what}: ${host} answered without a token. Re-run the job; if it persists, report it with this message.`;
    }
    const proxy = deps.proxy?.https ?? deps.proxy?.http;
    if (/tunnel|proxy/i.test(detail)) {
        return `${what}: the proxy${proxy ? ` ${proxy.variable}` : ''} refused or failed the request to ${host} (${detail}). Check the proxy, or list ${host} in NO_PROXY.`;
    }
    if (/ETIMEDOUT|timed? ?out|ESOCKETTIMEDOUT/i.test(detail)) {
        return `${what}: the request to ${host} timed out (${detail}). Check the runner's network${proxy ? ` and the proxy (${proxy.variable})` : ''}, then re-run the job.`;
    }
    return `${what}: the runner could not reach ${host} (${detail}). Check the runner's network${proxy ? ` and the proxy (${proxy.variable})` : ''}, then re-run the job.`;
}
/** Why STS refused to assume role-to-assume, with the fix: the trust policy, the identity provider, an input. */
function explainAssumeRoleError(error, settings) {
    const name = errorName(error);
    // The SDK adds an Exception suffix to STS's codes (ExpiredToken, InvalidIdentityToken, IDPRejectedClaim).
    const bare = name.replace(/Exception$/, '');
    const message = (0,errors/* errorMessage */.gJ)(error);
    const role = settings.roleToAssume ?? '';
    if (settings.roleChaining) {
        if (name === 'CredentialsProviderError') {
            return `role-chaining: there are no credentials in the job to assume ${role} with (${message.split('\n')[0]}). Add aws-actions/configure-aws-credentials before this step, or set role-chaining: false to assume the role with the job's OIDC token.`;
        }
        if (bare === 'ExpiredToken') {
            return `role-chaining: the job's credentials that assume ${role} have expired (${name}: ${message}). Raise role-duration-seconds in the step that made them, so that they last through this step.`;
        }
        if (isAccessDenied(name)) {
            return `role-chaining: the job's credentials are not allowed to assume ${role} (${message}). The role's trust policy must allow sts:AssumeRole for the role or user of those credentials${settings.roleExternalId ? ', with this role-external-id (sts:ExternalId)' : ', and with sts:ExternalId when it requires one (role-external-id)'}; their policy must allow sts:AssumeRole on ${role}.`;
        }
        if (name === 'ValidationError' && /duration/i.test(message)) {
            return `role-duration-seconds: ${settings.roleDurationSeconds} is longer than ${role} allows (${message}). AWS limits a session assumed with role credentials (role chaining) to 1 hour: use 3600 or less.`;
        }
        return `role-to-assume: could not assume ${role} with the job's credentials (${name ? `${name}: ` : ''}${message}).`;
    }
    if (isAccessDenied(name)) {
        return `role-to-assume: not allowed to assume ${role} with this job's OIDC token (${message}). The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the token.actions.githubusercontent.com provider, with aud ${settings.audience} and a sub condition matching this repository and ref.`;
    }
    if (isIdentityProviderHiccup(error)) {
        return `role-to-assume: STS could not check the job's OIDC token with GitHub's identity provider (${name}: ${message}), through retries for ${IDP_RETRY_MS / 1000} s. This is a passing fault between AWS and GitHub, not of the IAM setup; re-run the job, and check githubstatus.com and health.aws.amazon.com if it persists.`;
    }
    if (bare === 'InvalidIdentityToken' && /No OpenIDConnect provider/i.test(message)) {
        return `role-to-assume: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). Add the identity provider token.actions.githubusercontent.com (audience ${settings.audience}) to IAM in the role's account.`;
    }
    if (/^(InvalidIdentityToken|IDPRejectedClaim)$/.test(bare) && /audience/i.test(message)) {
        return `audience: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). The identity provider token.actions.githubusercontent.com in IAM must list ${settings.audience} as an audience (client ID), or set audience to one it lists.`;
    }
    if (/^(InvalidIdentityToken|IDPRejectedClaim)$/.test(bare)) {
        return `role-to-assume: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). Check the identity provider token.actions.githubusercontent.com in IAM in the role's account, and the role's trust policy.`;
    }
    if (name === 'ValidationError' && /duration/i.test(message)) {
        return `role-duration-seconds: ${settings.roleDurationSeconds} is longer than the role ${role} allows (${message}). Lower it, or raise the role's maximum session duration.`;
    }
    return `role-to-assume: could not assume ${role} (${name ? `${name}: ` : ''}${message}).`;
}

;// CONCATENATED MODULE: ./src/common/format.ts
/**
 * How the actions write numbers and durations in the log and the summary, the same way everywhere: both
 * actions import it, so it stays free of what either one does.
 */
/** 1.5 s under a minute, 2 min 5 s from there: waits run from seconds to an hour. */
function formatDuration(ms) {
    const tenths = Math.round(ms / 100);
    if (tenths < 600)
        return `${(tenths / 10).toFixed(1)} s`;
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
/**
 * 40,000 rather than 40000. By hand: toLocaleString() loads ICU's number formatting on first use, which
 * cost about 10 ms of every run's start-up (measured with npm run bench).
 */
function formatNumber(count) {
    return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** `1,234`: counts of paths run into the hundreds of thousands. */
function formatCount(count, noun) {
    return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}
/**
 * `45 s`, `12 min`, `3 h 2 min`, `2 d 4 h`: ages and lifetimes, roughly (verify's reasons and summary),
 * where formatDuration counts a wait to the tenth of a second.
 */
function formatSeconds(total) {
    const s = Math.max(0, Math.round(total));
    if (s < 60)
        return `${s} s`;
    if (s < 3600)
        return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
    if (s < 86400)
        return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
    return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

;// CONCATENATED MODULE: ./src/common/retry.ts

/**
 * Retrying what the AWS SDK does not: TooManyInvalidationsInProgress is a 400 that the SDK treats as
 * final, yet it clears once earlier invalidations finish. Throttling, 5xx and dropped connections are
 * left to the SDK's own retry strategy (see cloudfront/client.ts).
 */
const RETRY_BASE_DELAY_MS = 2_000;
const RETRY_MAX_DELAY_MS = 30_000;
/** The last try starts this long before the deadline, so that it has time to be answered. */
const LAST_TRY_MS = 1_000;
/**
 * The pause before retry number `attempt` (1, 2, ...): exponential from 2 s, capped at 30 s, with "equal
 * jitter" (half fixed, half random) so overlapping deploys spread out but never retry at once.
 */
function retryDelay(attempt, random = Math.random) {
    const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** Calls `attempt` until it succeeds, fails with an error not worth retrying, or the deadline comes. */
async function retryUntil(attempt, options) {
    const { shouldRetry, deadline, onRetry, now = common_clock/* systemClock */.ml.now, sleep = common_clock/* systemClock */.ml.sleep, random = Math.random, signal } = options;
    let lastTry = false;
    for (let retries = 1;; retries++) {
        try {
            return await attempt();
        }
        catch (error) {
            if (!shouldRetry(error) || lastTry || signal?.aborted)
                throw error;
            const remainingMs = deadline - now();
            let delayMs = retryDelay(retries, random);
            if (delayMs > remainingMs - LAST_TRY_MS) {
                // The backoff would pass the deadline: try once more just before it, not never again.
                if (remainingMs <= LAST_TRY_MS)
                    throw error;
                delayMs = remainingMs - LAST_TRY_MS;
                lastTry = true;
            }
            onRetry?.({ attempt: retries, delayMs, error, remainingMs });
            try {
                await sleep(delayMs, signal);
            }
            catch {
                throw error;
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/aws/credentials.ts







/**
 * A session is renewed once it has less than this left: the AWS SDK's own window (@smithy/core's
 * EXPIRATION_MS), in which it calls the credential provider again before signing.
 */
const RENEW_BEFORE_MS = 5 * 60_000;
/** A renewal that fails is not fatal while the session it would replace has at least this much left. */
const KEEP_SESSION_MS = 60_000;
/**
 * The credentials to sign AWS calls with: undefined means the SDK's default chain (environment, shared
 * files, web identity file, container or instance metadata), which is what a job gets from
 * aws-actions/configure-aws-credentials. With role-to-assume, the role is assumed here, in this process,
 * and never exported: with the job's GitHub OIDC token, or with role-chaining, with the credentials
 * already in the job (AssumeRole, as configure-aws-credentials' role-chaining does).
 *
 * The role is assumed at once, so a refusal fails the step before anything is sent. The provider then
 * returned is what the SDK calls before each request: it hands out the same session until it has less
 * than RENEW_BEFORE_MS left, then assumes the role again (a new OIDC token each time), so a wait longer
 * than role-duration-seconds never meets ExpiredToken.
 */
async function resolveCredentials(settings, deps) {
    const { roleToAssume } = settings;
    if (!roleToAssume)
        return undefined;
    if (!settings.roleChaining &&
        (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)) {
        throw new errors/* UserError */.yo('role-to-assume is set, but this job cannot request a GitHub OIDC token: add `permissions: id-token: write` to the job (or the workflow), or set role-chaining: true to assume the role with the credentials already in the job. Pull requests from forks never get a token.');
    }
    const session = new RoleSession(settings, deps);
    await session.get();
    return () => session.get();
}
/** One role's session for the whole step: assumed once, renewed before it expires, shared by every client. */
class RoleSession {
    settings;
    deps;
    current;
    renewing;
    /** The session a failed renewal was last warned about. */
    warned;
    sts;
    clock;
    wallNow;
    constructor(settings, deps) {
        this.settings = settings;
        this.deps = deps;
        this.clock = deps.clock ?? common_clock/* systemClock */.ml;
        this.wallNow = deps.wallNow ?? Date.now;
    }
    /** What is left of the session, by STS's Expiration; Infinity when STS gave none. */
    leftMs(credentials) {
        return credentials.expiration ? credentials.expiration.getTime() - this.wallNow() : Infinity;
    }
    get() {
        const { current } = this;
        if (current && this.leftMs(current) >= RENEW_BEFORE_MS)
            return Promise.resolve(current);
        // Every client and every concurrent request waits for the same renewal.
        this.renewing ??= this.renew().finally(() => {
            this.renewing = undefined;
        });
        return this.renewing;
    }
    async renew() {
        const previous = this.current;
        try {
            this.current = await this.assume(previous !== undefined);
            return this.current;
        }
        catch (error) {
            if (!previous || this.deps.signal?.aborted)
                throw error;
            const left = this.leftMs(previous);
            if (left < KEEP_SESSION_MS)
                throw error;
            // The session still holds: go on with it, and try again on the next request (warning once).
            if (this.warned === previous)
                return previous;
            this.warned = previous;
            (this.deps.warning ?? this.deps.info)(`${(0,errors/* errorMessage */.gJ)(error)} The current session has ${formatDuration(left)} left; it is used meanwhile, and renewing is tried again on the next request.`);
            return previous;
        }
    }
    async client() {
        if (this.sts)
            return this.sts;
        // Loaded only when needed: most runs take credentials from the environment and never pay for STS.
        const module = await __webpack_require__.e(/* import() */ 695).then(__webpack_require__.t.bind(__webpack_require__, 1695, 19));
        // The same timeouts, proxy and user agent as every client; STS is regional. Without explicit
        // credentials it signs AssumeRole (role-chaining) with the SDK's default chain: the job's credentials.
        const client = new module.STSClient({
            ...sharedClientConfig(undefined, this.deps.proxy),
            region: this.settings.region ?? 'us-east-1',
            maxAttempts: 5
        });
        this.sts = { module, client };
        return this.sts;
    }
    async assume(renewal) {
        return this.accept(await this.request(renewal), renewal);
    }
    /** The session STS answers with; a refusal is explained, the deadline's abort error passed on as it is. */
    async request(renewal) {
        const { settings, deps } = this;
        const sts = await this.client();
        // Asked for outside the try: token() explains its own failures.
        const token = settings.roleChaining ? undefined : await this.token(renewal);
        try {
            // The SDK awaits the job's own credentials (role-chaining: the default chain, which may run a
            // credential_process or ask a metadata service) before it sends, and no abortSignal reaches that.
            const response = await (0,common_clock/* beforeDeadline */.OJ)(() => this.send(sts, token), deps.signal);
            return response.Credentials;
        }
        catch (error) {
            if (deps.signal?.aborted)
                throw error;
            throw renewalError(explainAssumeRoleError(error, settings), error, renewal, settings.roleToAssume ?? '');
        }
    }
    /** AssumeRole with the job's credentials (role-chaining, no token), or AssumeRoleWithWebIdentity with it. */
    send({ module, client }, token) {
        const { settings, deps } = this;
        const abort = deps.signal ? { abortSignal: deps.signal } : {};
        const common = {
            RoleArn: settings.roleToAssume ?? '',
            RoleSessionName: settings.roleSessionName,
            DurationSeconds: settings.roleDurationSeconds
        };
        if (token === undefined) {
            const externalId = settings.roleExternalId ? { ExternalId: settings.roleExternalId } : {};
            return client.send(new module.AssumeRoleCommand({ ...common, ...externalId }), abort);
        }
        return this.retryIdentityProvider(() => client.send(new module.AssumeRoleWithWebIdentityCommand({ ...common, WebIdentityToken: token }), abort), isIdentityProviderHiccup, error => `STS could not check the job's OIDC token (${errorName(error)}: ${(0,errors/* errorMessage */.gJ)(error)})`);
    }
    /** The session in STS's answer, logged and returned; an error when the answer holds none. */
    accept(credentials, renewal) {
        const { settings, deps } = this;
        const role = settings.roleToAssume ?? '';
        const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
        if (!AccessKeyId || !SecretAccessKey || !SessionToken) {
            throw new Error(`STS answered ${settings.roleChaining ? 'AssumeRole' : 'AssumeRoleWithWebIdentity'} for ${role} without credentials`);
        }
        // Registered before anything else runs, so no log line or error can show them.
        deps.setSecret(AccessKeyId);
        deps.setSecret(SecretAccessKey);
        deps.setSecret(SessionToken);
        const how = settings.roleChaining
            ? "with the job's credentials (role-chaining)"
            : "with the job's OIDC token";
        deps.info(renewal
            ? `Renewed the session of role ${role} ${how}${Expiration ? `; it lasts until ${Expiration.toISOString()}` : ''}.`
            : `Assumed role ${role} ${how} (session ${settings.roleSessionName}).`);
        return {
            accessKeyId: AccessKeyId,
            secretAccessKey: SecretAccessKey,
            sessionToken: SessionToken,
            ...(Expiration ? { expiration: Expiration } : {})
        };
    }
    /** The job's OIDC token, asked for again after a 5xx or no answer from the runner's token service. */
    async token(renewal) {
        const { settings, deps } = this;
        try {
            return await this.retryIdentityProvider(() => (0,common_clock/* beforeDeadline */.OJ)(() => deps.getIDToken(settings.audience), deps.signal), isTokenServiceHiccup, error => `The request for the job's OIDC token failed (${tokenFailure(error)})`);
        }
        catch (error) {
            if (deps.signal?.aborted)
                throw error;
            throw renewalError(explainTokenError(error, settings.audience, deps), error, renewal, settings.roleToAssume ?? '');
        }
    }
    retryIdentityProvider(attempt, shouldRetry, what) {
        const { deps, clock } = this;
        return retryUntil(attempt, {
            shouldRetry,
            deadline: clock.now() + IDP_RETRY_MS,
            now: clock.now,
            sleep: clock.sleep,
            ...(deps.random ? { random: deps.random } : {}),
            ...(deps.signal ? { signal: deps.signal } : {}),
            onRetry: ({ attempt: retry, delayMs, error }) => {
                deps.info(`${what(error)}; retrying in ${formatDuration(delayMs)} (retry ${retry}).`);
            }
        });
    }
}
/** A failed renewal says so: the step had credentials, and any invalidation it created goes on. */
function renewalError(text, cause, renewal, role) {
    const message = renewal
        ? `Could not renew the session of role ${role} before it expired: ${text.replace(/^role-to-assume: /, '')}`
        : text;
    return Object.assign(new errors/* UserError */.yo(message), { cause });
}

;// CONCATENATED MODULE: ./src/aws/connect.ts


async function signIn(runner, settings, options) {
    for (const note of describeProxy(options.proxy, options.endpoints)) {
        if (note.warning)
            runner.warning(note.message);
        else
            runner.info(note.message);
    }
    return resolveCredentials(settings, {
        getIDToken: audience => runner.getIDToken(audience),
        setSecret: secret => {
            runner.setSecret(secret);
        },
        info: message => {
            runner.info(message);
        },
        warning: message => {
            runner.warning(message);
        },
        env: runner.env,
        ...(options.signal ? { signal: options.signal } : {}),
        proxy: options.proxy,
        clock: options.clock
    });
}

;// CONCATENATED MODULE: ./src/cloudfront/pace.ts
/**
 * What the step starts at. CloudFront publishes no API call rates (its Quotas page, cloudfront-limits.html,
 * lists entities, and invalidations in progress per distribution); the AWS SDK team relayed from CloudFront
 * that "the default CreateInvalidation rate limit is 0.5" per account (aws/aws-sdk-js#3983), where users
 * were throttled after 6 or 7 calls in a row: a burst of about 5. GetInvalidation's rate is not published
 * either: the step starts at 5 a second, and a Throttling answer slows it down. Other calls (such as
 * ListDistributions for distribution-alias) are few.
 */
const CLOUDFRONT_QUOTAS = {
    // A burst of one less than CloudFront's: a call's latency then cannot overtake CloudFront's refill (with
    // 5, the sixth call, on a warm connection, reached a front holding the quota a moment before its token).
    create: { perSecond: 0.5, burst: 4, inFlight: 5 },
    get: { perSecond: 5, burst: 5, inFlight: 10 },
    other: { perSecond: 5, burst: 5, inFlight: 5 }
};
/** The least time `count` calls take at a quota, from a full bucket: what a fleet's creates need. */
function leastSeconds(count, quota) {
    return Math.max(0, count - quota.burst) / quota.perSecond;
}
/**
 * A throttle halves the rate, down to this share of the quota: one call every 8 s at CloudFront's 0.5/s.
 * Lower, a job of a matrix that was throttled a few times more than the others (it happens by chance)
 * goes on at one call every 16 or 32 s after they are done, while the account's quota sits unused; with
 * more than 4 jobs at once, the jobs at this floor together still ask for more than the quota, so some
 * calls are throttled, but the quota is never idle (BENCHMARKS.md, matrix jobs).
 */
const MIN_RATE_SHARE = 1 / 4;
/** Each call answered without throttling gives back this share of the quota, up to the quota. */
const RECOVERY_SHARE = 1 / 5;
/**
 * Below the quota, each gap between two calls is drawn from (1 ± JITTER) times the mean gap, so that
 * steps of one account that were throttled together do not stay in step and keep meeting at CloudFront.
 */
const JITTER = 0.5;
/**
 * The kind of a CloudFront operation (the SDK's command name, with or without "Command"): a tenant's
 * CreateInvalidationForDistributionTenant shares CreateInvalidation's bucket, as the quota is the account's.
 */
function paceKind(operation) {
    if (/^CreateInvalidation/.test(operation))
        return 'create';
    if (/^GetInvalidation/.test(operation))
        return 'get';
    return 'other';
}
/**
 * One kind's token bucket, adapting to a quota it may share with callers it knows nothing of: the other
 * jobs of a matrix, other workflows and tools of the same AWS account. Waiters are served first come,
 * first served.
 *
 * AIMD, as TCP shares a link: a Throttling answer halves the rate, down to MIN_RATE_SHARE, and empties
 * the bucket (CloudFront's own is empty then), with no burst until the rate has recovered; the calls
 * that were already sent at the old rate cut it once between them, as one crowding throttled them all.
 * Every call answered without throttling raises the rate by RECOVERY_SHARE of the quota. Below the
 * quota the gaps between calls are jittered, so that callers throttled at the same moment spread out.
 * Together, callers that each do so ask for about the quota they share, whatever their number
 * (pace.test.ts simulates them); a caller alone is never throttled, and stays at the quota with its
 * burst and no jitter.
 */
class Bucket {
    quota;
    clock;
    random;
    tokens;
    rate;
    capacity;
    refilledAt;
    /** Calls granted so far, and how many of them had been granted at the last cut of the rate. */
    granted = 0;
    grantedAtCut = 0;
    active = 0;
    queue = Promise.resolve();
    freed = [];
    /** Throttling answers seen, for the log. */
    throttles = 0;
    constructor(quota, clock, random = Math.random) {
        this.quota = quota;
        this.clock = clock;
        this.random = random;
        this.rate = quota.perSecond;
        this.capacity = quota.burst;
        this.tokens = quota.burst;
        this.refilledAt = clock.now();
    }
    /** Calls a second now. */
    get perSecond() {
        return this.rate;
    }
    /**
     * Waits for a token and a free slot, in turn, and returns the call's turn: record its answer, then
     * release it. Rejects at once when `signal` aborts; the turn is then passed on unused.
     */
    acquire(signal) {
        let call = 0;
        const turn = this.queue.then(async () => {
            signal?.throwIfAborted();
            await this.untilReady(signal);
            // Below the quota a call costs 1 ± JITTER tokens: the gap to the next is jittered, its mean kept.
            this.tokens -= this.rate < this.quota.perSecond ? 1 + JITTER * (2 * this.random() - 1) : 1;
            this.active++;
            call = ++this.granted;
        });
        this.queue = turn.catch(() => undefined);
        let released = false;
        const release = () => {
            if (released)
                return;
            released = true;
            this.active--;
            // Only the head of the queue waits for a slot; it looks again (an aborted one no longer does).
            for (const wake of this.freed.splice(0))
                wake();
        };
        return abortable(turn, signal).then(() => ({
            record: (throttled) => {
                this.answer(throttled, call);
            },
            release
        }));
    }
    /** Call number `call` was answered: Throttling slows the bucket down, any other answer speeds it up. */
    answer(throttled, call) {
        this.refill();
        if (throttled) {
            this.throttles++;
            // Sent before the last cut: the cut already answered the crowding that throttled it.
            if (call <= this.grantedAtCut)
                return;
            this.grantedAtCut = this.granted;
            this.rate = Math.max(this.quota.perSecond * MIN_RATE_SHARE, this.rate / 2);
            this.capacity = 1;
            this.tokens = Math.min(this.tokens, 0);
            return;
        }
        this.rate = Math.min(this.quota.perSecond, this.rate + this.quota.perSecond * RECOVERY_SHARE);
        if (this.rate >= this.quota.perSecond)
            this.capacity = this.quota.burst;
    }
    refill() {
        const now = this.clock.now();
        this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
        this.refilledAt = now;
    }
    async untilReady(signal) {
        for (;;) {
            if (this.active >= this.quota.inFlight) {
                await abortable(new Promise(done => this.freed.push(done)), signal);
                continue;
            }
            this.refill();
            if (this.tokens >= 1)
                return;
            // The rate may change while sleeping (a throttle, a recovery): look again on waking.
            await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000), signal);
        }
    }
}
/** The step's buckets, one per kind of call. */
class Pace {
    buckets;
    constructor(clock, quotas = CLOUDFRONT_QUOTAS, random = Math.random) {
        this.buckets = {
            create: new Bucket(quotas.create, clock, random),
            get: new Bucket(quotas.get, clock, random),
            other: new Bucket(quotas.other, clock, random)
        };
    }
    bucket(operation) {
        return this.buckets[paceKind(operation)];
    }
    /** Throttling answers seen, of every kind. */
    get throttles() {
        return Object.values(this.buckets).reduce((sum, bucket) => sum + bucket.throttles, 0);
    }
}
/** The promise, or its signal's reason as soon as the signal aborts. */
function abortable(promise, signal) {
    if (!signal)
        return promise;
    if (signal.aborted)
        return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
        const abort = () => {
            reject(signal.reason);
        };
        signal.addEventListener('abort', abort, { once: true });
        promise.then(value => {
            signal.removeEventListener('abort', abort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', abort);
            reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
}

;// CONCATENATED MODULE: ./src/cloudfront/connect.ts




async function connect(runner, settings, proxy, signal, clock) {
    const services = ['CloudFront'];
    if (settings.credentials.roleToAssume)
        services.push('STS');
    if (settings.distributionTags.length > 0)
        services.push('Resource Groups Tagging');
    const credentials = await signIn(runner, settings.credentials, {
        proxy,
        endpoints: endpointsOf(services, settings.credentials.region, runner.env),
        signal,
        clock
    });
    const { runId, runAttempt } = runner.context;
    const options = {
        ...(credentials ? { credentials } : {}),
        ...(settings.credentials.region ? { region: settings.credentials.region } : {}),
        proxy,
        run: `${runId}-${runAttempt}`
    };
    const client = createCloudFrontClient(options);
    const pace = new Pace(clock);
    paceClient(client, pace, signal);
    await checkCredentials(client, signal);
    return { client, options, pace };
}

;// CONCATENATED MODULE: ./src/send/caller-reference.ts

/**
 * The CallerReference of one invalidation batch. CloudFront treats a repeated reference with the same
 * batch as the same request and answers with the existing invalidation, so every retry in this step
 * (after throttling, or a response lost on the way back) reuses it and can never create a duplicate.
 *
 * It differs for another run, attempt (a re-run invalidates again), job, step, distribution or path
 * list. `stepNonce` is drawn once per step execution: matrix legs share run, job and step names, and
 * without it two legs invalidating the same paths would get one shared invalidation.
 *
 * Readable prefix (`gha-<run>-<attempt>-`) so an invalidation in the console can be traced to its run.
 */
function callerReference(context, distributionId, paths, stepNonce) {
    const digest = (0,external_node_crypto_.createHash)('sha256');
    for (const part of [context.repository, context.job, context.step, distributionId, stepNonce]) {
        digest.update(part).update('\0');
    }
    for (const path of paths)
        digest.update(path).update('\n');
    const id = (value) => value.replace(/[^\w.-]/g, '').slice(0, 24) || '0';
    return `gha-${id(context.runId)}-${id(context.runAttempt)}-${digest.digest('hex').slice(0, 32)}`;
}

;// CONCATENATED MODULE: ./src/send/plans.ts


/** Every target is asked for the same paths, so one path plan serves them all. */
function planInvalidations(runner, settings, resolved, stepNonce) {
    const inventory = usableInventory(runner, settings);
    const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths }, settings.pathNotes, inventory);
    const paths = pathPlan.paths;
    return resolved.map(({ target, foundBy }) => ({
        distributionId: target.id,
        target,
        foundBy,
        paths,
        pathPlan,
        callerReference: callerReferenceOf(runner, settings, target.id, paths, stepNonce)
    }));
}
/** caller-reference as given, or one made of the run, the target, its paths and the step. */
function callerReferenceOf(runner, settings, targetId, paths, stepNonce) {
    return settings.callerReference ?? callerReference(runner.context, targetId, paths, stepNonce);
}
/** An empty inventory-file is more likely a failed step than an empty site: plan as without one. */
function usableInventory(runner, settings) {
    if (!settings.inventory || settings.inventory.objects > 0)
        return settings.inventory;
    runner.warning(`inventory-file: ${settings.inventoryFile} lists no objects, so it was not used: compaction cannot tell what else a wildcard clears. Give it every object the site holds after the deploy (the changes action's inventory-file output).`);
    return undefined;
}

;// CONCATENATED MODULE: ./src/cloudfront/calls.ts





/** Creates the invalidation on a distribution or a tenant, as the target says. */
async function createInvalidationFor(client, target, paths, callerReference, signal) {
    const { create } = KINDS[target.kind];
    try {
        const batch = { CallerReference: callerReference, Paths: { Quantity: paths.length, Items: [...paths] } };
        const response = await create.send(client, target.id, batch, callOptions(signal));
        return toInvalidation(response.Invalidation, create.operation);
    }
    catch (error) {
        throw explainError(error, create.operation, target.id);
    }
}
/** The status of an invalidation of a distribution or a tenant, as the target says. */
async function getInvalidationStatusFor(client, target, invalidationId, signal) {
    const { get } = KINDS[target.kind];
    try {
        const response = await get.send(client, target.id, invalidationId, callOptions(signal));
        return toInvalidation(response.Invalidation, get.operation).status;
    }
    catch (error) {
        throw explainError(error, get.operation, target.id);
    }
}
/**
 * The invalidation of a target made with this CallerReference and these paths, if CloudFront holds one:
 * among its newest invalidations (ListInvalidations answers them newest first, as its API reference says
 * of Marker), those created since `sinceMs` (epoch ms, on the runner's clock), each read with
 * GetInvalidation for its CallerReference and paths, which the list does not give. The same reference with
 * other paths is not this create's: CloudFront refuses that batch ("If CallerReference is a value you
 * already sent … but the content of any Path is different …, CloudFront returns an
 * InvalidationBatchAlreadyExists error", API_InvalidationBatch). A
 * candidate that cannot be read is passed over, unless none could be. Creates nothing.
 */
async function findInvalidationFor(client, target, wanted, sinceMs, signal) {
    const kind = KINDS[target.kind];
    let items;
    try {
        const answer = await kind.list.send(client, target.id, NEWEST, callOptions(signal));
        items = answer.InvalidationList?.Items ?? [];
    }
    catch (error) {
        throw explainError(error, kind.list.operation, target.id);
    }
    // A runner's clock off AWS's by up to SigV4's limit of 15 minutes still finds it. Newest first (as
    // CloudFront lists them; sorted again for any other lister), one at a time, to the first that matches:
    // it is almost always the newest, and other targets' lookups share the pace of GetInvalidation calls.
    const candidates = items
        .filter(item => item.Id && !(item.CreateTime instanceof Date && item.CreateTime.getTime() < sinceMs - CLOCK_SKEW_MS))
        .sort((a, b) => (b.CreateTime?.getTime() ?? 0) - (a.CreateTime?.getTime() ?? 0));
    let unreadable;
    let read = 0;
    for (const { Id } of candidates) {
        let record;
        try {
            record = (await kind.get.send(client, target.id, Id ?? '', callOptions(signal))).Invalidation;
            read++;
        }
        catch (error) {
            // One candidate that cannot be read is passed over; the step's own signal ends the search.
            if (signal?.aborted)
                throw error;
            unreadable ??= explainError(error, kind.get.operation, target.id);
            continue;
        }
        const batch = record?.InvalidationBatch;
        if (batch?.CallerReference === wanted.callerReference &&
            sameItems(batch.Paths?.Items ?? [], wanted.paths))
            return toInvalidation(record, kind.get.operation);
    }
    if (unreadable !== undefined && read === 0)
        throw unreadable;
    return undefined;
}
const CLOCK_SKEW_MS = 15 * 60_000;
/** The same paths, in any order. */
function sameItems(a, b) {
    const sorted = (list) => [...list].sort().join('\n');
    return a.length === b.length && sorted(a) === sorted(b);
}
/** How many of a target's newest invalidations a cut-short create is looked for among. */
const NEWEST = 10;
/**
 * An invalidation's own record (GetInvalidation, or its tenant variant): status, CreateTime and paths,
 * for verify and invalidation-id. Its errors name the invalidation and the input that found the target.
 */
async function getInvalidationRecordFor(client, target, invalidationId, signal) {
    const kind = KINDS[target.kind];
    const { operation } = kind.get;
    try {
        const response = await kind.get.send(client, target.id, invalidationId, callOptions(signal));
        const invalidation = response.Invalidation;
        const created = invalidation?.CreateTime;
        const createdAt = created instanceof Date ? created.getTime() : NaN;
        if (!invalidation?.Id || !Number.isFinite(createdAt)) {
            throw new Error(`CloudFront answered ${operation} for ${invalidationId} without its ID or CreateTime`);
        }
        return {
            ...toInvalidation(invalidation, operation),
            createdAt,
            createTime: new Date(createdAt).toISOString(),
            paths: invalidation.InvalidationBatch?.Paths?.Items ?? []
        };
    }
    catch (error) {
        throw explainRecordError(error, kind, target.id, invalidationId);
    }
}
function explainRecordError(error, kind, id, invalidationId) {
    const { operation } = kind.get;
    const of = `${kind.noun} ${id}`;
    return explainWith(error, `${operation} of ${invalidationId} on ${id}`, ({ name, message, explain }) => {
        if (isAccessDenied(name)) {
            return explain(`Access denied to cloudfront:${operation} on ${of}, which reading invalidation ${invalidationId} needs. Allow ${inRolePolicy(`cloudfront:${operation}`, arnOf(kind, id))}. (${message})`);
        }
        if (name === 'NoSuchInvalidation' || name === 'EntityNotFound' || name === 'NoSuchDistribution') {
            return explain(`invalidation-id: CloudFront has no invalidation ${invalidationId} on ${of} (${name}). Check that the ID is the invalidation-id output of the step that created it, and that ${kind.input} names the ${kind.short} it was made on.`);
        }
        return undefined;
    });
}
/**
 * The domain a target is served at, for verify: a distribution's first alias, else its *.cloudfront.net
 * name; a tenant's first domain (GetDistribution, GetDistributionTenant).
 */
async function servedDomain(client, target, signal) {
    const kind = KINDS[target.kind];
    const { operation } = kind.served;
    try {
        const domain = await kind.served.domain(client, target.id, callOptions(signal));
        if (!domain)
            throw new Error(`CloudFront answered ${operation} for ${target.id} without ${kind.served.lacking}`);
        return domain;
    }
    catch (error) {
        throw explainWith(error, `${operation} (for verify)`, ({ name, message, explain }) => isAccessDenied(name)
            ? explain(`verify: access denied to cloudfront:${operation} on ${kind.noun} ${target.id}, which verify needs to find the domain the site is served at. Allow ${inRolePolicy(`cloudfront:${operation}`)}, or set verify-url to the site's address. (${message})`)
            : undefined);
    }
}
function toInvalidation(invalidation, operation) {
    if (!invalidation?.Id)
        throw new Error(`CloudFront answered ${operation} without an invalidation ID`);
    return {
        id: invalidation.Id,
        status: /^completed$/i.test(invalidation.Status ?? '') ? 'Completed' : 'InProgress'
    };
}

;// CONCATENATED MODULE: ./src/send/cut-short.ts




/**
 * Looks for the invalidation a cut-short create may have made: among the target's newest, made at
 * `sentAt` (epoch ms) or later, the one with the plan's CallerReference and paths; within graceAfter the
 * deadline.
 */
async function lookForCutShort(plan, sentAt, deadline, deps) {
    const { client, clock } = deps;
    const signal = (0,common_clock/* graceAfter */.Dc)(deadline, clock);
    const started = clock.now();
    try {
        const found = await findInvalidationFor(client, plan.target, plan, sentAt, signal);
        if (found)
            return { found };
        return {
            missing: `The step looked among the newest invalidations of ${plan.distributionId} and found none with it; CloudFront may still make it.`
        };
    }
    catch (error) {
        if (signal.aborted) {
            return {
                missing: `The step looked for it for ${formatDuration(clock.now() - started)} and had no answer in that time (from CloudFront, or a turn in the step's pace of calls).`
            };
        }
        return { missing: `The step could not look for it: ${(0,errors/* asSentence */.KG)((0,errors/* errorMessage */.gJ)(error))}` };
    }
}
/** What a cut-short create left, when the lookup found nothing: that it may exist, its CallerReference, how to look. */
function mayExist(plan, missing) {
    return `It may have been created all the same, with CallerReference ${plan.callerReference}. ${missing} ${howToLook(plan)}`;
}
/** The invalidation the lookup found, in the words of the deadline that cut its create short. */
function foundAfter(deadline, plan, found) {
    const cut = (0,common_clock/* cancelOf */.UY)(deadline) ? 'Cancelled' : `Timed out after ${deadline.seconds} s (wait-timeout)`;
    return `${cut} before CloudFront answered the create on ${plan.distributionId}; the step then found invalidation ${found.id} by its CallerReference (${plan.callerReference}), and it goes on in CloudFront.`;
}
/** The AWS CLI commands that show whether an invalidation with the plan's CallerReference exists. */
function howToLook({ target, distributionId }) {
    const [list, get] = target.kind === 'tenant'
        ? [
            `aws cloudfront list-invalidations-for-distribution-tenant --id ${distributionId}`,
            `aws cloudfront get-invalidation-for-distribution-tenant --distribution-tenant-id ${distributionId} --id ID`
        ]
        : [
            `aws cloudfront list-invalidations --distribution-id ${distributionId}`,
            `aws cloudfront get-invalidation --distribution-id ${distributionId} --id ID`
        ];
    return `To see whether it exists, run ${list} (newest first), then ${get} for each one's CallerReference and paths.`;
}

;// CONCATENATED MODULE: ./src/send/progress.ts
/**
 * Progress in the log while waiting: one target's line every 10 s or so (progressLog), and a fleet's one
 * line for the whole step ("12 of 30 created, 5 completed"), written when something changed and at most
 * every few seconds, or after a quiet spell to show the step is alive; not one line per poll per target.
 */


/** A changed count is logged at most this often; an unchanged one after this long. */
const PROGRESS_EVERY_MS = 5_000;
const PROGRESS_QUIET_MS = 30_000;
function progressLine(counts, wait, elapsedMs) {
    const parts = [`${counts.created} of ${counts.total} created`];
    if (wait)
        parts.push(`${counts.completed} completed`);
    if (counts.failed > 0)
        parts.push(`${counts.failed} failed`);
    return `${parts.join(', ')} (${formatDuration(elapsedMs)})`;
}
class FleetProgress {
    wait;
    now;
    log;
    counts;
    startedAt;
    loggedAt = -Infinity;
    logged = '';
    constructor(total, wait, now, log) {
        this.wait = wait;
        this.now = now;
        this.log = log;
        this.counts = { total, created: 0, completed: 0, failed: 0 };
        this.startedAt = now();
    }
    /** The number of targets changed: a multi-tenant distribution's tenants took its place. */
    resize(total) {
        this.counts.total = total;
    }
    created() {
        this.counts.created++;
        this.tick();
    }
    /** A target is done: its invalidation completed (or, without waiting, was created), or it failed. */
    settled(outcome) {
        if (outcome === 'completed')
            this.counts.completed++;
        if (outcome === 'failed')
            this.counts.failed++;
        this.tick();
    }
    /** Logs when due; `force` logs any change at once (the last line of the step). */
    tick(force = false) {
        const now = this.now();
        const state = progressLine(this.counts, this.wait, 0);
        const changed = state !== this.logged;
        const since = now - this.loggedAt;
        if (!(changed && (force || since >= PROGRESS_EVERY_MS)) && since < PROGRESS_QUIET_MS)
            return;
        this.loggedAt = now;
        this.logged = state;
        this.log(progressLine(this.counts, this.wait, now - this.startedAt));
    }
}
/** A progress line every 10 s or so (polls are more frequent), and every failed poll. */
function progressLog(runner, invalidationId) {
    let loggedAt = -Infinity;
    return ({ elapsedMs, polls, error }) => {
        if (error === undefined && elapsedMs - loggedAt < 10_000)
            return;
        loggedAt = elapsedMs;
        const status = error === undefined ? 'InProgress' : `poll failed (${(0,errors/* errorMessage */.gJ)(error)}), will retry`;
        runner.info(`  ${invalidationId}: ${status} after ${formatDuration(elapsedMs)} (${formatCount(polls, 'poll')})`);
    };
}

;// CONCATENATED MODULE: ./src/send/wait.ts

/** The shortest and longest pause between two GetInvalidation calls. */
const MIN_POLL_DELAY_MS = 1000;
const MAX_POLL_DELAY_MS = 15000;
/**
 * The pause before the next poll, from how long we have waited so far: one second for the first ten
 * seconds (a short invalidation is noticed within about a second), then a tenth of the time waited (so
 * completion is noticed within about 10 % of the wait), capped at 15 s. A 10-minute invalidation costs
 * about 70 polls, and one of 30 minutes about 150.
 */
function pollDelay(elapsedMs) {
    return Math.min(MAX_POLL_DELAY_MS, Math.max(MIN_POLL_DELAY_MS, Math.round(elapsedMs / 10)));
}
/**
 * Polls until complete or the deadline passes. A non-transient error (AccessDenied, say) ends the wait at
 * once: it would fail the same way on every poll until the timeout.
 */
async function waitForCompletion(options) {
    const { poll, timeoutMs, isTransient, onProgress, now = common_clock/* systemClock */.ml.now, sleep = common_clock/* systemClock */.ml.sleep, signal } = options;
    const start = now();
    let polls = 0;
    let answered = 0;
    let error;
    const stop = () => ({
        completed: false,
        polls,
        answered,
        waitedMs: now() - start,
        ...(error === undefined ? {} : { lastError: error })
    });
    for (;;) {
        const elapsed = now() - start;
        const remaining = timeoutMs - elapsed;
        if (remaining <= 0 || signal?.aborted)
            return stop();
        try {
            await sleep(Math.min(pollDelay(elapsed), remaining), signal);
        }
        catch {
            return stop();
        }
        polls++;
        error = undefined;
        try {
            const done = await poll();
            answered++;
            if (done)
                return { completed: true, polls, answered, waitedMs: now() - start };
        }
        catch (caught) {
            // A poll cut short by the deadline or a cancellation is no answer, and no error of CloudFront's.
            if (signal?.aborted)
                return stop();
            if (!isTransient(caught))
                throw caught;
            error = caught;
        }
        onProgress?.({ elapsedMs: now() - start, polls, ...(error === undefined ? {} : { error }) });
    }
}

;// CONCATENATED MODULE: ./src/send/invalidate.ts













/**
 * Creates one target's invalidation (a distribution's, or a tenant's: the calls are chosen by
 * plan.target), waits if asked, and returns what came of it; never throws.
 */
async function invalidateOne(plan, settings, deadline, deps) {
    const creation = await create(plan, settings, deadline, deps);
    if ('failed' in creation)
        return creation.failed;
    const { created, found } = creation;
    // Every invalidation ID reaches the log, in a fleet too: it is the record of what the step made.
    deps.runner.info(found
        ? `Found invalidation ${created.id} on ${plan.distributionId} (${created.status}) by its CallerReference: CloudFront had not answered its create.`
        : `Created invalidation ${created.id} on ${plan.distributionId} (${created.status}).`);
    deps.onCreated(created.id, created.status);
    const made = { ...plannedResult(plan), invalidationId: created.id, status: created.status };
    // Found after the deadline cut its create short: there is nothing left to wait with.
    if (found && deadline.signal.aborted)
        return foundCutShort(made, plan, settings, deadline);
    if (!settings.wait)
        return made;
    if (created.status === 'Completed')
        return { ...made, waitedMs: 0, polls: 0, answeredPolls: 0 };
    return awaitCreated(made, plan.target, settings, deadline, deps);
}
/** A target's result before anything is sent: what it is, who named it, and its paths. */
function plannedResult(plan) {
    return {
        distributionId: plan.distributionId,
        target: plan.target,
        foundBy: plan.foundBy,
        paths: plan.paths,
        plan: plan.pathPlan
    };
}
/**
 * CreateInvalidation, tried again with the same CallerReference while the error clears with time and
 * wait-timeout allows; what the last error leaves is explained in the failed result.
 */
async function create(plan, settings, deadline, deps) {
    const { distributionId } = plan;
    const { client, runner, clock } = deps;
    // The last error a retry was made for: what the network said before a try the deadline cut off.
    let retried;
    // On the runner's wall clock, as CloudFront's CreateTime is: a cut-short create is looked for from here.
    const sentAt = Date.now();
    // What the pace saw of its tries: sent or still waiting for their turn, and what CloudFront answered.
    const sending = new Sending(deadline.signal);
    try {
        const created = await retryUntil(() => createInvalidationFor(client, plan.target, plan.paths, plan.callerReference, sending.signal), {
            shouldRetry: isWorthAnotherCreate,
            deadline: deadline.at,
            now: clock.now,
            sleep: clock.sleep,
            signal: deadline.signal,
            onRetry: ({ attempt, delayMs, remainingMs, error }) => {
                retried = error;
                const why = isTooManyInvalidations(error)
                    ? `Too many invalidations in progress on ${distributionId}`
                    : `CloudFront did not accept the invalidation of ${distributionId} (${(0,errors/* errorMessage */.gJ)(error)})`;
                runner.info(`${why}; retrying in ${formatDuration(delayMs)} with the same CallerReference (retry ${attempt}, ${formatDuration(remainingMs)} left of wait-timeout).`);
            }
        });
        return { created };
    }
    catch (error) {
        // Cut short while CloudFront had not answered (or answered a 5xx): the invalidation may exist. The
        // pace knows; through a client without it, the error says what it can.
        const acted = sending.paced ? sending.mayHaveActed : !isTooManyInvalidations(error) && mayHaveActed(error);
        const cutShort = (deadline.signal.aborted || isTransientAwsError(error)) && acted;
        const lookup = cutShort ? await lookForCutShort(plan, sentAt, deadline, deps) : undefined;
        if (lookup && 'found' in lookup)
            return { created: lookup.found, found: true };
        const explained = explainNotCreated(error, plan, settings, deadline, {
            retried,
            fleet: deps.quiet === true,
            notSent: sending.paced && !sending.sent,
            lastAnswer: sending.lastAnswer ?? error,
            ...(lookup ? { missing: lookup.missing } : {})
        });
        (0,common_runner.logDetail)(runner, explained);
        return {
            failed: {
                ...plannedResult(plan),
                error: (0,errors/* errorMessage */.gJ)(explained),
                ...(deadline.signal.aborted ? { cutShort: 'create' } : {}),
                ...(lookup ? { maybeCreated: true } : {}),
                ...(explained instanceof errors/* NotFoundError */.m_ ? { notFound: true } : {})
            }
        };
    }
    finally {
        sending.done();
    }
}
/** A create the deadline cut short, found afterwards by its CallerReference: what it leaves. */
function foundCutShort(made, plan, settings, deadline) {
    const text = foundAfter(deadline, plan, {
        id: made.invalidationId ?? '',
        status: made.status ?? 'InProgress'
    });
    if ((0,common_clock/* cancelOf */.UY)(deadline))
        return { ...made, error: text, cutShort: 'create' };
    // wait-timeout passed: without wait the step is done; with it, the wait ran out.
    if (!settings.wait)
        return made;
    return { ...made, error: `${text} Raise wait-timeout to wait for it.`, timedOut: true };
}
/** The error a create that failed for good reports: its own, or that the job was cancelled or the deadline passed. */
function explainNotCreated(error, plan, settings, deadline, how) {
    if ((0,common_clock/* cancelOf */.UY)(deadline)) {
        if (how.notSent) {
            return new Error(`Cancelled before the create on ${plan.distributionId} was sent: ${notYourTurn()}. Nothing was created.`);
        }
        const left = how.missing === undefined
            ? `Nothing was created: CloudFront had refused its last try (${(0,errors/* errorMessage */.gJ)(how.lastAnswer)}).`
            : mayExist(plan, how.missing);
        return new Error(`Cancelled before CloudFront answered the create on ${plan.distributionId}. ${left}`);
    }
    // At the deadline, say what was being waited for, unless the error itself says more.
    if (!isTooManyInvalidations(error) && (deadline.signal.aborted || isTransientAwsError(error))) {
        const cutOff = deadline.signal.aborted;
        const left = how.missing === undefined ? undefined : mayExist(plan, how.missing);
        return Object.assign(notCreatedInTime(settings, plan.distributionId, { lastError: error, cutOff, ...how, left }), { cause: error });
    }
    return error;
}
/** Waits for the invalidation the step just created; a poll that fails for good stops only the wait. */
async function awaitCreated(made, target, settings, deadline, deps) {
    const { client, runner } = deps;
    try {
        return await awaitCompletion(made, settings, deadline, {
            runner,
            clock: deps.clock,
            status: () => getInvalidationStatusFor(client, target, made.invalidationId, deadline.signal),
            justCreated: true,
            ...(deps.pollSleep ? { pollSleep: deps.pollSleep } : {}),
            ...(deps.quiet ? { quiet: true } : {})
        });
    }
    catch (error) {
        (0,common_runner.logDetail)(runner, error);
        return {
            ...made,
            error: `${(0,errors/* asSentence */.KG)((0,errors/* errorMessage */.gJ)(error))} Invalidation ${made.invalidationId} was created and goes on in CloudFront; only waiting for it stopped.`
        };
    }
}
/**
 * Polls an invalidation that exists (created by this step, or earlier: invalidation-id) until it is
 * Completed, the deadline passes or the job is cancelled, and returns what came of it. Throws the error
 * of a poll that no retry can mend; the caller says what that leaves.
 */
async function awaitCompletion(made, settings, deadline, deps) {
    const { runner, clock } = deps;
    const { distributionId, invalidationId: id } = made;
    const note = (line) => {
        if (deps.quiet)
            runner.debug(line);
        else
            runner.info(line);
    };
    note(`Waiting for ${id} to complete (wait-timeout ${settings.waitTimeoutSeconds} s).`);
    const createdAt = clock.now();
    const waited = await waitForCompletion({
        poll: async () => (await deps.status()) === 'Completed',
        timeoutMs: deadline.at - clock.now(),
        isTransient: error => isTransientAwsError(error) ||
            (deps.justCreated === true && isNoSuchInvalidation(error) && clock.now() - createdAt < NOT_VISIBLE_MS),
        ...(deps.quiet ? {} : { onProgress: progressLog(runner, id) }),
        now: clock.now,
        sleep: deps.pollSleep ?? clock.sleep,
        signal: deadline.signal
    });
    const after = {
        ...made,
        waitedMs: waited.waitedMs,
        polls: waited.polls,
        answeredPolls: waited.answered
    };
    if (waited.completed) {
        note(`Invalidation ${id} on ${distributionId} completed after ${formatDuration(waited.waitedMs)} (${formatCount(waited.polls, 'poll')}).`);
        return { ...after, status: 'Completed' };
    }
    if ((0,common_clock/* isCancelled */.mm)(deadline.signal)) {
        return {
            ...after,
            error: `Cancelled while waiting for invalidation ${id} on ${distributionId}; it goes on in CloudFront.`,
            cutShort: 'wait'
        };
    }
    return { ...after, error: (0,errors/* errorMessage */.gJ)(waitTimedOut(settings, after, waited.lastError)), timedOut: true };
}
/**
 * A result as fail-on-timeout says: with false, a wait that ran out is a warning (logged here), not an
 * error, since the invalidation goes on in CloudFront.
 */
function underFailOnTimeout(runner, failOnTimeout, result) {
    if (failOnTimeout || !result.timedOut || result.error === undefined)
        return result;
    const { error, ...rest } = result;
    const warning = `${error} fail-on-timeout is false, so the step does not fail.`;
    runner.warning(`${result.distributionId}: ${warning}`);
    return { ...rest, warning };
}
/**
 * How long after its creation a GetInvalidation answered NoSuchInvalidation counts as "not visible yet"
 * and is polled again. Whether CloudFront can answer so is not known; AWS APIs are eventually
 * consistent, and a few seconds of patience cost nothing next to a failed deploy.
 */
const NOT_VISIBLE_MS = 10_000;
/**
 * Worth another create with the same CallerReference, until wait-timeout: TooManyInvalidationsInProgress
 * (clears as earlier invalidations complete), and what the SDK's own attempts gave up on: throttling, 5xx,
 * dropped or unanswered connections. A brownout of CloudFront's API can outlast the SDK's attempts (a few
 * seconds of 503s, half a minute of throttling); wait-timeout is what the user gave the step.
 */
function isWorthAnotherCreate(error) {
    return isTooManyInvalidations(error) || isTransientAwsError(error);
}
function notCreatedInTime(settings, distributionId, how) {
    const { perSecond } = CLOUDFRONT_QUOTAS.create;
    const last = !how.cutOff
        ? `the last try: ${(0,errors/* errorMessage */.gJ)(how.lastError)}`
        : how.notSent
            ? `not sent: ${notYourTurn()}`
            : how.retried !== undefined
                ? `no answer to the last try; the one before: ${(0,errors/* errorMessage */.gJ)(how.retried)}`
                : how.fleet
                    ? `no answer, or not sent yet: ${notYourTurn()}`
                    : 'no answer';
    const raise = `raise wait-timeout (creating N invalidations takes about N / ${perSecond} s)`;
    const fix = how.notSent
        ? raise
        : how.fleet
            ? `${raise}, or check the network or proxy to CloudFront`
            : 'check the network or proxy to CloudFront, or raise wait-timeout';
    const nothing = how.notSent ? 'Nothing was created' : 'Nothing was reported as created';
    return new errors/* WaitTimeoutError */.Do(`Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout): CloudFront did not accept the invalidation of ${distributionId} in time (${last}). ${how.left === undefined ? `${nothing}; ${fix}.` : `${how.left} Otherwise ${fix}.`}`);
}
/** Why a create was not sent: its turn in the step's pace of creates had not come. */
function notYourTurn() {
    return `the step sends at most ${CLOUDFRONT_QUOTAS.create.perSecond} creates a second, CloudFront's default rate for the account, and this one's turn had not come`;
}
/** The wait ran out: still InProgress, or, when no poll was ever answered, that CloudFront was not reached. */
function waitTimedOut(settings, result, lastError) {
    const after = `Timed out after ${settings.waitTimeoutSeconds} s (wait-timeout) waiting for invalidation ${result.invalidationId} on ${result.distributionId}`;
    const polls = result.polls ?? 0;
    const fix = 'The invalidation goes on in CloudFront; raise wait-timeout, or set wait: false to not wait.';
    if (polls > 0 && (result.answeredPolls ?? 0) === 0) {
        const why = lastError === undefined ? 'none was answered in time' : `the last failed: ${(0,errors/* errorMessage */.gJ)(lastError)}`;
        return new errors/* WaitTimeoutError */.Do(`${after}: CloudFront answered none of ${formatCount(polls, 'poll')} (${why}), so its status is unknown. Check the network or proxy to cloudfront.amazonaws.com. ${fix}`);
    }
    const state = lastError === undefined ? 'still InProgress' : `the last poll failed (${(0,errors/* errorMessage */.gJ)(lastError)})`;
    return new errors/* WaitTimeoutError */.Do(`${after}: ${state} after ${formatCount(polls, 'poll')}. ${fix}`);
}

;// CONCATENATED MODULE: ./src/send/polls.ts
class PollScheduler {
    clock;
    perSecond;
    entries = [];
    seq = 0;
    lastGrant = -Infinity;
    pumping = false;
    wake;
    constructor(clock, 
    /** Polls a second allowed now (the step's GetInvalidation rate). */
    perSecond) {
        this.clock = clock;
        this.perSecond = perSecond;
    }
    /** Polls waiting for their turn. */
    get waiting() {
        return this.entries.length;
    }
    /**
     * Resolves once `ms` have passed and it is this poll's turn; it has the signature of Clock.sleep, so a
     * wait (wait.ts) takes it in place of its sleep. Rejects with the signal's reason when it aborts.
     */
    sleep(ms, signal) {
        if (signal?.aborted)
            return Promise.reject(signal.reason);
        return new Promise((resolve, reject) => {
            const entry = {
                dueAt: this.clock.now() + ms,
                seq: this.seq++,
                resolve: () => {
                    signal?.removeEventListener('abort', abort);
                    resolve();
                }
            };
            const abort = () => {
                const index = this.entries.indexOf(entry);
                if (index >= 0)
                    this.entries.splice(index, 1);
                reject(signal?.reason);
                this.wake?.abort();
            };
            signal?.addEventListener('abort', abort, { once: true });
            const at = this.entries.findIndex(other => earlier(entry, other));
            this.entries.splice(at < 0 ? this.entries.length : at, 0, entry);
            // A poll due before the one the pump sleeps for wakes it to look again.
            if (this.pumping)
                this.wake?.abort();
            else
                void this.pump();
        });
    }
    async pump() {
        this.pumping = true;
        try {
            for (let head = this.entries[0]; head; head = this.entries[0]) {
                const spacing = 1000 / Math.max(this.perSecond(), Number.MIN_VALUE);
                const at = Math.max(head.dueAt, this.lastGrant + spacing);
                const now = this.clock.now();
                if (at > now) {
                    const wake = new AbortController();
                    this.wake = wake;
                    try {
                        await this.clock.sleep(at - now, wake.signal);
                    }
                    catch {
                        // Woken early: a poll due sooner arrived, or one left.
                    }
                    continue;
                }
                this.entries.shift();
                this.lastGrant = now;
                head.resolve();
            }
        }
        finally {
            this.pumping = false;
            this.wake = undefined;
        }
    }
}
function earlier(a, b) {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
}

;// CONCATENATED MODULE: ./src/send/fleet.ts




/**
 * Every target of the step at once, through one pace and one poll scheduler. A fleet (more than one
 * target, a multi-tenant distribution's tenants included) logs one progress line for all of them instead
 * of each target's routine lines.
 */
async function invalidateAll(plans, settings, step, deps) {
    const fleet = new Fleet(plans.length, settings, step, deps);
    try {
        const nested = await Promise.all(plans.map((plan, index) => fleet.invalidate(plan, index)));
        return nested.flat();
    }
    finally {
        fleet.finish();
    }
}
/** The step's targets in flight: how many there are, their progress line, and the poll scheduler they share. */
class Fleet {
    settings;
    step;
    deps;
    total;
    polls;
    progress;
    constructor(count, settings, step, deps) {
        this.settings = settings;
        this.step = step;
        this.deps = deps;
        this.total = count;
        warnIfTooSlow(deps.runner, count, settings);
        this.polls = new PollScheduler(deps.clock, () => deps.pace.bucket('GetInvalidation').perSecond);
        this.progress = new FleetProgress(count, settings.wait, deps.clock.now, line => {
            if (this.isFleet())
                deps.runner.info(line);
        });
    }
    /** One planned target, in slot [index]: a distribution, or the targets in place of one (insteadOf). */
    async invalidate(plan, index) {
        const { result, instead } = await this.one(plan, [index]);
        if (!instead)
            return [result];
        const replaced = await instead(plans => this.replace(plans, index));
        if ('failed' in replaced) {
            this.progress.settled('failed');
            return [replaced.failed];
        }
        // Nothing in its place (a multi-tenant distribution whose tenants were all named by themselves).
        if (replaced.results.length === 0)
            this.progress.resize((this.total -= 1));
        return replaced.results;
    }
    /** The last progress line, and what CloudFront's throttling cost. */
    finish() {
        if (this.isFleet())
            this.progress.tick(true);
        const { throttles } = this.deps.pace;
        if (throttles > 0) {
            this.deps.runner.info(`CloudFront throttled ${throttles} of this step's calls; the step slowed down to its rate and retried them.`);
        }
    }
    /** One target logs its own lines, as it always has. */
    isFleet() {
        return this.total > 1;
    }
    /** The targets in place of the one in slot [index] (a multi-tenant distribution's tenants), in slots [index, n]. */
    async replace(plans, index) {
        // Its place in the counts goes to them.
        this.total += plans.length - 1;
        this.progress.resize(this.total);
        warnIfTooSlow(this.deps.runner, this.total, this.settings);
        const done = await Promise.all(plans.map((plan, n) => this.one(plan, [index, n])));
        return done.map(({ result }) => result);
    }
    async one(plan, slot) {
        const { runner, clock } = this.deps;
        const result = await invalidateOne(plan, this.settings, this.step, {
            client: this.deps.client,
            runner,
            clock,
            // Each poll also looks at the progress line: the step's own activity paces the log.
            pollSleep: async (ms, signal) => {
                await this.polls.sleep(ms, signal);
                this.progress.tick();
            },
            quiet: this.isFleet(),
            onCreated: (id, status) => {
                this.deps.onCreated(slot, plan.target, id, status);
                this.progress.created();
            }
        });
        // A target with another way is settled by the targets in its place, or as failed when there are none.
        const instead = this.deps.insteadOf?.(plan, result);
        if (!instead) {
            this.progress.settled(result.error ? 'failed' : result.status === 'Completed' ? 'completed' : 'created');
        }
        return { result, instead };
    }
}
/** Creates are paced to CloudFront's account-wide rate: say so when wait-timeout cannot hold them all. */
function warnIfTooSlow(runner, count, settings) {
    const least = leastSeconds(count, CLOUDFRONT_QUOTAS.create);
    if (least <= settings.waitTimeoutSeconds)
        return;
    runner.warning(`wait-timeout: creating ${count} invalidations takes at least ${Math.ceil(least)} s at CloudFront's default rate of ${CLOUDFRONT_QUOTAS.create.perSecond} CreateInvalidation calls a second per account, more than wait-timeout (${settings.waitTimeoutSeconds} s). Those not created in time fail; raise wait-timeout, or split the distributions and tenants across steps that run one after another.`);
}

;// CONCATENATED MODULE: ./src/verify/bucket.ts


/**
 * Two attempts of at most 3 s each: an answer verify cannot get only means "judged without the bucket",
 * and it is asked beside the edge's answer, which it must not hold up for long.
 */
const bucket_MAX_ATTEMPTS = 2;
const REQUEST_TIMEOUT_MS = 3_000;
/** After this many calls that got no answer, S3 is not asked again in this step (it is down or unreachable). */
const FAILURES_BEFORE_GIVING_UP = 3;
/**
 * HeadObject through one client, made on the first call; honours AWS_ENDPOINT_URL_S3 (the SDK reads it).
 * Each object is asked once (a directory URL and its index document, or a key's two `+` forms, share it).
 */
function bucketReader(options) {
    let client;
    const connect = () => (client ??= __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19)).then(({ S3Client, HeadObjectCommand }) => {
        const shared = sharedClientConfig(options.credentials, options.proxy, options.run);
        return {
            s3: new S3Client({
                ...shared,
                requestHandler: { ...shared.requestHandler, requestTimeout: REQUEST_TIMEOUT_MS },
                region: options.region ?? 'us-east-1',
                // A bucket in another region than the job's is followed: the job's is often CloudFront's, us-east-1.
                followRegionRedirects: true,
                maxAttempts: bucket_MAX_ATTEMPTS
            }),
            head: HeadObjectCommand
        };
    }));
    const asked = new Map();
    let failures = 0;
    const head = async (object, signal) => {
        if (failures >= FAILURES_BEFORE_GIVING_UP) {
            return { kind: 'failed', reason: `not asked: S3 gave no answer ${FAILURES_BEFORE_GIVING_UP} times` };
        }
        const { s3, head: command } = await connect();
        try {
            const answer = await s3.send(new command({ Bucket: object.bucket, Key: object.key }), {
                abortSignal: signal
            });
            return answer.ETag ? { kind: 'present', etag: answer.ETag } : { kind: 'failed', reason: 'no ETag' };
        }
        catch (error) {
            const answer = bucketError(error);
            if (answer.kind === 'failed')
                failures++;
            return answer;
        }
    };
    return {
        head: (object, signal) => {
            const key = `${object.bucket}\n${object.key}`;
            const known = asked.get(key);
            if (known)
                return known;
            const answer = head(object, signal);
            asked.set(key, answer);
            return answer;
        },
        close: () => {
            void client
                ?.then(({ s3 }) => {
                s3.destroy();
            })
                .catch(() => undefined);
        }
    };
}
/** HeadObject's failure as an answer: it has no body, so the status says what happened. */
function bucketError(error) {
    const name = errorName(error);
    const status = httpStatus(error);
    if (status === 404 || name === 'NotFound' || name === 'NoSuchKey')
        return { kind: 'absent' };
    if (status === 403 || name === 'Forbidden' || name === 'AccessDenied')
        return { kind: 'denied' };
    return { kind: 'failed', reason: name || 'no answer' };
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/** Text from inputs, files or AWS in Markdown: escaped prose, code spans and fenced blocks. */
/**
 * Text from inputs, files or AWS, for Markdown prose: every character Markdown or HTML could read as
 * syntax is escaped (CommonMark lets any ASCII punctuation be escaped with a backslash), and line breaks
 * become spaces, so the text can neither format, link, nor leave its block.
 */
function escapeMarkdown(text) {
    return text.replace(/\r\n|[\r\n]/g, ' ').replace(/[\\`*_{}[\]()#+!|<>&~]/g, '\\$&');
}
/** An inline code span that holds any text: fenced by more backticks than any run inside it. */
function inlineCode(text) {
    const flat = text.replace(/\r\n|[\r\n]/g, ' ');
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    // A | would end a table cell even inside a code span (GitHub's tables); escaped, it shows as itself.
    return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}
/** A fenced code block that no line inside can close: its fence is longer than any backtick run. */
function codeBlock(lines, info = 'text') {
    const longest = Math.max(2, ...lines.flatMap(line => (line.match(/`+/g) ?? []).map(run => run.length)));
    const fence = '`'.repeat(longest + 1);
    return [`${fence}${info}`, ...lines, fence].join('\n');
}

;// CONCATENATED MODULE: ./src/verify/headers.ts
/**
 * Pure: what the headers of one answer of the site say, read as CloudFront and the origin send them: the
 * cache's result (X-Cache), the copy's age (Age), its Date and its entity tag.
 */
/** X-Cache's first word, lower case, and what it names. */
const CACHE_RESULTS = new Map([
    ['hit', 'hit'],
    ['refreshhit', 'refresh-hit'],
    ['miss', 'miss'],
    ['error', 'error'],
    ['redirect', 'redirect'],
    ['functiongeneratedresponse', 'function'],
    ['lambdageneratedresponse', 'lambda']
]);
/** Only CloudFront's own values count: `HIT` or `MISS` from another cache in front says nothing of it. */
function cacheResult(xCache) {
    if (xCache === undefined || xCache.trim() === '')
        return 'absent';
    const match = /^(\S+) from cloudfront$/i.exec(xCache.trim());
    return (match && CACHE_RESULTS.get(match[1]?.toLowerCase() ?? '')) ?? 'other';
}
/** A header's value as a whole number of seconds (`Age`), or undefined when it is none. */
function seconds(value) {
    if (value === undefined)
        return undefined;
    const text = value.split(',')[0]?.trim() ?? '';
    return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}
/**
 * An HTTP-date as epoch ms, or undefined when it is none. Node joins a repeated Date header with `, `
 * (`Wed, 07 Aug 2013 16:27:12 GMT, Wed, 07 Aug 2013 16:27:13 GMT`), which parses as no date: the first
 * one is read.
 */
function httpDate(value) {
    if (value === undefined || value.length > 200)
        return undefined;
    const [first = ''] = value.split(/,\s*(?=[A-Za-z]{3},)/);
    if (first.length > 64)
        return undefined;
    // HTTP-dates are GMT; the obsolete asctime form (`Sun Jun  1 12:00:10 2025`) names no zone, and
    // Date.parse would read it in the runner's own (RFC 9110 5.6.7).
    const zoned = /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})\s*$/i.test(first) ? first : `${first} GMT`;
    const ms = Date.parse(zoned);
    return Number.isFinite(ms) ? ms : undefined;
}
/**
 * An entity tag's value, without the weak prefix and the quotes. CloudFront turns a strong ETag into a
 * weak one when it compresses (Developer Guide, "Serve compressed files": ETag header conversion), and
 * keeps the origin's value inside, so `W/"abc"` and `"abc"` name the same bytes of the origin.
 */
function entityTag(value) {
    if (value === undefined)
        return undefined;
    const text = value
        .trim()
        .replace(/^W\//i, '')
        .replace(/^"(.*)"$/, '$1');
    return text === '' ? undefined : text;
}

;// CONCATENATED MODULE: ./src/verify/lifetime.ts
/**
 * Pure: how long browsers may keep an answer without asking again (RFC 9111), which no invalidation
 * reaches, and when that is long enough for the step to warn.
 */


/** Browsers may keep a changed URL at most this long before the step warns (one hour). */
const BROWSER_LIFETIME_LIMIT_SECONDS = 3600;
/** The Cache-Control directives, lower-case names, values without quotes. */
function cacheControl(value) {
    const directives = new Map();
    for (const part of (value ?? '').split(',')) {
        const [rawName = '', ...rest] = part.split('=');
        const name = rawName.trim().toLowerCase();
        if (name)
            directives.set(name, rest.join('=').trim().replace(/^"|"$/g, ''));
    }
    return directives;
}
/**
 * How long a browser may reuse the answer without asking again (RFC 9111 4.2): the freshness lifetime
 * (max-age, else Expires minus Date) less the age the answer already has (`Age`, 4.2.3). s-maxage is for
 * shared caches such as CloudFront, not for browsers; no-store, no-cache and max-age=0 keep nothing.
 * Without either, browsers may guess a lifetime from Last-Modified (a heuristic): see browserUnset.
 */
function browserLifetime(headers) {
    const directives = cacheControl(headers['cache-control']);
    if (directives.has('no-store') || directives.has('no-cache'))
        return undefined;
    const age = seconds(headers.age) ?? 0;
    const less = (lifetime, from) => {
        const left = lifetime - age;
        if (left <= 0)
            return undefined;
        return { seconds: left, from: age > 0 ? `${from} less Age ${age}` : from };
    };
    const maxAge = directives.get('max-age');
    if (maxAge !== undefined) {
        const value = /^\d{1,12}$/.test(maxAge) ? Number(maxAge) : 0;
        return less(value, `max-age=${value}`);
    }
    const expires = headers.expires;
    if (expires === undefined)
        return undefined;
    // An Expires that is no valid date means "already expired" (RFC 9111 5.3).
    const at = httpDate(expires);
    const date = httpDate(headers.date);
    if (at === undefined || date === undefined)
        return undefined;
    const lifetime = Math.floor((at - date) / 1000);
    return less(lifetime, `Expires ${formatSeconds(lifetime)} after Date`);
}
/** True when nothing in the answer sets a browser lifetime, so that browsers may guess one (RFC 9111 4.2.2). */
function browserLifetimeUnset(headers) {
    const directives = cacheControl(headers['cache-control']);
    return (!directives.has('max-age') &&
        !directives.has('no-store') &&
        !directives.has('no-cache') &&
        headers.expires === undefined);
}

;// CONCATENATED MODULE: ./src/verify/verdict.ts
const UNKNOWN = { kind: 'unknown' };

;// CONCATENATED MODULE: ./src/verify/judge.ts
/**
 * Pure: what one answer of the site says about one changed URL, judged as CloudFront really answers.
 *
 * - By content, where the bucket is known: the ETag the edge served against the one S3 holds (HeadObject).
 *   Equal is live and different is stale, whatever the clocks say.
 * - By Date, elsewhere: a copy's `Date` is when the edge fetched it from the origin. CloudFront keeps the
 *   origin's Date on a hit and adds `Age` (captured: a miss and a later hit of one object with the same
 *   Date and `Age: 24`, in a 2013 write-up on CloudFront and S3; the same Date and x-amz-request-id with
 *   `Age: 14` in a 2019 capture; RestKit/RestKit#2337: "Amazon CloudFront delivers the Date header received
 *   from the origin"; RFC 9111 4.2.3 keeps Date and adds Age). So `Date − Age` would count Age twice.
 * - As a deleted file: the origin's error for a key the bucket no longer holds is its right answer.
 * - Not at all: answers CloudFront makes itself (its redirects, function- and Lambda-generated answers),
 *   the error page served in place of a file, refusals and failures say nothing about the cached copy.
 *
 * Times compared are AWS's: the invalidation's CreateTime (CloudFront's API) and the copy's Date (the
 * origin's clock, S3's for an S3 origin). The runner's clock is never one side of a comparison.
 */




/**
 * Clock tolerance: Date has whole-second resolution, and AWS's clocks (the API's CreateTime, S3's Date)
 * are kept in step but not to the millisecond. One rule: a copy whose Date is at most this long before
 * CreateTime is live; one fetched earlier than that is stale.
 */
const CLOCK_TOLERANCE_SECONDS = 5;
const STATUS_TEXT = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    410: 'Gone',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
};
function describeStatus(status) {
    const text = STATUS_TEXT[status];
    return text ? `${status} ${text}` : String(status);
}
/** Statuses worth asking again a little later: the origin or the edge may be having a moment. */
function isRetryable(status) {
    return status >= 500 || status === 429;
}
/**
 * S3's answer, passed on by CloudFront: S3 names itself in `Server: AmazonS3` (captured through CloudFront
 * as `server: AmazonS3` with `x-cache: Error from cloudfront`), and answers a key it does not hold with
 * 403 AccessDenied when the caller may not list the bucket (S3 API reference, GetObject: "If you don't
 * have the s3:ListBucket permission, Amazon S3 returns an HTTP status code 403"), as behind origin
 * access control without s3:ListBucket, AWS's recommended set-up.
 */
function isS3Refusal(answer) {
    return answer.status === 403 && /^AmazonS3\b/i.test(answer.headers.server?.trim() ?? '');
}
/**
 * The verdict on one answer. `createdAt` is the invalidation's CreateTime (epoch ms, from CloudFront);
 * `fact` what is known of the object behind the URL.
 */
function judgeAnswer(answer, createdAt, fact = UNKNOWN) {
    const { status, headers } = answer;
    const xCache = headers['x-cache'];
    const ageSeconds = seconds(headers.age);
    const common = {
        status,
        ...(xCache !== undefined ? { xCache } : {}),
        ...(ageSeconds !== undefined ? { ageSeconds } : {})
    };
    const result = cacheResult(xCache);
    const made = madeByCloudFront(result);
    if (made !== undefined)
        return { ...common, verdict: 'unchecked', rule: 'answer', reason: made };
    if (fact.derived !== undefined && isNoObject(answer, result)) {
        return { ...common, verdict: 'live', rule: 'answer', reason: DERIVED[fact.derived] };
    }
    const gone = goneAnswer(answer, result, fact);
    if (gone !== undefined)
        return { ...common, ...gone };
    const uncheckable = uncheckableStatus(answer, fact);
    if (uncheckable !== undefined) {
        const refused = (status === 401 || status === 403) && !isS3Refusal(answer);
        return {
            ...common,
            verdict: 'unchecked',
            rule: 'answer',
            reason: uncheckable,
            ...(refused ? { refused } : {})
        };
    }
    if (status === 404 || status === 410)
        return judgeMissing(common, answer, createdAt, fact);
    if (result === 'error' && status < 400) {
        return {
            ...common,
            verdict: 'unchecked',
            rule: 'answer',
            reason: `the site served its error page (${status} with X-Cache Error: a custom error response), not the file: the origin answered this URL with an error. Check that the file is at the origin under the key the URL maps to (origin-path, the sync's destination)`
        };
    }
    return judgeServed(served(common, answer), answer, result, createdAt, fact);
}
/** Why an answer CloudFront made itself says nothing of the cached copy, or undefined for the rest. */
function madeByCloudFront(result) {
    switch (result) {
        case 'redirect':
            return 'CloudFront redirected the request itself (X-Cache Redirect: a viewer protocol policy sends http:// to https://), so the answer says nothing of the file: set verify-url to the https:// address';
        case 'function':
            return 'a CloudFront Function answered the request itself (X-Cache FunctionGeneratedResponse), not the cache, so the answer says nothing of the file: verify the URL the function sends visitors to, or leave this one out of the changed files';
        case 'lambda':
            return 'a Lambda@Edge function answered the request itself (X-Cache LambdaGeneratedResponse), not the cache, so the answer says nothing of the file: verify the URL the function sends visitors to, or leave this one out of the changed files';
        default:
            return undefined;
    }
}
/** Why an error for a URL the step added says nothing is cached there. */
const DERIVED = {
    directory: 'a directory URL the origin does not serve (an S3 REST origin serves only keys), so no copy of the page is cached at it',
    plus: 'the other form of a key holding +, which this origin does not serve (an S3 REST origin reads + as a space, a website endpoint does not)'
};
/** An answer that says the origin holds no object at the URL: 404, 410, S3's 403, or the error page. */
function isNoObject(answer, result) {
    return (answer.status === 404 ||
        answer.status === 410 ||
        isS3Refusal(answer) ||
        (result === 'error' && answer.status < 400));
}
/**
 * A deleted file's answer: live for the origin's error for a key it no longer holds; not checkable when
 * the origin still serves it fresh. A key S3 refuses both to the site and to HeadObject is absent, as S3
 * refuses a key it does not hold to any reader that may not list the bucket.
 */
function goneAnswer(answer, result, fact) {
    if (fact.kind === 'denied' && isS3Refusal(answer)) {
        return {
            verdict: 'live',
            rule: 'deleted',
            reason: 'S3 refuses this key both to the site and to HeadObject, as it does for a key it does not hold when s3:ListBucket is not allowed: a deleted file (allow s3:ListBucket on the bucket for a certain answer)'
        };
    }
    if (fact.kind !== 'deleted')
        return undefined;
    const gone = deletedAnswer(answer, result);
    if (gone !== undefined)
        return { verdict: 'live', rule: 'deleted', reason: `${gone} (deleted: ${fact.from})` };
    if (result === 'miss' && answer.status < 300) {
        return {
            verdict: 'unchecked',
            rule: 'deleted',
            reason: `the file was deleted (${fact.from}), but the origin still serves it, fresh: the distribution reads another bucket or origin path than the one synced`
        };
    }
    return undefined;
}
/** The right answers for a deleted file: the origin's error for a key it no longer holds, or the error page. */
function deletedAnswer(answer, result) {
    if (answer.status === 404 || answer.status === 410)
        return `the origin answers ${describeStatus(answer.status)}, as for a deleted file`;
    if (isS3Refusal(answer))
        return 'S3 answers 403 AccessDenied for a key it does not hold when CloudFront may not list the bucket, as for a deleted file';
    if (result === 'error' && answer.status < 400)
        return "the site's error page (a custom error response), as for a key the bucket no longer holds";
    return undefined;
}
/** Why a status says nothing of which copy is cached, or undefined when it can be judged. */
function uncheckableStatus(answer, fact) {
    const { status } = answer;
    if (isS3Refusal(answer)) {
        return fact.kind === 'present'
            ? '403 Forbidden from S3 (Server: AmazonS3) for an object the bucket holds: CloudFront may not read it. Check the origin access control and the bucket policy'
            : "403 Forbidden from S3 (Server: AmazonS3): S3 answers so for a key it does not hold when CloudFront may not list the bucket. If this file was deleted, give the step the sync's output or the changes action's files (s3:// keys), so that it knows; otherwise check the origin access control and the bucket policy";
    }
    if (status === 401 || status === 403) {
        return `${describeStatus(status)}: the site refused the request (AWS WAF, signed URLs or cookies, geographic restrictions, or an origin that denies it)`;
    }
    if (isRetryable(status))
        return `${describeStatus(status)} after retries`;
    // Other 4xx than a deleted file's say nothing of which copy is cached.
    if (status >= 400 && status !== 404 && status !== 410) {
        return `${describeStatus(status)}: no copy of the URL to judge`;
    }
    return undefined;
}
/**
 * A 404 or 410 for a file not known to be deleted: a copy cached before the invalidation is stale (a new
 * file requested before it was uploaded); one fresh from the origin is the answer for a deleted file,
 * unless the bucket holds the object, when the site does not serve that key at this URL.
 */
function judgeMissing(common, answer, createdAt, fact) {
    const date = httpDate(answer.headers.date);
    if (common.ageSeconds !== undefined && date !== undefined) {
        const timed = judgeFetchTime(common, date, createdAt);
        if (timed.verdict === 'stale')
            return timed;
    }
    if (fact.kind === 'present') {
        return {
            ...common,
            verdict: 'unchecked',
            rule: 'answer',
            reason: `${describeStatus(answer.status)}, but the bucket holds the object: the site does not serve that key at this URL. Check origin-path and the distribution's origin`
        };
    }
    return {
        ...common,
        verdict: 'live',
        rule: 'deleted',
        reason: `the origin answers ${describeStatus(answer.status)}, as for a deleted file`
    };
}
function served(common, answer) {
    const browser = browserLifetime(answer.headers);
    return {
        ...common,
        ...(browser ? { browser } : {}),
        ...(browserLifetimeUnset(answer.headers) ? { browserUnset: true } : {}),
        ...(answer.status >= 300 && answer.status < 400 ? { redirect: true } : {})
    };
}
/** A copy served: by content where the bucket's ETag is known, else a miss is live, else by Date. */
function judgeServed(common, answer, result, createdAt, fact) {
    const etag = entityTag(answer.headers.etag);
    if (fact.kind === 'present' && etag !== undefined)
        return judgeByContent(common, etag, fact.etag, result);
    if (result === 'miss')
        return judgeMiss(common, answer, createdAt);
    // A refresh hit is a copy the origin has just confirmed as current (a 304 for its ETag): the bytes are
    // the origin's now, whatever its Date says. Captures show both Dates: kept from the first fetch, Date +
    // Age being the request's time (phonedude/cs533-f23, Arcand/3/response_files/gofundme.com.txt), and
    // renewed (phonedude/cs595-s22, Banks/3/responses/fortune.com.txt); neither makes the copy old.
    if (result === 'refresh-hit') {
        return {
            ...common,
            verdict: 'live',
            rule: 'refresh',
            reason: 'confirmed as current by the origin for this request (a refresh hit)'
        };
    }
    // A hit always carries Age (it is what a cache adds, RFC 9111 5.1); one without was rewritten after the
    // cache, as a viewer-response function can (one published sets Date and removes Age): its Date is not
    // the copy's.
    if (result === 'hit' && common.ageSeconds === undefined) {
        return {
            ...common,
            verdict: 'unchecked',
            rule: 'date',
            askAgain: true,
            reason: 'a hit without an Age header: a viewer-response function or a proxy rewrote the answer, so when its copy was fetched is unknown. Give the changed files as s3:// keys (or the sync output) so that the copy is judged by its content'
        };
    }
    const date = httpDate(answer.headers.date);
    if (date === undefined) {
        return {
            ...common,
            verdict: 'unchecked',
            rule: 'date',
            reason: 'the answer has no valid Date header, so when its copy was fetched is unknown'
        };
    }
    return judgeFetchTime(common, date, createdAt);
}
/**
 * A miss was fetched from the origin for this request: live, unless its Date is older than the
 * invalidation, when the origin itself served an old copy (a cache in front of it keeps its upstream's
 * Date, and may send an Age of its own, as one captured miss shows).
 */
function judgeMiss(common, answer, createdAt) {
    const date = httpDate(answer.headers.date);
    if (date !== undefined && date < createdAt - CLOCK_TOLERANCE_SECONDS * 1000) {
        return {
            ...judgeFetchTime(common, date, createdAt),
            reason: `a miss, but the origin served a copy dated ${formatSeconds((createdAt - date) / 1000)} before the invalidation was created: a cache in front of the origin, or the origin's clock, is behind`
        };
    }
    return {
        ...common,
        verdict: 'live',
        rule: 'miss',
        reason: 'fetched from the origin for this request (a miss)'
    };
}
/** The ETag the edge served against the one the bucket holds: the same bytes or not. */
function judgeByContent(common, edge, bucket, result) {
    const shown = plainTag(edge) && plainTag(bucket) ? { etags: { edge, bucket } } : {};
    const tags = 'etags' in shown ? ` (ETag ${edge}; the bucket's ${bucket})` : '';
    if (edge === bucket) {
        return {
            ...common,
            ...shown,
            verdict: 'live',
            rule: 'etag',
            reason: `the edge serves the bytes the bucket holds${'etags' in shown ? ` (ETag ${edge})` : ''}`
        };
    }
    return {
        ...common,
        ...shown,
        verdict: 'stale',
        rule: 'etag',
        reason: result === 'miss'
            ? `the origin served other bytes than the bucket holds${tags}: the distribution does not read this key for this URL (origin-path, another origin)`
            : `the edge serves other bytes than the bucket holds${tags}`
    };
}
/** ETags fit to show in the log and annotations: S3's hex digests, with a part count for multipart. */
function plainTag(tag) {
    return /^[\w.-]{1,80}$/.test(tag);
}
/** Live when the copy's Date is at most the clock tolerance before `createdAt`; stale when earlier. */
function judgeFetchTime(common, date, createdAt) {
    const after = Math.round((date - createdAt) / 1000);
    const timing = { ...common, fetchedAfterSeconds: after, rule: 'date' };
    const age = common.ageSeconds !== undefined ? `, cached ${formatSeconds(common.ageSeconds)} ago` : '';
    if (date >= createdAt - CLOCK_TOLERANCE_SECONDS * 1000) {
        return {
            ...timing,
            verdict: 'live',
            reason: `fetched from the origin ${after >= 0 ? `${formatSeconds(after)} after` : `${formatSeconds(-after)} before (within the clock tolerance)`} the invalidation was created${age}`
        };
    }
    return {
        ...timing,
        verdict: 'stale',
        reason: `fetched from the origin ${formatSeconds(-after)} before the invalidation was created${age}`
    };
}
/** A request that got no answer is not checkable: say why. */
function judgeNoAnswer(failure) {
    return { verdict: 'unchecked', rule: 'answer', reason: failure.reason, failure: failure.kind };
}

;// CONCATENATED MODULE: ./src/verify/report.ts
/**
 * Pure: what the log, the annotations and the summary say of a verification. Text the site sent (X-Cache)
 * appears only in the summary, escaped, and in the log's detail lines, which the runner seam prints as
 * plain text; annotations are made of the action's own words, numbers and the percent-encoded paths
 * alone, so no answer can turn into a workflow command.
 */





/** Stale or unchecked URLs given an annotation each; the rest are counted in one more. */
const ANNOTATIONS_LIMIT = 10;
/** Rows of the summary's table; the rest are counted. */
const SUMMARY_ROWS_LIMIT = 100;
function countVerdicts(urls) {
    return {
        live: urls.filter(url => url.verdict === 'live').length,
        stale: urls.filter(url => url.verdict === 'stale').length,
        unchecked: urls.filter(url => url.verdict === 'unchecked').length,
        longLived: urls.filter(url => isLongLived(url)).length
    };
}
function isLongLived(url) {
    return (url.browser?.seconds ?? 0) > BROWSER_LIFETIME_LIMIT_SECONDS;
}
/** `Hit`, `Miss`, `RefreshHit`, `Error`, `other`, `none`: X-Cache in the action's own words. */
function cacheWord(url) {
    switch (cacheResult(url.xCache)) {
        case 'hit':
            return 'Hit';
        case 'miss':
            return 'Miss';
        case 'refresh-hit':
            return 'RefreshHit';
        case 'error':
            return 'Error';
        case 'redirect':
            return 'Redirect';
        case 'function':
            return 'FunctionGeneratedResponse';
        case 'lambda':
            return 'LambdaGeneratedResponse';
        case 'other':
            return 'other';
        case 'absent':
            return 'none';
    }
}
/** How a URL was judged, for its detail line: the rule that gave the verdict. */
const RULE_WORDS = {
    etag: 'judged by ETag',
    date: 'judged by Date',
    miss: 'judged as a miss',
    refresh: 'judged as a refresh hit',
    deleted: 'judged as a deleted file',
    answer: 'judged by the answer'
};
function listed(urls, limit = 5) {
    const shown = urls.slice(0, limit).map(url => url.path);
    return urls.length > limit
        ? `${shown.join(', ')}, … and ${formatNumber(urls.length - limit)} more`
        : shown.join(', ');
}
/**
 * What was chosen to check: `Verifying 100 of 500 changed URLs (a sample spread over the list) of E… at
 * https://…, against invalidation I….`
 */
function selectionLine(verification) {
    const { selection, site } = verification;
    const count = selection.paths.length;
    const of = count < selection.candidates
        ? `${formatNumber(count)} of ${formatCount(selection.candidates, 'changed URL')} (a sample spread over the list)`
        : formatCount(count, 'changed URL');
    return `Verifying ${of} of ${verification.targetId} at ${site.origin}, against invalidation ${verification.invalidationId}.`;
}
/** Notes on what was left out of the check. */
function selectionNotes(selection) {
    const notes = [];
    if (selection.tags > 0) {
        notes.push(`${formatCount(selection.tags, 'cache tag')} not verified: a tag names no URL to request.`);
    }
    if (selection.uncheckedWildcards.length > 0) {
        const shown = selection.uncheckedWildcards.slice(0, 5).join(', ');
        const more = selection.uncheckedWildcards.length > 5
            ? ` and ${formatNumber(selection.uncheckedWildcards.length - 5)} more`
            : '';
        notes.push(`${formatCount(selection.uncheckedWildcards.length, 'wildcard')} not verified (${shown}${more}): no file under ${selection.uncheckedWildcards.length === 1 ? 'it was' : 'them were'} listed. List the changed files (paths-file, or the changes action's output) to have them checked.`);
    }
    if (selection.notCovered > 0) {
        notes.push(`${formatCount(selection.notCovered, 'listed path')} not verified: the invalidation does not cover ${selection.notCovered === 1 ? 'it' : 'them'}.`);
    }
    return notes;
}
/** One line per verdict class, for the log. */
function verdictLines(verification) {
    const { urls, targetId } = verification;
    const by = (verdict) => urls.filter(url => url.verdict === verdict);
    const lines = [];
    const live = by('live');
    const stale = by('stale');
    const unchecked = by('unchecked');
    const longLived = urls.filter(isLongLived);
    if (live.length > 0)
        lines.push(`${targetId}: live: ${formatCount(live.length, 'URL')} served fresh from the origin since the invalidation (${listed(live)}).`);
    if (stale.length > 0)
        lines.push(`${targetId}: stale: ${formatCount(stale.length, 'URL')} served from a copy cached before the invalidation (${listed(stale)}).`);
    if (unchecked.length > 0)
        lines.push(`${targetId}: not checkable: ${formatCount(unchecked.length, 'URL')} (${listed(unchecked)}).`);
    if (longLived.length > 0) {
        lines.push(`${targetId}: browser lifetime over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}: ${formatCount(longLived.length, 'URL')} (${listed(longLived)}).`);
    }
    return lines;
}
/** A detail line per URL, for a log group (site text in it is printed as plain text by the runner seam). */
function detailLine(url) {
    const parts = [
        url.status === undefined ? 'no answer' : String(url.status),
        `X-Cache ${url.xCache ?? 'none'}`,
        ...(url.ageSeconds !== undefined ? [`Age ${url.ageSeconds}`] : []),
        ...(url.browser ? [`browsers keep it ${formatSeconds(url.browser.seconds)} (${url.browser.from})`] : []),
        ...(url.browserUnset ? ['browser lifetime not set'] : []),
        ...(url.redirect ? ['a redirect, judged as served'] : []),
        ...(url.object ? [`${url.object}${bucketWords(url)}`] : []),
        ...(url.bucketFailure ? [`HeadObject: ${url.bucketFailure}`] : []),
        ...(url.attempts > 1 ? [`${url.attempts} attempts`] : [])
    ];
    return `  ${url.verdict.padEnd(9)} ${url.url}  ${parts.join('; ')}; ${RULE_WORDS[url.rule]}: ${url.reason}`;
}
const BUCKET_WORDS = {
    present: ' (in the bucket)',
    absent: ' (not in the bucket)',
    denied: ' (HeadObject denied)',
    failed: ' (HeadObject failed)'
};
function bucketWords(url) {
    return url.bucket ? BUCKET_WORDS[url.bucket] : '';
}
/**
 * A note when HeadObject was denied or failed for some URLs: they were judged by Date instead of by
 * content. One line per target, naming the permission.
 */
function bucketNotes(verification) {
    const notes = [];
    for (const kind of ['denied', 'failed']) {
        const urls = verification.urls.filter(url => url.bucket === kind);
        if (urls.length === 0)
            continue;
        const buckets = [...new Set(urls.map(url => /^s3:\/\/([^/]+)\//.exec(url.object ?? '')?.[1] ?? ''))];
        const arns = buckets.map(bucket => `arn:aws:s3:::${bucket}/*`).join(', ');
        notes.push(kind === 'denied'
            ? `verify: S3 refused HeadObject for ${formatCount(urls.length, 'object')} of ${verification.targetId} (${listed(urls)}), so ${urls.length === 1 ? 'it was' : 'they were'} judged without the bucket's ETag: allow s3:GetObject on ${arns} for the check by content, and s3:ListBucket on the bucket, so that a deleted key reads as absent rather than refused.`
            : `verify: HeadObject failed for ${formatCount(urls.length, 'object')} of ${verification.targetId} (${listed(urls)}), so ${urls.length === 1 ? 'it was' : 'they were'} judged without the bucket's ETag; the log's "Verified" group says why.`);
    }
    return notes;
}
/** Why a copy the invalidation should have cleared is still served: where to look. */
const STALE_CAUSES = "The path invalidated is not this URL's cache key: likely a viewer-request CloudFront Function or Lambda@Edge rewriting the URI (invalidate the rewritten path too, e.g. /dir/index.html for /dir/), an origin path, or a cache policy adding query strings, headers or cookies to the key. See docs/verify.md.";
/**
 * The ::error:: for one stale URL, in the action's own words: the URL (percent-encoded), numbers, and
 * ETags only when they are plain (S3's hex digests); never the S3 key as given.
 */
function staleError(url, invalidationId) {
    const edge = `the edge (X-Cache ${cacheWord(url)}${url.ageSeconds !== undefined ? `, Age ${url.ageSeconds}` : ''})`;
    if (url.rule === 'etag') {
        const tags = url.etags ? ` (ETag ${url.etags.edge}; the bucket's ${url.etags.bucket})` : '';
        if (cacheResult(url.xCache) === 'miss') {
            return `verify: ${url.url} is stale: the origin served other bytes than the bucket holds for it${tags}, after CloudFront reported invalidation ${invalidationId} Completed. The distribution does not read that key for this URL: check origin-path and the distribution's origin. See docs/verify.md.`;
        }
        return `verify: ${url.url} is stale: ${edge} serves other bytes than the bucket holds for it${tags}, after CloudFront reported invalidation ${invalidationId} Completed. ${STALE_CAUSES}`;
    }
    const before = -(url.fetchedAfterSeconds ?? 0);
    // Minutes apart may be the origin's clock rather than the copy: only the content can tell.
    const clock = before < 600
        ? " If the origin's clock runs behind AWS's, give the changed files as S3 keys (s3:// URIs or the sync's output) so that they are judged by content."
        : '';
    return `verify: ${url.url} is stale: ${edge} served a copy fetched from the origin ${formatSeconds(before)} before invalidation ${invalidationId} was created, after CloudFront reported it Completed. ${STALE_CAUSES}${clock}`;
}
/** The ::error:: for each stale URL, capped, and a count of the rest. */
function staleErrors(verification) {
    const stale = verification.urls.filter(url => url.verdict === 'stale');
    const errors = stale.slice(0, ANNOTATIONS_LIMIT).map(url => staleError(url, verification.invalidationId));
    if (stale.length > ANNOTATIONS_LIMIT) {
        errors.push(`verify: ${formatNumber(stale.length - ANNOTATIONS_LIMIT)} more stale URLs of ${verification.targetId}; the log's "Verified" group lists every one.`);
    }
    return errors;
}
/** The ::error:: for each URL that could not be checked, capped. */
function uncheckedErrors(verification) {
    const unchecked = verification.urls.filter(url => url.verdict === 'unchecked');
    const errors = unchecked
        .slice(0, ANNOTATIONS_LIMIT)
        .map(url => `verify: ${url.url} could not be checked: ${url.reason}.`);
    if (unchecked.length > ANNOTATIONS_LIMIT) {
        errors.push(`verify: ${formatCount(unchecked.length - ANNOTATIONS_LIMIT, 'more URL')} of ${verification.targetId} could not be checked; the log's "Verified" group lists every one.`);
    }
    return errors;
}
/** The ::warning:: for each URL browsers may keep too long, capped. */
function lifetimeWarnings(verification) {
    const long = verification.urls.filter(isLongLived);
    const warnings = long
        .slice(0, ANNOTATIONS_LIMIT)
        .map(url => `verify: ${url.url} lets browsers keep it for ${formatSeconds(url.browser?.seconds ?? 0)} (${url.browser?.from}), over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}: a browser that loaded it before the deploy may show the old copy until then, whatever CloudFront serves. For a URL that changes in place (HTML), send Cache-Control: no-cache (or a short max-age); keep long lifetimes for fingerprinted assets. See docs/verify.md.`);
    if (long.length > ANNOTATIONS_LIMIT) {
        warnings.push(`verify: ${formatCount(long.length - ANNOTATIONS_LIMIT, 'more URL')} of ${verification.targetId} let browsers keep them over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}.`);
    }
    return warnings;
}
/** How the step fails when some URL could not be fetched: what to do about it. */
const UNFETCHED_FIX = 'A URL that cannot be fetched cannot be verified: allow the runner through (AWS WAF, signed URLs, geographic restrictions), set verify-url to an address the runner can reach, or set verify: false to skip verifying.';
/**
 * The advice that fits the URLs that could not be checked: none for a cancelled job, wait-timeout for a
 * deadline, access for refusals and failures, and otherwise each error's own fix.
 */
function uncheckedFix(urls) {
    const unchecked = urls.filter(url => url.verdict === 'unchecked');
    if (unchecked.length === 0)
        return '';
    if (unchecked.every(url => url.failure === 'cancelled'))
        return '';
    if (unchecked.every(url => url.failure === 'cancelled' || url.failure === 'deadline')) {
        return 'wait-timeout ran out while verifying: raise wait-timeout so that every URL can be checked.';
    }
    const unfetched = unchecked.some(url => (url.failure !== undefined && url.failure !== 'cancelled' && url.failure !== 'deadline') ||
        url.refused === true);
    return unfetched
        ? UNFETCHED_FIX
        : 'Each error above says why its URL says nothing of the file, and what to change; or set verify: false to skip verifying.';
}
/** The summary's section: one table per target. */
function renderVerification(verifications) {
    if (verifications.length === 0)
        return '';
    const blocks = ['### Verified as a visitor gets it'];
    for (const verification of verifications) {
        const counts = countVerdicts(verification.urls);
        const sampled = verification.selection.paths.length < verification.selection.candidates
            ? ` (a spread sample of ${formatNumber(verification.selection.candidates)})`
            : '';
        const parts = [
            `${formatNumber(counts.live)} live`,
            `${formatNumber(counts.stale)} stale`,
            `${formatNumber(counts.unchecked)} not checkable`
        ];
        blocks.push(`${inlineCode(verification.targetId)} at ${inlineCode(verification.site.origin)}, invalidation ${inlineCode(verification.invalidationId)} created ${inlineCode(verification.createTime)}: ${formatCount(verification.urls.length, 'URL')} checked${sampled}: ${parts.join(', ')}${counts.longLived > 0 ? `; ${formatNumber(counts.longLived)} with a browser lifetime over ${formatSeconds(BROWSER_LIFETIME_LIMIT_SECONDS)}` : ''}.`);
        const notes = selectionNotes(verification.selection);
        if (notes.length > 0)
            blocks.push(notes.map(note => `- ${escapeMarkdown(note)}`).join('\n'));
        if (verification.urls.length === 0)
            continue;
        const rows = verification.urls.slice(0, SUMMARY_ROWS_LIMIT).map(url => {
            const verdict = url.verdict === 'live' ? '✅ live' : url.verdict === 'stale' ? '❌ stale' : '⚠️ not checkable';
            const age = url.ageSeconds === undefined ? '—' : formatSeconds(url.ageSeconds);
            const browser = url.browser
                ? `${isLongLived(url) ? '⚠️ ' : ''}${formatSeconds(url.browser.seconds)}`
                : url.browserUnset
                    ? 'not set (browsers may guess from Last-Modified)'
                    : '0 s';
            const status = url.status === undefined ? '—' : String(url.status);
            return `| ${inlineCode(url.path)} | ${verdict} | ${status} | ${url.xCache === undefined ? '—' : inlineCode(url.xCache)} | ${age} | ${browser} |`;
        });
        const rest = verification.urls.length - rows.length;
        blocks.push([
            '| URL | Verdict | Status | X-Cache | Age of the copy | Browser lifetime |',
            '| --- | --- | ---: | --- | ---: | ---: |',
            ...rows
        ].join('\n') + (rest > 0 ? `\n\n… and ${formatNumber(rest)} more in the log.` : ''));
    }
    blocks.push(`Live: the edge serves the bytes the bucket holds (same ETag), where the step knows the S3 object; elsewhere a miss, a refresh hit, or a copy whose Date (when the edge fetched it from the origin) is at most ${CLOCK_TOLERANCE_SECONDS} s before the invalidation's CreateTime; for a deleted file, the origin's error or the error page. Browser lifetime: what max-age or Expires, less Age, lets a browser reuse without asking.`);
    // After the invalidation's own summary, which ends with a single line break.
    return '\n' + blocks.join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./src/verify/urls.ts
/**
 * Pure: which URLs verify requests, and where. Every exact path an invalidation cleared is a URL a
 * visitor requests; a wildcard is checked through the files it covers that the step was given (the
 * paths-file, the changes output, paths already covered, the paths compaction folded into it). Above
 * a limit, a spread sample: every part of the list is represented, and the log says how many of how many.
 */

/** The most URLs verified per target; a longer list is sampled evenly across it. */
const VERIFY_SAMPLE_LIMIT = 100;
/**
 * `files`: the exact paths known to have changed (requested ones, or given with invalidation-id);
 * `invalidated`: what the invalidation cleared (paths, wildcards, tags).
 */
function selectUrls(files, invalidated, limit = VERIFY_SAMPLE_LIMIT) {
    const tags = invalidated.filter(isCacheTag).length;
    const wildcards = invalidated.filter(item => !isCacheTag(item) && isWildcard(item));
    const exact = new Set(invalidated.filter(item => !isCacheTag(item) && !isWildcard(item)));
    const cover = new WildcardCover(wildcards);
    const seen = new Set();
    const chosen = [];
    let notCovered = 0;
    const underWildcard = new Set();
    for (const path of files) {
        if (isCacheTag(path) || isWildcard(path) || seen.has(path))
            continue;
        seen.add(path);
        const index = cover.indexOf(path);
        if (!exact.has(path) && index === -1) {
            notCovered++;
            continue;
        }
        if (index !== -1)
            underWildcard.add(index);
        chosen.push(path);
    }
    // Exact paths of the invalidation itself (invalidation-id without paths: they are the files).
    for (const path of exact) {
        if (seen.has(path))
            continue;
        seen.add(path);
        chosen.push(path);
    }
    const uncheckedWildcards = [];
    cover.prefixes.forEach((prefix, index) => {
        if (underWildcard.has(index))
            return;
        const wildcard = `${prefix}*`;
        // `/*` with no file named: the home page is what every visitor loads first.
        if (wildcard === EVERYTHING && !seen.has('/')) {
            seen.add('/');
            chosen.push('/');
            return;
        }
        uncheckedWildcards.push(wildcard);
    });
    return { paths: spread(chosen, limit), candidates: chosen.length, tags, uncheckedWildcards, notCovered };
}
/** `limit` items spread evenly over the list, first and last included, in list order. */
function spread(items, limit) {
    if (items.length <= limit)
        return [...items];
    if (limit <= 1)
        return items.slice(0, limit);
    const picked = [];
    for (let i = 0; i < limit; i++)
        picked.push(items[Math.round((i * (items.length - 1)) / (limit - 1))]);
    return picked;
}
/** The default site of a domain CloudFront names (an alias, a *.cloudfront.net name, a tenant's domain). */
function siteOfDomain(domain) {
    const hostname = domain.toLowerCase().replace(/\.$/, '');
    return { origin: `https://${hostname}`, hostname };
}
/**
 * The URL of a path on the site, by concatenation: a path is never resolved against the site, so that
 * `//other.example/x` stays on the site's host. Undefined when the result would leave it anyway.
 */
function urlOf(site, path) {
    if (!path.startsWith('/'))
        return undefined;
    let url;
    try {
        url = new URL(`${site.origin}${path}`);
    }
    catch {
        return undefined;
    }
    return url.hostname.toLowerCase() === site.hostname && `${url.protocol}//${url.host}` === site.origin
        ? url
        : undefined;
}

;// CONCATENATED MODULE: ./src/verify/site.ts
/**
 * The HTTP client for the site: GETs a changed URL as a browser would (no credentials, no cookies, the
 * encodings browsers accept), reads the status and the headers judging needs, and reads no more of the
 * body than a keep-alive connection needs to be reused. Redirects are not followed: judged as served.
 * Proxies are honoured as the AWS calls honour them (http.ts: Node's proxyEnv agents), and each request
 * ends at its own timeout or at the step's deadline, whichever is first.
 */









/** Requests in flight at once per site: a few, about what a browser opens per host over HTTP/1.1. */
const CONCURRENCY = 8;
/** The longest one request may take (the step's deadline may cut it shorter). */
const site_REQUEST_TIMEOUT_MS = 10_000;
/** A 5xx, a 429 or a dropped connection is asked again after these pauses. */
const RETRY_DELAYS_MS = [500, 1500];
/** A hit without Age is asked once more after this pause (judge.ts: askAgain). */
const ASK_AGAIN_MS = 1000;
/** Body bytes read, at most, so that the connection can be reused; a longer body ends the connection. */
const BODY_LIMIT = 64 * 1024;
/** Header values longer than this are cut: they are untrusted and only shown, escaped. */
const HEADER_LIMIT = 512;
/** The headers judging reads (the summary shows X-Cache); nothing else of the answer is kept. */
const KEPT = ['date', 'age', 'x-cache', 'cache-control', 'expires', 'etag', 'server'];
/** The agents the site's requests go through: keep-alive, and the proxy as http.ts read it. */
function siteClient(proxy, timeoutMs = site_REQUEST_TIMEOUT_MS) {
    const proxyEnv = proxy.https || proxy.http
        ? {
            ...(proxy.https ? { HTTPS_PROXY: proxy.https.url } : {}),
            ...(proxy.http ? { HTTP_PROXY: proxy.http.url } : {}),
            ...(proxy.noProxy ? { NO_PROXY: proxy.noProxy.url } : {})
        }
        : undefined;
    const options = { keepAlive: true, maxSockets: CONCURRENCY, ...(proxyEnv ? { proxyEnv } : {}) };
    const http = new external_node_http_.Agent(options);
    const https = new external_node_https_.Agent(options);
    return {
        get: (url, signal) => get(url, url.protocol === 'https:' ? https : http, signal, AbortSignal.timeout(timeoutMs)),
        close: () => {
            http.destroy();
            https.destroy();
        }
    };
}
/** `step` is the step's deadline (wait-timeout, or the job cancelled); `own` the request's own timeout. */
function get(url, agent, step, own) {
    const signal = AbortSignal.any([step, own]);
    return new Promise(resolve => {
        if (signal.aborted) {
            resolve(noAnswer(signal.reason, step));
            return;
        }
        const send = url.protocol === 'https:' ? external_node_https_.request : external_node_http_.request;
        const request = send(url, {
            method: 'GET',
            agent,
            signal,
            // Browsers take far longer headers than Node's 16 KiB default (a long Content-Security-Policy).
            maxHeaderSize: 256 * 1024,
            headers: {
                'user-agent': `Mozilla/5.0 (compatible; ${ACTION_NAME}/${ACTION_VERSION}; verify)`,
                accept: '*/*',
                'accept-encoding': 'gzip, deflate, br, zstd',
                'cache-control': 'no-cache'
            }
        }, response => {
            resolve(answerOf(response));
            drain(response);
        });
        request.on('error', error => {
            resolve(noAnswer(error, step));
        });
        request.end();
    });
}
/** Reads at most BODY_LIMIT bytes and drops the rest with the connection. */
function drain(response) {
    let read = 0;
    const length = Number(response.headers['content-length'] ?? NaN);
    if (length > BODY_LIMIT) {
        response.destroy();
        return;
    }
    response.on('data', (chunk) => {
        read += chunk.length;
        if (read > BODY_LIMIT)
            response.destroy();
    });
    response.on('error', () => undefined);
}
function answerOf(response) {
    const headers = {};
    for (const name of KEPT) {
        // A header sent twice (two Date headers from a proxy in front) is read as its first value.
        const value = response.headersDistinct[name]?.[0];
        if (value !== undefined)
            headers[name] = value.slice(0, HEADER_LIMIT);
    }
    return { status: response.statusCode ?? 0, headers };
}
/** Why a request got no answer; `step` tells a cancelled job and the step's deadline from the rest. */
function noAnswer(error, step) {
    const code = error?.code ?? '';
    const name = errorName(error);
    if (step.aborted) {
        return step.reason instanceof common_clock/* CancelledError */.cc
            ? { kind: 'cancelled', reason: 'not answered before the job was cancelled' }
            : { kind: 'deadline', reason: 'not answered before wait-timeout' };
    }
    if (name === 'TimeoutError' || name === 'AbortError') {
        return { kind: 'timeout', reason: `no answer in time (timed out after ${site_REQUEST_TIMEOUT_MS / 1000} s)` };
    }
    if (code === 'ECONNREFUSED')
        return { kind: 'refused', reason: 'the connection was refused' };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return { kind: 'dns', reason: 'the host name does not resolve (DNS)' };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_PROXY_TUNNEL') {
        return { kind: 'reset', reason: `the connection was dropped (${code})` };
    }
    if (/CERT|SSL|TLS/i.test(code))
        return { kind: 'tls', reason: `the TLS handshake failed (${code})` };
    return { kind: 'other', reason: `the request failed (${code || name || 'no answer'})` };
}
function isNoAnswer(value) {
    return 'kind' in value;
}
/**
 * Requests each path on the site, CONCURRENCY at a time, and judges each answer against the
 * invalidation's CreateTime (epoch ms). A path that would leave the site's host is never requested.
 */
async function verifyPaths(site, paths, createdAt, deps) {
    const results = new Array(paths.length);
    let next = 0;
    const worker = async () => {
        while (next < paths.length) {
            const index = next++;
            const path = paths[index];
            results[index] = await verifyOne(site, path, createdAt, deps);
        }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker));
    return results;
}
async function verifyOne(site, path, createdAt, deps) {
    const url = urlOf(site, path);
    if (!url) {
        return {
            path,
            url: `${site.origin}${path}`,
            attempts: 0,
            verdict: 'unchecked',
            rule: 'answer',
            reason: `not requested: the path would leave ${site.hostname}`
        };
    }
    const object = deps.objects?.get(path);
    // The bucket is asked while the edge is: the content check adds no round trip.
    const headed = object?.s3 && deps.bucket ? deps.bucket.head(object.s3, deps.signal) : undefined;
    const first = await ask(url, deps);
    const bucket = await headed;
    const fact = factOf(object, bucket);
    const about = {
        path,
        url: url.href,
        ...(object?.s3 ? { object: `s3://${object.s3.bucket}/${object.s3.key}` } : {}),
        ...(bucket ? { bucket: bucket.kind } : {}),
        ...(bucket?.kind === 'failed' ? { bucketFailure: bucket.reason } : {})
    };
    let judged = judge(first.answer, createdAt, fact);
    let attempts = first.attempts;
    if (judged.askAgain && !deps.signal.aborted) {
        try {
            await deps.clock.sleep(ASK_AGAIN_MS, deps.signal);
            const again = await ask(url, deps);
            attempts += again.attempts;
            judged = judge(again.answer, createdAt, fact);
        }
        catch {
            // The deadline passed while pausing: the first answer's verdict stands.
        }
    }
    delete judged.askAgain;
    return { ...judged, ...about, attempts };
}
function judge(answer, createdAt, fact) {
    return isNoAnswer(answer) ? judgeNoAnswer(answer) : judgeAnswer(answer, createdAt, fact);
}
/** One answer of the site, asked again after a 5xx, a 429 or a dropped connection. */
async function ask(url, deps) {
    let attempts = 0;
    for (;;) {
        attempts++;
        const answer = await deps.client.get(url, deps.signal);
        const retry = isNoAnswer(answer) ? answer.kind === 'reset' : isRetryable(answer.status);
        const delay = RETRY_DELAYS_MS[attempts - 1];
        if (retry && delay !== undefined && !deps.signal.aborted) {
            try {
                await deps.clock.sleep(delay, deps.signal);
                continue;
            }
            catch {
                // The deadline passed while pausing: judge the last answer.
            }
        }
        return { answer, attempts };
    }
}
/**
 * What is known of the object: the bucket's answer first (it is the current truth), else what the step's
 * sources said (a `delete:` line, an inventory that lacks it).
 */
function factOf(object, bucket) {
    const derived = object?.derived ? { derived: object.derived } : {};
    if (bucket?.kind === 'present') {
        // The bucket's ETag read as the edge's is, so the two compare alike.
        return { kind: 'present', etag: entityTag(bucket.etag) ?? bucket.etag, ...derived };
    }
    if (bucket?.kind === 'absent')
        return { kind: 'deleted', from: 'the bucket no longer holds it', ...derived };
    if (object?.deleted)
        return { kind: 'deleted', from: object.deleted, ...derived };
    if (bucket?.kind === 'denied')
        return { kind: 'denied', ...derived };
    return { ...UNKNOWN, ...derived };
}

;// CONCATENATED MODULE: ./src/verify/index.ts








/**
 * Refuses verify-url with several targets: one address cannot serve two sites' caches, and checking
 * another target's site would judge the wrong cache. Each target's own domain is the default.
 */
function checkVerifyTargets(settings, targets) {
    if (settings.site && targets.length > 1) {
        throw new errors/* UserError */.yo(`verify-url: one address is given, but the step invalidates ${targets.length} distributions and tenants, each served at its own domain. Remove verify-url so that each is checked at its own (first alias, tenant domain, or *.cloudfront.net name), or verify each in its own step.`);
    }
}
/**
 * Verifies every result that completed; `files` are the changed files the step was given, `records` the
 * invalidations already read (invalidation-id's wait), by ID.
 */
async function verifyCompleted(results, files, settings, deps, records = new Map()) {
    const client = deps.site ?? siteClient(deps.proxy);
    const bucket = needsBucket(deps.objects) ? deps.bucket?.() : undefined;
    const verifications = [];
    const problems = [];
    try {
        for (const result of results) {
            if (!result.invalidationId)
                continue;
            const verified = await verifyResult(result, result.invalidationId, { files, settings, records, client, ...(bucket ? { bucket } : {}) }, deps);
            if ('problem' in verified) {
                problems.push(verified.problem);
                continue;
            }
            verifications.push(verified.verification);
            if (!(0,common_clock/* isCancelled */.mm)(deps.deadline.signal))
                problems.push(...annotate(verified.verification, deps.runner));
        }
    }
    finally {
        if (!deps.site)
            client.close();
        bucket?.close();
    }
    if ((0,common_clock/* isCancelled */.mm)(deps.deadline.signal))
        return cancelledOutcome(verifications, deps.deadline.signal);
    const allCompleted = results.every(result => !result.invalidationId || result.status === 'Completed');
    return outcomeOf(verifications, problems, allCompleted);
}
function needsBucket(objects) {
    for (const object of objects?.values() ?? [])
        if (object.s3)
            return true;
    return false;
}
/** One result's verification, or the problem (already logged) that kept it from being verified. */
async function verifyResult(result, invalidationId, context, deps) {
    const { runner } = deps;
    if (result.status !== 'Completed') {
        runner.warning(`verify: ${result.distributionId} was not verified: invalidation ${invalidationId} is not Completed.`);
        return { problem: `${result.distributionId} was not verified` };
    }
    const { target } = result;
    try {
        const record = context.records.get(invalidationId) ?? (await recordOf(deps, target, invalidationId));
        const site = context.settings.site ?? siteOfDomain(await servedDomain(deps.client, target, deps.deadline.signal));
        return { verification: await verifyTarget(target, record, site, context, deps) };
    }
    catch (error) {
        (0,common_runner.logDetail)(runner, error);
        // A cancelled job's one error says so (cancelledOutcome); the call it cut short is only detail.
        if (!(0,common_clock/* isCancelled */.mm)(deps.deadline.signal))
            runner.error(`verify: ${result.distributionId} could not be verified: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return { problem: `${result.distributionId} could not be verified` };
    }
}
/** Stale and not checkable URLs as errors, long browser lifetimes as warnings; returns the problems. */
function annotate(verification, runner) {
    for (const note of bucketNotes(verification))
        runner.info(note);
    for (const message of staleErrors(verification))
        runner.error(message);
    for (const message of uncheckedErrors(verification))
        runner.error(message);
    for (const message of lifetimeWarnings(verification))
        runner.warning(message);
    const counts = countVerdicts(verification.urls);
    const problems = [];
    if (counts.stale > 0)
        problems.push(`${formatCount(counts.stale, 'stale URL')} on ${verification.targetId}`);
    if (counts.unchecked > 0) {
        problems.push(`${formatNumber(counts.unchecked)} not checkable on ${verification.targetId}`);
    }
    return problems;
}
function outcomeOf(verifications, problems, allCompleted) {
    const fix = uncheckedFix(verifications.flatMap(verification => verification.urls));
    // A wait that ran out with fail-on-timeout false leaves an invalidation InProgress: not "completed".
    const state = allCompleted ? 'The invalidation completed, but visitors' : 'Visitors';
    return {
        verified: problems.length === 0 ? 'true' : 'false',
        verifications,
        ...(problems.length > 0
            ? {
                failure: `verify: ${problems.join('; ')}. ${state} are not known to get the new content; see the errors above.${fix ? ` ${fix}` : ''}`
            }
            : {})
    };
}
/** The job was cancelled while verifying: one error that says so, and how far verifying got. */
function cancelledOutcome(verifications, signal) {
    const urls = verifications.flatMap(verification => verification.urls);
    const asked = urls.filter(url => url.failure !== 'cancelled');
    const counts = countVerdicts(asked);
    const found = asked.length === 0
        ? 'no URL was checked'
        : `${formatNumber(asked.length)} of ${formatCount(urls.length, 'URL')} checked (${formatNumber(counts.live)} live, ${formatNumber(counts.stale)} stale, ${formatNumber(counts.unchecked)} not checkable), the rest not`;
    return {
        verified: 'false',
        verifications,
        cancelled: true,
        failure: `${signal.reason.during('verifying')}: ${found}. The invalidation itself was not affected; see the summary.`
    };
}
/** GetInvalidation for CreateTime and the paths; a just-created one may take a moment to be visible. */
async function recordOf(deps, target, id) {
    for (let attempt = 1;; attempt++) {
        try {
            return await getInvalidationRecordFor(deps.client, target, id, deps.deadline.signal);
        }
        catch (error) {
            if (attempt >= 3 || deps.deadline.signal.aborted || error instanceof errors/* UserError */.yo)
                throw error;
            await deps.clock.sleep(2000 * attempt, deps.deadline.signal);
        }
    }
}
async function verifyTarget(target, record, site, context, deps) {
    const { files, client, bucket } = context;
    const { runner } = deps;
    const selection = selectUrls(files, record.paths);
    const base = {
        targetId: target.id,
        invalidationId: record.id,
        site,
        selection,
        createTime: record.createTime
    };
    runner.info(selectionLine(base));
    for (const note of selectionNotes(selection))
        runner.info(note);
    const urls = await verifyPaths(site, selection.paths, record.createdAt, {
        client,
        clock: deps.clock,
        signal: deps.deadline.signal,
        ...(deps.objects ? { objects: deps.objects } : {}),
        ...(bucket ? { bucket } : {})
    });
    const verification = { ...base, urls };
    if (urls.length === 0) {
        runner.warning(`verify: nothing of ${target.id} could be verified: the invalidation names no file (only cache tags, or wildcards with no listed file under them). List the changed files with paths-file to have them checked.`);
        return verification;
    }
    runner.startGroup(`Verified ${formatCount(urls.length, 'URL')} of ${target.id} at ${site.origin}`);
    for (const url of urls)
        runner.info(detailLine(url));
    runner.endGroup();
    for (const line of verdictLines(verification))
        runner.info(line);
    return verification;
}

;// CONCATENATED MODULE: ./src/earlier/earlier.ts




/** invalidation-id names one invalidation of one target: refuse anything else before any call. */
function earlierTarget(resolved, id) {
    const [only] = resolved;
    if (!only || resolved.length > 1) {
        throw new errors/* UserError */.yo(`invalidation-id: ${id} is an invalidation of one distribution or tenant, but distribution-id, distribution-tenant-id, distribution-alias and distribution-tag name ${resolved.length}. Name only the one it was made on (the distribution-ids or distribution-tenant-ids output of the step that made it).`);
    }
    return only;
}
async function awaitEarlier(resolved, id, settings, deps) {
    const { target, foundBy } = resolved;
    const { client, runner, clock, deadline } = deps;
    const first = await getInvalidationRecordFor(client, target, id, deadline.signal);
    const base = {
        distributionId: target.id,
        target,
        foundBy,
        paths: first.paths,
        invalidationId: first.id,
        status: first.status
    };
    runner.info(`Invalidation ${id} on ${target.id} was made earlier (created ${first.createTime}, ${formatCount(first.paths.length, 'path')}): ${first.status}. Nothing is created.`);
    if (first.status === 'Completed') {
        return { result: { ...base, waitedMs: 0, polls: 0, answeredPolls: 0 }, record: first };
    }
    const result = await awaitCompletion({ ...base, invalidationId: first.id }, settings, deadline, {
        runner,
        clock,
        status: async () => (await getInvalidationRecordFor(client, target, id, deadline.signal)).status
    });
    return { result, record: result.status === 'Completed' ? { ...first, status: 'Completed' } : first };
}

;// CONCATENATED MODULE: ./src/earlier/flow.ts



async function waitForEarlier(settings, resolved, id, deps) {
    const one = earlierTarget(resolved, id);
    const { result: waited, record } = await awaitEarlier(one, id, settings, deps);
    deps.settled(one.target, id, waited);
    const result = underFailOnTimeout(deps.runner, settings.failOnTimeout, waited);
    const verification = await verifyEarlier(settings, result, new Map([[id, record]]), deps);
    return { results: [result], ...(verification ? { verification } : {}) };
}
/** With verify: what verifying found; a wait that failed leaves nothing verified. */
async function verifyEarlier(settings, result, records, deps) {
    if (!settings.verify.verify)
        return undefined;
    if (result.error)
        return { verified: 'false', verifications: [] };
    // Given paths name the changed files to check; otherwise the invalidation's own paths are.
    const files = settings.pathsGiven ? settings.changedFiles : [];
    return verifyCompleted([result], files, settings.verify, { ...deps, objects: settings.changedObjects }, records);
}

;// CONCATENATED MODULE: ./src/report/billing.ts
/** What invalidation paths cost, and what a step bills: the log and the summary both count with this. */


/** What the log says of the bill with the plan (log.ts); the summary's bill line says the rest once. */
const BILLING_NOTE = 'CloudFront bills each path sent, a wildcard or a cache tag counting as one; the first 1,000 paths a month are free, per AWS account across all its distributions.';
/** What the summary's bill line adds to describeCost, which names the free paths already. */
const BILL_COUNTING = 'A wildcard or a cache tag counts as one path, and the free paths are shared by all the distributions of the account.';
/** CloudFront's price per invalidation path beyond the free ones, in thousandths of a US dollar. */
const PRICE_PER_PATH_MILLIDOLLARS = 5;
const FREE_PATHS_PER_MONTH = 1000;
/** USD 0.005, USD 0.14, USD 1,234.50: at least two decimals, three where a half cent needs them. */
function formatUsd(millidollars) {
    const whole = Math.floor(millidollars / 1000);
    const fraction = String(millidollars % 1000).padStart(3, '0');
    return `USD ${formatNumber(whole)}.${fraction.endsWith('0') ? fraction.slice(0, 2) : fraction}`;
}
/**
 * What billed paths cost once the account's free paths of the month are used up. The action cannot see
 * how many are (CloudFront has no API for it, and other steps and distributions share them), so it says
 * both ends.
 */
function describeCost(billed) {
    return `${formatUsd(billed * PRICE_PER_PATH_MILLIDOLLARS)} at USD 0.005 a path once the account has used its ${formatNumber(FREE_PATHS_PER_MONTH)} free paths this month (the action cannot see how many it has used)`;
}
/**
 * What the step bills: the paths of the invalidations it created, or in a dry run of those it would
 * create. The log and the summary both count with this.
 */
function billedOfStep(results, dryRun) {
    const planned = results.flatMap(result => result.plan && (dryRun || result.invalidationId) ? [result.plan] : []);
    return { billed: planned.reduce((sum, plan) => sum + billedPaths(plan), 0), invalidations: planned.length };
}

;// CONCATENATED MODULE: ./src/report/wording.ts
/**
 * What the log and the summary both say, worded once: sentences whose paths, characters and values are
 * marked as code, and lists of items. The log renders them as plain text, the summary as Markdown.
 */


function code(text) {
    return { code: text };
}
/** A sentence as the log writes it. */
function plainText(sentence) {
    return sentence.map(part => (typeof part === 'string' ? part : part.code)).join('');
}
/** A sentence as Markdown: each code part a code span that holds whatever it is (markdown.ts). */
function markdownText(sentence) {
    return sentence.map(part => (typeof part === 'string' ? part : inlineCode(part.code))).join('');
}
/** Up to limit items, each a line, then the count of the rest. */
function limited(items, limit, line) {
    const shown = items.slice(0, limit).map(line);
    return items.length > limit ? [...shown, `… and ${formatNumber(items.length - limit)} more`] : shown;
}
/** A passage as log lines: its sentence, then each item indented, its name set apart by two spaces. */
function logLines(passage, limit) {
    const items = limited(passage.items ?? [], limit, item => `${item.name}  ${plainText(item.says)}`);
    return [plainText(passage.sentence), ...items.map(line => `  ${line}`)];
}
/** A passage as a Markdown block: its sentence, then each item as a list item, its name as code. */
function markdownBlock(passage, limit) {
    const items = limited(passage.items ?? [], limit, item => `${inlineCode(item.name)} ${markdownText(item.says)}`);
    return [markdownText(passage.sentence), ...items.map(line => `- ${line}`)].join('\n');
}

;// CONCATENATED MODULE: ./src/report/notes.ts
/** How the inputs were read (CLI lines, index directories, covering wildcards): for the log and the summary. */



/** Index directories and covering wildcards listed in the summary; the log lists up to NOTES_LOG_LIMIT. */
const NOTES_SUMMARY_LIMIT = 20;
const NOTES_LOG_LIMIT = 1000;
/** How the inputs were read: CLI lines taken, index directories added, covering wildcards. */
function describeNotes(notes) {
    const passages = [];
    const warnings = [];
    const read = readSentence(notes);
    if (read.length > 0)
        passages.push({ sentence: read });
    if (notes.indexAdded.length > 0) {
        passages.push({
            sentence: [
                'index-document ',
                code(encodePath(notes.indexDocument)),
                `: added ${formatCount(notes.indexAdded.length, 'directory path')}, cached apart from the index document listed:`
            ],
            items: notes.indexAdded.map(added => ({ name: added.path, says: ['for ', code(added.because)] }))
        });
    }
    if (notes.covering.length > 0) {
        passages.push({
            sentence: [
                `${formatCount(notes.covering.length, 'covering wildcard')} sent for paths CloudFront cannot take as browsers request them (a raw `,
                code('~'),
                ', or a ',
                code('*'),
                ' inside a key):'
            ],
            items: notes.covering.map(wildcard => ({ name: wildcard.path, says: covers(wildcard) }))
        });
        const everything = notes.covering.find(wildcard => wildcard.path === '/*');
        if (everything) {
            warnings.push([
                code(everything.example),
                ' starts with ',
                code(everything.character),
                ', which CloudFront refuses in a path, so ',
                code('/*'),
                ' is sent to cover it: every cached object of the distribution. Rename the file, or list a narrower path yourself.'
            ]);
        }
    }
    return { passages, warnings };
}
/** `covers 2 paths with a raw ~, such as /a~b.js`, or for one, `covers 1 path with a raw ~: /a~b.js`. */
function covers(wildcard) {
    const paths = `covers ${formatCount(wildcard.covers, 'path')} with a raw `;
    const example = wildcard.covers > 1 ? ', such as ' : ': ';
    return [paths, code(wildcard.character), example, code(wildcard.example)];
}
/** `Read as S3 keys: 3 lines of AWS CLI output (origin-path /prod taken off); …`, or nothing. */
function readSentence(notes) {
    const parts = [];
    const counts = [];
    if (notes.cliKeys > 0)
        counts.push(`${formatCount(notes.cliKeys, 'line')} of AWS CLI output`);
    if (notes.s3Keys > 0)
        counts.push(formatCount(notes.s3Keys, 's3:// URI'));
    if (counts.length > 0) {
        const origin = notes.originPath
            ? [' (origin-path ', code(encodePath(notes.originPath)), ' taken off)']
            : [];
        parts.push([`read as S3 keys: ${counts.join(' and ')}`, ...origin]);
    }
    if (notes.plusKeys > 0) {
        parts.push([
            `sent ${formatCount(notes.plusKeys, 'key')} holding `,
            code('+'),
            ' also with ',
            code('%2B'),
            ', the URL an S3 REST origin serves it at'
        ]);
    }
    if (notes.urls > 0)
        parts.push([`read ${formatCount(notes.urls, 'http(s) URL')} as its path and query`]);
    if (notes.cliIgnored > 0) {
        parts.push([
            `ignored ${formatCount(notes.cliIgnored, 'other line')} of AWS CLI output (progress, Completed, dry run, failures, warnings, downloads)`
        ]);
    }
    if (parts.length === 0)
        return [];
    const [first = '', ...rest] = parts.flatMap((part, index) => (index === 0 ? part : ['; ', ...part]));
    // Every part starts with our own words, so the sentence's first letter is one of them.
    return typeof first === 'string'
        ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest, '.']
        : [first, ...rest, '.'];
}
/** The notes as log lines: what is said (up to NOTES_LOG_LIMIT items a list), and the warnings. */
function notesLog(notes) {
    const { passages, warnings } = describeNotes(notes);
    return {
        info: passages.flatMap(passage => logLines(passage, NOTES_LOG_LIMIT)),
        warnings: warnings.map(plainText)
    };
}
/**
 * The notes as Markdown blocks for the summary (up to NOTES_SUMMARY_LIMIT items a list). Every path in
 * notes is percent-encoded, so it holds no backtick, | or <, and each is a code span besides.
 */
function notesMarkdown(notes) {
    return describeNotes(notes).passages.map(passage => markdownBlock(passage, NOTES_SUMMARY_LIMIT));
}

;// CONCATENATED MODULE: ./src/report/plan.ts
/**
 * One line on how the paths sent came from those requested, what each compacted wildcard clears, and why
 * /* was sent when it was the fallback.
 */



/** What the plan clears that did not change, as far as the inventory tells. */
function describeUnchanged(plan) {
    const inventory = plan.inventory;
    if (!inventory) {
        return plan.compacted.length > 0
            ? 'unchanged objects the wildcards clear: unknown without inventory-file'
            : undefined;
    }
    return `inventory of ${formatCount(inventory.objects, 'object')} (${formatNumber(inventory.unchanged)} unchanged): the wildcards clear ${formatCount(inventory.cleared, 'unchanged object')}${inventory.exact ? '' : ' (the search for the fewest gave up; deepest wildcards sent)'}`;
}
/** One line on how the paths sent came from those requested: what the log and the summary both say. */
function describePlan(plan) {
    const kinds = [
        formatCount(plan.wildcards, 'wildcard'),
        ...(plan.tags > 0 ? [formatCount(plan.tags, 'cache tag')] : [])
    ];
    const parts = [
        `requested ${formatCount(plan.requested, 'path')}`,
        `sent ${formatNumber(plan.paths.length)} (${kinds.join(', ')})`
    ];
    if (plan.alreadyCovered > 0) {
        parts.push(`${formatNumber(plan.alreadyCovered)} dropped as a listed wildcard covers them`);
    }
    if (plan.compacted.length > 0) {
        const covered = plan.compacted.reduce((sum, wildcard) => sum + wildcard.covers, 0);
        parts.push(`${formatNumber(covered)} compacted into ${formatCount(plan.compacted.length, 'wildcard')}`);
    }
    parts.push(`billed paths: ${formatNumber(billedPaths(plan))}`);
    const unchanged = describeUnchanged(plan);
    if (unchanged)
        parts.push(unchanged);
    const text = parts.join('; ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
/** `, clears 3 unchanged objects`, when the inventory tells. */
function clears(wildcard) {
    return wildcard.unchanged === undefined
        ? ''
        : `, clears ${formatCount(wildcard.unchanged, 'unchanged object')}`;
}
/**
 * What the log and the summary say when /* was sent as the fallback, worded once: every object the
 * inventory holds changed, so it clears nothing that did not (a note); no plan within max-paths clears
 * fewer unchanged objects, or nothing narrower fitted without an inventory (a warning). Undefined when
 * /* was not the fallback.
 */
function describeEverything(plan) {
    if (!plan.everything)
        return undefined;
    const inventory = plan.inventory;
    if (!inventory) {
        return {
            warning: true,
            sentence: [
                `max-paths: the ${formatCount(plan.requested, 'requested path')} could not be covered by at most ${MAX_WILDCARDS} directory wildcards and ${formatCount(plan.maxPaths, 'path')} in all, so `,
                code('/*'),
                ' is invalidated instead: every cached object of the distribution. Raise max-paths, or list fewer paths (for example only what changed).'
            ]
        };
    }
    if (inventory.cleared === 0) {
        return {
            warning: false,
            sentence: [
                'Every object the inventory holds changed, so ',
                code('/*'),
                ' clears nothing that did not change (objects served from another origin are cleared too).'
            ]
        };
    }
    return {
        warning: true,
        sentence: [
            'max-paths: ',
            code('/*'),
            ` is invalidated, every cached object of the distribution (${formatCount(inventory.cleared, 'unchanged object')} by the inventory): no plan within ${formatCount(plan.maxPaths, 'path')} and ${MAX_WILDCARDS} wildcards clears fewer. Raise max-paths to list more of the changed paths.`
        ]
    };
}

;// CONCATENATED MODULE: ./src/report/results.ts
/** What a step's results add up to: its overall status, and what it was made on. */

/** InProgress unless every invalidation of the step is known to be Completed. */
function overallStatus(results) {
    return results.length > 0 && results.every(result => result.status === 'Completed')
        ? 'Completed'
        : 'InProgress';
}
/** What a step's results were made on: `30 distributions`, `200 tenants`, `1 distribution and 3 tenants`. */
function describeTargets(results) {
    const tenants = results.filter(result => result.target.kind === 'tenant').length;
    const distributions = results.length - tenants;
    const parts = [
        ...(distributions > 0 || tenants === 0 ? [formatCount(distributions, 'distribution')] : []),
        ...(tenants > 0 ? [formatCount(tenants, 'tenant')] : [])
    ];
    return parts.join(' and ');
}

;// CONCATENATED MODULE: ./src/report/log.ts
/** The step's log: one line per step, long detail in groups (the progress while waiting: send/progress.ts). */








/** Every distribution gets the same path plan: how it came from the request is logged once. */
function logPathPlan(runner, plan, settings) {
    runner.startGroup(`Paths: ${describePlan(plan)}`);
    const notes = plan.notes ? notesLog(plan.notes) : { info: [], warnings: [] };
    for (const line of notes.info)
        runner.info(line);
    if (plan.alreadyCovered > 0) {
        runner.info(`${formatCount(plan.alreadyCovered, 'listed path')} dropped: a wildcard listed with them already covers them.`);
    }
    if (plan.compacted.length > 0) {
        runner.info(plan.inventory
            ? `Compacted with the inventory, clearing the fewest unchanged objects within max-paths (${settings.maxPaths}) and ${MAX_WILDCARDS} wildcards, then using the fewest paths:`
            : `${formatCount(plan.requested - plan.alreadyCovered, 'path')} are more than max-paths (${settings.maxPaths}) or ${MAX_WILDCARDS} wildcards allow; compacted into:`);
        for (const wildcard of plan.compacted) {
            runner.info(`  ${wildcard.path}  stands for ${formatCount(wildcard.covers, 'requested path')}${clears(wildcard)}`);
        }
    }
    if (plan.inventory && plan.inventory.missing > 0) {
        runner.info(`${formatCount(plan.inventory.missing, 'changed object')} not in inventory-file: deleted by the deploy, or the inventory is of another site or from before the deploy.`);
    }
    runner.info(BILLING_NOTE);
    runner.endGroup();
    for (const warning of notes.warnings)
        runner.warning(warning);
    if (plan.inventory && !plan.inventory.exact) {
        runner.warning(`inventory-file: the search for the wildcards that clear the fewest unchanged objects gave up on this many directories, so the deepest wildcards that fit were sent instead; the counts of what they clear are exact. A lower max-paths makes the search smaller.`);
    }
    const everything = describeEverything(plan);
    if (everything?.warning)
        runner.warning(plainText(everything.sentence));
    else if (everything)
        runner.info(plainText(everything.sentence));
}
function logPlans(runner, plans, settings) {
    const verb = settings.dryRun ? 'Dry run: would invalidate' : 'Invalidating';
    const [first] = plans;
    if (!first)
        return;
    // Every distribution is sent the same paths: they are listed once.
    logPathPlan(runner, first.pathPlan, settings);
    if (first.paths.length > 1) {
        runner.startGroup(`Paths sent (${formatNumber(first.paths.length)})`);
        runner.info(first.paths.join('\n'));
        runner.endGroup();
    }
    // A fleet's line per distribution goes in a group: the progress line is what shows while it runs.
    const fleet = plans.length > 1;
    if (fleet)
        runner.startGroup(`${verb} ${plans.length} distributions, from ${settings.pathsSource}`);
    for (const plan of plans) {
        const count = plan.paths.length === 1 ? `1 path (${plan.paths[0]})` : `${formatNumber(plan.paths.length)} paths`;
        const what = plan.target.kind === 'tenant' ? describeTenant(plan.target) : `distribution ${plan.distributionId}`;
        runner.info(`${verb} ${count} of ${what}, from ${settings.pathsSource}.`);
        runner.debug(`CallerReference for ${plan.distributionId}: ${plan.callerReference}`);
    }
    if (fleet)
        runner.endGroup();
}
/**
 * The step's bill, counted as the summary counts it: the paths of the invalidations created (or, in a
 * dry run, that would be).
 */
function logBill(runner, results, dryRun) {
    const { billed, invalidations } = billedOfStep(results, dryRun);
    if (invalidations === 0)
        return;
    const of = results.length > 1
        ? ` (${formatCount(invalidations, 'invalidation')} of ${describeTargets(results)})`
        : '';
    runner.info(`Billed paths ${dryRun ? 'this step would send' : 'of this step'}: ${formatNumber(billed)}${of}, ${describeCost(billed)}.`);
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
/** What the step hands on: its outputs, written as soon as they are known, and the job summary. */


function entryOf(target, invalidationId, status) {
    if (target.kind === 'distribution') {
        return { 'distribution-id': target.id, 'invalidation-id': invalidationId, status };
    }
    return {
        ...(target.distributionId ? { 'distribution-id': target.distributionId } : {}),
        'distribution-tenant-id': target.id,
        'invalidation-id': invalidationId,
        status
    };
}
/** The `invalidations` output of the results, in their order; targets without an invalidation are left out. */
function invalidationEntries(results) {
    return results.flatMap(result => result.invalidationId
        ? [entryOf(result.target, result.invalidationId, result.status ?? 'InProgress')]
        : []);
}
/** Fleets hand on their lists at most this often while creating (and all of them at the end). */
const LIST_OUTPUTS_EVERY_MS = 2_000;
/** Up to this many invalidations, each one is handed on at once. */
const LISTED_AT_ONCE = 10;
/**
 * The outputs are written as soon as each invalidation exists, before any waiting. Each target has a
 * slot: [index] for those the inputs named, [index, n] for the tenants of a multi-tenant distribution,
 * which take its place; the outputs list invalidations in slot order. A fleet's lists are rewritten at
 * most every LIST_OUTPUTS_EVERY_MS, and by flush() at the end, so that GITHUB_OUTPUT does not grow with
 * the square of the targets (every write appends the whole list).
 *
 * It is the one writer of the step's outputs. Before anything is created, a write that fails (a full disk)
 * fails the step at once. From the first create on, it neither stops the step nor loses an ID: the
 * "Created invalidation" line is already in the log, the wait goes on, and the step fails at the end
 * naming the file and every ID it could not hand on.
 */
class CreatedOutputs {
    runner;
    now;
    made = new Map();
    writeError;
    writtenAt = -Infinity;
    dirty = false;
    constructor(runner, now = () => performance.now()) {
        this.runner = runner;
        this.now = now;
    }
    created(slot, target, id, status) {
        this.made.set(slot.join('.'), { slot, entry: entryOf(target, id, status) });
        this.dirty = true;
        if (this.made.size <= LISTED_AT_ONCE || this.now() - this.writtenAt >= LIST_OUTPUTS_EVERY_MS)
            this.flush();
    }
    /** Before anything is found: no invalidation yet, for a step that fails early. */
    start() {
        this.runner.setOutput('invalidation-ids', '[]');
    }
    /** What the inputs named and the lookups found, before anything is created. */
    targets(targets) {
        writeTargets((name, value) => {
            this.runner.setOutput(name, value);
        }, targets);
    }
    /**
     * At the end: the targets with the tenants found in their distributions' place, every invalidation,
     * and the step's status (Completed only when every target completed: one that failed is no complete
     * invalidation).
     */
    finish(named, results) {
        const found = results.map(result => result.target);
        writeTargets((name, value) => {
            this.set(name, value);
        }, [...named, ...found]);
        this.flush();
        if (results.some(result => result.invalidationId)) {
            this.set('status', overallStatus(results));
            this.set('invalidations', JSON.stringify(invalidationEntries(results)));
        }
    }
    /** Writes the lists if an invalidation was made since they were last written. */
    flush() {
        if (!this.dirty)
            return;
        this.dirty = false;
        this.writtenAt = this.now();
        const entries = this.entries();
        const ids = entries.map(entry => entry['invalidation-id']);
        this.set('invalidation-id', ids[0] ?? '');
        this.set('invalidation-ids', JSON.stringify(ids));
        this.set('invalidations', JSON.stringify(entries));
    }
    /** Sets an output; a failure is kept for failIfUnwritten(). */
    set(name, value) {
        try {
            this.runner.setOutput(name, value);
        }
        catch (error) {
            this.writeError ??= error;
        }
    }
    /** The IDs of the invalidations created so far, in slot order. */
    createdIds() {
        return this.entries().map(entry => entry['invalidation-id']);
    }
    /** Fails the step when an output could not be written: later steps would not see the IDs. */
    failIfUnwritten() {
        if (this.writeError === undefined)
            return;
        const ids = this.createdIds();
        const created = ids.length === 0
            ? 'No invalidation had been created.'
            : `${ids.length === 1 ? 'Invalidation' : 'Invalidations'} ${ids.join(', ')} ${ids.length === 1 ? 'was' : 'were'} created and ${ids.length === 1 ? 'goes' : 'go'} on in CloudFront, but later steps cannot read ${ids.length === 1 ? 'its ID' : 'their IDs'} from the outputs.`;
        this.runner.setFailed(`${(0,errors/* asSentence */.KG)((0,errors/* errorMessage */.gJ)(this.writeError))} ${created}`);
    }
    entries() {
        return [...this.made.values()].sort((a, b) => compareSlots(a.slot, b.slot)).map(({ entry }) => entry);
    }
}
function compareSlots(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const difference = (a[i] ?? -1) - (b[i] ?? -1);
        if (difference !== 0)
            return difference;
    }
    return 0;
}
/** distribution-ids and distribution-tenant-ids: what the step invalidates, each once, in order. */
function writeTargets(setOutput, targets) {
    const ids = (kind) => [...new Set(targets.filter(t => t.kind === kind).map(t => t.id))];
    setOutput('distribution-ids', JSON.stringify(ids('distribution')));
    setOutput('distribution-tenant-ids', JSON.stringify(ids('tenant')));
}
/**
 * A summary that cannot be written is worth a warning, never the step's failure; the warning names the
 * invalidations it would have shown, so a full disk cannot hide them.
 */
async function writeSummary(runner, markdown, createdIds = []) {
    try {
        await runner.appendSummary(markdown);
    }
    catch (error) {
        const ids = createdIds.length > 0 ? ` It would have shown invalidation ${createdIds.join(', ')}.` : '';
        runner.warning(`${(0,errors/* asSentence */.KG)(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`)}${ids}`);
    }
}

;// CONCATENATED MODULE: ./src/report/fit.ts
/** The summary within GitHub's 1 MiB: sections shortened, left out, table rows cut, and a note saying so. */

/**
 * The most the step writes to its summary. GitHub drops a step's summary whole when it is over 1 MiB
 * ("supports content up to a size of 1024k"); this leaves room for what a runner adds.
 */
const SUMMARY_BYTE_BUDGET = 1000 * 1024;
const bytes = (text) => Buffer.byteLength(text, 'utf8');
const joinBlocks = (blocks) => blocks.join('\n\n') + '\n';
/**
 * The summary within SUMMARY_BYTE_BUDGET: the head (title, table, bill), every section in full and the
 * tail (the end of a fold) when they fit; otherwise sections shortened to their heading from the last one
 * up, then, if still too long, left out from the last one up, then table rows cut. A note under the title
 * says what was shortened and that the log has it all.
 */
function fitSummary(head, sections, budget = SUMMARY_BYTE_BUDGET, tail = []) {
    const whole = joinBlocks([...head, ...sections.map(section => section.full), ...tail]);
    if (bytes(whole) <= budget)
        return whole;
    // Room for the note, which is short and said once, and for the tail.
    const room = budget - 1024 - bytes(joinBlocks(tail));
    const { fitted, rowsCut } = cutTableRows(head, room);
    const chosen = chooseSections(sections, bytes(joinBlocks(fitted)), room);
    const shortened = sections.filter((section, index) => chosen[index] === section.short && section.short !== section.full).length;
    const left = chosen.filter(text => text === undefined).length;
    const [top = '', ...rest] = fitted;
    return joinBlocks([
        top,
        shortenedNote(rowsCut, shortened, left),
        ...rest,
        ...chosen.filter((text) => text !== undefined),
        ...tail
    ]);
}
/** The head within room, its table's last rows cut if it is not already. */
function cutTableRows(head, room) {
    if (bytes(joinBlocks(head)) <= room)
        return { fitted: [...head], rowsCut: 0 };
    // Only a table of thousands of rows gets here: keep the rows that fit.
    const blocks = head.map(block => {
        const lines = block.split('\n');
        if (lines.length < 3)
            return { kept: block, cut: 0 };
        const kept = [];
        let size = 0;
        for (const line of lines) {
            size += bytes(line) + 1;
            if (size > room / 2)
                break;
            kept.push(line);
        }
        return { kept: kept.join('\n'), cut: lines.length - kept.length };
    });
    return {
        fitted: blocks.map(block => block.kept),
        rowsCut: blocks.reduce((sum, block) => sum + block.cut, 0)
    };
}
/** Each section as it fits after the head: in full, as its heading, or left out (undefined). */
function chooseSections(sections, headBytes, room) {
    // Shortest first: every section's heading, as long as they fit; then full sections in order.
    const chosen = sections.map(() => undefined);
    let used = headBytes;
    for (const [index, section] of sections.entries()) {
        const size = bytes(section.short) + 2;
        if (used + size > room)
            break;
        chosen[index] = section.short;
        used += size;
    }
    for (const [index, section] of sections.entries()) {
        const short = chosen[index];
        if (short === undefined)
            break;
        const extra = bytes(section.full) - bytes(short);
        if (used + extra > room)
            continue;
        chosen[index] = section.full;
        used += extra;
    }
    return chosen;
}
function shortenedNote(rowsCut, shortened, left) {
    const what = [
        ...(rowsCut > 0 ? [`${formatCount(rowsCut, 'row')} of the table`] : []),
        ...(shortened > 0 ? [`the plan and paths of ${formatCount(shortened, 'distribution')}`] : []),
        ...(left > 0 ? [`the sections of ${formatCount(left, 'more distribution')}`] : [])
    ];
    return `> [!NOTE]\n> Shortened to stay within GitHub's 1 MiB limit for a step summary; left out: ${what.join('; ')}. The step's log has everything: the plan and every path sent (the groups "Paths: …" and "Paths sent"), and a line for each distribution.`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts








/** Paths listed in the summary before the rest is counted; GitHub caps a step summary at 1 MiB. */
const SUMMARY_PATH_LIMIT = 500;
/** And at most this many characters of them, so the summary stays far below GitHub's limit. */
const SUMMARY_PATH_CHARACTERS = 256 * 1024;
/** Longer path lists are folded into a <details> block. */
const INLINE_PATH_LIMIT = 10;
/** A step with more targets than this folds its per-target table and sections into a <details> block. */
const TABLE_FOLD_LIMIT = 10;
/** Failed targets listed above a folded table; the rest are counted. */
const FAILURES_LISTED = 50;
/**
 * The invalidation in the CloudFront console. The China regions have their own console, at
 * console.amazonaws.cn, which takes the region (as public projects link it:
 * console.amazonaws.cn/cloudfront/v3/home?region=cn-north-1#/distributions/<id>).
 */
function consoleUrl(distributionId, invalidationId, region) {
    const page = `#/distributions/${distributionId}/invalidations/details/${invalidationId}`;
    if (region && /^cn-[a-z]+-\d+$/.test(region)) {
        return `https://console.amazonaws.cn/cloudfront/v3/home?region=${region}${page}`;
    }
    return `https://console.aws.amazon.com/cloudfront/v4/home${page}`;
}
/** The run's page, on github.com or a GitHub Enterprise Server; undefined outside a run. */
function runUrl(context) {
    if (!context.repository || !/^\d+$/.test(context.runId))
        return undefined;
    return `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`;
}
function planDetails(plan) {
    const compacted = plan.compacted.map(wildcard => `- ${inlineCode(wildcard.path)} stands for ${formatCount(wildcard.covers, 'requested path')}${clears(wildcard)}`);
    const everything = describeEverything(plan);
    const fallback = everything
        ? [`> [!${everything.warning ? 'WARNING' : 'NOTE'}]\n> ${markdownText(everything.sentence)}`]
        : [];
    const notes = plan.notes ? notesMarkdown(plan.notes) : [];
    return [
        describePlan(plan),
        ...fallback,
        ...notes,
        ...(compacted.length > 0 ? [compacted.join('\n')] : [])
    ].join('\n\n');
}
function pathList(paths) {
    // Up to SUMMARY_PATH_LIMIT paths, and no more than SUMMARY_PATH_CHARACTERS of them (paths may be long).
    let characters = 0;
    let count = 0;
    for (const path of paths.slice(0, SUMMARY_PATH_LIMIT)) {
        characters += path.length + 1;
        if (characters > SUMMARY_PATH_CHARACTERS)
            break;
        count++;
    }
    const shown = paths.slice(0, count);
    const rest = paths.length - shown.length;
    const block = codeBlock([...shown, ...(rest > 0 ? [`… and ${rest} more`] : [])]);
    if (paths.length <= INLINE_PATH_LIMIT)
        return block;
    return `<details><summary>${paths.length} paths</summary>\n\n${block}\n\n</details>`;
}
/** An input that named a target, in Markdown: `distribution-id`, alias `www.example.com`, tag `env=prod`. */
function describeFoundBy(source) {
    switch (source.by) {
        case 'alias':
            return `alias ${inlineCode(source.name)}`;
        case 'tag':
            return `tag ${inlineCode(source.tag)}`;
        case 'tenant-of':
            return `tenant of ${escapeMarkdown(source.distributionId)}`;
        default:
            return source.by;
    }
}
/** How a distribution found by a lookup was found; nothing for one only named by its ID. */
function foundBy(result) {
    const sources = result.foundBy ?? [];
    if (sources.every(source => source.by === 'distribution-id' || source.by === 'distribution-tenant-id')) {
        return '';
    }
    return `\n\nFound by ${sources.map(describeFoundBy).join(', ')}.`;
}
function summary_sameItems(a, b) {
    return a === b || (a.length === b.length && a.every((item, index) => item === b[index]));
}
/** A tenant's cell and heading: its ID, and its distribution when known. */
function targetLabel(result) {
    const target = result.target;
    if (target.kind !== 'tenant')
        return inlineCode(result.distributionId);
    const of = target.distributionId ? ` of ${inlineCode(target.distributionId)}` : '';
    return `${inlineCode(target.id)} (tenant${of})`;
}
/** What the summary says of a tenant under its heading: its name and distribution. */
function tenantLine(result) {
    const target = result.target;
    if (target.kind !== 'tenant')
        return '';
    const name = target.name ? ` ${inlineCode(target.name)}` : '';
    const of = target.distributionId
        ? ` of the multi-tenant distribution ${inlineCode(target.distributionId)}`
        : '';
    return `\n\nDistribution tenant${name}${of}.`;
}
/** The run that did it, when there is one: for finding the run from the summary of a later job. */
function runLine(run) {
    const url = run && runUrl(run);
    if (!run || !url)
        return [];
    return [
        `By [run ${run.runId}, attempt ${run.runAttempt}](${url}); CallerReferences the action derives start with \`gha-${run.runId}-${run.runAttempt}-\`.`
    ];
}
/** The summary of a step whose paths-file listed nothing: nothing changed, so nothing was sent. */
function renderNothingChanged(source, distributionIds, run) {
    const targets = distributionIds.map(id => inlineCode(id)).join(', ');
    return ([
        '## CloudFront invalidation',
        `Nothing changed: ${escapeMarkdown(source)} lists no paths, so nothing was invalidated${targets ? ` on ${targets}` : ''}.`,
        ...runLine(run)
    ].join('\n\n') + '\n');
}
/** The job summary, as GitHub-flavoured Markdown. */
function renderSummary(results, options) {
    const title = options.dryRun
        ? '## CloudFront invalidation (dry run: nothing was created)'
        : '## CloudFront invalidation';
    const table = summaryTable(results, options);
    const sections = targetSections(results);
    const bill = billLine(results, options.dryRun);
    const counts = results.length > 1 ? [fleetCounts(results, options.dryRun)] : [];
    if (results.length <= TABLE_FOLD_LIMIT) {
        return fitSummary([title, ...counts, table, ...bill, ...runLine(options.run)], sections);
    }
    // A fleet: counts first, what failed in plain sight, and every target's row and section folded.
    const fold = `<details><summary>Each of the ${describeTargets(results)}: invalidation, status, paths</summary>`;
    return fitSummary([title, ...counts, ...failureList(results), ...bill, ...runLine(options.run), fold, table], sections, SUMMARY_BYTE_BUDGET, ['</details>']);
}
/** One row per target: its invalidation, status, paths and wait. */
function summaryTable(results, options) {
    const tenants = results.some(result => result.target.kind === 'tenant');
    const header = `| ${tenants ? 'Distribution or tenant' : 'Distribution'} | Invalidation | Status | Paths | Waited |\n| --- | --- | --- | ---: | --- |`;
    const rows = results.map(result => {
        const waited = result.waitedMs === undefined
            ? '—'
            : (result.polls ?? 0) === 0 && result.status === 'Completed'
                ? // Completed in CloudFront's answer to the create (or, for invalidation-id, to the first read).
                    'no wait: Completed at once'
                : `${formatDuration(result.waitedMs)} (${formatCount(result.polls ?? 0, 'poll')})`;
        return `| ${targetLabel(result)} | ${invalidationCell(result, options.region)} | ${statusCell(result, options.dryRun)} | ${result.paths.length} | ${waited} |`;
    });
    return [header, ...rows].join('\n');
}
function invalidationCell(result, region) {
    if (!result.invalidationId)
        return '—';
    // The console's page of a tenant's invalidation is not documented: its ID is shown without a link.
    if (result.target.kind === 'tenant')
        return inlineCode(result.invalidationId);
    return `[${result.invalidationId}](${consoleUrl(result.distributionId, result.invalidationId, region)})`;
}
function statusCell(result, dryRun) {
    // An invalidation whose wait failed (timed out, cancelled) did not fail itself: it goes on.
    if (result.error && result.maybeCreated)
        return '⚠️ Unknown';
    if (result.error)
        return result.invalidationId ? `❌ ${result.status ?? 'InProgress'}` : '❌ Failed';
    if (dryRun)
        return 'Dry run';
    return result.warning ? `⚠️ ${result.status ?? 'InProgress'}` : (result.status ?? '—');
}
/** Each target's section: its heading (and error), its plan and its paths. */
function targetSections(results) {
    const first = results[0];
    const firstPlan = first?.plan && planDetails(first.plan);
    return results.map((result, index) => {
        const error = result.error
            ? `\n\n> [!CAUTION]\n> ${escapeMarkdown(result.error)}`
            : result.warning
                ? `\n\n> [!WARNING]\n> ${escapeMarkdown(result.warning)}`
                : '';
        const heading = `### ${inlineCode(result.distributionId)}${tenantLine(result)}${foundBy(result)}${error}`;
        // Every distribution of a step is usually sent the same paths with the same plan: both are written
        // once (17 distributions each repeating 15 long wildcards once passed GitHub's 1 MiB).
        const samePaths = index > 0 && first !== undefined && summary_sameItems(result.paths, first.paths);
        const plan = result.plan && planDetails(result.plan);
        const samePlan = samePaths && plan !== undefined && plan === firstPlan;
        const paths = samePaths
            ? `The same ${samePlan ? 'plan and ' : ''}${formatCount(result.paths.length, 'path')} as ${inlineCode(first.distributionId)}.`
            : pathList(result.paths);
        return {
            full: `${heading}${plan && !samePlan ? `\n\n${plan}` : ''}\n\n${paths}`,
            short: heading
        };
    });
}
/** What the step bills, when it created (or in a dry run would create) an invalidation. */
function billLine(results, dryRun) {
    // A dry run would be billed for every plan; a real one for the invalidations that were created.
    const { billed, invalidations } = billedOfStep(results, dryRun);
    if (invalidations === 0)
        return [];
    return [
        `Billed paths ${dryRun ? 'this step would send' : 'of this step'}: **${formatNumber(billed)}**, ${describeCost(billed)}. ${BILL_COUNTING}`
    ];
}
/** `30 distributions: 28 created, 27 completed, 2 failed.` */
function fleetCounts(results, dryRun) {
    const of = describeTargets(results);
    if (dryRun)
        return `${of}: dry run, nothing was created.`;
    const created = results.filter(result => result.invalidationId).length;
    const completed = results.filter(result => !result.error && result.status === 'Completed').length;
    const failed = results.filter(result => result.error).length;
    const parts = [`${formatNumber(created)} created`, `${formatNumber(completed)} completed`];
    if (failed > 0)
        parts.push(`${formatNumber(failed)} failed`);
    return `${of}: ${parts.join(', ')}.`;
}
function failureList(results) {
    const failed = results.filter(result => result.error);
    if (failed.length === 0)
        return [];
    const lines = failed
        .slice(0, FAILURES_LISTED)
        .map(result => `- ${inlineCode(result.distributionId)}: ${escapeMarkdown(result.error ?? '')}`);
    const rest = failed.length - FAILURES_LISTED;
    return [
        [
            '> [!CAUTION]',
            '> Failed:',
            ...lines.map(line => `> ${line}`),
            ...(rest > 0 ? [`> - … and ${formatNumber(rest)} more`] : [])
        ].join('\n')
    ];
}

;// CONCATENATED MODULE: ./src/ending.ts
/**
 * The step's one ending, for both flows (creating invalidations, and invalidation-id's wait on one made
 * earlier): it hands on the results as outputs once they are in, and at the end writes the verified
 * output, fails the step for whatever failed, and writes the job summary. A step that fails before any
 * invalidation exists fails through `failed`. The outputs themselves have one writer (outputs.ts).
 */









class Ending {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    /** Fails the step for an error before any result is in, saying so when the deadline cut it short. */
    failed = (error) => {
        (0,common_runner.fail)(this.deps.runner, explainAborted(error, this.deps.deadline, this.deps.phase));
    };
    /**
     * The invalidations are settled: the targets with those found in their place, every invalidation and
     * the step's status as outputs, and the bill. A write that fails from here on (a full disk) stops
     * nothing: end() fails the step, naming the IDs.
     */
    settled(named, results) {
        this.deps.outputs.finish(named, results);
        logBill(this.deps.runner, results, false);
    }
    /** invalidation-id: the invalidation waited on is handed on as the step's one. */
    settledEarlier = (target, id, result) => {
        const { outputs } = this.deps;
        outputs.created([0], target, id, result.status ?? 'InProgress');
        outputs.flush();
        outputs.set('status', result.status ?? 'InProgress');
        outputs.set('invalidations', JSON.stringify(invalidationEntries([result])));
    };
    /**
     * The verified output, the step's failure for whatever failed, and the summary. `created`: the step made
     * the invalidations, so a cancellation says what it leaves of them; invalidation-id's own result says
     * that of the one it waited on.
     */
    async end(results, verification, { created }) {
        const { runner, outputs, deadline } = this.deps;
        const cancel = (0,common_clock/* cancelOf */.UY)(deadline);
        if (verification)
            outputs.set('verified', verification.verified);
        // Cancelled while verifying: the invalidations are done, and verify's one error says where it stopped.
        if (verification?.cancelled && verification.failure)
            runner.setFailed(verification.failure);
        else if (!created && cancel)
            failEarlierCancelled(runner, results, cancel);
        else
            failForErrors(runner, results, created ? deadline : undefined);
        if (verification?.failure && !verification.cancelled)
            runner.setFailed(verification.failure);
        outputs.failIfUnwritten();
        await this.summarize(results, verification?.verifications);
    }
    /** A dry run: the bill it would have made, and the summary of the plans. */
    async dryRun(planned) {
        logBill(this.deps.runner, planned, true);
        this.deps.runner.info('Dry run: nothing was sent to CloudFront.');
        await this.summarize(planned);
    }
    /** An empty paths-file: nothing changed, so nothing is invalidated. */
    async nothingChanged(targets) {
        const { runner, settings } = this.deps;
        runner.notice(`${settings.pathsSource} lists no paths: nothing changed, so nothing was invalidated.`);
        const ids = targets.map(({ id }) => id);
        await writeSummary(runner, renderNothingChanged(settings.pathsSource, ids, runner.context));
    }
    /** The job summary; one that cannot be written names the invalidations the outputs hold. */
    async summarize(results, verifications = []) {
        const { runner, settings, outputs } = this.deps;
        const options = { dryRun: settings.dryRun, run: runner.context, region: settings.credentials.region };
        const markdown = renderSummary(results, options) + renderVerification(verifications);
        await writeSummary(runner, markdown, outputs.createdIds());
    }
}
/**
 * Every target reports its own result first; then the step fails if any of them failed. With `deadline`
 * (the step created them), a cancelled job says what it leaves.
 */
function failForErrors(runner, results, deadline) {
    const failed = results.filter(result => result.error);
    const [only] = failed;
    const cancelled = deadline && (0,common_clock/* cancelOf */.UY)(deadline);
    if (cancelled) {
        // One error for the cancel; a warning for each create that may have made its invalidation all the
        // same; the errors of targets that failed for their own reasons before it.
        for (const result of failed) {
            if (result.maybeCreated)
                runner.warning(`${result.distributionId}: ${result.error}`);
            else if (!result.cutShort && results.length > 1)
                runner.error(`${result.distributionId}: ${result.error}`);
        }
        runner.setFailed(`${cancelled.during(sendingPhase(results))}. ${formatCreated(results)}`);
        return;
    }
    if (!only)
        return;
    if (results.length === 1) {
        runner.setFailed(only.error);
        return;
    }
    for (const result of failed)
        runner.error(`${result.distributionId}: ${result.error}`);
    runner.setFailed(`${failed.length} of ${describeTargets(results)} failed; see the errors above.`);
}
/** invalidation-id cancelled while waiting: the invalidation goes on, and the step made none. */
function failEarlierCancelled(runner, results, reason) {
    const id = results[0]?.invalidationId ?? '';
    const left = results[0]?.status === 'Completed' ? 'has completed' : 'goes on in CloudFront';
    runner.setFailed(`${reason.during(`waiting for invalidation ${id}`)}. It ${left}; this step creates none.`);
}
/** What a cancel cut short: a create CloudFront had not answered, else a wait. */
function sendingPhase(results) {
    const what = results.length === 1 ? 'the invalidation' : 'the invalidations';
    if (results.some(result => result.cutShort === 'create'))
        return `creating ${what}`;
    // Nothing cut short: the cancel came as the step was finishing.
    return results.some(result => result.cutShort === 'wait') ? `waiting for ${what}` : 'finishing';
}
/**
 * What a cancelled step leaves: invalidations that go on in CloudFront, or that already completed, and
 * creates that may have made one (each with a warning).
 */
function formatCreated(results) {
    const created = results.filter(result => result.invalidationId);
    const going = created.filter(result => result.status !== 'Completed').length;
    const maybe = results.filter(result => result.maybeCreated).length;
    const some = created.length > 0 ? `${formatNumber(maybe)} more` : maybe === 1 ? 'One' : formatNumber(maybe);
    const unknown = maybe === 0
        ? ''
        : ` ${some} may have been created all the same: see the ${maybe === 1 ? 'warning' : 'warnings'} above.`;
    const of = `${created.length} of ${results.length} invalidations were created`;
    if (created.length === 0)
        return `No invalidation was confirmed as created.${unknown}`;
    if (going === 0)
        return `${of} and completed; see the outputs and the summary.${unknown}`;
    return going === created.length
        ? `${of} and go on in CloudFront; see the outputs and the summary.${unknown}`
        : `${of}: ${going} go on in CloudFront and the rest completed; see the outputs and the summary.${unknown}`;
}
/** An error after the deadline passed or the job was cancelled says so, rather than what it cut short. */
function explainAborted(error, deadline, phase) {
    if (!deadline.signal.aborted || error instanceof errors/* UserError */.yo)
        return error;
    const reason = deadline.signal.reason;
    if (reason instanceof common_clock/* CancelledError */.cc) {
        const cut = phase ? `${reason.during(phase.now)}.` : reason.message;
        return Object.assign(new errors/* UserError */.yo(`${cut} ${phase?.left ?? 'Nothing was invalidated.'}`), {
            cause: error
        });
    }
    return Object.assign(new errors/* WaitTimeoutError */.Do(`Timed out after ${deadline.seconds} s (wait-timeout) before any invalidation was created (${(0,errors/* errorMessage */.gJ)(error)}). Raise wait-timeout, or check the network or proxy to AWS.`), { cause: error });
}

;// CONCATENATED MODULE: ./src/main.ts





















/**
 * The step: read the inputs, find the targets, plan the paths, connect, invalidate (and wait), verify,
 * end (ending.ts: outputs, the step's failure, the summary). The one place that turns errors into
 * a failed step; the outputs have one writer (outputs.ts).
 */
async function run(runner, options = {}) {
    const clock = options.clock ?? common_clock/* systemClock */.ml;
    const outputs = new CreatedOutputs(runner, clock.now);
    const inputs = readInputs(runner, outputs);
    if (!inputs)
        return;
    const step = startStep(runner, clock, outputs, inputs, options.cancel);
    const { settings, ending } = step;
    const resolved = await findTargets(step);
    if (!resolved)
        return;
    const earlierId = settings.verify.invalidationId;
    if (earlierId !== undefined)
        return followEarlier(step, resolved, earlierId);
    const targets = resolved.map(({ target }) => target);
    if (settings.paths.length === 0)
        return ending.nothingChanged(targets);
    const plans = (0,errors/* attempt */.CD)(() => planInvalidations(runner, settings, resolved, step.nonce), ending.failed);
    if (!plans)
        return;
    logPlans(runner, plans, settings);
    const planned = plans.map(plannedResult);
    if (settings.dryRun)
        return ending.dryRun(planned);
    const results = await invalidate(step, plans, targets);
    // What was planned, and the invalidations the outputs already name.
    if (!results)
        return ending.summarize(planned);
    const verification = await verify(step, results);
    await ending.end(results, verification, { created: true });
}
/** The settings and the proxy; undefined when an input is wrong, after failing the step for it. */
function readInputs(runner, outputs) {
    try {
        const settings = readSettings(name => runner.getInput(name), undefined, runner.env);
        const proxy = readProxySettings(runner.env);
        outputs.start();
        return { settings, proxy };
    }
    catch (error) {
        (0,common_runner.fail)(runner, error);
        return undefined;
    }
}
function startStep(runner, clock, outputs, { settings, proxy }, cancel) {
    const deadline = (0,common_clock/* startDeadline */.db)(settings.waitTimeoutSeconds, clock, cancel);
    const phase = new Phase('looking up the targets');
    let connected;
    const aws = () => (connected ??= phase.during('signing in to AWS', connect(runner, settings, proxy, deadline.signal, clock)));
    const ending = new Ending({ runner, outputs, deadline, settings, phase });
    return { runner, clock, settings, proxy, deadline, outputs, ending, aws, nonce: (0,external_node_crypto_.randomUUID)(), phase };
}
/** The targets the inputs name and the lookups find, handed on before anything is created. */
async function findTargets(step) {
    const { settings, outputs, ending } = step;
    const lookups = lookupCalls(step.aws, step.deadline.signal, step.runner);
    const resolved = await resolveTargets(settings, lookups).catch(ending.failed);
    if (!resolved)
        return undefined;
    return (0,errors/* attempt */.CD)(() => {
        const targets = resolved.map(({ target }) => target);
        outputs.targets(targets);
        checkVerifyTargets(settings.verify, targets);
        return resolved;
    }, ending.failed);
}
/** invalidation-id: wait on (and verify) an invalidation made earlier; nothing is created. */
async function followEarlier(step, resolved, id) {
    const { settings, ending } = step;
    step.phase.enter(`waiting for invalidation ${id}`, `It is not affected; this step creates none.`);
    const done = await step
        .aws()
        .then(aws => waitForEarlier(settings, resolved, id, { ...checking(step, aws), settled: ending.settledEarlier }))
        .catch(ending.failed);
    if (done)
        await ending.end(done.results, done.verification, { created: false });
}
/**
 * Sends every plan (fleet.ts), a distribution CloudFront does not know tried as a multi-tenant one
 * (tenants.ts), and hands on what came of them; undefined when the step failed before the results were in.
 */
async function invalidate(step, plans, targets) {
    const { runner, settings, deadline, outputs, ending } = step;
    step.phase.enter('creating the invalidations');
    const sent = await step
        .aws()
        .then(({ client, pace }) => invalidateAll(plans, settings, deadline, {
        client,
        runner,
        clock: step.clock,
        pace,
        onCreated: (slot, target, id, status) => {
            outputs.created(slot, target, id, status);
        },
        insteadOf: tenantFallback({
            runner,
            list: distributionId => listDistributionTenants(client, distributionId, deadline.signal),
            named: targets,
            callerReference: (tenantId, plan) => callerReferenceOf(runner, settings, tenantId, plan.paths, step.nonce)
        })
    }))
        .catch(ending.failed);
    if (!sent)
        return undefined;
    const results = sent.map(result => underFailOnTimeout(runner, settings.failOnTimeout, result));
    ending.settled(targets, results);
    return results;
}
/** Checks the invalidated paths through the site, when verify asks; undefined when not, or it failed the step. */
async function verify(step, results) {
    const { settings } = step;
    if (!settings.verify.verify)
        return undefined;
    return step
        .aws()
        .then(aws => verifyCompleted(results, settings.changedFiles, settings.verify, {
        ...checking(step, aws),
        objects: settings.changedObjects
    }))
        .catch(step.ending.failed);
}
/** What waiting on and verifying an invalidation need: CloudFront, the site, and S3 for the content check. */
function checking({ runner, clock, proxy, deadline }, { client, options }) {
    return { client, runner, clock, proxy, deadline, bucket: () => bucketReader(options) };
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
