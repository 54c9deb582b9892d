/**
 * Access denied: how AWS names it, and the one wording of every refusal the step explains, so that each
 * message says what was refused and the same fix in the same words: allow the action in the policy of
 * the role these credentials belong to.
 */

/** AWS's name for a refused call (AccessDeniedException in the JSON protocols). */
export function isAccessDenied(name: string): boolean {
  return name === 'AccessDenied' || name === 'AccessDeniedException'
}

/** The resource of an action that cannot be limited to one (ListDistributions, tag:GetResources). */
export const ANY_RESOURCE = 'the resource "*"'

/** A refused call, as its message tells it. */
export interface Denial {
  /** `cloudfront:CreateInvalidation`, `s3:ListBucket`. */
  action: string
  /** What it was refused on: `the bucket site`, `distribution E2QW…`. */
  on?: string
  /** Who needs it: `verify needs to find the domain the site is served at`. */
  needs?: string
  /** Where to allow it: an ARN, or ANY_RESOURCE. */
  resource?: string
  /** What the message says first, when the refusal is the end of a longer story: an input, or a sentence. */
  context?: string
  /** The case in which the fix applies: `If it is a multi-tenant distribution`. */
  provided?: string
  /** Another way out, with its own punctuation: `, or set verify-url to the site's address`. */
  orElse?: string
}

/**
 * `Access denied to <action> on <what>, which <who> needs. Allow <action> on <resource> in the policy of
 * the role these credentials belong to. (<AWS's message>)`, each part as the denial has it.
 */
export function denied(denial: Denial, message: string): string {
  const { action, on, needs, resource, context, provided, orElse = '' } = denial
  const refused = `access denied to ${action}${on ? ` on ${on}` : ''}${needs ? `, which ${needs}` : ''}`
  const fix = `allow ${action}${resource ? ` on ${resource}` : ''} in the policy of the role these credentials belong to${orElse}`
  return `${context ? `${context}: ${refused}` : capitalized(refused)}. ${provided ? `${provided}, ${fix}` : capitalized(fix)}. (${message})`
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
