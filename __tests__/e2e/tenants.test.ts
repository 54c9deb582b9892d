/**
 * Distribution tenants (CloudFront SaaS Manager), end to end: dist/ under Node 24 against the front's
 * tenant API (moto has none; see front.ts for the API reference it follows) and moto's distributions:
 * the tenant calls on the wire, their paging and their errors as CloudFront sends them. What needs no real
 * call (a tenant named twice, an empty or looping listing, fail-on-timeout) is tested once, in the flow
 * of main.tenants.test.ts. Tests that wait on InProgress, backoff or
 * the create rate run with time SCALE times as fast for the front and the action (FaultFront.scaleTime);
 * not those whose short wait-timeout must outlast the create (5 s: a loaded machine's start and create can
 * take more than 3 s), which scaled would race the machine's load. (China's console links are tested in
 * main.tenants.test.ts too: moto keeps the aws-cn partition's distributions apart, as AWS does.)
 */
import { describe, expect, it } from '@jest/globals'
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront'
import { expectCleanFailure, useEmulator } from './emulator.js'
import { cloudFront, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
const awsEnv = emulator.awsEnv
/** 5: the 15 s request timeout stays 3 s of real time, far over a loaded machine's answer times. */
const SCALE = 5

const MULTI = 'E7MULTITENANT0'
const tenant = (n: number) => ({
  id: `dt_2wjDZi3hD1ivOXf6rpZJOSN${String(n).padStart(3, '0')}`,
  name: `customer-${n}`,
  domains: [`customer-${n}.example.net`]
})

describe('distribution-tenant-id', () => {
  it('invalidates each tenant, waits through the tenant API, and reports tenants in the outputs', async () => {
    const [one, two] = [tenant(1), tenant(2)]
    emulator.front.scaleTime(SCALE).addTenants(MULTI, [one, two]).holdInProgress(1500)
    const run = await runAction({
      inputs: {
        'distribution-tenant-id': `${one.id}\n${two.id}`,
        paths: '/index.html',
        wait: 'true'
      },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const [first] = emulator.front.invalidationsOfTenant(one.id)
    const [second] = emulator.front.invalidationsOfTenant(two.id)
    expect(first?.paths).toEqual(['/index.html', '/'])
    expect(first?.callerReference).toMatch(/^gha-9000000001-1-[0-9a-f]{32}$/)
    expect(second?.callerReference).not.toBe(first?.callerReference)
    expect(run.outputs).toMatchObject({
      'distribution-ids': '[]',
      'distribution-tenant-ids': JSON.stringify([one.id, two.id]),
      'invalidation-id': first?.id,
      'invalidation-ids': JSON.stringify([first?.id, second?.id]),
      status: 'Completed'
    })
    expect(JSON.parse(run.outputs.invalidations ?? '')).toEqual([
      { 'distribution-tenant-id': one.id, 'invalidation-id': first?.id, status: 'Completed' },
      { 'distribution-tenant-id': two.id, 'invalidation-id': second?.id, status: 'Completed' }
    ])
    // Polled with the tenant's own call; the distribution API was never asked.
    expect(emulator.front.calls('GetInvalidationForDistributionTenant').length).toBeGreaterThanOrEqual(2)
    expect(emulator.front.calls('GetInvalidationForDistributionTenant')[0]?.path).toMatch(
      /^\/2020-05-31\/distribution-tenant\/dt_\w+\/invalidation\/I[A-Z0-9]+$/
    )
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
    expect(run.stdout).toMatch(new RegExp(`Invalidating .* of distribution tenant ${one.id}, from paths`))
    expect(run.stdout).toContain(`Created invalidation ${first?.id} on ${one.id} (InProgress).`)
    expect(run.summary).toContain('| Distribution or tenant |')
    expect(run.summary).toContain(`| \`${one.id}\` (tenant) | \`${first?.id}\` | Completed |`)
  })

  it('fails cleanly for a tenant that does not exist, creating nothing', async () => {
    emulator.front.addTenants(MULTI, [tenant(1)])
    const run = await runAction({
      inputs: { 'distribution-tenant-id': 'dt_NoSuchTenant000000000000' },
      env: awsEnv()
    })
    expectCleanFailure(
      run,
      'No distribution tenant dt_NoSuchTenant000000000000 exists',
      'distribution-tenant-id'
    )
    expect(emulator.front.invalidationsOfTenant(tenant(1).id)).toEqual([])
    // A missing tenant is not mistaken for a multi-tenant distribution.
    expect(emulator.front.calls('ListDistributionTenants')).toHaveLength(0)
  })

  it('refuses a tenant ID with junk around it before any call, saying what to write', async () => {
    const run = await runAction({
      inputs: {
        'distribution-tenant-id': `arn:aws:cloudfront::123456789012:distribution-tenant/${tenant(1).id}`
      },
      env: awsEnv()
    })
    expectCleanFailure(run, `Use the ID alone: ${tenant(1).id}.`)
    expect(emulator.front.requests).toHaveLength(0)
  })

  it('retries TooManyInvalidationsInProgress on a tenant with the same CallerReference, creating one', async () => {
    const one = tenant(1)
    emulator.front
      .scaleTime(SCALE)
      .addTenants(MULTI, [one])
      .inject(
        'CreateInvalidationForDistributionTenant',
        { kind: 'error', status: 400, code: 'TooManyInvalidationsInProgress' },
        2
      )
    const run = await runAction({
      inputs: { 'distribution-tenant-id': one.id, paths: '/a.html' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    const references = emulator.front
      .calls('CreateInvalidationForDistributionTenant')
      .map(request => /<CallerReference>([^<]*)<\/CallerReference>/.exec(request.body)?.[1])
    expect(references).toHaveLength(3)
    expect(new Set(references).size).toBe(1)
    expect(emulator.front.invalidationsOfTenant(one.id)).toHaveLength(1)
  })

  it("meets the tenant's quota of wildcards in progress as CloudFront would, and says what to do", async () => {
    const one = tenant(1)
    emulator.front.addTenants(MULTI, [one]).holdInProgress(60_000)
    const wildcards = Array.from({ length: 15 }, (_, n) => `/dir${n}/*`).join('\n')
    const first = await runAction({
      inputs: { 'distribution-tenant-id': one.id, paths: wildcards },
      env: awsEnv()
    })
    expect(first.code).toBe(0)
    const second = await runAction({
      inputs: { 'distribution-tenant-id': one.id, paths: '/more/*', 'wait-timeout': '5' },
      env: awsEnv()
    })
    expectCleanFailure(second, `Too many invalidations are in progress on distribution tenant ${one.id}`)
    expect(emulator.front.invalidationsOfTenant(one.id)).toHaveLength(1)
  })
})

describe('a multi-tenant distribution-id', () => {
  it('invalidates every tenant through every page, and a plain distribution with one call', async () => {
    const tenants = [1, 2, 3, 4, 5].map(tenant)
    emulator.front
      .scaleTime(SCALE)
      .addTenants(MULTI, tenants)
      .addTenants('E8OTHERMULTI00', [tenant(9)])
      .pageDistributionTenants(2)
    const run = await runAction({
      inputs: { 'distribution-id': `${MULTI} ${emulator.distributionId}`, paths: '/app.js' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    for (const each of tenants) expect(emulator.front.invalidationsOfTenant(each.id)).toHaveLength(1)
    // The other multi-tenant distribution's tenant is not one of them.
    expect(emulator.front.invalidationsOfTenant(tenant(9).id)).toHaveLength(0)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)

    // Three pages of two, each asked with the distribution as the filter and the last NextMarker.
    const lists = emulator.front.calls('ListDistributionTenants')
    expect(lists).toHaveLength(3)
    for (const list of lists) expect(list.body).toContain(`<DistributionId>${MULTI}</DistributionId>`)
    expect(lists.map(list => /<Marker>([^<]*)<\/Marker>/.exec(list.body)?.[1])).toEqual([
      undefined,
      tenants[2]?.id,
      tenants[4]?.id
    ])
    // The plain distribution: its CreateInvalidation and nothing else.
    const forPlain = emulator.front.requests.filter(request => request.path.includes(emulator.distributionId))
    expect(forPlain.map(request => request.operation)).toEqual(['CreateInvalidation'])

    expect(JSON.parse(run.outputs['distribution-ids'] ?? '')).toEqual([MULTI, emulator.distributionId])
    expect(JSON.parse(run.outputs['distribution-tenant-ids'] ?? '')).toEqual(tenants.map(each => each.id))
    const ids = JSON.parse(run.outputs['invalidation-ids'] ?? '') as string[]
    expect(ids).toHaveLength(6)
    expect(ids.slice(0, 5)).toEqual(tenants.map(each => emulator.front.invalidationsOfTenant(each.id)[0]?.id))
    expect(run.stdout).toContain(
      `${MULTI} is a multi-tenant distribution: invalidating each of its 5 tenants:`
    )
    expect(run.stdout).toContain(
      `  distribution tenant ${tenants[3]?.id} (customer-4) of distribution ${MULTI}`
    )
    expect(run.summary).toContain(`| \`${tenants[0]?.id}\` (tenant of \`${MULTI}\`) |`)
    expect(run.summary).toContain(
      `### \`${tenants[1]?.id}\`\n\nDistribution tenant \`customer-2\` of the multi-tenant distribution \`${MULTI}\`.\n\nFound by tenant of ${MULTI}.`
    )
    // A tenant's entry names its distribution too.
    expect(JSON.parse(run.outputs.invalidations ?? '')).toContainEqual(
      expect.objectContaining({
        'distribution-id': MULTI,
        'distribution-tenant-id': tenants[1]?.id,
        'invalidation-id': ids[1]
      })
    )
  })

  it("never obeys or renders what a tenant's name holds", async () => {
    const evil = { ...tenant(1), name: 'x`|<img src=y>\n::error::pwned ##[error]legacy' }
    emulator.front.addTenants(MULTI, [evil])
    const run = await runAction({ inputs: { 'distribution-id': MULTI }, env: awsEnv() })
    expect(run.code).toBe(0)
    // The name is printed, but between stop-commands and its token, where the runner obeys nothing.
    expect(run.stdout).toContain('::error::pwned')
    const obeyed = run.stdout.replace(/^::stop-commands::(cfi-[0-9a-f]{32})$[\s\S]*?^::\1::$/gm, '')
    expect(obeyed).not.toMatch(/^::error|##\[error\]/m)
    // In the summary it is one code span, shown as text: no HTML, no table cell broken by its |.
    expect(run.summary).toContain(
      'Distribution tenant ``x`\\|<img src=y> ::error::pwned ##[error]legacy`` of'
    )
    expect(run.summary.replace(/``[^\n]*?``/g, '')).not.toContain('<img')
  })

  it('still fails plainly for a distribution that exists nowhere, after one listing', async () => {
    const run = await runAction({ inputs: { 'distribution-id': 'E0NOSUCHDIST00' }, env: awsEnv() })
    expectCleanFailure(run, 'No distribution E0NOSUCHDIST00 exists', 'ListDistributionTenants lists none')
    expect(emulator.front.requests.map(request => request.operation)).toEqual([
      'CreateInvalidation',
      'ListDistributionTenants'
    ])
  })
})

describe('a distribution ID that exists nowhere, against an endpoint without the tenant API', () => {
  it("shows the distribution's own not-found error, not the failed tenant listing's", async () => {
    // moto itself, without the front: it has no ListDistributionTenants, and answers it with an HTML page.
    const run = await runAction({
      inputs: { 'distribution-id': 'E0000000000000' },
      env: awsEnv({ AWS_ENDPOINT_URL_CLOUDFRONT: emulator.moto.url })
    })
    expectCleanFailure(
      run,
      'No distribution E0000000000000 exists in the AWS account of these credentials',
      'ListDistributionTenants failed (the debug log has its error)'
    )
    expect(run.errors[0]).toMatch(/^No distribution E0000000000000 exists/)
    expect(run.errors[0]).not.toMatch(/parse error|<html>/)
  })
})

describe('distribution-alias', () => {
  it('finds a tenant by its domain (any case, trailing dot) and a distribution by its own domain name', async () => {
    const one = tenant(1)
    emulator.front.addTenants(MULTI, [one])
    const own = await cloudFront(emulator.moto.url).send(
      new GetDistributionCommand({ Id: emulator.distributionId })
    )
    const domainName = own.Distribution?.DomainName ?? ''
    expect(domainName).toMatch(/\.cloudfront\.net$/)
    const run = await runAction({
      inputs: { 'distribution-alias': `Customer-1.EXAMPLE.net.\n${domainName.toUpperCase()}`, paths: '/a' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(emulator.front.invalidationsOfTenant(one.id)).toHaveLength(1)
    expect(await invalidationsOf(emulator.moto.url, emulator.distributionId)).toHaveLength(1)
    // Only the name no distribution has was asked of the tenants.
    const asked = emulator.front.calls('GetDistributionTenantByDomain')
    expect(asked.map(request => request.path)).toEqual([
      '/2020-05-31/distribution-tenant?domain=customer-1.example.net'
    ])
    expect(run.stdout).toContain(
      `distribution-alias customer-1.example.net resolved to distribution tenant ${one.id} (customer-1) of distribution ${MULTI}.`
    )
    expect(run.stdout).toContain(
      `distribution-alias ${domainName.toLowerCase()} resolved to distribution ${emulator.distributionId}.`
    )
    expect(JSON.parse(run.outputs['distribution-tenant-ids'] ?? '')).toEqual([one.id])
  })

  it('names an alias no distribution and no tenant has', async () => {
    emulator.front.addTenants(MULTI, [tenant(1)])
    const run = await runAction({ inputs: { 'distribution-alias': 'nobody.example.net' }, env: awsEnv() })
    expectCleanFailure(
      run,
      'distribution-alias nobody.example.net matches no CloudFront distribution',
      'distribution tenant'
    )
  })
})

describe('AccessDenied on each tenant call names its permission', () => {
  it.each([
    [
      'CreateInvalidationForDistributionTenant',
      { 'distribution-tenant-id': tenant(1).id },
      `on distribution tenant ${tenant(1).id}`
    ],
    [
      'GetInvalidationForDistributionTenant',
      { 'distribution-tenant-id': tenant(1).id, wait: 'true' },
      `on distribution tenant ${tenant(1).id}`
    ],
    [
      'ListDistributionTenants',
      { 'distribution-id': MULTI },
      `CloudFront has no distribution ${MULTI}, and its tenants could not be listed in case it is a multi-tenant one`
    ],
    [
      'GetDistributionTenantByDomain',
      { 'distribution-alias': 'customer-1.example.net' },
      'looking it up as the domain of a distribution tenant was denied'
    ]
  ] as const)('%s', async (operation, inputs, what) => {
    emulator.front.addTenants(MULTI, [tenant(1)]).holdInProgress(60_000)
    emulator.front.inject(operation, {
      kind: 'error',
      status: 403,
      code: 'AccessDenied',
      message: `User: arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions is not authorized to perform: cloudfront:${operation}`
    })
    const run = await runAction({ inputs, env: awsEnv() })
    expectCleanFailure(run, `cloudfront:${operation}`, 'policy of the role', what)
  })
})
