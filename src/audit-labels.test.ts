import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { auditActionLabels } from './admin/audit-labels.ts';
import { referralChangeTypes } from './referrals/change-referral.ts';

/**
 * The audit log (NEN 7513) is read by people: every action the code writes has a readable Dutch
 * name in admin/audit-labels.ts. The actions are collected from the code itself, so a new one
 * without a label fails here: every `action:` property of the source (tests left out), the string
 * literals in its value (a ternary gives two), a constant map it reads from in the same file, and the
 * one family written with a template, `referral.<type>`, expanded with referralChangeTypes.
 */

const SRC = import.meta.dirname;
const ACTION = /^[a-z_]+\.[a-z_]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Found {
  actions: Set<string>;
  /** Template-literal actions other than the known family: a reviewer must write these out. */
  unknownTemplates: string[];
}

function stringsIn(node: ts.Node, into: Set<string>): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    if (ACTION.test(node.text)) into.add(node.text);
    return;
  }
  node.forEachChild((child) => stringsIn(child, into));
}

function collectActions(): Found {
  const found: Found = { actions: new Set(), unknownTemplates: [] };
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const constants = new Map<string, ts.Expression>();
    const visitConstants = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
      node.forEachChild(visitConstants);
    };
    visitConstants(source);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'action') {
        const value = node.initializer;
        if (ts.isTemplateExpression(value)) {
          const where = `${relative(SRC, file)}: ${value.getText(source)}`;
          if (value.head.text === 'referral.' && relative(SRC, file) === join('referrals', 'change-referral.ts')) {
            for (const type of referralChangeTypes) found.actions.add(`referral.${type}`);
          } else found.unknownTemplates.push(where);
        } else {
          stringsIn(value, found.actions);
          // `action: verifiedActions[kind]`: the map is a constant of the same file.
          const base = ts.isElementAccessExpression(value) ? value.expression : value;
          if (ts.isIdentifier(base)) {
            const constant = constants.get(base.text);
            if (constant) stringsIn(constant, found.actions);
          }
        }
      }
      node.forEachChild(visit);
    };
    visit(source);
  }
  return found;
}

test('every audit action written anywhere in the code has a readable Dutch and English name', () => {
  const { actions, unknownTemplates } = collectActions();
  assert.ok(actions.size > 50, `only ${actions.size} actions found: the scan is broken`);
  for (const known of ['referral.accepted', 'admin.user_disabled', 'admin.user_enabled', 'socialmap.service_verified']) {
    assert.ok(actions.has(known), `the scan missed ${known}`);
  }
  const missing = [...actions].filter((a) => !auditActionLabels[a]?.nl || !auditActionLabels[a]?.en).sort();
  assert.deepEqual(missing, [], `audit actions without a label in src/admin/audit-labels.ts: ${missing.join(', ')}`);
  assert.deepEqual(unknownTemplates, [], 'write audit actions out as strings (or extend this test with the family), so their labels can be checked');
});

test('an audit label is Dutch words, not the action code', () => {
  for (const [action, label] of Object.entries(auditActionLabels)) {
    assert.doesNotMatch(label.nl, /[a-z]+[._][a-z]+/, `${action}: "${label.nl}"`);
  }
});
