import type { AwsCredentialIdentity } from '@smithy/types'
import { sharedClientConfig } from './aws-config.js'
import { UserError, errorMessage } from './errors.js'
import type { ProxySettings } from './http.js'
import type { CredentialSettings } from './input-common.js'

export interface CredentialDeps {
  getIDToken: (audience: string) => Promise<string>
  setSecret: (secret: string) => void
  info: (message: string) => void
  env: NodeJS.ProcessEnv
  /** The step's deadline (wait-timeout): neither the token request nor STS may outlast it. */
  signal?: AbortSignal
  /** The proxy every AWS client of the step uses. */
  proxy?: ProxySettings
}

/** `work`, or the deadline's abort error if that comes first (the OIDC token request takes no signal). */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  signal.throwIfAborted()
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
 * The credentials to sign CloudFront calls with: undefined means the SDK's default chain (environment,
 * shared files, web identity file, container or instance metadata), which is what a job gets from
 * aws-actions/configure-aws-credentials. With role-to-assume, the job's GitHub OIDC token is exchanged
 * for the role's credentials here, in this process, and never exported.
 */
export async function resolveCredentials(
  settings: CredentialSettings,
  deps: CredentialDeps
): Promise<AwsCredentialIdentity | undefined> {
  const { roleToAssume } = settings
  if (!roleToAssume) return undefined
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new UserError(
      'role-to-assume is set, but this job cannot request a GitHub OIDC token: add `permissions: id-token: write` to the job (or the workflow). Pull requests from forks never get one.'
    )
  }
  let token: string
  try {
    token = await beforeDeadline(deps.getIDToken(settings.audience), deps.signal)
  } catch (error) {
    if (deps.signal?.aborted) throw error
    throw Object.assign(new UserError(explainTokenError(error, settings.audience, deps)), { cause: error })
  }

  // Loaded only when needed: most runs take credentials from the environment and never pay for STS.
  const { STSClient, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts')
  // The same timeouts, proxy and user agent as every client; STS is regional.
  const sts = new STSClient({
    ...sharedClientConfig(undefined, deps.proxy),
    region: settings.region ?? 'us-east-1',
    maxAttempts: 5
  })
  let response
  try {
    response = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleToAssume,
        RoleSessionName: settings.roleSessionName,
        WebIdentityToken: token,
        DurationSeconds: settings.roleDurationSeconds
      }),
      deps.signal ? { abortSignal: deps.signal } : {}
    )
  } catch (error) {
    if (deps.signal?.aborted) throw error
    throw Object.assign(new UserError(explainAssumeRoleError(error, settings)), { cause: error })
  } finally {
    sts.destroy()
  }
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = response.Credentials ?? {}
  if (!AccessKeyId || !SecretAccessKey || !SessionToken) {
    throw new Error(`STS answered AssumeRoleWithWebIdentity for ${roleToAssume} without credentials`)
  }
  // Registered before anything else runs, so no log line or error can show them.
  deps.setSecret(AccessKeyId)
  deps.setSecret(SecretAccessKey)
  deps.setSecret(SessionToken)
  deps.info(`Assumed role ${roleToAssume} with the job's OIDC token (session ${settings.roleSessionName}).`)
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    ...(Expiration ? { expiration: Expiration } : {})
  }
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
  const status = /Error Code\s*:\s*(\d{3})/.exec(text)?.[1]
  const detail = (/Error Message:\s*([\s\S]*)$/.exec(text)?.[1] ?? text).replace(/\s+/g, ' ').trim()
  let host = 'the token service'
  try {
    host = new URL(deps.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '').host
  } catch {
    // Kept as 'the token service'.
  }
  const what = `Could not get the job's GitHub OIDC token (audience ${audience})`
  if (status) {
    const code = Number(status)
    const hint =
      code >= 500
        ? 'This is a fault of the token service; re-run the job, and check githubstatus.com if it persists.'
        : code === 401 || code === 403
          ? "The runner's request token was refused; re-run the job. If it persists on a self-hosted runner, update the runner."
          : 'Re-run the job; if it persists, report it with this message.'
    return `${what}: ${host} answered HTTP ${code} (${detail}). ${hint}`
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
  const name = (error as { name?: string }).name ?? ''
  const message = errorMessage(error)
  const role = settings.roleToAssume ?? ''
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return `role-to-assume: not allowed to assume ${role} with this job's OIDC token (${message}). The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the token.actions.githubusercontent.com provider, with aud ${settings.audience} and a sub condition matching this repository and ref.`
  }
  // The SDK names STS's InvalidIdentityToken and IDPRejectedClaim codes with an Exception suffix.
  if (/^(InvalidIdentityToken|IDPRejectedClaim)(Exception)?$/.test(name)) {
    return `role-to-assume: AWS rejected the job's OIDC token for ${role} (${name}: ${message}). Add the identity provider token.actions.githubusercontent.com (audience ${settings.audience}) to IAM in the role's account.`
  }
  if (name === 'ValidationError' && /duration/i.test(message)) {
    return `role-duration-seconds: ${settings.roleDurationSeconds} is longer than the role ${role} allows (${message}). Lower it, or raise the role's maximum session duration.`
  }
  return `role-to-assume: could not assume ${role} (${name ? `${name}: ` : ''}${message}).`
}
