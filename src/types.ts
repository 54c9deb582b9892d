/**
 * The types the flow's modules share, so that none of them imports another for a type. It imports no
 * module of the flow but the path plan's type from plan.ts, which imports nothing back: no import circle
 * (__tests__/imports.test.ts).
 */
import type { PathPlan } from './plan.js'

/** The statuses CloudFront reports for an invalidation (moto says COMPLETED; we report CloudFront's). */
export type InvalidationStatus = 'InProgress' | 'Completed'

/** An invalidation as CloudFront answered a create or a get of it. */
export interface Invalidation {
  id: string
  status: InvalidationStatus
}

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

/**
 * What one invalidation is made on: a distribution, or a distribution tenant of a multi-tenant
 * distribution (CloudFront SaaS Manager), which has its own invalidations
 * (CreateInvalidationForDistributionTenant).
 */
export type Target =
  | { kind: 'distribution'; id: string }
  | {
      kind: 'tenant'
      /** The tenant's ID, `dt_…`. */
      id: string
      /** The multi-tenant distribution it belongs to, when a lookup or listing told us. */
      distributionId?: string
      /** Its name, when a lookup or listing told us. */
      name?: string
    }

/** One target's share of the step: what to send. */
export interface Plan {
  /** The ID the invalidation is made on: the distribution's, or the tenant's (`dt_…`); `target.id`. */
  distributionId: string
  target: Target
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
  /** Aborts at the deadline, or when the job is cancelled (run()'s `cancel` signal). */
  signal: AbortSignal
}

/** What happened to one target in this step; the summary and the outputs are made from these. */
export interface DistributionResult {
  /** The ID the invalidation is made on: a distribution's, or a tenant's (`dt_…`) when `target` says so. */
  distributionId: string
  /** Absent for a distribution. */
  target?: Target
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
  /** CloudFront answered that the distribution does not exist: it may be a multi-tenant one. */
  notFound?: boolean
  /** The wait ran out while the invalidation was still InProgress (with fail-on-timeout, an error). */
  timedOut?: boolean
  /** What went wrong but does not fail the step (a wait-timeout with fail-on-timeout false). */
  warning?: string
}
