import type { Credentials as StsCredentials } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { sharedClientConfig } from './aws-config.js'
import { isAccessDenied } from './denied.js'
import { systemClock, type Clock } from '../common/clock.js'
import { UserError, errorMessage } from '../common/errors.js'
import { errorName } from './sdk-error.js'
import { formatDuration } from '../common/format.js'
import type { ProxySettings } from '../common/http.js'
import type { CredentialSettings } from '../common/input-common.js'
import { retryUntil } from '../common/retry.js'

export interface CredentialDeps {
  getIDToken: (audience: string) => Promise<string>
  setSecret: (secret: string) => void
  info: (message: string) => void
  /** A renewal that failed while the session still had time left; info() when not given. */
  warning?: (message: string) => void
  env: NodeJS.ProcessEnv
  /** The step's deadline (wait-timeout): neither the token request nor STS may outlast it. */
  signal?: AbortSignal
  /** The proxy every AWS client of the step uses. */
  proxy?: ProxySettings
  /** Monotonic time for the pauses between tries (clock.ts). */
  clock?: Pick<Clock, 'now' | 'sleep'>
  /** Wall-clock time, to read STS's Expiration against (as the SDK reads it). */
  wallNow?: () => number
  random?: () => number
}

/**
 * A session is renewed once it has less than this left: the AWS SDK's own window (@smithy/core's
 * EXPIRATION_MS), in which it calls the credential provider again before signing.
 */
export const RENEW_BEFORE_MS = 5 * 60_000
/** A renewal that fails is not fatal while the session it would replace has at least this much left. */
export const KEEP_SESSION_MS = 60_000
/**
 * How long the token request and a hiccup of STS's identity-provider check are retried. Both are short
 * outages in practice (GitHub users see "Couldn't retrieve verification key from your identity provider"
 * now and then; configure-aws-credentials retries every STS and token call for that reason).
 */
export const IDP_RETRY_MS = 30_000

/**
 * What `start` gives, or the deadline's abort error if that comes first (the OIDC token request takes no
 * signal). Past the deadline nothing is started, so no request is left to fail unhandled.
 */
function beforeDeadline<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return start()
  signal.throwIfAborted()
  const work = start()
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      const reason: unknown = signal.reason
      reject(reason instanceof Error ? reason : new Error(String(reason)))
    }
    signal.addEventListener('abort', abort, { once: true })
    work.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', abort)
    })
  })
}

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
export async function resolveCredentials(
  settings: CredentialSettings,
  deps: CredentialDeps
): Promise<AwsCredentialIdentityProvider | undefined> {
  const { roleToAssume } = settings
  if (!roleToAssume) return undefined
  if (
    !settings.roleChaining &&
    (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
  ) {
    throw new UserError(
      'role-to-assume is set, but this job cannot request a GitHub OIDC token: add `permissions: id-token: write` to the job (or the workflow), or set role-chaining: true to assume the role with the credentials already in the job. Pull requests from forks never get a token.'
    )
  }
  const session = new RoleSession(settings, deps)
  await session.get()
  return () => session.get()
}

type StsModule = typeof import('@aws-sdk/client-sts')

/** One role's session for the whole step: assumed once, renewed before it expires, shared by every client. */
class RoleSession {
  private current: AwsCredentialIdentity | undefined
  private renewing: Promise<AwsCredentialIdentity> | undefined
  /** The session a failed renewal was last warned about. */
  private warned: AwsCredentialIdentity | undefined
  private sts: { module: StsModule; client: InstanceType<StsModule['STSClient']> } | undefined
  private readonly clock: Pick<Clock, 'now' | 'sleep'>
  private readonly wallNow: () => number

  constructor(
    private readonly settings: CredentialSettings,
    private readonly deps: CredentialDeps
  ) {
    this.clock = deps.clock ?? systemClock
    this.wallNow = deps.wallNow ?? Date.now
  }

  /** What is left of the session, by STS's Expiration; Infinity when STS gave none. */
  private leftMs(credentials: AwsCredentialIdentity): number {
    return credentials.expiration ? credentials.expiration.getTime() - this.wallNow() : Infinity
  }

  get(): Promise<AwsCredentialIdentity> {
    const { current } = this
    if (current && this.leftMs(current) >= RENEW_BEFORE_MS) return Promise.resolve(current)
    // Every client and every concurrent request waits for the same renewal.
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined
    })
    return this.renewing
  }

  private async renew(): Promise<AwsCredentialIdentity> {
    const previous = this.current
    try {
      this.current = await this.assume(previous !== undefined)
      return this.current
    } catch (error) {
      if (!previous || this.deps.signal?.aborted) throw error
      const left = this.leftMs(previous)
      if (left < KEEP_SESSION_MS) throw error
      // The session still holds: go on with it, and try again on the next request (warning once).
      if (this.warned === previous) return previous
      this.warned = previous
      ;(this.deps.warning ?? this.deps.info)(
        `${errorMessage(error)} The current session has ${formatDuration(left)} left; it is used meanwhile, and renewing is tried again on the next request.`
      )
      return previous
    }
  }

  private async client(): Promise<NonNullable<RoleSession['sts']>> {
    if (this.sts) return this.sts
    // Loaded only when needed: most runs take credentials from the environment and never pay for STS.
    const module = await import('@aws-sdk/client-sts')
    // The same timeouts, proxy and user agent as every client; STS is regional. Without explicit
    // credentials it signs AssumeRole (role-chaining) with the SDK's default chain: the job's credentials.
    const client = new module.STSClient({
      ...sharedClientConfig(undefined, this.deps.proxy),
      region: this.settings.region ?? 'us-east-1',
      maxAttempts: 5
    })
    this.sts = { module, client }
    return this.sts
  }

  private async assume(renewal: boolean): Promise<AwsCredentialIdentity> {
    return this.accept(await this.request(renewal), renewal)
  }

  /** The session STS answers with; a refusal is explained, the deadline's abort error passed on as it is. */
  private async request(renewal: boolean): Promise<StsCredentials | undefined> {
    const { settings, deps } = this
    const sts = await this.client()
    // Asked for outside the try: token() explains its own failures.
    const token = settings.roleChaining ? undefined : await this.token(renewal)
    try {
      const response = await this.send(sts, token)
      return response.Credentials
    } catch (error) {
      if (deps.signal?.aborted) throw error
      throw renewalError(explainAssumeRoleError(error, settings), error, renewal, settings.roleToAssume ?? '')
    }
  }

  /** AssumeRole with the job's credentials (role-chaining, no token), or AssumeRoleWithWebIdentity with it. */
  private send({ module, client }: NonNullable<RoleSession['sts']>, token: string | undefined) {
    const { settings, deps } = this
    const abort = deps.signal ? { abortSignal: deps.signal } : {}
    const common = {
      RoleArn: settings.roleToAssume ?? '',
      RoleSessionName: settings.roleSessionName,
      DurationSeconds: settings.roleDurationSeconds
    }
    if (token === undefined) {
      const externalId = settings.roleExternalId ? { ExternalId: settings.roleExternalId } : {}
      return client.send(new module.AssumeRoleCommand({ ...common, ...externalId }), abort)
    }
    return this.retryIdentityProvider(
      () =>
        client.send(
          new module.AssumeRoleWithWebIdentityCommand({ ...common, WebIdentityToken: token }),
          abort
        ),
      isIdentityProviderHiccup,
      error => `STS could not check the job's OIDC token (${errorName(error)}: ${errorMessage(error)})`
    )
  }

  /** The session in STS's answer, logged and returned; an error when the answer holds none. */
  private accept(credentials: StsCredentials | undefined, renewal: boolean): AwsCredentialIdentity {
    const { settings, deps } = this
    const role = settings.roleToAssume ?? ''
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {}
    if (!AccessKeyId || !SecretAccessKey || !SessionToken) {
      throw new Error(
        `STS answered ${settings.roleChaining ? 'AssumeRole' : 'AssumeRoleWithWebIdentity'} for ${role} without credentials`
      )
    }
    // Registered before anything else runs, so no log line or error can show them.
    deps.setSecret(AccessKeyId)
    deps.setSecret(SecretAccessKey)
    deps.setSecret(SessionToken)
    const how = settings.roleChaining
      ? "with the job's credentials (role-chaining)"
      : "with the job's OIDC token"
    deps.info(
      renewal
        ? `Renewed the session of role ${role} ${how}${Expiration ? `; it lasts until ${Expiration.toISOString()}` : ''}.`
        : `Assumed role ${role} ${how} (session ${settings.roleSessionName}).`
    )
    return {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      sessionToken: SessionToken,
      ...(Expiration ? { expiration: Expiration } : {})
    }
  }

  /** The job's OIDC token, asked for again after a 5xx or no answer from the runner's token service. */
  private async token(renewal: boolean): Promise<string> {
    const { settings, deps } = this
    try {
      return await this.retryIdentityProvider(
        () => beforeDeadline(() => deps.getIDToken(settings.audience), deps.signal),
        isTokenServiceHiccup,
        error => `The request for the job's OIDC token failed (${tokenFailure(error)})`
      )
    } catch (error) {
      if (deps.signal?.aborted) throw error
      throw renewalError(
        explainTokenError(error, settings.audience, deps),
        error,
        renewal,
        settings.roleToAssume ?? ''
      )
    }
  }

  private retryIdentityProvider<T>(
    attempt: () => Promise<T>,
    shouldRetry: (error: unknown) => boolean,
    what: (error: unknown) => string
  ): Promise<T> {
    const { deps, clock } = this
    return retryUntil(attempt, {
      shouldRetry,
      deadline: clock.now() + IDP_RETRY_MS,
      now: clock.now,
      sleep: clock.sleep,
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
      onRetry: ({ attempt: retry, delayMs, error }) => {
        deps.info(`${what(error)}; retrying in ${formatDuration(delayMs)} (retry ${retry}).`)
      }
    })
  }
}

/** A failed renewal says so: the step had credentials, and any invalidation it created goes on. */
function renewalError(text: string, cause: unknown, renewal: boolean, role: string): UserError {
  const message = renewal
    ? `Could not renew the session of role ${role} before it expired: ${text.replace(/^role-to-assume: /, '')}`
    : text
  return Object.assign(new UserError(message), { cause })
}

/**
 * STS's InvalidIdentityToken "Couldn't retrieve verification key from your identity provider" (STS could
 * not fetch GitHub's signing keys: reported by GitHub users as passing on a re-run, and retried by
 * configure-aws-credentials), and IDPCommunicationError, which STS documents as worth retrying.
 */
function isIdentityProviderHiccup(error: unknown): boolean {
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

function tokenFailure(error: unknown): string {
  const status = tokenStatus(error)
  const detail = (/Error Message:\s*([\s\S]*)$/.exec(errorMessage(error))?.[1] ?? errorMessage(error))
    .replace(/\s+/g, ' ')
    .trim()
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
  deps: Pick<CredentialDeps, 'env' | 'proxy'>
): string {
  const text = errorMessage(error)
  const status = tokenStatus(error)
  const detail = (/Error Message:\s*([\s\S]*)$/.exec(text)?.[1] ?? text).replace(/\s+/g, ' ').trim()
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

function explainAssumeRoleError(error: unknown, settings: CredentialSettings): string {
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
