//! Every cluster has Container Insights `enabled` or `enhanced`. Metadata:
//! `checks/ecs/ecs_cluster_container_insights_enabled.toml`.

use super::each_cluster;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ecs_cluster_container_insights_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_cluster(ctx, out, |cluster, r, out| match &cluster.container_insights {
        Fetched::Ok(Some(value)) if matches!(value.as_str(), "enabled" | "enhanced") => {
            out.pass(r, format_args!("ECS cluster {} has Container Insights {value}.", cluster.name))
        }
        Fetched::Ok(Some(value)) if !value.is_empty() => {
            out.fail(r, format_args!("ECS cluster {} has Container Insights {value}.", cluster.name))
        }
        // AWS answers every cluster with its setting when asked for SETTINGS: without it there is nothing
        // to judge.
        Fetched::Ok(_) => out.error_message(
            r,
            format_args!(
                "could not be evaluated: DescribeClusters (include=SETTINGS) gave no containerInsights setting for \
                 ECS cluster {}",
                cluster.name
            ),
        ),
        Fetched::Err(e) => out.error(r, e),
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn enabled_and_enhanced_pass_anything_else_fails() {
        let mut s = snapshot();
        for (name, value) in [("on", "enabled"), ("deep", "enhanced"), ("off", "disabled")] {
            let mut c = cluster(name);
            c.container_insights = Fetched::Ok(Some(value.into()));
            clusters(&mut s).push(c);
        }
        let f = run_check(CHECK, &s);
        let verdict = |name: &str| {
            let x = f.iter().find(|x| x.resource.name == name).unwrap();
            (x.status, x.message.to_string())
        };
        assert_eq!(verdict("on"), (Status::Pass, "ECS cluster on has Container Insights enabled.".into()));
        assert_eq!(verdict("deep").0, Status::Pass);
        assert_eq!(verdict("off"), (Status::Fail, "ECS cluster off has Container Insights disabled.".into()));
    }

    #[test]
    fn a_missing_setting_or_failed_read_is_an_error() {
        let mut s = snapshot();
        let mut silent = cluster("silent");
        silent.container_insights = Fetched::Ok(None);
        let mut hidden = cluster("hidden");
        hidden.container_insights = Fetched::Err(denied("ecs", "DescribeClusters"));
        clusters(&mut s).extend([silent, hidden]);
        let f = run_check(CHECK, &s);
        assert!(f.iter().all(|x| x.status == Status::Error), "{f:#?}");
        assert!(f.iter().any(|x| x.resource.name == "silent" && x.message.contains("no containerInsights setting")));
        assert!(f.iter().any(|x| x.resource.name == "hidden" && x.message.contains("DescribeClusters")));
        region_mut(&mut s, REGION).ecs.as_mut().unwrap().clusters = Fetched::Err(denied("ecs", "ListClusters"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
