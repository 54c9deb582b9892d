// The floor the action is measured against (npm run bench): a Node process that creates a CloudFront
// client and sends one CreateInvalidation, nothing else. Bundled at bench time with ncc exactly as the
// action is (--minify, --target es2022), so both pay the same for loading the SDK.
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront'

const paths = process.env.BENCH_PATHS.split('\n')
const client = new CloudFrontClient({ region: 'us-east-1' })
const response = await client.send(
  new CreateInvalidationCommand({
    DistributionId: process.env.BENCH_DISTRIBUTION_ID,
    InvalidationBatch: {
      CallerReference: process.env.BENCH_CALLER_REFERENCE,
      Paths: { Quantity: paths.length, Items: paths }
    }
  })
)
console.log(response.Invalidation.Id)
