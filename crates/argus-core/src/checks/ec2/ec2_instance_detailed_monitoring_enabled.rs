//! EC2 instances have detailed (1-minute) CloudWatch monitoring enabled.
//! Metadata: `checks/ec2/ec2_instance_detailed_monitoring_enabled.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_detailed_monitoring_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            match instance.monitoring_state.as_deref().map(str::trim) {
                Some(s) if s.eq_ignore_ascii_case("enabled") => {
                    out.pass(r, format_args!("Instance {} has detailed monitoring enabled.", instance.id))
                }
                Some(s) if !s.is_empty() => out.fail(
                    r,
                    format_args!(
                        "Instance {} does not have detailed monitoring enabled (monitoring state {s}): CloudWatch gets 5-minute metrics.",
                        instance.id
                    ),
                ),
                _ => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: DescribeInstances returned no Monitoring.State for instance {}",
                        instance.id
                    ),
                ),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Instance};
    use crate::testing::*;

    fn monitored(id: &str, state: Option<&str>) -> Instance {
        Instance { monitoring_state: state.map(str::to_string), ..instance(id) }
    }

    #[test]
    fn only_enabled_monitoring_passes() {
        let mut s = snapshot();
        instances(&mut s).extend([
            monitored("i-on", Some("enabled")),
            monitored("i-basic", Some("disabled")),
            monitored("i-enabling", Some("pending")),
            Instance { state: Some("stopped".into()), ..monitored("i-stopped", Some("disabled")) },
            Instance { state: Some("terminated".into()), ..monitored("i-gone", Some("disabled")) },
            monitored("i-unknown", None),
            monitored("i-empty", Some(" ")),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 6, "terminated instances are not judged");
        assert_eq!(status_of(&f, "i-on"), Status::Pass);
        assert_eq!(status_of(&f, "i-basic"), Status::Fail);
        assert_eq!(status_of(&f, "i-enabling"), Status::Fail, "not enabled yet");
        assert_eq!(status_of(&f, "i-stopped"), Status::Fail);
        assert_eq!(status_of(&f, "i-unknown"), Status::Error);
        assert_eq!(status_of(&f, "i-empty"), Status::Error);

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn an_instance_saved_before_argus_kept_the_state_is_an_error() {
        let mut json = serde_json::to_value(instance("i-old")).unwrap();
        let fields = json.as_object_mut().unwrap();
        fields.remove("monitoring_state");
        fields.remove("enclave_enabled");
        let old: Instance = serde_json::from_value(json).unwrap();
        assert_eq!((old.monitoring_state.as_deref(), old.enclave_enabled), (None, None));
        let mut s = snapshot();
        instances(&mut s).push(old);
        assert_eq!(status_of(&run_check(CHECK, &s), "i-old"), Status::Error);
    }
}
