import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { explainWith, isAccessDenied, noCredentials, sharedClientConfig } from './aws-config.js'
import type { ProxySettings } from './http.js'
import type { DistributionSummary } from './lookup.js'

/** The statuses CloudFront reports for an invalidation (moto says COMPLETED; we report CloudFront's). */
export type InvalidationStatus = 'InProgress' | 'Completed'

export interface Invalidation {
  id: string
  status: InvalidationStatus
}

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
