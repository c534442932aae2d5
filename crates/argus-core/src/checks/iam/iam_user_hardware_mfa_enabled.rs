//! IAM users have MFA, and no virtual MFA device. Metadata: `checks/iam/iam_user_hardware_mfa_enabled.toml`.

use super::cred_common::for_each_user_row;
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "iam_user_hardware_mfa_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    for_each_user_row(ctx, out, |row, user, out| {
        let name = &row.user;
        if !row.mfa_active {
            out.fail(user, format_args!("User {name} has no MFA device at all, hardware or virtual."));
            return;
        }
        // The credential report says MFA is on but not of which kind: the virtual devices say which
        // user holds each of them.
        match &iam.virtual_mfa_devices {
            Fetched::Err(e) => out.error(user, e),
            Fetched::Ok(devices) => {
                let virtual_serials: Vec<&str> = devices
                    .iter()
                    .filter(|d| d.user_arn.as_deref() == Some(row.arn.as_str()))
                    .map(|d| d.serial_number.as_str())
                    .collect();
                if virtual_serials.is_empty() {
                    out.pass(
                        user,
                        format_args!("User {name} has MFA and no virtual MFA device (hardware device or passkey)."),
                    );
                } else {
                    out.fail(
                        user,
                        format_args!("User {name} has a virtual MFA device ({}).", virtual_serials.join(", ")),
                    );
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::virtual_mfa;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn virtual_or_no_mfa_fails_and_hardware_passes() {
        let mut s = snapshot();
        let mut phone = report_row("phone");
        phone.mfa_active = true;
        let mut key = report_row("key");
        key.mfa_active = true;
        report_rows(&mut s).extend([phone.clone(), key, report_row("none")]);
        iam(&mut s).virtual_mfa_devices = Fetched::Ok(vec![virtual_mfa("phone", Some(phone.arn.clone()))]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "phone"), Status::Fail);
        assert_eq!(status_of(&f, "key"), Status::Pass);
        assert_eq!(status_of(&f, "none"), Status::Fail);
    }

    #[test]
    fn an_unreadable_device_list_is_an_error_for_users_with_mfa() {
        let mut s = snapshot();
        let mut key = report_row("key");
        key.mfa_active = true;
        report_rows(&mut s).extend([key, report_row("none")]);
        iam(&mut s).virtual_mfa_devices = Fetched::Err(denied("iam", "ListVirtualMFADevices"));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "key"), Status::Error);
        assert_eq!(status_of(&f, "none"), Status::Fail, "no MFA at all needs no device list");
        let mut s = snapshot();
        iam(&mut s).credential_report = Fetched::Err(denied("iam", "GetCredentialReport"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(ACCOUNT.to_string(), Status::Error)]);
    }
}
