//! Guessing what each column means, from its header name (English or Chinese) or, in a file
//! without a header, from its content. Guesses only: the user can change every one.

use crate::engine::roles::ColumnRole;

use super::infer::{ColumnProfile, DateHint};
use super::report::ValueType;

/// How a name pattern is matched against a normalised header.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The whole header (`id` must not match `item_id`).
    Exact,
    /// A whole word of the header (`age` must not match `page` or `average`).
    Word,
    /// The end of a word (`time` in `paytime`, but not in `times`).
    WordEnd,
    /// Anywhere (long English words and all Chinese patterns).
    Anywhere,
}

use ColumnRole as R;
use Match::{Anywhere as A, Exact as E, Word as W, WordEnd as WE};

/// (pattern, role, weight, how). A header's score for a role is the weight of its best matching
/// pattern, plus `EXACT_BONUS` when the whole header equals the pattern. More specific patterns
/// carry more weight (`实付金额` 95 beats `金额` 60; `last purchase` 95 beats `date` 50).
/// `Other` entries block misleading matches (a birthday is a date but not the event time).
#[rustfmt::skip]
const PATTERNS: &[(&str, ColumnRole, u32, Match)] = &[
    // Customer id.
    ("id", R::CustomerId, 60, E), ("uid", R::CustomerId, 60, E), ("cid", R::CustomerId, 50, E),
    ("user", R::CustomerId, 50, E), ("customer", R::CustomerId, 50, E), ("member", R::CustomerId, 40, E),
    ("buyer", R::CustomerId, 50, E), ("client", R::CustomerId, 40, E), ("vipid", R::CustomerId, 60, E),
    ("userid", R::CustomerId, 80, A), ("customerid", R::CustomerId, 85, A), ("memberid", R::CustomerId, 85, A),
    ("buyerid", R::CustomerId, 85, A), ("clientid", R::CustomerId, 80, A), ("custid", R::CustomerId, 80, A),
    ("customerno", R::CustomerId, 80, A), ("customernumber", R::CustomerId, 80, A),
    ("customercode", R::CustomerId, 80, A), ("memberno", R::CustomerId, 80, A), ("membercode", R::CustomerId, 80, A),
    ("buyernick", R::CustomerId, 75, A), ("username", R::CustomerId, 50, A),
    ("用户id", R::CustomerId, 85, A), ("会员id", R::CustomerId, 85, A), ("客户id", R::CustomerId, 85, A),
    ("顾客id", R::CustomerId, 85, A), ("买家id", R::CustomerId, 85, A), ("用户编号", R::CustomerId, 85, A),
    ("会员编号", R::CustomerId, 85, A), ("客户编号", R::CustomerId, 85, A), ("会员号", R::CustomerId, 80, A),
    ("会员卡号", R::CustomerId, 85, A), ("用户名", R::CustomerId, 60, A), ("买家", R::CustomerId, 60, A),
    ("顾客", R::CustomerId, 55, A), ("用户", R::CustomerId, 70, E), ("会员", R::CustomerId, 70, E),
    ("客户", R::CustomerId, 70, E),
    // Event time.
    ("date", R::Timestamp, 50, WE), ("time", R::Timestamp, 50, WE), ("timestamp", R::Timestamp, 60, A),
    ("datetime", R::Timestamp, 60, A), ("day", R::Timestamp, 30, W), ("orderdate", R::Timestamp, 90, A),
    ("ordertime", R::Timestamp, 90, A), ("purchasedate", R::Timestamp, 85, A), ("purchasetime", R::Timestamp, 85, A),
    ("transactiondate", R::Timestamp, 85, A), ("eventtime", R::Timestamp, 90, A), ("eventdate", R::Timestamp, 90, A),
    ("actiontime", R::Timestamp, 90, A), ("行为时间", R::Timestamp, 90, A), ("日期", R::Timestamp, 55, A), ("时间", R::Timestamp, 55, A),
    ("下单时间", R::Timestamp, 90, A), ("交易日期", R::Timestamp, 90, A), ("交易时间", R::Timestamp, 90, A),
    ("支付时间", R::Timestamp, 85, A), ("付款时间", R::Timestamp, 85, A), ("购买时间", R::Timestamp, 85, A),
    ("购买日期", R::Timestamp, 85, A), ("订单日期", R::Timestamp, 90, A), ("订单时间", R::Timestamp, 90, A),
    ("创建时间", R::Timestamp, 80, A), ("createdat", R::Timestamp, 90, A), ("paidat", R::Timestamp, 80, A),
    ("processedat", R::Timestamp, 80, A), ("消费时间", R::Timestamp, 85, A), ("消费日期", R::Timestamp, 85, A),
    // Order id.
    ("orderid", R::OrderId, 85, A), ("orderno", R::OrderId, 85, A), ("ordernumber", R::OrderId, 85, A),
    ("ordercode", R::OrderId, 85, A), ("transactionid", R::OrderId, 80, A), ("invoice", R::OrderId, 60, A),
    ("订单号", R::OrderId, 90, A), ("订单编号", R::OrderId, 90, A), ("订单id", R::OrderId, 90, A),
    ("交易号", R::OrderId, 80, A), ("流水号", R::OrderId, 80, A),
    // Event type.
    ("type", R::EventType, 30, E), ("event", R::EventType, 60, W), ("eventtype", R::EventType, 90, A),
    ("behavior", R::EventType, 70, A), ("behaviour", R::EventType, 70, A), ("behaviortype", R::EventType, 90, A),
    ("action", R::EventType, 50, W), ("actiontype", R::EventType, 85, A), ("行为类型", R::EventType, 90, A),
    ("行为", R::EventType, 70, A), ("事件", R::EventType, 70, A), ("操作类型", R::EventType, 80, A),
    ("类型", R::EventType, 30, E),
    // Amount of a row.
    ("amount", R::Amount, 60, A), ("price", R::Amount, 40, A), ("total", R::Amount, 45, A),
    ("revenue", R::Amount, 55, A), ("sales", R::Amount, 50, A), ("payment", R::Amount, 55, A),
    ("paid", R::Amount, 50, W), ("spend", R::Amount, 50, A), ("money", R::Amount, 45, A), ("gmv", R::Amount, 55, W),
    ("orderamount", R::Amount, 90, A), ("ordervalue", R::Amount, 80, A), ("paymentamount", R::Amount, 90, A),
    ("payamount", R::Amount, 90, A), ("totalamount", R::Amount, 70, A), ("金额", R::Amount, 60, A),
    ("消费金额", R::Amount, 80, A), ("实付金额", R::Amount, 95, A), ("实付", R::Amount, 85, A),
    ("订单金额", R::Amount, 90, A), ("支付金额", R::Amount, 90, A), ("付款金额", R::Amount, 90, A),
    ("交易金额", R::Amount, 90, A), ("销售额", R::Amount, 70, A), ("价格", R::Amount, 40, A),
    ("单价", R::Amount, 35, A), ("总价", R::Amount, 55, A),
    // Quantity.
    ("quantity", R::Quantity, 70, A), ("qty", R::Quantity, 70, W), ("units", R::Quantity, 50, W),
    ("items", R::Quantity, 40, W), ("pieces", R::Quantity, 50, W), ("数量", R::Quantity, 70, A),
    ("件数", R::Quantity, 70, A), ("购买数量", R::Quantity, 85, A), ("商品数量", R::Quantity, 80, A),
    // Rating.
    ("rating", R::Rating, 70, A), ("score", R::Rating, 50, A), ("stars", R::Rating, 60, A), ("star", R::Rating, 60, W),
    ("reviewscore", R::Rating, 90, A), ("reviewrating", R::Rating, 90, A), ("评分", R::Rating, 80, A),
    ("星级", R::Rating, 80, A), ("打分", R::Rating, 75, A), ("评星", R::Rating, 75, A), ("分数", R::Rating, 70, A),
    // Comment.
    ("comment", R::Comment, 70, A), ("review", R::Comment, 60, A), ("reviewtext", R::Comment, 85, A),
    ("feedback", R::Comment, 60, A), ("remark", R::Comment, 50, A), ("评论", R::Comment, 75, A),
    ("评价内容", R::Comment, 90, A), ("评价", R::Comment, 65, A), ("留言", R::Comment, 60, A),
    ("备注", R::Comment, 40, A),
    // Browse minutes.
    ("browse", R::BrowseMinutes, 65, A), ("duration", R::BrowseMinutes, 65, A), ("minutes", R::BrowseMinutes, 70, A),
    ("mins", R::BrowseMinutes, 60, W), ("browsetime", R::BrowseMinutes, 85, A),
    ("browseminutes", R::BrowseMinutes, 90, A), ("timeonsite", R::BrowseMinutes, 85, A),
    ("staytime", R::BrowseMinutes, 85, A), ("sessionlength", R::BrowseMinutes, 80, A),
    ("浏览时长", R::BrowseMinutes, 95, A), ("停留时长", R::BrowseMinutes, 95, A), ("浏览时间", R::BrowseMinutes, 85, A),
    ("在线时长", R::BrowseMinutes, 85, A), ("时长", R::BrowseMinutes, 75, A),
    // Category and channel.
    ("category", R::Category, 65, A), ("cat", R::Category, 40, W), ("itemcategory", R::Category, 80, A),
    ("productcategory", R::Category, 80, A), ("品类", R::Category, 75, A), ("类目", R::Category, 75, A),
    ("类别", R::Category, 65, A), ("分类", R::Category, 65, A), ("商品类别", R::Category, 85, A),
    ("channel", R::Channel, 70, A), ("source", R::Channel, 55, A), ("platform", R::Channel, 55, A),
    ("utmsource", R::Channel, 80, A), ("渠道", R::Channel, 75, A), ("来源", R::Channel, 70, A),
    ("平台", R::Channel, 55, A),
    // Demographics.
    ("gender", R::Gender, 85, A), ("sex", R::Gender, 85, W), ("性别", R::Gender, 90, A),
    ("age", R::Age, 85, W), ("年龄", R::Age, 90, A),
    ("city", R::City, 75, A), ("region", R::City, 60, A), ("province", R::City, 60, A), ("area", R::City, 50, W),
    ("location", R::City, 55, A), ("城市", R::City, 85, A), ("地区", R::City, 75, A), ("省份", R::City, 70, A),
    ("所在地", R::City, 70, A), ("区域", R::City, 60, A), ("地域", R::City, 65, A), ("所在城市", R::City, 90, A),
    // Customer-table aggregates.
    ("ordercount", R::OrderCount, 90, A), ("orders", R::OrderCount, 80, W), ("numorders", R::OrderCount, 90, A),
    ("numberoforders", R::OrderCount, 90, A), ("purchasecount", R::OrderCount, 90, A),
    ("purchases", R::OrderCount, 75, W), ("purchasetimes", R::OrderCount, 90, A), ("buytimes", R::OrderCount, 90, A),
    ("frequency", R::OrderCount, 75, A), ("transactions", R::OrderCount, 70, W), ("购买次数", R::OrderCount, 95, A),
    ("订单数", R::OrderCount, 95, A), ("下单次数", R::OrderCount, 95, A), ("消费次数", R::OrderCount, 95, A),
    ("订单量", R::OrderCount, 90, A), ("购买频次", R::OrderCount, 95, A), ("频次", R::OrderCount, 70, A),
    ("totalspend", R::TotalSpend, 90, A), ("totalspent", R::TotalSpend, 90, A), ("totalspending", R::TotalSpend, 90, A),
    ("monetary", R::TotalSpend, 85, A), ("lifetimespend", R::TotalSpend, 90, A), ("消费总额", R::TotalSpend, 95, A),
    ("累计消费", R::TotalSpend, 95, A), ("总消费", R::TotalSpend, 90, A), ("消费总金额", R::TotalSpend, 95, A),
    ("累计金额", R::TotalSpend, 90, A),
    ("aov", R::AverageOrderValue, 95, W), ("averageordervalue", R::AverageOrderValue, 95, A),
    ("avgordervalue", R::AverageOrderValue, 95, A), ("averagespend", R::AverageOrderValue, 90, A),
    ("avgspend", R::AverageOrderValue, 90, A), ("averageamount", R::AverageOrderValue, 90, A),
    ("avgamount", R::AverageOrderValue, 90, A), ("avgprice", R::AverageOrderValue, 80, A),
    ("客单价", R::AverageOrderValue, 95, A), ("平均消费", R::AverageOrderValue, 95, A),
    ("平均订单金额", R::AverageOrderValue, 95, A), ("平均金额", R::AverageOrderValue, 90, A),
    ("笔单价", R::AverageOrderValue, 90, A),
    ("visits", R::VisitCount, 85, W), ("visitcount", R::VisitCount, 90, A), ("visittimes", R::VisitCount, 90, A),
    ("sessions", R::VisitCount, 80, W), ("logins", R::VisitCount, 80, W), ("logincount", R::VisitCount, 90, A),
    ("logintimes", R::VisitCount, 90, A), ("访问次数", R::VisitCount, 95, A), ("登录次数", R::VisitCount, 95, A),
    ("访问量", R::VisitCount, 85, A), ("浏览次数", R::VisitCount, 90, A), ("到店次数", R::VisitCount, 90, A),
    ("points", R::Points, 80, A), ("point", R::Points, 75, W), ("积分", R::Points, 85, A),
    ("tier", R::ExistingTier, 80, A), ("level", R::ExistingTier, 70, A), ("memberlevel", R::ExistingTier, 90, A),
    ("viplevel", R::ExistingTier, 90, A), ("grade", R::ExistingTier, 60, A), ("会员等级", R::ExistingTier, 95, A),
    ("等级", R::ExistingTier, 85, A), ("级别", R::ExistingTier, 75, A), ("会员级别", R::ExistingTier, 95, A),
    ("value", R::CustomerValue, 55, A), ("clv", R::CustomerValue, 85, W), ("ltv", R::CustomerValue, 85, W),
    ("customervalue", R::CustomerValue, 90, A), ("lifetimevalue", R::CustomerValue, 90, A),
    ("价值", R::CustomerValue, 70, A), ("客户价值", R::CustomerValue, 90, A),
    ("lastpurchase", R::LastPurchaseDate, 95, A), ("lastorder", R::LastPurchaseDate, 95, A),
    ("lastbuy", R::LastPurchaseDate, 95, A), ("最近购买", R::LastPurchaseDate, 95, A),
    ("最后购买", R::LastPurchaseDate, 95, A), ("最近消费", R::LastPurchaseDate, 95, A),
    ("最后消费", R::LastPurchaseDate, 95, A), ("最近下单", R::LastPurchaseDate, 95, A),
    ("上次购买", R::LastPurchaseDate, 95, A), ("最近一次", R::LastPurchaseDate, 85, A),
    ("firstpurchase", R::FirstPurchaseDate, 95, A), ("firstorder", R::FirstPurchaseDate, 95, A),
    ("register", R::FirstPurchaseDate, 90, A), ("registration", R::FirstPurchaseDate, 90, A),
    ("regdate", R::FirstPurchaseDate, 90, A), ("signup", R::FirstPurchaseDate, 90, A),
    ("joindate", R::FirstPurchaseDate, 90, A), ("joined", R::FirstPurchaseDate, 80, W),
    ("membersince", R::FirstPurchaseDate, 90, A), ("注册", R::FirstPurchaseDate, 90, A),
    ("首次购买", R::FirstPurchaseDate, 95, A), ("首购", R::FirstPurchaseDate, 90, A), ("入会", R::FirstPurchaseDate, 90, A),
    ("开卡", R::FirstPurchaseDate, 85, A),
    // Contact details: never guessed as a role by name (see `super::contact`), but they keep an
    // e-mail or phone column from matching something else (`mail` is no channel).
    ("email", R::Other, 95, A), ("mail", R::Other, 90, W), ("邮箱", R::Other, 95, A),
    ("电子邮件", R::Other, 95, A), ("phone", R::Other, 95, A), ("mobile", R::Other, 95, A), ("tel", R::Other, 90, W),
    ("telephone", R::Other, 95, A), ("手机", R::Other, 95, A), ("电话", R::Other, 95, A), ("联系方式", R::Other, 95, A),
    // Look like one of the above but are not.
    ("birth", R::Other, 95, A), ("生日", R::Other, 95, A), ("出生", R::Other, 95, A), ("recency", R::Other, 95, A),
    ("dayssince", R::Other, 96, A), ("tenure", R::Other, 90, A), ("itemid", R::Other, 90, A),
    ("productid", R::Other, 90, A), ("skuid", R::Other, 90, A), ("商品id", R::Other, 90, A),
];

const EXACT_BONUS: u32 = 100;

/// A header in comparable form: words (split at separators and camelCase), lower case, with
/// bracketed units removed (`金额（元）` -> `金额`, `Age (years)` -> `age`).
pub(super) struct NormalisedName {
    pub(super) words: Vec<String>,
    pub(super) joined: String,
}

pub(super) fn normalise(header: &str) -> NormalisedName {
    let mut without_units = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => without_units.push(c),
            _ => {}
        }
    }
    let base = if without_units.trim().is_empty() { header } else { without_units.as_str() };
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in base.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    let joined = words.concat();
    NormalisedName { words, joined }
}

/// Every role the header name suggests, with its best score (highest first; ties in table order).
pub fn name_scores(header: &str) -> Vec<(ColumnRole, u32)> {
    let name = normalise(header);
    if name.joined.is_empty() {
        return Vec::new();
    }
    let mut scores: Vec<(ColumnRole, u32)> = Vec::new();
    for &(pattern, role, weight, how) in PATTERNS {
        let score = if name.joined == pattern {
            weight + EXACT_BONUS
        } else {
            let matched = match how {
                Match::Exact => false,
                Match::Word => name.words.iter().any(|w| w == pattern),
                Match::WordEnd => name.words.iter().any(|w| w.ends_with(pattern)),
                Match::Anywhere => name.joined.contains(pattern),
            };
            if !matched {
                continue;
            }
            weight
        };
        match scores.iter_mut().find(|(r, _)| *r == role) {
            Some(entry) => entry.1 = entry.1.max(score),
            None => scores.push((role, score)),
        }
    }
    scores.sort_by_key(|&(_, score)| std::cmp::Reverse(score));
    scores
}

/// The role a header name most likely means, if any (`Other` blockers count as "no role").
pub fn role_from_name(header: &str) -> Option<ColumnRole> {
    name_scores(header).first().map(|&(role, _)| role).filter(|&r| r != ColumnRole::Other)
}

/// Share of a column's cells that must fit a role's kind (number, date) for a header guess to hold:
/// looser than the type threshold, because a messy amount column is still the amount, but enough to
/// reject "days since last purchase" (integers) as a date or "age group" (`25-34`) as a number.
const ROLE_FIT_SHARE: f64 = 0.5;

/// Whether the column's content can carry the role.
pub fn role_fits(role: ColumnRole, profile: &ColumnProfile, date_hint: DateHint) -> bool {
    if profile.non_empty == 0 {
        return true;
    }
    if role.is_date() {
        return profile.date_share(date_hint) >= ROLE_FIT_SHARE;
    }
    if role.is_numeric() {
        return profile.numeric_share() >= ROLE_FIT_SHARE;
    }
    true
}

/// What a header says about dates in its column.
pub fn date_hint(name: &str) -> DateHint {
    if role_from_name(name).is_some_and(ColumnRole::is_date) {
        DateHint::HeaderSaysDate
    } else {
        DateHint::HeaderSaysOther
    }
}

/// Roles from header names: each column's best-scoring role that its content can carry; each unique
/// role goes to the column that matches it best (earlier column on ties), the others become `Other`.
pub fn roles_from_names(names: &[String], profiles: &[ColumnProfile]) -> Vec<ColumnRole> {
    let best: Vec<Option<(ColumnRole, u32)>> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let hint = date_hint(name);
            name_scores(name).into_iter().find(|&(role, _)| profiles.get(i).is_none_or(|p| role_fits(role, p, hint)))
        })
        .collect();
    let mut order: Vec<usize> = (0..names.len()).filter(|&i| best[i].is_some()).collect();
    // Stable sort: on equal scores the earlier column wins.
    order.sort_by(|&a, &b| best[b].map(|x| x.1).cmp(&best[a].map(|x| x.1)));
    let mut roles = vec![ColumnRole::Other; names.len()];
    let mut taken: Vec<ColumnRole> = Vec::new();
    for i in order {
        let Some((role, _)) = best[i] else { continue };
        if role == ColumnRole::Other || taken.contains(&role) {
            continue;
        }
        roles[i] = role;
        taken.push(role);
    }
    roles
}

/// Roles of a file without a header, from content alone: the first date column is the event time;
/// the first id-like column whose values repeat is the customer (else the first id-like column); a
/// column of event words is the event type; the first decimal column is the amount; a column of
/// small non-negative integers is the quantity.
pub fn roles_from_content(profiles: &[ColumnProfile], types: &[ValueType]) -> Vec<ColumnRole> {
    let n = profiles.len().min(types.len());
    let mut roles = vec![ColumnRole::Other; n];
    let free = |roles: &[ColumnRole], i: usize| roles[i] == ColumnRole::Other;
    if let Some(i) = (0..n).find(|&i| matches!(types[i], ValueType::Date | ValueType::DateTime)) {
        roles[i] = ColumnRole::Timestamp;
    }
    let id_like = |i: usize| {
        let p = &profiles[i];
        matches!(types[i], ValueType::Integer | ValueType::Text)
            && !p.has_spaces
            && p.max_chars <= 40
            && p.non_empty > 0
    };
    let repeats = |i: usize| profiles[i].distinct < profiles[i].non_empty;
    let id = (0..n)
        .find(|&i| free(&roles, i) && id_like(i) && repeats(i))
        .or_else(|| (0..n).find(|&i| free(&roles, i) && id_like(i)));
    if let Some(i) = id {
        roles[i] = ColumnRole::CustomerId;
    }
    if let Some(i) = (0..n)
        .find(|&i| free(&roles, i) && types[i] == ValueType::Text && profiles[i].share(profiles[i].event_words) >= 0.8)
    {
        roles[i] = ColumnRole::EventType;
    }
    if let Some(i) = (0..n).find(|&i| free(&roles, i) && types[i] == ValueType::Decimal) {
        roles[i] = ColumnRole::Amount;
    }
    if let Some(i) = (0..n).find(|&i| {
        free(&roles, i) && types[i] == ValueType::Integer && profiles[i].min >= 0.0 && profiles[i].max <= 1000.0
    }) {
        roles[i] = ColumnRole::Quantity;
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(header: &str) -> Option<ColumnRole> {
        role_from_name(header)
    }

    #[test]
    fn english_names() {
        let cases = [
            ("customer id", R::CustomerId),
            ("user_id", R::CustomerId),
            ("Member ID", R::CustomerId),
            ("UserId", R::CustomerId),
            ("id", R::CustomerId),
            ("date", R::Timestamp),
            ("Order Date", R::Timestamp),
            ("pay_time", R::Timestamp),
            ("timestamp", R::Timestamp),
            ("event_time", R::Timestamp),
            ("amount", R::Amount),
            ("Price", R::Amount),
            ("total", R::Amount),
            ("order_amount", R::Amount),
            ("quantity", R::Quantity),
            ("Qty", R::Quantity),
            ("event", R::EventType),
            ("behavior_type", R::EventType),
            ("type", R::EventType),
            ("rating", R::Rating),
            ("stars", R::Rating),
            ("review_score", R::Rating),
            ("comment", R::Comment),
            ("review text", R::Comment),
            ("browse_minutes", R::BrowseMinutes),
            ("duration", R::BrowseMinutes),
            ("category", R::Category),
            ("channel", R::Channel),
            ("source", R::Channel),
            ("gender", R::Gender),
            ("Sex", R::Gender),
            ("Age (years)", R::Age),
            ("city", R::City),
            ("order_id", R::OrderId),
            ("purchase count", R::OrderCount),
            ("orders", R::OrderCount),
            ("total_orders", R::OrderCount),
            ("total spend", R::TotalSpend),
            ("AOV", R::AverageOrderValue),
            ("avg_order_value", R::AverageOrderValue),
            ("average spend", R::AverageOrderValue),
            ("visits", R::VisitCount),
            ("login_times", R::VisitCount),
            ("points", R::Points),
            ("tier", R::ExistingTier),
            ("member_level", R::ExistingTier),
            ("CLV", R::CustomerValue),
            ("value", R::CustomerValue),
            ("last_purchase_date", R::LastPurchaseDate),
            ("register_time", R::FirstPurchaseDate),
            ("signup date", R::FirstPurchaseDate),
            ("first purchase", R::FirstPurchaseDate),
        ];
        for (header, role) in cases {
            assert_eq!(guess(header), Some(role), "{header:?}");
        }
    }

    #[test]
    fn chinese_names() {
        let cases = [
            ("用户ID", R::CustomerId),
            ("会员ID", R::CustomerId),
            ("客户编号", R::CustomerId),
            ("买家昵称", R::CustomerId),
            ("日期", R::Timestamp),
            ("下单时间", R::Timestamp),
            ("时间", R::Timestamp),
            ("交易日期", R::Timestamp),
            ("金额", R::Amount),
            ("消费金额", R::Amount),
            ("实付金额", R::Amount),
            ("订单金额", R::Amount),
            ("金额（元）", R::Amount),
            ("数量", R::Quantity),
            ("件数", R::Quantity),
            ("行为类型", R::EventType),
            ("行为", R::EventType),
            ("事件", R::EventType),
            ("评分", R::Rating),
            ("星级", R::Rating),
            ("评论", R::Comment),
            ("评价内容", R::Comment),
            ("浏览时长", R::BrowseMinutes),
            ("停留时长", R::BrowseMinutes),
            ("品类", R::Category),
            ("类目", R::Category),
            ("渠道", R::Channel),
            ("来源", R::Channel),
            ("性别", R::Gender),
            ("年龄", R::Age),
            ("城市", R::City),
            ("地区", R::City),
            ("订单号", R::OrderId),
            ("购买次数", R::OrderCount),
            ("订单数", R::OrderCount),
            ("消费总额", R::TotalSpend),
            ("累计消费", R::TotalSpend),
            ("客单价", R::AverageOrderValue),
            ("平均消费", R::AverageOrderValue),
            ("访问次数", R::VisitCount),
            ("登录次数", R::VisitCount),
            ("积分", R::Points),
            ("会员等级", R::ExistingTier),
            ("等级", R::ExistingTier),
            ("价值", R::CustomerValue),
            ("最近购买", R::LastPurchaseDate),
            ("最近购买时间", R::LastPurchaseDate),
            ("注册时间", R::FirstPurchaseDate),
        ];
        for (header, role) in cases {
            assert_eq!(guess(header), Some(role), "{header:?}");
        }
    }

    #[test]
    fn near_misses_are_not_matched() {
        for header in
            ["item_id", "page", "average", "usage", "product name", "生日", "出生日期", "recency", "", "customer type"]
        {
            assert_eq!(guess(header), None, "{header:?}");
        }
        // `times` is not `time`: "login times" counts visits.
        assert_eq!(guess("login times"), Some(R::VisitCount));
    }

    fn profiles(columns: &[&[&str]]) -> Vec<ColumnProfile> {
        let rows = columns[0].len();
        let table: Vec<Vec<String>> = (0..rows).map(|r| columns.iter().map(|c| c[r].to_string()).collect()).collect();
        (0..columns.len()).map(|i| ColumnProfile::of_column(&table, i, Default::default())).collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn unique_roles_go_to_the_best_match() {
        let names = names(&["用户ID", "金额", "实付金额", "日期", "下单时间", "备注"]);
        let profiles = profiles(&[&["u1"], &["1.5"], &["1.5"], &["2024-03-05"], &["2024-03-05 14:03"], &["hi"]]);
        // Scores (weight + 100 for a whole-name match): 实付金额 195 beats 金额 160 for the amount;
        // 下单时间 190 beats 日期 155 for the time; the losers become Other.
        assert_eq!(
            roles_from_names(&names, &profiles),
            vec![R::CustomerId, R::Other, R::Amount, R::Other, R::Timestamp, R::Comment]
        );
    }

    #[test]
    fn content_that_does_not_fit_demotes_a_name_guess() {
        let names = names(&["id", "days since last purchase", "last purchase", "age", "amount"]);
        // The amount column is messy (2 of 4 cells are numbers: 50 %), still the amount.
        let profiles = profiles(&[
            &["1", "2", "3", "4"],
            &["10", "20", "5", "7"],
            &["2024-03-05", "20240306", "2024/3/7", ""],
            &["25-34", "35-44", "", "18-24"],
            &["12.5", "n/a", "¥3", "?"],
        ]);
        assert_eq!(
            roles_from_names(&names, &profiles),
            vec![R::CustomerId, R::Other, R::LastPurchaseDate, R::Other, R::Amount]
        );
    }

    #[test]
    fn roles_of_a_headerless_file_come_from_content() {
        // CDNow: id (repeating), YYYYMMDD date, small quantity, decimal amount.
        let profiles = profiles(&[
            &["00001", "00002", "00002", "00003"],
            &["19970101", "19970112", "19970102", "19970102"],
            &["1", "5", "2", "2"],
            &["11.77", "77.00", "20.76", "19.54"],
        ]);
        let types: Vec<ValueType> = profiles.iter().map(|p| p.value_type(DateHint::NoHeader).0).collect();
        assert_eq!(types, vec![ValueType::Integer, ValueType::Date, ValueType::Integer, ValueType::Decimal]);
        assert_eq!(roles_from_content(&profiles, &types), vec![R::CustomerId, R::Timestamp, R::Quantity, R::Amount]);
        // Taobao UserBehavior without header: user, item, category, behaviour word, epoch time.
        let profiles = profiles_of_taobao();
        let types: Vec<ValueType> = profiles.iter().map(|p| p.value_type(DateHint::NoHeader).0).collect();
        assert_eq!(
            roles_from_content(&profiles, &types),
            vec![R::CustomerId, R::Other, R::Other, R::EventType, R::Other]
        );
    }

    fn profiles_of_taobao() -> Vec<ColumnProfile> {
        profiles(&[
            &["1", "1", "100", "100"],
            &["2268318", "2333346", "2576651", "3830808"],
            &["2520377", "2520771", "149192", "4181361"],
            &["pv", "pv", "buy", "cart"],
            &["1511544070", "1511561733", "1511572885", "1511593493"],
        ])
    }
}
