//! An enabled GuardDuty detector holds no unarchived finding of high or critical severity (7.0 and
//! above). Metadata: `checks/guardduty/guardduty_no_high_severity_findings.toml`.

use super::each_enabled_detector;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "guardduty_no_high_severity_findings", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_enabled_detector(ctx, out, |d, _, r, out| match &d.high_severity_findings {
        Some(Fetched::Ok(n)) if n.count == 0 => out
            .pass(r, format_args!("GuardDuty detector {} has no unarchived high or critical severity findings.", d.id)),
        Some(Fetched::Ok(n)) => out.fail(
            r,
            format_args!("GuardDuty detector {} has {n} unarchived high or critical severity findings.", d.id),
        ),
        Some(Fetched::Err(e)) => out.error(r, e),
        None => out.error_message(
            r,
            format_args!("could not be evaluated: the findings of GuardDuty detector {} were not read", d.id),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::FindingCount;
    use crate::testing::*;

    fn arn(id: &str) -> String {
        format!("arn:aws:guardduty:{REGION}:{ACCOUNT}:detector/{id}")
    }

    #[test]
    fn findings_fail_none_pass_and_suspended_detectors_are_not_judged() {
        let mut s = snapshot();
        let mut noisy = detector("noisy", &[]);
        noisy.high_severity_findings = Some(Fetched::Ok(FindingCount { count: 50, more: true }));
        detectors(&mut s, REGION).extend([detector("quiet", &[]), noisy, suspended("off")]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(arn("noisy"), Status::Fail), (arn("quiet"), Status::Pass)]);
        assert!(f.iter().any(|x| x.message.contains("has 50+ unarchived high or critical")));
    }

    #[test]
    fn unread_findings_are_an_error() {
        let mut s = snapshot();
        let mut d = detector("d", &[]);
        d.high_severity_findings = Some(Fetched::Err(denied("guardduty", "ListFindings")));
        detectors(&mut s, REGION).push(d);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(arn("d"), Status::Error)]);
        assert!(f[0].message.contains("ListFindings"), "{}", f[0].message);
    }
}
