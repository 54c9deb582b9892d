import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { MiB } from '../../src/changes/etag.js'
import { HashPool } from '../../src/changes/hash-pool.js'
import { hashFile, type FileDigests, type HashRequest } from '../../src/changes/hash.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

const dir = mkdtempSync(join(tmpdir(), 'hash-pool-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})
const pools: HashPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map(pool => pool.close()))
})
const pool = (options: ConstructorParameters<typeof HashPool>[0] = {}) => {
  const made = new HashPool(options)
  pools.push(made)
  return made
}

/** Comparable form: digests as hex, parts by part size. */
const plain = (digests: FileDigests) => ({
  size: digests.size,
  md5: digests.md5,
  checksum: digests.checksum,
  parts: [...digests.parts].map(([size, parts]) => [
    size,
    parts.map(part => Buffer.from(part).toString('hex'))
  ])
})

/** A file of `size` bytes that differ from part to part. */
function file(name: string, size: number): string {
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i += 4096) data.write(`${name}:${i}`, i)
  const path = join(dir, name)
  writeFileSync(path, data)
  return path
}

const sizes = [0, 1, 4096, MiB - 1, MiB, MiB + 1, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1, 17 * MiB + 3]
const files = sizes.map(size => file(`f-${size}`, size))
const request: HashRequest = { md5: true, partSizes: [5 * MiB, 8 * MiB, MiB] }

describe('HashPool', () => {
  it('gives the digests hashFile gives, MD5 and parts, for sizes around read and part boundaries', async () => {
    const hashing = pool({ size: 2 })
    const [inWorkers, inProcess] = await Promise.all([
      Promise.all(files.map(path => hashing.hash(path, request))),
      Promise.all(files.map(path => hashFile(path, request)))
    ])
    expect(inWorkers.map(plain)).toEqual(inProcess.map(plain))
    expect(inWorkers.map(digests => digests.size)).toEqual(sizes)
    // Only parts asked for, and only an MD5 when asked.
    const partsOnly = await hashing.hash(files[9] as string, { partSizes: [8 * MiB] })
    expect(plain(partsOnly)).toEqual(plain(await hashFile(files[9] as string, { partSizes: [8 * MiB] })))
    expect(partsOnly.md5).toBeUndefined()
    expect(hashing.failures).toEqual([])
  })

  it('hashes a stored checksum in-process, the same as hashFile', async () => {
    const hashing = pool({ size: 1 })
    for (const checksum of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA256'] as const) {
      expect(plain(await hashing.hash(files[6] as string, { checksum }))).toEqual(
        plain(await hashFile(files[6] as string, { checksum }))
      )
    }
  })

  it('rejects a file that cannot be read with the error hashFile gives', async () => {
    const hashing = pool({ size: 1 })
    const missing = join(dir, 'missing.html')
    const fromWorker = await rejectionOf(hashing.hash(missing, { md5: true }))
    // Node's fs errors come from outside the test's realm: no instanceof Error here.
    const fromProcess = (await hashFile(missing, { md5: true }).catch((error: unknown) => error)) as Error
    expect(fromWorker.message).toBe(fromProcess.message)
    expect((fromWorker as NodeJS.ErrnoException).code).toBe('ENOENT')
    // The worker goes on.
    expect(plain(await hashing.hash(files[2] as string, request))).toEqual(
      plain(await hashFile(files[2] as string, request))
    )
    expect(hashing.failures).toEqual([])
  })

  it('hashes in-process when a worker fails to start, and says so', async () => {
    const hashing = pool({ size: 2, source: 'throw new Error("no worker today")' })
    const digests = await Promise.all(files.slice(0, 4).map(path => hashing.hash(path, request)))
    expect(digests.map(plain)).toEqual(
      (await Promise.all(files.slice(0, 4).map(path => hashFile(path, request)))).map(plain)
    )
    await new Promise(resolve => setTimeout(resolve, 50))
    expect(hashing.failures).toEqual([
      'a hashing worker failed: no worker today',
      'a hashing worker failed: no worker today'
    ])
  })

  it('hashes in-process what a worker had when it exits in the middle of it', async () => {
    const source = `process.getBuiltinModule('node:worker_threads').parentPort.on('message', () => process.exit(3))`
    const hashing = pool({ size: 1, source })
    const digests = await Promise.all(files.map(path => hashing.hash(path, request)))
    expect(digests.map(plain)).toEqual(
      (await Promise.all(files.map(path => hashFile(path, request)))).map(plain)
    )
    expect(hashing.failures).toEqual(['a hashing worker exited with code 3'])
    // And everything after.
    expect(plain(await hashing.hash(files[3] as string, request))).toEqual(
      plain(await hashFile(files[3] as string, request))
    )
  })

  it('hashes in-process with no workers', async () => {
    const hashing = pool({ size: 0 })
    expect(plain(await hashing.hash(files[5] as string, request))).toEqual(
      plain(await hashFile(files[5] as string, request))
    )
  })
})
