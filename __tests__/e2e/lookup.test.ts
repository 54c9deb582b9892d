/**
 * distribution-alias and distribution-tag, end to end: the bundled action finds distributions in
 * moto_server by alternate domain name (through ListDistributions, which the front pages and fills with
 * the Aliases moto leaves out) and by tag (through the Resource Groups Tagging API).
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { ListDistributionsCommand } from '@aws-sdk/client-cloudfront'
import { expectCleanFailure, useEmulator } from './emulator.js'
import { cloudFront, createDistribution, invalidationsOf, runAction } from './harness.js'

const emulator = useEmulator()
const awsEnv = emulator.awsEnv

/** Three more distributions: aliases, a wildcard alias, and tags. */
let site = ''
let wildcard = ''
let docs = ''
beforeEach(async () => {
  const moto = emulator.moto.url
  site = await createDistribution(moto, 'site', {
    aliases: ['example.com', 'www.example.com'],
    tags: { env: 'prod', team: 'web' }
  })
  wildcard = await createDistribution(moto, 'wildcard', {
    aliases: ['*.example.com'],
    tags: { env: 'prod' }
  })
  docs = await createDistribution(moto, 'docs', { aliases: ['docs.example.org'], tags: { env: 'staging' } })
  emulator.front.fillListDistributionAliases()
})

async function invalidated(): Promise<Record<string, number>> {
  const ids = [emulator.distributionId, site, wildcard, docs]
  const counts = await Promise.all(ids.map(async id => (await invalidationsOf(emulator.moto.url, id)).length))
  return Object.fromEntries(ids.map((id, index) => [id, counts[index] ?? 0]))
}

describe('distribution-alias and distribution-tag', () => {
  it('invalidates the union of IDs, aliases (exact and wildcard) and tags, each once', async () => {
    // Two a page, so the action has to follow NextMarker.
    emulator.front.pageListDistributions(2)
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        'distribution-alias': 'WWW.example.com, shop.example.com',
        'distribution-tag': 'env=prod',
        paths: '/index.html'
      },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(await invalidated()).toEqual({ [emulator.distributionId]: 1, [site]: 1, [wildcard]: 1, [docs]: 0 })
    expect(JSON.parse(run.outputs['distribution-ids'] ?? '')).toEqual([
      emulator.distributionId,
      site,
      wildcard
    ])
    expect(JSON.parse(run.outputs['invalidation-ids'] ?? '')).toHaveLength(3)

    expect(run.stdout).toContain(`distribution-alias www.example.com resolved to distribution ${site}.`)
    expect(run.stdout).toContain(
      `distribution-alias shop.example.com resolved to distribution ${wildcard} (by its alias *.example.com).`
    )
    expect(run.stdout).toMatch(
      new RegExp(
        `distribution-tag env=prod resolved to distributions (${site}, ${wildcard}|${wildcard}, ${site})\\.`
      )
    )
    expect(run.summary).toContain(`### \`${site}\`\n\nFound by alias \`www.example.com\`, tag \`env=prod\`.`)

    // Every page once, and one tagging call for the tag, whatever the number of distributions.
    const all = await cloudFront(emulator.moto.url).send(new ListDistributionsCommand({}))
    const pages = Math.ceil((all.DistributionList?.Quantity ?? 0) / 2)
    expect(pages).toBeGreaterThanOrEqual(2)
    const lists = emulator.front.calls('ListDistributions')
    expect(lists).toHaveLength(pages)
    expect(lists.map(call => new URL(call.path, 'http://x').searchParams.get('Marker'))).toEqual([
      null,
      ...lists.slice(1).map(() => expect.stringMatching(/^[A-Z0-9]+$/))
    ])
    expect(emulator.front.calls('GetResources')).toHaveLength(1)
  })

  it('finds distributions by tag alone with one GetResources call, and lists nothing', async () => {
    const run = await runAction({
      inputs: { 'distribution-tag': 'team=web' },
      env: awsEnv({
        AWS_SESSION_TOKEN: 'session-token-from-configure-aws-credentials',
        AWS_REGION: 'eu-west-1'
      })
    })
    expect(run.code).toBe(0)
    expect(await invalidated()).toEqual({ [emulator.distributionId]: 0, [site]: 1, [wildcard]: 0, [docs]: 0 })
    expect(JSON.parse(run.outputs['distribution-ids'] ?? '')).toEqual([site])
    expect(emulator.front.calls('ListDistributions')).toHaveLength(0)

    const [getResources] = emulator.front.calls('GetResources')
    expect(JSON.parse(getResources?.body ?? '')).toMatchObject({
      ResourceTypeFilters: ['cloudfront'],
      TagFilters: [{ Key: 'team', Values: ['web'] }]
    })
    // Signed like the CloudFront calls: CloudFront's resources are tagged in us-east-1.
    expect(getResources?.headers.authorization).toMatch(
      /Credential=AKIDENVIRONMENT1\/\d+\/us-east-1\/tagging\//
    )
    expect(getResources?.headers['x-amz-security-token']).toBe('session-token-from-configure-aws-credentials')
    expect(getResources?.headers['user-agent']).toMatch(/cloudfront-invalidate-action\/\d+\.\d+\.\d+/)
  })

  it('reads a comma list of tags as several tags, each adding its distributions', async () => {
    const run = await runAction({
      inputs: { 'distribution-tag': 'team=web,env=staging', paths: '/index.html' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(await invalidated()).toEqual({ [emulator.distributionId]: 0, [site]: 1, [wildcard]: 0, [docs]: 1 })
    expect(run.stdout).toContain(`distribution-tag team=web resolved to distribution ${site}.`)
    expect(run.stdout).toContain(`distribution-tag env=staging resolved to distribution ${docs}.`)
    expect(emulator.front.calls('GetResources')).toHaveLength(2)
  })

  it('says how to give two tags when a space-separated pair matches nothing', async () => {
    const run = await runAction({ inputs: { 'distribution-tag': 'team=web env=staging' }, env: awsEnv() })
    expectCleanFailure(
      run,
      'distribution-tag team=web env=staging matches no CloudFront distribution',
      'give several tags one per line or separated by commas'
    )
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
  })

  it('names every alias and tag that matches nothing, and invalidates nothing', async () => {
    const run = await runAction({
      inputs: {
        'distribution-id': emulator.distributionId,
        // One label too many for *.example.com; tag values are case-sensitive.
        'distribution-alias': 'www.example.com a.b.example.com',
        'distribution-tag': 'env=Prod'
      },
      env: awsEnv()
    })
    expectCleanFailure(
      run,
      'distribution-alias a.b.example.com, distribution-tag env=Prod match no CloudFront distribution'
    )
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
    expect(await invalidated()).toEqual({ [emulator.distributionId]: 0, [site]: 0, [wildcard]: 0, [docs]: 0 })
    expect(run.outputs['distribution-ids']).toBeUndefined()
  })

  it('names cloudfront:ListDistributions when it is denied', async () => {
    emulator.front.inject('ListDistributions', {
      kind: 'error',
      status: 403,
      code: 'AccessDenied',
      message: 'User is not authorized to perform: cloudfront:ListDistributions'
    })
    const run = await runAction({ inputs: { 'distribution-alias': 'www.example.com' }, env: awsEnv() })
    expectCleanFailure(run, 'Access denied to cloudfront:ListDistributions', 'distribution-alias', '"*"')
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
  })

  it('looks up in a dry run, and shows what would be invalidated without creating anything', async () => {
    const run = await runAction({
      inputs: { 'distribution-alias': 'docs.example.org', 'dry-run': 'true' },
      env: awsEnv()
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Dry run: would invalidate 1 path (/*) of distribution ${docs}`)
    expect(JSON.parse(run.outputs['distribution-ids'] ?? '')).toEqual([docs])
    expect(emulator.front.calls('CreateInvalidation')).toHaveLength(0)
    expect(await invalidated()).toEqual({ [emulator.distributionId]: 0, [site]: 0, [wildcard]: 0, [docs]: 0 })
  })
})
