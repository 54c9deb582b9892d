/**
 * The release notes of a version: its section of CHANGELOG.md. The release workflow runs it on a
 * vX.Y.Z tag (`node scripts/release-notes.ts v1.2.3 > notes.md`), after checking the tag is
 * package.json's version, so a release never goes out without its changelog entry.
 */
import { readFileSync } from 'node:fs'

/** The version a release tag names; the tag must be vX.Y.Z and match package.json's version. */
export function versionOfTag(tag: string, packageVersion: string): string {
  const match = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag)
  if (!match?.[1])
    throw new Error(`The tag ${tag} is not a release tag: tag releases vX.Y.Z (for example v1.2.3).`)
  if (match[1] !== packageVersion) {
    throw new Error(
      `The tag ${tag} does not match package.json's version ${packageVersion}: set "version": "${match[1]}" in package.json (it is in the user agent), commit, and tag that commit.`
    )
  }
  return match[1]
}

/**
 * The body of the `## X.Y.Z` section (also `## [X.Y.Z]`, `## vX.Y.Z`, with an optional ` - date`), up to
 * the next `## ` heading, without link definitions. Throws when there is none or it is empty.
 */
export function releaseNotes(changelog: string, version: string): string {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const heading = new RegExp(`^## \\[?v?${escaped}\\]?(?:\\s+[-–(].*)?\\s*$`)
  const lines = changelog.split(/\r?\n/)
  const start = lines.findIndex(line => heading.test(line))
  if (start === -1) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}: rename "## Unreleased" to "## ${version}" (or add that section) and commit it before tagging.`
    )
  }
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(line => /^## /.test(line))
  const body = (end === -1 ? rest : rest.slice(0, end))
    .filter(line => !/^\[[^\]]+\]:\s+\S/.test(line))
    .join('\n')
    .trim()
  if (!body)
    throw new Error(`CHANGELOG.md's section for ${version} is empty: say what changed before tagging.`)
  return `${body}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tag = '', changelogPath = 'CHANGELOG.md'] = process.argv.slice(2)
  try {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    process.stdout.write(releaseNotes(readFileSync(changelogPath, 'utf8'), versionOfTag(tag, version)))
  } catch (error) {
    console.log(`::error::${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
