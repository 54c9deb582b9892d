/** A forward HTTP proxy, as on a self-hosted runner behind one: it records and relays each request. */
import { createServer, request as httpRequest, type Server } from 'node:http'

export interface Proxy {
  url: string
  /** `METHOD absolute-url` of every request relayed. */
  seen: string[]
  stop(): Promise<void>
}

export async function startProxy(): Promise<Proxy> {
  const seen: string[] = []
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    const upstream = httpRequest(
      request.url ?? '',
      { method: request.method, headers: request.headers },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstream.on('error', () => response.writeHead(502).end())
    request.pipe(upstream)
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    stop: () => {
      server.closeAllConnections()
      return new Promise<void>(done =>
        server.close(() => {
          done()
        })
      )
    }
  }
}
