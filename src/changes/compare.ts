/**
 * Whether a local file and the object S3 holds for it differ, by content, never by time. The rule: an
 * object counts as unchanged only when a digest of the file equals one S3 holds for the object; anything
 * in doubt counts as changed, with the reason why.
 */
import { errorMessage } from '../common/errors.js'
import { MiB, USUAL_PART_SIZES, multipartETag, parseETag, partCount, partSizesFor } from './etag.js'
import { CHECKSUM_ALGORITHMS, type FileDigests, type HashRequest } from './hash.js'
import type { HeadFacts, RemoteObject } from './s3.js'

export interface LocalFile {
  /** The path below the source folder, with `/` separators. */
  relative: string
  /** Its full path on disk. */
  path: string
  size: number
}

export type Verdict = { changed: false; how: string } | { changed: true; why: string }

export interface CompareDeps {
  hash: (path: string, request: HashRequest) => Promise<FileDigests>
  head: (key: string, options: { partNumber?: number; checksums?: boolean }) => Promise<HeadFacts>
  /**
   * Aborts when the whole run stops (the job was cancelled, S3 stopped answering): a comparison cut short
   * then fails with its reason, rather than counting as changed.
   */
  signal?: AbortSignal
}

const mib = (bytes: number) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`)

export async function compareObject(
  local: LocalFile,
  remote: RemoteObject,
  deps: CompareDeps
): Promise<Verdict> {
  if (local.size !== remote.size) {
    return { changed: true, why: `size differs (${local.size} bytes here, ${remote.size} in S3)` }
  }
  try {
    return await compareContent(local, remote, deps)
  } catch (error) {
    deps.signal?.throwIfAborted()
    return { changed: true, why: `could not compare (${errorMessage(error)})` }
  }
}

async function compareContent(local: LocalFile, remote: RemoteObject, deps: CompareDeps): Promise<Verdict> {
  const etag = parseETag(remote.etag)
  if (etag.kind === 'md5') {
    const digests = await deps.hash(local.path, { md5: true })
    if (digests.size !== remote.size) return changedWhileRead(digests, remote)
    if (digests.md5 === etag.md5) return { changed: false, how: 'MD5 equals the ETag' }
    // Not necessarily a change: an object encrypted with SSE-KMS or SSE-C has an ETag that is no MD5.
    return byChecksum(local, remote, deps, 'content differs (MD5 is not the ETag)')
  }
  if (etag.kind === 'multipart') {
    const target = `${etag.digest}-${etag.parts}`
    const tried = new Set<number>()
    const tryPartSizes = async (sizes: number[]): Promise<Verdict | undefined> => {
      const fresh = sizes.filter(size => !tried.has(size))
      if (fresh.length === 0) return undefined
      for (const size of fresh) tried.add(size)
      const digests = await deps.hash(local.path, { partSizes: fresh })
      if (digests.size !== remote.size) return changedWhileRead(digests, remote)
      for (const size of fresh) {
        const parts = digests.parts.get(size)
        if (parts && multipartETag(parts) === target) {
          return {
            changed: false,
            how: `multipart ETag equals (${etag.parts} part${etag.parts === 1 ? '' : 's'} of ${mib(size)})`
          }
        }
      }
      return undefined
    }
    const usual = await tryPartSizes(partSizesFor(remote.size, etag.parts, USUAL_PART_SIZES))
    if (usual) return usual
    // An unusual part size: S3 tells the size of part 1, which is the uploader's part size.
    if (etag.parts > 1) {
      const head = await deps.head(remote.key, { partNumber: 1 })
      const partSize = head.contentLength
      if (partSize && partCount(remote.size, partSize) === etag.parts) {
        const exact = await tryPartSizes([partSize])
        if (exact) return exact
      }
    }
    const triedText = [...tried].map(mib).join(', ')
    return byChecksum(
      local,
      remote,
      deps,
      `content differs (multipart ETag with ${etag.parts} parts matches no part size tried: ${triedText})`
    )
  }
  return byChecksum(local, remote, deps, `the ETag ${JSON.stringify(etag.raw)} is not an MD5`)
}

/**
 * S3's stored full-object checksum, for objects whose ETag is not an MD5 of their content (SSE-KMS,
 * SSE-C) or matched no part size. `why` is the reason it counts as changed if this cannot tell.
 */
async function byChecksum(
  local: LocalFile,
  remote: RemoteObject,
  deps: CompareDeps,
  why: string
): Promise<Verdict> {
  const listed = CHECKSUM_ALGORITHMS.filter(algorithm => remote.checksumAlgorithms.includes(algorithm))
  if (listed.length === 0) {
    const other =
      remote.checksumAlgorithms.length > 0 ? ` (only ${remote.checksumAlgorithms.join(', ')})` : ''
    return { changed: true, why: `${why}; S3 stores no checksum to compare instead${other}` }
  }
  const head = await deps.head(remote.key, { checksums: true })
  const algorithm = listed.find(name => head.checksums[name] !== undefined)
  const stored = algorithm ? head.checksums[algorithm] : undefined
  if (!algorithm || !stored) {
    return { changed: true, why: `${why}; HeadObject returned no stored checksum` }
  }
  // A composite checksum is a checksum of the parts' checksums: it needs the part size, and is not
  // compared here.
  if (head.checksumType === 'COMPOSITE' || /-\d+$/.test(stored)) {
    return { changed: true, why: `${why}; the stored ${algorithm} checksum is per part (composite)` }
  }
  const digests = await deps.hash(local.path, { checksum: algorithm })
  if (digests.size !== remote.size) return changedWhileRead(digests, remote)
  if (digests.checksum === stored) {
    return { changed: false, how: `stored ${algorithm} checksum equals (the ETag is not an MD5)` }
  }
  return { changed: true, why: `${why}; the stored ${algorithm} checksum differs too` }
}

function changedWhileRead(digests: FileDigests, remote: RemoteObject): Verdict {
  return {
    changed: true,
    why: `the file changed while it was read (${digests.size} bytes read, ${remote.size} listed in S3)`
  }
}
