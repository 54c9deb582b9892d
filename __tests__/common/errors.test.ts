import { runInNewContext } from 'node:vm'
import { describe, expect, it } from '@jest/globals'
import {
  NotFoundError,
  UserError,
  WaitTimeoutError,
  asSentence,
  errorMessage
} from '../../src/common/errors.js'

describe('the errors the user fixes', () => {
  it('are each a UserError, named after its class', () => {
    for (const [error, name] of [
      [new UserError('a'), 'UserError'],
      [new WaitTimeoutError('b'), 'WaitTimeoutError'],
      [new NotFoundError('c'), 'NotFoundError']
    ] as const) {
      expect(error).toBeInstanceOf(UserError)
      expect(error).toBeInstanceOf(Error)
      expect(error.name).toBe(name)
    }
    expect(new WaitTimeoutError('b').message).toBe('b')
  })
})

describe('errorMessage', () => {
  it("is an Error's message, one of another realm's too, and the text of anything else", () => {
    expect(errorMessage(new UserError('fix it'))).toBe('fix it')
    const foreign: unknown = runInNewContext('new Error("from a vm context")')
    expect(foreign instanceof Error).toBe(false)
    expect(errorMessage(foreign)).toBe('from a vm context')
    expect(errorMessage({ message: 42 })).toBe('[object Object]')
    expect(errorMessage('plain text')).toBe('plain text')
    expect(errorMessage(undefined)).toBe('undefined')
    expect(errorMessage(null)).toBe('null')
  })
})

describe('asSentence', () => {
  it.each([
    ['Access denied', 'Access denied.'],
    ['Access denied.  ', 'Access denied.'],
    ['Is it?', 'Is it?'],
    ['Stop!', 'Stop!'],
    ['(see the log)', '(see the log)']
  ])('%j -> %j', (text, sentence) => {
    expect(asSentence(text)).toBe(sentence)
  })
})
