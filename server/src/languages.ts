// Every language Upkeep knows, registered with the engine. The engine itself imports none of them: the
// faces (CLI, language server, public API) and the tests import this module, which loads each language's
// registration and re-exports the engine's lint entry points.
import './httpd/register';
import './phasescripts/register';
import './epages/register';
import './plugincfg/register';
import './sametime/register';
export * from './engine/languages';
