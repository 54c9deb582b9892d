/** The jest hooks every end-to-end file shares: moto_server, a FaultFront before it, an OIDC endpoint. */
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals'
import { FaultFront } from './front.js'
import {
  createDistribution,
  startMoto,
  startOidcServer,
  type ActionRun,
  type Moto,
  type OidcServer
} from './harness.js'

export const ENV_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIDENVIRONMENT1',
  AWS_SECRET_ACCESS_KEY: 'environment-secret-key'
}

export interface Emulator {
  moto: Moto
  front: FaultFront
  oidc: OidcServer
  /** A fresh distribution for each test. */
  distributionId: string
  /** The action's environment: endpoints through the front, credentials as configure-aws-credentials exports them. */
  awsEnv(extra?: Record<string, string | undefined>): Record<string, string | undefined>
}

/** Registers the hooks and returns the emulator, filled in before each test runs. */
export function useEmulator(): Emulator {
  // The hooks fill in the rest before any test reads it.
  const emulator = {
    awsEnv(extra: Record<string, string | undefined> = {}) {
      const url = emulator.front.url
      return {
        AWS_ENDPOINT_URL_CLOUDFRONT: url,
        AWS_ENDPOINT_URL_STS: url,
        AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API: url,
        ...ENV_CREDENTIALS,
        ...(emulator.front.timeScale !== 1 ? { TEST_TIME_SCALE: String(emulator.front.timeScale) } : {}),
        ...extra
      }
    }
  } as Partial<Emulator> as Emulator
  beforeAll(async () => {
    emulator.moto = await startMoto()
    emulator.front = await FaultFront.start(emulator.moto.url)
    emulator.oidc = await startOidcServer()
  }, 60_000)
  afterAll(async () => {
    await emulator.oidc?.stop()
    await emulator.front?.stop()
    await emulator.moto?.stop()
  })
  beforeEach(async () => {
    await emulator.moto.reset()
    emulator.front.reset()
    emulator.distributionId = await createDistribution(emulator.moto.url)
  })
  return emulator
}

/** Exit code 1, one ::error:: annotation with every fragment, and no stack trace anywhere. */
export function expectCleanFailure(run: ActionRun, ...fragments: string[]): void {
  expect(run.code).toBe(1)
  expect(run.errors).toHaveLength(1)
  for (const fragment of fragments) expect(run.errors[0]).toContain(fragment)
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
}
