import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  ResourceGroupsTaggingAPIServiceException
} from '@aws-sdk/client-resource-groups-tagging-api'
import { mockClient } from 'aws-sdk-client-mock'
import { MAX_ATTEMPTS } from '../../src/cloudfront/client.js'
import { UserError } from '../../src/common/errors.js'
import { readDistributionTags } from '../../src/inputs/targets.js'
import { distributionIdOf, findTaggedDistributions } from '../../src/targets/tagging.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/version.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
const tagging = mockClient(ResourceGroupsTaggingAPIClient)
beforeEach(() => {
  tagging.reset()
})

const arn = (id: string) => `arn:aws:cloudfront::123456789012:distribution/${id}`
const mappings = (...arns: string[]) => arns.map(ResourceARN => ({ ResourceARN, Tags: [] }))

describe('findTaggedDistributions', () => {
  it('asks once per tag, filtered by tag and service on AWS side, and keeps only distributions', async () => {
    tagging
      .on(GetResourcesCommand, { TagFilters: [{ Key: 'env', Values: ['prod'] }] })
      .resolves({
        ResourceTagMappingList: mappings(
          arn('EPROD1'),
          'arn:aws:cloudfront::123456789012:streaming-distribution/ESTREAM1',
          arn('EPROD2')
        )
      })
      .on(GetResourcesCommand, { TagFilters: [{ Key: 'team', Values: ['web'] }] })
      .resolves({ ResourceTagMappingList: mappings(arn('EPROD2')), PaginationToken: '' })
    const found = await findTaggedDistributions(
      [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'web' }
      ],
      { credentials }
    )
    expect(found).toEqual([['EPROD1', 'EPROD2'], ['EPROD2']])
    const inputs = tagging.commandCalls(GetResourcesCommand).map(call => call.args[0].input)
    expect(inputs).toHaveLength(2)
    for (const input of inputs) {
      expect(input.ResourceTypeFilters).toEqual(['cloudfront'])
      expect(input.ResourcesPerPage).toBe(100)
      expect(input.PaginationToken).toBeUndefined()
    }
  })

  it('asks for each tag of a comma list apart, not for one value holding the comma', async () => {
    tagging
      .on(GetResourcesCommand, { TagFilters: [{ Key: 'env', Values: ['prod'] }] })
      .resolves({ ResourceTagMappingList: mappings(arn('EPROD1')) })
      .on(GetResourcesCommand, { TagFilters: [{ Key: 'site', Values: ['x'] }] })
      .resolves({ ResourceTagMappingList: mappings(arn('ESITEX')) })
    const found = await findTaggedDistributions(readDistributionTags('env=prod,site=x'), { credentials })
    expect(found).toEqual([['EPROD1'], ['ESITEX']])
    expect(tagging.commandCalls(GetResourcesCommand).map(call => call.args[0].input.TagFilters)).toEqual([
      [{ Key: 'env', Values: ['prod'] }],
      [{ Key: 'site', Values: ['x'] }]
    ])
  })

  it('follows PaginationToken until AWS returns none', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: mappings(arn('EPAGE1')), PaginationToken: 'token-2' })
      .resolvesOnce({ ResourceTagMappingList: [], PaginationToken: 'token-3' })
      .resolvesOnce({ ResourceTagMappingList: mappings(arn('EPAGE3')) })
    const found = await findTaggedDistributions([{ key: 'env', value: 'prod' }], { credentials })
    expect(found).toEqual([['EPAGE1', 'EPAGE3']])
    const tokens = tagging.commandCalls(GetResourcesCommand).map(call => call.args[0].input.PaginationToken)
    expect(tokens).toEqual([undefined, 'token-2', 'token-3'])
  })

  it('fails rather than page forever when AWS hands back a token it gave before', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: mappings(arn('EPAGE1')), PaginationToken: 'token-2' })
      .resolves({ ResourceTagMappingList: [], PaginationToken: 'token-2' })
    const error = await rejectionOf(findTaggedDistributions([{ key: 'env', value: 'prod' }], { credentials }))
    expect(error.message).toBe(
      'GetResources (for distribution-tag) failed: Error: AWS answered GetResources with the same PaginationToken twice (token-2)'
    )
    expect(tagging.commandCalls(GetResourcesCommand)).toHaveLength(2)
  })

  it("signs in us-east-1 (CloudFront's region), or the China region, with the CloudFront client's settings", async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] })
    await findTaggedDistributions([{ key: 'env', value: 'prod' }], { credentials, region: 'eu-west-1' })
    await findTaggedDistributions([{ key: 'env', value: 'prod' }], { credentials, region: 'cn-north-1' })
    const regions = await Promise.all(
      tagging.commandCalls(GetResourcesCommand).map(async call => {
        const client = call.thisValue as ResourceGroupsTaggingAPIClient
        expect(client.config.customUserAgent).toEqual([[`${ACTION_NAME}/${ACTION_VERSION}`]])
        expect(await client.config.maxAttempts()).toBe(MAX_ATTEMPTS)
        return client.config.region()
      })
    )
    expect(regions).toEqual(['us-east-1', 'cn-north-1'])
  })

  it('explains AccessDenied: tag:GetResources, for distribution-tag, on the resource *', async () => {
    tagging.on(GetResourcesCommand).rejects(
      new ResourceGroupsTaggingAPIServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'not authorized to perform: tag:GetResources'
      })
    )
    const error = await rejectionOf(findTaggedDistributions([{ key: 'env', value: 'prod' }], { credentials }))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      /^Access denied to tag:GetResources, which distribution-tag needs to find distributions\. Allow tag:GetResources on the resource "\*"/
    )
  })
})

describe('distributionIdOf', () => {
  it.each<[string, string | undefined]>([
    ['arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL', 'E2QWRUHAPOMQZL'],
    ['arn:aws-cn:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL', 'E2QWRUHAPOMQZL'],
    // moto leaves out the empty region field.
    ['arn:aws:cloudfront:123456789012:distribution/E2QWRUHAPOMQZL', 'E2QWRUHAPOMQZL'],
    ['arn:aws:cloudfront::123456789012:streaming-distribution/E2QWRUHAPOMQZL', undefined],
    ['arn:aws:cloudfront::123456789012:function/my-function', undefined],
    ['arn:aws:s3:::my-bucket/distribution/E2QWRUHAPOMQZL', undefined]
  ])('%s -> %s', (resourceArn, id) => {
    expect(distributionIdOf(resourceArn)).toBe(id)
  })
})
