import { describe, expect, it } from '@jest/globals'
import { compareObject, type CompareDeps, type LocalFile } from '../../src/changes/compare.js'
import { MiB, multipartETag } from '../../src/changes/etag.js'
import type { FileDigests, HashRequest } from '../../src/changes/hash.js'
import type { HeadFacts, RemoteObject } from '../../src/changes/s3.js'

const MD5 = 'b1946ac92492d2347c6235b4d2611184'
const OTHER_MD5 = '0123456789abcdef0123456789abcdef'

const local = (size: number): LocalFile => ({ relative: 'a.html', path: '/site/a.html', size })
const remote = (size: number, etag: string, more: Partial<RemoteObject> = {}): RemoteObject => ({
  key: 'a.html',
  size,
  etag: `"${etag}"`,
  checksumAlgorithms: [],
  checksumType: undefined,
  ...more
})

/** A stand-in file: part digests are derived from the part size, so each size gives its own ETag. */
function partDigests(size: number, partSize: number): Uint8Array[] {
  const count = Math.max(1, Math.ceil(size / partSize))
  return Array.from({ length: count }, (_, index) => Buffer.from(`${partSize}:${index}`.padEnd(16, '.')))
}

/** Fakes that record every read and HeadObject, for a file of `size` bytes with this MD5 and checksum. */
function fakes(size: number, file: { md5?: string; checksum?: string } = {}, head: Partial<HeadFacts> = {}) {
  const hashes: HashRequest[] = []
  const heads: { partNumber?: number; checksums?: boolean }[] = []
  const deps: CompareDeps = {
    hash: async (_path, request) => {
      hashes.push(request)
      const digests: FileDigests = {
        size,
        parts: new Map((request.partSizes ?? []).map(partSize => [partSize, partDigests(size, partSize)]))
      }
      if (request.md5) digests.md5 = file.md5 ?? MD5
      if (request.checksum && file.checksum) digests.checksum = file.checksum
      return digests
    },
    head: async (_key, options) => {
      heads.push(options)
      return {
        contentLength: undefined,
        partsCount: undefined,
        checksums: {},
        checksumType: undefined,
        ...head
      }
    }
  }
  return { deps, hashes, heads }
}

describe('compareObject', () => {
  it('counts a different size as changed without reading the file', async () => {
    const { deps, hashes } = fakes(10)
    expect(await compareObject(local(10), remote(11, MD5), deps)).toEqual({
      changed: true,
      why: 'size differs (10 bytes here, 11 in S3)'
    })
    expect(hashes).toEqual([])
  })

  it('finds a same-size file unchanged when its MD5 is the ETag, and changed when not', async () => {
    expect(await compareObject(local(6), remote(6, MD5), fakes(6).deps)).toEqual({
      changed: false,
      how: 'MD5 equals the ETag'
    })
    const edited = fakes(6, { md5: OTHER_MD5 })
    const verdict = await compareObject(local(6), remote(6, MD5), edited.deps)
    expect(verdict).toEqual({
      changed: true,
      why: 'content differs (MD5 is not the ETag); S3 stores no checksum to compare instead'
    })
    // No checksum listed: no HeadObject either.
    expect(edited.heads).toEqual([])
  })

  it('recomputes a multipart ETag with the usual part sizes that give N parts, in one read', async () => {
    const size = 17 * MiB + 3
    const etag = multipartETag(partDigests(size, 15 * MiB))
    const { deps, hashes, heads } = fakes(size)
    expect(await compareObject(local(size), remote(size, etag), deps)).toEqual({
      changed: false,
      how: 'multipart ETag equals (2 parts of 15 MiB)'
    })
    expect(hashes).toEqual([{ partSizes: [16 * MiB, 15 * MiB, 10 * MiB] }])
    expect(heads).toEqual([])
  })

  it('asks S3 for part 1 to learn an unusual part size, and uses it', async () => {
    const size = 20 * MiB
    const etag = multipartETag(partDigests(size, 7 * MiB))
    const { deps, hashes, heads } = fakes(size, {}, { contentLength: 7 * MiB, partsCount: 3 })
    expect(await compareObject(local(size), remote(size, etag), deps)).toEqual({
      changed: false,
      how: 'multipart ETag equals (3 parts of 7 MiB)'
    })
    expect(hashes).toEqual([{ partSizes: [8 * MiB] }, { partSizes: [7 * MiB] }])
    expect(heads).toEqual([{ partNumber: 1 }])
  })

  it('counts a multipart object changed when no part size gives its ETag, saying which were tried', async () => {
    const size = 20 * MiB
    const etag = `${OTHER_MD5}-3`
    const { deps } = fakes(size, {}, { contentLength: 8 * MiB, partsCount: 3 })
    expect(await compareObject(local(size), remote(size, etag), deps)).toEqual({
      changed: true,
      why: 'content differs (multipart ETag with 3 parts matches no part size tried: 8 MiB); S3 stores no checksum to compare instead'
    })
  })

  it('uses the stored checksum when the ETag is not the MD5 (SSE-KMS), both ways', async () => {
    const kms = remote(6, OTHER_MD5, { checksumAlgorithms: ['CRC32'] })
    const same = fakes(
      6,
      { checksum: 'NjowIA==' },
      { checksums: { CRC32: 'NjowIA==' }, checksumType: 'FULL_OBJECT' }
    )
    expect(await compareObject(local(6), kms, same.deps)).toEqual({
      changed: false,
      how: 'stored CRC32 checksum equals (the ETag is not an MD5)'
    })
    expect(same.heads).toEqual([{ checksums: true }])
    expect(same.hashes).toEqual([{ md5: true }, { checksum: 'CRC32' }])

    const edited = fakes(6, { checksum: 'AAAAAA==' }, { checksums: { CRC32: 'NjowIA==' } })
    expect(await compareObject(local(6), kms, edited.deps)).toEqual({
      changed: true,
      why: 'content differs (MD5 is not the ETag); the stored CRC32 checksum differs too'
    })
  })

  it('goes straight to the checksum for an ETag that is no MD5 at all (SSE-C)', async () => {
    const object = remote(6, 'not-an-md5', { checksumAlgorithms: ['CRC64NVME'] })
    const { deps, hashes } = fakes(6, { checksum: 'x' }, { checksums: { CRC64NVME: 'x' } })
    expect(await compareObject(local(6), object, deps)).toEqual({
      changed: false,
      how: 'stored CRC64NVME checksum equals (the ETag is not an MD5)'
    })
    expect(hashes).toEqual([{ checksum: 'CRC64NVME' }])
  })

  it('counts an object changed when its checksum is composite (per part)', async () => {
    const object = remote(6, 'not-an-md5', { checksumAlgorithms: ['SHA256'] })
    const { deps } = fakes(6, {}, { checksums: { SHA256: 'abc=-3' } })
    expect(await compareObject(local(6), object, deps)).toEqual({
      changed: true,
      why: 'the ETag "not-an-md5" is not an MD5; the stored SHA256 checksum is per part (composite)'
    })
  })

  it('counts an object changed when it cannot compare, with the reason', async () => {
    const object = remote(6, 'not-an-md5', { checksumAlgorithms: ['CRC32'] })
    const deps: CompareDeps = {
      hash: async () => {
        throw new Error('not called')
      },
      head: async () => {
        throw new Error('Access denied to s3:GetObject')
      }
    }
    expect(await compareObject(local(6), object, deps)).toEqual({
      changed: true,
      why: 'could not compare (Access denied to s3:GetObject)'
    })
    const unreadable: CompareDeps = {
      ...deps,
      hash: async () => {
        throw Object.assign(new Error("EACCES: permission denied, open '/site/a.html'"), { code: 'EACCES' })
      }
    }
    expect(await compareObject(local(6), remote(6, MD5), unreadable)).toEqual({
      changed: true,
      why: "could not compare (EACCES: permission denied, open '/site/a.html')"
    })
  })

  it('counts a file that changed while it was read as changed', async () => {
    const { deps } = fakes(7)
    expect(await compareObject(local(6), remote(6, MD5), deps)).toEqual({
      changed: true,
      why: 'the file changed while it was read (7 bytes read, 6 listed in S3)'
    })
  })
})
