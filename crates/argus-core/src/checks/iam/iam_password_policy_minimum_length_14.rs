//! The account password policy requires at least the configured minimum length (CIS: 14). Metadata: `checks/iam/iam_password_policy_minimum_length_14.toml`.

use super::cred_common::{judge_password_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_password_policy_minimum_length_14", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let min = ctx.config.password_min_length;
    judge_password_policy(ctx, out, &format!("a minimum length of {min}"), |p| match p.minimum_password_length {
        Some(len) if len >= min => {
            PolicyVerdict::Pass(format!("The password policy requires at least {len} characters."))
        }
        Some(len) => {
            PolicyVerdict::Fail(format!("The password policy requires only {len} characters, fewer than {min}."))
        }
        None => PolicyVerdict::Fail(format!("The password policy sets no minimum length (fewer than {min}).")),
    });
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::PasswordPolicy;
    use crate::testing::*;

    #[test]
    fn verdicts() {
        assert_eq!(password_policy_status(CHECK, Some(strong_password_policy())), Status::Pass);
        let weak = PasswordPolicy { minimum_password_length: Some(8), ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(weak.clone())), Status::Fail);
        assert_eq!(password_policy_status(CHECK, None), Status::Fail);
        let mut s = snapshot();
        iam(&mut s).password_policy = crate::snapshot::Fetched::Ok(Some(weak));
        let config = Config { password_min_length: 8, ..Config::default() };
        assert_eq!(run_with(CHECK, &s, &config)[0].status, Status::Pass);
    }

    #[test]
    fn unreadable_policy_is_an_error() {
        let f = password_policy_unreadable(CHECK);
        assert_eq!(f.status, Status::Error);
        assert!(f.message.contains("iam:GetAccountPasswordPolicy"), "{}", f.message);
    }
}
