import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { MiB, USUAL_PART_SIZES, multipartETag, parseETag, partSizesFor } from '../../src/changes/etag.js'
import { hashFile } from '../../src/changes/hash.js'

const dir = mkdtempSync(join(tmpdir(), 'etag-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Deterministic content: byte i is (31 i + 7) mod 251, so a part boundary anywhere changes the digests. */
function pattern(size: number): Buffer {
  const data = Buffer.alloc(size)
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) % 251
  return data
}

function file(name: string, data: Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, data)
  return path
}

const p20 = file('p20', pattern(20 * MiB))
const p17 = file('p17', pattern(17 * MiB + 3))
const p8 = file('p8', pattern(8 * MiB))

/**
 * ETags S3 gave these files (moto_server 5.2.1, computing them as S3 does) when the AWS CLI 1.45 uploaded
 * them with `aws s3 cp`: multipart_chunksize 8 MiB (the default), 5 MB, and 16 MB in ~/.aws/config.
 */
const REAL = {
  p20at8: '0568e12d9c936fcc242696a15b214b51-3',
  p17at8: '6caef283e9ff0fb42a42b64974d97f47-3',
  p17at5: 'f05ca5d94c27de1b6f1e5f9b0e20c04d-4',
  p17at16: '59050f2b3e799c9e671c23ec47b94d9f-2',
  // Exactly the CLI's 8 MiB threshold: a multipart upload of one part.
  p8: 'e6639f386d0231ae2554a2b1e802c1cb-1'
}

async function etagOf(path: string, partSize: number): Promise<string> {
  const digests = await hashFile(path, { partSizes: [partSize] })
  return multipartETag(digests.parts.get(partSize) ?? [])
}

describe('multipart ETags, recomputed', () => {
  it('equal the ETags of real multipart uploads at 8, 5 and 16 MiB parts', async () => {
    expect(await etagOf(p20, 8 * MiB)).toBe(REAL.p20at8)
    expect(await etagOf(p17, 8 * MiB)).toBe(REAL.p17at8)
    expect(await etagOf(p17, 5 * MiB)).toBe(REAL.p17at5)
    expect(await etagOf(p17, 16 * MiB)).toBe(REAL.p17at16)
    expect(await etagOf(p8, 8 * MiB)).toBe(REAL.p8)
  })

  it('does not match with a part size that gives the same number of parts but other boundaries', async () => {
    // 7 MiB parts also make 3 parts of 17 MiB + 3 bytes, cut elsewhere.
    expect(await etagOf(p17, 7 * MiB)).not.toBe(REAL.p17at8)
    expect((await etagOf(p17, 7 * MiB)).endsWith('-3')).toBe(true)
  })
})

describe('partSizesFor', () => {
  it('keeps the usual part sizes that cut the size into exactly N parts, 8 MiB first', () => {
    expect(partSizesFor(20 * MiB, 3, USUAL_PART_SIZES)).toEqual([8 * MiB])
    expect(partSizesFor(17 * MiB + 3, 4, USUAL_PART_SIZES)).toEqual([5 * MiB])
    expect(partSizesFor(17 * MiB + 3, 2, USUAL_PART_SIZES)).toEqual([16 * MiB, 15 * MiB, 10 * MiB])
    expect(partSizesFor(1000 * MiB, 63, USUAL_PART_SIZES)).toEqual([16 * MiB])
  })

  it('needs only one size for a single part, and none when no usual size fits', () => {
    expect(partSizesFor(8 * MiB, 1, USUAL_PART_SIZES)).toEqual([8 * MiB])
    expect(partSizesFor(0, 1, USUAL_PART_SIZES)).toEqual([1])
    // 22 MiB in 4 parts (6 or 7 MiB parts): 5 MiB gives 5 parts, 8 MiB 3, no usual size 4.
    expect(partSizesFor(22 * MiB, 4, USUAL_PART_SIZES)).toEqual([])
  })

  it('ignores sizes below S3 minimum part of 5 MiB', () => {
    expect(partSizesFor(12 * MiB, 3, [4 * MiB, 5 * MiB])).toEqual([5 * MiB])
  })
})

describe('parseETag', () => {
  it('reads single-part, multipart and other ETags as listed (quoted)', () => {
    expect(parseETag('"B1946AC92492D2347C6235B4D2611184"')).toEqual({
      kind: 'md5',
      md5: 'b1946ac92492d2347c6235b4d2611184'
    })
    expect(parseETag('"0568e12d9c936fcc242696a15b214b51-3"')).toEqual({
      kind: 'multipart',
      digest: '0568e12d9c936fcc242696a15b214b51',
      parts: 3
    })
    expect(parseETag('"0568e12d9c936fcc242696a15b214b51-0"').kind).toBe('other')
    expect(parseETag('"0568e12d9c936fcc242696a15b214b51-10001"').kind).toBe('other')
    expect(parseETag('"abc"')).toEqual({ kind: 'other', raw: 'abc' })
    expect(parseETag(undefined)).toEqual({ kind: 'other', raw: '' })
  })
})
