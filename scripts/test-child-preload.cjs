// Loaded (--require) into every test file's process by scripts/run-tests.mjs. Such a process reports its
// results to the runner over stdout, a pipe, which Node writes asynchronously on Linux; with
// --test-force-exit the runner ends the process once its last test is done, and results still queued in
// that pipe were lost (the run then counted fewer tests, with no failure: nodejs/node#64833). Blocking
// writes make each report leave the process before it can end.
'use strict';
const handle = process.stdout && process.stdout._handle;
if (handle && typeof handle.setBlocking === 'function') handle.setBlocking(true);
