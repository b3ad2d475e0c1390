// The phase-script rule set, in the order findings are computed. Adding a rule: one file here, one
// docs page in docs/rules/phase/, valid and invalid cases in test/phasescripts/rules.test.ts.
import type { PhaseRule } from '../lint';
import { separator } from './separator';
import { unknownEnvVar } from './unknown-env-var';
import { unknownModule } from './unknown-module';
import { unknownPhase } from './unknown-phase';

export const PHASE_RULES: PhaseRule[] = [unknownPhase, separator, unknownModule, unknownEnvVar];
