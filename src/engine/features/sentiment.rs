//! Comment sentiment from a small Chinese + English lexicon with negation, enough to tell praise
//! from complaints in short e-commerce reviews without sending text anywhere.
//!
//! The score of a comment is the sign of (positive hits - negative hits), so it lands in {-1, 0, +1}
//! as the rating model (docs/model.md#rating-score) expects. A negator ("不", "没", "not", "never", ...) directly
//! before a sentiment word flips it: "不满意" and "not good" are negative, "不错" is listed as positive
//! on its own because it is an idiom, not a negation.

/// Positive words and phrases. Longer entries are matched before their substrings.
#[rustfmt::skip]
const POSITIVE_ZH: &[&str] = &[
    "不错", "很好", "非常好", "好评", "满意", "喜欢", "推荐", "超值", "划算", "实惠", "物美价廉", "正品", "精美", "舒服", "舒适", "好用",
    "好看", "好吃", "漂亮", "快速", "很快", "及时", "完美", "惊喜", "值得", "耐用", "贴心", "质量好", "质量很好", "物流快", "发货快", "五星",
    "给力", "还行", "还可以", "棒", "赞", "好",
];
#[rustfmt::skip]
const NEGATIVE_ZH: &[&str] = &[
    "差评", "很差", "太差", "质量差", "失望", "后悔", "退货", "退款", "破损", "损坏", "坏了", "假货", "掉色", "起球", "偏小", "偏大", "色差",
    "难用", "难看", "难吃", "异味", "慢", "太慢", "很慢", "垃圾", "糟糕", "问题", "投诉", "不值", "不好", "不理", "一般般", "差",
];
#[rustfmt::skip]
const NEGATORS_ZH: &[&str] = &[
    "不", "没", "没有", "无", "别", "并不", "不太", "不怎么",
];

#[rustfmt::skip]
const POSITIVE_EN: &[&str] = &[
    "good", "great", "excellent", "love", "loved", "like", "nice", "perfect", "amazing", "awesome", "fast",
    "quick", "happy", "satisfied", "recommend", "recommended", "beautiful", "comfortable", "worth", "quality",
    "best", "fantastic", "wonderful", "pleased", "glad", "durable", "fine", "described", "works",
];
#[rustfmt::skip]
const NEGATIVE_EN: &[&str] = &[
    "bad", "poor", "terrible", "awful", "broken", "damaged", "defective", "slow", "late", "disappointed",
    "disappointing", "hate", "worst", "refund", "return", "returned", "fake", "cheap", "useless", "wrong",
    "small", "problem", "complaint", "waste", "never", "faded", "stopped", "unresponsive",
];
#[rustfmt::skip]
const NEGATORS_EN: &[&str] = &[
    "not", "no", "never", "don't", "dont", "didn't", "didnt", "isn't", "isnt", "wasn't", "hardly",
];

/// -1, 0 or +1 for one comment.
pub fn comment_sentiment(text: &str) -> i8 {
    let (positive, negative) = count_hits(text);
    (positive - negative).signum() as i8
}

fn count_hits(text: &str) -> (i32, i32) {
    let lower = text.to_lowercase();
    let (zh_pos, zh_neg) = count_chinese(&lower);
    let (en_pos, en_neg) = count_english(&lower);
    (zh_pos + en_pos, zh_neg + en_neg)
}

/// Greedy longest-match scan over the characters; unmatched characters are skipped.
fn count_chinese(text: &str) -> (i32, i32) {
    let chars: Vec<char> = text.chars().collect();
    let (mut positive, mut negative) = (0, 0);
    let mut negated = false;
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 6)].iter().collect();
        let longest = |list: &[&str]| list.iter().filter(|w| rest.starts_with(*w)).map(|w| w.chars().count()).max();
        let pos = longest(POSITIVE_ZH);
        let neg = longest(NEGATIVE_ZH);
        let negator = longest(NEGATORS_ZH);
        // Sentiment phrases win over a negator of the same or shorter length ("不错", "不好" are phrases).
        match (pos, neg, negator) {
            (Some(p), n, _) if n.is_none_or(|n| p >= n) => {
                if negated {
                    negative += 1
                } else {
                    positive += 1
                }
                negated = false;
                i += p;
            }
            (_, Some(n), _) => {
                if negated {
                    positive += 1
                } else {
                    negative += 1
                }
                negated = false;
                i += n;
            }
            (None, None, Some(k)) => {
                negated = true;
                i += k;
            }
            _ => {
                // Punctuation ends the reach of a negator; other characters (e.g. "很") keep it.
                if chars[i].is_ascii_punctuation() || "，。！？；、".contains(chars[i]) {
                    negated = false;
                }
                i += 1;
            }
        }
    }
    (positive, negative)
}

fn count_english(text: &str) -> (i32, i32) {
    let (mut positive, mut negative) = (0, 0);
    let mut negated_for: u8 = 0; // how many following words a negator still reaches
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'')) {
        if word.is_empty() {
            continue;
        }
        if NEGATORS_EN.contains(&word) {
            negated_for = 3;
            continue;
        }
        let flip = negated_for > 0;
        negated_for = negated_for.saturating_sub(1);
        if POSITIVE_EN.contains(&word) {
            if flip {
                negative += 1
            } else {
                positive += 1
            }
            negated_for = 0;
        } else if NEGATIVE_EN.contains(&word) {
            if flip {
                positive += 1
            } else {
                negative += 1
            }
            negated_for = 0;
        }
    }
    (positive, negative)
}

#[cfg(test)]
mod tests {
    use super::comment_sentiment;

    #[test]
    fn chinese_reviews() {
        assert_eq!(comment_sentiment("质量很好，物流很快"), 1);
        assert_eq!(comment_sentiment("不太满意，尺码偏小"), -1);
        assert_eq!(comment_sentiment("不错，下次还来"), 1);
        assert_eq!(comment_sentiment("东西不好"), -1);
        assert_eq!(comment_sentiment("并不失望"), 1);
        assert_eq!(comment_sentiment("收到了"), 0);
    }

    #[test]
    fn english_reviews() {
        assert_eq!(comment_sentiment("Great quality, fast delivery"), 1);
        assert_eq!(comment_sentiment("Arrived damaged"), -1);
        assert_eq!(comment_sentiment("not good at all"), -1);
        assert_eq!(comment_sentiment("not bad"), 1);
        assert_eq!(comment_sentiment("It arrived on Tuesday"), 0);
    }

    #[test]
    fn sample_generator_comments() {
        assert_eq!(comment_sentiment("Exactly as described"), 1);
        assert_eq!(comment_sentiment("Not as described"), -1);
        assert_eq!(comment_sentiment("Stopped working after a week"), -1);
        assert_eq!(comment_sentiment("客服不理人"), -1);
        assert_eq!(comment_sentiment("一般般，还行"), 0);
    }

    #[test]
    fn mixed_and_balanced() {
        // One praise and one complaint cancel out.
        assert_eq!(comment_sentiment("good price but slow shipping"), 0);
        assert_eq!(comment_sentiment("好看但是物流慢"), 0);
    }
}
