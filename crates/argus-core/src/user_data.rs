//! Reduces EC2 user data to facts, so the text never has to be stored.
//!
//! User data is a script or a cloud-init document, not key=value pairs, and it arrives base64-encoded
//! and often gzip-compressed. The collector hands [`reduce`] the base64 text while it holds the API's
//! answer and keeps only the result: the lines that assign a credential-like name a value
//! (`export DB_PASSWORD=…`, `password: …`, `--api-token …`, `aws configure set aws_secret_access_key …`)
//! or hold a known credential format (AWS access keys, private key blocks, tokens, URLs with a
//! password), each reduced by [`crate::env_facts`] like a Lambda variable: detectors, entropy and a
//! masked preview. Decoding is bounded, so a hostile payload (a gzip bomb) costs at most
//! [`MAX_DECODED_BYTES`] of memory.

use crate::env_facts::{self, ValueIgnores};
use crate::snapshot::{EnvVarFacts, TextSecret, UserDataFacts};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use regex::Regex;
use std::io::Read;
use std::sync::LazyLock;

/// AWS accepts at most 16 KB of user data (before base64); anything up to four times that is read,
/// anything beyond is not user data AWS accepted and is only partly scanned.
pub const MAX_ENCODED_BYTES: usize = 64 * 1024 / 3 * 4;
/// Decompressed text beyond this is not scanned: gzip expands up to ~1000x.
pub const MAX_DECODED_BYTES: usize = 1024 * 1024;
/// The secrets kept per text; the rest are only counted.
pub const MAX_SECRETS: usize = 50;

const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The facts about one base64-encoded user data text. The decoded text is dropped on return.
pub fn reduce(base64_text: &str, ignores: &ValueIgnores) -> UserDataFacts {
    let mut unscanned: Vec<String> = Vec::new();
    let mut encoded: Vec<u8> = base64_text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if encoded.len() > MAX_ENCODED_BYTES {
        unscanned
            .push(format!("it is {} base64 characters; only the first {MAX_ENCODED_BYTES} were read", encoded.len()));
        encoded.truncate(MAX_ENCODED_BYTES);
    }
    let raw = match BASE64.decode(&encoded) {
        Ok(raw) => raw,
        Err(e) => {
            return UserDataFacts { unscanned: Some(format!("it is not valid base64 ({e})")), ..Default::default() }
        }
    };
    let gzipped = raw.starts_with(&[0x1f, 0x8b]);
    let bytes = if gzipped {
        let mut out = Vec::new();
        let limit = MAX_DECODED_BYTES as u64 + 1;
        if let Err(e) = flate2::read::MultiGzDecoder::new(raw.as_slice()).take(limit).read_to_end(&mut out) {
            unscanned.push(format!("its gzip data is corrupt ({e}); only what decompressed was scanned"));
        }
        out
    } else {
        raw
    };
    let mut bytes = bytes;
    if bytes.len() > MAX_DECODED_BYTES {
        unscanned
            .push(format!("it expands beyond {} KiB; only the first {0} KiB were scanned", MAX_DECODED_BYTES / 1024));
        bytes.truncate(MAX_DECODED_BYTES);
    }
    let text = String::from_utf8_lossy(&bytes);
    if matches!(text, std::borrow::Cow::Owned(_)) && bytes.len() < MAX_DECODED_BYTES {
        unscanned.push(
            "it is not UTF-8 text (binary, or another encoding); it was scanned as far as it reads as text".into(),
        );
    }
    let mut secrets = scan_text(&text, ignores);
    let more_secrets = secrets.len().saturating_sub(MAX_SECRETS);
    secrets.truncate(MAX_SECRETS);
    UserDataFacts {
        size: bytes.len(),
        gzipped,
        unscanned: (!unscanned.is_empty()).then(|| unscanned.join("; ")),
        secrets,
        more_secrets,
    }
}

/// `NAME=value`, `NAME: value`, `"NAME": "value"` and `--name=value` anywhere on a line, after an
/// optional `export`/`set`. A colon counts only when followed by a space or the line's end, so URLs
/// and `user:pass` pairs are not assignments (URLs with passwords are a known format).
static ASSIGNMENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?:^|[\s;&|(,{\[])(?:export\s+|set\s+|readonly\s+|local\s+)?["']?(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)["']?"#,
        r#"\s*(?:=|:(?:\s|$))\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|,}\]]*)"#
    ))
    .ok()
});

/// `--name value` (a command-line flag followed by its value).
static FLAG: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"(?:^|\s)--?([A-Za-z][A-Za-z0-9_-]*)\s+("[^"]*"|'[^']*'|[^\s;&|-][^\s;&|]*)"#).ok());

/// `aws configure set NAME VALUE`.
static AWS_CONFIGURE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"aws\s+configure\s+set\s+(\S+)\s+("[^"]*"|'[^']*'|\S+)"#).ok());

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// The (name, value) pairs a line assigns.
fn assignments(line: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut collect = |re: &LazyLock<Option<Regex>>, flag_only_if_secret: bool| {
        if let Some(re) = re.as_ref() {
            for c in re.captures_iter(line) {
                if let (Some(name), Some(value)) = (c.get(1), c.get(2)) {
                    let (name, value) = (name.as_str(), unquote(value.as_str()));
                    if value.is_empty() || (flag_only_if_secret && !env_facts::has_secret_keyword(name)) {
                        continue;
                    }
                    out.push((name, value));
                }
            }
        }
    };
    collect(&ASSIGNMENT, false);
    collect(&FLAG, true);
    collect(&AWS_CONFIGURE, false);
    out
}

/// The secret-looking items of a text, in line order.
pub fn scan_text(text: &str, ignores: &ValueIgnores) -> Vec<TextSecret> {
    let has_access_key = env_facts::matches_format(text, "aws-access-key-id");
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut on_line: Vec<EnvVarFacts> = Vec::new();
        for (name, value) in assignments(line) {
            let name = name.trim_start_matches('-');
            let mut facts = env_facts::facts(name, value, has_access_key);
            // In a script, a name-driven verdict needs a typed-in value under a name that holds it:
            // `--password "$DB_PASSWORD"` and `TOKEN_URL=https://…` pass values along or describe them.
            if !env_facts::is_literal_value(value) || env_facts::is_descriptive_name(name) {
                facts.detectors.retain(|d| !env_facts::is_name_driven(d));
            }
            if facts.detectors.is_empty() && env_facts::is_literal_secret_assignment(name, value) {
                facts.detectors.push(env_facts::SECRET_NAME_LITERAL.to_string());
            }
            if !facts.detectors.is_empty() && !on_line.iter().any(|f| f.name == facts.name) {
                facts.value_ignored = ignores.matches(value);
                on_line.push(facts);
            }
        }
        // Credential formats outside any assignment found above (a key pasted into a heredoc).
        for (detector, matched) in env_facts::format_matches(line) {
            if on_line.iter().any(|f| f.detectors.iter().any(|d| d == detector)) {
                continue;
            }
            on_line.push(EnvVarFacts {
                name: detector.to_string(),
                length: matched.chars().count(),
                entropy: (env_facts::shannon_entropy(matched) * 100.0).round() / 100.0,
                detectors: vec![detector.to_string()],
                is_reference: false,
                value_ignored: ignores.matches(matched),
                masked_preview: env_facts::masked_preview(matched),
            });
        }
        found.extend(on_line.into_iter().map(|facts| TextSecret { line: index + 1, facts }));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn b64(text: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    fn gzip(text: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text).unwrap();
        enc.finish().unwrap()
    }

    /// (line, name, detectors), the name-driven detectors (whose choice depends on the value's
    /// entropy) shown as `name`.
    fn found(text: &str) -> Vec<(usize, String, Vec<String>)> {
        scan_text(text, &ValueIgnores::default())
            .into_iter()
            .map(|s| {
                let detectors = s
                    .facts
                    .detectors
                    .iter()
                    .map(|d| if env_facts::is_name_driven(d) { "name".to_string() } else { d.clone() })
                    .collect();
                (s.line, s.facts.name, detectors)
            })
            .collect()
    }

    const SCRIPT: &str = "#!/bin/bash\n\
        set -euo pipefail\n\
        export DB_PASSWORD=hunter2hunter2\n\
        export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n\
        export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n\
        cat > /etc/key.pem <<EOF\n\
        -----BEGIN RSA PRIVATE KEY-----\n\
        MIIEpAIBAAKCAQEA\n\
        EOF\n\
        mysql --password s3cr3tPass -h db\n\
        aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\
        curl https://example.com/install.sh | sh\n\
        LOG_LEVEL=debug\n";

    #[test]
    fn scripts_yield_assignments_flags_and_known_formats_with_their_lines() {
        assert_eq!(
            found(SCRIPT),
            vec![
                (3, "DB_PASSWORD".into(), vec!["name".to_string()]),
                (4, "AWS_ACCESS_KEY_ID".into(), vec!["aws-access-key-id".into()]),
                (5, "AWS_SECRET_ACCESS_KEY".into(), vec!["aws-secret-access-key".into()]),
                (7, "private-key".into(), vec!["private-key".into()]),
                (10, "password".into(), vec!["name".into()]),
                (11, "aws_secret_access_key".into(), vec!["aws-secret-access-key".into()]),
            ]
        );
    }

    #[test]
    fn cloud_init_yaml_and_json_assignments_are_read() {
        let yaml = "#cloud-config\nchpasswd:\n  list: |\n    root:Zq8rT2mW9kP4\npassword: Zq8rT2mW9kP4xY\n\
                    write_files:\n  - content: '{\"api_token\": \"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}'\n";
        let f = found(yaml);
        assert_eq!(f[0], (5, "password".into(), vec!["name".to_string()]));
        // The first assignment of a line takes the rest of its value: the token is reported under it.
        assert_eq!(f[1], (7, "content".into(), vec!["github-token".to_string()]));
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn expansions_references_and_descriptions_are_not_secrets() {
        let text = "DB_PASSWORD=$(aws ssm get-parameter --name /prod/db --with-decryption)\n\
                    API_TOKEN=${TOKEN}\nSECRET_ARN=arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbC123\n\
                    PASSWORD_FILE=/run/secrets/db\nTOKEN_URL=https://auth.example.com/token\n\
                    DB_PASSWORD_PARAM=/prod/db/password\nREQUIRE_PASSWORD=true\necho \"password: <your password>\"\n\
                    --password $DB_PASSWORD\nSECRET=\"{{resolve:ssm:/prod/x}}\"\n";
        assert_eq!(found(text), vec![]);
    }

    #[test]
    fn user_data_is_decoded_from_base64_and_gzip() {
        let plain = reduce(&b64(SCRIPT.as_bytes()), &ValueIgnores::default());
        assert_eq!((plain.size, plain.gzipped, plain.unscanned.as_deref()), (SCRIPT.len(), false, None));
        assert_eq!(plain.secrets.len(), 6);
        let zipped = reduce(&b64(&gzip(SCRIPT.as_bytes())), &ValueIgnores::default());
        assert!(zipped.gzipped);
        assert_eq!(zipped.secrets, plain.secrets);
        // Line breaks inside the base64 text (as some tools write it) are not an error.
        let wrapped: String =
            b64(SCRIPT.as_bytes()).as_bytes().chunks(60).map(|c| String::from_utf8_lossy(c) + "\n").collect();
        assert_eq!(reduce(&wrapped, &ValueIgnores::default()).secrets, plain.secrets);
    }

    #[test]
    fn a_gzip_bomb_is_scanned_up_to_the_bound_and_marked_unscanned() {
        let mut text = b"export API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789\n".to_vec();
        text.extend(std::iter::repeat_n(b'\n', 64 * 1024 * 1024));
        let bomb = gzip(&text);
        assert!(bomb.len() < 100 * 1024, "the bomb is small: {}", bomb.len());
        let f = reduce(&b64(&bomb), &ValueIgnores::default());
        assert_eq!(f.size, MAX_DECODED_BYTES);
        assert!(f.unscanned.as_deref().is_some_and(|u| u.contains("expands beyond 1024 KiB")), "{f:?}");
        assert_eq!(f.secrets.len(), 1, "what was read is still judged");
    }

    #[test]
    fn undecodable_user_data_is_unscanned_never_clean() {
        let f = reduce("not base64 at all!", &ValueIgnores::default());
        assert!(f.unscanned.as_deref().is_some_and(|u| u.starts_with("it is not valid base64")), "{f:?}");
        let corrupt = reduce(&b64(&[0x1f, 0x8b, 8, 0, 1, 2, 3]), &ValueIgnores::default());
        assert!(corrupt.unscanned.as_deref().is_some_and(|u| u.contains("gzip data is corrupt")), "{corrupt:?}");
        let binary = reduce(&b64(&[0xff, 0xfe, 0x00, 0x41]), &ValueIgnores::default());
        assert!(binary.unscanned.as_deref().is_some_and(|u| u.contains("not UTF-8")), "{binary:?}");
        let huge = reduce(&"QUFB".repeat(MAX_ENCODED_BYTES), &ValueIgnores::default());
        assert!(huge.unscanned.as_deref().is_some_and(|u| u.contains("base64 characters")), "{huge:?}");
    }

    #[test]
    fn the_kept_facts_never_hold_the_values() {
        let f = reduce(&b64(SCRIPT.as_bytes()), &ValueIgnores::default());
        let json = serde_json::to_string(&f).unwrap();
        for value in ["hunter2hunter2", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "s3cr3tPass", "MIIEpAIBAAKCAQEA"] {
            assert!(!json.contains(value), "{value} leaked into {json}");
        }
    }

    #[test]
    fn secrets_beyond_the_bound_are_counted() {
        let text: String = (0..MAX_SECRETS + 7).map(|i| format!("DB_PASSWORD_{i}=Zq8rT2mW9kP4xY{i}\n")).collect();
        let f = reduce(&b64(text.as_bytes()), &ValueIgnores::default());
        assert_eq!((f.secrets.len(), f.more_secrets), (MAX_SECRETS, 7));
    }

    #[test]
    fn value_patterns_of_the_config_mark_matching_values() {
        let ignores = ValueIgnores::new(&["AKIAIOSFODNN7EXAMPLE".to_string()]);
        let f = scan_text("KEY=AKIAIOSFODNN7EXAMPLE\nOTHER=AKIAI44QH8DHBEXAMPLE\n", &ignores);
        assert_eq!(f.iter().map(|s| s.facts.value_ignored).collect::<Vec<_>>(), [true, false]);
    }
}
