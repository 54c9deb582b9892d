import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { readVerifySettings } from '../../src/verify/inputs.js'

const read = (values: Record<string, string>) => readVerifySettings(name => values[name] ?? '')
const ID = 'I2J0I21PCUYOIK'

describe('readVerifySettings', () => {
  it('reads verify and invalidation-id, and nothing when neither is set', () => {
    expect(read({})).toEqual({ verify: false })
    expect(read({ verify: 'true', 'invalidation-id': ` ${ID} ` })).toEqual({
      verify: true,
      invalidationId: ID
    })
  })

  it('reads verify-url as the site root', () => {
    expect(read({ verify: 'true', 'verify-url': 'https://www.example.com/' }).site).toEqual({
      origin: 'https://www.example.com',
      hostname: 'www.example.com'
    })
  })

  it('refuses verify-url without verify, naming both inputs', () => {
    expect(() => read({ 'verify-url': 'https://www.example.com' })).toThrow(
      /^verify-url is set but verify is not: set verify: true/
    )
  })

  it('refuses what is no invalidation ID, and says the fix', () => {
    expect(() => read({ 'invalidation-id': `"${ID}"` })).toThrow(/remove the quotes: I2J0I21PCUYOIK/)
    expect(() => read({ 'invalidation-id': ID.toLowerCase() })).toThrow(/upper case: I2J0I21PCUYOIK/)
    expect(() => read({ 'invalidation-id': 'the last one' })).toThrow(
      new UserError(
        'invalidation-id: "the last one" is not a CloudFront invalidation ID; give the ID a step wrote to its invalidation-id output (for example I2J0I21PCUYOIK).'
      )
    )
  })

  it('refuses caller-reference, and paths or paths-file without verify, with invalidation-id', () => {
    expect(() => read({ 'invalidation-id': ID, 'caller-reference': 'x' })).toThrow(
      /^caller-reference: invalidation-id waits on an invalidation made earlier/
    )
    expect(() => read({ 'invalidation-id': ID, paths: '/a.html' })).toThrow(
      /^paths: invalidation-id waits on an invalidation made earlier and sends no paths/
    )
    expect(() => read({ 'invalidation-id': ID, 'paths-file': 'changed.txt' })).toThrow(/^paths: /)
    expect(read({ 'invalidation-id': ID, paths: '/a.html', verify: 'true' })).toEqual({
      verify: true,
      invalidationId: ID
    })
  })
})
