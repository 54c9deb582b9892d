/**
 * What the changes action is doing right now: the progress line it prints while a phase is long (listing,
 * hashing, waiting on S3), and where a cancelled or failed run stopped. Counts only, no timers: the caller
 * gives the time (its injected clock).
 */
import { formatCount, formatDuration, formatNumber } from '../common/format.js'

/** A progress line while nothing else is printed: the runner shows the step is alive. */
export const PROGRESS_EVERY_MS = 10_000

export type Phase = 'signing in' | 'listing' | 'comparing'

const mib = (bytes: number) => `${formatNumber(Math.round(bytes / 2 ** 20))} MiB`

export class ChangesProgress {
  phase: Phase = 'signing in'
  listed = 0
  /** Files compared by content (same size as their object): how many so far, and how many are done. */
  toHash = 0
  hashed = 0
  /** Bytes read by the hashing so far, and the size of the files to hash. */
  bytesRead = 0
  bytesToHash = 0
  /** HeadObject requests waiting on S3. */
  heads = 0

  constructor(
    /** s3://bucket/prefix/ */
    readonly destination: string,
    private readonly startedAt: number
  ) {}

  /** What the step is doing, as a clause: "listing s3://site/ (3,000 objects listed, …)". */
  describe(): string {
    if (this.phase === 'signing in') return 'signing in'
    const hashing = `${formatNumber(this.hashed)} of ${formatCount(this.toHash, 'file')} hashed (${mib(this.bytesRead)} of ${mib(this.bytesToHash)} read)`
    if (this.phase === 'listing') {
      const listed = `${formatCount(this.listed, 'object')} listed`
      return `listing ${this.destination} (${this.toHash > 0 ? `${listed}, ${hashing} so far` : listed})`
    }
    if (this.heads > 0) {
      return `comparing (${hashing}; waiting on S3 for ${formatCount(this.heads, 'HeadObject answer')})`
    }
    if (this.hashed < this.toHash) {
      return `hashing ${formatNumber(this.hashed)} of ${formatCount(this.toHash, 'file')} (${mib(this.bytesRead)} of ${mib(this.bytesToHash)} read)`
    }
    return `comparing (${hashing})`
  }

  elapsed(now: number): string {
    return formatDuration(now - this.startedAt)
  }

  /** The line printed every PROGRESS_EVERY_MS while the step runs. */
  line(now: number): string {
    return `Still ${this.describe()}, ${this.elapsed(now)} so far.`
  }
}
