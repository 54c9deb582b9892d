/**
 * The tenants of a multi-tenant distribution (CloudFront SaaS Manager): CloudFront answers
 * NoSuchDistribution for such a distribution, and only its tenants serve, so each is invalidated in its
 * place. The fallback is decided here; the fleet (send/fleet.ts) only invalidates what it is handed, in
 * the distribution's slot.
 */
import { CancelledError } from '../common/clock.js'
import { UserError, errorMessage } from '../common/errors.js'
import { describeTenant, tenantTarget } from './lookup.js'
import { logDetail, type Runner } from '../common/runner.js'
import type { DistributionResult, FoundBy, Plan, Replaced, Target, TenantSummary } from '../types.js'

/** CloudFront answers NoSuchDistribution for a multi-tenant distribution: only its tenants serve. */
export function mayHaveTenants(plan: Plan, result: DistributionResult): boolean {
  return result.notFound === true && plan.target.kind === 'distribution'
}

export interface TenantDeps {
  runner: Runner
  /** ListDistributionTenants for the distribution, every page. */
  list: () => Promise<TenantSummary[]>
  /** invalidateOne for each tenant's plan, at once, in the distribution's place. */
  invalidate: (plans: readonly Plan[]) => Promise<DistributionResult[]>
  callerReference: (tenantId: string) => string
  /** Tenants the inputs named themselves: invalidated as such, not again for their distribution. */
  named: ReadonlySet<string>
}

/** What the fallback needs of the step, for any distribution. */
export interface FallbackDeps extends Pick<TenantDeps, 'runner'> {
  /** The targets the inputs named. */
  named: readonly Target[]
  /** ListDistributionTenants for a distribution, every page. */
  list: (distributionId: string) => Promise<TenantSummary[]>
  /** The CallerReference of a tenant's invalidation, made for the distribution's plan. */
  callerReference: (tenantId: string, plan: Plan) => string
}

/**
 * The fleet's insteadOf (send/fleet.ts): a distribution CloudFront does not know is tried as a
 * multi-tenant one, its tenants invalidated in its place; any other failure stands.
 */
export function tenantFallback(
  deps: FallbackDeps
): (
  plan: Plan,
  failed: DistributionResult
) => ((invalidate: TenantDeps['invalidate']) => Promise<Replaced>) | undefined {
  // A tenant also named by itself is invalidated once, as itself.
  const named = new Set(deps.named.flatMap(target => (target.kind === 'tenant' ? [target.id] : [])))
  return (plan, failed) => {
    if (!mayHaveTenants(plan, failed)) return undefined
    return invalidate =>
      invalidateTenantsOf(plan, failed, {
        runner: deps.runner,
        named,
        list: () => deps.list(plan.distributionId),
        invalidate,
        callerReference: tenantId => deps.callerReference(tenantId, plan)
      })
  }
}

/**
 * A distribution CloudFront says does not exist may be a multi-tenant one: its tenants are listed, and
 * each gets its own invalidation in the distribution's place. With no tenant, the step fails as before,
 * saying that tenants were looked for too; when they could not be looked for, it fails as before too. Only a distribution that answered NoSuchDistribution costs
 * this call.
 */
export async function invalidateTenantsOf(
  plan: Plan,
  notFound: DistributionResult,
  deps: TenantDeps
): Promise<Replaced> {
  let tenants
  try {
    tenants = await deps.list()
  } catch (error) {
    logDetail(deps.runner, error)
    // The job was cancelled while the tenants were listed (the listing throws the cancel itself): nothing is
    // known of the ID, and nothing was sent.
    if (error instanceof CancelledError) {
      return {
        failed: {
          ...notFound,
          error: `Cancelled while listing the tenants of ${plan.distributionId} (ListDistributionTenants), which CloudFront answered NoSuchDistribution for: nothing was invalidated on it.`,
          cutShort: 'create'
        }
      }
    }
    // A refusal that names its fix (access denied to ListDistributionTenants, expired credentials) is the
    // error to show. A listing that failed otherwise (an endpoint without the tenant API, such as an
    // emulator, or a fault that outlasted the retries) says nothing of the ID: the distribution's own
    // not-found error stays the one shown, and the listing's error goes to the debug log.
    if (error instanceof UserError) return { failed: { ...notFound, error: errorMessage(error) } }
    return {
      failed: {
        ...notFound,
        error:
          `${notFound.error ?? ''} Whether it is a multi-tenant distribution could not be checked: ListDistributionTenants failed (the debug log has its error).`.trim()
      }
    }
  }
  if (tenants.length === 0) {
    return {
      failed: {
        ...notFound,
        error:
          `${notFound.error ?? ''} Nor is it a multi-tenant distribution with tenants: ListDistributionTenants lists none for ${plan.distributionId}.`.trim()
      }
    }
  }
  const all = tenants.map(tenantTarget) as Extract<Target, { kind: 'tenant' }>[]
  const targets = all.filter(target => !deps.named.has(target.id))
  const already = all.filter(target => deps.named.has(target.id)).map(target => target.id)
  if (already.length > 0) {
    deps.runner.info(
      `${plan.distributionId}: ${already.join(', ')} ${already.length === 1 ? 'is' : 'are'} named by distribution-tenant-id or distribution-alias too, and invalidated once.`
    )
  }
  if (targets.length === 0) return { results: [] }
  deps.runner.info(
    `${plan.distributionId} is a multi-tenant distribution: invalidating ${targets.length === 1 ? 'its tenant' : `each of its ${targets.length} tenants`}:\n${targets.map(target => `  ${describeTenant(target)}`).join('\n')}`
  )
  const results = await deps.invalidate(
    targets.map(target => ({
      ...plan,
      distributionId: target.id,
      target,
      foundBy: plan.foundBy.map((source): FoundBy =>
        source.by === 'distribution-id' ? { by: 'tenant-of', distributionId: plan.distributionId } : source
      ),
      callerReference: deps.callerReference(target.id)
    }))
  )
  return { results }
}
