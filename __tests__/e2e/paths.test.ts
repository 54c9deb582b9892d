/**
 * Paths at scale, end to end: the bundled action plans a long paths-file, compacts it within
 * CloudFront's limits, and sends it to every distribution (moto_server behind the FaultFront).
 */
import { describe, expect, it } from '@jest/globals'
import { useEmulator } from './emulator.js'
import { createDistribution, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
const awsEnv = emulator.awsEnv

/** 12,000 files a sync of a built site touched: hashed assets in a few directories, and pages. */
const files = [
  '/index.html',
  ...Array.from({ length: 5000 }, (_, i) => `/static/js/chunk-${i}.${(i * 2654435761).toString(36)}.js`),
  ...Array.from({ length: 3000 }, (_, i) => `/static/css/${i}.${(i * 40503).toString(36)}.css`),
  ...Array.from({ length: 3900 }, (_, i) => `/static/media/photo ${i}.jpg`),
  ...Array.from({ length: 99 }, (_, i) => `/docs/page-${i}.html`)
]
const paths = (path: string) => path.replace(/ /g, '%20')

/** True when a sent path invalidates `path`: the same, or a wildcard whose prefix starts it. */
const covers = (sent: readonly string[], path: string) =>
  sent.some(item => item === path || (item.endsWith('*') && path.startsWith(item.slice(0, -1))))

describe('a paths-file of more than 10,000 files', () => {
  it('is sent as one invalidation within the limits that covers every file, without /*', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'changed.txt',
        // The compaction figures below count the listed files only, without index directories.
        'index-document': '',
        // CloudFront's most: the 99 pages fit as they are.
        'max-paths': '3000'
      },
      files: { 'changed.txt': files.join('\n') + '\n' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(created).toHaveLength(1)
    const sent = created[0]?.paths ?? []
    expect(sent.length).toBeLessThanOrEqual(3000)
    expect(sent.filter(path => path.endsWith('*')).length).toBeLessThanOrEqual(15)
    expect(sent).not.toContain('/*')
    expect(files.map(paths).filter(path => !covers(sent, path))).toEqual([])
    // The deepest directories that hold the assets, and the pages as they are.
    expect([...sent].sort()).toEqual(
      ['/static/js/*', '/static/css/*', '/static/media/*', '/index.html', ...files.slice(-99)].sort()
    )

    expect(run.stdout).toContain(
      '::group::Paths: Requested 12,000 paths; sent 103 (3 wildcards); 11,900 compacted into 3 wildcards; billed paths: 103; unchanged objects the wildcards clear: unknown without inventory-file.'
    )
    expect(run.stdout).toContain('/static/js/*  stands for 5,000 requested paths')
    expect(run.stdout).not.toContain('::warning::')
    expect(run.summary).toContain('| 103 |')
    expect(run.summary).toContain('Billed paths of this step: **103**, USD 0.515 at USD 0.005 a path')
  })

  it('honours a lower max-paths', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'changed.txt',
        // The compaction figures below count the listed files only, without index directories.
        'index-document': '',
        'max-paths': '50'
      },
      files: { 'changed.txt': files.join('\n') },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect([...(invalidation?.paths ?? [])].sort()).toEqual(
      ['/static/js/*', '/static/css/*', '/static/media/*', '/index.html', '/docs/*'].sort()
    )
  })

  it('falls back to /* with a warning when nothing narrower fits max-paths', async () => {
    const pages = Array.from({ length: 40 }, (_, i) => `/page-${i}.html`)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: pages.join('\n'), 'max-paths': '20' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(invalidation?.paths).toEqual(['/*'])
    expect(run.stdout).toMatch(
      /^::warning::max-paths: the 40 requested paths could not be covered .* so \/\* is invalidated/m
    )
  })
})

describe('the default max-paths of 100', () => {
  it('sends a small deploy path by path, and a rebuild of 12,000 files as wildcards', async () => {
    const small = ['/blog/2026/launch/index.html', '/index.html', '/feed.xml']
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: small.join('\n') },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const rebuild = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'changed.txt' },
      files: { 'changed.txt': files.join('\n') },
      env: awsEnv()
    })
    expect(rebuild.code).toBe(0)
    const [first, second] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    // index-document adds the directories of the two index.html files.
    expect(first?.paths).toEqual([
      '/blog/2026/launch/index.html',
      '/blog/2026/launch/',
      '/index.html',
      '/',
      '/feed.xml'
    ])
    expect(run.stdout).toContain('Billed paths of this step: 5, USD 0.025')
    expect([...(second?.paths ?? [])].sort()).toEqual(
      ['/static/js/*', '/static/css/*', '/static/media/*', '/index.html', '/', '/docs/*'].sort()
    )
    expect(rebuild.summary).toContain('Billed paths of this step: **6**, USD 0.03')
  })
})

describe('several distributions', () => {
  it('sends the same compacted plan to each, once, and bills both', async () => {
    const second = await createDistribution(emulator.moto.url, 'apex')
    const run = await runAction({
      inputs: {
        'distribution-id': `${emulator.distributionId}\n${second}`,
        'paths-file': 'changed.txt',
        // The compaction figures below count the listed files only, without index directories.
        'index-document': '',
        'max-paths': '3000',
        paths: '#product:tv'
      },
      files: { 'changed.txt': files.join('\n') },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const first = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    const other = await invalidationsOf(emulator.moto.url, second)
    expect(first).toHaveLength(1)
    expect(other).toHaveLength(1)
    expect(first[0]?.paths[0]).toBe('#product:tv')
    expect(new Set(other[0]?.paths)).toEqual(new Set(first[0]?.paths))
    expect(first[0]?.callerReference).not.toBe(other[0]?.callerReference)
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toEqual([first[0]?.id, other[0]?.id])
    expect(run.stdout).toContain(
      'Billed paths of this step: 208 (2 invalidations of 2 distributions), USD 1.04 at USD 0.005 a path once the account has used its 1,000 free paths this month (the action cannot see how many it has used).'
    )
    expect(run.summary).toContain('Billed paths of this step: **208**, USD 1.04')
  })
})

describe('dry run', () => {
  it('creates nothing and prints the compacted plan', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'changed.txt',
        // The compaction figures below count the listed files only, without index directories.
        'index-document': '',
        'max-paths': '3000',
        'dry-run': 'true'
      },
      files: { 'changed.txt': files.join('\n') },
      env: awsEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined })
    })
    expect(run.code).toBe(0)
    expect(emulator.front.requests).toHaveLength(0)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(0)
    expect(run.stdout).toContain(
      `Dry run: would invalidate 103 paths of distribution ${emulator.distributionId}`
    )
    expect(run.stdout).toContain('Requested 12,000 paths; sent 103 (3 wildcards)')
    for (const path of ['/static/js/*', '/static/css/*', '/static/media/*', '/docs/page-98.html']) {
      expect(run.stdout).toContain(`\n${path}\n`)
    }
    expect(run.stdout).not.toContain('/static/js/chunk-1.')
    expect(run.summary).toContain('Billed paths this step would send: **103**, USD 0.515')
  })
})

describe('inventory-file', () => {
  const changed = [
    ...Array.from({ length: 3 }, (_, i) => `s3://site/prod/assets/a/${i}.js`),
    ...Array.from({ length: 10 }, (_, i) => `s3://site/prod/assets/b/${i}.js`),
    // Deleted by the deploy: not in the inventory.
    's3://site/prod/gone.html'
  ]
  const held = [
    ...Array.from({ length: 40 }, (_, i) => `s3://site/prod/assets/a/${i}.js`),
    ...Array.from({ length: 10 }, (_, i) => `s3://site/prod/assets/b/${i}.js`),
    's3://site/prod/a b/ü~x.html'
  ]
  /** As Windows PowerShell 5.1's Out-File writes it: UTF-16 LE with a byte order mark, CRLF line ends. */
  const windows = (lines: string[]) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')])

  it.each([
    ['1', ['/*'], 38],
    ['5', ['/assets/a/0.js', '/assets/a/1.js', '/assets/a/2.js', '/assets/b/*', '/gone.html'], 0],
    // Within max-paths, the list goes as it is: no wildcard where none is needed.
    [
      '3000',
      [
        ...Array.from({ length: 3 }, (_, i) => `/assets/a/${i}.js`),
        ...Array.from({ length: 10 }, (_, i) => `/assets/b/${i}.js`),
        '/gone.html'
      ],
      0
    ]
  ])(
    'at max-paths %s, reads a Windows-saved inventory through origin-path and clears the fewest',
    async (maxPaths, sent, cleared) => {
      const run = await runAction({
        inputs: {
          'distribution-id': emulator.distributionId,
          'paths-file': 'changed.txt',
          'inventory-file': 'inventory.txt',
          'origin-path': '/prod',
          'max-paths': maxPaths
        },
        files: { 'changed.txt': windows(changed), 'inventory.txt': windows(held) },
        env: awsEnv()
      })
      expect(run.code).toBe(0)
      const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
      expect(invalidation?.paths).toEqual(sent)
      expect(run.stdout).toContain(`the wildcards clear ${cleared} unchanged object`)
      expect(run.stdout).toContain('1 changed object not in inventory-file: deleted by the deploy')
      if (maxPaths === '1') {
        expect(run.stdout).toMatch(
          /^::warning::max-paths: \/\* is invalidated, every cached object of the distribution \(38 unchanged objects by the inventory\): no plan within 1 path and 15 wildcards clears fewer\./m
        )
      } else {
        expect(run.stdout).not.toContain('::warning::')
      }
    }
  )

  it('matches keys holding \\ in the inventory, apart from the folder of the same name', async () => {
    // The changed js/old\N.js are files of /js/, not of /js/old/: /js/* covers them, and the inventory
    // holds each (none missing). Read as js/old/N.js, /js/old/* would be sent instead.
    const keys = Array.from({ length: 10 }, (_, i) => `s3://site/prod/js/old\\${i}.js`)
    const held = [
      ...keys,
      's3://site/prod/js/old/a.js',
      's3://site/prod/js/old/b.js',
      's3://site/prod/index.html'
    ]
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'changed.txt',
        'inventory-file': 'inventory.txt',
        'origin-path': '/prod',
        'max-paths': '1'
      },
      files: { 'changed.txt': keys.join('\n'), 'inventory.txt': held.join('\n') },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(invalidation?.paths).toEqual(['/js/*'])
    expect(run.stdout).toContain('the wildcards clear 2 unchanged objects')
    expect(run.stdout).not.toContain('not in inventory-file')
    expect(run.stdout).not.toContain('::warning::')
  })

  it('is not used when empty, with a warning, and names itself when it cannot be read', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'changed.txt',
        'inventory-file': 'inventory.txt',
        'origin-path': '/prod',
        'max-paths': '5'
      },
      files: { 'changed.txt': changed.join('\n'), 'inventory.txt': '' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^::warning::inventory-file: inventory\.txt lists no objects, so it was not used/m
    )
    expect(run.stdout).toContain('unchanged objects the wildcards clear: unknown without inventory-file')
    const missing = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/a', 'inventory-file': 'nope.txt' },
      env: awsEnv()
    })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(/^::error::inventory-file: nope\.txt does not exist/m)
    // Nothing half-done: only the first step created an invalidation.
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
  })
})
