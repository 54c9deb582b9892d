/**
 * The only CloudFront client of the action, and what every call through it shares: the configuration
 * (region, retries, user agent), the step's pace, the deadline's signal, and the credentials checked first.
 */
import { CloudFrontClient, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-cloudfront'
import { isThrottlingError } from '@smithy/core/retry'
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  FinalizeHandler,
  FinalizeHandlerArguments,
  HandlerExecutionContext
} from '@smithy/types'
import { noCredentials, sharedClientConfig } from '../aws/aws-config.js'
import { httpStatus, mayHaveActed } from '../aws/sdk-error.js'
import { beforeDeadline } from '../common/clock.js'
import type { ProxySettings } from '../common/http.js'
import type { Pace } from './pace.js'

/** More than the SDK's default of 3: a deploy should not fail because CloudFront throttled us twice. */
export const MAX_ATTEMPTS = 8

export interface ClientOptions {
  /** role-to-assume's session, renewed as the SDK asks (credentials.ts); the default chain without it. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider
  /** The configured region, if any: CloudFront is global and signs in us-east-1, but China has its own. */
  region?: string
  /** The proxy the step's requests go through, as http.ts read it. */
  proxy?: ProxySettings
  /** The GitHub run, added to the user agent so a call can be traced from CloudTrail to its run. */
  run?: string
}

/**
 * What every AWS client of the action shares: CloudFront's region, the credentials, the retries, the
 * timeouts and the user agent. The tagging client (tagging.ts) uses it too, for CloudFront's resources.
 */
export function clientConfig(options: ClientOptions = {}) {
  return {
    // CloudFront is global and signs in us-east-1, and so is the tagging API for its resources.
    ...sharedClientConfig(options.credentials, options.proxy, options.run),
    region: options.region?.startsWith('cn-') ? options.region : 'us-east-1',
    maxAttempts: MAX_ATTEMPTS
  }
}

/**
 * The only CloudFront client of the action. Honours AWS_ENDPOINT_URL_CLOUDFRONT (the SDK reads it), and
 * without explicit credentials uses the SDK's default chain (what configure-aws-credentials exported).
 */
export function createCloudFrontClient(options: ClientOptions = {}): CloudFrontClient {
  return new CloudFrontClient(clientConfig(options))
}

/**
 * Every call of the client, each of the SDK's own attempts included, first waits for its turn in the
 * step's pace (pace.ts), and tells it whether CloudFront throttled it. It sits just inside the SDK's retry
 * middleware and before signing, so a retried attempt is paced too and is signed when it really goes.
 * Any operation of the client is paced by its name: a tenant's invalidation calls need nothing more.
 * Waiting for a turn ends with the call's abortSignal, or the step's `signal` for a call without one.
 */
export function paceClient(client: CloudFrontClient, pace: Pace, signal?: AbortSignal): void {
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<ServiceInputTypes, ServiceOutputTypes>, context: HandlerExecutionContext) =>
      async (args: FinalizeHandlerArguments<ServiceInputTypes>) => {
        const bucket = pace.bucket((context.commandName ?? '').replace(/Command$/, ''))
        // The call's own signal, which the SDK hands to middleware for just this: a lookup after the
        // deadline (send/cut-short.ts) has its own grace; else the step's.
        const own = context.__smithy_context?.abortSignal
        const sending = own instanceof AbortSignal ? SENDINGS.get(own) : undefined
        if (sending) sending.paced = true
        const turn = await bucket.acquire(own instanceof AbortSignal ? own : signal)
        if (sending) sending.sent = true
        try {
          const output = await next(args)
          turn.record(false)
          return output
        } catch (error) {
          // An answer other than Throttling (a 4xx) says the rate is fine; a 5xx or no answer says nothing.
          const status = httpStatus(error)
          const throttled =
            error instanceof Error && isThrottlingError(error as Parameters<typeof isThrottlingError>[0])
          if (throttled || (status !== undefined && status < 500)) turn.record(throttled)
          if (sending) sending.attempted(error, status)
          throw error
        } finally {
          turn.release()
        }
      },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'cloudfrontPaceMiddleware', override: true }
  )
}

/**
 * What became of one call through the pace, across the SDK's own attempts: whether one got its turn and
 * was sent, and whether the service may have acted on it (a try with no answer, or a 5xx, after which it
 * may have all the same; refusals, throttling among them, did nothing). The middleware finds
 * it by the call's abortSignal, made for it here: send/invalidate.ts tracks each create so.
 */
export class Sending {
  /** The step's signal, as this call's own object. */
  readonly signal: AbortSignal
  /** The pace saw the call; false through a client without it (a test's), where nothing here is known. */
  paced = false
  sent = false
  mayHaveActed = false
  /** The last answer an attempt got (an error with an HTTP status), to say what refused it. */
  lastAnswer: unknown = undefined
  private readonly stop: () => void

  constructor(step: AbortSignal) {
    const own = new AbortController()
    const follow = () => {
      own.abort(step.reason)
    }
    if (step.aborted) follow()
    else step.addEventListener('abort', follow, { once: true })
    this.signal = own.signal
    this.stop = () => {
      step.removeEventListener('abort', follow)
    }
    SENDINGS.set(own.signal, this)
  }

  attempted(error: unknown, status: number | undefined): void {
    if (status !== undefined) this.lastAnswer = error
    // Once a try may have acted, a later refusal does not undo it.
    if (mayHaveActed(error)) this.mayHaveActed = true
  }

  /** The call is over: its signal no longer follows the step's. */
  done(): void {
    this.stop()
  }
}

const SENDINGS = new WeakMap<AbortSignal, Sending>()

/**
 * Resolves the client's credentials now, so a missing one fails before any plan is acted on; a cancel
 * or the deadline ends the wait (the default chain's credential_process, metadata or web identity calls
 * take no signal).
 */
export async function checkCredentials(client: CloudFrontClient, signal?: AbortSignal): Promise<void> {
  try {
    await beforeDeadline(() => client.config.credentials(), signal)
  } catch (error) {
    if (signal?.aborted) throw error
    throw noCredentials(error)
  }
}

/** The options of one call: the step's deadline, so that it can stop the call. */
export type CallOptions = { abortSignal?: AbortSignal }
export const callOptions = (signal?: AbortSignal): CallOptions => (signal ? { abortSignal: signal } : {})
