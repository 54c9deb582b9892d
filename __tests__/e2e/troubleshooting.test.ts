/**
 * The troubleshooting table of docs/troubleshooting.md, for the error the step's flow makes (the others are checked against
 * the code in the unit project's troubleshooting.test.ts): dist/ under Node 24, as the runner runs it,
 * against a CloudFront endpoint that never answers.
 */
import { createServer } from 'node:http'
import { describe, expect, it } from '@jest/globals'
import {
  WAIT_TIMEOUT_QUOTE,
  quotePattern,
  troubleshooting,
  troubleshootingQuotes
} from '../../__fixtures__/troubleshooting.js'
import { runAction } from './harness.js'

describe('the troubleshooting table (docs/troubleshooting.md)', () => {
  it('quotes the wait-timeout error as the step prints it', async () => {
    // A CloudFront endpoint that takes the connection and never answers.
    const server = createServer(() => undefined)
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
    const address = server.address()
    if (!address || typeof address === 'string') throw new Error('no port')
    try {
      const run = await runAction({
        inputs: { 'distribution-id': 'E2QWRUHAPOMQZL', 'wait-timeout': '1' },
        env: {
          AWS_ENDPOINT_URL_CLOUDFRONT: `http://127.0.0.1:${address.port}`,
          AWS_ACCESS_KEY_ID: 'AKIDTEST',
          AWS_SECRET_ACCESS_KEY: 'secret'
        }
      })
      expect(run.errors).toHaveLength(1)
      expect(troubleshootingQuotes(troubleshooting)).toContain(WAIT_TIMEOUT_QUOTE)
      expect(run.errors[0]).toMatch(quotePattern(WAIT_TIMEOUT_QUOTE))
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
