import { afterAll, beforeAll } from '@jest/globals'
import { AccessDenied, CloudFrontServiceException } from '@aws-sdk/client-cloudfront'
import type { CredentialSettings } from '../src/common/input-common.js'

/** The role a test assumes. */
export const ROLE = 'arn:aws:iam::123456789012:role/deploy'

/** role-to-assume's settings as the inputs' defaults make them, with the OIDC token; `overrides` on top. */
export function roleSettings(overrides: Partial<CredentialSettings> = {}): CredentialSettings {
  return {
    roleToAssume: ROLE,
    roleSessionName: 'GitHubActions',
    roleDurationSeconds: 3600,
    roleChaining: false,
    roleExternalId: undefined,
    audience: 'sts.amazonaws.com',
    region: undefined,
    ...overrides
  }
}

/** Keys to sign with, for a client built in a test. */
export const TEST_KEYS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

/** An error shaped as the SDK deserialises one CloudFront does not model (name = the error code). */
export function cloudFrontError(name: string, httpStatusCode: number, message = `${name} message`) {
  return new CloudFrontServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
    message
  })
}

/** CloudFront's AccessDenied, as the SDK throws it. */
export const accessDenied = () =>
  new AccessDenied({
    message: 'User: arn:aws:sts::123456789012:assumed-role/deploy is not authorized',
    $metadata: { httpStatusCode: 403 }
  })

/** CloudFront's answer to CreateInvalidation or GetInvalidation (and their tenant variants), as mocked. */
export function invalidationAnswer(
  id: string,
  status = 'InProgress',
  { paths = ['/a'], createTime = new Date() }: { paths?: string[]; createTime?: Date } = {}
) {
  return {
    Invalidation: {
      Id: id,
      Status: status,
      CreateTime: createTime,
      InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: paths.length, Items: paths } }
    }
  }
}

/** Keys in the environment for the tests of a file, as configure-aws-credentials leaves them. */
export function useEnvironmentKeys(): void {
  const saved = { ...process.env }
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'secret'
  })
  afterAll(() => {
    process.env = saved
  })
}
