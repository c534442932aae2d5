//! No security group admits 0.0.0.0/0 or ::/0 to a high-risk TCP port (`high_risk_tcp_ports` in the config).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports.toml`.

use super::common::{judge_internet_ingress, rule_admits_tcp_port, rule_label};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let mut ports: Vec<u16> = ctx.config.high_risk_tcp_ports.clone();
    ports.sort_unstable();
    ports.dedup();
    judge_internet_ingress(ctx, out, "high-risk TCP ports", |rule| {
        let open: Vec<u16> = ports.iter().copied().filter(|p| rule_admits_tcp_port(rule, i32::from(*p))).collect();
        if open.is_empty() {
            None
        } else if open.len() == ports.len() && ports.len() > 1 {
            Some(format!("{} (all {} configured high-risk ports)", rule_label(rule), ports.len()))
        } else {
            let list: Vec<String> = open.iter().map(u16::to_string).collect();
            Some(format!("{} (port{} {})", rule_label(rule), if open.len() == 1 { "" } else { "s" }, list.join(", ")))
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::{Config, Status};
    use crate::snapshot::Fetched;
    use crate::testing::*;

    #[test]
    fn database_ports_from_anywhere_fail_and_are_listed() {
        let mut s = snapshot();
        let mut db = sg("sg-db", "db");
        db.ingress.push(tcp(3306, 3306, &["0.0.0.0/0"], &[]));
        db.ingress.push(tcp(5400, 5500, &[], &["::/0"]));
        let mut web = sg("sg-web", "web");
        web.ingress.push(tcp(443, 443, &["0.0.0.0/0"], &["::/0"]));
        web.ingress.push(tcp(3306, 3306, &["10.0.0.0/16"], &[]));
        let mut all = sg("sg-all", "all");
        all.ingress.push(all_traffic(&["0.0.0.0/0"], &[]));
        groups(&mut s).extend([db, web, all]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "sg-db"), Status::Fail);
        assert_eq!(status_of(&f, "sg-web"), Status::Pass);
        assert_eq!(status_of(&f, "sg-all"), Status::Fail);
        let msg = &f.iter().find(|x| x.resource.id == "sg-db").unwrap().message;
        assert!(msg.contains("tcp 3306 (port 3306) from 0.0.0.0/0"), "{msg}");
        assert!(msg.contains("tcp 5400-5500 (ports 5432, 5500) from ::/0"), "{msg}");
        let msg = &f.iter().find(|x| x.resource.id == "sg-all").unwrap().message;
        assert!(msg.contains("all traffic (all"), "{msg}");
    }

    #[test]
    fn ports_come_from_the_config() {
        let mut s = snapshot();
        let mut web = sg("sg-web", "web");
        web.ingress.push(tcp(8443, 8443, &["0.0.0.0/0"], &[]));
        groups(&mut s).push(web);
        assert_eq!(status_of(&run_check(CHECK, &s), "sg-web"), Status::Pass);
        let config = Config { high_risk_tcp_ports: vec![8443], ..Config::default() };
        assert_eq!(status_of(&run_with(CHECK, &s, &config), "sg-web"), Status::Fail);
    }

    #[test]
    fn failed_listing_is_an_error() {
        let mut s = snapshot();
        ec2(&mut s).security_groups = Fetched::Err(denied("ec2", "DescribeSecurityGroups"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
