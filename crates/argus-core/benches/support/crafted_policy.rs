//! The crafted resource policy of the size tests (`src/policy/size_tests.rs`) and the `policy_size`
//! benchmark, included by both with `#[path]`.

/// A resource policy of at most `limit` bytes, public to everyone, whose Denies to everyone each
/// almost (not quite) cover the Allow: long star patterns compared with long star patterns.
pub fn crafted_policy(service: &str, resource_head: &str, limit: usize) -> String {
    let document = |n: usize| {
        let long = |head: &str, unit: &str, tail: &str| format!("{head}{}{tail}", unit.repeat(n));
        format!(
            r#"{{"Version":"2012-10-17","Statement":[
{{"Sid":"Read","Effect":"Allow","Principal":"*","Action":["{service}:G*","{}"],"Resource":["{}"]}},
{{"Sid":"GuardActions","Effect":"Deny","Principal":"*","Action":["{}"],"Resource":"*"}},
{{"Sid":"GuardResources","Effect":"Deny","Principal":"*","Action":"{service}:*","Resource":["{}"]}},
{{"Sid":"Fence","Effect":"Deny","Principal":"*","Action":"{service}:*","NotResource":["{}"]}}]}}"#,
            long(&format!("{service}:G"), "e*", ""),
            long(resource_head, "a*", ""),
            long(&format!("{service}:G"), "e*", "x"),
            long(resource_head, "a*", "b"),
            long(resource_head, "?a*", "c"),
        )
    };
    let (empty, one) = (document(0).len(), document(1).len());
    let n = (limit - empty) / (one - empty);
    let text = document(n);
    assert!(text.len() <= limit && text.len() + (one - empty) > limit, "as large as the limit allows");
    text
}
