#!/usr/bin/env node
'use strict';
const r = require('../dist/cli.js').main(process.argv.slice(2));
if (typeof r === 'number') process.exitCode = r;
else r.then(code => { process.exitCode = code; });
