// The httpd rule set, in the order findings are computed. Adding a rule: one file here, one docs page
// in docs/rules/httpd/, valid and invalid cases in test/httpd/*rules.test.ts.
import type { HttpdRule } from '../lint';
import { access403Plugin } from './access-403-plugin';
import { allowlistMissingHost } from './allowlist-missing-host';
import { allowlistRegex } from './allowlist-regex';
import { argumentCount } from './argument-count';
import { directiveContext } from './directive-context';
import { errordocumentUrl } from './errordocument-url';
import { includeCycle, includeMissing } from './include';
import { linkPlaceholderRule } from './link-placeholder';
import { maintenanceMarker } from './maintenance-marker';
import { maintenancePage } from './maintenance-page';
import { mixedAccessControl } from './mixed-access-control';
import { moduleNotLoaded } from './module-not-loaded';
import { remoteHost } from './remote-host';
import { retryAfter } from './retry-after';
import { rewriteSyntax } from './rewrite-syntax';
import { rewriteNotInherited } from './rewrite-not-inherited';
import { SECURITY_RULES } from './security';
import { sectionMismatch } from './section-mismatch';
import { undefinedVariable } from './undefined-variable';
import { unknownDirective } from './unknown-directive';
import { unterminatedQuote } from './unterminated-quote';

export const HTTPD_RULES: HttpdRule[] = [
  // the configuration as Apache reads it (issue 2)
  sectionMismatch,
  unknownDirective,
  directiveContext,
  argumentCount,
  moduleNotLoaded,
  includeMissing,
  includeCycle,
  linkPlaceholderRule,
  unterminatedQuote,
  rewriteSyntax,
  // navigation (issue 14)
  undefinedVariable,
  // maintenance windows (issue 4)
  allowlistMissingHost,
  allowlistRegex,
  remoteHost,
  maintenancePage,
  errordocumentUrl,
  retryAfter,
  rewriteNotInherited,
  access403Plugin,
  mixedAccessControl,
  // security (issue 14)
  ...SECURITY_RULES,
  // guarded maintenance (issue 13)
  maintenanceMarker,
];
