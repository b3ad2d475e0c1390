// Facts from package.json the CLI prints: version, the project's home page and where the rule pages
// live on the web (SARIF needs absolute help URIs). esbuild inlines package.json into the bundle.
// A plain require (not an import) so that tsc does not copy package.json into its output folder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { name: string; version: string; repository?: string | { url?: string }; homepage?: string };

function repositoryWebUrl(): string {
  const repo = (pkg as { repository?: string | { url?: string } }).repository;
  const raw = typeof repo === 'string' ? repo : repo?.url ?? '';
  const m = /github\.com[/:]([^/]+\/[^/#]+?)(?:\.git)?(?:[#/].*)?$/.exec(raw);
  if (m) return `https://github.com/${m[1]}`;
  const home = (pkg as { homepage?: string }).homepage ?? '';
  return home.replace(/#.*$/, '').replace(/\/$/, '');
}

const web = repositoryWebUrl();

export const PACKAGE = {
  name: pkg.name,
  version: pkg.version,
  /** The project's page (README). */
  informationUri: web,
  /** Base of documentation URLs: `${docsBase}/docs/rules/<code>.md`. */
  docsBase: `${web}/blob/main`,
};
