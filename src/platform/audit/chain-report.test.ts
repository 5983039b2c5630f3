import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chainReport } from './chain-report.ts';
import { auditKey } from './audit-key.ts';

const key = auditKey('a-test-key-of-at-least-32-characters-long');

describe('audit:verify report', () => {
  it('an intact log exits 0 and says how many entries are keyed and with which key', () => {
    const report = chainReport({ ok: true, checked: 12, keyed: 9 }, key, 'AUDIT_KEY');
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.lines, [`Audit log intact: 12 entries checked, 9 keyed with audit key ${key.id} and 3 from before keying.`]);
  });

  it('a changed entry exits 1 and names it', () => {
    const report = chainReport(
      { ok: false, checked: 4, brokenId: '5', problem: 'changed', reason: 'content does not match its hash (entry changed)' },
      key,
      'AUDIT_KEY_FILE',
    );
    assert.equal(report.exitCode, 1);
    assert.match(report.lines[0]!, /^Audit log BROKEN at entry 5: content does not match its hash \(entry changed\) \(4 entries before it are intact\)\.$/);
  });

  it('a wrong key is reported as a wrong key, with what to set, not as tampering', () => {
    const report = chainReport({ ok: false, checked: 0, brokenId: '1', problem: 'wrong_key', reason: 'written with audit key abc' }, key, 'AUDIT_KEY');
    assert.equal(report.exitCode, 1);
    assert.match(report.lines.join('\n'), /Cannot verify the audit log with this key/);
    assert.match(report.lines.join('\n'), /AUDIT_KEY \(or AUDIT_KEY_FILE\) set to the key the app runs with/);
    assert.doesNotMatch(report.lines.join('\n'), /BROKEN/);
  });

  it('a missing key says the development key was used', () => {
    const wrong = chainReport({ ok: false, checked: 0, brokenId: '1', problem: 'wrong_key', reason: 'written with audit key abc' }, key, 'development');
    assert.match(wrong.lines.join('\n'), /AUDIT_KEY \(or AUDIT_KEY_FILE\) is not set: checked with the built-in development key/);
    const intact = chainReport({ ok: true, checked: 1, keyed: 1 }, key, 'development');
    assert.match(intact.lines.join('\n'), /not for production/);
  });
});
