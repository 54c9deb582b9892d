import { afterAll, beforeAll } from '@jest/globals'

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
