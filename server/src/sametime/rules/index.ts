// The Sametime rule set. Adding a rule: one file here, one docs page in docs/rules/sametime/, valid and
// invalid cases in test/sametime/rules.test.ts.
import type { SametimeRule } from '../lint';
import { danglingReference } from './dangling-reference';
import { hashComment } from './hash-comment';
import { invalidValue } from './invalid-value';
import { misplacedCommunity } from './misplaced-community';
import { requiredAttribute } from './required-attribute';
import { typographicQuotes } from './typographic-quotes';
import { unknownAttribute } from './unknown-attribute';

export const SAMETIME_RULES: SametimeRule[] = [
  typographicQuotes,
  hashComment,
  requiredAttribute,
  invalidValue,
  unknownAttribute,
  danglingReference,
  misplacedCommunity,
];
