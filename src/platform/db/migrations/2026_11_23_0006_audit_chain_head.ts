import { sql, type Kysely } from 'kysely';

/**
 * The audit chain's head: one row holding the hash of the newest entry. Appending an entry is then
 * one statement that advances the head and inserts the entry (audit.ts), instead of a transaction
 * of five round trips under an advisory lock, which queued every request that read patient data.
 * The head also lets verification notice entries cut off the end of the log.
 *
 * Upgrade: stop every instance running the old code first. An old instance would keep appending
 * without moving the head, and the chain would fork. The locks below keep an append that is in
 * flight while migrating from slipping in between reading the newest entry and storing the head.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_chain_head (
      only_row boolean primary key default true check (only_row),
      prev_hash text not null,
      last_hash text not null
    )`.execute(db);
  const genesis = '0'.repeat(64);
  await sql`select pg_advisory_xact_lock(7513)`.execute(db);
  await sql`lock table audit_log in exclusive mode`.execute(db);
  await sql`
    insert into audit_chain_head (prev_hash, last_hash)
    select coalesce((select prev_hash from audit_log order by id desc limit 1), ${genesis}),
           coalesce((select hash from audit_log order by id desc limit 1), ${genesis})`.execute(db);
  // Without its row no entry could be appended: the database refuses to remove it.
  await sql`
    create or replace function audit_chain_head_keep() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_chain_head must keep its row';
    end $$`.execute(db);
  await sql`
    create trigger audit_chain_head_no_delete before delete or truncate on audit_chain_head
    for each statement execute function audit_chain_head_keep()`.execute(db);
}
