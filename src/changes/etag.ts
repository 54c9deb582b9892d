/**
 * Pure ETag arithmetic. S3's ETag is the MD5 of the object for a single PUT (without SSE-KMS or SSE-C),
 * and for a multipart upload the MD5 of the parts' binary MD5s followed by `-N` (N parts). Which part size
 * the uploader used is not stored in the ETag, so it is recomputed for every usual size that gives N parts.
 */
import { createHash } from 'node:crypto'

export const MiB = 1024 * 1024

/** S3's limits on a multipart upload: parts of at least 5 MiB (but the last), at most 10,000 parts. */
const MIN_PART_SIZE = 5 * MiB
const MAX_PARTS = 10_000

/**
 * Part sizes uploaders use, most likely first: the AWS CLI and boto3 (multipart_chunksize 8 MiB, also
 * their threshold), the JavaScript SDK's lib-storage, the Go SDK's upload manager and rclone (5 MiB),
 * s3cmd (15 MiB), MinIO's client (16 MiB), and round sizes people configure.
 */
export const USUAL_PART_SIZES: readonly number[] = [8, 5, 16, 15, 10, 32, 50, 64, 100, 128, 256, 512].map(
  size => size * MiB
)

export type ParsedETag =
  | { kind: 'md5'; md5: string }
  | { kind: 'multipart'; digest: string; parts: number }
  | { kind: 'other'; raw: string }

/** The ETag as ListObjectsV2 gives it (quoted), classified; hex is compared in lower case. */
export function parseETag(raw: string | undefined): ParsedETag {
  const text = (raw ?? '')
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1')
  const single = /^[0-9a-fA-F]{32}$/.exec(text)
  if (single) return { kind: 'md5', md5: text.toLowerCase() }
  const multi = /^([0-9a-fA-F]{32})-(\d{1,5})$/.exec(text)
  const parts = Number(multi?.[2])
  if (multi?.[1] && parts >= 1 && parts <= MAX_PARTS) {
    return { kind: 'multipart', digest: multi[1].toLowerCase(), parts }
  }
  return { kind: 'other', raw: text }
}

/** How many parts `size` bytes make in parts of `partSize` (an empty multipart upload has one part). */
export function partCount(size: number, partSize: number): number {
  return Math.max(1, Math.ceil(size / partSize))
}

/**
 * The part sizes (from `candidates`, in their order) that cut `size` bytes into exactly `parts` parts
 * S3 would have accepted. For one part, every size at least as large gives the same ETag: one suffices.
 */
export function partSizesFor(size: number, parts: number, candidates: readonly number[]): number[] {
  if (parts === 1) return [Math.max(size, 1)]
  const fitting = candidates.filter(
    partSize => partSize >= MIN_PART_SIZE && partCount(size, partSize) === parts
  )
  return [...new Set(fitting)]
}

/** The multipart ETag (without quotes) of an object whose parts have these binary MD5s. */
export function multipartETag(partDigests: readonly Uint8Array[]): string {
  const md5 = createHash('md5')
  for (const digest of partDigests) md5.update(digest)
  return `${md5.digest('hex')}-${partDigests.length}`
}
