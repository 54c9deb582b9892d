import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { releaseNotes, versionOfTag } from '../../scripts/release-notes.js'
import { tempDir } from '../../__fixtures__/temp.js'

const CHANGELOG = `# Changelog

All notable changes are listed here.

## Unreleased

- Something not yet released.

## [1.2.0] - 2026-03-01

### Added

- \`distribution-tag\`.

### Fixed

- A path with \`#\`.

## v1.1.0

- Older.

## 1.0.0 (2025-11-30)

- First release.

[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
`

describe('releaseNotes', () => {
  it("takes the version's section, up to the next one, whatever the heading's form", () => {
    expect(releaseNotes(CHANGELOG, '1.2.0')).toBe(
      '### Added\n\n- `distribution-tag`.\n\n### Fixed\n\n- A path with `#`.\n'
    )
    expect(releaseNotes(CHANGELOG, '1.1.0')).toBe('- Older.\n')
    // The last section ends at the file's end, without the link definitions.
    expect(releaseNotes(CHANGELOG, '1.0.0')).toBe('- First release.\n')
  })

  it('reads a CHANGELOG with CRLF line ends', () => {
    expect(releaseNotes(CHANGELOG.replace(/\n/g, '\r\n'), '1.1.0')).toBe('- Older.\n')
  })

  it('fails, saying what to do, for a version without a section', () => {
    expect(() => releaseNotes(CHANGELOG, '1.3.0')).toThrow(
      'CHANGELOG.md has no section for 1.3.0: rename "## Unreleased" to "## 1.3.0"'
    )
    // 1.2 is not 1.2.0, nor is 1.2.0 a prefix match of 11.2.0.
    expect(() => releaseNotes(CHANGELOG, '1.2')).toThrow('no section for 1.2')
    expect(() => releaseNotes('## 11.2.0\n\n- x\n', '1.2.0')).toThrow('no section')
  })

  it('fails for an empty section', () => {
    expect(() => releaseNotes('## 2.0.0\n\n## 1.0.0\n- x\n', '2.0.0')).toThrow('section for 2.0.0 is empty')
  })
})

describe('versionOfTag', () => {
  it("is the tag's version when it is package.json's", () => {
    expect(versionOfTag('v1.2.0', '1.2.0')).toBe('1.2.0')
    expect(versionOfTag('v2.0.0-rc.1', '2.0.0-rc.1')).toBe('2.0.0-rc.1')
  })

  it('refuses a tag that is no release tag, or another version than package.json', () => {
    expect(() => versionOfTag('v1', '1.0.0')).toThrow('not a release tag')
    expect(() => versionOfTag('1.2.0', '1.2.0')).toThrow('not a release tag')
    expect(() => versionOfTag('v1.2.1', '1.2.0')).toThrow(
      `The tag v1.2.1 does not match package.json's version 1.2.0: set "version": "1.2.1"`
    )
  })
})

describe('node scripts/release-notes.ts', () => {
  // As the release workflow runs it: Node 24 strips the types.
  function run(tag: string, changelog: string, version: string) {
    const dir = tempDir('release-notes-')
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog)
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }))
    const script = new URL('../../scripts/release-notes.ts', import.meta.url).pathname
    return spawnSync(process.execPath, [script, tag], { cwd: dir, encoding: 'utf8' })
  }

  it('prints the notes of the tagged version', () => {
    const result = run('v1.1.0', CHANGELOG, '1.1.0')
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: '- Older.\n' })
  })

  it('fails with an ::error:: annotation and prints no notes', () => {
    const result = run('v1.3.0', CHANGELOG, '1.3.0')
    expect(result.status).toBe(1)
    expect(result.stdout).toBe(
      '::error::CHANGELOG.md has no section for 1.3.0: rename "## Unreleased" to "## 1.3.0" (or add that section) and commit it before tagging.\n'
    )
  })
})
