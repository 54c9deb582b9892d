/** The tenant calls at the SDK's edge: what is sent. How many go at once is the step's pace (pace.test.ts). */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationForDistributionTenantCommand
} from '@aws-sdk/client-cloudfront'
import { mockClient } from 'aws-sdk-client-mock'
import { invalidationAnswer } from '../../__fixtures__/aws.js'
import { createInvalidationFor, getInvalidationStatusFor } from '../../src/cloudfront/calls.js'

const cloudFront = mockClient(CloudFrontClient)
beforeEach(() => {
  cloudFront.reset()
})
const client = () =>
  new CloudFrontClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 's' } })

const invalidation = invalidationAnswer

describe('createInvalidationFor and getInvalidationStatusFor', () => {
  it("route a tenant to the tenant API, with the tenant's ID", async () => {
    cloudFront
      .on(CreateInvalidationForDistributionTenantCommand)
      .resolves(invalidation('IT'))
      .on(GetInvalidationForDistributionTenantCommand)
      .resolves(invalidation('IT', 'Completed'))
    const target = { kind: 'tenant', id: 'dt_abc' } as const
    expect(await createInvalidationFor(client(), target, ['/a'], 'ref')).toEqual({
      id: 'IT',
      status: 'InProgress'
    })
    expect(await getInvalidationStatusFor(client(), target, 'IT')).toBe('Completed')
    expect(cloudFront.commandCalls(CreateInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual(
      {
        Id: 'dt_abc',
        InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/a'] } }
      }
    )
    expect(cloudFront.commandCalls(GetInvalidationForDistributionTenantCommand)[0]?.args[0].input).toEqual({
      DistributionTenantId: 'dt_abc',
      Id: 'IT'
    })
  })
})
