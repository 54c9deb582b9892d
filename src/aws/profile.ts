/**
 * Why the AWS SDK's default chain found no credentials for the profile AWS_PROFILE names. The SDK only
 * says "Could not load credentials from any providers" for a profile that does not exist or holds no
 * credentials; this reads the same shared files it reads and names the likely cause.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The settings in a profile that give credentials, whichever way; one of them must be there. */
const CREDENTIAL_SETTINGS = [
  'aws_access_key_id',
  'role_arn',
  'sso_session',
  'sso_start_url',
  'credential_process',
  'web_identity_token_file'
] as const

/** Each profile's setting names. The config file writes `[profile NAME]` (and `[default]`); credentials `[NAME]`. */
export function profilesIn(text: string, kind: 'config' | 'credentials'): Map<string, Set<string>> {
  const profiles = new Map<string, Set<string>>()
  let current: Set<string> | undefined
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^[\]]+?)\s*\]/.exec(line)
    if (header) {
      const section = header[1] ?? ''
      const named = /^profile\s+(.+)$/.exec(section)
      // In the config file, other sections (sso-session NAME, services NAME) are no profiles.
      const name =
        kind === 'credentials'
          ? section
          : named
            ? (named[1] ?? '')
            : section === 'default'
              ? section
              : undefined
      current = name === undefined ? undefined : (profiles.get(name) ?? new Set())
      if (name !== undefined && current) profiles.set(name, current)
      continue
    }
    const setting = /^\s*([A-Za-z0-9_.-]+)\s*=/.exec(line)
    if (setting && current) current.add((setting[1] ?? '').toLowerCase())
  }
  return profiles
}

export interface SharedFile {
  path: string
  /** The variable that set the path, if one did. */
  variable?: string
  /** Undefined when the file cannot be read (usually: it does not exist). */
  text: string | undefined
}

/** The likely cause, as a sentence, for a profile the chain could not load credentials from. */
export function profileCause(profile: string, config: SharedFile, credentials: SharedFile): string {
  const settings = new Set([
    ...(profilesIn(config.text ?? '', 'config').get(profile) ?? []),
    ...(profilesIn(credentials.text ?? '', 'credentials').get(profile) ?? [])
  ])
  const where = (file: SharedFile) => {
    const notes = [file.variable, file.text === undefined ? 'no such file' : undefined].filter(Boolean)
    return notes.length > 0 ? `${file.path} (${notes.join('; ')})` : file.path
  }
  const found =
    profilesIn(config.text ?? '', 'config').has(profile) ||
    profilesIn(credentials.text ?? '', 'credentials').has(profile)
  if (!found) {
    return `The profile is in neither ${where(config)} nor ${where(credentials)}: check the name in AWS_PROFILE, and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE if the files are elsewhere.`
  }
  if (settings.has('sso_session') || settings.has('sso_start_url')) {
    return `The profile signs in with AWS IAM Identity Center (SSO), and its session has expired or was never started: run aws sso login --profile ${profile} (a GitHub job cannot sign in this way).`
  }
  if (settings.has('role_arn')) {
    return 'The profile assumes a role (role_arn), and its source_profile or credential_source gave no credentials to assume it with.'
  }
  if (settings.has('credential_process')) {
    return 'The profile gets credentials from its credential_process, which failed or printed none.'
  }
  if (!CREDENTIAL_SETTINGS.some(name => settings.has(name))) {
    return `The profile holds no credentials: none of ${CREDENTIAL_SETTINGS.join(', ')} is set for it in ${config.path} or ${credentials.path}.`
  }
  return 'The profile is set up, but its credentials could not be loaded: see the reason in parentheses.'
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * The profile AWS_PROFILE names and its likely cause, when one is set; the shared files are found where the
 * SDK looks for them.
 */
export function explainProfile(
  env: NodeJS.ProcessEnv = process.env,
  read: (path: string) => string | undefined = readOrUndefined
): { profile: string; cause: string } | undefined {
  const profile = env.AWS_PROFILE?.trim()
  if (!profile) return undefined
  const file = (variable: string, name: string): SharedFile => {
    const set = env[variable]?.trim()
    const home = env.HOME || env.USERPROFILE || homedir()
    // The SDK expands a leading ~/ in these variables too.
    const path = set ? (set.startsWith('~/') ? join(home, set.slice(2)) : set) : join(home, '.aws', name)
    return { path, ...(set ? { variable } : {}), text: read(path) }
  }
  return {
    profile,
    cause: profileCause(
      profile,
      file('AWS_CONFIG_FILE', 'config'),
      file('AWS_SHARED_CREDENTIALS_FILE', 'credentials')
    )
  }
}
