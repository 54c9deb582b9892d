/** Each target's share of the step: the one path plan every target is sent, and its CallerReference. */
import type { Runner } from '../common/runner.js'
import type { Settings } from '../inputs/inputs.js'
import { planPaths } from '../paths/plan.js'
import type { Inventory } from '../paths/inventory.js'
import type { ResolvedTarget } from '../targets/lookup.js'
import type { Plan } from '../types.js'
import { callerReference } from './caller-reference.js'

/** Every target is asked for the same paths, so one path plan serves them all. */
export function planInvalidations(
  runner: Runner,
  settings: Settings,
  resolved: readonly ResolvedTarget[],
  stepNonce: string
): Plan[] {
  const inventory = usableInventory(runner, settings)
  const pathPlan = planPaths(settings.paths, { maxPaths: settings.maxPaths }, settings.pathNotes, inventory)
  const paths = pathPlan.paths
  return resolved.map(({ target, foundBy }) => ({
    distributionId: target.id,
    target,
    foundBy,
    paths,
    pathPlan,
    callerReference: callerReferenceOf(runner, settings, target.id, paths, stepNonce)
  }))
}

/** caller-reference as given, or one made of the run, the target, its paths and the step. */
export function callerReferenceOf(
  runner: Runner,
  settings: Pick<Settings, 'callerReference'>,
  targetId: string,
  paths: readonly string[],
  stepNonce: string
): string {
  return settings.callerReference ?? callerReference(runner.context, targetId, paths, stepNonce)
}

/** An empty inventory-file is more likely a failed step than an empty site: plan as without one. */
export function usableInventory(
  runner: Runner,
  settings: Pick<Settings, 'inventory' | 'inventoryFile'>
): Inventory | undefined {
  if (!settings.inventory || settings.inventory.objects > 0) return settings.inventory
  runner.warning(
    `inventory-file: ${settings.inventoryFile} lists no objects, so it was not used: compaction cannot tell what else a wildcard clears. Give it every object the site holds after the deploy (the changes action's inventory-file output).`
  )
  return undefined
}
