/**
 * What both actions do before their first AWS call, the same way: say how each endpoint is reached
 * through a proxy, then sign in (role-to-assume, or the default chain).
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import type { Clock } from '../common/clock.js'
import { resolveCredentials } from './credentials.js'
import { describeProxy, type ProxySettings } from '../common/http.js'
import type { CredentialSettings } from '../common/input-common.js'
import type { Runner } from '../common/runner.js'

export async function signIn(
  runner: Runner,
  settings: CredentialSettings,
  options: {
    proxy: ProxySettings
    /** The endpoints the step calls (aws-config.ts endpointsOf), for the proxy notes. */
    endpoints: readonly { service: string; url: string }[]
    /** Ends the token request and STS's calls: the step's deadline, or the job's cancellation. */
    signal: AbortSignal | undefined
    clock: Clock
  }
): Promise<AwsCredentialIdentityProvider | undefined> {
  for (const note of describeProxy(options.proxy, options.endpoints)) {
    if (note.warning) runner.warning(note.message)
    else runner.info(note.message)
  }
  return resolveCredentials(settings, {
    getIDToken: audience => runner.getIDToken(audience),
    setSecret: secret => {
      runner.setSecret(secret)
    },
    info: message => {
      runner.info(message)
    },
    warning: message => {
      runner.warning(message)
    },
    env: runner.env,
    ...(options.signal ? { signal: options.signal } : {}),
    proxy: options.proxy,
    clock: options.clock
  })
}
