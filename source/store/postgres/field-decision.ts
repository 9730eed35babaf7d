/**
 * The field-by-field decision of a commit (engine.ts), made by PostgreSQL on the stored rows:
 * which fields another writer changed since this writer's base, and which of those collide with
 * this writer's change. The stored record is turned into the same field map as
 * `fieldValues` (domain/record-fields.ts) builds in JavaScript: one key per top-level field,
 * `tokens[<id>]` for a token's fixed parts and `tokens[<id>].<field>` for its changeable ones,
 * each with its JSON value; the writer's base and record come as two JSON objects of that shape.
 * Values are compared as jsonb, so key order and spacing do not matter.
 *
 * A collision is a field changed on both sides to different values, or a field this change relied
 * on (`reads`) that the other writer changed: record-fields.ts `mergeFields`'s rule.
 */
import {sql, type Kysely, type RawBuilder} from 'kysely';
import {fieldValues, type FieldKey, type ThirdParty} from '../../domain/index.js';
import type {Tables} from './tables.js';

/** A timestamptz as the domain writes times: 2026-11-27T10:00:00.000Z. */
const isoText = (column: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A nullable value as JSON (SQL NULL → JSON null). */
const json = (value: RawBuilder<unknown>): RawBuilder<unknown> => sql`coalesce(to_jsonb(${value}), 'null'::jsonb)`;

/** The stored record's fields as (key, jsonb value) rows: the SQL twin of `fieldValues`. */
const storedFields = (id: string): RawBuilder<unknown> => sql`
  select f.key, f.value
  from third_parties p
  cross join lateral (values
    ('name', ${json(sql.ref('p.name'))}),
    ('clientId', ${json(sql.ref('p.client_id'))}),
    ('clientSecret', ${json(sql.ref('p.client_secret'))}),
    ('previousClientSecret', case when p.previous_client_secret is null then 'null'::jsonb
      else jsonb_build_object('secret', p.previous_client_secret, 'validUntil', ${isoText(sql.ref('p.previous_secret_valid_until'))}) end),
    ('enabled', ${json(sql.ref('p.enabled'))}),
    ('callbackUrl', ${json(sql.ref('p.callback_url'))}),
    ('approval', to_jsonb(coalesce(p.approval, 'ask')))
  ) as f(key, value)
  where p.id = ${id}
  union all
  select 'tokens[' || t.id || ']',
    jsonb_build_array(t.token, ${isoText(sql.ref('t.created_at'))}, coalesce(t.origin, 'manual'), coalesce(t.test, false))
  from tokens t where t.third_party_id = ${id}
  union all
  select 'tokens[' || t.id || '].' || f.key, f.value
  from tokens t
  cross join lateral (values
    ('expiresAt', ${json(isoText(sql.ref('t.expires_at')))}),
    ('active', ${json(sql.ref('t.active'))}),
    ('sentAt', ${json(isoText(sql.ref('t.sent_at')))})
  ) as f(key, value)
  where t.third_party_id = ${id}`;

/** A record's field map as one JSON object, for a jsonb parameter. */
const fieldsJson = (record: ThirdParty): string => {
  const values: Record<string, unknown> = {};
  for (const [key, text] of fieldValues(record)) values[key] = JSON.parse(text);
  return JSON.stringify(values);
};

export interface FieldDecision {
  /** The fields another writer changed since the base (sorted). */
  readonly theirs: readonly FieldKey[];
  /** Those that collide with this change: a conflict when not empty. */
  readonly conflicts: readonly FieldKey[];
}

export interface DecisionInput {
  readonly base: ThirdParty;
  /** The record as this writer made it (undefined: deleted; then every field of theirs collides). */
  readonly record: ThirdParty | undefined;
  readonly fields: readonly FieldKey[];
  readonly reads: readonly FieldKey[];
}

/** Decided on the stored record with this id (which must exist). */
export const decideFields = async (db: Kysely<Tables>, id: string, input: DecisionInput): Promise<FieldDecision> => {
  const mine = input.record ? fieldsJson(input.record) : '{}';
  const {rows} = await sql<{theirs: string[]; conflicts: string[]}>`
    with stored as (${storedFields(id)}),
    base as (select key, value from jsonb_each(${fieldsJson(input.base)}::jsonb)),
    mine as (select key, value from jsonb_each(${mine}::jsonb)),
    theirs as (
      select coalesce(b.key, s.key) as key, s.value as stored
      from base b full join stored s on s.key = b.key
      where b.value is distinct from s.value
    )
    select
      coalesce((select array_agg(key order by key) from theirs), '{}') as theirs,
      coalesce((
        select array_agg(t.key order by t.key)
        from theirs t left join mine m on m.key = t.key
        where (t.key = any(${[...input.fields]}::text[]) and m.value is distinct from t.stored) or t.key = any(${[...input.reads]}::text[])
      ), '{}') as conflicts`.execute(db);
  const row = rows[0]!;
  return {theirs: row.theirs, conflicts: row.conflicts};
};
