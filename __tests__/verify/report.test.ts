/** What the log, the annotations and the summary say of a verification: pure, no mocks. */
import { describe, expect, it } from '@jest/globals'
import {
  ANNOTATIONS_LIMIT,
  SUMMARY_ROWS_LIMIT,
  countVerdicts,
  detailLine,
  lifetimeWarnings,
  renderVerification,
  selectionLine,
  selectionNotes,
  staleErrors,
  uncheckedErrors,
  verdictLines,
  type TargetVerification
} from '../../src/verify/report.js'
import type { VerifiedUrl } from '../../src/verify/site.js'
import type { UrlSelection } from '../../src/verify/urls.js'

const A = 'E1AAAAAAAAAAAA'
const site = { origin: 'https://www.example.com', hostname: 'www.example.com' }

function url(path: string, judged: Partial<VerifiedUrl> = {}): VerifiedUrl {
  return {
    path,
    url: `${site.origin}${path}`,
    attempts: 1,
    verdict: 'live',
    rule: 'miss',
    status: 200,
    xCache: 'Miss from cloudfront',
    reason: 'fetched from the origin for this request (a miss)',
    ...judged
  }
}

const stale = (path: string, judged: Partial<VerifiedUrl> = {}) =>
  url(path, {
    verdict: 'stale',
    xCache: 'Hit from cloudfront',
    ageSeconds: 7260,
    fetchedAfterSeconds: -7200,
    reason: 'cached 2 h before the invalidation was created',
    ...judged
  })
const unchecked = (path: string) =>
  url(path, { verdict: 'unchecked', status: 403, reason: '403 Forbidden: the site refused the request' })
const longLived = (path: string) => url(path, { browser: { seconds: 86400, from: 'max-age=86400' } })

/** The URL without the fields named, as an answer that did not say them leaves it. */
function without(judged: VerifiedUrl, ...keys: ('status' | 'xCache' | 'ageSeconds')[]): VerifiedUrl {
  const copy = { ...judged }
  for (const key of keys) delete copy[key]
  return copy
}

function selection(paths: string[], more: Partial<UrlSelection> = {}): UrlSelection {
  return { paths, candidates: paths.length, tags: 0, uncheckedWildcards: [], notCovered: 0, ...more }
}

function verification(urls: VerifiedUrl[], more: Partial<TargetVerification> = {}): TargetVerification {
  return {
    targetId: A,
    invalidationId: 'I1',
    site,
    selection: selection(urls.map(({ path }) => path)),
    urls,
    createTime: '2026-12-04T20:00:00.000Z',
    ...more
  }
}

const paths = (count: number, prefix = '/p') => Array.from({ length: count }, (_, i) => `${prefix}${i}.html`)

describe('selectionLine', () => {
  it('says how many URLs are checked, and of how many when sampled', () => {
    expect(selectionLine(verification([url('/a.html')]))).toBe(
      `Verifying 1 changed URL of ${A} at https://www.example.com, against invalidation I1.`
    )
    expect(selectionLine(verification([], { selection: selection(paths(100), { candidates: 1500 }) }))).toBe(
      `Verifying 100 of 1,500 changed URLs (a sample spread over the list) of ${A} at https://www.example.com, against invalidation I1.`
    )
  })
})

describe('selectionNotes', () => {
  it('says nothing when nothing was left out', () => {
    expect(selectionNotes(selection(['/a']))).toEqual([])
  })

  it('names the tags, the wildcards (five, then a count) and the paths not covered', () => {
    const wildcards = ['/a/*', '/b/*', '/c/*', '/d/*', '/e/*', '/f/*', '/g/*']
    expect(selectionNotes(selection([], { tags: 2, uncheckedWildcards: wildcards, notCovered: 3 }))).toEqual([
      '2 cache tags not verified: a tag names no URL to request.',
      "7 wildcards not verified (/a/*, /b/*, /c/*, /d/*, /e/* and 2 more): no file under them were listed. List the changed files (paths-file, or the changes action's output) to have them checked.",
      '3 listed paths not verified: the invalidation does not cover them.'
    ])
  })

  it('speaks of one wildcard and one path in the singular', () => {
    expect(selectionNotes(selection([], { tags: 1, uncheckedWildcards: ['/img/*'], notCovered: 1 }))).toEqual(
      [
        '1 cache tag not verified: a tag names no URL to request.',
        "1 wildcard not verified (/img/*): no file under it was listed. List the changed files (paths-file, or the changes action's output) to have them checked.",
        '1 listed path not verified: the invalidation does not cover it.'
      ]
    )
  })
})

describe('verdictLines', () => {
  it('gives one line per verdict class, listing five paths and counting the rest', () => {
    const live = paths(7, '/live')
    const lines = verdictLines(
      verification([
        ...live.map(path => url(path)),
        stale('/old.html'),
        unchecked('/denied.html'),
        longLived('/cached.css')
      ])
    )
    expect(lines).toEqual([
      `${A}: live: 8 URLs served fresh from the origin since the invalidation (/live0.html, /live1.html, /live2.html, /live3.html, /live4.html, … and 3 more).`,
      `${A}: stale: 1 URL served from a copy cached before the invalidation (/old.html).`,
      `${A}: not checkable: 1 URL (/denied.html).`,
      `${A}: browser lifetime over 1 h: 1 URL (/cached.css).`
    ])
  })

  it('gives no line for a class that has no URL', () => {
    expect(verdictLines(verification([stale('/old.html')]))).toEqual([
      `${A}: stale: 1 URL served from a copy cached before the invalidation (/old.html).`
    ])
  })
})

describe('detailLine', () => {
  it('shows what the edge answered, with the reason', () => {
    expect(
      detailLine(
        url('/a.html', {
          ageSeconds: 30,
          browser: { seconds: 600, from: 'max-age=600' },
          redirect: true,
          attempts: 2,
          status: 301
        })
      )
    ).toBe(
      '  live      https://www.example.com/a.html  301; X-Cache Miss from cloudfront; Age 30; browsers keep it 10 min (max-age=600); a redirect, judged as served; 2 attempts; judged as a miss: fetched from the origin for this request (a miss)'
    )
  })

  it('says when there was no answer at all', () => {
    const refused = {
      ...url('/a.html'),
      verdict: 'unchecked' as const,
      rule: 'answer' as const,
      reason: 'the connection was refused'
    }
    expect(detailLine(without(refused, 'status', 'xCache'))).toBe(
      '  unchecked https://www.example.com/a.html  no answer; X-Cache none; judged by the answer: the connection was refused'
    )
  })
})

describe('staleErrors', () => {
  it("names the URL, the edge's X-Cache in the action's words, and how long before it was cached", () => {
    const [error] = staleErrors(verification([stale('/old.html')]))
    expect(error).toMatch(
      /^verify: https:\/\/www\.example\.com\/old\.html is stale: the edge \(X-Cache Hit, Age 7260\) served a copy fetched from the origin 2 h before invalidation I1 was created, after CloudFront reported it Completed\. /
    )
  })

  it('never repeats the X-Cache the site sent: an unknown or missing one is named in the action’s words', () => {
    const errors = staleErrors(
      verification([
        stale('/a', { xCache: '::error::injected' }),
        stale('/b', { xCache: 'Error from cloudfront' }),
        stale('/c', { xCache: 'RefreshHit from cloudfront' }),
        stale('/d', { xCache: 'Miss from cloudfront' }),
        without(stale('/e'), 'xCache', 'ageSeconds')
      ])
    )
    expect(errors.map(error => /\(X-Cache ([^)]*)\)/.exec(error)?.[1])).toEqual([
      'other, Age 7260',
      'Error, Age 7260',
      'RefreshHit, Age 7260',
      'Miss, Age 7260',
      'none'
    ])
    expect(errors.join('\n')).not.toContain('injected')
  })

  it(`annotates at most ${ANNOTATIONS_LIMIT} URLs and counts the rest`, () => {
    const errors = staleErrors(verification(paths(ANNOTATIONS_LIMIT + 3).map(path => stale(path))))
    expect(errors).toHaveLength(ANNOTATIONS_LIMIT + 1)
    expect(errors.at(-1)).toBe(
      `verify: 3 more stale URLs of ${A}; the log's "Verified" group lists every one.`
    )
  })
})

describe('uncheckedErrors', () => {
  it(`gives the reason of each, at most ${ANNOTATIONS_LIMIT}, and counts the rest`, () => {
    expect(uncheckedErrors(verification([unchecked('/x'), url('/y')]))).toEqual([
      'verify: https://www.example.com/x could not be checked: 403 Forbidden: the site refused the request.'
    ])
    const errors = uncheckedErrors(verification(paths(ANNOTATIONS_LIMIT + 1).map(unchecked)))
    expect(errors).toHaveLength(ANNOTATIONS_LIMIT + 1)
    expect(errors.at(-1)).toBe(
      `verify: 1 more URL of ${A} could not be checked; the log's "Verified" group lists every one.`
    )
  })
})

describe('lifetimeWarnings', () => {
  it('warns of a browser lifetime over an hour, not of one up to it', () => {
    const hour = url('/hour.html', { browser: { seconds: 3600, from: 'max-age=3600' } })
    expect(lifetimeWarnings(verification([hour, longLived('/day.html')]))).toEqual([
      expect.stringMatching(
        /^verify: https:\/\/www\.example\.com\/day\.html lets browsers keep it for 1 d \(max-age=86400\), over 1 h: /
      )
    ])
  })

  it(`warns of at most ${ANNOTATIONS_LIMIT} URLs and counts the rest`, () => {
    const warnings = lifetimeWarnings(verification(paths(ANNOTATIONS_LIMIT + 2).map(longLived)))
    expect(warnings).toHaveLength(ANNOTATIONS_LIMIT + 1)
    expect(warnings.at(-1)).toBe(`verify: 2 more URLs of ${A} let browsers keep them over 1 h.`)
  })
})

describe('countVerdicts', () => {
  it('counts each verdict, and the long-lived URLs among them', () => {
    expect(
      countVerdicts([url('/a'), longLived('/b'), stale('/c'), unchecked('/d'), unchecked('/e')])
    ).toEqual({ live: 2, stale: 1, unchecked: 2, longLived: 1 })
  })
})

describe('renderVerification', () => {
  it('is empty when nothing was verified', () => {
    expect(renderVerification([])).toBe('')
  })

  it('gives a table per target with the counts, and the legend', () => {
    const markdown = renderVerification([
      verification([
        url('/index.html', { ageSeconds: 12 }),
        stale('/old.html'),
        unchecked('/denied.html'),
        longLived('/app.css')
      ])
    ])
    expect(markdown.startsWith('\n### Verified as a visitor gets it\n\n')).toBe(true)
    expect(markdown).toContain(
      `\`${A}\` at \`https://www.example.com\`, invalidation \`I1\` created \`2026-12-04T20:00:00.000Z\`: 4 URLs checked: 2 live, 1 stale, 1 not checkable; 1 with a browser lifetime over 1 h.`
    )
    expect(markdown).toContain(
      [
        '| URL | Verdict | Status | X-Cache | Age of the copy | Browser lifetime |',
        '| --- | --- | ---: | --- | ---: | ---: |',
        '| `/index.html` | ✅ live | 200 | `Miss from cloudfront` | 12 s | 0 s |',
        '| `/old.html` | ❌ stale | 200 | `Hit from cloudfront` | 2 h 1 min | 0 s |',
        '| `/denied.html` | ⚠️ not checkable | 403 | `Miss from cloudfront` | — | 0 s |',
        '| `/app.css` | ✅ live | 200 | `Miss from cloudfront` | — | ⚠️ 1 d |'
      ].join('\n')
    )
    expect(
      markdown.endsWith(
        'Browser lifetime: what max-age or Expires, less Age, lets a browser reuse without asking.\n'
      )
    ).toBe(true)
    expect(markdown).toContain("at most 5 s before the invalidation's CreateTime")
  })

  it('escapes what the site sent: an X-Cache cannot end its cell or break out of its code span', () => {
    const markdown = renderVerification([verification([url('/a', { xCache: 'Hit | `x` <script>' })])])
    expect(markdown).toContain('| `/a` | ✅ live | 200 | ``Hit \\| `x` <script>`` | — | 0 s |')
  })

  it('shows a missing status or X-Cache as a dash', () => {
    const gone = without(unchecked('/gone'), 'status', 'xCache')
    expect(renderVerification([verification([gone])])).toContain(
      '| `/gone` | ⚠️ not checkable | — | — | — | 0 s |'
    )
  })

  it(`shows at most ${SUMMARY_ROWS_LIMIT} rows and says how many more are in the log`, () => {
    const many = paths(SUMMARY_ROWS_LIMIT + 7).map(path => url(path))
    const markdown = renderVerification([
      verification(many, {
        selection: selection(
          many.map(({ path }) => path),
          { candidates: 2000 }
        )
      })
    ])
    expect(markdown.match(/^\| `\/p\d+\.html` \|/gm)).toHaveLength(SUMMARY_ROWS_LIMIT)
    expect(markdown).toContain('\n\n… and 7 more in the log.')
    expect(markdown).toContain(
      ': 107 URLs checked (a spread sample of 2,000): 107 live, 0 stale, 0 not checkable.'
    )
  })

  it('lists the notes escaped, and gives no table for a target with no URL', () => {
    const markdown = renderVerification([
      verification([], { selection: selection([], { uncheckedWildcards: ['/[a]_*'] }) })
    ])
    expect(markdown).toContain('- 1 wildcard not verified \\(/\\[a\\]\\_\\*\\): no file under it was listed.')
    expect(markdown).not.toContain('| URL |')
    expect(markdown).toContain(': 0 URLs checked: 0 live, 0 stale, 0 not checkable.')
  })
})
