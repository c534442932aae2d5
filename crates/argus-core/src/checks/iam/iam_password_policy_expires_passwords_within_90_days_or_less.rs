//! The account password policy expires passwords within the configured number of days (CIS: 90). Metadata: `checks/iam/iam_password_policy_expires_passwords_within_90_days_or_less.toml`.

use super::cred_common::{judge_password_policy, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "iam_password_policy_expires_passwords_within_90_days_or_less", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let max = ctx.config.password_max_age_days;
    judge_password_policy(ctx, out, &format!("password expiry within {max} days"), |p| {
        match (p.expire_passwords, p.max_password_age) {
            (true, Some(age)) if age > 0 && age <= max => {
                PolicyVerdict::Pass(format!("The password policy expires passwords after {age} days."))
            }
            (true, Some(age)) if age > 0 => PolicyVerdict::Fail(format!(
                "The password policy expires passwords only after {age} days, more than {max}."
            )),
            _ => PolicyVerdict::Fail(format!(
                "The password policy does not expire passwords (expected {max} days or less)."
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
        let long = PasswordPolicy { max_password_age: Some(180), ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(long)), Status::Fail);
        let never = PasswordPolicy { expire_passwords: false, max_password_age: None, ..strong_password_policy() };
        assert_eq!(password_policy_status(CHECK, Some(never)), Status::Fail);
        assert_eq!(password_policy_status(CHECK, None), Status::Fail);
    }

    #[test]
    fn unreadable_policy_is_an_error() {
        assert_eq!(password_policy_unreadable(CHECK).status, Status::Error);
    }
}
