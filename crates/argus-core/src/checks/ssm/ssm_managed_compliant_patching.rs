//! Every managed node is compliant with its patch baseline. Metadata:
//! `checks/ssm/ssm_managed_compliant_patching.toml`.
//!
//! From ListResourceComplianceSummaries (`ComplianceType = Patch`): a NON_COMPLIANT node FAILs with
//! how many patches it misses and their highest severity. A node whose agent is online but that has
//! no patch summary at all also FAILs: no patch scan has ever run on it (Prowler skips such nodes).

use super::{each_region, managed_node_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ssm_managed_compliant_patching", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ssm, out| {
        let summaries = match &ssm.patch_compliance {
            Fetched::Ok(list) => list,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for p in summaries {
            let r = managed_node_resource(ctx, region, &p.id);
            let id = &p.id;
            if p.status == "COMPLIANT" {
                out.pass(r, format_args!("Managed node {id} is compliant with its patch baseline."));
            } else {
                let missing = p.non_compliant_count.map(|n| format!(": {n} patch(es) missing")).unwrap_or_default();
                let severity =
                    p.overall_severity.as_deref().map(|s| format!(", highest severity {s}")).unwrap_or_default();
                out.fail(
                    r,
                    format_args!("Managed node {id} is {} with its patch baseline{missing}{severity}.", p.status),
                );
            }
        }
        if let Fetched::Ok(nodes) = &ssm.managed_instances {
            for node in nodes.iter().filter(|n| n.ping_status.as_deref() == Some("Online")) {
                if !summaries.iter().any(|p| p.id == node.id) {
                    let id = &node.id;
                    out.fail(
                        managed_node_resource(ctx, region, id),
                        format_args!("Managed node {id} has no patch compliance data: no patch scan has run on it."),
                    );
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn non_compliant_and_never_scanned_nodes_fail() {
        let mut s = snapshot();
        crate::testing::list(&mut ssm(&mut s).patch_compliance)
            .extend([patch_state("i-ok", "COMPLIANT"), patch_state("i-behind", "NON_COMPLIANT")]);
        crate::testing::list(&mut ssm(&mut s).managed_instances).extend([
            managed("i-ok", "Online"),
            managed("i-behind", "Online"),
            managed("mi-never", "Online"),
            managed("i-lost", "ConnectionLost"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 3);
        assert_eq!(status_of(&f, "i-ok"), Status::Pass);
        assert_eq!(status_of(&f, "i-behind"), Status::Fail);
        assert_eq!(status_of(&f, "mi-never"), Status::Fail);
        let behind = f.iter().find(|x| x.resource.id == "i-behind").unwrap();
        assert_eq!(
            behind.message.as_str(),
            "Managed node i-behind is NON_COMPLIANT with its patch baseline: 3 patch(es) missing, highest severity CRITICAL."
        );
        assert!(f
            .iter()
            .find(|x| x.resource.id == "mi-never")
            .unwrap()
            .resource
            .arn
            .contains(":managed-instance/mi-never"));
    }

    #[test]
    fn an_unreadable_summary_list_errors_naming_the_call() {
        let mut s = snapshot();
        ssm(&mut s).patch_compliance = Fetched::Err(denied("ssm", "ListResourceComplianceSummaries"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ssm:ListResourceComplianceSummaries"), "{}", f[0].message);
    }
}
