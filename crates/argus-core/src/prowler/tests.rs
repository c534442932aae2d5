use super::*;
use std::collections::BTreeSet;

fn audited() -> impl Iterator<Item = &'static ProwlerCheck> {
    catalogue().iter().filter(|c| AUDITED_SERVICES.contains(&c.service))
}

#[test]
fn the_catalogue_reads_whole() {
    assert!(catalogue().len() > 600, "{}", catalogue().len());
    assert_eq!(audited().count(), 332);
    let ids: BTreeSet<&str> = catalogue().iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), catalogue().len(), "ids repeat");
    for c in catalogue() {
        assert!(!c.service.is_empty() && !c.severity.is_empty() && !c.title.is_empty(), "{c:?}");
    }
}

#[test]
fn every_prowler_check_of_argus_services_is_answered_or_explained_exactly_once() {
    for c in audited() {
        let implemented = metadata::find(c.id).is_some();
        let aliased = alias(c.id).is_some();
        let explained = not_implemented_reason(c.id).is_some();
        let answers = [implemented, aliased, explained].iter().filter(|b| **b).count();
        assert_eq!(answers, 1, "{}: implemented {implemented}, aliased {aliased}, explained {explained}", c.id);
    }
    for (id, reason) in not_implemented() {
        let known = find(id).unwrap_or_else(|| panic!("{id}: not a Prowler check"));
        assert!(AUDITED_SERVICES.contains(&known.service), "{id}: not a service argus audits");
        assert!(!reason.is_empty(), "{id}: no reason");
    }
}

#[test]
fn aliases_are_prowler_ids_declared_once_and_never_an_argus_id() {
    let mut seen = BTreeSet::new();
    for m in metadata::all() {
        for a in &m.prowler_aliases {
            assert!(find(&a.id).is_some(), "{}: alias {} is not a Prowler check", m.id, a.id);
            assert!(metadata::find(&a.id).is_none(), "{}: alias {} is an argus check", m.id, a.id);
            assert!(seen.insert(a.id.as_str()), "alias {} declared twice", a.id);
            // A finding's own id and a whole-check alias would be synonyms, which muting part by part
            // (mutelist/check_ids.rs) does not model: every alias names the part of the check it answers.
            assert!(a.is_scoped(), "{}: alias {} answers the whole check", m.id, a.id);
        }
    }
}

#[test]
fn ids_resolve_to_checks_aliases_or_an_explanation() {
    assert!(matches!(resolve("s3_bucket_public_access"), Ok(Named::Check(m)) if m.id == "s3_bucket_public_access"));
    let mysql = "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306";
    match resolve(mysql) {
        Ok(Named::Alias { check, alias }) => {
            assert_eq!(check.id, "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports");
            assert_eq!(alias.tcp_ports, vec![3306]);
        }
        other => panic!("{other:?}"),
    }
    let not_implemented = resolve("s3_bucket_shadow_resource_vulnerability").unwrap_err().to_string();
    assert!(not_implemented.contains("not implemented by argus: "), "{not_implemented}");
    assert!(not_implemented.contains("docs/prowler-parity.md"), "{not_implemented}");
    let other = resolve("sagemaker_clarify_exists").unwrap_err().to_string();
    assert!(other.contains("not implemented by argus: argus does not audit the sagemaker service"), "{other}");
}

#[test]
fn a_typo_is_unknown_with_the_closest_ids_suggested() {
    let typo = resolve("s3_bucket_publc_access").unwrap_err();
    let Unanswered::Unknown { suggestions, .. } = &typo else { panic!("{typo:?}") };
    assert_eq!(suggestions.first().map(String::as_str), Some("s3_bucket_public_access"), "{suggestions:?}");
    assert!(suggestions.len() <= 3);
    assert!(typo.to_string().contains("did you mean s3_bucket_public_access"), "{typo}");
    let alias_typo = resolve("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3307").unwrap_err();
    assert!(alias_typo.to_string().contains("tcp_port_mysql_3306"), "{alias_typo}");
    let nonsense = resolve("zzzz").unwrap_err();
    assert_eq!(nonsense.to_string(), "unknown check id 'zzzz' (see `argus checks list`)");
}
