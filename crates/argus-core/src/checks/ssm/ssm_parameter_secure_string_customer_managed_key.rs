//! Every SecureString parameter is encrypted with a customer managed KMS key. Metadata:
//! `checks/ssm/ssm_parameter_secure_string_customer_managed_key.toml`.
//!
//! DescribeParameters reports `alias/aws/ssm` for the AWS managed key; a key given by id or ARN is
//! looked up in the region's KMS data, when collected, to tell an AWS managed key from a customer one.

use super::each_parameter;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::KmsKey;

pub const CHECK: Check = Check { id: "ssm_parameter_secure_string_customer_managed_key", run };

/// The region's KMS key that `key_id` (an id, ARN or alias, as SSM reports it) names, if listed.
fn find_key<'a>(keys: &'a [KmsKey], key_id: &str) -> Option<&'a KmsKey> {
    let alias = key_id.rsplit_once(":alias/").map(|(_, a)| format!("alias/{a}"));
    keys.iter().find(|k| {
        k.id == key_id || k.arn == key_id || k.aliases.iter().any(|a| a == key_id || Some(a) == alias.as_ref())
    })
}

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_parameter(ctx, out, |region, p, r, out| {
        let name = &p.name;
        if p.parameter_type.is_empty() {
            return out.error_message(r, format_args!("DescribeParameters reported no Type for parameter {name}."));
        }
        if p.parameter_type != "SecureString" {
            return;
        }
        let key = p.key_id.as_deref().unwrap_or("alias/aws/ssm");
        let aws_alias = key.starts_with("alias/aws/") || key.contains(":alias/aws/");
        let keys = ctx.snapshot.regions.get(region).and_then(|d| d.kms.as_ref()).and_then(|k| k.keys.ok());
        let manager =
            keys.and_then(|keys| find_key(keys, key)).and_then(|k| k.metadata.ok()).map(|m| m.manager.as_str());
        if aws_alias || manager == Some("AWS") {
            out.fail(r, format_args!("SecureString parameter {name} is encrypted with the AWS managed key ({key}), whose policy the account cannot restrict."));
        } else {
            out.pass(r, format_args!("SecureString parameter {name} is encrypted with customer managed key {key}."));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::kms::fixtures as kms;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn the_aws_managed_key_fails_a_customer_key_passes_plain_types_are_skipped() {
        let mut s = snapshot();
        kms::keys(&mut s).extend([kms::key("app"), kms::aws_managed_key("aws-ssm")]);
        let aws_arn = kms::keys(&mut s)[1].arn.clone();
        crate::testing::list(&mut ssm(&mut s).parameters).extend([
            parameter("/a/default", "SecureString", None),
            parameter("/a/aws-alias", "SecureString", Some("alias/aws/ssm")),
            parameter("/a/aws-arn", "SecureString", Some(&aws_arn)),
            parameter("/a/cmk", "SecureString", Some("alias/app")),
            parameter("/a/plain", "String", None),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4);
        assert_eq!(status_of(&f, "/a/default"), Status::Fail);
        assert_eq!(status_of(&f, "/a/aws-alias"), Status::Fail);
        assert_eq!(status_of(&f, "/a/aws-arn"), Status::Fail);
        assert_eq!(status_of(&f, "/a/cmk"), Status::Pass);
    }

    #[test]
    fn a_failed_listing_errors() {
        let mut s = snapshot();
        ssm(&mut s).parameters = crate::snapshot::Fetched::Err(denied("ssm", "DescribeParameters"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
