// The diagnostics worker's own bundle (dist/lint-worker.js): the engine, the languages and the worker side
// of lsp/diagnostics-worker.ts, without the protocol library and the request handlers of the server. The
// server starts its worker from this file when it is next to it; the worker's thread then holds about
// 8 MB less code and data than one that loads the whole server bundle.
import './languages';
import { isDiagnosticsWorker, runDiagnosticsWorkerThread } from './lsp/diagnostics-worker';

if (isDiagnosticsWorker()) runDiagnosticsWorkerThread();
