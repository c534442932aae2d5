#!/usr/bin/env python3
"""Seed internet-exposure scenarios into an emulator account, each intact and with one hop broken.

    exposure.py --endpoint-url URL [--region us-east-1]

Scenarios (names start with the scenario and end with the variant):
- web-*: an instance with a public IP behind a security group open to SSH from 0.0.0.0/0, running
  as a role that reads bucket web-*-data. Variants: `ok`; `sgclosed` (the group admits 10.0.0.0/8
  only); `deny` (the role also holds a Deny on s3:GetObject).
- api-*: a Lambda function whose URL has auth NONE, running as a role that reads secret api-*-key.
  Variants: `ok`; `iamauth` (the URL needs AWS_IAM auth); `deny` (the secret's policy denies the role).
- ops-*: a role trusted by Principal * and holding AdministratorAccess. Variants: `ok`; `org`
  (the trust is pinned by aws:PrincipalOrgID).
"""

import argparse
import io
import json
import zipfile

import boto3

ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--region", default="us-east-1")
    args = ap.parse_args()
    kw = dict(endpoint_url=args.endpoint_url, region_name=args.region,
              aws_access_key_id="testing", aws_secret_access_key="testing")
    iam, ec2, s3 = boto3.client("iam", **kw), boto3.client("ec2", **kw), boto3.client("s3", **kw)
    lam, sm = boto3.client("lambda", **kw), boto3.client("secretsmanager", **kw)

    def trust(principal, condition=None):
        st = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
        if condition:
            st["Condition"] = condition
        return doc(st)

    vpc = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.10.1.0/24")["Subnet"]["SubnetId"]
    for variant in ["ok", "sgclosed", "deny"]:
        name = f"web-{variant}"
        sg = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
        source = "10.0.0.0/8" if variant == "sgclosed" else "0.0.0.0/0"
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": source}]}])
        s3.create_bucket(Bucket=f"{name}-data")
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust({"Service": "ec2.amazonaws.com"}))
        statements = [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}-data/*"}]
        if variant == "deny":
            statements.append({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"})
        iam.put_role_policy(RoleName=name, PolicyName="read-data", PolicyDocument=doc(*statements))
        iam.create_instance_profile(InstanceProfileName=name)
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
        ec2.run_instances(
            ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
            IamInstanceProfile={"Name": name},
            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [sg],
                                "AssociatePublicIpAddress": True}],
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}],
        )

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 1\n")
    for variant in ["ok", "iamauth", "deny"]:
        name = f"api-{variant}"
        role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
        secret = sm.create_secret(Name=f"{name}-key", SecretString="not-a-real-secret")["ARN"]
        iam.put_role_policy(RoleName=name, PolicyName="read-secret", PolicyDocument=doc(
            {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret}))
        if variant == "deny":
            sm.put_resource_policy(SecretId=secret, ResourcePolicy=doc(
                {"Effect": "Deny", "Principal": {"AWS": role["Role"]["Arn"]}, "Action": "secretsmanager:*",
                 "Resource": "*"}))
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=role["Role"]["Arn"],
                            Handler="index.handler", Code={"ZipFile": buf.getvalue()})
        lam.create_function_url_config(FunctionName=name, AuthType="AWS_IAM" if variant == "iamauth" else "NONE")

    for variant, condition in [("ok", None), ("org", {"StringEquals": {"aws:PrincipalOrgID": "o-exposure01"}})]:
        name = f"ops-{variant}"
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust({"AWS": "*"}, condition))
        iam.attach_role_policy(RoleName=name, PolicyArn=ADMIN)


if __name__ == "__main__":
    main()
