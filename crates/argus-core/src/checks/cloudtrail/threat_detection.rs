//! The CloudTrail threat-detection checks (opt-in): who called many of a list of telling API actions
//! over the last day, from CloudTrail's event history (LookupEvents).
//!
//! The collector looks each action up once per searched region (`EventLookups`); an identity whose
//! distinct actions make more than the check's share of its list fails. What was not read (a failed
//! lookup, or one that stopped at its bound with events left) is never taken as PASS: unless an
//! identity already fails, the check reports ERROR naming the incomplete lookups.

use crate::engine::{CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::snapshot::{EventLookups, Fetched, Tags};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How far back the lookups reach: Prowler's default for the three checks (24 hours).
pub const WINDOW_MINUTES: u32 = 1440;
/// Events per LookupEvents page (the API's maximum and default).
pub const PAGE_SIZE: i32 = 50;
/// Pages read per action and region: one, the requests Prowler makes.
pub const MAX_PAGES_PER_ACTION: u32 = 1;
/// Wall-clock budget of one region's lookups, in seconds (LookupEvents allows two calls a second
/// per account and region); the actions not looked up by then are incomplete.
pub const TIME_BUDGET_SECONDS: u64 = 300;

/// One of the three detections.
pub struct Detection {
    /// What the finding calls the activity ("enumeration", "privilege escalation", "LLM jacking").
    pub name: &'static str,
    /// The share of `actions` an identity must exceed to fail (Prowler's default).
    pub threshold: f64,
    /// The telling actions, each once.
    pub actions: &'static [&'static str],
}

pub const ENUMERATION: Detection = Detection {
    name: "enumeration",
    threshold: 0.3,
    actions: &[
        "DescribeAccessEntry",
        "DescribeAccountAttributes",
        "DescribeAvailabilityZones",
        "DescribeBundleTasks",
        "DescribeCarrierGateways",
        "DescribeClientVpnRoutes",
        "DescribeCluster",
        "DescribeDhcpOptions",
        "DescribeFlowLogs",
        "DescribeImages",
        "DescribeInstanceAttribute",
        "DescribeInstanceInformation",
        "DescribeInstanceTypes",
        "DescribeInstances",
        "DescribeKeyPairs",
        "DescribeLogGroups",
        "DescribeLogStreams",
        "DescribeOrganization",
        "DescribeRegions",
        "DescribeSecurityGroups",
        "DescribeSnapshotAttribute",
        "DescribeSnapshotTierStatus",
        "DescribeSubscriptionFilters",
        "DescribeTransitGatewayMulticastDomains",
        "DescribeVolumes",
        "DescribeVolumesModifications",
        "DescribeVpcEndpointConnectionNotifications",
        "DescribeVpcs",
        "GetAccount",
        "GetAccountAuthorizationDetails",
        "GetAccountSendingEnabled",
        "GetBucketAcl",
        "GetBucketLogging",
        "GetBucketPolicy",
        "GetBucketReplication",
        "GetBucketVersioning",
        "GetCallerIdentity",
        "GetCertificate",
        "GetConsoleScreenshot",
        "GetCostAndUsage",
        "GetDetector",
        "GetEbsDefaultKmsKeyId",
        "GetEbsEncryptionByDefault",
        "GetFindings",
        "GetFlowLogsIntegrationTemplate",
        "GetIdentityVerificationAttributes",
        "GetInstances",
        "GetIntrospectionSchema",
        "GetLaunchTemplateData",
        "GetLogRecord",
        "GetParameters",
        "GetPolicyVersion",
        "GetPublicAccessBlock",
        "GetQueryResults",
        "GetRegions",
        "GetSMSAttributes",
        "GetSMSSandboxAccountStatus",
        "GetSendQuota",
        "GetTransitGatewayRouteTableAssociations",
        "GetUserPolicy",
        "HeadObject",
        "ListAccessKeys",
        "ListAccounts",
        "ListAllMyBuckets",
        "ListAssociatedAccessPolicies",
        "ListAttachedUserPolicies",
        "ListClusters",
        "ListDetectors",
        "ListDomains",
        "ListFindings",
        "ListHostedZones",
        "ListIPSets",
        "ListIdentities",
        "ListInstanceProfiles",
        "ListObjects",
        "ListOrganizationalUnitsForParent",
        "ListOriginationNumbers",
        "ListPolicyVersions",
        "ListRoles",
        "ListRules",
        "ListServiceQuotas",
        "ListSubscriptions",
        "ListTargetsByRule",
        "ListTopics",
        "ListUsers",
        "LookupEvents",
        "Search",
    ],
};

pub const PRIVILEGE_ESCALATION: Detection = Detection {
    name: "privilege escalation",
    threshold: 0.2,
    actions: &[
        "AddPermission",
        "AddRoleToInstanceProfile",
        "AddUserToGroup",
        "AssociateAccessPolicy",
        "AssumeRole",
        "AttachGroupPolicy",
        "AttachRolePolicy",
        "AttachUserPolicy",
        "ChangePassword",
        "CreateAccessEntry",
        "CreateAccessKey",
        "CreateDevEndpoint",
        "CreateEventSourceMapping",
        "CreateFunction",
        "CreateGroup",
        "CreateJob",
        "CreateKeyPair",
        "CreateLoginProfile",
        "CreatePipeline",
        "CreatePolicyVersion",
        "CreateRole",
        "CreateStack",
        "DeleteRolePermissionsBoundary",
        "DeleteRolePolicy",
        "DeleteUserPermissionsBoundary",
        "DeleteUserPolicy",
        "DetachRolePolicy",
        "DetachUserPolicy",
        "GetCredentialsForIdentity",
        "GetId",
        "GetPolicyVersion",
        "GetUserPolicy",
        "Invoke",
        "ModifyInstanceAttribute",
        "PassRole",
        "PutGroupPolicy",
        "PutPipelineDefinition",
        "PutRolePermissionsBoundary",
        "PutRolePolicy",
        "PutUserPermissionsBoundary",
        "PutUserPolicy",
        "ReplaceIamInstanceProfileAssociation",
        "RunInstances",
        "SetDefaultPolicyVersion",
        "UpdateAccessKey",
        "UpdateAssumeRolePolicy",
        "UpdateDevEndpoint",
        "UpdateEventSourceMapping",
        "UpdateFunctionCode",
        "UpdateJob",
        "UpdateLoginProfile",
    ],
};

pub const LLM_JACKING: Detection = Detection {
    name: "LLM jacking",
    threshold: 0.4,
    actions: &[
        "AcceptAgreementRequest",
        "CreateFoundationModelAgreement",
        "GetFoundationModelAvailability",
        "GetModelInvocationLoggingConfiguration",
        "GetUseCaseForModelAccess",
        "InvokeModel",
        "InvokeModelWithResponseStream",
        "ListFoundationModelAgreementOffers",
        "ListFoundationModels",
        "ListProvisionedModelThroughputs",
        "PutFoundationModelEntitlement",
        "PutModelInvocationLoggingConfiguration",
        "PutUseCaseForModelAccess",
        "SearchAgreements",
    ],
};

/// The detection of each opt-in threat-detection check, by check id.
pub const DETECTIONS: &[(&str, &Detection)] = &[
    ("cloudtrail_threat_detection_enumeration", &ENUMERATION),
    ("cloudtrail_threat_detection_llm_jacking", &LLM_JACKING),
    ("cloudtrail_threat_detection_privilege_escalation", &PRIVILEGE_ESCALATION),
];

/// Most incomplete lookups an ERROR message names one by one.
const NAMED: usize = 5;

/// Judges `d` on the event lookups of every searched region.
pub(crate) fn judge(ctx: &CheckContext<'_>, out: &mut Findings, d: &Detection) {
    let searched: Vec<(&str, &EventLookups)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| {
            data.cloudtrail.as_ref().and_then(|ct| ct.event_lookups.as_ref()).map(|l| (region.as_str(), l))
        })
        .collect();
    let account = ctx.account_resource();
    if searched.is_empty() {
        out.error_message(
            account,
            "could not be evaluated: CloudTrail's event history was not searched (LookupEvents): this opt-in check's \
             data is collected only when the check is selected (--checks or --include-opt-in)",
        );
        return;
    }
    // (caller ARN, identity type) -> the distinct actions it made, and the lookups that fell short.
    let mut callers: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut incomplete: Vec<String> = Vec::new();
    for (region, lookups) in &searched {
        for action in d.actions {
            match lookups.lookups.get(*action) {
                None => incomplete.push(format!("{action} in {region} was not looked up")),
                Some(Fetched::Err(e)) => incomplete.push(e.to_string()),
                Some(Fetched::Ok(l)) => {
                    if let Some(why) = &l.incomplete {
                        incomplete.push(format!("{action} in {region}: {why}"));
                    }
                    for c in &l.callers {
                        callers.entry((c.arn.as_str(), c.identity_type.as_str())).or_default().insert(action);
                    }
                }
            }
        }
    }
    let total = d.actions.len() as f64;
    let window = searched.iter().map(|(_, l)| l.window_minutes).max().unwrap_or(WINDOW_MINUTES);
    let regions: Vec<&str> = searched.iter().map(|(r, _)| *r).collect();
    let mut failed = false;
    for ((arn, kind), actions) in &callers {
        let share = actions.len() as f64 / total;
        if share > d.threshold {
            failed = true;
            let name = arn.rsplit('/').next().unwrap_or(arn);
            let r = Arc::new(Resource::identified_by_arn(arn, name, GLOBAL_REGION, &Tags::new()));
            let some: Vec<&str> = actions.iter().take(NAMED).copied().collect();
            out.fail(
                r,
                format_args!(
                    "Potential {} from {kind} {name}: {} of the {} telling actions ({:.0}% > {:.0}%) in the last {} hours ({}{}).",
                    d.name,
                    actions.len(),
                    d.actions.len(),
                    share * 100.0,
                    d.threshold * 100.0,
                    window / 60,
                    some.join(", "),
                    if actions.len() > NAMED { ", ..." } else { "" },
                ),
            );
        }
    }
    if !incomplete.is_empty() {
        let shown: Vec<&str> = incomplete.iter().take(NAMED).map(String::as_str).collect();
        let more = incomplete.len().saturating_sub(NAMED);
        out.error_message(
            account,
            format_args!(
                "could not be fully evaluated: {} of {} lookups are incomplete ({}{}); {} what was read",
                incomplete.len(),
                d.actions.len() * searched.len(),
                shown.join("; "),
                if more > 0 { format!("; {more} more") } else { String::new() },
                if failed {
                    "other identities may cross the threshold beyond"
                } else {
                    "no identity crosses the threshold in"
                },
            ),
        );
    } else if !failed {
        out.pass(
            account,
            format_args!(
                "No potential {}: no identity made more than {:.0}% of the {} telling actions in the last {} hours (event history of {}).",
                d.name,
                d.threshold * 100.0,
                d.actions.len(),
                window / 60,
                regions.join(", "),
            ),
        );
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::snapshot::{EventCaller, EventLookup, Snapshot};
    use crate::testing::*;

    /// Every action of `d`'s list looked up in `region`, each made by the given callers.
    pub(crate) fn looked_up(s: &mut Snapshot, region: &str, d: &Detection, callers: &[(&str, usize)]) {
        let mut lookups = EventLookups { window_minutes: WINDOW_MINUTES, lookups: BTreeMap::new() };
        for (i, action) in d.actions.iter().enumerate() {
            let by: Vec<EventCaller> = callers
                .iter()
                .filter(|(_, made)| i < *made)
                .map(|(arn, _)| EventCaller { arn: arn.to_string(), identity_type: "IAMUser".into() })
                .collect();
            let lookup = EventLookup { events_read: by.len() as u32, callers: by, incomplete: None };
            lookups.lookups.insert(action.to_string(), Fetched::Ok(lookup));
        }
        region_mut(s, region).cloudtrail.as_mut().expect("fixture has CloudTrail").event_lookups = Some(lookups);
    }

    #[test]
    fn the_lists_hold_each_action_once() {
        for (id, d) in DETECTIONS {
            let distinct: BTreeSet<&&str> = d.actions.iter().collect();
            assert_eq!(distinct.len(), d.actions.len(), "{id}");
        }
        assert_eq!(
            (ENUMERATION.actions.len(), PRIVILEGE_ESCALATION.actions.len(), LLM_JACKING.actions.len()),
            (87, 51, 14)
        );
    }

    const ATTACKER: &str = "arn:aws:iam::123456789012:user/attacker";
    const BUSY: &str = "arn:aws:iam::123456789012:user/busy";

    /// The verdicts every threat-detection check must give for its detection `d`: an identity at the
    /// threshold passes, one over it fails; unread or incomplete history is an ERROR, never a PASS; an
    /// identity over the threshold fails even when other lookups are incomplete.
    pub(crate) fn assert_judges(check: crate::engine::Check, d: &Detection) {
        use crate::engine::Status;
        let at = (d.threshold * d.actions.len() as f64).floor() as usize;
        // an identity over the threshold fails and one at it passes
        {
            let mut s = snapshot();
            looked_up(&mut s, REGION, d, &[(BUSY, at)]);
            let f = run_check(check, &s);
            assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Pass)], "{f:?}");
            looked_up(&mut s, REGION, d, &[(BUSY, at), (ATTACKER, at + 1)]);
            let f = run_check(check, &s);
            assert_eq!(statuses(&f), vec![(ATTACKER.to_string(), Status::Fail)], "{f:?}");
            assert_eq!(f[0].resource.arn.as_str(), ATTACKER);
            assert!(f[0].message.contains(&format!("{} of the", at + 1)), "{}", f[0].message);
        }

        // unread or incomplete history is an error not a pass
        {
            let mut s = snapshot();
            let f = run_check(check, &s);
            assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)], "not collected");
            assert!(f[0].message.contains("opt-in"), "{}", f[0].message);
            looked_up(&mut s, REGION, d, &[(BUSY, 1)]);
            let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
            let first = d.actions[0];
            lookups.lookups.insert(first.into(), Fetched::Err(denied("cloudtrail", "LookupEvents")));
            let f = run_check(check, &s);
            assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
            assert!(f[0].message.contains("LookupEvents"), "{}", f[0].message);
            let full =
                EventLookup { incomplete: Some("more than 50 events in the window".into()), ..Default::default() };
            let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
            lookups.lookups.insert(first.into(), Fetched::Ok(full));
            let f = run_check(check, &s);
            assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
            assert!(f[0].message.contains("more than 50 events"), "{}", f[0].message);
        }

        // an identity over the threshold fails even when other lookups are incomplete
        {
            let mut s = snapshot();
            looked_up(&mut s, REGION, d, &[(ATTACKER, at + 1)]);
            let last = d.actions[d.actions.len() - 1];
            let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().event_lookups.as_mut().unwrap();
            lookups.lookups.insert(last.into(), Fetched::Err(denied("cloudtrail", "LookupEvents")));
            let got = statuses(&run_check(check, &s));
            assert_eq!(got.len(), 2, "{got:?}");
            assert!(got.contains(&(ATTACKER.to_string(), Status::Fail)), "{got:?}");
            assert!(got.contains(&(ACCOUNT.to_string(), Status::Error)), "{got:?}");
        }
    }
}
