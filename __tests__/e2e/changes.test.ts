/**
 * The changes action's bundle (changes/dist/index.js), run as the runner runs it, against moto_server's S3.
 * Objects are uploaded with the AWS CLI, so multipart ETags are the real ones of `aws s3 sync`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { CHANGES_DIST, CHANGES_INPUTS, inputEnv, node24, runnerEnv } from '../../scripts/lib/local-aws.js'
import {
  createDistribution,
  invalidationsOf,
  parseOutputs,
  runAction,
  startMoto,
  startOidcServer,
  type ActionRun,
  type Moto,
  type OidcServer
} from './harness.js'

const MiB = 1024 * 1024
// The AWS CLI (Python) uploads each site: on a loaded machine a test of several uploads can take over the
// minute the other e2e tests get.
jest.setTimeout(180_000)
const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDENVIRONMENT1', AWS_SECRET_ACCESS_KEY: 'environment-secret-key' }

let moto: Moto
let oidc: OidcServer
const dir = mkdtempSync(join(tmpdir(), 'changes-e2e-'))
beforeAll(async () => {
  moto = await startMoto()
  oidc = await startOidcServer()
}, 60_000)
afterAll(async () => {
  await oidc?.stop()
  await moto?.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  await moto.reset()
})

/** The AWS CLI against moto, as a deploy step runs it. */
function aws(...args: string[]): string {
  return execFileSync('aws', ['--endpoint-url', moto.url, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      ...CREDENTIALS
    }
  })
}

/** Writes a site: every file new, so every mtime is fresh, as a CI build writes them. */
function site(name: string, files: Record<string, string | Buffer>): string {
  const root = join(dir, name)
  rmSync(root, { recursive: true, force: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

function big(): Buffer {
  const data = Buffer.alloc(20 * MiB)
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) % 251
  return data
}

const env = (extra: Record<string, string> = {}) => ({
  AWS_ENDPOINT_URL_S3: moto.url,
  ...CREDENTIALS,
  ...extra
})

function changes(inputs: Record<string, string>, extra: Record<string, string> = {}) {
  return runAction({ action: 'changes', inputs, env: env(extra) })
}

describe('the changes action', () => {
  it('lists exactly the objects a fresh build really changes: a same-size edit, a new file, a deleted file', async () => {
    aws('s3', 'mb', 's3://site')
    const v1 = site('v1', {
      'index.html': '<h1>Home</h1>\n',
      'about.html': 'about: version A\n',
      'old.html': 'to be removed\n',
      'assets/app.js': 'console.log(1)\n',
      'media/big.bin': big()
    })
    aws('s3', 'sync', v1, 's3://site/www')
    // The 20 MiB object is a real multipart upload of the AWS CLI: 3 parts of 8 MiB.
    const listed = JSON.parse(
      aws('s3api', 'head-object', '--bucket', 'site', '--key', 'www/media/big.bin')
    ) as {
      ETag: string
    }
    expect(listed.ETag).toMatch(/^"[0-9a-f]{32}-3"$/)

    // The next build writes every file anew: same content but for about.html (same size) and new.html.
    const v2 = site('v2', {
      'index.html': '<h1>Home</h1>\n',
      'about.html': 'about: version B\n',
      'new.html': 'brand new\n',
      'assets/app.js': 'console.log(1)\n',
      'media/big.bin': big()
    })
    // What the problem is: aws s3 sync goes by size and time, and would upload all four files that exist.
    const dryRun = aws('s3', 'sync', '--dryrun', '--delete', v2, 's3://site/www')
    expect(dryRun.match(/^\(dryrun\) upload:/gm)).toHaveLength(5)

    const run = await changes({ source: v2, destination: 's3://site/www' })
    expect(run.code).toBe(0)
    const pathsFile = run.outputs['paths-file'] ?? ''
    expect(pathsFile.startsWith(join(run.workspace, '..', 'tmp'))).toBe(true)
    expect(readFileSync(pathsFile, 'utf8')).toBe(
      's3://site/www/about.html\ns3://site/www/new.html\ns3://site/www/old.html\n'
    )
    expect(run.outputs).toMatchObject({ changed: '1', added: '1', deleted: '1', unchanged: '3' })
    expect(run.summary).toBe(
      [
        '## Changes to <code>s3://site/www/</code>',
        '',
        '| Changed | Added | Deleted | Unchanged | In the paths-file |',
        '| ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 1 | 1 | 3 | 3 |',
        ''
      ].join('\n')
    )
    expect(run.stdout).toContain('changed www/about.html  (content differs (MD5 is not the ETag)')
    expect(run.stdout).toContain('unchanged: 1 (multipart ETag equals (3 parts of 8 MiB))')
    expect(run.stdout).toContain('unchanged: 2 (MD5 equals the ETag)')
    expect(run.errors).toEqual([])

    // Chained: the invalidate action takes that paths-file, drops the origin path, and clears exactly those.
    const distributionId = await createDistribution(moto.url)
    const invalidate = await runAction({
      inputs: { 'distribution-id': distributionId, 'paths-file': 'changed.txt', 'origin-path': '/www' },
      files: { 'changed.txt': readFileSync(pathsFile) },
      env: { AWS_ENDPOINT_URL_CLOUDFRONT: moto.url, ...CREDENTIALS }
    })
    expect(invalidate.code).toBe(0)
    const [invalidation, ...more] = await invalidationsOf(moto.url, distributionId)
    expect(more).toEqual([])
    expect(invalidation?.paths).toEqual(['/about.html', '/new.html', '/old.html'])
  })

  it('chains with the invalidate action through inventory-file, which clears fewer unchanged objects at the same max-paths', async () => {
    aws('s3', 'mb', 's3://site')
    const files = (version: string, changed: (folder: string, i: number) => boolean) =>
      Object.fromEntries(
        (
          [
            ['a', 40],
            ['b', 10],
            ['c', 2]
          ] as const
        ).flatMap(([folder, count]) =>
          Array.from({ length: count }, (_, i) => [
            `assets/${folder}/${i}.js`,
            `${folder}${i} ${changed(folder, i) ? version : 'v1'}\n`
          ])
        )
      )
    aws(
      's3',
      'sync',
      site(
        'v1',
        files('v1', () => false)
      ),
      's3://site/www'
    )
    // The deploy rewrites 3 of /assets/a/'s 40 files, and every file of /assets/b/ and /assets/c/.
    const v2 = site(
      'v2',
      files('v2', (folder, i) => folder !== 'a' || i < 3)
    )
    const run = await changes({ source: v2, destination: 's3://site/www' })
    expect(run.code).toBe(0)
    expect(run.outputs.changed).toBe('15')
    const inventoryFile = run.outputs['inventory-file'] ?? ''
    const inventory = readFileSync(inventoryFile, 'utf8')
    expect(inventory.split('\n').filter(Boolean)).toHaveLength(52)
    expect(run.stdout).toContain(
      `inventory-file: ${inventoryFile} (52 objects the destination holds after the sync)`
    )
    aws('s3', 'sync', '--delete', v2, 's3://site/www')

    // The same budget, with and without the inventory: 5 paths for 15 changed files.
    const distributionId = await createDistribution(moto.url)
    const invalidate = (withInventory: boolean) =>
      runAction({
        inputs: {
          'distribution-id': distributionId,
          'paths-file': 'changed.txt',
          ...(withInventory ? { 'inventory-file': 'inventory.txt' } : {}),
          'origin-path': '/www',
          'max-paths': '5'
        },
        files: { 'changed.txt': readFileSync(run.outputs['paths-file'] ?? ''), 'inventory.txt': inventory },
        env: { AWS_ENDPOINT_URL_CLOUDFRONT: moto.url, ...CREDENTIALS }
      })
    const without = await invalidate(false)
    const withIt = await invalidate(true)
    expect([without.code, withIt.code]).toEqual([0, 0])
    const [blind, exact] = await invalidationsOf(moto.url, distributionId)
    // Counted here from the bucket after the sync and what CloudFront was sent.
    const changedPaths = new Set(
      readFileSync(run.outputs['paths-file'] ?? '', 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(uri => uri.replace('s3://site/www', ''))
    )
    const unchangedObjects = aws(
      's3api',
      'list-objects-v2',
      '--bucket',
      'site',
      '--prefix',
      'www/',
      '--query',
      'Contents[].Key',
      '--output',
      'text'
    )
      .trim()
      .split(/\s+/)
      .map(key => key.replace(/^www/, ''))
      .filter(path => !changedPaths.has(path))
    const cleared = (sent: readonly string[]) =>
      unchangedObjects.filter(path =>
        sent.some(item => item.endsWith('*') && path.startsWith(item.slice(0, -1)))
      ).length
    expect(unchangedObjects).toHaveLength(37)
    expect(blind?.paths.length).toBeLessThanOrEqual(5)
    expect(exact?.paths.length).toBeLessThanOrEqual(5)
    // Without it, the deepest wildcards: /assets/a/* clears its 37 unchanged files.
    expect(cleared(blind?.paths ?? [])).toBe(37)
    expect(without.stdout).toContain('unchanged objects the wildcards clear: unknown without inventory-file')
    // With it, /assets/a/'s 3 files are listed, and the two folders that changed whole are wildcards.
    expect(cleared(exact?.paths ?? [])).toBe(0)
    expect([...(exact?.paths ?? [])].sort()).toEqual([
      '/assets/a/0.js',
      '/assets/a/1.js',
      '/assets/a/2.js',
      '/assets/b/*',
      '/assets/c/*'
    ])
    expect(withIt.stdout).toContain(
      'inventory of 52 objects (37 unchanged): the wildcards clear 0 unchanged objects'
    )
    expect(withIt.summary).toContain(
      'inventory of 52 objects (37 unchanged): the wildcards clear 0 unchanged objects'
    )
    expect(withIt.stdout).toContain('/assets/b/*  stands for 10 requested paths, clears 0 unchanged objects')
  })

  it('lists no deletions with delete: false, and leaves excluded files and objects out', async () => {
    aws('s3', 'mb', 's3://site')
    aws('s3', 'sync', site('v1', { 'a.html': 'a\n', 'gone.html': 'g\n', 'app.js.map': '{}' }), 's3://site')
    const v2 = site('v2', { 'a.html': 'A\n', 'app.js.map': '{"changed":1}', 'new.js.map': '{}' })
    const run = await changes({ source: v2, destination: 's3://site', delete: 'false', exclude: '*.map' })
    expect(run.code).toBe(0)
    expect(readFileSync(run.outputs['paths-file'] ?? '', 'utf8')).toBe('s3://site/a.html\n')
    expect(run.outputs).toMatchObject({ changed: '1', added: '0', deleted: '0', unchanged: '0' })
    // What the bucket holds after aws s3 sync without --delete: the kept and the excluded objects too.
    expect(readFileSync(run.outputs['inventory-file'] ?? '', 'utf8')).toBe(
      's3://site/a.html\ns3://site/app.js.map\ns3://site/gone.html\n'
    )
    aws('s3', 'sync', '--exclude', '*.map', v2, 's3://site')
    const held = aws(
      's3api',
      'list-objects-v2',
      '--bucket',
      'site',
      '--query',
      'Contents[].Key',
      '--output',
      'text'
    )
    expect(held.trim().split(/\s+/).sort()).toEqual(['a.html', 'app.js.map', 'gone.html'])
  })

  it('mirrors a split sync, exclude then include, in both passes, deletions under --delete included', async () => {
    aws('s3', 'mb', 's3://site')
    aws(
      's3',
      'sync',
      site('v1', {
        'index.html': 'home v1\n',
        'about.html': 'about\n',
        'old.html': 'to be removed\n',
        'assets/app.1.js': 'app v1\n',
        'assets/logo.png': 'logo\n',
        'docs/assets/guide.js': 'guide v1\n'
      }),
      's3://site'
    )
    const v2 = site('v2', {
      'index.html': 'home v2\n',
      'about.html': 'about\n',
      'new.html': 'new\n',
      'assets/app.2.js': 'app v2\n',
      'assets/logo.png': 'logo\n',
      // Not under the top-level assets/: the second pass's.
      'docs/assets/guide.js': 'guide v2\n'
    })
    /** Each key of the bucket with its ETag (an MD5 here: every object is small). */
    const held = () =>
      new Map(
        (
          JSON.parse(
            aws('s3api', 'list-objects-v2', '--bucket', 'site', '--query', 'Contents[].[Key,ETag]')
          ) as [string, string][]
        ).map(([key, etag]) => [key, etag])
      )
    /** The keys whose content a sync changed, added or deleted. */
    const differences = (before: Map<string, string>, after: Map<string, string>) =>
      [...new Set([...before.keys(), ...after.keys()])]
        .filter(key => before.get(key) !== after.get(key))
        .sort()
    const lines = (file: string | undefined) =>
      readFileSync(file ?? '', 'utf8')
        .split('\n')
        .filter(Boolean)
    const keysOf = (file: string | undefined) => lines(file).map(uri => uri.replace('s3://site/', ''))

    // Each pass: what the changes action lists, the CLI's dry run of the same sync, then the sync itself.
    const pass = async (filters: string[], inputs: Record<string, string>) => {
      const run = await changes({ source: v2, destination: 's3://site', ...inputs })
      expect(run.code).toBe(0)
      const dryRun = aws('s3', 'sync', '--dryrun', '--delete', ...filters, v2, 's3://site')
      const touched = (verb: string) =>
        [...dryRun.matchAll(new RegExp(`^\\(dryrun\\) ${verb}: .*?s3://site/(.+)$`, 'gm'))]
          .map(match => match[1] ?? '')
          .sort()
      const before = held()
      aws('s3', 'sync', '--delete', ...filters, v2, 's3://site')
      const after = held()
      return { run, uploads: touched('upload'), deletes: touched('delete'), before, after }
    }

    // aws s3 sync --delete --exclude '*' --include 'assets/*': the fingerprinted assets alone.
    const assets = await pass(['--exclude', '*', '--include', 'assets/*'], {
      exclude: '*',
      include: 'assets/*'
    })
    // The CLI uploads every file of the pass (a fresh build is newer than every object) and deletes
    // assets/app.1.js; the changes action lists what of that really changes.
    expect(assets.uploads).toEqual(['assets/app.2.js', 'assets/logo.png'])
    expect(assets.deletes).toEqual(['assets/app.1.js'])
    expect(keysOf(assets.run.outputs['paths-file'])).toEqual(['assets/app.1.js', 'assets/app.2.js'])
    expect(keysOf(assets.run.outputs['paths-file'])).toEqual(differences(assets.before, assets.after))
    expect(assets.run.outputs).toMatchObject({ changed: '0', added: '1', deleted: '1', unchanged: '1' })
    // What the bucket holds after the pass: its objects, and the ones it left alone.
    expect(keysOf(assets.run.outputs['inventory-file'])).toEqual([...assets.after.keys()].sort())
    expect(assets.run.stdout).toContain('exclude and include left out 4 files and 4 objects.')

    // aws s3 sync --delete --exclude 'assets/*': the rest, docs/assets/ included.
    const rest = await pass(['--exclude', 'assets/*'], { exclude: 'assets/*' })
    expect(rest.uploads).toEqual(['about.html', 'docs/assets/guide.js', 'index.html', 'new.html'])
    expect(rest.deletes).toEqual(['old.html'])
    expect(keysOf(rest.run.outputs['paths-file'])).toEqual([
      'docs/assets/guide.js',
      'index.html',
      'new.html',
      'old.html'
    ])
    expect(keysOf(rest.run.outputs['paths-file'])).toEqual(differences(rest.before, rest.after))
    expect(keysOf(rest.run.outputs['inventory-file'])).toEqual([...rest.after.keys()].sort())

    // Both passes together list exactly what the deploy changed, each key once.
    const both = [...keysOf(assets.run.outputs['paths-file']), ...keysOf(rest.run.outputs['paths-file'])]
    expect(both.sort()).toEqual(differences(assets.before, rest.after))
  })

  it('prints untrusted file names only between stop-commands markers, and lists them raw', async () => {
    aws('s3', 'mb', 's3://site')
    const v2 = site('v2', { '::error::pwned.html': 'x', 'a ##[error]b.html': 'y' })
    const run = await changes({ source: v2, destination: 's3://site' })
    expect(run.code).toBe(0)
    expect(run.errors).toEqual([])
    const lines = run.stdout.split('\n')
    const start = lines.findIndex(line => line.startsWith('::stop-commands::'))
    const token = lines[start]?.slice('::stop-commands::'.length) ?? ''
    const end = lines.indexOf(`::${token}::`)
    expect(token).toMatch(/^cfi-[0-9a-f]{32}$/)
    const named = lines.flatMap((line, index) => (/pwned|##\[error\]/.test(line) ? [index] : []))
    expect(named.length).toBe(2)
    for (const index of named) expect(index > start && index < end).toBe(true)
    expect(readFileSync(run.outputs['paths-file'] ?? '', 'utf8')).toBe(
      's3://site/::error::pwned.html\ns3://site/a ##[error]b.html\n'
    )
  })

  it('assumes role-to-assume with the job OIDC token, through the shared credentials code', async () => {
    aws('s3', 'mb', 's3://site')
    const run = await runAction({
      action: 'changes',
      inputs: {
        source: site('v2', { 'a.html': 'a' }),
        destination: 's3://site',
        'role-to-assume': 'arn:aws:iam::123456789012:role/deploy'
      },
      env: { AWS_ENDPOINT_URL_S3: moto.url, AWS_ENDPOINT_URL_STS: moto.url, ...oidc.env() }
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Assumed role arn:aws:iam::123456789012:role/deploy')
    expect(run.outputs.added).toBe('1')
  })
})

describe('the changes action fails clearly', () => {
  it('for a bucket that does not exist', async () => {
    const run = await changes({
      source: site('v2', { 'a.html': 'a' }),
      destination: 's3://no-such-bucket/www'
    })
    expect(run.code).toBe(1)
    expect(run.errors).toEqual([
      'destination: the bucket no-such-bucket does not exist (NoSuchBucket). Check the bucket name in destination, and that the credentials are for the AWS account that owns it.'
    ])
    expect(run.outputs['paths-file']).toBeUndefined()
  })

  it('for a destination that is not an s3:// URI, and for a missing source folder', async () => {
    const bad = await changes({ source: site('v2', { 'a.html': 'a' }), destination: 'my-bucket/www' })
    expect(bad.code).toBe(1)
    expect(bad.errors[0]).toMatch(/^destination: "my-bucket\/www" is not an S3 URI\. Use s3:\/\/bucket/)
    aws('s3', 'mb', 's3://site')
    const missing = await changes({ source: 'public', destination: 's3://site' })
    expect(missing.code).toBe(1)
    expect(missing.errors).toEqual([
      `source: the folder ${join(missing.workspace, 'public')} does not exist. Build the site into it in an earlier step of the same job, or give the folder aws s3 sync uploads, relative to the workspace.`
    ])
    expect(missing.stdout).not.toContain('    at ')
  })

  it('for AccessDenied on ListObjectsV2, naming s3:ListBucket', async () => {
    aws('s3', 'mb', 's3://site')
    // S3's answer to ListObjectsV2 without s3:ListBucket: 403 and an AccessDenied error document.
    const denying: Server = createServer((request, response) => {
      if (request.method === 'GET' && /[?&]list-type=2/.test(request.url ?? '')) {
        response
          .writeHead(403, { 'content-type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>'
          )
        return
      }
      const target = new URL(request.url ?? '/', moto.url)
      request.pipe(
        httpRequest(target, { method: request.method, headers: request.headers }, upstream => {
          response.writeHead(upstream.statusCode ?? 502, upstream.headers)
          upstream.pipe(response)
        })
      )
    })
    await new Promise<void>(done => denying.listen(0, '127.0.0.1', done))
    const address = denying.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const run = await changes(
        { source: site('v2', { 'a.html': 'a' }), destination: 's3://site/www' },
        { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` }
      )
      expect(run.code).toBe(1)
      expect(run.errors).toEqual([
        'Access denied to s3:ListBucket on the bucket site, which the changes action needs to list what is already there. Allow s3:ListBucket on arn:aws:s3:::site (with an s3:prefix condition, allow www/*) in the policy of the role these credentials belong to. (Access Denied)'
      ])
    } finally {
      denying.closeAllConnections()
      await new Promise<void>(done =>
        denying.close(() => {
          done()
        })
      )
    }
  })
})

/**
 * An S3 that holds its answers: it answers ListObjectsV2 with `listing` (S3's XML) when given one, and
 * never answers anything else, nor the listing without one. It keeps every request's socket, to see it
 * closed.
 */
async function holdingS3(listing?: string) {
  const requests: string[] = []
  const open = new Set<Socket>()
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`)
    open.add(request.socket)
    request.socket.once('close', () => open.delete(request.socket))
    if (listing !== undefined && request.method === 'GET' && /[?&]list-type=2/.test(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'application/xml' }).end(listing)
    }
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    open,
    stop: async () => {
      server.closeAllConnections()
      await new Promise<void>(done => {
        server.close(() => {
          done()
        })
      })
    }
  }
}

/** ListObjectsV2's answer for these objects. */
function listingXml(
  bucket: string,
  prefix: string,
  objects: { key: string; size: number; etag: string; checksum?: string }[]
) {
  const contents = objects
    .map(
      object =>
        `<Contents><Key>${object.key}</Key><Size>${object.size}</Size><ETag>&quot;${object.etag}&quot;</ETag><StorageClass>STANDARD</StorageClass>${object.checksum ? `<ChecksumAlgorithm>${object.checksum}</ChecksumAlgorithm>` : ''}</Contents>`
    )
    .join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${objects.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`
}

/** Loaded into the action (NODE_OPTIONS=--import): writes when the signal arrived, to time the stop. */
const SIGNAL_CLOCK = join(dir, 'signal-clock.mjs')
writeFileSync(
  SIGNAL_CLOCK,
  `import { writeFileSync } from 'node:fs'\nprocess.once('SIGINT', () => writeFileSync(process.env.SIGNAL_AT_FILE, String(Date.now())))\n`
)

/** Runs the changes action, sends SIGINT once its log matches `when`, and says how long it took to stop. */
async function cancelled(
  inputs: Record<string, string>,
  when: RegExp,
  extra: Record<string, string>
): Promise<{ run: ActionRun; stopMs: number }> {
  const signalAt = join(dir, `signal-at-${Date.now()}`)
  const run = await runAction({
    action: 'changes',
    inputs,
    env: { ...CREDENTIALS, SIGNAL_AT_FILE: signalAt, ...extra },
    preload: SIGNAL_CLOCK,
    signalWhen: { pattern: when, signal: 'SIGINT' }
  })
  const ended = Date.now()
  const stopMs = existsSync(signalAt) ? ended - Number(readFileSync(signalAt, 'utf8')) : NaN
  return { run, stopMs }
}

/** What every cancelled run shows: one error, the last line of its log; no stack; no outputs. */
function expectCleanCancel(run: ActionRun, stopMs: number, phase: RegExp): void {
  expect(run.code).toBe(1)
  expect(run.errors).toEqual([expect.stringMatching(phase)])
  expect(run.errors[0]).toMatch(/; the step wrote no paths-file and no outputs\.$/)
  const lines = run.stdout.split('\n').filter(line => line && !line.startsWith('::debug::'))
  expect(lines.at(-1)?.startsWith('::error::')).toBe(true)
  expect(run.stdout).not.toMatch(/^\s+at /m)
  expect(run.stderr).not.toMatch(/Error|at /)
  expect(run.outputs).toEqual({})
  // Within 2 s of the signal, as the runner waits 7.5 s before SIGTERM.
  expect(stopMs).toBeLessThan(2_000)
}

describe('the changes action, cancelled by the runner (SIGINT)', () => {
  const stopTimes: Record<string, number> = {}
  afterAll(() => {
    process.stdout.write(
      `changes action, time from SIGINT to the end of the process: ${JSON.stringify(stopTimes)}\n`
    )
  })

  it('while signing in (the OIDC token service never answers)', async () => {
    oidc.hang = true
    try {
      const { run, stopMs } = await cancelled(
        {
          source: site('v2', { 'a.html': 'a' }),
          destination: 's3://site',
          'role-to-assume': 'arn:aws:iam::123456789012:role/deploy'
        },
        /^Comparing /m,
        { AWS_ENDPOINT_URL_S3: moto.url, AWS_ENDPOINT_URL_STS: moto.url, ...oidc.env() }
      )
      stopTimes['signing in'] = stopMs
      expectCleanCancel(run, stopMs, /^The job was cancelled \(SIGINT\) while signing in, /)
    } finally {
      oidc.hang = false
    }
  })

  it('while listing (S3 never answers ListObjectsV2), closing the socket', async () => {
    const s3 = await holdingS3()
    try {
      const { run, stopMs } = await cancelled(
        { source: site('v2', { 'a.html': 'a' }), destination: 's3://site/www' },
        /^Listing s3:\/\//m,
        { AWS_ENDPOINT_URL_S3: s3.url }
      )
      stopTimes.listing = stopMs
      expectCleanCancel(
        run,
        stopMs,
        /^The job was cancelled \(SIGINT\) while listing s3:\/\/site\/www\/ \(0 objects listed\), /
      )
      // The request may not have reached the front yet; the one that did is closed.
      expect(s3.requests.length).toBeLessThanOrEqual(1)
      expect(s3.open.size).toBe(0)
    } finally {
      await s3.stop()
    }
  })

  it('while comparing (S3 never answers HeadObject)', async () => {
    // An object whose ETag is no MD5 (SSE-KMS): its stored checksum is asked for with HeadObject.
    const s3 = await holdingS3(
      listingXml('site', '', [{ key: 'a.html', size: 1, etag: 'kms-etag-that-is-no-md5', checksum: 'CRC32' }])
    )
    try {
      const { run, stopMs } = await cancelled(
        { source: site('v2', { 'a.html': 'a' }), destination: 's3://site' },
        /^Listed 1 object /m,
        { AWS_ENDPOINT_URL_S3: s3.url }
      )
      stopTimes.comparing = stopMs
      expectCleanCancel(
        run,
        stopMs,
        /^The job was cancelled \(SIGINT\) while comparing \(0 of 1 file hashed \(0 MiB of 0 MiB read\); waiting on S3 for 1 HeadObject answer\), /
      )
      expect(s3.requests.at(-1)).toMatch(/^HEAD \/site\/a\.html/)
    } finally {
      await s3.stop()
    }
  })

  it('while hashing (two files of 4 GiB)', async () => {
    const root = site('big', {})
    const size = 4 * 1024 ** 3
    mkdirSync(root, { recursive: true })
    for (const name of ['a.bin', 'b.bin']) {
      writeFileSync(join(root, name), '')
      // Sparse: no disk used, and every byte is read and hashed.
      truncateSync(join(root, name), size)
    }
    const s3 = await holdingS3(
      listingXml('site', '', [
        { key: 'a.bin', size, etag: '0123456789abcdef0123456789abcdef' },
        { key: 'b.bin', size, etag: '0123456789abcdef0123456789abcdef' }
      ])
    )
    try {
      const { run, stopMs } = await cancelled(
        { source: root, destination: 's3://site' },
        /^Listed 2 objects /m,
        {
          AWS_ENDPOINT_URL_S3: s3.url
        }
      )
      stopTimes.hashing = stopMs
      expectCleanCancel(
        run,
        stopMs,
        /^The job was cancelled \(SIGINT\) while hashing 0 of 2 files \([\d,]+ MiB of 8,192 MiB read\), /
      )
    } finally {
      await s3.stop()
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('the changes action against an S3 that never answers', () => {
  it('says what it was asking, and what to check, within a bounded time, with a progress line meanwhile', async () => {
    const s3 = await holdingS3()
    try {
      const run = await runAction({
        action: 'changes',
        inputs: { source: site('v2', { 'a.html': 'a' }), destination: 's3://site/www' },
        // Time runs 20 times as fast: the minute S3 is given is 3 s here.
        env: { ...CREDENTIALS, AWS_ENDPOINT_URL_S3: s3.url, TEST_TIME_SCALE: '20' }
      })
      expect(run.code).toBe(1)
      expect(run.errors).toEqual([
        `S3 did not answer ListObjectsV2 on the bucket site (prefix www/) in 1 min 0 s. Check that the runner reaches ${s3.url} (AWS_ENDPOINT_URL_S3) directly (no proxy variable applies to it; behind a firewall, set HTTP_PROXY), and that the bucket is in us-east-1 (aws-region, AWS_REGION).`
      ])
      expect(run.stdout).toMatch(
        /^Still listing s3:\/\/site\/www\/ \(0 objects listed\), 1\d\.\d s so far\.$/m
      )
      // The SDK tried again meanwhile (each try given 15 s), every socket closed at the end.
      expect(s3.requests.length).toBeGreaterThan(1)
      expect(s3.open.size).toBe(0)
      expect(run.durationMs).toBeLessThan(20_000)
    } finally {
      await s3.stop()
    }
  })
})

/**
 * The rights of a runner's user, who cannot read a file of mode 000: root reads it anyway, so as root the
 * action and the CLI run with the override dropped (capsh, Debian's libcap2-bin).
 */
const CAPSH = spawnSync('capsh', ['--help']).error === undefined
const AS_ROOT = process.getuid?.() === 0
const unprivileged = (command: string, args: string[]): [string, string[]] =>
  AS_ROOT
    ? [
        'capsh',
        ['--drop=cap_dac_override,cap_dac_read_search', '--', '-c', 'exec "$0" "$@"', command, ...args]
      ]
    : [command, args]

/** `aws s3 sync --dryrun` as the runner's user: its output, and its exit code (2 when it skipped files). */
function dryRun(...args: string[]): { out: string; code: number | null } {
  const [command, argv] = unprivileged('aws', ['--endpoint-url', moto.url, 's3', 'sync', '--dryrun', ...args])
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      ...CREDENTIALS
    }
  })
  return { out: `${result.stdout}${result.stderr}`, code: result.status }
}

/** The changes action's bundle as the runner's user (the harness runs it with the test's rights). */
async function changesUnprivileged(inputs: Record<string, string>) {
  const base = mkdtempSync(join(dir, 'run-'))
  const workspace = join(base, 'workspace')
  mkdirSync(workspace)
  mkdirSync(join(base, 'tmp'))
  const outputFile = join(base, 'github_output')
  for (const file of [outputFile, join(base, 'step_summary')]) writeFileSync(file, '')
  const [command, argv] = unprivileged(node24(), [CHANGES_DIST])
  const child = spawn(command, argv, {
    cwd: workspace,
    env: {
      ...runnerEnv(workspace, base),
      ...inputEnv(inputs, CHANGES_INPUTS),
      ...env()
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  child.stdout.on('data', chunk => (stdout += String(chunk)))
  const code = await new Promise<number | null>(done => child.on('close', done))
  const outputs = Object.fromEntries(
    Object.entries(parseOutputs(readFileSync(outputFile, 'utf8'))).map(([name, values]) => [
      name,
      values.at(-1) ?? ''
    ])
  )
  const annotations = (kind: string) =>
    stdout
      .split('\n')
      .filter(line => line.startsWith(`::${kind}::`))
      .map(line =>
        line
          .slice(kind.length + 4)
          .replace(/%0A/g, '\n')
          .replace(/%25/g, '%')
      )
  return { code, stdout, outputs, warnings: annotations('warning'), errors: annotations('error') }
}

const lines = (file: string | undefined) =>
  readFileSync(file ?? '', 'utf8')
    .split('\n')
    .filter(Boolean)

describe.each([true, false])('files the runner cannot read (delete: %s)', deletes => {
  const skip = !CAPSH && AS_ROOT
  // As root without capsh, a file of mode 000 is readable: nothing to test (apt-get install libcap2-bin).
  ;(skip ? it.skip : it)('are skipped as aws s3 sync --dryrun skips them, with a warning each', async () => {
    aws('s3', 'mb', 's3://site')
    aws(
      's3',
      'sync',
      site('v1', {
        'index.html': 'home\n',
        'about.html': 'about A\n',
        'secret.html': 'secret v1\n',
        'gone.html': 'gone\n',
        'private/a.html': 'a\n',
        'private/b.html': 'b\n'
      }),
      's3://site'
    )
    const v2 = site('v2', {
      'index.html': 'home\n',
      'about.html': 'about B\n',
      'secret.html': 'secret v2\n',
      'secret-new.html': 'new secret\n',
      'new.html': 'new\n',
      'private/a.html': 'a\n',
      'private/b.html': 'b\n'
    })
    for (const path of ['secret.html', 'secret-new.html', 'private']) chmodSync(join(v2, path), 0o000)
    try {
      const sync = dryRun(...(deletes ? ['--delete'] : []), v2, 's3://site')
      // The CLI skips each with a warning, and ends with exit code 2.
      expect(sync.code).toBe(2)
      for (const path of ['private', 'secret.html', 'secret-new.html']) {
        expect(sync.out).toContain(
          `warning: Skipping file ${join(v2, path)}. File/Directory is not readable.`
        )
      }
      const uploads = [...sync.out.matchAll(/^\(dryrun\) upload: \S+ to s3:\/\/site\/(\S+)/gm)]
        .map(m => m[1])
        .sort()
      const deleted = [...sync.out.matchAll(/^\(dryrun\) delete: s3:\/\/site\/(\S+)/gm)].map(m => m[1]).sort()
      expect(uploads).toEqual(['about.html', 'index.html', 'new.html'])
      expect(deleted).toEqual(deletes ? ['gone.html', 'private/a.html', 'private/b.html', 'secret.html'] : [])

      const run = await changesUnprivileged({ source: v2, destination: 's3://site', delete: String(deletes) })
      expect(run.errors).toEqual([])
      expect(run.code).toBe(0)
      // What it lists is what the sync changes: its uploads (by content) and exactly its deletes.
      expect(run.outputs).toMatchObject({
        changed: '1',
        added: '1',
        deleted: String(deleted.length),
        unchanged: '1'
      })
      expect(lines(run.outputs['paths-file'])).toEqual(
        ['about.html', 'new.html', ...deleted].sort().map(key => `s3://site/${key}`)
      )
      const heldAfter = deletes
        ? ['about.html', 'index.html', 'new.html']
        : [
            'about.html',
            'gone.html',
            'index.html',
            'new.html',
            'private/a.html',
            'private/b.html',
            'secret.html'
          ]
      expect(lines(run.outputs['inventory-file'])).toEqual(heldAfter.map(key => `s3://site/${key}`))
      expect(run.warnings).toEqual([
        deletes
          ? "The folder private/ in source is not readable (EACCES): aws s3 sync skips it and all it holds with a warning (and ends with exit code 2), and with --delete it deletes the 2 objects under s3://site/private/, which the bucket holds now. The lists and counts here do the same. Let the runner's user read it, or move it out of source."
          : "The folder private/ in source is not readable (EACCES): aws s3 sync skips it and all it holds with a warning (and ends with exit code 2), and the 2 objects under s3://site/private/ stay as they are. The lists and counts here do the same. Let the runner's user read it, or move it out of source.",
        "secret-new.html in source is not readable (EACCES): aws s3 sync skips it with a warning (and ends with exit code 2), and s3://site/secret-new.html is not uploaded. The lists and counts here do the same. Let the runner's user read it, or move it out of source.",
        deletes
          ? "secret.html in source is not readable (EACCES): aws s3 sync skips it with a warning (and ends with exit code 2), and with --delete it deletes s3://site/secret.html, which the bucket holds now. The lists and counts here do the same. Let the runner's user read it, or move it out of source."
          : "secret.html in source is not readable (EACCES): aws s3 sync skips it with a warning (and ends with exit code 2), and s3://site/secret.html stays as it is. The lists and counts here do the same. Let the runner's user read it, or move it out of source."
      ])
    } finally {
      for (const path of ['secret.html', 'secret-new.html', 'private']) chmodSync(join(v2, path), 0o755)
    }
  })
})
