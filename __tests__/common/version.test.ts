import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/version.js'

describe('version', () => {
  // The user agent names the action; it must say which release made a call.
  it("matches package.json's name and version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      name: string
      version: string
    }
    expect({ ACTION_NAME, ACTION_VERSION }).toEqual({ ACTION_NAME: pkg.name, ACTION_VERSION: pkg.version })
  })
})
