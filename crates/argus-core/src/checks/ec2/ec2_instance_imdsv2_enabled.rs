//! Every instance requires IMDSv2 session tokens (or has the metadata endpoint disabled).
//! Metadata: `checks/ec2/ec2_instance_imdsv2_enabled.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_instance_imdsv2_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let endpoint = instance.metadata_http_endpoint.as_deref().unwrap_or("");
            let tokens = instance.metadata_http_tokens.as_deref().unwrap_or("");
            if endpoint.eq_ignore_ascii_case("disabled") {
                out.pass(r, "The instance metadata service endpoint is disabled, so IMDSv1 cannot be used.");
            } else if tokens.eq_ignore_ascii_case("required") {
                out.pass(r, "The instance requires IMDSv2 (HttpTokens is required).");
            } else if tokens.is_empty() {
                out.fail(r, "The instance does not report HttpTokens=required, so IMDSv1 may be allowed.");
            } else {
                out.fail(r, format_args!("The instance allows IMDSv1 (HttpTokens is {tokens}, not required)."));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn optional_tokens_fail_required_or_disabled_pass_terminated_skipped() {
        let mut s = snapshot();
        let mut v1 = instance("i-v1");
        v1.metadata_http_tokens = Some("optional".into());
        let mut off = instance("i-off");
        off.metadata_http_tokens = Some("optional".into());
        off.metadata_http_endpoint = Some("disabled".into());
        let mut gone = instance("i-gone");
        gone.metadata_http_tokens = Some("optional".into());
        gone.state = Some("terminated".into());
        let mut unknown = instance("i-unknown");
        unknown.metadata_http_tokens = None;
        instances(&mut s).extend([instance("i-v2"), v1, off, gone, unknown]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4);
        assert_eq!(status_of(&f, "i-v2"), Status::Pass);
        assert_eq!(status_of(&f, "i-v1"), Status::Fail);
        assert_eq!(status_of(&f, "i-off"), Status::Pass);
        assert_eq!(status_of(&f, "i-unknown"), Status::Fail);
        let off = f.iter().find(|x| x.resource.id == "i-off").unwrap();
        assert!(off.message.contains("disabled"), "{}", off.message);
        let v1 = f.iter().find(|x| x.resource.id == "i-v1").unwrap();
        assert!(v1.message.contains("HttpTokens is optional"), "{}", v1.message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).instances = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
