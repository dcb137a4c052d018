//! Customer ids as platforms export them: with no column named like an id, an e-mail or phone
//! column is the customer (Shopify's `Email`, a 手机号 column), and the report says so.

use crate::engine::roles::ColumnRole;

use super::infer::{contact_kind, ColumnProfile};
use super::report::ContactKind;
use super::role_guess::{normalise, role_from_name};

/// Share of a column's sampled cells that must be e-mail addresses (or phone numbers) for it to
/// stand in for the customer id.
const CONTACT_SHARE: f64 = 0.8;

/// Header words that name a contact column, per kind.
const EMAIL_NAMES: [&str; 5] = ["email", "mail", "邮箱", "电子邮件", "邮件"];
const PHONE_NAMES: [&str; 8] = ["phone", "mobile", "tel", "telephone", "cellphone", "手机", "电话", "联系方式"];

/// With no customer id among `roles`, the column to take as the customer: an e-mail column first,
/// else a phone column; one named so (`Email`, `手机号`) before one that only holds such values; its
/// sampled cells must be e-mail addresses (phone numbers) in at least 80 %. Sets its role; returns
/// the column.
pub fn contact_as_customer(names: &[String], profiles: &[ColumnProfile], roles: &mut [ColumnRole]) -> Option<usize> {
    if roles.contains(&ColumnRole::CustomerId) {
        return None;
    }
    let named = |name: &str, words: &[&str]| {
        let name = normalise(name);
        words.iter().any(|w| name.words.iter().any(|n| n == w || n.starts_with(w)) || name.joined.contains(w))
    };
    let candidates = [(ContactKind::Email, &EMAIL_NAMES[..]), (ContactKind::Phone, &PHONE_NAMES[..])];
    for (kind, words) in candidates {
        let fits = |i: usize| {
            let p = &profiles[i];
            let count = if kind == ContactKind::Email { p.emails } else { p.phones };
            p.non_empty > 0 && p.share(count) >= CONTACT_SHARE
        };
        let free = |i: usize| matches!(roles[i], ColumnRole::Other);
        let n = names.len().min(profiles.len()).min(roles.len());
        let chosen = (0..n)
            .find(|&i| free(i) && fits(i) && named(&names[i], words))
            .or_else(|| (0..n).find(|&i| free(i) && fits(i)));
        if let Some(i) = chosen {
            roles[i] = ColumnRole::CustomerId;
            return Some(i);
        }
    }
    None
}

/// Whether the customer id column `name` is a contact column standing in for an id: not named like
/// an id, and named like a contact or holding contact details (`ids`: some of its values).
pub fn contact_id_column<'a>(name: &str, ids: impl Iterator<Item = &'a str>) -> Option<ContactKind> {
    if role_from_name(name) == Some(ColumnRole::CustomerId) {
        return None;
    }
    let (mut total, mut emails, mut phones) = (0usize, 0usize, 0usize);
    for id in ids {
        total += 1;
        match contact_kind(id) {
            Some(ContactKind::Email) => emails += 1,
            Some(ContactKind::Phone) => phones += 1,
            None => {}
        }
    }
    let share = |count: usize| total > 0 && count as f64 >= CONTACT_SHARE * total as f64;
    if share(emails) {
        Some(ContactKind::Email)
    } else if share(phones) {
        Some(ContactKind::Phone)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phone_numbers_are_told_from_other_values() {
        use ContactKind::{Email, Phone};
        for (cell, kind) in [
            ("ana@example.com", Some(Email)),
            (" li.wei@example.cn ", Some(Email)),
            ("a@b", None),
            ("ana @example.com", None),
            ("@example.com", None),
            ("+351 912 345 678", Some(Phone)),
            ("13800138000", Some(Phone)),
            ("'0201234567", Some(Phone)),
            ("(020) 1234-5678", Some(Phone)),
            // Plain numbers that are not dialled: amounts, ids, dates.
            ("20240305", None),
            ("123456789", None),
            ("10000001", None),
            ("12345678901", Some(Phone)),
            ("1234", None),
            ("12.50", None),
            ("2024-03-05", None),
            ("05.03.2024", None),
            ("2024-03-05 14:03", None),
            ("U000123", None),
        ] {
            assert_eq!(contact_kind(cell), kind, "{cell:?}");
        }
    }

    #[test]
    fn a_contact_column_named_like_an_id_is_no_stand_in() {
        let emails = ["a@x.com", "b@y.org", "c@z.net"];
        assert_eq!(contact_id_column("Email", emails.into_iter()), Some(ContactKind::Email));
        assert_eq!(contact_id_column("customer_id", emails.into_iter()), None);
        assert_eq!(contact_id_column("手机号", ["13800138000", "13912345678"].into_iter()), Some(ContactKind::Phone));
        // Four in five is enough; fewer is not.
        assert_eq!(
            contact_id_column("login", ["a@x.com", "b@x.com", "c@x.com", "d@x.com", "eve"].into_iter()),
            Some(ContactKind::Email)
        );
        assert_eq!(contact_id_column("login", ["a@x.com", "b@x.com", "c@x.com", "dan", "eve"].into_iter()), None);
    }
}
