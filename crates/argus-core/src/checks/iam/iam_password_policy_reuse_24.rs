//! The account password policy prevents reuse of at least the configured number of passwords (CIS: 24). Metadata: `checks/iam/iam_password_policy_reuse_24.toml`.

use super::cred_common::{judge_password_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_password_policy_reuse_24", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let min = ctx.config.password_reuse_prevention;
    judge_password_policy(ctx, out, &format!("remembering the last {min} passwords"), |p| {
        match p.password_reuse_prevention {
            Some(n) if n >= min => {
                PolicyVerdict::Pass(format!("The password policy prevents reuse of the last {n} passwords."))
            }
            Some(n) => PolicyVerdict::Fail(format!(
                "The password policy prevents reuse of only the last {n} passwords, fewer than {min}."
            )),
            None => PolicyVerdict::Fail(format!(
                "The password policy does not prevent password reuse (expected the last {min} passwords)."
            )),
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
        let weak = PasswordPolicy { password_reuse_prevention: Some(5), ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(weak)), Status::Fail);
        let unset = PasswordPolicy { password_reuse_prevention: None, ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(unset)), Status::Fail);
        assert_eq!(password_policy_status(CHECK, None), Status::Fail);
    }

    #[test]
    fn unreadable_policy_is_an_error() {
        assert_eq!(password_policy_unreadable(CHECK).status, Status::Error);
    }
}
