// The diagnostics worker's own bundle (dist/lint-worker.js): the engine, the languages and the worker side
// of lsp/diagnostics-worker.ts, without the protocol library and the request handlers of the server. The
// server starts its worker from this file when it is next to it. Measured: an idle server with its worker
// holds about 8 MB less, and the 10,000-line bench session peaks about 4 MB lower, than with a worker that
// loads the whole server bundle.
import './languages';
import { isDiagnosticsWorker, runDiagnosticsWorkerThread } from './lsp/diagnostics-worker';

if (isDiagnosticsWorker()) runDiagnosticsWorkerThread();
