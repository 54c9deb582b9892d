/** The AWS calls behind distribution-alias and distribution-tag, on the step's connection; lookup.ts decides which run. */
import type { Aws } from '../cloudfront/connect.js'
import { getDistributionTenantByDomain, listDistributions } from '../cloudfront/listings.js'
import type { Runner } from '../common/runner.js'
import type { LookupDeps } from './lookup.js'
import { findTaggedDistributions } from './tagging.js'

export function lookupCalls(
  aws: () => Promise<Pick<Aws, 'client' | 'options'>>,
  signal: AbortSignal,
  runner: Runner
): LookupDeps {
  return {
    listDistributions: async () => listDistributions((await aws()).client, signal),
    getTenantByDomain: async domain => getDistributionTenantByDomain((await aws()).client, domain, signal),
    findTagged: async tags => findTaggedDistributions(tags, (await aws()).options, signal),
    info: message => {
      runner.info(message)
    }
  }
}
