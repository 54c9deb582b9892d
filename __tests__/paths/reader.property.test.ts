/**
 * Random S3 keys, given as s3:// URIs and as `aws s3` output lines among progress and warnings, read the
 * way the action reads a paths-file and planned as it plans them. Seeded: a failure names its seed.
 */
import { describe, expect, it } from '@jest/globals'
import { invalidationForm, refusalOf } from '../../__fixtures__/cloudfront-rules.js'
import { prng } from '../../__fixtures__/random.js'
import { readSettings } from '../../src/inputs/inputs.js'
import { planPaths } from '../../src/paths/plan.js'

// Characters of S3 names users meet: spaces, non-ASCII, %, +, quotes, sub-delimiters, ~, *, and what a
// link must escape or a browser rewrites (? # \ and dot segments), and " to " that the CLI prints.
const COMMON = ['a', 'b', 'Z', '0', '7', '-', '_', '.', 'x.html', 'index.html', '/']
const RARE = [
  ' ',
  'ü',
  '日',
  '😀',
  '%',
  '%20',
  '%2e',
  '+',
  "'",
  '"',
  '!',
  '$',
  '&',
  '(',
  ')',
  ',',
  ';',
  '=',
  ':',
  '@',
  '?',
  '#',
  '[',
  ']',
  '|',
  '^',
  '{',
  '}',
  '<',
  '>',
  '`',
  '\\',
  ' to ',
  '..',
  '.',
  '~',
  '*'
]

function randomKey(random: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string
  let key = ''
  const tokens = 1 + Math.floor(random() * 12)
  for (let i = 0; i < tokens; i++) key += random() < 0.75 ? pick(COMMON) : pick(RARE)
  // The CLI pads its lines with spaces, so a key's own trailing spaces cannot be told from them.
  key = key.replace(/\s+$/, '')
  return key === '' ? 'k' : key
}

const NOISE = [
  'Completed 1.2 MiB/3.4 MiB (1.1 MiB/s) with 3 file(s) remaining',
  'warning: Skipping file /build/x. File does not exist.',
  '(dryrun) upload: build/skipped.html to s3://my-bucket/site/skipped.html',
  'download: s3://my-bucket/site/other.html to build/other.html',
  'upload failed: build/a.html to s3://my-bucket/site/a.html An error occurred (AccessDenied)'
]

/**
 * The path a browser requests for a link to the key that escapes only %, ?, # and \ (else read as /),
 * and + too for a site behind an S3 REST origin, which reads a raw + as a space.
 */
function browserRequest(key: string, restOrigin = false): string {
  const link = key.replace(restOrigin ? /[%?#\\+]/g : /[%?#\\]/g, ch => encodeURIComponent(ch))
  const url = new URL(`https://www.example.com/${link}`)
  return url.pathname + url.search
}

const firstRefused = (path: string) => path.search(/[~*]/)

describe('random S3 keys, as s3:// URIs and as aws s3 output', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`sends what CloudFront accepts and covers what browsers request (seed ${seed})`, () => {
      const random = prng(seed)
      const originPath = seed % 3 === 0 ? '/site' : ''
      const prefix = originPath ? 'site/' : ''
      const keys = Array.from({ length: 5 + Math.floor(random() * 40) }, () => randomKey(random))
      const lines: string[] = []
      let cliLines = 0
      let noise = 0
      for (const key of keys) {
        const form = Math.floor(random() * 5)
        if (form === 0) lines.push(`s3://my-bucket/${prefix}${key}`)
        else cliLines++
        if (form === 1) lines.push(`upload: build/${key} to s3://my-bucket/${prefix}${key}`)
        if (form === 2) lines.push(`copy: s3://staging/${key} to s3://my-bucket/${prefix}${key}`)
        if (form === 3) lines.push(`move: ./${key} to s3://my-bucket/${prefix}${key}      `)
        if (form === 4) lines.push(`delete: s3://my-bucket/${prefix}${key}`)
        if (random() < 0.3) {
          lines.push(NOISE[Math.floor(random() * NOISE.length)] as string)
          noise++
        }
      }
      const file = Buffer.from(lines.join(random() < 0.5 ? '\n' : '\r\n'), 'utf8')
      const inputs: Record<string, string> = {
        'distribution-id': 'E2QWRUHAPOMQZL',
        'paths-file': 'sync.txt',
        'origin-path': originPath,
        'index-document': 'index.html'
      }
      const settings = readSettings(
        name => inputs[name] ?? '',
        () => file,
        {}
      )
      const plan = planPaths(settings.paths, { maxPaths: 3000 }, settings.pathNotes)
      const sent = plan.paths
      const context = `seed ${seed}; keys ${JSON.stringify(keys)}; sent ${JSON.stringify(sent)}`

      expect({ context, refused: sent.filter(item => refusalOf(item) !== undefined) }).toEqual({
        context,
        refused: []
      })
      expect(settings.pathNotes.cliKeys).toBe(cliLines)
      expect(settings.pathNotes.cliIgnored).toBe(noise)

      const expected = keys.flatMap(key => [
        ...new Set([invalidationForm(browserRequest(key)), invalidationForm(browserRequest(key, true))])
      ])
      // index-document: the directory of each index.html is requested too.
      const withIndex = expected.flatMap(path =>
        path.endsWith('/index.html') ? [path, path.slice(0, -'index.html'.length)] : [path]
      )
      const wildcards = sent.filter(item => item.endsWith('*'))
      const uncovered = withIndex.filter(
        path => !sent.includes(path) && !wildcards.some(wildcard => path.startsWith(wildcard.slice(0, -1)))
      )
      expect({ context, uncovered }).toEqual({ context, uncovered: [] })

      // A wildcard only where needed: the path up to a refused character, or a compaction of many.
      const needed = new Set(
        withIndex.flatMap(path =>
          firstRefused(path) === -1 ? [] : [`${path.slice(0, firstRefused(path))}*`]
        )
      )
      const compacted = new Set(plan.compacted.map(wildcard => wildcard.path))
      expect({ context, unneeded: wildcards.filter(w => !needed.has(w) && !compacted.has(w)) }).toEqual({
        context,
        unneeded: []
      })
      // No /* unless a path starts with a refused character, or nothing narrower fitted.
      if (sent.includes('/*')) expect(needed.has('/*') || plan.everything).toBe(true)
      // Every path sent is one a browser requests for a listed key (or its index directory), or covers one.
      for (const item of sent) {
        const covers = item.endsWith('*')
          ? withIndex.some(path => path.startsWith(item.slice(0, -1)))
          : withIndex.includes(item)
        expect({ context, item, covers }).toEqual({ context, item, covers: true })
      }
    })
  }
})
