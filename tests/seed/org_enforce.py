"""Give moto's default account (123456789012) an audit role whose ONLY permissions are `--policy` (the
output of `argus iam-policy`), a scanner user that may assume it (with the external id), and then switch
moto's IAM enforcement on (POST /moto-api/reset-auth 0): every later request is checked against the
caller's IAM policies. Run after the account has been seeded (e.g. localstack/seed_demo.py). Writes the
scanner's access key to `--out`. Used by tests/iam_policy.rs.
"""

import argparse
import json
import urllib.request

import boto3


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint-url", required=True)
    p.add_argument("--policy", required=True)
    p.add_argument("--external-id", required=True)
    p.add_argument("--role-name", default="argus-audit")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    iam = boto3.client("iam", endpoint_url=a.endpoint_url, region_name="us-east-1")
    account = boto3.client("sts", endpoint_url=a.endpoint_url, region_name="us-east-1").get_caller_identity()[
        "Account"
    ]
    iam.create_user(UserName="argus-scanner")
    role_arn = f"arn:aws:iam::{account}:role/{a.role_name}"
    iam.put_user_policy(
        UserName="argus-scanner",
        PolicyName="assume-audit-role",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}],
            }
        ),
    )
    key = iam.create_access_key(UserName="argus-scanner")["AccessKey"]
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account}:user/argus-scanner"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": a.external_id}},
            }
        ],
    }
    iam.create_role(RoleName=a.role_name, AssumeRolePolicyDocument=json.dumps(trust))
    with open(a.policy) as f:
        iam.put_role_policy(RoleName=a.role_name, PolicyName="argus-read-only", PolicyDocument=f.read())

    req = urllib.request.Request(
        a.endpoint_url + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 200, resp.read()
    with open(a.out, "w") as f:
        json.dump({"role_arn": role_arn, "access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]}, f)


if __name__ == "__main__":
    main()
