import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  GetDistributionTenantByDomainCommand,
  ListDistributionsCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { lookupCalls } from '../../src/targets/calls.js'

const cloudFront = mockClient(CloudFrontClient)
useEnvironmentKeys()
beforeEach(() => {
  cloudFront.reset()
})

describe('lookupCalls', () => {
  it("makes the lookups' calls on the step's connection, connecting only when one is made", async () => {
    cloudFront
      .on(ListDistributionsCommand)
      .resolves({
        DistributionList: { Items: [{ Id: 'E1AAAAAAAAAAAA', Aliases: { Quantity: 0 } }] }
      } as never)
      .on(GetDistributionTenantByDomainCommand)
      .resolves({ DistributionTenant: { Id: 'dt_1', DistributionId: 'E1MULTI', Name: 'shop' } })
    const fake = fakeRunner({})
    let connected = 0
    const aws = () => {
      connected++
      return Promise.resolve({
        client: new CloudFrontClient({ region: 'us-east-1' }),
        options: { proxy: {} }
      })
    }
    const calls = lookupCalls(aws, new AbortController().signal, fake.runner)
    expect(connected).toBe(0)
    expect((await calls.listDistributions()).map(distribution => distribution.id)).toEqual(['E1AAAAAAAAAAAA'])
    expect(await calls.getTenantByDomain('shop.example.com')).toMatchObject({ id: 'dt_1' })
    expect(connected).toBe(2)
    calls.info('found')
    expect(fake.log()).toEqual(['found'])
  })
})
