#!/usr/bin/env python3
"""Create many S3 buckets and security groups in an emulator, fast, for argus scale tests.

    scale.py --endpoint-url http://127.0.0.1:5000 --buckets 1000 --security-groups 1000 \
             [--regions us-east-1,eu-west-1] [--workers 16] [--prefix argus-scale-]

Buckets and security groups are split round-robin across the regions.  Bucket i is named
``<prefix><i:05d>`` (an S3-valid name), security group i is ``<prefix>sg-<i:05d>`` in its region's
default VPC with one ingress rule (tcp 10000 + i % 50000 from 10.0.0.0/8; every 10th one from
0.0.0.0/0 so checks have something to find).  Prints one summary line per resource kind and exits
non-zero if any creation failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--buckets", type=int, default=0)
    ap.add_argument("--security-groups", type=int, default=0)
    ap.add_argument("--regions", default="us-east-1")
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--prefix", default="argus-scale-")
    args = ap.parse_args(argv)

    import boto3
    from botocore.config import Config

    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    config = Config(
        retries={"max_attempts": 5, "mode": "standard"},
        s3={"addressing_style": "path"},
        max_pool_connections=args.workers + 4,
        read_timeout=120,
    )
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    clients = {}
    for r in regions:  # built up front: clients are thread-safe, building them is not cheap
        if args.buckets:
            clients[("s3", r)] = session.client("s3", region_name=r, endpoint_url=args.endpoint_url, config=config)
        if args.security_groups:
            clients[("ec2", r)] = session.client("ec2", region_name=r, endpoint_url=args.endpoint_url, config=config)

    errors: list[str] = []
    lock = threading.Lock()

    def fail(what: str, exc: Exception) -> None:
        with lock:
            errors.append(f"{what}: {exc}")
            if len(errors) <= 5:
                print(f"scale: error: {what}: {exc}", file=sys.stderr, flush=True)

    def make_bucket(i: int) -> None:
        region = regions[i % len(regions)]
        name = f"{args.prefix}{i:05d}"
        kw: dict = {"Bucket": name}
        if region != "us-east-1":
            kw["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            clients[("s3", region)].create_bucket(**kw)
        except Exception as exc:  # noqa: BLE001 - report and go on
            fail(f"s3.CreateBucket {name} [{region}]", exc)

    default_vpc: dict[str, str] = {}
    for r in regions if args.security_groups else []:
        vpcs = clients[("ec2", r)].describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
        if not vpcs:  # no default VPC in this emulator/region: make one VPC for the groups
            vpcs = [clients[("ec2", r)].create_vpc(CidrBlock="10.99.0.0/16")["Vpc"]]
        default_vpc[r] = vpcs[0]["VpcId"]

    def make_sg(i: int) -> None:
        region = regions[i % len(regions)]
        ec2 = clients[("ec2", region)]
        name = f"{args.prefix}sg-{i:05d}"
        try:
            gid = ec2.create_security_group(
                GroupName=name, Description=f"argus scale test group {i}", VpcId=default_vpc[region]
            )["GroupId"]
            port = 10000 + i % 50000
            cidr = "0.0.0.0/0" if i % 10 == 0 else "10.0.0.0/8"
            ec2.authorize_security_group_ingress(
                GroupId=gid,
                IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]}
                ],
            )
        except Exception as exc:  # noqa: BLE001
            fail(f"ec2.CreateSecurityGroup/AuthorizeSecurityGroupIngress {name} [{region}]", exc)

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for kind, count, fn in (("buckets", args.buckets, make_bucket), ("security groups", args.security_groups, make_sg)):
            if not count:
                continue
            started = time.monotonic()
            before = len(errors)
            list(pool.map(fn, range(count)))
            print(
                f"scale: {count - (len(errors) - before)}/{count} {kind} across {len(regions)} region(s) "
                f"in {time.monotonic() - started:.1f} s",
                flush=True,
            )
    if errors:
        print(f"scale: {len(errors)} failures", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
