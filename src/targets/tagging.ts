import { clientConfig, type ClientOptions } from '../cloudfront/client.js'
import { explainLookupError } from '../cloudfront/errors.js'
import { allPages } from '../cloudfront/listings.js'
import type { DistributionTag } from '../inputs/targets.js'

/** The tagging API's largest page. */
const RESOURCES_PER_PAGE = 100

/**
 * The IDs of the distributions carrying each tag, found with the Resource Groups Tagging API's
 * GetResources. Why this API, and not ListDistributions plus ListTagsForResource per distribution: that
 * costs one call per distribution in the account (plus a call per 100 distributions), however few carry
 * the tag; GetResources filters by tag on AWS's side and costs one call per tag (per 100 matches), however
 * many distributions the account has. The price is a second client (loaded only here, so a run without
 * distribution-tag never loads it) and the tag:GetResources permission.
 *
 * `ResourceTypeFilters: ['cloudfront']` and then keeping the ARNs of distributions: real AWS names the
 * type `cloudfront:distribution`, which moto does not match, while both match the service alone (which
 * also returns streaming distributions, and on moto ARNs without the empty region field).
 */
export async function findTaggedDistributions(
  tags: readonly DistributionTag[],
  options: ClientOptions,
  signal?: AbortSignal
): Promise<string[][]> {
  // Loaded only when needed: most runs name their distributions by ID and never pay for this client.
  const { ResourceGroupsTaggingAPIClient, GetResourcesCommand } =
    await import('@aws-sdk/client-resource-groups-tagging-api')
  // Honours AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API, as the CloudFront client honours its own.
  const client = new ResourceGroupsTaggingAPIClient(clientConfig(options))
  const taggedWith = (tag: DistributionTag): Promise<string[]> =>
    allPages('AWS answered GetResources', 'PaginationToken', async token => {
      const response = await client.send(
        new GetResourcesCommand({
          ResourceTypeFilters: ['cloudfront'],
          TagFilters: [{ Key: tag.key, Values: [tag.value] }],
          ResourcesPerPage: RESOURCES_PER_PAGE,
          ...(token ? { PaginationToken: token } : {})
        }),
        signal ? { abortSignal: signal } : {}
      )
      return {
        items: (response.ResourceTagMappingList ?? []).flatMap(
          mapping => distributionIdOf(mapping.ResourceARN ?? '') ?? []
        ),
        next: response.PaginationToken
      }
    })
  try {
    return await Promise.all(tags.map(taggedWith))
  } catch (error) {
    throw explainLookupError(error, 'tag:GetResources', 'distribution-tag')
  } finally {
    client.destroy()
  }
}

/** `arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL` -> the ID; other resources -> undefined. */
export function distributionIdOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:cloudfront:(?:[^:]*:)?\d*:distribution\/([A-Z0-9]+)$/.exec(arn)?.[1]
}
