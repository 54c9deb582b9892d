/**
 * The pace inside the real SDK client: every attempt of every operation takes its turn and reports
 * Throttling, with only the HTTP handler replaced (aws-sdk-client-mock would bypass the middleware).
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from '@jest/globals'
import {
  CloudFrontClient,
  CreateInvalidationForDistributionTenantCommand,
  GetInvalidationCommand
} from '@aws-sdk/client-cloudfront'
import { createInvalidationFor } from '../../src/cloudfront/calls.js'
import { Sending, createCloudFrontClient, paceClient } from '../../src/cloudfront/client.js'
import { systemClock } from '../../src/common/clock.js'
import { Pace, RECOVERY_SHARE } from '../../src/cloudfront/pace.js'

const QUOTAS = {
  create: { perSecond: 50, burst: 5, inFlight: 5 },
  get: { perSecond: 100, burst: 5, inFlight: 5 },
  other: { perSecond: 100, burst: 5, inFlight: 5 }
}
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
const INVALIDATION =
  '<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-12-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/index.html</Path></Items></Paths><CallerReference>ref</CallerReference></InvalidationBatch></Invalidation>'
const THROTTLING =
  '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>'

/** A client whose HTTP answers are `answers`, in turn; records each request's path. */
function pacedClient(answers: { status: number; body: string }[], maxAttempts?: number) {
  const client =
    maxAttempts === undefined
      ? createCloudFrontClient({ credentials })
      : new CloudFrontClient({ credentials, region: 'us-east-1', maxAttempts })
  const paths: string[] = []
  client.config.requestHandler = {
    handle: async (request: { path: string }) => {
      paths.push(request.path)
      const answer = answers.shift() ?? { status: 500, body: '' }
      return {
        response: {
          statusCode: answer.status,
          headers: { 'content-type': 'text/xml' },
          body: Readable.from([Buffer.from(answer.body)])
        }
      }
    }
  }
  // Fast quotas, so that waiting for a token after a throttle takes milliseconds here.
  const pace = new Pace(systemClock, QUOTAS)
  paceClient(client, pace)
  return { client, pace, paths }
}

describe('paceClient', () => {
  it('paces each attempt of a create and halves the create rate on Throttling', async () => {
    const { client, pace, paths } = pacedClient([
      { status: 400, body: THROTTLING },
      { status: 201, body: INVALIDATION }
    ])
    const created = await createInvalidationFor(
      client,
      { kind: 'distribution', id: 'E2QWRUHAPOMQZL' },
      ['/index.html'],
      'ref'
    )
    expect(created.id).toBe('I2J0I21PCUYOIK')
    expect(paths).toHaveLength(2)
    expect(pace.throttles).toBe(1)
    const create = pace.bucket('CreateInvalidation')
    // Halved by the throttle, then raised by RECOVERY_SHARE of the quota by the answer that got through.
    expect(create.perSecond).toBeCloseTo(QUOTAS.create.perSecond * (0.5 + RECOVERY_SHARE))
    expect(pace.bucket('GetInvalidation').perSecond).toBe(QUOTAS.get.perSecond)
  })

  it('paces any operation by its name: a tenant create shares the distribution create bucket', async () => {
    const { client, pace } = pacedClient([
      { status: 400, body: THROTTLING },
      { status: 400, body: THROTTLING },
      { status: 201, body: INVALIDATION },
      { status: 200, body: INVALIDATION }
    ])
    await client.send(
      new CreateInvalidationForDistributionTenantCommand({
        Id: 'dt_2wjDZi3hD1ivOXf6rpZJexample',
        InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/index.html'] } }
      })
    )
    expect(pace.bucket('CreateInvalidation').throttles).toBe(2)
    await client.send(new GetInvalidationCommand({ DistributionId: 'E2QWRUHAPOMQZL', Id: 'I' }))
    expect(pace.bucket('GetInvalidation').throttles).toBe(0)
    expect(pace.throttles).toBe(2)
  })
})

describe('Sending', () => {
  const A = { kind: 'distribution', id: 'E2QWRUHAPOMQZL' } as const
  const UNAVAILABLE =
    '<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>Service Unavailable</Message></Error><RequestId>r</RequestId></ErrorResponse>'

  it('knows a create that never got its turn was never sent', async () => {
    const { client, pace, paths } = pacedClient([])
    // Every create token is taken: the next create waits its turn, and the cancel comes first.
    const bucket = pace.bucket('CreateInvalidation')
    const held = await Promise.all(Array.from({ length: QUOTAS.create.inFlight }, () => bucket.acquire()))
    const step = new AbortController()
    const sending = new Sending(step.signal)
    const create = createInvalidationFor(client, A, ['/a'], 'ref', sending.signal)
    step.abort(new Error('cancelled'))
    await expect(create).rejects.toThrow()
    expect(sending).toMatchObject({ paced: true, sent: false, mayHaveActed: false })
    expect(paths).toEqual([])
    for (const turn of held) turn.release()
    sending.done()
  })

  it('knows a throttled create did nothing, and one answered with a 5xx may have', async () => {
    const throttled = pacedClient([{ status: 400, body: THROTTLING }], 1)
    const first = new Sending(new AbortController().signal)
    await expect(createInvalidationFor(throttled.client, A, ['/a'], 'ref', first.signal)).rejects.toThrow()
    expect(first).toMatchObject({ paced: true, sent: true, mayHaveActed: false })
    expect(String(first.lastAnswer)).toContain('Rate exceeded')

    const unavailable = pacedClient([{ status: 503, body: UNAVAILABLE }], 1)
    const second = new Sending(new AbortController().signal)
    await expect(createInvalidationFor(unavailable.client, A, ['/a'], 'ref', second.signal)).rejects.toThrow()
    expect(second).toMatchObject({ sent: true, mayHaveActed: true })
  })

  it('knows a create whose connection was refused never reached CloudFront', async () => {
    const client = new CloudFrontClient({ credentials, region: 'us-east-1', maxAttempts: 1 })
    client.config.requestHandler = {
      handle: () =>
        Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))
    }
    paceClient(client, new Pace(systemClock, QUOTAS))
    const sending = new Sending(new AbortController().signal)
    await expect(createInvalidationFor(client, A, ['/a'], 'ref', sending.signal)).rejects.toThrow(
      'ECONNREFUSED'
    )
    expect(sending).toMatchObject({ sent: true, mayHaveActed: false })
  })

  it('follows the step: its signal aborts with the reason of the step, until done', () => {
    const step = new AbortController()
    const sending = new Sending(step.signal)
    const reason = new Error('cancelled')
    step.abort(reason)
    expect(sending.signal.reason).toBe(reason)
    const later = new AbortController()
    const finished = new Sending(later.signal)
    finished.done()
    later.abort(reason)
    expect(finished.signal.aborted).toBe(false)
  })
})
