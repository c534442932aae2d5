//! Secrets have automatic rotation enabled. Metadata:
//! `checks/secretsmanager/secretsmanager_automatic_rotation_enabled.toml`.

use super::each_secret;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "secretsmanager_automatic_rotation_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_secret(ctx, out, |secret, r, out| {
        if secret.rotation_enabled {
            let every = secret.rotation_interval_days.map(|d| format!(" every {d} days")).unwrap_or_default();
            out.pass(r, format_args!("Secret {} rotates automatically{every}.", secret.name));
        } else {
            out.fail(r, format_args!("Secret {} does not have automatic rotation enabled.", secret.name));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secretsmanager::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Secret};
    use crate::testing::*;

    #[test]
    fn rotation_flag_decides_and_listing_failure_errors() {
        let mut s = snapshot();
        secrets(&mut s).extend([secret("auto"), Secret { rotation_enabled: false, ..secret("manual") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, &secret_arn("auto")), Status::Pass);
        assert_eq!(status_of(&f, &secret_arn("manual")), Status::Fail);

        region_mut(&mut s, REGION).secretsmanager.as_mut().unwrap().secrets =
            Fetched::Err(denied("secretsmanager", "ListSecrets"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
