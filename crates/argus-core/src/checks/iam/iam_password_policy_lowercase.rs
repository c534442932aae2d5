//! The account password policy requires at least one lowercase letter. Metadata: `checks/iam/iam_password_policy_lowercase.toml`.

use super::cred_common::{judge_password_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_password_policy_lowercase", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_password_policy(ctx, out, "requiring a lowercase letter", |p| {
        if p.require_lowercase_characters {
            PolicyVerdict::Pass("The password policy requires at least one lowercase letter.".to_string())
        } else {
            PolicyVerdict::Fail("The password policy does not require a lowercase letter.".to_string())
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::PasswordPolicy;

    #[test]
    fn verdicts() {
        assert_eq!(password_policy_status(CHECK, Some(strong_password_policy())), Status::Pass);
        let weak = PasswordPolicy { require_lowercase_characters: false, ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(weak)), Status::Fail);
        assert_eq!(password_policy_status(CHECK, None), Status::Fail);
    }

    #[test]
    fn unreadable_policy_is_an_error() {
        assert_eq!(password_policy_unreadable(CHECK).status, Status::Error);
    }
}
