import { describe, expect, it } from '@jest/globals'
import { CAPTURED_ANSWERS, capturedAnswer } from '../../__fixtures__/cloudfront-answers.js'
import { cacheResult, httpDate } from '../../src/verify/headers.js'
import { judgeAnswer } from '../../src/verify/judge.js'
import { BROWSER_LIFETIME_LIMIT_SECONDS } from '../../src/verify/lifetime.js'

const created = Date.parse('2026-12-04T20:00:00.000Z')
const at = (offsetSeconds: number) => new Date(created + offsetSeconds * 1000).toUTCString()

const hit = (date: string, age: number, extra: Record<string, string> = {}) => ({
  status: 200,
  headers: { 'x-cache': 'Hit from cloudfront', date, age: String(age), ...extra }
})

describe('judgeAnswer: by Date, where the bucket is not known', () => {
  it('a miss is live: fetched from the origin for this request', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Miss from cloudfront', date: at(60) } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'live', rule: 'miss' })
    expect(judged.reason).toContain('miss')
  })

  it("a hit's Date is when the edge fetched it: Age is its age, not to be taken off again", () => {
    // A busy site: the nearest edge cleared early, a visitor re-fetched 10 s after CreateTime, and verify
    // asks 40 s later: the Date is the origin's from that fetch, Age 40.
    const judged = judgeAnswer(hit(at(10), 40), created)
    expect(judged).toMatchObject({ verdict: 'live', rule: 'date', ageSeconds: 40, fetchedAfterSeconds: 10 })
    expect(judged.reason).toBe(
      'fetched from the origin 10 s after the invalidation was created, cached 40 s ago'
    )
  })

  it('a hit fetched before the invalidation is stale, and says how long before', () => {
    const judged = judgeAnswer(hit(at(-7200), 7230), created)
    expect(judged).toMatchObject({ verdict: 'stale', rule: 'date', fetchedAfterSeconds: -7200 })
    expect(judged.reason).toBe(
      'fetched from the origin 2 h before the invalidation was created, cached 2 h ago'
    )
  })

  it('one rule at the boundary: a Date up to 5 s before CreateTime is live, earlier is stale', () => {
    expect(judgeAnswer(hit(at(-5), 100), created).verdict).toBe('live')
    expect(judgeAnswer(hit(at(0), 100), created).verdict).toBe('live')
    expect(judgeAnswer(hit(at(-6), 100), created).verdict).toBe('stale')
    // CreateTime has milliseconds; Date has whole seconds.
    expect(judgeAnswer(hit(at(-5), 1), created + 400).verdict).toBe('stale')
  })

  it('a refresh hit is live: the origin confirmed the copy for this request, whatever its Date', () => {
    for (const date of [at(60), at(-600)]) {
      const judged = judgeAnswer(
        { status: 200, headers: { 'x-cache': 'RefreshHit from cloudfront', date, age: '92' } },
        created
      )
      expect(judged).toMatchObject({ verdict: 'live', rule: 'refresh' })
    }
  })

  it('a hit without Age is not checkable (a viewer-response function rewrote it), and asks to be asked again', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Hit from cloudfront', date: at(100) } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'unchecked', askAgain: true })
    expect(judged.reason).toContain('a hit without an Age header')
  })

  it('reads the first of two Date headers that Node joined', () => {
    const judged = judgeAnswer(hit(`${at(-3600)}, ${at(20)}`, 3600), created)
    expect(judged).toMatchObject({ verdict: 'stale', fetchedAfterSeconds: -3600 })
  })

  it('a hit without a valid Date cannot be timed', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Hit from cloudfront', age: '5' } },
      created
    )
    expect(judged.verdict).toBe('unchecked')
  })

  it('judges a redirect of the origin as served, not followed', () => {
    const judged = judgeAnswer(
      {
        status: 301,
        headers: {
          'x-cache': 'Hit from cloudfront',
          date: at(-4000),
          age: '4000',
          location: 'https://elsewhere.example/'
        }
      },
      created
    )
    expect(judged).toMatchObject({ verdict: 'stale', redirect: true, status: 301 })
  })

  it('never uses the runner clock: the same answer is judged the same whenever it is judged', () => {
    const answer = hit(at(30), 10)
    expect(judgeAnswer(answer, created)).toEqual(judgeAnswer(answer, created))
  })
})

describe('judgeAnswer: by content, where the bucket is known', () => {
  const present = { kind: 'present' as const, etag: 'd41d8cd98f00b204e9800998ecf8427e' }

  it('the same ETag is live whatever the clocks say; the weak form of compression counts', () => {
    const judged = judgeAnswer(hit(at(-9000), 9000, { etag: `W/"${present.etag}"` }), created, present)
    expect(judged).toMatchObject({ verdict: 'live', rule: 'etag' })
    expect(judged.reason).toBe(`the edge serves the bytes the bucket holds (ETag ${present.etag})`)
    // A hit without Age, rewritten by a function: the content still says.
    expect(
      judgeAnswer(
        { status: 200, headers: { 'x-cache': 'Hit from cloudfront', etag: `"${present.etag}"` } },
        created,
        present
      ).verdict
    ).toBe('live')
  })

  it('another ETag is stale even when the Date looks new, naming both', () => {
    const judged = judgeAnswer(
      hit(at(60), 1, { etag: '"0cc175b9c0f1b6a831c399e269772661"' }),
      created,
      present
    )
    expect(judged).toMatchObject({
      verdict: 'stale',
      rule: 'etag',
      etags: { edge: '0cc175b9c0f1b6a831c399e269772661', bucket: present.etag }
    })
    expect(judged.reason).toContain('the edge serves other bytes than the bucket holds')
  })

  it('an ETag that is no plain digest is compared but never shown', () => {
    const judged = judgeAnswer(hit(at(60), 1, { etag: '"::error::x"' }), created, present)
    expect(judged.verdict).toBe('stale')
    expect(judged.etags).toBeUndefined()
    expect(judged.reason).not.toContain('::')
  })

  it('without an ETag in the answer, the Date judges', () => {
    expect(judgeAnswer(hit(at(-600), 600), created, present)).toMatchObject({
      verdict: 'stale',
      rule: 'date'
    })
  })

  it('a 404 for an object the bucket holds is not checkable: the site does not serve that key there', () => {
    const judged = judgeAnswer(
      { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(5) } },
      created,
      present
    )
    expect(judged.verdict).toBe('unchecked')
    expect(judged.reason).toContain('origin-path')
  })
})

describe('judgeAnswer: deleted files', () => {
  const deleted = { kind: 'deleted' as const, from: 'a delete: line of the sync output' }
  const s3Denied = {
    status: 403,
    headers: { 'x-cache': 'Error from cloudfront', server: 'AmazonS3', date: at(5) }
  }

  it("S3's 403 behind origin access control without s3:ListBucket is a deleted file's answer", () => {
    const judged = judgeAnswer(s3Denied, created, deleted)
    expect(judged).toMatchObject({ verdict: 'live', rule: 'deleted' })
    expect(judged.reason).toContain('(deleted: a delete: line of the sync output)')
  })

  it("S3's 403 for a file not known to be deleted is not checkable, saying how to tell", () => {
    const judged = judgeAnswer(s3Denied, created)
    expect(judged.verdict).toBe('unchecked')
    expect(judged.reason).toContain("give the step the sync's output")
    expect(judged.reason).not.toContain('WAF')
  })

  it('a 404 or 410 fresh from the origin is live; a 404 cached before the invalidation is stale', () => {
    for (const status of [404, 410]) {
      expect(
        judgeAnswer({ status, headers: { 'x-cache': 'Error from cloudfront', date: at(5) } }, created).verdict
      ).toBe('live')
    }
    const cached = judgeAnswer(
      { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(-600), age: '600' } },
      created
    )
    expect(cached.verdict).toBe('stale')
    // Known deleted: any 404 is the right answer.
    expect(
      judgeAnswer(
        { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(-600), age: '600' } },
        created,
        deleted
      ).verdict
    ).toBe('live')
  })

  it("the error page (200 with X-Cache Error) is a deleted file's answer, and no proof of a changed one", () => {
    const page = { status: 200, headers: { 'x-cache': 'Error from cloudfront', date: at(3), etag: '"abc"' } }
    expect(judgeAnswer(page, created, deleted)).toMatchObject({ verdict: 'live', rule: 'deleted' })
    const changed = judgeAnswer(page, created)
    expect(changed.verdict).toBe('unchecked')
    expect(changed.reason).toContain('error page')
    expect(changed.reason).toContain('origin-path')
  })

  it('a deleted file whose old copy is still served is stale', () => {
    expect(judgeAnswer(hit(at(-3600), 3600), created, deleted)).toMatchObject({
      verdict: 'stale',
      rule: 'date'
    })
  })
})

describe('judgeAnswer: answers CloudFront makes itself, refusals and failures', () => {
  it('Redirect, FunctionGeneratedResponse and LambdaGeneratedResponse say nothing of the file', () => {
    const redirect = judgeAnswer(
      {
        status: 301,
        headers: { 'x-cache': 'Redirect from cloudfront', date: at(100), location: 'https://x/' }
      },
      created
    )
    expect(redirect.verdict).toBe('unchecked')
    expect(redirect.reason).toContain('https://')
    for (const xCache of [
      'FunctionGeneratedResponse from cloudfront',
      'LambdaGeneratedResponse from cloudfront'
    ]) {
      const judged = judgeAnswer({ status: 200, headers: { 'x-cache': xCache, date: at(100) } }, created)
      expect(judged).toMatchObject({ verdict: 'unchecked', rule: 'answer' })
    }
  })

  it("401 and a 403 that is not S3's are not checkable, naming the likely causes", () => {
    for (const status of [401, 403]) {
      const judged = judgeAnswer(
        { status, headers: { 'x-cache': 'Error from cloudfront', date: at(1) } },
        created
      )
      expect(judged.verdict).toBe('unchecked')
      expect(judged.reason).toContain('WAF')
    }
  })

  it('5xx, 429 and other 4xx are not checkable', () => {
    expect(judgeAnswer({ status: 503, headers: { date: at(1) } }, created).reason).toBe(
      '503 Service Unavailable after retries'
    )
    expect(judgeAnswer({ status: 429, headers: { date: at(1) } }, created).verdict).toBe('unchecked')
    expect(judgeAnswer({ status: 400, headers: { date: at(1) } }, created).verdict).toBe('unchecked')
  })
})

describe('judgeAnswer: the browser lifetime', () => {
  const date = at(0)
  it('is kept with a live verdict, for the warning', () => {
    const judged = judgeAnswer(
      {
        status: 200,
        headers: { 'x-cache': 'Miss from cloudfront', date, 'cache-control': 'max-age=31536000' }
      },
      created
    )
    expect(judged.browser?.seconds).toBeGreaterThan(BROWSER_LIFETIME_LIMIT_SECONDS)
  })
})

describe('judgeAnswer on answers CloudFront really sent (__fixtures__/cloudfront-answers.ts)', () => {
  const judge = (name: string, createdAt: string, fact?: Parameters<typeof judgeAnswer>[2]) => {
    const { status, headers } = capturedAnswer(name)
    return judgeAnswer({ status, headers }, Date.parse(createdAt), fact)
  }

  it("a hit's Date is the fetch: an invalidation created 10 s before it is live, 10 s after it is stale", () => {
    // Date 16:27:12 with Age 24. Date minus Age (16:26:48) would call the first stale: Age counted twice.
    expect(judge('s3-hit-2013', '2013-08-07T16:27:02Z')).toMatchObject({ verdict: 'live', rule: 'date' })
    expect(judge('s3-hit-2013', '2013-08-07T16:27:22Z')).toMatchObject({ verdict: 'stale', rule: 'date' })
    // Requested at 03:57:01, Date 03:53:05, Age 237: the copy is 4 min old, from before an invalidation at 03:55.
    expect(judge('s3-redirect-object-hit-2021', '2021-02-22T03:53:00Z').verdict).toBe('live')
    expect(judge('s3-redirect-object-hit-2021', '2021-02-22T03:55:00Z').verdict).toBe('stale')
    expect(judge('s3-hit-2025', '2025-09-20T22:19:30Z').verdict).toBe('live')
  })

  it('by content, the same captured hit is live whatever the invalidation time, when the bucket holds its bytes', () => {
    const present = { kind: 'present' as const, etag: 'f4ce3e1962d7b8a0300fce7ffe05bd43' }
    expect(judge('s3-hit-2025', '2025-09-20T23:00:00Z', present)).toMatchObject({
      verdict: 'live',
      rule: 'etag'
    })
    expect(
      judge('s3-hit-2025', '2025-09-20T22:00:00Z', { kind: 'present', etag: '0'.repeat(32) }).verdict
    ).toBe('stale')
  })

  it('answers CloudFront made itself are not checkable, whatever their Date', () => {
    for (const name of [
      'redirect-to-https-2021',
      'redirect-to-https-2025',
      'function-generated-2021',
      'function-generated-2022',
      'function-generated-2023',
      'lambda-generated-2021',
      'lambda-generated-2022'
    ]) {
      expect(judge(name, '2020-01-01T00:00:00Z')).toMatchObject({ verdict: 'unchecked', rule: 'answer' })
    }
  })

  it("S3's 403 is a deleted file's answer when the step knows it was deleted, and not checkable otherwise", () => {
    const deleted = { kind: 'deleted' as const, from: 'a delete: line of the sync output' }
    expect(judge('s3-403-missing-key-2025', '2025-09-28T13:31:00Z', deleted).verdict).toBe('live')
    expect(judge('s3-403-missing-key-2025', '2025-09-28T13:31:00Z').verdict).toBe('unchecked')
    // A 403 CloudFront made itself (WAF, geographic restriction) is a refusal either way.
    const refused = judge('cloudfront-403-2021', '2021-02-24T00:14:00Z', deleted)
    expect(refused.verdict).toBe('unchecked')
    expect(refused.reason).toContain('WAF')
  })

  it("a cached 404 from before the invalidation is stale; a miss with an origin cache's Age is live", () => {
    expect(judge('s3-404-cached-error-page-2021', '2021-02-24T00:15:00Z').verdict).toBe('stale')
    expect(judge('s3-404-cached-error-page-2021', '2021-02-24T00:13:00Z').verdict).toBe('live')
    expect(judge('miss-with-origin-age-2021', '2021-08-07T01:32:00Z')).toMatchObject({
      verdict: 'live',
      rule: 'miss'
    })
  })

  it('refresh hits are live under both captured Date behaviours', () => {
    expect(judge('refresh-hit-2023', '2023-10-14T20:03:00Z')).toMatchObject({
      verdict: 'live',
      rule: 'refresh'
    })
    expect(judge('refresh-hit-fresh-date-2022', '2022-04-04T05:00:00Z').verdict).toBe('live')
  })

  it("every captured answer gets a verdict and a rule, and a reason without the site's text", () => {
    for (const { name, status, headers } of CAPTURED_ANSWERS) {
      const judged = judgeAnswer({ status, headers }, Date.parse('2021-01-01T00:00:00Z'))
      expect([name, ['live', 'stale', 'unchecked'].includes(judged.verdict)]).toEqual([name, true])
      expect(judged.reason).not.toContain('cloudfront.net')
    }
  })
})

describe('judgeAnswer: what a hostile sweep found', () => {
  const s3Refusal = {
    status: 403,
    headers: { 'x-cache': 'Error from cloudfront', server: 'AmazonS3', date: at(5) }
  }

  it('a URL the step added (a directory, the other + form) that the origin does not serve is no failure', () => {
    for (const derived of ['directory', 'plus'] as const) {
      const judged = judgeAnswer(s3Refusal, created, { kind: 'present', etag: 'e', derived })
      expect(judged).toMatchObject({ verdict: 'live', rule: 'answer' })
    }
    const notFound = { status: 404, headers: { 'x-cache': 'Error from cloudfront', date: at(5) } }
    expect(judgeAnswer(notFound, created, { kind: 'unknown', derived: 'directory' }).verdict).toBe('live')
    // Served, it is judged as any copy.
    const old = hit(at(-3600), 3600, { etag: '"old"' })
    expect(judgeAnswer(old, created, { kind: 'present', etag: 'new', derived: 'directory' }).verdict).toBe(
      'stale'
    )
  })

  it("a key S3 refuses both to the site and to HeadObject is a deleted file (S3's answer without s3:ListBucket)", () => {
    const judged = judgeAnswer(s3Refusal, created, { kind: 'denied' })
    expect(judged).toMatchObject({ verdict: 'live', rule: 'deleted' })
    expect(judged.reason).toContain('s3:ListBucket')
  })

  it('a deleted file the origin still serves fresh is not checkable: another bucket or origin path', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Miss from cloudfront', date: at(5) } },
      created,
      { kind: 'deleted', from: 'a delete: line of the sync output' }
    )
    expect(judged.verdict).toBe('unchecked')
    expect(judged.reason).toContain('still serves it')
  })

  it('a miss dated before the invalidation is stale: the origin is itself a cache that served an old copy', () => {
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'Miss from cloudfront', date: at(-7200), age: '7200' } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'stale', rule: 'date' })
    expect(judged.reason).toContain('a cache in front of the origin')
  })

  it("another cache's HIT or MISS is not CloudFront's: judged by Date", () => {
    expect(cacheResult('MISS')).toBe('other')
    expect(cacheResult('HIT, MISS')).toBe('other')
    const judged = judgeAnswer(
      { status: 200, headers: { 'x-cache': 'MISS', date: at(-7200), age: '7200' } },
      created
    )
    expect(judged).toMatchObject({ verdict: 'stale', rule: 'date' })
  })

  it('reads an asctime Date as GMT whatever the runner zone', () => {
    expect(httpDate('Sun Jun  1 12:00:10 2025')).toBe(Date.parse('2025-06-01T12:00:10Z'))
  })

  it("marks refusals that letting the runner through would fix, and not S3's", () => {
    expect(judgeAnswer({ status: 403, headers: { server: 'CloudFront' } }, created).refused).toBe(true)
    expect(judgeAnswer(s3Refusal, created).refused).toBeUndefined()
  })
})
