//! No customer managed policy allows kms:Decrypt or kms:ReEncryptFrom on every KMS key (FSBP KMS.1).
//! Metadata: `checks/iam/iam_policy_no_kms_decrypt_on_all_keys.toml`.

use super::kms_decrypt::decrypt_on_all_keys;
use super::policy_common::run_on_customer_policies;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_policy_no_kms_decrypt_on_all_keys", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_customer_policies(ctx, out, "decrypt grant on all KMS keys", decrypt_on_all_keys);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:policy/{name}")
    }

    #[test]
    fn a_grant_on_every_key_fails_one_on_a_key_passes_and_aws_managed_policies_are_not_judged() {
        let mut s = snapshot();
        let wide = policy(r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}"#);
        let narrow = policy(r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:1:key/a"}"#);
        auth(&mut s).policies.push(customer_policy("wide", &wide, 1));
        auth(&mut s).policies.push(customer_policy("narrow", &narrow, 0));
        auth(&mut s).policies.push(aws_policy("AWSManaged", &wide, 1));
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(status_of(&f, &arn("wide")), Status::Fail);
        assert_eq!(status_of(&f, &arn("narrow")), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == arn("wide")).unwrap().message;
        assert!(msg.contains("wide allows kms:Decrypt on all KMS keys"), "{msg}");
    }

    #[test]
    fn malformed_policies_and_missing_details_are_errors() {
        let mut s = snapshot();
        auth(&mut s).policies.push(customer_policy("broken", BROKEN, 1));
        assert_eq!(status_of(&run_check(CHECK, &s), &arn("broken")), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
