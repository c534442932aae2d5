use super::*;
use crate::engine::Status;
use proptest::prelude::*;

fn finding(check: &str, account: &str, region: &str, resource: &str) -> Finding {
    let service = check.split('_').next().unwrap_or_default();
    Finding {
        message: "m".into(),
        ..crate::testing::finding_about(check, service, account, region, resource, Status::Fail)
    }
}

fn tagged(mut f: Finding, tags: &[(&str, &str)]) -> Finding {
    std::sync::Arc::make_mut(&mut f.resource).tags = tags.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    f
}

fn mutelist(yaml: &str) -> Mutelist {
    match Mutelist::from_yaml(yaml) {
        Ok(m) => m,
        Err(e) => panic!("mutelist should parse: {e}"),
    }
}

fn error(yaml: &str) -> MutelistError {
    match Mutelist::from_yaml(yaml) {
        Ok(_) => panic!("mutelist should be refused"),
        Err(e) => e,
    }
}

const A: &str = "111111111111";
const B: &str = "222222222222";

/// One rule for every account.
fn rule(check: &str, body: &str) -> String {
    let body: String = body.lines().map(|l| format!("          {l}\n")).collect();
    format!("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"{check}\":\n{body}")
}

#[test]
fn specific_account_only_mutes_that_account() {
    let m = mutelist(&format!(
        "Mutelist:\n  Accounts:\n    \"{A}\":\n      Checks:\n        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
    ));
    assert!(m.is_muted(&finding("s3_x", A, "us-east-1", "b")));
    assert!(!m.is_muted(&finding("s3_x", B, "us-east-1", "b")));
}

#[test]
fn account_keys_are_exact_not_regex() {
    let m = mutelist(
        "Mutelist:\n  Accounts:\n    \"1111\":\n      Checks:\n        \"*\": {Regions: [\"*\"], Resources: [\"*\"]}\n",
    );
    assert!(!m.is_muted(&finding("s3_x", A, "us-east-1", "b")));
}

#[test]
fn star_account_and_specific_account_blocks_both_apply() {
    let m = mutelist(&format!(
        "Mutelist:
  Accounts:
    \"{A}\":
      Checks:
        \"iam_.*\": {{Regions: [\"*\"], Resources: [\"*\"]}}
    \"*\":
      Checks:
        \"s3_bucket_versioning\": {{Regions: [\"*\"], Resources: [\"*\"]}}
"
    ));
    assert!(m.is_muted(&finding("iam_user_mfa", A, "global", "u")));
    assert!(!m.is_muted(&finding("iam_user_mfa", B, "global", "u")));
    assert!(m.is_muted(&finding("s3_bucket_versioning", B, "eu-west-1", "b")));
}

#[test]
fn checks_match_exactly_by_regex_search_or_star() {
    let exact = mutelist(&rule("s3_bucket_versioning", "Regions: [\"*\"]\nResources: [\"*\"]"));
    assert!(exact.is_muted(&finding("s3_bucket_versioning", A, "r", "b")));
    assert!(!exact.is_muted(&finding("s3_bucket_public_access", A, "r", "b")));

    let regex = mutelist(&rule("^s3_.*_public", "Regions: [\"*\"]\nResources: [\"*\"]"));
    assert!(regex.is_muted(&finding("s3_bucket_public_access", A, "r", "b")));
    assert!(!regex.is_muted(&finding("ec2_s3_public", A, "r", "b")));

    // Prowler searches unanchored: "ec2_*" (ec2 followed by any number of "_") matches every ec2 check.
    let prowler_style = mutelist(&rule("ec2_*", "Regions: [\"*\"]\nResources: [\"*\"]"));
    assert!(prowler_style.is_muted(&finding("ec2_instance_imdsv2_enabled", A, "r", "i-1")));

    let all = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]"));
    assert!(all.is_muted(&finding("kms_key_rotation", A, "r", "k")));
}

#[test]
fn lambda_check_names_read_as_awslambda() {
    let m = mutelist(&rule("lambda_function_url_public", "Regions: [\"*\"]\nResources: [\"*\"]"));
    assert!(m.is_muted(&finding("awslambda_function_url_public", A, "r", "fn")));
}

#[test]
fn regions_are_regexes() {
    let m = mutelist(&rule("*", "Regions: [\"eu-west-1\", \"^ap-\"]\nResources: [\"*\"]"));
    assert!(m.is_muted(&finding("s3_x", A, "eu-west-1", "b")));
    assert!(m.is_muted(&finding("s3_x", A, "ap-southeast-2", "b")));
    assert!(!m.is_muted(&finding("s3_x", A, "us-east-1", "b")));
}

#[test]
fn empty_regions_or_resources_mute_nothing() {
    assert!(!mutelist(&rule("*", "Regions: []\nResources: [\"*\"]")).is_muted(&finding("s3_x", A, "r", "b")));
    assert!(!mutelist(&rule("*", "Regions: [\"*\"]\nResources: []")).is_muted(&finding("s3_x", A, "r", "b")));
}

#[test]
fn resources_match_id_arn_or_name_unanchored() {
    let m = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"logs\"]"));
    assert!(m.is_muted(&finding("s3_x", A, "r", "ci-logs-replica")));
    assert!(!m.is_muted(&finding("s3_x", A, "r", "website")));

    let by_arn = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"^arn:aws:s3:::website$\"]"));
    assert!(by_arn.is_muted(&finding("s3_x", A, "r", "website")));
    assert!(!by_arn.is_muted(&finding("s3_x", A, "r", "website2")));

    let mut secret = finding("secretsmanager_x", A, "r", "arn:aws:secretsmanager:r:1:secret:db-AbC");
    std::sync::Arc::make_mut(&mut secret.resource).name = "db".into();
    let by_name = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"^db$\"]"));
    assert!(by_name.is_muted(&secret));
}

#[test]
fn tags_are_anded_and_alternation_ors() {
    let both = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags: [\"env=dev\", \"team=web\"]"));
    let f = finding("s3_x", A, "r", "b");
    assert!(both.is_muted(&tagged(f.clone(), &[("env", "dev"), ("team", "web")])));
    assert!(!both.is_muted(&tagged(f.clone(), &[("env", "dev")])));
    assert!(!both.is_muted(&f));

    let either = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags: [\"env=dev|env=stg\"]"));
    assert!(either.is_muted(&tagged(f.clone(), &[("env", "stg")])));
    assert!(!either.is_muted(&tagged(f.clone(), &[("env", "prod")])));

    let regex = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags: [\"^owner=.*@example\\\\.com\"]"));
    assert!(regex.is_muted(&tagged(f.clone(), &[("owner", "ana@example.com")])));
    assert!(!regex.is_muted(&tagged(f.clone(), &[("owner", "ana@example.org")])));

    // As in Prowler, a tag pattern is searched in "k1=v1 | k2=v2": unanchored patterns match substrings.
    let loose = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags: [\"env=dev\"]"));
    assert!(loose.is_muted(&tagged(f.clone(), &[("env", "development")])));

    let no_tags = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags: []"));
    assert!(no_tags.is_muted(&f));
}

#[test]
fn exception_fields_given_are_anded() {
    let m = mutelist(&rule(
        "*",
        "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions:\n  Accounts: [\"^111111111111$\"]\n  Regions: [\"eu-west-1\", \"eu-south-2\"]",
    ));
    // Excepted only where both the account and the region match.
    assert!(!m.is_muted(&finding("s3_x", A, "eu-west-1", "b")));
    assert!(m.is_muted(&finding("s3_x", A, "us-east-1", "b")));
    assert!(m.is_muted(&finding("s3_x", B, "eu-west-1", "b")));
}

#[test]
fn exceptions_on_resources_and_tags() {
    let m = mutelist(&rule(
        "*",
        "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions:\n  Resources: [\"test\"]\n  Tags: [\"environment=prod\"]",
    ));
    let f = finding("s3_x", A, "r", "test-bucket");
    assert!(!m.is_muted(&tagged(f.clone(), &[("environment", "prod")])));
    assert!(m.is_muted(&f), "tags exception not met");
    assert!(m.is_muted(&tagged(finding("s3_x", A, "r", "other"), &[("environment", "prod")])));

    let only_tags =
        mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions:\n  Tags: [\"a=1\", \"b=2\"]"));
    assert!(!only_tags.is_muted(&tagged(f.clone(), &[("a", "1"), ("b", "2")])));
    assert!(only_tags.is_muted(&tagged(f.clone(), &[("a", "1")])));

    let empty = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions: {}"));
    assert!(empty.is_muted(&f));
}

#[test]
fn an_applicable_exception_stops_later_rules_of_the_same_block() {
    let m = mutelist(
        "Mutelist:
  Accounts:
    \"*\":
      Checks:
        \"*\":
          Regions: [\"*\"]
          Resources: [\"*\"]
          Exceptions:
            Tags: [\"env=prod\"]
        \"s3_bucket_public_access\":
          Regions: [\"*\"]
          Resources: [\"website\"]
",
    );
    let prod = tagged(finding("s3_bucket_public_access", A, "r", "website"), &[("env", "prod")]);
    assert!(!m.is_muted(&prod), "Prowler stops at the excepting rule");
    assert!(m.is_muted(&finding("s3_bucket_public_access", A, "r", "website")));
}

#[test]
fn apply_sets_muted_and_keeps_status() {
    let m = mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"^muted-\"]"));
    let mut findings = vec![finding("s3_x", A, "r", "muted-1"), finding("s3_x", A, "r", "kept")];
    findings[0].status = Status::Pass;
    m.apply(&mut findings);
    assert!(findings[0].muted);
    assert_eq!(findings[0].status, Status::Pass);
    assert!(!findings[1].muted);
    assert_eq!(findings[1].status, Status::Fail);
}

#[test]
fn description_fields_are_accepted_and_ignored() {
    let m =
        mutelist(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nDescription: \"accepted by the security team\""));
    assert!(m.is_muted(&finding("s3_x", A, "r", "b")));
}

#[test]
fn invalid_yaml_names_the_line() {
    let e = error("Mutelist:\n  Accounts:\n    \"*\":\n      Checks: [unclosed\n");
    assert!(e.line.is_some(), "{e:?}");
    assert!(e.to_string().starts_with(&format!("line {}", e.line.unwrap_or(0))), "{e}");

    let tab = error("Mutelist:\n  Accounts:\n\t\"*\": {}\n");
    assert_eq!(tab.line, Some(3), "{tab}");
}

#[test]
fn invalid_regex_names_path_line_and_column() {
    let yaml = "Mutelist:
  Accounts:
    \"*\":
      Checks:
        \"s3_.*\":
          Regions: [\"*\"]
          Resources:
            - \"ok\"
            - \"also-ok\"
            - \"bad(\"
";
    let e = error(yaml);
    assert_eq!(e.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."s3_.*".Resources[2]"#));
    assert_eq!((e.line, e.column), (Some(10), Some(15)), "{e}");
    assert!(e.message.contains("invalid regular expression \"bad(\""), "{e}");
    assert!(!e.message.contains('\n'), "{e}");
}

#[test]
fn invalid_check_regex_points_at_the_key() {
    let e = error("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"s3_[\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n");
    assert_eq!((e.line, e.column), (Some(5), Some(9)), "{e}");
    assert_eq!(e.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."s3_[""#));
}

#[test]
fn lookaround_is_reported_as_unsupported() {
    let e = error(&rule("*", "Regions: [\"*\"]\nResources: [\"^(?!prod)\"]"));
    assert!(e.message.contains("look-around"), "{e}");
}

#[test]
fn structure_errors_are_clear() {
    let missing = error(&rule("*", "Regions: [\"*\"]"));
    assert!(missing.message.contains("missing field `Resources`"), "{missing}");
    assert_eq!(missing.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."*""#));
    assert_eq!(missing.line, Some(6), "{missing}");

    let typo = error(&rule("*", "Regions: [\"*\"]\nResource: [\"*\"]"));
    assert!(typo.message.contains("unknown field `Resource`"), "{typo}");
    assert_eq!((typo.line, typo.column), (Some(7), Some(11)), "{typo}");

    let not_list = error(&rule("*", "Regions: \"*\"\nResources: [\"*\"]"));
    assert!(not_list.message.contains("expected a list"), "{not_list}");
    assert_eq!(not_list.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."*".Regions"#));

    let number = error("Mutelist:\n  Accounts:\n    123456789012:\n      Checks: {}\n");
    assert!(number.message.contains("quote it"), "{number}");
    assert_eq!(number.line, Some(3));

    let dup = error(
        "Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"*\": {Regions: [\"a\"], Resources: [\"*\"]}\n        \"*\": {Regions: [\"b\"], Resources: [\"*\"]}\n",
    );
    assert!(dup.message.contains("duplicate key"), "{dup}");
    assert_eq!(dup.line, Some(6), "{dup}");

    assert!(error("").message.contains("empty"));
    assert!(error("Other: 1\n").message.contains("Mutelist"));
    assert!(error("Mutelist:\n  Accounts:\n").message.contains("must be a mapping"));
    assert!(error("Mutelist: {Accounts: {}}\n---\nMutelist: {Accounts: {}}\n").message.contains("invalid YAML"));
}

#[test]
fn shape_errors_are_not_called_invalid_yaml() {
    for (yaml, expected) in [
        ("- Mutelist\n", "expected a mapping with a top-level `Mutelist:` key"),
        ("Mutelist: {Accounts: {}}\nMutelist: {Accounts: {}}\n", "duplicate field `Mutelist`"),
        ("Mutelist:\n", "missing field `Accounts`"),
        ("Mutelist: {Accounts: []}\n", "expected `Accounts` to be a mapping"),
    ] {
        let e = error(yaml);
        assert!(e.message.contains(expected) && !e.message.contains("invalid YAML"), "{yaml:?}: {e}");
        assert_eq!(e.line, Some(1), "{e}");
    }
    let syntax = error("Mutelist:\n  Accounts: {\"*\": {Checks: {}}\n");
    assert!(syntax.message.starts_with("invalid YAML: "), "{syntax}");
    assert!(syntax.line.is_some() && syntax.path.is_none(), "{syntax:?}");
    for empty in ["", "# only a comment\n", "---\n...\n"] {
        assert!(error(empty).message.contains("the file is empty"), "{empty:?}");
    }
}

#[test]
fn values_of_the_wrong_kind_name_their_line_and_field() {
    let number = error(&rule("*", "Regions: [\"*\"]\nResources: [\"*\", 123456789012]"));
    assert!(number.message.contains("YAML read 123456789012 as a number; quote it"), "{number}");
    assert_eq!(number.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."*".Resources[1]"#));
    assert_eq!((number.line, number.column), (Some(7), Some(28)), "{number}");

    let null_exceptions = error(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions: null"));
    assert!(null_exceptions.message.contains("`Exceptions`"), "{null_exceptions}");
    assert_eq!(null_exceptions.line, Some(8), "{null_exceptions}");

    let null_tags = error(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nTags:"));
    assert!(null_tags.message.contains("expected a list of patterns"), "{null_tags}");

    let description = error(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nDescription: [a]"));
    assert!(description.message.contains("expected text"), "{description}");
    assert_eq!(description.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."*".Description"#));

    let bad_exception = error(&rule("*", "Regions: [\"*\"]\nResources: [\"*\"]\nExceptions:\n  Account: [\"1\"]"));
    assert!(bad_exception.message.contains("unknown field `Account`"), "{bad_exception}");
    assert_eq!((bad_exception.line, bad_exception.column), (Some(9), Some(13)), "{bad_exception}");

    let tagged = error(&rule("*", "Regions: [!re \"*\"]\nResources: [\"*\"]"));
    assert!(tagged.message.contains("expected a quoted pattern"), "{tagged}");
}

#[test]
fn a_duplicate_account_key_points_at_the_second_one() {
    let e = error("Mutelist:\n  Accounts:\n    \"*\":\n      Checks: {}\n    \"*\":\n      Checks: {}\n");
    assert!(e.message.contains("duplicate key \"*\" in `Accounts`"), "{e}");
    assert_eq!((e.line, e.column), (Some(5), Some(5)), "{e}");
    assert_eq!(e.path.as_deref(), Some(r#"Mutelist.Accounts."*""#));
}

#[test]
fn errors_do_not_leak_into_the_next_read() {
    let _ =
        error("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"s3_[\": {Regions: [], Resources: []}\n");
    let e = error(&rule("*", "Regions: \"*\"\nResources: [\"*\"]"));
    assert_eq!(e.path.as_deref(), Some(r#"Mutelist.Accounts."*".Checks."*".Regions"#));
    // The compiler's budget is per file: a file read after a refused one starts from nothing.
    assert!(Mutelist::from_yaml(&many_rules(200, |i| format!("[a-z]{{1,8000}}{i}"))).is_ok());
}

#[test]
fn empty_accounts_mute_nothing() {
    let m = mutelist("Mutelist:\n  Accounts: {}\n");
    assert!(m.is_empty());
    assert!(!m.is_muted(&finding("s3_x", A, "r", "b")));
}

#[test]
fn documented_example_parses_and_behaves() {
    let m = mutelist(include_str!("../../../../docs/mutelist-example.yaml"));
    assert!(!m.is_empty());
    let website = finding("s3_bucket_public_access", A, "us-east-1", "www.example.com");
    assert!(m.is_muted(&website));
}

/// `count` rules for every account, each with its own check name and resource pattern.
fn many_rules(count: usize, resource: impl Fn(usize) -> String) -> String {
    let mut yaml = String::from("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n");
    for i in 0..count {
        yaml.push_str(&format!(
            "        \"check_{i:05}\": {{Regions: [\"*\"], Resources: [{}]}}\n",
            serde_json::to_string(&resource(i)).unwrap_or_default()
        ));
    }
    yaml
}

#[test]
fn patterns_are_capped_in_total_not_only_each() {
    // Each pattern is under the cap for one pattern (0.75 MiB compiled), but two thousand of them
    // took gigabytes; the budget for the whole file refuses them once it is spent.
    let yaml = many_rules(2000, |i| format!("[a-z]{{1,8000}}{i}"));
    assert!(yaml.len() < 200 << 10, "a small file: {} bytes", yaml.len());
    let e = error(&yaml);
    assert!(e.message.contains("MiB allowed for a whole mutelist"), "{e}");
    assert!(e.line.is_some() && e.path.as_deref().is_some_and(|p| p.ends_with("Resources[0]")), "{e:?}");
}

#[test]
fn one_oversized_pattern_is_refused_by_name() {
    let e = error(&rule("*", "Regions: [\"*\"]\nResources: [\"[a-z]{1,100000}\"]"));
    assert!(e.message.contains("allowed for one pattern"), "{e}");
}

#[test]
fn files_over_the_size_cap_are_refused_before_parsing() {
    let mut yaml = rule("*", "Regions: [\"*\"]\nResources: [\"*\"]");
    yaml.push_str(&"# padding\n".repeat((MAX_FILE_BYTES / 10) as usize + 1));
    assert!(error(&yaml).message.contains("larger than the 16 MiB"));
    let e = match Mutelist::from_reader(std::io::Cursor::new(yaml.into_bytes())) {
        Ok(_) => panic!("refused"),
        Err(e) => e,
    };
    assert!(e.message.contains("larger than the 16 MiB"), "{e}");
}

#[test]
fn repeated_patterns_share_one_compiled_regex() {
    let m = mutelist(&many_rules(3, |_| "^web-.*$".into()));
    let regexes: Vec<_> = m.blocks[0]
        .rules
        .iter()
        .map(|r| match &r.resources[0].matcher {
            Matcher::Regex(regex) => std::sync::Arc::as_ptr(regex),
            Matcher::Text { .. } => panic!("a regex"),
        })
        .collect();
    assert!(regexes.windows(2).all(|w| w[0] == w[1]));
    assert!(m.is_muted(&finding("check_00001", A, "r", "web-1")));
    assert!(!m.is_muted(&finding("check_00001", A, "r", "db-1")));
}

/// 60,000 rules, each with its own check and resource: duplicate detection was quadratic (24 s in a
/// release build, minutes in a debug one). Measured after: see the mutelist's module documentation.
#[test]
fn sixty_thousand_rules_load() {
    // Most rules name one bucket (compared as text); one in ten is a regex, within the memory budget.
    let yaml =
        many_rules(60_000, |i| if i % 10 != 9 { format!("^bucket-{i}$") } else { format!("^bucket-{i}(-.*)?$") });
    let m = mutelist(&yaml);
    assert_eq!(m.blocks[0].rules.len(), 60_000);
    assert!(m.is_muted(&finding("check_59998", A, "r", "bucket-59998")));
    assert!(!m.is_muted(&finding("check_59998", A, "r", "bucket-5999")));
    assert!(m.is_muted(&finding("check_59999", A, "r", "bucket-59999-replica")));
    assert!(!m.is_muted(&finding("check_59999", A, "r", "bucket-599990")));
    let dup = format!("{yaml}        \"check_00000\": {{Regions: [\"*\"], Resources: [\"*\"]}}\n");
    assert!(error(&dup).message.contains("duplicate key \"check_00000\""));
}

proptest! {
    #[test]
    fn parse_never_panics_on_arbitrary_text(text in ".{0,300}") {
        parse_for_fuzz(text.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_yaml_like_text(text in "[ \\-:\\[\\]{}*|\"'\\\\.()?!&,#\nA-Za-z0-9_=]{0,300}") {
        parse_for_fuzz(text.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        parse_for_fuzz(&bytes);
    }

    /// Patterns found to be plain text are searched as text: the same verdict as the compiled regex.
    #[test]
    fn literal_patterns_match_as_their_regex_does(pattern in "\\^?[a-z0-9 _:/#&~@=,-]{0,12}\\$?", text in "[a-z0-9 _:/#&~@=,-]{0,30}") {
        let with = |p: &str| mutelist(&rule("*", &format!("Regions: [\"*\"]\nResources: [{}]", serde_json::to_string(p).unwrap_or_default())));
        let literal = with(&pattern);
        let regex = with(&format!("(?:{pattern})"));
        let is_text = matches!(literal.blocks[0].rules[0].resources[0].matcher, Matcher::Text { .. });
        prop_assert!(is_text);
        prop_assert!(matches!(regex.blocks[0].rules[0].resources[0].matcher, Matcher::Regex(_)));
        let f = finding("s3_x", A, "r", &text);
        prop_assert_eq!(literal.is_muted(&f), regex.is_muted(&f));
    }

    #[test]
    fn any_pattern_in_a_valid_file_is_accepted_or_refused_cleanly(pattern in ".{0,40}") {
        let yaml = rule("*", &format!("Regions: [\"*\"]\nResources: [{}]", serde_json::to_string(&pattern).unwrap_or_default()));
        if let Err(e) = Mutelist::from_yaml(&yaml) {
            prop_assert!(!e.message.is_empty());
        }
    }
}
