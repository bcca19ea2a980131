//! Wikilinks as Obsidian writes them: `[[Target]]`, `[[Target|shown]]`, `[[Target#heading]]`,
//! `[[Target^block]]`, in front matter strings and in text.

/// The note a wikilink points to: the part before `|`, `#` or `^`, trimmed, without `.md`.
/// A link to a path (`[[People/Ana Ruiz]]`) keeps its folders: it names one file, which the
/// index finds by path (see [`is_path`]).
pub fn link_target(inner: &str) -> Option<&str> {
    let end = inner.find(['|', '#', '^']).unwrap_or(inner.len());
    let target = inner[..end].trim();
    let target = target.strip_suffix(".md").unwrap_or(target);
    (!link_stem(target).trim().is_empty()).then_some(target)
}

/// Whether a link target names a vault path (`People/Ana Ruiz`, `/Ana Ruiz`) rather than a
/// file name, alias or name.
pub fn is_path(target: &str) -> bool {
    target.contains('/')
}

/// The file name a link target ends with: the target itself when it is no path.
pub fn link_stem(target: &str) -> &str {
    target.rsplit('/').next().unwrap_or(target)
}

/// Every wikilink target in a piece of text, in order, with the byte offset of its `[[`.
pub fn find_links(text: &str) -> Vec<(usize, &str)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(start) = find_pair(text, from, b'[') {
        let inner_start = start + 2;
        let Some(len) = find_pair(text, inner_start, b']').map(|end| end - inner_start) else { break };
        let inner = &text[inner_start..inner_start + len];
        if !inner.contains('\n') && !inner.contains("[[") {
            if let Some(target) = link_target(inner) {
                links.push((start, target));
            }
            from = inner_start + len + 2;
        } else {
            from = inner_start;
        }
    }
    links
}

/// Where the first doubled `byte` (`[[`, `]]`) at or after `from` starts. Front matter
/// values are many and short, and most hold no bracket: a byte search finds that at once.
fn find_pair(text: &str, from: usize, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = memchr::memchr(byte, bytes.get(at..)?) {
        let i = at + found;
        if bytes.get(i + 1) == Some(&byte) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// The target of a front matter value that is a single wikilink (`"[[Ana]]"`), or the
/// value itself when it is plain text (`Ana`).
pub fn value_target(value: &str) -> Option<&str> {
    let trimmed = value.trim();
    match trimmed.strip_prefix("[[").and_then(|s| s.strip_suffix("]]")) {
        Some(inner) => link_target(inner),
        None => (!trimmed.is_empty()).then_some(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_is_not_part_of_the_target() {
        assert_eq!(link_target("Ana Ruiz|Ana"), Some("Ana Ruiz"));
    }

    #[test]
    fn headings_and_blocks_are_not_part_of_the_target() {
        assert_eq!(link_target("Ana Ruiz#Log"), Some("Ana Ruiz"));
        assert_eq!(link_target("Ana Ruiz^abc"), Some("Ana Ruiz"));
    }

    #[test]
    fn a_path_keeps_its_folders_and_loses_its_extension() {
        assert_eq!(link_target("People/Ana Ruiz.md"), Some("People/Ana Ruiz"));
        assert_eq!(link_target("Clients/Ana Ruiz.md|Ana"), Some("Clients/Ana Ruiz"));
        assert_eq!(link_target(" /Ana Ruiz#Log"), Some("/Ana Ruiz"));
        assert_eq!(link_target("People/"), None, "no file name, no link");
        assert_eq!(link_target("People/.md"), None);
    }

    #[test]
    fn a_target_is_a_path_when_it_has_a_folder() {
        assert!(is_path("People/Ana"));
        assert!(is_path("/Ana"));
        assert!(!is_path("Ana Ruiz"));
        assert_eq!(link_stem("Work/People/Ana"), "Ana");
        assert_eq!(link_stem("Ana"), "Ana");
    }

    #[test]
    fn finds_every_link_in_text() {
        let links = find_links("met [[Ana]] and [[Ben|B]]; [[ ]] [[broken");
        assert_eq!(links, vec![(4, "Ana"), (16, "Ben")]);
    }

    proptest::proptest! {
        #[test]
        fn find_pair_finds_what_str_find_finds(text in "[\\[\\]a\n]{0,40}", from in 0usize..45) {
            let from = from.min(text.len());
            for (byte, pair) in [(b'[', "[["), (b']', "]]")] {
                proptest::prop_assert_eq!(find_pair(&text, from, byte), text[from..].find(pair).map(|i| from + i));
            }
        }
    }

    #[test]
    fn value_target_accepts_links_and_plain_names() {
        assert_eq!(value_target("[[Ana Ruiz]]"), Some("Ana Ruiz"));
        assert_eq!(value_target(" Ana Ruiz "), Some("Ana Ruiz"));
        assert_eq!(value_target(""), None);
    }
}
