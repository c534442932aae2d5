//! Secrets were accessed within `secret_max_unused_days`. Metadata:
//! `checks/secretsmanager/secretsmanager_secret_unused.toml`.
//!
//! A secret never accessed counts from its creation: older than the threshold FAILs, newer PASSes;
//! the message says "never accessed" either way. (Emulators such as moto never record access.)

use super::each_secret;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "secretsmanager_secret_unused", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let max = ctx.config.secret_max_unused_days;
    each_secret(ctx, out, |secret, r, out| {
        let name = &secret.name;
        let (days, message) = match (secret.last_accessed, secret.created) {
            (Some(t), _) => {
                let days = ctx.days_since(t);
                (days, format!("Secret {name} was last accessed {days} days ago (maximum {max} days)."))
            }
            (None, Some(t)) => {
                let days = ctx.days_since(t);
                (
                    days,
                    format!(
                        "Secret {name} was never accessed since it was created {days} days ago (maximum {max} days)."
                    ),
                )
            }
            (None, None) => {
                return out.error_message(
                    r,
                    "could not be evaluated: Secrets Manager reported neither a last access nor a creation date",
                )
            }
        };
        if days > max {
            out.fail(r, message);
        } else {
            out.pass(r, message);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secretsmanager::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::{Fetched, Secret};
    use crate::testing::*;

    #[test]
    fn last_access_or_creation_decides() {
        let mut s = snapshot();
        secrets(&mut s).extend([
            secret("used"),
            Secret { last_accessed: Some(days_ago(100)), ..secret("idle") },
            Secret { last_accessed: None, created: Some(days_ago(200)), ..secret("never-old") },
            Secret { last_accessed: None, created: Some(days_ago(3)), ..secret("never-new") },
            Secret { last_accessed: None, created: None, ..secret("undated") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &secret_arn("used")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("idle")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("never-old")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("never-new")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("undated")), Status::Error);
        for n in ["never-old", "never-new"] {
            let msg = &f.iter().find(|x| x.resource.id == secret_arn(n)).unwrap().message;
            assert!(msg.contains("never accessed"), "{msg}");
        }

        let lenient = Config { secret_max_unused_days: 365, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &lenient), &secret_arn("never-old")), Status::Pass);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).secretsmanager.as_mut().unwrap().secrets =
            Fetched::Err(denied("secretsmanager", "ListSecrets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
