/**
 * The types the flow's modules share, so that none of them imports another for a type. It imports
 * nothing, so no import circle can pass through it (__tests__/imports.test.ts).
 */

/** The statuses CloudFront reports for an invalidation (moto says COMPLETED; we report CloudFront's). */
export type InvalidationStatus = 'InProgress' | 'Completed'

/** An invalidation as CloudFront answered a create or a get of it. */
export interface Invalidation {
  id: string
  status: InvalidationStatus
}

/** An invalidation as CloudFront holds it: what verify and invalidation-id read of it. */
export interface InvalidationRecord extends Invalidation {
  /** CreateTime, epoch ms, on AWS's clock. */
  createdAt: number
  /** The same, as CloudFront said it (ISO 8601), for the summary. */
  createTime: string
  paths: string[]
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

/** The site a target is verified at: scheme, host and port, nothing else. */
export interface Site {
  /** `https://www.example.com` (with `:port` when not the scheme's default). */
  origin: string
  /** Lower-case host name, for the allow-list of requests. */
  hostname: string
}

/** A distribution as ListDistributions describes it: what the alias lookup needs. */
export interface DistributionSummary {
  id: string
  aliases: readonly string[]
  /** Its own domain name, d111111abcdef8.cloudfront.net. */
  domainName?: string
}

/** A distribution tenant, as GetDistributionTenantByDomain and ListDistributionTenants describe it. */
export interface TenantSummary {
  id: string
  distributionId?: string
  name?: string
  domains: readonly string[]
}

/** What the step's sources say of the object behind a changed path, for verify's exact check. */
export interface ChangedObject {
  /** The S3 object, when the path was read from a key (an s3:// URI, aws s3 output). */
  s3?: { bucket: string; key: string }
  /** Why it is known to be deleted, when it is: `a delete: line of the sync output`. */
  deleted?: string
  /**
   * A URL the step added for the object, which the origin may not serve: its directory (index-document;
   * an S3 REST origin serves only keys), or the other form of a key holding `+` (a REST origin and a
   * website endpoint each serve one of the two).
   */
  derived?: 'directory' | 'plus'
}

/**
 * The input that named a target, for the summary's "Found by …": an ID input, an alias or a tag that
 * resolved to it, or, for a tenant invalidated as one of its multi-tenant distribution's, that distribution.
 */
export type FoundBy =
  | { by: 'distribution-id' }
  | { by: 'distribution-tenant-id' }
  | { by: 'alias'; name: string }
  | { by: 'tag'; tag: string }
  | { by: 'tenant-of'; distributionId: string }

/** One target's share of the step: what to send. */
export interface Plan {
  /** The ID the invalidation is made on: the distribution's, or the tenant's (`dt_…`); `target.id`. */
  distributionId: string
  target: Target
  foundBy: readonly FoundBy[]
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
  /** The job's cancellation alone, which also ends the grace after the deadline (clock.ts graceAfter). */
  cancel?: AbortSignal | undefined
}

/** What happened to one target in this step; the summary and the outputs are made from these. */
export interface DistributionResult {
  /** `target.id`: the ID the invalidation is made on, a distribution's or a tenant's (`dt_…`). */
  distributionId: string
  /** What the invalidation is made on: a distribution, or a tenant. */
  target: Target
  /** The inputs that named it. */
  foundBy?: readonly FoundBy[]
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
  /**
   * What the deadline (a cancelled job, or wait-timeout) cut short: the create, which may have made the
   * invalidation all the same (send/cut-short.ts), or the wait for one made.
   */
  cutShort?: 'create' | 'wait'
  /** A create that failed, but may have made the invalidation: `error` gives its CallerReference. */
  maybeCreated?: boolean
  /** CloudFront answered that the distribution does not exist: it may be a multi-tenant one. */
  notFound?: boolean
  /** The wait ran out while the invalidation was still InProgress (with fail-on-timeout, an error). */
  timedOut?: boolean
  /** What went wrong but does not fail the step (a wait-timeout with fail-on-timeout false). */
  warning?: string
}

/**
 * What came of the targets invalidated in place of one whose invalidation failed (a multi-tenant
 * distribution's tenants): their results, or, when there were none to try, the one's own failure.
 */
export type Replaced = { results: DistributionResult[] } | { failed: DistributionResult }

/** A wildcard the compaction chose, and how many of the requested items it stands for. */
export interface CompactedWildcard {
  path: string
  covers: number
  /** With an inventory: the unchanged objects under it. */
  unchanged?: number
}

/** What one distribution is sent, and how it came from what was asked. */
export interface PathPlan {
  /** The items to send, in the order their first requested item was listed. */
  paths: readonly string[]
  /** Distinct items requested (after normalisation and dedupe). */
  requested: number
  /** Requested paths dropped because a wildcard in the same request already covers them. */
  alreadyCovered: number
  /** Wildcard paths among `paths`. */
  wildcards: number
  /** Cache tags among `paths`; never compacted. */
  tags: number
  /** The wildcards compaction put in place of requested paths; empty when the request fitted as it was. */
  compacted: CompactedWildcard[]
  /** The max-paths it was planned within, for what the log and the summary say of a /* sent. */
  maxPaths: number
  /** True when nothing narrower than /* fitted the limits. */
  everything: boolean
  /** How the items were read from the inputs (CLI lines, index directories, covering wildcards). */
  notes?: PathNotes
  /** With inventory-file: the site's objects, and how many unchanged ones the plan clears. */
  inventory?: PlanInventory
}

/** What the inventory told the plan, for the log and the summary. */
export interface PlanInventory {
  /** Distinct objects the site holds after the deploy. */
  objects: number
  /** Those that did not change. */
  unchanged: number
  /** Unchanged objects the wildcards sent clear (the listed and covering ones too). */
  cleared: number
  /** Requested paths the inventory does not hold (deleted objects, or an inventory of another site). */
  missing: number
  /** False when the search for the best plan gave up on an unusually large tree, and the heuristic planned. */
  exact: boolean
}

/** A wildcard sent instead of paths CloudFront cannot take as browsers request them. */
export interface CoveringWildcard {
  path: string
  /** The character CloudFront refuses where the wildcard's `*` stands. */
  character: '~' | '*'
  /** Distinct paths it stands for. */
  covers: number
  /** The first of them, as a browser requests it. */
  example: string
}

/** A directory path added because its index document was listed. */
export interface IndexAddition {
  path: string
  /** The listed path of the index document. */
  because: string
}

/** How the lines were read: what the log and the summary say about them. */
export interface PathNotes {
  /** AWS CLI lines (upload, copy, move, delete to s3://) taken as S3 keys. */
  cliKeys: number
  /** Other AWS CLI lines, ignored: progress, `Completed …`, dry runs, failures, warnings, downloads. */
  cliIgnored: number
  /** `s3://` URIs read as S3 keys. */
  s3Keys: number
  /** http(s) URLs read as their path and query. */
  urls: number
  /** Distinct keys holding `+`, each also sent with `%2B` for it (see plusForm). */
  plusKeys: number
  /** The origin path keys were mapped through, or ''. */
  originPath: string
  indexDocument: string
  indexAdded: IndexAddition[]
  covering: CoveringWildcard[]
}
