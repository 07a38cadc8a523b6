//! The main job: the seeds' keySet create (POST, 201) and update (PATCH, 200), then get, list,
//! generateKey, uploadSecret, getActiveKey and delete, over real HTTP through odata-core's navigation
//! builders and client.
//!
//! ```text
//! cargo run --example keysets                                   # against the embedded service
//! cargo run --example keysets -- --base-url https://graph.microsoft.com/beta --token "$TOKEN"
//! cargo run --example keysets -- --base-url http://host/odata --key-syntax parens
//! cargo run --example keysets -- --async                        # the same job through the async client
//! ```
//!
//! By default it starts the embedded OData service (`odata-service`) on 127.0.0.1 on an
//! ephemeral port. With `--base-url` it talks to that service root instead, with the bearer
//! token from `--token` or the `ODATA_TOKEN` environment variable. Every HTTP exchange is
//! printed (method, URL, status, JSON body) with secret key material redacted, then a one-line
//! summary. With `--async` every exchange goes through `odata_core::async_client::AsyncClient`
//! (reqwest on a tokio runtime) instead of the blocking client. Exit code 0 on success, 1 with a message on any failure, 2 on bad arguments.

use std::process::ExitCode;
use std::time::Duration;

use odata_core::async_client::AsyncClient;
use odata_core::client::Client;
use odata_core::graph::{
    GenerateKeyParameters, GraphService, KeyType, KeyUse, TrustFrameworkKey, TrustFrameworkKeySet,
    UploadSecretParameters,
};
use odata_core::request::{Patch, Request, ResponseKind, Service};
use odata_core::EntityType;

/// JWK members that hold secret key material, and action parameters that carry secrets.
const SECRET_MEMBERS: [&str; 9] = ["d", "dp", "dq", "k", "p", "q", "qi", "password", "key"];

struct Options {
    base_url: Option<String>,
    token: Option<String>,
    parenthesized: bool,
    asynchronous: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        base_url: None,
        token: std::env::var("ODATA_TOKEN").ok().filter(|t| !t.is_empty()),
        parenthesized: false,
        asynchronous: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--base-url" => options.base_url = Some(value("--base-url")?),
            "--token" => options.token = Some(value("--token")?),
            "--async" => options.asynchronous = true,
            "--key-syntax" => {
                options.parenthesized = match value("--key-syntax")?.as_str() {
                    "segment" | "graph" => false,
                    "parens" | "parenthesized" | "odata" => true,
                    other => {
                        return Err(format!(
                            "--key-syntax: `{other}`: expected segment or parens"
                        ))
                    }
                }
            }
            "-h" | "--help" => {
                return Err(
                    "usage: keysets [--base-url URL] [--token TOKEN] [--key-syntax segment|parens] [--async]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    // The embedded service lives as long as `main` runs, and stops when dropped.
    let embedded = match &options.base_url {
        Some(_) => None,
        None => match odata_service::KeySetService::builder().build().start() {
            Ok(running) => Some(running),
            Err(e) => {
                eprintln!("error: starting the embedded service: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let base = match (&options.base_url, &embedded) {
        (Some(url), _) => url.clone(),
        (None, Some(running)) => running.base_url().to_owned(),
        (None, None) => unreachable!("one of them is set"),
    };
    match run(&base, &options, embedded.is_some()) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(base: &str, options: &Options, embedded: bool) -> Result<String, String> {
    let service = if options.parenthesized {
        Service::odata(base)
    } else {
        Service::graph(base)
    }
    .map_err(|e| e.to_string())?;
    let exchange = Exchange::new(options, embedded)?;
    println!(
        "service root: {} ({}; {} client)\n",
        service.base(),
        if embedded {
            "embedded, loopback"
        } else {
            "remote"
        },
        if options.asynchronous {
            "async"
        } else {
            "blocking"
        }
    );

    let key_sets = service.root::<GraphService>().trust_framework().key_sets();
    let fail = |e: odata_core::request::Error| e.to_string();

    // 1. The seed create: POST /trustFramework/keySets -> 201.
    let body = TrustFrameworkKeySet::builder()
        .key(TrustFrameworkKey::builder().build())
        .build();
    let created = exchange.run("create", key_sets.create(&body).map_err(fail)?)?;
    let id = created
        .id()
        .ok_or("the created key set has no id")?
        .to_owned();

    // 2. The seed update: PATCH /trustFramework/keySets/{id} -> 200 with the updated object.
    let set = key_sets.by_id(&id);
    let patch = Patch::from_value(
        &TrustFrameworkKeySet::builder()
            .keys([TrustFrameworkKey::builder().build()])
            .build(),
    )
    .map_err(fail)?;
    let updated = exchange.run("update", set.update(&patch).map_err(fail)?)?;
    let updated_keys = match &updated {
        Some(set) => set.keys.as_ref().map_or(0, Vec::len),
        None => 0,
    };

    // 3. get, list, generateKey, getActiveKey, delete.
    let fetched = exchange.run("get", set.get().build().map_err(fail)?)?;
    let listed = exchange.run("list", key_sets.list().top(10).build().map_err(fail)?)?;
    let parameters = GenerateKeyParameters {
        key_use: KeyUse::Sig,
        kty: KeyType::Rsa,
        nbf: None,
        exp: None,
    };
    let generated = exchange.run("generateKey", set.generate_key(&parameters).map_err(fail)?)?;
    // An uploaded secret is sent on purpose and never printed.
    let secret = UploadSecretParameters {
        key_use: KeyUse::Enc,
        k: "example-secret-value".into(),
        nbf: None,
        exp: None,
    };
    exchange.run("uploadSecret", set.upload_secret(&secret).map_err(fail)?)?;
    let active = exchange.run("getActiveKey", set.get_active_key().map_err(fail)?)?;
    exchange.run("delete", set.delete().map_err(fail)?)?;

    Ok(format!(
        "ok: create 201 (id {id}), update {} ({updated_keys} key{}), get (id {}), list ({} on the first page), generateKey (kid {}), uploadSecret, getActiveKey (kid {}), delete 204",
        if updated.is_some() { "200" } else { "204" },
        if updated_keys == 1 { "" } else { "s" },
        fetched.id().unwrap_or("?"),
        listed.value.len(),
        generated.kid.as_deref().unwrap_or("?"),
        active.kid.as_deref().unwrap_or("?"),
    ))
}

/// Executes the exchanges: the blocking client, or the async client on a tokio runtime.
enum Exchange {
    Blocking(Client),
    Async(AsyncClient, tokio::runtime::Runtime),
}

impl Exchange {
    fn new(options: &Options, embedded: bool) -> Result<Self, String> {
        let timeout = Duration::from_secs(30);
        if options.asynchronous {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("starting the tokio runtime: {e}"))?;
            let mut client = AsyncClient::builder().timeout(timeout).env_proxy(!embedded);
            if let Some(token) = &options.token {
                client = client.bearer_token(token);
            }
            Ok(Exchange::Async(
                client.build().map_err(|e| e.to_string())?,
                runtime,
            ))
        } else {
            let mut client = Client::builder().timeout(timeout).env_proxy(!embedded);
            if let Some(token) = &options.token {
                client = client.bearer_token(token);
            }
            Ok(Exchange::Blocking(
                client.build().map_err(|e| e.to_string())?,
            ))
        }
    }

    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, String> {
        match self {
            Exchange::Blocking(client) => client.send(request).map_err(|e| e.to_string()),
            Exchange::Async(client, runtime) => runtime
                .block_on(client.send(request))
                .map_err(|e| e.to_string()),
        }
    }

    /// Sends one request, prints the exchange, and reads the response.
    fn run<K: ResponseKind>(&self, what: &str, request: Request<K>) -> Result<K::Output, String> {
        let http = request.http();
        println!("> {} {}   [{what}]", http.method(), http.uri());
        if !http.body().is_empty() {
            println!("{}", redacted(http.body()));
        }
        let response = self
            .send(http.clone())
            .map_err(|e| format!("{what}: {e}"))?;
        println!("< {}", response.status());
        if !response.body().is_empty() {
            println!("{}", redacted(response.body()));
        }
        println!();
        request
            .parse_response(&response)
            .map_err(|e| format!("{what}: {e}"))
    }
}

/// The JSON body pretty-printed with secret members replaced; a body that is not JSON is
/// shown as text.
fn redacted(body: &[u8]) -> String {
    fn walk(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (name, member) in map.iter_mut() {
                    if SECRET_MEMBERS.contains(&name.as_str()) && member.is_string() {
                        *member = "<redacted>".into();
                    } else {
                        walk(member);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            walk(&mut value);
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}
