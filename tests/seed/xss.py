#!/usr/bin/env python3
"""Plant hostile strings in an emulator account, to prove every report keeps them inert.

    xss.py --endpoint-url URL [--region us-east-1]

Creates a security group *named* ``<img src=x onerror=alert(1)>`` (open to SSH, so it appears in
FAIL findings) with a tag value that tries to close a <script> element, and a bucket whose tag does
the same. moto accepts these names; real AWS restricts security group and user names, but tags and
many other names are free text, so reports must treat every string from the account as hostile.

It also plants an attack path through a hostile hop: user ``argus-path-dev`` may create access keys
for the administrator user named ``PATH_USER`` (a name that tries to close the report's SVG drawing of
the path and open a script).
"""

import argparse
import json

import boto3

XSS_NAME = "<img src=x onerror=alert(1)>"
SCRIPT_BREAKOUT = "</script><script>document.title='pwned'</script>"
PATH_USER = "</svg><script>document.title='pwned'</script>"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--region", default="us-east-1")
    args = ap.parse_args()
    kw = dict(endpoint_url=args.endpoint_url, region_name=args.region,
              aws_access_key_id="testing", aws_secret_access_key="testing")
    ec2 = boto3.client("ec2", **kw)
    gid = ec2.create_security_group(GroupName=XSS_NAME, Description="hostile name probe")["GroupId"]
    ec2.create_tags(Resources=[gid], Tags=[{"Key": "note", "Value": SCRIPT_BREAKOUT}])
    ec2.authorize_security_group_ingress(
        GroupId=gid,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    s3 = boto3.client("s3", **kw)
    s3.create_bucket(Bucket="argus-hostile-tags")
    s3.put_bucket_tagging(Bucket="argus-hostile-tags",
                          Tagging={"TagSet": [{"Key": "owner", "Value": SCRIPT_BREAKOUT}]})
    iam = boto3.client("iam", **kw)
    account = boto3.client("sts", **kw).get_caller_identity()["Account"]
    iam.create_user(UserName=PATH_USER)
    iam.attach_user_policy(UserName=PATH_USER, PolicyArn=ADMIN)
    iam.create_user(UserName="argus-path-dev")
    keys = {"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": f"arn:aws:iam::{account}:user/{PATH_USER}"}
    iam.put_user_policy(UserName="argus-path-dev", PolicyName="keys",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [keys]}))
    print(f"planted hostile names: security group {gid}, bucket argus-hostile-tags, user {PATH_USER!r}")


if __name__ == "__main__":
    main()
