/** The types the flow's modules share, so that none of them imports another for a type. */
import type { InvalidationStatus } from './cloudfront.js'
import type { PathPlan } from './plan.js'

/** Where in GitHub Actions this step runs, from @actions/github's context. */
export interface RunContext {
  /** owner/repo, or '' outside a repository. */
  repository: string
  runId: string
  runAttempt: string
  job: string
  /** The step: GITHUB_ACTION is unique per step within a job (`__owner_repo`, `__owner_repo_2`, or the step id). */
  step: string
  /** https://github.com, or the GitHub Enterprise Server's own URL. */
  serverUrl: string
}

/** One distribution's share of the step: what to send. */
export interface Plan {
  distributionId: string
  foundBy: readonly string[]
  paths: readonly string[]
  pathPlan: PathPlan
  callerReference: string
}

/**
 * The step's one deadline: retries, unanswered calls and the wait for completion all end there. Times are
 * on the step's monotonic clock (see clock.ts), so a wall-clock step cannot stretch or cut it.
 */
export interface Deadline {
  /** When it passes, on the clock's scale. */
  at: number
  /** wait-timeout, for messages. */
  seconds: number
  /** Aborts at the deadline, or when the job is cancelled (see `cancelled`). */
  signal: AbortSignal
}

/** What happened to one distribution in this step; the summary and the outputs are made from these. */
export interface DistributionResult {
  distributionId: string
  /** The inputs that named it (`distribution-id`, `alias www.example.com`, `tag env=prod`). */
  foundBy?: readonly string[]
  paths: readonly string[]
  /** How `paths` came from what was requested: compaction, paths already covered, the bill. */
  plan?: PathPlan
  invalidationId?: string
  status?: InvalidationStatus
  /** Set when the step waited for this invalidation. */
  waitedMs?: number
  /** Polls made, and how many of them CloudFront answered. */
  polls?: number
  answeredPolls?: number
  error?: string
}
