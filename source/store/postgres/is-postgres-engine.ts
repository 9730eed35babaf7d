/** Whether an engine is a database's: a check on its shape, so that asking it does not load the PostgreSQL client (pg, kysely). */
import type {Engine} from '../engine.js';
import type {PostgresEngine} from './postgres-engine.js';

/** The engine of a database: what the servers share beyond the data (codes, approvals, Last used) goes through its connection. */
export const isPostgresEngine = (engine: Engine): engine is PostgresEngine => 'connection' in engine && 'lastUsed' in engine;
