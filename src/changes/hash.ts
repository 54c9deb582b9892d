/**
 * What a comparison needs from a local file, read once from disk: its MD5, its parts' MD5s for every part
 * size asked, and an S3 checksum. Files are read in 1 MiB pieces into one buffer per file; nothing holds
 * a whole file in memory.
 */
import { createHash, type Hash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import { Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc'

/** The S3 checksum algorithms a file's full-object checksum can be computed for here. */
export const CHECKSUM_ALGORITHMS = ['CRC64NVME', 'CRC32', 'CRC32C', 'SHA256', 'SHA1'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]

export interface HashRequest {
  md5?: boolean
  /** Part sizes to compute the multipart digests of (one pass for all of them). */
  partSizes?: readonly number[]
  checksum?: ChecksumAlgorithm
}

export interface FileDigests {
  /** Bytes read: differs from the listed size when the file changed while the step ran. */
  size: number
  md5?: string
  /** Per part size: the binary MD5 of each part, in order. */
  parts: Map<number, Uint8Array[]>
  /** Base64, as S3 gives checksums. */
  checksum?: string
}

const READ_SIZE = 1024 * 1024

interface Summer {
  update(data: Uint8Array): void
  digest(): Promise<string>
}

function checksumSummer(algorithm: ChecksumAlgorithm): Summer {
  if (algorithm === 'SHA256' || algorithm === 'SHA1') {
    const hash = createHash(algorithm === 'SHA256' ? 'sha256' : 'sha1')
    return { update: data => hash.update(data), digest: () => Promise.resolve(hash.digest('base64')) }
  }
  if (algorithm === 'CRC32') {
    let value = 0
    return {
      update: data => (value = crc32(data, value)),
      digest: () => {
        const out = Buffer.alloc(4)
        out.writeUInt32BE(value >>> 0)
        return Promise.resolve(out.toString('base64'))
      }
    }
  }
  const sum = algorithm === 'CRC32C' ? new Crc32c() : new Crc64Nvme()
  return {
    update: data => {
      sum.update(data)
    },
    digest: async () => Buffer.from(await sum.digest()).toString('base64')
  }
}

/** MD5s of consecutive parts of one part size, fed the file's bytes in order (hash-pool.ts: a copy). */
class PartHasher {
  readonly digests: Uint8Array[] = []
  private hash: Hash = createHash('md5')
  private filled = 0
  constructor(readonly partSize: number) {}

  update(data: Uint8Array): void {
    let offset = 0
    while (offset < data.length) {
      const take = Math.min(this.partSize - this.filled, data.length - offset)
      this.hash.update(data.subarray(offset, offset + take))
      this.filled += take
      offset += take
      if (this.filled === this.partSize) this.cut()
    }
  }

  finish(): Uint8Array[] {
    // The last part, or the only (possibly empty) one.
    if (this.filled > 0 || this.digests.length === 0) this.cut()
    return this.digests
  }

  private cut(): void {
    this.digests.push(this.hash.digest())
    this.hash = createHash('md5')
    this.filled = 0
  }
}

/** `signal` stops the read between two pieces: a cancelled job does not read a large file to its end. */
export async function hashFile(
  path: string,
  request: HashRequest,
  signal?: AbortSignal
): Promise<FileDigests> {
  signal?.throwIfAborted()
  const md5 = request.md5 ? createHash('md5') : undefined
  const parts = (request.partSizes ?? []).map(size => new PartHasher(size))
  const checksum = request.checksum ? checksumSummer(request.checksum) : undefined
  const buffer = Buffer.allocUnsafe(READ_SIZE)
  const file = await open(path, 'r')
  let size = 0
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null)
      if (bytesRead === 0) break
      const data = buffer.subarray(0, bytesRead)
      size += bytesRead
      md5?.update(data)
      for (const part of parts) part.update(data)
      checksum?.update(data)
    }
  } finally {
    await file.close()
  }
  return {
    size,
    ...(md5 ? { md5: md5.digest('hex') } : {}),
    parts: new Map(parts.map(part => [part.partSize, part.finish()])),
    ...(checksum ? { checksum: await checksum.digest() } : {})
  }
}
