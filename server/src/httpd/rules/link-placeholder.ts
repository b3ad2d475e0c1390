import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { linkPlaceholder, mayBePlaceholder } from '../link-placeholder';

const meta = defineRule({
  code: 'httpd/link-placeholder',
  language: 'apacheconf',
  title: 'A symbolic link checked out as a plain file that holds its target path',
  defaultSeverity: 'information',
  fix: 'none',
});

/**
 * Runs alone on such a file (lintHttpd leaves the other rules out): its text is a path, not directives,
 * and the configuration model reads the target in its place.
 */
export const linkPlaceholderRule: HttpdRule = {
  meta,
  check({ project, file, report }) {
    if (!mayBePlaceholder(file)) return;
    const link = linkPlaceholder(project, file.path, file.text);
    if (!link) return;
    const end = file.text.replace(/\r?\n$/, '').length;
    report(
      makeFinding(
        meta,
        0,
        end,
        `This file holds only the path ${link.written}: a symbolic link checked out as a plain file (Git does this where links are off, as Git for Windows does by default). Upkeep reads ${project.display(link.target)} in its place, as Apache follows the link; copied to a server as it is, Apache would refuse this file.`,
      ),
    );
  },
};
