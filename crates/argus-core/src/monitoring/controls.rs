//! The CIS monitoring controls (v5.0 4.1-4.15, v7.0 5.1-5.15) as the CloudTrail events each one must
//! alert on. A metric filter covers a control when it matches every one of these events; the events
//! are shaped like CloudTrail's records so that filters on any field the CIS patterns use (event
//! name and source, error code and message, identity type, MFA use, event type) are judged as AWS
//! would judge them.
//!
//! The event lists follow each control's CIS audit pattern; where Prowler requires more (three extra
//! Organizations events) the CIS list is kept, so a filter copied from the benchmark passes.

use serde_json::{json, Value};

/// One event a control's filter must match.
#[derive(Debug, Clone)]
pub struct RequiredEvent {
    /// Short words for messages: `ec2:CreateRoute`, `errorCode Client.UnauthorizedOperation`.
    pub label: String,
    pub event: Value,
    /// The event as JSON text, for unstructured term patterns.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    UnauthorizedApiCalls,
    SignInWithoutMfa,
    RootUsage,
    IamPolicyChanges,
    CloudTrailChanges,
    ConsoleAuthenticationFailures,
    KmsKeyDisableOrDeletion,
    S3BucketPolicyChanges,
    ConfigChanges,
    SecurityGroupChanges,
    NetworkAclChanges,
    NetworkGatewayChanges,
    RouteTableChanges,
    VpcChanges,
    OrganizationsChanges,
}

impl Control {
    /// What the control watches, for messages ("unauthorized API calls").
    pub fn subject(self) -> &'static str {
        match self {
            Control::UnauthorizedApiCalls => "unauthorized API calls",
            Control::SignInWithoutMfa => "console sign-in without MFA",
            Control::RootUsage => "use of the root user",
            Control::IamPolicyChanges => "IAM policy changes",
            Control::CloudTrailChanges => "CloudTrail configuration changes",
            Control::ConsoleAuthenticationFailures => "console authentication failures",
            Control::KmsKeyDisableOrDeletion => "disabling or scheduled deletion of KMS keys",
            Control::S3BucketPolicyChanges => "S3 bucket policy changes",
            Control::ConfigChanges => "AWS Config configuration changes",
            Control::SecurityGroupChanges => "security group changes",
            Control::NetworkAclChanges => "network ACL changes",
            Control::NetworkGatewayChanges => "network gateway changes",
            Control::RouteTableChanges => "route table changes",
            Control::VpcChanges => "VPC changes",
            Control::OrganizationsChanges => "AWS Organizations changes",
        }
    }

    pub fn required_events(self) -> Vec<RequiredEvent> {
        let api = |source: &str, names: &[&str]| -> Vec<RequiredEvent> {
            names.iter().map(|n| required(format!("{}:{n}", service_of(source)), api_call(source, n))).collect()
        };
        match self {
            Control::UnauthorizedApiCalls => [
                ("ec2.amazonaws.com", "RunInstances", "Client.UnauthorizedOperation"),
                ("iam.amazonaws.com", "CreateUser", "AccessDenied"),
                ("kms.amazonaws.com", "Decrypt", "AccessDeniedException"),
            ]
            .into_iter()
            .map(|(source, name, code)| {
                let mut e = api_call(source, name);
                e["errorCode"] = json!(code);
                e["errorMessage"] = json!("You are not authorized to perform this operation.");
                required(format!("errorCode {code}"), e)
            })
            .collect(),
            Control::SignInWithoutMfa => {
                vec![required("ConsoleLogin without MFA".into(), console_login("IAMUser", "No", true))]
            }
            Control::RootUsage => {
                let mut call = api_call("iam.amazonaws.com", "CreateAccessKey");
                call["userIdentity"] = root_identity();
                let mut login = console_login("Root", "No", true);
                login["userIdentity"] = root_identity();
                vec![required("root API call".into(), call), required("root console sign-in".into(), login)]
            }
            Control::IamPolicyChanges => api(
                "iam.amazonaws.com",
                &[
                    "DeleteGroupPolicy",
                    "DeleteRolePolicy",
                    "DeleteUserPolicy",
                    "PutGroupPolicy",
                    "PutRolePolicy",
                    "PutUserPolicy",
                    "CreatePolicy",
                    "DeletePolicy",
                    "CreatePolicyVersion",
                    "DeletePolicyVersion",
                    "AttachRolePolicy",
                    "DetachRolePolicy",
                    "AttachUserPolicy",
                    "DetachUserPolicy",
                    "AttachGroupPolicy",
                    "DetachGroupPolicy",
                ],
            ),
            Control::CloudTrailChanges => api(
                "cloudtrail.amazonaws.com",
                &["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"],
            ),
            Control::ConsoleAuthenticationFailures => {
                let mut e = console_login("IAMUser", "No", false);
                e["errorMessage"] = json!("Failed authentication");
                vec![required("failed ConsoleLogin".into(), e)]
            }
            Control::KmsKeyDisableOrDeletion => api("kms.amazonaws.com", &["DisableKey", "ScheduleKeyDeletion"]),
            Control::S3BucketPolicyChanges => api(
                "s3.amazonaws.com",
                &[
                    "PutBucketAcl",
                    "PutBucketPolicy",
                    "PutBucketCors",
                    "PutBucketLifecycle",
                    "PutBucketReplication",
                    "DeleteBucketPolicy",
                    "DeleteBucketCors",
                    "DeleteBucketLifecycle",
                    "DeleteBucketReplication",
                ],
            ),
            Control::ConfigChanges => api(
                "config.amazonaws.com",
                &[
                    "StopConfigurationRecorder",
                    "DeleteDeliveryChannel",
                    "PutDeliveryChannel",
                    "PutConfigurationRecorder",
                ],
            ),
            Control::SecurityGroupChanges => api(
                "ec2.amazonaws.com",
                &[
                    "AuthorizeSecurityGroupIngress",
                    "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress",
                    "RevokeSecurityGroupEgress",
                    "CreateSecurityGroup",
                    "DeleteSecurityGroup",
                ],
            ),
            Control::NetworkAclChanges => api(
                "ec2.amazonaws.com",
                &[
                    "CreateNetworkAcl",
                    "CreateNetworkAclEntry",
                    "DeleteNetworkAcl",
                    "DeleteNetworkAclEntry",
                    "ReplaceNetworkAclEntry",
                    "ReplaceNetworkAclAssociation",
                ],
            ),
            Control::NetworkGatewayChanges => api(
                "ec2.amazonaws.com",
                &[
                    "CreateCustomerGateway",
                    "DeleteCustomerGateway",
                    "AttachInternetGateway",
                    "CreateInternetGateway",
                    "DeleteInternetGateway",
                    "DetachInternetGateway",
                ],
            ),
            Control::RouteTableChanges => api(
                "ec2.amazonaws.com",
                &[
                    "CreateRoute",
                    "CreateRouteTable",
                    "ReplaceRoute",
                    "ReplaceRouteTableAssociation",
                    "DeleteRouteTable",
                    "DeleteRoute",
                    "DisassociateRouteTable",
                ],
            ),
            Control::VpcChanges => api(
                "ec2.amazonaws.com",
                &[
                    "CreateVpc",
                    "DeleteVpc",
                    "ModifyVpcAttribute",
                    "AcceptVpcPeeringConnection",
                    "CreateVpcPeeringConnection",
                    "DeleteVpcPeeringConnection",
                    "RejectVpcPeeringConnection",
                    "AttachClassicLinkVpc",
                    "DetachClassicLinkVpc",
                    "DisableVpcClassicLink",
                    "EnableVpcClassicLink",
                ],
            ),
            Control::OrganizationsChanges => api(
                "organizations.amazonaws.com",
                &[
                    "AcceptHandshake",
                    "AttachPolicy",
                    "CreateAccount",
                    "CreateOrganizationalUnit",
                    "CreatePolicy",
                    "DeclineHandshake",
                    "DeleteOrganization",
                    "DeleteOrganizationalUnit",
                    "DeletePolicy",
                    "DetachPolicy",
                    "DisablePolicyType",
                    "EnablePolicyType",
                    "InviteAccountToOrganization",
                    "LeaveOrganization",
                    "MoveAccount",
                    "RemoveAccountFromOrganization",
                    "UpdatePolicy",
                    "UpdateOrganizationalUnit",
                ],
            ),
        }
    }
}

fn service_of(source: &str) -> &str {
    source.split('.').next().unwrap_or(source)
}

fn required(label: String, event: Value) -> RequiredEvent {
    let text = event.to_string();
    RequiredEvent { label, event, text }
}

/// A successful management API call by an IAM user, as CloudTrail records it.
fn api_call(source: &str, name: &str) -> Value {
    json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLEEXAMPLE",
            "arn": "arn:aws:iam::111122223333:user/operator",
            "accountId": "111122223333",
            "accessKeyId": "AKIAEXAMPLEEXAMPLE",
            "userName": "operator"
        },
        "eventTime": "2026-01-01T12:00:00Z",
        "eventSource": source,
        "eventName": name,
        "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.10",
        "userAgent": "aws-cli/2.15.0",
        "requestParameters": {},
        "responseElements": null,
        "requestID": "00000000-0000-0000-0000-000000000000",
        "eventID": "00000000-0000-0000-0000-000000000001",
        "readOnly": false,
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": "111122223333",
        "eventCategory": "Management"
    })
}

fn console_login(identity_type: &str, mfa_used: &str, success: bool) -> Value {
    json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": identity_type,
            "principalId": "AIDAEXAMPLEEXAMPLE",
            "arn": "arn:aws:iam::111122223333:user/operator",
            "accountId": "111122223333",
            "userName": "operator"
        },
        "eventTime": "2026-01-01T12:00:00Z",
        "eventSource": "signin.amazonaws.com",
        "eventName": "ConsoleLogin",
        "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.10",
        "userAgent": "Mozilla/5.0",
        "requestParameters": null,
        "responseElements": {"ConsoleLogin": if success { "Success" } else { "Failure" }},
        "additionalEventData": {
            "LoginTo": "https://console.aws.amazon.com/console/home",
            "MobileVersion": "No",
            "MFAUsed": mfa_used
        },
        "eventID": "00000000-0000-0000-0000-000000000002",
        "readOnly": false,
        "eventType": "AwsConsoleSignIn",
        "managementEvent": true,
        "recipientAccountId": "111122223333",
        "eventCategory": "Management"
    })
}

fn root_identity() -> Value {
    json!({
        "type": "Root",
        "principalId": "111122223333",
        "arn": "arn:aws:iam::111122223333:root",
        "accountId": "111122223333"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::{Coverage, Pattern};

    const ALL: [Control; 15] = [
        Control::UnauthorizedApiCalls,
        Control::SignInWithoutMfa,
        Control::RootUsage,
        Control::IamPolicyChanges,
        Control::CloudTrailChanges,
        Control::ConsoleAuthenticationFailures,
        Control::KmsKeyDisableOrDeletion,
        Control::S3BucketPolicyChanges,
        Control::ConfigChanges,
        Control::SecurityGroupChanges,
        Control::NetworkAclChanges,
        Control::NetworkGatewayChanges,
        Control::RouteTableChanges,
        Control::VpcChanges,
        Control::OrganizationsChanges,
    ];

    /// The audit patterns of CIS AWS Foundations v5.0 4.1-4.15, as the benchmark prints them.
    const CIS_PATTERNS: [&str; 15] = [
        r#"{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }"#,
        r#"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
        "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}",
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
        r#"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#,
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
        "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
        "{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
        "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
        r#"{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }"#,
    ];

    fn coverage(control: Control, pattern: &str) -> Coverage {
        crate::monitoring::coverage(&Pattern::parse(pattern).unwrap(), &control.required_events())
    }

    #[test]
    fn each_cis_audit_pattern_covers_its_control_and_no_unrelated_one() {
        for (control, pattern) in ALL.into_iter().zip(CIS_PATTERNS) {
            assert_eq!(coverage(control, pattern), Coverage::Complete, "{control:?}");
            for other in ALL.into_iter().filter(|o| *o != control) {
                assert_ne!(coverage(other, pattern), Coverage::Complete, "{control:?} covers {other:?}");
            }
        }
    }

    #[test]
    fn a_filter_missing_one_named_event_does_not_cover() {
        let without_stop_logging = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }";
        assert_eq!(
            coverage(Control::CloudTrailChanges, without_stop_logging),
            Coverage::Missed { label: "cloudtrail:StopLogging".into(), matched: 4, of: 5 }
        );
        // The exact code misses EC2's "Client.UnauthorizedOperation" and "AccessDeniedException".
        let exact = r#"{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") }"#;
        assert_eq!(
            coverage(Control::UnauthorizedApiCalls, exact),
            Coverage::Missed { label: "errorCode Client.UnauthorizedOperation".into(), matched: 1, of: 3 }
        );
        // The route filter restricted to the wrong service.
        let wrong_source = "{ ($.eventSource = vpc.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }";
        assert!(matches!(coverage(Control::RouteTableChanges, wrong_source), Coverage::Missed { matched: 0, .. }));
        // `CreateRoute*` catches CreateRouteTable too; a prefix still counts as covering both.
        let prefixed = "{ $.eventName = CreateRoute* || $.eventName = ReplaceRoute* || $.eventName = Delete*Route* || $.eventName = DisassociateRouteTable }";
        assert_eq!(coverage(Control::RouteTableChanges, prefixed), Coverage::Complete);
    }

    #[test]
    fn the_root_filter_needs_to_match_api_calls_and_sign_ins() {
        let api_only = r#"{ $.userIdentity.type = "Root" && $.eventType = "AwsApiCall" }"#;
        assert_eq!(
            coverage(Control::RootUsage, api_only),
            Coverage::Missed { label: "root console sign-in".into(), matched: 1, of: 2 }
        );
    }
}
