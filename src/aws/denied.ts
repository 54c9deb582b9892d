/**
 * Access denied: how AWS names it, and the fix every message of a refusal names in the same words: allow
 * the action in the policy of the role these credentials belong to.
 */

/** AWS's name for a refused call (AccessDeniedException in the JSON protocols). */
export function isAccessDenied(name: string): boolean {
  return name === 'AccessDenied' || name === 'AccessDeniedException'
}

/** The resource of an action that cannot be limited to one (ListDistributions, tag:GetResources). */
export const ANY_RESOURCE = 'the resource "*"'

/**
 * What to allow, and where: `s3:ListBucket on arn:aws:s3:::site in the policy of the role these
 * credentials belong to`, the fix every refusal names in the same words, after its `Allow`.
 */
export function inRolePolicy(action: string, resource?: string): string {
  return `${action}${resource ? ` on ${resource}` : ''} in the policy of the role these credentials belong to`
}
