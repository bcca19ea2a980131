//! Who cares about a topic: for the moment an article, a book or an event makes you think of
//! someone. Matches in properties weigh more than mentions in the note's text.

use crate::index::Index;
use crate::text;
use serde::Serialize;

/// One contact who cares about the topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhoMatch {
    /// Display name.
    pub name: String,
    /// Note path.
    pub path: String,
    /// Relevance; higher is better.
    pub score: u32,
    /// Where the topic matched, e.g. `interests: climbing`.
    pub why: Vec<String>,
}

/// Ranks active and paused contacts by how much the topic shows up in their note.
pub fn who(index: &Index, topic: &str) -> Vec<WhoMatch> {
    let wanted: Vec<String> = text::words(topic);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut matches: Vec<WhoMatch> = index
        .contacts
        .iter()
        .filter(|c| c.status != crate::model::contact::Status::Archived)
        .filter_map(|c| {
            let mut score = 0;
            let mut why = Vec::new();
            let fields: [(&str, u32, Vec<&str>); 7] = [
                ("interests", 5, c.interests.iter().map(|v| v.as_str()).collect()),
                ("needs", 4, c.needs.iter().map(|v| v.as_str()).collect()),
                ("offers", 4, c.offers.iter().map(|v| v.as_str()).collect()),
                ("tags", 3, c.tags.iter().map(|v| v.as_str()).collect()),
                ("role", 2, c.role.iter().map(|v| v.as_str()).collect()),
                ("company", 2, c.company.iter().map(|v| v.as_str()).collect()),
                ("city", 1, c.city.iter().map(|v| v.as_str()).collect()),
            ];
            for (field, weight, values) in fields {
                for value in values.into_iter().filter(|v| contains_words(v, &wanted)) {
                    score += weight;
                    why.push(format!("{field}: {value}"));
                }
            }
            let body = crate::note::split::split(&c.text).body;
            // Whole words only: "ai" is not mentioned in "paid".
            let words = text::words(body);
            let mentions = words.windows(wanted.len()).filter(|w| *w == wanted.as_slice()).count() as u32;
            if mentions > 0 {
                score += mentions.min(3);
                why.push(format!("notes mention it {} time{}", mentions, if mentions == 1 { "" } else { "s" }));
            }
            (score > 0).then(|| WhoMatch { name: c.name.clone(), path: c.path.clone(), score, why })
        })
        .collect();
    matches.sort_by_cached_key(|m| (std::cmp::Reverse(m.score), text::fold(&m.name)));
    matches
}

fn contains_words(value: &str, wanted: &[String]) -> bool {
    let words = text::words(value);
    wanted.iter().all(|w| words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_mentions_count_whole_words_only() {
        let index = crate::index::index_of_files(&[
            ("People/Ana.md", "Ana paid the bill; it was fair, she said. Maid of honour."),
            ("People/Ben.md", "We talked about AI, then ai again, and angel investors: AI."),
            ("People/Cy.md", "She met angel investors in Lisbon, then more Angel Investors."),
        ]);
        let found: Vec<(String, u32, Vec<String>)> =
            who(&index, "ai").into_iter().map(|m| (m.name, m.score, m.why)).collect();
        assert_eq!(found, [("Ben".to_string(), 3, vec!["notes mention it 3 times".to_string()])]);
        let found: Vec<(String, Vec<String>)> =
            who(&index, "angel investor").into_iter().map(|m| (m.name, m.why)).collect();
        assert_eq!(
            found,
            [
                ("Cy".to_string(), vec!["notes mention it 2 times".to_string()]),
                ("Ben".to_string(), vec!["notes mention it 1 time".to_string()]),
            ]
        );
    }
}
