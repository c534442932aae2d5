//! Privilege-escalation detection (Rhino Security Labs' published methods,
//! the basis of Prowler's and Cloudsplaining's checks, plus newer paths).
//!
//! Only the specific actions each method needs are tested against the
//! policies; there is no action catalogue and no guessed expansion.

use serde::Serialize;

use std::sync::LazyLock;

use super::evaluate::{PermissionSet, Request};

/// A set of actions that together let a principal raise its own privileges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscalationMethod {
    /// Stable identifier used in findings.
    pub id: &'static str,
    pub required: &'static [&'static str],
    /// Reported when allowed, but not needed for the method to count.
    pub optional: &'static [&'static str],
    pub description: &'static str,
}

const fn method(id: &'static str, required: &'static [&'static str], description: &'static str) -> EscalationMethod {
    EscalationMethod { id, required, optional: &[], description }
}

pub const ESCALATION_METHODS: &[EscalationMethod] = &[
    method(
        "CreatePolicyVersion",
        &["iam:CreatePolicyVersion"],
        "can publish a new default version of a managed policy attached to itself",
    ),
    method(
        "SetDefaultPolicyVersion",
        &["iam:SetDefaultPolicyVersion"],
        "can switch a managed policy to an older, more permissive version",
    ),
    method(
        "PassRole+EC2RunInstances",
        &["iam:PassRole", "ec2:RunInstances"],
        "can launch an EC2 instance with a more privileged role and use its credentials",
    ),
    method("CreateAccessKey", &["iam:CreateAccessKey"], "can create access keys for other (more privileged) users"),
    method("CreateLoginProfile", &["iam:CreateLoginProfile"], "can set a console password for users that have none"),
    method("UpdateLoginProfile", &["iam:UpdateLoginProfile"], "can change other users' console passwords"),
    method(
        "AttachUserPolicy",
        &["iam:AttachUserPolicy"],
        "can attach any managed policy (e.g. AdministratorAccess) to a user",
    ),
    method("AttachGroupPolicy", &["iam:AttachGroupPolicy"], "can attach any managed policy to a group it belongs to"),
    method(
        "AttachRolePolicy+AssumeRole",
        &["iam:AttachRolePolicy", "sts:AssumeRole"],
        "can attach any managed policy to a role and assume it",
    ),
    method("PutUserPolicy", &["iam:PutUserPolicy"], "can write an arbitrary inline policy on a user"),
    method("PutGroupPolicy", &["iam:PutGroupPolicy"], "can write an arbitrary inline policy on a group it belongs to"),
    method(
        "PutRolePolicy+AssumeRole",
        &["iam:PutRolePolicy", "sts:AssumeRole"],
        "can write an arbitrary inline policy on a role and assume it",
    ),
    method("AddUserToGroup", &["iam:AddUserToGroup"], "can add itself to a more privileged group"),
    method(
        "UpdateAssumeRolePolicy+AssumeRole",
        &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
        "can rewrite a privileged role's trust policy to trust itself, then assume it",
    ),
    method(
        "PassRole+LambdaCreateFunction+InvokeFunction",
        &["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
        "can create a Lambda function with a more privileged role and invoke it",
    ),
    EscalationMethod {
        id: "PassRole+LambdaCreateFunction+CreateEventSourceMapping",
        required: &["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
        optional: &["dynamodb:CreateTable", "dynamodb:PutItem"],
        description: "can create a Lambda function with a more privileged role and trigger it from an event source \
                      (a DynamoDB stream; creating one also needs dynamodb:CreateTable and dynamodb:PutItem)",
    },
    method(
        "PassRole+GlueCreateDevEndpoint",
        &["iam:PassRole", "glue:CreateDevEndpoint"],
        "can create a Glue dev endpoint with a more privileged role and log into it",
    ),
    method(
        "GlueUpdateDevEndpoint",
        &["glue:UpdateDevEndpoint"],
        "can replace the SSH key of an existing Glue dev endpoint and use its role",
    ),
    method(
        "PassRole+CloudFormationCreateStack",
        &["iam:PassRole", "cloudformation:CreateStack"],
        "can create a CloudFormation stack that runs with a more privileged role",
    ),
    method(
        "PassRole+DataPipelineCreatePipeline",
        &["iam:PassRole", "datapipeline:CreatePipeline"],
        "can create a Data Pipeline that runs commands with a more privileged role",
    ),
    method(
        "LambdaUpdateFunctionCode",
        &["lambda:UpdateFunctionCode"],
        "can replace the code of an existing function whose role may be more privileged",
    ),
    method(
        "PassRole+ECSRunTask",
        &["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
        "can register an ECS task definition with a more privileged role and run it",
    ),
    method(
        "PassRole+CodeBuildCreateProject+StartBuild",
        &["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"],
        "can create a CodeBuild project with a more privileged role and run a build",
    ),
    method(
        "PassRole+SageMakerCreateNotebookInstance",
        &["iam:PassRole", "sagemaker:CreateNotebookInstance"],
        "can create a SageMaker notebook with a more privileged role and use its credentials",
    ),
    method(
        "LambdaUpdateFunctionCode+InvokeFunction",
        &["lambda:UpdateFunctionCode", "lambda:InvokeFunction"],
        "can replace an existing function's code and invoke it to act as its role",
    ),
    method(
        "EC2ModifyInstanceAttribute+StopStartInstances",
        &["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
        "can change an instance's user data and restart it to run code as the instance role",
    ),
    method(
        "CreatePolicyVersion+AssumeRole",
        &["iam:CreatePolicyVersion", "sts:AssumeRole"],
        "can rewrite a managed policy attached to a role and assume that role",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationFinding {
    /// `EscalationMethod::id`.
    pub method: &'static str,
    pub description: String,
    /// Required actions, then any optional ones that are also allowed.
    pub actions: Vec<String>,
    /// Every required action allowed on Resource `*` with no Condition (and no
    /// Deny that might interfere); otherwise only "potential".
    pub confirmed: bool,
}

/// Every method whose required actions are all allowed (after wildcards,
/// Deny and the permission boundary). Overlapping methods (e.g.
/// `LambdaUpdateFunctionCode` and `LambdaUpdateFunctionCode+InvokeFunction`)
/// are all reported.
pub fn detect_escalation(permissions: &PermissionSet) -> Vec<EscalationFinding> {
    detect_with(|request| {
        let access = permissions.is_allowed_request(request);
        (access.is_allowed(), access.is_unconditional())
    })
}

/// Every action the methods name, with its request "this action on some resource" (`*`), tokenised
/// once per process rather than once per policy asked; and, per method (in `ESCALATION_METHODS`
/// order), the positions of its required and optional actions in that list.
struct Requests {
    requests: Vec<Request>,
    methods: Vec<(Vec<usize>, Vec<usize>)>,
}

static REQUESTS: LazyLock<Requests> = LazyLock::new(|| {
    let mut actions: Vec<&'static str> = Vec::new();
    let mut position = |action: &'static str| match actions.iter().position(|a| *a == action) {
        Some(i) => i,
        None => {
            actions.push(action);
            actions.len() - 1
        }
    };
    let methods = ESCALATION_METHODS
        .iter()
        .map(|m| (m.required.iter().map(|a| position(a)).collect(), m.optional.iter().map(|a| position(a)).collect()))
        .collect();
    Requests { requests: actions.iter().map(|a| Request::new(a, "*")).collect(), methods }
});

/// `access(request)` = (allowed on some resource, allowed on `*` unconditionally).
fn detect_with(mut access: impl FnMut(&Request) -> (bool, bool)) -> Vec<EscalationFinding> {
    // Many methods share actions (iam:PassRole is in a dozen): ask once per action, and stop at the
    // first required action that is not allowed.
    let mut memo: Vec<Option<(bool, bool)>> = vec![None; REQUESTS.requests.len()];
    let mut ask = |i: usize| *memo[i].get_or_insert_with(|| access(&REQUESTS.requests[i]));
    ESCALATION_METHODS
        .iter()
        .zip(&REQUESTS.methods)
        .filter_map(|(m, (required, optional))| {
            let mut confirmed = true;
            for &i in required {
                let (allowed, unconditional) = ask(i);
                if !allowed {
                    return None;
                }
                confirmed &= unconditional;
            }
            let mut actions: Vec<String> = m.required.iter().map(|a| a.to_string()).collect();
            actions.extend(m.optional.iter().zip(optional).filter(|(_, &i)| ask(i).0).map(|(a, _)| a.to_string()));
            Some(EscalationFinding {
                method: m.id,
                description: format!(
                    "{} ({})",
                    m.description,
                    if confirmed {
                        "confirmed: allowed on all resources without conditions"
                    } else {
                        "potential: allowed only on some resources or under conditions"
                    }
                ),
                actions,
                confirmed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn each_method_is_found_from_its_actions_and_lost_to_a_deny_of_one() {
        for m in ESCALATION_METHODS {
            for deny in [None, Some("iam:PassRole")] {
                let mut statements =
                    vec![serde_json::json!({"Effect": "Allow", "Action": m.required, "Resource": "*"})];
                statements.extend(deny.map(|a| serde_json::json!({"Effect": "Deny", "Action": a, "Resource": "*"})));
                let p = Policy::parse(&serde_json::json!({ "Statement": statements })).expect("valid");
                let found = detect_escalation(&PermissionSet::from_policy(&p));
                let expected = deny.is_none_or(|a| !m.required.contains(&a));
                assert_eq!(found.iter().any(|f| f.method == m.id && f.confirmed), expected, "{} deny {deny:?}", m.id);
            }
        }
    }

    fn allow(actions: &[&str]) -> PermissionSet {
        let json = serde_json::json!({"Version": "2012-10-17", "Statement": {
            "Effect": "Allow", "Action": actions, "Resource": "*"}});
        PermissionSet::from_policy(&Policy::parse(&json).expect("valid"))
    }

    fn methods(p: &PermissionSet) -> Vec<&'static str> {
        detect_escalation(p).into_iter().map(|f| f.method).collect()
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = ESCALATION_METHODS.iter().map(|m| m.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ESCALATION_METHODS.len());
        assert_eq!(ESCALATION_METHODS.len(), 27);
    }

    /// Each method: exactly its actions → detected and confirmed; a Deny on
    /// any one action, or that action missing → not detected.
    #[test]
    fn every_method_positive_and_negative() {
        for m in ESCALATION_METHODS {
            let positive = detect_escalation(&allow(m.required));
            let found = positive.iter().find(|f| f.method == m.id);
            let found = found.unwrap_or_else(|| panic!("{} not detected", m.id));
            assert!(found.confirmed, "{}", m.id);
            assert_eq!(found.actions, m.required, "{}", m.id);

            for (i, action) in m.required.iter().enumerate() {
                let missing: Vec<&str> =
                    m.required.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, a)| *a).collect();
                assert!(!methods(&allow(&missing)).contains(&m.id), "{} without {action}", m.id);

                let json = serde_json::json!({"Statement": [
                    {"Effect": "Allow", "Action": m.required, "Resource": "*"},
                    {"Effect": "Deny", "Action": action, "Resource": "*"}]});
                let denied = PermissionSet::from_policy(&Policy::parse(&json).expect("valid"));
                assert!(!methods(&denied).contains(&m.id), "{} with {action} denied", m.id);
            }
        }
    }

    #[test]
    fn wildcards_count() {
        let found = methods(&allow(&["iam:*"]));
        assert!(found.contains(&"CreatePolicyVersion"));
        assert!(found.contains(&"AddUserToGroup"));
        assert!(!found.contains(&"PassRole+EC2RunInstances"));
        let found = methods(&allow(&["*"]));
        assert_eq!(found.len(), ESCALATION_METHODS.len());
        let found = methods(&allow(&["IAM:Put*Policy"]));
        assert_eq!(found, vec!["PutUserPolicy", "PutGroupPolicy"]);
    }

    #[test]
    fn narrow_resource_is_potential() {
        let json = serde_json::json!({"Statement": {"Effect": "Allow",
            "Action": ["iam:PassRole", "ec2:RunInstances"],
            "Resource": "arn:aws:iam::111122223333:role/app-*"}});
        let p = PermissionSet::from_policy(&Policy::parse(&json).expect("valid"));
        let f = detect_escalation(&p);
        assert_eq!(f.len(), 1);
        assert!(!f[0].confirmed);
        assert!(f[0].description.contains("potential"));
    }

    #[test]
    fn conditional_allow_is_potential() {
        let json = serde_json::json!({"Statement": {"Effect": "Allow",
            "Action": "iam:CreateAccessKey", "Resource": "*",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}});
        let p = PermissionSet::from_policy(&Policy::parse(&json).expect("valid"));
        let f = detect_escalation(&p);
        assert_eq!(f.len(), 1);
        assert!(!f[0].confirmed);
    }

    #[test]
    fn optional_actions_are_reported() {
        let f = detect_escalation(&allow(&[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:CreateEventSourceMapping",
            "dynamodb:*",
        ]));
        let m = f.iter().find(|f| f.method == "PassRole+LambdaCreateFunction+CreateEventSourceMapping").expect("found");
        assert!(m.actions.contains(&"dynamodb:PutItem".to_string()));
    }

    #[test]
    fn not_action_allow_escalates() {
        let json = serde_json::json!({"Statement": {"Effect": "Allow",
            "NotAction": ["iam:Delete*"], "Resource": "*"}});
        let p = PermissionSet::from_policy(&Policy::parse(&json).expect("valid"));
        assert!(methods(&p).contains(&"AttachUserPolicy"));
    }
}
