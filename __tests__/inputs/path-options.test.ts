import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { readIndexDocument, readOriginPath } from '../../src/inputs/path-options.js'

describe('readOriginPath', () => {
  it.each([
    ['', ''],
    ['/prod', '/prod'],
    [' /a/b ', '/a/b']
  ])('reads %j as %j', (raw, value) => {
    expect(readOriginPath(raw)).toBe(value)
  })

  it.each([
    ['prod', /does not start with \/.*\/prod\)/],
    ['/prod/', /ends with \/.*\/prod\)/],
    ['/', /is only \//],
    ['s3://bucket/prod', /is a URI/],
    ['/a/../b', /not a folder path/],
    ['/a*', /not a folder path/]
  ])('rejects %j with a UserError naming origin-path', (raw, message) => {
    expect(() => readOriginPath(raw)).toThrow(UserError)
    expect(() => readOriginPath(raw)).toThrow(new RegExp(`^origin-path: .*${message.source}`))
  })
})

describe('readIndexDocument', () => {
  it.each([
    ['', ''],
    [' index.html ', 'index.html'],
    ['índice.html', 'índice.html']
  ])('reads %j as %j', (raw, value) => {
    expect(readIndexDocument(raw)).toBe(value)
  })

  it.each(['a/index.html', '*.html', '..'])('rejects %j, naming index-document', raw => {
    expect(() => readIndexDocument(raw)).toThrow(/^index-document: /)
  })
})
