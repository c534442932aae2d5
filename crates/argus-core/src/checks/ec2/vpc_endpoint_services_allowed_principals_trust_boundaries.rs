//! The account's VPC endpoint services allow only trusted accounts to connect.
//! Metadata: `checks/ec2/vpc_endpoint_services_allowed_principals_trust_boundaries.toml`.

use super::common::{each_region, ec2_resource};
use super::vpc_common::listed;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "vpc_endpoint_services_allowed_principals_trust_boundaries", run };

/// The account an allowed principal belongs to: a 12-digit id as is, an IAM ARN's account field, `*`
/// for everyone; `None` for text that names no account.
fn principal_account(principal: &str) -> Option<&str> {
    let principal = principal.trim();
    if principal == "*" {
        return Some("*");
    }
    let candidate = if principal.starts_with("arn:") { principal.split(':').nth(4)? } else { principal };
    (candidate.len() == 12 && candidate.bytes().all(|b| b.is_ascii_digit())).then_some(candidate)
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let trusted = &ctx.config.trusted_account_ids;
    each_region(ctx, out, |region, ec2, out| {
        let Some(services) = listed(ctx, region, &ec2.vpc.endpoint_services, out) else {
            return;
        };
        for service in services {
            let r = ec2_resource(ctx, region, "vpc-endpoint-service", &service.id, &service.tags);
            let id = &service.id;
            let principals = match &service.allowed_principals {
                Fetched::Ok(p) => p,
                Fetched::Err(e) => {
                    out.error(r, e);
                    continue;
                }
            };
            if principals.is_empty() {
                out.pass(r, format_args!("Endpoint service {id} allows no principal to connect."));
                continue;
            }
            let untrusted: Vec<String> = principals
                .iter()
                .filter_map(|p| match principal_account(p) {
                    Some("*") => Some("every AWS account (*)".to_string()),
                    Some(account) if account == ctx.account_id() || trusted.iter().any(|t| t == account) => None,
                    Some(account) => Some(format!("account {account} ({p})")),
                    None => Some(format!("{p} (names no account)")),
                })
                .collect();
            if untrusted.is_empty() {
                out.pass(r, format_args!("Endpoint service {id} allows only the account and trusted accounts."));
            } else {
                out.fail(
                    r,
                    format_args!("Endpoint service {id} allows untrusted principals: {}.", untrusted.join(", ")),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::testing::*;

    #[test]
    fn untrusted_and_wildcard_principals_fail() {
        let mut s = snapshot();
        let own = format!("arn:aws:iam::{ACCOUNT}:root");
        endpoint_services(&mut s).extend([
            endpoint_service("vpce-svc-closed", &[]),
            endpoint_service("vpce-svc-own", &[&own]),
            endpoint_service("vpce-svc-partner", &["arn:aws:iam::210987654321:role/consumer"]),
            endpoint_service("vpce-svc-partner-id", &["210987654321"]),
            endpoint_service("vpce-svc-open", &["*"]),
            endpoint_service("vpce-svc-odd", &["not-an-account"]),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpce-svc-closed"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-svc-own"), Status::Pass);
        for id in ["vpce-svc-partner", "vpce-svc-partner-id", "vpce-svc-open", "vpce-svc-odd"] {
            assert_eq!(status_of(&f, id), Status::Fail, "{id}");
        }
        assert!(finding_message(&f, "vpce-svc-open").contains("every AWS account (*)"));
        assert!(finding_message(&f, "vpce-svc-partner").contains("account 210987654321"));
        let r = &f.iter().find(|x| &*x.resource.id == "vpce-svc-open").unwrap().resource;
        assert_eq!(&*r.arn, format!("arn:aws:ec2:us-east-1:{ACCOUNT}:vpc-endpoint-service/vpce-svc-open"));

        let config = Config { trusted_account_ids: vec!["210987654321".into()], ..Config::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(status_of(&f, "vpce-svc-partner"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-svc-partner-id"), Status::Pass);
        assert_eq!(status_of(&f, "vpce-svc-open"), Status::Fail);
    }

    #[test]
    fn unread_permissions_and_listing_are_errors() {
        let mut s = snapshot();
        let mut unread = endpoint_service("vpce-svc-unread", &[]);
        unread.allowed_principals = Fetched::Err(denied("ec2", "DescribeVpcEndpointServicePermissions"));
        endpoint_services(&mut s).push(unread);
        region_mut(&mut s, "eu-west-1").ec2.as_mut().unwrap().vpc.endpoint_services =
            Fetched::Err(denied("ec2", "DescribeVpcEndpointServiceConfigurations"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "vpce-svc-unread"), Status::Error);
        assert!(finding_message(&f, "vpce-svc-unread").contains("ec2:DescribeVpcEndpointServicePermissions"));
        assert_eq!(status_of(&f, "eu-west-1"), Status::Error);
    }

    #[test]
    fn snapshots_from_before_the_endpoint_services_load_with_them_not_collected() {
        let mut vpc = serde_json::to_value(&crate::testing::region().ec2.expect("fixture has EC2").vpc).unwrap();
        vpc.as_object_mut().unwrap().remove("endpoint_services").expect("the field is serialised");
        let older: crate::snapshot::VpcRegion = serde_json::from_value(vpc).unwrap();
        let e = older.endpoint_services.err().expect("not collected");
        assert_eq!(e.operation, "DescribeVpcEndpointServiceConfigurations");
    }
}
