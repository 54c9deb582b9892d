/**
 * The OIDC token request as @actions/core makes it, against a local token service: what each failure
 * looks like when it reaches explainTokenError, so the message names the real cause.
 */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { explainTokenError } from '../../src/aws/role-errors.js'

let server: Server
let base = ''
const saved = { ...process.env }

beforeAll(async () => {
  server = createServer((request, response) => {
    const status = Number(/status=(\d+)/.exec(request.url ?? '')?.[1] ?? 200)
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(status === 200 ? JSON.stringify({ nothing: 'here' }) : JSON.stringify({ message: 'nope' }))
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  base = `http://127.0.0.1:${address.port}`
})

afterAll(async () => {
  process.env = saved
  await new Promise<void>(done =>
    server.close(() => {
      done()
    })
  )
})

async function tokenError(url: string): Promise<string> {
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = url
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token'
  try {
    await core.getIDToken('sts.amazonaws.com')
  } catch (error) {
    return explainTokenError(error, 'sts.amazonaws.com', { env: process.env })
  }
  throw new Error('expected getIDToken to fail')
}

describe("explainTokenError, on @actions/core's own errors", () => {
  it('names the HTTP status of a failing token service, and not the permission', async () => {
    const message = await tokenError(`${base}/token?status=500`)
    expect(message).toMatch(
      /^Could not get the job's GitHub OIDC token \(audience sts.amazonaws.com\): 127\.0\.0\.1:\d+ answered HTTP 500/
    )
    expect(message).toContain('fault of the token service')
    expect(message).not.toContain('id-token')
  })

  it('says a refused request token is refused', async () => {
    const message = await tokenError(`${base}/token?status=403`)
    expect(message).toContain('answered HTTP 403')
    expect(message).toContain('request token was refused')
  })

  it('says an answer without a token is one', async () => {
    expect(await tokenError(`${base}/token?status=200`)).toContain('answered without a token')
  })

  it('says the service could not be reached when nothing listens', async () => {
    const message = await tokenError('http://127.0.0.1:9/token?x=1')
    expect(message).toContain('the runner could not reach 127.0.0.1:9')
    expect(message).toContain('ECONNREFUSED')
    expect(message).toContain("Check the runner's network")
  })

  it('names the proxy when the proxy failed the request', () => {
    const error = new Error(
      'Error message: Failed to get ID Token. \n \n        Error Code : undefined\n \n        Error Message: tunneling socket could not be established, statusCode=407'
    )
    const message = explainTokenError(error, 'sts.amazonaws.com', {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/x' },
      proxy: { https: { variable: 'HTTPS_PROXY', url: 'http://proxy:3128' } }
    })
    expect(message).toContain(
      'the proxy HTTPS_PROXY refused or failed the request to pipelines.actions.githubusercontent.com'
    )
  })
})
