#!/usr/bin/env python3
"""Seed the privilege-escalation scenarios of BishopFox's iam-vulnerable into an emulator account.

    iam_vulnerable.py --endpoint-url URL --expectations FILE [--region us-east-1]

Each scenario is a customer managed policy attached to a user and to a role (the role trusts an
outside account, as iam-vulnerable's roles trust the tester's principal), plus the targets an
escalation needs: an administrator user, group and role, administrator roles trusted by the services
a role can be passed to, a Lambda function, an instance, a Glue dev endpoint, a SageMaker notebook and
a CloudFormation stack running as administrator, and an older version of privesc2's own policy that
grants administrator (iam:SetDefaultPolicyVersion makes it the default). The controls
(iam-vulnerable's fp1-fp5: Deny, AWS-managed-only resources, an expired Condition; and argus's own:
a policy version, a dev endpoint, a notebook and a stack that lead nowhere) must show no path; its
fn1-fn4 (split policies, exploitable resource patterns and conditions, NotAction) must.

Writes the expectations to FILE: {"vulnerable": {principal: method id ("" for any)}, "unknown": {...},
"controls": [...]}, principals as `user/NAME` or `role/NAME`.
"""

import argparse
import io
import json
import zipfile

import boto3

P = "iamv-"
OUTSIDE = "arn:aws:iam::999999999999:root"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(*actions, resource="*", **extra):
    return dict({"Effect": "Allow", "Action": list(actions), "Resource": resource}, **extra)


# scenario -> (statements, who escalates: "both" | "user" | "role", expected method id, known?)
# "known" False: the path goes through a resource argus does not collect; it is reported as ERROR
# naming the method and the missing listing (none today: argus collects the older policy versions,
# dev endpoints, notebooks and stacks iam-vulnerable's scenarios go through).
SCENARIOS = {
    "privesc1-CreateNewPolicyVersion": ([allow("iam:CreatePolicyVersion")], "both", "iam-001", True),
    "privesc2-SetExistingDefaultPolicyVersion": (
        [allow("iam:SetDefaultPolicyVersion")], "both", "SetDefaultPolicyVersion", True),
    "privesc3-CreateEC2WithExistingIP": (
        [allow("iam:PassRole", "ec2:DescribeInstances", "ec2:RunInstances", "ec2:CreateKeyPair")], "both", "ec2-001", True),
    "privesc4-CreateAccessKey": ([allow("iam:CreateAccessKey")], "both", "iam-002", True),
    "privesc5-CreateLoginProfile": ([allow("iam:CreateLoginProfile")], "both", "iam-004", True),
    "privesc6-UpdateLoginProfile": ([allow("iam:UpdateLoginProfile")], "both", "iam-006", True),
    "privesc7-AttachUserPolicy": ([allow("iam:AttachUserPolicy")], "user", "iam-008", True),
    "privesc8-AttachGroupPolicy": ([allow("iam:AttachGroupPolicy")], "user", "iam-010", True),
    "privesc9-AttachRolePolicy": ([allow("iam:AttachRolePolicy")], "role", "iam-009", True),
    "privesc10-PutUserPolicy": ([allow("iam:PutUserPolicy")], "user", "iam-007", True),
    "privesc11-PutGroupPolicy": ([allow("iam:PutGroupPolicy")], "user", "iam-011", True),
    "privesc12-PutRolePolicy": ([allow("iam:PutRolePolicy")], "role", "iam-005", True),
    "privesc13-AddUserToGroup": ([allow("iam:AddUserToGroup")], "user", "iam-013", True),
    "privesc14-UpdatingAssumeRolePolicy": (
        [allow("iam:UpdateAssumeRolePolicy", "sts:AssumeRole")], "both", "iam-012", True),
    "privesc15-PassExistingRoleToNewLambdaThenInvoke": (
        [allow("iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction")], "both", "lambda-001", True),
    "privesc16-PassRoleToNewLambdaThenTrigger": (
        [allow("iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping")], "both", "lambda-002", True),
    "privesc17-EditExistingLambdaFunctionWithRole": (
        [allow("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration")], "both", "lambda-003", True),
    "privesc18-PassExistingRoleToNewGlueDevEndpoint": (
        [allow("iam:PassRole", "glue:CreateDevEndpoint", "glue:GetDevEndpoint")], "both", "glue-001", True),
    "privesc19-UpdateExistingGlueDevEndpoint": (
        [allow("glue:UpdateDevEndpoint", "glue:GetDevEndpoint")], "both", "glue-002", True),
    "privesc20-PassExistingRoleToCloudFormation": (
        [allow("iam:PassRole", "cloudformation:CreateStack", "cloudformation:DescribeStacks")], "both",
        "cloudformation-001", True),
    "privesc21-PassExistingRoleToNewDataPipeline": (
        [allow("iam:PassRole"),
         allow("datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline")],
        "both", "datapipeline-001", True),
    "privesc-codeBuildCreateProjectPassRole": (
        [allow("codebuild:CreateProject", "codebuild:StartBuild", "iam:PassRole")], "both", "codebuild-001", True),
    "privesc-sageMakerCreateNotebookPassRole": (
        [allow("sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl", "iam:PassRole")],
        "both", "sagemaker-001", True),
    "privesc-sageMakerCreateTrainingJob": (
        [allow("sagemaker:CreateTrainingJob", "iam:PassRole")], "both", "sagemaker-002", True),
    "privesc-sageMakerCreateProcessingJob": (
        [allow("sagemaker:CreateProcessingJob", "iam:PassRole")], "both", "sagemaker-003", True),
    "privesc-sageMakerCreatePresignedNotebookURL": (
        [allow("sagemaker:CreatePresignedNotebookInstanceUrl")], "both", "sagemaker-004", True),
    "privesc-ssmSendCommand": ([allow("ec2:DescribeInstances", "ssm:SendCommand")], "both", "ssm-002", True),
    "privesc-ssmStartSession": ([allow("ec2:DescribeInstances", "ssm:StartSession")], "both", "ssm-001", True),
    "privesc-ec2InstanceConnect": (
        [allow("ec2:DescribeInstances", "ec2-instance-connect:SendSSHPublicKey")], "both", "ec2instanceconnect-003", True),
    "privesc-cloudFormationUpdateStack": (
        [allow("cloudformation:UpdateStack", "cloudformation:DescribeStacks")], "both", "cloudformation-002", True),
    # iam-vulnerable's "tool-testing" cases a detector must find.
    "fn2-exploitableResourceConstraint": (
        [allow("iam:CreatePolicyVersion", resource="arn:aws:iam::*:policy/iamv-fn2-*")], "both", "iam-001", True),
    "fn3-exploitableConditionConstraint": (
        [allow("iam:CreatePolicyVersion",
               Condition={"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}})],
        "both", "iam-001", True),
    "fn4-exploitableNotAction": (
        [{"Effect": "Allow", "NotAction": ["iam:Update*", "iam:Create*", "iam:Attach*"], "Resource": "*"}],
        "both", "", True),
}

# Controls: no principal holding them can escalate.
CONTROLS = {
    "fp1-allow-and-deny": [allow("iam:*"), {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}],
    "fp3-deny-iam": [{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}],
    "fp4-nonExploitableResourceConstraint": [
        allow("iam:CreatePolicyVersion", resource="arn:aws:iam::aws:policy/fp4-*")],
    "fp5-nonExploitableConditionConstraint": [
        allow("iam:CreatePolicyVersion", Condition={"DateLessThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}})],
    # argus's own: each method allowed, and every resource it may act on leads nowhere.
    "fp-setDefaultVersionNarrow": [allow("iam:SetDefaultPolicyVersion")],
    "fp-updatePlainDevEndpoint": [
        allow("glue:UpdateDevEndpoint", resource="arn:aws:glue:*:*:devEndpoint/" + P + "plain-endpoint")],
    "fp-presignedUrlPlainNotebook": [
        allow("sagemaker:CreatePresignedNotebookInstanceUrl",
              resource="arn:aws:sagemaker:*:*:notebook-instance/" + P + "plain-notebook")],
    "fp-updateStackWithoutRole": [
        allow("cloudformation:UpdateStack", resource="arn:aws:cloudformation:*:*:stack/" + P + "callers-stack/*")],
}


def lambda_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 1\n")
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--expectations", required=True)
    ap.add_argument("--region", default="us-east-1")
    args = ap.parse_args()
    kw = dict(endpoint_url=args.endpoint_url, region_name=args.region,
              aws_access_key_id="testing", aws_secret_access_key="testing")
    iam = boto3.client("iam", **kw)
    account = boto3.client("sts", **kw).get_caller_identity()["Account"]

    def trust(principal):
        return doc({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})

    # The targets: an administrator user, group and role, and administrator roles services may assume.
    iam.create_user(UserName=P + "admin-user")
    iam.attach_user_policy(UserName=P + "admin-user", PolicyArn=ADMIN)
    iam.create_group(GroupName=P + "admins")
    iam.attach_group_policy(GroupName=P + "admins", PolicyArn=ADMIN)
    iam.create_role(RoleName=P + "admin-role", AssumeRolePolicyDocument=trust({"AWS": OUTSIDE}))
    iam.attach_role_policy(RoleName=P + "admin-role", PolicyArn=ADMIN)
    services = ["ec2", "lambda", "glue", "cloudformation", "datapipeline", "codebuild", "sagemaker"]
    iam.create_role(RoleName=P + "service-admin",
                    AssumeRolePolicyDocument=trust({"Service": [f"{s}.amazonaws.com" for s in services]}))
    iam.attach_role_policy(RoleName=P + "service-admin", PolicyArn=ADMIN)
    iam.create_instance_profile(InstanceProfileName=P + "service-admin")
    iam.add_role_to_instance_profile(InstanceProfileName=P + "service-admin", RoleName=P + "service-admin")
    service_admin = f"arn:aws:iam::{account}:role/{P}service-admin"
    boto3.client("lambda", **kw).create_function(
        FunctionName=P + "admin-function", Runtime="python3.12", Role=service_admin, Handler="index.handler",
        Code={"ZipFile": lambda_zip()})
    ec2 = boto3.client("ec2", **kw)
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                      IamInstanceProfile={"Name": P + "service-admin"})
    # Resources running as a role that a principal may take over without iam:PassRole: as the
    # administrator role (glue-002, sagemaker-004, cloudformation-002), and as a role allowed nothing
    # or none at all (the controls').
    iam.create_role(RoleName=P + "service-plain",
                    AssumeRolePolicyDocument=trust({"Service": [f"{s}.amazonaws.com" for s in services]}))
    service_plain = f"arn:aws:iam::{account}:role/{P}service-plain"
    glue = boto3.client("glue", **kw)
    sagemaker = boto3.client("sagemaker", **kw)
    for name, role in (("admin", service_admin), ("plain", service_plain)):
        glue.create_dev_endpoint(EndpointName=P + name + "-endpoint", RoleArn=role)
        sagemaker.create_notebook_instance(NotebookInstanceName=P + name + "-notebook", InstanceType="ml.t2.medium",
                                           RoleArn=role)
    cloudformation = boto3.client("cloudformation", **kw)
    template = json.dumps({"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}})
    cloudformation.create_stack(StackName=P + "admin-stack", TemplateBody=template, RoleARN=service_admin)
    # A stack without a service role runs as whoever updates it: no escalation.
    cloudformation.create_stack(StackName=P + "callers-stack", TemplateBody=template)

    # The chain of iam-vulnerable's privesc-AssumeRole: start role -> intermediate -> ending (admin).
    iam.create_role(RoleName=P + "assume-start", AssumeRolePolicyDocument=trust({"AWS": OUTSIDE}))
    iam.create_role(RoleName=P + "assume-middle",
                    AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:role/{P}assume-start"}))
    iam.create_role(RoleName=P + "assume-end",
                    AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{account}:role/{P}assume-middle"}))
    iam.attach_role_policy(RoleName=P + "assume-end", PolicyArn=ADMIN)

    vulnerable, unknown = {"role/" + P + "assume-start": "sts:AssumeRole"}, {}
    for name, (statements, who, method, known) in SCENARIOS.items():
        arn = iam.create_policy(PolicyName=P + name, PolicyDocument=doc(*statements))["Policy"]["Arn"]
        if name.startswith("privesc2-"):
            # An older version granting administrator, left as it is (not the default).
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(allow("*")), SetAsDefault=False)
        user, role = P + name + "-user", P + name + "-role"
        iam.create_user(UserName=user)
        iam.attach_user_policy(UserName=user, PolicyArn=arn)
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust({"AWS": OUTSIDE}))
        iam.attach_role_policy(RoleName=role, PolicyArn=arn)
        if name.startswith(("privesc8-", "privesc11-")):
            iam.create_group(GroupName=P + name + "-group")
            iam.add_user_to_group(GroupName=P + name + "-group", UserName=user)
        target = vulnerable if known else unknown
        if who in ("both", "user"):
            target["user/" + user] = method
        if who in ("both", "role"):
            target["role/" + role] = method

    controls = []
    for name, statements in CONTROLS.items():
        arn = iam.create_policy(PolicyName=P + name, PolicyDocument=doc(*statements))["Policy"]["Arn"]
        if name == "fp-setDefaultVersionNarrow":
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(allow("s3:ListAllMyBuckets")),
                                      SetAsDefault=False)
        user = P + name + "-user"
        iam.create_user(UserName=user)
        iam.attach_user_policy(UserName=user, PolicyArn=arn)
        controls.append("user/" + user)
    # fp2: allow everything in one policy, deny everything in another.
    allow_all = iam.create_policy(PolicyName=P + "fp2-allow-all", PolicyDocument=doc(allow("*")))["Policy"]["Arn"]
    deny_all = iam.create_policy(
        PolicyName=P + "fp2-deny-all",
        PolicyDocument=doc({"Effect": "Deny", "Action": "*", "Resource": "*"}))["Policy"]["Arn"]
    iam.create_user(UserName=P + "fp2-user")
    iam.attach_user_policy(UserName=P + "fp2-user", PolicyArn=allow_all)
    iam.attach_user_policy(UserName=P + "fp2-user", PolicyArn=deny_all)
    controls.append("user/" + P + "fp2-user")

    # fn1: the escalation split over two policies of one principal.
    partial = iam.create_policy(PolicyName=P + "fn1-partial", PolicyDocument=doc(allow("ec2:RunInstances")))
    passrole = iam.create_policy(PolicyName=P + "fn1-passrole", PolicyDocument=doc(allow("iam:PassRole")))
    iam.create_user(UserName=P + "fn1-user")
    for p in (partial, passrole):
        iam.attach_user_policy(UserName=P + "fn1-user", PolicyArn=p["Policy"]["Arn"])
    vulnerable["user/" + P + "fn1-user"] = "ec2-001"

    with open(args.expectations, "w") as f:
        json.dump({"vulnerable": vulnerable, "unknown": unknown, "controls": controls}, f)


if __name__ == "__main__":
    main()
