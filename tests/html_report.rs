//! The HTML report of the seeded demo account in real headless Chromium: it shows the findings, the
//! filter works, and hostile strings from the account (a resource named `<img src=x onerror=…>`, a
//! tag value containing `</script>`) stay inert text, and attack paths are drawn as inline SVG whose
//! hostile hop names (a user named `</svg><script>…`) are text too, under the same CSP.

mod common;
mod support;

use common::{argus_ok, file_ending, read_json};
use std::path::Path;
use std::process::Command;
use support::Emulator;

const XSS_NAME: &str = "<img src=x onerror=alert(1)>";
/// The administrator user tests/seed/xss.py names to break out of the path drawing.
const PATH_USER: &str = "</svg><script>document.title='pwned'</script>";

fn chromium() -> &'static str {
    for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] {
        if Path::new(c).exists() {
            return c;
        }
    }
    panic!("Chromium is not installed: scripts/test.sh installs Debian's `chromium` package");
}

/// The DOM after the page's scripts ran, as Chromium serialises it.
fn dump_dom(url: &str) -> String {
    let profile = support::ReportDir::new();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The opening tags of the findings table's rows.
fn finding_rows(dom: &str) -> Vec<&str> {
    dom.match_indices("<tr class=\"finding")
        .map(|(i, _)| {
            let end = dom[i..].find('>').map(|e| i + e).unwrap_or(dom.len());
            &dom[i..end]
        })
        .collect()
}

#[test]
fn html_report_in_headless_chromium() {
    let em = Emulator::moto();
    em.seed("localstack/seed_demo.py", &["--regions", "us-east-1", "--flavour", "moto"]);
    em.seed("tests/seed/xss.py", &[]);
    let dir = support::ReportDir::new();
    let d = dir.path().to_string_lossy().to_string();
    argus_ok(
        &em,
        &[
            "scan",
            "--endpoint-url",
            &em.endpoint(),
            "--regions",
            "us-east-1",
            "--output-dir",
            &d,
            "--output-formats",
            "html",
        ],
        &[3],
    );
    let html = file_ending(dir.path(), ".html");
    let findings = read_json(&file_ending(dir.path(), ".findings.json"));
    let total = findings["findings"].as_array().map(Vec::len).unwrap_or(0);
    let url = format!("file://{}", html.display());

    // Every finding is a row, and with no filter none is hidden.
    let dom = dump_dom(&url);
    let rows = finding_rows(&dom);
    assert_eq!(rows.len(), total, "one table row per finding");
    assert!(rows.iter().all(|r| !r.contains(" hidden")), "no row hidden without a filter");
    assert!(dom.contains("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"));

    // The filter: only rows mentioning the text stay visible.
    let filtered = dump_dom(&format!("{url}#filter=argus-hostile-tags"));
    let rows = finding_rows(&filtered);
    let visible: Vec<_> = rows.iter().filter(|r| !r.contains(" hidden")).collect();
    assert!(!visible.is_empty(), "the filter must leave the bucket's findings visible");
    assert!(visible.len() < rows.len(), "the filter must hide the other findings");
    let bucket_findings = findings["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["resource_id"] == "argus-hostile-tags").count())
        .unwrap_or(0);
    assert_eq!(visible.len(), bucket_findings, "visible rows = findings about the filtered bucket");

    // Hostile strings are text, not markup: no injected element, no script ran.
    assert!(findings.to_string().contains("onerror=alert(1)"), "the hostile name is in the findings");
    assert!(filtered.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name is shown as text");
    assert!(filtered.contains("&lt;/script&gt;"), "the tag value is shown as text");
    for dom in [&dom, &filtered] {
        assert!(!dom.contains(XSS_NAME), "raw <img onerror> element in the DOM");
        assert!(!dom.contains("<img src=\"x\""), "injected <img> element in the DOM");
        assert!(!dom.contains("<title>pwned"), "an injected script ran");
        assert!(!dom.contains("<script>document.title"), "a tag value broke out of its context");
    }

    // Attack paths: one inline <svg> per path the findings hold, parsed as SVG elements.
    let drawn: usize = findings["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["attack_paths"].as_array()).map(Vec::len).sum())
        .unwrap_or(0);
    let escalation = findings["findings"]
        .as_array()
        .and_then(|a| {
            a.iter().find(|f| {
                f["check_id"] == "paths_principal_can_escalate_to_admin" && f["resource_name"] == "argus-path-dev"
            })
        })
        .expect("a finding for argus-path-dev");
    assert_eq!(escalation["status"], "FAIL", "{escalation}");
    assert_eq!(escalation["attack_paths"][0]["hops"][1]["name"], PATH_USER, "{escalation}");
    assert!(drawn >= 1);
    assert_eq!(dom.matches("<svg class=\"attack-path\"").count(), drawn, "one drawing per path");
    assert!(dom.matches("<g class=\"hop ").count() >= 2 * drawn, "every drawing has its hops");
    assert!(dom.contains(">argus-path-dev</text>"), "a hop label is SVG text");
    assert!(dom.contains("&lt;/svg&gt;&lt;script&gt;docume…</text>"), "the hostile hop is cut, escaped text");
    assert!(
        dom.contains("<title>user &lt;/svg&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "its full name"
    );
    // The CSP is unchanged and still the only way a script runs: the report's own script is the only one.
    assert!(dom.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-"));
    assert_eq!(dom.matches("<script").count(), 1, "only the report's own script element");
}
