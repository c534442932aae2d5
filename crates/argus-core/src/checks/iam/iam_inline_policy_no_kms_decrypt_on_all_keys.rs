//! No inline policy of a user, group or role allows kms:Decrypt or kms:ReEncryptFrom on every KMS
//! key (FSBP KMS.2). Metadata: `checks/iam/iam_inline_policy_no_kms_decrypt_on_all_keys.toml`.

use super::kms_decrypt::decrypt_on_all_keys;
use super::policy_common::run_on_inline_policies;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_inline_policy_no_kms_decrypt_on_all_keys", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    run_on_inline_policies(ctx, out, "decrypt grant on all KMS keys", decrypt_on_all_keys);
}

#[cfg(test)]
mod tests {
    use super::super::policy_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn a_grant_on_every_key_fails_and_one_on_a_key_passes() {
        let mut s = snapshot();
        let mut wide = role("wide");
        wide.inline_policies
            .push(inline("grant", &policy(r#"{"Effect":"Allow","Action":"kms:ReEncrypt*","Resource":"*"}"#)));
        let mut narrow = user("narrow");
        narrow.inline_policies.push(inline(
            "read",
            &policy(r#"{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:1:key/a"}"#),
        ));
        auth(&mut s).roles.push(wide);
        auth(&mut s).users.push(narrow);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "wide"), Status::Fail);
        assert_eq!(status_of(&f, "narrow"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "wide").unwrap().message;
        assert!(msg.contains("inline policy grant allows kms:ReEncryptFrom on all KMS keys"), "{msg}");
    }

    #[test]
    fn invalid_documents_and_missing_details_are_errors() {
        let mut s = snapshot();
        let mut bob = user("bob");
        bob.inline_policies.push(inline("odd", INVALID));
        auth(&mut s).users.push(bob);
        assert_eq!(status_of(&run_check(CHECK, &s), "bob"), Status::Error);
        let mut s = snapshot();
        iam(&mut s).authorization_details = Fetched::Err(denied("iam", "GetAccountAuthorizationDetails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
