import type { Config } from '../config.ts';
import type { ChainVerdict } from './audit.ts';
import type { AuditKey } from './audit-key.ts';

/**
 * What `npm run cli -- audit:verify` prints and exits with: 0 when the chain is intact, 1 when it is
 * not — saying whether an entry was changed, removed or cut off, or whether the key given is not
 * the one the log was written with (AUDIT_KEY missing or wrong), which is no evidence of tampering.
 */
export function chainReport(verdict: ChainVerdict, key: AuditKey, keySource: Config['auditKeySource']): { exitCode: 0 | 1; lines: string[] } {
  const developmentKey =
    keySource === 'development' ? ['AUDIT_KEY (or AUDIT_KEY_FILE) is not set: checked with the built-in development key, which is not for production.'] : [];
  if (verdict.ok) {
    const unkeyed = verdict.checked - verdict.keyed;
    return {
      exitCode: 0,
      lines: [
        `Audit log intact: ${verdict.checked} entries checked, ${verdict.keyed} keyed with audit key ${key.id}${unkeyed ? ` and ${unkeyed} from before keying` : ''}.`,
        ...developmentKey,
      ],
    };
  }
  if (verdict.problem === 'wrong_key') {
    return {
      exitCode: 1,
      lines: [
        `Cannot verify the audit log with this key (entry ${verdict.brokenId}): ${verdict.reason}.`,
        ...developmentKey,
        'Run audit:verify with AUDIT_KEY (or AUDIT_KEY_FILE) set to the key the app runs with.',
      ],
    };
  }
  return {
    exitCode: 1,
    lines: [`Audit log BROKEN at entry ${verdict.brokenId}: ${verdict.reason} (${verdict.checked} entries before it are intact).`, ...developmentKey],
  };
}
