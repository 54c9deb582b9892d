import { afterEach, describe, expect, it } from '@jest/globals'
import { workflowCommands } from '../../__fixtures__/workflow-commands.js'
import { actionsRunner, mayHoldCommand, plainText } from '../../src/common/runner.js'

describe('mayHoldCommand', () => {
  it.each([
    ['::error::boom', true],
    ['  \t::warning::boom', true],
    ['a line\n  ::add-mask::secret', true],
    ['/docs/##[error]x.html', true],
    ['#tag##[add-mask]abc', true],
    ['/a::b.html', false],
    ['/index.html', false],
    ['## [error] spaced', false]
  ])('%j: %s', (text, expected) => {
    expect(mayHoldCommand(text)).toBe(expected)
  })
})

describe('plainText', () => {
  const hostile = [
    '::error::injected annotation',
    '/docs/##[error]injected.html',
    '#tag##[add-mask]everything',
    '  ::stop-commands::guess',
    '::endgroup::'
  ]

  it.each(hostile)('prints %j so that the runner obeys no command of its own', text => {
    const lines: string[] = []
    plainText(text, line => lines.push(line))
    const commands = workflowCommands(lines.join('\n'))
    // Only the pause and its end: nothing the text asked for.
    expect(commands.map(command => command.name)).toEqual([
      'stop-commands',
      expect.stringMatching(/^cfi-[0-9a-f]{32}$/)
    ])
    expect(lines).toContain(text)
  })

  it('prints ordinary text as it is', () => {
    const lines: string[] = []
    plainText('Created invalidation I1 on E1.', line => lines.push(line))
    expect(lines).toEqual(['Created invalidation I1 on E1.'])
  })

  it('uses a new token every time, so text cannot end the pause by guessing it', () => {
    const tokens = new Set<string>()
    for (let i = 0; i < 20; i++) plainText('::error::x', line => tokens.add(line))
    expect([...tokens].filter(line => line.startsWith('::stop-commands::'))).toHaveLength(20)
  })
})

describe('the workflow command reader of the tests', () => {
  it('reads commands as the runner does', () => {
    const log = ['::warning::a', '  ::error file=x::b', 'x ##[add-mask]c', '::unknown::d', 'plain'].join('\n')
    expect(workflowCommands(log).map(({ name, data }) => [name, data])).toEqual([
      ['warning', 'a'],
      ['error', 'b'],
      ['add-mask', 'c']
    ])
  })
})

describe("actionsRunner's run context, from @actions/github", () => {
  const withEnv = (env: Record<string, string | undefined>) => {
    const saved = { ...process.env }
    try {
      for (const [name, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
      return actionsRunner().context
    } finally {
      process.env = saved
    }
  }

  it('reads the run as the runner gives it, GitHub Enterprise Server URL included', () => {
    expect(
      withEnv({
        GITHUB_REPOSITORY: 'octo-org/website',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_JOB: 'deploy',
        GITHUB_ACTION: 'invalidate',
        GITHUB_SERVER_URL: 'https://ghes.example.com/',
        GITHUB_EVENT_PATH: undefined
      })
    ).toEqual({
      repository: 'octo-org/website',
      runId: '42',
      runAttempt: '2',
      job: 'deploy',
      step: 'invalidate',
      serverUrl: 'https://ghes.example.com'
    })
  })

  it('falls back outside a run (a local run)', () => {
    expect(
      withEnv({
        GITHUB_REPOSITORY: undefined,
        GITHUB_RUN_ID: undefined,
        GITHUB_RUN_ATTEMPT: undefined,
        GITHUB_JOB: undefined,
        GITHUB_ACTION: undefined,
        GITHUB_SERVER_URL: undefined,
        GITHUB_EVENT_PATH: undefined
      })
    ).toEqual({
      repository: '',
      runId: 'local',
      runAttempt: '1',
      job: '',
      step: '',
      serverUrl: 'https://github.com'
    })
  })
})

describe('actionsRunner', () => {
  it('is built from @actions/core and @actions/github over the process environment', () => {
    const runner = actionsRunner()
    expect(runner.env).toBe(process.env)
    expect(runner.context.serverUrl).toMatch(/^https?:\/\//)
  })
})

describe('actionsRunner on a full disk (/dev/full answers every write with ENOSPC)', () => {
  const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY }
  afterEach(() => {
    for (const [name, value] of [
      ['GITHUB_OUTPUT', saved.output],
      ['GITHUB_STEP_SUMMARY', saved.summary]
    ] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })

  it('names the output and the file it could not write', () => {
    process.env.GITHUB_OUTPUT = '/dev/full'
    expect(() => {
      actionsRunner().setOutput('invalidation-id', 'I1')
    }).toThrow(
      /^Could not write the output invalidation-id to the runner's GITHUB_OUTPUT file \(\/dev\/full\): ENOSPC/
    )
  })

  it('names the summary file it could not write, and keeps nothing for a later write', async () => {
    process.env.GITHUB_STEP_SUMMARY = '/dev/full'
    const runner = actionsRunner()
    await expect(runner.appendSummary('## one')).rejects.toThrow(
      /^GITHUB_STEP_SUMMARY \(\/dev\/full\): ENOSPC/
    )
    const { summary } = await import('@actions/core')
    expect(summary.stringify()).toBe('')
  })
})
