/**
 * Every input form, end to end: the bundled action reads URL paths, URLs, s3:// URIs and aws s3 output,
 * from `paths` and from paths-files in the encodings Windows writes, and sends moto_server (behind the
 * FaultFront, which refuses what CloudFront refuses) the paths browsers request.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'
import { cloudFront } from '../../scripts/lib/local-aws.js'
import { expectCleanFailure, useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'
import { tempDir } from '../../__fixtures__/temp.js'

const emulator = useEmulator()
const awsEnv = emulator.awsEnv

async function sentPaths(): Promise<string[]> {
  const created = await invalidationsOf(emulator.moto.url, emulator.distributionId)
  expect(created).toHaveLength(1)
  return [...(created[0]?.paths ?? [])].sort()
}

describe('the front, as CloudFront', () => {
  it('refuses a raw ~ with InvalidArgument, and accepts %7E', async () => {
    const client = cloudFront(emulator.front.url)
    const send = (path: string) =>
      client.send(
        new CreateInvalidationCommand({
          DistributionId: emulator.distributionId,
          InvalidationBatch: { CallerReference: path, Paths: { Quantity: 1, Items: [path] } }
        })
      )
    await expect(send('/static/runtime~main.js')).rejects.toMatchObject({ name: 'InvalidArgument' })
    await expect(send('/static/runtime%7Emain.js')).resolves.toBeDefined()
    client.destroy()
  })

  it('refuses a raw \\ with InvalidArgument, and accepts %5C', async () => {
    const client = cloudFront(emulator.front.url)
    const send = (path: string) =>
      client.send(
        new CreateInvalidationCommand({
          DistributionId: emulator.distributionId,
          InvalidationBatch: { CallerReference: path, Paths: { Quantity: 1, Items: [path] } }
        })
      )
    await expect(send('/old\\thing.js')).rejects.toMatchObject({ name: 'InvalidArgument' })
    await expect(send('/old%5Cthing.js')).resolves.toBeDefined()
    client.destroy()
  })
})

describe('input forms in paths', () => {
  it('reads a URL path, an http URL, an s3:// URI and a CLI line as the paths browsers request', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: [
          '/docs/read me.html',
          'https://www.example.com/a/../b.html?v=2#top',
          's3://my-bucket/100%.html',
          'upload: build/how to a b.html to s3://my-bucket/how to a b.html',
          'build\\app.js'
        ].join('\n')
      },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(await sentPaths()).toEqual(
      [
        '/docs/read%20me.html',
        '/b.html?v=2',
        '/100%25.html',
        '/how%20to%20a%20b.html',
        '/build/app.js'
      ].sort()
    )
    expect(run.stdout).toContain(
      'Read as S3 keys: 1 line of AWS CLI output and 1 s3:// URI; read 1 http(s) URL'
    )
  })

  it('reads \\ in a key as part of its name (%5C), and in a URL path or URL as /', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: [
          's3://my-bucket/old\\thing.js',
          'delete: s3://my-bucket/old\\gone.js',
          'upload: build\\old\\new.js to s3://my-bucket/old\\new.js',
          'upload: build\\docs\\a.js to s3://my-bucket/docs/a.js',
          '/url\\path.js',
          'https://www.example.com/url\\full.js'
        ].join('\n')
      },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(emulator.front.refusedPaths).toEqual([])
    expect(await sentPaths()).toEqual(
      [
        '/old%5Cthing.js',
        '/old%5Cgone.js',
        '/old%5Cnew.js',
        '/docs/a.js',
        '/url/path.js',
        '/url/full.js'
      ].sort()
    )
  })

  it('sends a key holding + both as a website endpoint and as an S3 REST origin serves it', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: [
          's3://my-bucket/c++/intro.html',
          'upload: build/2024+01.json to s3://my-bucket/2024+01.json'
        ].join('\n')
      },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(emulator.front.refusedPaths).toEqual([])
    expect(await sentPaths()).toEqual(
      ['/c++/intro.html', '/c%2B%2B/intro.html', '/2024+01.json', '/2024%2B01.json'].sort()
    )
    expect(run.stdout).toContain(
      'sent 2 keys holding + also with %2B, the URL an S3 REST origin serves it at'
    )
  })

  it('fails before any request on keys aws s3api printed on one line, tab-separated', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'keys.txt' },
      files: { 'keys.txt': 'docs/a.html\tdocs/b.html\tindex.html\n' },
      env: awsEnv()
    })
    expectCleanFailure(
      run,
      'paths-file keys.txt: "docs/a.html',
      'holds a tab, which no browser sends in a URL'
    )
    expect(emulator.front.requests).toHaveLength(0)
  })

  it('still fails on a * in the middle of a path the user wrote, before any request', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/images/*.jpg' },
      env: awsEnv()
    })
    expectCleanFailure(run, 'paths: "/images/*.jpg" has a * that is not its last character')
    expect(emulator.front.requests).toHaveLength(0)
  })
})

/** What `aws s3 sync` prints without --no-progress: progress ended by \r, each line padded with spaces. */
const syncOutput = [
  'Completed 1.0 KiB/9.0 KiB (10.0 KiB/s) with 5 file(s) remaining\r' +
    'upload: build/index.html to s3://my-bucket/prod/index.html           ',
  'Completed 2.0 KiB/9.0 KiB (10.0 KiB/s) with 4 file(s) remaining\r' +
    'upload: build/static/js/runtime~main.8a3f.js to s3://my-bucket/prod/static/js/runtime~main.8a3f.js',
  'upload: build/static/js/runtime~vendor.1b2c.js to s3://my-bucket/prod/static/js/runtime~vendor.1b2c.js',
  'upload: build/docs/index.html to s3://my-bucket/prod/docs/index.html',
  'upload: build/über uns.html to s3://my-bucket/prod/über uns.html',
  'delete: s3://my-bucket/prod/old 100%.html',
  'warning: Skipping file /build/broken-link. File does not exist.',
  ''
].join('\n')

describe('aws s3 sync output in a paths-file', () => {
  it('takes the destination keys, covers ~ with a wildcard the front accepts, adds index directories', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'sync.txt',
        'origin-path': '/prod'
      },
      files: { 'sync.txt': syncOutput },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(emulator.front.refusedPaths).toEqual([])
    expect(await sentPaths()).toEqual(
      [
        '/index.html',
        '/',
        '/static/js/runtime*',
        '/docs/index.html',
        '/docs/',
        '/%C3%BCber%20uns.html',
        '/old%20100%25.html'
      ].sort()
    )
    expect(run.stdout).toContain(
      'Read as S3 keys: 6 lines of AWS CLI output (origin-path /prod taken off); ignored 3 other lines of AWS CLI output'
    )
    expect(run.stdout).toContain('index-document index.html: added 2 directory paths')
    expect(run.stdout).toContain('  /docs/  for /docs/index.html')
    expect(run.stdout).toContain('1 covering wildcard sent')
    expect(run.stdout).toContain(
      '  /static/js/runtime*  covers 2 paths with a raw ~, such as /static/js/runtime~main.8a3f.js'
    )
    expect(run.summary).toContain('- `/static/js/runtime*` covers 2 paths with a raw `~`')
    expect(run.summary).toContain('- `/docs/` for `/docs/index.html`')
  })

  it('adds no directories with an empty index-document', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'sync.txt',
        'origin-path': '/prod',
        'index-document': ''
      },
      files: { 'sync.txt': syncOutput },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const sent = await sentPaths()
    expect(sent).toContain('/docs/index.html')
    expect(sent).not.toContain('/docs/')
    expect(sent).not.toContain('/')
  })

  it('fails before any request on a key outside origin-path, naming it', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'sync.txt',
        'origin-path': '/staging'
      },
      files: { 'sync.txt': syncOutput },
      env: awsEnv()
    })
    expectCleanFailure(run, 'origin-path: the key "prod/index.html"', 'not under the origin path /staging')
    expect(emulator.front.requests).toHaveLength(0)
  })

  it('invalidates nothing when the sync output lists only progress', async () => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'sync.txt' },
      files: { 'sync.txt': 'Completed 1 file(s) with 0 file(s) remaining\r\n' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(emulator.front.requests).toHaveLength(0)
    expect(run.stdout).toContain('::notice::paths-file sync.txt lists no paths')
  })
})

describe('paths-files written on Windows', () => {
  const lines = ['/index.html', '/über/a b.html', '']
  it.each([
    ['CRLF line ends', Buffer.from(lines.join('\r\n'), 'utf8')],
    ['UTF-8 with a byte order mark', Buffer.from('\uFEFF' + lines.join('\r\n'), 'utf8')],
    [
      'UTF-16 LE with a byte order mark (Windows PowerShell 5.1)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')])
    ]
  ])('reads %s', async (_, bytes) => {
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'changed.txt' },
      files: { 'changed.txt': bytes },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(await sentPaths()).toEqual(['/', '/index.html', '/%C3%BCber/a%20b.html'].sort())
  })

  it('fails on Windows-1252 before any request, naming the file, the line and the fix', async () => {
    const bytes = Buffer.concat([
      Buffer.from('/index.html\r\n/caf'),
      Buffer.from([0xe9]),
      Buffer.from('.html\r\n')
    ])
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, 'paths-file': 'changed.txt' },
      files: { 'changed.txt': bytes },
      env: awsEnv()
    })
    expectCleanFailure(
      run,
      'paths-file: changed.txt is not UTF-8: line 2 has the byte 0xE9',
      'Save it as UTF-8'
    )
    expect(emulator.front.requests).toHaveLength(0)
  })
})

const exec = promisify(execFile)

describe('the real AWS CLI against moto S3', () => {
  it('re-uploads every file of a fresh copy, and its raw output invalidates each one', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIDLOCALSETUP',
      AWS_SECRET_ACCESS_KEY: 'local-setup-secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent'
    }
    const aws = async (...args: string[]) => {
      try {
        return (await exec('aws', ['--endpoint-url', emulator.moto.url, ...args], { env })).stdout
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new Error('The AWS CLI (aws) is not installed; this test needs it: pip install awscli')
        }
        throw error
      }
    }
    const base = tempDir('cf-sync-')
    const build = join(base, 'build')
    const files = [
      'index.html',
      'docs/index.html',
      'static/js/runtime~main.8a3f.js',
      'über uns.html',
      'how to a b.html'
    ]
    for (const file of files) {
      mkdirSync(join(build, file, '..'), { recursive: true })
      writeFileSync(join(build, file), `content of ${file}\n`)
    }
    await aws('s3', 'mb', 's3://site-bucket')
    const first = await aws('s3', 'sync', build, 's3://site-bucket/prod')
    expect(first.match(/upload: /g)).toHaveLength(files.length)
    // The same files again: nothing to upload.
    expect(await aws('s3', 'sync', build, 's3://site-bucket/prod')).not.toContain('upload: ')

    // A CI run: a fresh checkout and build, the same content with new modification times.
    await new Promise(done => setTimeout(done, 1100))
    const fresh = join(base, 'fresh')
    cpSync(build, fresh, { recursive: true, preserveTimestamps: false })
    const output = await aws('s3', 'sync', fresh, 's3://site-bucket/prod')
    expect(output.match(/upload: /g)).toHaveLength(files.length)

    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'paths-file': 'sync.txt',
        'origin-path': '/prod'
      },
      files: { 'sync.txt': output },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(await sentPaths()).toEqual(
      [
        '/index.html',
        '/',
        '/docs/index.html',
        '/docs/',
        '/static/js/runtime*',
        '/%C3%BCber%20uns.html',
        '/how%20to%20a%20b.html'
      ].sort()
    )
    expect(run.stdout).toContain(`Read as S3 keys: ${files.length} lines of AWS CLI output`)
  })
})
