//! The account's own AMIs are not public. Metadata: `checks/ec2/ec2_ami_public.toml`.

use super::common::image_resource;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_ami_public", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    ctx.each_listed(
        out,
        |d| d.ec2.as_ref().map(|e| &e.images),
        |region, _, image, out| {
            let r = image_resource(ctx, region, image);
            let id = &image.id;
            match image.public {
                Some(true) => out.fail(r, format_args!("AMI {id} is public: every AWS account can launch it.")),
                Some(false) => out.pass(r, format_args!("AMI {id} is not public.")),
                None => out.error_message(
                    r,
                    format_args!("could not be evaluated: DescribeImages returned no Public flag for AMI {id}"),
                ),
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::image;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, Image};
    use crate::testing::*;

    #[test]
    fn public_fails_private_passes_unknown_is_an_error() {
        let mut s = snapshot();
        let own = |id: &str, public: Option<bool>| Image { owner_alias: None, public, ..image(id) };
        list(&mut ec2(&mut s).images).extend([
            own("ami-private", Some(false)),
            own("ami-public", Some(true)),
            own("ami-unknown", None),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "ami-private"), Status::Pass);
        assert_eq!(status_of(&f, "ami-public"), Status::Fail);
        assert_eq!(status_of(&f, "ami-unknown"), Status::Error);
        let public = f.iter().find(|x| &*x.resource.id == "ami-public").unwrap();
        assert_eq!(&*public.resource.arn, "arn:aws:ec2:us-east-1::image/ami-public");
        assert_eq!(&*public.resource.name, "ami-public-name");
    }

    #[test]
    fn an_unread_listing_is_one_region_error() {
        let mut s = snapshot();
        ec2(&mut s).images = Fetched::Err(denied("ec2", "DescribeImages"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(REGION.to_string(), Status::Error)]);
        assert!(f[0].message.contains("ec2:DescribeImages"), "{}", f[0].message);
    }
}
