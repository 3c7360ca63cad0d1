/**
 * Prints the plain closing line CI reads — `N passed, N failed, N skipped` — added up over
 * every project (unit and end-to-end). A file that failed to load, and a suite whose hook
 * failed (its tests then show as skipped), each count as one failure.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      let tests = 0;
      for (const t of m.children.allTests()) {
        tests++;
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      for (const suite of m.children.allSuites()) if (suite.errors().length > 0) failed++;
      if (m.errors().length > 0 || (tests === 0 && m.state() === 'failed')) failed++;
    }
    failed += errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
