//! No security group admits 0.0.0.0/0 or ::/0 to a high-risk TCP port (`high_risk_tcp_ports` in the config).
//! Metadata: `checks/ec2/ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports.toml`.
//!
//! It answers Prowler's per-port checks (`prowler_aliases` with `tcp_ports` in the metadata): a FAIL
//! names the ids of the ports it found open, so a Prowler mutelist entry for one port mutes a group
//! open on that port only. As in Prowler, whose per-port checks skip a group its all-ports check
//! failed, a group open on every port answers `…_to_all_ports` instead.

use super::common::{
    admitted_tcp_ports, judge_internet_ingress_answering, rule_admits_all_ports, rule_admits_tcp_port, rule_label,
};
use crate::engine::metadata::{self, ProwlerAlias};
use crate::engine::{ArcStr, Check, CheckContext, Findings, ProwlerIds};
use crate::snapshot::SecurityGroupRule;

pub const CHECK: Check = Check { id: "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports", run };

/// The Prowler check a group open on every port answers.
const ALL_PORTS_ID: &str = "ec2_securitygroup_allow_ingress_from_internet_to_all_ports";

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let mut ports: Vec<u16> = ctx.config.high_risk_tcp_ports.clone();
    ports.sort_unstable();
    ports.dedup();
    let aliases: &[ProwlerAlias] = metadata::find(CHECK.id).map_or(&[], |m| &m.prowler_aliases);
    let label = |rule: &SecurityGroupRule| {
        let open = admitted_tcp_ports(rule, &ports);
        if open.is_empty() {
            None
        } else if open.len() == ports.len() && ports.len() > 1 {
            Some(format!("{} (all {} configured high-risk ports)", rule_label(rule), ports.len()))
        } else {
            let list: Vec<String> = open.iter().map(u16::to_string).collect();
            Some(format!("{} (port{} {})", rule_label(rule), if open.len() == 1 { "" } else { "s" }, list.join(", ")))
        }
    };
    judge_internet_ingress_answering(ctx, out, "high-risk TCP ports", label, |exposed| {
        Some(prowler_ids(aliases, &ports, exposed))
    });
}

/// The Prowler ids a verdict answers. A PASS answers every alias whose ports are all configured; a
/// FAIL answers the aliases of the open ports, and is partial when a configured port no alias names
/// is open too.
fn prowler_ids(aliases: &[ProwlerAlias], ports: &[u16], exposed: Option<&[&SecurityGroupRule]>) -> ProwlerIds {
    let ids =
        |chosen: Vec<&ProwlerAlias>| -> Box<[ArcStr]> { chosen.iter().map(|a| ArcStr::from(a.id.as_str())).collect() };
    let named_by_alias = |port: &u16| aliases.iter().any(|a| a.tcp_ports.contains(port));
    match exposed {
        None => {
            let answered: Vec<&ProwlerAlias> =
                aliases.iter().filter(|a| a.tcp_ports.iter().all(|p| ports.contains(p))).collect();
            let partial = ports.iter().any(|p| !answered.iter().any(|a| a.tcp_ports.contains(p)));
            ProwlerIds { ids: ids(answered), partial }
        }
        Some(rules) if rules.iter().any(|r| rule_admits_all_ports(r)) => {
            ProwlerIds { ids: Box::new([ArcStr::from(ALL_PORTS_ID)]), partial: false }
        }
        Some(rules) => {
            let open: Vec<u16> = ports
                .iter()
                .copied()
                .filter(|p| rules.iter().any(|r| rule_admits_tcp_port(r, i32::from(*p))))
                .collect();
            let answered: Vec<&ProwlerAlias> =
                aliases.iter().filter(|a| a.tcp_ports.iter().any(|p| open.contains(p))).collect();
            ProwlerIds { ids: ids(answered), partial: !open.iter().all(named_by_alias) }
        }
    }
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

    const MYSQL: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
    const REDIS: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379";

    fn prowler_of<'f>(f: &'f [crate::engine::Finding], id: &str) -> (Vec<&'f str>, bool) {
        let p = &f.iter().find(|x| x.resource.id == id).expect("judged").source.prowler;
        (p.ids.iter().map(|i| i.as_str()).collect(), p.partial)
    }

    #[test]
    fn a_fail_answers_the_prowler_ids_of_the_open_ports() {
        let mut s = snapshot();
        let mut mysql = sg("sg-mysql", "mysql");
        mysql.ingress.push(tcp(3306, 3306, &["0.0.0.0/0"], &[]));
        let mut both = sg("sg-both", "both");
        both.ingress.push(tcp(3306, 3306, &["0.0.0.0/0"], &[]));
        both.ingress.push(tcp(6379, 6379, &[], &["::/0"]));
        let mut smtp = sg("sg-smtp", "smtp");
        smtp.ingress.push(tcp(25, 25, &["0.0.0.0/0"], &[]));
        smtp.ingress.push(tcp(3306, 3306, &["0.0.0.0/0"], &[]));
        let mut all = sg("sg-all", "all");
        all.ingress.push(all_traffic(&["0.0.0.0/0"], &[]));
        groups(&mut s).extend([mysql, both, smtp, all]);
        let f = run_check(CHECK, &s);
        assert_eq!(prowler_of(&f, "sg-mysql"), (vec![MYSQL], false));
        assert_eq!(prowler_of(&f, "sg-both"), (vec![MYSQL, REDIS], false));
        // Port 25 is in argus's list but in no Prowler check: muting MySQL must not hide it.
        assert_eq!(prowler_of(&f, "sg-smtp"), (vec![MYSQL], true));
        assert_eq!(prowler_of(&f, "sg-all"), (vec![ALL_PORTS_ID], false));
    }

    #[test]
    fn a_pass_answers_every_alias_whose_ports_are_configured() {
        let mut s = snapshot();
        groups(&mut s).push(sg("sg-closed", "closed"));
        let f = run_check(CHECK, &s);
        let (ids, partial) = prowler_of(&f, "sg-closed");
        assert_eq!(ids.len(), 12, "{ids:?}");
        assert!(partial, "the default list has ports no Prowler check names");
        let config = Config { high_risk_tcp_ports: vec![3306, 6379, 1521], ..Config::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(prowler_of(&f, "sg-closed"), (vec![MYSQL, REDIS], true), "Oracle's 2483 is not configured");
    }

    #[test]
    fn every_default_port_of_every_alias_is_configured() {
        let meta = metadata::find(CHECK.id).expect("metadata");
        assert_eq!(meta.prowler_aliases.len(), 12);
        let ports = Config::default().high_risk_tcp_ports;
        for alias in &meta.prowler_aliases {
            assert!(alias.tcp_ports.iter().all(|p| ports.contains(p)), "{} not fully configured", alias.id);
        }
    }
}
