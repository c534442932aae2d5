//! Every active external-access analyzer has no active findings (resources shared outside the zone of
//! trust that nobody archived). Metadata: `checks/accessanalyzer/accessanalyzer_enabled_without_findings.toml`.

use super::analyzer_resource;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "accessanalyzer_enabled_without_findings", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(aa) = &data.accessanalyzer else { continue };
        let analyzers = match &aa.analyzers {
            Fetched::Ok(a) => a,
            Fetched::Err(e) => {
                out.error(ctx.region_resource(region), e);
                continue;
            }
        };
        // Active external-access analyzers are judged (the collector reads their findings only).
        for a in analyzers.iter().filter(|a| (a.is_external_access() && a.is_active()) || a.active_findings.is_some()) {
            let r = analyzer_resource(ctx, a, region);
            let Some(findings) = &a.active_findings else {
                out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: the findings of IAM Access Analyzer {} were not read",
                        a.name
                    ),
                );
                continue;
            };
            match findings {
                Fetched::Ok(n) if n.count == 0 => {
                    out.pass(r, format_args!("IAM Access Analyzer {} has no active findings.", a.name))
                }
                Fetched::Ok(n) => out.fail(
                    r,
                    format_args!(
                        "IAM Access Analyzer {} has {n} active findings: resources shared outside the zone of trust.",
                        a.name
                    ),
                ),
                Fetched::Err(e) => out.error(r, e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    fn arn(name: &str) -> String {
        format!("arn:aws:access-analyzer:{REGION}:{ACCOUNT}:analyzer/{name}")
    }

    #[test]
    fn active_findings_fail_and_none_pass() {
        let mut s = snapshot();
        analyzers(&mut s, REGION).extend([
            analyzer(REGION, "clean", "ACCOUNT", 0),
            analyzer(REGION, "org", "ORGANIZATION", 4),
            analyzer(REGION, "unused", "ACCOUNT_UNUSED_ACCESS", 0),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(arn("clean"), Status::Pass), (arn("org"), Status::Fail)]);
        assert!(f.iter().any(|x| x.message.contains("org has 4 active findings")));
    }

    #[test]
    fn unread_findings_or_listing_are_an_error() {
        let mut s = snapshot();
        let mut a = analyzer(REGION, "a", "ACCOUNT", 0);
        a.active_findings = Some(Fetched::Err(denied("accessanalyzer", "ListFindings")));
        analyzers(&mut s, REGION).push(a);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(arn("a"), Status::Error)]);

        region_mut(&mut s, REGION).accessanalyzer.as_mut().unwrap().analyzers =
            Fetched::Err(denied("accessanalyzer", "ListAnalyzers"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
