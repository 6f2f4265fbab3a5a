//! SQL expressions built from the spec, shared by the capture triggers (`ddl`) and the snapshot
//! a joining site takes (`local::start_site`): a record's change data is the same text either
//! way.

use super::spec::{self, Entity, Kind, Owner, Target};

/// A UUIDv7 in SQL (SQLite has no uuid function, and migrations run on a plain connection): 48
/// bits of Unix milliseconds, the version, 74 random bits and the variant.
pub const UUID7: &str = "lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

/// This site's wall clock in milliseconds, as corrected by `clock_offset_ms`, inside an UPDATE
/// of `sync_site`.
const WALL: &str =
    "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + clock_offset_ms)";

/// Advances the site's clock and sequence for one change (the HLC's `now` rule, in SQL); does
/// nothing unless the database is a site capturing changes.
pub fn tick() -> String {
    format!(
        "UPDATE sync_site SET seq = seq + 1, \
         hlc_counter = CASE WHEN {WALL} > hlc_wall THEN 0 ELSE hlc_counter + 1 END, \
         hlc_wall = max(hlc_wall, {WALL}) WHERE capture = 1"
    )
}

/// The clock of the change just ticked, as text (`Hlc`'s fixed-width form), from `sync_site s`.
pub const HLC: &str = "printf('%015d-%06d-%s', s.hlc_wall, s.hlc_counter, s.code)";

/// The key a new row of `e` gets, with `NEW.` naming the row.
pub fn key_expr(e: &Entity) -> String {
    match e.key {
        Some(k) => format!(
            "CASE WHEN EXISTS (SELECT 1 FROM {} AS taken WHERE taken.key = ({k})) THEN {UUID7} \
             ELSE coalesce({k}, {UUID7}) END",
            e.table
        ),
        None => UUID7.to_owned(),
    }
}

/// The set `field` of row `r` (its tags), sorted, as a JSON array.
pub fn set_expr(table: &str, column: &str, fk: &str, id: &str) -> String {
    format!(
        "json((SELECT json_group_array({column}) FROM \
         (SELECT {column} FROM {table} WHERE {fk} = {id} ORDER BY {column})))"
    )
}

pub fn table_of(entity: &str) -> &'static str {
    spec::by_name(entity).map_or("customer", |e| e.table)
}

/// The value column `col` of row `r` travels as: its own, or the key of what it points at.
pub fn value_expr(e: &Entity, col: &str, r: &str) -> String {
    match e.target(col) {
        None => format!("{r}.{col}"),
        Some(Target::Entity(t)) => {
            format!("(SELECT key FROM {} WHERE id = {r}.{col})", table_of(t))
        }
        Some(Target::NamedBy(by)) => {
            let mut sql = format!("CASE {r}.{by}");
            for (word, t) in audit_targets() {
                sql.push_str(&format!(
                    " WHEN '{word}' THEN (SELECT key FROM {} WHERE id = {r}.{col})",
                    t.table
                ));
            }
            sql.push_str(" END");
            sql
        }
    }
}

/// The words the audit log names records by, with the synced kind each is.
pub fn audit_targets() -> Vec<(&'static str, &'static Entity)> {
    let mut out: Vec<_> = spec::ENTITIES
        .iter()
        // Records without an id of their own (tags) are never named by the audit log.
        .filter(|e| e.name != "audit" && e.locate == ["rowid"])
        .map(|e| (spec::audited_as(e), e))
        .collect();
    if let Some(c) = spec::by_name("customer") {
        out.push(("care_profile", c));
    }
    out
}

/// The key of the customer whose data row `r` of `e` holds, or NULL.
pub fn owner_expr(e: &Entity, r: &str, depth: usize) -> String {
    let alias = format!("o{depth}");
    match e.owner {
        Owner::Itself => format!("{r}.key"),
        Owner::Column(c) => format!("(SELECT key FROM customer WHERE id = {r}.{c})"),
        Owner::Via(c, parent) => match spec::by_name(parent) {
            Some(p) => format!(
                "(SELECT {} FROM {} {alias} WHERE {alias}.id = {r}.{c})",
                owner_expr(p, &alias, depth + 1),
                p.table
            ),
            None => "NULL".into(),
        },
        Owner::Audited => {
            let mut sql = format!("CASE {r}.entity");
            for (word, t) in audit_targets() {
                if matches!(t.owner, Owner::Itself | Owner::Column(_)) {
                    sql.push_str(&format!(
                        " WHEN '{word}' THEN (SELECT {} FROM {} {alias} WHERE {alias}.id = {r}.entity_id)",
                        owner_expr(t, &alias, depth + 1),
                        t.table
                    ));
                }
            }
            // Records that stay home but are hers, whose audit rows travel.
            for (word, table) in [("reminder", "reminder"), ("data_request", "data_request")] {
                sql.push_str(&format!(
                    " WHEN '{word}' THEN (SELECT c.key FROM {table} {alias} JOIN customer c \
                     ON c.id = {alias}.customer_id WHERE {alias}.id = {r}.entity_id)"
                ));
            }
            sql.push_str(" END");
            // A record already deleted (a removed preference) is found by what the detail says.
            format!(
                "coalesce({sql}, CASE WHEN json_valid({r}.detail) THEN (SELECT key FROM customer \
                 WHERE id = coalesce(json_extract({r}.detail, '$.customer_id'), \
                 json_extract({r}.detail, '$.before.customer_id'))) END)"
            )
        }
        Owner::Nobody => "NULL".into(),
    }
}

/// `json_object(...)` of every field of row `r` (a whole record: a creation, a fact, a snapshot).
pub fn whole_record(e: &Entity, r: &str) -> String {
    let mut pairs: Vec<String> =
        e.fields.iter().map(|f| format!("'{f}', {}", value_expr(e, f, r))).collect();
    for (field, table, column, fk) in e.sets {
        pairs.push(format!("'{field}', {}", set_expr(table, column, fk, &format!("{r}.id"))));
    }
    if e.kind == Kind::Mutable {
        pairs.push("'deleted', 0".into());
    }
    format!("json_object({})", pairs.join(", "))
}

/// The fields an UPDATE changed, as one JSON object. A record that is nothing but its
/// customer's data (a phone), moved to another customer by a merge, travels whole: a site that
/// learns of it by the move alone holds all of it. The move stays the data of the customer it
/// left (`ddl::moved_owner`), so her erasure takes it wherever it went.
pub fn changed_fields(e: &Entity) -> String {
    let moved = match e.owner {
        Owner::Column(c) if super::change::ERASED_WHOLE.contains(&e.name) => {
            format!(" OR NEW.{c} IS NOT OLD.{c}")
        }
        _ => String::new(),
    };
    let parts: Vec<String> = e
        .fields
        .iter()
        .map(|f| {
            format!(
                "SELECT '{f}' AS k, {} AS v WHERE NEW.{f} IS NOT OLD.{f}{moved}",
                value_expr(e, f, "NEW")
            )
        })
        .collect();
    format!("(SELECT json_group_object(k, v) FROM ({}))", parts.join(" UNION ALL "))
}

/// `'op'` change rows for the outbox, one per row matching `from_where`, numbered on from the
/// site's sequence (the snapshot) or the one row a trigger just ticked.
pub fn outbox_insert(e: &Entity, op: &str, data: &str, key: &str, owner: &str) -> String {
    format!(
        "INSERT INTO sync_outbox(seq, hlc, entity, key, op, data, customer) \
         SELECT s.seq, {HLC}, '{}', {key}, '{op}', {data}, {owner}",
        e.name
    )
}

/// What erasure leaves of entity `e`'s personal fields in a change's data.
pub fn redact_json(e: &Entity, column: &str) -> Option<String> {
    if e.personal.is_empty() {
        return None;
    }
    let paths: Vec<String> =
        e.personal.iter().map(|(f, blank)| format!("'$.{f}', {blank}")).collect();
    Some(format!("json_replace({column}, {})", paths.join(", ")))
}
