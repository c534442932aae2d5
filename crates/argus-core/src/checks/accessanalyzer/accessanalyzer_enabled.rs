//! Every audited region has an active IAM Access Analyzer of external access (of the account or of the
//! organization). Metadata: `checks/accessanalyzer/accessanalyzer_enabled.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "accessanalyzer_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(aa) = &data.accessanalyzer else { continue };
        let r = ctx.region_resource(region);
        let analyzers = match &aa.analyzers {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => {
                out.error(r, e);
                continue;
            }
        };
        if let Some(a) = analyzers.iter().find(|a| a.is_external_access() && a.is_active()) {
            out.pass(r, format_args!("IAM Access Analyzer {} ({}) is active in {region}.", a.name, a.kind));
        } else if analyzers.is_empty() {
            out.fail(r, format_args!("IAM Access Analyzer is not enabled in {region}: no analyzer."));
        } else {
            let seen: Vec<String> =
                analyzers.iter().map(|a| format!("{} ({}, {})", a.name, a.kind, a.status)).collect();
            out.fail(
                r,
                format_args!(
                    "No active external-access analyzer (type ACCOUNT or ORGANIZATION) in {region}; analyzers: {}.",
                    seen.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    const EU: &str = "eu-west-1";

    #[test]
    fn an_active_account_or_organization_analyzer_passes() {
        for kind in ["ACCOUNT", "ORGANIZATION"] {
            let mut s = snapshot();
            analyzers(&mut s, REGION).push(analyzer(REGION, "a", kind, 3));
            assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Pass)], "{kind}");
        }
    }

    #[test]
    fn no_analyzer_an_inactive_one_or_only_unused_access_fails() {
        let mut s = snapshot();
        let mut disabled = analyzer(REGION, "old", "ACCOUNT", 0);
        disabled.status = "DISABLED".into();
        analyzers(&mut s, REGION).extend([disabled, analyzer(REGION, "unused", "ACCOUNT_UNUSED_ACCESS", 0)]);
        analyzers(&mut s, EU);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(EU.to_string(), Status::Fail), (REGION.to_string(), Status::Fail)]);
        assert!(f
            .iter()
            .any(|x| x.message.contains("old (ACCOUNT, DISABLED), unused (ACCOUNT_UNUSED_ACCESS, ACTIVE)")));
    }

    #[test]
    fn a_failed_listing_is_an_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).accessanalyzer.as_mut().unwrap().analyzers =
            Fetched::Err(denied("accessanalyzer", "ListAnalyzers"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
