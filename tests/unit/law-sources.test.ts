/**
 * The project's own sources (lib/clauses/sources.md) against what the product can show:
 * every catalog clause traces to its entry word for word (instrument, article, text, tag,
 * confidence, whom it binds), every sanction line uses the safe wording recorded there, and
 * whatever a PPPK or PPNPN user can be shown binds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, EMPLOYEE_STATUSES, ROLES, type Role } from '../../lib/model';
import { ALL_CLAUSES, SANCTIONS, lawFor } from '../../lib/clauses';

const SOURCES = readFileSync(join(__dirname, '../../lib/clauses/sources.md'), 'utf8');

interface Entry {
  fields: Record<string, string>;
  text: string;
}

/** `### <id>` sections: `- key: value` lines and one ```text block. */
function parseSources(md: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const sections = md.split(/^### /m).slice(1);
  for (const sec of sections) {
    const id = sec.slice(0, sec.indexOf('\n')).trim();
    const fields: Record<string, string> = {};
    for (const m of sec.matchAll(/^- ([a-z ]+): (.*)$/gm)) fields[m[1]] = m[2].trim();
    const text = /```text\n([\s\S]*?)\n```/.exec(sec)?.[1] ?? '';
    out.set(id, { fields, text });
  }
  return out;
}

const entries = parseSources(SOURCES);
const skbTitle = entries.get('skb-2022-medsos')!.fields.instrument;

describe('lib/clauses/sources.md', () => {
  it('has an entry for every clause the catalog holds, and no entry the catalog lacks', () => {
    expect([...entries.keys()].sort()).toEqual(Object.keys(ALL_CLAUSES).sort());
  });

  for (const c of Object.values(ALL_CLAUSES)) {
    it(`${c.id}: text, instrument, article, tag, confidence and binding match word for word`, () => {
      const e = entries.get(c.id)!;
      expect(e, c.id).toBeDefined();
      expect(c.text).toBe(e.text);
      const instrument = e.fields.instrument.startsWith('(the same SKB 2022') ? skbTitle : e.fields.instrument;
      expect(c.instrument.full).toBe(instrument);
      expect(c.article).toBe(e.fields.article);
      expect(c.source).toBe(e.fields.tag);
      expect(c.confidence).toBe(e.fields.confidence);
      expect(c.citationConfidence ?? '').toBe(e.fields['numbering confidence'] ?? '');
      expect([...c.appliesTo].sort().join(', ')).toBe(e.fields.binds.split(/,\s*/).sort().join(', '));
      if (c.instrument.issued) expect(c.instrument.issued).toBe(e.fields.issued ?? entries.get('skb-2022-medsos')!.fields.issued);
      expect(e.fields['read in']?.length ?? 0).toBeGreaterThan(20);
    });
  }

  it('records the safe wording each sanction line uses', () => {
    for (const s of Object.values(SANCTIONS)) {
      const m = new RegExp(`^- ${s.status}: \`([^\`]+)\``, 'm').exec(SOURCES);
      expect(m, s.status).not.toBeNull();
      expect(s.wording.id).toContain(m![1]);
    }
  });

  it('shows a PPPK or PPNPN user only what binds them, for every role, election and action', () => {
    const roles: (Role | undefined)[] = [...ROLES, undefined];
    for (const status of ['pppk', 'ppnpn'] as const)
      for (const role of roles)
        for (const election of ['pemilu-2029', 'pilkada-2031', undefined])
          for (const action of ACTIONS) {
            const law = lawFor({ action, subject: { role, election }, status });
            const shown = [...law.clauses, ...law.sanctions.flatMap((s) => s.basis)];
            for (const c of shown) {
              expect(c.appliesTo, `${status}: ${c.id}`).toContain(status);
              expect(entries.get(c.id)!.fields.binds.split(/,\s*/)).toContain(status);
            }
          }
  });

  it('names only statuses the product knows', () => {
    for (const e of entries.values()) for (const b of e.fields.binds.split(/,\s*/)) expect(EMPLOYEE_STATUSES).toContain(b);
  });
});
