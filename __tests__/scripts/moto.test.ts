/**
 * scripts/moto.sh, run as npm test, npm run demo and CI run it, in a copy of the repository's layout with a
 * PATH that holds only the tools it needs and fake python3, python and pip programs. A real install from
 * PyPI is only exercised on GitHub's runners (the CI workflow has no pip step of its own); here the index
 * is unreachable, so the fakes play pip's part with pip's own words.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { tempDir } from '../../__fixtures__/temp.js'

const SCRIPT = new URL('../../scripts/moto.sh', import.meta.url).pathname
const BASH = '/bin/bash'
/** The programs moto.sh calls besides python and pip: nothing else is on its PATH. */
const TOOLS = ['bash', 'cat', 'dirname', 'grep', 'mkdir', 'mktemp', 'rm', 'tee', 'touch']

/** What pip 24 prints when it cannot reach PyPI (seen on this machine, whose network has no PyPI). */
const PIP_OFFLINE = `WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f70a755a790>: Failed to establish a new connection: [Errno -2] Name or service not known')': /simple/moto/
ERROR: Could not find a version that satisfies the requirement moto[server]==5.2.1 (from versions: none)
ERROR: No matching distribution found for moto[server]==5.2.1`

/** Debian's python3 without the python3-venv package (its venv module's own message). */
const DEBIAN_NO_VENV = `The virtual environment was not created successfully because ensurepip is not
available.  On Debian/Ubuntu systems, you need to install the python3-venv
package using the following command.

    apt install python3.11-venv`

/** Where a program is on this machine: the fakes call their tools by absolute path, off moto.sh's PATH. */
function which(program: string): string {
  return spawnSync(BASH, ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim()
}
const [CP, CHMOD, DIRNAME, MKDIR] = ['cp', 'chmod', 'dirname', 'mkdir'].map(which)

interface Sandbox {
  root: string
  bin: string
  /** Every call of the fake python and pip programs, one line each. */
  calls: () => string[]
  run: () => { status: number | null; stdout: string; stderr: string }
}

function executable(path: string, body: string): void {
  writeFileSync(path, `#!${BASH}\n${body}\n`)
  chmodSync(path, 0o755)
}

/** A repository root with scripts/moto.sh and a bin/ of only the tools it needs. */
function sandbox(): Sandbox {
  const root = tempDir('moto-sh-')
  mkdirSync(join(root, 'scripts'))
  copyFileSync(SCRIPT, join(root, 'scripts', 'moto.sh'))
  const bin = join(root, 'bin')
  mkdirSync(bin)
  for (const tool of TOOLS) {
    symlinkSync(which(tool), join(bin, tool))
  }
  const log = join(root, 'calls.log')
  writeFileSync(log, '')
  return {
    root,
    bin,
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    run: () => {
      const result = spawnSync(BASH, [join(root, 'scripts', 'moto.sh')], {
        cwd: root,
        env: { PATH: bin, HOME: root, CALLS: log },
        encoding: 'utf8'
      })
      return { status: result.status, stdout: result.stdout, stderr: result.stderr }
    }
  }
}

/**
 * A Python 3 whose `-m venv DIR` makes DIR/<layout>/pip from `pip` (a script body), as venv does; every
 * call is logged. `venv` replaces the venv step, to make it fail.
 */
function fakePython(
  box: Sandbox,
  name: string,
  options: { pip?: string; layout?: 'bin' | 'Scripts'; venv?: string; notPython3?: boolean } = {}
): void {
  const layout = options.layout ?? 'bin'
  const pipName = layout === 'Scripts' ? 'pip.exe' : 'pip'
  const pip = join(box.root, `${name}-pip`)
  executable(pip, `echo "pip $*" >> "$CALLS"\n${options.pip ?? 'exit 0'}`)
  executable(
    join(box.bin, name),
    [
      `echo "${name} $*" >> "$CALLS"`,
      // The Windows Store's python3 stub is no Python: it fails even the version check.
      `if [[ "$1" == -c ]]; then exit ${options.notPython3 ? 9009 : 0}; fi`,
      options.venv ?? `${MKDIR} -p "$3/${layout}" && ${CP} "${pip}" "$3/${layout}/${pipName}"`
    ].join('\n')
  )
}

/** A pip that installs a stub moto_server next to itself, as pip installs moto's console script. */
const INSTALLING_PIP = (program = 'moto_server') =>
  `dir="$(${DIRNAME} "$0")"; printf '#!${BASH}\\necho "stub moto_server $*"\\n' > "$dir/${program}"; ${CHMOD} +x "$dir/${program}"`

describe('scripts/moto.sh', () => {
  it('prints the directory of the moto_server on PATH, and installs nothing', () => {
    const box = sandbox()
    executable(join(box.bin, 'moto_server'), 'exit 0')
    fakePython(box, 'python3')
    const run = box.run()
    expect(run).toEqual({ status: 0, stdout: `${box.bin}\n`, stderr: '' })
    expect(box.calls()).toEqual([])
    expect(existsSync(join(box.root, '.moto'))).toBe(false)
  })

  it('installs the pinned moto[server] into .moto/ once, says so, and reuses it', () => {
    const box = sandbox()
    fakePython(box, 'python3', { pip: INSTALLING_PIP() })
    const first = box.run()
    expect(first.status).toBe(0)
    const dir = first.stdout.trim()
    expect(dir).toMatch(new RegExp(`^${box.root}/\\.moto/\\d+\\.\\d+\\.\\d+/bin$`))
    expect(first.stderr).toMatch(
      /moto_server is not on PATH; installing moto\[server\]==\d+\.\d+\.\d+ into \.moto\//
    )
    expect(first.stderr).toContain('installed moto_server')
    // The venv's own pip installs exactly the pinned version.
    const version = spawnSync(BASH, [SCRIPT, '--version'], { encoding: 'utf8' }).stdout.trim()
    expect(box.calls()).toEqual([
      'python3 -c import sys; sys.exit(sys.version_info[0] != 3)',
      `python3 -m venv ${box.root}/.moto/${version}`,
      `pip install --disable-pip-version-check moto[server]==${version}`
    ])
    // The directory holds a moto_server that runs.
    expect(spawnSync(join(dir, 'moto_server'), ['-p', '5000'], { encoding: 'utf8' }).stdout).toBe(
      'stub moto_server -p 5000\n'
    )

    const second = box.run()
    expect(second).toEqual({ status: 0, stdout: `${dir}\n`, stderr: '' })
    expect(box.calls()).toHaveLength(3)
  })

  it("finds a Windows venv's Scripts/ folder, and python where python3 is only the Store stub", () => {
    const box = sandbox()
    fakePython(box, 'python3', { notPython3: true })
    fakePython(box, 'python', { layout: 'Scripts', pip: INSTALLING_PIP('moto_server.exe') })
    const run = box.run()
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/\/\.moto\/[\d.]+\/Scripts\n$/)
    expect(box.calls().filter(call => call.includes('-m venv'))).toEqual([
      expect.stringMatching(/^python -m venv /)
    ])
  })

  it('says that Python 3 is missing, and how to get it, when there is none', () => {
    const box = sandbox()
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/moto_server is not on PATH, and there is no Python 3 \(python3\)/)
    expect(run.stderr).toContain('sudo apt-get install python3 python3-venv')
    expect(run.stderr).toMatch(/pip install 'moto\[server\]==[\d.]+'/)
  })

  it("says python3-venv is missing when Debian's python3 cannot make a venv, leaving nothing behind", () => {
    const box = sandbox()
    fakePython(box, 'python3', {
      venv: `${MKDIR} -p "$3/bin"; printf '%s\\n' '${DEBIAN_NO_VENV}' >&2; exit 1`
    })
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('ensurepip is not\navailable') // venv's own words, passed on
    expect(run.stderr).toContain(
      'python3 could not create a virtual environment (its venv or ensurepip module is missing; on Debian/Ubuntu: sudo apt-get install python3-venv)'
    )
    expect(existsSync(join(box.root, '.moto'))).toBe(true)
    expect(spawnSync('ls', ['-A', join(box.root, '.moto')], { encoding: 'utf8' }).stdout).toBe('')
  })

  it('says pip is missing when the venv comes without it', () => {
    const box = sandbox()
    fakePython(box, 'python3', { venv: `${MKDIR} -p "$3/bin"` })
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('python3 made a virtual environment without pip')
    expect(run.stderr).toContain('python3-venv')
  })

  it("says the package index is unreachable when pip cannot connect, with pip's error", () => {
    const box = sandbox()
    fakePython(box, 'python3', { pip: `printf '%s\\n' "${PIP_OFFLINE.replace(/"/g, '\\"')}"; exit 1` })
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('No matching distribution found for moto[server]')
    expect(run.stderr).toMatch(
      /pip could not reach the Python package index to install moto\[server\]==[\d.]+/
    )
    expect(run.stderr).toContain('HTTPS_PROXY')
    expect(run.stderr).toContain('PIP_INDEX_URL')
    // Nothing half-installed: the next run tries again.
    expect(spawnSync('ls', ['-A', join(box.root, '.moto')], { encoding: 'utf8' }).stdout).toBe('')
    expect(box.run().stderr).toContain('installing moto[server]')
  })

  it('says pip failed, without blaming the network, for any other pip error', () => {
    const box = sandbox()
    fakePython(box, 'python3', { pip: 'echo "ERROR: Could not build wheels for something" >&2; exit 1' })
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('ERROR: Could not build wheels for something')
    expect(run.stderr).toMatch(/pip could not install moto\[server\]==[\d.]+ \(see pip's output above\)/)
    expect(run.stderr).not.toContain('package index')
  })

  it('fails when pip succeeds but brings no moto_server', () => {
    const box = sandbox()
    fakePython(box, 'python3', { pip: 'exit 0' })
    const run = box.run()
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/pip installed moto\[server\]==[\d.]+, but it brought no moto_server program/)
    expect(spawnSync('ls', ['-A', join(box.root, '.moto')], { encoding: 'utf8' }).stdout).toBe('')
  })
})
