//! One page of the collection: the key sets that pass `$filter`, in `$orderby` order (then by
//! id), after the `$skiptoken`'s position and `$skip`, at most a page of them, trimmed to
//! `$select`.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Bound;

use odata_core::graph::TrustFrameworkKeySet;
use odata_core::EntityType;
use serde_json::Value;

use crate::error::ApiError;
use crate::filter::{Filter, Row, SortKey};
use crate::query::{ListOptions, Position};

/// The answer to a list request, before it is written.
#[derive(Debug)]
pub(crate) struct Listing {
    pub(crate) value: Vec<TrustFrameworkKeySet>,
    /// `@odata.count`: how many pass the filter, whatever the paging.
    pub(crate) count: Option<i64>,
    /// Where the next page starts, when more remain.
    pub(crate) next: Option<Position>,
}

struct Entry {
    set: TrustFrameworkKeySet,
    key: SortKey,
}

fn as_json(set: &TrustFrameworkKeySet) -> Result<Value, ApiError> {
    serde_json::to_value(set).map_err(|e| ApiError::internal(format!("a key set as JSON: {e}")))
}

fn id(set: &TrustFrameworkKeySet) -> &str {
    set.id().unwrap_or_default()
}

/// The page in the store's own order, by id, without a filter: read from the map's range
/// after the token's id, so a page costs its own size, not the collection's.
fn by_id(
    options: &ListOptions,
    store: &BTreeMap<String, TrustFrameworkKeySet>,
    serve: impl Fn(&TrustFrameworkKeySet) -> TrustFrameworkKeySet,
    size: usize,
) -> Listing {
    let start = match &options.after {
        Some(after) => Bound::Excluded(after.id.as_str()),
        None => Bound::Unbounded,
    };
    let mut rest = store
        .range::<str, _>((start, Bound::Unbounded))
        .map(|(_, set)| set)
        .skip(options.skip);
    let mut value: Vec<TrustFrameworkKeySet> = rest.by_ref().take(size).map(&serve).collect();
    let more = size > 0 && rest.next().is_some();
    let next = match value.last() {
        Some(last) if more => Some(Position {
            key: SortKey::new(),
            id: id(last).to_owned(),
        }),
        _ => None,
    };
    select(options, &mut value);
    Listing {
        value,
        count: options
            .count
            .then(|| i64::try_from(store.len()).unwrap_or(i64::MAX)),
        next,
    }
}

/// Leaves out what `$select` does not name (`id` and the control information always stay).
fn select(options: &ListOptions, sets: &mut [TrustFrameworkKeySet]) {
    for set in sets {
        apply_select(options.select.as_deref(), set);
    }
}

/// Leaves out of one key set what `selected` does not name (`None`: all is served).
pub(crate) fn apply_select(selected: Option<&[&str]>, set: &mut TrustFrameworkKeySet) {
    if selected.is_some_and(|selected| !selected.contains(&"keys")) {
        set.keys = None;
    }
}

/// How many of `sets` pass `filter`.
pub(crate) fn count(
    filter: Option<&Filter>,
    sets: impl Iterator<Item = TrustFrameworkKeySet>,
) -> Result<usize, ApiError> {
    let mut n = 0;
    for set in sets {
        if passes(filter, &set)? {
            n += 1;
        }
    }
    Ok(n)
}

fn passes(filter: Option<&Filter>, set: &TrustFrameworkKeySet) -> Result<bool, ApiError> {
    match filter {
        Some(filter) => Ok(filter.matches(&Row(&as_json(set)?))),
        None => Ok(true),
    }
}

/// The page of the stored key sets that `options` ask for, at most `size`, each as `serve`
/// makes it.
pub(crate) fn page(
    options: &ListOptions,
    store: &BTreeMap<String, TrustFrameworkKeySet>,
    serve: impl Fn(&TrustFrameworkKeySet) -> TrustFrameworkKeySet,
    size: usize,
) -> Result<Listing, ApiError> {
    if options.filter.is_none() && options.order_by.is_empty() {
        return Ok(by_id(options, store, serve, size));
    }
    let sets = store.values().map(serve);
    let ordered = !options.order_by.is_empty();
    let mut entries = Vec::new();
    for set in sets {
        let json = if ordered || options.filter.is_some() {
            Some(as_json(&set)?)
        } else {
            None
        };
        if let (Some(filter), Some(json)) = (&options.filter, &json) {
            if !filter.matches(&Row(json)) {
                continue;
            }
        }
        let key = match &json {
            Some(json) if ordered => options.order_by.key(&Row(json)),
            _ => SortKey::new(),
        };
        entries.push(Entry { set, key });
    }
    let count = options
        .count
        .then(|| i64::try_from(entries.len()).unwrap_or(i64::MAX));
    let order = |a: (&SortKey, &str), b: (&SortKey, &str)| -> Ordering {
        options
            .order_by
            .compare(a.0, b.0)
            .then_with(|| a.1.cmp(b.1))
    };
    // The sets come in id order and the sort is stable, but the id also breaks ties
    // explicitly, so that a position names exactly one place.
    entries.sort_by(|a, b| order((&a.key, id(&a.set)), (&b.key, id(&b.set))));
    let start = match &options.after {
        Some(after) => entries
            .partition_point(|e| order((&e.key, id(&e.set)), (&after.key, &after.id)).is_le()),
        None => 0,
    };
    let mut rest = entries.into_iter().skip(start).skip(options.skip);
    let value: Vec<Entry> = rest.by_ref().take(size).collect();
    let more = size > 0 && rest.next().is_some();
    let next = match value.last() {
        Some(last) if more => Some(Position {
            key: last.key.clone(),
            id: id(&last.set).to_owned(),
        }),
        _ => None,
    };
    let mut value: Vec<TrustFrameworkKeySet> = value.into_iter().map(|e| e.set).collect();
    select(options, &mut value);
    Ok(Listing { value, count, next })
}
