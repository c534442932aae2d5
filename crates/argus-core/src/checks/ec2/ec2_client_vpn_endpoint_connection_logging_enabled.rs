//! Every Client VPN endpoint logs client connections. Metadata:
//! `checks/ec2/ec2_client_vpn_endpoint_connection_logging_enabled.toml`.

use super::common::{each_region, ec2_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "ec2_client_vpn_endpoint_connection_logging_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let endpoints = match &ec2.client_vpn_endpoints {
            Fetched::Ok(e) => e,
            Fetched::Err(e) => return out.error(ctx.region_resource(region), e),
        };
        for endpoint in endpoints {
            let r = ec2_resource(ctx, region, "client-vpn-endpoint", &endpoint.id, &endpoint.tags);
            match (endpoint.connection_logging, endpoint.log_group.as_deref()) {
                (Some(true), Some(group)) => {
                    out.pass(r, format_args!("The endpoint logs client connections to log group {group}."))
                }
                (Some(true), None) => out.pass(r, "The endpoint logs client connections."),
                (Some(false), _) => out.fail(r, "The endpoint does not log client connections."),
                (None, _) => out.error_message(
                    r,
                    "could not be evaluated: DescribeClientVpnEndpoints reported no connection log options \
                     (ConnectionLogOptions.Enabled) for the endpoint.",
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
    use crate::testing::*;

    #[test]
    fn an_endpoint_without_connection_logging_fails() {
        let mut s = snapshot();
        let mut silent = client_vpn_endpoint("cvpn-endpoint-silent", false);
        silent.tags.insert("Name".into(), "contractors".into());
        client_vpn_endpoints(&mut s).extend([client_vpn_endpoint("cvpn-endpoint-logged", true), silent]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "cvpn-endpoint-logged"), Status::Pass);
        assert_eq!(status_of(&f, "cvpn-endpoint-silent"), Status::Fail);
        let logged = f.iter().find(|x| x.resource.id == "cvpn-endpoint-logged").unwrap();
        assert!(logged.message.contains("log group vpn-connections"), "{}", logged.message);
        let silent = f.iter().find(|x| x.resource.id == "cvpn-endpoint-silent").unwrap();
        assert_eq!(silent.resource.name, "contractors");
        assert_eq!(
            silent.resource.arn,
            format!("arn:aws:ec2:{REGION}:{ACCOUNT}:client-vpn-endpoint/cvpn-endpoint-silent")
        );
    }

    #[test]
    fn missing_log_options_are_an_error() {
        let mut s = snapshot();
        let mut unknown = client_vpn_endpoint("cvpn-endpoint-unknown", true);
        unknown.connection_logging = None;
        client_vpn_endpoints(&mut s).push(unknown);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "cvpn-endpoint-unknown"), Status::Error);
        assert!(f[0].message.contains("ConnectionLogOptions.Enabled"), "{}", f[0].message);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        ec2(&mut s).client_vpn_endpoints = Fetched::Err(denied("ec2", "DescribeClientVpnEndpoints"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("DescribeClientVpnEndpoints"), "{}", f[0].message);
    }
}
