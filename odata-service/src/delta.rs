//! Delta queries on the key sets: `GET /trustFramework/keySets/delta` (Graph's
//! `microsoft.graph.delta`, bound to the collection), and the change log that answers them.
//!
//! Every write (create, update, replace, delete, the actions) records the id it touched in a
//! [`ChangeLog`], under the store's lock, with the next change number. A delta link carries
//! the change number it was made at (with the service's random epoch, so links of another run
//! are unknown): following it reads every key set changed since, as it is now (a deleted one
//! as `@removed` with reason `deleted`). The log keeps the last `capacity` changes; a link
//! older than the oldest change kept, of another epoch, or ahead of the log is answered `410
//! Gone` with Graph's `syncStateNotFound`, and the client starts a full round again.
//!
//! A round is paged by id, like the collection: `@odata.nextLink` carries a `$skiptoken`
//! with the round's start and end positions and the last id served, so a round's pages show
//! the changes up to the position the round started at, and changes made during the round
//! are reported (again) by the next round. The tokens are opaque to clients (base64url).
//!
//! `$select` is given on a round's first request (as on Graph): the links the round hands out
//! carry it in their tokens, so every page of the round, and the rounds its delta links
//! start, serve what it names (`id` always); a request with a token and a `$select` is a 400.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Mutex, PoisonError};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use odata_core::graph::TrustFrameworkKeySet;
use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::ApiError;

/// How many changes the log keeps when none is configured.
pub const DEFAULT_DELTA_LOG_CAPACITY: usize = 1000;

/// The bounded log of changes: change number and key set id, oldest first.
pub(crate) struct ChangeLog {
    log: Mutex<Log>,
}

struct Log {
    /// Random per service run.
    epoch: String,
    /// The number of the last change recorded (0: none yet).
    head: u64,
    /// The number of the last change dropped from the log (0: none dropped).
    dropped: u64,
    entries: VecDeque<(u64, String)>,
    capacity: usize,
}

impl ChangeLog {
    pub(crate) fn new(capacity: usize) -> Self {
        ChangeLog {
            log: Mutex::new(Log {
                epoch: crate::keys::guid().replace('-', ""),
                head: 0,
                dropped: 0,
                entries: VecDeque::new(),
                capacity: capacity.max(1),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a change of key set `id`. Called with the store locked, after the change.
    pub(crate) fn record(&self, id: &str) {
        let mut log = self.lock();
        log.head += 1;
        let head = log.head;
        log.entries.push_back((head, id.to_owned()));
        while log.entries.len() > log.capacity {
            if let Some((number, _)) = log.entries.pop_front() {
                log.dropped = number;
            }
        }
    }
}

/// Where a round's page starts: a full round (every key set, `from` = `None`) or the changes
/// after number `from`, up to number `to` (the log's head when the round started; `None` on
/// a round's first page: the head now); after the id `after` (on the first page: none).
#[derive(Debug, PartialEq, Eq)]
struct Position {
    from: Option<u64>,
    to: Option<u64>,
    after: Option<String>,
    /// `$select` as the round's first request gave it (`*`: everything).
    select: String,
}

/// What a delta request asks for: where it starts, and what it serves of each key set.
#[derive(Debug, PartialEq, Eq)]
struct Ask {
    position: Option<Position>,
    /// The `$select` of a round's first request.
    select: Option<String>,
}

/// Reads the delta request's query: no option or `$select` alone (a new full round),
/// `$deltatoken` (the changes since a delta link) or `$skiptoken` (a next page). Custom
/// options are ignored; other system options are refused.
fn read_query(query: Option<&str>, epoch: &str) -> Result<Ask, ApiError> {
    let mut found = None;
    let mut select = None;
    for pair in query.unwrap_or_default().split('&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |raw: &str| {
            percent_decode_str(raw)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| {
                    ApiError::bad_request("The query string is not valid UTF-8 once decoded.")
                })
        };
        let name = decode(name)?;
        if !name.starts_with('$') {
            continue;
        }
        if name == "$select" {
            if select.is_some() {
                return Err(ApiError::bad_request("A delta request takes one $select."));
            }
            // Canonical, so that a token carries names alone.
            select = Some(match crate::query::select(&decode(value)?)? {
                None => "*".to_owned(),
                Some(names) => names.join(","),
            });
            continue;
        }
        if name != "$deltatoken" && name != "$skiptoken" {
            return Err(ApiError::bad_request(format!(
                "The query option '{name}' is not supported on the delta function."
            )));
        }
        if found.is_some() {
            return Err(ApiError::bad_request(
                "A delta request takes one $deltatoken or one $skiptoken.",
            ));
        }
        found = Some(read_token(&name, &decode(value)?, epoch)?);
    }
    if found.is_some() && select.is_some() {
        return Err(ApiError::bad_request(
            "$select is given on a delta round's first request; its links carry it, so a request with a $deltatoken or $skiptoken takes none.",
        ));
    }
    Ok(Ask {
        position: found,
        select,
    })
}

/// Decodes a token: `{epoch}:{from}:{select}` for `$deltatoken`,
/// `{epoch}:{from or -}:{to}:{select}:{after}` for `$skiptoken` (`select` has no `:`). A
/// malformed one is a 400; one of another epoch a 410.
fn read_token(name: &str, value: &str, epoch: &str) -> Result<Position, ApiError> {
    let malformed = || ApiError::bad_request(format!("The {name} '{value}' is malformed."));
    let text = URL_SAFE_NO_PAD
        .decode(value)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(malformed)?;
    let number = |text: &str| text.parse::<u64>().map_err(|_| malformed());
    let parts: Vec<&str> = text.splitn(5, ':').collect();
    let (token_epoch, from, to, select, after) = match (name, parts.as_slice()) {
        ("$deltatoken", [token_epoch, from, select]) => {
            (*token_epoch, Some(number(from)?), None, *select, None)
        }
        ("$skiptoken", [token_epoch, from, to, select, after]) => {
            let from = match *from {
                "-" => None,
                from => Some(number(from)?),
            };
            (
                *token_epoch,
                from,
                Some(number(to)?),
                *select,
                Some((*after).to_owned()),
            )
        }
        _ => return Err(malformed()),
    };
    if token_epoch != epoch {
        return Err(ApiError::sync_state_not_found(
            "The delta token was issued by another run of the service.",
        ));
    }
    crate::query::select(select).map_err(|_| malformed())?;
    Ok(Position {
        from,
        to,
        after,
        select: select.to_owned(),
    })
}

fn token(parts: &[&str]) -> String {
    URL_SAFE_NO_PAD.encode(parts.join(":"))
}

/// One delta page, as JSON: `value`, and `@odata.nextLink` or `@odata.deltaLink`.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "@odata.context")]
    context: &'a str,
    value: Vec<Box<RawValue>>,
    #[serde(rename = "@odata.nextLink", skip_serializing_if = "Option::is_none")]
    next_link: Option<String>,
    #[serde(rename = "@odata.deltaLink", skip_serializing_if = "Option::is_none")]
    delta_link: Option<String>,
}

#[derive(Serialize)]
struct RemovedEntry<'a> {
    #[serde(rename = "@odata.type")]
    odata_type: &'static str,
    id: &'a str,
    #[serde(rename = "@removed")]
    removed: Reason,
}

#[derive(Serialize)]
struct Reason {
    reason: &'static str,
}

/// The answer to a delta request, read with the store locked (`store`, then the log: the
/// order every writer takes them in). `delta_url` is `{base}/trustFramework/keySets/delta`;
/// `served` gives a key set as served.
pub(crate) fn page(
    store: &BTreeMap<String, TrustFrameworkKeySet>,
    changes: &ChangeLog,
    query: Option<&str>,
    page_size: usize,
    delta_url: &str,
    context: &str,
    served: impl Fn(&TrustFrameworkKeySet) -> TrustFrameworkKeySet,
) -> Result<Vec<u8>, ApiError> {
    let log = changes.lock();
    let (from, to, after, select) = match read_query(query, &log.epoch)? {
        Ask {
            position: None,
            select,
        } => (
            None,
            log.head,
            None,
            select.unwrap_or_else(|| "*".to_owned()),
        ),
        Ask {
            position:
                Some(Position {
                    from,
                    to,
                    after,
                    select,
                }),
            ..
        } => (from, to.unwrap_or(log.head), after, select),
    };
    // Checked when it was read.
    let selected = crate::query::select(&select)?;
    if let Some(from) = from {
        if from < log.dropped || from > to || to > log.head {
            return Err(ApiError::sync_state_not_found(
                "The delta token has expired: the changes since it are no longer kept. Start a new delta round.",
            ));
        }
    }
    // The ids of this round after `after`, in id order.
    let ids: Box<dyn Iterator<Item = &str>> = match from {
        None => Box::new(store.keys().map(String::as_str)),
        Some(from) => {
            let changed: BTreeSet<&str> = log
                .entries
                .iter()
                .filter(|(number, _)| (from + 1..=to).contains(number))
                .map(|(_, id)| id.as_str())
                .collect();
            Box::new(changed.into_iter())
        }
    };
    let mut ids = ids.filter(|id| after.as_deref().is_none_or(|after| *id > after));
    let mut value = Vec::new();
    let mut last = None;
    for id in ids.by_ref().take(page_size) {
        let item = match store.get(id) {
            Some(set) => {
                let mut set = served(set);
                crate::listing::apply_select(selected.as_deref(), &mut set);
                odata_core::json::to_string(&set)
            }
            None => odata_core::json::to_string(&RemovedEntry {
                odata_type: "#microsoft.graph.trustFrameworkKeySet",
                id,
                removed: Reason { reason: "deleted" },
            }),
        }
        .map_err(|e| ApiError::internal(format!("writing a delta item: {e}")))?;
        value.push(
            RawValue::from_string(item)
                .map_err(|e| ApiError::internal(format!("writing a delta item: {e}")))?,
        );
        last = Some(id);
    }
    let more = ids.next().is_some();
    let from_text = from.map_or("-".to_owned(), |n| n.to_string());
    let to_text = to.to_string();
    let (next_link, delta_link) = match last {
        Some(last) if more => {
            let skip = token(&[&log.epoch, &from_text, &to_text, &select, last]);
            (Some(format!("{delta_url}?$skiptoken={skip}")), None)
        }
        _ => {
            let delta = token(&[&log.epoch, &to_text, &select]);
            (None, Some(format!("{delta_url}?$deltatoken={delta}")))
        }
    };

    let body = Body {
        context,
        value,
        next_link,
        delta_link,
    };
    serde_json::to_vec(&body).map_err(|e| ApiError::internal(format!("writing a delta page: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_last_changes_and_tokens_read_back() {
        let log = ChangeLog::new(2);
        for id in ["a", "b", "c"] {
            log.record(id);
        }
        let inner = log.lock();
        assert_eq!(inner.head, 3);
        assert_eq!(inner.dropped, 1);
        assert_eq!(
            inner.entries.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [2, 3]
        );
        let epoch = inner.epoch.clone();
        drop(inner);

        let skip = token(&[&epoch, "-", "3", "keys", "id:with:colons"]);
        assert_eq!(
            read_query(Some(&format!("$skiptoken={skip}&custom=1")), &epoch).unwrap(),
            Ask {
                position: Some(Position {
                    from: None,
                    to: Some(3),
                    after: Some("id:with:colons".into()),
                    select: "keys".into(),
                }),
                select: None,
            }
        );
        let delta = token(&[&epoch, "2", "*"]);
        assert_eq!(
            read_query(Some(&format!("$deltatoken={delta}")), &epoch).unwrap(),
            Ask {
                position: Some(Position {
                    from: Some(2),
                    to: None,
                    after: None,
                    select: "*".into(),
                }),
                select: None,
            }
        );
        assert_eq!(
            read_query(Some("$select=%20id,keys"), &epoch).unwrap(),
            Ask {
                position: None,
                select: Some("id,keys".into()),
            }
        );
        assert_eq!(
            read_query(Some("$select=*"), &epoch)
                .unwrap()
                .select
                .as_deref(),
            Some("*")
        );
        let other = token(&["another", "2", "*"]);
        assert_eq!(
            read_query(Some(&format!("$deltatoken={other}")), &epoch)
                .unwrap_err()
                .status(),
            410
        );
        for bad in [
            "$deltatoken=!!".to_owned(),
            format!("$deltatoken={}", token(&[&epoch, "-", "*"])),
            format!("$deltatoken={}", token(&[&epoch, "1"])),
            format!("$deltatoken={}", token(&[&epoch, "1", "nope"])),
            format!("$skiptoken={}", token(&[&epoch, "1", "2", "*"])),
            format!("$skiptoken={}", token(&[&epoch, "x", "2", "*", "id"])),
            format!("$deltatoken={delta}&$skiptoken={skip}"),
            format!("$deltatoken={delta}&$select=id"),
            "$select=id&$select=keys".to_owned(),
            "$select=nope".to_owned(),
            "$select=keys/kid".to_owned(),
            "$top=1".to_owned(),
        ] {
            assert_eq!(
                read_query(Some(&bad), &epoch).unwrap_err().status(),
                400,
                "{bad}"
            );
        }
    }
}
