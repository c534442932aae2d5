//! No expired SSL/TLS server certificate is stored in IAM. Metadata: `checks/iam/iam_no_expired_server_certificates_stored.toml`.

use super::cred_common::day;
use crate::engine::{Check, CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::snapshot::{Fetched, Tags};

pub const CHECK: Check = Check { id: "iam_no_expired_server_certificates_stored", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let certificates = match &iam.server_certificates {
        Fetched::Ok(c) => c,
        Fetched::Err(e) => return out.error(ctx.account_resource(), e),
    };
    for cert in certificates {
        let r = Resource::identified_by_name(&cert.name, &cert.arn, GLOBAL_REGION, &Tags::new());
        let name = &cert.name;
        match cert.expiration {
            Some(t) if t <= ctx.now => out.fail(
                r,
                format_args!(
                    "Server certificate {name} expired {} days ago ({}) and is still stored.",
                    ctx.days_since(t),
                    day(t)
                ),
            ),
            Some(t) => out.pass(
                r,
                format_args!("Server certificate {name} expires in {} days ({}).", -ctx.days_since(t), day(t)),
            ),
            None => out.error_message(
                r,
                format_args!("could not be evaluated: IAM returned no expiration date for server certificate {name}"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::cred_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    #[test]
    fn verdict_per_certificate() {
        let mut s = snapshot();
        let mut undated = server_certificate("undated", 10);
        undated.expiration = None;
        list(&mut iam(&mut s).server_certificates).extend([
            server_certificate("valid", 30),
            server_certificate("expired", -12),
            undated,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "valid"), Status::Pass);
        assert_eq!(status_of(&f, "expired"), Status::Fail);
        assert_eq!(status_of(&f, "undated"), Status::Error);
        let expired = f.iter().find(|x| x.resource.id == "expired").unwrap();
        assert!(expired.message.contains("expired 12 days ago"), "{}", expired.message);
        assert_eq!(expired.resource.arn, format!("arn:aws:iam::{ACCOUNT}:server-certificate/expired"));
    }

    #[test]
    fn unreadable_list_is_one_account_error() {
        let mut s = snapshot();
        iam(&mut s).server_certificates = Fetched::Err(denied("iam", "ListServerCertificates"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("iam:ListServerCertificates"), "{}", f[0].message);
    }
}
