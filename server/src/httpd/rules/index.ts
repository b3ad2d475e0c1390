// The httpd rule set, in the order findings are computed. Adding a rule: one file here, one docs page
// in docs/rules/httpd/, valid and invalid cases in test/httpd/rules.test.ts.
import type { HttpdRule } from '../lint';
import { argumentCount } from './argument-count';
import { directiveContext } from './directive-context';
import { includeCycle, includeMissing } from './include';
import { moduleNotLoaded } from './module-not-loaded';
import { sectionMismatch } from './section-mismatch';
import { unknownDirective } from './unknown-directive';
import { unterminatedQuote } from './unterminated-quote';

export const HTTPD_RULES: HttpdRule[] = [
  sectionMismatch,
  unknownDirective,
  directiveContext,
  argumentCount,
  moduleNotLoaded,
  includeMissing,
  includeCycle,
  unterminatedQuote,
];
