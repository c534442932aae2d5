"""Seed a moto server with an AWS Organization for argus's organization tests (tests/org.rs).

moto keeps one state per account id and picks the account from the request's access key: the
credentials AssumeRole returns for `arn:aws:iam::<id>:role/...` belong to account <id>, so assuming any
role into a member account and using those credentials writes into that account.

Layout (the management account is moto's default, 123456789012):

  alpha    IAM user `alpha-admin` with AdministratorAccess attached
  bravo    security group `bravo-ssh-open` (tcp/22 from 0.0.0.0/0) in us-east-1
  charlie  IAM role `charlie-trust-any` that any AWS principal may assume
  delta    the scanner is denied sts:AssumeRole on its role: argus must report it as ERROR

alpha, bravo and charlie get the audit role `--role-name` whose only permissions are `--policy` (the
output of `argus iam-policy`) plus, optionally, `--extra-policy`; its trust policy names the scanner
user and the external id. The scanner is an IAM user of the management account allowed to list the
organization and assume the audit roles, except delta's.

With `--enforce-iam`, moto's IAM enforcement is switched on at the end (POST /moto-api/reset-auth 0):
from then on every request is checked against the caller's IAM policies, so the scan runs with exactly
the permissions above. Writes a JSON description (account ids, scanner keys) to `--out`.
"""

import argparse
import json
import urllib.request

import boto3

MANAGEMENT = "123456789012"


def client(service, endpoint, creds=None, region="us-east-1"):
    creds = creds or {"AccessKeyId": "testing", "SecretAccessKey": "testing"}
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds.get("SessionToken"),
    )


def member_credentials(endpoint, account_id):
    sts = client("sts", endpoint)
    out = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/OrganizationAccountAccessRole", RoleSessionName="seed"
    )
    creds = out["Credentials"]
    who = client("sts", endpoint, creds).get_caller_identity()["Account"]
    assert who == account_id, f"moto put the session in {who}, expected {account_id}"
    return creds


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint-url", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--role-name", default="argus-audit")
    p.add_argument("--external-id", required=True)
    p.add_argument("--policy", required=True, help="the audit role's permissions policy (argus iam-policy)")
    p.add_argument("--extra-policy", help="a second inline policy for the audit role")
    p.add_argument("--enforce-iam", action="store_true")
    a = p.parse_args()
    ep = a.endpoint_url

    org = client("organizations", ep)
    org_id = org.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    accounts = {}
    for name in ["alpha", "bravo", "charlie", "delta"]:
        status = org.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]
        assert status["State"] == "SUCCEEDED", status
        accounts[name] = status["AccountId"]

    # The scanner: a user of the management account.
    iam = client("iam", ep)
    iam.create_user(UserName="argus-scanner")
    scanner_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["organizations:ListAccounts", "organizations:DescribeOrganization"],
                "Resource": "*",
            },
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::*:role/{a.role_name}"},
            {
                "Sid": "DeltaIsUnreachable",
                "Effect": "Deny",
                "Action": "sts:AssumeRole",
                "Resource": f"arn:aws:iam::{accounts['delta']}:role/{a.role_name}",
            },
        ],
    }
    iam.put_user_policy(UserName="argus-scanner", PolicyName="scanner", PolicyDocument=json.dumps(scanner_policy))
    key = iam.create_access_key(UserName="argus-scanner")["AccessKey"]
    scanner_arn = f"arn:aws:iam::{MANAGEMENT}:user/argus-scanner"

    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": scanner_arn},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": a.external_id}},
            }
        ],
    }
    with open(a.policy) as f:
        policy = f.read()
    extra = None
    if a.extra_policy:
        with open(a.extra_policy) as f:
            extra = f.read()

    for name in ["alpha", "bravo", "charlie"]:
        creds = member_credentials(ep, accounts[name])
        m_iam = client("iam", ep, creds)
        m_iam.create_role(RoleName=a.role_name, AssumeRolePolicyDocument=json.dumps(trust))
        m_iam.put_role_policy(RoleName=a.role_name, PolicyName="argus-read-only", PolicyDocument=policy)
        if extra:
            m_iam.put_role_policy(RoleName=a.role_name, PolicyName="extra", PolicyDocument=extra)
        if name == "alpha":
            m_iam.create_user(UserName="alpha-admin")
            m_iam.attach_user_policy(UserName="alpha-admin", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
        elif name == "bravo":
            ec2 = client("ec2", ep, creds)
            vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
            sg = ec2.create_security_group(GroupName="bravo-ssh-open", Description="ssh from anywhere", VpcId=vpc)
            ec2.authorize_security_group_ingress(
                GroupId=sg["GroupId"],
                IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
                ],
            )
        elif name == "charlie":
            anyone = {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
            m_iam.create_role(RoleName="charlie-trust-any", AssumeRolePolicyDocument=json.dumps(anyone))

    if a.enforce_iam:
        req = urllib.request.Request(
            ep + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            assert resp.status == 200, resp.read()

    with open(a.out, "w") as f:
        json.dump(
            {
                "organization_id": org_id,
                "management": MANAGEMENT,
                "accounts": accounts,
                "scanner": {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]},
            },
            f,
            indent=2,
        )
    print(json.dumps({"organization_id": org_id, "accounts": accounts}))


if __name__ == "__main__":
    main()
