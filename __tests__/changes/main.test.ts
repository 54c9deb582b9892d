/**
 * The changes action's flow through the runner seam, as __tests__/main.test.ts tests the invalidate
 * action's: a fake runner, S3 mocked at the SDK edge, a real source folder on disk.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  S3Client,
  S3ServiceException,
  type ChecksumAlgorithm,
  type _Object
} from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { useEnvironmentKeys } from '../../__fixtures__/aws.js'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { virtualClock } from '../../__fixtures__/virtual-clock.js'
import { CancelledError, type Clock } from '../../src/common/clock.js'
import { run } from '../../src/changes/main.js'
import { HashPool } from '../../src/changes/hash-pool.js'

const s3 = mockClient(S3Client)
useEnvironmentKeys()
const dir = mkdtempSync(join(tmpdir(), 'changes-main-'))
const temp = join(dir, 'runner-temp')
beforeEach(() => {
  s3.reset()
  s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [] })
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

/** A source folder with these files. */
function site(name: string, files: Record<string, string>): string {
  const root = join(dir, name)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** What ListObjectsV2 lists for these objects, each uploaded in one part unless an ETag is given. */
function listed(objects: Record<string, string | { size: number; etag: string; checksums?: string[] }>) {
  const Contents: _Object[] = Object.entries(objects).map(([Key, object]) =>
    typeof object === 'string'
      ? { Key, Size: Buffer.byteLength(object), ETag: `"${md5(object)}"` }
      : {
          Key,
          Size: object.size,
          ETag: `"${object.etag}"`,
          ChecksumAlgorithm: (object.checksums ?? []) as ChecksumAlgorithm[]
        }
  )
  s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents })
}

/** A sleep that lasts until it is aborted: the progress line never comes due. */
const sleepForever: Clock['sleep'] = (_ms, signal) =>
  new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      reject(signal.reason as Error)
    })
  })

/** A clock that moves 1.5 s between the first and the second reading, so durations are exact. */
function steppingClock(): Clock {
  const readings = [1_000, 2_500]
  return {
    now: () => readings.shift() ?? 2_500,
    sleep: sleepForever,
    timeout: () => new AbortController().signal
  }
}

/**
 * Time that jumps from timer to timer whenever nothing else can run (virtual-clock.ts), with timeouts: a
 * minute of an S3 that never answers passes at once.
 */
function jumpingTime() {
  const virtual = virtualClock()
  const clock: Clock = {
    ...virtual.clock,
    timeout: ms => {
      const controller = new AbortController()
      virtual.sleep(ms).then(
        () => {
          controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
        },
        () => undefined
      )
      return controller.signal
    }
  }
  return { clock, run: virtual.run, now: virtual.now }
}

/** An answer S3 never gives. */
const never = () => new Promise<never>(() => undefined)

/** The events after the step failed: none, whatever was still running. */
async function eventsAfterFailure(fake: ReturnType<typeof fakeRunner>) {
  // Time for anything left running to write.
  await new Promise(resolve => setTimeout(resolve, 50))
  const failed = fake.events.findIndex(event => event.kind === 'failed')
  return fake.events.slice(failed + 1)
}

function changesRunner(inputs: Record<string, string>, options: Parameters<typeof fakeRunner>[1] = {}) {
  return fakeRunner(
    { destination: 's3://site', ...inputs },
    { ...options, env: { RUNNER_TEMP: temp, GITHUB_WORKSPACE: dir, ...options.env } }
  )
}

describe('the changes action', () => {
  it('lists what changed, writes both files and every output, and a summary line', async () => {
    const source = site('v2', { 'a.html': 'same', 'b.html': 'new', 'c.html': 'edited' })
    listed({ 'a.html': 'same', 'c.html': 'before', 'gone.html': 'x' })
    const fake = changesRunner({ source: 'v2' })
    await run(fake.runner, { clock: steppingClock() })

    expect(fake.failures()).toEqual([])
    expect(fake.warnings()).toEqual([])
    const outputs = fake.outputs()
    expect(outputs).toMatchObject({ changed: '1', added: '1', deleted: '1', unchanged: '1' })
    expect(outputs['paths-file']?.startsWith(temp)).toBe(true)
    expect(readFileSync(outputs['paths-file'] ?? '', 'utf8')).toBe(
      's3://site/b.html\ns3://site/c.html\ns3://site/gone.html\n'
    )
    expect(readFileSync(outputs['inventory-file'] ?? '', 'utf8')).toBe(
      's3://site/a.html\ns3://site/b.html\ns3://site/c.html\n'
    )
    const log = fake.log()
    expect(log).toContain(
      'Compared 3 files with 3 objects in 1.5 s, reading 0 MiB: 1 changed, 1 added, 1 deleted, 1 unchanged.'
    )
    expect(log).toContain('unchanged: 1 (MD5 equals the ETag)')
    expect(log.find(line => line.startsWith(`Source ${source}, destination s3://site/`))).toContain('\n')
    expect(fake.events.filter(event => event.kind === 'group' || event.kind === 'endgroup')).toEqual([
      { kind: 'group', title: 'What changed: 1 changed, 1 added, 1 deleted, 1 unchanged' },
      { kind: 'endgroup' }
    ])
    expect(fake.summary()).toContain('s3://site/')
  })

  it('hands untrusted names to the runner as log text, never as their own annotation', async () => {
    site('v2', { '::error::pwned.html': 'x' })
    const fake = changesRunner({ source: 'v2' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(
      fake.events.filter(event => event.kind !== 'info' && JSON.stringify(event).includes('pwned'))
    ).toEqual([])
    expect(fake.log().some(line => line.includes('::error::pwned.html'))).toBe(true)
  })

  it('warns once when HeadObject is denied, counting those objects as changed', async () => {
    site('v2', { 'a.html': 'same' })
    listed({ 'a.html': { size: 4, etag: 'kms-etag-that-is-no-md5x', checksums: ['CRC32'] } })
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'Access Denied'
      })
    )
    const fake = changesRunner({ source: 'v2' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(fake.outputs()).toMatchObject({ changed: '1', unchanged: '0' })
    expect(fake.warnings()).toEqual([
      expect.stringMatching(
        /^Access denied to s3:GetObject on arn:aws:s3:::site\/\*.* The objects it could not check are counted as changed\.$/
      )
    ])
  })

  it('leaves a key with a line break out of inventory-file, saying so', async () => {
    site('v2', { 'odd\nname.html': 'same' })
    listed({ 'odd\nname.html': 'same' })
    const fake = changesRunner({ source: 'v2' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(fake.warnings()).toEqual([
      expect.stringMatching(/^1 unchanged object with a line break in its key left out of inventory-file/)
    ])
    expect(fake.log()).toContain('left out of inventory-file: "odd\\nname.html"')
    expect(readFileSync(fake.outputs()['inventory-file'] ?? '', 'utf8')).toBe('')
  })

  it('says what exclude left out', async () => {
    site('v2', { 'a.html': 'a', 'a.js.map': 'map' })
    listed({ 'b.js.map': 'old map' })
    const fake = changesRunner({ source: 'v2', exclude: '*.map' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(fake.log()).toContain('exclude left out 1 file and 1 object.')
  })

  it('goes on with a warning when the summary cannot be written', async () => {
    site('v2', { 'a.html': 'a' })
    const fake = changesRunner({ source: 'v2' }, { summaryFails: true })
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(fake.warnings()).toEqual([
      'Could not write the job summary: ENOSPC: no space left on device, write'
    ])
    expect(fake.outputs()).toMatchObject({ added: '1' })
  })

  it('fails with one clear line for bad input, and no stack', async () => {
    const fake = changesRunner({ source: 'v2', destination: 'site' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([expect.stringMatching(/^destination: /)])
    expect(fake.events.filter(event => event.kind === 'debug')).toEqual([])
    expect(fake.outputs()).toEqual({})
  })

  it('stops its hashing workers when it is done, whether it succeeded or failed', async () => {
    // A pool left open keeps its threads alive in a process that goes on (jest's, here): it did once.
    const close = jest.spyOn(HashPool.prototype, 'close')
    try {
      site('v2', { 'a.html': 'a' })
      await run(changesRunner({ source: 'v2' }).runner)
      expect(close).toHaveBeenCalledTimes(1)
      const closes = close.mock.calls.length
      s3.on(ListObjectsV2Command).rejects(new NoSuchBucket({ message: 'no bucket', $metadata: {} }))
      const failed = changesRunner({ source: 'v2' })
      await run(failed.runner)
      expect(failed.failures()).toHaveLength(1)
      // Once as the failure stops the run, once more to wait for it: the same closing.
      expect(close.mock.calls.length).toBeGreaterThan(closes)
    } finally {
      close.mockRestore()
    }
  })

  it('fails naming the bucket when it does not exist, keeping the detail in the debug log', async () => {
    site('v2', { 'a.html': 'a' })
    s3.on(ListObjectsV2Command).rejects(
      new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: {} })
    )
    const fake = changesRunner({ source: 'v2' })
    await run(fake.runner)
    expect(fake.failures()).toEqual([expect.stringMatching(/^destination: the bucket site does not exist/)])
    expect(fake.events.some(event => event.kind === 'debug' && event.message.includes('NoSuchBucket'))).toBe(
      true
    )
  })

  it('says how S3 is reached through a proxy', async () => {
    site('v2', { 'a.html': 'a' })
    const fake = changesRunner(
      { source: 'v2' },
      {
        env: {
          HTTPS_PROXY: 'http://user:pass@proxy.internal:3128',
          AWS_ENDPOINT_URL_S3: 'https://s3.example'
        }
      }
    )
    await run(fake.runner)
    expect(fake.failures()).toEqual([])
    expect(fake.log()).toContain(
      'S3 (s3.example) is reached through the proxy http://proxy.internal:3128 (HTTPS_PROXY).'
    )
  })

  it('signs in with role-to-assume through the job token, and stops when the job is cancelled', async () => {
    site('v2', { 'a.html': 'a' })
    const cancel = new AbortController()
    const fake = changesRunner(
      { source: 'v2', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'aws-region': 'us-east-1' },
      {
        env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
        // The token service never answers; the runner cancels the job meanwhile.
        getIDToken: () => {
          setTimeout(() => {
            cancel.abort(new CancelledError('SIGINT'))
          }, 10)
          return new Promise<string>(() => undefined)
        }
      }
    )
    await run(fake.runner, { cancel: cancel.signal })
    expect(fake.failures()).toEqual([
      expect.stringMatching(
        /^The job was cancelled \(SIGINT\) while signing in, \d+\.\d s in; the step wrote no paths-file and no outputs\.$/
      )
    ])
    expect(s3.commandCalls(ListObjectsV2Command)).toEqual([])
  })
})

describe('the changes action never goes silent', () => {
  it('prints a progress line every 10 s, and fails naming the call, the endpoint and the region when S3 never answers', async () => {
    site('v2', { 'a.html': 'a' })
    s3.on(ListObjectsV2Command).callsFake(never)
    const destroy = jest.spyOn(S3Client.prototype, 'destroy')
    const time = jumpingTime()
    const fake = changesRunner({ source: 'v2', destination: 's3://site/www' })
    try {
      await time.run(run(fake.runner, { clock: time.clock }))
      expect(fake.log().filter(line => line.startsWith('Still '))).toEqual([
        'Still listing s3://site/www/ (0 objects listed), 10.0 s so far.',
        'Still listing s3://site/www/ (0 objects listed), 20.0 s so far.',
        'Still listing s3://site/www/ (0 objects listed), 30.0 s so far.',
        'Still listing s3://site/www/ (0 objects listed), 40.0 s so far.',
        'Still listing s3://site/www/ (0 objects listed), 50.0 s so far.'
      ])
      expect(fake.failures()).toEqual([
        'S3 did not answer ListObjectsV2 on the bucket site (prefix www/) in 1 min 0 s. Check that the runner reaches https://s3.us-east-1.amazonaws.com directly (no proxy variable applies to it; behind a firewall, set HTTPS_PROXY), and that the bucket is in us-east-1 (aws-region, AWS_REGION).'
      ])
      expect(destroy).toHaveBeenCalled()
      expect(await eventsAfterFailure(fake)).toEqual([])
    } finally {
      destroy.mockRestore()
    }
  })

  it('names the endpoint variable and the proxy S3 is reached through', async () => {
    site('v2', { 'a.html': 'a' })
    s3.on(ListObjectsV2Command).callsFake(never)
    const time = jumpingTime()
    const fake = changesRunner(
      { source: 'v2', 'aws-region': 'eu-west-1' },
      {
        env: {
          AWS_ENDPOINT_URL_S3: 'https://s3.internal.example',
          HTTPS_PROXY: 'http://u:p@proxy.internal:3128'
        }
      }
    )
    await time.run(run(fake.runner, { clock: time.clock }))
    expect(fake.failures()).toEqual([
      'S3 did not answer ListObjectsV2 on the bucket site in 1 min 0 s. Check that the runner reaches https://s3.internal.example (AWS_ENDPOINT_URL_S3) through the proxy http://proxy.internal:3128 (HTTPS_PROXY), and that the proxy lets it through, and that the bucket is in eu-west-1 (aws-region, AWS_REGION).'
    ])
  })

  it('says when S3 cannot be reached at all', async () => {
    site('v2', { 'a.html': 'a' })
    s3.on(ListObjectsV2Command).rejects(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    )
    const fake = changesRunner({ source: 'v2' }, { env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' } })
    await run(fake.runner, { clock: steppingClock() })
    expect(fake.failures()).toEqual([
      'S3 could not be reached for ListObjectsV2 on the bucket site (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9). Check that the runner reaches http://127.0.0.1:9 (AWS_ENDPOINT_URL_S3) directly (no proxy variable applies to it; behind a firewall, set HTTP_PROXY), and that the bucket is in us-east-1 (aws-region, AWS_REGION).'
    ])
  })
})

describe('the changes action, cancelled', () => {
  it('while listing: one error naming the phase, sockets and workers closed, nothing written after it', async () => {
    site('v2', { 'a.html': 'a' })
    s3.on(ListObjectsV2Command).callsFake(never)
    const destroy = jest.spyOn(S3Client.prototype, 'destroy')
    const close = jest.spyOn(HashPool.prototype, 'close')
    const cancel = new AbortController()
    const time = jumpingTime()
    const fake = changesRunner({ source: 'v2', destination: 's3://site/www' })
    // The runner cancels the job 25 s in.
    time.clock.sleep(25_000).then(
      () => {
        cancel.abort(new CancelledError('SIGINT'))
      },
      () => undefined
    )
    try {
      await time.run(run(fake.runner, { clock: time.clock, cancel: cancel.signal }))
      expect(fake.failures()).toEqual([
        'The job was cancelled (SIGINT) while listing s3://site/www/ (0 objects listed), 25.0 s in; the step wrote no paths-file and no outputs.'
      ])
      expect(fake.log().filter(line => line.startsWith('Still '))).toHaveLength(2)
      expect(fake.outputs()).toEqual({})
      expect(destroy).toHaveBeenCalled()
      expect(close).toHaveBeenCalled()
      expect(await eventsAfterFailure(fake)).toEqual([])
    } finally {
      destroy.mockRestore()
      close.mockRestore()
    }
  })

  it('while comparing: a HeadObject S3 holds is ended, and the comparison does not count as changed', async () => {
    site('v2', { 'a.html': 'same' })
    listed({ 'a.html': { size: 4, etag: 'kms-etag-that-is-no-md5x', checksums: ['CRC32'] } })
    const cancel = new AbortController()
    const time = jumpingTime()
    // S3 holds the answer; the runner cancels the job 15 s later.
    s3.on(HeadObjectCommand).callsFake(() => {
      time.clock.sleep(15_000).then(
        () => {
          cancel.abort(new CancelledError('SIGTERM'))
        },
        () => undefined
      )
      return never()
    })
    const fake = changesRunner({ source: 'v2' })
    await time.run(run(fake.runner, { clock: time.clock, cancel: cancel.signal }))
    expect(fake.failures()).toEqual([
      expect.stringMatching(
        /^The job was cancelled \(SIGTERM\) while comparing \(0 of 1 file hashed \(0 MiB of 0 MiB read\); waiting on S3 for 1 HeadObject answer\), [^;]+ in; the step wrote no paths-file and no outputs\.$/
      )
    ])
    expect(fake.log()).toContainEqual(
      // How long the listing took on the jumping clock depends on when it finds the step idle.
      expect.stringMatching(/^Listed 1 object in [^;]+; 1 of 1 file left to compare by content\.$/)
    )
    expect(fake.warnings()).toEqual([])
    expect(await eventsAfterFailure(fake)).toEqual([])
  })
})
