#!/usr/bin/env bash
# The CloudFront emulator of the CI job that runs the action with `uses: ./` on every runner OS (bash on
# Linux, macOS and Windows' Git Bash):
#   scripts/ci-emulator.sh start PORT               starts moto_server (scripts/moto.sh installs it when
#                                                    missing), creates a distribution, prints its ID
#   scripts/ci-emulator.sh paths PORT DIST_ID INV_ID prints the paths moto holds for an invalidation
#   scripts/ci-emulator.sh bucket PORT BUCKET         creates an S3 bucket
#   scripts/ci-emulator.sh put PORT BUCKET KEY FILE   puts a file as an object (a single-part ETag)
# Plain curl, so no AWS CLI or SDK is needed on the runner. moto_server picks the service by the
# credential scope of the Authorization header, which it does not verify.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

auth='Authorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/cloudfront/aws4_request, SignedHeaders=host, Signature=0'

start() {
  local port="$1" moto
  moto="$(scripts/moto.sh)"
  "$moto/moto_server" -H 127.0.0.1 -p "$port" >moto.log 2>&1 &
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break
    sleep 0.2
  done
  curl -sSf -X POST -H 'Content-Type: text/xml' -H "$auth" "http://127.0.0.1:$port/2020-05-31/distribution" \
    --data-binary @- <<'XML' | grep -o '<Id>[^<]*</Id>' | head -n 1 | sed -e 's/<[^>]*>//g'
<?xml version="1.0" encoding="UTF-8"?>
<DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
  <CallerReference>ci</CallerReference>
  <Comment>ci</Comment>
  <Enabled>true</Enabled>
  <Origins><Quantity>1</Quantity><Items><Origin>
    <Id>site</Id><DomainName>site.s3.amazonaws.com</DomainName>
    <S3OriginConfig><OriginAccessIdentity></OriginAccessIdentity></S3OriginConfig>
  </Origin></Items></Origins>
  <DefaultCacheBehavior>
    <TargetOriginId>site</TargetOriginId>
    <ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>
    <ForwardedValues><QueryString>false</QueryString><Cookies><Forward>none</Forward></Cookies></ForwardedValues>
    <MinTTL>0</MinTTL>
  </DefaultCacheBehavior>
</DistributionConfig>
XML
}

paths() {
  curl -sSf -H "$auth" "http://127.0.0.1:$1/2020-05-31/distribution/$2/invalidation/$3" |
    grep -o '<Path>[^<]*</Path>' | sed -e 's/<[^>]*>//g'
}

s3auth='Authorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'

bucket() {
  curl -sSf -X PUT -H "$s3auth" "http://127.0.0.1:$1/$2" >/dev/null
}

put() {
  # A content type of its own: curl's default (a form) makes moto's web server read the body as a form.
  curl -sSf -X PUT -H "$s3auth" -H 'Content-Type: application/octet-stream' --data-binary "@$4" \
    "http://127.0.0.1:$1/$2/$3" >/dev/null
}

case "${1:-}" in
  start) start "$2" ;;
  paths) paths "$2" "$3" "$4" ;;
  bucket) bucket "$2" "$3" ;;
  put) put "$2" "$3" "$4" "$5" ;;
  *)
    echo "usage: $0 start PORT | paths PORT DISTRIBUTION_ID INVALIDATION_ID | bucket PORT BUCKET | put PORT BUCKET KEY FILE" >&2
    exit 2
    ;;
esac
