/**
 * Reads a step's log the way the GitHub runner does (actions/runner: ActionCommandManager.cs and
 * ActionCommand.cs): a line is a command when, after leading blanks, it starts `::name ...::data`, or
 * else when its first `##[` starts a legacy `##[name ...]data`; `::stop-commands::TOKEN` stops all
 * command processing until `::TOKEN::` (or `##[TOKEN]`). Only registered command names count.
 */
export const REGISTERED = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
] as const

export interface Command {
  name: string
  data: string
  line: number
}

function parseV2(line: string, registered: ReadonlySet<string>): { name: string; data: string } | undefined {
  const message = line.trimStart()
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const name = info.split(' ')[0] ?? ''
  return registered.has(name) ? { name, data: message.slice(end + 2) } : undefined
}

function parseLegacy(
  line: string,
  registered: ReadonlySet<string>
): { name: string; data: string } | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const name = line.slice(prefix + 3, bracket).split(' ')[0] ?? ''
  return registered.has(name) ? { name, data: line.slice(bracket + 1) } : undefined
}

/** Every command the runner would carry out, in order (stop-commands and its token included). */
export function workflowCommands(log: string): Command[] {
  const registered = new Set<string>(REGISTERED)
  const commands: Command[] = []
  let stopToken: string | undefined
  log.split(/\r?\n/).forEach((line, index) => {
    const command = parseV2(line, registered) ?? parseLegacy(line, registered)
    if (!command) return
    if (stopToken !== undefined) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) {
        registered.delete(stopToken)
        stopToken = undefined
        commands.push({ ...command, line: index })
      }
      return
    }
    if (command.name === 'stop-commands') {
      stopToken = command.data
      registered.add(stopToken)
    }
    commands.push({ ...command, line: index })
  })
  return commands
}
