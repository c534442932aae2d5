//! No network ACL lets TCP port 22 (SSH) in from 0.0.0.0/0 or ::/0, evaluating inbound entries in
//! rule-number order (a lower-numbered deny shadows a later allow).
//! Metadata: `checks/ec2/ec2_networkacl_allow_ingress_tcp_port_22.toml`.

use super::common::{judge_nacl_ingress, NaclTarget};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_networkacl_allow_ingress_tcp_port_22", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    judge_nacl_ingress(ctx, out, NaclTarget::TcpPort(22), "TCP port 22 (SSH)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_order_sources_protocols_unparseable_cidrs_and_failed_listings() {
        crate::checks::ec2::fixtures::assert_judges_nacls_for_tcp_port(CHECK, 22);
    }
}
