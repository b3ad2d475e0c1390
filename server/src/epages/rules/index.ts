// The ePages rule set, in the order findings are computed. Adding a rule: one file here, one docs page
// in docs/rules/epages/, valid and invalid cases in test/epages/rules.test.ts.
import type { EpagesRule } from '../lint';
import { ignoredSetting } from './ignored-setting';
import { invalidValue } from './invalid-value';
import { lockFileChanged } from './lock-file-changed';
import { notExported } from './not-exported';
import { shellSyntax } from './shell-syntax';
import { unknownKey } from './unknown-key';

export const EPAGES_RULES: EpagesRule[] = [shellSyntax, unknownKey, invalidValue, lockFileChanged, notExported, ignoredSetting];
