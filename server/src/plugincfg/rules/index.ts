// The plugin-cfg.xml rule set. Adding a rule: one file here, one docs page in docs/rules/plugincfg/,
// valid and invalid cases in test/plugincfg/rules.test.ts.
import type { PluginCfgRule } from '../lint';
import { attributeCase } from './attribute-case';
import { danglingReference } from './dangling-reference';
import { duplicateCloneId } from './duplicate-clone-id';
import { duplicateName } from './duplicate-name';
import { emptyCluster } from './empty-cluster';
import { httpsTransport } from './https-transport';
import { invalidValue } from './invalid-value';
import { noPrimary } from './no-primary';
import { removeSpecialHeaders } from './remove-special-headers';

export const PLUGINCFG_RULES: PluginCfgRule[] = [
  danglingReference,
  duplicateName,
  duplicateCloneId,
  invalidValue,
  attributeCase,
  httpsTransport,
  removeSpecialHeaders,
  emptyCluster,
  noPrimary,
];
