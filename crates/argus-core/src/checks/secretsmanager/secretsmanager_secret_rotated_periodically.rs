//! Secrets were rotated within `secret_max_rotation_days` (a never-rotated secret counts from its
//! creation). Metadata: `checks/secretsmanager/secretsmanager_secret_rotated_periodically.toml`.

use super::each_secret;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "secretsmanager_secret_rotated_periodically", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let max = ctx.config.secret_max_rotation_days;
    each_secret(ctx, out, |secret, r, out| {
        let name = &secret.name;
        let (days, what) = match (secret.last_rotated, secret.created) {
            (Some(t), _) => (ctx.days_since(t), "was last rotated"),
            (None, Some(t)) => (ctx.days_since(t), "has never been rotated; it was created"),
            (None, None) => {
                return out.error_message(
                    r,
                    "could not be evaluated: Secrets Manager reported neither a last rotation nor a creation date",
                )
            }
        };
        let message = format!("Secret {name} {what} {days} days ago (maximum {max} days).");
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
    fn age_of_last_rotation_or_creation_decides() {
        let mut s = snapshot();
        secrets(&mut s).extend([
            secret("fresh"),
            Secret { last_rotated: Some(days_ago(120)), ..secret("stale") },
            Secret { last_rotated: None, created: Some(days_ago(91)), ..secret("never-old") },
            Secret { last_rotated: None, created: Some(days_ago(5)), ..secret("never-new") },
            Secret { last_rotated: None, created: None, ..secret("undated") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &secret_arn("fresh")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("stale")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("never-old")), Status::Fail);
        assert_eq!(status_of(&f, &secret_arn("never-new")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("undated")), Status::Error);
        let msg = &f.iter().find(|x| x.resource.id == secret_arn("never-old")).unwrap().message;
        assert_eq!(msg, "Secret never-old has never been rotated; it was created 91 days ago (maximum 90 days).");

        let lenient = Config { secret_max_rotation_days: 365, ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &lenient), &secret_arn("stale")), Status::Pass);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).secretsmanager.as_mut().unwrap().secrets =
            Fetched::Err(denied("secretsmanager", "ListSecrets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
