//! The read-only guard: argus may only *read* the account it audits.
//!
//! Every SDK client argus builds carries [`ReadOnlyGuard`], which refuses — before anything is
//! serialised or sent — any operation missing from [`READ_OPERATIONS`]. The same table is the source of
//! the least-privilege IAM policy argus documents, so the two cannot drift apart.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// One API operation argus may call: the SDK's service and operation names and the IAM action it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOperation {
    pub sdk_service: &'static str,
    pub operation: &'static str,
    pub iam_action: &'static str,
}

const fn op(sdk_service: &'static str, operation: &'static str, iam_action: &'static str) -> ReadOperation {
    ReadOperation { sdk_service, operation, iam_action }
}

/// Every operation argus is allowed to send. Nothing else ever leaves the process.
///
/// `iam:GenerateCredentialReport` and `iam:GenerateServiceLastAccessedDetails` are the entries that are
/// not pure reads: they ask IAM to (re)build a report (the credential report; a principal's service
/// last-accessed report), change no configuration, and are part of AWS's own SecurityAudit policy.
pub const READ_OPERATIONS: &[ReadOperation] = &[
    op("STS", "GetCallerIdentity", "sts:GetCallerIdentity"),
    op("IAM", "GenerateCredentialReport", "iam:GenerateCredentialReport"),
    op("IAM", "GetCredentialReport", "iam:GetCredentialReport"),
    op("IAM", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy"),
    op("IAM", "GetAccountSummary", "iam:GetAccountSummary"),
    op("IAM", "ListAccountAliases", "iam:ListAccountAliases"),
    op("IAM", "ListVirtualMFADevices", "iam:ListVirtualMFADevices"),
    op("IAM", "ListServerCertificates", "iam:ListServerCertificates"),
    op("IAM", "ListSAMLProviders", "iam:ListSAMLProviders"),
    op("IAM", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails"),
    op("IAM", "GetPolicy", "iam:GetPolicy"),
    op("IAM", "GetPolicyVersion", "iam:GetPolicyVersion"),
    // Access Advisor. GenerateServiceLastAccessedDetails is not a pure read, like
    // GenerateCredentialReport: it asks IAM to build a report of which services a principal used
    // (a job read back with GetServiceLastAccessedDetails) and changes no configuration; AWS's
    // SecurityAudit policy grants it.
    op("IAM", "GenerateServiceLastAccessedDetails", "iam:GenerateServiceLastAccessedDetails"),
    op("IAM", "GetServiceLastAccessedDetails", "iam:GetServiceLastAccessedDetails"),
    op("S3", "ListBuckets", "s3:ListAllMyBuckets"),
    op("S3", "GetBucketLocation", "s3:GetBucketLocation"),
    op("S3", "GetBucketPolicy", "s3:GetBucketPolicy"),
    op("S3", "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
    op("S3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    op("S3", "GetBucketAcl", "s3:GetBucketAcl"),
    op("S3", "GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
    op("S3", "GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    op("S3", "GetBucketVersioning", "s3:GetBucketVersioning"),
    op("S3", "GetBucketLogging", "s3:GetBucketLogging"),
    op("S3", "GetBucketTagging", "s3:GetBucketTagging"),
    op("S3", "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration"),
    op("S3", "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
    op("S3", "GetBucketReplication", "s3:GetReplicationConfiguration"),
    op("S3", "GetBucketNotificationConfiguration", "s3:GetBucketNotification"),
    op("S3Control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock"),
    op("S3Control", "ListAccessPoints", "s3:ListAccessPoints"),
    op("S3Control", "GetAccessPoint", "s3:GetAccessPoint"),
    op("S3Control", "ListMultiRegionAccessPoints", "s3:ListMultiRegionAccessPoints"),
    op("EC2", "DescribeRegions", "ec2:DescribeRegions"),
    op("EC2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups"),
    op("EC2", "DescribeNetworkInterfaces", "ec2:DescribeNetworkInterfaces"),
    op("EC2", "DescribeVpcs", "ec2:DescribeVpcs"),
    op("EC2", "DescribeFlowLogs", "ec2:DescribeFlowLogs"),
    op("EC2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls"),
    op("EC2", "GetEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault"),
    op("EC2", "DescribeVolumes", "ec2:DescribeVolumes"),
    op("EC2", "DescribeSnapshots", "ec2:DescribeSnapshots"),
    op("EC2", "DescribeSnapshotAttribute", "ec2:DescribeSnapshotAttribute"),
    op("EC2", "DescribeInstances", "ec2:DescribeInstances"),
    op("EC2", "DescribeSubnets", "ec2:DescribeSubnets"),
    op("EC2", "DescribeRouteTables", "ec2:DescribeRouteTables"),
    op("EC2", "DescribeVpcPeeringConnections", "ec2:DescribeVpcPeeringConnections"),
    op("EC2", "DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints"),
    op("EC2", "DescribeVpcEndpointServiceConfigurations", "ec2:DescribeVpcEndpointServiceConfigurations"),
    // The allowed principals of each endpoint service the account provides (no batch form).
    op("EC2", "DescribeVpcEndpointServicePermissions", "ec2:DescribeVpcEndpointServicePermissions"),
    // User data, one call per instance that is not terminated (EC2 has no batch form).
    op("EC2", "DescribeInstanceAttribute", "ec2:DescribeInstanceAttribute"),
    op("EC2", "DescribeLaunchTemplateVersions", "ec2:DescribeLaunchTemplateVersions"),
    op("EC2", "DescribeAddresses", "ec2:DescribeAddresses"),
    op("EC2", "DescribeTransitGateways", "ec2:DescribeTransitGateways"),
    op("EC2", "DescribeVpnConnections", "ec2:DescribeVpnConnections"),
    op("EC2", "DescribeClientVpnEndpoints", "ec2:DescribeClientVpnEndpoints"),
    op("EC2", "GetImageBlockPublicAccessState", "ec2:GetImageBlockPublicAccessState"),
    op("EC2", "GetSnapshotBlockPublicAccessState", "ec2:GetSnapshotBlockPublicAccessState"),
    op("EC2", "GetInstanceMetadataDefaults", "ec2:GetInstanceMetadataDefaults"),
    // The account's own AMIs, then the instances' AMIs, 200 ids a call.
    op("EC2", "DescribeImages", "ec2:DescribeImages"),
    op("RDS", "DescribeDBInstances", "rds:DescribeDBInstances"),
    op("RDS", "DescribeDBClusters", "rds:DescribeDBClusters"),
    op("RDS", "DescribeDBSnapshots", "rds:DescribeDBSnapshots"),
    op("RDS", "DescribeDBSnapshotAttributes", "rds:DescribeDBSnapshotAttributes"),
    op("RDS", "DescribeDBClusterSnapshots", "rds:DescribeDBClusterSnapshots"),
    op("RDS", "DescribeDBClusterSnapshotAttributes", "rds:DescribeDBClusterSnapshotAttributes"),
    op("Lambda", "ListFunctions", "lambda:ListFunctions"),
    op("Lambda", "GetFunctionUrlConfig", "lambda:GetFunctionUrlConfig"),
    op("Lambda", "GetPolicy", "lambda:GetPolicy"),
    op("SecretsManager", "ListSecrets", "secretsmanager:ListSecrets"),
    op("SecretsManager", "GetResourcePolicy", "secretsmanager:GetResourcePolicy"),
    op("KMS", "ListKeys", "kms:ListKeys"),
    op("KMS", "ListAliases", "kms:ListAliases"),
    op("KMS", "DescribeKey", "kms:DescribeKey"),
    op("KMS", "GetKeyRotationStatus", "kms:GetKeyRotationStatus"),
    op("KMS", "GetKeyPolicy", "kms:GetKeyPolicy"),
    op("CloudTrail", "DescribeTrails", "cloudtrail:DescribeTrails"),
    op("CloudTrail", "GetTrailStatus", "cloudtrail:GetTrailStatus"),
    op("EFS", "DescribeFileSystems", "elasticfilesystem:DescribeFileSystems"),
    op("EFS", "DescribeFileSystemPolicy", "elasticfilesystem:DescribeFileSystemPolicy"),
    op("EFS", "DescribeMountTargets", "elasticfilesystem:DescribeMountTargets"),
    op("CloudTrail", "GetEventSelectors", "cloudtrail:GetEventSelectors"),
    op("CloudTrail", "GetInsightSelectors", "cloudtrail:GetInsightSelectors"),
    // Only for the opt-in threat-detection checks: the event history, one event name per call.
    op("CloudTrail", "LookupEvents", "cloudtrail:LookupEvents"),
    op("CloudWatch Logs", "DescribeMetricFilters", "logs:DescribeMetricFilters"),
    op("CloudWatch", "DescribeAlarms", "cloudwatch:DescribeAlarms"),
    op("SNS", "ListTopics", "sns:ListTopics"),
    op("SNS", "GetTopicAttributes", "sns:GetTopicAttributes"),
    op("SNS", "ListSubscriptions", "sns:ListSubscriptions"),
    // Parameter Store metadata only: argus never calls GetParameter(s), which return values.
    op("SSM", "DescribeParameters", "ssm:DescribeParameters"),
    op("SSM", "DescribeInstanceInformation", "ssm:DescribeInstanceInformation"),
    op("SSM", "ListResourceComplianceSummaries", "ssm:ListResourceComplianceSummaries"),
    op("ECS", "ListTaskDefinitionFamilies", "ecs:ListTaskDefinitionFamilies"),
    op("ECS", "DescribeTaskDefinition", "ecs:DescribeTaskDefinition"),
    op("ECS", "ListClusters", "ecs:ListClusters"),
    op("ECS", "DescribeClusters", "ecs:DescribeClusters"),
    op("ECS", "ListServices", "ecs:ListServices"),
    op("ECS", "DescribeServices", "ecs:DescribeServices"),
    op("GuardDuty", "ListDetectors", "guardduty:ListDetectors"),
    op("GuardDuty", "GetDetector", "guardduty:GetDetector"),
    op("GuardDuty", "ListFindings", "guardduty:ListFindings"),
    op("SecurityHub", "DescribeHub", "securityhub:DescribeHub"),
    op("SecurityHub", "GetEnabledStandards", "securityhub:GetEnabledStandards"),
    op("SecurityHub", "ListEnabledProductsForImport", "securityhub:ListEnabledProductsForImport"),
    op("Config Service", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders"),
    op("Config Service", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus"),
    op("Config Service", "DescribeDeliveryChannels", "config:DescribeDeliveryChannels"),
    op("AccessAnalyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers"),
    op("AccessAnalyzer", "ListFindings", "access-analyzer:ListFindings"),
    // Not in AWS's SecurityAudit policy (which grants Macie only macie2:ListFindings): the one call that
    // tells whether Macie is enabled or paused.
    op("Macie2", "GetMacieSession", "macie2:GetMacieSession"),
    op("Inspector2", "BatchGetAccountStatus", "inspector2:BatchGetAccountStatus"),
    op("RDS", "DescribeDBParameters", "rds:DescribeDBParameters"),
    op("RDS", "DescribeDBClusterParameters", "rds:DescribeDBClusterParameters"),
    op("RDS", "DescribeCertificates", "rds:DescribeCertificates"),
    op("RDS", "DescribeEventSubscriptions", "rds:DescribeEventSubscriptions"),
    op("RDS", "DescribeDBEngineVersions", "rds:DescribeDBEngineVersions"),
    op("ElasticLoadBalancingV2", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers"),
    op("ElasticLoadBalancingV2", "DescribeListeners", "elasticloadbalancing:DescribeListeners"),
    op("ElasticLoadBalancingV2", "DescribeRules", "elasticloadbalancing:DescribeRules"),
    op(
        "ElasticLoadBalancingV2",
        "DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
    ),
    op("ElasticLoadBalancingV2", "DescribeTags", "elasticloadbalancing:DescribeTags"),
    op("ElasticLoadBalancing", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers"),
    op("ElasticLoadBalancing", "DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeLoadBalancerAttributes"),
    op("ElasticLoadBalancing", "DescribeLoadBalancerPolicies", "elasticloadbalancing:DescribeLoadBalancerPolicies"),
    op("WAFV2", "GetWebACLForResource", "wafv2:GetWebACLForResource"),
    op("Backup", "ListBackupPlans", "backup:ListBackupPlans"),
    op("Backup", "ListBackupSelections", "backup:ListBackupSelections"),
    op("Backup", "GetBackupSelection", "backup:GetBackupSelection"),
    op("Backup", "ListBackupVaults", "backup:ListBackupVaults"),
    op("Backup", "GetBackupVaultAccessPolicy", "backup:GetBackupVaultAccessPolicy"),
    op("SQS", "ListQueues", "sqs:ListQueues"),
    op("SQS", "GetQueueAttributes", "sqs:GetQueueAttributes"),
    op("ECR", "DescribeRepositories", "ecr:DescribeRepositories"),
    op("ECR", "GetRepositoryPolicy", "ecr:GetRepositoryPolicy"),
    op("ECR", "GetLifecyclePolicy", "ecr:GetLifecyclePolicy"),
    // The attack paths: resources that run as a role a principal may take over (glue-002,
    // sagemaker-004, cloudformation-002).
    op("Glue", "GetDevEndpoints", "glue:GetDevEndpoints"),
    op("SageMaker", "ListNotebookInstances", "sagemaker:ListNotebookInstances"),
    op("SageMaker", "DescribeNotebookInstance", "sagemaker:DescribeNotebookInstance"),
    op("CloudFormation", "DescribeStacks", "cloudformation:DescribeStacks"),
    // `argus scan --organization`: listing the accounts, in the management (or delegated admin) account.
    op("Organizations", "ListAccounts", "organizations:ListAccounts"),
    // DescribeOrganization also tells every audited account which organization it belongs to.
    op("Organizations", "DescribeOrganization", "organizations:DescribeOrganization"),
    // The organization's guardrails and delegations (CIS v7.0 2.1.x), readable from the management
    // account or a delegated administrator.
    op("Organizations", "ListRoots", "organizations:ListRoots"),
    op("Organizations", "ListPolicies", "organizations:ListPolicies"),
    op("Organizations", "ListTargetsForPolicy", "organizations:ListTargetsForPolicy"),
    op("Organizations", "ListDelegatedAdministrators", "organizations:ListDelegatedAdministrators"),
    op("Organizations", "DescribeResourcePolicy", "organizations:DescribeResourcePolicy"),
    op("IAM", "ListOrganizationsFeatures", "iam:ListOrganizationsFeatures"),
    // The account's alternate contacts (security, billing, operations).
    op("Account", "GetAlternateContact", "account:GetAlternateContact"),
];

/// Looks up an allowed operation by the SDK's service and operation names.
///
/// Service names are compared without spaces or case: the SDK's own metadata spells them both as
/// `SecretsManager` and `Secrets Manager` depending on the layer that set them.
pub fn allowed(sdk_service: &str, operation: &str) -> Option<&'static ReadOperation> {
    let wanted = normalise(sdk_service);
    READ_OPERATIONS.iter().find(|o| o.operation == operation && normalise(o.sdk_service) == wanted)
}

/// One spelling for an SDK service name however it is written (`Secrets Manager`, `SecretsManager`):
/// lower case, no spaces.
pub fn normalise(service: &str) -> String {
    service.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The IAM action for an operation, for error messages; unknown operations fall back to their name.
pub fn iam_action(sdk_service: &str, operation: &str) -> String {
    allowed(sdk_service, operation)
        .map(|o| o.iam_action.to_string())
        .unwrap_or_else(|| format!("{}:{operation}", normalise(sdk_service)))
}

/// Marker text in the refusal, so callers can tell a refusal from a service error.
pub const REFUSAL_MARKER: &str = "argus read-only guard refused";

#[derive(Debug)]
pub struct RefusedOperation {
    pub service: String,
    pub operation: String,
}

impl std::fmt::Display for RefusedOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{REFUSAL_MARKER} {}:{}: it is not on argus's list of read operations", self.service, self.operation)
    }
}

impl std::error::Error for RefusedOperation {}

/// The interceptor. It runs in every operation once the operation's identity is known and before
/// the request is serialised, so a refused request never exists, let alone reaches the wire.
/// (`read_before_execution` would be too early: client-level interceptors run it before the
/// operation's `Metadata` is in the config bag.)
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadOnlyGuard;

impl Intercept for ReadOnlyGuard {
    fn name(&self) -> &'static str {
        "ArgusReadOnlyGuard"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(metadata) = cfg.load::<Metadata>() else {
            // Every generated operation stores its Metadata; without it we cannot prove it is a read.
            return Err(Box::new(RefusedOperation { service: "unknown".into(), operation: "unknown".into() }));
        };
        if allowed(metadata.service(), metadata.name()).is_some() {
            Ok(())
        } else {
            Err(Box::new(RefusedOperation {
                service: metadata.service().to_string(),
                operation: metadata.name().to_string(),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The two operations that ask IAM to build a report (and change nothing else).
    const REPORT_JOBS: &[&str] = &["GenerateCredentialReport", "GenerateServiceLastAccessedDetails"];
    /// Reads named with another verb: CloudTrail's event-history search (readOnly in CloudTrail).
    const SEARCHES: &[&str] = &["LookupEvents"];

    #[test]
    fn allowlist_holds_only_reads() {
        for op in READ_OPERATIONS {
            let read_verb = ["Get", "BatchGet", "List", "Describe"].iter().any(|v| op.operation.starts_with(v));
            let named_otherwise = REPORT_JOBS.contains(&op.operation) || SEARCHES.contains(&op.operation);
            assert!(read_verb || named_otherwise, "{} is not a read operation", op.operation);
            let action = op.iam_action.split(':').nth(1).unwrap_or_default();
            assert!(
                ["Get", "BatchGet", "List", "Describe"].iter().any(|v| action.starts_with(v))
                    || REPORT_JOBS.contains(&action)
                    || SEARCHES.contains(&action),
                "{} is not a read action",
                op.iam_action
            );
        }
    }

    #[test]
    fn service_names_match_however_the_sdk_spells_them() {
        assert!(allowed("Secrets Manager", "ListSecrets").is_some());
        assert!(allowed("S3 Control", "GetPublicAccessBlock").is_some());
        assert!(allowed("S3", "PutBucketPolicy").is_none());
        assert_eq!(iam_action("S3 Control", "GetPublicAccessBlock"), "s3:GetAccountPublicAccessBlock");
    }

    #[test]
    fn allowlist_has_no_duplicates() {
        let mut seen = HashSet::new();
        for op in READ_OPERATIONS {
            assert!(seen.insert((op.sdk_service, op.operation)), "duplicate {op:?}");
        }
    }
}
