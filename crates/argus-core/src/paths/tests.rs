use super::fixtures::*;
use super::*;
use crate::checks::iam::policy_fixtures::{inline, policy, role_trusting, user};
use crate::checks::secretsmanager::fixtures::{secret_arn, secrets};
use crate::snapshot::*;
use crate::testing::*;

/// The rendered path from `from` to the node with ARN `to`, if any.
fn path(s: &Snapshot, from: NodeId, to: &str) -> Option<String> {
    let g = Graph::build(s);
    let target = g.find(to)?;
    g.reach(from).into_iter().find(|r| r.node == target).map(|r| r.path.render(&g))
}

fn admin_path(s: &Snapshot, from: &str) -> Option<Path> {
    let g = Graph::build(s);
    let n = g.find(from).expect("node");
    g.paths_to_admin()[n].clone()
}

#[test]
fn a_path_view_names_each_hop_and_what_grants_it() {
    let mut s = snapshot();
    exposed_instance(&mut s);
    let g = Graph::build(&s);
    let target = g.find("arn:aws:s3:::customer-data").expect("bucket");
    let reached = g.reach(INTERNET).into_iter().find(|r| r.node == target).expect("path");
    let view = reached.path.view(&g);
    let hops: Vec<(&str, &str)> = view.hops.iter().map(|h| (h.kind.as_str(), h.name.as_str())).collect();
    assert_eq!(
        hops,
        [("internet", "internet"), ("instance", "i-0abc"), ("role", "web-app"), ("bucket", "customer-data")]
    );
    assert_eq!(view.edges.len(), 3);
    assert_eq!(view.edges[1].via, "instance profile");
    assert_eq!(
        (view.edges[2].via.as_str(), view.edges[2].grants.as_slice()),
        ("s3:GetObject", &["read-data (inline) ReadData".to_string()][..])
    );
    assert_eq!((view.hops[0].arn.as_str(), view.hops[3].arn.as_str()), ("", "arn:aws:s3:::customer-data"));
    for kind in [NodeKind::Internet, NodeKind::AnyAccount, NodeKind::KmsKey, NodeKind::Database, NodeKind::Admin] {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.id(), "one name for the kind in JSON and in paths");
    }
}

#[test]
fn internet_to_instance_role_to_bucket_names_every_hop() {
    let mut s = snapshot();
    exposed_instance(&mut s);
    let p = path(&s, INTERNET, "arn:aws:s3:::customer-data").expect("path");
    assert_eq!(
        p,
        "internet -> instance i-0abc (public IP 203.0.113.5, SSH open to 0.0.0.0/0 in sg-web, IMDSv1) \
         -> role web-app (instance profile) -> bucket customer-data (s3:GetObject) [read-data (inline) ReadData]"
    );
}

#[test]
fn any_broken_hop_of_the_instance_path_leaves_no_path() {
    type Breaker = (&'static str, fn(&mut Snapshot));
    let breakers: [Breaker; 5] = [
        ("SG closed", |s| list(&mut ec2(s).security_groups)[0].ingress.clear()),
        ("no public IP", |s| crate::checks::ec2::fixtures::instances(s)[0].public_ip = None),
        ("Deny added", |s| {
            let role = auth(s).roles.iter_mut().find(|r| r.name == "web-app").expect("role");
            role.inline_policies.push(inline("deny", &policy(r#"{"Effect":"Deny","Action":"s3:*","Resource":"*"}"#)));
        }),
        ("bucket policy denies", |s| {
            buckets(s)[0].policy = Fetched::Ok(Some(doc(&policy(
                r#"{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::customer-data/*"}"#,
            ))));
        }),
        ("no instance profile", |s| crate::checks::ec2::fixtures::instances(s)[0].instance_profile_arn = None),
    ];
    for (name, breaker) in breakers {
        let mut s = snapshot();
        exposed_instance(&mut s);
        breaker(&mut s);
        assert_eq!(path(&s, INTERNET, "arn:aws:s3:::customer-data"), None, "{name}");
    }
}

#[test]
fn public_function_url_reaches_the_secret_its_role_reads() {
    let mut s = snapshot();
    public_function(&mut s);
    let arn = secret_arn("db-password");
    let p = path(&s, INTERNET, &arn).expect("path");
    assert!(
        p.starts_with("internet -> function api (function URL with auth NONE) -> role api-role (execution role)"),
        "{p}"
    );
    assert!(p.ends_with("secret db-password (secretsmanager:GetSecretValue) [read-secret (inline) #0]"), "{p}");

    let mut iam_auth = snapshot();
    public_function(&mut iam_auth);
    crate::checks::awslambda::lambda_fixtures::functions(&mut iam_auth)[0].url_config =
        Fetched::Ok(Some(FunctionUrl {
            url: "u".into(),
            auth_type: "AWS_IAM".into(),
            cors_allow_origins: Some(vec![]),
        }));
    assert_eq!(path(&iam_auth, INTERNET, &arn), None);

    let mut denied_by_secret = snapshot();
    public_function(&mut denied_by_secret);
    secrets(&mut denied_by_secret)[0].policy = Fetched::Ok(Some(doc(&policy(&format!(
        r#"{{"Effect":"Deny","Principal":{{"AWS":"{}"}},"Action":"secretsmanager:*","Resource":"*"}}"#,
        role_arn("api-role")
    )))));
    assert_eq!(path(&denied_by_secret, INTERNET, &arn), None);
}

#[test]
fn an_unreadable_hop_gives_a_path_that_names_the_missing_call() {
    let mut s = snapshot();
    public_function(&mut s);
    secrets(&mut s)[0].policy = Fetched::Err(denied("secretsmanager", "GetResourcePolicy"));
    let g = Graph::build(&s);
    let target = g.find(&secret_arn("db-password")).expect("secret");
    let reached = g.reach(INTERNET).into_iter().find(|r| r.node == target).expect("kept, not dropped");
    assert!(!reached.path.is_known());
    assert!(reached.path.missing()[0].contains("secretsmanager:GetResourcePolicy"), "{:?}", reached.path.missing());
}

#[test]
fn open_trust_to_an_admin_role_is_a_path_from_any_account_unless_the_org_is_pinned() {
    let mut s = snapshot();
    open_trust_admin(&mut s, "");
    let g = Graph::build(&s);
    let p = g.paths_to_admin()[ANY_ACCOUNT].clone().expect("path");
    assert_eq!(
        p.render(&g),
        "any AWS account -> role ops (sts:AssumeRole) [trust policy of ops Anyone] -> admin (holds administrator \
         access) [AdministratorAccess All]"
    );

    let mut pinned = snapshot();
    open_trust_admin(&mut pinned, r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#);
    assert_eq!(Graph::build(&pinned).paths_to_admin()[ANY_ACCOUNT].clone(), None);
}

#[test]
fn create_access_key_on_an_admin_user_is_an_escalation_with_its_method_id() {
    let mut s = snapshot();
    access_key_escalation(&mut s, "");
    let p = admin_path(&s, &user_arn("dev")).expect("path");
    assert_eq!(p.methods(), vec!["iam-002"]);
    assert_eq!(p.edges.len(), 2);

    let mut denied = snapshot();
    access_key_escalation(
        &mut denied,
        &format!(r#",{{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"{}"}}"#, user_arn("boss")),
    );
    assert_eq!(admin_path(&denied, &user_arn("dev")), None);
}

#[test]
fn a_permissions_boundary_closes_an_escalation() {
    let mut s = snapshot();
    access_key_escalation(&mut s, "");
    let boundary = crate::checks::iam::policy_fixtures::customer_policy(
        "only-s3",
        &policy(r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"}"#),
        0,
    );
    let arn = boundary.arn.clone();
    auth(&mut s).policies.push(boundary);
    auth(&mut s).users.iter_mut().find(|u| u.name == "dev").expect("dev").permissions_boundary = Some(arn);
    assert_eq!(admin_path(&s, &user_arn("dev")), None);
}

#[test]
fn pass_role_to_lambda_needs_the_role_to_trust_lambda() {
    let mut s = snapshot();
    with_admin_policy(&mut s);
    let mut dev = user("dev");
    dev.inline_policies.push(inline(
        "deploy",
        &policy(r#"{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}"#),
    ));
    auth(&mut s).users.push(dev);
    let mut admin_role = role_trusting(
        "fn-admin",
        r#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
    );
    admin_role.attached_policies.push(crate::checks::iam::policy_fixtures::admin_access());
    auth(&mut s).roles.push(admin_role.clone());
    let p = admin_path(&s, &user_arn("dev")).expect("path");
    assert_eq!(p.methods(), vec!["lambda-001"]);

    let mut ec2_only = s.clone();
    auth(&mut ec2_only).roles[0].trust_policy = Some(doc(&policy(
        r#"{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
    )));
    assert_eq!(admin_path(&ec2_only, &user_arn("dev")), None);
}

#[test]
fn assuming_a_role_needs_identity_permission_unless_the_trust_names_the_principal() {
    let mut s = snapshot();
    with_admin_policy(&mut s);
    auth(&mut s).users.push(user("dev"));
    let mut target = role_trusting(
        "admin-role",
        &format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"sts:AssumeRole"}}"#
        ),
    );
    target.attached_policies.push(crate::checks::iam::policy_fixtures::admin_access());
    auth(&mut s).roles.push(target);
    assert_eq!(admin_path(&s, &user_arn("dev")), None, "the account root in the trust delegates to identity policies");

    let mut allowed = s.clone();
    auth(&mut allowed).users[0]
        .inline_policies
        .push(inline("assume", &policy(r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}"#)));
    assert_eq!(admin_path(&allowed, &user_arn("dev")).expect("path").edges.len(), 2);

    let mut named = s.clone();
    auth(&mut named).roles[0].trust_policy = Some(doc(&policy(&format!(
        r#"{{"Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":"sts:AssumeRole"}}"#,
        user_arn("dev")
    ))));
    assert!(admin_path(&named, &user_arn("dev")).is_some(), "a trust naming the user grants on its own");
}

#[test]
fn who_can_lists_the_principals_and_the_paths_to_them() {
    let mut s = snapshot();
    exposed_instance(&mut s);
    let g = Graph::build(&s);
    let rendered: Vec<String> =
        g.who_can("s3:GetObject", "arn:aws:s3:::customer-data/*").iter().map(|p| p.render(&g)).collect();
    assert_eq!(
        rendered,
        vec![
            "role web-app -> bucket customer-data (s3:GetObject) [read-data (inline) ReadData]".to_string(),
            "instance i-0abc -> role web-app (instance profile) -> bucket customer-data (s3:GetObject) [read-data \
             (inline) ReadData]"
                .to_string(),
            "internet -> instance i-0abc (public IP 203.0.113.5, SSH open to 0.0.0.0/0 in sg-web, IMDSv1) -> role \
             web-app (instance profile) -> bucket customer-data (s3:GetObject) [read-data (inline) ReadData]"
                .to_string(),
        ]
    );
}

/// user dev may make another version of its own policy `rollback` the default; `older` is that
/// version's document.
fn rollback(s: &mut Snapshot, older: &str) {
    with_admin_policy(s);
    let mut p = crate::checks::iam::policy_fixtures::customer_policy(
        "rollback",
        &policy(r#"{"Sid":"Rollback","Effect":"Allow","Action":"iam:SetDefaultPolicyVersion","Resource":"*"}"#),
        1,
    );
    p.other_versions = Fetched::Ok(vec![PolicyVersion { version_id: "v1".into(), document: Some(doc(older)) }]);
    let mut dev = user("dev");
    dev.attached_policies.push(crate::checks::iam::policy_fixtures::attach(&p));
    auth(s).policies.push(p);
    auth(s).users.push(dev);
}

#[test]
fn set_default_policy_version_escalates_only_through_a_version_granting_admin() {
    let mut s = snapshot();
    rollback(&mut s, crate::checks::iam::policy_fixtures::ADMIN);
    let g = Graph::build(&s);
    let p = g.paths_to_admin()[g.find(&user_arn("dev")).expect("dev")].clone().expect("path");
    assert_eq!(p.methods(), vec!["SetDefaultPolicyVersion"]);
    assert!(p.is_known());
    assert_eq!(
        p.render(&g),
        "user dev -> admin (iam:SetDefaultPolicyVersion on policy rollback (its version v1 grants administrator); \
         SetDefaultPolicyVersion) [rollback Rollback, rollback v1 All]"
    );

    let mut narrow = snapshot();
    rollback(&mut narrow, &policy(r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"}"#));
    assert_eq!(admin_path(&narrow, &user_arn("dev")), None, "no version grants administrator");

    let mut denied_here = snapshot();
    rollback(&mut denied_here, crate::checks::iam::policy_fixtures::ADMIN);
    auth(&mut denied_here).users[0].inline_policies.push(inline(
        "deny",
        &policy(&format!(
            r#"{{"Effect":"Deny","Action":"iam:SetDefaultPolicyVersion","Resource":"arn:aws:iam::{ACCOUNT}:policy/rollback"}}"#
        )),
    ));
    assert_eq!(admin_path(&denied_here, &user_arn("dev")), None, "the switch is denied on that policy");

    let mut bounded = snapshot();
    rollback(&mut bounded, crate::checks::iam::policy_fixtures::ADMIN);
    let boundary = crate::checks::iam::policy_fixtures::customer_policy(
        "iam-only",
        &policy(r#"{"Effect":"Allow","Action":"iam:*","Resource":"*"}"#),
        0,
    );
    auth(&mut bounded).users[0].permissions_boundary = Some(boundary.arn.clone());
    auth(&mut bounded).policies.push(boundary);
    assert_eq!(admin_path(&bounded, &user_arn("dev")), None, "the boundary caps what the version grants");
}

#[test]
fn set_default_policy_version_is_unknown_when_the_versions_were_not_collected() {
    let mut s = snapshot();
    rollback(&mut s, crate::checks::iam::policy_fixtures::ADMIN);
    auth(&mut s).policies.iter_mut().find(|p| p.name == "rollback").expect("policy").other_versions =
        Fetched::Err(CollectionError::from(CollectionErrorDetails {
            code: "NotCollected".into(),
            message: "the snapshot was written by an argus version that did not collect this".into(),
            ..(*denied("iam", "GetAccountAuthorizationDetails")).clone()
        }));
    let p = admin_path(&s, &user_arn("dev")).expect("kept, not dropped");
    assert!(!p.is_known());
    assert_eq!(p.methods(), vec!["SetDefaultPolicyVersion"]);
    assert!(p.missing()[0].contains("other than the default were not collected"), "{:?}", p.missing());
    assert!(p.missing()[0].contains("iam:GetAccountAuthorizationDetails"), "{:?}", p.missing());
}

/// user dev may take over `kind`'s resource `target`, which runs as role `runner-admin` (an
/// administrator); `grant` is dev's statement.
fn runner(s: &mut Snapshot, kind: &str, grant: &str, role: Fetched<Option<String>>) {
    with_admin_policy(s);
    let mut dev = user("dev");
    dev.inline_policies.push(inline("takeover", &policy(grant)));
    auth(s).users.push(dev);
    let mut admin_role = role_trusting(
        "runner-admin",
        r#"{"Effect":"Allow","Principal":{"Service":["glue.amazonaws.com","sagemaker.amazonaws.com","cloudformation.amazonaws.com"]},"Action":"sts:AssumeRole"}"#,
    );
    admin_role.attached_policies.push(crate::checks::iam::policy_fixtures::admin_access());
    auth(s).roles.push(admin_role);
    let runners = region_mut(s, REGION).role_runners.as_mut().expect("collected");
    let (listing, arn) = match kind {
        "glue" => (&mut runners.glue_dev_endpoints, format!("arn:aws:glue:{REGION}:{ACCOUNT}:devEndpoint/target")),
        "sagemaker" => {
            (&mut runners.sagemaker_notebooks, format!("arn:aws:sagemaker:{REGION}:{ACCOUNT}:notebook-instance/target"))
        }
        _ => (&mut runners.cloudformation_stacks, format!("arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/target/1")),
    };
    list(listing).push(RoleRunner { name: "target".into(), arn, role_arn: role });
}

/// (kind, method id, action, the action on another resource than `target`).
const RUNNERS: [(&str, &str, &str, &str); 3] = [
    ("glue", "glue-002", "glue:UpdateDevEndpoint", "arn:aws:glue:*:*:devEndpoint/other"),
    (
        "sagemaker",
        "sagemaker-004",
        "sagemaker:CreatePresignedNotebookInstanceUrl",
        "arn:aws:sagemaker:*:*:notebook-instance/other",
    ),
    ("cloudformation", "cloudformation-002", "cloudformation:UpdateStack", "arn:aws:cloudformation:*:*:stack/other/*"),
];

#[test]
fn taking_over_a_resource_that_runs_as_an_admin_role_is_a_path_with_its_method_id() {
    for (kind, id, action, _) in RUNNERS {
        let mut s = snapshot();
        let grant = format!(r#"{{"Sid":"Takeover","Effect":"Allow","Action":"{action}","Resource":"*"}}"#);
        runner(&mut s, kind, &grant, Fetched::Ok(Some(role_arn("runner-admin"))));
        let g = Graph::build(&s);
        let p = g.paths_to_admin()[g.find(&user_arn("dev")).expect("dev")].clone().expect(kind);
        assert_eq!(p.methods(), vec![id], "{kind}");
        assert!(p.is_known(), "{kind}");
        let rendered = p.render(&g);
        assert!(rendered.starts_with(&format!("user dev -> role runner-admin ({action} on ")), "{rendered}");
        assert!(rendered.contains(&format!(" target; {id}) [takeover (inline) Takeover] -> admin")), "{rendered}");
    }
}

#[test]
fn any_broken_hop_of_a_resource_takeover_leaves_no_path() {
    for (kind, _, action, elsewhere) in RUNNERS {
        let grant = |resource: &str| format!(r#"{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}"#);
        let admin = || Fetched::Ok(Some(role_arn("runner-admin")));
        let mut other_resource = snapshot();
        runner(&mut other_resource, kind, &grant(elsewhere), admin());
        assert_eq!(admin_path(&other_resource, &user_arn("dev")), None, "{kind}: allowed on another resource only");

        let mut no_role = snapshot();
        runner(&mut no_role, kind, &grant("*"), Fetched::Ok(None));
        assert_eq!(
            admin_path(&no_role, &user_arn("dev")),
            None,
            "{kind}: runs as no role (a stack runs as its caller)"
        );

        let mut plain_role = snapshot();
        runner(&mut plain_role, kind, &grant("*"), Fetched::Ok(Some(role_arn("plain"))));
        auth(&mut plain_role).roles.push(role_trusting(
            "plain",
            r#"{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}"#,
        ));
        assert_eq!(admin_path(&plain_role, &user_arn("dev")), None, "{kind}: its role is no administrator");

        let mut denied_here = snapshot();
        runner(
            &mut denied_here,
            kind,
            &format!(r#"{},{{"Effect":"Deny","Action":"{action}","Resource":"*"}}"#, grant("*")),
            admin(),
        );
        assert_eq!(admin_path(&denied_here, &user_arn("dev")), None, "{kind}: denied");
    }
}

#[test]
fn an_unread_listing_or_role_of_a_takeover_target_is_a_path_naming_the_call() {
    for (kind, id, action, _) in RUNNERS {
        let grant = format!(r#"{{"Effect":"Allow","Action":"{action}","Resource":"*"}}"#);
        // The listing was denied.
        let mut s = snapshot();
        runner(&mut s, kind, &grant, Fetched::Ok(None));
        let runners = region_mut(&mut s, REGION).role_runners.as_mut().expect("collected");
        let (list, service, operation) = match kind {
            "glue" => (&mut runners.glue_dev_endpoints, "glue", "GetDevEndpoints"),
            "sagemaker" => (&mut runners.sagemaker_notebooks, "sagemaker", "ListNotebookInstances"),
            _ => (&mut runners.cloudformation_stacks, "cloudformation", "DescribeStacks"),
        };
        *list = Fetched::Err(denied(service, operation));
        let p = admin_path(&s, &user_arn("dev")).expect("kept, not dropped");
        assert!(!p.is_known(), "{kind}");
        assert_eq!(p.methods(), vec![id]);
        assert!(p.missing()[0].contains(&format!("{service}:{operation}")), "{:?}", p.missing());

        // Not collected (an older snapshot, or the listing was not asked for).
        let mut older = snapshot();
        runner(&mut older, kind, &grant, Fetched::Ok(None));
        region_mut(&mut older, REGION).role_runners = None;
        let p = admin_path(&older, &user_arn("dev")).expect("kept, not dropped");
        assert!(!p.is_known() && p.missing()[0].contains("not collected"), "{:?}", p.missing());

        // The resource was listed but its role could not be read.
        let mut role_unread = snapshot();
        runner(&mut role_unread, kind, &grant, Fetched::Err(denied("sagemaker", "DescribeNotebookInstance")));
        let p = admin_path(&role_unread, &user_arn("dev")).expect("kept, not dropped");
        assert!(!p.is_known(), "{kind}");
        assert!(p.missing()[0].contains("sagemaker:DescribeNotebookInstance"), "{:?}", p.missing());
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const GRANTS: &[&str] = &[
        r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#,
    ];

    /// A small account: users and roles holding some of `GRANTS`, roles trusting the account, a user,
    /// EC2 or everyone.
    fn account(users: &[Vec<usize>], roles: &[(Vec<usize>, usize)]) -> Snapshot {
        let mut s = snapshot();
        for (i, grants) in users.iter().enumerate() {
            let mut u = user(&format!("u{i}"));
            for &g in grants {
                u.inline_policies.push(inline(&format!("g{g}"), &policy(GRANTS[g])));
            }
            auth(&mut s).users.push(u);
        }
        for (i, (grants, trust)) in roles.iter().enumerate() {
            let principal = match trust {
                0 => format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#),
                1 => format!(r#"{{"AWS":"{}"}}"#, user_arn("u0")),
                2 => r#"{"Service":"ec2.amazonaws.com"}"#.to_string(),
                _ => r#"{"AWS":"*"}"#.to_string(),
            };
            let mut r = role_trusting(
                &format!("r{i}"),
                &format!(r#"{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"}}"#),
            );
            for &g in grants {
                r.inline_policies.push(inline(&format!("g{g}"), &policy(GRANTS[g])));
            }
            auth(&mut s).roles.push(r);
        }
        s
    }

    fn reaches_admin(g: &Graph) -> Vec<bool> {
        g.paths_to_admin().iter().map(Option::is_some).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Removing any one edge never gives a node a path to admin it did not have.
        #[test]
        fn removing_an_edge_never_creates_a_path(
            users in prop::collection::vec(prop::collection::vec(0..GRANTS.len(), 0..3), 1..4),
            roles in prop::collection::vec((prop::collection::vec(0..GRANTS.len(), 0..3), 0..4usize), 0..4),
        ) {
            let g = Graph::build(&account(&users, &roles));
            let before = reaches_admin(&g);
            for i in 0..g.edges().len() {
                let after = reaches_admin(&g.without_edge(i));
                for (n, (b, a)) in before.iter().zip(&after).enumerate() {
                    prop_assert!(!a || *b, "removing edge {i} gave {} a path", g.node(n));
                }
            }
        }

        /// Removing a grant (an inline policy) from a principal never gives any node a new path.
        #[test]
        fn removing_a_grant_never_creates_a_path(
            users in prop::collection::vec(prop::collection::vec(0..GRANTS.len(), 1..3), 1..4),
            roles in prop::collection::vec((prop::collection::vec(0..GRANTS.len(), 0..3), 0..4usize), 0..4),
            which in 0usize..8,
        ) {
            let before = reaches_admin(&Graph::build(&account(&users, &roles)));
            let mut fewer = users.clone();
            let u = which % fewer.len();
            fewer[u].pop();
            let after = reaches_admin(&Graph::build(&account(&fewer, &roles)));
            for (b, a) in before.iter().zip(&after) {
                prop_assert!(!a || *b);
            }
        }
    }
}
