/**
 * What the database user tpa connects as needs (the README lists it; `tpa doctor` checks it).
 * Nothing more: the audit log is only ever added to, so no UPDATE or DELETE there; the schema is
 * changed only by `tpa migrate`, which may run as another user (the tables' owner).
 */
import {sql, type Kysely} from 'kysely';
import type {Tables} from './tables.js';

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const ALL: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

const REQUIRED_PRIVILEGES: Readonly<Record<keyof Tables | 'tpa_migration', readonly Privilege[]>> = {
  data_revision: ['SELECT', 'UPDATE'],
  settings: ALL,
  third_parties: ALL,
  tokens: ALL,
  deleted_third_parties: ['SELECT', 'INSERT', 'UPDATE'],
  audit_log: ['SELECT', 'INSERT'],
  last_used: ALL,
  authorization_codes: ALL,
  waiting_approvals: ALL,
  // The schema version, read at every start.
  tpa_migration: ['SELECT'],
};

/** Sequences whose values an INSERT takes. */
const REQUIRED_SEQUENCES = ['audit_log_id_seq'] as const;

/** "GRANT …" lines that give a user exactly what tpa needs (the README's, and doctor's fix). */
export const grantStatements = (user: string): string[] => [
  ...Object.entries(REQUIRED_PRIVILEGES).map(([table, privileges]) => `GRANT ${privileges.join(', ')} ON ${table} TO ${user};`),
  ...REQUIRED_SEQUENCES.map(sequence => `GRANT USAGE ON SEQUENCE ${sequence} TO ${user};`),
];

/** The privileges the connected user lacks, as "INSERT on audit_log"; empty when it has them all. */
export const missingPrivileges = async (db: Kysely<Tables>): Promise<string[]> => {
  const missing: string[] = [];
  for (const [table, privileges] of Object.entries(REQUIRED_PRIVILEGES)) {
    // A table an older schema does not have yet is tpa migrate's to make, not a privilege missing.
    const {rows: found} = await sql<{found: boolean}>`select to_regclass(${table}) is not null as found`.execute(db);
    if (!found[0]?.found) continue;
    for (const privilege of privileges) {
      const {rows} = await sql<{held: boolean}>`select has_table_privilege(${table}, ${privilege}) as held`.execute(db);
      if (!rows[0]?.held) missing.push(`${privilege} on ${table}`);
    }
  }
  for (const sequence of REQUIRED_SEQUENCES) {
    const {rows: found} = await sql<{found: boolean}>`select to_regclass(${sequence}) is not null as found`.execute(db);
    if (!found[0]?.found) continue;
    const {rows} = await sql<{held: boolean}>`select has_sequence_privilege(${sequence}, 'USAGE') as held`.execute(db);
    if (!rows[0]?.held) missing.push(`USAGE on the sequence ${sequence}`);
  }
  return missing;
};
