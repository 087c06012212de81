import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool, dropSchema, migrate } from '../src/index.js';
import { DATABASE_URL } from './helpers.js';

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
const MINE = '1767398400000_dispatch_slots.sql';

describe('the dispatch-slots migration (real PostgreSQL)', () => {
  const schema = `tzt_mig_${randomBytes(4).toString('hex')}`;
  afterAll(async () => { await dropSchema(DATABASE_URL, schema); });

  it('goes down keeping the progress counters (shards summed) and comes back up', async () => {
    await migrate(DATABASE_URL, { schema });
    const pool = createPool(DATABASE_URL, { schema, max: 2 });
    try {
      const c = await pool.query<{ id: string }>(`INSERT INTO campaigns (name, script_id, script_version, timezone, start_date, windows, retry_delays_minutes)
        VALUES ('m', 's', '1', 'UTC', '2025-01-01', '{}', '{}') RETURNING id::text`);
      const id = c.rows[0]!.id;
      await pool.query(`INSERT INTO campaign_counters (campaign_id, name, shard, value) VALUES ($1, 'contact.active', 0, 2), ($1, 'contact.active', 5, 3), ($1, 'attempt.queued', 7, 4)`, [id]);
      // Down to just before this migration (later ones, if any, go down first).
      const later = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f > MINE).length;
      const down = await migrate(DATABASE_URL, { schema, direction: 'down', count: later + 1 });
      expect(down.at(-1)).toBe(MINE.replace('.sql', ''));
      const rows = await pool.query<{ name: string; value: string }>('SELECT name, value::text FROM campaign_counters WHERE campaign_id = $1 ORDER BY name', [id]);
      expect(rows.rows).toEqual([{ name: 'attempt.queued', value: '4' }, { name: 'contact.active', value: '5' }]);
      const slots = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'dial_slots'", [schema]);
      expect(slots.rowCount).toBe(0);
      expect((await migrate(DATABASE_URL, { schema }))[0]).toBe(MINE.replace('.sql', ''));
      const back = await pool.query<{ shard: number }>('SELECT shard FROM campaign_counters WHERE campaign_id = $1', [id]);
      expect(back.rows.every((r) => r.shard === 0)).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
