/**
 * What the runner reads from the step: no workflow command may come from text of inputs, files or AWS,
 * and a cancelled job still hands on what it created.
 */
import { describe, expect, it } from '@jest/globals'
import { workflowCommands } from '../../__fixtures__/workflow-commands.js'
import { useEmulator } from './emulator.js'
import { invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()

/** The commands the action itself issues; anything else in the log came from outside text. */
const OWN = new Set(['group', 'endgroup', 'debug', 'error', 'warning', 'notice', 'add-mask', 'stop-commands'])

describe('outside text in the log', () => {
  it('never becomes a workflow command, legacy ##[ commands included', async () => {
    const hostile = [
      '/docs/##[error]from-a-path.html',
      '/docs/##[add-mask]everything.html',
      '#tag##[warning]from-a-tag',
      '/a/::error::not-at-line-start.html'
    ]
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        paths: hostile.slice(0, 2).join('\n'),
        'paths-file': 'changed.txt'
      },
      files: { 'changed.txt': hostile.slice(2).join('\n') + '\n' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(0)
    const commands = workflowCommands(run.stdout)
    // Every stop-commands pause is ended by its own token, and nothing else is obeyed meanwhile.
    const stray = commands.filter(({ name }) => !OWN.has(name) && !/^cfi-[0-9a-f]{32}$/.test(name))
    expect(stray).toEqual([])
    expect(
      commands.filter(({ name }) => name === 'add-mask' || name === 'warning' || name === 'error')
    ).toEqual([])
    // The text is still there for a human to read.
    expect(run.stdout).toContain('#tag##[warning]from-a-tag')
    expect(run.stdout).toContain('/a/::error::not-at-line-start.html')
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(invalidation?.paths.length).toBe(4)
  })

  it('an AWS error message holding a command reaches the log only as an escaped annotation', async () => {
    emulator.front.inject('CreateInvalidation', {
      kind: 'error',
      status: 400,
      code: 'InvalidArgument',
      message: 'bad path\n##[add-mask]x\n::warning::y'
    })
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/a.html' },
      env: emulator.awsEnv()
    })
    expect(run.code).toBe(1)
    const commands = workflowCommands(run.stdout)
    expect(commands.filter(({ name }) => name === 'add-mask' || name === 'warning')).toEqual([])
    expect(commands.filter(({ name }) => name === 'error')).toHaveLength(1)
  })
})

describe('a cancelled job', () => {
  it('on SIGINT while waiting writes the outputs and summary of what it created, then fails', async () => {
    emulator.front.holdInProgress(60_000)
    const run = await runAction({
      inputs: { 'distribution-id': emulator.distributionId, paths: '/a.html', wait: 'true' },
      env: emulator.awsEnv(),
      signalWhen: { pattern: /Waiting for \S+ to complete/, signal: 'SIGINT' }
    })
    expect(run.code).toBe(1)
    const [invalidation] = await invalidationsOf(emulator.moto.url, emulator.distributionId)
    expect(run.outputs['invalidation-id']).toBe(invalidation?.id)
    expect(run.outputs.status).toBe('InProgress')
    expect(run.errors).toEqual([
      'The job was cancelled (SIGINT) while waiting for the invalidation. 1 of 1 invalidations were created and go on in CloudFront; see the outputs and the summary.'
    ])
    expect(run.summary).toContain(`[${invalidation?.id}](`)
    expect(run.summary).toContain('Cancelled while waiting')
    // It stopped at once, not at wait-timeout (1800 s): the harness kills a step still running after 60 s,
    // which would leave no exit code of 1.
  })
})
