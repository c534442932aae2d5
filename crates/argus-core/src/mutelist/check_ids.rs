//! The check ids of a mutelist: Prowler aliases, and ids argus cannot honour.
//!
//! A finding may answer Prowler checks under ids other than its own check's (`ProwlerIds`): a
//! security group open on 3306 answers `…_tcp_port_mysql_3306`. Such a finding is muted part by part,
//! as Prowler would mute the findings it stands for: every Prowler id it answers must be muted, and,
//! when it is also about something none of them names (`partial`), its own check id too — under
//! Prowler's meaning of that id, which covers only the rest (Prowler's high-risk-ports check does not
//! look at the ports its per-port checks judge). So a Prowler mutelist mutes in argus what it muted in
//! Prowler, never more; to mute such a check wholly, name its aliases too (or use a pattern such as
//! `ec2_securitygroup_allow_ingress_from_internet_to_.*`).
//!
//! An entry whose check is a plain id that names nothing argus runs (a typo, or a Prowler check argus
//! does not implement) would mute nothing without a word; [`Mutelist::unanswered_check_ids`] lists
//! them so the caller can warn.

use super::{AccountBlock, Mutelist, Subject};
use crate::engine::Finding;
use crate::prowler::{self, Unanswered};
use std::collections::BTreeSet;

impl Mutelist {
    /// Whether the blocks of the finding's account mute `subject`.
    pub(super) fn mutes_subject(&self, finding: &Finding, subject: &Subject<'_>) -> bool {
        self.blocks
            .iter()
            .filter(|b| b.applies_to_account(finding.account_id()))
            .any(|b: &AccountBlock| b.mutes(subject))
    }

    /// Whether every part of a finding that answers Prowler ids is muted (see the module doc).
    pub(super) fn mutes_every_part(&self, finding: &Finding, subject: &Subject<'_>) -> bool {
        let prowler = &finding.source.prowler;
        // The own id first: one pass over the rules settles most partial findings.
        (!prowler.partial || self.mutes_subject(finding, subject))
            && prowler.ids.iter().all(|id| self.mutes_subject(finding, &Subject { check: id, ..subject.clone() }))
    }

    /// The distinct check ids written as plain names (no regex syntax) that are neither an argus check
    /// nor a Prowler alias, with what they are instead. Patterns such as `s3_.*` or `*` are not ids.
    pub fn unanswered_check_ids(&self) -> Vec<Unanswered> {
        let ids: BTreeSet<&str> = self
            .blocks
            .iter()
            .flat_map(|b| &b.rules)
            .map(|r| r.check.source.as_str())
            .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
            .collect();
        ids.into_iter().filter_map(|id| prowler::resolve(id).err()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ArcStr, ProwlerIds, Status};

    const MYSQL: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
    const REDIS: &str = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379";
    const HIGH_RISK: &str = "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports";

    fn finding(resource: &str, ids: &[&str], partial: bool) -> Finding {
        let mut f =
            crate::testing::finding_about(HIGH_RISK, "ec2", "123456789012", "eu-west-1", resource, Status::Fail);
        f.source_mut().prowler = ProwlerIds { ids: ids.iter().map(|i| ArcStr::from(*i)).collect(), partial };
        f
    }

    /// One entry per check, muting the listed resources (exact names) in every region.
    fn mutelist(entries: &[(&str, &str)]) -> Mutelist {
        let mut checks: Vec<(&str, Vec<&str>)> = Vec::new();
        for (check, resource) in entries {
            match checks.iter_mut().find(|(c, _)| c == check) {
                Some((_, resources)) => resources.push(resource),
                None => checks.push((check, vec![resource])),
            }
        }
        let mut yaml = String::from("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n");
        for (check, resources) in checks {
            let resources: Vec<String> = resources.iter().map(|r| format!("\"^{r}$\"")).collect();
            yaml.push_str(&format!(
                "        \"{check}\":\n          Regions: [\"*\"]\n          Resources: [{}]\n",
                resources.join(", ")
            ));
        }
        Mutelist::from_yaml(&yaml).expect("valid")
    }

    #[test]
    fn an_alias_entry_mutes_a_finding_answering_only_that_alias() {
        let list = mutelist(&[(MYSQL, "sg-1")]);
        assert!(list.is_muted(&finding("sg-1", &[MYSQL], false)));
        assert!(!list.is_muted(&finding("sg-2", &[MYSQL], false)), "another resource");
        assert!(!list.is_muted(&finding("sg-1", &[REDIS], false)), "another port");
    }

    #[test]
    fn a_finding_answering_several_aliases_needs_every_one_muted() {
        let both = finding("sg-1", &[MYSQL, REDIS], false);
        assert!(!mutelist(&[(MYSQL, "sg-1")]).is_muted(&both));
        assert!(mutelist(&[(MYSQL, "sg-1"), (REDIS, "sg-1")]).is_muted(&both));
    }

    #[test]
    fn a_partial_finding_needs_its_own_id_muted_too() {
        let partial = finding("sg-1", &[MYSQL], true);
        assert!(!mutelist(&[(MYSQL, "sg-1")]).is_muted(&partial));
        assert!(!mutelist(&[(HIGH_RISK, "sg-1")]).is_muted(&partial), "Prowler's own id covers only the rest");
        assert!(mutelist(&[(MYSQL, "sg-1"), (HIGH_RISK, "sg-1")]).is_muted(&partial));
        assert!(mutelist(&[("ec2_securitygroup_allow_ingress_from_internet_to_.*", "sg-1")]).is_muted(&partial));
        // Only about the ports under the own id: that id alone mutes it, as in Prowler.
        let rest_only = finding("sg-1", &[], false);
        assert!(mutelist(&[(HIGH_RISK, "sg-1")]).is_muted(&rest_only));
    }

    #[test]
    fn an_own_id_entry_does_not_mute_what_only_aliases_name() {
        assert!(!mutelist(&[(HIGH_RISK, "sg-1")]).is_muted(&finding("sg-1", &[MYSQL], false)));
    }

    #[test]
    fn plain_ids_naming_nothing_argus_runs_are_listed_once_with_what_they_are() {
        let list = mutelist(&[
            ("s3_bucket_publc_access", "a"),
            ("s3_bucket_publc_access", "b"),
            ("sagemaker_clarify_exists", "a"),
            ("s3_bucket_shadow_resource_vulnerability", "a"),
            ("lambda_function_url_public", "a"),
            (MYSQL, "a"),
            ("s3_.*", "a"),
            ("*", "a"),
        ]);
        let ids: Vec<String> = list.unanswered_check_ids().iter().map(|u| u.to_string()).collect();
        assert_eq!(ids.len(), 3, "{ids:#?}");
        assert!(ids[0].contains("'s3_bucket_publc_access'") && ids[0].contains("did you mean s3_bucket_public_access"));
        assert!(
            ids[1].contains("'s3_bucket_shadow_resource_vulnerability'") && ids[1].contains("not implemented by argus")
        );
        assert!(
            ids[2].contains("'sagemaker_clarify_exists'") && ids[2].contains("does not audit the sagemaker service")
        );
    }

    /// A Prowler mutelist of per-port entries, applied to argus's findings of a seeded account, leaves
    /// unmuted failures on the same security groups as Prowler would. Prowler's outcome, from its
    /// check semantics: a per-port check fails a group open on its port unless the all-ports check
    /// failed that group (then it passes, "not checked against the specific port").
    #[test]
    fn a_prowler_mutelist_of_per_port_ids_mutes_the_same_groups_as_in_prowler() {
        use crate::checks::ec2::fixtures::{all_traffic, groups, sg, tcp};
        let mut s = crate::testing::snapshot();
        let open = |id: &str, ports: &[i32]| {
            let mut g = sg(id, id);
            g.ingress.extend(ports.iter().map(|p| tcp(*p, *p, &["0.0.0.0/0"], &[])));
            g
        };
        let mut everything = sg("sg-all", "sg-all");
        everything.ingress.push(all_traffic(&["0.0.0.0/0"], &[]));
        groups(&mut s).extend([
            open("sg-mysql", &[3306]),
            open("sg-both", &[3306, 6379]),
            open("sg-mongo", &[27017]),
            open("sg-smtp", &[25]),
            open("sg-smtp-mysql", &[25, 3306]),
            everything,
        ]);
        const ALL_PORTS: &str = "ec2_securitygroup_allow_ingress_from_internet_to_all_ports";
        let muted_in_prowler = [
            (MYSQL, "sg-mysql"),
            (MYSQL, "sg-both"),
            (ALL_PORTS, "sg-all"),
            (HIGH_RISK, "sg-smtp"),
            (HIGH_RISK, "sg-smtp-mysql"),
        ];
        let list = mutelist(&muted_in_prowler);

        // Prowler's FAIL findings per check and group (its high-risk check looks at 25, 110, 135, …,
        // not at the per-port checks' ports), then those its mutelist leaves unmuted.
        let prowler_failures = [
            (MYSQL, "sg-mysql"),
            (MYSQL, "sg-both"),
            (REDIS, "sg-both"),
            ("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018", "sg-mongo"),
            (HIGH_RISK, "sg-smtp"),
            (HIGH_RISK, "sg-smtp-mysql"),
            (MYSQL, "sg-smtp-mysql"),
            (ALL_PORTS, "sg-all"),
        ];
        let prowler_unmuted: BTreeSet<&str> =
            prowler_failures.iter().filter(|f| !muted_in_prowler.contains(f)).map(|(_, g)| *g).collect();

        let checks: Vec<_> =
            crate::checks::all().into_iter().filter(|c| c.id == HIGH_RISK || c.id == ALL_PORTS).collect();
        let config = crate::engine::Config::default();
        let mut findings = crate::engine::evaluate(&s, &checks, &Default::default(), &config, crate::testing::now());
        list.apply(&mut findings);
        let argus_unmuted: BTreeSet<&str> =
            findings.iter().filter(|f| f.status == Status::Fail && !f.muted).map(|f| f.resource.id.as_str()).collect();
        assert_eq!(argus_unmuted, prowler_unmuted);
        assert_eq!(argus_unmuted, BTreeSet::from(["sg-both", "sg-mongo", "sg-smtp-mysql"]));
        let muted: BTreeSet<(&str, &str)> =
            findings.iter().filter(|f| f.muted).map(|f| (f.check_id().as_str(), f.resource.id.as_str())).collect();
        let expected = [(HIGH_RISK, "sg-mysql"), (HIGH_RISK, "sg-smtp"), (HIGH_RISK, "sg-all"), (ALL_PORTS, "sg-all")];
        assert_eq!(muted, BTreeSet::from(expected));
    }
}
