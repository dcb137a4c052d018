//! The words the sample data is made of: cities, categories, channels and review comments, with the
//! weights that make their mix look like a Chinese e-commerce export.

/// Cities with weights roughly following online-shopping volume (tier-1 cities first).
pub const CITIES: [(&str, f64); 17] = [
    ("上海", 11.0),
    ("北京", 11.0),
    ("广州", 8.0),
    ("深圳", 8.0),
    ("杭州", 7.0),
    ("成都", 7.0),
    ("重庆", 6.0),
    ("武汉", 6.0),
    ("南京", 5.0),
    ("西安", 5.0),
    ("苏州", 5.0),
    ("天津", 4.0),
    ("长沙", 4.0),
    ("郑州", 4.0),
    ("青岛", 3.0),
    ("厦门", 3.0),
    ("合肥", 3.0),
];

pub const GENDERS: [&str; 2] = ["女", "男"];
/// Women buy somewhat more online in most Chinese platforms' reports.
pub const GENDER_WEIGHTS: [f64; 2] = [0.56, 0.44];

pub const CATEGORIES: [&str; 7] = ["服饰", "美妆", "数码", "家居", "食品", "母婴", "运动"];
/// Category of a session that does not follow the customer's favourite.
pub const CATEGORY_WEIGHTS: [f64; 7] = [0.22, 0.16, 0.12, 0.15, 0.17, 0.08, 0.10];
/// A customer's favourite category by gender (index into GENDERS): gives demographic analyses
/// something to find without touching the purchase or spend process.
pub const FAVOURITE_CATEGORY_WEIGHTS: [[f64; 7]; 2] =
    [[0.26, 0.26, 0.06, 0.14, 0.12, 0.12, 0.04], [0.18, 0.04, 0.28, 0.14, 0.14, 0.04, 0.18]];

pub const CHANNELS: [&str; 3] = ["App", "Web", "小程序"];
pub const CHANNEL_WEIGHTS: [f64; 3] = [0.50, 0.18, 0.32];

/// Items per order (1-5), most orders are single items.
pub const QUANTITY_WEIGHTS: [f64; 5] = [0.58, 0.24, 0.10, 0.05, 0.03];

/// Ratings 1-5: the J-shape of real review data (mostly 5s, a bump at 1).
pub const RATING_WEIGHTS: [f64; 5] = [0.05, 0.04, 0.09, 0.24, 0.58];
/// Ratings 1-5 of orders that were refunded: mostly unhappy.
pub const RATING_WEIGHTS_REFUNDED: [f64; 5] = [0.45, 0.25, 0.15, 0.10, 0.05];

/// Review comments by sentiment. Some contain an ASCII comma or double quotes on purpose: they
/// exercise CSV quoting in every reader that loads the sample.
pub const POSITIVE_COMMENTS: [&str; 18] = [
    "质量很好，物流很快",
    "非常满意，会回购",
    "包装精美，送人很有面子",
    "性价比高,推荐购买",
    "颜色和图片一样，很喜欢",
    "第二次买了，一如既往的好",
    "客服态度很好，耐心解答",
    "孩子很喜欢",
    "味道不错，下次还买",
    "东西不错，\"物超所值\"",
    "Great quality, fast delivery",
    "Exactly as described",
    "Love it! Will buy again",
    "Good value for money",
    "Fits perfectly and very comfortable",
    "My kids love it",
    "Five stars, \"best purchase this year\"",
    "Fast shipping and well packed",
];
pub const NEUTRAL_COMMENTS: [&str; 7] = [
    "一般般，还行",
    "东西还可以，物流有点慢",
    "和描述基本一致",
    "中规中矩,价格偏高",
    "It's okay, nothing special",
    "Average quality, slow shipping",
    "Decent but a bit pricey",
];
pub const NEGATIVE_COMMENTS: [&str; 11] = [
    "不太满意，尺码偏小",
    "质量很差，已申请退货",
    "物流太慢了，等了一周",
    "收到有破损",
    "和图片差距很大,不推荐",
    "客服不理人",
    "Arrived damaged",
    "Poor quality, returned it",
    "Not as described",
    "Too small, \"one size fits all\" is not true",
    "Stopped working after a week",
];

/// Share of reviews that leave the comment empty (a rating only).
pub const SHARE_RATING_ONLY: f64 = 0.12;

/// All comments in one table so a row can refer to one by a small index.
pub fn comment_text(index: u16) -> &'static str {
    let i = usize::from(index);
    let (p, n) = (POSITIVE_COMMENTS.len(), NEUTRAL_COMMENTS.len());
    if i < p {
        POSITIVE_COMMENTS[i]
    } else if i < p + n {
        NEUTRAL_COMMENTS[i - p]
    } else {
        NEGATIVE_COMMENTS.get(i - p - n).copied().unwrap_or("")
    }
}

/// The table range (offset, length) of comments matching a 1-5 rating.
pub fn comment_range_for_rating(rating: u8) -> (u16, u16) {
    let (p, n, m) = (POSITIVE_COMMENTS.len() as u16, NEUTRAL_COMMENTS.len() as u16, NEGATIVE_COMMENTS.len() as u16);
    match rating {
        4 | 5 => (0, p),
        3 => (p, n),
        _ => (p + n, m),
    }
}

/// Hour-of-day weights (0-23) for online shopping in China: a morning rise, a lunch bump and
/// the evening peak at 21:00-22:00, very little between 02:00 and 06:00.
pub const HOUR_WEIGHTS: [f64; 24] = [
    0.55, 0.30, 0.16, 0.10, 0.08, 0.10, 0.20, 0.40, 0.65, 0.85, 1.00, 1.00, 1.05, 0.95, 0.95, 1.00, 1.00, 0.95, 1.00,
    1.20, 1.50, 1.70, 1.55, 1.00,
];

/// Gregorian date (month, day) of the Spring Festival (农历正月初一), 2015-2035. Outside these years
/// the sample has no Spring Festival dip.
pub const SPRING_FESTIVALS: [(i32, u32, u32); 21] = [
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];
