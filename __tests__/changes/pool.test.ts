/** limiter: at most N tasks at once, the rest in the order they came. */
import { describe, expect, it } from '@jest/globals'
import { limiter } from '../../src/changes/pool.js'
import { rejectionOf } from '../../__fixtures__/rejection.js'

/** A task that runs until the test ends it, recording when it starts. */
function gate(log: string[], name: string) {
  let open!: (value: string) => void
  let fail!: (error: Error) => void
  const done = new Promise<string>((resolve, reject) => {
    open = resolve
    fail = reject
  })
  const task = () => {
    log.push(`start ${name}`)
    return done
  }
  return {
    task,
    open: () => {
      open(name)
    },
    fail: (error: Error) => {
      fail(error)
    }
  }
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise(resolve => setImmediate(resolve))

describe('limiter', () => {
  it('runs at most `concurrency` tasks at once, and starts the waiting ones in order', async () => {
    const limit = limiter(2)
    const log: string[] = []
    const gates = ['a', 'b', 'c', 'd'].map(name => gate(log, name))
    const results = gates.map(({ task }) => limit(task))
    await settle()
    expect(log).toEqual(['start a', 'start b'])
    gates[1]?.open()
    await settle()
    expect(log).toEqual(['start a', 'start b', 'start c'])
    gates[0]?.open()
    await settle()
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d'])
    gates[2]?.open()
    gates[3]?.open()
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('hands a freed slot to the task waiting, so a newcomer cannot run beside it', async () => {
    const limit = limiter(1)
    const log: string[] = []
    const first = gate(log, 'first')
    const waiting = gate(log, 'waiting')
    const later = gate(log, 'later')
    // The newcomer arrives the moment the first task's slot is freed.
    const newcomer = limit(first.task).then(() => limit(later.task))
    const second = limit(waiting.task)
    first.open()
    await settle()
    expect(log).toEqual(['start first', 'start waiting'])
    waiting.open()
    await settle()
    expect(log).toEqual(['start first', 'start waiting', 'start later'])
    later.open()
    expect([await second, await newcomer]).toEqual(['waiting', 'later'])
  })

  it('passes a failure on to its caller, and frees the slot for the next task', async () => {
    const limit = limiter(1)
    const log: string[] = []
    const failing = gate(log, 'failing')
    const next = gate(log, 'next')
    const failed = rejectionOf(limit(failing.task))
    const after = limit(next.task)
    failing.fail(new Error('EACCES'))
    expect((await failed).message).toBe('EACCES')
    await settle()
    expect(log).toEqual(['start failing', 'start next'])
    next.open()
    expect(await after).toBe('next')
  })
})
