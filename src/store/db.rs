//! The IndexedDB side of the store.
//!
//! One database, four object stores keyed by record id, values stored as
//! JSON strings. Writes that belong together (an import, a batch of calls
//! with the agents they bring) run in one transaction, so a failure leaves
//! the previous program whole: IndexedDB rolls a transaction back as a
//! unit, and this crate rolls back unless `commit` is reached.

use std::cell::RefCell;
use std::future::Future;

use indexed_db_futures::database::{Database, ObjectStoreName};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::StoreError;
use crate::domain::{Call, Evaluation, Program, Session};
use crate::formats::program_json as pj;

const DB_NAME: &str = "peercoach";
const DB_VERSION: u32 = 1;
const META: &str = "meta";
const CALLS: &str = "calls";
const EVALUATIONS: &str = "evaluations";
const SESSIONS: &str = "sessions";
const ALL_STORES: [&str; 4] = [META, CALLS, EVALUATIONS, SESSIONS];
const META_KEY: &str = "program";

thread_local! {
    // The page opens the database once; later calls reuse the handle.
    static DB: RefCell<Option<Database>> = const { RefCell::new(None) };
}

async fn database() -> Result<Database, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Database::open(DB_NAME)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Version 1 creates every store; later versions add their steps
            // below this one so an old profile upgrades in order.
            if event.old_version() < 1.0 {
                for name in ALL_STORES {
                    db.create_object_store(name).build()?;
                }
            }
            Ok(())
        })
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// A read-write transaction over `stores`; it rolls back unless committed.
fn write_transaction<S: ObjectStoreName>(
    db: &Database,
    stores: S,
) -> Result<Transaction<'_>, StoreError> {
    db.transaction(stores)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(write_err)
}

fn write_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Write(e.to_string())
}

fn read_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Read(e.to_string())
}

/// Loads the saved program; `Ok(None)` on a first visit.
pub async fn load() -> Result<Option<Program>, StoreError> {
    let db = database().await?;
    let tx = db.transaction(ALL_STORES).build().map_err(read_err)?;

    let meta: Option<String> = tx
        .object_store(META)
        .map_err(read_err)?
        .get(META_KEY)
        .await
        .map_err(read_err)?;
    let Some(meta) = meta else {
        return Ok(None);
    };
    let mut parts: Vec<Vec<String>> = Vec::new();
    for name in [CALLS, EVALUATIONS, SESSIONS] {
        let store = tx.object_store(name).map_err(read_err)?;
        let values: Vec<String> = store
            .get_all::<String>()
            .await
            .map_err(read_err)?
            .collect::<Result<_, _>>()
            .map_err(read_err)?;
        parts.push(values);
    }

    pj::program_from_parts(&meta, &parts[0], &parts[1], &parts[2])
        .map(Some)
        .map_err(read_err)
}

/// Records encoded for one object store: (key, JSON).
type Records = Vec<(String, String)>;

fn encode<R: pj::Record>(records: &[R], id: impl Fn(&R) -> &String) -> Records {
    records
        .iter()
        .map(|r| (id(r).clone(), pj::record_to_json(r)))
        .collect()
}

fn meta_record(program: &Program) -> Records {
    vec![(META_KEY.to_string(), pj::meta_to_json(program))]
}

// The writers below encode their records before they return the future, so
// a caller saving in the background hands over strings, not a copy of the
// whole program.

/// Replaces everything stored with `program`, in one transaction.
pub fn replace_all(program: &Program) -> impl Future<Output = Result<(), StoreError>> + 'static {
    let writes = [
        (META, meta_record(program)),
        (CALLS, encode(&program.calls, |c| &c.id)),
        (EVALUATIONS, encode(&program.evaluations, |e| &e.id)),
        (SESSIONS, encode(&program.sessions, |s| &s.id)),
    ];
    async move {
        let db = database().await?;
        let tx = write_transaction(&db, ALL_STORES)?;
        clear_in(&tx)?;
        for (store, records) in writes {
            put_each(&tx, store, records)?;
        }
        tx.commit().await.map_err(write_err)
    }
}

/// Removes the program: the next visit starts empty (no demo reload).
pub async fn clear() -> Result<(), StoreError> {
    let db = database().await?;
    let tx = write_transaction(&db, ALL_STORES)?;
    clear_in(&tx)?;
    tx.commit().await.map_err(write_err)
}

fn clear_in(tx: &Transaction<'_>) -> Result<(), StoreError> {
    for name in ALL_STORES {
        tx.object_store(name)
            .map_err(write_err)?
            .clear()
            .map_err(write_err)?;
    }
    Ok(())
}

/// Saves the program's settings, rubrics, teams and agents.
pub fn put_meta(program: &Program) -> impl Future<Output = Result<(), StoreError>> + 'static {
    put_records(vec![(META, meta_record(program))])
}

/// Saves new calls together with the program's agents and teams, which a
/// batch of calls may have added.
pub fn save_calls(
    program: &Program,
    calls: &[Call],
) -> impl Future<Output = Result<(), StoreError>> + 'static {
    put_records(vec![
        (META, meta_record(program)),
        (CALLS, encode(calls, |c| &c.id)),
    ])
}

pub fn put_evaluation(
    evaluation: &Evaluation,
) -> impl Future<Output = Result<(), StoreError>> + 'static {
    put_records(vec![(
        EVALUATIONS,
        encode(std::slice::from_ref(evaluation), |e| &e.id),
    )])
}

pub fn put_session(session: &Session) -> impl Future<Output = Result<(), StoreError>> + 'static {
    put_records(vec![(
        SESSIONS,
        encode(std::slice::from_ref(session), |s| &s.id),
    )])
}

/// Writes already-encoded records to their stores in one transaction.
async fn put_records(writes: Vec<(&'static str, Records)>) -> Result<(), StoreError> {
    let db = database().await?;
    let stores: Vec<&str> = writes.iter().map(|(store, _)| *store).collect();
    let tx = write_transaction(&db, stores)?;
    for (store, records) in writes {
        put_each(&tx, store, records)?;
    }
    tx.commit().await.map_err(write_err)
}

pub async fn delete_evaluation(id: &str) -> Result<(), StoreError> {
    delete_one(EVALUATIONS, id).await
}

pub async fn delete_session(id: &str) -> Result<(), StoreError> {
    delete_one(SESSIONS, id).await
}

async fn delete_one(store: &str, key: &str) -> Result<(), StoreError> {
    let db = database().await?;
    let tx = write_transaction(&db, store)?;
    tx.object_store(store)
        .map_err(write_err)?
        .delete(key.to_string())
        .build()
        .map_err(write_err)?;
    tx.commit().await.map_err(write_err)
}

/// Queues puts without awaiting each: requests in one transaction run in
/// order, and `commit` reports the first failure, quota errors included.
fn put_each(tx: &Transaction<'_>, store: &str, records: Records) -> Result<(), StoreError> {
    let store = tx.object_store(store).map_err(write_err)?;
    for (key, json) in records {
        store.put(json).with_key(key).build().map_err(write_err)?;
    }
    Ok(())
}
