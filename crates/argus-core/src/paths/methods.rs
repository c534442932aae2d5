//! The escalation methods the graph turns into edges, by pathfinding.cloud id
//! (https://pathfinding.cloud, DataDog's catalogue). A method the catalogue does not list keeps the
//! id `policy::ESCALATION_METHODS` gives it.

/// Passing a role to a service that then runs code as that role: an edge principal → role when the
/// principal may pass the role, may call `actions`, and the role trusts `service`.
#[derive(Debug, Clone, Copy)]
pub struct PassRoleMethod {
    pub id: &'static str,
    pub service: &'static str,
    pub actions: &'static [&'static str],
}

const fn pass(id: &'static str, service: &'static str, actions: &'static [&'static str]) -> PassRoleMethod {
    PassRoleMethod { id, service, actions }
}

/// In order of preference: the first method a principal holds for a role names the edge.
pub const PASS_ROLE_METHODS: &[PassRoleMethod] = &[
    pass("ec2-001", "ec2.amazonaws.com", &["ec2:RunInstances"]),
    pass("ec2-003", "ec2.amazonaws.com", &["ec2:RequestSpotInstances"]),
    pass("lambda-001", "lambda.amazonaws.com", &["lambda:CreateFunction", "lambda:InvokeFunction"]),
    pass("lambda-002", "lambda.amazonaws.com", &["lambda:CreateFunction", "lambda:CreateEventSourceMapping"]),
    pass("lambda-006", "lambda.amazonaws.com", &["lambda:CreateFunction", "lambda:AddPermission"]),
    pass("glue-001", "glue.amazonaws.com", &["glue:CreateDevEndpoint"]),
    pass("glue-003", "glue.amazonaws.com", &["glue:CreateJob", "glue:StartJobRun"]),
    pass("glue-004", "glue.amazonaws.com", &["glue:CreateJob", "glue:CreateTrigger"]),
    pass("cloudformation-001", "cloudformation.amazonaws.com", &["cloudformation:CreateStack"]),
    pass(
        "cloudformation-003",
        "cloudformation.amazonaws.com",
        &["cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"],
    ),
    pass(
        "datapipeline-001",
        "datapipeline.amazonaws.com",
        &["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"],
    ),
    pass("codebuild-001", "codebuild.amazonaws.com", &["codebuild:CreateProject", "codebuild:StartBuild"]),
    pass("codebuild-004", "codebuild.amazonaws.com", &["codebuild:CreateProject", "codebuild:StartBuildBatch"]),
    pass("sagemaker-001", "sagemaker.amazonaws.com", &["sagemaker:CreateNotebookInstance"]),
    pass("sagemaker-002", "sagemaker.amazonaws.com", &["sagemaker:CreateTrainingJob"]),
    pass("sagemaker-003", "sagemaker.amazonaws.com", &["sagemaker:CreateProcessingJob"]),
    pass("ecs-004", "ecs-tasks.amazonaws.com", &["ecs:RegisterTaskDefinition", "ecs:RunTask"]),
    pass("ecs-003", "ecs-tasks.amazonaws.com", &["ecs:RegisterTaskDefinition", "ecs:CreateService"]),
    pass("ecs-005", "ecs-tasks.amazonaws.com", &["ecs:RegisterTaskDefinition", "ecs:StartTask"]),
    pass("apprunner-001", "tasks.apprunner.amazonaws.com", &["apprunner:CreateService"]),
];

/// What a method acting on an existing resource targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Changes the permissions of a user or role (asked on the principal's ARN, or on a customer
    /// managed policy attached to it, or on one of its groups).
    Permissions(PermissionTarget),
    /// Gives the caller another user's credentials (asked on that user's ARN).
    UserCredentials,
    /// Rewrites a role's trust policy to trust the caller (asked on the role's ARN).
    RoleTrust,
    /// Adds the caller to a group (asked on the group's ARN): the group's permissions become its own.
    JoinGroup,
    /// Runs code in an existing Lambda function (asked on the function's ARN).
    Function,
    /// Runs code on an existing instance (asked on the instance's ARN).
    Instance,
    /// Runs code as the role of an existing resource that runs as one (asked on the resource's ARN):
    /// an edge to that role.
    Runner(RunnerKind),
    /// Runs code as a role of a resource argus does not collect: the hop is reported as unknown,
    /// naming the listing it would need.
    Uncollected { listing: &'static str },
}

/// The resources running as a role that argus collects (`snapshot::RoleRunnersRegion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunnerKind {
    GlueDevEndpoint,
    NotebookInstance,
    Stack,
}

impl RunnerKind {
    /// How a path names one.
    pub fn word(self) -> &'static str {
        match self {
            RunnerKind::GlueDevEndpoint => "Glue dev endpoint",
            RunnerKind::NotebookInstance => "SageMaker notebook",
            RunnerKind::Stack => "CloudFormation stack",
        }
    }

    /// The listing that finds them.
    pub fn listing(self) -> &'static str {
        match self {
            RunnerKind::GlueDevEndpoint => "glue:GetDevEndpoints",
            RunnerKind::NotebookInstance => "sagemaker:ListNotebookInstances",
            RunnerKind::Stack => "cloudformation:DescribeStacks",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionTarget {
    UserPolicy,
    GroupPolicy,
    RolePolicy,
    /// A customer managed policy attached to the principal or its groups.
    ManagedPolicyVersion,
    /// Another version of an attached customer managed policy, made the default: a path when that
    /// version grants administrator.
    OlderPolicyVersion,
}

#[derive(Debug, Clone, Copy)]
pub struct TargetMethod {
    pub id: &'static str,
    pub actions: &'static [&'static str],
    pub target: Target,
}

const fn on(id: &'static str, actions: &'static [&'static str], target: Target) -> TargetMethod {
    TargetMethod { id, actions, target }
}

use PermissionTarget::*;
use Target::*;

pub const TARGET_METHODS: &[TargetMethod] = &[
    on("iam-001", &["iam:CreatePolicyVersion"], Permissions(ManagedPolicyVersion)),
    on("SetDefaultPolicyVersion", &["iam:SetDefaultPolicyVersion"], Permissions(OlderPolicyVersion)),
    on("iam-007", &["iam:PutUserPolicy"], Permissions(UserPolicy)),
    on("iam-008", &["iam:AttachUserPolicy"], Permissions(UserPolicy)),
    on("iam-005", &["iam:PutRolePolicy"], Permissions(RolePolicy)),
    on("iam-009", &["iam:AttachRolePolicy"], Permissions(RolePolicy)),
    on("iam-011", &["iam:PutGroupPolicy"], Permissions(GroupPolicy)),
    on("iam-010", &["iam:AttachGroupPolicy"], Permissions(GroupPolicy)),
    on("iam-002", &["iam:CreateAccessKey"], UserCredentials),
    on("iam-004", &["iam:CreateLoginProfile"], UserCredentials),
    on("iam-006", &["iam:UpdateLoginProfile"], UserCredentials),
    on("iam-012", &["iam:UpdateAssumeRolePolicy"], RoleTrust),
    on("iam-013", &["iam:AddUserToGroup"], JoinGroup),
    on("lambda-004", &["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], Function),
    on("lambda-003", &["lambda:UpdateFunctionCode"], Function),
    on("ec2-002", &["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"], Instance),
    on("ssm-002", &["ssm:SendCommand"], Instance),
    on("ssm-001", &["ssm:StartSession"], Instance),
    on("ec2instanceconnect-003", &["ec2-instance-connect:SendSSHPublicKey"], Instance),
    on("glue-002", &["glue:UpdateDevEndpoint"], Runner(RunnerKind::GlueDevEndpoint)),
    on("cloudformation-002", &["cloudformation:UpdateStack"], Runner(RunnerKind::Stack)),
    on("codebuild-002", &["codebuild:StartBuild"], Uncollected { listing: "codebuild:BatchGetProjects" }),
    on("sagemaker-004", &["sagemaker:CreatePresignedNotebookInstanceUrl"], Runner(RunnerKind::NotebookInstance)),
    on("apprunner-002", &["apprunner:UpdateService"], Uncollected { listing: "apprunner:ListServices" }),
];

/// Combined ids when a permission change is used through another hop to the changed role
/// (pathfinding.cloud lists these pairs on their own).
pub(super) fn through_assume(id: &'static str) -> &'static str {
    match id {
        "iam-009" => "iam-014",
        "iam-001" => "iam-016",
        "iam-005" => "iam-017",
        other => other,
    }
}

pub(super) fn through_trust_rewrite(id: &'static str) -> &'static str {
    match id {
        "iam-009" => "iam-019",
        "iam-001" => "iam-020",
        "iam-005" => "iam-021",
        other => other,
    }
}
