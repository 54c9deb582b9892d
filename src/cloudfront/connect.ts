/**
 * The step's AWS access, made once: sign in (aws/connect.ts), then the CloudFront client every call of
 * the step goes through, paced (pace.ts), with the credentials checked before anything is sent.
 */
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront'
import { endpointsOf, type AwsService } from '../aws/aws-config.js'
import { signIn } from '../aws/connect.js'
import type { Clock } from '../common/clock.js'
import type { ProxySettings } from '../common/http.js'
import type { Runner } from '../common/runner.js'
import type { Settings } from '../inputs/inputs.js'
import { checkCredentials, createCloudFrontClient, paceClient, type ClientOptions } from './client.js'
import { Pace } from './pace.js'

/** The step's AWS access: the CloudFront client, and what another client needs to sign the same way. */
export interface Aws {
  client: CloudFrontClient
  options: ClientOptions
  /** The rate limiter every CloudFront call of the step goes through. */
  pace: Pace
}

export async function connect(
  runner: Runner,
  settings: Pick<Settings, 'credentials' | 'distributionTags'>,
  proxy: ProxySettings,
  signal: AbortSignal,
  clock: Clock
): Promise<Aws> {
  const services: AwsService[] = ['CloudFront']
  if (settings.credentials.roleToAssume) services.push('STS')
  if (settings.distributionTags.length > 0) services.push('Resource Groups Tagging')
  const credentials = await signIn(runner, settings.credentials, {
    proxy,
    endpoints: endpointsOf(services, settings.credentials.region, runner.env),
    signal,
    clock
  })
  const { runId, runAttempt } = runner.context
  const options: ClientOptions = {
    ...(credentials ? { credentials } : {}),
    ...(settings.credentials.region ? { region: settings.credentials.region } : {}),
    proxy,
    run: `${runId}-${runAttempt}`
  }
  const client = createCloudFrontClient(options)
  const pace = new Pace(clock)
  paceClient(client, pace, signal)
  await checkCredentials(client, signal)
  return { client, options, pace }
}
