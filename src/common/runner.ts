/**
 * The runner seam: everything the step says to or asks of the GitHub runner goes through one small
 * interface, built once in each action's index.ts from @actions/core and @actions/github and faked in
 * unit tests (__fixtures__/runner.ts).
 */
import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
// @actions/github's Context, from its own module: the package's entry point also loads Octokit, which the
// action never uses, and that measured 140 KiB and about 6 ms more start-up (BENCHMARKS.md).
import { Context } from '../../node_modules/@actions/github/lib/context.js'
import { UserError, errorMessage } from './errors.js'
import type { RunContext } from '../types.js'

export interface Runner {
  /** An input as the runner passes it: '' when absent. */
  getInput: (name: string) => string
  /** A log line. Text from inputs, files or AWS in it never becomes a workflow command. */
  info: (message: string) => void
  debug: (message: string) => void
  notice: (message: string) => void
  warning: (message: string) => void
  error: (message: string) => void
  startGroup: (title: string) => void
  endGroup: () => void
  setOutput: (name: string, value: string) => void
  setSecret: (secret: string) => void
  /** Sets the step's exit code to failure, with the message as an ::error:: annotation. */
  setFailed: (message: string) => void
  getIDToken: (audience: string) => Promise<string>
  /** Appends Markdown to the job summary; does nothing where the runner gave no summary file. */
  appendSummary: (markdown: string) => Promise<void>
  readonly env: NodeJS.ProcessEnv
  readonly context: RunContext
}

/**
 * True when the runner could read a line of `text` as a workflow command: one that starts with `::`
 * (after blanks), or a legacy `##[` command anywhere in the line (actions/runner, ActionCommand.cs).
 */
export function mayHoldCommand(text: string): boolean {
  return text.includes('##[') || /(^|[\r\n])[^\S\r\n]*::/.test(text)
}

/**
 * Prints text as plain log text. Text that could hold a workflow command is printed between
 * `::stop-commands::<token>` and `::<token>::`, the toolkit's way to print what must not be obeyed; the
 * token is random (and masked by the runner), so the text cannot end the pause itself.
 */
export function plainText(message: string, write: (line: string) => void): void {
  if (!mayHoldCommand(message)) {
    write(message)
    return
  }
  const token = `cfi-${randomBytes(16).toString('hex')}`
  write(`::stop-commands::${token}`)
  write(message)
  write(`::${token}::`)
}

/** Unexpected errors keep their stack, but only in the debug log: the annotation stays one clear line. */
export function logDetail(runner: Runner, error: unknown): void {
  if (error instanceof UserError && !(error.cause instanceof Error)) return
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  const cause =
    error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack}` : ''
  runner.debug(detail + cause)
}

/** How both actions end on an error: one clear ::error:: line, the detail in the debug log. */
export function fail(runner: Runner, error: unknown): void {
  logDetail(runner, error)
  runner.setFailed(errorMessage(error))
}

/** The run context from @actions/github's `context` (GitHub Enterprise Server's URL included). */
function runContextOf(context: {
  runId: number
  runAttempt: number
  job: string | undefined
  action: string | undefined
  serverUrl: string
  repo: { owner: string; repo: string }
}): RunContext {
  let repository = ''
  try {
    // context.repo throws outside a repository (no GITHUB_REPOSITORY, no event payload).
    const { owner, repo } = context.repo
    repository = `${owner}/${repo}`
  } catch {
    repository = ''
  }
  return {
    repository,
    runId: Number.isFinite(context.runId) ? String(context.runId) : 'local',
    runAttempt: Number.isFinite(context.runAttempt) ? String(context.runAttempt) : '1',
    job: context.job ?? '',
    step: context.action ?? '',
    serverUrl: context.serverUrl.replace(/\/+$/, '')
  }
}

/** The real runner: @actions/core for commands and files, @actions/github for the run context. */
export function actionsRunner(): Runner {
  return {
    getInput: name => core.getInput(name),
    info: message => {
      plainText(message, line => {
        core.info(line)
      })
    },
    debug: message => {
      core.debug(message)
    },
    notice: message => {
      core.notice(message)
    },
    warning: message => {
      core.warning(message)
    },
    error: message => {
      core.error(message)
    },
    startGroup: title => {
      core.startGroup(title)
    },
    endGroup: () => {
      core.endGroup()
    },
    setOutput,
    setSecret: secret => {
      core.setSecret(secret)
    },
    setFailed: message => {
      core.setFailed(message)
    },
    getIDToken: audience => core.getIDToken(audience),
    appendSummary,
    env: process.env,
    context: runContextOf(new Context())
  }
}

function setOutput(name: string, value: string): void {
  try {
    core.setOutput(name, value)
  } catch (error) {
    throw new Error(
      `Could not write the output ${name} to the runner's GITHUB_OUTPUT file (${process.env.GITHUB_OUTPUT ?? 'unset'}): ${errorMessage(error)}`,
      { cause: error }
    )
  }
}

async function appendSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    throw new Error(`GITHUB_STEP_SUMMARY (${process.env.GITHUB_STEP_SUMMARY}): ${errorMessage(error)}`, {
      cause: error
    })
  } finally {
    // What was not written is not kept for a later write.
    core.summary.emptyBuffer()
  }
}
