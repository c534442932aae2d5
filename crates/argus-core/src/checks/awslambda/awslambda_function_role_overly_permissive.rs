//! A Lambda function's execution role has no full administrator access, no service-wide `svc:*`
//! on Resource `*`, and none of the managed policies configured as overly permissive. Metadata:
//! `checks/awslambda/awslambda_function_role_overly_permissive.toml`.

use super::lambda_common::function_resource;
use crate::checks::iam::policy_common::{list, role_permissions, same_arn_any_partition, Iam};
use crate::engine::{Check, CheckContext, FastMap, Findings};
use crate::policy::{service_wildcards_on_all_resources, Access, PermissionSet, ServiceWildcard};
use crate::snapshot::{Function, Role};

pub const CHECK: Check = Check { id: "awslambda_function_role_overly_permissive", run };

/// A role's verdict (the reasons it is overly permissive, or why it could not be judged), worked out
/// once per role however many functions use it.
type Verdicts<'a> = FastMap<&'a str, Result<Vec<String>, String>>;

fn run<'s>(ctx: &CheckContext<'s>, out: &mut Findings) {
    let mut cache = Verdicts::default();
    for (region, data) in &ctx.snapshot.regions {
        let Some(lambda) = &data.lambda else { continue };
        match lambda.functions.as_result() {
            Ok(functions) => functions.iter().for_each(|f| judge(ctx, region, f, &mut cache, out)),
            Err(e) => out.error(ctx.region_resource(region), e),
        }
    }
}

fn judge<'a, 's>(
    ctx: &'a CheckContext<'s>,
    region: &str,
    f: &'s Function,
    cache: &mut Verdicts<'a>,
    out: &mut Findings,
) {
    let r = function_resource(ctx, f, region);
    let Some(role_arn) = &f.role else {
        return out.error_message(r, "could not be evaluated: the function's execution role was not recorded");
    };
    let Some(iam) = &ctx.snapshot.iam else {
        return out.error_message(
            r,
            format_args!("could not be evaluated: IAM was not collected, so the permissions of execution role {role_arn} are unknown"),
        );
    };
    let details = match iam.authorization_details.as_result() {
        Ok(d) => Iam::new(ctx, d),
        Err(e) => return out.error(r, e),
    };
    let Some(role) = details.role_by_arn(role_arn) else {
        return out.error_message(
            r,
            format_args!(
                "could not be evaluated: execution role {role_arn} is not in the IAM snapshot (deleted, or in another account)"
            ),
        );
    };
    let reasons = match cache.entry(role.arn.as_str()).or_insert_with(|| role_verdict(ctx, details, role)) {
        Ok(reasons) => reasons,
        Err(message) => return out.error_message(r, message.clone()),
    };
    let subject = format!("Function {}'s execution role {}", f.name, role_label(role));
    if reasons.is_empty() {
        out.pass(
            r,
            format_args!(
                "{subject} has no administrator access, no service-wide wildcard on Resource * and none of the managed policies configured as overly permissive."
            ),
        );
    } else {
        out.fail(r, format_args!("{subject} {}.", reasons.join("; ")));
    }
}

/// Why `role` is overly permissive (empty: it is not), or the ERROR message when it cannot be judged.
fn role_verdict(ctx: &CheckContext<'_>, details: Iam<'_>, role: &Role) -> Result<Vec<String>, String> {
    let listed: Vec<&str> = role
        .attached_policies
        .iter()
        .filter(|a| ctx.config.overly_permissive_managed_policies.iter().any(|c| same_arn_any_partition(&a.arn, c)))
        .map(|a| a.name.as_str())
        .collect();
    let mut reasons = Vec::new();
    if !listed.is_empty() {
        reasons.push(format!("has the overly permissive managed policy {}", list(&listed)));
    }
    match role_permissions(details, role) {
        Ok(perms) if perms.has_full_admin() => {
            reasons.insert(0, "grants full administrator access (* on *)".to_string());
        }
        Ok(perms) => {
            let wide = wide_services(&perms, &listed);
            if !wide.is_empty() {
                reasons.push(format!("allows {} on Resource *", list(&wide)));
            }
        }
        Err(reason) if reasons.is_empty() => {
            return Err(format!("could not be evaluated: execution role {}: {reason}", role.name))
        }
        Err(reason) => reasons.push(format!("its effective permissions were not evaluated ({reason})")),
    }
    Ok(reasons)
}

fn role_label(role: &Role) -> String {
    match &role.permissions_boundary {
        Some(b) => format!("{} (permissions boundary {b})", role.name),
        None => role.name.clone(),
    }
}

/// Service-wide grants (`svc:*`, `*`, Allow + NotAction) on Resource `*` that survive the
/// boundary and Denies, described with the policy that grants them. Policies in `skip` (already
/// reported by name) are not repeated.
fn wide_services(perms: &PermissionSet, skip: &[&str]) -> Vec<String> {
    let boundary: Option<Vec<ServiceWildcard>> =
        perms.boundary().map(|b| service_wildcards_on_all_resources(&b.policy));
    let mut out = Vec::new();
    for named in perms.identity_policies() {
        let name = named.name.as_deref().unwrap_or("unnamed");
        if skip.contains(&name) {
            continue;
        }
        for w in service_wildcards_on_all_resources(&named.policy) {
            let covered =
                boundary.as_ref().is_none_or(|b| b.iter().any(|bw| bw.service == "*" || bw.service == w.service));
            let pattern = if w.service == "*" { "*".to_string() } else { format!("{}:*", w.service) };
            let allowed = matches!(perms.is_allowed(&pattern, "*"), Access::Allowed { .. });
            if !covered || !allowed {
                continue;
            }
            let what = if w.via_not_action { "every action not excluded by NotAction".to_string() } else { pattern };
            let condition = if w.conditional { ", with a Condition" } else { "" };
            let item = format!("{what} (policy {name}{condition})");
            if !out.contains(&item) {
                out.push(item);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::iam::policy_fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::{Fetched, LambdaRegion};
    use crate::testing::*;

    fn function(name: &str, role: &str) -> Function {
        Function {
            name: name.into(),
            arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"),
            runtime: Some("python3.12".into()),
            role: Some(format!("arn:aws:iam::{ACCOUNT}:role/{role}")),
            package_type: Some("Zip".into()),
            last_modified: None,
            vpc: None,
            environment: vec![],
            url_config: Fetched::Ok(None),
            policy: Fetched::Ok(None),
            settings: Some(Default::default()),
        }
    }

    fn lambda(s: &mut crate::snapshot::Snapshot) -> &mut LambdaRegion {
        region_mut(s, REGION).lambda.as_mut().expect("fixture has Lambda")
    }

    fn message(f: &[crate::engine::Finding], id: &str) -> String {
        f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default()
    }

    #[test]
    fn admin_wildcard_and_listed_policies_fail_narrow_role_passes() {
        let mut s = snapshot();
        let mut admin = role("admin-role");
        admin.inline_policies.push(inline("all", ADMIN));
        let s3_full = aws_policy(
            "AmazonS3FullAccess",
            &policy(r#"{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],"Resource":"*"}"#),
            1,
        );
        let mut s3 = role("s3-role");
        s3.attached_policies.push(attach(&s3_full));
        let mut dynamo = role("dynamo-role");
        dynamo
            .inline_policies
            .push(inline("table", &policy(r#"{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}"#)));
        let mut narrow = role("narrow-role");
        narrow.inline_policies.push(inline("reader", NARROW));
        auth(&mut s).roles.extend([admin, s3, dynamo, narrow]);
        auth(&mut s).policies.push(s3_full);
        lambda(&mut s).functions = Fetched::Ok(vec![
            function("admin-fn", "admin-role"),
            function("s3-fn", "s3-role"),
            function("dynamo-fn", "dynamo-role"),
            function("narrow-fn", "narrow-role"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "admin-fn"), Status::Fail);
        assert_eq!(status_of(&f, "s3-fn"), Status::Fail);
        assert_eq!(status_of(&f, "dynamo-fn"), Status::Fail);
        assert_eq!(status_of(&f, "narrow-fn"), Status::Pass);
        assert!(message(&f, "admin-fn").contains("full administrator access"), "{}", message(&f, "admin-fn"));
        assert!(message(&f, "s3-fn").contains("managed policy AmazonS3FullAccess"), "{}", message(&f, "s3-fn"));
        assert!(message(&f, "dynamo-fn").contains("dynamodb:* (policy table)"), "{}", message(&f, "dynamo-fn"));

        // The list is configurable: without it, S3FullAccess is still a service-wide wildcard.
        let config = Config { overly_permissive_managed_policies: vec![], ..Config::default() };
        let f = run_with(CHECK, &s, &config);
        assert!(message(&f, "s3-fn").contains("s3:* (policy AmazonS3FullAccess)"), "{}", message(&f, "s3-fn"));
    }

    #[test]
    fn boundary_and_deny_limit_effective_permissions() {
        let mut s = snapshot();
        let boundary = customer_policy("boundary", NARROW, 0);
        let mut bounded = role("bounded");
        bounded.inline_policies.push(inline("all", ADMIN));
        bounded.permissions_boundary = Some(boundary.arn.clone());
        let mut denied_role = role("denied");
        denied_role.inline_policies.push(inline(
            "s3",
            &policy(
                r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}"#,
            ),
        ));
        auth(&mut s).roles.extend([bounded, denied_role]);
        auth(&mut s).policies.push(boundary);
        lambda(&mut s).functions = Fetched::Ok(vec![function("a", "bounded"), function("b", "denied")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "a"), Status::Pass, "{}", message(&f, "a"));
        assert_eq!(status_of(&f, "b"), Status::Pass, "{}", message(&f, "b"));
    }

    #[test]
    fn listed_policy_fails_even_when_its_document_is_missing() {
        let mut s = snapshot();
        let mut r = role("admin-role");
        r.attached_policies.push(admin_access());
        auth(&mut s).roles.push(r);
        lambda(&mut s).functions = Fetched::Ok(vec![function("f", "admin-role")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "f"), Status::Fail);
        let m = message(&f, "f");
        assert!(m.contains("AdministratorAccess") && m.contains("were not evaluated"), "{m}");
    }

    #[test]
    fn missing_inputs_are_errors() {
        let mut s = snapshot();
        let mut broken = role("broken-role");
        broken.inline_policies.push(inline("bad", BROKEN));
        auth(&mut s).roles.push(broken);
        lambda(&mut s).functions = Fetched::Ok(vec![function("ghost", "deleted-role"), function("bad", "broken-role")]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "ghost"), Status::Error);
        assert!(message(&f, "ghost").contains("not in the IAM snapshot"), "{}", message(&f, "ghost"));
        assert_eq!(status_of(&f, "bad"), Status::Error);
        assert!(message(&f, "bad").contains("policy bad is malformed"), "{}", message(&f, "bad"));

        let mut with_error = s.clone();
        iam(&mut with_error).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        let f = run_check(CHECK, &with_error);
        assert_eq!(status_of(&f, "ghost"), Status::Error);
        assert!(message(&f, "ghost").contains("iam:GetAccountAuthorizationDetails"));

        let mut no_iam = s.clone();
        no_iam.iam = None;
        let f = run_check(CHECK, &no_iam);
        assert!(message(&f, "ghost").contains("IAM was not collected"), "{f:#?}");

        let mut listing_failed = s;
        lambda(&mut listing_failed).functions = Fetched::Err(denied("lambda", "ListFunctions"));
        assert_eq!(statuses(&run_check(CHECK, &listing_failed)), vec![(REGION.to_string(), Status::Error)]);
    }
}
