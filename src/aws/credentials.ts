import type { Credentials as StsCredentials } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { sharedClientConfig } from './aws-config.js'
import {
  IDP_RETRY_MS,
  explainAssumeRoleError,
  explainTokenError,
  isIdentityProviderHiccup,
  isTokenServiceHiccup,
  tokenFailure
} from './role-errors.js'
import { beforeDeadline, systemClock, type Clock } from '../common/clock.js'
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
      // The SDK awaits the job's own credentials (role-chaining: the default chain, which may run a
      // credential_process or ask a metadata service) before it sends, and no abortSignal reaches that.
      const response = await beforeDeadline(() => this.send(sts, token), deps.signal)
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
