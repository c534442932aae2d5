#!/usr/bin/env python3
"""Seed a deliberately insecure AWS demo account into an emulator (moto server or LocalStack).

Every planted issue and every planted-good resource is documented in localstack/README.md and, in
machine-readable form, in tests/fixtures/demo-expected.json.  Every resource name starts with
``argus-demo-`` where the service allows names (EC2 resources carry it as their ``Name`` tag).

Usage:
    seed_demo.py --endpoint-url http://127.0.0.1:5000 --regions us-east-1,eu-west-1 [--flavour moto|localstack]
    seed_demo.py --print-planted-secrets      # JSON list of the fake secret values planted (no endpoint needed)

The first region is the "primary" region: it gets the full set of regional resources (Lambda, Secrets
Manager, the five KMS keys, RDS, CloudTrail, most S3 buckets).  Every region gets the full EC2/VPC set.
EBS encryption by default is enabled in the primary region only.

A failing API call never aborts the run: it prints ``WARN <service>.<Operation> [<region>]: <error>``
and the script carries on; a summary of the warnings is printed at the end.  The exit status is 0
unless the endpoint is unreachable (or --strict is given and some call failed).

The LocalStack flavour skips RDS and CloudTrail (not in LocalStack community).  The flavour defaults to
the one the endpoint's account id suggests (000000000000 -> localstack, anything else -> moto).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import io
import json
import os
import sys
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

# Fake secret values planted in the demo account.  argus must never print or store any of them
# (tests grep argus's outputs for each string).  They are fake: they grant nothing anywhere.
PLANTED_SECRETS: list[str] = [
    # Lambda argus-demo-secrets-in-env, env LEGACY_ACCESS_KEY_ID: AWS access key id format (AKIA + 16).
    "AKIAARGUSDEMO7Q2X4ZW",
    # Lambda argus-demo-secrets-in-env, env LEGACY_SECRET_ACCESS_KEY: 40-char secret key format.
    "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",
    # Lambda argus-demo-secrets-in-env, env DB_PASSWORD: high-entropy password (32 distinct chars).
    "q8Zr!v2Lx#9Tn@4Wk$7Pb^1Hs&6Ym*3J",
    # Secrets Manager secret values (argus must never call GetSecretValue, so never see them).
    "argus-demo-SM-norotate-Xq93!kfP",
    "argus-demo-SM-public-Lw27#hsD",
    "argus-demo-SM-rotated-Tz58$mvQ",
    # IAM login profile password of argus-demo-console-nomfa / argus-demo-console-mfa.
    "argus-demo-Console-Passw0rd!9",
    # RDS master password of argus-demo-db-public / argus-demo-db-private (moto only).
    "argus-demo-RDS-Pw-8fKq2Lzx",
    # User data of instance argus-demo-userdata-leaky: a literal password and an access key id.
    "argus-demo-UD-Pw-4kTq9",
    "AKIAARGUSDEMOUD7Q2X4",
    # User data (gzip) of launch template argus-demo-lt-leaky, $Latest version: a --password flag and
    # a private key block.
    "argus-demo-LT-Pw-7yRm2",
    "MIIEargusDemoFakeKeyBody0123456789abcdef",
    # ECS task definition argus-demo-task-legacy, container environment DB_PASSWORD (high entropy).
    "argus-demo-ECS-Xq7#Lm2$Rv9!Tp4@Wz6&Kc1",
    # SSM parameters: a String named like a password, a SecureString (argus never reads values).
    "argus-demo-SSM-plain-Pw-3hQz",
    "argus-demo-SSM-secure-Tk-8wLp",
]

SECRET_AKIA, SECRET_AWS_SECRET, SECRET_DB_PASSWORD = PLANTED_SECRETS[0:3]
SECRET_SM_NOROTATE, SECRET_SM_PUBLIC, SECRET_SM_ROTATED = PLANTED_SECRETS[3:6]
SECRET_CONSOLE_PASSWORD = PLANTED_SECRETS[6]
SECRET_RDS_PASSWORD = PLANTED_SECRETS[7]

OTHER_ACCOUNT = "999988887777"  # the "partner" account used for cross-account grants
EXTERNAL_ID = "argus-demo-external-id-7f3a"
ORG_ID = "o-argusdemo01"
AMI_ID = "ami-12c6146b"  # arbitrary id: neither moto (MOTO_EC2_LOAD_DEFAULT_AMIS=false) nor LocalStack validates it

P = "argus-demo-"

MANAGED = {
    "admin": "arn:aws:iam::aws:policy/AdministratorAccess",
    "s3full": "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    "support": "arn:aws:iam::aws:policy/AWSSupportAccess",
}


def doc(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


class Seeder:
    def __init__(self, endpoint: str, regions: list[str], flavour: str | None, verbose: bool):
        import boto3
        from botocore.config import Config

        self.boto3 = boto3
        self.endpoint = endpoint
        self.regions = regions
        self.primary = regions[0]
        self.verbose = verbose
        self.config = Config(
            retries={"max_attempts": 2, "mode": "standard"},
            connect_timeout=5,
            read_timeout=120,
            s3={"addressing_style": "path"},
            max_pool_connections=32,
        )
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.client_lock = threading.Lock()
        self.clients: dict[tuple[str, str], Any] = {}
        self.session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=self.primary
        )
        self.warnings: list[str] = []
        self.calls = 0
        self.account = self.client("sts", self.primary).get_caller_identity()["Account"]
        self.flavour = flavour or ("localstack" if self.account == "000000000000" else "moto")
        # filled in as resources get created
        self.role_arns: dict[str, str] = {}
        self.key_arns: dict[tuple[str, str], str] = {}  # (region, alias) -> key arn
        self.net: dict[str, dict[str, str]] = {}  # region -> name -> id
        self.fn_arns: dict[tuple[str, str], str] = {}

    # ---- plumbing ---------------------------------------------------------------------------------
    def client(self, service: str, region: str):
        # Clients are thread-safe, sessions are not: build every client from one session, under a lock,
        # and share them (building a client is the expensive part: it loads the service model).
        key = (service, region)
        with self.client_lock:
            if key not in self.clients:
                self.clients[key] = self.session.client(
                    service, region_name=region, endpoint_url=self.endpoint, config=self.config
                )
                if service == "s3control":
                    # S3 Control puts the account id before the host name; an emulator's host has no such names.
                    self.clients[key].meta.events.register("before-send.s3-control.*", strip_account_host_prefix)
            return self.clients[key]

    def log(self, msg: str) -> None:
        with self.lock:
            print(msg, flush=True)

    def call(self, service: str, region: str, op: str, _quiet: bool = False, **kwargs: Any) -> Any:
        """Call one API; on any error print a warning naming the API and return None."""
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client(service, region)
        with self.lock:
            self.calls += 1
        t0 = time.monotonic()
        try:
            return getattr(client, op)(**kwargs)
        except (ClientError, BotoCoreError, ValueError) as exc:
            api = f"{client.meta.service_model.service_name}.{client.meta.method_to_api_mapping.get(op, op)}"
            msg = f"WARN {api} [{region}]: {exc}"
            if _quiet:
                self.log(f"  (tolerated) {msg[5:]}")
                return None
            with self.lock:
                self.warnings.append(msg)
                print(msg, flush=True)
            return None
        finally:
            took = time.monotonic() - t0
            if self.verbose or took > 5.0:
                self.log(f"  {service}.{op} [{region}] took {took:.2f} s (t={time.monotonic() - self.t0:.1f})")

    # ---- IAM (global) -----------------------------------------------------------------------------
    def seed_iam(self) -> None:
        r = self.primary
        iam = lambda op, **kw: self.call("iam", r, op, **kw)  # noqa: E731
        acct = self.account
        root = f"arn:aws:iam::{acct}:root"

        # Weak account password policy: length 8, no symbols/uppercase, no expiry, no reuse prevention.
        iam(
            "update_account_password_policy",
            MinimumPasswordLength=8,
            RequireSymbols=False,
            RequireNumbers=True,
            RequireUppercaseCharacters=False,
            RequireLowercaseCharacters=True,
            AllowUsersToChangePassword=True,
        )

        # Customer managed policies.
        policies = {
            "admin-attached": doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            "admin-unattached": doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            "privesc-createpolicyversion": doc(
                {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}
            ),
            "privesc-passrole-ec2": doc(
                {"Effect": "Allow", "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}
            ),
            "s3-star": doc({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
            "getobject-any": doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}),
            "getobject-conditioned": doc(
                {
                    "Effect": "Allow",
                    "Action": "s3:GetObject",
                    "Resource": "*",
                    "Condition": {"StringEquals": {"aws:ResourceAccount": acct}},
                }
            ),
            # Bedrock AgentCore: iam:PassRole on every role beside an AgentCore action, and workload
            # access tokens for every workload identity.
            "agentcore-wildcard": doc(
                {
                    "Effect": "Allow",
                    "Action": [
                        "iam:PassRole",
                        "bedrock-agentcore:CreateAgentRuntime",
                        "bedrock-agentcore:GetWorkloadAccessToken",
                    ],
                    "Resource": "*",
                }
            ),
            "unattached-readonly": doc(
                {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": f"arn:aws:s3:::{P}good"}
            ),
            "scoped-read": doc(
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:ListBucket"],
                    "Resource": [f"arn:aws:s3:::{P}good", f"arn:aws:s3:::{P}good/*"],
                },
                {
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                    "Resource": f"arn:aws:logs:{r}:{acct}:log-group:/argus-demo/*",
                },
            ),
        }
        arn = {}
        for name, body in policies.items():
            res = iam(
                "create_policy",
                PolicyName=P + name,
                PolicyDocument=body,
                Description=f"argus demo policy {name}",
            )
            arn[name] = res["Policy"]["Arn"] if res else f"arn:aws:iam::{acct}:policy/{P}{name}"

        # Groups.
        groups = {
            "admins": [MANAGED["admin"]],
            "developers": [
                arn["privesc-createpolicyversion"],
                arn["privesc-passrole-ec2"],
                arn["s3-star"],
                arn["getobject-any"],
                arn["getobject-conditioned"],
            ],
            "readers": [arn["scoped-read"]],
        }
        for g, attached in groups.items():
            iam("create_group", GroupName=P + g)
            for a in attached:
                iam("attach_group_policy", GroupName=P + g, PolicyArn=a)

        # Users.
        for u in ["console-nomfa", "console-mfa", "twokeys", "onekey", "admin-user", "inline-admin"]:
            iam("create_user", UserName=P + u, Tags=[{"Key": "argus-demo", "Value": "true"}])
        for u in ["console-nomfa", "console-mfa"]:
            iam(
                "create_login_profile",
                UserName=P + u,
                Password=SECRET_CONSOLE_PASSWORD,
                PasswordResetRequired=False,
            )
        mfa = iam("create_virtual_mfa_device", VirtualMFADeviceName=P + "console-mfa")
        if mfa:
            iam(
                "enable_mfa_device",
                UserName=P + "console-mfa",
                SerialNumber=mfa["VirtualMFADevice"]["SerialNumber"],
                AuthenticationCode1="123456",
                AuthenticationCode2="654321",
            )
        iam("add_user_to_group", GroupName=P + "readers", UserName=P + "console-mfa")
        for _ in range(2):
            iam("create_access_key", UserName=P + "twokeys")
        iam("create_access_key", UserName=P + "onekey")
        iam("attach_user_policy", UserName=P + "admin-user", PolicyArn=MANAGED["admin"])
        iam(
            "put_user_policy",
            UserName=P + "inline-admin",
            PolicyName=P + "inline-star",
            PolicyDocument=doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
        )

        # Roles.
        def trust_aws(principal: Any, cond: dict | None = None) -> str:
            st: dict = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
            if cond:
                st["Condition"] = cond
            return doc(st)

        def trust_service(service: str, pinned: bool) -> str:
            st: dict = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
            if pinned:
                st["Condition"] = {"StringEquals": {"aws:SourceAccount": acct}}
            return doc(st)

        roles: dict[str, tuple[str, list[str], dict[str, str]]] = {
            "admin-role": (trust_aws(root), [MANAGED["admin"]], {}),
            "ops-role": (trust_aws(root), [arn["admin-attached"]], {}),
            "ci-role": (
                trust_aws(root),
                [],
                {
                    "inline-passrole-lambda": doc(
                        {
                            "Effect": "Allow",
                            "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
                            "Resource": "*",
                        }
                    )
                },
            ),
            "trust-any": (trust_aws("*"), [], {}),
            "trust-any-pinned": (
                trust_aws("*", {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}),
                [],
                {},
            ),
            "xacct-noextid": (trust_aws(f"arn:aws:iam::{OTHER_ACCOUNT}:root"), [], {}),
            "xacct-extid": (
                trust_aws(
                    f"arn:aws:iam::{OTHER_ACCOUNT}:root", {"StringEquals": {"sts:ExternalId": EXTERNAL_ID}}
                ),
                [],
                {},
            ),
            "lambda-exec-nosourceacct": (
                trust_service("lambda.amazonaws.com", False),
                [MANAGED["s3full"]],
                {},
            ),
            "lambda-exec-sourceacct": (
                trust_service("lambda.amazonaws.com", True),
                [],
                {
                    "inline-logs": doc(
                        {
                            "Effect": "Allow",
                            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                            "Resource": f"arn:aws:logs:*:{acct}:log-group:/aws/lambda/argus-demo-*",
                        }
                    )
                },
            ),
            "lambda-admin": (trust_service("lambda.amazonaws.com", True), [MANAGED["admin"]], {}),
            "support": (trust_aws(root), [MANAGED["support"]], {}),
            "instance-role": (trust_service("ec2.amazonaws.com", True), [], {}),
            # A condition that looks like a guard but pins no account: an account-id prefix.
            "glue-prefix-trust": (
                doc(
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "glue.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringLike": {"aws:SourceAccount": acct[:4] + "*"}},
                    }
                ),
                [],
                {},
            ),
        }
        for name, (trust, attached, inline) in roles.items():
            res = iam(
                "create_role",
                RoleName=P + name,
                AssumeRolePolicyDocument=trust,
                Description=f"argus demo role {name}",
            )
            self.role_arns[name] = (
                res["Role"]["Arn"] if res else f"arn:aws:iam::{acct}:role/{P}{name}"
            )
            for a in attached:
                iam("attach_role_policy", RoleName=P + name, PolicyArn=a)
            for pname, body in inline.items():
                iam("put_role_policy", RoleName=P + name, PolicyName=P + pname, PolicyDocument=body)

        iam("create_instance_profile", InstanceProfileName=P + "instance-profile")
        iam(
            "add_role_to_instance_profile",
            InstanceProfileName=P + "instance-profile",
            RoleName=P + "instance-role",
        )

        # An expired server certificate (generated here, so no private key lives in the repo).
        pem = expired_certificate()
        if pem:
            iam(
                "upload_server_certificate",
                ServerCertificateName=P + "expired-cert",
                CertificateBody=pem[0],
                PrivateKey=pem[1],
            )
        else:
            self.warn_local("iam.UploadServerCertificate", "skipped: python package 'cryptography' missing")
        self.log(f"iam: done ({len(roles)} roles, {len(policies)} policies, 6 users)")

    def warn_local(self, api: str, why: str) -> None:
        msg = f"WARN {api}: {why}"
        with self.lock:
            self.warnings.append(msg)
            print(msg, flush=True)

    # ---- KMS (regional) ---------------------------------------------------------------------------
    def seed_kms(self, region: str) -> None:
        kms = lambda op, **kw: self.call("kms", region, op, **kw)  # noqa: E731
        acct = self.account
        default_policy = doc(
            {
                "Sid": "EnableIAMUserPermissions",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                "Action": "kms:*",
                "Resource": "*",
            }
        )
        public_policy = doc(
            {
                "Sid": "EnableIAMUserPermissions",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                "Action": "kms:*",
                "Resource": "*",
            },
            {
                "Sid": "AnyoneMayDecrypt",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["kms:Decrypt", "kms:DescribeKey"],
                "Resource": "*",
            },
        )
        # Nitro Enclave keys: both let the enclave image decrypt only with attestation; "enclave" keeps
        # the root statement's kms:* (a path around attestation) and binds the image alone,
        # "enclave-bound" leaves the root only management actions and binds the parent role (PCR3).
        image = "ab" * 48
        enclave_decrypt = {
            "Sid": "EnclaveDecrypt",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
            "Action": "kms:Decrypt",
            "Resource": "*",
            "Condition": {"StringEqualsIgnoreCase": {"kms:RecipientAttestation:ImageSha384": image}},
        }
        enclave_policy = doc(json.loads(default_policy)["Statement"][0], enclave_decrypt)
        bound_decrypt = json.loads(json.dumps(enclave_decrypt))
        bound_decrypt["Condition"]["StringEqualsIgnoreCase"]["kms:RecipientAttestation:PCR3"] = "cd" * 48
        enclave_bound_policy = doc(
            {
                "Sid": "KeyAdministration",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{acct}:root"},
                "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                           "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                           "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                "Resource": "*",
            },
            bound_decrypt,
        )
        # alias -> (policy, rotation, post-action)
        if region == self.primary:
            keys = {
                "norotate": (default_policy, False, None),
                "rotate": (default_policy, True, None),
                "public": (public_policy, True, None),
                "pending-deletion": (default_policy, True, "delete"),
                "disabled": (default_policy, True, "disable"),
                "multi-region": (default_policy, True, "multi-region"),
                "enclave": (enclave_policy, True, None),
                "enclave-bound": (enclave_bound_policy, True, None),
            }
        else:
            keys = {"norotate": (default_policy, False, None), "rotate": (default_policy, True, None)}
        for alias, (policy, rotation, post) in keys.items():
            res = kms(
                "create_key",
                MultiRegion=post == "multi-region",
                Policy=policy,
                Description=f"argus demo key {alias}",
                KeyUsage="ENCRYPT_DECRYPT",
                KeySpec="SYMMETRIC_DEFAULT",
                Tags=[{"TagKey": "Name", "TagValue": P + alias}],
            )
            if not res:
                continue
            key_id = res["KeyMetadata"]["KeyId"]
            self.key_arns[(region, alias)] = res["KeyMetadata"]["Arn"]
            kms("create_alias", AliasName=f"alias/{P}{alias}", TargetKeyId=key_id)
            if rotation:
                kms("enable_key_rotation", KeyId=key_id)
            if post == "delete":
                kms("schedule_key_deletion", KeyId=key_id, PendingWindowInDays=7)
            elif post == "disable":
                kms("disable_key", KeyId=key_id)
        self.log(f"kms[{region}]: done ({len(keys)} keys)")

    # ---- EC2 network (regional) -------------------------------------------------------------------
    def seed_network(self, region: str) -> None:
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731
        ids: dict[str, str] = {}
        self.net[region] = ids

        def tags(kind: str, name: str) -> list[dict]:
            return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": P + name}]}]

        for name, cidr in [("vpc", "10.20.0.0/16"), ("vpc-noflowlogs", "10.30.0.0/16")]:
            res = ec2("create_vpc", CidrBlock=cidr, TagSpecifications=tags("vpc", name))
            if res:
                ids[name] = res["Vpc"]["VpcId"]
        vpc = ids.get("vpc")
        if not vpc:
            self.log(f"ec2[{region}]: no demo VPC, skipping network resources")
            return
        for name, cidr, az in [
            ("subnet-a", "10.20.1.0/24", region + "a"),
            ("subnet-b", "10.20.2.0/24", region + "b"),
            ("subnet-c", "10.20.3.0/24", region + "a"),
        ]:
            res = ec2(
                "create_subnet",
                VpcId=vpc,
                CidrBlock=cidr,
                AvailabilityZone=az,
                TagSpecifications=tags("subnet", name),
            )
            if res:
                ids[name] = res["Subnet"]["SubnetId"]
        igw = ec2("create_internet_gateway", TagSpecifications=tags("internet-gateway", "igw"))
        if igw:
            igw_id = igw["InternetGateway"]["InternetGatewayId"]
            ec2("attach_internet_gateway", InternetGatewayId=igw_id, VpcId=vpc)
            rt = ec2("create_route_table", VpcId=vpc, TagSpecifications=tags("route-table", "public-rt"))
            if rt:
                rt_id = rt["RouteTable"]["RouteTableId"]
                ec2("create_route", RouteTableId=rt_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
                if "subnet-a" in ids:
                    ec2("associate_route_table", RouteTableId=rt_id, SubnetId=ids["subnet-a"])

        anywhere4 = [{"CidrIp": "0.0.0.0/0", "Description": "anywhere"}]
        anywhere6 = [{"CidrIpv6": "::/0", "Description": "anywhere (IPv6)"}]

        def tcp(port: int, v4: list, v6: list | None = None) -> dict:
            perm: dict = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": v4}
            if v6:
                perm["Ipv6Ranges"] = v6
            return perm

        sgs = {
            "ssh-open": [tcp(22, anywhere4, anywhere6)],
            "rdp-open": [tcp(3389, anywhere4)],
            "all-open": [{"IpProtocol": "-1", "IpRanges": anywhere4, "Ipv6Ranges": anywhere6}],
            "db-open": [tcp(p, anywhere4, anywhere6) for p in (3306, 5432, 6379)],
            "tight": [tcp(443, [{"CidrIp": "10.0.0.0/8", "Description": "internal only"}])],
            # Also admits one partner's public address (ec2_securitygroup_allow_ingress_from_internet_to_any_port_from_ip).
            "unused": [
                tcp(8443, [{"CidrIp": "10.20.0.0/16", "Description": "vpc only"}]),
                tcp(9443, [{"CidrIp": "52.94.76.10/32", "Description": "partner"}]),
            ],
            # Only the ports FSBP EC2.18 authorizes by default open to the internet.
            "https-open": [tcp(80, anywhere4, anywhere6), tcp(443, anywhere4, anywhere6)],
        }
        for name, perms in sgs.items():
            res = ec2(
                "create_security_group",
                GroupName=P + name,
                Description=f"argus demo security group {name}",
                VpcId=vpc,
                TagSpecifications=tags("security-group", name),
            )
            if not res:
                continue
            ids["sg-" + name] = res["GroupId"]
            ec2("authorize_security_group_ingress", GroupId=res["GroupId"], IpPermissions=perms)

        # Default security groups.  Primary region: the demo VPC's default group gets an extra ingress
        # rule (planted issue) and every default group there keeps its rules, so all of them FAIL.
        # Other regions: every default group (default VPC included) is emptied, so all of them PASS.
        # (Findings for default groups are all named "default": one status per region keeps the
        # expectations unambiguous.)
        res = ec2("describe_security_groups", Filters=[{"Name": "group-name", "Values": ["default"]}])
        for sg in (res or {}).get("SecurityGroups", []):
            if region == self.primary:
                if sg.get("VpcId") == vpc:
                    ec2(
                        "authorize_security_group_ingress",
                        GroupId=sg["GroupId"],
                        IpPermissions=[tcp(80, [{"CidrIp": "0.0.0.0/0", "Description": "planted"}])],
                    )
                continue
            if sg.get("IpPermissions"):
                ec2("revoke_security_group_ingress", GroupId=sg["GroupId"], IpPermissions=sg["IpPermissions"])
            if sg.get("IpPermissionsEgress"):
                ec2("revoke_security_group_egress", GroupId=sg["GroupId"], IpPermissions=sg["IpPermissionsEgress"])

        # Network ACLs, each associated with one demo subnet but the unused one.
        nacls = {
            "nacl-ssh-open": (
                "subnet-a",
                [
                    dict(RuleNumber=100, Protocol="6", RuleAction="allow", CidrBlock="0.0.0.0/0", PortRange={"From": 22, "To": 22}),
                    dict(RuleNumber=101, Protocol="6", RuleAction="allow", Ipv6CidrBlock="::/0", PortRange={"From": 22, "To": 22}),
                    dict(RuleNumber=110, Protocol="6", RuleAction="allow", CidrBlock="10.0.0.0/8", PortRange={"From": 443, "To": 443}),
                ],
            ),
            "nacl-all-open": (
                "subnet-b",
                [dict(RuleNumber=100, Protocol="-1", RuleAction="allow", CidrBlock="0.0.0.0/0")],
            ),
            "nacl-tight": (
                "subnet-c",
                [dict(RuleNumber=100, Protocol="6", RuleAction="allow", CidrBlock="10.0.0.0/8", PortRange={"From": 443, "To": 443})],
            ),
            # Associated with no subnet: ec2_networkacl_unused.
            "nacl-unused": (None, []),
        }
        assoc = ec2("describe_network_acls", Filters=[{"Name": "vpc-id", "Values": [vpc]}])
        assoc_by_subnet = {}
        for acl in (assoc or {}).get("NetworkAcls", []):
            for a in acl.get("Associations", []):
                assoc_by_subnet[a["SubnetId"]] = a["NetworkAclAssociationId"]
        for name, (subnet, entries) in nacls.items():
            res = ec2("create_network_acl", VpcId=vpc, TagSpecifications=tags("network-acl", name))
            if not res:
                continue
            acl_id = res["NetworkAcl"]["NetworkAclId"]
            ids[name] = acl_id
            for e in entries:
                ec2("create_network_acl_entry", NetworkAclId=acl_id, Egress=False, **e)
            ec2(
                "create_network_acl_entry",
                NetworkAclId=acl_id,
                Egress=True,
                RuleNumber=100,
                Protocol="-1",
                RuleAction="allow",
                CidrBlock="0.0.0.0/0",
            )
            subnet_id = ids.get(subnet)
            if subnet_id and subnet_id in assoc_by_subnet:
                ec2(
                    "replace_network_acl_association",
                    AssociationId=assoc_by_subnet[subnet_id],
                    NetworkAclId=acl_id,
                )
        self.log(f"ec2[{region}]: network done (2 VPCs, 3 subnets, {len(sgs)} SGs, {len(nacls)} NACLs)")

    # ---- EC2 compute and storage (regional) -------------------------------------------------------
    def seed_compute(self, region: str) -> None:
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731
        ids = self.net.get(region, {})

        def tags(kind: str, name: str) -> list[dict]:
            return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": P + name}]}]

        def instance_tags(name: str) -> list[dict]:
            # The root volume the emulator creates (unencrypted) gets a Name too.
            return tags("instance", name) + tags("volume", name + "-root")

        if "subnet-a" in ids and "sg-ssh-open" in ids and "sg-tight" in ids:
            ec2(
                "run_instances",
                ImageId=AMI_ID,
                InstanceType="t3.micro",
                MinCount=1,
                MaxCount=1,
                NetworkInterfaces=[
                    {
                        "DeviceIndex": 0,
                        "SubnetId": ids["subnet-a"],
                        "Groups": [ids["sg-ssh-open"], ids["sg-tight"]],
                        "AssociatePublicIpAddress": True,
                    }
                ],
                MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "enabled"},
                TagSpecifications=instance_tags("web"),
            )
        if "subnet-c" in ids and "sg-tight" in ids:
            ec2(
                "run_instances",
                ImageId=AMI_ID,
                InstanceType="t3.micro",
                MinCount=1,
                MaxCount=1,
                SubnetId=ids["subnet-c"],
                SecurityGroupIds=[ids["sg-tight"]],
                IamInstanceProfile={"Name": P + "instance-profile"},
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                Monitoring={"Enabled": True},
                TagSpecifications=instance_tags("private"),
            )
        if "subnet-c" in ids and "sg-tight" in ids:
            # Stopped just now: within any max_ec2_instance_stopped_days (moto cannot backdate a stop).
            res = ec2(
                "run_instances",
                ImageId=AMI_ID,
                InstanceType="t3.micro",
                MinCount=1,
                MaxCount=1,
                SubnetId=ids["subnet-c"],
                SecurityGroupIds=[ids["sg-tight"]],
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                TagSpecifications=instance_tags("stopped"),
            )
            if res:
                ec2("stop_instances", InstanceIds=[res["Instances"][0]["InstanceId"]])

        az = region + "a"
        vols = {}
        for name, enc in [("vol-plain", False), ("vol-encrypted", True)]:
            # A named customer key: without one moto invents an "alias/aws/ebs" key that it reports as
            # customer-managed with rotation off (a spurious KMS finding).
            key = {"KmsKeyId": self.key_arns[(region, "rotate")]} if enc and (region, "rotate") in self.key_arns else {}
            res = ec2(
                "create_volume",
                AvailabilityZone=az,
                Size=1,
                VolumeType="gp3",
                Encrypted=enc,
                TagSpecifications=tags("volume", name),
                **key,
            )
            if res:
                vols[name] = res["VolumeId"]
        for name, vol in [
            ("snap-plain", "vol-plain"),
            ("snap-public", "vol-plain"),
            ("snap-encrypted", "vol-encrypted"),
        ]:
            if vol not in vols:
                continue
            res = ec2(
                "create_snapshot",
                VolumeId=vols[vol],
                Description=f"argus demo snapshot {name}",
                TagSpecifications=tags("snapshot", name),
            )
            if res and name == "snap-public":
                ec2(
                    "modify_snapshot_attribute",
                    SnapshotId=res["SnapshotId"],
                    Attribute="createVolumePermission",
                    OperationType="add",
                    GroupNames=["all"],
                )

        if "vpc" in ids:
            # moto rejects a key prefix in the destination ARN ("does not exist"): bucket ARN only.
            res = ec2(
                "create_flow_logs",
                ResourceIds=[ids["vpc"]],
                ResourceType="VPC",
                TrafficType="ALL",
                LogDestinationType="s3",
                LogDestination=f"arn:aws:s3:::{P}logs",
                TagSpecifications=tags("vpc-flow-log", "vpc-flowlog"),
            )
            for item in (res or {}).get("Unsuccessful", []):
                self.warn_local("ec2.CreateFlowLogs", f"[{region}] unsuccessful: {item.get('Error')}")
        self.log(f"ec2[{region}]: compute/storage done (3 instances, 2 volumes, 3 snapshots, 1 flow log)")

    def seed_ebs_default(self) -> None:
        # Only after every volume exists: with the setting on, emulators encrypt new volumes.
        self.call("ec2", self.primary, "enable_ebs_encryption_by_default")
        for region in self.regions[1:]:
            self.call("ec2", region, "disable_ebs_encryption_by_default")

    # ---- S3 ---------------------------------------------------------------------------------------
    def seed_s3(self) -> None:
        r = self.primary
        s3 = lambda op, region=r, **kw: self.call("s3", region, op, **kw)  # noqa: E731
        acct = self.account
        bpa_all = {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        }
        aes = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}

        def create(name: str, region: str, ownership: str) -> bool:
            kw: dict = {"Bucket": name, "ObjectOwnership": ownership}
            if region != "us-east-1":
                kw["CreateBucketConfiguration"] = {"LocationConstraint": region}
            return s3("create_bucket", region=region, **kw) is not None

        def public_ready(name: str, region: str = r) -> None:
            # LocalStack (like AWS since 2023) turns Block Public Access on for new buckets.
            s3("delete_public_access_block", region=region, Bucket=name)

        def no_encryption(name: str) -> None:
            # LocalStack (like AWS since 2023) gives every bucket SSE-S3; moto gives none.
            if self.flavour == "localstack":
                s3("delete_bucket_encryption", Bucket=name)

        # Log target: private, SSE-S3, owner-enforced, S3 log delivery allowed by policy.
        b = P + "logs"
        if create(b, r, "BucketOwnerEnforced"):
            s3("put_public_access_block", Bucket=b, PublicAccessBlockConfiguration=bpa_all)
            s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "S3ServerAccessLogsPolicy",
                        "Effect": "Allow",
                        "Principal": {"Service": "logging.s3.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{b}/*",
                        "Condition": {"StringEquals": {"aws:SourceAccount": acct}},
                    },
                    {
                        "Sid": "AWSLogDeliveryWrite",
                        "Effect": "Allow",
                        "Principal": {"Service": "delivery.logs.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{b}/flow-logs/*",
                        "Condition": {"StringEquals": {"aws:SourceAccount": acct}},
                    },
                ),
            )

        # The good bucket.
        b = P + "good"
        if create(b, r, "BucketOwnerEnforced"):
            s3("put_public_access_block", Bucket=b, PublicAccessBlockConfiguration=bpa_all)
            kms_key = self.key_arns.get((r, "rotate"))
            if kms_key:
                s3(
                    "put_bucket_encryption",
                    Bucket=b,
                    ServerSideEncryptionConfiguration={
                        "Rules": [
                            {
                                "ApplyServerSideEncryptionByDefault": {
                                    "SSEAlgorithm": "aws:kms",
                                    "KMSMasterKeyID": kms_key,
                                },
                                "BucketKeyEnabled": True,
                            }
                        ]
                    },
                )
            s3("put_bucket_versioning", Bucket=b, VersioningConfiguration={"Status": "Enabled"})
            s3(
                "put_bucket_logging",
                Bucket=b,
                BucketLoggingStatus={
                    "LoggingEnabled": {"TargetBucket": P + "logs", "TargetPrefix": "access/good/"}
                },
            )
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ),
            )

        # Public read through the bucket policy.
        b = P + "public-read-policy"
        if create(b, r, "BucketOwnerEnforced"):
            public_ready(b)
            s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "PublicRead",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{b}/*",
                    }
                ),
            )

        # Public write/delete through the bucket policy.
        b = P + "public-write-policy"
        if create(b, r, "BucketOwnerEnforced"):
            public_ready(b)
            s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "PublicWrite",
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": ["s3:PutObject", "s3:DeleteObject"],
                        "Resource": f"arn:aws:s3:::{b}/*",
                    }
                ),
            )

        # Public ACLs (object ownership must allow ACLs first).  Explicit grants rather than the canned
        # "public-read-write" ACL: moto 5.2.5 stores that as one grant with two permissions and then
        # returns only READ.
        all_users = {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}
        for name, perms in [("public-read-acl", ["READ"]), ("public-write-acl", ["READ", "WRITE"])]:
            b = P + name
            if create(b, r, "ObjectWriter"):
                public_ready(b)
                s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
                current = s3("get_bucket_acl", Bucket=b)
                if current:
                    owner = current["Owner"]
                    grants = [{"Grantee": {"Type": "CanonicalUser", "ID": owner["ID"]}, "Permission": "FULL_CONTROL"}]
                    grants += [{"Grantee": all_users, "Permission": p} for p in perms]
                    s3("put_bucket_acl", Bucket=b, AccessControlPolicy={"Owner": owner, "Grants": grants})

        # No default encryption at all (and nothing else set either).
        b = P + "no-encryption"
        if create(b, r, "BucketOwnerEnforced"):
            s3("put_public_access_block", Bucket=b, PublicAccessBlockConfiguration=bpa_all)
            no_encryption(b)

        # Cross-account grant to the partner account (not public).
        b = P + "cross-account"
        if create(b, r, "BucketOwnerEnforced"):
            s3("put_public_access_block", Bucket=b, PublicAccessBlockConfiguration=bpa_all)
            s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "PartnerRead",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"},
                        "Action": ["s3:GetObject", "s3:ListBucket"],
                        "Resource": [f"arn:aws:s3:::{b}", f"arn:aws:s3:::{b}/*"],
                    }
                ),
            )

        # CloudTrail log bucket (only the moto flavour has CloudTrail, but the bucket is harmless).
        b = P + "trail-logs"
        if create(b, r, "BucketOwnerEnforced"):
            s3("put_public_access_block", Bucket=b, PublicAccessBlockConfiguration=bpa_all)
            s3("put_bucket_encryption", Bucket=b, ServerSideEncryptionConfiguration=aes)
            s3(
                "put_bucket_policy",
                Bucket=b,
                Policy=doc(
                    {
                        "Sid": "AWSCloudTrailAclCheck",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:GetBucketAcl",
                        "Resource": f"arn:aws:s3:::{b}",
                    },
                    {
                        "Sid": "AWSCloudTrailWrite",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{b}/AWSLogs/{acct}/*",
                        "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
                    },
                ),
            )

        # A bucket in every other region: private, SSE-S3, but unversioned and unlogged.
        for region in self.regions[1:]:
            b = f"{P}{region}-data"
            if create(b, region, "BucketOwnerEnforced"):
                s3("put_public_access_block", region=region, Bucket=b, PublicAccessBlockConfiguration=bpa_all)
                s3("put_bucket_encryption", region=region, Bucket=b, ServerSideEncryptionConfiguration=aes)

        # The good bucket also locks objects, expires old versions, tells a queue about deletions and
        # replicates to the second region's bucket (moto keeps these; the other buckets have none).
        b = P + "good"
        if self.flavour == "moto":
            s3(
                "put_object_lock_configuration",
                Bucket=b,
                ObjectLockConfiguration={
                    "ObjectLockEnabled": "Enabled",
                    "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}},
                },
            )
            s3(
                "put_bucket_lifecycle_configuration",
                Bucket=b,
                LifecycleConfiguration={
                    "Rules": [
                        {
                            "ID": "expire-noncurrent",
                            "Status": "Enabled",
                            "Filter": {},
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                        }
                    ]
                },
            )
            s3(
                "put_bucket_notification_configuration",
                Bucket=b,
                NotificationConfiguration={
                    "QueueConfigurations": [
                        {"QueueArn": f"arn:aws:sqs:{r}:{acct}:{P}bucket-events", "Events": ["s3:ObjectRemoved:*"]}
                    ]
                },
            )
            if len(self.regions) > 1:
                s3(
                    "put_bucket_replication",
                    Bucket=b,
                    ReplicationConfiguration={
                        "Role": f"arn:aws:iam::{acct}:role/{P}replication",
                        "Rules": [
                            {
                                "ID": "disaster-recovery",
                                "Status": "Enabled",
                                "Priority": 1,
                                "Filter": {},
                                "DeleteMarkerReplication": {"Status": "Enabled"},
                                "Destination": {"Bucket": f"arn:aws:s3:::{P}{self.regions[1]}-data"},
                            }
                        ],
                    },
                )
            # Access points to the good bucket: one with Block Public Access, one without; the same for
            # Multi-Region Access Points (served by us-west-2 only).
            s3control = lambda op, region=r, **kw: self.call("s3control", region, op, **kw)  # noqa: E731
            bpa_none = {k: False for k in bpa_all}
            for name, bpa in [("private-ap", bpa_all), ("open-ap", bpa_none)]:
                s3control("create_access_point", AccountId=acct, Name=P + name, Bucket=b, PublicAccessBlockConfiguration=bpa)
            for name, bpa in [("private-mrap", bpa_all), ("open-mrap", bpa_none)]:
                s3control(
                    "create_multi_region_access_point",
                    region="us-west-2",
                    AccountId=acct,
                    ClientToken=P + name,
                    Details={"Name": P + name, "PublicAccessBlock": bpa, "Regions": [{"Bucket": b}]},
                )
        self.log(f"s3: done ({8 + len(self.regions) - 1} buckets)")

    # ---- Lambda (regional) ------------------------------------------------------------------------
    def seed_lambda(self, region: str) -> None:
        lam = lambda op, **kw: self.call("lambda", region, op, **kw)  # noqa: E731
        acct = self.account
        ids = self.net.get(region, {})
        code = {"ZipFile": lambda_zip("index.py", "def handler(event, context):\n    return {'ok': True}\n")}
        node_code = {"ZipFile": lambda_zip("index.js", "exports.handler = async () => ({ ok: true });\n")}
        narrow = self.role_arns.get("lambda-exec-sourceacct", f"arn:aws:iam::{acct}:role/{P}lambda-exec-sourceacct")

        def create(name: str, role: str, env: dict | None = None, runtime: str = "python3.12", **extra: Any):
            kw: dict = dict(
                FunctionName=P + name,
                Runtime=runtime,
                Role=role,
                Handler="index.handler",
                Code=node_code if runtime.startswith("nodejs") else code,
                Description=f"argus demo function {name}",
                Timeout=3,
                MemorySize=128,
                Publish=False,
                **extra,
            )
            if env:
                kw["Environment"] = {"Variables": env}
            res = lam("create_function", **kw)
            if res:
                self.fn_arns[(region, name)] = res["FunctionArn"]
            return res

        if region == self.primary:
            create(
                "secrets-in-env",
                self.role_arns.get("lambda-admin", narrow),
                {
                    "LOG_LEVEL": "info",
                    "TABLE_ARN": f"arn:aws:dynamodb:{region}:{acct}:table/argus-demo-orders",
                    "LEGACY_ACCESS_KEY_ID": SECRET_AKIA,
                    "LEGACY_SECRET_ACCESS_KEY": SECRET_AWS_SECRET,
                    "DB_PASSWORD": SECRET_DB_PASSWORD,
                },
            )
            if create("public-url", self.role_arns.get("lambda-exec-nosourceacct", narrow), {"LOG_LEVEL": "info"}):
                # CORS open to every origin.
                lam("create_function_url_config", FunctionName=P + "public-url", AuthType="NONE", Cors={"AllowOrigins": ["*"]})
            if create("public-invoke", narrow, {"LOG_LEVEL": "warn"}):
                lam(
                    "add_permission",
                    FunctionName=P + "public-invoke",
                    StatementId="argus-demo-anyone-may-invoke",
                    Action="lambda:InvokeFunction",
                    Principal="*",
                )
            # in-vpc spans two zones (subnet-c in a, subnet-b in b); deprecated-runtime sits in one.
            vpc_cfg, one_zone = {}, {}
            if all(k in ids for k in ("subnet-b", "subnet-c", "sg-tight")):
                vpc_cfg = {"VpcConfig": {"SubnetIds": [ids["subnet-c"], ids["subnet-b"]], "SecurityGroupIds": [ids["sg-tight"]]}}
                one_zone = {"VpcConfig": {"SubnetIds": [ids["subnet-c"]], "SecurityGroupIds": [ids["sg-tight"]]}}
            # Deprecated runtime: the first one the emulator accepts.
            for rt in ("python3.7", "nodejs12.x", "python3.6", "nodejs14.x", "python3.8"):
                res = create("deprecated-runtime", narrow, {"LOG_LEVEL": "info"}, runtime=rt, **one_zone)
                if res:
                    self.log(f"lambda[{region}]: {P}deprecated-runtime created with runtime {rt}")
                    break
            # in-vpc: its variables under the demo's customer managed key, and a layer of the account's own
            # (the emulators refuse a layer version of another account, so no cross-account layer is seeded).
            in_vpc_extra: dict = dict(vpc_cfg)
            own_layer = lam(
                "publish_layer_version",
                LayerName=P + "shared",
                Content={"ZipFile": lambda_zip("python/shared.py", "VERSION = 1\n")},
                CompatibleRuntimes=["python3.12"],
            )
            if own_layer:
                in_vpc_extra["Layers"] = [own_layer["LayerVersionArn"]]
            if (region, "rotate") in self.key_arns:
                in_vpc_extra["KMSKeyArn"] = self.key_arns[(region, "rotate")]
            if create(
                "in-vpc",
                narrow,
                {
                    "LOG_LEVEL": "info",
                    "POWERTOOLS_SERVICE_NAME": "orders",
                    "DB_SECRET_ARN": f"arn:aws:secretsmanager:{region}:{acct}:secret:{P}no-rotation",
                    "API_TOKEN_PARAMETER": f"ssm:/{P}app/api-token",
                },
                **in_vpc_extra,
            ):
                lam(
                    "create_function_url_config",
                    FunctionName=P + "in-vpc",
                    AuthType="AWS_IAM",
                    Cors={"AllowOrigins": ["https://shop.example.com"]},
                )
                lam(
                    "add_permission",
                    FunctionName=P + "in-vpc",
                    StatementId="argus-demo-s3-notifications",
                    Action="lambda:InvokeFunction",
                    Principal="s3.amazonaws.com",
                    SourceArn=f"arn:aws:s3:::{P}good",
                    SourceAccount=acct,
                )
            create("rotator", narrow, {"LOG_LEVEL": "info"})
        else:
            create(f"{region}-worker", narrow, {"LOG_LEVEL": "info"})
        self.log(f"lambda[{region}]: done")

    # ---- Secrets Manager (regional) ---------------------------------------------------------------
    def seed_secrets(self, region: str) -> None:
        sm = lambda op, **kw: self.call("secretsmanager", region, op, **kw)  # noqa: E731
        if region != self.primary:
            return
        sm("create_secret", Name=P + "no-rotation", SecretString=SECRET_SM_NOROTATE, Description="argus demo: never rotated")
        res = sm("create_secret", Name=P + "public-policy", SecretString=SECRET_SM_PUBLIC, Description="argus demo: public resource policy")
        if res:
            sm(
                "put_resource_policy",
                SecretId=P + "public-policy",
                BlockPublicPolicy=False,
                ResourcePolicy=doc(
                    {
                        "Sid": "AnyoneMayRead",
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "secretsmanager:GetSecretValue",
                        "Resource": "*",
                    }
                ),
            )
        # Deny-by-default: everyone but the demo's app role is denied every action on the secret.
        res = sm("create_secret", Name=P + "restricted", SecretString=SECRET_SM_NOROTATE, Description="argus demo: deny-by-default policy")
        if res:
            sm(
                "put_resource_policy",
                SecretId=P + "restricted",
                ResourcePolicy=doc(
                    {
                        "Sid": "DenyAllButApp",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "secretsmanager:*",
                        "Resource": "*",
                        "Condition": {"StringNotEquals": {"aws:PrincipalArn": f"arn:aws:iam::{self.account}:role/{P}app"}},
                    }
                ),
            )
        res = sm("create_secret", Name=P + "rotated", SecretString=SECRET_SM_ROTATED, Description="argus demo: rotation on")
        if res:
            # moto invokes the rotation Lambda whenever one is named (that needs Docker), but accepts
            # rotation rules alone.  LocalStack insists on a Lambda ARN but, with RotateImmediately off,
            # only checks that the function exists.  Either way RotationEnabled ends up true.
            rotator = self.fn_arns.get((region, "rotator"))
            extra = {"RotationLambdaARN": rotator} if (self.flavour == "localstack" and rotator) else {}
            # LocalStack 4.4 then answers InternalError ("cannot access local variable
            # 'new_version_id'") although it has already switched rotation on: check the state instead.
            ok = sm(
                "rotate_secret",
                SecretId=P + "rotated",
                RotationRules={"AutomaticallyAfterDays": 30},
                RotateImmediately=False,
                _quiet=bool(extra),
                **extra,
            )
            if not ok and extra:
                desc = sm("describe_secret", SecretId=P + "rotated")
                if not (desc and desc.get("RotationEnabled")):
                    self.warn_local("secretsmanager.RotateSecret", f"[{region}] rotation is not enabled")
        self.log(f"secretsmanager[{region}]: done (3 secrets)")

    # ---- RDS (moto only) --------------------------------------------------------------------------
    def seed_rds(self, region: str) -> None:
        rds = lambda op, **kw: self.call("rds", region, op, **kw)  # noqa: E731
        ids = self.net.get(region, {})
        subnets = [ids[s] for s in ("subnet-a", "subnet-b") if s in ids]
        rds(
            "create_db_subnet_group",
            DBSubnetGroupName=P + "db-subnets",
            DBSubnetGroupDescription="argus demo DB subnets",
            SubnetIds=subnets,
        )
        key = self.key_arns.get((region, "rotate"))
        common = dict(
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="argusadmin",
            MasterUserPassword=SECRET_RDS_PASSWORD,
            DBSubnetGroupName=P + "db-subnets",
        )
        rds(
            "create_db_instance",
            DBInstanceIdentifier=P + "db-public",
            Engine="mysql",
            EngineVersion="8.0.35",
            PubliclyAccessible=True,
            StorageEncrypted=False,
            BackupRetentionPeriod=0,
            DeletionProtection=False,
            AutoMinorVersionUpgrade=False,
            MultiAZ=False,
            EnableIAMDatabaseAuthentication=False,
            CopyTagsToSnapshot=False,
            VpcSecurityGroupIds=[ids["sg-db-open"]] if "sg-db-open" in ids else [],
            # No Enhanced Monitoring, no CloudWatch Logs exports, and the default master user.
            **{**common, "MasterUsername": "admin"},
        )
        good = dict(KmsKeyId=key) if key else {}
        rds(
            "create_db_instance",
            DBInstanceIdentifier=P + "db-private",
            Engine="postgres",
            EngineVersion="16.3",
            PubliclyAccessible=False,
            StorageEncrypted=True,
            BackupRetentionPeriod=7,
            DeletionProtection=True,
            AutoMinorVersionUpgrade=True,
            MultiAZ=True,
            EnableIAMDatabaseAuthentication=True,
            CopyTagsToSnapshot=True,
            MonitoringInterval=60,
            MonitoringRoleArn=f"arn:aws:iam::{self.account}:role/{P}rds-monitoring",
            EnableCloudwatchLogsExports=["postgresql", "upgrade"],
            VpcSecurityGroupIds=[ids["sg-tight"]] if "sg-tight" in ids else [],
            **good,
            **common,
        )
        cluster = dict(MasterUserPassword=SECRET_RDS_PASSWORD, DBSubnetGroupName=P + "db-subnets")
        rds(
            "create_db_cluster",
            DBClusterIdentifier=P + "cluster-plain",
            Engine="aurora-mysql",
            MasterUsername="admin",
            StorageEncrypted=False,
            CopyTagsToSnapshot=False,
            **cluster,
        )
        rds(
            "create_db_cluster",
            DBClusterIdentifier=P + "cluster-encrypted",
            Engine="aurora-postgresql",
            MasterUsername="argusadmin",
            Port=6543,
            StorageEncrypted=True,
            DeletionProtection=True,
            CopyTagsToSnapshot=True,
            EnableCloudwatchLogsExports=["postgresql"],
            **good,
            **cluster,
        )
        rds(
            "create_db_cluster",
            DBClusterIdentifier=P + "cluster-backtrack",
            Engine="aurora-mysql",
            MasterUsername="argusadmin",
            StorageEncrypted=True,
            DeletionProtection=True,
            CopyTagsToSnapshot=True,
            BacktrackWindow=86400,
            EnableCloudwatchLogsExports=["audit", "error", "general", "slowquery"],
            **good,
            **cluster,
        )
        # Multi-AZ DB clusters (engines mysql / postgres): the ones whose automatic minor version
        # upgrades FSBP RDS.35 judges.
        multi_az = dict(DBClusterInstanceClass="db.m5d.large", StorageType="io1", AllocatedStorage=100, Iops=1000)
        rds(
            "create_db_cluster",
            DBClusterIdentifier=P + "cluster-maz-patched",
            Engine="postgres",
            MasterUsername="argusadmin",
            StorageEncrypted=True,
            AutoMinorVersionUpgrade=True,
            EnableCloudwatchLogsExports=["postgresql"],
            **multi_az,
            **good,
            **cluster,
        )
        rds(
            "create_db_cluster",
            DBClusterIdentifier=P + "cluster-maz-unpatched",
            Engine="mysql",
            MasterUsername="argusadmin",
            StorageEncrypted=False,
            AutoMinorVersionUpgrade=False,
            **multi_az,
            **cluster,
        )
        if rds("create_db_snapshot", DBSnapshotIdentifier=P + "db-snap-public", DBInstanceIdentifier=P + "db-public"):
            rds(
                "modify_db_snapshot_attribute",
                DBSnapshotIdentifier=P + "db-snap-public",
                AttributeName="restore",
                ValuesToAdd=["all"],
            )
        rds("create_db_snapshot", DBSnapshotIdentifier=P + "db-snap-private", DBInstanceIdentifier=P + "db-private")
        self.log(f"rds[{region}]: done (2 instances, 5 clusters, 2 snapshots)")

    # ---- RDS event subscriptions (moto only) ------------------------------------------------------
    def seed_rds_events(self, region: str) -> None:
        """In the primary region (which seed_rds fills with instances and clusters) subscriptions that send
        every critical event (PASS x4); in the other region a DB instance and cluster of its own and
        subscriptions that fall short (FAIL x4): instance events of one category only, a disabled cluster
        subscription, security group events for one named group, nothing for parameter groups."""
        rds = lambda op, **kw: self.call("rds", region, op, **kw)  # noqa: E731
        topic = (self.call("sns", region, "create_topic", Name=P + "rds-events") or {}).get("TopicArn")
        if not topic:
            self.log(f"rds[{region}]: no SNS topic, skipping event subscriptions")
            return
        # Enabled is always given: moto stores an omitted flag as false (AWS defaults to true).
        if region == self.primary:
            subscriptions = [
                ("rds-instance-critical", "db-instance", ["maintenance", "configuration change", "failure"], [], True),
                ("rds-cluster-all", "db-cluster", [], [], True),
                ("rds-parameter-groups", "db-parameter-group", ["configuration change"], [], True),
                ("rds-security-groups", "db-security-group", ["configuration change", "failure"], [], True),
            ]
        else:
            common = dict(MasterUsername="argusadmin", MasterUserPassword=SECRET_RDS_PASSWORD, StorageEncrypted=True)
            rds("create_db_instance", DBInstanceIdentifier=P + "db-eu", Engine="postgres", EngineVersion="16.3",
                DBInstanceClass="db.t3.micro", AllocatedStorage=20, **common)
            rds("create_db_cluster", DBClusterIdentifier=P + "cluster-eu", Engine="aurora-postgresql", **common)
            subscriptions = [
                ("rds-instance-failures", "db-instance", ["failure"], [], True),
                ("rds-cluster-off", "db-cluster", ["maintenance", "failure"], [], False),
                ("rds-sg-one", "db-security-group", ["configuration change", "failure"], ["default"], True),
            ]
        for name, source_type, categories, source_ids, enabled in subscriptions:
            rds("create_event_subscription", SubscriptionName=P + name, SnsTopicArn=topic, SourceType=source_type,
                EventCategories=categories, SourceIds=source_ids, Enabled=enabled)
        self.log(f"rds[{region}]: event subscriptions done ({len(subscriptions)})")

    # ---- CloudTrail (moto only) -------------------------------------------------------------------
    def seed_cloudtrail(self, region: str) -> None:
        ct = lambda op, **kw: self.call("cloudtrail", region, op, **kw)  # noqa: E731
        if ct(
            "create_trail",
            Name=P + "trail-single",
            S3BucketName=P + "trail-logs",
            IsMultiRegionTrail=False,
            EnableLogFileValidation=False,
            IncludeGlobalServiceEvents=False,
        ):
            ct("start_logging", Name=P + "trail-single")
        extra = {}
        if (region, "rotate") in self.key_arns:
            extra["KmsKeyId"] = self.key_arns[(region, "rotate")]
        if ct(
            "create_trail",
            Name=P + "trail-multi",
            S3BucketName=P + "trail-logs",
            IsMultiRegionTrail=True,
            EnableLogFileValidation=True,
            IncludeGlobalServiceEvents=True,
            **extra,
        ):
            ct("start_logging", Name=P + "trail-multi")
            ct("put_insight_selectors", TrailName=P + "trail-multi", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
        self.log(f"cloudtrail[{region}]: done (2 trails)")

    # ---- CloudWatch monitoring and SNS (moto only: needs the trail) --------------------------------
    def seed_monitoring(self, region: str) -> None:
        """The multi-region trail delivers to a log group watched by metric filters and alarms: some CIS
        monitoring controls covered (patterns reordered and respaced as users write them), others broken
        one link at a time. Plus an alarm topic and a public, unencrypted topic with an HTTP subscriber."""
        acct = self.account
        call = lambda svc, op, **kw: self.call(svc, region, op, **kw)  # noqa: E731
        group = P + "trail-events"
        call("logs", "create_log_group", logGroupName=group)
        call(
            "cloudtrail",
            "update_trail",
            Name=P + "trail-multi",
            CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:{acct}:log-group:{group}:*",
            CloudWatchLogsRoleArn=f"arn:aws:iam::{acct}:role/{P}trail-to-logs",
        )
        call(
            "cloudtrail",
            "put_event_selectors",
            TrailName=P + "trail-multi",
            EventSelectors=[
                {"ReadWriteType": "All", "IncludeManagementEvents": True},
                {
                    "ReadWriteType": "WriteOnly",
                    "IncludeManagementEvents": False,
                    "DataResources": [
                        {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]},
                        # Invocations of one function only.
                        {
                            "Type": "AWS::Lambda::Function",
                            "Values": [f"arn:aws:lambda:{region}:{self.account}:function:{P}in-vpc"],
                        },
                    ],
                },
            ],
        )

        def topic(name: str, **attributes: str) -> str:
            out = call("sns", "create_topic", Name=P + name, Attributes=attributes)
            return out["TopicArn"] if out else ""

        alerts = topic("alerts", KmsMasterKeyId="alias/aws/sns")
        silent = topic("silent-alerts", KmsMasterKeyId="alias/aws/sns")
        open_topic = topic("open-topic")
        public = doc({"Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "SNS:Publish", "Resource": open_topic})
        call("sns", "set_topic_attributes", TopicArn=open_topic, AttributeName="Policy", AttributeValue=public)
        call("sns", "subscribe", TopicArn=alerts, Protocol="https", Endpoint="https://alerts.example.com/argus-demo")
        call("sns", "subscribe", TopicArn=open_topic, Protocol="http", Endpoint="http://hooks.example.com/argus-demo")

        def watched(name: str, pattern: str, topic_arn: str = alerts, actions_enabled: bool = True) -> None:
            call(
                "logs",
                "put_metric_filter",
                logGroupName=group,
                filterName=P + name,
                filterPattern=pattern,
                metricTransformations=[{"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}],
            )
            call(
                "cloudwatch",
                "put_metric_alarm",
                AlarmName=P + name,
                MetricName=name,
                Namespace="CISBenchmark",
                Statistic="Sum",
                Period=300,
                Threshold=1,
                ComparisonOperator="GreaterThanOrEqualToThreshold",
                EvaluationPeriods=1,
                ActionsEnabled=actions_enabled,
                AlarmActions=[topic_arn],
            )

        # Covered (PASS).
        watched("root", '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType!="AwsServiceEvent"}')
        iam = ["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
               "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
               "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
               "DetachGroupPolicy"]
        watched("iam-policy", "{ " + " || ".join(f'($.eventName = "{n}")' for n in reversed(iam)) + " }")
        watched("trail-changes", "{($.eventName=CreateTrail)||($.eventName=UpdateTrail)||($.eventName=DeleteTrail)||($.eventName=StartLogging)||($.eventName=StopLogging)}")
        watched("console-failures", '{ ($.errorMessage = "Failed authentication") && ($.eventName = ConsoleLogin) }')
        watched("s3-policy", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucket*) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }")
        watched("security-groups", "{ $.eventName = AuthorizeSecurityGroup* || $.eventName = RevokeSecurityGroup* || $.eventName = CreateSecurityGroup || $.eventName = DeleteSecurityGroup }")
        watched("vpc", "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = *VpcPeeringConnection) || ($.eventName = *ClassicLink*) }")
        orgs = ["AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
                "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
                "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization",
                "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit"]
        watched("organizations", "{ ($.eventSource = organizations.amazonaws.com) && (" + "||".join(f"($.eventName={n})" for n in orgs) + ") }")
        # Broken one link at a time (FAIL); sign-in without MFA and network gateways have no filter.
        watched("unauthorized", '{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }')
        call("logs", "put_metric_filter", logGroupName=group, filterName=P + "kms-no-alarm",
             filterPattern="{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
             metricTransformations=[{"metricName": "kms-no-alarm", "metricNamespace": "CISBenchmark", "metricValue": "1"}])
        watched("config", "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }", actions_enabled=False)
        watched("nacl", "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) }")
        watched("routes", "{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }", topic_arn=silent)
        self.log(f"monitoring[{region}]: done (log group, 14 metric filters, 3 topics)")
    def seed_secrets_beyond_lambda(self, region: str) -> None:
        """User data (instances, launch templates), SSM parameters and ECS task definitions, each with a
        planted secret and a clean twin; ECS only where the emulator has it (moto)."""
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731
        ssm = lambda op, **kw: self.call("ssm", region, op, **kw)  # noqa: E731
        ud_pw, ud_akia, lt_pw, lt_key, ecs_pw, ssm_plain, ssm_secure = PLANTED_SECRETS[8:15]

        def named(name: str) -> list[dict]:
            return [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": P + name}]}]

        leaky = f"#!/bin/bash\nexport DB_PASSWORD='{ud_pw}'\nexport AWS_ACCESS_KEY_ID={ud_akia}\n/opt/app/start\n"
        clean = (
            "#!/bin/bash\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db "
            "--query SecretString --output text)\nexport DB_PASSWORD\n/opt/app/start\n"
        )
        for name, text in [("userdata-leaky", leaky), ("userdata-clean", clean)]:
            ec2(
                "run_instances",
                ImageId=AMI_ID,
                InstanceType="t3.micro",
                MinCount=1,
                MaxCount=1,
                UserData=text,
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
                TagSpecifications=named(name),
            )

        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode()

        key_block = f"-----BEGIN RSA PRIVATE KEY-----\n{lt_key}\n-----END RSA PRIVATE KEY-----\n"
        leaky_lt = f"#!/bin/bash\ncat > /etc/app.pem <<EOF\n{key_block}EOF\nmysql --password {lt_pw} -h db\n"
        # The default version (1) is clean; the latest (2), gzip-compressed, is not.
        if ec2("create_launch_template", LaunchTemplateName=P + "lt-leaky",
               LaunchTemplateData={"UserData": b64(clean.encode())}):
            # ...and also allows IMDSv1 and asks for a public IP.
            ec2("create_launch_template_version", LaunchTemplateName=P + "lt-leaky",
                LaunchTemplateData={"UserData": b64(gzip.compress(leaky_lt.encode())),
                                    "MetadataOptions": {"HttpTokens": "optional"},
                                    "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}]})
        ec2("create_launch_template", LaunchTemplateName=P + "lt-clean",
            LaunchTemplateData={"UserData": b64(clean.encode()), "MetadataOptions": {"HttpTokens": "required"},
                                "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": False}]})

        cmk = self.key_arns.get((region, "rotate"))
        ssm("put_parameter", Name="/argus-demo/db/password", Type="String", Value=ssm_plain)
        ssm("put_parameter", Name="/argus-demo/app/log_level", Type="String", Value="info")
        ssm("put_parameter", Name="/argus-demo/api/token", Type="SecureString", Value=ssm_secure)
        if cmk:
            ssm("put_parameter", Name="/argus-demo/signing/key", Type="SecureString", Value="not-a-secret", KeyId=cmk)

        if self.flavour == "moto":
            ecs = lambda op, **kw: self.call("ecs", region, op, **kw)  # noqa: E731
            ecs(
                "register_task_definition",
                family=P + "task-legacy",
                networkMode="host",
                pidMode="host",
                containerDefinitions=[
                    {
                        "name": "app",
                        "image": "public.ecr.aws/nginx/nginx:latest",
                        "memory": 256,
                        "privileged": True,
                        "environment": [
                            {"name": "DB_PASSWORD", "value": ecs_pw},
                            {"name": "LOG_LEVEL", "value": "info"},
                        ],
                    },
                    {"name": "sidecar", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 128, "user": "root"},
                ],
            )
            ecs(
                "register_task_definition",
                family=P + "task-hardened",
                networkMode="awsvpc",
                containerDefinitions=[
                    {
                        "name": "app",
                        "image": "public.ecr.aws/nginx/nginx:latest",
                        "memory": 256,
                        "user": "1000",
                        "readonlyRootFilesystem": True,
                        "environment": [{"name": "LOG_LEVEL", "value": "info"}],
                        "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:" + region
                                     + ":123456789012:secret:argus-demo-db"}],
                        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": P + "app"}},
                    }
                ],
            )
        self.log(f"secrets beyond lambda[{region}]: done (2 instances, 2 launch templates, 4 parameters, 2 task definitions)")
    # ---- Detective services (moto only) ----------------------------------------------------------
    def seed_detective(self) -> None:
        """The primary region watched (GuardDuty, AWS Config, Security Hub, Inspector), the others not or
        only in part. Access Analyzer and Macie are left alone: moto answers every Access Analyzer call
        with HTTP 500 and reports Macie enabled everywhere."""
        account = self.account
        for i, region in enumerate(self.regions):
            primary = i == 0
            call = lambda svc, op, **kw: self.call(svc, region, op, **kw)  # noqa: E731
            # GuardDuty: enabled with S3 Protection in the primary region, suspended elsewhere.
            features = [{"Name": "S3_DATA_EVENTS", "Status": "ENABLED"}, {"Name": "RDS_LOGIN_EVENTS", "Status": "DISABLED"}]
            call("guardduty", "create_detector", Enable=primary, Features=features)
            # AWS Config: every resource type, recording, with a channel; elsewhere one type, stopped, no channel.
            name = P + "recorder"
            group = (
                {"allSupported": True, "includeGlobalResourceTypes": True}
                if primary
                else {"allSupported": False, "includeGlobalResourceTypes": False, "resourceTypes": ["AWS::EC2::Instance"]}
            )
            role = f"arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
            call("config", "put_configuration_recorder", ConfigurationRecorder={"name": name, "roleARN": role, "recordingGroup": group})
            if primary:
                call("config", "put_delivery_channel", DeliveryChannel={"name": P + "channel", "s3BucketName": P + "trail-logs"})
                call("config", "start_configuration_recorder", ConfigurationRecorderName=name)
                # Security Hub: subscribed in the primary region only.
                call("securityhub", "enable_security_hub", EnableDefaultStandards=False)
            # Inspector: every scan type in the primary region, EC2 only elsewhere.
            types = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"] if primary else ["EC2"]
            call("inspector2", "enable", resourceTypes=types, accountIds=[account])
        self.log(f"detective: done ({len(self.regions)} regions)")
    # ---- Load balancers, RDS TLS parameter groups, AWS Backup (moto only) ---------------------------
    def seed_load_balancers(self, region: str) -> None:
        elbv2 = lambda op, **kw: self.call("elbv2", region, op, **kw)  # noqa: E731
        elb = lambda op, **kw: self.call("elb", region, op, **kw)  # noqa: E731
        ids = self.net.get(region, {})
        subnets = [ids[s] for s in ("subnet-a", "subnet-b") if s in ids]
        if len(subnets) < 2 or "sg-all-open" not in ids or "sg-tight" not in ids:
            self.log(f"elb[{region}]: no demo subnets or groups, skipping")
            return

        def attributes(arn: str, **values: str) -> None:
            elbv2(
                "modify_load_balancer_attributes",
                LoadBalancerArn=arn,
                Attributes=[{"Key": k.replace("__", "."), "Value": v} for k, v in values.items()],
            )

        # Internet-facing ALB open to the internet, plain HTTP forwarded, no web ACL, nothing hardened.
        public = elbv2(
            "create_load_balancer",
            Name=P + "alb-public",
            Subnets=subnets,
            SecurityGroups=[ids["sg-all-open"]],
            Scheme="internet-facing",
            Type="application",
        )
        # Internal ALB: HTTPS on a TLS 1.2 policy, HTTP redirected, logging, protection, strict modes.
        internal = elbv2(
            "create_load_balancer",
            Name=P + "alb-internal",
            Subnets=subnets,
            SecurityGroups=[ids["sg-tight"]],
            Scheme="internal",
            Type="application",
        )
        if not public or not internal:
            return
        public_arn = public["LoadBalancers"][0]["LoadBalancerArn"]
        internal_arn = internal["LoadBalancers"][0]["LoadBalancerArn"]
        tg = elbv2("create_target_group", Name=P + "tg", Protocol="HTTP", Port=80, VpcId=ids["vpc"])
        forward = [{"Type": "forward", "TargetGroupArn": tg["TargetGroups"][0]["TargetGroupArn"]}] if tg else []
        elbv2("create_listener", LoadBalancerArn=public_arn, Protocol="HTTP", Port=80, DefaultActions=forward)
        cert = self.call("acm", region, "request_certificate", DomainName="demo.argus.example")
        certificates = [{"CertificateArn": cert["CertificateArn"]}] if cert else []
        elbv2(
            "create_listener",
            LoadBalancerArn=public_arn,
            Protocol="HTTPS",
            Port=8443,
            SslPolicy="ELBSecurityPolicy-2016-08",
            Certificates=certificates,
            DefaultActions=forward,
        )
        attributes(
            public_arn,
            access_logs__s3__enabled="false",
            deletion_protection__enabled="false",
            routing__http__desync_mitigation_mode="monitor",
            routing__http__drop_invalid_header_fields__enabled="false",
        )
        elbv2(
            "create_listener",
            LoadBalancerArn=internal_arn,
            Protocol="HTTPS",
            Port=443,
            SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            Certificates=certificates,
            DefaultActions=forward,
        )
        redirect = {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
        elbv2("create_listener", LoadBalancerArn=internal_arn, Protocol="HTTP", Port=80, DefaultActions=[redirect])
        attributes(
            internal_arn,
            access_logs__s3__enabled="true",
            access_logs__s3__bucket=P + "logs",
            deletion_protection__enabled="true",
            routing__http__desync_mitigation_mode="strictest",
            routing__http__drop_invalid_header_fields__enabled="true",
        )
        # Internet-facing ALB behind a web ACL, reachable from internal ranges only.
        guarded = elbv2(
            "create_load_balancer",
            Name=P + "alb-waf",
            Subnets=subnets,
            SecurityGroups=[ids["sg-tight"]],
            Scheme="internet-facing",
            Type="application",
        )
        acl = self.call(
            "wafv2",
            region,
            "create_web_acl",
            Name=P + "web-acl",
            Scope="REGIONAL",
            DefaultAction={"Allow": {}},
            VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "argus"},
        )
        if guarded and acl:
            self.call(
                "wafv2",
                region,
                "associate_web_acl",
                WebACLArn=acl["Summary"]["ARN"],
                ResourceArn=guarded["LoadBalancers"][0]["LoadBalancerArn"],
            )
        # Network load balancers without listeners, one in a single zone without cross-zone balancing.
        for name, nlb_subnets, cross_zone in [("nlb-idle", subnets[:1], "false"), ("nlb-cross", subnets, "true")]:
            nlb = elbv2("create_load_balancer", Name=P + name, Subnets=nlb_subnets, Scheme="internal", Type="network")
            if nlb:
                attributes(nlb["LoadBalancers"][0]["LoadBalancerArn"], load_balancing__cross_zone__enabled=cross_zone)
        # Classic Load Balancers: an internet-facing one with plain HTTP, an HTTPS listener on a TLS 1.0
        # policy, one zone and every attribute off; an internal one with everything on.
        tls = {"InstanceProtocol": "HTTP", "InstancePort": 80, "SSLCertificateId": "arn:aws:iam::" + self.account + ":server-certificate/argus-demo"}
        for name, scheme, zones, listeners, policy, on in [
            ("clb", "internet-facing", [region + "a"],
             [{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstanceProtocol": "HTTP", "InstancePort": 80},
              {"Protocol": "HTTPS", "LoadBalancerPort": 443, **tls}],
             "ELBSecurityPolicy-2016-08", False),
            ("clb-internal", "internal", [region + "a", region + "b"],
             [{"Protocol": "HTTPS", "LoadBalancerPort": 443, **tls}], "ELBSecurityPolicy-TLS-1-2-2017-01", True),
        ]:
            elb("create_load_balancer", LoadBalancerName=P + name, Listeners=listeners, AvailabilityZones=zones, Scheme=scheme)
            elb(
                "create_load_balancer_policy",
                LoadBalancerName=P + name,
                PolicyName=P + "tls",
                PolicyTypeName="SSLNegotiationPolicyType",
                PolicyAttributes=[{"AttributeName": "Reference-Security-Policy", "AttributeValue": policy}],
            )
            elb("set_load_balancer_policies_of_listener", LoadBalancerName=P + name, LoadBalancerPort=443, PolicyNames=[P + "tls"])
            elb(
                "modify_load_balancer_attributes",
                LoadBalancerName=P + name,
                LoadBalancerAttributes={
                    "AccessLog": {"Enabled": on, "S3BucketName": P + "logs", "EmitInterval": 60},
                    "CrossZoneLoadBalancing": {"Enabled": on},
                    "ConnectionDraining": {"Enabled": on, "Timeout": 300},
                    "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "defensive" if on else "monitor"}],
                },
            )
        self.log(f"elb[{region}]: done (3 application, 2 network and 2 classic load balancers)")

    def seed_rds_tls(self, region: str) -> None:
        rds = lambda op, **kw: self.call("rds", region, op, **kw)  # noqa: E731
        for name, family, param, value in [
            ("pg-tls-on", "postgres16", "rds.force_ssl", "1"),
            ("pg-tls-off", "mysql8.0", "require_secure_transport", "0"),
        ]:
            rds("create_db_parameter_group", DBParameterGroupName=P + name, DBParameterGroupFamily=family, Description=name)
            rds(
                "modify_db_parameter_group",
                DBParameterGroupName=P + name,
                Parameters=[{"ParameterName": param, "ParameterValue": value, "ApplyMethod": "pending-reboot"}],
            )
        common = dict(
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="argusadmin",
            MasterUserPassword=SECRET_RDS_PASSWORD,
            StorageEncrypted=True,
        )
        rds("create_db_instance", DBInstanceIdentifier=P + "db-tls", Engine="postgres", EngineVersion="16.3",
            DBParameterGroupName=P + "pg-tls-on", **common)
        rds("create_db_instance", DBInstanceIdentifier=P + "db-plain", Engine="mysql", EngineVersion="8.0.35",
            DBParameterGroupName=P + "pg-tls-off", **common)
        self.log(f"rds[{region}]: TLS parameter groups done (2 instances)")

    def seed_backup(self, region: str) -> None:
        backup = lambda op, **kw: self.call("backup", region, op, **kw)  # noqa: E731
        key = self.key_arns.get((region, "rotate"))
        backup("create_backup_vault", BackupVaultName=P + "vault", **({"EncryptionKeyArn": key} if key else {}))
        # Without a key: AWS uses aws/backup and reports it; moto lists the vault with no key.
        backup("create_backup_vault", BackupVaultName=P + "vault-default-key")
        backup(
            "create_backup_plan",
            BackupPlan={
                "BackupPlanName": P + "daily",
                "Rules": [{"RuleName": "daily", "TargetBackupVaultName": P + "vault", "ScheduleExpression": "cron(0 5 * * ? *)"}],
            },
        )
        self.log(f"backup[{region}]: done (2 vaults, 1 plan)")
    # ---- Organizations (moto only) ----------------------------------------------------------------
    def seed_organizations(self) -> None:
        """The demo account manages an organization with a custom SCP on the root but only the AWS
        managed RCP (guardrails FAIL) and a delegated administrator (PASS). One organization per
        account: each Organizations check gets one verdict here, the other in fixture tests."""
        org = lambda op, **kw: self.call("organizations", self.primary, op, **kw)  # noqa: E731
        if not org("create_organization", FeatureSet="ALL"):
            return
        roots = org("list_roots") or {"Roots": []}
        root_id = roots["Roots"][0]["Id"] if roots["Roots"] else None
        if root_id:
            org("enable_policy_type", RootId=root_id, PolicyType="SERVICE_CONTROL_POLICY")
            org("enable_policy_type", RootId=root_id, PolicyType="RESOURCE_CONTROL_POLICY")
            deny_leave = (
                '{"Version":"2012-10-17","Statement":[{"Effect":"Deny",'
                '"Action":"organizations:LeaveOrganization","Resource":"*"}]}'
            )
            scp = org(
                "create_policy",
                Content=deny_leave,
                Description="members cannot leave",
                Name=P + "deny-leave",
                Type="SERVICE_CONTROL_POLICY",
            )
            if scp:
                org("attach_policy", PolicyId=scp["Policy"]["PolicySummary"]["Id"], TargetId=root_id)
        member = org("create_account", Email="security@example.com", AccountName=P + "security")
        if member:
            org(
                "register_delegated_administrator",
                AccountId=member["CreateAccountStatus"]["AccountId"],
                ServicePrincipal="guardduty.amazonaws.com",
            )
        self.log("organizations: done (1 organization, 1 SCP on the root, 1 delegated administrator)")

    # ---- Account contacts (moto only) -------------------------------------------------------------
    def seed_account_contacts(self) -> None:
        """A security contact (PASS) whose mailbox the billing contact shares, and no operations contact
        (the distinct-contacts check FAILs)."""
        account = lambda op, **kw: self.call("account", self.primary, op, **kw)  # noqa: E731
        for kind, name in (("SECURITY", "Security team"), ("BILLING", "Finance")):
            account(
                "put_alternate_contact",
                AlternateContactType=kind,
                Name=name,
                Title=name,
                EmailAddress="security@example.com",
                PhoneNumber="+1 555 0100",
            )
        self.log("account: done (security and billing contacts sharing one address, no operations contact)")

    # ---- SQS --------------------------------------------------------------------------------------
    def seed_sqs(self, region: str) -> None:
        """A queue anyone may send to without encryption (FAIL, FAIL), and a private SSE-SQS queue whose
        policy lets only an SNS topic of this account send (PASS, PASS)."""
        sqs = lambda op, **kw: self.call("sqs", region, op, **kw)  # noqa: E731
        public = sqs(
            "create_queue",
            QueueName=P + "queue-public",
            Attributes={"SqsManagedSseEnabled": "false"},
        )
        if public:
            arn = f"arn:aws:sqs:{region}:{self.account}:{P}queue-public"
            policy = {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": arn}],
            }
            sqs("set_queue_attributes", QueueUrl=public["QueueUrl"], Attributes={"Policy": json.dumps(policy)})
        arn = f"arn:aws:sqs:{region}:{self.account}:{P}queue-private"
        topic = f"arn:aws:sns:{region}:{self.account}:{P}alerts"
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
                }
            ],
        }
        sqs(
            "create_queue",
            QueueName=P + "queue-private",
            Attributes={"SqsManagedSseEnabled": "true", "Policy": json.dumps(policy)},
        )
        self.log(f"sqs[{region}]: done (2 queues)")

    # ---- ECR --------------------------------------------------------------------------------------
    def seed_ecr(self, region: str) -> None:
        """A repository anyone may pull from, without scanning, tag immutability or lifecycle policy
        (FAIL x4), and a private one with all three (PASS x4)."""
        ecr = lambda op, **kw: self.call("ecr", region, op, **kw)  # noqa: E731
        if ecr(
            "create_repository",
            repositoryName=P + "repo-public",
            imageTagMutability="MUTABLE",
            imageScanningConfiguration={"scanOnPush": False},
        ):
            policy = {
                "Version": "2012-10-17",
                "Statement": [{"Sid": "Pull", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}],
            }
            ecr("set_repository_policy", repositoryName=P + "repo-public", policyText=json.dumps(policy))
        if ecr(
            "create_repository",
            repositoryName=P + "repo-private",
            imageTagMutability="IMMUTABLE",
            imageScanningConfiguration={"scanOnPush": True},
        ):
            lifecycle = {
                "rules": [
                    {
                        "rulePriority": 1,
                        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
                        "action": {"type": "expire"},
                    }
                ]
            }
            ecr("put_lifecycle_policy", repositoryName=P + "repo-private", lifecyclePolicyText=json.dumps(lifecycle))
        self.log(f"ecr[{region}]: done (2 repositories)")

    # ---- ECS clusters and services (moto only) ------------------------------------------------------
    def seed_ecs_services(self, region: str) -> None:
        """A cluster with Container Insights running a private Fargate service on LATEST (PASS x3), and one
        without it running a Fargate service pinned to platform 1.3.0 that assigns public IPs (FAIL x3).
        Both run the hardened task definition seeded by seed_secrets_beyond_lambda."""
        ecs = lambda op, **kw: self.call("ecs", region, op, **kw)  # noqa: E731
        net = self.net.get(region, {})
        subnet, sg = net.get("subnet-a"), net.get("sg-tight")
        if not (subnet and sg):
            self.log(f"ecs[{region}]: no demo subnet or security group, skipping services")
            return
        ecs("create_cluster", clusterName=P + "cluster-insights",
            settings=[{"name": "containerInsights", "value": "enabled"}])
        ecs("create_cluster", clusterName=P + "cluster-plain")
        for cluster, name, version, public_ip in [
            ("cluster-insights", "svc-private", "LATEST", "DISABLED"),
            ("cluster-plain", "svc-public", "1.3.0", "ENABLED"),
        ]:
            ecs(
                "create_service",
                cluster=P + cluster,
                serviceName=P + name,
                taskDefinition=P + "task-hardened",
                desiredCount=0,
                launchType="FARGATE",
                platformVersion=version,
                networkConfiguration={
                    "awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [sg], "assignPublicIp": public_ip}
                },
            )
        self.log(f"ecs[{region}]: done (2 clusters, 2 services)")

    # ---- Elastic IPs, transit gateways, VPN (moto only, after the segmentation instances) ----------
    def seed_connectivity(self, region: str) -> None:
        """An Elastic IP on instance argus-demo-seg-closed (PASS) and one left unassociated (FAIL); a transit
        gateway that accepts shared attachments automatically (FAIL) and one that does not (PASS); a VPN
        connection, whose tunnels moto does not report on (ERROR)."""
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731

        def tags(kind: str, name: str) -> list[dict]:
            return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": P + name}]}]

        found = ec2("describe_instances", Filters=[{"Name": "tag:Name", "Values": [P + "seg-closed"]}])
        instances = [i["InstanceId"] for r in (found or {}).get("Reservations", []) for i in r["Instances"]]
        for name, instance in [("eip-attached", instances[0] if instances else None), ("eip-idle", None)]:
            eip = ec2("allocate_address", Domain="vpc", TagSpecifications=tags("elastic-ip", name))
            if eip and instance:
                ec2("associate_address", AllocationId=eip["AllocationId"], InstanceId=instance)
        # Transit gateways: one accepts shared attachments automatically, one does not.
        for name, auto_accept in [("tgw-auto-accept", "enable"), ("tgw-manual-accept", "disable")]:
            ec2("create_transit_gateway", Description=f"argus demo {name}",
                Options={"AutoAcceptSharedAttachments": auto_accept}, TagSpecifications=tags("transit-gateway", name))
        # A Site-to-Site VPN connection: moto reports no tunnel telemetry (VgwTelemetry), so argus cannot
        # tell whether its tunnels are up (ERROR).
        cgw = ec2("create_customer_gateway", Type="ipsec.1", PublicIp="198.51.100.20", BgpAsn=65000,
                  TagSpecifications=tags("customer-gateway", "cgw"))
        vgw = ec2("create_vpn_gateway", Type="ipsec.1", TagSpecifications=tags("vpn-gateway", "vgw"))
        if cgw and vgw:
            ec2("create_vpn_connection", Type="ipsec.1", CustomerGatewayId=cgw["CustomerGateway"]["CustomerGatewayId"],
                VpnGatewayId=vgw["VpnGateway"]["VpnGatewayId"], TagSpecifications=tags("vpn-connection", "vpn"))
        self.log(f"ec2[{region}]: connectivity done (2 Elastic IPs, 2 transit gateways, 1 VPN connection)")

    def seed_amis_and_federation(self, region: str) -> None:
        """Two AMIs of the account, one launchable by everyone (ec2_ami_public FAIL) and one private (PASS),
        registered without block devices so that they add no snapshot; and a SAML identity provider
        (iam_check_saml_providers_sts PASS); an endpoint service any account may connect to and one for the
        account alone (vpc_endpoint_services_allowed_principals_trust_boundaries FAIL, PASS). moto does not implement the account-level block public access
        and metadata-default calls, nor AMI deprecation, so those checks have nothing to seed."""
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731
        for name, public in [("ami-public", True), ("ami-private", False)]:
            image = ec2("register_image", Name=P + name, RootDeviceName="/dev/xvda", Description=f"argus demo {name}")
            if image and public:
                ec2("modify_image_attribute", ImageId=image["ImageId"], LaunchPermission={"Add": [{"Group": "all"}]})
        metadata = (
            '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/">'
            '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data>'
            # A placeholder signing certificate: IAM wants a document of at least 1,000 characters.
            f'<X509Certificate>MIIC{"A" * 800}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>'
            '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://idp.example.com/sso"/></IDPSSODescriptor></EntityDescriptor>'
        )
        self.call("iam", region, "create_saml_provider", Name=P + "saml", SAMLMetadataDocument=metadata)
        # Endpoint services on the two network load balancers: one any account may connect to (FAIL), one
        # only the account itself (PASS).
        nlbs = self.call("elbv2", region, "describe_load_balancers", Names=[P + "nlb-cross", P + "nlb-idle"])
        arns = {lb["LoadBalancerName"]: lb["LoadBalancerArn"] for lb in (nlbs or {}).get("LoadBalancers", [])}
        for name, nlb, principal in [("svc-open", "nlb-cross", "*"), ("svc-private", "nlb-idle", f"arn:aws:iam::{self.account}:root")]:
            if P + nlb not in arns:
                continue
            service = ec2("create_vpc_endpoint_service_configuration", NetworkLoadBalancerArns=[arns[P + nlb]],
                          AcceptanceRequired=True,
                          TagSpecifications=[{"ResourceType": "vpc-endpoint-service", "Tags": [{"Key": "Name", "Value": P + name}]}])
            if service:
                ec2("modify_vpc_endpoint_service_permissions", ServiceId=service["ServiceConfiguration"]["ServiceId"],
                    AddAllowedPrincipals=[principal])
        self.log(f"ec2[{region}]: 2 AMIs (1 public), 2 endpoint services (1 open); iam: 1 SAML provider")

    # ---- orchestration ----------------------------------------------------------------------------
    # ---- VPC segmentation, internet reachability and EFS (primary region) --------------------------
    def seed_segmentation(self, region: str) -> None:
        ec2 = lambda op, **kw: self.call("ec2", region, op, **kw)  # noqa: E731

        def tags(kind: str, name: str) -> list[dict]:
            return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": P + name}]}]

        ids: dict[str, str] = {}
        for name, cidr in [("seg-vpc", "10.40.0.0/16"), ("seg-peer", "10.50.0.0/16"), ("seg-peer-narrow", "10.60.0.0/16")]:
            res = ec2("create_vpc", CidrBlock=cidr, TagSpecifications=tags("vpc", name))
            if res:
                ids[name] = res["Vpc"]["VpcId"]
        if "seg-vpc" not in ids or "seg-peer" not in ids:
            return
        vpc = ids["seg-vpc"]
        # seg-public assigns public addresses and routes 0.0.0.0/0 to an internet gateway; seg-private
        # keeps the main route table (no internet route). seg-peer has one subnet, public through its
        # main route table: every subnet of that VPC is public, all in one zone.
        for name, vpc_name, cidr, az in [
            ("seg-public", "seg-vpc", "10.40.1.0/24", region + "a"),
            ("seg-private", "seg-vpc", "10.40.2.0/24", region + "b"),
            ("seg-private-a", "seg-vpc", "10.40.4.0/24", region + "a"),
            ("seg-peer-public", "seg-peer", "10.50.1.0/24", region + "a"),
        ]:
            res = ec2("create_subnet", VpcId=ids[vpc_name], CidrBlock=cidr, AvailabilityZone=az, TagSpecifications=tags("subnet", name))
            if res:
                ids[name] = res["Subnet"]["SubnetId"]
        if "seg-public" in ids:
            ec2("modify_subnet_attribute", SubnetId=ids["seg-public"], MapPublicIpOnLaunch={"Value": True})
        main_rt = {}
        for vpc_name in ("seg-vpc", "seg-peer"):
            res = ec2("describe_route_tables", Filters=[{"Name": "vpc-id", "Values": [ids[vpc_name]]}, {"Name": "association.main", "Values": ["true"]}])
            for t in (res or {}).get("RouteTables", []):
                main_rt[vpc_name] = t["RouteTableId"]
        for vpc_name in ("seg-vpc", "seg-peer"):
            igw = ec2("create_internet_gateway", TagSpecifications=tags("internet-gateway", vpc_name + "-igw"))
            if not igw:
                continue
            igw_id = igw["InternetGateway"]["InternetGatewayId"]
            ec2("attach_internet_gateway", InternetGatewayId=igw_id, VpcId=ids[vpc_name])
            if vpc_name == "seg-peer" and "seg-peer" in main_rt:
                ec2("create_route", RouteTableId=main_rt["seg-peer"], DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
            elif vpc_name == "seg-vpc":
                rt = ec2("create_route_table", VpcId=vpc, TagSpecifications=tags("route-table", "seg-public-rt"))
                if rt:
                    ids["seg-public-rt"] = rt["RouteTable"]["RouteTableId"]
                    ec2("create_route", RouteTableId=ids["seg-public-rt"], DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
                    if "seg-public" in ids:
                        ec2("associate_route_table", RouteTableId=ids["seg-public-rt"], SubnetId=ids["seg-public"])

        # Peering: the public subnet routes the whole peer VPC (too wide); the main table routes one
        # subnet of the other peer (least access).
        for name, peer, rt, dest in [
            ("pcx-wide", "seg-peer", ids.get("seg-public-rt"), "10.50.0.0/16"),
            ("pcx-narrow", "seg-peer-narrow", main_rt.get("seg-vpc"), "10.60.1.0/24"),
        ]:
            if peer not in ids or not rt:
                continue
            res = ec2("create_vpc_peering_connection", VpcId=vpc, PeerVpcId=ids[peer], TagSpecifications=tags("vpc-peering-connection", name))
            if not res:
                continue
            pcx = res["VpcPeeringConnection"]["VpcPeeringConnectionId"]
            ec2("accept_vpc_peering_connection", VpcPeeringConnectionId=pcx)
            ec2("create_route", RouteTableId=rt, DestinationCidrBlock=dest, VpcPeeringConnectionId=pcx)

        # Endpoints: S3 with the default full-access policy; EC2 limited to the account's principals.
        if "seg-public-rt" in ids:
            ec2("create_vpc_endpoint", VpcId=vpc, ServiceName=f"com.amazonaws.{region}.s3", VpcEndpointType="Gateway",
                RouteTableIds=[ids["seg-public-rt"]], TagSpecifications=tags("vpc-endpoint", "seg-s3-endpoint"))
        if "seg-private" in ids:
            own = doc({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",
                       "Condition": {"StringEquals": {"aws:PrincipalAccount": self.account}}})
            both = [ids[s] for s in ("seg-private", "seg-private-a") if s in ids]
            ec2("create_vpc_endpoint", VpcId=vpc, ServiceName=f"com.amazonaws.{region}.ec2", VpcEndpointType="Interface",
                SubnetIds=both, PolicyDocument=own, TagSpecifications=tags("vpc-endpoint", "seg-ec2-endpoint"))
            # One zone only.
            ec2("create_vpc_endpoint", VpcId=vpc, ServiceName=f"com.amazonaws.{region}.ssm", VpcEndpointType="Interface",
                SubnetIds=[ids["seg-private"]], PolicyDocument=own, TagSpecifications=tags("vpc-endpoint", "seg-ssm-endpoint"))

        # Two instances in the public subnet (public IPs from the subnet setting, the default network
        # ACL allows everything): seg-open's group admits the internet to tcp 22 and 443, seg-closed's
        # only 10.0.0.0/8. SubnetId + SecurityGroupIds: moto drops NetworkInterfaces[].Groups.
        for name, rules in [("seg-open", [("0.0.0.0/0", 22), ("0.0.0.0/0", 443)]), ("seg-closed", [("10.0.0.0/8", 22)])]:
            sg = ec2("create_security_group", GroupName=P + name, Description=f"argus demo {name}", VpcId=vpc,
                     TagSpecifications=tags("security-group", name))
            if not sg or "seg-public" not in ids:
                continue
            perms = [{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]} for cidr, port in rules]
            ec2("authorize_security_group_ingress", GroupId=sg["GroupId"], IpPermissions=perms)
            ec2("run_instances", ImageId=AMI_ID, InstanceType="t3.micro", MinCount=1, MaxCount=1, SubnetId=ids["seg-public"],
                SecurityGroupIds=[sg["GroupId"]], IamInstanceProfile={"Name": P + "instance-profile"},
                MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"}, TagSpecifications=tags("instance", name))

        # EFS: encrypted, mounted in two private subnets (two zones), account-only policy; unencrypted,
        # mounted in the public subnet only, no policy.
        if self.flavour != "moto":
            self.log("efs: skipped (not in LocalStack community)")
            return
        efs = lambda op, **kw: self.call("efs", region, op, **kw)  # noqa: E731
        for name, encrypted, subnet, policy in [
            ("efs-encrypted", True, "seg-private", True),
            ("efs-plain", False, "seg-public", False),
        ]:
            fs = efs("create_file_system", CreationToken=P + name, Encrypted=encrypted, Tags=[{"Key": "Name", "Value": P + name}])
            if not fs:
                continue
            for mount_subnet in [subnet] + (["seg-private-a"] if encrypted else []):
                if mount_subnet in ids:
                    efs("create_mount_target", FileSystemId=fs["FileSystemId"], SubnetId=ids[mount_subnet])
            if policy:
                efs("put_file_system_policy", FileSystemId=fs["FileSystemId"], Policy=doc({
                    "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.account}:root"},
                    "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": "*"}))
        self.log(f"vpc[{region}]: segmentation done (3 VPCs, 4 subnets, 2 peerings, 3 endpoints, 2 instances, 2 file systems)")

    def run(self) -> None:
        moto = self.flavour == "moto"
        self.t0 = time.monotonic()
        # Phase 1: things nothing else depends on.  Phase 2: things that need phase 1's ids.
        phase1: list[Callable[[], None]] = [self.seed_iam]
        for region in self.regions:
            phase1 += [lambda r=region: self.seed_kms(r), lambda r=region: self.seed_network(r)]
        self.parallel(phase1)
        self.log(f"phase 1 done at {time.monotonic() - self.t0:.1f} s")

        phase2: list[Callable[[], None]] = [self.seed_s3_then_trail]
        for region in self.regions:
            # Secrets after Lambda: LocalStack's rotation needs the rotator function.
            phase2.append(lambda r=region: (self.seed_lambda(r), self.seed_secrets(r)))
        if moto:
            phase2.append(lambda: self.seed_rds(self.primary))
            phase2 += [lambda r=region: self.seed_rds_events(r) for region in self.regions]
            phase2.append(lambda: (self.seed_load_balancers(self.primary), self.seed_rds_tls(self.primary), self.seed_backup(self.primary)))
            phase2.append(lambda: (self.seed_organizations(), self.seed_account_contacts()))
            phase2.append(lambda: self.seed_sqs(self.primary))
            phase2.append(lambda: self.seed_ecr(self.primary))
        else:
            self.log("rds: skipped (not in LocalStack community)")
        self.parallel(phase2)
        self.log(f"phase 2 done at {time.monotonic() - self.t0:.1f} s")
        if moto:
            self.seed_monitoring(self.primary)
            self.seed_detective()  # the Config channel writes to the trail bucket seeded in phase 2

        # Phase 3: needs the log bucket (flow logs) and must run after S3; EBS default last.
        self.parallel([lambda r=region: self.seed_compute(r) for region in self.regions] + [lambda: self.seed_segmentation(self.primary)])
        self.seed_secrets_beyond_lambda(self.primary)
        if moto:
            self.seed_ecs_services(self.primary)  # runs the task definition seeded just before
            self.seed_connectivity(self.primary)  # associates an address with a segmentation instance
            self.seed_amis_and_federation(self.primary)
        self.seed_ebs_default()

    def seed_s3_then_trail(self) -> None:
        self.seed_s3()
        if self.flavour == "moto":
            self.seed_cloudtrail(self.primary)
        else:
            self.log("cloudtrail: skipped (not in LocalStack community)")

    def parallel(self, jobs: list[Callable[[], None]]) -> None:
        with ThreadPoolExecutor(max_workers=min(int(os.environ.get("SEED_WORKERS", "4")), len(jobs))) as pool:
            for fut in [pool.submit(j) for j in jobs]:
                fut.result()


def strip_account_host_prefix(request: Any, **_: Any) -> None:
    from urllib.parse import urlsplit, urlunsplit

    url = urlsplit(request.url)
    first, _, rest = url.netloc.partition(".")
    if rest and len(first) == 12 and first.isdigit():
        request.url = urlunsplit(url._replace(netloc=rest))


def lambda_zip(filename: str, source: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(filename, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        zf.writestr(info, source)
    return buf.getvalue()


def expired_certificate() -> tuple[str, str] | None:
    """A self-signed certificate valid 2020-01-01 .. 2021-01-01, with its private key, as PEM."""
    try:
        import datetime

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        return None
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "expired.argus-demo.invalid"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "argus demo (fake)"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(0x4152475553)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2021, 1, 1))
        .sign(key, hashes.SHA256())
    )
    return (
        cert.public_bytes(serialization.Encoding.PEM).decode(),
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode(),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", help="emulator endpoint, e.g. http://127.0.0.1:4566")
    ap.add_argument("--regions", default="us-east-1,eu-west-1", help="comma-separated; the first is primary")
    ap.add_argument("--flavour", choices=["moto", "localstack"], help="default: guessed from the account id")
    ap.add_argument("--print-planted-secrets", action="store_true", help="print PLANTED_SECRETS as JSON and exit")
    ap.add_argument("--strict", action="store_true", help="exit 1 if any API call failed")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    if args.print_planted_secrets:
        print(json.dumps(PLANTED_SECRETS, indent=2))
        return 0
    if not args.endpoint_url:
        ap.error("--endpoint-url is required")
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    if not regions:
        ap.error("--regions is empty")

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

    started = time.monotonic()
    try:
        seeder = Seeder(args.endpoint_url, regions, args.flavour, args.verbose)
    except Exception as exc:  # unreachable endpoint, no boto3, ...
        print(f"seed_demo: cannot reach {args.endpoint_url}: {exc}", file=sys.stderr)
        return 2
    print(
        f"seed_demo: seeding {seeder.flavour} account {seeder.account} at {args.endpoint_url} "
        f"in {', '.join(regions)} (primary {seeder.primary})",
        flush=True,
    )
    seeder.run()
    took = time.monotonic() - started
    print(
        f"seed_demo: done in {took:.1f} s: {seeder.calls} API calls, {len(seeder.warnings)} warnings",
        flush=True,
    )
    for w in seeder.warnings:
        print(f"  {w}", flush=True)
    return 1 if (args.strict and seeder.warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
