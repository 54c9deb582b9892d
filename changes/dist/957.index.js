export const id = 957;
export const ids = [957];
export const modules = {

/***/ 1108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
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
    if (cause instanceof Error && isThrottlingError(cause))
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

// EXTERNAL MODULE: ./src/common/clock.ts + 1 modules
var common_clock = __webpack_require__(8274);
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

// EXTERNAL MODULE: ./src/common/runner.ts
var common_runner = __webpack_require__(1599);
;// CONCATENATED MODULE: ./src/changes/etag.ts
/**
 * Pure ETag arithmetic. S3's ETag is the MD5 of the object for a single PUT (without SSE-KMS or SSE-C),
 * and for a multipart upload the MD5 of the parts' binary MD5s followed by `-N` (N parts). Which part size
 * the uploader used is not stored in the ETag, so it is recomputed for every usual size that gives N parts.
 */

const MiB = 1024 * 1024;
/** S3's limits on a multipart upload: parts of at least 5 MiB (but the last), at most 10,000 parts. */
const MIN_PART_SIZE = 5 * MiB;
const MAX_PARTS = 10_000;
/**
 * Part sizes uploaders use, most likely first: the AWS CLI and boto3 (multipart_chunksize 8 MiB, also
 * their threshold), the JavaScript SDK's lib-storage, the Go SDK's upload manager and rclone (5 MiB),
 * s3cmd (15 MiB), MinIO's client (16 MiB), and round sizes people configure.
 */
const USUAL_PART_SIZES = [8, 5, 16, 15, 10, 32, 50, 64, 100, 128, 256, 512].map(size => size * MiB);
/** The ETag as ListObjectsV2 gives it (quoted), classified; hex is compared in lower case. */
function parseETag(raw) {
    const text = (raw ?? '')
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1');
    const single = /^[0-9a-fA-F]{32}$/.exec(text);
    if (single)
        return { kind: 'md5', md5: text.toLowerCase() };
    const multi = /^([0-9a-fA-F]{32})-(\d{1,5})$/.exec(text);
    const parts = Number(multi?.[2]);
    if (multi?.[1] && parts >= 1 && parts <= MAX_PARTS) {
        return { kind: 'multipart', digest: multi[1].toLowerCase(), parts };
    }
    return { kind: 'other', raw: text };
}
/** How many parts `size` bytes make in parts of `partSize` (an empty multipart upload has one part). */
function partCount(size, partSize) {
    return Math.max(1, Math.ceil(size / partSize));
}
/**
 * The part sizes (from `candidates`, in their order) that cut `size` bytes into exactly `parts` parts
 * S3 would have accepted. For one part, every size at least as large gives the same ETag: one suffices.
 */
function partSizesFor(size, parts, candidates) {
    if (parts === 1)
        return [Math.max(size, 1)];
    const fitting = candidates.filter(partSize => partSize >= MIN_PART_SIZE && partCount(size, partSize) === parts);
    return [...new Set(fitting)];
}
/** The multipart ETag (without quotes) of an object whose parts have these binary MD5s. */
function multipartETag(partDigests) {
    const md5 = (0,external_node_crypto_.createHash)('md5');
    for (const digest of partDigests)
        md5.update(digest);
    return `${md5.digest('hex')}-${partDigests.length}`;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/checksums/dist-cjs/submodules/crc/index.js
var crc = __webpack_require__(8282);
;// CONCATENATED MODULE: ./src/changes/hash.ts
/**
 * What a comparison needs from a local file, read once from disk: its MD5, its parts' MD5s for every part
 * size asked, and an S3 checksum. Files are read in 1 MiB pieces into one buffer per file; nothing holds
 * a whole file in memory.
 */




/** The S3 checksum algorithms a file's full-object checksum can be computed for here. */
const CHECKSUM_ALGORITHMS = ['CRC64NVME', 'CRC32', 'CRC32C', 'SHA256', 'SHA1'];
const READ_SIZE = 1024 * 1024;
function checksumSummer(algorithm) {
    if (algorithm === 'SHA256' || algorithm === 'SHA1') {
        const hash = (0,external_node_crypto_.createHash)(algorithm === 'SHA256' ? 'sha256' : 'sha1');
        return { update: data => hash.update(data), digest: () => Promise.resolve(hash.digest('base64')) };
    }
    if (algorithm === 'CRC32') {
        let value = 0;
        return {
            update: data => (value = (0,external_node_zlib_.crc32)(data, value)),
            digest: () => {
                const out = Buffer.alloc(4);
                out.writeUInt32BE(value >>> 0);
                return Promise.resolve(out.toString('base64'));
            }
        };
    }
    const sum = algorithm === 'CRC32C' ? new crc.Crc32c() : new crc.Crc64Nvme();
    return {
        update: data => {
            sum.update(data);
        },
        digest: async () => Buffer.from(await sum.digest()).toString('base64')
    };
}
/** MD5s of consecutive parts of one part size, fed the file's bytes in order (hash-pool.ts: a copy). */
class PartHasher {
    partSize;
    digests = [];
    hash = (0,external_node_crypto_.createHash)('md5');
    filled = 0;
    constructor(partSize) {
        this.partSize = partSize;
    }
    update(data) {
        let offset = 0;
        while (offset < data.length) {
            const take = Math.min(this.partSize - this.filled, data.length - offset);
            this.hash.update(data.subarray(offset, offset + take));
            this.filled += take;
            offset += take;
            if (this.filled === this.partSize)
                this.cut();
        }
    }
    finish() {
        // The last part, or the only (possibly empty) one.
        if (this.filled > 0 || this.digests.length === 0)
            this.cut();
        return this.digests;
    }
    cut() {
        this.digests.push(this.hash.digest());
        this.hash = (0,external_node_crypto_.createHash)('md5');
        this.filled = 0;
    }
}
/** `signal` stops the read between two pieces: a cancelled job does not read a large file to its end. */
async function hashFile(path, request, signal) {
    signal?.throwIfAborted();
    const md5 = request.md5 ? (0,external_node_crypto_.createHash)('md5') : undefined;
    const parts = (request.partSizes ?? []).map(size => new PartHasher(size));
    const checksum = request.checksum ? checksumSummer(request.checksum) : undefined;
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    const file = await (0,promises_.open)(path, 'r');
    let size = 0;
    try {
        for (;;) {
            signal?.throwIfAborted();
            const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null);
            if (bytesRead === 0)
                break;
            const data = buffer.subarray(0, bytesRead);
            size += bytesRead;
            md5?.update(data);
            for (const part of parts)
                part.update(data);
            checksum?.update(data);
        }
    }
    finally {
        await file.close();
    }
    return {
        size,
        ...(md5 ? { md5: md5.digest('hex') } : {}),
        parts: new Map(parts.map(part => [part.partSize, part.finish()])),
        ...(checksum ? { checksum: await checksum.digest() } : {})
    };
}

;// CONCATENATED MODULE: ./src/changes/compare.ts
/**
 * Whether a local file and the object S3 holds for it differ, by content, never by time. The rule: an
 * object counts as unchanged only when a digest of the file equals one S3 holds for the object; anything
 * in doubt counts as changed, with the reason why.
 */



const mib = (bytes) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);
async function compareObject(local, remote, deps) {
    if (local.size !== remote.size) {
        return { changed: true, why: `size differs (${local.size} bytes here, ${remote.size} in S3)` };
    }
    try {
        return await compareContent(local, remote, deps);
    }
    catch (error) {
        deps.signal?.throwIfAborted();
        return { changed: true, why: `could not compare (${(0,errors/* errorMessage */.gJ)(error)})` };
    }
}
async function compareContent(local, remote, deps) {
    const etag = parseETag(remote.etag);
    if (etag.kind === 'md5') {
        const digests = await deps.hash(local.path, { md5: true });
        if (digests.size !== remote.size)
            return changedWhileRead(digests, remote);
        if (digests.md5 === etag.md5)
            return { changed: false, how: 'MD5 equals the ETag' };
        // Not necessarily a change: an object encrypted with SSE-KMS or SSE-C has an ETag that is no MD5.
        return byChecksum(local, remote, deps, 'content differs (MD5 is not the ETag)');
    }
    if (etag.kind === 'multipart') {
        const target = `${etag.digest}-${etag.parts}`;
        const tried = new Set();
        const tryPartSizes = async (sizes) => {
            const fresh = sizes.filter(size => !tried.has(size));
            if (fresh.length === 0)
                return undefined;
            for (const size of fresh)
                tried.add(size);
            const digests = await deps.hash(local.path, { partSizes: fresh });
            if (digests.size !== remote.size)
                return changedWhileRead(digests, remote);
            for (const size of fresh) {
                const parts = digests.parts.get(size);
                if (parts && multipartETag(parts) === target) {
                    return {
                        changed: false,
                        how: `multipart ETag equals (${etag.parts} part${etag.parts === 1 ? '' : 's'} of ${mib(size)})`
                    };
                }
            }
            return undefined;
        };
        const usual = await tryPartSizes(partSizesFor(remote.size, etag.parts, USUAL_PART_SIZES));
        if (usual)
            return usual;
        // An unusual part size: S3 tells the size of part 1, which is the uploader's part size.
        if (etag.parts > 1) {
            const head = await deps.head(remote.key, { partNumber: 1 });
            const partSize = head.contentLength;
            if (partSize && partCount(remote.size, partSize) === etag.parts) {
                const exact = await tryPartSizes([partSize]);
                if (exact)
                    return exact;
            }
        }
        const triedText = [...tried].map(mib).join(', ');
        return byChecksum(local, remote, deps, `content differs (multipart ETag with ${etag.parts} parts matches no part size tried: ${triedText})`);
    }
    return byChecksum(local, remote, deps, `the ETag ${JSON.stringify(etag.raw)} is not an MD5`);
}
/**
 * S3's stored full-object checksum, for objects whose ETag is not an MD5 of their content (SSE-KMS,
 * SSE-C) or matched no part size. `why` is the reason it counts as changed if this cannot tell.
 */
async function byChecksum(local, remote, deps, why) {
    const listed = CHECKSUM_ALGORITHMS.filter(algorithm => remote.checksumAlgorithms.includes(algorithm));
    if (listed.length === 0) {
        const other = remote.checksumAlgorithms.length > 0 ? ` (only ${remote.checksumAlgorithms.join(', ')})` : '';
        return { changed: true, why: `${why}; S3 stores no checksum to compare instead${other}` };
    }
    const head = await deps.head(remote.key, { checksums: true });
    const algorithm = listed.find(name => head.checksums[name] !== undefined);
    const stored = algorithm ? head.checksums[algorithm] : undefined;
    if (!algorithm || !stored) {
        return { changed: true, why: `${why}; HeadObject returned no stored checksum` };
    }
    // A composite checksum is a checksum of the parts' checksums: it needs the part size, and is not
    // compared here.
    if (head.checksumType === 'COMPOSITE' || /-\d+$/.test(stored)) {
        return { changed: true, why: `${why}; the stored ${algorithm} checksum is per part (composite)` };
    }
    const digests = await deps.hash(local.path, { checksum: algorithm });
    if (digests.size !== remote.size)
        return changedWhileRead(digests, remote);
    if (digests.checksum === stored) {
        return { changed: false, how: `stored ${algorithm} checksum equals (the ETag is not an MD5)` };
    }
    return { changed: true, why: `${why}; the stored ${algorithm} checksum differs too` };
}
function changedWhileRead(digests, remote) {
    return {
        changed: true,
        why: `the file changed while it was read (${digests.size} bytes read, ${remote.size} listed in S3)`
    };
}

;// CONCATENATED MODULE: ./src/changes/exclude.ts
/**
 * The AWS CLI's `--exclude` and `--include` for `aws s3 sync`, so the objects compared are the ones a sync
 * with the same filters touches. The CLI (awscli/customizations/s3/filters.py) applies the filters in the
 * order given, every file starting included: each filter that matches sets whether it is, so the last
 * match wins (`--exclude '*' --include 'assets/*'` syncs assets/ alone). The changes action applies its
 * `exclude` patterns first, then its `include` ones, as `--exclude … --include …` written in that order.
 * The CLI joins each pattern to the source folder
 * and matches it with Python's fnmatch against each file's full path, and for `--delete` joins it to the
 * destination (bucket/prefix) and matches each object's bucket/key the same way. So, relative to the
 * source folder or the destination prefix: `*` matches any run of characters including `/`, `?` one
 * character, `[seq]` and `[!seq]` one character in or not in seq, and a pattern must match the whole
 * path. Matching is case-sensitive (fnmatch on Linux). A pattern starting with `/` is an absolute path
 * (os.path.join drops the root): it can match local files, never an object.
 */
/** The filters of `aws s3 sync --exclude E1 --exclude E2 … --include I1 …`, in that order. */
function compileFilters(exclude, include = []) {
    const rule = (pattern, isInclude) => ({
        include: isInclude,
        pattern,
        absolute: pattern.startsWith('/'),
        regex: fnmatchRegExp(pattern)
    });
    return [...exclude.map(pattern => rule(pattern, false)), ...include.map(pattern => rule(pattern, true))];
}
/**
 * Whether a sync with these filters leaves this file or object alone: the last filter that matches
 * decides, and with none it is synced. `relative` is the path below the source folder (or the key below
 * the prefix), with `/` separators; `absolute` is a local file's full path, absent for objects.
 */
function isExcluded(rules, relative, absolute) {
    let excluded = false;
    for (const rule of rules) {
        const matches = rule.absolute
            ? absolute !== undefined && rule.regex.test(absolute)
            : rule.regex.test(relative);
        if (matches)
            excluded = !rule.include;
    }
    return excluded;
}
/** Python's fnmatch.translate (3.11), as a JavaScript regular expression matching the whole string. */
function fnmatchRegExp(pattern) {
    const chars = Array.from(pattern);
    let out = '';
    let i = 0;
    while (i < chars.length) {
        const c = chars[i++];
        if (c === '*') {
            // Consecutive stars are one.
            while (chars[i] === '*')
                i++;
            out += '[\\s\\S]*';
        }
        else if (c === '?') {
            out += '[\\s\\S]';
        }
        else if (c === '[') {
            let j = i;
            if (chars[j] === '!')
                j++;
            if (chars[j] === ']')
                j++;
            while (j < chars.length && chars[j] !== ']')
                j++;
            if (j >= chars.length) {
                out += '\\[';
            }
            else {
                out += charClass(chars.slice(i, j));
                i = j + 1;
            }
        }
        else {
            out += literal(c);
        }
    }
    return new RegExp(`^(?:${out})$`, 'u');
}
/** A bracket expression's inside (without the brackets) as a class of code points. */
function charClass(inside) {
    let negate = false;
    let items = inside;
    if (items[0] === '!') {
        negate = true;
        items = items.slice(1);
    }
    // Python: `[]` never matches, `[!]` matches any one character.
    if (items.length === 0)
        return negate ? '[\\s\\S]' : '(?!)';
    const ranges = [];
    for (let k = 0; k < items.length; k++) {
        const low = items[k];
        const high = items[k + 2];
        if (items[k + 1] === '-' && high !== undefined) {
            // fnmatch drops a reversed range such as z-a.
            if ((low.codePointAt(0) ?? 0) <= (high.codePointAt(0) ?? 0))
                ranges.push(`${exclude_escape(low)}-${exclude_escape(high)}`);
            k += 2;
        }
        else {
            ranges.push(exclude_escape(low));
        }
    }
    if (ranges.length === 0)
        return negate ? '[\\s\\S]' : '(?!)';
    return `[${negate ? '^' : ''}${ranges.join('')}]`;
}
function exclude_escape(char) {
    return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
}
function literal(char) {
    return /[\w]/.test(char) ? char : exclude_escape(char);
}

;// CONCATENATED MODULE: ./src/changes/pool.ts
/** At most `concurrency` tasks at once; the rest wait their turn in order. */
function limiter(concurrency) {
    let active = 0;
    const waiting = [];
    return async (task) => {
        // A finished task hands its slot straight to the next one, so no newcomer can slip in between.
        if (active < concurrency)
            active++;
        else
            await new Promise(resolve => waiting.push(resolve));
        try {
            return await task();
        }
        finally {
            const next = waiting.shift();
            if (next)
                next();
            else
                active--;
        }
    };
}

;// CONCATENATED MODULE: ./src/changes/changes.ts
/**
 * What `aws s3 sync source s3://bucket/prefix [--delete]` would change, by content: the listing of the
 * destination is matched against the source folder page by page, each page's pairs compared while the
 * next pages are fetched, at most `concurrency` comparisons (file reads, HeadObjects) at once.
 *
 * A file or folder the runner cannot read, the sync skips with a warning (and exit code 2): it uploads
 * nothing of it, and with --delete deletes its objects as if the source lacked them. So does this.
 */



async function findChanges(walking, options, deps) {
    const limit = limiter(options.concurrency);
    const comparing = comparer(limit, deps);
    const { files, skipped, pages } = await listAlongsideWalk(walking, options.prefix, deps, (objects, local) => placePage(objects, local, options, comparing.add));
    const verdicts = await comparing.done();
    // The files no object matched are added, unless the sync cannot read them.
    const matched = new Set(pages.flatMap(page => page.matched));
    const unmatched = [...files.values()].filter(file => !matched.has(file.relative));
    const reasons = await Promise.all(unmatched.map(file => limit(() => readable(file, deps))));
    for (const [index, file] of unmatched.entries()) {
        const reason = reasons[index];
        if (reason !== undefined)
            verdicts.skipped.push({ relative: file.relative, reason, objects: 0 });
    }
    return assemble(files, [...skipped.values(), ...verdicts.skipped], pages, verdicts, options);
}
/** Why the sync skips this file, or undefined when it reads it; nothing is opened once the run stopped. */
async function readable(file, deps) {
    deps.compare.signal?.throwIfAborted();
    return deps.unreadable?.(file.path);
}
/**
 * Lists the destination while the source folder is walked, handing each page to `onPage` with the
 * source's files (by path below the source); pages that arrive before the walk is done wait for it.
 * Resolves once the whole listing is handed on, with the files and what `onPage` made of each page.
 */
async function listAlongsideWalk(walking, prefix, deps, onPage) {
    const pages = [];
    // Set once the source folder is walked.
    const state = {};
    // Pages that arrive before the source folder is walked wait here.
    const early = [];
    const localKeys = walking.then(tree => tree.files.map(file => prefix + file.relative));
    // A failed walk is reported below, by awaiting walking.
    localKeys.catch(() => undefined);
    const listing = deps.list(objects => {
        deps.progress?.listed(objects.length);
        if (state.local)
            pages.push(onPage(objects, state.local));
        else
            early.push(objects);
    }, localKeys);
    // Handled below; marked handled now so a listing that fails during the walk is not "unhandled".
    listing.catch(() => undefined);
    // The walk runs while the first page is on its way; a listing that fails meanwhile fails at once.
    const tree = await Promise.race([walking, listing.then(() => walking)]);
    const files = new Map(tree.files.map(file => [file.relative, file]));
    const skipped = new Map(tree.unreadable.map(entry => [entry.relative, { ...entry, objects: 0 }]));
    const skippedAt = (relative) => {
        if (skipped.size === 0)
            return undefined;
        const own = skipped.get(relative);
        if (own)
            return own;
        // The folders it is in, outermost first.
        for (let slash = relative.indexOf('/'); slash !== -1; slash = relative.indexOf('/', slash + 1)) {
            const folder = skipped.get(relative.slice(0, slash + 1));
            if (folder)
                return folder;
        }
        return undefined;
    };
    state.local = { files, skippedAt };
    for (const objects of early.splice(0))
        pages.push(onPage(objects, state.local));
    await listing;
    deps.progress?.listingDone();
    return { files, skipped, pages };
}
/**
 * Sorts one page's objects by what the sync does with them, handing `compare` each one with a source file.
 */
function placePage(objects, local, options, compare) {
    const page = { listed: objects.length, excluded: 0, kept: [], deleted: [], matched: [] };
    for (const object of objects) {
        // ListObjectsV2 with a prefix returns only keys that start with it.
        const relative = object.key.slice(options.prefix.length);
        const file = local.files.get(relative);
        // An empty "folder" made in the console: aws s3 sync neither compares nor deletes it.
        if (object.size === 0 && object.key.endsWith('/')) {
            page.kept.push(object.key);
        }
        else if (isExcluded(options.filters, relative)) {
            page.excluded++;
            page.kept.push(object.key);
        }
        else if (file) {
            page.matched.push(relative);
            compare(file, object);
        }
        else {
            const skipped = local.skippedAt(relative);
            if (skipped)
                skipped.objects++;
            if (!options.delete)
                page.kept.push(object.key);
            else if (skipped)
                page.deleted.push({ key: object.key, kind: 'deleted', why: skippedWhy(skipped) });
            else
                page.deleted.push({
                    key: object.key,
                    kind: 'deleted',
                    why: 'not in source (sync --delete deletes it)'
                });
        }
    }
    return page;
}
/** Why the object of a file (or in a folder) the sync skips is deleted. */
function skippedWhy(skipped) {
    const what = skipped.relative.endsWith('/') ? `in ${skipped.relative}, which` : 'the file';
    return `${what} is not readable here (${skipped.reason}): aws s3 sync skips it, and --delete deletes the object`;
}
/**
 * Compares each pair handed to `add` by content, through `limit`; `done` waits for every comparison and
 * gives the verdicts, unchanged ones counted by how they were found equal. A file not found unchanged is
 * opened once more, to know whether the sync can read it.
 */
function comparer(limit, deps) {
    const comparisons = [];
    const verdicts = { changed: [], unchanged: 0, unchangedHow: new Map(), skipped: [] };
    const add = (file, object) => {
        const byContent = file.size === object.size;
        if (byContent)
            deps.progress?.toHash(file.size);
        const comparison = limit(async () => {
            deps.compare.signal?.throwIfAborted();
            const verdict = await compareObject(file, object, deps.compare);
            if (byContent)
                deps.progress?.hashed();
            const reason = verdict.changed ? await readable(file, deps) : undefined;
            return reason === undefined ? verdict : { skipped: reason };
        }).then(verdict => {
            if ('skipped' in verdict) {
                verdicts.skipped.push({ relative: file.relative, reason: verdict.skipped, objects: 1 });
            }
            else if (verdict.changed) {
                verdicts.changed.push({ key: object.key, kind: 'changed', why: verdict.why });
            }
            else {
                verdicts.unchanged++;
                verdicts.unchangedHow.set(verdict.how, (verdicts.unchangedHow.get(verdict.how) ?? 0) + 1);
            }
        });
        // done() reports a failure; marked handled so one after a failed listing (done() never called) is
        // not an unhandled rejection, which ends the process with a stack trace.
        comparison.catch(() => undefined);
        comparisons.push(comparison);
    };
    const done = async () => {
        await Promise.all(comparisons);
        return verdicts;
    };
    return { add, done };
}
/**
 * The result: the source files no object matched are added, the files the sync skips are not, and their
 * objects are deleted (with delete) or left; changes and inventory in key order.
 */
function assemble(files, unreadable, pages, verdicts, { prefix, delete: deletes }) {
    const matched = new Set(pages.flatMap(page => page.matched));
    const skipped = new Map(verdicts.skipped.map(entry => [entry.relative, entry]));
    const added = [...files.keys()]
        .filter(relative => !matched.has(relative) && !skipped.has(relative))
        .map(relative => ({ key: prefix + relative, kind: 'added', why: 'not in S3 yet' }));
    const skippedDeleted = deletes
        ? verdicts.skipped
            .filter(entry => entry.objects > 0)
            .map(entry => ({ key: prefix + entry.relative, kind: 'deleted', why: skippedWhy(entry) }))
        : [];
    // After the sync the bucket holds every file it uploads, and the object of a skipped one unless deleted.
    const held = [...files.keys()].filter(relative => {
        const entry = skipped.get(relative);
        return !entry || (entry.objects > 0 && !deletes);
    });
    const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    return {
        changes: [...pages.flatMap(page => page.deleted), ...verdicts.changed, ...added, ...skippedDeleted].sort((a, b) => byKey(a.key, b.key)),
        unchanged: verdicts.unchanged,
        unchangedHow: verdicts.unchangedHow,
        listedObjects: pages.reduce((sum, page) => sum + page.listed, 0),
        excludedObjects: pages.reduce((sum, page) => sum + page.excluded, 0),
        // The objects the sync leaves where they are, and every source file.
        inventory: held
            .map(relative => prefix + relative)
            .concat(pages.flatMap(page => page.kept))
            .sort(byKey),
        unreadable: [...unreadable].sort((a, b) => byKey(a.relative, b.relative))
    };
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/changes/hash-pool.ts
/**
 * File hashing off the main thread: worker threads, one per CPU the process may use
 * (os.availableParallelism()), so MD5s run on every core while the main thread parses the listing.
 *
 * The worker is started from its source text (`eval`), not from a file next to the bundle: ncc bundles
 * one self-contained changes/dist/index.js, and the tests run the same worker from the TypeScript.
 * It does what the comparisons ask of almost every file, the MD5 and the parts' MD5s, with synchronous
 * reads into one reused buffer (a worker has nothing else to do meanwhile). A request for a stored
 * checksum (CRC32C and CRC64NVME come from @aws-sdk/checksums, which a worker from source text cannot
 * load) is hashed in-process by hashFile, and so is every request once the workers are gone: a worker
 * that fails costs speed, never a verdict.
 */



/**
 * The worker's program. It runs from its source text, so it refers to nothing outside itself but globals
 * and the functions it is handed (HASH_WORKER_SOURCE passes them by their source text too).
 */
function hashWorker(digest, newPartHasher) {
    const { parentPort } = process.getBuiltinModule('node:worker_threads');
    // Every read of every file goes into this one buffer: 1 MiB, as hashFile reads.
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    parentPort?.on('message', (task) => {
        let answer;
        try {
            answer = digest(task, buffer, task.partSizes.map(partSize => newPartHasher(partSize)));
        }
        catch (error) {
            const failure = error;
            answer = {
                id: task.id,
                error: {
                    message: failure instanceof Error ? failure.message : String(failure),
                    ...(typeof failure.code === 'string' ? { code: failure.code } : {})
                }
            };
        }
        parentPort.postMessage(answer);
    });
}
/** Reads the task's file once, with synchronous reads into `buffer`, feeding its MD5 and `parts`. */
function digestFile(task, buffer, parts) {
    const { createHash } = process.getBuiltinModule('node:crypto');
    const { closeSync, openSync, readSync } = process.getBuiltinModule('node:fs');
    const md5 = task.md5 ? createHash('md5') : undefined;
    let size = 0;
    const fd = openSync(task.path, 'r');
    try {
        for (;;) {
            const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            const data = buffer.subarray(0, bytesRead);
            size += bytesRead;
            md5?.update(data);
            for (const part of parts)
                part.update(data);
        }
    }
    finally {
        closeSync(fd);
    }
    return {
        id: task.id,
        size,
        ...(md5 ? { md5: md5.digest('hex') } : {}),
        parts: parts.map(part => [part.partSize, part.finish()])
    };
}
/**
 * MD5s of consecutive parts of one part size: hash.ts's PartHasher, which a worker cannot import; the
 * tests hold the two to the same digests.
 */
function partHasher(partSize) {
    const { createHash } = process.getBuiltinModule('node:crypto');
    const digests = [];
    let hash = createHash('md5');
    let filled = 0;
    const cut = () => {
        digests.push(hash.digest());
        hash = createHash('md5');
        filled = 0;
    };
    const update = (data) => {
        let offset = 0;
        while (offset < data.length) {
            const take = Math.min(partSize - filled, data.length - offset);
            hash.update(data.subarray(offset, offset + take));
            filled += take;
            offset += take;
            if (filled === partSize)
                cut();
        }
    };
    const finish = () => {
        // The last part, or the only (possibly empty) one.
        if (filled > 0 || digests.length === 0)
            cut();
        return digests;
    };
    return { partSize, update, finish };
}
/** The source text a worker runs: its program, handed the functions it calls as their source text. */
const HASH_WORKER_SOURCE = `(${hashWorker.toString()})(${digestFile.toString()}, ${partHasher.toString()})`;
class HashPool {
    slots = [];
    nextId = 0;
    /** Why workers stopped (an error or an exit while in use), for the log. */
    failures = [];
    signal;
    stopping;
    constructor(options = {}) {
        const size = options.size ?? (0,external_node_os_.availableParallelism)();
        this.signal = options.signal;
        for (let i = 0; i < size; i++)
            this.slots.push(this.start(options.source ?? HASH_WORKER_SOURCE));
        this.signal?.addEventListener('abort', () => {
            // The caller's own close() reports a worker that would not stop.
            this.close().catch(() => undefined);
        }, { once: true });
    }
    /** The digests hashFile gives, from a worker when one is there to do it. */
    hash(path, request) {
        if (this.signal?.aborted)
            return Promise.reject(this.signal.reason);
        const slot = request.checksum ? undefined : this.leastBusy();
        if (!slot)
            return hashFile(path, request, this.signal);
        const task = {
            id: this.nextId++,
            path,
            md5: request.md5 === true,
            partSizes: [...(request.partSizes ?? [])]
        };
        return new Promise((resolve, reject) => {
            // An idle worker does not keep the process alive; one with work does, until it answers.
            if (slot.pending.size === 0)
                slot.worker.ref();
            slot.pending.set(task.id, { task, request, resolve, reject });
            slot.worker.postMessage(task);
        });
    }
    /**
     * Stops the workers, once however often it is called; requests still waiting on them are hashed
     * in-process, or fail with the signal's reason once it aborted.
     */
    close() {
        this.stopping ??= Promise.all(this.slots.map(async (slot) => {
            this.retire(slot);
            await slot.worker.terminate();
        })).then(() => undefined);
        return this.stopping;
    }
    leastBusy() {
        let best;
        for (const slot of this.slots) {
            if (slot.alive && (!best || slot.pending.size < best.pending.size))
                best = slot;
        }
        return best;
    }
    start(source) {
        const worker = new external_node_worker_threads_.Worker(source, { eval: true });
        worker.unref();
        const slot = { worker, pending: new Map(), alive: true };
        worker.on('message', (answer) => {
            const pending = slot.pending.get(answer.id);
            if (!pending)
                return;
            slot.pending.delete(answer.id);
            if (slot.pending.size === 0)
                worker.unref();
            if ('error' in answer) {
                const error = new Error(answer.error.message);
                if (answer.error.code)
                    error.code = answer.error.code;
                pending.reject(error);
            }
            else {
                pending.resolve({
                    size: answer.size,
                    ...(answer.md5 ? { md5: answer.md5 } : {}),
                    parts: new Map(answer.parts)
                });
            }
        });
        worker.on('error', (error) => {
            this.failures.push(`a hashing worker failed: ${error.message}`);
            this.retire(slot);
        });
        worker.on('exit', code => {
            if (slot.alive)
                this.failures.push(`a hashing worker exited with code ${code}`);
            this.retire(slot);
        });
        return slot;
    }
    /** No more work for this worker; what it had is hashed in-process, unless the hashing was stopped. */
    retire(slot) {
        slot.alive = false;
        const pending = [...slot.pending.values()];
        slot.pending.clear();
        for (const { task, request, resolve, reject } of pending) {
            if (this.signal?.aborted)
                reject(this.signal.reason);
            else
                hashFile(task.path, request, this.signal).then(resolve, reject);
        }
    }
}

;// CONCATENATED MODULE: ./src/changes/local.ts





/** Folders read at once. */
const CONCURRENCY = 16;
/** `signal` stops the walk between two folders (a cancelled job). */
async function walkSource(source, filters, signal) {
    await checkSource(source);
    const tree = { files: [], unreadable: [], excluded: 0 };
    // Folders already walked, by real path: a link back up must not loop.
    const seen = new Set([await (0,promises_.realpath)(source)]);
    const limit = limiter(CONCURRENCY);
    const walk = async (relativeDir) => {
        const folders = await limit(() => {
            signal?.throwIfAborted();
            return readFolder(source, relativeDir, filters, tree, seen);
        });
        await Promise.all(folders.map(walk));
    };
    await walk('');
    return tree;
}
async function readFolder(source, relativeDir, filters, tree, seen) {
    const folders = [];
    let entries;
    try {
        entries = await (0,promises_.readdir)((0,external_node_path_.join)(source, relativeDir), { withFileTypes: true });
    }
    catch (error) {
        tree.unreadable.push({ relative: `${relativeDir}/`, reason: reasonOf(error) });
        return folders;
    }
    await Promise.all(entries.map(async (entry) => {
        const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        const path = (0,external_node_path_.join)(source, relative);
        let kind = entry.isFile()
            ? 'file'
            : entry.isDirectory()
                ? 'folder'
                : 'other';
        let size;
        if (kind === 'file' || entry.isSymbolicLink()) {
            try {
                const stats = await (0,promises_.stat)(path);
                kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
                size = stats.size;
            }
            catch (error) {
                // A dangling link, or a file gone since the folder was read; the CLI skips both.
                if (!entry.isSymbolicLink())
                    tree.unreadable.push({ relative, reason: reasonOf(error) });
                return;
            }
        }
        if (kind === 'folder') {
            if (entry.isSymbolicLink()) {
                const real = await (0,promises_.realpath)(path).catch(() => undefined);
                if (!real || seen.has(real))
                    return;
                seen.add(real);
            }
            folders.push(relative);
        }
        else if (kind === 'file' && size !== undefined) {
            if (isExcluded(filters, relative, path))
                tree.excluded++;
            else
                tree.files.push({ relative, path, size });
        }
    }));
    return folders;
}
async function checkSource(source) {
    let isFolder;
    try {
        isFolder = (await (0,promises_.stat)(source)).isDirectory();
        if (isFolder)
            await (0,promises_.readdir)(source);
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT'
            ? 'does not exist'
            : code === 'EACCES' || code === 'EPERM'
                ? 'is not readable'
                : `could not be read (${(0,errors/* errorMessage */.gJ)(error)})`;
        throw new errors/* UserError */.yo(`source: the folder ${source} ${why}. Build the site into it in an earlier step of the same job, or give the folder aws s3 sync uploads, relative to the workspace.`);
    }
    if (!isFolder) {
        throw new errors/* UserError */.yo(`source: ${source} is a file, not a folder. Give the folder aws s3 sync uploads (for example public or dist).`);
    }
}
/**
 * Why aws s3 sync would skip this file as unreadable, or undefined when it can read it. The CLI opens
 * each file for reading before it syncs anything (awscli/customizations/s3/filegenerator.py, is_readable),
 * so this opens it too: a file the runner's user may not read (mode 000) has a size, but no content to send.
 */
async function unreadableReason(path) {
    try {
        const handle = await (0,promises_.open)(path, 'r');
        await handle.close();
        return undefined;
    }
    catch (error) {
        return reasonOf(error);
    }
}
function reasonOf(error) {
    return error.code ?? (0,errors/* errorMessage */.gJ)(error);
}

;// CONCATENATED MODULE: ./src/changes/progress.ts
/**
 * What the changes action is doing right now: the progress line it prints while a phase is long (listing,
 * hashing, waiting on S3), and where a cancelled or failed run stopped. Counts only, no timers: the caller
 * gives the time (its injected clock).
 */

/** A progress line while nothing else is printed: the runner shows the step is alive. */
const PROGRESS_EVERY_MS = 10_000;
const progress_mib = (bytes) => `${formatNumber(Math.round(bytes / 2 ** 20))} MiB`;
class ChangesProgress {
    destination;
    startedAt;
    phase = 'signing in';
    listed = 0;
    /** Files compared by content (same size as their object): how many so far, and how many are done. */
    toHash = 0;
    hashed = 0;
    /** Bytes read by the hashing so far, and the size of the files to hash. */
    bytesRead = 0;
    bytesToHash = 0;
    /** HeadObject requests waiting on S3. */
    heads = 0;
    constructor(
    /** s3://bucket/prefix/ */
    destination, startedAt) {
        this.destination = destination;
        this.startedAt = startedAt;
    }
    /** What the step is doing, as a clause: "listing s3://site/ (3,000 objects listed, …)". */
    describe() {
        if (this.phase === 'signing in')
            return 'signing in';
        const hashing = `${formatNumber(this.hashed)} of ${formatCount(this.toHash, 'file')} hashed (${progress_mib(this.bytesRead)} of ${progress_mib(this.bytesToHash)} read)`;
        if (this.phase === 'listing') {
            const listed = `${formatCount(this.listed, 'object')} listed`;
            return `listing ${this.destination} (${this.toHash > 0 ? `${listed}, ${hashing} so far` : listed})`;
        }
        if (this.heads > 0) {
            return `comparing (${hashing}; waiting on S3 for ${formatCount(this.heads, 'HeadObject answer')})`;
        }
        if (this.hashed < this.toHash) {
            return `hashing ${formatNumber(this.hashed)} of ${formatCount(this.toHash, 'file')} (${progress_mib(this.bytesRead)} of ${progress_mib(this.bytesToHash)} read)`;
        }
        return `comparing (${hashing})`;
    }
    elapsed(now) {
        return formatDuration(now - this.startedAt);
    }
    /** The line printed every PROGRESS_EVERY_MS while the step runs. */
    line(now) {
        return `Still ${this.describe()}, ${this.elapsed(now)} so far.`;
    }
}

;// CONCATENATED MODULE: ./src/changes/report.ts
/** Pure: the paths file, the counts, the summary line and the log lines of the changes action. */


function countChanges(result) {
    const counts = { changed: 0, added: 0, deleted: 0, unchanged: result.unchanged };
    for (const change of result.changes)
        counts[change.kind]++;
    return counts;
}
/**
 * One `s3://bucket/key` a line, the key raw as S3 names it. A key with a line break cannot be one line:
 * rather than leave it out (a change missed), the step fails and names it.
 */
function pathsFileText(bucket, changes) {
    const broken = changes.find(change => /[\r\n]/.test(change.key));
    if (broken) {
        throw new errors/* UserError */.yo(`The ${broken.kind} object ${JSON.stringify(broken.key)} has a line break in its key, which a paths-file (one s3:// URI a line) cannot hold. Rename the file (or delete the object), or invalidate its folder with paths instead.`);
    }
    return changes.map(change => `s3://${bucket}/${change.key}\n`).join('');
}
/**
 * The inventory-file: one `s3://bucket/key` a line for every object the destination holds after the
 * sync. An unchanged key with a line break cannot be a line; it is left out (the invalidate action then
 * counts one object fewer that a wildcard may clear) and named, rather than failing the deploy.
 */
function inventoryFileText(bucket, keys) {
    const leftOut = [];
    let text = '';
    for (const key of keys) {
        if (/[\r\n]/.test(key))
            leftOut.push(key);
        else
            text += `s3://${bucket}/${key}\n`;
    }
    return { text, leftOut };
}
function describeCounts(counts) {
    return `${formatNumber(counts.changed)} changed, ${formatNumber(counts.added)} added, ${formatNumber(counts.deleted)} deleted, ${formatNumber(counts.unchanged)} unchanged`;
}
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/**
 * Text for the inside of an inline <code> element in Markdown, where Markdown still applies: each Markdown
 * punctuation character escaped with a backslash (CommonMark), then no tag or entity survives either.
 */
function escapeCode(text) {
    return text
        .replace(/[\r\n]+/g, ' ')
        .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
        .replace(/[&<>"']/g, char => HTML[char] ?? char);
}
/**
 * The job summary: a heading naming the destination (from an input, so untrusted: escaped inside <code>),
 * and one table row of the counts.
 */
function summaryBlock(destination, counts) {
    const total = counts.changed + counts.added + counts.deleted;
    return [
        `## Changes to <code>${escapeCode(destination)}</code>`,
        '',
        '| Changed | Added | Deleted | Unchanged | In the paths-file |',
        '| ---: | ---: | ---: | ---: | ---: |',
        `| ${[counts.changed, counts.added, counts.deleted, counts.unchanged, total].map(formatNumber).join(' | ')} |`,
        ''
    ].join('\n');
}
/** The log's lines for each change, untrusted: printed through runner.info, which keeps them plain text. */
function changeLines(changes) {
    return changes.map(change => `${change.kind.padEnd(7)} ${change.key}  (${change.why})`);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
;// CONCATENATED MODULE: ./src/changes/listing.ts
/**
 * Listing a bucket's keyspace in ranges at once. ListObjectsV2 gives 1,000 keys a page, and each page is a
 * round trip that names where the next one starts, so one listing of 20,000 objects is 20 round trips one
 * after another (as `aws s3 sync` lists). The destination mostly holds what the source folder holds, so
 * the local file names say where its keys are: the keyspace is cut at every 1,000th local name, and each
 * range is listed from there (StartAfter) until it passes the next cut. The pages together hold exactly
 * what one listing holds, each object once, whatever the bucket holds: the cuts only decide how much of
 * the work runs at once.
 *
 * The first page is asked for at once, while the source folder is still being walked; the listing goes
 * on one page after another until the walk is done, and the rest of the keyspace is cut then.
 */

const KEYSPACE_DEFAULTS = { concurrency: 8, perRange: 1000 };
/** An answer that would page forever: not an AWS error to explain. */
class PagingError extends Error {
}
/**
 * S3's key order: by the keys' UTF-8 bytes, which is code point order. JavaScript's `<` compares UTF-16
 * units, which puts a code point above U+FFFF (a surrogate pair) before U+E000 to U+FFFF.
 */
function compareKeys(a, b) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y)
            continue;
        const xPair = x >= 0xd800 && x <= 0xdfff;
        const yPair = y >= 0xd800 && y <= 0xdfff;
        if (xPair !== yPair)
            return xPair ? 1 : -1;
        return x - y;
    }
    return a.length - b.length;
}
/**
 * Where to cut the keyspace after `after`: every `perRange`-th of the `sortedKeys` that follow it, but
 * not the last key (the range after the last cut holds the rest).
 */
function cutPoints(sortedKeys, after, perRange) {
    let low = 0;
    let high = sortedKeys.length;
    // The first key after `after`.
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareKeys(sortedKeys[middle], after) > 0)
            high = middle;
        else
            low = middle + 1;
    }
    const cuts = [];
    for (let index = low + perRange - 1; index < sortedKeys.length - 1; index += perRange) {
        cuts.push(sortedKeys[index]);
    }
    return cuts;
}
/**
 * Every object of the listing, page by page through `onPage` (ranges in any order, each range's pages in
 * order). `localKeys` are the keys the source folder would give (in any order); the listing does not wait
 * for them. Returns the number of pages asked for.
 */
async function listKeyspace(fetchPage, onPage, localKeys, options = KEYSPACE_DEFAULTS) {
    let sorted;
    // Without the local names (a walk that failed reports itself elsewhere) the listing stays in one range.
    localKeys?.then(keys => (sorted = [...keys].sort(compareKeys)), () => undefined);
    const paging = { fetchPage, onPage, follow: tokenGuard() };
    // One page after another while the source folder is walked.
    let start = {};
    for (let pages = 1;; pages++) {
        const page = await fetchPage(start);
        onPage(page.objects);
        if (!paging.follow(page.next))
            return pages;
        start = { token: page.next };
        const last = page.objects.at(-1)?.key;
        const cuts = sorted && last !== undefined ? cutPoints(sorted, last, options.perRange) : [];
        if (cuts.length > 0)
            return pages + (await listRanges(paging, rangesFrom(start, cuts), options.concurrency));
    }
}
/** Whether to follow a page's ContinuationToken: not on the last page, and never to a token seen before. */
function tokenGuard() {
    const seen = new Set();
    return (token) => {
        if (token === undefined)
            return false;
        // A token seen before would page forever.
        if (seen.has(token)) {
            throw new PagingError('S3 answered ListObjectsV2 with the same NextContinuationToken twice');
        }
        seen.add(token);
        return true;
    };
}
/** The ranges the rest of the keyspace is cut into: up to the first cut from `start`, then cut to cut. */
function rangesFrom(start, cuts) {
    const ranges = cuts.map((cut, index) => ({
        from: index === 0 ? start : { startAfter: cuts[index - 1] },
        until: cut
    }));
    ranges.push({ from: { startAfter: cuts.at(-1) }, until: undefined });
    return ranges;
}
/** Lists the ranges, at most `concurrency` at once; returns the number of pages asked for. */
async function listRanges(paging, ranges, concurrency) {
    const limit = limiter(concurrency);
    const pages = await Promise.all(ranges.map(range => limit(() => listRange(paging, range))));
    return pages.reduce((sum, count) => sum + count, 0);
}
/** Lists one range, page after page; returns the number of pages asked for. */
async function listRange(paging, { from, until }) {
    let start = from;
    for (let pages = 1;; pages++) {
        const page = await paging.fetchPage(start);
        const past = until === undefined ? -1 : page.objects.findIndex(object => compareKeys(object.key, until) > 0);
        paging.onPage(past === -1 ? page.objects : page.objects.slice(0, past));
        const last = page.objects.at(-1)?.key;
        const done = past !== -1 || (until !== undefined && last !== undefined && compareKeys(last, until) >= 0);
        if (done || !paging.follow(page.next))
            return pages;
        start = { token: page.next };
    }
}

;// CONCATENATED MODULE: ./src/changes/s3.ts
/** The only module of the changes action that talks to S3: the client, listing, HeadObject, errors. */









/**
 * Honours AWS_ENDPOINT_URL_S3 (the SDK reads it). A bucket in another region than the job's is followed
 * (followRegionRedirects): the job's region is often the CloudFront one, us-east-1.
 */
function createS3Client(options = {}) {
    return new dist_cjs/* S3Client */.YxF({
        ...sharedClientConfig(options.credentials),
        region: options.region ?? 'us-east-1',
        followRegionRedirects: true,
        maxAttempts: 8
    });
}
/**
 * How long one call may go unanswered, its retries included: the SDK gives each try 15 s (http.ts) and
 * tries up to 8 times, 2 minutes and more of silence against an S3 that never answers. Throttling's
 * retries (backoff of at most 25 s in all) fit well within it.
 */
const CALL_BUDGET_MS = 60_000;
/** Where the SDK sends S3's requests (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, or S3 of the region). */
function s3Reach(env, region, proxy) {
    const variable = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'].find(name => env[name]);
    const named = variable ? env[variable] : undefined;
    const endpoint = named && URL.canParse(named) ? named : `https://s3.${region ?? 'us-east-1'}.amazonaws.com`;
    return { endpoint, ...(named && variable ? { variable } : {}), region: region ?? 'us-east-1', proxy };
}
/** The sentence after "S3 did not answer …": what to check, in the order it most often is. */
function checkReach(reach) {
    if (!reach)
        return 'Check that the runner reaches S3 (its network, proxy and firewall) and the region.';
    const url = URL.canParse(reach.endpoint) ? new URL(reach.endpoint) : undefined;
    const through = url ? proxyFor(reach.proxy, url) : undefined;
    const endpoint = `${reach.endpoint}${reach.variable ? ` (${reach.variable})` : ''}`;
    const how = through
        ? `through the proxy ${new URL(through.url).origin} (${through.variable}), and that the proxy lets it through`
        : `directly (no proxy variable applies to it; behind a firewall, set ${url?.protocol === 'http:' ? 'HTTP_PROXY' : 'HTTPS_PROXY'})`;
    return `Check that the runner reaches ${endpoint} ${how}, and that the bucket is in ${reach.region} (aws-region, AWS_REGION).`;
}
/** Errors of a request that got no answer, or no connection: the network, not S3, said no. */
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE'
]);
function isNetworkError(error) {
    const { name, code } = (error ?? {});
    return name === 'TimeoutError' || (typeof code === 'string' && NETWORK_CODES.has(code));
}
/**
 * Sends one command, ended by the run's signal or by CALL_BUDGET_MS without an answer. The signal goes to
 * the SDK (which closes the socket and stops its retries) and the call is raced against it too, so that
 * nothing the SDK awaits can hold a cancelled run.
 */
async function send(request, asked, options) {
    const clock = options.clock ?? common_clock/* systemClock */.ml;
    const budget = clock.timeout(CALL_BUDGET_MS);
    const { signal, release } = either(options.signal, budget);
    // async: a double of the client may answer synchronously.
    const sent = (async () => request(signal))();
    // Settles after the race below when the signal wins: handled, so it is not "unhandled".
    sent.catch(() => undefined);
    try {
        return await new Promise((resolve, reject) => {
            const abort = () => {
                reject(signal.reason);
            };
            if (signal.aborted)
                abort();
            signal.addEventListener('abort', abort, { once: true });
            sent.then(resolve, reject).finally(() => {
                signal.removeEventListener('abort', abort);
            });
        });
    }
    catch (error) {
        if (options.signal?.aborted)
            throw options.signal.reason;
        if (budget.aborted || isNetworkError(error)) {
            const made = new errors/* UserError */.yo(budget.aborted
                ? `S3 did not answer ${asked} in ${formatDuration(CALL_BUDGET_MS)}. ${checkReach(options.reach)}`
                : `S3 could not be reached for ${asked} (${s3_errorName(error)}${(0,errors/* errorMessage */.gJ)(error)}). ${checkReach(options.reach)}`);
            unreachable.add(made);
            throw Object.assign(made, { cause: error });
        }
        throw error;
    }
    finally {
        release();
    }
}
/**
 * A signal that aborts with the first of `a` and `b`. Not AbortSignal.any: the signal it returns is held
 * only weakly by its sources, and one nothing else holds (a request the SDK has not taken yet, a double
 * that never answers) was collected and never aborted.
 */
function either(a, b) {
    if (!a)
        return { signal: b, release: () => undefined };
    const both = new AbortController();
    const fromA = () => {
        both.abort(a.reason);
    };
    const fromB = () => {
        both.abort(b.reason);
    };
    if (a.aborted)
        fromA();
    else if (b.aborted)
        fromB();
    a.addEventListener('abort', fromA, { once: true });
    b.addEventListener('abort', fromB, { once: true });
    return {
        signal: both.signal,
        release: () => {
            a.removeEventListener('abort', fromA);
            b.removeEventListener('abort', fromB);
        }
    };
}
function s3_errorName(error) {
    const { name, code } = (error ?? {});
    const label = typeof code === 'string' ? code : typeof name === 'string' && name !== 'Error' ? name : '';
    return label ? `${label}: ` : '';
}
/** The errors of calls S3 gave no answer (or no connection), its retries included: the run cannot go on. */
const unreachable = new WeakSet();
function isS3Unreachable(error) {
    return typeof error === 'object' && error !== null && unreachable.has(error);
}
/** Resolves the client's credentials now, so a missing one fails before anything is listed. */
async function checkS3Credentials(client, signal) {
    try {
        await (0,common_clock/* beforeDeadline */.OJ)(() => client.config.credentials(), signal);
    }
    catch (error) {
        if (signal?.aborted)
            throw signal.reason;
        throw noCredentials(error);
    }
}
function toRemote(item) {
    if (item.Key === undefined)
        return undefined;
    return {
        key: item.Key,
        size: item.Size ?? -1,
        etag: item.ETag,
        checksumAlgorithms: item.ChecksumAlgorithm ?? [],
        checksumType: item.ChecksumType
    };
}
/**
 * Every object under `prefix`, page by page (1,000 objects a page): `onPage` gets each page as it
 * arrives and must not wait on the work it starts, so the next pages are already being fetched while the
 * objects of this one are compared. With `localKeys` (the keys the source folder gives), the keyspace is
 * listed in ranges at once (listing.ts); without, one page after another.
 */
async function listObjects(client, bucket, prefix, onPage, localKeys, options = KEYSPACE_DEFAULTS, call = {}) {
    const asked = `ListObjectsV2 on the bucket ${bucket}${prefix ? ` (prefix ${prefix})` : ''}`;
    const fetchPage = async (start) => {
        const command = new dist_cjs/* ListObjectsV2Command */.u6x({
            Bucket: bucket,
            ...(prefix ? { Prefix: prefix } : {}),
            ...(start.token ? { ContinuationToken: start.token } : {}),
            ...(start.startAfter !== undefined && !start.token ? { StartAfter: start.startAfter } : {})
        });
        const response = await send(abortSignal => client.send(command, { abortSignal }), asked, call);
        const next = response.IsTruncated ? response.NextContinuationToken : undefined;
        if (response.IsTruncated && !next) {
            throw new PagingError('S3 answered ListObjectsV2 with IsTruncated but no NextContinuationToken');
        }
        return { objects: (response.Contents ?? []).flatMap(item => toRemote(item) ?? []), next };
    };
    try {
        return await listKeyspace(fetchPage, onPage, localKeys, options);
    }
    catch (error) {
        if (call.signal?.aborted && error === call.signal.reason)
            throw error;
        throw error instanceof PagingError || isS3Unreachable(error)
            ? error
            : explainListError(error, bucket, prefix);
    }
}
function explainListError(error, bucket, prefix) {
    return explainWith(error, `ListObjectsV2 on ${bucket}`, ({ name, message, explain }) => {
        if (name === 'NoSuchBucket') {
            return explain(`destination: the bucket ${bucket} does not exist (NoSuchBucket). Check the bucket name in destination, and that the credentials are for the AWS account that owns it.`);
        }
        if (isAccessDenied(name)) {
            const where = prefix ? ` (with an s3:prefix condition, allow ${prefix}*)` : '';
            return explain(`Access denied to s3:ListBucket on the bucket ${bucket}, which the changes action needs to list what is already there. Allow ${inRolePolicy('s3:ListBucket', `arn:aws:s3:::${bucket}${where}`)}. (${message})`);
        }
        if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
            return explain(`destination: the bucket ${bucket} is in another region than the one these requests were signed for (${name}: ${message}). Set aws-region to the bucket's region.`);
        }
        return undefined;
    });
}
const CHECKSUM_FIELDS = {
    CRC64NVME: 'ChecksumCRC64NVME',
    CRC32: 'ChecksumCRC32',
    CRC32C: 'ChecksumCRC32C',
    SHA256: 'ChecksumSHA256',
    SHA1: 'ChecksumSHA1'
};
/**
 * HeadObject with ChecksumMode=ENABLED (S3 returns the stored checksums only when asked), or of one part
 * (PartNumber) to learn the part size a multipart object was uploaded with. Needs s3:GetObject.
 */
async function headObject(client, bucket, key, options, call = {}) {
    try {
        const command = new dist_cjs/* HeadObjectCommand */.l81({
            Bucket: bucket,
            Key: key,
            ...(options.partNumber ? { PartNumber: options.partNumber } : {}),
            ...(options.checksums ? { ChecksumMode: 'ENABLED' } : {})
        });
        const response = await send(abortSignal => client.send(command, { abortSignal }), `HeadObject of s3://${bucket}/${key}`, call);
        const checksums = {};
        for (const algorithm of CHECKSUM_ALGORITHMS) {
            const value = response[CHECKSUM_FIELDS[algorithm]];
            if (typeof value === 'string' && value)
                checksums[algorithm] = value;
        }
        return {
            contentLength: response.ContentLength,
            partsCount: response.PartsCount,
            checksums,
            checksumType: response.ChecksumType
        };
    }
    catch (error) {
        if ((call.signal?.aborted && error === call.signal.reason) || isS3Unreachable(error))
            throw error;
        throw explainWith(error, `HeadObject on ${bucket}`, ({ name, status, explain }) => isAccessDenied(name) || status === 403
            ? explain(`Access denied to s3:GetObject on arn:aws:s3:::${bucket}/*, which the changes action needs (HeadObject) to read the checksum or part size of objects whose ETag is not an MD5. Allow s3:GetObject on arn:aws:s3:::${bucket}/* (or on the destination's prefix).`)
            : undefined);
    }
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

;// CONCATENATED MODULE: ./src/changes/settings.ts
/** The changes action's inputs, read and checked into one typed object; nothing downstream reads inputs. */




// Bucket names as S3 allows them, including the older ones with capitals and underscores (us-east-1).
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;
function readChangesSettings(getInput, env = process.env) {
    const sourceInput = getInput('source').trim();
    if (!sourceInput) {
        throw new errors/* UserError */.yo('source is required: the local folder that aws s3 sync uploads, relative to the workspace (for example public).');
    }
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const source = (0,external_node_path_.isAbsolute)(sourceInput) ? sourceInput : (0,external_node_path_.resolve)(workspace, sourceInput);
    const { bucket, prefix } = readDestination(getInput('destination'));
    const credentials = readCredentialSettings(getInput, env);
    // S3 is regional, so a bad region matters here even without a role to assume.
    if (credentials.region && !REGION.test(credentials.region)) {
        throw new errors/* UserError */.yo(`aws-region: "${credentials.region}" is not an AWS region name (for example us-east-1); it comes from aws-region, AWS_REGION or AWS_DEFAULT_REGION.`);
    }
    return {
        source,
        bucket,
        prefix,
        // Default true, as action.yml says: an absent input (a test, a local run) deletes too.
        delete: getInput('delete').trim() === '' ? true : readBoolean(getInput, 'delete'),
        // Excludes first, then includes: aws s3 sync --exclude … --include …, where the last match wins.
        filters: compileFilters(patterns(getInput('exclude')), patterns(getInput('include'))),
        credentials
    };
}
/** One pattern a line, blank lines left out. */
function patterns(raw) {
    return raw
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line.length > 0);
}
/** `s3://bucket` or `s3://bucket/prefix`: objects are uploaded to `prefix/` + the path below source. */
function readDestination(raw) {
    const text = raw.trim();
    const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(text);
    const bucket = match?.[1] ?? '';
    if (!match || !BUCKET.test(bucket)) {
        const hint = text ? `"${text}" is not an S3 URI.` : 'is required: the S3 URI aws s3 sync uploads to.';
        throw new errors/* UserError */.yo(`destination: ${hint} Use s3://bucket or s3://bucket/prefix, the same destination as the aws s3 sync that follows (for example s3://my-site-bucket).`);
    }
    const path = match[2] ?? '';
    return { bucket, prefix: path === '' || path.endsWith('/') ? path : `${path}/` };
}

;// CONCATENATED MODULE: ./src/changes/main.ts
/**
 * The changes action: what a following `aws s3 sync` really changes, by content, as a paths-file for the
 * invalidate action. inputs -> walk the source while listing the destination -> compare -> report. It
 * talks to the runner only through the runner seam (runner.ts), as the invalidate action does.
 */


















/** Files read and HeadObjects sent at once: enough to keep the disk and the network busy. */
const main_CONCURRENCY = 16;
/** How long a stopped run waits for its workers and sockets to close before it says why it stopped. */
const CLOSE_MS = 1_000;
async function run(runner, options = {}) {
    const clock = options.clock ?? common_clock/* systemClock */.ml;
    // The run's own signal: the job was cancelled, or something failed. It ends the walk, the hashing and
    // every S3 call at once, so that nothing goes on (or writes) after the step says why it stopped.
    const stop = new AbortController();
    const parts = {};
    // Where the run was when the job was cancelled, read then: what was cut short goes on failing after.
    let cancelledWhile;
    const onCancel = () => {
        const progress = parts.progress;
        cancelledWhile = progress
            ? `while ${progress.describe()}, ${progress.elapsed(clock.now())} in`
            : 'before it started';
        stop.abort(options.cancel?.reason);
    };
    if (options.cancel?.aborted)
        onCancel();
    else
        options.cancel?.addEventListener('abort', onCancel, { once: true });
    let failure;
    try {
        await find(runner, clock, stop, parts);
    }
    catch (error) {
        failure = { error };
    }
    finally {
        options.cancel?.removeEventListener('abort', onCancel);
        if (failure)
            stop.abort(failure.error);
        await closeParts(runner, clock, parts);
    }
    if (!failure)
        return;
    const reason = stop.signal.reason;
    if (reason instanceof common_clock/* CancelledError */.cc && cancelledWhile) {
        // The SDK's AbortError, a comparison cut short: what matters is that the job was cancelled.
        runner.debug(`What the cancellation cut short: ${(0,errors/* errorMessage */.gJ)(failure.error)}`);
        (0,common_runner.fail)(runner, new errors/* UserError */.yo(`${reason.message.replace(/\.$/, '')} ${cancelledWhile}; the step wrote no paths-file and no outputs.`));
        return;
    }
    (0,common_runner.fail)(runner, failure.error);
}
/** The run itself: walk and list, compare, report. `parts` gets what closeParts must close. */
async function find(runner, clock, stop, parts) {
    const settings = readChangesSettings(name => runner.getInput(name), runner.env);
    const started = clock.now();
    const destination = destinationOf(settings);
    runner.info(`Comparing ${settings.source} with ${destination}${settings.delete ? ' (with delete)' : ''}.`);
    const progress = new ChangesProgress(destination, started);
    parts.progress = progress;
    const ticking = tick(runner, clock, progress, stop.signal);
    const walking = walkSource(settings.source, settings.filters, stop.signal);
    // Awaited by findChanges; marked handled so a failed walk during sign-in is not "unhandled".
    walking.catch(() => undefined);
    // The workers start while the credentials are resolved.
    const hashing = new HashPool({ signal: stop.signal });
    parts.hashing = hashing;
    const proxy = readProxySettings(runner.env);
    const credentials = await signIn(runner, settings.credentials, {
        proxy,
        endpoints: endpointsOf(['S3'], settings.credentials.region, runner.env),
        signal: stop.signal,
        clock
    });
    const client = createS3Client({
        ...(credentials ? { credentials } : {}),
        ...(settings.credentials.region ? { region: settings.credentials.region } : {})
    });
    parts.client = client;
    await checkS3Credentials(client, stop.signal);
    progress.phase = 'listing';
    const listingFrom = clock.now();
    runner.info(`Listing ${destination} and comparing each object with its file.`);
    const call = {
        signal: stop.signal,
        clock,
        reach: s3Reach(runner.env, settings.credentials.region, proxy)
    };
    const compare = new Comparison(hashing, (key, options) => headObject(client, settings.bucket, key, options, call), progress, stop);
    const result = await findChanges(walking, {
        prefix: settings.prefix,
        delete: settings.delete,
        filters: settings.filters,
        concurrency: main_CONCURRENCY
    }, {
        list: (onPage, localKeys) => listObjects(client, settings.bucket, settings.prefix, onPage, localKeys, undefined, call),
        compare,
        unreadable: unreadableReason,
        progress: {
            listed: count => (progress.listed += count),
            toHash: bytes => {
                progress.toHash++;
                progress.bytesToHash += bytes;
            },
            hashed: () => progress.hashed++,
            listingDone: () => {
                progress.phase = 'comparing';
                runner.info(`Listed ${formatCount(progress.listed, 'object')} in ${formatDuration(clock.now() - listingFrom)}; ${describeHashing(progress)}.`);
            }
        }
    });
    ticking.abort();
    const tree = await walking;
    for (const failure of hashing.failures)
        runner.debug(failure);
    if (compare.headDenied) {
        runner.warning(`${compare.headDenied} The objects it could not check are counted as changed.`);
    }
    await report(runner, settings, tree, result, {
        ms: clock.now() - started,
        hashedBytes: progress.bytesRead
    });
}
/** What is left once the listing is done: "2 of 10 files left to compare by content". */
function describeHashing(progress) {
    const left = progress.toHash - progress.hashed;
    return left > 0
        ? `${formatNumber(left)} of ${formatCount(progress.toHash, 'file')} left to compare by content`
        : `${formatCount(progress.toHash, 'file')} compared by content`;
}
/**
 * Prints the progress line every PROGRESS_EVERY_MS until the returned controller (or the run's signal)
 * aborts; between two lines it only sleeps on the clock.
 */
function tick(runner, clock, progress, signal) {
    // Aborted by the caller when the run is done, and by the run's signal when it stops.
    const done = new AbortController();
    const stopTicking = () => {
        done.abort(signal.reason);
    };
    signal.addEventListener('abort', stopTicking, { once: true });
    const loop = async () => {
        for (;;) {
            await clock.sleep(PROGRESS_EVERY_MS, done.signal);
            if (done.signal.aborted)
                return;
            runner.info(progress.line(clock.now()));
        }
    };
    // Ends by the abort, which rejects the sleep: nothing to report.
    loop()
        .catch(() => undefined)
        .finally(() => {
        signal.removeEventListener('abort', stopTicking);
    });
    return done;
}
/** Terminates the hashing workers and closes S3's sockets; waits at most CLOSE_MS for them. */
async function closeParts(runner, clock, parts) {
    parts.client?.destroy();
    const closing = parts.hashing?.close().catch((error) => {
        runner.debug(`The hashing workers did not stop: ${(0,errors/* errorMessage */.gJ)(error)}`);
    });
    if (!closing)
        return;
    const timeout = clock.timeout(CLOSE_MS);
    await new Promise(resolve => {
        timeout.addEventListener('abort', () => {
            resolve();
        }, { once: true });
        void closing.then(resolve);
    });
}
/**
 * The comparisons' file hashing (through the worker pool) and HeadObjects, counting the bytes read for the
 * progress line, and keeping the first HeadObject that was refused. An S3 that stopped answering stops the
 * run: each HeadObject would wait as long again.
 */
class Comparison {
    hashing;
    headObject;
    progress;
    stop;
    headDenied;
    signal;
    constructor(hashing, headObject, progress, stop) {
        this.hashing = hashing;
        this.headObject = headObject;
        this.progress = progress;
        this.stop = stop;
        this.signal = stop.signal;
    }
    hash = async (path, request) => {
        const digests = await this.hashing.hash(path, request);
        this.progress.bytesRead += digests.size;
        return digests;
    };
    head = async (key, options) => {
        this.progress.heads++;
        try {
            return await this.headObject(key, options);
        }
        catch (error) {
            if (isS3Unreachable(error))
                this.stop.abort(error);
            else if (error instanceof errors/* UserError */.yo)
                this.headDenied ??= error.message;
            throw error;
        }
        finally {
            this.progress.heads--;
        }
    };
}
async function report(runner, settings, tree, result, timing) {
    const counts = countChanges(result);
    // Before anything is printed: a key the paths-file cannot hold fails the step.
    const pathsText = pathsFileText(settings.bucket, result.changes);
    logChanges(runner, settings, tree, result, counts, timing);
    const files = writeOutputs(runner, settings.bucket, pathsText, result.inventory, counts);
    runner.info(`paths-file: ${files.pathsFile} (${formatCount(result.changes.length, 'line')})`);
    runner.info(`inventory-file: ${files.inventoryFile} (${formatCount(files.inventoryObjects, 'object')} the destination holds after the sync)`);
    try {
        await runner.appendSummary(summaryBlock(destinationOf(settings), counts));
    }
    catch (error) {
        runner.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
function destinationOf(settings) {
    return `s3://${settings.bucket}/${settings.prefix}`;
}
/** The log of what changed: each change in a group, then one line of totals. */
function logChanges(runner, settings, tree, result, counts, timing) {
    for (const entry of result.unreadable.slice(0, UNREADABLE_WARNINGS)) {
        runner.warning(unreadableWarning(entry, settings));
    }
    const more = result.unreadable.length - UNREADABLE_WARNINGS;
    if (more > 0) {
        runner.warning(`${formatNumber(more)} more files or folders in source are not readable either; aws s3 sync skips them too. They are listed under "What changed" below.`);
    }
    runner.startGroup(`What changed: ${describeCounts(counts)}`);
    // Keys and file names are untrusted: runner.info prints them so that none runs as a workflow command.
    runner.info([
        `Source ${settings.source}, destination ${destinationOf(settings)}${settings.delete ? ' (with delete)' : ''}`,
        ...changeLines(result.changes),
        ...result.unreadable.map(entry => `skipped ${entry.relative}  (not readable: ${entry.reason})`)
    ].join('\n'));
    for (const [how, count] of result.unchangedHow)
        runner.info(`unchanged: ${formatNumber(count)} (${how})`);
    runner.endGroup();
    runner.info(`Compared ${formatCount(tree.files.length, 'file')} with ${formatCount(result.listedObjects, 'object')} in ${formatDuration(timing.ms)}, reading ${formatNumber(Math.round(timing.hashedBytes / 2 ** 20))} MiB: ${describeCounts(counts)}.`);
    if (tree.excluded + result.excludedObjects > 0) {
        runner.info(`${settings.filters.some(rule => rule.include) ? 'exclude and include' : 'exclude'} left out ${formatCount(tree.excluded, 'file')} and ${formatCount(result.excludedObjects, 'object')}.`);
    }
}
/** A warning for each file or folder the sync cannot read, then one for the rest. */
const UNREADABLE_WARNINGS = 10;
/** What aws s3 sync does with a file or folder it cannot read, named; its name is plain text in a warning. */
function unreadableWarning(entry, settings) {
    const folder = entry.relative.endsWith('/');
    const where = `s3://${settings.bucket}/${settings.prefix}${entry.relative}`;
    const objects = folder ? `the ${formatCount(entry.objects, 'object')} under ${where}` : where;
    const stays = folder && entry.objects !== 1 ? 'stay as they are' : 'stays as it is';
    let fate;
    if (entry.objects === 0)
        fate = folder ? `nothing of it is uploaded to ${where}` : `${where} is not uploaded`;
    else if (settings.delete)
        fate = `with --delete it deletes ${objects}, which the bucket holds now`;
    else
        fate = `${objects} ${stays}`;
    return `${folder ? 'The folder ' : ''}${entry.relative} in source is not readable (${entry.reason}): aws s3 sync skips it${folder ? ' and all it holds' : ''} with a warning (and ends with exit code 2), and ${fate}. The lists and counts here do the same. Let the runner's user read it, or move it out of source.`;
}
/** Writes paths-file and inventory-file to the runner's temporary folder, and sets every output. */
function writeOutputs(runner, bucket, pathsText, inventoryKeys, counts) {
    const dir = runner.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const pathsFile = (0,external_node_path_.join)(dir, `changes-${(0,external_node_crypto_.randomUUID)()}.txt`);
    (0,external_node_fs_.writeFileSync)(pathsFile, pathsText);
    runner.setOutput('paths-file', pathsFile);
    const inventory = inventoryFileText(bucket, inventoryKeys);
    const inventoryFile = (0,external_node_path_.join)(dir, `inventory-${(0,external_node_crypto_.randomUUID)()}.txt`);
    (0,external_node_fs_.writeFileSync)(inventoryFile, inventory.text);
    runner.setOutput('inventory-file', inventoryFile);
    if (inventory.leftOut.length > 0) {
        runner.warning(`${formatCount(inventory.leftOut.length, 'unchanged object')} with a line break in its key left out of inventory-file (one s3:// URI a line cannot hold it): the invalidate action does not count it among what a wildcard clears. Listed below.`);
        runner.info(inventory.leftOut.map(key => `left out of inventory-file: ${JSON.stringify(key)}`).join('\n'));
    }
    for (const kind of ['changed', 'added', 'deleted', 'unchanged']) {
        runner.setOutput(kind, String(counts[kind]));
    }
    return { pathsFile, inventoryFile, inventoryObjects: inventoryKeys.length - inventory.leftOut.length };
}


/***/ }),

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
