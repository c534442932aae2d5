#!/usr/bin/env python3
"""Plant malformed and oddly encoded documents in an emulator account (tests/malformed.rs).

    malformed.py --endpoint-url URL [--region us-east-1]

Real AWS validates most policies on write, but not all of them (and what an account holds may predate
today's validation); emulators validate even less. Each plant is attempted; what the emulator refused
is skipped. Prints one JSON object: {"planted": [{"kind", "resource", "check", "expect"}...],
"refused": [...]}, where ``expect`` is the status argus must report for that resource and check
("ERROR" for a document it cannot read, or "ANY" where any verdict is fine as long as argus names the
resource and does not crash).
"""

import argparse
import json

import boto3
from botocore.exceptions import ClientError

P = "argus-malformed-"

NOT_JSON = '{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow", '  # cut short
WRONG_TYPES = json.dumps({"Version": "2012-10-17", "Statement": 42})
DEEP = "[" * 5000 + "]" * 5000
ODD_TEXT = "caf\u00e9 \u202e\u0645\u0631\u062d\u0628\u0627 \U0001f512 \\u0000 %00 ' \" <b>"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--region", default="us-east-1")
    args = ap.parse_args()
    kw = dict(endpoint_url=args.endpoint_url, region_name=args.region,
              aws_access_key_id="testing", aws_secret_access_key="testing")
    planted, refused = [], []

    def attempt(kind, resource, check, expect, fn):
        try:
            fn()
            planted.append({"kind": kind, "resource": resource, "check": check, "expect": expect})
        except ClientError as e:
            refused.append({"kind": kind, "resource": resource, "error": str(e)[:200]})

    s3 = boto3.client("s3", **kw)
    for suffix, body in [("not-json", NOT_JSON), ("wrong-types", WRONG_TYPES), ("deep", DEEP)]:
        bucket = P + suffix
        s3.create_bucket(Bucket=bucket)
        attempt(f"bucket policy {suffix}", bucket, "s3_bucket_policy_public_write_access", "ERROR",
                lambda b=bucket, body=body: s3.put_bucket_policy(Bucket=b, Policy=body))
    bucket = P + "odd-tags"
    s3.create_bucket(Bucket=bucket)
    attempt("bucket tags with odd encodings", bucket, "s3_bucket_default_encryption", "ANY",
            lambda: s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [
                {"Key": "note", "Value": ODD_TEXT}, {"Key": "big", "Value": "x" * 256}]}))

    kms = boto3.client("kms", **kw)
    key = kms.create_key(Description=ODD_TEXT)["KeyMetadata"]["KeyId"]
    attempt("KMS key policy not JSON", key, "kms_key_not_publicly_accessible", "ERROR",
            lambda: kms.put_key_policy(KeyId=key, PolicyName="default", Policy=NOT_JSON))

    sm = boto3.client("secretsmanager", **kw)
    arn = sm.create_secret(Name=P + "secret", SecretString="not-a-real-secret-value")["ARN"]
    attempt("secret resource policy not JSON", P + "secret", "secretsmanager_not_publicly_accessible", "ERROR",
            lambda: sm.put_resource_policy(SecretId=arn, ResourcePolicy=NOT_JSON))

    iam = boto3.client("iam", **kw)
    attempt("IAM role with odd description and tags", P + "role", "iam_role_trust_allows_any_principal", "ANY",
            lambda: iam.create_role(
                RoleName=P + "role", Description=ODD_TEXT[:100],
                AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
                    "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole"}]}),
                Tags=[{"Key": "note", "Value": ODD_TEXT}]))
    attempt("IAM policy not JSON", P + "policy", "iam_customer_unattached_policy_no_administrative_privileges", "ERROR",
            lambda: iam.create_policy(PolicyName=P + "policy", PolicyDocument=NOT_JSON))

    print(json.dumps({"planted": planted, "refused": refused}))


if __name__ == "__main__":
    main()
