//! Instances launched from a launch template require IMDSv2. Metadata:
//! `checks/ec2/ec2_launch_template_imdsv2_required.toml`.
//!
//! The template's `$Latest` and `$Default` versions must each set HttpTokens to `required` or disable
//! the metadata endpoint. A version that sets neither leaves the choice to the account's or the AMI's
//! default, which this check cannot see: it FAILs. (Prowler passes a template when any one version
//! requires IMDSv2, and counts an unset endpoint as disabled.)

use super::launch_templates::{each_template, version_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_launch_template_imdsv2_required", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_template(ctx, out, |versions, _, r, out| {
        let name = &versions[0].name;
        let lax: Vec<String> = versions
            .iter()
            .filter(|v| {
                let disabled = v.metadata_http_endpoint.as_deref().is_some_and(|e| e.eq_ignore_ascii_case("disabled"));
                let required = v.metadata_http_tokens.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("required"));
                !disabled && !required
            })
            .map(|v| {
                let tokens = v.metadata_http_tokens.as_deref().unwrap_or("not set");
                format!("{} (HttpTokens {tokens})", version_label(v))
            })
            .collect();
        if lax.is_empty() {
            out.pass(r, format_args!("Launch template {name} requires IMDSv2 (or disables the metadata endpoint)."));
        } else {
            out.fail(r, format_args!("Launch template {name} does not require IMDSv2 in {}.", lax.join(", ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::launch_templates::template_version;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn optional_or_unset_tokens_fail_required_or_disabled_pass() {
        let mut s = snapshot();
        let mut optional = template_version("lt-v1", 2, false);
        optional.metadata_http_tokens = Some("optional".into());
        let mut unset = template_version("lt-unset", 1, true);
        unset.metadata_http_tokens = None;
        let mut off = template_version("lt-off", 1, true);
        off.metadata_http_tokens = None;
        off.metadata_http_endpoint = Some("disabled".into());
        list(&mut ec2(&mut s).launch_templates).extend([
            template_version("lt-v1", 1, true),
            optional,
            unset,
            off,
            template_version("lt-v2", 1, true),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 4);
        assert_eq!(status_of(&f, "lt-v1"), Status::Fail);
        assert_eq!(status_of(&f, "lt-unset"), Status::Fail);
        assert_eq!(status_of(&f, "lt-off"), Status::Pass);
        assert_eq!(status_of(&f, "lt-v2"), Status::Pass);
        let v1 = f.iter().find(|x| x.resource.id == "lt-v1").unwrap();
        assert_eq!(
            v1.message.as_str(),
            "Launch template lt-v1-name does not require IMDSv2 in version 2 (HttpTokens optional)."
        );
    }

    #[test]
    fn a_failed_listing_errors_the_region() {
        let mut s = snapshot();
        ec2(&mut s).launch_templates = Fetched::Err(denied("ec2", "DescribeLaunchTemplateVersions"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
