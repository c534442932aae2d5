//! The rich fixture account: every resource type of every service, in states that give every check
//! a finding. The field-emptying test (`emptied_fields`) and the report snapshots start from it, and
//! the snapshot test below records what every check says about it, one insta snapshot per check
//! (`crates/argus-core/snapshots/checks/<check id>.snap`), so a change in a check's wording, status
//! or resource naming shows up as a reviewed `.snap` diff (`cargo insta review`).

use crate::snapshot::*;
use crate::testing::*;
use std::collections::BTreeMap;

/// Every resource type of every service, each in a state that gets a finding from every check about
/// its type.
pub(crate) fn rich_snapshot() -> Snapshot {
    use super::awslambda::lambda_fixtures as lambda;
    use super::backup::fixtures as backup;
    use super::cloudtrail::fixtures as cloudtrail;
    use super::cloudwatch::fixtures as cloudwatch;
    use super::ec2::fixtures as ec2f;
    use super::ecr::fixtures as ecr;
    use super::efs::fixtures as efs;
    use super::elb::fixtures as clb;
    use super::elbv2::fixtures as elbv2;
    use super::iam::{cred_fixtures as cred, policy_fixtures as pol};
    use super::kms::fixtures as kms;
    use super::organizations::fixtures as org;
    use super::rds::fixtures as rds;
    use super::secretsmanager::fixtures as secrets;
    use super::sns::fixtures as sns;
    use super::sqs::fixtures as sqs;

    let mut s = snapshot();

    // IAM: the credential report, account settings, and principals with managed, inline and AWS
    // managed policies.
    let mut alice = report_row("alice");
    alice.password_enabled = Some(true);
    alice.password_last_used = Some(days_ago(5));
    alice.password_last_changed = Some(days_ago(50));
    alice.mfa_active = true;
    alice.access_keys[0] = AccessKeyInfo {
        active: true,
        last_rotated: Some(days_ago(200)),
        last_used_date: Some(days_ago(2)),
        last_used_region: Some(REGION.into()),
        last_used_service: Some("s3".into()),
    };
    alice.access_keys[1] = AccessKeyInfo { active: true, last_rotated: Some(days_ago(10)), ..Default::default() };
    let mut root = cred::root_report_row();
    root.mfa_active = true;
    root.password_last_used = Some(days_ago(3));
    report_rows(&mut s).extend([root, alice]);
    let iam_data = iam(&mut s);
    iam_data.password_policy = Fetched::Ok(Some(cred::strong_password_policy()));
    iam_data.account_summary =
        Fetched::Ok(BTreeMap::from([("AccountMFAEnabled".into(), 1), ("AccountAccessKeysPresent".into(), 0)]));
    iam_data.virtual_mfa_devices = Fetched::Ok(vec![
        cred::virtual_mfa("alice", Some(format!("arn:aws:iam::{ACCOUNT}:user/alice"))),
        cred::virtual_mfa("root-account-mfa-device", Some(cred::root_arn())),
    ]);
    iam_data.server_certificates = Fetched::Ok(vec![cred::server_certificate("web", 30)]);
    iam_data.saml_providers = Fetched::Ok(vec![SamlProvider {
        name: "corp-idp".into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:saml-provider/corp-idp"),
        valid_until: Some(days_ago(-300)),
        create_date: Some(days_ago(400)),
    }]);

    let admin = pol::aws_policy("AdministratorAccess", pol::ADMIN, 3);
    let support = pol::aws_policy("AWSSupportAccess", pol::NARROW, 1);
    let attached = pol::customer_policy("deploy", pol::NARROW, 2);
    let unattached = pol::customer_policy("spare", pol::ADMIN, 0);
    let mut user = cred::user("alice");
    user.groups = vec!["admins".into()];
    user.attached_policies = vec![pol::admin_access(), pol::attach(&attached)];
    user.inline_policies = vec![pol::inline("alice-inline", pol::NARROW)];
    user.permissions_boundary = Some(attached.arn.clone());
    user.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    let mut group = cred::group("admins");
    group.attached_policies = vec![pol::admin_access()];
    group.inline_policies = vec![pol::inline("admins-inline", pol::NARROW)];
    let mut role = pol::role("app-role");
    role.attached_policies = vec![pol::admin_access(), pol::attach(&attached), pol::attach(&support)];
    role.inline_policies = vec![pol::inline("app-inline", pol::NARROW)];
    role.last_used = Some(days_ago(1));
    role.last_used_region = Some(REGION.into());
    // The profile of instance i-web below: the instance runs as this role.
    role.instance_profiles = vec![format!("arn:aws:iam::{ACCOUNT}:instance-profile/app")];
    let cross_account = pol::role_trusting(
        "partner",
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole"}"#,
    );
    let details = auth(&mut s);
    details.users = vec![user];
    details.groups = vec![group];
    details.roles = vec![role, cross_account];
    details.policies = vec![admin, support, attached, unattached];
    // IAM's service last-accessed reports: alice uses S3 and SageMaker, not Bedrock for long; the app
    // role never used Bedrock; the partner role only ever assumed roles.
    {
        use super::iam::last_accessed::fixtures::{report, role_arn, service, user_arn};
        let alice_services = vec![
            service("s3", Some(2)),
            service("bedrock", Some(200)),
            service("sagemaker", Some(10)),
            service("sts", None),
        ];
        report(&mut s, &user_arn("alice"), alice_services);
        report(&mut s, &role_arn("app-role"), vec![service("s3", Some(1)), service("bedrock", None)]);
        report(&mut s, &role_arn("partner"), vec![service("sts", Some(3))]);
    }

    // S3: a bucket with every per-bucket setting present, and account-level Block Public Access.
    super::s3::fixtures::set_account_bpa(&mut s, Fetched::Ok(Some(PublicAccessBlock::default())));
    let mut b = super::s3::fixtures::with_grants(
        "logs",
        vec![super::s3::fixtures::owner_grant(), super::s3::fixtures::all_users("READ")],
    );
    b.policy = super::s3::fixtures::policy_with(
        r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}"#,
    );
    b.policy_status_is_public = Fetched::Ok(Some(false));
    b.public_access_block = Fetched::Ok(Some(super::s3::fixtures::BPA_ALL));
    b.object_ownership = Fetched::Ok(Some("ObjectWriter".into()));
    b.encryption = Fetched::Ok(Some(BucketEncryption {
        algorithm: "aws:kms".into(),
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/app")),
        bucket_key_enabled: true,
    }));
    b.versioning = Fetched::Ok(Versioning { status: Some("Enabled".into()), mfa_delete: Some("Disabled".into()) });
    b.logging = Fetched::Ok(Some(LoggingTarget { target_bucket: "audit".into(), target_prefix: "logs/".into() }));
    b.tags = Fetched::Ok(Tags::from([("team".to_string(), "ops".to_string())]));
    b.object_lock =
        Fetched::Ok(Some(ObjectLock { enabled: true, default_retention: Some("GOVERNANCE 30 days".into()) }));
    b.lifecycle_rules =
        Fetched::Ok(vec![LifecycleRule { id: Some("expire-noncurrent".into()), status: "Enabled".into() }]);
    // Replicates to a bucket in the same region: no copy survives a regional outage.
    b.replication_rules = Fetched::Ok(vec![ReplicationRule {
        id: Some("copy".into()),
        status: "Enabled".into(),
        destination_bucket: "arn:aws:s3:::logs".into(),
        destination_account: None,
    }]);
    b.notifications = Fetched::Ok(EventNotifications { eventbridge: true, ..Default::default() });
    buckets(&mut s).push(b);
    // An access point to it that leaves policies unblocked, and a private Multi-Region Access Point.
    if let Some(s3) = s.s3.as_mut() {
        s3.access_points = Fetched::Ok(BTreeMap::from([(
            REGION.to_string(),
            Fetched::Ok(vec![AccessPoint {
                name: "logs-readers".into(),
                arn: format!("arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/logs-readers"),
                bucket: "logs".into(),
                network_origin: Some("Internet".into()),
                public_access_block: Fetched::Ok(Some(PublicAccessBlock {
                    block_public_policy: false,
                    restrict_public_buckets: false,
                    ..super::s3::fixtures::BPA_ALL
                })),
            }]),
        )]));
        s3.multi_region_access_points = Fetched::Ok(vec![MultiRegionAccessPoint {
            name: "global-logs".into(),
            arn: format!("arn:aws:s3::{ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap"),
            alias: Some("mfzwi23gnjvgw.mrap".into()),
            buckets: vec!["logs".into()],
            public_access_block: Some(super::s3::fixtures::BPA_ALL),
        }]);
    }

    // EC2 and VPC.
    let mut default_sg = ec2f::sg("sg-default", "default");
    default_sg.ingress = vec![ec2f::rule("-1", None, None, &[], &[])];
    default_sg.ingress[0].referenced_groups = vec!["sg-default".into()];
    default_sg.egress = vec![ec2f::all_traffic(&["0.0.0.0/0"], &["::/0"])];
    let mut web = ec2f::sg("sg-web", "web");
    web.ingress = vec![ec2f::tcp(22, 22, &["0.0.0.0/0"], &[]), ec2f::tcp(3389, 3389, &[], &["::/0"])];
    web.ingress[0].prefix_list_ids = vec!["pl-1".into()];
    // A partner's public address on the HTTPS admin port.
    web.ingress.push(ec2f::tcp(8443, 8443, &["52.94.76.10/32"], &[]));
    web.tags = Tags::from([("Name".to_string(), "web".to_string())]);
    let unused = ec2f::sg("sg-unused", "unused");
    ec2f::groups(&mut s).extend([default_sg, web, unused]);
    let mut eni = ec2f::eni("eni-1", &["sg-web"]);
    eni.description = Some("web server".into());
    eni.attached_instance_id = Some("i-web".into());
    eni.public_ip = Some("203.0.113.10".into());
    let mut instance = ec2f::instance("i-web");
    instance.public_ip = Some("203.0.113.10".into());
    instance.security_group_ids = vec!["sg-web".into()];
    // A legacy paravirtual instance, stopped by its user long ago: a Nitro Enclaves host (in the public
    // subnet), with basic monitoring.
    let mut legacy = ec2f::instance("i-legacy");
    legacy.virtualization_type = Some("paravirtual".into());
    legacy.state = Some("stopped".into());
    legacy.state_transition_reason = Some("User initiated (2025-01-15 08:30:00 GMT)".into());
    legacy.monitoring_state = Some("disabled".into());
    legacy.enclave_enabled = Some(true);
    legacy.image_id = Some("ami-0legacy2019".into());
    let mut snap = ec2f::ebs_snapshot("snap-1", false);
    snap.create_volume_permission =
        Fetched::Ok(CreateVolumePermission { public: false, accounts: vec!["999988887777".into()] });
    let mut acl = ec2f::nacl(
        "acl-1",
        vec![
            ec2f::entry(100, "6", "allow", "0.0.0.0/0", Some((22, 22))),
            ec2f::entry(110, "-1", "allow", "::/0", None),
            ec2f::entry(32767, "-1", "deny", "0.0.0.0/0", None),
            ec2f::egress_entry(100, "-1", "allow", "0.0.0.0/0", None),
        ],
    );
    acl.is_default = true;
    acl.subnet_ids = vec!["subnet-1".into()];
    // A custom ACL on the second subnet (ec2_networkacl_unused judges only non-default ones).
    let mut private_acl = ec2f::nacl("acl-2", vec![ec2f::entry(100, "6", "allow", "10.0.0.0/8", Some((443, 443)))]);
    private_acl.subnet_ids = vec!["subnet-2".into()];
    let ec2 = crate::testing::ec2(&mut s);
    ec2.network_interfaces = Fetched::Ok(vec![eni]);
    ec2.vpcs = Fetched::Ok(vec![ec2f::vpc("vpc-1")]);
    ec2.flow_logs = Fetched::Ok(vec![ec2f::flow_log("fl-1", "vpc-1")]);
    ec2.network_acls = Fetched::Ok(vec![acl, private_acl]);
    ec2.volumes = Fetched::Ok(vec![ec2f::volume("vol-1", true)]);
    ec2.snapshots = Fetched::Ok(vec![snap]);
    ec2.instances = Fetched::Ok(vec![instance, legacy]);
    // VPC segmentation: subnet-1 is public (its table routes 0.0.0.0/0 to igw-1) and assigns public
    // addresses, subnet-2 uses the main table; both tables route through pcx-1, one to the whole peer VPC.
    let mut public_subnet = ec2f::subnet("subnet-1");
    public_subnet.map_public_ip_on_launch = true;
    public_subnet.tags = Tags::from([("Name".to_string(), "web-public".to_string())]);
    let mut private_subnet = ec2f::subnet("subnet-2");
    private_subnet.cidr_block = Some("10.0.2.0/24".into());
    ec2.vpc = VpcRegion {
        subnets: Fetched::Ok(vec![public_subnet, private_subnet]),
        route_tables: Fetched::Ok(vec![
            ec2f::route_table(
                "rtb-1",
                &["subnet-1"],
                vec![ec2f::route("0.0.0.0/0", "igw-1"), ec2f::route("10.1.0.0/16", "pcx-1")],
            ),
            ec2f::main_route_table("rtb-main", vec![ec2f::route("10.1.2.0/24", "pcx-1")]),
        ]),
        peering_connections: Fetched::Ok(vec![ec2f::peering("pcx-1")]),
        // Endpoint services of the account: one any account may connect to, one for the account alone.
        endpoint_services: Fetched::Ok(vec![
            ec2f::endpoint_service("vpce-svc-0public", &["*"]),
            ec2f::endpoint_service("vpce-svc-0internal", &[&format!("arn:aws:iam::{ACCOUNT}:root")]),
        ]),
        endpoints: Fetched::Ok(vec![
            ec2f::vpc_endpoint(
                "vpce-1",
                Some(r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#),
            ),
            // An interface endpoint for the EC2 API, both of its subnets in one zone.
            VpcEndpoint {
                service_name: "com.amazonaws.us-east-1.ec2".into(),
                endpoint_type: Some("Interface".into()),
                subnet_ids: vec!["subnet-1".into(), "subnet-2".into()],
                route_table_ids: vec![],
                ..ec2f::vpc_endpoint(
                    "vpce-2",
                    Some(&format!(
                        r#"{{"Statement":[{{"Effect":"Allow","Principal":"*","Action":"ec2:Describe*","Resource":"*","Condition":{{"StringEquals":{{"aws:PrincipalAccount":"{ACCOUNT}"}}}}}}]}}"#
                    )),
                )
            },
        ]),
    };
    // User data: i-web's holds a secret, i-legacy has none; of the launch templates, one leaks and one
    // is clean.
    use super::secret_findings::user_data_with;
    ec2.instance_user_data = Fetched::Ok(vec![
        InstanceUserData {
            instance_id: "i-web".into(),
            user_data: Fetched::Ok(Some(user_data_with(&[(4, "DB_PASSWORD", "secret-name-literal", "hu****")]))),
        },
        InstanceUserData { instance_id: "i-legacy".into(), user_data: Fetched::Ok(None) },
    ]);
    let template = |id: &str, version_number: i64, is_default: bool, user_data: UserDataFacts| LaunchTemplateVersion {
        name: format!("{id}-template"),
        user_data: Some(user_data),
        ..super::ec2::launch_templates::template_version(id, version_number, is_default)
    };
    // lt-web's latest version leaks a key, allows IMDSv1 and asks for a public IP; lt-batch is clean.
    let mut web_latest = template("lt-web", 2, false, user_data_with(&[(2, "private-key", "private-key", "----****")]));
    web_latest.metadata_http_tokens = Some("optional".into());
    web_latest.associates_public_ip = true;
    web_latest.network_interface_ids = vec!["eni-1".into()];
    ec2.launch_templates = Fetched::Ok(vec![
        template("lt-web", 1, true, user_data_with(&[])),
        web_latest,
        template("lt-batch", 1, true, user_data_with(&[])),
    ]);
    // The web server's Elastic IP, and one left unassociated.
    ec2.elastic_ips = Fetched::Ok(vec![
        ec2f::elastic_ip("eipalloc-web", "203.0.113.10", true),
        ec2f::elastic_ip("eipalloc-idle", "198.51.100.7", false),
    ]);
    // A hub transit gateway that auto-accepts shared attachments and one that does not.
    ec2.transit_gateways =
        Fetched::Ok(vec![ec2f::transit_gateway("tgw-hub", "enable"), ec2f::transit_gateway("tgw-isolated", "disable")]);
    // A VPN connection running on one tunnel, and one with both tunnels up.
    let mut one_tunnel = ec2f::vpn_connection("vpn-branch", &["UP", "DOWN"]);
    one_tunnel.tunnels[1].status_message = Some("IPSEC IS DOWN".into());
    ec2.vpn_connections = Fetched::Ok(vec![one_tunnel, ec2f::vpn_connection("vpn-datacenter", &["UP", "UP"])]);
    // A Client VPN endpoint that logs connections and one that does not.
    ec2.client_vpn_endpoints = Fetched::Ok(vec![
        ec2f::client_vpn_endpoint("cvpn-endpoint-staff", true),
        ec2f::client_vpn_endpoint("cvpn-endpoint-vendors", false),
    ]);
    // Account settings: AMIs blocked from public sharing, snapshots blocked only for new sharing, no
    // IMDSv2 default for new instances.
    ec2.image_block_public_access = Fetched::Ok("block-new-sharing".into());
    ec2.snapshot_block_public_access = Fetched::Ok("block-new-sharing".into());
    ec2.instance_metadata_defaults = Fetched::Ok(InstanceMetadataDefaults::default());
    // The account's golden AMI and one it shared with everyone; i-web runs on a current Amazon AMI,
    // i-legacy on one Amazon deprecated.
    let own = |id: &str, name: &str, public: bool| Image {
        name: Some(name.into()),
        owner_id: Some(ACCOUNT.into()),
        owner_alias: None,
        public: Some(public),
        ..ec2f::image(id)
    };
    ec2.images = Fetched::Ok(vec![own("ami-0golden", "golden-2026-05", false), own("ami-0demo", "demo-public", true)]);
    ec2.instance_images = Fetched::Ok(vec![
        ec2f::image(ec2f::AMAZON_AMI),
        Image { deprecation_time: Some("2021-07-01T00:00:00.000Z".into()), ..ec2f::image("ami-0legacy2019") },
    ]);

    // RDS: a public standalone instance, an Aurora cluster with a member, an Aurora MySQL cluster, a
    // Multi-AZ DB cluster, and snapshots of the first two. db1 is unmonitored, publishes only its
    // postgresql log and keeps the default master user; the Aurora cluster does not copy tags to
    // snapshots; the Aurora MySQL cluster cannot backtrack and listens on MySQL's default port; the
    // Multi-AZ DB cluster is not upgraded. db1 is enrolled in RDS Extended Support.
    let mut db = rds::instance("db1");
    db.publicly_accessible = Some(true);
    db.vpc_security_group_ids = vec!["sg-web".into()];
    db.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    db.monitoring_interval = Some(0);
    db.enabled_cloudwatch_logs_exports = Some(vec!["postgresql".into()]);
    db.master_username = Some("postgres".into());
    db.engine_lifecycle_support = Some("open-source-rds-extended-support".into());
    rds::instances(&mut s).extend([db, rds::member("aurora-1", "aurora")]);
    let mut aurora = rds::cluster("aurora");
    aurora.copy_tags_to_snapshot = Some(false);
    let mut aurora_mysql = rds::cluster("aurora-my");
    aurora_mysql.engine = "aurora-mysql".into();
    aurora_mysql.engine_version = Some("8.0.mysql_aurora.3.08.0".into());
    aurora_mysql.enabled_cloudwatch_logs_exports = Some(vec!["audit".into(), "error".into()]);
    aurora_mysql.parameter_group = Some("cpg-mysql-tls".into());
    aurora_mysql.port = Some(3306);
    let mut multi_az = rds::cluster("maz");
    multi_az.engine = "postgres".into();
    multi_az.auto_minor_version_upgrade = Some(false);
    rds::clusters(&mut s).extend([aurora, aurora_mysql, multi_az]);
    let mut shared = rds::db_snapshot("db1-snap");
    shared.restore_accounts = Fetched::Ok(vec!["999988887777".into()]);
    let rds_region = rds::rds(&mut s);
    rds_region.snapshots = Fetched::Ok(vec![shared]);
    let mut cluster_snap = rds::db_snapshot("aurora-snap");
    cluster_snap.arn = format!("arn:aws:rds:{REGION}:{ACCOUNT}:cluster-snapshot:aurora-snap");
    cluster_snap.source_id = Some("aurora".into());
    rds_region.cluster_snapshots = Fetched::Ok(vec![cluster_snap]);
    // db1's parameter group leaves TLS optional; the clusters' force it. aurora-1's certificate
    // authority expires within weeks.
    let tls = |value: &str| {
        Fetched::Ok(TlsParameters {
            parameters: BTreeMap::from([("rds.force_ssl".to_string(), Some(value.to_string()))]),
            listed: 380,
        })
    };
    rds_region.parameter_groups.insert("pg-tls".into(), tls("0"));
    rds_region.cluster_parameter_groups.insert("cpg-tls".into(), tls("1"));
    rds_region.cluster_parameter_groups.insert(
        "cpg-mysql-tls".into(),
        Fetched::Ok(TlsParameters {
            parameters: BTreeMap::from([("require_secure_transport".to_string(), Some("ON".to_string()))]),
            listed: 420,
        }),
    );
    if let Fetched::Ok(instances) = &mut rds_region.instances {
        if let Some(member) = instances.iter_mut().find(|i| i.id == "aurora-1") {
            member.certificate_valid_till = None;
            member.ca_certificate_identifier = Some("rds-ca-2019".into());
        }
    }
    rds_region.certificates =
        Some(Fetched::Ok(vec![RdsCertificate { id: "rds-ca-2019".into(), valid_till: Some(days_ago(-20)) }]));
    // RDS offers db1's PostgreSQL 16.3 but no longer aurora-1's Aurora PostgreSQL 16.3.
    rds_region.available_engine_versions = Fetched::Ok(vec![
        RdsEngineVersion { engine: "postgres".into(), version: "16.3".into() },
        RdsEngineVersion { engine: "aurora-postgresql".into(), version: "16.4".into() },
    ]);
    // Event subscriptions: instance events in full; cluster events without failures; parameter group
    // changes through a disabled subscription; security group events for one group only.
    let mut params = rds::subscription("ops-params", "db-parameter-group", &[]);
    params.enabled = false;
    let mut groups = rds::subscription("ops-sg", "db-security-group", &["configuration change", "failure"]);
    groups.source_ids = vec!["default".into()];
    rds_region.event_subscriptions = Fetched::Ok(vec![
        rds::subscription("ops-instances", "db-instance", &["maintenance", "configuration change", "failure"]),
        rds::subscription("ops-clusters", "db-cluster", &["maintenance"]),
        params,
        groups,
    ]);

    // Load balancers: an internet-facing ALB behind the open web group serving plain HTTP without a
    // web ACL, an internal network load balancer on an old TLS policy, and an internet-facing Classic
    // Load Balancer with an HTTP listener and a TLS 1.0 policy.
    let mut web = elbv2::alb("web");
    web.security_groups = vec!["sg-web".into()];
    web.listeners = Fetched::Ok(vec![elbv2::https_listener("web", 443), elbv2::plain_listener("web")]);
    web.web_acl = Some(Fetched::Ok(None));
    web.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    let web = elbv2::with_attribute(web, "routing.http.desync_mitigation_mode", "monitor");
    let web = elbv2::with_attribute(web, "routing.http.drop_invalid_header_fields.enabled", "false");
    let mut nlb = elbv2::alb("inner");
    nlb.lb_type = "network".into();
    nlb.scheme = "internal".into();
    nlb.security_groups = vec![];
    nlb.availability_zones = vec![format!("{REGION}a")];
    nlb.web_acl = None;
    let mut tls = elbv2::https_listener("inner", 8443);
    tls.protocol = "TLS".into();
    tls.ssl_policy = Some("ELBSecurityPolicy-2016-08".into());
    nlb.listeners = Fetched::Ok(vec![tls]);
    let nlb = elbv2::with_attribute(nlb, "access_logs.s3.enabled", "false");
    let nlb = elbv2::with_attribute(nlb, "deletion_protection.enabled", "false");
    let nlb = elbv2::with_attribute(nlb, "load_balancing.cross_zone.enabled", "false");
    elbv2::lbs(&mut s).extend([web, nlb]);
    let mut legacy = clb::clb_with("legacy", |a| {
        a.access_log_enabled = false;
        a.desync_mitigation_mode = Some("monitor".into());
    });
    legacy.scheme = "internet-facing".into();
    legacy.listeners.push(ClassicListener {
        protocol: "HTTP".into(),
        port: 80,
        instance_protocol: Some("HTTP".into()),
        policy_names: vec![],
        certificate_id: None,
    });
    legacy.ssl_policies = Some(Fetched::Ok(vec![ClassicSslPolicy {
        name: "tls12".into(),
        reference_security_policy: Some("ELBSecurityPolicy-2016-08".into()),
        enabled_protocols: vec!["TLSv1".into(), "TLSv1.2".into()],
    }]));
    clb::clbs(&mut s).extend([legacy, clb::clb("internal")]);

    // AWS Backup: a plan, a vault open to everyone and one listed without its key.
    // The daily plan backs up the DB instances and the Aurora cluster, and volumes tagged backup=daily.
    let mut daily = backup::plan_selecting("daily", &["arn:aws:rds:*:*:db:*", "arn:aws:rds:*:*:cluster:aurora"]);
    if let Fetched::Ok(assignments) = &mut daily.selections {
        assignments.push(backup::selection(
            "tagged-volumes",
            BackupSelection {
                resources: vec!["arn:aws:ec2:*:*:volume/*".into()],
                conditions: vec![TagCondition {
                    operator: "StringEquals".into(),
                    key: "backup".into(),
                    value: "daily".into(),
                }],
                ..Default::default()
            },
        ));
    }
    list(&mut backup::backup(&mut s).plans).push(daily);
    let mut open_vault = backup::vault("main");
    open_vault.policy = Fetched::Ok(Some(doc(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"backup:CopyIntoBackupVault","Resource":"*"}]}"#,
    )));
    let silent_vault = BackupVault { encryption_key_arn: None, ..backup::vault("keyless") };
    list(&mut backup::backup(&mut s).vaults).extend([open_vault, silent_vault]);

    // Lambda: a function using app-role, with a URL, a resource policy and environment variables.
    let mut f = lambda::function("api");
    f.role = Some(format!("arn:aws:iam::{ACCOUNT}:role/app-role"));
    f.last_modified = Some("2026-05-01T00:00:00.000+0000".into());
    if let Some(vpc) = f.vpc.as_mut() {
        vpc.security_group_ids = vec!["sg-unused".into()];
    }
    f.environment = vec![
        lambda::env_var("API_TOKEN", &["generic-api-key"], "ghp_****"),
        lambda::env_var("LOG_LEVEL", &[], "de****"),
    ];
    f.url_config = Fetched::Ok(Some(FunctionUrl {
        url: "https://abc.lambda-url.us-east-1.on.aws/".into(),
        auth_type: "AWS_IAM".into(),
        cors_allow_origins: Some(vec!["https://app.example.com".into()]),
    }));
    // Its variables under the AWS managed key, no dead-letter queue, its own layer and a vendor's.
    f.settings = Some(FunctionSettings {
        kms_key_arn: None,
        dead_letter_target_arn: None,
        layers: vec![
            format!("arn:aws:lambda:{REGION}:{ACCOUNT}:layer:common:3"),
            format!("arn:aws:lambda:{REGION}:999988887777:layer:vendor-extension:12"),
        ],
    });
    f.policy = Fetched::Ok(Some(doc(&format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},"Action":"lambda:InvokeFunction","Resource":"*","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}]}}"#
    ))));
    lambda::functions(&mut s).push(f);

    // Secrets Manager, KMS and CloudTrail.
    let mut secret = secrets::secret("db-password");
    secret.kms_key_id = Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/app"));
    secret.tags = Tags::from([("team".to_string(), "ops".to_string())]);
    secret.policy = Fetched::Ok(Some(doc(&format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"secretsmanager:GetSecretValue","Resource":"*"}}]}}"#
    ))));
    secrets::secrets(&mut s).push(secret);
    let mut key = kms::key("app");
    kms::meta(&mut key).description = Some("application data".into());
    // The application key is a multi-Region key, replicated to other Regions.
    kms::meta(&mut key).multi_region = Some(true);
    // It also backs a Nitro Enclave: decryption for the enclave image requires attestation (image
    // only, no deployment binding), while the root statement still grants kms:* without it.
    key.policy = Some(Fetched::Ok(doc(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow",
        "Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"kms:*","Resource":"*"}},
        {{"Sid":"EnclaveDecrypt","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},
        "Action":"kms:Decrypt","Resource":"*","Condition":{{"StringEqualsIgnoreCase":
        {{"kms:RecipientAttestation:ImageSha384":"{}"}}}}}}]}}"#,
        "ab".repeat(48)
    ))));
    kms::keys(&mut s).extend([key, kms::aws_managed_key("aws-s3")]);
    let mut trail = cloudtrail::trail(REGION, "org-trail");
    trail.is_multi_region = true;
    // Delivers to the account's bucket above, so the checks joining trails with buckets judge it.
    trail.s3_bucket_name = Some("logs".into());
    // Management events read and write, S3 object writes (not reads), delivered to CloudWatch Logs
    // an hour before the scan.
    trail.event_selectors = Some(Fetched::Ok(EventSelectors {
        classic: vec![
            ClassicEventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: vec![],
            },
            ClassicEventSelector {
                read_write_type: "WriteOnly".into(),
                include_management_events: false,
                data_resources: vec![
                    DataResource { resource_type: "AWS::S3::Object".into(), values: vec!["arn:aws:s3".into()] },
                    // Invocations of another function only: `api` is not recorded.
                    DataResource {
                        resource_type: "AWS::Lambda::Function".into(),
                        values: vec![format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:batch")],
                    },
                ],
            },
        ],
        advanced: vec![],
    }));
    trail.insight_selectors = Fetched::Ok(vec!["ApiCallRateInsight".into()]);
    trail.cloudwatch_logs_log_group_arn =
        Some(format!("arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{}:*", cloudwatch::GROUP));
    trail.latest_cloudwatch_logs_delivery = Some(now() - chrono::Duration::hours(1));
    cloudtrail::trails(&mut s, REGION).push(trail);
    // The event history of the trail's home region (the opt-in threat-detection checks): an intruder
    // made 40 of the enumeration actions; a CI role a few of the Bedrock and privilege-escalation ones;
    // one privilege-escalation lookup stopped at its page with more events unread.
    {
        use super::cloudtrail::threat_detection::{tests::looked_up, ENUMERATION, LLM_JACKING, PRIVILEGE_ESCALATION};
        let (intruder, ci) =
            (format!("arn:aws:iam::{ACCOUNT}:user/intruder"), format!("arn:aws:iam::{ACCOUNT}:role/ci"));
        looked_up(&mut s, REGION, &ENUMERATION, &[(intruder.as_str(), 40), (ci.as_str(), 3)]);
        let enumeration = region_mut(&mut s, REGION).cloudtrail.as_mut().and_then(|c| c.event_lookups.take());
        looked_up(&mut s, REGION, &PRIVILEGE_ESCALATION, &[(ci.as_str(), 4)]);
        let privesc = region_mut(&mut s, REGION).cloudtrail.as_mut().and_then(|c| c.event_lookups.take());
        looked_up(&mut s, REGION, &LLM_JACKING, &[(ci.as_str(), 2)]);
        let lookups = region_mut(&mut s, REGION).cloudtrail.as_mut().and_then(|c| c.event_lookups.as_mut()).unwrap();
        for other in [enumeration, privesc].into_iter().flatten() {
            lookups.lookups.extend(other.lookups);
        }
        if let Some(Fetched::Ok(l)) = lookups.lookups.get_mut("AssumeRole") {
            l.incomplete = Some("more than 50 events in the window; argus reads 1 page(s) of 50".into());
        }
    }

    // EFS: an encrypted file system mounted in the public subnet, whose policy admits only clients
    // that reach a mount target; an unencrypted one without a policy, mounted in the private subnet.
    let mut shared_fs = efs::file_system("fs-1");
    shared_fs.name = Some("shared".into());
    shared_fs.policy = Fetched::Ok(Some(doc(
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"elasticfilesystem:ClientMount","Resource":"*","Condition":{"Bool":{"elasticfilesystem:AccessedViaMountTarget":"true"}}}]}"#,
    )));
    shared_fs.mount_targets = Fetched::Ok(vec![efs::mount_target("fsmt-1", "subnet-1")]);
    let mut scratch = efs::file_system("fs-2");
    scratch.encrypted = false;
    scratch.kms_key_id = None;
    scratch.mount_targets = Fetched::Ok(vec![efs::mount_target("fsmt-2", "subnet-2")]);
    efs::file_systems(&mut s).extend([shared_fs, scratch]);
    // CloudWatch: a CIS root-usage filter with its alarm (PASS), an exact-code unauthorized-calls
    // filter that misses EC2's Client.UnauthorizedOperation, and a filter whose pattern is garbage.
    cloudwatch::add_filter(
        &mut s,
        "root-usage",
        r#"{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }"#,
    );
    cloudwatch::add_filter(
        &mut s,
        "unauthorized",
        r#"{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }"#,
    );
    cloudwatch::add_filter(&mut s, "broken", "{ ($.eventName = CreateTrail || ");

    // SNS: the alarm topic (encrypted, pinned policy, subscribed over HTTPS, delivery failures logged)
    // and a public, unencrypted, unlogged topic with an HTTP subscription.
    let mut alerts = sns::topic("security-alerts");
    alerts.arn = cloudwatch::TOPIC.into();
    alerts.attributes = Fetched::Ok(TopicAttributes {
        policy: Some(doc(&format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"Service":"cloudwatch.amazonaws.com"}},"Action":"SNS:Publish","Resource":"{}","Condition":{{"StringEquals":{{"aws:SourceAccount":"{ACCOUNT}"}}}}}}]}}"#,
            cloudwatch::TOPIC
        ))),
        kms_master_key_id: Some("alias/aws/sns".into()),
        subscriptions_confirmed: Some(1),
        delivery_status_logging: Some(vec!["HTTP".into()]),
    });
    let mut open = sns::topic("open-topic");
    open.attributes = Fetched::Ok(TopicAttributes {
        policy: Some(doc(
            r#"{"Statement":[{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"*"}]}"#,
        )),
        kms_master_key_id: None,
        subscriptions_confirmed: Some(0),
        delivery_status_logging: Some(vec![]),
    });
    sns::topics(&mut s).extend([alerts, open]);
    sns::subscriptions(&mut s).extend([
        sns::subscription("security-alerts", "oncall", "https"),
        sns::subscription("open-topic", "hook", "http"),
    ]);
    // Systems Manager: parameters of each kind, the web instance managed but missing patches, and a
    // hybrid node that is patched.
    use super::ssm::fixtures as ssmf;
    let ssm = ssmf::ssm(&mut s);
    ssm.parameters = Fetched::Ok(vec![
        ssmf::parameter("/app/db_password", "String", None),
        ssmf::parameter("/app/log_level", "String", None),
        ssmf::parameter("/app/api_token", "SecureString", Some("alias/aws/ssm")),
        ssmf::parameter("/app/signing_key", "SecureString", Some(&format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/app"))),
    ]);
    ssm.managed_instances =
        Fetched::Ok(vec![ssmf::managed("i-web", "Online"), ssmf::managed("mi-0123456789abcdef0", "Online")]);
    ssm.patch_compliance = Fetched::Ok(vec![
        ssmf::patch_state("i-web", "NON_COMPLIANT"),
        ssmf::patch_state("mi-0123456789abcdef0", "COMPLIANT"),
    ]);

    // ECS: a task definition that breaks every rule and one that keeps them.
    use super::ecs::fixtures as ecsf;
    let mut root = ecsf::container("app");
    root.privileged = Some(true);
    root.user = None;
    root.readonly_root_filesystem = None;
    root.log_driver = None;
    root.environment = vec![
        lambda::env_var("DB_PASSWORD", &["secret-name-high-entropy"], "Zq8r****"),
        lambda::env_var("LOG_LEVEL", &[], "in****"),
    ];
    let mut sidecar = ecsf::container("sidecar");
    sidecar.user = Some("root".into());
    sidecar.privileged = Some(false);
    let mut legacy = ecsf::task_definition("legacy", vec![root, sidecar]);
    legacy.network_mode = Some("host".into());
    legacy.pid_mode = Some("host".into());
    ecsf::add(&mut s, legacy);
    ecsf::add(&mut s, ecsf::task_definition("api", vec![ecsf::container("api")]));
    // A cluster without Container Insights running a public service on an old Fargate platform, and one
    // with it running a private Fargate service on LATEST and a service on EC2 instances.
    let mut public = ecsf::fargate_service();
    public.platform_version = Some("1.3.0".into());
    public.assign_public_ip = Some("ENABLED".into());
    ecsf::add_services(&mut s, "legacy", vec![("public-web", public)]);
    ecsf::clusters(&mut s)[0].container_insights = Fetched::Ok(Some("disabled".into()));
    let on_ec2 = crate::snapshot::EcsService {
        launch_type: Some("EC2".into()),
        platform_version: None,
        platform_family: None,
        assign_public_ip: None,
        ..ecsf::fargate_service()
    };
    ecsf::add_services(&mut s, "prod", vec![("api", ecsf::fargate_service()), ("batch", on_ec2)]);

    // The detective services: GuardDuty on with some protection plans and open findings, Security Hub
    // with standards, a complete Config recorder, an analyzer with findings, Macie paused, Inspector
    // scanning part of the account.
    let mut detector = super::guardduty::fixtures::detector("rich-detector", &["S3_DATA_EVENTS", "RDS_LOGIN_EVENTS"]);
    if let Fetched::Ok(details) = &mut detector.details {
        details.features.insert("LAMBDA_NETWORK_LOGS".into(), "DISABLED".into());
    }
    detector.high_severity_findings = Some(Fetched::Ok(FindingCount { count: 3, more: false }));
    super::guardduty::fixtures::detectors(&mut s, REGION).push(detector);
    let mut hub = super::securityhub::fixtures::hub(REGION, &[super::securityhub::fixtures::CIS]);
    if let Fetched::Ok(standards) = &mut hub.standards {
        standards.push(SecurityHubStandard {
            arn: "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0".into(),
            status: "PENDING".into(),
        });
    }
    super::securityhub::fixtures::set_hub(&mut s, REGION, Fetched::Ok(Some(hub)));
    super::config::fixtures::set_config(&mut s, REGION, super::config::fixtures::recording("default"));
    super::accessanalyzer::fixtures::analyzers(&mut s, REGION).extend([
        super::accessanalyzer::fixtures::analyzer(REGION, "external", "ACCOUNT", 2),
        super::accessanalyzer::fixtures::analyzer(REGION, "unused", "ACCOUNT_UNUSED_ACCESS", 0),
    ]);
    region_mut(&mut s, REGION).macie = Some(MacieRegion { status: Fetched::Ok(Some("PAUSED".into())) });
    region_mut(&mut s, REGION).inspector2 = Some(Inspector2Region {
        account: Fetched::Ok(Inspector2Status {
            status: "ENABLED".into(),
            scans: [("EC2", "ENABLED"), ("ECR", "ENABLED"), ("LAMBDA", "DISABLED")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }),
    });
    // SQS: a queue any principal may send to, and an unencrypted queue for the account's own use.
    let mut inbox = sqs::queue("inbox");
    sqs::attributes(&mut inbox).policy = Some(doc(
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}"#,
    ));
    let mut jobs = sqs::queue("jobs");
    sqs::attributes(&mut jobs).sqs_managed_sse = false;
    sqs::queues(&mut s).extend([inbox, jobs]);

    // ECR: a tidy private repository and a public, unscanned, mutable one without a lifecycle policy.
    let mut shared = ecr::repository("shared-images");
    shared.scan_on_push = false;
    shared.tag_mutability = "MUTABLE".into();
    shared.has_lifecycle_policy = Fetched::Ok(false);
    shared.policy = Fetched::Ok(Some(doc(
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}"#,
    )));
    ecr::repositories(&mut s).extend([ecr::repository("app"), shared]);

    // Organizations: a governed organization whose RCP is attached to one OU only.
    let mut organizations = org::governed();
    organizations.resource_control_policies = Fetched::Ok(vec![
        org::aws_managed_policy("RCPFullAWSAccess"),
        org::custom_policy("data-perimeter", &[org::ou_target("prod")]),
    ]);
    s.organizations = Some(organizations);

    // Account contacts: a security contact whose mailbox the billing contact shares, no operations one.
    let contacts = s.account.as_mut().expect("the base snapshot collects the account's contacts");
    contacts.security_contact = Fetched::Ok(Some(super::account::fixtures::contact("Security", "sec@example.com")));
    contacts.billing_contact = Fetched::Ok(Some(super::account::fixtures::contact("Finance", "sec@example.com")));

    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::all;
    use crate::engine::Finding;
    use serde::Serialize;
    use serde_json::Value;

    /// What one check says about the rich account, as it is when every read succeeds and when reads
    /// fail: per resource (the check must name the resource and the failed call) and for whole listings.
    #[derive(Serialize)]
    struct CheckFindings {
        all_data_readable: Vec<Finding>,
        reads_about_resources_fail: Vec<Finding>,
        listings_and_account_reads_fail: Vec<Finding>,
    }

    /// Where a failed read is put in the account's serialised form.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum FailedReads {
        /// Every read inside a listed resource (a bucket's policy, a key's rotation status).
        AboutResources,
        /// Every outermost read: the listings and the account-wide reads.
        Outermost,
    }

    /// The account with reads replaced by an AccessDenied error naming the service and the field.
    fn with_failed_reads(s: &Snapshot, which: FailedReads) -> Snapshot {
        let mut json = serde_json::to_value(s).expect("a snapshot serialises");
        for service in ["iam", "s3", "organizations", "account"] {
            if let Some(value) = json.get_mut(service) {
                fail_reads(value, service, service, false, which);
            }
        }
        if let Some(Value::Object(regions)) = json.get_mut("regions") {
            for region in regions.values_mut() {
                if let Value::Object(services) = region {
                    for (service, value) in services.iter_mut() {
                        fail_reads(value, service, service, false, which);
                    }
                }
            }
        }
        serde_json::from_value(json).expect("an account with failed reads deserialises")
    }

    /// Walks `value`, the field `field` of `service`; `in_resource` once inside a listed resource.
    fn fail_reads(value: &mut Value, service: &str, field: &str, in_resource: bool, which: FailedReads) {
        let is_read = matches!(&*value, Value::Object(m) if m.len() == 1 && m.contains_key("ok"));
        if is_read && (which == FailedReads::Outermost || in_resource) {
            *value = serde_json::json!({ "err": denied(service, field) });
            return;
        }
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    fail_reads(child, service, key, in_resource, which);
                }
            }
            Value::Array(items) => {
                for item in items {
                    fail_reads(item, service, field, true, which);
                }
            }
            _ => {}
        }
    }

    /// A check reading a costly collection declares it (`reads` in its metadata), or the collector
    /// would leave it out when only that check is selected; a check declaring one it does not read
    /// would cost requests for nothing. Readers of the last-accessed reports are the checks whose
    /// findings change when the reports could not be read; readers of the attack paths build the graph.
    #[test]
    fn each_check_declares_exactly_the_costly_collections_it_reads() {
        use crate::engine::metadata::{self, CostlyRead};
        let rich = rich_snapshot();
        let mut unread = rich.clone();
        unread.iam.as_mut().expect("IAM").service_last_accessed =
            crate::snapshot::Fetched::Err(denied("iam", "GenerateServiceLastAccessedDetails"));
        let mut wrong = Vec::new();
        for check in all() {
            let declared = |c: CostlyRead| metadata::find(check.id).is_some_and(|m| m.reads.contains(&c));
            let reads_reports = run_check(check, &rich) != run_check(check, &unread);
            if reads_reports != declared(CostlyRead::ServiceLastAccessed) {
                wrong.push(format!("{}: reads service_last_accessed: {reads_reports}", check.id));
            }
            let reads_paths = crate::engine::builds_attack_graph(&check, &rich);
            if reads_paths != declared(CostlyRead::AttackPaths) {
                wrong.push(format!("{}: reads attack_paths: {reads_paths}", check.id));
            }
        }
        assert!(wrong.is_empty(), "metadata `reads` disagrees with the check:\n{}", wrong.join("\n"));
    }

    #[test]
    fn the_rich_account_gets_a_finding_from_every_check() {
        let findings = crate::engine::evaluate(
            &rich_snapshot(),
            &all(),
            &crate::engine::Filter::default(),
            &crate::engine::Config::default(),
            now(),
        );
        let silent: Vec<&str> =
            all().iter().map(|c| c.id).filter(|id| !findings.iter().any(|f| f.check_id() == id)).collect();
        assert!(
            silent.is_empty(),
            "checks without a finding on the rich fixture (give it data they judge): {silent:?}"
        );
    }

    /// One snapshot per check of `checks::all()`: a new check fails here until its snapshot is
    /// reviewed and committed, and the snapshot of a removed check is reported as unreferenced.
    #[test]
    fn every_checks_findings_on_the_rich_account_match_its_snapshot() {
        let rich = rich_snapshot();
        let resources_failed = with_failed_reads(&rich, FailedReads::AboutResources);
        let outermost_failed = with_failed_reads(&rich, FailedReads::Outermost);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../../snapshots/checks");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| {
            for check in all() {
                let findings = CheckFindings {
                    all_data_readable: run_check(check, &rich),
                    reads_about_resources_fail: run_check(check, &resources_failed),
                    listings_and_account_reads_fail: run_check(check, &outermost_failed),
                };
                insta::assert_yaml_snapshot!(check.id, findings);
            }
        });
    }
}
