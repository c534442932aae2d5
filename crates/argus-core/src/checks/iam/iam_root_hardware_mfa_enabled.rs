//! The root user's MFA is a hardware device (or passkey), not a virtual one. Metadata: `checks/iam/iam_root_hardware_mfa_enabled.toml`.

use super::cred_common::{root_row, summary_value};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_root_hardware_mfa_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let root = ctx.account_resource();
    // A virtual device assigned to the root ARN settles it, whatever the other sources say.
    let root_virtual: Option<Vec<&str>> = iam.virtual_mfa_devices.ok().map(|devices| {
        devices
            .iter()
            .filter(|d| {
                // Only this account's devices are listed, so any `...:root` owner is its root user.
                d.user_arn.as_deref().is_some_and(|a| a.ends_with(":root"))
            })
            .map(|d| d.serial_number.as_str())
            .collect()
    });
    if let Some(serials) = root_virtual.as_ref().filter(|s| !s.is_empty()) {
        out.fail(
            root,
            format_args!(
                "The root user has a virtual MFA device ({}) instead of only hardware MFA devices or passkeys.",
                serials.join(", ")
            ),
        );
        return;
    }
    // Is root MFA on at all? The credential report's root row or the account summary tells.
    let row = root_row(ctx).map(|r| r.mfa_active);
    let summary = summary_value(ctx, "AccountMFAEnabled").map(|v| v > 0);
    let active = match (row, summary) {
        (None, None) => None,
        (r, s) => Some(r.unwrap_or(false) || s.unwrap_or(false)),
    };
    match active {
        Some(false) => out.fail(root, "The root user has no MFA device at all, hardware or virtual."),
        Some(true) => match &iam.virtual_mfa_devices {
            Fetched::Err(e) => out.error(root, e),
            Fetched::Ok(_) => out.pass(
                root,
                "The root user has MFA enabled and no virtual MFA device is assigned to it (hardware device or passkey).",
            ),
        },
        None => match (&iam.account_summary, &iam.credential_report, &iam.virtual_mfa_devices) {
            (Fetched::Err(e), _, _) | (_, Fetched::Err(e), _) | (_, _, Fetched::Err(e)) => out.error(root, e),
            _ => out.error_message(
                root,
                "could not be evaluated: neither the credential report (no root row) nor the account summary \
                 (no AccountMFAEnabled) says whether the root user has MFA, and no virtual MFA device is assigned to root",
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    fn summary_mfa(s: &mut crate::snapshot::Snapshot, v: i64) {
        iam(s).account_summary = Fetched::Ok([("AccountMFAEnabled".to_string(), v)].into());
    }

    #[test]
    fn hardware_mfa_passes() {
        // Report root row (real AWS).
        let mut s = snapshot();
        let mut row = root_report_row();
        row.mfa_active = true;
        report_rows(&mut s).push(row);
        list(&mut iam(&mut s).virtual_mfa_devices)
            .push(virtual_mfa("alice", Some(format!("arn:aws:iam::{ACCOUNT}:user/alice"))));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
        // Account summary only (moto: no root row).
        let mut s = snapshot();
        summary_mfa(&mut s, 1);
        list(&mut iam(&mut s).virtual_mfa_devices).push(virtual_mfa("unassigned", None));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Pass)]);
    }

    #[test]
    fn virtual_root_mfa_fails() {
        let mut s = snapshot();
        summary_mfa(&mut s, 1);
        list(&mut iam(&mut s).virtual_mfa_devices).push(virtual_mfa("root-account-mfa-device", Some(root_arn())));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("root-account-mfa-device"), "{}", f[0].message);
    }

    #[test]
    fn no_mfa_at_all_fails() {
        let mut s = snapshot();
        report_rows(&mut s).push(root_report_row());
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
        assert!(f[0].message.contains("no MFA device"), "{}", f[0].message);
    }

    #[test]
    fn missing_inputs_are_errors() {
        // MFA on, but the virtual device list was not readable.
        let mut s = snapshot();
        summary_mfa(&mut s, 1);
        iam(&mut s).virtual_mfa_devices = Fetched::Err(denied("iam", "ListVirtualMFADevices"));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("iam:ListVirtualMFADevices"), "{}", f[0].message);
        // Nothing says whether root has MFA (moto without summary key).
        let s = snapshot();
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("no root row"), "{}", f[0].message);
        // Summary and report both failed.
        let mut s = snapshot();
        iam(&mut s).account_summary = Fetched::Err(denied("iam", "GetAccountSummary"));
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(run_check(CHECK, &s)[0].status, Status::Error);
    }
}
