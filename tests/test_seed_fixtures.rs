//! The fixtures in tests/fixtures are the seed pages' example bodies. When the seed pages are
//! beside the checkout (../shared/seeds, as on CI), check that the fixtures still match them.

mod common;

use std::path::Path;

fn bodies(page: &str) -> Vec<serde_json::Value> {
    page.split("``` http")
        .skip(1)
        .filter_map(|block| {
            let block = &block[..block.find("```")?];
            let start = block.find('{')?;
            Some(serde_json::from_str(&block[start..]).expect("seed body is JSON"))
        })
        .collect()
}

#[test]
fn fixtures_match_the_seed_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} not found; fixtures not compared", dir.display());
        return;
    };
    let mut matched = 0;
    for entry in entries {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let name = if page.contains("POST /trustFramework/keySets") {
            "create"
        } else if page.contains("PATCH /trustFramework/keySets") {
            "update"
        } else {
            continue;
        };
        let found = bodies(&page);
        assert_eq!(found.len(), 2, "{name}: a request and a response body");
        assert_eq!(
            found[0],
            common::json(&common::fixture(&format!("seed_{name}_request.json")))
        );
        assert_eq!(
            found[1],
            common::json(&common::fixture(&format!("seed_{name}_response.json")))
        );
        matched += 1;
    }
    assert_eq!(matched, 2, "both seed pages found in {}", dir.display());
}
