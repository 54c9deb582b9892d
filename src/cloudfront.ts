import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry'
import type { AwsCredentialIdentity } from '@smithy/types'
import { UserError, errorMessage } from './errors.js'
import { requestHandlerOptions, type ProxySettings } from './http.js'
import type { DistributionSummary } from './lookup.js'
import { explainProfile } from './profile.js'
import { ACTION_NAME, ACTION_VERSION } from './version.js'

/** The statuses CloudFront reports for an invalidation (moto says COMPLETED; we report CloudFront's). */
export type InvalidationStatus = 'InProgress' | 'Completed'

export interface Invalidation {
  id: string
  status: InvalidationStatus
}

/** More than the SDK's default of 3: a deploy should not fail because CloudFront throttled us twice. */
export const MAX_ATTEMPTS = 8

export interface ClientOptions {
  credentials?: AwsCredentialIdentity
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
    region: options.region?.startsWith('cn-') ? options.region : 'us-east-1',
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: requestHandlerOptions(options.proxy),
    customUserAgent: `${ACTION_NAME}/${ACTION_VERSION}${options.run ? ` run/${options.run}` : ''}`
  }
}

/**
 * The only CloudFront client of the action. Honours AWS_ENDPOINT_URL_CLOUDFRONT (the SDK reads it), and
 * without explicit credentials uses the SDK's default chain (what configure-aws-credentials exported).
 */
export function createCloudFrontClient(options: ClientOptions = {}): CloudFrontClient {
  return new CloudFrontClient(clientConfig(options))
}

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

/** Resolves the client's credentials now, so a missing one fails before any plan is acted on. */
export async function checkCredentials(client: CloudFrontClient): Promise<void> {
  try {
    await client.config.credentials()
  } catch (error) {
    throw noCredentials(error)
  }
}

export async function createInvalidation(
  client: CloudFrontClient,
  distributionId: string,
  paths: readonly string[],
  callerReference: string,
  signal?: AbortSignal
): Promise<Invalidation> {
  try {
    const response = await client.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: callerReference,
          Paths: { Quantity: paths.length, Items: [...paths] }
        }
      }),
      signal ? { abortSignal: signal } : {}
    )
    return toInvalidation(response.Invalidation, 'CreateInvalidation')
  } catch (error) {
    throw explainError(error, 'CreateInvalidation', distributionId)
  }
}

export async function getInvalidationStatus(
  client: CloudFrontClient,
  distributionId: string,
  invalidationId: string,
  signal?: AbortSignal
): Promise<InvalidationStatus> {
  try {
    const response = await client.send(
      new GetInvalidationCommand({ DistributionId: distributionId, Id: invalidationId }),
      signal ? { abortSignal: signal } : {}
    )
    return toInvalidation(response.Invalidation, 'GetInvalidation').status
  } catch (error) {
    throw explainError(error, 'GetInvalidation', distributionId)
  }
}

/**
 * Every distribution of the account with its alternate domain names, following NextMarker through every
 * page (CloudFront returns up to 100 distributions a page).
 */
export async function listDistributions(
  client: CloudFrontClient,
  signal?: AbortSignal
): Promise<DistributionSummary[]> {
  const distributions: DistributionSummary[] = []
  const markers = new Set<string>()
  let marker: string | undefined
  try {
    do {
      const response = await client.send(
        new ListDistributionsCommand(marker ? { Marker: marker } : {}),
        signal ? { abortSignal: signal } : {}
      )
      const list = response.DistributionList
      for (const item of list?.Items ?? []) {
        if (item.Id) distributions.push({ id: item.Id, aliases: item.Aliases?.Items ?? [] })
      }
      marker = list?.IsTruncated ? list.NextMarker : undefined
      // A marker seen before would page forever.
      if (marker && markers.has(marker)) {
        throw new Error(`CloudFront answered ListDistributions with the same NextMarker twice (${marker})`)
      }
      if (marker) markers.add(marker)
    } while (marker)
  } catch (error) {
    throw explainLookupError(error, 'cloudfront:ListDistributions', 'distribution-alias')
  }
  return distributions
}

function toInvalidation(
  invalidation: { Id?: string | undefined; Status?: string | undefined } | undefined,
  operation: string
): Invalidation {
  if (!invalidation?.Id) throw new Error(`CloudFront answered ${operation} without an invalidation ID`)
  return {
    id: invalidation.Id,
    status: /^completed$/i.test(invalidation.Status ?? '') ? 'Completed' : 'InProgress'
  }
}

/** The SDK's error: explainError keeps it as the cause of the error it returns. */
function sdkError(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error
}

/** Worth another poll: throttling the SDK's retries gave up on, a 5xx, a dropped or timed-out connection. */
export function isTransientAwsError(error: unknown): boolean {
  const cause = sdkError(error)
  if (!(cause instanceof Error)) return false
  const classified = cause as Parameters<typeof isTransientError>[0]
  return isThrottlingError(classified) || isTransientError(classified) || isServerError(classified)
}

/** CloudFront's limit on invalidations in progress: clears as earlier ones complete, so worth retrying. */
export function isTooManyInvalidations(error: unknown): boolean {
  return (sdkError(error) as { name?: string } | undefined)?.name === 'TooManyInvalidationsInProgress'
}

interface AwsErrorShape {
  name?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

const CREDENTIAL_ERRORS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidAccessKeyId'
])

/** What every call's errors have in common: missing or refused credentials. Undefined for the rest. */
function explainCredentialError(error: unknown): UserError | undefined {
  const { name = '', message = errorMessage(error) } = (error ?? {}) as AwsErrorShape
  if (name === 'CredentialsProviderError') return noCredentials(error)
  if (!CREDENTIAL_ERRORS.has(name)) return undefined
  return Object.assign(
    new UserError(
      `The AWS credentials were refused (${name}: ${message}). Check the secrets or role that configure them; a session token must come with its keys.`
    ),
    { cause: error }
  )
}

function isAccessDenied(name: string): boolean {
  return name === 'AccessDenied' || name === 'AccessDeniedException'
}

interface ErrorFacts {
  name: string
  message: string
  /** A UserError with this text, keeping the SDK's error as its cause. */
  explain: (text: string) => UserError
}

/**
 * What every call does with its errors: missing or refused credentials explained the same way, then the
 * call's own fixable cases (`specific`), and anything else as `failed: <name>: <message>` with its cause.
 */
function explainWith(
  error: unknown,
  failed: string,
  specific: (facts: ErrorFacts) => UserError | undefined
): Error {
  const credentialError = explainCredentialError(error)
  if (credentialError) return credentialError
  const { name = '', message = errorMessage(error) } = (error ?? {}) as AwsErrorShape
  const explain = (text: string) => Object.assign(new UserError(text), { cause: error })
  return (
    specific({ name, message, explain }) ??
    Object.assign(
      new Error(`${failed} failed: ${name ? `${name}: ` : ''}${message}`),
      error instanceof Error ? { cause: error } : {}
    )
  )
}

/**
 * The errors of the calls that find distributions (ListDistributions, and the tagging API's GetResources):
 * the fixable ones name the permission and the input that needs it. Neither permission can be limited to
 * one distribution, so the fix names the resource "*".
 */
export function explainLookupError(
  error: unknown,
  permission: 'cloudfront:ListDistributions' | 'tag:GetResources',
  input: 'distribution-alias' | 'distribution-tag'
): Error {
  const operation = permission.slice(permission.indexOf(':') + 1)
  return explainWith(error, `${operation} (for ${input})`, ({ name, message, explain }) =>
    isAccessDenied(name)
      ? explain(
          `Access denied to ${permission}, which ${input} needs to find distributions. Allow ${permission} on the resource "*" in the policy of the role these credentials belong to, or use distribution-id instead. (${message})`
        )
      : undefined
  )
}

/**
 * Turns the errors a user can fix into a UserError that names the fix. Others keep their own message;
 * every one keeps the original as its cause.
 */
export function explainError(
  error: unknown,
  operation: 'CreateInvalidation' | 'GetInvalidation',
  distributionId: string
): Error {
  return explainWith(error, `${operation} on ${distributionId}`, ({ name, message, explain }) => {
    if (isAccessDenied(name)) {
      return explain(
        `Access denied to cloudfront:${operation} on distribution ${distributionId}. Allow cloudfront:${operation} on arn:aws:cloudfront::<account-id>:distribution/${distributionId} in the policy of the role these credentials belong to. (${message})`
      )
    }
    if (name === 'NoSuchDistribution') {
      return explain(
        `No distribution ${distributionId} exists in the AWS account of these credentials. Check distribution-id (or the alias or tag that found it) in the CloudFront console, and that the credentials are for the account that owns the distribution.`
      )
    }
    if (name === 'TooManyInvalidationsInProgress') {
      return explain(
        `Too many invalidations are in progress on distribution ${distributionId}: CloudFront allows 3,000 paths, or 15 wildcard paths, in progress at once per distribution, and retries until wait-timeout did not get through. Invalidate fewer paths (a wildcard such as /assets/* counts as one), or raise wait-timeout.`
      )
    }
    if (name === 'InvalidationBatchAlreadyExists') {
      return explain(
        `caller-reference: the CallerReference of this request was already used for a different invalidation of ${distributionId}. Use a new caller-reference for every batch of paths, or leave caller-reference empty so the action derives one.`
      )
    }
    if (name === 'InvalidArgument' || name === 'BatchTooLarge' || name === 'InconsistentQuantities') {
      return explain(`paths: CloudFront refused the invalidation of ${distributionId} (${name}: ${message}).`)
    }
    return undefined
  })
}
