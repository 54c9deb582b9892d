/** hashFile: a local file's MD5, its parts' MD5s and an S3 checksum, read once from disk. */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { MiB } from '../../src/changes/etag.js'
import { hashFile } from '../../src/changes/hash.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'
import { tempDir } from '../../__fixtures__/temp.js'

const dir = tempDir('changes-hash-')

function file(name: string, data: Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, data)
  return path
}

/** Deterministic content: byte i is (31 i + 7) mod 251, so a part boundary anywhere changes the digests. */
function pattern(size: number): Buffer {
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) % 251
  return data
}

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest()
const hex = (parts: readonly Uint8Array[] | undefined) =>
  (parts ?? []).map(part => Buffer.from(part).toString('hex'))

/** The MD5 of each `partSize` slice of `data`, in order, as S3 cuts a multipart upload. */
function partsOf(data: Buffer, partSize: number): string[] {
  const parts: string[] = []
  for (let at = 0; at < data.length; at += partSize) {
    parts.push(md5(data.subarray(at, at + partSize)).toString('hex'))
  }
  return parts
}

describe('hashFile', () => {
  it('computes the MD5 and several part sizes in one read, each part the MD5 of its slice', async () => {
    // Not a multiple of the 1 MiB reads, nor of any part size.
    const data = pattern(17 * MiB + 3)
    const path = file('p17', data)
    const digests = await hashFile(path, { md5: true, partSizes: [8 * MiB, 5 * MiB, 16 * MiB] })
    expect(digests.size).toBe(17 * MiB + 3)
    expect(digests.md5).toBe(md5(data).toString('hex'))
    expect([...digests.parts.keys()]).toEqual([8 * MiB, 5 * MiB, 16 * MiB])
    expect(hex(digests.parts.get(8 * MiB))).toEqual(partsOf(data, 8 * MiB))
    expect(hex(digests.parts.get(5 * MiB))).toEqual(partsOf(data, 5 * MiB))
    expect(hex(digests.parts.get(16 * MiB))).toEqual(partsOf(data, 16 * MiB))
    expect(digests.parts.get(5 * MiB)).toHaveLength(4)
    expect(digests.checksum).toBeUndefined()
  })

  it('cuts a file of exactly one part size into one part, not one and an empty one', async () => {
    const data = pattern(MiB)
    const digests = await hashFile(file('one-mib', data), { partSizes: [MiB] })
    expect(hex(digests.parts.get(MiB))).toEqual([md5(data).toString('hex')])
  })

  it('gives an empty file its size 0, the MD5 of nothing, and one empty part', async () => {
    const digests = await hashFile(file('empty', Buffer.alloc(0)), { md5: true, partSizes: [8 * MiB] })
    expect(digests.size).toBe(0)
    expect(digests.md5).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(hex(digests.parts.get(8 * MiB))).toEqual(['d41d8cd98f00b204e9800998ecf8427e'])
  })

  it('computes only what is asked', async () => {
    const digests = await hashFile(file('plain', Buffer.from('hello\n')), {})
    expect(digests).toEqual({ size: 6, parts: new Map() })
  })

  it('gives the base64 checksums S3 stores', async () => {
    const hello = file('hello', Buffer.from('hello\n'))
    // The CRC32 S3 returned for this object uploaded with the AWS CLI (x-amz-checksum-crc32).
    expect((await hashFile(hello, { checksum: 'CRC32' })).checksum).toBe('NjowIA==')
    expect((await hashFile(hello, { checksum: 'SHA256' })).checksum).toBe(
      createHash('sha256').update('hello\n').digest('base64')
    )
    expect((await hashFile(hello, { checksum: 'SHA1' })).checksum).toBe(
      createHash('sha1').update('hello\n').digest('base64')
    )
    // CRC32C("123456789") = 0xE3069283 and CRC64NVME("123456789") = 0xAE8B14860A799888, the check values.
    const check = file('check', Buffer.from('123456789'))
    expect((await hashFile(check, { checksum: 'CRC32C' })).checksum).toBe(
      Buffer.from('e3069283', 'hex').toString('base64')
    )
    expect((await hashFile(check, { checksum: 'CRC64NVME' })).checksum).toBe(
      Buffer.from('ae8b14860a799888', 'hex').toString('base64')
    )
  })

  it('rejects a file that cannot be read with its error code', async () => {
    const error = (await hashFile(join(dir, 'missing.html'), { md5: true }).catch(
      (failure: unknown) => failure
    )) as NodeJS.ErrnoException
    expect(error.code).toBe('ENOENT')
  })

  it('reads nothing once the signal has aborted', async () => {
    const cancel = new AbortController()
    cancel.abort(new Error('job cancelled'))
    const error = await rejectionOf(hashFile(join(dir, 'missing.html'), { md5: true }, cancel.signal))
    // The signal's reason, not ENOENT: the file was not opened.
    expect(error.message).toBe('job cancelled')
  })
})
