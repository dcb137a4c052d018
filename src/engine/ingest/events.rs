//! Event-type cell values (English, Chinese, Taobao codes) to `EventKind`.

use crate::engine::roles::EventKind;

use super::values::trim_cell;

/// Whole values, compared after lower-casing and removing spaces, `_` and `-`.
const EXACT: [(&str, EventKind); 52] = [
    // Taobao / Tianchi user-behaviour codes: 1 pv, 2 fav, 3 cart, 4 buy.
    ("1", EventKind::View),
    ("2", EventKind::Favorite),
    ("3", EventKind::Cart),
    ("4", EventKind::Pay),
    ("pv", EventKind::View),
    ("view", EventKind::View),
    ("views", EventKind::View),
    ("pageview", EventKind::View),
    ("browse", EventKind::View),
    ("click", EventKind::View),
    ("visit", EventKind::View),
    ("浏览", EventKind::View),
    ("点击", EventKind::View),
    ("查看", EventKind::View),
    ("访问", EventKind::View),
    ("cart", EventKind::Cart),
    ("addtocart", EventKind::Cart),
    ("addcart", EventKind::Cart),
    ("加购", EventKind::Cart),
    ("加入购物车", EventKind::Cart),
    ("购物车", EventKind::Cart),
    ("fav", EventKind::Favorite),
    ("favorite", EventKind::Favorite),
    ("favourite", EventKind::Favorite),
    ("collect", EventKind::Favorite),
    ("wishlist", EventKind::Favorite),
    ("收藏", EventKind::Favorite),
    ("order", EventKind::Order),
    ("checkout", EventKind::Order),
    ("下单", EventKind::Order),
    ("订单", EventKind::Order),
    ("提交订单", EventKind::Order),
    ("pay", EventKind::Pay),
    ("paid", EventKind::Pay),
    ("payment", EventKind::Pay),
    ("buy", EventKind::Pay),
    ("purchase", EventKind::Pay),
    ("支付", EventKind::Pay),
    ("付款", EventKind::Pay),
    ("购买", EventKind::Pay),
    ("成交", EventKind::Pay),
    ("refund", EventKind::Refund),
    ("return", EventKind::Refund),
    ("退款", EventKind::Refund),
    ("退货", EventKind::Refund),
    ("review", EventKind::Review),
    ("comment", EventKind::Review),
    ("rate", EventKind::Review),
    ("rating", EventKind::Review),
    ("评价", EventKind::Review),
    ("评论", EventKind::Review),
    ("晒单", EventKind::Review),
];

/// Parts of compound values (`add_to_cart`, `order_paid`, `申请退款`), checked in this order so the
/// more specific meaning wins: a refund of a payment is a refund, a paid order is a payment.
const CONTAINS: [(&str, EventKind); 22] = [
    ("refund", EventKind::Refund),
    ("return", EventKind::Refund),
    ("退", EventKind::Refund),
    ("cart", EventKind::Cart),
    ("购物车", EventKind::Cart),
    ("加购", EventKind::Cart),
    ("fav", EventKind::Favorite),
    ("收藏", EventKind::Favorite),
    ("review", EventKind::Review),
    ("comment", EventKind::Review),
    ("评", EventKind::Review),
    ("pay", EventKind::Pay),
    ("paid", EventKind::Pay),
    ("purchase", EventKind::Pay),
    ("支付", EventKind::Pay),
    ("付款", EventKind::Pay),
    ("order", EventKind::Order),
    ("下单", EventKind::Order),
    ("view", EventKind::View),
    ("click", EventKind::View),
    ("浏览", EventKind::View),
    ("点击", EventKind::View),
];

/// The event kind a cell names, or `None` when no rule recognises it (the caller keeps the row as
/// `EventKind::Other` and reports it).
pub fn event_kind_of(raw: &str) -> Option<EventKind> {
    let key: String =
        trim_cell(raw).chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect();
    if key.is_empty() {
        return None;
    }
    if let Some(&(_, kind)) = EXACT.iter().find(|(word, _)| *word == key) {
        return Some(kind);
    }
    CONTAINS.iter().find(|(part, _)| key.contains(part)).map(|&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_chinese_and_codes() {
        let cases = [
            ("pv", EventKind::View),
            ("View", EventKind::View),
            ("浏览", EventKind::View),
            ("点击", EventKind::View),
            ("cart", EventKind::Cart),
            ("add_to_cart", EventKind::Cart),
            ("加购", EventKind::Cart),
            ("加入购物车", EventKind::Cart),
            ("fav", EventKind::Favorite),
            ("收藏", EventKind::Favorite),
            ("order", EventKind::Order),
            ("下单", EventKind::Order),
            ("pay", EventKind::Pay),
            ("BUY", EventKind::Pay),
            ("purchase", EventKind::Pay),
            ("支付", EventKind::Pay),
            ("付款", EventKind::Pay),
            ("购买", EventKind::Pay),
            ("refund", EventKind::Refund),
            ("退款", EventKind::Refund),
            ("退货", EventKind::Refund),
            ("申请退款", EventKind::Refund),
            ("review", EventKind::Review),
            ("评价", EventKind::Review),
            ("order_paid", EventKind::Pay),
            ("payment_refund", EventKind::Refund),
            (" 1 ", EventKind::View),
            ("2", EventKind::Favorite),
            ("3", EventKind::Cart),
            ("4", EventKind::Pay),
        ];
        for (value, kind) in cases {
            assert_eq!(event_kind_of(value), Some(kind), "{value:?}");
        }
    }

    #[test]
    fn unknown_values() {
        for value in ["", "5", "login", "share", "分享"] {
            assert_eq!(event_kind_of(value), None, "{value:?}");
        }
    }
}
