/**
 * scripts/dist-fresh.mjs: npm test's warning that the bundles the end-to-end tests run may be older than
 * src/, in a repository of a few files, with git and without.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { tempDir } from '../../__fixtures__/temp.js'
import { fingerprint, staleness } from '../../scripts/dist-fresh.mjs'

/** A repository's src/ and both bundles. */
function repository(): string {
  const root = tempDir('dist-fresh-')
  for (const dir of ['src', 'dist', 'changes/dist']) mkdirSync(join(root, dir), { recursive: true })
  writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 1\n')
  writeFileSync(join(root, 'dist', 'index.js'), 'a=1')
  writeFileSync(join(root, 'changes', 'dist', 'index.js'), 'b=1')
  return root
}

const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: root,
    stdio: 'ignore'
  })

describe('staleness', () => {
  it('says nothing of a fresh clone, and warns once src/ changes without a build', () => {
    const root = repository()
    git(root, 'init', '-q')
    git(root, 'add', '.')
    git(root, 'commit', '-qm', 'first')
    expect(staleness(root)).toBeUndefined()
    writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 2\n')
    expect(staleness(root)).toMatch(/^Warning: dist\/ may be older than src\/.*Run npm run build first\.$/)
  })

  it('says nothing after a build from src/ as it is, and warns when src/ or a bundle changes after it', () => {
    const root = repository()
    git(root, 'init', '-q')
    git(root, 'add', '.')
    git(root, 'commit', '-qm', 'first')
    writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 2\n')
    writeFileSync(join(root, 'dist', 'index.js'), 'a=2')
    // What npm run build records.
    writeFileSync(join(root, '.dist-src.sha'), fingerprint(root))
    expect(staleness(root)).toBeUndefined()
    writeFileSync(join(root, 'src', 'other.ts'), 'export const b = 1\n')
    expect(staleness(root)).toMatch(/^Warning/)
    // The bundle put back as committed while src/ keeps its change.
    writeFileSync(join(root, '.dist-src.sha'), fingerprint(root))
    git(root, 'checkout', '--', 'dist')
    expect(staleness(root)).toMatch(/^Warning/)
  })

  it('takes committed bundles to match committed sources, whatever an older record says', () => {
    const root = repository()
    writeFileSync(join(root, '.dist-src.sha'), 'src old\nbundles old\n')
    git(root, 'init', '-q')
    git(root, 'add', 'src', 'dist', 'changes')
    git(root, 'commit', '-qm', 'pulled')
    expect(staleness(root)).toBeUndefined()
  })

  it('outside git, trusts a record and says nothing without one', () => {
    const root = repository()
    expect(staleness(root)).toBeUndefined()
    writeFileSync(join(root, '.dist-src.sha'), fingerprint(root))
    expect(staleness(root)).toBeUndefined()
    writeFileSync(join(root, 'src', 'main.ts'), 'export const a = 3\n')
    expect(staleness(root)).toMatch(/^Warning/)
  })
})
