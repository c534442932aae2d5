#!/usr/bin/env python3
"""Seed a benchmark account into an emulator: N resources of eight kinds across regions.

    seed_scale.py --endpoint-url http://127.0.0.1:5000 --resources 5000 \
                  [--regions us-east-1,eu-west-1] [--workers 16] [--prefix bench-]
    seed_scale.py --endpoint-url http://127.0.0.1:5000 --only buckets=1000,security_groups=1000 ...

The N resources are split (rounded) as: 30 % S3 buckets (every third with a bucket policy, every
tenth of those public), 20 % security groups (each with 4 ingress rules; every tenth open to
0.0.0.0/0 on 22), 10 % IAM users (one inline policy each), 10 % IAM roles (trust policy, one
attached customer policy), 10 % customer managed IAM policies (8 statements each), 8 % Lambda
functions (environment variables), 6 % Secrets Manager secrets, 6 % KMS keys.  Regional kinds are
split round-robin across the regions; IAM is global.  One CloudTrail trail per region.

`--only KIND=N,...` seeds just those kinds, N of each, and no trails (the kinds are the names above:
buckets, security_groups, iam_users, iam_roles, iam_policies, lambda_functions, secrets, kms_keys);
the scale test (tests/scale.rs) seeds its 1,000 buckets and 1,000 security groups this way.

Deterministic (names and contents depend only on the index), so two seeds of the same size give the
same account.  Prints one line per kind and a JSON summary line ("seeded: {...}"); exits non-zero if
any creation failed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

SHARES = [
    ("buckets", 0.30),
    ("security_groups", 0.20),
    ("iam_users", 0.10),
    ("iam_roles", 0.10),
    ("iam_policies", 0.10),
    ("lambda_functions", 0.08),
    ("secrets", 0.06),
    ("kms_keys", 0.06),
]
ACCOUNT = "123456789012"  # moto's default account


def split(n: int) -> dict[str, int]:
    counts = {k: int(n * share) for k, share in SHARES}
    counts["buckets"] += n - sum(counts.values())  # rounding remainder
    return counts


def only(spec: str) -> dict[str, int]:
    """`buckets=1000,security_groups=1000` as counts (every other kind 0)."""
    counts = {k: 0 for k, _ in SHARES}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        kind, _, n = item.partition("=")
        if kind not in counts or not n.isdigit():
            raise SystemExit(f"seed: --only takes KIND=N,... with KIND one of {', '.join(counts)}; got {item!r}")
        counts[kind] = int(n)
    if counts["lambda_functions"] and not counts["iam_roles"]:
        # Each function names an execution role the seeder creates; moto refuses a role that does not exist.
        raise SystemExit("seed: --only lambda_functions=N needs iam_roles=M too (functions name their execution role)")
    return counts


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def lambda_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("index.py", "def handler(event, context):\n    return {'ok': True}\n")
    return buf.getvalue()


def customer_policy(i: int) -> str:
    services = ["s3", "ec2", "dynamodb", "sqs", "sns", "logs", "kms", "lambda"]
    def resource(svc: str, j: int) -> str:
        if svc == "s3":  # S3 ARNs carry no region or account
            return f"arn:aws:s3:::bench-{i}-{j}*"
        return f"arn:aws:{svc}:*:{ACCOUNT}:bench-{i}-{j}*"

    statements = []
    for j in range(7):
        svc = services[(i + j) % len(services)]
        statements.append(
            {"Sid": f"S{j}", "Effect": "Allow", "Action": [f"{svc}:Get*", f"{svc}:List*"], "Resource": resource(svc, j)}
        )
    # Every 25th policy is an admin policy, every 10th allows iam:PassRole + ec2:RunInstances.
    if i % 25 == 0:
        statements.append({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"})
    elif i % 10 == 0:
        statements.append({"Sid": "Esc", "Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"})
    else:
        statements.append({"Sid": "Deny", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"})
    return doc(*statements)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--resources", type=int, help="N resources, split across the kinds as above")
    size.add_argument("--only", help="KIND=N,...: just these kinds, N of each, and no trails")
    ap.add_argument("--regions", default="us-east-1,eu-west-1")
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--prefix", default="bench-")
    args = ap.parse_args(argv)

    import boto3
    from botocore.config import Config

    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    config = Config(
        retries={"max_attempts": 5, "mode": "standard"},
        s3={"addressing_style": "path"},
        max_pool_connections=args.workers + 4,
        read_timeout=300,
    )
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    clients = {}
    for r in regions:
        for svc in ("s3", "ec2", "lambda", "secretsmanager", "kms", "cloudtrail"):
            clients[(svc, r)] = session.client(svc, region_name=r, endpoint_url=args.endpoint_url, config=config)
    iam = session.client("iam", region_name=regions[0], endpoint_url=args.endpoint_url, config=config)
    counts = only(args.only) if args.only else split(args.resources)
    P = args.prefix
    code = {"ZipFile": lambda_zip()}

    errors: list[str] = []
    lock = threading.Lock()

    def fail(what: str, exc: Exception) -> None:
        with lock:
            errors.append(f"{what}: {exc}")
            if len(errors) <= 5:
                print(f"seed: error: {what}: {exc}", file=sys.stderr, flush=True)

    def region_of(i: int) -> str:
        return regions[i % len(regions)]

    # --- IAM -----------------------------------------------------------------------------------
    def make_policy(i: int) -> None:
        try:
            iam.create_policy(PolicyName=f"{P}policy-{i:05d}", PolicyDocument=customer_policy(i))
        except Exception as exc:  # noqa: BLE001
            fail(f"iam.CreatePolicy {i}", exc)

    def make_user(i: int) -> None:
        name = f"{P}user-{i:05d}"
        try:
            iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": f"t{i % 7}"}])
            iam.put_user_policy(
                UserName=name,
                PolicyName="inline",
                PolicyDocument=doc(
                    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{P}{i}/*"},
                    {"Effect": "Allow", "Action": "iam:CreateAccessKey" if i % 20 == 0 else "sqs:SendMessage", "Resource": "*"},
                ),
            )
            if i % 4 == 0:
                iam.create_access_key(UserName=name)
        except Exception as exc:  # noqa: BLE001
            fail(f"iam.CreateUser {name}", exc)

    def make_role(i: int) -> None:
        name = f"{P}role-{i:05d}"
        if i % 3 == 0:
            trust = doc({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"})
        elif i % 3 == 1:
            trust = doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"})
        else:
            trust = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
        try:
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)
            if counts["iam_policies"]:
                iam.attach_role_policy(
                    RoleName=name,
                    PolicyArn=f"arn:aws:iam::{ACCOUNT}:policy/{P}policy-{i % counts['iam_policies']:05d}",
                )
        except Exception as exc:  # noqa: BLE001
            fail(f"iam.CreateRole {name}", exc)

    # --- S3 ------------------------------------------------------------------------------------
    def make_bucket(i: int) -> None:
        region = region_of(i)
        s3 = clients[("s3", region)]
        name = f"{P}bucket-{i:05d}"
        kw: dict = {"Bucket": name}
        if region != "us-east-1":
            kw["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            s3.create_bucket(**kw)
            if i % 3 == 0:
                principal = "*" if i % 30 == 0 else {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
                s3.put_bucket_policy(
                    Bucket=name,
                    Policy=doc(
                        {"Sid": "Read", "Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                         "Resource": f"arn:aws:s3:::{name}/*"},
                        {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                         "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
                         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                    ),
                )
        except Exception as exc:  # noqa: BLE001
            fail(f"s3.CreateBucket {name} [{region}]", exc)

    # --- EC2 -----------------------------------------------------------------------------------
    default_vpc: dict[str, str] = {}
    for r in regions:
        ec2 = clients[("ec2", r)]
        vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
        if not vpcs:
            vpcs = [ec2.create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]]
        default_vpc[r] = vpcs[0]["VpcId"]

    def make_sg(i: int) -> None:
        region = region_of(i)
        ec2 = clients[("ec2", region)]
        name = f"{P}sg-{i:05d}"
        try:
            gid = ec2.create_security_group(GroupName=name, Description=f"bench group {i}", VpcId=default_vpc[region])[
                "GroupId"
            ]
            open_cidr = "0.0.0.0/0" if i % 10 == 0 else "10.0.0.0/8"
            perms = [
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": open_cidr}]},
                {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.1.0.0/16"}]},
                {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.2.0.0/16"}]},
                {"IpProtocol": "udp", "FromPort": 1000 + i % 50000, "ToPort": 1000 + i % 50000,
                 "IpRanges": [{"CidrIp": "192.168.0.0/16"}]},
            ]
            ec2.authorize_security_group_ingress(GroupId=gid, IpPermissions=perms)
        except Exception as exc:  # noqa: BLE001
            fail(f"ec2.CreateSecurityGroup {name} [{region}]", exc)

    # --- Lambda --------------------------------------------------------------------------------
    def make_function(i: int) -> None:
        region = region_of(i)
        name = f"{P}fn-{i:05d}"
        role = f"arn:aws:iam::{ACCOUNT}:role/{P}role-{i % max(counts['iam_roles'], 1):05d}"
        env = {"LOG_LEVEL": "info", "TABLE": f"table-{i}"}
        if i % 10 == 0:
            env["API_TOKEN"] = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
        try:
            clients[("lambda", region)].create_function(
                FunctionName=name,
                Runtime="python3.8" if i % 5 == 0 else "python3.12",
                Role=role,
                Handler="index.handler",
                Code=code,
                Timeout=3,
                MemorySize=128,
                Environment={"Variables": env},
            )
        except Exception as exc:  # noqa: BLE001
            fail(f"lambda.CreateFunction {name} [{region}]", exc)

    # --- Secrets Manager -----------------------------------------------------------------------
    def make_secret(i: int) -> None:
        region = region_of(i)
        name = f"{P}secret-{i:05d}"
        try:
            clients[("secretsmanager", region)].create_secret(Name=name, SecretString=f"value-{i}")
        except Exception as exc:  # noqa: BLE001
            fail(f"secretsmanager.CreateSecret {name} [{region}]", exc)

    # --- KMS -----------------------------------------------------------------------------------
    def make_key(i: int) -> None:
        region = region_of(i)
        kms = clients[("kms", region)]
        try:
            key = kms.create_key(Description=f"bench key {i}", KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT")
            kid = key["KeyMetadata"]["KeyId"]
            kms.create_alias(AliasName=f"alias/{P}key-{i:05d}", TargetKeyId=kid)
            if i % 2 == 0:
                kms.enable_key_rotation(KeyId=kid)
        except Exception as exc:  # noqa: BLE001
            fail(f"kms.CreateKey {i} [{region}]", exc)

    jobs = [
        ("iam_policies", make_policy),  # before roles, which attach them
        ("iam_users", make_user),
        ("iam_roles", make_role),  # before functions, which name them
        ("buckets", make_bucket),
        ("security_groups", make_sg),
        ("lambda_functions", make_function),
        ("secrets", make_secret),
        ("kms_keys", make_key),
    ]
    started_all = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for kind, fn in jobs:
            count = counts[kind]
            if not count:
                continue
            started = time.monotonic()
            before = len(errors)
            list(pool.map(fn, range(count)))
            print(f"seed: {count - (len(errors) - before)}/{count} {kind} in {time.monotonic() - started:.1f} s", flush=True)

    # One trail per region, logging to the first bucket (CloudTrail checks have something to judge).
    trail_bucket = f"{P}bucket-00000"
    for r in regions if not args.only else []:
        try:
            ct = clients[("cloudtrail", r)]
            ct.create_trail(Name=f"{P}trail-{r}", S3BucketName=trail_bucket, IsMultiRegionTrail=(r == regions[0]))
            ct.start_logging(Name=f"{P}trail-{r}")
        except Exception as exc:  # noqa: BLE001
            fail(f"cloudtrail.CreateTrail [{r}]", exc)

    summary = dict(counts, regions=regions, total=sum(counts.values()), seconds=round(time.monotonic() - started_all, 1))
    print("seeded: " + json.dumps(summary), flush=True)
    if errors:
        print(f"seed: {len(errors)} failures", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
