import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  ListDistributionTenantsCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { TEST_KEYS, accessDenied } from '../../__fixtures__/aws.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { createCloudFrontClient } from '../../src/cloudfront/client.js'
import { listDistributionTenants, listDistributions } from '../../src/cloudfront/listings.js'
import { CancelledError } from '../../src/common/clock.js'
import { UserError } from '../../src/common/errors.js'

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})

/** One page of ListDistributions, as the SDK deserialises it. */
function page(ids: string[], nextMarker?: string) {
  return {
    DistributionList: {
      Marker: '',
      MaxItems: 100,
      IsTruncated: nextMarker !== undefined,
      Quantity: ids.length,
      ...(nextMarker ? { NextMarker: nextMarker } : {}),
      Items: ids.map(id => ({
        Id: id,
        ...(id.endsWith('0') ? {} : { Aliases: { Quantity: 1, Items: [`${id.toLowerCase()}.example.com`] } })
      }))
    }
  } as never
}

describe('listDistributions', () => {
  it('follows NextMarker through every page, once each, and keeps the aliases', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A', 'EPAGE1B'], 'marker-2'))
      .resolvesOnce(page(['EPAGE2A'], 'marker-3'))
      .resolvesOnce(page(['EPAGE3A', 'EPAGE3B0']))
    const distributions = await listDistributions(createCloudFrontClient({ credentials: TEST_KEYS }))
    expect(distributions).toEqual([
      { id: 'EPAGE1A', aliases: ['epage1a.example.com'] },
      { id: 'EPAGE1B', aliases: ['epage1b.example.com'] },
      { id: 'EPAGE2A', aliases: ['epage2a.example.com'] },
      { id: 'EPAGE3A', aliases: ['epage3a.example.com'] },
      { id: 'EPAGE3B0', aliases: [] }
    ])
    const markers = cloudFront.commandCalls(ListDistributionsCommand).map(call => call.args[0].input.Marker)
    expect(markers).toEqual([undefined, 'marker-2', 'marker-3'])
  })

  it('makes one call when everything fits on a page, and copes with an empty account', async () => {
    cloudFront.on(ListDistributionsCommand).resolves({ DistributionList: { Quantity: 0 } } as never)
    expect(await listDistributions(createCloudFrontClient({ credentials: TEST_KEYS }))).toEqual([])
    expect(cloudFront.commandCalls(ListDistributionsCommand)).toHaveLength(1)
  })

  it('stops on a NextMarker it was already given, instead of paging forever', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A'], 'same'))
      .resolves(page(['EPAGE2A'], 'same'))
    const error = await rejectionOf(listDistributions(createCloudFrontClient({ credentials: TEST_KEYS })))
    expect(error.message).toContain('same NextMarker twice')
    expect(cloudFront.commandCalls(ListDistributionsCommand)).toHaveLength(2)
  })

  it('explains AccessDenied: the permission, the input that needs it, and the resource *', async () => {
    cloudFront.on(ListDistributionsCommand).rejects(accessDenied())
    const error = await rejectionOf(listDistributions(createCloudFrontClient({ credentials: TEST_KEYS })))
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(
      /^Access denied to cloudfront:ListDistributions, which distribution-alias needs to find distributions\. Allow cloudfront:ListDistributions on the resource "\*"/
    )
  })

  it('hands the abort signal to the SDK on every page', async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolvesOnce(page(['EPAGE1A'], 'marker-2'))
      .resolvesOnce(page(['EPAGE2A']))
    const signal = new AbortController().signal
    await listDistributions(createCloudFrontClient({ credentials: TEST_KEYS }), signal)
    for (const call of cloudFront.commandCalls(ListDistributionsCommand)) {
      const args: readonly unknown[] = call.args
      expect(args[1]).toEqual({ abortSignal: signal })
    }
  })
})

describe('listDistributionTenants', () => {
  it('cut short by the step (a cancel), throws its reason, which says so, not the SDK abort', async () => {
    const cancel = new AbortController()
    cloudFront.on(ListDistributionTenantsCommand).callsFake(() => {
      cancel.abort(new CancelledError('SIGINT'))
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
    })
    const client = createCloudFrontClient({ credentials: TEST_KEYS })
    await expect(listDistributionTenants(client, 'E7MULTITENANT0', cancel.signal)).rejects.toBeInstanceOf(
      CancelledError
    )
  })
})
