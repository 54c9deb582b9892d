/** Input helpers both actions share: booleans, whole numbers, and the credential inputs. */
import { UserError } from './errors.js'

export type InputReader = (name: string) => string

export interface CredentialSettings {
  roleToAssume: string | undefined
  roleSessionName: string
  roleDurationSeconds: number
  /** role-chaining: assume roleToAssume with the credentials already in the job (AssumeRole), not OIDC. */
  roleChaining: boolean
  /** role-external-id, for AssumeRole (role-chaining only: AssumeRoleWithWebIdentity takes none). */
  roleExternalId: string | undefined
  audience: string
  /** The region for STS (CloudFront itself is global; the changes action's S3 client uses it too). */
  region: string | undefined
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
/** STS's pattern and length for AssumeRole's ExternalId. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/

export function readBoolean(getInput: InputReader, name: string): boolean {
  const raw = getInput(name).trim()
  if (raw === '') return false
  if (/^(true|yes|on|1)$/i.test(raw)) return true
  if (/^(false|no|off|0)$/i.test(raw)) return false
  throw new UserError(`${name}: "${raw}" is not a boolean. Use true or false.`)
}

export function readInteger(
  getInput: InputReader,
  name: string,
  {
    min,
    max,
    fallback,
    unit = 'seconds',
    hint
  }: { min: number; max: number; fallback: number; unit?: string; hint?: string }
): number {
  const raw = getInput(name).trim()
  if (raw === '') return fallback
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UserError(
      `${name}: "${raw}" is not a whole number of ${unit} from ${min} to ${max}.${hint ? ` ${hint}` : ''}`
    )
  }
  return value
}

export function readCredentialSettings(getInput: InputReader, env: NodeJS.ProcessEnv): CredentialSettings {
  const roleToAssume = getInput('role-to-assume').trim() || undefined
  if (roleToAssume && !ROLE_ARN.test(roleToAssume)) {
    throw new UserError(
      `role-to-assume: "${roleToAssume}" is not an IAM role ARN. Use the role's full ARN, for example arn:aws:iam::123456789012:role/deploy.`
    )
  }
  const roleSessionName = getInput('role-session-name').trim() || 'GitHubActions'
  if (!SESSION_NAME.test(roleSessionName)) {
    throw new UserError(
      `role-session-name: "${roleSessionName}" must be 2 to 64 letters, digits or the characters _+=,.@-`
    )
  }
  const region = readRegion(getInput, env, roleToAssume !== undefined)
  const { roleChaining, roleExternalId } = readRoleChaining(getInput, roleToAssume)
  return {
    roleToAssume,
    roleSessionName,
    roleChaining,
    roleExternalId,
    roleDurationSeconds: readInteger(getInput, 'role-duration-seconds', {
      min: 900,
      max: 43200,
      fallback: 3600
    }),
    audience: getInput('audience').trim() || 'sts.amazonaws.com',
    region
  }
}

/** The region for STS: aws-region, else the AWS_REGION or AWS_DEFAULT_REGION variable. */
function readRegion(getInput: InputReader, env: NodeJS.ProcessEnv, assumesRole: boolean): string | undefined {
  const [regionSource, region] = (
    [
      ['aws-region', getInput('aws-region').trim()],
      ['the AWS_REGION variable', env.AWS_REGION],
      ['the AWS_DEFAULT_REGION variable', env.AWS_DEFAULT_REGION]
    ] as const
  ).find(([, value]) => value) ?? ['', undefined]
  // For CloudFront (global) only STS uses the region, so only a role to assume makes a bad one matter;
  // the changes action checks it for S3 itself.
  if (assumesRole && region && !REGION.test(region)) {
    throw new UserError(`${regionSource}: "${region}" is not an AWS region name (for example us-east-1).`)
  }
  return region
}

/** role-chaining, and the external ID only it sends; both need a role to assume. */
function readRoleChaining(
  getInput: InputReader,
  roleToAssume: string | undefined
): Pick<CredentialSettings, 'roleChaining' | 'roleExternalId'> {
  const roleChaining = readBoolean(getInput, 'role-chaining')
  const roleExternalId = getInput('role-external-id').trim() || undefined
  if (roleChaining && !roleToAssume) {
    throw new UserError(
      'role-chaining: true needs role-to-assume, the role to assume with the credentials already in the job. Set role-to-assume, or remove role-chaining.'
    )
  }
  if (roleExternalId && !roleChaining) {
    throw new UserError(
      "role-external-id is only sent with role-chaining: true (AssumeRole with the job's credentials); assuming a role with the job's OIDC token takes no external ID. Set role-chaining: true, or remove role-external-id."
    )
  }
  if (roleExternalId && !EXTERNAL_ID.test(roleExternalId)) {
    throw new UserError(
      'role-external-id: must be 2 to 1224 letters, digits or the characters _+=,.@:/- (what STS accepts as ExternalId).'
    )
  }
  return { roleChaining, roleExternalId }
}
