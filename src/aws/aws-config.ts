/**
 * What the AWS calls of both actions share: client settings, how credential and access errors are
 * explained, and the endpoints named in the proxy notes. Its own module so the changes action's bundle
 * does not pull in the CloudFront client.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { UserError, errorMessage } from '../common/errors.js'
import { readProxySettings, requestHandlerOptions, type ProxySettings } from '../common/http.js'
import { explainProfile } from './profile.js'
import { errorName, httpStatus } from './sdk-error.js'
import { ACTION_NAME, ACTION_VERSION } from '../common/version.js'

/**
 * What every AWS client of both actions shares: the credentials, the timeouts and proxy, and the user
 * agent. Region and retries are each client's own (CloudFront signs in us-east-1, S3 in the bucket's region).
 */
export function sharedClientConfig(
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  proxy: ProxySettings = readProxySettings(process.env),
  /** The GitHub run, added to the user agent so a call can be traced from CloudTrail to its run. */
  run?: string
) {
  return {
    ...(credentials ? { credentials } : {}),
    requestHandler: requestHandlerOptions(proxy),
    customUserAgent: `${ACTION_NAME}/${ACTION_VERSION}${run ? ` run/${run}` : ''}`
  }
}

const CREDENTIAL_ERRORS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidAccessKeyId'
])

/**
 * The session credentials of the job expired. role-to-assume sessions are renewed before they expire
 * (credentials.ts), so these came from the environment: usually configure-aws-credentials, whose sessions
 * last 1 hour unless its role-duration-seconds says otherwise.
 */
const EXPIRED = 'The AWS session credentials expired during the step'
const EXPIRED_FIX =
  "This step does not renew credentials exported by an earlier step (aws-actions/configure-aws-credentials' sessions last 1 hour by default): raise role-duration-seconds in the step that made them so that they last through this one, or set role-to-assume on this step, which renews its own session."

/** The usual fix: credentials that a GitHub job gets without any profile. */
const CONFIGURE_CREDENTIALS =
  'aws-actions/configure-aws-credentials before this step, or set role-to-assume to an IAM role ARN and give the job permissions: id-token: write.'

/**
 * The default chain found nothing usable; its own reason follows. With AWS_PROFILE set, the message names
 * the profile and its likely cause, which the SDK's "from any providers" does not.
 */
export function noCredentials(error: unknown, env: NodeJS.ProcessEnv = process.env): UserError {
  const reason = errorMessage(error).split('\n')[0]
  const profile = explainProfile(env)
  const text = profile
    ? `No AWS credentials found for AWS_PROFILE=${profile.profile} (${reason}). ${profile.cause} In a GitHub job, you can instead unset AWS_PROFILE and add ${CONFIGURE_CREDENTIALS}`
    : `No AWS credentials found (${reason}). Add ${CONFIGURE_CREDENTIALS}`
  return Object.assign(new UserError(text), { cause: error })
}

/** What every call's errors have in common: missing or refused credentials. Undefined for the rest. */
function explainCredentialError(error: unknown): UserError | undefined {
  const name = errorName(error)
  const message = errorMessage(error)
  if (name === 'CredentialsProviderError') return noCredentials(error)
  if (!CREDENTIAL_ERRORS.has(name)) return undefined
  // Session credentials that ran out mid-step: nothing is wrong with the keys, only with how long they last.
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return Object.assign(new UserError(`${EXPIRED} (${name}: ${message}). ${EXPIRED_FIX}`), { cause: error })
  }
  return Object.assign(
    new UserError(
      `The AWS credentials were refused (${name}: ${message}). Check the secrets or role that configure them; a session token must come with its keys.`
    ),
    { cause: error }
  )
}

export interface ErrorFacts {
  name: string
  message: string
  /** The HTTP status of the answer, when there was one (S3 answers HEAD requests without a body). */
  status: number | undefined
  /** A UserError with this text, keeping the SDK's error as its cause. */
  explain: (text: string) => UserError
}

/**
 * What every call does with its errors: missing or refused credentials explained the same way, then the
 * call's own fixable cases (`specific`), and anything else as `failed: <name>: <message>` with its cause.
 */
export function explainWith(
  error: unknown,
  failed: string,
  specific: (facts: ErrorFacts) => UserError | undefined
): Error {
  // Already explained: a renewal of role-to-assume's session that failed, raised inside the SDK's call.
  if (error instanceof UserError) return error
  const credentialError = explainCredentialError(error)
  if (credentialError) return credentialError
  const name = errorName(error)
  const message = errorMessage(error)
  const explain = (text: string) => Object.assign(new UserError(text), { cause: error })
  return (
    specific({ name, message, status: httpStatus(error), explain }) ??
    Object.assign(
      new Error(`${failed} failed: ${name ? `${name}: ` : ''}${message}`),
      error instanceof Error ? { cause: error } : {}
    )
  )
}

/** An AWS service a step calls, and how the SDK picks its endpoint when no variable names one. */
const ENDPOINTS = {
  CloudFront: {
    variable: 'AWS_ENDPOINT_URL_CLOUDFRONT',
    url: (china: boolean) =>
      china ? 'https://cloudfront.cn-northwest-1.amazonaws.com.cn' : 'https://cloudfront.amazonaws.com'
  },
  STS: {
    variable: 'AWS_ENDPOINT_URL_STS',
    url: (china: boolean, region = 'us-east-1') => `https://sts.${region}.amazonaws.com${china ? '.cn' : ''}`
  },
  'Resource Groups Tagging': {
    variable: 'AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API',
    url: () => 'https://tagging.us-east-1.amazonaws.com'
  },
  S3: { variable: 'AWS_ENDPOINT_URL_S3', url: () => 'https://s3.amazonaws.com' }
} satisfies Record<string, { variable: string; url: (china: boolean, region?: string) => string }>

export type AwsService = keyof typeof ENDPOINTS

/**
 * The endpoints of `services` as the SDK will choose them (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
 * or the service's own for the region), for what the log says of the proxy. One that is no URL is left out.
 */
export function endpointsOf(
  services: readonly AwsService[],
  region: string | undefined,
  env: NodeJS.ProcessEnv
): { service: AwsService; url: string }[] {
  const china = region?.startsWith('cn-') === true
  return services
    .map(service => {
      const { variable, url } = ENDPOINTS[service]
      return { service, url: env[variable] ?? env.AWS_ENDPOINT_URL ?? url(china, region) }
    })
    .filter(({ url }) => URL.canParse(url))
}
