//! Launch templates do not give instances a public IP address. Metadata:
//! `checks/ec2/ec2_launch_template_no_public_ip.toml`.
//!
//! A `$Latest` or `$Default` version FAILs when one of its network interfaces sets
//! AssociatePublicIpAddress, or attaches an existing interface that has a public IP. When the
//! region's interface listing failed, a version that attaches existing interfaces is an ERROR.

use super::launch_templates::{each_template, version_label};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_launch_template_no_public_ip", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_template(ctx, out, |versions, ec2, r, out| {
        let name = &versions[0].name;
        let mut public = Vec::new();
        for v in versions {
            if v.associates_public_ip {
                public.push(format!("{} assigns a public IP to its network interface", version_label(v)));
            }
            if v.network_interface_ids.is_empty() {
                continue;
            }
            let enis = match &ec2.network_interfaces {
                Fetched::Ok(list) => list,
                Fetched::Err(e) => return out.error(r, e),
            };
            for id in &v.network_interface_ids {
                if let Some(ip) = enis.iter().find(|n| &n.id == id).and_then(|n| n.public_ip.as_deref()) {
                    public.push(format!("{} attaches {id}, which has public IP {ip}", version_label(v)));
                }
            }
        }
        if public.is_empty() {
            out.pass(r, format_args!("Launch template {name} gives its instances no public IP address."));
        } else {
            out.fail(r, format_args!("Launch template {name} gives its instances a public IP: {}.", public.join("; ")));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::eni;
    use super::super::launch_templates::template_version;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn a_public_ip_by_flag_or_by_attached_interface_fails() {
        let mut s = snapshot();
        let mut flagged = template_version("lt-flag", 1, true);
        flagged.associates_public_ip = true;
        let mut attached = template_version("lt-eni", 1, true);
        attached.network_interface_ids = vec!["eni-pub".into()];
        let mut private = template_version("lt-private", 1, true);
        private.network_interface_ids = vec!["eni-priv".into()];
        list(&mut ec2(&mut s).launch_templates).extend([flagged, attached, private]);
        let mut public_eni = eni("eni-pub", &[]);
        public_eni.public_ip = Some("203.0.113.7".into());
        list(&mut ec2(&mut s).network_interfaces).extend([public_eni, eni("eni-priv", &[])]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "lt-flag"), Status::Fail);
        assert_eq!(status_of(&f, "lt-eni"), Status::Fail);
        assert_eq!(status_of(&f, "lt-private"), Status::Pass);
        let e = f.iter().find(|x| x.resource.id == "lt-eni").unwrap();
        assert_eq!(
            e.message.as_str(),
            "Launch template lt-eni-name gives its instances a public IP: version 1 (default) attaches eni-pub, which has public IP 203.0.113.7."
        );
    }

    #[test]
    fn failed_reads_are_errors() {
        let mut s = snapshot();
        let mut attached = template_version("lt-eni", 1, true);
        attached.network_interface_ids = vec!["eni-pub".into()];
        list(&mut ec2(&mut s).launch_templates).extend([attached, template_version("lt-plain", 1, true)]);
        ec2(&mut s).network_interfaces = Fetched::Err(denied("ec2", "DescribeNetworkInterfaces"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "lt-eni"), Status::Error);
        assert_eq!(status_of(&f, "lt-plain"), Status::Pass);
        ec2(&mut s).launch_templates = Fetched::Err(denied("ec2", "DescribeLaunchTemplateVersions"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
