/**
 * Why role-to-assume could not be assumed, read from what failed: the request for the job's OIDC token
 * (the runner's token service, the network, the proxy) or STS's answer (the trust policy, the identity
 * provider, role-duration-seconds); and which of those failures pass if asked again.
 */
import { isAccessDenied } from './denied.js'
import { errorName } from './sdk-error.js'
import { errorMessage } from '../common/errors.js'
import type { ProxySettings } from '../common/http.js'
import type { CredentialSettings } from '../common/input-common.js'

/**
 * How long the token request and a hiccup of STS's identity-provider check are retried. Both are short
 * outages in practice (GitHub users see "Couldn't retrieve verification key from your identity provider"
 * now and then; configure-aws-credentials retries every STS and token call for that reason).
 */
export const IDP_RETRY_MS = 30_000

/**
 * STS's InvalidIdentityToken "Couldn't retrieve verification key from your identity provider" (STS could
 * not fetch GitHub's signing keys: reported by GitHub users as passing on a re-run, and retried by
 * configure-aws-credentials), and IDPCommunicationError, which STS documents as worth retrying.
 */
export function isIdentityProviderHiccup(error: unknown): boolean {
  const name = errorName(error).replace(/Exception$/, '')
  if (name === 'IDPCommunicationError') return true
  return name === 'InvalidIdentityToken' && /verification key/i.test(errorMessage(error))
}

/** The HTTP status in what @actions/core's getIDToken throws (`Error Code : 500`), if an answer came. */
function tokenStatus(error: unknown): number | undefined {
  const status = /Error Code\s*:\s*(\d{3})/.exec(errorMessage(error))?.[1]
  return status === undefined ? undefined : Number(status)
}

/**
 * Worth asking the runner's token service again: a 5xx or 429 (@actions/core retries only 502, 503 and
 * 504, in well under a second), or no answer at all. A 4xx other than 429 would be refused again.
 */
export function isTokenServiceHiccup(error: unknown): boolean {
  const status = tokenStatus(error)
  if (status !== undefined) return status >= 500 || status === 429
  return !/no ID Token field|do not have ID Token/i.test(errorMessage(error))
}

/** What the token service said, on one line: the `Error Message:` part of getIDToken's error, else all of it. */
function tokenDetail(error: unknown): string {
  const text = errorMessage(error)
  return (/Error Message:\s*([\s\S]*)$/.exec(text)?.[1] ?? text).replace(/\s+/g, ' ').trim()
}

/** The token request's failure, for the line that says it is retried: `HTTP 500: <detail>`. */
export function tokenFailure(error: unknown): string {
  const status = tokenStatus(error)
  const detail = tokenDetail(error)
  return status === undefined ? detail : `HTTP ${status}: ${detail}`
}

/**
 * Why the OIDC token request failed, from what @actions/core's getIDToken throws: `Failed to get ID
 * Token. Error Code : <HTTP status, or undefined when no answer came> Error Message: <...>`. The
 * id-token permission is checked before the request (without it the runner gives no token URL), so it is
 * not what a failed request means: the network, the proxy, or the token service is.
 */
export function explainTokenError(
  error: unknown,
  audience: string,
  deps: { env: NodeJS.ProcessEnv; proxy?: ProxySettings }
): string {
  const text = errorMessage(error)
  const status = tokenStatus(error)
  const detail = tokenDetail(error)
  let host = 'the token service'
  try {
    host = new URL(deps.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '').host
  } catch {
    // Kept as 'the token service'.
  }
  const what = `Could not get the job's GitHub OIDC token (audience ${audience})`
  if (status !== undefined) {
    const hint =
      status >= 500 || status === 429
        ? `This is a fault of the token service, and it lasted through retries for ${IDP_RETRY_MS / 1000} s; re-run the job, and check githubstatus.com if it persists.`
        : status === 401 || status === 403
          ? "The runner's request token was refused; re-run the job. If it persists on a self-hosted runner, update the runner."
          : 'Re-run the job; if it persists, report it with this message.'
    return `${what}: ${host} answered HTTP ${status} (${detail}). ${hint}`
  }
  if (/no ID Token field|do not have ID Token/i.test(text)) {
    return `${what}: ${host} answered without a token. Re-run the job; if it persists, report it with this message.`
  }
  const proxy = deps.proxy?.https ?? deps.proxy?.http
  if (/tunnel|proxy/i.test(detail)) {
    return `${what}: the proxy${proxy ? ` ${proxy.variable}` : ''} refused or failed the request to ${host} (${detail}). Check the proxy, or list ${host} in NO_PROXY.`
  }
  if (/ETIMEDOUT|timed? ?out|ESOCKETTIMEDOUT/i.test(detail)) {
    return `${what}: the request to ${host} timed out (${detail}). Check the runner's network${proxy ? ` and the proxy (${proxy.variable})` : ''}, then re-run the job.`
  }
  return `${what}: the runner could not reach ${host} (${detail}). Check the runner's network${proxy ? ` and the proxy (${proxy.variable})` : ''}, then re-run the job.`
}

/** Why STS refused to assume role-to-assume, with the fix: the trust policy, the identity provider, an input. */
export function explainAssumeRoleError(error: unknown, settings: CredentialSettings): string {
  const name = errorName(error)
  // The SDK adds an Exception suffix to STS's codes (ExpiredToken, InvalidIdentityToken, IDPRejectedClaim).
  const bare = name.replace(/Exception$/, '')
  const message = errorMessage(error)
  const role = settings.roleToAssume ?? ''
  if (settings.roleChaining) {
    if (name === 'CredentialsProviderError') {
      return `role-chaining: there are no credentials in the job to assume ${role} with (${message.split('\n')[0]}). Add aws-actions/configure-aws-credentials before this step, or set role-chaining: false to assume the role with the job's OIDC token.`
    }
    if (bare === 'ExpiredToken') {
      return `role-chaining: the job's credentials that assume ${role} have expired (${name}: ${message}). Raise role-duration-seconds in the step that made them, so that they last through this step.`
    }
    if (isAccessDenied(name)) {
      return `role-chaining: the job's credentials are not allowed to assume ${role} (${message}). The role's trust policy must allow sts:AssumeRole for the role or user of those credentials${settings.roleExternalId ? ', with this role-external-id (sts:ExternalId)' : ', and with sts:ExternalId when it requires one (role-external-id)'}; their policy must allow sts:AssumeRole on ${role}.`
    }
    if (name === 'ValidationError' && /duration/i.test(message)) {
      return `role-duration-seconds: ${settings.roleDurationSeconds} is longer than ${role} allows (${message}). AWS limits a session assumed with role credentials (role chaining) to 1 hour: use 3600 or less.`
    }
    return `role-to-assume: could not assume ${role} with the job's credentials (${name ? `${name}: ` : ''}${message}).`
  }
  if (isAccessDenied(name)) {
    return `role-to-assume: not allowed to assume ${role} with this job's OIDC token (${message}). The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the token.actions.githubusercontent.com provider, with aud ${settings.audience} and a sub condition matching this repository and ref.`
  }
  if (isIdentityProviderHiccup(error)) {
    return `role-to-assume: STS could not check the job's OIDC token with GitHub's identity provider (${name}: ${message}), through retries for ${IDP_RETRY_MS / 1000} s. This is a passing fault between AWS and GitHub, not of the IAM setup; re-run the job, and check githubstatus.com and health.aws.amazon.com if it persists.`
  }
  if (bare === 'InvalidIdentityToken' && /No OpenIDConnect provider/i.test(message)) {
    return `role-to-assume: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). Add the identity provider token.actions.githubusercontent.com (audience ${settings.audience}) to IAM in the role's account.`
  }
  if (/^(InvalidIdentityToken|IDPRejectedClaim)$/.test(bare) && /audience/i.test(message)) {
    return `audience: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). The identity provider token.actions.githubusercontent.com in IAM must list ${settings.audience} as an audience (client ID), or set audience to one it lists.`
  }
  if (/^(InvalidIdentityToken|IDPRejectedClaim)$/.test(bare)) {
    return `role-to-assume: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). Check the identity provider token.actions.githubusercontent.com in IAM in the role's account, and the role's trust policy.`
  }
  if (name === 'ValidationError' && /duration/i.test(message)) {
    return `role-duration-seconds: ${settings.roleDurationSeconds} is longer than the role ${role} allows (${message}). Lower it, or raise the role's maximum session duration.`
  }
  return `role-to-assume: could not assume ${role} (${name ? `${name}: ` : ''}${message}).`
}
