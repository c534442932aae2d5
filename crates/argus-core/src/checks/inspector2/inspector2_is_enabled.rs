//! Inspector is enabled in every audited region and scans EC2 instances, ECR images, Lambda functions and
//! Lambda code. Metadata: `checks/inspector2/inspector2_is_enabled.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, Inspector2Status};

pub const CHECK: Check = Check { id: "inspector2_is_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(inspector) = &data.inspector2 else { continue };
        let r = ctx.region_resource(region);
        let account = match &inspector.account {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => {
                out.error(r, e);
                continue;
            }
        };
        if account.status != "ENABLED" {
            out.fail(r, format_args!("Inspector is not enabled in {region} (status {}).", account.status));
            continue;
        }
        let off: Vec<String> = Inspector2Status::SCAN_TYPES
            .iter()
            .filter_map(|kind| match account.scan(kind) {
                Some("ENABLED") => None,
                Some(state) => Some(format!("{kind} ({state})")),
                None => Some(format!("{kind} (not reported)")),
            })
            .collect();
        if off.is_empty() {
            out.pass(r, format_args!("Inspector scans EC2, ECR, Lambda and Lambda code in {region}."));
        } else {
            out.fail(r, format_args!("Inspector is enabled in {region} but does not scan: {}.", off.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Inspector2Region;
    use crate::testing::*;

    fn judge(account: Fetched<Inspector2Status>) -> Vec<crate::engine::Finding> {
        let mut s = snapshot();
        region_mut(&mut s, REGION).inspector2 = Some(Inspector2Region { account });
        run_check(CHECK, &s)
    }

    fn status(state: &str, on: &[&str]) -> Inspector2Status {
        Inspector2Status {
            status: state.into(),
            scans: Inspector2Status::SCAN_TYPES
                .iter()
                .map(|k| (k.to_string(), if on.contains(k) { "ENABLED" } else { "DISABLED" }.to_string()))
                .collect(),
        }
    }

    #[test]
    fn every_scan_type_on_passes() {
        let f = judge(Fetched::Ok(status("ENABLED", &Inspector2Status::SCAN_TYPES)));
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Pass)]);
    }

    #[test]
    fn off_or_a_missing_scan_type_fails() {
        let f = judge(Fetched::Ok(status("DISABLED", &[])));
        assert_eq!(f[0].status, Status::Fail);
        assert!(f[0].message.contains("not enabled"), "{}", f[0].message);
        let f = judge(Fetched::Ok(status("ENABLED", &["EC2", "ECR"])));
        assert_eq!(f[0].status, Status::Fail);
        assert!(
            f[0].message.ends_with("does not scan: LAMBDA (DISABLED), LAMBDA_CODE (DISABLED)."),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn an_unreadable_status_is_an_error() {
        let f = judge(Fetched::Err(denied("inspector2", "BatchGetAccountStatus")));
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
    }
}
