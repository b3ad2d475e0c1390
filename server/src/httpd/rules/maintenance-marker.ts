import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { BEGIN_MARKER, END_MARKER, foreignLines, scanMaintenanceMarkers } from '../maintenance-state';

const meta = defineRule({
  code: 'httpd/maintenance-marker',
  language: 'apacheconf',
  title: 'An Upkeep maintenance block whose begin or end marker is missing, or with lines Upkeep did not write',
  defaultSeverity: 'error',
  fix: 'none',
});

export const maintenanceMarker: HttpdRule = {
  meta,
  check({ file, report }) {
    const text = file.text;
    if (!text.includes('Upkeep maintenance mode')) return;
    const { blocks, damaged } = scanMaintenanceMarkers(text);
    for (const d of damaged) {
      report(
        makeFinding(
          meta,
          d.start,
          d.end,
          d.kind === 'begin-without-end'
            ? `This maintenance block has lost its end marker ("${END_MARKER}: end."): Upkeep cannot tell where it ends, so \`upkeep maintenance status\` reports it as damaged and \`off\` refuses. Put the end marker back after the block's last line, or delete the block by hand.`
            : `This end marker has no begin marker ("${BEGIN_MARKER}: begin ..."): Upkeep cannot tell where the block starts, so \`upkeep maintenance status\` reports it as damaged and \`off\` refuses. Put the begin marker back, or delete the block's lines by hand.`,
        ),
      );
    }
    for (const b of blocks) {
      for (const x of foreignLines(text, b)) {
        report(
          makeFinding(
            meta,
            x.start + (text.slice(x.start, x.end).length - text.slice(x.start, x.end).trimStart().length),
            x.end,
            'This line is inside an Upkeep maintenance block but Upkeep did not write it: leaving maintenance mode removes the whole block, so `upkeep maintenance off` refuses until the line is moved out of the block (or deleted).',
            { severity: 'warning' },
          ),
        );
      }
    }
  },
};
