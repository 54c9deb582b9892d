/**
 * The contributor's scripts that run the bundled action: `npm run local` (scripts/local.mjs, the action
 * with one's own inputs and action.yml's defaults) and `npm run demo` (scripts/demo.mjs), each under
 * Node 24 against moto_server, as a contributor runs them.
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { tempDir } from '../../__fixtures__/temp.js'
import { node24, ROOT } from '../../scripts/lib/local-aws.js'
import { createDistribution, invalidationsOf, startMoto, type Moto } from './harness.js'

let moto: Moto
beforeAll(async () => {
  moto = await startMoto()
}, 60_000)
afterAll(async () => {
  await moto?.stop()
})
beforeEach(async () => {
  await moto.reset()
})

/** Runs a script as npm would, with only the environment given (and PATH), in its own temporary folder. */
async function script(
  name: string,
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number | null; stdout: string; stderr: string; tmp: string }> {
  const tmp = tempDir('scripts-tmp-')
  const home = tempDir('scripts-home-')
  const child = spawn(node24(), [join(ROOT, 'scripts', name), ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TMPDIR: tmp,
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env
    }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>(done => child.on('close', done))
  return { code, stdout, stderr, tmp }
}

/** The `name = value` lines of the outputs section. */
function outputLines(stdout: string): string[] {
  const section = stdout.split('──── outputs ────')[1]?.split('────')[0] ?? ''
  return section.split('\n').filter(line => / = /.test(line))
}

describe('npm run local', () => {
  const aws = () => ({
    AWS_ENDPOINT_URL_CLOUDFRONT: moto.url,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALRUN',
    AWS_SECRET_ACCESS_KEY: 'local-run-secret'
  })

  it("runs the action with the inputs given and action.yml's defaults for the others", async () => {
    const distributionId = await createDistribution(moto.url)
    const workspace = tempDir('scripts-workspace-')
    const run = await script('local.mjs', [`distribution-id=${distributionId}`, 'paths=/docs/index.html'], {
      ...aws(),
      INIT_CWD: workspace
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // index-document's default, index.html, adds the directory: nothing to set by hand.
    const [invalidation] = await invalidationsOf(moto.url, distributionId)
    expect([...(invalidation?.paths ?? [])].sort()).toEqual(['/docs/', '/docs/index.html'])
    // Each output once, with its final value.
    const lines = outputLines(run.stdout)
    const names = lines.map(line => line.split(' = ')[0])
    expect(new Set(names).size).toBe(names.length)
    expect(lines).toContain(`invalidation-ids = ["${invalidation?.id}"]`)
    expect(lines).toContain(`distribution-ids = ["${distributionId}"]`)
    expect(run.stdout).toContain('──── job summary ────')
    // Nothing left in the temporary folder.
    expect(readdirSync(run.tmp)).toEqual([])
  })

  it('refuses an input action.yml does not declare, listing those it does', async () => {
    const run = await script('local.mjs', ['distribution=E2QWRUHAPOMQZL'], aws())
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('distribution is not an input of action.yml. Its inputs: distribution-id,')
    expect(run.stderr).toContain('Usage: npm run local -- [--changes] name=value')
  })
})

describe('npm run demo', () => {
  it('prints each output once, with its final value, and leaves no folder behind', async () => {
    const run = await script('demo.mjs', [])
    expect(run.code).toBe(0)
    const lines = outputLines(run.stdout)
    const names = lines.map(line => line.split(' = ')[0])
    expect([...names].sort()).toEqual(
      [
        'distribution-ids',
        'distribution-tenant-ids',
        'invalidation-id',
        'invalidation-ids',
        'invalidations',
        'status'
      ].sort()
    )
    expect(lines).not.toContain('invalidation-ids = []')
    expect(lines).toContain('status = Completed')
    expect(readdirSync(run.tmp)).toEqual([])
  })
})
