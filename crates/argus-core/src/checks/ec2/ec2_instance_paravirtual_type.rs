//! EC2 instances do not use paravirtual virtualization.
//! Metadata: `checks/ec2/ec2_instance_paravirtual_type.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_paravirtual_type", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            match instance.virtualization_type.as_deref().map(str::trim) {
                Some(t) if t.eq_ignore_ascii_case("paravirtual") => {
                    out.fail(r, format_args!("Instance {} uses paravirtual virtualization.", instance.id))
                }
                Some(t) if !t.is_empty() => {
                    out.pass(r, format_args!("Instance {} uses {t} virtualization, not paravirtual.", instance.id))
                }
                _ => out.error_message(
                    r,
                    format_args!(
                        "could not be evaluated: DescribeInstances returned no VirtualizationType for instance {}",
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

    #[test]
    fn paravirtual_fails_hvm_passes_unknown_is_an_error() {
        let mut s = snapshot();
        let pv = |id: &str| Instance { virtualization_type: Some("paravirtual".into()), ..instance(id) };
        instances(&mut s).extend([
            instance("i-hvm"),
            pv("i-pv"),
            Instance { state: Some("stopped".into()), ..pv("i-pv-stopped") },
            Instance { state: Some("terminated".into()), ..pv("i-gone") },
            Instance { virtualization_type: None, ..instance("i-unknown") },
            Instance { virtualization_type: Some(String::new()), ..instance("i-empty") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 5, "terminated instances are not judged");
        assert_eq!(status_of(&f, "i-hvm"), Status::Pass);
        assert_eq!(status_of(&f, "i-pv"), Status::Fail);
        assert_eq!(status_of(&f, "i-pv-stopped"), Status::Fail);
        assert_eq!(status_of(&f, "i-unknown"), Status::Error);
        assert_eq!(status_of(&f, "i-empty"), Status::Error);

        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }

    #[test]
    fn an_instance_saved_before_argus_kept_the_type_is_an_error() {
        let mut json = serde_json::to_value(instance("i-old")).unwrap();
        let fields = json.as_object_mut().unwrap();
        fields.remove("virtualization_type");
        fields.remove("state_transition_reason");
        let old: Instance = serde_json::from_value(json).unwrap();
        assert_eq!((old.virtualization_type.as_deref(), old.state_transition_reason.as_deref()), (None, None));
        let mut s = snapshot();
        instances(&mut s).push(old);
        assert_eq!(status_of(&run_check(CHECK, &s), "i-old"), Status::Error);
    }
}
