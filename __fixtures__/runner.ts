import type { Runner } from '../src/common/runner.js'
import type { RunContext } from '../src/types.js'

/** One thing the step did to the runner, in order. */
export type RunnerEvent =
  | { kind: 'info' | 'debug' | 'notice' | 'warning' | 'error' | 'failed'; message: string }
  | { kind: 'group'; title: string }
  | { kind: 'endgroup' }
  | { kind: 'output'; name: string; value: string }
  | { kind: 'secret'; value: string }
  | { kind: 'summary'; markdown: string }

export const TEST_CONTEXT: RunContext = {
  repository: 'octo-org/website',
  runId: '4242',
  runAttempt: '1',
  job: 'deploy',
  step: 'invalidate',
  serverUrl: 'https://github.com'
}

/** A runner that records what the step does, for unit tests of the flow. */
export function fakeRunner(
  inputs: Record<string, string>,
  options: {
    env?: NodeJS.ProcessEnv
    getIDToken?: (audience: string) => Promise<string>
    context?: RunContext
    summaryFails?: boolean
    /** Every output written after this many fails, as on a disk that filled up. */
    outputsFailAfter?: number
  } = {}
) {
  const events: RunnerEvent[] = []
  const of = <K extends RunnerEvent['kind']>(kind: K) =>
    events.filter((event): event is Extract<RunnerEvent, { kind: K }> => event.kind === kind)
  const runner: Runner = {
    getInput: name => inputs[name] ?? '',
    info: message => events.push({ kind: 'info', message }),
    debug: message => events.push({ kind: 'debug', message }),
    notice: message => events.push({ kind: 'notice', message }),
    warning: message => events.push({ kind: 'warning', message }),
    error: message => events.push({ kind: 'error', message }),
    startGroup: title => events.push({ kind: 'group', title }),
    endGroup: () => events.push({ kind: 'endgroup' }),
    setOutput: (name, value) => {
      if (options.outputsFailAfter !== undefined && of('output').length >= options.outputsFailAfter) {
        throw new Error(
          `Could not write the output ${name} to GITHUB_OUTPUT: ENOSPC: no space left on device, write`
        )
      }
      events.push({ kind: 'output', name, value })
    },
    setSecret: value => events.push({ kind: 'secret', value }),
    setFailed: message => events.push({ kind: 'failed', message }),
    getIDToken: options.getIDToken ?? (() => Promise.reject(new Error('no OIDC token in this test'))),
    appendSummary: async markdown => {
      if (options.summaryFails) throw new Error('ENOSPC: no space left on device, write')
      events.push({ kind: 'summary', markdown })
    },
    env: options.env ?? {},
    context: options.context ?? TEST_CONTEXT
  }
  return {
    runner,
    events,
    /** The last value of each output, as the runner keeps it. */
    outputs: () => Object.fromEntries(of('output').map(({ name, value }) => [name, value])),
    // Typed by hand: Extract<> of the union member whose kind is itself a union finds nothing (never).
    log: (): string[] => of('info').map(({ message }) => message),
    failures: (): string[] => of('failed').map(({ message }) => message),
    warnings: (): string[] => of('warning').map(({ message }) => message),
    errors: (): string[] => of('error').map(({ message }) => message),
    debugs: (): string[] => of('debug').map(({ message }) => message),
    summary: () =>
      of('summary')
        .map(({ markdown }) => markdown)
        .join('')
  }
}
